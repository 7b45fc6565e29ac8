/* gcm-item-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-route.h"
#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_ITEM_VIEW (gcm_item_view_get_type ())

G_DECLARE_FINAL_TYPE (GcmItemView, gcm_item_view, GCM, ITEM_VIEW, GtkWidget)

GtkWidget  *gcm_item_view_new            (GcmStore           *store);
void        gcm_item_view_load           (GcmItemView        *self,
                                          const char         *id,
                                          const char * const *highlight);
const char *gcm_item_view_get_item_id    (GcmItemView        *self);
const char *gcm_item_view_get_title      (GcmItemView        *self);
gboolean    gcm_item_view_get_presentable (GcmItemView      *self);
GcmRoute   *gcm_item_view_get_parent_route (GcmItemView      *self);
gboolean    gcm_item_view_get_bookmarked (GcmItemView        *self);
void        gcm_item_view_toggle_bookmark_async  (GcmItemView         *self,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    gcm_item_view_toggle_bookmark_finish (GcmItemView         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void        gcm_item_view_set_neighbours (GcmItemView        *self,
                                          const char         *previous_title,
                                          const char         *next_title);
double      gcm_item_view_get_font_scale (GcmItemView        *self);
void        gcm_item_view_set_font_scale (GcmItemView        *self,
                                          double              font_scale);

G_END_DECLS
