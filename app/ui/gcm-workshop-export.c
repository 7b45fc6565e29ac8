/* gcm-workshop-export.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where to export a workshop session: a file chooser (GtkFileChooserNative, so a sandbox's
 * portal asks), then the export on a thread, and one sentence on how it went in the label of
 * whoever asked, if it is still there.
 */

#define G_LOG_DOMAIN "GcmWorkshopExport"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-workshop-export.h"

typedef struct
{
  GcmWorkshopSession *session;
  GcmWorkshopFormat   format;
  GWeakRef            status;   /* GtkLabel */
} Export;

static void
export_free (Export *export)
{
  gcm_workshop_session_free (export->session);
  g_weak_ref_clear (&export->status);
  g_free (export);
}

static void
say (Export     *export,
     const char *text)
{
  g_autoptr(GtkLabel) status = g_weak_ref_get (&export->status);

  if (status != NULL)
    gtk_label_set_text (status, text);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  if (gcm_workshop_export_finish (result, &error))
    say (export, export->format == GCM_WORKSHOP_FORMAT_CSV ? _("The results were exported as CSV.")
                                                           : _("The report was exported as PDF."));
  else
    say (export, error->message);
  export_free (export);
}

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                Export          *export)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file == NULL)
    {
      export_free (export);
      return;
    }
  say (export, _("Exporting…"));
  gcm_workshop_export_async (export->session, export->format, file, NULL, exported_cb, export);
}

/**
 * gcm_workshop_export_choose:
 * @status: (nullable): where to say how the export went
 *
 * Asks where to save @session as CSV or as a PDF report, then saves it there.
 */
void
gcm_workshop_export_choose (GtkWindow                *parent,
                            const GcmWorkshopSession *session,
                            GcmWorkshopFormat         format,
                            GtkLabel                 *status)
{
  gboolean csv = format == GCM_WORKSHOP_FORMAT_CSV;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = gcm_workshop_dup_file_name (session, format);
  Export *export = g_new0 (Export, 1);

  export->session = gcm_workshop_session_copy (session);
  export->format = format;
  g_weak_ref_init (&export->status, status);
  dialog = gtk_file_chooser_native_new (csv ? _("Export the Results as CSV")
                                            : _("Export the Report as PDF"),
                                        parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, csv ? _("CSV files") : _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "application/pdf");
  gtk_file_filter_add_suffix (filter, csv ? "csv" : "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
