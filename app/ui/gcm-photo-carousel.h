/* gcm-photo-carousel.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-item.h"

G_BEGIN_DECLS

#define GCM_TYPE_PHOTO_CAROUSEL (gcm_photo_carousel_get_type ())
G_DECLARE_FINAL_TYPE (GcmPhotoCarousel, gcm_photo_carousel, GCM, PHOTO_CAROUSEL, GtkWidget)

GtkWidget *gcm_photo_carousel_new        (void);
void       gcm_photo_carousel_set_item   (GcmPhotoCarousel *self,
                                          GcmItem          *item,
                                          const char       *objects_path);
/* (transfer container) (element-type GcmViewerPhoto): what the viewer shows */
GPtrArray *gcm_photo_carousel_dup_viewer_photos (GcmPhotoCarousel *self);

G_END_DECLS
