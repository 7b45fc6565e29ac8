/* gcm-home-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_HOME_VIEW (gcm_home_view_get_type ())

G_DECLARE_FINAL_TYPE (GcmHomeView, gcm_home_view, GCM, HOME_VIEW, AdwBin)

GtkWidget *gcm_home_view_new    (GcmStore    *store);
void       gcm_home_view_reload (GcmHomeView *self);

G_END_DECLS
