/* gcm-checklist.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticks of a procedure's checklist, in user.db's checklist_tick, keyed by the procedure's
 * and the step's stable ids. Each tick keeps the fingerprint of the step's text and warning as
 * it was ticked: when an update rewords a step, the old tick no longer counts, because the
 * officer never confirmed the new wording.
 */

#define G_LOG_DOMAIN "GcmChecklist"

#include "config.h"

#include "gcm-checklist.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"

typedef struct
{
  char       *procedure_id;
  char       *step_id;
  char       *fingerprint;
  gboolean    ticked;
  gboolean    reset;
  GHashTable *current;     /* step id → fingerprint, for loads */
} ChecklistData;

static void
checklist_data_free (ChecklistData *data)
{
  g_free (data->procedure_id);
  g_free (data->step_id);
  g_free (data->fingerprint);
  g_clear_pointer (&data->current, g_hash_table_unref);
  g_free (data);
}

/**
 * gcm_checklist_step_fingerprint:
 *
 * Returns: (transfer full): the SHA-256, in hex, of the step's text and warning
 */
char *
gcm_checklist_step_fingerprint (const GcmItemStep *step)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (step != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) (step->text ? step->text : ""), -1);
  /* A separator, so that moving words between text and warning changes the fingerprint. */
  g_checksum_update (checksum, (const guchar *) "\0", 1);
  g_checksum_update (checksum, (const guchar *) (step->warning ? step->warning : ""), -1);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
load_job (GTask   *task,
          sqlite3 *db)
{
  ChecklistData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) ticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gboolean has_row = FALSE;

  stmt = gcm_sqlite_prepare (db, "SELECT step_id, step_fingerprint FROM checklist_tick"
                                 " WHERE procedure_id = ?1 AND ticked",
                             "Cannot read the checklist", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  gcm_sqlite_bind_text (stmt, 1, data->procedure_id);
  for (;;)
    {
      const char *step_id, *fingerprint, *current;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the checklist", &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (!has_row)
        break;
      step_id = (const char *) sqlite3_column_text (stmt, 0);
      fingerprint = (const char *) sqlite3_column_text (stmt, 1);
      current = g_hash_table_lookup (data->current, step_id);
      if (current != NULL && g_strcmp0 (current, fingerprint) == 0)
        g_hash_table_add (ticked, g_strdup (step_id));
    }
  g_task_return_pointer (task, g_steal_pointer (&ticked), (GDestroyNotify) g_hash_table_unref);
}

static void
write_job (GTask   *task,
           sqlite3 *db)
{
  ChecklistData *data = g_task_get_task_data (task);
  GcmStore *store = g_task_get_source_object (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  const char *sql;
  gboolean ok;

  if (!gcm_store_check_writable (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->reset)
    sql = "DELETE FROM checklist_tick WHERE procedure_id = ?1";
  else if (data->ticked)
    sql = "INSERT INTO checklist_tick (procedure_id, step_id, step_fingerprint, ticked)"
          " VALUES (?1, ?2, ?3, 1) ON CONFLICT (procedure_id, step_id)"
          " DO UPDATE SET step_fingerprint = ?3, ticked = 1";
  else
    sql = "DELETE FROM checklist_tick WHERE procedure_id = ?1 AND step_id = ?2";

  stmt = gcm_sqlite_prepare (db, sql, "Cannot save the checklist", &error);
  if (stmt != NULL)
    {
      gcm_sqlite_bind_text (stmt, 1, data->procedure_id);
      if (!data->reset)
        gcm_sqlite_bind_text (stmt, 2, data->step_id);
      if (!data->reset && data->ticked)
        gcm_sqlite_bind_text (stmt, 3, data->fingerprint);
    }
  ok = stmt != NULL && gcm_sqlite_step_done (stmt, "Cannot save the checklist", &error);
  gcm_store_task_return_boolean (task, ok, error);
}

static void
push (GcmStore            *store,
      ChecklistData       *data,
      GcmStoreJob          job,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  gcm_store_worker_run (_gcm_store_get_user_worker (store), store, source_tag,
                        data, (GDestroyNotify) checklist_data_free, job,
                        cancellable, callback, user_data);
}

/**
 * gcm_store_load_checklist_async:
 * @procedure: the procedure as it is now; ticks of steps it rewrote or dropped do not count
 */
void
gcm_store_load_checklist_async (GcmStore            *self,
                                GcmItem             *procedure,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ChecklistData *data;
  GPtrArray *steps;

  g_return_if_fail (GCM_IS_STORE (self));
  g_return_if_fail (GCM_IS_ITEM (procedure));

  data = g_new0 (ChecklistData, 1);
  data->procedure_id = g_strdup (gcm_item_get_id (procedure));
  data->current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  steps = gcm_item_get_steps (procedure);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const GcmItemStep *step = g_ptr_array_index (steps, i);

      if (step->id != NULL)
        g_hash_table_insert (data->current, g_strdup (step->id),
                             gcm_checklist_step_fingerprint (step));
    }
  push (self, data, load_job, gcm_store_load_checklist_async, cancellable, callback, user_data);
}

/**
 * gcm_store_load_checklist_finish:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the ids of the ticked steps, a set
 */
GHashTable *
gcm_store_load_checklist_finish (GcmStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return gcm_store_task_propagate_pointer (self, result, error);
}

/**
 * gcm_store_tick_step_async:
 * @step: a step with an id; the tick keeps the fingerprint of its text
 */
void
gcm_store_tick_step_async (GcmStore            *self,
                           const char          *procedure_id,
                           const GcmItemStep   *step,
                           gboolean             ticked,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ChecklistData *data;

  g_return_if_fail (GCM_IS_STORE (self));
  g_return_if_fail (procedure_id != NULL && step != NULL && step->id != NULL);

  data = g_new0 (ChecklistData, 1);
  data->procedure_id = g_strdup (procedure_id);
  data->step_id = g_strdup (step->id);
  data->fingerprint = gcm_checklist_step_fingerprint (step);
  data->ticked = ticked;
  push (self, data, write_job, gcm_store_tick_step_async, cancellable, callback, user_data);
}

void
gcm_store_reset_checklist_async (GcmStore            *self,
                                 const char          *procedure_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ChecklistData *data;

  g_return_if_fail (GCM_IS_STORE (self));
  g_return_if_fail (procedure_id != NULL);

  data = g_new0 (ChecklistData, 1);
  data->procedure_id = g_strdup (procedure_id);
  data->reset = TRUE;
  push (self, data, write_job, gcm_store_reset_checklist_async, cancellable, callback, user_data);
}
