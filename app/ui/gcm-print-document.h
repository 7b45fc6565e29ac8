/* gcm-print-document.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a block of a printed document is; each has its type size and spacing. */
typedef enum
{
  GCM_PRINT_BLOCK_TITLE,      /* the document's title, large */
  GCM_PRINT_BLOCK_SUBTITLE,   /* under the title */
  GCM_PRINT_BLOCK_HEADING,    /* kept with the block after it */
  GCM_PRINT_BLOCK_PARAGRAPH,
  GCM_PRINT_BLOCK_BULLET,     /* one entry of a list */
  GCM_PRINT_BLOCK_WARNING,    /* under a step, indented like its text */
  GCM_PRINT_BLOCK_NOTE,       /* small print */
  GCM_PRINT_BLOCK_DISPLAY,    /* a name or title the page is about, very large */
} GcmPrintBlockKind;

#define GCM_TYPE_PRINT_DOCUMENT (gcm_print_document_get_type ())

G_DECLARE_FINAL_TYPE (GcmPrintDocument, gcm_print_document, GCM, PRINT_DOCUMENT, GObject)

GcmPrintDocument  *gcm_print_document_new                  (const char        *title);
void               gcm_print_document_set_centered         (GcmPrintDocument  *self,
                                                            gboolean           centered);
void               gcm_print_document_set_footer           (GcmPrintDocument  *self,
                                                            const char        *footer);
void               gcm_print_document_add                  (GcmPrintDocument  *self,
                                                            GcmPrintBlockKind  kind,
                                                            const char        *text);
void               gcm_print_document_add_check            (GcmPrintDocument  *self,
                                                            guint              number,
                                                            const char        *text);
void               gcm_print_document_add_row              (GcmPrintDocument  *self,
                                                            const char        *left,
                                                            const char        *right);
void               gcm_print_document_add_space            (GcmPrintDocument  *self,
                                                            double             points);

GtkPaperSize      *gcm_print_document_paper_from_name      (const char        *name);
gboolean           gcm_print_document_write_pdf            (GcmPrintDocument  *self,
                                                            const char        *path,
                                                            GtkPaperSize      *paper,
                                                            GError           **error);
GtkPaperSize      *gcm_print_document_cli_paper            (const char        *name);
int                gcm_print_document_write_pdf_cli        (GcmPrintDocument  *self,
                                                            const char        *path,
                                                            GtkPaperSize      *paper);
GtkPrintOperation *gcm_print_document_new_print_operation  (GcmPrintDocument  *self);

G_END_DECLS
