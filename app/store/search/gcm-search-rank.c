/* gcm-search-rank.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gcm_rank(), the ranking function of GcmSearch's connection, and the registration of the two
 * FTS5 functions that connection uses: gcm_rank() and gcm_snippet() (gcm-search-snippet.c).
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search-private.h"

#define RANK_CAP 1000  /* items ranked at most per tier, see rank_function() */

/* gcm_rank(w0, w1, …): BM25F, the field-weighted form of bm25, without the inverse document
 * frequency. Two departures from FTS5's bm25():
 *  - length is normalised per column (a hit in a short title against the average title),
 *    not over the whole row: a quiz has no body, and whole-row normalisation let a keyword in
 *    a quiz outrank the same keyword in a long section;
 *  - no IDF: bm25() finds it by running each phrase over the whole index once per query, and
 *    for the first letters of a word in a large library that is most of a query's time, paid
 *    again in every tier. Within a tier every item holds every word, and for one word the IDF
 *    is the same factor on every row, so only a mix of a rare and a frequent word ranks
 *    differently.
 * The weights, the saturation (k1 = 1.2) and b = 0.75 are bm25()'s. Registered on
 * GcmSearch's own connection only; the table's persistent rank stays bm25(10, 8, 6, 5, 1), so
 * any other tool can still read content.db. */
#define RANK_K1 1.2
#define RANK_B  0.75

void
_gcm_search_rank_reset (GcmSearchRankState *state)
{
  state->n_ranked = 0;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  GcmSearchRankState *state = api->xUserData (fts);
  int n_phrases = api->xPhraseCount (fts);
  int n_columns = MIN (api->xColumnCount (fts), GCM_SEARCH_RANK_MAX_COLUMNS);
  double score = 0;

  /* FTS5 ranks the rows it found in rowid order before it sorts them. Past RANK_CAP rows the
   * query is too broad for the order to mean much (a first keystroke): the rest score 0,
   * after every ranked row, without reading their positions. */
  if (state->n_ranked >= RANK_CAP)
    {
      sqlite3_result_double (context, 0.0);
      return;
    }

  if (state->n_ranked++ == 0)
    {
      sqlite3_int64 rows = 0;

      if (api->xRowCount (fts, &rows) != SQLITE_OK)
        rows = 0;
      for (int c = 0; c < n_columns; c++)
        {
          sqlite3_int64 tokens = 0;

          state->avglen[c] = 1.0;
          if (rows > 0 && api->xColumnTotalSize (fts, c, &tokens) == SQLITE_OK && tokens > 0)
            state->avglen[c] = (double) tokens / rows;
          state->weight[c] = c < n_values ? sqlite3_value_double (values[c]) : 1.0;
        }
    }

  for (int i = 0; i < n_phrases; i++)
    {
      int tf[GCM_SEARCH_RANK_MAX_COLUMNS] = { 0 };
      Fts5PhraseIter iter;
      int column, offset;
      double f = 0;

      for (api->xPhraseFirst (fts, i, &iter, &column, &offset);
           column >= 0;
           api->xPhraseNext (fts, &iter, &column, &offset))
        if (column < n_columns)
          tf[column]++;

      for (int c = 0; c < n_columns; c++)
        {
          int len = 0;

          if (tf[c] == 0)
            continue;
          if (api->xColumnSize (fts, c, &len) != SQLITE_OK)
            len = 0;
          f += state->weight[c] * tf[c] / (1 - RANK_B + RANK_B * len / state->avglen[c]);
        }
      score += f * (RANK_K1 + 1) / (f + RANK_K1);
    }

  sqlite3_result_double (context, -score);
}

gboolean
_gcm_search_register_functions (sqlite3            *db,
                                GcmSearchRankState *state)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  /* The documented way to reach FTS5's API from C: SELECT fts5(?1) with a typed pointer. */
  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api != NULL && api->iVersion >= 2 &&
         api->xCreateFunction (api, "gcm_rank", state, rank_function, NULL) == SQLITE_OK &&
         api->xCreateFunction (api, "gcm_snippet", NULL, _gcm_search_snippet_function,
                               NULL) == SQLITE_OK;
}
