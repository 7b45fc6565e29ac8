/* gcm-identify-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-item-titles.h"
#include "gcm-key-walk.h"

G_BEGIN_DECLS

#define GCM_TYPE_IDENTIFY_VIEW (gcm_identify_view_get_type ())
G_DECLARE_FINAL_TYPE (GcmIdentifyView, gcm_identify_view, GCM, IDENTIFY_VIEW, GtkWidget)

/* Gives the title of an item, for the links an outcome offers; NULL when not installed. */
GtkWidget  *gcm_identify_view_new          (void);
void        gcm_identify_view_set_key      (GcmIdentifyView  *self,
                                            const char       *title,
                                            GcmDecisionKey   *key,
                                            GHashTable       *media_files);
void        gcm_identify_view_set_walk     (GcmIdentifyView  *self,
                                            const char       *title,
                                            GcmKeyWalk       *walk,
                                            GHashTable       *media_files);
void        gcm_identify_view_set_title_func (GcmIdentifyView *self,
                                            GcmItemTitleFunc  func,
                                            gpointer          user_data,
                                            GDestroyNotify    destroy);
GcmKeyWalk *gcm_identify_view_get_walk     (GcmIdentifyView  *self);

G_END_DECLS
