/* gcm-search.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search over content.db (DESIGN.md §7).
 *
 * The schema half (gcm_search_install_schema(), gcm_search_refresh()) runs on whatever
 * connection creates or imports content.db. GcmSearch itself owns one read-only connection,
 * opened on the first query, and uses it from worker threads one query at a time. The window
 * asks through gcm_search_query_async(); the command line and the benchmark call
 * gcm_search_query(). A newer async query cancels the one before it, and cancelling calls
 * sqlite3_interrupt() on the connection, so a superseded query stops at once.
 *
 * A query runs in stages, each only when the one before left room:
 *  1. `item_fts` (unicode61, prefix indexes) with a snippet, in tiers: title hits, then hits in
 *     codes, keywords and headings, then body hits, then hits that only `item_stem` (porter)
 *     finds; bm25 with the weights 10/8/6/5/1 ranks within a tier (see search_fts() and
 *     rank_function()); gcm_snippet() picks the sentence each result shows;
 *  2. no hit: substrings of 3+ characters from `item_tri` (trigram), for a word typed from its
 *     middle (`pilep`, `급처치`); trigram queries cost several times a word query, so they run
 *     only when the words found nothing;
 *  3. no hit and a Hangul word of 1–2 syllables: instr() over the `item` rows — the trigram
 *     tokenizer cannot match 2 characters, and LIKE on a trigram table is broken in 3.40;
 *  4. still no hit: a half-typed Hangul syllable is completed from the jamo index
 *     (`발자` → `발작`), or a misspelt word corrected from the vocabulary within a bounded edit
 *     distance (`ivroy` → `ivory`); if the suggestion finds something, its results are returned
 *     with the suggestion ("Showing results for …").
 * A full page is followed by a count of every hit (count_hits()), for "20 of 57 results".
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search.h"
#include "gcm-store-private.h"

#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-search-query.h"
#include "gcm-search-results-private.h"
#include "gcm-search-snippet.h"
#include "gcm-store.h"

#define DEFAULT_LIMIT         20
#define MAX_LIMIT             200
#define SNIPPET_TOKENS        16
#define TRIGRAM_SNIPPET_CHARS 48    /* trigram snippets count characters */
#define WINDOW_BEFORE         30    /* characters of context before an instr() hit */
#define WINDOW_CHARS          100
#define SCAN_LIMIT            20000 /* suggestion candidates read at most */
#define RANK_CAP              1000  /* items ranked at most per tier, see rank_function() */
#define MAX_STATEMENTS        64
#define MAX_CODE_LABELS       3     /* codes a snippet names, then "…" */

/* Reads go through the OS page cache (mmap) instead of copies into SQLite's own cache. */
#define CONNECTION_SETUP_SQL \
  "PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;"

/* The state of gcm_rank() for one query: reset by reset_rank() before each ranked statement. FTS5 keeps an auxiliary
 * function's own data for as long as the statement lives, across executions, so the state
 * lives here, on the connection's owner, which runs one query at a time. */
#define RANK_MAX_COLUMNS 8

typedef struct
{
  guint  n_ranked;
  double avglen[RANK_MAX_COLUMNS];  /* set on the first row of the query */
  double weight[RANK_MAX_COLUMNS];
} RankState;

struct _GcmSearch
{
  GObject       parent_instance;

  char         *path;

  /* Held for the whole of a query: one query at a time uses the connection. */
  GMutex        db_lock;
  sqlite3      *db;
  GHashTable   *statements;     /* SQL → sqlite3_stmt */
  gboolean      has_functions;  /* gcm_rank() and gcm_snippet() are registered on db */
  RankState     rank;

  /* Guards the two below; never held while cancelling. */
  GMutex        run_lock;
  GCancellable *running;        /* borrowed: the cancellable of the query on db now */
  GCancellable *pending;        /* owned: that of the newest async query */
};

G_DEFINE_FINAL_TYPE (GcmSearch, gcm_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Schema                                                                                     */

static const char schema_sql[] =
  /* Words. External content: the text lives once, in `item`. */
  "CREATE VIRTUAL TABLE item_fts USING fts5 ("
  "  title, codes, keywords, headings, body,"
  "  content='item', content_rowid='rowid',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
  "INSERT INTO item_fts (item_fts, rank) VALUES ('rank', 'bm25(10.0, 8.0, 6.0, 5.0, 1.0)');"
  /* The same columns stemmed, where English word forms meet (labelled, labelling; seized*,
   * seizure). A table of its own, searched after item_fts, so exact matches rank first and
   * the vocabulary the suggestions come from stays made of real words. The prefix indexes
   * serve the short words typed beside a long one (`ivory c`), which are prefixes too. */
  "CREATE VIRTUAL TABLE item_stem USING fts5 ("
  "  title, codes, keywords, headings, body,"
  "  content='item', content_rowid='rowid',"
  "  tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3');"
  "INSERT INTO item_stem (item_stem, rank) VALUES ('rank', 'bm25(10.0, 8.0, 6.0, 5.0, 1.0)');"
  /* Substrings of 3+ characters (`pilep` in epilepticus, `급처치` in 응급처치). Never query
   * it with LIKE or GLOB: 3.40 returns no rows for short non-ASCII patterns. */
  "CREATE VIRTUAL TABLE item_tri USING fts5 ("
  "  title, keywords, headings, body,"
  "  content='item', content_rowid='rowid', tokenize='trigram');"
  "INSERT INTO item_tri (item_tri, rank) VALUES ('rank', 'bm25(10.0, 6.0, 5.0, 1.0)');"
  /* The index's vocabulary, always in step with it. */
  "CREATE VIRTUAL TABLE item_vocab USING fts5vocab (item_fts, 'row');"
  /* Derived from item_vocab by gcm_search_refresh(): the terms that can be suggested, with
   * the NFD jamo of Hangul terms so a half-typed syllable is a prefix of its word. */
  "CREATE TABLE search_term ("
  "  term TEXT PRIMARY KEY,"
  "  jamo TEXT,"                /* NULL unless the term has Hangul */
  "  len INTEGER NOT NULL,"     /* characters of jamo, or of term */
  "  doc INTEGER NOT NULL"      /* items that hold it */
  ") WITHOUT ROWID;"
  "CREATE INDEX search_term_jamo ON search_term (jamo) WHERE jamo IS NOT NULL;"
  /* The trigger trio from the FTS5 documentation; 'delete' needs the old values. */
  "CREATE TRIGGER item_search_insert AFTER INSERT ON item BEGIN"
  "  INSERT INTO item_fts (rowid, title, codes, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.codes, new.keywords, new.headings, new.body);"
  "  INSERT INTO item_stem (rowid, title, codes, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.codes, new.keywords, new.headings, new.body);"
  "  INSERT INTO item_tri (rowid, title, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.keywords, new.headings, new.body);"
  "END;"
  "CREATE TRIGGER item_search_delete AFTER DELETE ON item BEGIN"
  "  INSERT INTO item_fts (item_fts, rowid, title, codes, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.codes, old.keywords, old.headings, old.body);"
  "  INSERT INTO item_stem (item_stem, rowid, title, codes, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.codes, old.keywords, old.headings, old.body);"
  "  INSERT INTO item_tri (item_tri, rowid, title, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.keywords, old.headings, old.body);"
  "END;"
  "CREATE TRIGGER item_search_update"
  "  AFTER UPDATE OF rowid, title, codes, keywords, headings, body ON item BEGIN"
  "  INSERT INTO item_fts (item_fts, rowid, title, codes, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.codes, old.keywords, old.headings, old.body);"
  "  INSERT INTO item_stem (item_stem, rowid, title, codes, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.codes, old.keywords, old.headings, old.body);"
  "  INSERT INTO item_tri (item_tri, rowid, title, keywords, headings, body)"
  "    VALUES ('delete', old.rowid, old.title, old.keywords, old.headings, old.body);"
  "  INSERT INTO item_fts (rowid, title, codes, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.codes, new.keywords, new.headings, new.body);"
  "  INSERT INTO item_stem (rowid, title, codes, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.codes, new.keywords, new.headings, new.body);"
  "  INSERT INTO item_tri (rowid, title, keywords, headings, body)"
  "    VALUES (new.rowid, new.title, new.keywords, new.headings, new.body);"
  "END;";

/* Only words with a letter are worth suggesting; numbers are typed, not misspelt. */
static gboolean
is_suggestible (const char *term)
{
  gboolean has_letter = FALSE;
  guint n = 0;

  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p), n++)
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      has_letter = TRUE;
  return has_letter && n >= 2;
}

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

/* ------------------------------------------------------------------------------------------ */
/* Ranking                                                                                    */

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

static void
reset_rank (RankState *state)
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
  RankState *state = api->xUserData (fts);
  int n_phrases = api->xPhraseCount (fts);
  int n_columns = MIN (api->xColumnCount (fts), RANK_MAX_COLUMNS);
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
      int tf[RANK_MAX_COLUMNS] = { 0 };
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

/* ------------------------------------------------------------------------------------------ */
/* Snippets                                                                                   */

/* gcm_snippet(table, terms): the passage a result shows (gcm-search-snippet.c), made from the
 * body column (4) and the headings (3). @terms is GcmSearchQuery.snippet_terms, one phrase a
 * line. The phrases go through the table's own tokenizer, and so does the body, so a match is
 * what the index matched: folded, and stemmed in `item_stem` (`labelling` marks `labelled`).
 * Unlike snippet(), it marks the words in every tier, although a title tier's expression names
 * only the title. The result is private to this file: a letter (N, S, H or L, see
 * GcmSearchSnippetHit), the heading above the passage, SNIPPET_SEPARATOR, the passage. */
#define SNIPPET_SEPARATOR    '\x1e'
#define SNIPPET_MAX_TOKENS   8    /* tokens of one phrase looked at */
#define SNIPPET_MAX_PAIRS    64   /* phrase tokens in all, one bit each */
#define SNIPPET_MAX_SPANS    256

typedef struct
{
  char     *tokens[SNIPPET_MAX_TOKENS];
  guint     n_tokens;
  guint     first_pair;
  gboolean  prefix;
} SnippetPhrase;

typedef struct
{
  SnippetPhrase phrases[32];
  guint         n_phrases;
  guint         n_pairs;
  GArray       *tokens;   /* SnippetToken of the body */
} SnippetState;

typedef struct
{
  int     start;
  int     end;
  guint64 pairs;          /* bit: this token is that phrase token */
} SnippetToken;

static int
on_phrase_token_cb (void       *data,
                    int         flags,
                    const char *token,
                    int         n_token,
                    int         start,
                    int         end)
{
  SnippetState *state = data;
  SnippetPhrase *phrase = &state->phrases[state->n_phrases];

  if ((flags & FTS5_TOKEN_COLOCATED) != 0 || phrase->n_tokens >= SNIPPET_MAX_TOKENS ||
      phrase->first_pair + phrase->n_tokens >= SNIPPET_MAX_PAIRS)
    return SQLITE_OK;
  phrase->tokens[phrase->n_tokens++] = g_strndup (token, n_token);
  return SQLITE_OK;
}

static int
on_body_token_cb (void       *data,
                  int         flags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  SnippetState *state = data;
  SnippetToken t = { start, end, 0 };

  if ((flags & FTS5_TOKEN_COLOCATED) != 0)
    return SQLITE_OK;
  for (guint p = 0; p < state->n_phrases; p++)
    {
      const SnippetPhrase *phrase = &state->phrases[p];

      for (guint j = 0; j < phrase->n_tokens; j++)
        {
          const char *want = phrase->tokens[j];
          gsize n = strlen (want);
          gboolean prefix = phrase->prefix && j == phrase->n_tokens - 1;

          if ((prefix ? (gsize) n_token >= n : (gsize) n_token == n) &&
              memcmp (token, want, n) == 0)
            t.pairs |= G_GUINT64_CONSTANT (1) << (phrase->first_pair + j);
        }
    }
  g_array_append_val (state->tokens, t);
  return SQLITE_OK;
}

static void
snippet_function (const Fts5ExtensionApi  *api,
                  Fts5Context             *fts,
                  sqlite3_context         *context,
                  int                      n_values,
                  sqlite3_value          **values)
{
  SnippetState state = { 0 };
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GcmSearchSpan));
  g_autoptr(GcmSearchSnippet) snippet = NULL;
  g_auto(GStrv) lines = NULL;
  const char *body = NULL, *headings = NULL;
  int n_body = 0, n_headings = 0;
  GString *out;

  lines = g_strsplit (n_values > 0 ? (const char *) sqlite3_value_text (values[0]) ?: "" : "",
                      "\n", -1);
  for (guint i = 0; lines[i] != NULL && state.n_phrases < G_N_ELEMENTS (state.phrases); i++)
    {
      SnippetPhrase *phrase = &state.phrases[state.n_phrases];
      gsize len = strlen (lines[i]);

      phrase->first_pair = state.n_pairs;
      phrase->prefix = len > 0 && lines[i][len - 1] == '*';
      api->xTokenize (fts, lines[i], (int) len, &state, on_phrase_token_cb);
      if (phrase->n_tokens == 0)
        continue;
      state.n_pairs += phrase->n_tokens;
      state.n_phrases++;
    }

  if (api->xColumnText (fts, 4, &body, &n_body) != SQLITE_OK || body == NULL)
    n_body = 0;
  if (api->xColumnText (fts, 3, &headings, &n_headings) != SQLITE_OK || headings == NULL)
    n_headings = 0;

  state.tokens = g_array_new (FALSE, FALSE, sizeof (SnippetToken));
  if (state.n_phrases > 0 && n_body > 0)
    api->xTokenize (fts, body, n_body, &state, on_body_token_cb);

  /* A phrase matches where its tokens follow each other. */
  for (guint i = 0; i < state.tokens->len && spans->len < SNIPPET_MAX_SPANS; i++)
    for (guint p = 0; p < state.n_phrases; p++)
      {
        const SnippetPhrase *phrase = &state.phrases[p];
        guint j;

        for (j = 0; j < phrase->n_tokens && i + j < state.tokens->len; j++)
          if ((g_array_index (state.tokens, SnippetToken, i + j).pairs &
               (G_GUINT64_CONSTANT (1) << (phrase->first_pair + j))) == 0)
            break;
        if (j == phrase->n_tokens)
          {
            GcmSearchSpan span = {
              g_array_index (state.tokens, SnippetToken, i).start,
              g_array_index (state.tokens, SnippetToken, i + j - 1).end,
              p,
            };

            g_array_append_val (spans, span);
            break;
          }
      }

  {
    g_autofree char *b = g_strndup (body != NULL ? body : "", n_body);
    g_autofree char *h = g_strndup (headings != NULL ? headings : "", n_headings);

    snippet = _gcm_search_snippet_choose (b, h, (GcmSearchSpan *) (void *) spans->data, spans->len);
  }

  out = g_string_new (NULL);
  g_string_append_c (out, "NSHL"[snippet->hit]);
  if (snippet->heading != NULL)
    g_string_append (out, snippet->heading);
  g_string_append_c (out, SNIPPET_SEPARATOR);
  if (snippet->sentence != NULL)
    g_string_append (out, snippet->sentence);
  {
    int n = (int) out->len;

    sqlite3_result_text (context, g_string_free (out, FALSE), n, g_free);
  }

  for (guint p = 0; p <= state.n_phrases && p < G_N_ELEMENTS (state.phrases); p++)
    for (guint j = 0; j < state.phrases[p].n_tokens; j++)
      g_free (state.phrases[p].tokens[j]);
  g_array_unref (state.tokens);
}

static gboolean
register_functions (sqlite3   *db,
                    RankState *state)
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
         api->xCreateFunction (api, "gcm_snippet", NULL, snippet_function, NULL) == SQLITE_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Connection                                                                                 */

static gboolean
set_error (GcmSearch     *self,
           GCancellable  *cancellable,
           GError       **error,
           const char    *what)
{
  /* An interrupted statement is a cancelled query, reported the GIO way. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  gcm_sqlite_set_error (error, self->db, what);
  return FALSE;
}

static gboolean
ensure_open (GcmSearch  *self,
             GError    **error)
{
  sqlite3 *db = NULL;

  if (self->db != NULL)
    return TRUE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND,
                   "Could not open %s: there is no such file", self->path);
      return FALSE;
    }
  /* Read-only, and readable on a full or read-only disk too */
  db = _gcm_store_open_reader (self->path, error);
  if (db == NULL)
    return FALSE;

  /* Readers never wait in WAL mode, except while a checkpoint restarts the log. */
  sqlite3_busy_timeout (db, 2000);
  sqlite3_exec (db, CONNECTION_SETUP_SQL, NULL, NULL, NULL);
  self->has_functions = register_functions (db, &self->rank);
  if (!self->has_functions)
    g_debug ("Ranking with bm25() and snippet(): FTS5 did not take our functions");

  self->db = db;
  return TRUE;
}

static sqlite3_stmt *
prepare (GcmSearch   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  /* Queries come in a bounded number of shapes; this only guards against surprises. */
  if (g_hash_table_size (self->statements) >= MAX_STATEMENTS)
    g_hash_table_remove_all (self->statements);

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, self->db, "Preparing a search");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Prepares @s and binds its values. The statement stays cached; reset it after use. */
static sqlite3_stmt *
prepare_sql (GcmSearch  *self,
             Sql        *s,
             GError    **error)
{
  sqlite3_stmt *stmt = prepare (self, s->sql->str, error);

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

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* ------------------------------------------------------------------------------------------ */
/* Collecting results                                                                         */

/* Where a stage's snippet column comes from. */
typedef enum
{
  SNIPPET_OURS,    /* gcm_snippet() */
  SNIPPET_FTS,     /* snippet(), or NULL */
  SNIPPET_WINDOW,  /* a window of the body cut in SQL; the words are marked here */
} SnippetShape;

typedef struct
{
  GcmSearchResults     *results;
  GArray               *seen;   /* gint64 rowids already in results */
  guint                 limit;
  const GcmSearchQuery *query;
  guint                 total;  /* hits a full page left out, counted by the stage */
} Collector;

static gboolean
collector_is_full (const Collector *c)
{
  return gcm_search_results_get_n_results (c->results) >= c->limit;
}

static gboolean
collector_seen (const Collector *c,
                gint64           rowid)
{
  for (guint i = 0; i < c->seen->len; i++)
    if (g_array_index (c->seen, gint64, i) == rowid)
      return TRUE;
  return FALSE;
}

/* Marks every occurrence of @words in @text, for text the tokenizer did not see. */
static char *
mark_words (const char         *text,
            const char * const *words)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      gsize match = 0;

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          gsize len = strlen (words[i]);

          if (len > match && g_ascii_strncasecmp (p, words[i], len) == 0)
            match = len;
        }
      if (match > 0)
        {
          g_string_append_c (out, GCM_SEARCH_MARK_OPEN);
          g_string_append_len (out, p, match);
          g_string_append_c (out, GCM_SEARCH_MARK_CLOSE);
          p += match;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_mark (const char *text)
{
  return text != NULL && strchr (text, GCM_SEARCH_MARK_OPEN) != NULL;
}

/* snippet() and a window run across lines, a heading into its paragraph: keep the line of the
 * first match, or the first line. */
static char *
dup_marked_line (const char *text)
{
  const char *mark = strchr (text, GCM_SEARCH_MARK_OPEN);
  const char *start = mark != NULL ? mark : text;
  const char *end;

  while (start > text && start[-1] != '\n')
    start--;
  while (*start == '\n')
    start++;
  end = strchr (start, '\n');
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static gboolean
equals_undotted (const char *dotted,
                 const char *bare)
{
  if (strchr (dotted, '.') == NULL)
    return FALSE;
  for (; *dotted != '\0'; dotted++)
    {
      if (*dotted == '.')
        continue;
      if (*dotted != *bare)
        return FALSE;
      bare++;
    }
  return *bare == '\0';
}

/* The codes of an item (`hs:2903.14 hs:290314 un:1846`) that the query's code filters match,
 * as an officer writes them: "HS 2903.14, UN 1846". The importer adds an undotted HS code
 * beside each dotted one, so an undotted match is shown dotted, and once. */
static char *
dup_code_labels (const GcmSearchQuery *query,
                 const char           *codes)
{
  g_auto(GStrv) item_codes = g_strsplit (codes != NULL ? codes : "", " ", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; item_codes[i] != NULL; i++)
    {
      const char *code = item_codes[i];
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      const char *colon = strchr (code, ':');
      gboolean matched = FALSE, dup = FALSE;

      for (guint q = 0; query->codes[q] != NULL && !matched; q++)
        matched = query->code_prefix[q] ? g_str_has_prefix (code, query->codes[q])
                                        : strcmp (code, query->codes[q]) == 0;
      if (!matched || colon == NULL)
        continue;

      /* hs:290314 stands beside hs:2903.14: show the dotted one. */
      for (guint j = 0; item_codes[j] != NULL && strchr (colon, '.') == NULL; j++)
        if (j != i && equals_undotted (item_codes[j], code))
          {
            code = item_codes[j];
            colon = strchr (code, ':');
          }

      key = g_ascii_strup (code, colon - code);
      label = g_strdup_printf ("%s %s", key, colon + 1);
      for (guint l = 0; l < labels->len && !dup; l++)
        dup = strcmp (g_ptr_array_index (labels, l), label) == 0;
      if (!dup && labels->len == MAX_CODE_LABELS)
        {
          g_ptr_array_add (labels, g_strdup ("…"));
          break;
        }
      if (!dup)
        g_ptr_array_add (labels, g_steal_pointer (&label));
    }

  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

/*
 * The passage a result shows, marked (see gcm_search_results_get_result() for the forms):
 *  - a code query: the codes matched, then the heading and the sentence that name them;
 *  - a sentence of the body that holds the words, alone;
 *  - else the summary, when it holds the words;
 *  - else a list line of the body that holds them;
 *  - else a heading that holds them, then the first sentence under it;
 *  - else the summary, or the body's first sentence.
 */
static char *
make_snippet (const GcmSearchQuery *query,
              SnippetShape          shape,
              const char * const   *words,
              const char           *snippet,
              const char           *summary,
              const char           *codes,
              gboolean              window_inside)
{
  GcmSearchSnippetHit hit = GCM_SEARCH_SNIPPET_NONE;
  g_autofree char *heading = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *marked_summary = NULL;

  if (shape == SNIPPET_OURS && snippet != NULL && snippet[0] != '\0')
    {
      const char *sep = strchr (snippet, SNIPPET_SEPARATOR);

      const char *letters = "NSHL";
      const char *letter = strchr (letters, snippet[0]);

      hit = letter != NULL ? (GcmSearchSnippetHit) (letter - letters) : GCM_SEARCH_SNIPPET_NONE;
      if (sep != NULL)
        {
          if (sep > snippet + 1)
            heading = g_strndup (snippet + 1, sep - snippet - 1);
          if (sep[1] != '\0')
            sentence = g_strdup (sep + 1);
        }
    }
  else if (shape == SNIPPET_WINDOW && snippet != NULL)
    {
      g_autofree char *marked = mark_words (snippet, words);
      g_autofree char *line = dup_marked_line (marked);
      gboolean inside = window_inside && g_str_has_prefix (marked, line);

      sentence = g_strconcat (inside ? "…" : "", line, "…", NULL);
      hit = has_mark (sentence) ? GCM_SEARCH_SNIPPET_SENTENCE : GCM_SEARCH_SNIPPET_NONE;
    }
  else if (snippet != NULL && snippet[0] != '\0')
    {
      sentence = dup_marked_line (snippet);
      hit = has_mark (sentence) ? GCM_SEARCH_SNIPPET_SENTENCE : GCM_SEARCH_SNIPPET_NONE;
    }

  if (summary != NULL && summary[0] != '\0')
    marked_summary = mark_words (summary, words);

  if (query->codes[0] != NULL && (labels = dup_code_labels (query, codes)) != NULL)
    {
      if (hit != GCM_SEARCH_SNIPPET_NONE && sentence != NULL)
        return g_strdup_printf ("\x01%s\x02 — %s%s%s", labels, heading ? heading : "",
                                heading ? ": " : "", sentence);
      return g_strdup_printf ("\x01%s\x02%s%s", labels, marked_summary ? " — " : "",
                              marked_summary ? marked_summary : "");
    }
  if (hit == GCM_SEARCH_SNIPPET_SENTENCE && sentence != NULL)
    return g_steal_pointer (&sentence);
  if (has_mark (marked_summary))
    return g_steal_pointer (&marked_summary);
  if (hit == GCM_SEARCH_SNIPPET_LIST && sentence != NULL)
    return g_steal_pointer (&sentence);
  if (hit == GCM_SEARCH_SNIPPET_HEADING && heading != NULL)
    return sentence != NULL ? g_strdup_printf ("%s: %s", heading, sentence)
                            : g_steal_pointer (&heading);
  if (marked_summary != NULL)
    return g_steal_pointer (&marked_summary);
  return g_strdup (sentence != NULL ? sentence : "");
}

/*
 * Steps a statement whose columns are:
 *   0 rowid, 1 id, 2 kind, 3 title, 4 chapter, 5 summary, 6 snippet, 7 rank, 8 codes
 * and, for SNIPPET_WINDOW, 9 whether the window starts inside the body. @mark: the words to
 * mark in a window, by default the query's. @rest: (nullable): where to count the rows past a
 * full page, for a statement that has no LIMIT.
 */
static gboolean
collect_rows (GcmSearch           *self,
              sqlite3_stmt        *stmt,
              Collector           *c,
              SnippetShape         shape,
              const char * const  *mark,
              guint               *rest,
              GCancellable        *cancellable,
              GError             **error)
{
  int rc = SQLITE_DONE;

  while (!collector_is_full (c) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_autofree char *marked = NULL;

      if (collector_seen (c, rowid))
        continue;

      marked = make_snippet (c->query, shape, mark != NULL ? mark
                                                          : (const char * const *) c->query->words,
                             (const char *) sqlite3_column_text (stmt, 6),
                             (const char *) sqlite3_column_text (stmt, 5),
                             (const char *) sqlite3_column_text (stmt, 8),
                             shape == SNIPPET_WINDOW && sqlite3_column_int (stmt, 9));
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
      set_error (self, cancellable, error, "Searching");
      finish (stmt);
      return FALSE;
    }
  finish (stmt);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Stages                                                                                     */

static void
sql_exclude_seen (Sql        *s,
                  Collector  *c,
                  const char *rowid)
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
                 Collector             *c,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_auto(Sql) s = { 0 };
  g_autofree char *rowid = g_strconcat (table, ".rowid", NULL);
  sqlite3_stmt *stmt;

  sql_init (&s);
  sql_add (&s, "SELECT i.rowid, i.id, i.kind, i.title, i.chapter, i.summary, m.snip, m.rank,"
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

  stmt = prepare_sql (self, &s, error);
  reset_rank (&self->rank);
  return stmt != NULL &&
         collect_rows (self, stmt, c, self->has_functions ? SNIPPET_OURS : SNIPPET_FTS, NULL,
                       NULL, cancellable, error);
}

/* Four tiers, so that where a word is found matters more than how often: items with every
 * word in the title come first, then those with every word in a title, code, keyword or
 * heading, then those found in the body, and last those found only through another form of
 * an English word (`item_stem`: `labelling` finds `labelled`), so exact matches always rank
 * above stemmed ones. (bm25 alone would not do it: it saturates quickly, and a short quiz with
 * the word in its keywords can outscore a long case with it in the title.) Within a tier, bm25
 * with the column weights 10/8/6/5/1 ranks (gcm_rank(), bm25 without the IDF: see
 * rank_function()).
 *
 * Ranking costs time for every item found, and the first keystrokes of a word find most of a
 * large library, so a tier ranks at most RANK_CAP items, the first ones by id, and lists the
 * rest after them (see rank_function()). Each further keystroke narrows the set; a manual of a
 * few hundred items never reaches the cap. */
static gboolean
search_fts (GcmSearch             *self,
            const GcmSearchQuery  *query,
            Collector             *c,
            GCancellable          *cancellable,
            GError               **error)
{
  const char *tiers[] = { query->title_match, query->heading_match, query->match,
                          query->stem_match };

  for (guint i = 0; i < G_N_ELEMENTS (tiers) && !collector_is_full (c); i++)
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

static gboolean
search_trigram (GcmSearch             *self,
                const GcmSearchQuery  *query,
                Collector             *c,
                GCancellable          *cancellable,
                GError               **error)
{
  g_auto(Sql) s = { 0 };
  sqlite3_stmt *stmt;

  sql_init (&s);
  sql_add (&s,
           "SELECT i.rowid, i.id, i.kind, i.title, i.chapter, i.summary, m.snip, m.rank, i.codes"
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

  stmt = prepare_sql (self, &s, error);
  return stmt != NULL && collect_rows (self, stmt, c, SNIPPET_FTS, NULL, NULL, cancellable, error);
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
static gboolean
search_substring (GcmSearch             *self,
                  const GcmSearchQuery  *query,
                  Collector             *c,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_auto(Sql) s = { 0 };
  g_autoptr(GPtrArray) shorts = g_ptr_array_new ();
  g_autofree char *others = NULL;
  sqlite3_stmt *stmt;
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

  sql_init (&s);
  /* The window is cut in SQL so the sort holds 100 characters a row, not the body. */
  sql_add (&s, "SELECT i.rowid, i.id, i.kind, i.title, i.chapter, i.summary,");
  sql_add (&s, " substr(i.body, max(instr(i.body, ?1) - " G_STRINGIFY (WINDOW_BEFORE) ", 1), "
               G_STRINGIFY (WINDOW_CHARS) "),");
  sql_add (&s, " CASE WHEN instr(i.title, ?1) > 0 THEN 0.0 ELSE 1.0 END AS r, i.codes,");
  sql_add (&s, " instr(i.body, ?1) > " G_STRINGIFY (WINDOW_BEFORE) " + 1");
  sql_add (&s, " FROM item AS i WHERE 1");
  for (guint i = 0; shorts->pdata[i] != NULL; i++)
    {
      guint n = sql_bind (&s, shorts->pdata[i]);

      if (i == 0)
        first = n;
      sql_add (&s, " AND (instr(i.title, ");
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

  stmt = prepare_sql (self, &s, error);
  return stmt != NULL &&
         collect_rows (self, stmt, c, SNIPPET_WINDOW, (const char * const *) shorts->pdata,
                       &c->total, cancellable, error);
}

/* `kind:case convention:cites` alone: list what the filters allow, in manual order. */
static gboolean
search_filters_only (GcmSearch             *self,
                     const GcmSearchQuery  *query,
                     Collector             *c,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_auto(Sql) s = { 0 };
  sqlite3_stmt *stmt;

  sql_init (&s);
  sql_add (&s, "SELECT i.rowid, i.id, i.kind, i.title, i.chapter, i.summary, NULL, 0.0"
               " FROM item AS i WHERE 1");
  sql_item_filters (&s, query, "i");
  sql_add (&s, " ORDER BY i.kind, i.chapter, i.ord, i.title");

  stmt = prepare_sql (self, &s, error);
  return stmt != NULL &&
         collect_rows (self, stmt, c, SNIPPET_FTS, NULL, &c->total, cancellable, error);
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
static gboolean
count_hits (GcmSearch             *self,
            const GcmSearchQuery  *query,
            Collector             *c,
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
      finish (exact);
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
  finish (exact);
  if (stem != NULL)
    finish (stem);
  if (ra != SQLITE_DONE || rb != SQLITE_DONE)
    return set_error (self, cancellable, error, "Counting results");

  c->total = n - MIN (n, gcm_search_results_get_n_results (c->results));
  return TRUE;
}

static gboolean
run_stages (GcmSearch             *self,
            const GcmSearchQuery  *query,
            Collector             *c,
            GCancellable          *cancellable,
            GError               **error)
{
  if (gcm_search_query_is_empty (query))
    return TRUE;

  if (query->match == NULL)
    return search_filters_only (self, query, c, cancellable, error);

  if (!search_fts (self, query, c, cancellable, error))
    return FALSE;
  /* Only a full page leaves anything out to count. */
  if (collector_is_full (c))
    return count_hits (self, query, c, "item_fts", query->match, "item_stem", query->stem_match,
                       cancellable, error);

  if (gcm_search_results_get_n_results (c->results) == 0 && query->trigram_match != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !search_trigram (self, query, c, cancellable, error))
        return FALSE;
      if (collector_is_full (c))
        return count_hits (self, query, c, "item_tri", query->trigram_match, NULL, NULL,
                           cancellable, error);
    }

  if (gcm_search_results_get_n_results (c->results) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !search_substring (self, query, c, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Suggestions                                                                                */

static char *
dup_chars (const char *s,
           glong       n_chars)
{
  const char *end = s;

  for (glong i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

typedef struct
{
  char  *text;
  guint  distance;
  gint64 doc;
} Candidate;

/* Better: nearer, then in more items, then shorter, then first in order. */
static gboolean
candidate_is_better (const char *text,
                     guint       distance,
                     gint64      doc,
                     const Candidate *best)
{
  if (best->text == NULL)
    return TRUE;
  if (distance != best->distance)
    return distance < best->distance;
  if (doc != best->doc)
    return doc > best->doc;
  if (strlen (text) != strlen (best->text))
    return strlen (text) < strlen (best->text);
  return strcmp (text, best->text) < 0;
}

/* Sums document counts per candidate text (Hangul stems are shared by many eojeol terms). */
static void
pick_best (GHashTable *docs,
           GHashTable *distances,
           Candidate  *best)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint distance = GPOINTER_TO_UINT (g_hash_table_lookup (distances, key));
      gint64 doc = *(gint64 *) value;

      if (candidate_is_better (key, distance, doc, best))
        {
          g_free (best->text);
          best->text = g_strdup (key);
          best->distance = distance;
          best->doc = doc;
        }
    }
}

static void
add_candidate (GHashTable *docs,
               GHashTable *distances,
               const char *text,
               guint       distance,
               gint64      doc)
{
  gint64 *sum = g_hash_table_lookup (docs, text);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (docs, g_strdup (text), sum);
      g_hash_table_insert (distances, g_strdup (text), GUINT_TO_POINTER (distance));
    }
  else if (distance < GPOINTER_TO_UINT (g_hash_table_lookup (distances, text)))
    g_hash_table_insert (distances, g_strdup (text), GUINT_TO_POINTER (distance));
  *sum += doc;
}

/* `발자` is on the way to `발작`: every term whose jamo starts with the word's jamo continues
 * it. Suggest the continuation, as many syllables long as the word, found in most items. */
static char *
complete_hangul (GcmSearch             *self,
                 const GcmSearchQuery  *query,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) distances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = NULL;
  g_autofree char *jamo = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *completed = NULL;
  Candidate best = { 0 };
  sqlite3_stmt *stmt;
  guint last;
  glong n_chars;
  int rc;

  if (query->n_words == 0)
    return NULL;
  last = query->n_words - 1;
  if (!query->word_prefix[last] || !gcm_search_query_has_hangul (query->words[last]))
    return NULL;

  folded = gcm_search_query_fold (query->words[last]);
  jamo = gcm_search_query_to_jamo (folded);
  upper = gcm_search_query_dup_successor (jamo);
  n_chars = g_utf8_strlen (folded, -1);

  stmt = prepare (self, "SELECT term, doc FROM search_term"
                        " WHERE jamo >= ?1 AND jamo < ?2 AND jamo IS NOT NULL"
                        " LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, jamo, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *stem = dup_chars ((const char *) sqlite3_column_text (stmt, 0), n_chars);

      if (strcmp (stem, folded) != 0)
        add_candidate (docs, distances, stem, 0, sqlite3_column_int64 (stmt, 1));
    }
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, cancellable, error, "Completing a word");
      return NULL;
    }

  pick_best (docs, distances, &best);
  if (best.text == NULL)
    return NULL;
  completed = g_steal_pointer (&best.text);
  g_debug ("Completed “%s” to “%s”", query->words[last], completed);
  return gcm_search_query_dup_with_word (query, last, completed);
}

static gboolean
term_exists (GcmSearch     *self,
             const char    *folded,
             gboolean       prefix,
             GCancellable  *cancellable,
             gboolean      *exists,
             GError       **error)
{
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (prefix)
    {
      upper = gcm_search_query_dup_successor (folded);
      stmt = prepare (self, "SELECT 1 FROM item_vocab WHERE term >= ?1 AND term < ?2 LIMIT 1",
                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = prepare (self, "SELECT 1 FROM item_vocab WHERE term = ?1", error);
      if (stmt == NULL)
        return FALSE;
    }
  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  finish (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, cancellable, error, "Looking up a word");
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The nearest vocabulary term within a bounded edit distance: 1 for words of 3–5 characters,
 * 2 for longer ones, among the terms with the same first letter. Hangul is compared by jamo,
 * so one wrong keystroke (`세곤`/`세관`) costs 1, and against the term's first syllables,
 * because Korean terms carry their particles. A word still being typed (a prefix) is compared
 * with the start of longer terms too. */
static char *
correct_word (GcmSearch     *self,
              const char    *folded,
              gboolean       prefix,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) distances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean hangul = gcm_search_query_has_hangul (folded);
  g_autofree char *jamo = hangul ? gcm_search_query_to_jamo (folded) : g_strdup (folded);
  glong n_chars = g_utf8_strlen (folded, -1);
  glong n_jamo = g_utf8_strlen (jamo, -1);
  guint max = n_jamo <= 5 ? 1 : 2;
  g_autofree char *first = NULL;
  g_autofree char *upper = NULL;
  Candidate best = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  /* Prune by the first letter (the leading consonant in Hangul): it is rarely the slip, and
   * the other candidates would cost a scan of the whole vocabulary on every keystroke. */
  first = dup_chars (jamo, 1);
  upper = gcm_search_query_dup_successor (first);

  if (hangul)
    {
      stmt = prepare (self, "SELECT term, jamo, doc FROM search_term"
                            " WHERE jamo >= ?1 AND jamo < ?2 AND jamo IS NOT NULL"
                            " LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = prepare (self, "SELECT term, term, doc FROM search_term"
                            " WHERE term >= ?1 AND term < ?2 AND len >= ?3 AND len <= ?4"
                            " AND jamo IS NULL LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, MAX (n_jamo - (glong) max, 1));
      sqlite3_bind_int64 (stmt, 4, prefix ? G_MAXINT : n_jamo + max);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (stmt, 0);
      gint64 doc = sqlite3_column_int64 (stmt, 2);

      if (hangul)
        {
          g_autofree char *stem = dup_chars (term, n_chars);
          g_autofree char *stem_jamo = gcm_search_query_to_jamo (stem);
          guint d = gcm_search_query_edit_distance (jamo, stem_jamo, max);

          if (d > 0 && d <= max)
            add_candidate (docs, distances, stem, d, doc);
        }
      else
        {
          guint d = gcm_search_query_edit_distance (jamo, term, max);

          if (prefix && d > max && g_utf8_strlen (term, -1) > n_chars)
            {
              g_autofree char *start = dup_chars (term, n_chars);

              d = gcm_search_query_edit_distance (jamo, start, max);
            }
          if (d > 0 && d <= max)
            add_candidate (docs, distances, term, d, doc);
        }
    }
  finish (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, cancellable, error, "Correcting a word");
      return NULL;
    }

  pick_best (docs, distances, &best);
  return best.text;
}

/* "Did you mean": each word of 3+ letters (2+ Hangul syllables) that is not in the index is
 * replaced by its nearest term. */
static char *
correct_spelling (GcmSearch             *self,
                  const GcmSearchQuery  *query,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char **replacements = g_new0 (char *, query->n_words + 1);
  gboolean changed = FALSE;

  for (guint i = 0; i < query->n_words; i++)
    {
      g_autofree char *folded = gcm_search_query_fold (query->words[i]);
      gboolean hangul = gcm_search_query_has_hangul (folded);
      glong n = g_utf8_strlen (folded, -1);
      gboolean letters = TRUE;
      gboolean exists = FALSE;

      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        letters = letters && g_unichar_isalpha (g_utf8_get_char (p));
      if (!letters || n < (hangul ? 2 : 3))
        continue;

      if (!term_exists (self, folded, query->word_prefix[i], cancellable, &exists, error))
        goto failed;
      if (exists)
        continue;

      replacements[i] = correct_word (self, folded, query->word_prefix[i], cancellable, error);
      if (*error != NULL)
        goto failed;
      changed = changed || replacements[i] != NULL;
    }

  if (!changed)
    goto failed;

  for (guint t = 0; query->tokens[t] != NULL; t++)
    {
      const char *token = query->tokens[t];

      for (guint i = 0; i < query->n_words; i++)
        if (query->word_token[i] == t && replacements[i] != NULL)
          token = replacements[i];
      if (t > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, token);
    }
  for (guint i = 0; i < query->n_words; i++)
    g_free (replacements[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);

failed:
  for (guint i = 0; i < query->n_words; i++)
    g_free (replacements[i]);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Querying                                                                                   */

static GcmSearchResults *
search_text (GcmSearch     *self,
             const char    *text,
             guint          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (text);
  g_autoptr(GcmSearchResults) results = _gcm_search_results_new (query->text);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  Collector c = { results, seen, limit, query, 0 };

  g_assert (error != NULL && *error == NULL);

  _gcm_search_results_take_terms (results, gcm_search_query_dup_terms (query));
  if (!run_stages (self, query, &c, cancellable, error))
    return NULL;
  _gcm_search_results_set_total (results, gcm_search_results_get_n_results (results) + c.total);

  if (gcm_search_results_get_n_results (results) > 0 || query->n_words == 0)
    return g_steal_pointer (&results);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *suggestion = NULL;
      g_autoptr(GcmSearchQuery) corrected = NULL;
      g_autoptr(GcmSearchResults) other = NULL;
      g_autoptr(GArray) other_seen = NULL;
      Collector oc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (attempt == 0)
        suggestion = complete_hangul (self, query, cancellable, error);
      else
        suggestion = correct_spelling (self, query, cancellable, error);
      if (*error != NULL)
        return NULL;
      if (suggestion == NULL)
        continue;

      corrected = gcm_search_query_parse (suggestion);
      other = _gcm_search_results_new (query->text);
      other_seen = g_array_new (FALSE, FALSE, sizeof (gint64));
      oc = (Collector) { other, other_seen, limit, corrected, 0 };
      if (!run_stages (self, corrected, &oc, cancellable, error))
        return NULL;
      _gcm_search_results_set_total (other, gcm_search_results_get_n_results (other) + oc.total);
      if (gcm_search_results_get_n_results (other) == 0)
        continue;

      _gcm_search_results_set_suggestion (other, corrected->text, TRUE);
      _gcm_search_results_take_terms (other, gcm_search_query_dup_terms (corrected));
      return g_steal_pointer (&other);
    }

  return g_steal_pointer (&results);
}

static void
on_cancelled_interrupt_cb (GCancellable *cancellable,
                           GcmSearch    *self)
{
  g_mutex_lock (&self->run_lock);
  if (self->running == cancellable && self->db != NULL)
    sqlite3_interrupt (self->db);
  g_mutex_unlock (&self->run_lock);
}

static GcmSearchResults *
search_locked (GcmSearch     *self,
               const char    *text,
               guint          limit,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GcmSearchResults *results = NULL;
  gulong handler = 0;

  if (limit == 0)
    limit = DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);

  g_mutex_lock (&self->db_lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !ensure_open (self, &local_error))
    goto out;

  g_mutex_lock (&self->run_lock);
  self->running = cancellable;
  g_mutex_unlock (&self->run_lock);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_interrupt_cb),
                                     self, NULL);

  results = search_text (self, text, limit, cancellable, &local_error);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  g_mutex_lock (&self->run_lock);
  self->running = NULL;
  g_mutex_unlock (&self->run_lock);

out:
  g_mutex_unlock (&self->db_lock);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return results;
}

typedef struct
{
  char         *text;
  guint         limit;
  GCancellable *caller;
  gulong        handler;
} QueryData;

static void
query_data_free (QueryData *data)
{
  if (data->handler != 0)
    g_cancellable_disconnect (data->caller, data->handler);
  g_clear_object (&data->caller);
  g_free (data->text);
  g_free (data);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GcmSearch *self = source_object;
  QueryData *data = task_data;
  g_autoptr(GError) error = NULL;
  GcmSearchResults *results;

  results = search_locked (self, data->text, data->limit, cancellable, &error);

  g_mutex_lock (&self->run_lock);
  if (self->pending == cancellable)
    g_clear_object (&self->pending);
  g_mutex_unlock (&self->run_lock);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) gcm_search_results_unref);
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *own)
{
  g_cancellable_cancel (own);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
gcm_search_dispose (GObject *object)
{
  GcmSearch *self = GCM_SEARCH (object);
  GCancellable *pending;

  g_mutex_lock (&self->run_lock);
  pending = g_steal_pointer (&self->pending);
  g_mutex_unlock (&self->run_lock);
  if (pending != NULL)
    {
      g_cancellable_cancel (pending);
      g_object_unref (pending);
    }

  G_OBJECT_CLASS (gcm_search_parent_class)->dispose (object);
}

static void
gcm_search_finalize (GObject *object)
{
  GcmSearch *self = GCM_SEARCH (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->db_lock);
  g_mutex_clear (&self->run_lock);

  G_OBJECT_CLASS (gcm_search_parent_class)->finalize (object);
}

static void
gcm_search_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GcmSearch *self = GCM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, gcm_search_get_path (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_search_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GcmSearch *self = GCM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_search_class_init (GcmSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gcm_search_dispose;
  object_class->finalize = gcm_search_finalize;
  object_class->get_property = gcm_search_get_property;
  object_class->set_property = gcm_search_set_property;

  /**
   * GcmSearch:path:
   *
   * The content.db file searched. It is opened read-only on the first query.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gcm_search_init (GcmSearch *self)
{
  g_mutex_init (&self->db_lock);
  g_mutex_init (&self->run_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * gcm_search_install_schema:
 * @db: a connection to content.db, inside the transaction that creates the `item` table
 *
 * Creates the search tables over `item`: `item_fts` (words), `item_stem` (stemmed words),
 * `item_tri` (substrings), `item_vocab` (the vocabulary), `search_term` (suggestions) and the
 * triggers that keep the indexes in step with `item`.
 *
 * Returns: %TRUE on success
 */
gboolean
gcm_search_install_schema (sqlite3  *db,
                           GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gcm_sqlite_exec (db, schema_sql, error);
}

/**
 * gcm_search_refresh:
 * @db: a connection to content.db, inside the transaction that changed items
 *
 * Rebuilds the suggestion table from the index's vocabulary. Call it after items were
 * inserted, updated or deleted; the indexes themselves follow `item` through triggers.
 *
 * Returns: %TRUE on success
 */
gboolean
gcm_search_refresh (sqlite3  *db,
                    GError  **error)
{
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gcm_sqlite_exec (db, "DELETE FROM search_term;", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT term, doc FROM item_vocab", -1, &read, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO search_term (term, jamo, len, doc)"
                              " VALUES (?1, ?2, ?3, ?4)", -1, &write, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Refreshing search suggestions");
      goto out;
    }

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (read, 0);
      g_autofree char *jamo = NULL;

      if (term == NULL || !g_utf8_validate (term, -1, NULL) || !is_suggestible (term))
        continue;

      if (gcm_search_query_has_hangul (term))
        {
          jamo = gcm_search_query_to_jamo (term);
          sqlite3_bind_text (write, 2, jamo, -1, SQLITE_STATIC);
        }
      else
        sqlite3_bind_null (write, 2);
      sqlite3_bind_text (write, 1, term, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (write, 3, g_utf8_strlen (jamo != NULL ? jamo : term, -1));
      sqlite3_bind_int64 (write, 4, sqlite3_column_int64 (read, 1));

      if (sqlite3_step (write) != SQLITE_DONE)
        {
          gcm_sqlite_set_error (error, db, "Refreshing search suggestions");
          goto out;
        }
      sqlite3_reset (write);
    }
  if (rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Reading the search vocabulary");
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return ok;
}

/**
 * gcm_search_new:
 * @content_db_path: the content.db file
 *
 * Nothing is opened until the first query, and then on the thread that runs it.
 *
 * Returns: (transfer full): a new #GcmSearch
 */
GcmSearch *
gcm_search_new (const char *content_db_path)
{
  g_return_val_if_fail (content_db_path != NULL, NULL);

  return g_object_new (GCM_TYPE_SEARCH, "path", content_db_path, NULL);
}

const char *
gcm_search_get_path (GcmSearch *self)
{
  g_return_val_if_fail (GCM_IS_SEARCH (self), NULL);

  return self->path;
}

/**
 * gcm_search_query_async:
 * @text: (nullable): what the user typed; any string is accepted
 * @limit: the most results wanted, or 0 for the default (20)
 * @cancellable: (nullable): a #GCancellable
 *
 * Searches on a worker thread. Starting a query cancels the previous one still running on
 * @self: its callback gets %G_IO_ERROR_CANCELLED, and its SQL is interrupted.
 */
void
gcm_search_query_async (GcmSearch           *self,
                        const char          *text,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  GCancellable *previous;
  QueryData *data;

  g_return_if_fail (GCM_IS_SEARCH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The task runs on its own cancellable, which the caller's and the next query both cancel. */
  own = g_cancellable_new ();
  task = g_task_new (self, own, callback, user_data);
  g_task_set_source_tag (task, gcm_search_query_async);

  data = g_new0 (QueryData, 1);
  data->text = g_strdup (text);
  data->limit = limit;
  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                             g_object_ref (own), g_object_unref);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);

  g_mutex_lock (&self->run_lock);
  previous = g_steal_pointer (&self->pending);
  self->pending = g_object_ref (own);
  g_mutex_unlock (&self->run_lock);

  /* Outside run_lock: cancelling interrupts, and the interrupt handler takes that lock. */
  if (previous != NULL)
    {
      g_cancellable_cancel (previous);
      g_object_unref (previous);
    }

  g_task_run_in_thread (task, query_thread);
}

/**
 * gcm_search_query_finish:
 *
 * Returns: (transfer full): the results, or %NULL with @error set (%G_IO_ERROR_CANCELLED when
 *   cancelled or superseded, %GCM_STORE_ERROR otherwise)
 */
GcmSearchResults *
gcm_search_query_finish (GcmSearch     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (GCM_IS_SEARCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gcm_search_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gcm_search_query:
 * @text: (nullable): what the user typed; any string is accepted
 * @limit: the most results wanted, or 0 for the default (20)
 * @cancellable: (nullable): cancelling it interrupts the query
 *
 * Searches on the calling thread, which must not be the main thread of a UI.
 *
 * Returns: (transfer full): the results, or %NULL with @error set
 */
GcmSearchResults *
gcm_search_query (GcmSearch     *self,
                  const char    *text,
                  guint          limit,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (GCM_IS_SEARCH (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return search_locked (self, text, limit, cancellable, error);
}
