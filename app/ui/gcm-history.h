/* gcm-history.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gcm-route.h"

G_BEGIN_DECLS

#define GCM_TYPE_HISTORY (gcm_history_get_type ())

G_DECLARE_FINAL_TYPE (GcmHistory, gcm_history, GCM, HISTORY, GObject)

GcmHistory *gcm_history_new             (void);
GcmRoute   *gcm_history_get_current     (GcmHistory *self);
void        gcm_history_push            (GcmHistory *self,
                                         GcmRoute   *route);
GcmRoute   *gcm_history_go_back         (GcmHistory *self);
GcmRoute   *gcm_history_go_forward      (GcmHistory *self);
gboolean    gcm_history_can_go_back     (GcmHistory *self);
gboolean    gcm_history_can_go_forward  (GcmHistory *self);

G_END_DECLS
