/* gcm-user-data.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's own data in user.db — bookmarks and reading progress — keyed by stable item ids and
 * kept with the item's title, so a bookmark outlives the item's withdrawal. Reads run on the
 * worker that loads a page or a list; writes run on a worker of their own.
 */

#define G_LOG_DOMAIN "GcmUserData"

#include "config.h"

#include "gcm-content-schema.h"
#include "gcm-user-data.h"

/* A position this close to the end counts as read to the end. */
#define COMPLETED_AT 0.95

typedef struct
{
  char     *item_id;
  char     *title;
  gboolean  bookmarked;
  double    position;
  gboolean  is_progress;
} WriteData;

void
gcm_bookmark_free (GcmBookmark *bookmark)
{
  if (bookmark == NULL)
    return;
  g_free (bookmark->item_id);
  g_free (bookmark->title);
  g_free (bookmark);
}

static void
write_data_free (WriteData *data)
{
  g_free (data->item_id);
  g_free (data->title);
  g_free (data);
}

/* Reads */

void
gcm_user_data_get_state (sqlite3      *db,
                         const char   *item_id,
                         GcmItemState *state)
{
  sqlite3_stmt *stmt = NULL;

  g_return_if_fail (db != NULL && item_id != NULL && state != NULL);

  *state = (GcmItemState) { 0 };
  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT count(*) FROM bookmark WHERE item_id = ?1),"
                          "  p.position, p.completed"
                          " FROM (SELECT 1) LEFT JOIN progress AS p ON p.item_id = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          state->bookmarked = sqlite3_column_int (stmt, 0) > 0;
          state->seen = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
          state->position = sqlite3_column_double (stmt, 1);
          state->completed = sqlite3_column_int (stmt, 2) != 0;
        }
    }
  sqlite3_finalize (stmt);
}

/**
 * gcm_user_data_dup_completed:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the ids of the items read to the end
 */
GHashTable *
gcm_user_data_dup_completed (sqlite3 *db)
{
  GHashTable *completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT item_id FROM progress WHERE completed", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (completed, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return completed;
}

/**
 * gcm_user_data_list_bookmarks:
 *
 * Returns: (transfer full) (element-type GcmBookmark): the bookmarks, newest first
 */
GPtrArray *
gcm_user_data_list_bookmarks (sqlite3  *db,
                              GError  **error)
{
  g_autoptr(GPtrArray) bookmarks = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_bookmark_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT item_id, title, created FROM bookmark"
                              " ORDER BY created DESC, rowid DESC", -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot read bookmarks");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GcmBookmark *bookmark = g_new0 (GcmBookmark, 1);

      bookmark->item_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      bookmark->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      bookmark->created = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (bookmarks, bookmark);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Cannot read bookmarks");
      return NULL;
    }
  return g_steal_pointer (&bookmarks);
}

/* Writes */

static gboolean
step_once (sqlite3       *db,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    gcm_sqlite_set_error (error, db, what);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
gcm_user_data_set_bookmark (sqlite3     *db,
                            const char  *item_id,
                            const char  *title,
                            gboolean     bookmarked,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql = bookmarked ?
    "INSERT INTO bookmark (item_id, title, created) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (item_id) DO UPDATE SET title = ?2" :
    "DELETE FROM bookmark WHERE item_id = ?1";

  g_return_val_if_fail (db != NULL && item_id != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot save the bookmark");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
  if (bookmarked)
    {
      sqlite3_bind_text (stmt, 2, title ? title : item_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
    }
  return step_once (db, stmt, "Cannot save the bookmark", error);
}

/* Progress keeps the last position, to come back to it, and once read to the end stays so. */
gboolean
gcm_user_data_save_progress (sqlite3     *db,
                             const char  *item_id,
                             const char  *title,
                             double       position,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL && item_id != NULL, FALSE);

  position = CLAMP (position, 0.0, 1.0);
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO progress (item_id, title, position, completed, updated)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)"
                          " ON CONFLICT (item_id) DO UPDATE SET title = ?2, position = ?3,"
                          "  completed = MAX (completed, ?4), updated = ?5",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot save reading progress");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title ? title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, position >= COMPLETED_AT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return step_once (db, stmt, "Cannot save reading progress", error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  sqlite3 *db = gcm_store_open_user_db (source_object, FALSE, &error);
  gboolean ok;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->is_progress)
    ok = gcm_user_data_save_progress (db, data->item_id, data->title, data->position, &error);
  else
    ok = gcm_user_data_set_bookmark (db, data->item_id, data->title, data->bookmarked, &error);
  sqlite3_close (db);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_write (GcmStore            *store,
           WriteData           *data,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

void
gcm_user_data_set_bookmark_async (GcmStore            *store,
                                  const char          *item_id,
                                  const char          *title,
                                  gboolean             bookmarked,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  WriteData *data;

  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (item_id != NULL);

  data = g_new0 (WriteData, 1);
  data->item_id = g_strdup (item_id);
  data->title = g_strdup (title);
  data->bookmarked = bookmarked;
  run_write (store, data, gcm_user_data_set_bookmark_async, cancellable, callback, user_data);
}

void
gcm_user_data_save_progress_async (GcmStore            *store,
                                   const char          *item_id,
                                   const char          *title,
                                   double               position,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  WriteData *data;

  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (item_id != NULL);

  data = g_new0 (WriteData, 1);
  data->item_id = g_strdup (item_id);
  data->title = g_strdup (title);
  data->position = position;
  data->is_progress = TRUE;
  run_write (store, data, gcm_user_data_save_progress_async, cancellable, callback, user_data);
}

gboolean
gcm_user_data_write_finish (GcmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
