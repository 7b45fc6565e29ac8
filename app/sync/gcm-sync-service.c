/* gcm-sync-service.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headquarters sync as the window sees it: one sync at a time on a worker thread
 * (gcm-sync-job.c), joined by a second request while it runs; its state and byte-exact progress
 * as properties, changed on the main context the service was made on; automatic checks at
 * start and every "sync-interval" hours, skipped offline and on metered networks unless allowed.
 */

#define G_LOG_DOMAIN "GcmSync"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-importer.h"
#include "gcm-sync-job.h"
#include "gcm-sync-service.h"
#include "gcm-trust.h"

struct _GcmSyncService
{
  GObject       parent_instance;

  GcmStore     *store;
  GSettings    *settings;
  GMainContext *context;
  GNetworkMonitor *monitor;

  GcmSyncState  state;
  double        progress;
  gint64        last_success;
  char         *last_error;
  char         *feed_url;
  GPtrArray    *extra_keys;     /* (element-type utf8): .pub texts */

  GCancellable *cancellable;    /* of the sync that runs, or NULL */
  GList        *waiting;        /* (element-type GTask): callers of sync_async joined to it */
  guint         timer;
  gboolean      automatic;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_FEED_URL,
  N_PROPS
};

enum
{
  SIGNAL_FINISHED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (GcmSyncState, gcm_sync_state,
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_CHECKING, "checking"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_DOWNLOADING, "downloading"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_VERIFYING, "verifying"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_INSTALLING, "installing"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (GCM_SYNC_STATE_FAILED, "failed"))

G_DEFINE_BOXED_TYPE (GcmSyncReport, gcm_sync_report, gcm_sync_report_copy, gcm_sync_report_free)

G_DEFINE_FINAL_TYPE (GcmSyncService, gcm_sync_service, G_TYPE_OBJECT)

GcmSyncReport *
gcm_sync_report_copy (const GcmSyncReport *report)
{
  GcmSyncReport *copy = g_memdup2 (report, sizeof *report);

  copy->added_ids = g_strdupv (report->added_ids);
  return copy;
}

void
gcm_sync_report_free (GcmSyncReport *report)
{
  if (report == NULL)
    return;
  g_strfreev (report->added_ids);
  g_free (report);
}

/* Helpers */

static void
set_state (GcmSyncService *self,
           GcmSyncState    state,
           double          progress)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

typedef struct
{
  GcmSyncService *self;
  GcmSyncState    state;
  double          progress;
} Notify;

static gboolean
notify_in_context (gpointer user_data)
{
  Notify *notify = user_data;

  /* A late report of a sync that has already ended changes nothing. */
  if (notify->self->cancellable != NULL)
    set_state (notify->self, notify->state, notify->progress);
  return G_SOURCE_REMOVE;
}

static void
notify_free (gpointer user_data)
{
  Notify *notify = user_data;

  g_object_unref (notify->self);
  g_free (notify);
}

static void
job_notify_cb (GcmSyncState state,
               double       progress,
               gpointer     user_data)
{
  GcmSyncService *self = user_data;
  Notify *notify = g_new0 (Notify, 1);

  notify->self = g_object_ref (self);
  notify->state = state;
  notify->progress = progress;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, notify_in_context, notify,
                              notify_free);
}

static GcmTrust *
build_trust (GcmSyncService *self)
{
  GcmTrust *trust = gcm_trust_new_by_key ();

  gcm_trust_add_installed (trust, gcm_trust_installed_keys_dir ());
  gcm_trust_add_settings (trust, self->settings);
  for (guint i = 0; i < self->extra_keys->len; i++)
    gcm_trust_add_key_text (trust, g_ptr_array_index (self->extra_keys, i), NULL);
  return trust;
}

typedef struct
{
  GcmStore *store;
  char     *url;
  GcmTrust *trust;
} JobData;

static void
job_data_free (JobData *data)
{
  g_object_unref (data->store);
  g_free (data->url);
  gcm_trust_unref (data->trust);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;
  GcmSyncReport *report;

  report = gcm_sync_job_run (data->store, data->url, data->trust, job_notify_cb, source_object,
                             NULL, cancellable, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) gcm_sync_report_free);
  else
    g_task_return_error (task, error);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GList *waiting;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  waiting = g_steal_pointer (&self->waiting);

  if (report != NULL)
    {
      self->last_success = g_get_real_time () / G_USEC_PER_SEC;
      if (self->settings != NULL)
        g_settings_set_int64 (self->settings, "last-sync", self->last_success);
      g_clear_pointer (&self->last_error, g_free);
      set_state (self, report->up_to_date ? GCM_SYNC_STATE_UP_TO_DATE : GCM_SYNC_STATE_IDLE, 1.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
      if (!report->up_to_date)
        gcm_store_content_changed (self->store);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, report);
    }
  else
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      set_state (self, GCM_SYNC_STATE_FAILED, 0.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
    }

  for (GList *l = waiting; l != NULL; l = l->next)
    {
      GTask *task = l->data;
      if (report != NULL)
        g_task_return_pointer (task, gcm_sync_report_copy (report),
                               (GDestroyNotify) gcm_sync_report_free);
      else
        g_task_return_error (task, g_error_copy (error));
    }
  g_list_free_full (waiting, g_object_unref);
}

/* A caller's cancellable, connected while its task waits. */
typedef struct
{
  GCancellable *cancellable;
  gulong        handler;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_cancellable_disconnect (waiter->cancellable, waiter->handler);
  g_clear_object (&waiter->cancellable);
  g_free (waiter);
}

static void
caller_cancelled_cb (GCancellable   *cancellable,
                     GcmSyncService *self)
{
  /* One caller giving up stops the sync only if nobody else waits for it. */
  if (self->cancellable != NULL && g_list_length (self->waiting) <= 1)
    g_cancellable_cancel (self->cancellable);
}

static void
start_sync (GcmSyncService *self)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  data = g_new0 (JobData, 1);
  data->store = g_object_ref (self->store);
  data->url = g_strdup (self->feed_url);
  data->trust = build_trust (self);

  set_state (self, GCM_SYNC_STATE_CHECKING, 0.0);
  task = g_task_new (self, self->cancellable, sync_done_cb, NULL);
  g_task_set_source_tag (task, start_sync);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  g_task_run_in_thread (task, sync_thread);
}

static gboolean
may_sync_automatically (GcmSyncService *self)
{
  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "sync-automatic"))
    return FALSE;
  if (self->feed_url == NULL || *self->feed_url == '\0')
    return FALSE;
  if (!g_network_monitor_get_network_available (self->monitor))
    return FALSE;
  if (g_network_monitor_get_network_metered (self->monitor) &&
      !g_settings_get_boolean (self->settings, "sync-on-metered"))
    return FALSE;
  return TRUE;
}

static void schedule (GcmSyncService *self);

static gboolean
timer_cb (gpointer user_data)
{
  GcmSyncService *self = user_data;

  self->timer = 0;
  if (may_sync_automatically (self))
    start_sync (self);
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* The next check: "sync-interval" hours after the last success, at once when overdue. */
static void
schedule (GcmSyncService *self)
{
  gint64 interval, due, now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (!self->automatic || self->settings == NULL)
    return;
  interval = (gint64) g_settings_get_uint (self->settings, "sync-interval") * 3600;
  due = self->last_success + interval;
  self->timer = g_timeout_add_seconds ((guint) CLAMP (due - now, 1, interval), timer_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    GcmSyncService  *self)
{
  /* A network that turned metered stops a sync that was not allowed there. */
  if (self->cancellable != NULL && self->automatic && self->settings != NULL &&
      g_network_monitor_get_network_metered (monitor) &&
      !g_settings_get_boolean (self->settings, "sync-on-metered") && self->waiting == NULL)
    g_cancellable_cancel (self->cancellable);
  else if (available && self->state == GCM_SYNC_STATE_FAILED && may_sync_automatically (self))
    start_sync (self);
}

static void
settings_changed_cb (GSettings      *settings,
                     const char     *key,
                     GcmSyncService *self)
{
  if (g_str_equal (key, "feed-url"))
    {
      g_autofree char *url = g_settings_get_string (settings, "feed-url");
      gcm_sync_service_set_feed_url (self, url);
    }
  else if (g_str_equal (key, "sync-interval") || g_str_equal (key, "sync-automatic"))
    schedule (self);
}

/* GObject */

static void
gcm_sync_service_dispose (GObject *object)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  self->automatic = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  G_OBJECT_CLASS (gcm_sync_service_parent_class)->dispose (object);
}

static void
gcm_sync_service_finalize (GObject *object)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);
  g_free (self->last_error);
  g_free (self->feed_url);
  g_ptr_array_unref (self->extra_keys);

  G_OBJECT_CLASS (gcm_sync_service_parent_class)->finalize (object);
}

static void
gcm_sync_service_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_FEED_URL:
      g_value_set_string (value, self->feed_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_sync_service_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_FEED_URL:
      gcm_sync_service_set_feed_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_sync_service_class_init (GcmSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gcm_sync_service_dispose;
  object_class->finalize = gcm_sync_service_finalize;
  object_class->get_property = gcm_sync_service_get_property;
  object_class->set_property = gcm_sync_service_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GCM_TYPE_SYNC_STATE, GCM_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEED_URL] =
    g_param_spec_string ("feed-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GCM_TYPE_SYNC_REPORT);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
gcm_sync_service_init (GcmSyncService *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->extra_keys = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

GcmSyncService *
gcm_sync_service_new (GcmStore  *store,
                      GSettings *settings)
{
  GcmSyncService *self;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GCM_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      self->feed_url = g_settings_get_string (settings, "feed-url");
      self->last_success = g_settings_get_int64 (settings, "last-sync");
      g_signal_connect (settings, "changed", G_CALLBACK (settings_changed_cb), self);
    }
  return self;
}

GcmSyncState
gcm_sync_service_get_state (GcmSyncService *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), GCM_SYNC_STATE_IDLE);
  return self->state;
}

double
gcm_sync_service_get_progress (GcmSyncService *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), 0.0);
  return self->progress;
}

gint64
gcm_sync_service_get_last_success (GcmSyncService *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), 0);
  return self->last_success;
}

const char *
gcm_sync_service_get_last_error (GcmSyncService *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), NULL);
  return self->last_error;
}

const char *
gcm_sync_service_get_feed_url (GcmSyncService *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), NULL);
  return self->feed_url;
}

void
gcm_sync_service_set_feed_url (GcmSyncService *self,
                               const char     *url)
{
  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));

  if (g_strcmp0 (self->feed_url, url) == 0)
    return;
  g_free (self->feed_url);
  self->feed_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEED_URL]);
}

gboolean
gcm_sync_service_add_trusted_key (GcmSyncService  *self,
                                  const char      *pub_text,
                                  GError         **error)
{
  g_autoptr(GcmMinisignKey) key = NULL;

  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), FALSE);

  key = gcm_minisign_key_new_from_text (pub_text, -1, error);
  if (key == NULL)
    return FALSE;
  g_ptr_array_add (self->extra_keys, g_strdup (pub_text));
  return TRUE;
}

/* The first check waits for the collection: it must not count on objects being deleted. */
static void
collected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GcmSyncService) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gcm_importer_collect_objects_finish (GCM_STORE (object), result, &error) < 0)
    g_debug ("Cannot collect unreferenced objects: %s", error->message);
  if (!self->automatic)   /* disposed meanwhile */
    return;
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  if (may_sync_automatically (self))
    start_sync (self);
  schedule (self);
}

void
gcm_sync_service_start_automatic (GcmSyncService *self)
{
  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));

  if (self->settings == NULL || self->automatic)
    return;
  self->automatic = TRUE;
  self->monitor = g_network_monitor_get_default ();
  /* Objects no snapshot uses, and parts, left a week ago or more; the downloads of a sync cut
   * off since then stay for the next one. */
  gcm_importer_collect_objects_async (self->store, 7 * 24 * 60 * 60, self->cancellable,
                                      collected_cb, g_object_ref (self));
}

void
gcm_sync_service_sync_async (GcmSyncService      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_sync_service_sync_async);
  /* The answer is the sync's, with its sentence, even for a caller that cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  self->waiting = g_list_append (self->waiting, task);
  start_sync (self);
  if (cancellable != NULL)
    {
      Waiter *waiter = g_new0 (Waiter, 1);

      waiter->cancellable = g_object_ref (cancellable);
      g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
      /* Connected last: an already cancelled caller stops the sync just started. */
      waiter->handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb), self,
                                               NULL);
    }
}

GcmSyncReport *
gcm_sync_service_sync_finish (GcmSyncService  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gcm_sync_service_cancel (GcmSyncService *self)
{
  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
