/* gcm-store-worker.h — private to store/
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _GcmStoreWorker GcmStoreWorker;

/* Opens the worker's connection, on the worker's thread. */
typedef sqlite3 *(*GcmStoreWorkerOpen) (gpointer   data,
                                        GError   **error);

/* Runs on the worker with its connection; returns into @task or hands it to another worker. */
typedef void     (*GcmStoreJob)        (GTask     *task,
                                        sqlite3   *db);

GcmStoreWorker *gcm_store_worker_new  (const char         *name,
                                       GcmStoreWorkerOpen  open,
                                       gpointer            open_data);
void            gcm_store_worker_push (GcmStoreWorker     *self,
                                       GTask              *task,
                                       GcmStoreJob         job);
void            gcm_store_worker_push_optional (GcmStoreWorker *self,
                                                GTask          *task,
                                                GcmStoreJob     job);
void            gcm_store_worker_stop (GcmStoreWorker     *self);

void            gcm_store_worker_run  (GcmStoreWorker      *self,
                                       gpointer             source_object,
                                       gpointer             source_tag,
                                       gpointer             task_data,
                                       GDestroyNotify       task_data_free,
                                       GcmStoreJob          job,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void            gcm_store_task_return_pointer    (GTask         *task,
                                                  gpointer       result,
                                                  GDestroyNotify result_free,
                                                  GError        *error);
void            gcm_store_task_return_boolean    (GTask         *task,
                                                  gboolean       ok,
                                                  GError        *error);
gpointer        gcm_store_task_propagate_pointer (gpointer       source_object,
                                                  GAsyncResult  *result,
                                                  GError       **error);
gboolean        gcm_store_task_propagate_boolean (gpointer       source_object,
                                                  GAsyncResult  *result,
                                                  GError       **error);

G_END_DECLS
