/* gcm-case-gallery.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_CASE_GALLERY (gcm_case_gallery_get_type ())
G_DECLARE_FINAL_TYPE (GcmCaseGallery, gcm_case_gallery, GCM, CASE_GALLERY, GtkWidget)

GtkWidget  *gcm_case_gallery_new        (GcmStore       *store,
                                         GSettings      *settings);
void        gcm_case_gallery_reload     (GcmCaseGallery *self);
/* The cards shown, after filters and sorting: a GListModel of GcmCaseCard. */
GListModel *gcm_case_gallery_get_model  (GcmCaseGallery *self);
gboolean    gcm_case_gallery_is_loaded  (GcmCaseGallery *self);
void        gcm_case_gallery_set_filter (GcmCaseGallery *self,
                                         const char     *convention,
                                         const char     *modus_operandi,
                                         int             year);
void        gcm_case_gallery_set_oldest_first (GcmCaseGallery *self,
                                               gboolean        oldest_first);
gboolean    gcm_case_gallery_is_new     (GcmCaseGallery *self,
                                         const char     *id);

G_END_DECLS
