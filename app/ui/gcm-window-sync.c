/* gcm-window-sync.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of headquarters updates: the status at the sidebar's foot, the toast (and
 * a notification when the window is in the background) after an update, a manual check, an
 * update imported from a folder, the What's new page and Preferences.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-application-private.h"
#include "gcm-changes.h"
#include "gcm-importer.h"
#include "gcm-preferences-window.h"
#include "gcm-window-private.h"

#define MAX_IMPORT_CHANGES 5000

/* Toasts */

static void
toast_report (GcmWindow           *self,
              const GcmSyncReport *report,
              gboolean             manual)
{
  g_autofree char *text = gcm_sync_report_describe (report);
  AdwToast *toast;

  if (text == NULL)
    {
      /* An automatic check that found nothing says nothing. */
      if (manual)
        _gcm_window_toast (self, _("Content is up to date"));
      return;
    }
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-whats-new");
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* New cases matter to an officer at work in another window: the desktop says so too. */
static void
notify_new_cases (GcmWindow           *self,
                  const GcmSyncReport *report)
{
  guint n = report->added[GCM_ITEM_KIND_CASE];
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  if (n == 0 || app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;
  /* Translators: the title of a desktop notification */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new case from headquarters",
                                        "%u new cases from headquarters", n), n);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Open What’s New in the Green Customs Manual to read "
                                           "them."));
  g_notification_set_default_action (notification, "app.show-whats-new");
  g_notification_add_button (notification, _("Show"), "app.show-whats-new");
  g_application_send_notification (app, "new-cases", notification);
}

static void
on_sync_finished_cb (GcmWindow     *self,
                     GcmSyncReport *report)
{
  /* A manual check's "up to date" comes from its own callback. */
  toast_report (self, report, FALSE);
  notify_new_cases (self, report);
}

/* Manual check */

static void
manual_sync_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = gcm_sync_service_sync_finish (GCM_SYNC_SERVICE (object), result, &error);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gcm_window_toast (self, _gcm_error_sentence (error));
      return;
    }
  text = gcm_sync_report_describe (report);
  if (text == NULL)
    _gcm_window_toast (self, _("Content is up to date"));
}

void
_gcm_window_check_updates (GcmWindow *self)
{
  g_return_if_fail (GCM_IS_WINDOW (self));

  if (self->sync == NULL)
    {
      _gcm_window_toast (self, _("Updates can be checked once the manual is installed."));
      return;
    }
  gcm_sync_service_sync_async (self->sync, self->cancellable, manual_sync_cb, g_object_ref (self));
}

/* Import from a folder */

typedef struct
{
  GcmWindow     *window;
  GcmSyncReport *report;
  guint          n_changed;   /* added or updated, as the importer counted them */
} Counting;

static void
counting_free (Counting *counting)
{
  g_object_unref (counting->window);
  gcm_sync_report_free (counting->report);
  g_free (counting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counting, counting_free)

static gboolean
report_has_changes (const GcmSyncReport *report)
{
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    if (report->added[kind] > 0 || report->updated[kind] > 0)
      return TRUE;
  return FALSE;
}

static void
changes_counted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Counting) counting = user_data;
  GcmSyncReport *report = counting->report;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = gcm_store_list_changes_finish (GCM_STORE (object), result, &error);
  if (changes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot count what the update changed: %s", error->message);
    }
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      GcmChange *change = g_ptr_array_index (changes, i);
      GcmItemKind kind;

      if (change->serial != report->serial || !gcm_item_kind_from_string (change->kind, &kind))
        continue;
      if (change->change == GCM_CHANGE_ADDED)
        report->added[kind]++;
      else
        report->updated[kind]++;
    }
  if (!report_has_changes (report) && counting->n_changed > 0)
    {
      /* A change log without these rows still gets a true toast, without kinds. */
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page added or updated",
                                      "%u pages added or updated", counting->n_changed),
                         counting->n_changed);
      _gcm_window_toast (counting->window, text);
      return;
    }
  toast_report (counting->window, report, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GcmImportResult imported = { 0 };
  Counting *counting;

  gcm_sync_status_set_importing (self->sync_status, FALSE);
  if (!gcm_importer_import_finish (GCM_STORE (object), result, &imported, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A folder that is not a feed is the user's choice, not a fault of the app. */
      g_debug ("The folder could not be imported: %s", error->message);
      _gcm_window_toast (self, _gcm_error_sentence (error));
      return;
    }
  if (imported.up_to_date)
    {
      _gcm_window_toast (self, _("Content is up to date"));
      return;
    }
  /* The change log says what was added or updated by kind, as after a sync. */
  counting = g_new0 (Counting, 1);
  counting->window = g_object_ref (self);
  counting->report = g_new0 (GcmSyncReport, 1);
  counting->report->serial = imported.serial;
  counting->report->removed = imported.removed;
  counting->n_changed = imported.added + imported.updated;
  gcm_store_list_changes_async (self->store, MAX_IMPORT_CHANGES, self->cancellable,
                                changes_counted_cb, counting);
}

static void
keys_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GcmWindow *self = GCM_WINDOW (object);
  g_autofree char *path = user_data;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = g_task_propagate_pointer (G_TASK (result), &error);
  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gcm_window_toast (self, _("The trusted keys could not be read."));
      gcm_sync_status_set_importing (self->sync_status, FALSE);
      return;
    }
  gcm_importer_import_async (self->store, path, keys, self->cancellable, import_done_cb,
                             g_object_ref (self));
}

static void
load_keys_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *keys = _gcm_load_trusted_keys (task_data, NULL, &error);

  if (keys == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, keys, (GDestroyNotify) g_ptr_array_unref);
}

static void
import_folder (GcmWindow  *self,
               const char *path)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, keys_loaded_cb, g_strdup (path));

  gcm_sync_status_set_importing (self->sync_status, TRUE);
  /* The installed keys are files: read off the main thread with the settings' ones. */
  g_task_set_task_data (task, g_object_ref (self->settings), g_object_unref);
  g_task_run_in_thread (task, load_keys_thread);
}

static void
on_folder_chosen_cb (GcmWindow            *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  if (folder == NULL)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      _gcm_window_toast (self, _("Choose a folder on this computer or on a USB stick."));
      return;
    }
  import_folder (self, path);
}

void
_gcm_window_import_folder (GcmWindow *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (GCM_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (_("Import an Update From a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"),
                                         NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Preferences */

void
_gcm_window_show_preferences (GcmWindow *self)
{
  g_return_if_fail (GCM_IS_WINDOW (self));
  gtk_window_present (GTK_WINDOW (gcm_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

/* What's new */

void
_gcm_window_show_whats_new (GcmWindow *self)
{
  gcm_whats_new_view_reload (self->whats_new);
  gtk_stack_set_visible_child_name (self->content_stack, "whats-new");
}

void
_gcm_window_init_sync (GcmWindow *self)
{
  self->whats_new = GCM_WHATS_NEW_VIEW (gcm_whats_new_view_new (self->store));
  g_signal_connect_object (self->whats_new, "item-activated",
                           G_CALLBACK (_gcm_window_open_item), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->whats_new), "whats-new");
}

/* The service exists once the bundled content is installed; until then the foot stays empty. */
void
_gcm_window_set_sync_service (GcmWindow      *self,
                              GcmSyncService *service)
{
  g_return_if_fail (GCM_IS_WINDOW (self));

  if (self->sync == service)
    return;
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, service);
  gcm_sync_status_set_service (self->sync_status, service);
  if (service != NULL)
    g_signal_connect_object (service, "finished", G_CALLBACK (on_sync_finished_cb), self,
                             G_CONNECT_SWAPPED);
}
