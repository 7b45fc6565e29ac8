/* gcm-checklist-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-item.h"
#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_CHECKLIST_VIEW (gcm_checklist_view_get_type ())
G_DECLARE_FINAL_TYPE (GcmChecklistView, gcm_checklist_view, GCM, CHECKLIST_VIEW, GtkWidget)

GtkWidget *gcm_checklist_view_new      (GcmStore         *store);
void       gcm_checklist_view_set_item (GcmChecklistView *self,
                                        GcmItem          *procedure);
guint      gcm_checklist_view_get_n_ticked (GcmChecklistView *self);

G_END_DECLS
