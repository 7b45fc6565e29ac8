/* gcm-certificate-dialog.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Get Certificate: asks for the name to print and the paper (A4 or US Letter, the locale's by
 * default), then for the file, and writes the PDF on a thread. A name it refuses is said in the
 * dialog, which stays open with what was typed.
 */

#define G_LOG_DOMAIN "GcmCertificateDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-certificate.h"
#include "gcm-certificate-dialog.h"

typedef struct
{
  GcmPathProgress  *progress;
  GtkWindow        *parent;
  AdwMessageDialog *dialog;
  AdwEntryRow      *name_row;
  AdwComboRow      *paper_row;
  GtkLabel         *problem;
  GtkFileChooserNative *chooser;
  char             *name;       /* as accepted when Save was chosen */
  guint             paper;      /* into paper_names */
} Request;

typedef struct
{
  GcmPrintDocument *document;
  GtkPaperSize     *paper;
  char             *path;
} WriteJob;

static const char * const paper_names[] = { "a4", "letter" };

static void
request_free (Request *request)
{
  gcm_path_progress_free (request->progress);
  g_clear_object (&request->parent);
  g_clear_object (&request->chooser);
  g_free (request->name);
  g_free (request);
}

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->document);
  g_clear_pointer (&job->paper, gtk_paper_size_free);
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (gcm_print_document_write_pdf (job->document, job->path, job->paper, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "uri");

  if (g_strcmp0 (response, "open") == 0 && uri != NULL)
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  AdwMessageDialog *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Certificate Not Saved"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
    }
  else
    {
      g_autofree char *basename = g_path_get_basename (job->path);
      g_autofree char *uri = g_filename_to_uri (job->path, NULL, NULL);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Certificate Saved"), NULL));
      /* Translators: %s is the file a certificate was saved to */
      adw_message_dialog_format_body (dialog, _("The certificate is in %s."), basename);
      adw_message_dialog_add_responses (dialog, "close", _("_Close"), "open", _("_Open"), NULL);
      adw_message_dialog_set_default_response (dialog, "open");
      g_object_set_data_full (G_OBJECT (dialog), "uri", g_steal_pointer (&uri), g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (saved_response_cb), NULL);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  Request *request = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  if (response != GTK_RESPONSE_ACCEPT ||
      !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) ||
      !(path = g_file_get_path (file)))
    {
      request_free (request);
      return;
    }
  now = g_date_time_new_now_local ();
  job = g_new0 (WriteJob, 1);
  job->path = g_steal_pointer (&path);
  job->paper = gcm_print_document_paper_from_name (paper_names[request->paper]);
  job->document = gcm_certificate_new_document (request->progress, request->name, now, &error);
  task = g_task_new (NULL, NULL, written_cb, g_object_ref (request->parent));
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  if (job->document == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, write_thread);
  request_free (request);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Request *request = user_data;
  g_autofree char *suggested = NULL;

  /* Save is enabled only for a name the certificate accepts (name_changed_cb). */
  if (g_strcmp0 (response, "save") != 0 ||
      !(request->name = gcm_certificate_normalize_name (gtk_editable_get_text (GTK_EDITABLE (request->name_row)),
                                                        NULL)))
    {
      request_free (request);
      return;
    }
  request->paper = MIN (adw_combo_row_get_selected (request->paper_row), G_N_ELEMENTS (paper_names) - 1);
  request->dialog = NULL;   /* it closes after this response */
  request->chooser = gtk_file_chooser_native_new (_("Save Certificate"), request->parent,
                                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                  _("_Cancel"));
  /* Translators: the file name a certificate is offered under; %s is the learner's name */
  suggested = g_strdup_printf (_("Certificate %s.pdf"), request->name);
  g_strdelimit (suggested, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (request->chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (request->chooser), TRUE);
  g_signal_connect (request->chooser, "response", G_CALLBACK (chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (request->chooser));
}

static void
name_changed_cb (GtkEditable *editable,
                 Request     *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = gcm_certificate_normalize_name (gtk_editable_get_text (editable), &error);
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* Say why a name is refused, but not before anything is typed. */
  adw_message_dialog_set_response_enabled (request->dialog, "save", name != NULL);
  gtk_label_set_text (request->problem, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (request->problem), name == NULL && typed[0] != '\0');
}

/**
 * gcm_certificate_dialog_present:
 * @parent: a widget of the window the dialog belongs to
 * @progress: a completed path
 *
 * Asks for the learner's name and the paper, then where to save the certificate.
 */
void
gcm_certificate_dialog_present (GtkWidget       *parent,
                                GcmPathProgress *progress)
{
  g_autoptr(GtkPaperSize) paper = gcm_print_document_paper_from_name (NULL);
  Request *request;
  GtkWidget *box, *group;
  GtkStringList *papers;

  g_return_if_fail (GTK_IS_WIDGET (parent) && progress != NULL);

  request = g_new0 (Request, 1);
  request->progress = gcm_path_progress_ref (progress);
  request->parent = g_object_ref (GTK_WINDOW (gtk_widget_get_root (parent)));
  request->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (request->parent,
                                                                _("Get Certificate"), NULL));
  /* Translators: %s is the title of a learning path */
  adw_message_dialog_format_body (request->dialog,
                                  _("A PDF certificate that you completed “%s”, with your best quiz scores."),
                                  gcm_learning_path_get_title (progress->path));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  group = adw_preferences_group_new ();
  request->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->name_row), _("Your Name"));
  adw_entry_row_set_activates_default (request->name_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (request->name_row));

  papers = gtk_string_list_new ((const char *[]) { _("A4"), _("US Letter"), NULL });
  request->paper_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->paper_row), _("Paper"));
  adw_combo_row_set_model (request->paper_row, G_LIST_MODEL (papers));
  g_object_unref (papers);
  adw_combo_row_set_selected (request->paper_row,
                              g_str_equal (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (request->paper_row));
  gtk_box_append (GTK_BOX (box), group);

  request->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (request->problem, TRUE);
  gtk_label_set_xalign (request->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (request->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (request->problem), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (request->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, request->problem, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (request->problem));
  adw_message_dialog_set_extra_child (request->dialog, box);

  adw_message_dialog_add_responses (request->dialog, "cancel", _("_Cancel"), "save", _("_Save…"), NULL);
  adw_message_dialog_set_response_appearance (request->dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (request->dialog, "save");
  adw_message_dialog_set_close_response (request->dialog, "cancel");
  adw_message_dialog_set_response_enabled (request->dialog, "save", FALSE);
  g_signal_connect (request->name_row, "changed", G_CALLBACK (name_changed_cb), request);
  g_signal_connect (request->dialog, "response", G_CALLBACK (dialog_response_cb), request);
  gtk_window_present (GTK_WINDOW (request->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (request->name_row));
}
