/* gcm-search-stages.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages of a query (see gcm-search.c for their order), each one SQL statement built with
 * its values bound, and the collection of their rows into results.
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search-private.h"

#include <string.h>

#include "gcm-search-results-private.h"
#include "gcm-locale.h"
#include "gcm-search-query.h"

#define SNIPPET_TOKENS        16
#define TRIGRAM_SNIPPET_CHARS 48    /* trigram snippets count characters */
#define WINDOW_BEFORE         30    /* characters of context before an instr() hit */
#define WINDOW_CHARS          100

/* ------------------------------------------------------------------------------------------ */
/* SQL building: values are always bound, the text holds only fragments and placeholders      */

typedef struct
{
  char   *text;    /* NULL for an integer */
  gint64  integer;
} SqlParam;

typedef struct
{
  GString *sql;
  GArray  *params; /* SqlParam */
} Sql;

static void
clear_sql_param (gpointer data)
{
  g_free (((SqlParam *) data)->text);
}

static void
sql_init (Sql *s)
{
  s->sql = g_string_new (NULL);
  s->params = g_array_new (FALSE, TRUE, sizeof (SqlParam));
  g_array_set_clear_func (s->params, clear_sql_param);
}

static void
sql_clear (Sql *s)
{
  if (s->sql != NULL)
    g_string_free (s->sql, TRUE);
  g_clear_pointer (&s->params, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sql, sql_clear)

static void
sql_add (Sql        *s,
         const char *fragment)
{
  g_string_append (s->sql, fragment);
}

/* The language results are shown in: the query's when it is typed in Hangul or in Latin
 * letters, the reader's for codes and filters alone. */
static const char *
results_lang (const GcmSearchQuery *query)
{
  gboolean latin = FALSE;

  for (guint i = 0; i < query->n_words; i++)
    {
      if (gcm_search_query_has_hangul (query->words[i]))
        return "ko";
      for (const char *p = query->words[i]; *p; p++)
        latin |= g_ascii_isalpha (*p);
    }
  return latin ? "en" : gcm_locale_get_content_language ();
}

/* Starts @s with the columns every stage reads first: rowid, id, kind, title, chapter, summary,
 * the title and summary in results_lang(). The language is one of a fixed list, never typed
 * text, so it goes into the SQL as is. */
static void
sql_init_results (Sql                  *s,
                  const GcmSearchQuery *query)
{
  const char *lang = results_lang (query);

  sql_init (s);
  g_string_append_printf (s->sql,
                          "SELECT i.rowid, i.id, i.kind,"
                          " coalesce((SELECT t.title FROM item_title t WHERE t.item = i.rowid AND t.lang = '%s'), i.title),"
                          " i.chapter,"
                          " coalesce((SELECT t.summary FROM item_title t WHERE t.item = i.rowid AND t.lang = '%s'), i.summary)",
                          lang, lang);
}

static void
sql_ref (Sql   *s,
         guint  index)
{
  g_string_append_printf (s->sql, "?%u", index);
}

/* Adds a value to bind and returns its placeholder index, for sql_ref(). */
static guint
sql_bind (Sql        *s,
          const char *value)
{
  SqlParam param = { g_strdup (value), 0 };

  g_array_append_val (s->params, param);
  return s->params->len;
}

/* Appends a placeholder bound to @value. */
static void
sql_text (Sql        *s,
          const char *value)
{
  sql_ref (s, sql_bind (s, value));
}

static void
sql_int (Sql    *s,
         gint64  value)
{
  SqlParam param = { NULL, value };

  g_array_append_val (s->params, param);
  sql_ref (s, s->params->len);
}

/* `kind:` and `convention:` apply to the item row @alias. */
static void
sql_item_filters (Sql                  *s,
                  const GcmSearchQuery *query,
                  const char           *alias)
{
  if (query->kinds[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (" ", query->kinds);
      g_autofree char *spaced = g_strconcat (" ", joined, " ", NULL);

      sql_add (s, " AND instr(");
      sql_text (s, spaced);
      sql_add (s, ", ' ' || ");
      sql_add (s, alias);
      sql_add (s, ".kind || ' ') > 0");
    }
  for (guint i = 0; query->conventions[i] != NULL; i++)
    {
      g_autofree char *spaced = g_strconcat (" ", query->conventions[i], " ", NULL);

      sql_add (s, " AND instr(' ' || ");
      sql_add (s, alias);
      sql_add (s, ".conventions || ' ', ");
      sql_text (s, spaced);
      sql_add (s, ") > 0");
    }
}

/* The same filters inside an FTS5 scan. A correlated EXISTS leaves the `ORDER BY rank` to
 * FTS5, so rows stream in rank order and LIMIT stops the scan. */
static void
sql_fts_filters (Sql                  *s,
                 const GcmSearchQuery *query,
                 const char           *rowid)
{
  if (!gcm_search_query_has_filters (query))
    return;

  sql_add (s, " AND EXISTS (SELECT 1 FROM item AS f WHERE f.rowid = ");
  sql_add (s, rowid);
  sql_item_filters (s, query, "f");
  sql_add (s, ")");
}

/* Prepares @s and binds its values. The statement stays cached; reset it after use. */
static sqlite3_stmt *
prepare_sql (GcmSearch  *self,
             Sql        *s,
             GError    **error)
{
  sqlite3_stmt *stmt = _gcm_search_prepare (self, s->sql->str, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < s->params->len; i++)
    {
      const SqlParam *param = &g_array_index (s->params, SqlParam, i);

      if (param->text != NULL)
        sqlite3_bind_text (stmt, i + 1, param->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, param->integer);
    }
  return stmt;
}

/* ------------------------------------------------------------------------------------------ */
/* Collecting results                                                                         */

gboolean
_gcm_search_collector_is_full (const GcmSearchCollector *c)
{
  return gcm_search_results_get_n_results (c->results) >= c->limit;
}

static gboolean
collector_seen (const GcmSearchCollector *c,
                gint64                    rowid)
{
  for (guint i = 0; i < c->seen->len; i++)
    if (g_array_index (c->seen, gint64, i) == rowid)
      return TRUE;
  return FALSE;
}

/*
 * Prepares @s and steps the statement, whose columns are:
 *   0 rowid, 1 id, 2 kind, 3 title, 4 chapter, 5 summary, 6 snippet, 7 rank, 8 codes
 * and, for GCM_SEARCH_SNIPPET_WINDOW, 9 whether the window starts inside the body. @mark: the
 * words to mark in a window, by default the query's. @rest: (nullable): where to count the rows past a
 * full page, for a statement that has no LIMIT.
 */
static gboolean
collect_rows (GcmSearch              *self,
              Sql                    *s,
              GcmSearchCollector     *c,
              GcmSearchSnippetShape   shape,
              const char * const     *mark,
              guint                  *rest,
              GCancellable           *cancellable,
              GError                **error)
{
  sqlite3_stmt *stmt = prepare_sql (self, s, error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  while (!_gcm_search_collector_is_full (c) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_autofree char *marked = NULL;

      if (collector_seen (c, rowid))
        continue;

      marked = _gcm_search_make_snippet (c->query, shape,
                                         mark != NULL ? mark
                                                      : (const char * const *) c->query->words,
                                         (const char *) sqlite3_column_text (stmt, 6),
                                         (const char *) sqlite3_column_text (stmt, 5),
                                         (const char *) sqlite3_column_text (stmt, 8),
                                         shape == GCM_SEARCH_SNIPPET_WINDOW &&
                                         sqlite3_column_int (stmt, 9));
      _gcm_search_results_add (c->results,
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               _gcm_search_results_markup_snippet (marked, -1),
                               sqlite3_column_double (stmt, 7));
      g_array_append_val (c->seen, rowid);
    }

  if (rest != NULL && rc == SQLITE_ROW)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      (*rest)++;

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _gcm_search_set_error (self, cancellable, error, "Searching");
      _gcm_search_finish (stmt);
      return FALSE;
    }
  _gcm_search_finish (stmt);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Stages                                                                                     */

static void
sql_exclude_seen (Sql                *s,
                  GcmSearchCollector *c,
                  const char         *rowid)
{
  g_autoptr(GString) seen = g_string_new (",");

  if (c->seen->len == 0)
    return;
  for (guint i = 0; i < c->seen->len; i++)
    g_string_append_printf (seen, "%" G_GINT64_FORMAT ",", g_array_index (c->seen, gint64, i));
  sql_add (s, " AND instr(");
  sql_text (s, seen->str);
  sql_add (s, ", ',' || ");
  sql_add (s, rowid);
  sql_add (s, " || ',') = 0");
}

/* @table is `item_fts` or `item_stem`: a fixed name, never input. */
static gboolean
search_fts_tier (GcmSearch             *self,
                 const GcmSearchQuery  *query,
                 const char            *table,
                 const char            *match,
                 GcmSearchCollector    *c,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_auto(Sql) s = { 0 };
  g_autofree char *rowid = g_strconcat (table, ".rowid", NULL);

  sql_init_results (&s, query);
  sql_add (&s, ", m.snip, m.rank,"
               "  i.codes FROM (SELECT rowid AS rid, rank, ");
  if (self->has_functions)
    {
      sql_add (&s, "gcm_snippet(");
      sql_add (&s, table);
      sql_add (&s, ", ");
      sql_text (&s, query->snippet_terms);
      sql_add (&s, ")");
    }
  else
    {
      sql_add (&s, "snippet(");
      sql_add (&s, table);
      sql_add (&s, ", 4, x'01', x'02', '…', " G_STRINGIFY (SNIPPET_TOKENS) ")");
    }
  sql_add (&s, " AS snip FROM ");
  sql_add (&s, table);
  sql_add (&s, " WHERE ");
  sql_add (&s, table);
  sql_add (&s, " MATCH ");
  sql_text (&s, match);
  if (self->has_functions)
    sql_add (&s, " AND rank MATCH 'gcm_rank(10.0, 8.0, 6.0, 5.0, 1.0)'");
  /* Leave out the earlier tiers' hits before their snippets are made. */
  sql_exclude_seen (&s, c, rowid);
  sql_fts_filters (&s, query, rowid);
  sql_add (&s, " ORDER BY rank LIMIT ");
  sql_int (&s, c->limit - gcm_search_results_get_n_results (c->results));
  sql_add (&s, ") AS m JOIN item AS i ON i.rowid = m.rid ORDER BY m.rank");

  _gcm_search_rank_reset (&self->rank);
  return collect_rows (self, &s, c,
                       self->has_functions ? GCM_SEARCH_SNIPPET_OURS : GCM_SEARCH_SNIPPET_FTS,
                       NULL, NULL, cancellable, error);
}

/* Four tiers, so that where a word is found matters more than how often: items with every
 * word in the title come first, then those with every word in a title, code, keyword or
 * heading, then those found in the body, and last those found only through another form of
 * an English word (`item_stem`: `labelling` finds `labelled`), so exact matches always rank
 * above stemmed ones. (bm25 alone would not do it: it saturates quickly, and a short quiz with
 * the word in its keywords can outscore a long case with it in the title.) Within a tier, bm25
 * with the column weights 10/8/6/5/1 ranks (gcm_rank(), bm25 without the IDF: see
 * gcm-search-rank.c).
 *
 * Ranking costs time for every item found, and the first keystrokes of a word find most of a
 * large library, so a tier ranks at most RANK_CAP items, the first ones by id, and lists the
 * rest after them (see gcm-search-rank.c). Each further keystroke narrows the set; a manual of a
 * few hundred items never reaches the cap. */
gboolean
_gcm_search_stage_fts (GcmSearch             *self,
                       const GcmSearchQuery  *query,
                       GcmSearchCollector    *c,
                       GCancellable          *cancellable,
                       GError               **error)
{
  const char *tiers[] = { query->title_match, query->heading_match, query->match,
                          query->stem_match };

  for (guint i = 0; i < G_N_ELEMENTS (tiers) && !_gcm_search_collector_is_full (c); i++)
    {
      /* Code filters alone are the same expression in every tier. */
      if (tiers[i] == NULL || (i > 0 && i < 3 && g_strcmp0 (tiers[i], tiers[i - 1]) == 0))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !search_fts_tier (self, query, i < 3 ? "item_fts" : "item_stem", tiers[i], c,
                            cancellable, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_gcm_search_stage_trigram (GcmSearch             *self,
                           const GcmSearchQuery  *query,
                           GcmSearchCollector    *c,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_auto(Sql) s = { 0 };

  sql_init_results (&s, query);
  sql_add (&s,
           ", m.snip, m.rank, i.codes"
           " FROM (SELECT rowid AS rid, rank,"
           "  snippet(item_tri, 3, x'01', x'02', '…', "
           G_STRINGIFY (TRIGRAM_SNIPPET_CHARS) ") AS snip"
           "  FROM item_tri WHERE item_tri MATCH ");
  sql_text (&s, query->trigram_match);
  sql_fts_filters (&s, query, "item_tri.rowid");
  sql_add (&s, " ORDER BY rank LIMIT ");
  /* Hits already found come back too and are skipped. */
  sql_int (&s, c->limit + gcm_search_results_get_n_results (c->results));
  sql_add (&s, ") AS m JOIN item AS i ON i.rowid = m.rid ORDER BY m.rank");

  return collect_rows (self, &s, c, GCM_SEARCH_SNIPPET_FTS, NULL, NULL, cancellable, error);
}

static gboolean
is_short_hangul (const char *word)
{
  return gcm_search_query_has_hangul (word) && g_utf8_strlen (word, -1) <= 2;
}

/* 1–2 syllable Korean words inside compounds (`증거` in `형사증거`): neither prefix nor trigram
 * queries can find them, so scan the rows with instr(). The other words still go through
 * item_fts. A full scan costs a few ms per thousand items, so it runs only when all else found
 * nothing. The scan sorts every hit anyway, so it reads past the page to count them all. */
gboolean
_gcm_search_stage_substring (GcmSearch             *self,
                             const GcmSearchQuery  *query,
                             GcmSearchCollector    *c,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_auto(Sql) s = { 0 };
  g_autoptr(GPtrArray) shorts = g_ptr_array_new ();
  g_autofree char *others = NULL;
  guint skip = 0;
  guint first = 0;

  for (guint i = 0; i < query->n_words && i < 32; i++)
    if (is_short_hangul (query->words[i]))
      {
        skip |= 1u << i;
        g_ptr_array_add (shorts, query->words[i]);
      }
  if (shorts->len == 0)
    return TRUE;
  g_ptr_array_add (shorts, NULL);

  /* The window is cut in SQL so the sort holds 100 characters a row, not the body. */
  sql_init_results (&s, query);
  sql_add (&s, ",");
  sql_add (&s, " substr(i.body, max(instr(i.body, ?1) - " G_STRINGIFY (WINDOW_BEFORE) ", 1), "
               G_STRINGIFY (WINDOW_CHARS) "),");
  sql_add (&s, " CASE WHEN instr(i.search_title, ?1) > 0 THEN 0.0 ELSE 1.0 END AS r, i.codes,");
  sql_add (&s, " instr(i.body, ?1) > " G_STRINGIFY (WINDOW_BEFORE) " + 1");
  sql_add (&s, " FROM item AS i WHERE 1");
  for (guint i = 0; shorts->pdata[i] != NULL; i++)
    {
      guint n = sql_bind (&s, shorts->pdata[i]);

      if (i == 0)
        first = n;
      sql_add (&s, " AND (instr(i.search_title, ");
      sql_ref (&s, n);
      sql_add (&s, ") > 0 OR instr(i.keywords, ");
      sql_ref (&s, n);
      sql_add (&s, ") > 0 OR instr(i.headings, ");
      sql_ref (&s, n);
      sql_add (&s, ") > 0 OR instr(i.body, ");
      sql_ref (&s, n);
      sql_add (&s, ") > 0)");
    }
  g_assert (first == 1);

  others = gcm_search_query_dup_match (query, skip);
  if (others != NULL)
    {
      sql_add (&s, " AND i.rowid IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ");
      sql_text (&s, others);
      sql_add (&s, ")");
    }
  sql_item_filters (&s, query, "i");
  sql_add (&s, " ORDER BY r, i.kind, i.chapter, i.ord, i.id");

  return collect_rows (self, &s, c, GCM_SEARCH_SNIPPET_WINDOW,
                       (const char * const *) shorts->pdata, &c->total, cancellable, error);
}

/* `kind:case convention:cites` alone: list what the filters allow, in manual order. */
gboolean
_gcm_search_stage_filters_only (GcmSearch             *self,
                                const GcmSearchQuery  *query,
                                GcmSearchCollector    *c,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_auto(Sql) s = { 0 };

  sql_init_results (&s, query);
  sql_add (&s, ", NULL, 0.0"
               " FROM item AS i WHERE 1");
  sql_item_filters (&s, query, "i");
  sql_add (&s, " ORDER BY i.kind, i.chapter, i.ord, i.title");

  return collect_rows (self, &s, c, GCM_SEARCH_SNIPPET_FTS, NULL, &c->total, cancellable, error);
}

/* `SELECT rowid`, or with @count `SELECT count(*)`, of what @match finds in @table. */
static sqlite3_stmt *
prepare_rowids (GcmSearch             *self,
                const GcmSearchQuery  *query,
                const char            *table,
                const char            *match,
                gboolean               count,
                GError               **error)
{
  g_auto(Sql) s = { 0 };
  g_autofree char *rowid = g_strconcat (table, ".rowid", NULL);

  sql_init (&s);
  sql_add (&s, count ? "SELECT count(*) FROM " : "SELECT rowid FROM ");
  sql_add (&s, table);
  sql_add (&s, " WHERE ");
  sql_add (&s, table);
  sql_add (&s, " MATCH ");
  sql_text (&s, match);
  sql_fts_filters (&s, query, rowid);
  return prepare_sql (self, &s, error);
}

/* Counts what a full page left out: every item that @match matches in @table, or
 * @other_match in @other (the exact and the stemmed words), once. FTS5 returns rowids in
 * ascending order without ORDER BY, so a merge counts the union with no sort and no ranking;
 * one table alone is counted by count(*), which spares a step per row. */
gboolean
_gcm_search_count_hits (GcmSearch             *self,
                        const GcmSearchQuery  *query,
                        GcmSearchCollector    *c,
                        const char            *table,
                        const char            *match,
                        const char            *other,
                        const char            *other_match,
                        GCancellable          *cancellable,
                        GError               **error)
{
  sqlite3_stmt *exact = NULL;
  sqlite3_stmt *stem = NULL;
  guint n = 0;
  int ra, rb = SQLITE_DONE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (exact = prepare_rowids (self, query, table, match, other_match == NULL, error)) == NULL)
    return FALSE;
  if (other_match != NULL &&
      (stem = prepare_rowids (self, query, other, other_match, FALSE, error)) == NULL)
    {
      _gcm_search_finish (exact);
      return FALSE;
    }

  ra = sqlite3_step (exact);
  if (stem == NULL && ra == SQLITE_ROW)
    {
      n = sqlite3_column_int64 (exact, 0);
      ra = sqlite3_step (exact);
    }
  if (stem != NULL)
    rb = sqlite3_step (stem);
  while (stem != NULL && (ra == SQLITE_ROW || rb == SQLITE_ROW))
    {
      gint64 a = ra == SQLITE_ROW ? sqlite3_column_int64 (exact, 0) : G_MAXINT64;
      gint64 b = rb == SQLITE_ROW ? sqlite3_column_int64 (stem, 0) : G_MAXINT64;

      n++;
      if (a <= b)
        ra = sqlite3_step (exact);
      if (b <= a)
        rb = sqlite3_step (stem);
    }
  _gcm_search_finish (exact);
  if (stem != NULL)
    _gcm_search_finish (stem);
  if (ra != SQLITE_DONE || rb != SQLITE_DONE)
    return _gcm_search_set_error (self, cancellable, error, "Counting results");

  c->total = n - MIN (n, gcm_search_results_get_n_results (c->results));
  return TRUE;
}
