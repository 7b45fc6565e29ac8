/* gcm-changes.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the change log the importer writes inside each apply transaction, on a read-only
 * connection of its own in a worker thread.
 */

#define G_LOG_DOMAIN "GcmChanges"

#include "config.h"

#include "gcm-changes.h"
#include "gcm-content-schema.h"

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
list_changes_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GcmStore *store = source_object;
  guint limit = GPOINTER_TO_UINT (task_data);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_change_free);
  GError *error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  db = gcm_store_open_content_db (store, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* No table yet: nothing was updated since the first install. Items withdrawn since are left
   * out, and an item changed twice is listed at its newest change only. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT c.serial, c.applied, c.item_id, c.kind, i.title, c.change"
                           " FROM change_log c JOIN item i ON i.id = c.item_id"
                           " WHERE c.serial = (SELECT MAX (serial) FROM change_log d"
                           "                   WHERE d.item_id = c.item_id)"
                           " ORDER BY c.serial DESC, c.change ASC, c.kind = 'case' DESC,"
                           "  c.item_id DESC LIMIT ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GcmChange *change = g_new0 (GcmChange, 1);

          change->serial = sqlite3_column_int64 (stmt, 0);
          change->applied = sqlite3_column_int64 (stmt, 1);
          change->item_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          change->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          change->title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          change->change = sqlite3_column_int (stmt, 5) == 0 ? GCM_CHANGE_ADDED : GCM_CHANGE_UPDATED;
          g_ptr_array_add (changes, change);
        }
      if (rc != SQLITE_DONE)
        gcm_sqlite_set_error (&error, db, "Cannot read the list of changes");
    }
  else if (!g_str_has_prefix (sqlite3_errmsg (db), "no such table"))
    gcm_sqlite_set_error (&error, db, "Cannot read the list of changes");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify) g_ptr_array_unref);
}

void
gcm_store_list_changes_async (GcmStore            *store,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GCM_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_store_list_changes_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_changes_thread);
}

/* Returns: (transfer container) (element-type GcmChange) */
GPtrArray *
gcm_store_list_changes_finish (GcmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
