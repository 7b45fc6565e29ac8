/* gcm-store-worker.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread for one database, holding its long-lived connection, running jobs one at a time
 * in the order they were pushed. So two quick writes (a bookmark set and removed) land in the
 * order the user made them and complete in that order, and no two threads share a connection.
 *
 * A job is a GTask and a function; it returns into the task (the caller's callback runs in the
 * caller's main context) or pushes the task on to the other database's worker.
 */

#define G_LOG_DOMAIN "GcmStoreWorker"

#include "config.h"

#include "gcm-store-worker.h"

struct _GcmStoreWorker
{
  GThread            *thread;
  GAsyncQueue        *queue;
  GcmStoreWorkerOpen  open;
  gpointer            open_data;
  sqlite3            *db;
};

typedef struct
{
  GTask       *task;       /* NULL: stop */
  GcmStoreJob  job;
  gboolean     optional;   /* runs without a connection when none can be opened */
} Job;

static void
run_job (GcmStoreWorker *self,
         Job            *job)
{
  g_autoptr(GTask) task = job->task;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->db == NULL)
    {
      GError *error = NULL;

      /* Opened again at the next job: the cause (a locked file, a full disk) may pass. */
      if (!(self->db = self->open (self->open_data, &error)) && !job->optional)
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
    }
  job->job (task, self->db);
}

static gpointer
worker_thread (gpointer data)
{
  GcmStoreWorker *self = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->queue);

      if (job->task == NULL)
        {
          g_free (job);
          break;
        }
      run_job (self, job);
      g_free (job);
    }
  sqlite3_close (self->db);
  g_async_queue_unref (self->queue);
  g_free (self);
  return NULL;
}

/**
 * gcm_store_worker_new:
 * @open: opens the connection on the worker, at its first job
 *
 * Returns: (transfer full): the worker; stop it with gcm_store_worker_stop()
 */
GcmStoreWorker *
gcm_store_worker_new (const char         *name,
                      GcmStoreWorkerOpen  open,
                      gpointer            open_data)
{
  GcmStoreWorker *self = g_new0 (GcmStoreWorker, 1);

  self->queue = g_async_queue_new ();
  self->open = open;
  self->open_data = open_data;
  self->thread = g_thread_new (name, worker_thread, self);
  return self;
}

static void
push (GcmStoreWorker *self,
      GTask          *task,
      GcmStoreJob     job,
      gboolean        optional)
{
  Job *item = g_new0 (Job, 1);

  item->task = g_object_ref (task);
  item->job = job;
  item->optional = optional;
  g_async_queue_push (self->queue, item);
}

/* Queues @job for @task after every job pushed before it; takes a reference on @task. When the
 * connection cannot be opened, @task returns that error and @job does not run. */
void
gcm_store_worker_push (GcmStoreWorker *self,
                       GTask          *task,
                       GcmStoreJob     job)
{
  g_return_if_fail (G_IS_TASK (task) && job != NULL);
  push (self, task, job, FALSE);
}

/* The same, but @job runs with a %NULL connection when none can be opened: for extras, such as
 * the reading position of a page, that must not keep the page from showing. */
void
gcm_store_worker_push_optional (GcmStoreWorker *self,
                                GTask          *task,
                                GcmStoreJob     job)
{
  g_return_if_fail (G_IS_TASK (task) && job != NULL);
  push (self, task, job, TRUE);
}

/**
 * gcm_store_worker_run:
 * @source_object: the store the call belongs to, which the task keeps
 * @task_data: (transfer full) (nullable): what @job reads, freed with @task_data_free
 *
 * An async call of the store in one step: a new task, tagged @source_tag, pushed with @job.
 */
void
gcm_store_worker_run (GcmStoreWorker      *self,
                      gpointer             source_object,
                      gpointer             source_tag,
                      gpointer             task_data,
                      GDestroyNotify       task_data_free,
                      GcmStoreJob          job,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  gcm_store_worker_push (self, task, job);
}

/**
 * gcm_store_task_return_pointer:
 * @result: (transfer full) (nullable): what the job read, or %NULL when it failed
 * @error: (transfer full) (nullable): why it failed, when @result is %NULL
 *
 * Ends a job that reads one thing: @task returns @result, or @error.
 */
void
gcm_store_task_return_pointer (GTask          *task,
                               gpointer        result,
                               GDestroyNotify  result_free,
                               GError         *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, result_free);
  else
    g_task_return_error (task, error);
}

/* Ends a job that writes: @task returns TRUE, or @error (transfer full) when @ok is FALSE. */
void
gcm_store_task_return_boolean (GTask    *task,
                               gboolean  ok,
                               GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* What a job returned with g_task_return_pointer(), for the call's _finish(): %NULL with @error
 * set when it failed. */
gpointer
gcm_store_task_propagate_pointer (gpointer       source_object,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
gcm_store_task_propagate_boolean (gpointer       source_object,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Finishes the jobs queued, closes the connection and ends the thread. Waits for it, unless
 * called from a job (the last reference to the store dropped on the worker). */
void
gcm_store_worker_stop (GcmStoreWorker *self)
{
  GThread *thread;

  if (self == NULL)
    return;
  thread = self->thread;
  g_async_queue_push (self->queue, g_new0 (Job, 1));
  /* @self belongs to the thread from here on. */
  if (g_thread_self () == thread)
    g_thread_unref (thread);
  else
    g_thread_join (thread);
}
