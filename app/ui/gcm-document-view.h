/* gcm-document-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-document.h"

G_BEGIN_DECLS

/**
 * GcmMediaResolver:
 * @src: an image source as written in the Markdown, e.g. "media:illustrations/x.svg"
 * @user_data: the data passed to gcm_document_view_set_media_resolver()
 *
 * Maps an image source to the file holding it. Called on the main thread.
 *
 * Returns: (transfer full) (nullable): a new #GFile, or %NULL if the image is unknown
 */
typedef GFile *(*GcmMediaResolver) (const char *src,
                                    gpointer    user_data);

#define GCM_TYPE_DOCUMENT_VIEW (gcm_document_view_get_type ())

G_DECLARE_FINAL_TYPE (GcmDocumentView, gcm_document_view, GCM, DOCUMENT_VIEW, GtkWidget)

GtkWidget   *gcm_document_view_new                (void);
GcmDocument *gcm_document_view_get_document       (GcmDocumentView    *self);
void         gcm_document_view_set_document       (GcmDocumentView    *self,
                                                   GcmDocument        *document);
double       gcm_document_view_get_font_scale     (GcmDocumentView    *self);
void         gcm_document_view_set_font_scale     (GcmDocumentView    *self,
                                                   double              font_scale);
void         gcm_document_view_set_media_resolver (GcmDocumentView    *self,
                                                   GcmMediaResolver    resolver,
                                                   gpointer            user_data,
                                                   GDestroyNotify      destroy);
void         gcm_document_view_set_highlight      (GcmDocumentView    *self,
                                                   const char * const *terms);
GtkWidget   *gcm_document_view_get_first_match    (GcmDocumentView    *self);

G_END_DECLS
