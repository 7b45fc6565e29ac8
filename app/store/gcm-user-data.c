/* gcm-user-data.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's own data in user.db — bookmarks and reading progress — keyed by stable item ids and
 * kept with the item's title, so a bookmark outlives the item's withdrawal. Everything runs on
 * the store's user.db worker, so writes land in the order they were asked for.
 */

#define G_LOG_DOMAIN "GcmUserData"

#include "config.h"

#include "gcm-sqlite.h"
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

static WriteData *
write_data_new (const char *item_id,
                const char *title)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->item_id = g_strdup (item_id);
  data->title = g_strdup (title);
  return data;
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_if_fail (db != NULL && item_id != NULL && state != NULL);

  *state = (GcmItemState) { 0 };
  stmt = gcm_sqlite_prepare (db,
                             "SELECT (SELECT count(*) FROM bookmark WHERE item_id = ?1),"
                             "  p.position, p.completed"
                             " FROM (SELECT 1) LEFT JOIN progress AS p ON p.item_id = ?1",
                             "Cannot read the item's state", NULL);
  if (stmt == NULL)
    return;
  gcm_sqlite_bind_text (stmt, 1, item_id);
  if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the item's state", NULL) || !has_row)
    return;
  state->bookmarked = sqlite3_column_int (stmt, 0) > 0;
  state->seen = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  state->position = sqlite3_column_double (stmt, 1);
  state->completed = sqlite3_column_int (stmt, 2) != 0;
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
  g_autoptr(sqlite3_stmt) stmt = gcm_sqlite_prepare (db, "SELECT item_id FROM progress WHERE completed",
                                                      "Cannot read progress", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (completed, gcm_sqlite_dup_text (stmt, 0));
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = TRUE;

  stmt = gcm_sqlite_prepare (db, "SELECT item_id, title, created FROM bookmark"
                                 " ORDER BY created DESC, rowid DESC",
                             "Cannot read bookmarks", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      GcmBookmark *bookmark;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read bookmarks", error))
        return NULL;
      if (!has_row)
        break;
      bookmark = g_new0 (GcmBookmark, 1);
      bookmark->item_id = gcm_sqlite_dup_text (stmt, 0);
      bookmark->title = gcm_sqlite_dup_text (stmt, 1);
      bookmark->created = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (bookmarks, bookmark);
    }
  return g_steal_pointer (&bookmarks);
}

/* Writes */

gboolean
gcm_user_data_set_bookmark (sqlite3     *db,
                            const char  *item_id,
                            const char  *title,
                            gboolean     bookmarked,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = bookmarked ?
    "INSERT INTO bookmark (item_id, title, created) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (item_id) DO UPDATE SET title = ?2" :
    "DELETE FROM bookmark WHERE item_id = ?1";

  g_return_val_if_fail (db != NULL && item_id != NULL, FALSE);

  if (!(stmt = gcm_sqlite_prepare (db, sql, "Cannot save the bookmark", error)))
    return FALSE;
  gcm_sqlite_bind_text (stmt, 1, item_id);
  if (bookmarked)
    {
      gcm_sqlite_bind_text (stmt, 2, title ? title : item_id);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
    }
  return gcm_sqlite_step_done (stmt, "Cannot save the bookmark", error);
}

/* Progress keeps the last position, to come back to it, and once read to the end stays so. */
gboolean
gcm_user_data_save_progress (sqlite3     *db,
                             const char  *item_id,
                             const char  *title,
                             double       position,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL && item_id != NULL, FALSE);

  position = CLAMP (position, 0.0, 1.0);
  stmt = gcm_sqlite_prepare (db,
                             "INSERT INTO progress (item_id, title, position, completed, updated)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)"
                             " ON CONFLICT (item_id) DO UPDATE SET title = ?2, position = ?3,"
                             "  completed = MAX (completed, ?4), updated = ?5",
                             "Cannot save reading progress", error);
  if (stmt == NULL)
    return FALSE;
  gcm_sqlite_bind_text (stmt, 1, item_id);
  gcm_sqlite_bind_text (stmt, 2, title ? title : "");
  sqlite3_bind_double (stmt, 3, position);
  sqlite3_bind_int (stmt, 4, position >= COMPLETED_AT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return gcm_sqlite_step_done (stmt, "Cannot save reading progress", error);
}

/* The writes, on the user.db worker */

static void
write_job (GTask   *task,
           sqlite3 *db)
{
  WriteData *data = g_task_get_task_data (task);
  GcmStore *store = g_task_get_source_object (task);
  GError *error = NULL;
  gboolean ok;

  /* The read-only connection would refuse too, in words less useful to the user. */
  ok = gcm_store_check_writable (store, &error) &&
       (data->is_progress ?
        gcm_user_data_save_progress (db, data->item_id, data->title, data->position, &error) :
        gcm_user_data_set_bookmark (db, data->item_id, data->title, data->bookmarked, &error));
  gcm_store_task_return_boolean (task, ok, error);
}

static void
run_write (GcmStore            *store,
           WriteData           *data,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  gcm_store_worker_run (_gcm_store_get_user_worker (store), store, source_tag,
                        data, (GDestroyNotify) write_data_free, write_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_store_set_bookmark_async:
 * @title: (nullable): kept with the bookmark, so it keeps a name if the item is withdrawn
 *
 * Bookmarks @item_id or removes its bookmark. Writes complete in the order they were asked for.
 */
void
gcm_store_set_bookmark_async (GcmStore            *store,
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

  data = write_data_new (item_id, title);
  data->bookmarked = bookmarked;
  run_write (store, data, gcm_store_set_bookmark_async, cancellable, callback, user_data);
}

/**
 * gcm_store_save_progress_async:
 * @position: where reading stopped, 0–1; near the end counts as read to the end
 */
void
gcm_store_save_progress_async (GcmStore            *store,
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

  data = write_data_new (item_id, title);
  data->position = position;
  data->is_progress = TRUE;
  run_write (store, data, gcm_store_save_progress_async, cancellable, callback, user_data);
}

/* FALSE with @error set, a %GCM_STORE_ERROR, when the write failed and nothing changed. */
gboolean
gcm_store_write_finish (GcmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return gcm_store_task_propagate_boolean (store, result, error);
}
