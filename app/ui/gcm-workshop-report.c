/* gcm-workshop-report.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workshop session exported: CSV from core's writer, or a one-page PDF report drawn with
 * cairo and Pango (title, date, and per question the room's count per choice and the share
 * right). The report is laid out once at full size and, when it does not fit on the page,
 * again smaller, so every session stays one page. Files are written beside their name and
 * renamed into place, so a failed export leaves any older file whole.
 */

#define G_LOG_DOMAIN "GcmWorkshopReport"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "gcm-workshop-csv.h"
#include "gcm-workshop-report.h"

#define PAGE_WIDTH   595.28   /* A4 in points */
#define PAGE_HEIGHT  841.89
#define MARGIN       42.0
#define FONT_FAMILY  "Noto Sans CJK KR, Noto Sans, Cantarell, Sans"
#define BAR_WIDTH    90.0
#define COUNT_WIDTH  40.0

#define GUTTER       18.0
#define MIN_SCALE    0.2

/* Where the next line goes. The page is drawn at full size and scaled down by @scale to fit,
 * so every size and gap shrinks together. */
typedef struct
{
  cairo_t *cr;
  double   scale;
  double   y;
  gboolean paint;
} Pen;

/* Draws @text at the pen's line, @width wide, and returns its height. */
static double
draw_text (Pen            *pen,
           const char     *text,
           double          x,
           double          width,
           double          size,
           gboolean        bold,
           PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  int height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);
  if (pen->paint)
    {
      cairo_move_to (pen->cr, x, pen->y);
      pango_cairo_show_layout (pen->cr, layout);
    }
  return (double) height / PANGO_SCALE;
}

static void
draw_bar (Pen      *pen,
          double    x,
          double    fraction,
          gboolean  right)
{
  if (!pen->paint)
    return;
  cairo_save (pen->cr);
  cairo_set_source_rgb (pen->cr, 0.90, 0.90, 0.90);
  cairo_rectangle (pen->cr, x, pen->y + 2, BAR_WIDTH, 9);
  cairo_fill (pen->cr);
  if (right)
    cairo_set_source_rgb (pen->cr, 0.16, 0.55, 0.30);
  else
    cairo_set_source_rgb (pen->cr, 0.55, 0.55, 0.55);
  cairo_rectangle (pen->cr, x, pen->y + 2, BAR_WIDTH * fraction, 9);
  cairo_fill (pen->cr);
  cairo_restore (pen->cr);
}

/* A question, its choices with their counts and bars, and its share right. */
static void
draw_question (Pen                       *pen,
               const GcmWorkshopQuestion *question,
               guint                      number,
               double                     x,
               double                     width)
{
  double text_width = width - BAR_WIDTH - COUNT_WIDTH - 12;
  g_autofree char *heading = g_strdup_printf ("%u. %s", number, question->prompt);
  guint total = gcm_workshop_question_get_total (question);
  guint most = 0;
  g_autofree char *verdict = NULL;

  pen->y += draw_text (pen, heading, x, width, 10.5, TRUE, PANGO_ALIGN_LEFT) + 3;
  for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
    most = MAX (most, question->tallies[i]);
  for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
    {
      gboolean right = gcm_workshop_question_is_right (question, i);
      /* Translators: a choice in the workshop report; ✓ marks the right answer */
      g_autofree char *line = g_strdup_printf (right ? _("%c. %s  ✓") : "%c. %s", 'A' + (int) i,
                                               question->choices[i]);
      g_autofree char *count = g_strdup_printf ("%u", question->tallies[i]);
      double height = draw_text (pen, line, x + 12, text_width - 12, 9.5, right, PANGO_ALIGN_LEFT);

      draw_text (pen, count, x + text_width, COUNT_WIDTH, 9.5, right, PANGO_ALIGN_RIGHT);
      draw_bar (pen, x + text_width + COUNT_WIDTH + 12,
                most > 0 ? (double) question->tallies[i] / most : 0, right);
      pen->y += height + 1.5;
    }
  if (total > 0)
    /* Translators: under a question of the workshop report */
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u answer right (%d%%)",
                                            "%u of %u answers right (%d%%)", total),
                               gcm_workshop_question_get_n_right (question), total,
                               gcm_workshop_question_get_share_right (question));
  else
    verdict = g_strdup (_("No answers counted"));
  pen->y += draw_text (pen, verdict, x + 12, width - 12, 9.5, FALSE, PANGO_ALIGN_LEFT);
  pen->y += 10;
}

static double
measure_question (Pen                       *pen,
                  const GcmWorkshopQuestion *question,
                  guint                      number,
                  double                     width)
{
  Pen measure = { pen->cr, pen->scale, 0, FALSE };

  draw_question (&measure, question, number, 0, width);
  return measure.y;
}

static char *
dup_date (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* Lays the report out in @columns from the top of the page, in the pen's units; returns where
 * its longest column ends. A question is never split between columns. */
static double
draw_report (Pen                      *pen,
             const GcmWorkshopSession *session,
             guint                     columns)
{
  double page_width = PAGE_WIDTH / pen->scale;
  double bottom = PAGE_HEIGHT / pen->scale - MARGIN;
  double width = page_width - 2 * MARGIN;
  double column_width = (width - (columns - 1) * GUTTER) / columns;
  g_autofree char *date = dup_date (session->started);
  g_autofree char *details = NULL;
  g_autofree char *overall = NULL;
  int share = gcm_workshop_session_get_share_right (session);
  double top, end;
  guint column = 0;

  pen->y = MARGIN;
  pen->y += draw_text (pen, _("Workshop Results"), MARGIN, width, 11, FALSE, PANGO_ALIGN_LEFT);
  pen->y += draw_text (pen, session->title, MARGIN, width, 20, TRUE, PANGO_ALIGN_LEFT);
  /* Translators: the workshop report's second line: its date, the questions, the quiz's id
   * and the serial of the content it was given from */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s · %u question · %s · content serial %lld",
                                          "%s · %u questions · %s · content serial %lld",
                                          session->questions->len),
                             date, session->questions->len, session->item_id,
                             (long long) session->content_serial);
  pen->y += draw_text (pen, details, MARGIN, width, 9.5, FALSE, PANGO_ALIGN_LEFT);
  if (share >= 0)
    /* Translators: the workshop report's summary line */
    overall = g_strdup_printf (_("Right overall: %d%%"), share);
  else
    overall = g_strdup (_("No answers counted"));
  pen->y += draw_text (pen, overall, MARGIN, width, 11, TRUE, PANGO_ALIGN_LEFT);
  pen->y += 14;

  top = end = pen->y;
  for (guint i = 0; i < session->questions->len; i++)
    {
      const GcmWorkshopQuestion *question = g_ptr_array_index (session->questions, i);
      double height = measure_question (pen, question, i + 1, column_width);

      if (pen->y + height > bottom && pen->y > top && column + 1 < columns)
        {
          column++;
          pen->y = top;
        }
      draw_question (pen, question, i + 1, MARGIN + column * (column_width + GUTTER), column_width);
      end = MAX (end, pen->y);
    }
  return end;
}

static gboolean
fits (cairo_t                  *cr,
      const GcmWorkshopSession *session,
      guint                     columns,
      double                    scale)
{
  Pen pen = { cr, scale, 0, FALSE };

  return draw_report (&pen, session, columns) <= PAGE_HEIGHT / scale - MARGIN;
}

/* The largest scale, to about 1%, at which the report fits the page in @columns. Wrapping
 * changes with the width, so each guess is laid out again. */
static double
fit_scale (cairo_t                  *cr,
           const GcmWorkshopSession *session,
           guint                     columns)
{
  double fit = MIN_SCALE, too_big = 1.0;

  if (fits (cr, session, columns, 1.0))
    return 1.0;
  for (int i = 0; i < 7; i++)
    {
      double middle = (fit + too_big) / 2;

      if (fits (cr, session, columns, middle))
        fit = middle;
      else
        too_big = middle;
    }
  return fit;
}

static gboolean
write_pdf (const GcmWorkshopSession  *session,
           const char                *path,
           GError                   **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Pen pen = { cr, 1.0, 0, TRUE };
  guint columns = 1;
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, session->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Green Customs Manual");
  /* A long quiz reads better in two columns than in small type. */
  pen.scale = fit_scale (cr, session, 1);
  if (pen.scale < 0.8)
    {
      double two = fit_scale (cr, session, 2);

      if (two > pen.scale)
        {
          pen.scale = two;
          columns = 2;
        }
    }
  cairo_scale (cr, pen.scale, pen.scale);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_report (&pen, session, columns);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s says why, from the drawing library */
                   _("The report could not be written: %s."), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * gcm_workshop_export:
 * @file: a local file
 *
 * Writes @session as CSV or as a one-page PDF report. Blocking: run it off the main thread.
 */
gboolean
gcm_workshop_export (const GcmWorkshopSession  *session,
                     GcmWorkshopFormat          format,
                     GFile                     *file,
                     GError                   **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *part = NULL;

  if (format == GCM_WORKSHOP_FORMAT_CSV)
    {
      g_autofree char *csv = gcm_workshop_csv_write (session);

      return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE,
                                      NULL, NULL, error);
    }
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The report can only be saved in a folder on this computer."));
      return FALSE;
    }
  part = g_strconcat (path, ".part", NULL);
  if (!write_pdf (session, part, error))
    {
      g_unlink (part);
      return FALSE;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s says why, from the system */
                   _("The report could not be saved: %s."), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GcmWorkshopSession *session;
  GcmWorkshopFormat   format;
  GFile              *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  gcm_workshop_session_free (data->session);
  g_object_unref (data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (gcm_workshop_export (data->session, data->format, data->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * gcm_workshop_export_async:
 * @session: copied: the caller may change it meanwhile
 *
 * As gcm_workshop_export(), on a thread.
 */
void
gcm_workshop_export_async (const GcmWorkshopSession *session,
                           GcmWorkshopFormat         format,
                           GFile                    *file,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->session = gcm_workshop_session_copy (session);
  data->format = format;
  data->file = g_object_ref (file);
  g_task_set_source_tag (task, gcm_workshop_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gcm_workshop_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gcm_workshop_dup_file_name:
 *
 * Returns: (transfer full): a name to offer for the export, e.g. "basel-2026-12-02.csv"
 */
char *
gcm_workshop_dup_file_name (const GcmWorkshopSession *session,
                            GcmWorkshopFormat         format)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (session->started);
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("");
  g_autofree char *base = g_path_get_basename (session->item_id);

  return g_strdup_printf ("%s-%s.%s", base, date, format == GCM_WORKSHOP_FORMAT_CSV ? "csv" : "pdf");
}
