/* gcm-search.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search over content.db (DESIGN.md §7).
 *
 * The schema half (gcm-search-schema.c) runs on whatever connection creates or imports
 * content.db. GcmSearch itself owns one read-only connection,
 * opened on the first query, and uses it from worker threads one query at a time. The window
 * asks through gcm_search_query_async(); the command line and the benchmark call
 * gcm_search_query(). A newer async query cancels the one before it, and cancelling calls
 * sqlite3_interrupt() on the connection, so a superseded query stops at once.
 *
 * A query runs in stages, each only when the one before left room:
 *  1. `item_fts` (unicode61, prefix indexes) with a snippet, in tiers: title hits, then hits in
 *     codes, keywords and headings, then body hits, then hits that only `item_stem` (porter)
 *     finds; bm25 with the weights 10/8/6/5/1 ranks within a tier (see gcm-search-stages.c and
 *     gcm-search-rank.c); gcm_snippet() (gcm-search-snippet.c) picks the sentence each result
 *     shows;
 *  2. no hit: substrings of 3+ characters from `item_tri` (trigram), for a word typed from its
 *     middle (`pilep`, `급처치`); trigram queries cost several times a word query, so they run
 *     only when the words found nothing;
 *  3. no hit and a Hangul word of 1–2 syllables: instr() over the `item` rows — the trigram
 *     tokenizer cannot match 2 characters, and LIKE on a trigram table is broken in 3.40;
 *  4. still no hit: a half-typed Hangul syllable is completed from the jamo index
 *     (`발자` → `발작`), or a misspelt word corrected from the vocabulary within a bounded edit
 *     distance (`ivroy` → `ivory`); if the suggestion finds something, its results are returned
 *     with the suggestion ("Showing results for …").
 * A full page is followed by a count of every hit (_gcm_search_count_hits()), for "20 of 57
 * results".
 *
 * This file holds the connection, runs the stages (gcm-search-stages.c) and the suggestions
 * (gcm-search-suggest.c), and is the GObject; gcm-search-query.c parses what was typed.
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search-private.h"
#include "gcm-store-private.h"

#include "gcm-content-schema.h"
#include "gcm-search-results-private.h"
#include "gcm-store.h"

#define DEFAULT_LIMIT         20
#define MAX_LIMIT             200
#define MAX_STATEMENTS        64

/* Reads go through the OS page cache (mmap) instead of copies into SQLite's own cache. */
#define CONNECTION_SETUP_SQL \
  "PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;"

G_DEFINE_FINAL_TYPE (GcmSearch, gcm_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Connection                                                                                 */

gboolean
_gcm_search_set_error (GcmSearch     *self,
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
  self->has_functions = _gcm_search_register_functions (db, &self->rank);
  if (!self->has_functions)
    g_debug ("Ranking with bm25() and snippet(): FTS5 did not take our functions");

  self->db = db;
  return TRUE;
}

sqlite3_stmt *
_gcm_search_prepare (GcmSearch   *self,
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

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

void
_gcm_search_finish (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* ------------------------------------------------------------------------------------------ */
/* Stages, in order (gcm-search-stages.c)                                                    */

/* Each stage runs only when the ones before left room; a full page stops at its count. */
static gboolean
run_stages (GcmSearch             *self,
            const GcmSearchQuery  *query,
            GcmSearchCollector    *c,
            GCancellable          *cancellable,
            GError               **error)
{
  if (gcm_search_query_is_empty (query))
    return TRUE;

  if (query->match == NULL)
    return _gcm_search_stage_filters_only (self, query, c, cancellable, error);

  if (!_gcm_search_stage_fts (self, query, c, cancellable, error))
    return FALSE;
  /* Only a full page leaves anything out to count. */
  if (_gcm_search_collector_is_full (c))
    return _gcm_search_count_hits (self, query, c, "item_fts", query->match, "item_stem",
                                   query->stem_match, cancellable, error);

  if (gcm_search_results_get_n_results (c->results) == 0 && query->trigram_match != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_gcm_search_stage_trigram (self, query, c, cancellable, error))
        return FALSE;
      if (_gcm_search_collector_is_full (c))
        return _gcm_search_count_hits (self, query, c, "item_tri", query->trigram_match, NULL,
                                       NULL, cancellable, error);
    }

  if (gcm_search_results_get_n_results (c->results) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_gcm_search_stage_substring (self, query, c, cancellable, error))
        return FALSE;
    }

  return TRUE;
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
  GcmSearchCollector c = { results, seen, limit, query, 0 };

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
      GcmSearchCollector oc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (attempt == 0)
        suggestion = _gcm_search_suggest_completion (self, query, cancellable, error);
      else
        suggestion = _gcm_search_suggest_correction (self, query, cancellable, error);
      if (*error != NULL)
        return NULL;
      if (suggestion == NULL)
        continue;

      corrected = gcm_search_query_parse (suggestion);
      other = _gcm_search_results_new (query->text);
      other_seen = g_array_new (FALSE, FALSE, sizeof (gint64));
      oc = (GcmSearchCollector) { other, other_seen, limit, corrected, 0 };
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
  g_autoptr(GMutexLocker) db_locker = NULL;
  g_autoptr(GError) local_error = NULL;
  GcmSearchResults *results;
  gulong handler = 0;

  if (limit == 0)
    limit = DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);

  db_locker = g_mutex_locker_new (&self->db_lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !ensure_open (self, error))
    return NULL;

  g_mutex_lock (&self->run_lock);
  self->running = cancellable;
  g_mutex_unlock (&self->run_lock);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_interrupt_cb),
                                     self, NULL);

  /* The stages test *error, so they always get one. */
  results = search_text (self, text, limit, cancellable, &local_error);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  g_mutex_lock (&self->run_lock);
  self->running = NULL;
  g_mutex_unlock (&self->run_lock);

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
