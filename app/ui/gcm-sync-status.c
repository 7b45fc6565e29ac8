/* gcm-sync-status.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync status at the foot of the sidebar: one line that says what the sync service is doing
 * or last did ("Up to date · checked 2 hours ago", "Checking for updates…", the last error), a
 * progress bar while an update is downloaded or installed, and a Check now button that
 * activates app.check-updates.
 */

#define G_LOG_DOMAIN "GcmSyncStatus"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-sync-status.h"

struct _GcmSyncStatus
{
  GtkWidget       parent_instance;

  /* Children */
  GtkWidget      *label;
  GtkWidget      *button;
  GtkWidget      *progress;

  /* Owned */
  GcmSyncService *service;
  GSignalGroup   *signals;
  guint           tick_id;     /* keeps "2 hours ago" true */
  guint           pulse_id;
  gboolean        importing;
};

G_DEFINE_FINAL_TYPE (GcmSyncStatus, gcm_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
state_is_busy (GcmSyncState state)
{
  return state == GCM_SYNC_STATE_CHECKING || state == GCM_SYNC_STATE_DOWNLOADING ||
         state == GCM_SYNC_STATE_VERIFYING || state == GCM_SYNC_STATE_INSTALLING;
}

/* "checked …" sentences, whole, so that each language words them its own way. */
static char *
describe_checked (gboolean up_to_date,
                  gint64   ago)
{
  gint64 n;

  if (ago < 60)
    return g_strdup (up_to_date ? _("Up to date · checked just now")
                                : _("Last checked just now"));
  if (ago < 3600)
    {
      n = ago / 60;
      return g_strdup_printf (up_to_date
                              ? g_dngettext (GETTEXT_PACKAGE, "Up to date · checked %d minute ago",
                                             "Up to date · checked %d minutes ago", n)
                              : g_dngettext (GETTEXT_PACKAGE, "Last checked %d minute ago",
                                             "Last checked %d minutes ago", n),
                              (int) n);
    }
  if (ago < 86400)
    {
      n = ago / 3600;
      return g_strdup_printf (up_to_date
                              ? g_dngettext (GETTEXT_PACKAGE, "Up to date · checked %d hour ago",
                                             "Up to date · checked %d hours ago", n)
                              : g_dngettext (GETTEXT_PACKAGE, "Last checked %d hour ago",
                                             "Last checked %d hours ago", n),
                              (int) n);
    }
  n = ago / 86400;
  return g_strdup_printf (up_to_date
                          ? g_dngettext (GETTEXT_PACKAGE, "Up to date · checked %d day ago",
                                         "Up to date · checked %d days ago", n)
                          : g_dngettext (GETTEXT_PACKAGE, "Last checked %d day ago",
                                         "Last checked %d days ago", n),
                          (int) MIN (n, G_MAXINT));
}

/**
 * gcm_sync_status_describe:
 *
 * Returns: (transfer full): the status line for a service in @state
 */
char *
gcm_sync_status_describe (GcmSyncState  state,
                          gint64        last_success,
                          const char   *last_error,
                          gint64        now)
{
  switch (state)
    {
    case GCM_SYNC_STATE_CHECKING:
      return g_strdup (_("Checking for updates…"));
    case GCM_SYNC_STATE_DOWNLOADING:
      return g_strdup (_("Downloading the update…"));
    case GCM_SYNC_STATE_VERIFYING:
      return g_strdup (_("Checking the update’s signature…"));
    case GCM_SYNC_STATE_INSTALLING:
      return g_strdup (_("Installing the update…"));
    case GCM_SYNC_STATE_FAILED:
      return g_strdup (last_error ? last_error : _("The last check for updates failed."));
    case GCM_SYNC_STATE_UP_TO_DATE:
    case GCM_SYNC_STATE_IDLE:
    default:
      break;
    }
  if (last_error != NULL)
    return g_strdup (last_error);
  if (last_success <= 0)
    return g_strdup (_("Not checked for updates yet"));
  /* A clock set back shows "just now" rather than a time in the future. */
  return describe_checked (state == GCM_SYNC_STATE_UP_TO_DATE, MAX (now - last_success, 0));
}

static const char *
added_format (GcmItemKind kind,
              guint       n)
{
  switch (kind)
    {
    case GCM_ITEM_KIND_SECTION:
      return g_dngettext (GETTEXT_PACKAGE, "%u new section", "%u new sections", n);
    case GCM_ITEM_KIND_CASE:
      return g_dngettext (GETTEXT_PACKAGE, "%u new case", "%u new cases", n);
    case GCM_ITEM_KIND_PROCEDURE:
      return g_dngettext (GETTEXT_PACKAGE, "%u new procedure", "%u new procedures", n);
    case GCM_ITEM_KIND_QUIZ:
      return g_dngettext (GETTEXT_PACKAGE, "%u new quiz", "%u new quizzes", n);
    default:
      return g_dngettext (GETTEXT_PACKAGE, "%u new page", "%u new pages", n);
    }
}

static const char *
updated_format (GcmItemKind kind,
                guint       n)
{
  switch (kind)
    {
    case GCM_ITEM_KIND_SECTION:
      return g_dngettext (GETTEXT_PACKAGE, "%u section updated", "%u sections updated", n);
    case GCM_ITEM_KIND_CASE:
      return g_dngettext (GETTEXT_PACKAGE, "%u case updated", "%u cases updated", n);
    case GCM_ITEM_KIND_PROCEDURE:
      return g_dngettext (GETTEXT_PACKAGE, "%u procedure updated", "%u procedures updated", n);
    case GCM_ITEM_KIND_QUIZ:
      return g_dngettext (GETTEXT_PACKAGE, "%u quiz updated", "%u quizzes updated", n);
    default:
      return g_dngettext (GETTEXT_PACKAGE, "%u page updated", "%u pages updated", n);
    }
}

static void
append_part (GString    *text,
             const char *format,
             guint       n)
{
  if (text->len > 0)
    /* Translators: separates the parts of “12 new cases, 3 sections updated” */
    g_string_append (text, _(", "));
  g_string_append_printf (text, format, n);
}

/**
 * gcm_sync_report_describe:
 *
 * Returns: (transfer full) (nullable): what the update brought, or %NULL when it changed nothing
 */
char *
gcm_sync_report_describe (const GcmSyncReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  /* New things first, by kind, then changes, then withdrawals. */
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    if (report->added[kind] > 0)
      append_part (text, added_format (kind, report->added[kind]), report->added[kind]);
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    if (report->updated[kind] > 0)
      append_part (text, updated_format (kind, report->updated[kind]), report->updated[kind]);
  if (report->removed > 0)
    append_part (text, g_dngettext (GETTEXT_PACKAGE, "%u page withdrawn", "%u pages withdrawn",
                                    report->removed),
                 report->removed);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
update (GcmSyncStatus *self)
{
  GcmSyncState state = GCM_SYNC_STATE_IDLE;
  g_autofree char *text = NULL;
  gboolean busy, failed, show_progress;

  gtk_widget_set_visible (GTK_WIDGET (self), self->service != NULL);
  if (self->service == NULL)
    return;

  state = gcm_sync_service_get_state (self->service);
  busy = state_is_busy (state) || self->importing;
  failed = !busy && gcm_sync_service_get_last_error (self->service) != NULL;
  show_progress = self->importing || state == GCM_SYNC_STATE_DOWNLOADING ||
                  state == GCM_SYNC_STATE_VERIFYING || state == GCM_SYNC_STATE_INSTALLING;

  if (self->importing)
    text = g_strdup (_("Installing the update from the folder…"));
  else
    text = gcm_sync_status_describe (state, gcm_sync_service_get_last_success (self->service),
                                     gcm_sync_service_get_last_error (self->service),
                                     g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  /* Like the content line below it, the status is dim until something went wrong. */
  if (failed)
    {
      gtk_widget_add_css_class (self->label, "error");
      gtk_widget_remove_css_class (self->label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->label, "error");
      gtk_widget_add_css_class (self->label, "dim-label");
    }

  gtk_widget_set_visible (self->progress, show_progress);
  if (!self->importing)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress),
                                   gcm_sync_service_get_progress (self->service));
  gtk_widget_set_sensitive (self->button, !busy);
}

/* Callbacks */

static gboolean
on_tick_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_pulse_cb (gpointer user_data)
{
  GcmSyncStatus *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress));
  return G_SOURCE_CONTINUE;
}

static void
on_check_clicked_cb (GcmSyncStatus *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.check-updates", NULL);
}

/* GObject */

static void
gcm_sync_status_dispose (GObject *object)
{
  GcmSyncStatus *self = GCM_SYNC_STATUS (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->service);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_pointer (&self->progress, gtk_widget_unparent);

  G_OBJECT_CLASS (gcm_sync_status_parent_class)->dispose (object);
}

static void
gcm_sync_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GcmSyncStatus *self = GCM_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_sync_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GcmSyncStatus *self = GCM_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      gcm_sync_status_set_service (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_sync_status_class_init (GcmSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_sync_status_dispose;
  object_class->get_property = gcm_sync_status_get_property;
  object_class->set_property = gcm_sync_status_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, GCM_TYPE_SYNC_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "syncstatus");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gcm_sync_status_init (GcmSyncStatus *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkLayoutChild *child;

  gtk_grid_layout_set_column_spacing (layout, 6);
  gtk_grid_layout_set_row_spacing (layout, 6);

  self->label = g_object_new (GTK_TYPE_LABEL,
                              "xalign", 0.0f,
                              "wrap", TRUE,
                              "wrap-mode", PANGO_WRAP_WORD_CHAR,
                              "hexpand", TRUE,
                              "valign", GTK_ALIGN_CENTER,
                              "max-width-chars", 30,
                              NULL);
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_add_css_class (self->button, "circular");
  gtk_widget_set_tooltip_text (self->button, _("Check for Updates Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Check now"), -1);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_check_clicked_cb), self);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (layout), self->button);
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), 1);

  self->progress = gtk_progress_bar_new ();
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Update progress"), -1);
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));
  child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (layout), self->progress);
  gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), 1);
  gtk_grid_layout_child_set_column_span (GTK_GRID_LAYOUT_CHILD (child), 2);

  /* One group follows whichever service is set; every property leads to the same update. */
  self->signals = g_signal_group_new (GCM_TYPE_SYNC_SERVICE);
  g_signal_group_connect_swapped (self->signals, "notify::state", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::progress", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-success", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-error", G_CALLBACK (update), self);

  self->tick_id = g_timeout_add_seconds (60, on_tick_cb, self);
  update (self);
}

/* Public API */

GtkWidget *
gcm_sync_status_new (void)
{
  return g_object_new (GCM_TYPE_SYNC_STATUS, NULL);
}

GcmSyncService *
gcm_sync_status_get_service (GcmSyncStatus *self)
{
  g_return_val_if_fail (GCM_IS_SYNC_STATUS (self), NULL);
  return self->service;
}

void
gcm_sync_status_set_service (GcmSyncStatus  *self,
                             GcmSyncService *service)
{
  g_return_if_fail (GCM_IS_SYNC_STATUS (self));
  g_return_if_fail (service == NULL || GCM_IS_SYNC_SERVICE (service));

  if (!g_set_object (&self->service, service))
    return;
  g_signal_group_set_target (self->signals, service);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

/* A folder import has no service progress of its own: the bar pulses meanwhile. */
void
gcm_sync_status_set_importing (GcmSyncStatus *self,
                               gboolean       importing)
{
  g_return_if_fail (GCM_IS_SYNC_STATUS (self));

  self->importing = importing;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (importing)
    self->pulse_id = g_timeout_add (150, on_pulse_cb, self);
  update (self);
}
