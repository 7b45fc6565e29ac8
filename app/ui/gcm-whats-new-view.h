/* gcm-whats-new-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_WHATS_NEW_VIEW (gcm_whats_new_view_get_type ())

G_DECLARE_FINAL_TYPE (GcmWhatsNewView, gcm_whats_new_view, GCM, WHATS_NEW_VIEW, AdwBin)

GtkWidget *gcm_whats_new_view_new    (GcmStore        *store);
void       gcm_whats_new_view_reload (GcmWhatsNewView *self);

/* Signals: "item-activated" (const char *item_id) when a row is opened. */

G_END_DECLS
