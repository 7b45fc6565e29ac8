/* gcm-workshop-sessions.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workshop sessions saved in user.db, newest first, each with its date, its questions and
 * the share right, and buttons that export it again as CSV or as the PDF report.
 */

#define G_LOG_DOMAIN "GcmWorkshopSessions"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-workshop.h"
#include "gcm-workshop-export.h"
#include "gcm-workshop-sessions.h"

struct _GcmWorkshopSessions
{
  AdwWindow     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkListBox   *session_list;
  GtkLabel     *status_label;

  /* Owned */
  GCancellable *cancellable;
  GPtrArray    *sessions;   /* (element-type GcmWorkshopSession) */
};

G_DEFINE_FINAL_TYPE (GcmWorkshopSessions, gcm_workshop_sessions, ADW_TYPE_WINDOW)

static void
on_export_clicked_cb (GtkButton           *button,
                      GcmWorkshopSessions *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "session"));
  GcmWorkshopFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "format"));

  if (self->sessions == NULL || index >= self->sessions->len)
    return;
  gcm_workshop_export_choose (GTK_WINDOW (self), g_ptr_array_index (self->sessions, index), format,
                              self->status_label);
}

static GtkWidget *
export_button (GcmWorkshopSessions *self,
               guint                index,
               const char          *label,
               const char          *accessible,
               GcmWorkshopFormat    format)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "session", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "format", GINT_TO_POINTER (format));
  g_signal_connect (button, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  return button;
}

static GtkWidget *
session_row (GcmWorkshopSessions      *self,
             const GcmWorkshopSession *session,
             guint                     index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (session->started);
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("");
  int share = gcm_workshop_session_get_share_right (session);
  guint n = session->questions->len;
  g_autofree char *share_text = share >= 0 ? g_strdup_printf (_("%d%% right"), share)
                                           : g_strdup (_("no answers counted"));
  /* Translators: a workshop session's line: its date, its questions and the share right */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u question · %s",
                                                            "%s · %u questions · %s", n),
                                               date, n, share_text);
  /* Translators: the name of a button that exports one workshop session */
  g_autofree char *csv_name = g_strdup_printf (_("Export %s of %s as CSV"), session->title, date);
  /* Translators: the name of a button that exports one workshop session's report */
  g_autofree char *pdf_name = g_strdup_printf (_("Export %s of %s as PDF"), session->title, date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), session->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             export_button (self, index, _("CSV"), csv_name, GCM_WORKSHOP_FORMAT_CSV));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             export_button (self, index, _("PDF"), pdf_name, GCM_WORKSHOP_FORMAT_PDF));
  return row;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GcmWorkshopSessions) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = gcm_workshop_list_finish (GCM_STORE (object), result, &error);

  if (sessions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = sessions;
  for (guint i = 0; i < sessions->len; i++)
    gtk_list_box_append (self->session_list, session_row (self, g_ptr_array_index (sessions, i), i));
  gtk_stack_set_visible_child_name (self->stack, sessions->len > 0 ? "list" : "empty");
}

static void
gcm_workshop_sessions_dispose (GObject *object)
{
  GcmWorkshopSessions *self = GCM_WORKSHOP_SESSIONS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_WORKSHOP_SESSIONS);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  G_OBJECT_CLASS (gcm_workshop_sessions_parent_class)->dispose (object);
}

static void
gcm_workshop_sessions_class_init (GcmWorkshopSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_workshop_sessions_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/greencustoms/Manual/ui/gcm-workshop-sessions.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmWorkshopSessions, stack);
  gtk_widget_class_bind_template_child (widget_class, GcmWorkshopSessions, session_list);
  gtk_widget_class_bind_template_child (widget_class, GcmWorkshopSessions, status_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gcm_workshop_sessions_init (GcmWorkshopSessions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * gcm_workshop_sessions_new:
 *
 * Returns: (transfer none): the window of saved sessions, shown
 */
GtkWidget *
gcm_workshop_sessions_new (GcmStore  *store,
                           GtkWindow *parent)
{
  GcmWorkshopSessions *self = g_object_new (GCM_TYPE_WORKSHOP_SESSIONS,
                                            "transient-for", parent, NULL);

  gtk_stack_set_visible_child_name (self->stack, "list");
  gcm_workshop_list_async (store, self->cancellable, listed_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
