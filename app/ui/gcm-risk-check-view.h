/* gcm-risk-check-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-item-titles.h"
#include "gcm-risk-rules.h"

G_BEGIN_DECLS

#define GCM_TYPE_RISK_CHECK_VIEW (gcm_risk_check_view_get_type ())
G_DECLARE_FINAL_TYPE (GcmRiskCheckView, gcm_risk_check_view, GCM, RISK_CHECK_VIEW, GtkWidget)

GtkWidget *gcm_risk_check_view_new            (void);
void       gcm_risk_check_view_set_rules      (GcmRiskCheckView *self,
                                               GcmRiskRules     *rules);
void       gcm_risk_check_view_set_title_func (GcmRiskCheckView *self,
                                               GcmItemTitleFunc  func,
                                               gpointer          user_data,
                                               GDestroyNotify    destroy);
guint      gcm_risk_check_view_check          (GcmRiskCheckView *self);

G_END_DECLS
