/* gcm-print-procedure.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A procedure as a checklist handout to take to the container: its title and what it is for,
 * what it applies to, the hazards and protective equipment, the numbered steps each with a box
 * to tick and its warning under it, and the sources, in the reader's language.
 */

#define G_LOG_DOMAIN "GcmPrintProcedure"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gcm-print-procedure.h"

static void
add_list (GcmPrintDocument   *document,
          const char         *heading,
          const char * const *entries)
{
  if (entries == NULL || entries[0] == NULL)
    return;
  gcm_print_document_add (document, GCM_PRINT_BLOCK_HEADING, heading);
  for (guint i = 0; entries[i] != NULL; i++)
    gcm_print_document_add (document, GCM_PRINT_BLOCK_BULLET, entries[i]);
}

/* Returns: (transfer full): the handout of @procedure, in its language, with the content
 * @serial it comes from at the foot of each page. */
static GcmPrintDocument *
new_handout (GcmItem *procedure,
             gint64   serial)
{
  GcmPrintDocument *document;
  GPtrArray *steps, *sources;
  g_autofree char *footer = NULL;

  g_assert (GCM_IS_ITEM (procedure));

  document = gcm_print_document_new (gcm_item_get_title (procedure));
  /* Translators: the foot of a printed procedure: its title and the manual's content serial */
  footer = g_strdup_printf (_("%s · Green Customs Manual, content serial %lld"),
                            gcm_item_get_title (procedure), (long long) serial);
  gcm_print_document_set_footer (document, footer);

  gcm_print_document_add (document, GCM_PRINT_BLOCK_TITLE, gcm_item_get_title (procedure));
  if (gcm_item_get_summary (procedure) != NULL)
    gcm_print_document_add (document, GCM_PRINT_BLOCK_SUBTITLE, gcm_item_get_summary (procedure));
  add_list (document, _("Applies to"), gcm_item_get_applies_to (procedure));
  add_list (document, _("Hazards"), gcm_item_get_hazards (procedure));
  add_list (document, _("Protective equipment"), gcm_item_get_protective_equipment (procedure));

  steps = gcm_item_get_steps (procedure);
  if (steps->len > 0)
    gcm_print_document_add (document, GCM_PRINT_BLOCK_HEADING, _("Steps"));
  for (guint i = 0; i < steps->len; i++)
    {
      GcmItemStep *step = g_ptr_array_index (steps, i);

      gcm_print_document_add_check (document, i + 1, step->text ? step->text : "");
      if (step->warning != NULL)
        {
          g_autofree char *warning = g_strdup_printf (_("Warning: %s"), step->warning);
          gcm_print_document_add (document, GCM_PRINT_BLOCK_WARNING, warning);
        }
    }

  sources = gcm_item_get_sources (procedure);
  if (sources->len > 0)
    gcm_print_document_add (document, GCM_PRINT_BLOCK_HEADING, _("Sources"));
  for (guint i = 0; i < sources->len; i++)
    {
      GcmItemSource *source = g_ptr_array_index (sources, i);
      g_autofree char *text = NULL;

      if (source->title == NULL)
        continue;
      /* A source known only by its address is printed once. */
      text = source->url && g_strcmp0 (source->url, source->title) != 0 ? g_strdup_printf ("%s — %s", source->title, source->url)
                         : g_strdup (source->title);
      gcm_print_document_add (document, GCM_PRINT_BLOCK_NOTE, text);
    }
  return document;
}

typedef struct
{
  gboolean  done;
  GcmItem  *item;
  GError   *error;
} CliLoad;

static void
cli_item_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CliLoad *load = user_data;

  load->item = gcm_store_load_item_finish (GCM_STORE (object), result, NULL, &load->error);
  load->done = TRUE;
}

/**
 * gcm_print_procedure_run_cli:
 * @paper: (nullable): “a4” or “letter”; %NULL for the locale's default
 *
 * `--print-procedure ID --pdf FILE`: the handout of the procedure @id as a PDF.
 *
 * Returns: the exit status
 */
int
gcm_print_procedure_run_cli (GcmStore   *store,
                             const char *id,
                             const char *pdf,
                             const char *paper_name)
{
  g_autoptr(GcmPrintDocument) document = NULL;
  g_autoptr(GtkPaperSize) paper = gcm_print_document_cli_paper (paper_name);
  CliLoad load = { FALSE, NULL, NULL };
  int status;

  if (paper == NULL)
    return 2;
  /* The store answers on the thread-default context: wait for it here. */
  gcm_store_load_item_async (store, id, NULL, cli_item_loaded_cb, &load);
  while (!load.done)
    g_main_context_iteration (NULL, TRUE);
  if (load.item == NULL || gcm_item_get_kind (load.item) != GCM_ITEM_KIND_PROCEDURE)
    {
      /* Translators: %s is the id given to --print-procedure */
      g_printerr (_("There is no procedure “%s” in the installed manual.\n"), id);
      g_clear_error (&load.error);
      g_clear_object (&load.item);
      return 1;
    }
  document = new_handout (load.item, gcm_store_get_serial (store));
  status = gcm_print_document_write_pdf_cli (document, pdf, paper);
  g_object_unref (load.item);
  return status;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = user_data;
  GtkWidget *dialog;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  dialog = adw_message_dialog_new (parent, _("Not Printed"), error ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * gcm_print_procedure_run:
 * @parent: a widget of the window the print dialog belongs to
 *
 * Prints @procedure's handout through the print dialog, which also saves it as a PDF.
 */
void
gcm_print_procedure_run (GtkWidget *parent,
                         GcmItem   *procedure,
                         gint64     serial)
{
  g_autoptr(GcmPrintDocument) document = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkWindow *window;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent) && GCM_IS_ITEM (procedure));

  window = GTK_WINDOW (gtk_widget_get_root (parent));
  document = new_handout (procedure, serial);
  operation = gcm_print_document_new_print_operation (document);
  /* The operation holds the document until its pages are drawn. */
  g_object_set_data_full (G_OBJECT (operation), "document", g_object_ref (document), g_object_unref);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), window, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    print_done_cb (operation, GTK_PRINT_OPERATION_RESULT_ERROR, window);
}
