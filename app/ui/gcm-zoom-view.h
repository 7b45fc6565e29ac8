/* gcm-zoom-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GCM_TYPE_ZOOM_VIEW (gcm_zoom_view_get_type ())
G_DECLARE_FINAL_TYPE (GcmZoomView, gcm_zoom_view, GCM, ZOOM_VIEW, GtkWidget)

GtkWidget *gcm_zoom_view_new          (void);
void       gcm_zoom_view_set_texture  (GcmZoomView *self,
                                       GdkTexture  *texture,
                                       int          natural_width,
                                       int          natural_height);
double     gcm_zoom_view_get_zoom     (GcmZoomView *self);
gboolean   gcm_zoom_view_is_fitted    (GcmZoomView *self);
void       gcm_zoom_view_zoom_at      (GcmZoomView *self,
                                       double       zoom,
                                       double       x,
                                       double       y);
void       gcm_zoom_view_zoom_by      (GcmZoomView *self,
                                       double       factor);
void       gcm_zoom_view_fit          (GcmZoomView *self);
gboolean   gcm_zoom_view_pan          (GcmZoomView *self,
                                       double       dx,
                                       double       dy);
void       gcm_zoom_view_widget_to_image (GcmZoomView *self,
                                       double       x,
                                       double       y,
                                       double      *image_x,
                                       double      *image_y);

G_END_DECLS
