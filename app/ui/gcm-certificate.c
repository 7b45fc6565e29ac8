/* gcm-certificate.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificate of a completed learning path, drawn by the shared print code: the name the
 * learner typed, the date, the path's title, each quiz on it with its best score, and the serial
 * of the content it was completed on. Only a complete path gets one.
 */

#define G_LOG_DOMAIN "GcmCertificate"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-certificate.h"

#define MAX_NAME_CHARS 80

/**
 * gcm_certificate_normalize_name:
 * @name: what the learner typed
 *
 * Returns: (transfer full) (nullable): the name without surrounding spaces, or %NULL with
 *   @error set when it is empty, too long or not text
 */
char *
gcm_certificate_normalize_name (const char  *name,
                                GError     **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The name is not valid text; type it again."));
      return NULL;
    }
  stripped = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_strstrip (stripped);
  for (char *p = stripped; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the name to print on the certificate."));
      return NULL;
    }
  if (g_utf8_strlen (stripped, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The name is longer than %u characters; shorten it."), MAX_NAME_CHARS);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/**
 * gcm_certificate_new_document:
 * @progress: a path and where the learner stands on it
 * @name: the learner's name, as typed
 * @date: the day of the certificate
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL with @error set when the path
 *   is not complete or the name is refused
 */
GcmPrintDocument *
gcm_certificate_new_document (GcmPathProgress  *progress,
                              const char       *name,
                              GDateTime        *date,
                              GError          **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *day = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *completed = NULL;
  GcmPrintDocument *document;
  GcmPathReport *report;
  gboolean quizzes = FALSE;

  g_return_val_if_fail (progress != NULL && date != NULL, NULL);

  report = progress->report;
  if (!report->complete)
    {
      const GcmPathStepStatus *next = report->next >= 0 ? g_ptr_array_index (report->steps, report->next) : NULL;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: the path is not finished; %u are step numbers, %s a title */
                   _("The path is not complete yet: step %u of %u, “%s”, is next."),
                   report->position, report->n_steps, next && next->title ? next->title : "");
      return NULL;
    }
  if (!(clean_name = gcm_certificate_normalize_name (name, error)))
    return NULL;

  document = gcm_print_document_new (gcm_learning_path_get_title (progress->path));
  gcm_print_document_set_centered (document, TRUE);
  /* The date as digits, unambiguous in every language. */
  day = g_date_time_format (date, "%Y-%m-%d");
  /* Translators: the foot of a certificate: the manual's content serial */
  serial = g_strdup_printf (_("Green Customs Manual, content serial %lld"),
                            (long long) progress->serial);
  gcm_print_document_set_footer (document, serial);

  gcm_print_document_add_space (document, 60);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_TITLE, _("Certificate of Completion"));
  gcm_print_document_add_space (document, 24);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_PARAGRAPH, _("This certifies that"));
  gcm_print_document_add_space (document, 8);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_DISPLAY, clean_name);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_PARAGRAPH,
                          _("has completed the learning path"));
  gcm_print_document_add_space (document, 8);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_HEADING,
                          gcm_learning_path_get_title (progress->path));
  /* Translators: %s is the date a certificate was made, as 2026-12-02 */
  completed = g_strdup_printf (_("on %s"), day);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_PARAGRAPH, completed);
  gcm_print_document_add_space (document, 30);

  for (guint i = 0; i < report->steps->len; i++)
    {
      const GcmPathStepStatus *status = g_ptr_array_index (report->steps, i);
      g_autofree char *score = NULL;

      if (status->state == GCM_PATH_STEP_WITHDRAWN || status->kind != GCM_ITEM_KIND_QUIZ)
        continue;
      if (!quizzes)
        gcm_print_document_add (document, GCM_PRINT_BLOCK_HEADING, _("Quiz Results"));
      quizzes = TRUE;
      /* Translators: a quiz's best score on a certificate, in percent */
      score = g_strdup_printf (_("%d %%"), status->best);
      gcm_print_document_add_row (document, status->title, score);
    }
  gcm_print_document_add_space (document, 30);
  gcm_print_document_add (document, GCM_PRINT_BLOCK_NOTE, serial);
  return document;
}

/**
 * gcm_certificate_run_cli:
 * @paper_name: (nullable): “a4” or “letter”; %NULL for the locale's default
 *
 * `--certificate PATH_ID --name NAME --pdf FILE`: the certificate of a completed path as a PDF,
 * dated today.
 *
 * Returns: the exit status
 */
int
gcm_certificate_run_cli (GcmStore   *store,
                         const char *path_id,
                         const char *name,
                         const char *pdf,
                         const char *paper_name)
{
  g_autoptr(GcmPathProgress) progress = NULL;
  g_autoptr(GcmPrintDocument) document = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPaperSize) paper = gcm_print_document_cli_paper (paper_name);

  if (paper == NULL)
    return 2;
  if (!(progress = gcm_path_progress_load (store, path_id, &error)) ||
      !(document = gcm_certificate_new_document (progress, name, now, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return gcm_print_document_write_pdf_cli (document, pdf, paper);
}
