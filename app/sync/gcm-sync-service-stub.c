/* gcm-sync-service-stub.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stand-in for GcmSyncService until the sync engine lands: a sync walks the states on timeouts,
 * reports two new cases and one updated section, and fails when the feed address contains
 * "fail". It downloads nothing and changes no content.
 */

#define G_LOG_DOMAIN "GcmSyncService"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "gcm-sync-service.h"

struct _GcmSyncService
{
  GObject       parent_instance;

  GcmStore     *store;
  GSettings    *settings;
  GcmSyncState  state;
  double        progress;
  gint64        last_success;
  char         *last_error;
  char         *feed_url;
  GPtrArray    *waiting;     /* (element-type GTask) the callers of the sync that runs */
  guint         step_id;
  guint         timer_id;
  guint         step;
};

G_DEFINE_FINAL_TYPE (GcmSyncService, gcm_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_FEED_URL,
  N_PROPS
};

enum {
  FINISHED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
gcm_sync_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { GCM_SYNC_STATE_IDLE, "GCM_SYNC_STATE_IDLE", "idle" },
    { GCM_SYNC_STATE_CHECKING, "GCM_SYNC_STATE_CHECKING", "checking" },
    { GCM_SYNC_STATE_DOWNLOADING, "GCM_SYNC_STATE_DOWNLOADING", "downloading" },
    { GCM_SYNC_STATE_VERIFYING, "GCM_SYNC_STATE_VERIFYING", "verifying" },
    { GCM_SYNC_STATE_INSTALLING, "GCM_SYNC_STATE_INSTALLING", "installing" },
    { GCM_SYNC_STATE_UP_TO_DATE, "GCM_SYNC_STATE_UP_TO_DATE", "up-to-date" },
    { GCM_SYNC_STATE_FAILED, "GCM_SYNC_STATE_FAILED", "failed" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GcmSyncState", values));
  return type;
}

G_DEFINE_BOXED_TYPE (GcmSyncReport, gcm_sync_report, gcm_sync_report_copy, gcm_sync_report_free)

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

static GStrv
newest_cases (GcmSyncService *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  sqlite3 *db = gcm_store_get_content_db (self->store);
  sqlite3_stmt *stmt = NULL;

  if (db != NULL && sqlite3_prepare_v2 (db, "SELECT id FROM item WHERE kind = 'case'"
                                            " ORDER BY id DESC LIMIT 2", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (ids);
}

static void
finish_all (GcmSyncService *self,
            GcmSyncReport  *report,
            const GError   *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, gcm_sync_report_copy (report),
                               (GDestroyNotify) gcm_sync_report_free);
    }
}

static gboolean
step_cb (gpointer user_data)
{
  GcmSyncService *self = user_data;

  self->step++;
  if (self->step == 1)
    {
      if (self->feed_url == NULL || *self->feed_url == '\0' || strstr (self->feed_url, "fail"))
        {
          g_autoptr(GError) error =
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                                 _("The update server could not be reached. Check the network "
                                   "connection and try again."));
          self->step_id = 0;
          g_free (self->last_error);
          self->last_error = g_strdup (error->message);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
          set_state (self, GCM_SYNC_STATE_FAILED, 0);
          finish_all (self, NULL, error);
          g_signal_emit (self, signals[FAILED], 0, error);
          return G_SOURCE_REMOVE;
        }
      set_state (self, GCM_SYNC_STATE_DOWNLOADING, 0);
      return G_SOURCE_CONTINUE;
    }
  if (self->step < 12)
    {
      set_state (self, GCM_SYNC_STATE_DOWNLOADING, (self->step - 1) / 10.0);
      return G_SOURCE_CONTINUE;
    }
  if (self->step == 12)
    {
      set_state (self, GCM_SYNC_STATE_VERIFYING, 1);
      return G_SOURCE_CONTINUE;
    }
  if (self->step < 16)
    {
      set_state (self, GCM_SYNC_STATE_INSTALLING, (self->step - 12) / 3.0);
      return G_SOURCE_CONTINUE;
    }

  {
    g_autoptr(GcmSyncReport) report = g_new0 (GcmSyncReport, 1);
    gboolean again = self->last_success > 0 && g_getenv ("GCM_SYNC_STUB_NEW") == NULL;

    self->step_id = 0;
    report->serial = gcm_store_get_serial (self->store);
    /* The first check of a run finds something; later ones find nothing new. */
    report->up_to_date = again;
    if (!again)
      {
        report->added[GCM_ITEM_KIND_CASE] = 2;
        report->updated[GCM_ITEM_KIND_SECTION] = 1;
        report->added_ids = newest_cases (self);
      }
    self->last_success = g_get_real_time () / G_USEC_PER_SEC;
    if (self->settings != NULL)
      g_settings_set_int64 (self->settings, "last-sync", self->last_success);
    g_clear_pointer (&self->last_error, g_free);
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    set_state (self, GCM_SYNC_STATE_UP_TO_DATE, 0);
    finish_all (self, report, NULL);
    g_signal_emit (self, signals[FINISHED], 0, report);
  }
  return G_SOURCE_REMOVE;
}

static void
begin_sync (GcmSyncService *self)
{
  if (self->step_id != 0)
    return;
  self->step = 0;
  set_state (self, GCM_SYNC_STATE_CHECKING, 0);
  self->step_id = g_timeout_add (g_getenv ("GCM_SYNC_STUB_SLOW") ? 1500 : 250, step_cb, self);
}

static gboolean
timer_cb (gpointer user_data)
{
  begin_sync (user_data);
  return G_SOURCE_CONTINUE;
}

/* GObject */

static void
gcm_sync_service_finalize (GObject *object)
{
  GcmSyncService *self = GCM_SYNC_SERVICE (object);

  g_clear_handle_id (&self->step_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->last_error);
  g_free (self->feed_url);
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
  switch (prop_id)
    {
    case PROP_FEED_URL:
      gcm_sync_service_set_feed_url (GCM_SYNC_SERVICE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_sync_service_class_init (GcmSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gcm_sync_service_finalize;
  object_class->get_property = gcm_sync_service_get_property;
  object_class->set_property = gcm_sync_service_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GCM_TYPE_SYNC_STATE, GCM_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEED_URL] =
    g_param_spec_string ("feed-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    GCM_TYPE_SYNC_REPORT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gcm_sync_service_init (GcmSyncService *self)
{
}

/* Public API */

GcmSyncService *
gcm_sync_service_new (GcmStore  *store,
                      GSettings *settings)
{
  GcmSyncService *self;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  self = g_object_new (GCM_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      self->last_success = g_settings_get_int64 (settings, "last-sync");
      g_settings_bind (settings, "feed-url", self, "feed-url", G_SETTINGS_BIND_GET);
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
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), 0);
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
  g_return_val_if_fail (GCM_IS_SYNC_SERVICE (self), FALSE);
  return TRUE;
}

void
gcm_sync_service_start_automatic (GcmSyncService *self)
{
  guint hours;

  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));
  if (self->settings == NULL || self->timer_id != 0 ||
      !g_settings_get_boolean (self->settings, "sync-automatic"))
    return;
  hours = MAX (1, g_settings_get_uint (self->settings, "sync-interval"));
  if (self->feed_url != NULL && *self->feed_url != '\0')
    begin_sync (self);
  self->timer_id = g_timeout_add_seconds (hours * 3600, timer_cb, self);
}

void
gcm_sync_service_sync_async (GcmSyncService     *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_sync_service_sync_async);
  if (self->waiting == NULL)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, task);
  begin_sync (self);
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
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GCM_IS_SYNC_SERVICE (self));
  if (self->step_id == 0)
    return;
  g_clear_handle_id (&self->step_id, g_source_remove);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  set_state (self, GCM_SYNC_STATE_IDLE, 0);
  finish_all (self, NULL, error);
}
