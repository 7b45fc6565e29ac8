/* gcm-changes.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the change log the importer writes inside each apply transaction, on the store's
 * content worker.
 */

#define G_LOG_DOMAIN "GcmChanges"

#include "config.h"

#include "gcm-changes.h"
#include "gcm-content-schema.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"
#include "gcm-store-worker.h"
#include "gcm-user-data.h"

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
list_changes_job (GTask   *task,
                  sqlite3 *db)
{
  guint limit = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_change_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  /* No table yet: nothing was updated since the first install. Items withdrawn since are left
   * out, and an item changed twice is listed at its newest change only. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT c.serial, c.applied, c.item_id, c.kind, i.title, c.change"
                           " FROM change_log c JOIN item i ON i.id = c.item_id"
                           " WHERE c.serial = (SELECT MAX (serial) FROM change_log d"
                           "                   WHERE d.item_id = c.item_id)"
                           " ORDER BY c.serial DESC, c.change ASC, c.kind = ?2 DESC,"
                           "  c.item_id DESC LIMIT ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      /* New cases first: they are what officers wait for. */
      sqlite3_bind_int64 (stmt, 1, limit);
      sqlite3_bind_text (stmt, 2, gcm_item_kind_to_string (GCM_ITEM_KIND_CASE), -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GcmChange *change = g_new0 (GcmChange, 1);

          change->serial = sqlite3_column_int64 (stmt, 0);
          change->applied = sqlite3_column_int64 (stmt, 1);
          change->item_id = gcm_sqlite_dup_text (stmt, 2);
          change->kind = gcm_sqlite_dup_text (stmt, 3);
          change->title = gcm_sqlite_dup_text (stmt, 4);
          change->change = sqlite3_column_int (stmt, 5) == 0 ? GCM_CHANGE_ADDED : GCM_CHANGE_UPDATED;
          g_ptr_array_add (changes, change);
        }
      if (rc != SQLITE_DONE)
        gcm_sqlite_set_error (&error, db, "Cannot read the list of changes");
    }
  else if (!g_str_has_prefix (sqlite3_errmsg (db), "no such table"))
    gcm_sqlite_set_error (&error, db, "Cannot read the list of changes");

  gcm_store_task_return_pointer (task, error == NULL ? g_steal_pointer (&changes) : NULL,
                                 (GDestroyNotify) g_ptr_array_unref, error);
}

void
gcm_store_list_changes_async (GcmStore            *store,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));

  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_store_list_changes_async,
                        GUINT_TO_POINTER (limit), NULL, list_changes_job,
                        cancellable, callback, user_data);
}

/* Returns: (transfer container) (element-type GcmChange) */
GPtrArray *
gcm_store_list_changes_finish (GcmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/**
 * gcm_store_read_installed_feed:
 * @feed: (out) (nullable): the feed id installed, or %NULL when nothing is
 * @serial: (out): its serial, or 0
 *
 * Returns: %FALSE with @error set when content.db cannot be read
 */
gboolean
gcm_store_read_installed_feed (GcmStore  *store,
                               char     **feed,
                               gint64    *serial,
                               GError   **error)
{
  g_autoptr(sqlite3) db = gcm_store_open_content_db (store, TRUE, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  *feed = NULL;
  *serial = 0;
  if (db == NULL)
    return FALSE;
  stmt = gcm_sqlite_prepare (db, "SELECT feed, serial FROM feed_state WHERE id = 1",
                             "Cannot read the installed feed", error);
  if (stmt == NULL || !gcm_sqlite_step (stmt, &has_row, "Cannot read the installed feed", error))
    return FALSE;
  if (has_row)
    {
      *feed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *serial = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

/* The items update @serial added, newest case first, for a notification. */
GStrv
gcm_store_dup_added_ids (GcmStore  *store,
                         gint64     serial,
                         GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3) db = gcm_store_open_content_db (store, TRUE, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  if (db == NULL)
    return NULL;
  stmt = gcm_sqlite_prepare (db, "SELECT item_id FROM change_log WHERE serial = ?1 AND change = 0"
                                 " ORDER BY kind = ?2 DESC, item_id DESC",
                             "Cannot read the list of changes", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, serial);
  sqlite3_bind_text (stmt, 2, gcm_item_kind_to_string (GCM_ITEM_KIND_CASE), -1, SQLITE_STATIC);
  while (gcm_sqlite_step (stmt, &has_row, "Cannot read the list of changes", error) && has_row)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (error != NULL && *error != NULL)
    return NULL;
  return g_strv_builder_end (builder);
}

static void
list_seen_job (GTask   *task,
               sqlite3 *user)
{
  GStrv ids = g_task_get_task_data (task);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GcmItemState state;

      gcm_user_data_get_state (user, ids[i], &state);
      if (state.seen)
        g_hash_table_add (seen, g_strdup (ids[i]));
    }
  g_task_return_pointer (task, g_steal_pointer (&seen), (GDestroyNotify) g_hash_table_unref);
}

void
gcm_store_list_seen_async (GcmStore            *store,
                           const char * const  *item_ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (item_ids != NULL);

  gcm_store_worker_run (_gcm_store_get_user_worker (store), store, gcm_store_list_seen_async,
                        g_strdupv ((char **) item_ids), (GDestroyNotify) g_strfreev,
                        list_seen_job, cancellable, callback, user_data);
}

/* Returns: (transfer full): the ids opened, or %NULL with @error set */
GHashTable *
gcm_store_list_seen_finish (GcmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}
