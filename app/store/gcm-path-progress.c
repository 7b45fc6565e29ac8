/* gcm-path-progress.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the path engine (core/path/) needs from the databases: the path item and the titles of
 * the installed items in the reader's language from content.db, then the items read to the end
 * and each quiz's best finished score from user.db. Reads run on the store's workers; a blocking
 * variant on connections of its own serves the command line.
 */

#define G_LOG_DOMAIN "GcmPathProgress"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-locale.h"
#include "gcm-path-progress.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"
#include "gcm-user-data.h"

typedef struct
{
  char            *path_id;   /* nullable */
  GcmPathLearner  *learner;
  GcmLearningPath *path;
  gint64           serial;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->path_id);
  gcm_path_learner_free (snapshot->learner);
  g_clear_object (&snapshot->path);
  g_free (snapshot);
}

static void
progress_clear (GcmPathProgress *progress)
{
  g_clear_object (&progress->path);
  gcm_path_report_free (progress->report);
}

/* Shared by the page that shows it and a certificate being written from it. */
GcmPathProgress *
gcm_path_progress_ref (GcmPathProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);
  return g_rc_box_acquire (progress);
}

void
gcm_path_progress_free (GcmPathProgress *progress)
{
  if (progress != NULL)
    g_rc_box_release_full (progress, (GDestroyNotify) progress_clear);
}

/* content.db: the path and what the installed manual holds. */
static gboolean
read_content (sqlite3   *content,
              Snapshot  *snapshot,
              GError   **error)
{
  const char *lang = gcm_locale_get_content_language ();
  g_autoptr(sqlite3_stmt) path = NULL;
  g_autoptr(sqlite3_stmt) items = NULL;
  g_autoptr(sqlite3_stmt) serial = NULL;
  gboolean has_row = FALSE;

  path = gcm_sqlite_prepare (content, "SELECT json FROM item WHERE kind = 'path'"
                                      " AND (?1 IS NULL OR id = ?1) ORDER BY id LIMIT 1",
                             "Cannot read the learning path", error);
  items = gcm_sqlite_prepare (content, "SELECT id, kind, coalesce((SELECT t.title FROM item_title t"
                                       " WHERE t.item = item.rowid AND t.lang = ?1), title) FROM item",
                              "Cannot read the learning path", error);
  serial = gcm_sqlite_prepare (content, "SELECT serial FROM feed_state WHERE id = 1",
                               "Cannot read the learning path", error);
  if (path == NULL || items == NULL || serial == NULL)
    return FALSE;

  sqlite3_bind_text (path, 1, snapshot->path_id, -1, SQLITE_STATIC);
  if (!gcm_sqlite_step (path, &has_row, "Cannot read the learning path", error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   snapshot->path_id ? _("The learning path “%s” is not in the installed manual.")
                                     : _("The installed manual has no learning path."),
                   snapshot->path_id);
      return FALSE;
    }
  snapshot->path = gcm_learning_path_new_from_json ((const char *) sqlite3_column_text (path, 0),
                                                    lang, error);
  if (snapshot->path == NULL)
    return FALSE;

  sqlite3_bind_text (items, 1, lang, -1, SQLITE_STATIC);
  for (;;)
    {
      GcmItemKind kind;

      if (!gcm_sqlite_step (items, &has_row, "Cannot read the learning path", error))
        return FALSE;
      if (!has_row)
        break;
      if (gcm_item_kind_from_string ((const char *) sqlite3_column_text (items, 1), &kind))
        gcm_path_learner_add_item (snapshot->learner, (const char *) sqlite3_column_text (items, 0),
                                   kind, (const char *) sqlite3_column_text (items, 2));
    }
  snapshot->serial = sqlite3_step (serial) == SQLITE_ROW ? sqlite3_column_int64 (serial, 0) : 0;
  return TRUE;
}

/* user.db: what the learner has done, then the report. */
static GcmPathProgress *
read_user (sqlite3   *user,
           Snapshot  *snapshot,
           GError   **error)
{
  g_autoptr(GHashTable) completed = gcm_user_data_dup_completed (user);
  g_autoptr(sqlite3_stmt) best = NULL;
  GcmPathProgress *progress;
  GHashTableIter iter;
  gpointer item_id;
  gboolean has_row = FALSE;

  /* As --progress counts a score: whole percent, rounded down. */
  best = gcm_sqlite_prepare (user, "SELECT quiz_id, max(score * 100 / total) FROM quiz_attempt"
                                   " WHERE finished IS NOT NULL AND total > 0 GROUP BY quiz_id",
                             "Cannot read your quiz scores", error);
  if (best == NULL)
    return NULL;
  for (;;)
    {
      if (!gcm_sqlite_step (best, &has_row, "Cannot read your quiz scores", error))
        return NULL;
      if (!has_row)
        break;
      gcm_path_learner_set_best (snapshot->learner, (const char *) sqlite3_column_text (best, 0),
                                 sqlite3_column_int (best, 1));
    }
  g_hash_table_iter_init (&iter, completed);
  while (g_hash_table_iter_next (&iter, &item_id, NULL))
    gcm_path_learner_mark_read (snapshot->learner, item_id);

  progress = g_rc_box_new0 (GcmPathProgress);
  progress->path = g_object_ref (snapshot->path);
  progress->report = gcm_learning_path_evaluate (snapshot->path, snapshot->learner);
  progress->serial = snapshot->serial;
  return progress;
}

static Snapshot *
snapshot_new (const char *path_id)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->path_id = g_strdup (path_id);
  snapshot->learner = gcm_path_learner_new ();
  return snapshot;
}

static void
user_job (GTask   *task,
          sqlite3 *user)
{
  GError *error = NULL;
  GcmPathProgress *progress = read_user (user, g_task_get_task_data (task), &error);

  gcm_store_task_return_pointer (task, progress, (GDestroyNotify) gcm_path_progress_free, error);
}

static void
content_job (GTask   *task,
             sqlite3 *content)
{
  GError *error = NULL;
  gboolean ok = read_content (content, g_task_get_task_data (task), &error);

  _gcm_store_continue_on_user (task, ok, error, user_job);
}

/**
 * gcm_path_progress_async:
 * @path_id: (nullable): the path's item id; %NULL for the first path installed
 *
 * Reads the path in the reader's language and where the learner stands on it. Without such a
 * path the result is a %G_IO_ERROR_NOT_FOUND error.
 */
void
gcm_path_progress_async (GcmStore            *store,
                         const char          *path_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));

  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_path_progress_async,
                        snapshot_new (path_id), (GDestroyNotify) snapshot_free, content_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_path_progress_finish:
 *
 * Returns: (transfer full): the progress, or %NULL with @error set
 */
GcmPathProgress *
gcm_path_progress_finish (GcmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/**
 * gcm_path_progress_load:
 *
 * As gcm_path_progress_async(), blocking, on connections of its own.
 *
 * Returns: (transfer full): the progress, or %NULL with @error set
 */
GcmPathProgress *
gcm_path_progress_load (GcmStore   *store,
                        const char *path_id,
                        GError    **error)
{
  g_autoptr(sqlite3) content = NULL;
  g_autoptr(sqlite3) user = NULL;
  Snapshot *snapshot;
  GcmPathProgress *progress = NULL;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  if (!(content = gcm_store_open_content_db (store, TRUE, error)) ||
      !(user = gcm_store_open_user_db (store, TRUE, error)))
    return NULL;
  snapshot = snapshot_new (path_id);
  if (read_content (content, snapshot, error))
    progress = read_user (user, snapshot, error);
  snapshot_free (snapshot);
  return progress;
}
