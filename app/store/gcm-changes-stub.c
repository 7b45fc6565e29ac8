/* gcm-changes-stub.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stand-in for the change log until the sync engine lands: it lists a few installed items as if
 * the latest update had added the newest cases and changed two sections, and an older update had
 * added a procedure. Replaced by the real gcm-changes.c, which reads content.db's change_log.
 */

#define G_LOG_DOMAIN "GcmChanges"

#include "config.h"

#include "gcm-changes.h"

void
gcm_change_free (GcmChange *change)
{
  if (change == NULL)
    return;
  g_free (change->item_id);
  g_free (change->kind);
  g_free (change->title);
  g_free (change);
}

static void
add_rows (sqlite3    *db,
          const char *sql,
          gint64      serial,
          gint64      applied,
          GcmChangeKind change,
          guint       limit,
          GPtrArray  *rows)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (rows->len < limit && sqlite3_step (stmt) == SQLITE_ROW)
    {
      GcmChange *row = g_new0 (GcmChange, 1);

      row->serial = serial;
      row->applied = applied;
      row->item_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->change = change;
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
}

static void
list_changes_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GcmStore *store = source_object;
  guint limit = GPOINTER_TO_UINT (task_data);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_change_free);
  GError *error = NULL;
  sqlite3 *db = gcm_store_open_content_db (store, TRUE, &error);
  gint64 serial = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  {
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2 (db, "SELECT serial FROM feed_state", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      serial = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  if (g_getenv ("GCM_CHANGES_EMPTY") == NULL && serial > 0)
    {
      add_rows (db, "SELECT id, kind, title FROM item WHERE kind = 'case' ORDER BY id DESC LIMIT 2",
                serial, now - 2 * 3600, GCM_CHANGE_ADDED, limit, rows);
      add_rows (db, "SELECT id, kind, title FROM item WHERE kind = 'section' ORDER BY ord LIMIT 2",
                serial, now - 2 * 3600, GCM_CHANGE_UPDATED, limit, rows);
      add_rows (db, "SELECT id, kind, title FROM item WHERE kind = 'procedure' ORDER BY id LIMIT 1",
                serial - 86400 * 9, now - 86400 * 9, GCM_CHANGE_ADDED, limit, rows);
    }
  sqlite3_close (db);
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
gcm_store_list_changes_async (GcmStore            *store,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_return_if_fail (GCM_IS_STORE (store));
  g_task_set_source_tag (task, gcm_store_list_changes_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_changes_thread);
}

GPtrArray *
gcm_store_list_changes_finish (GcmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
