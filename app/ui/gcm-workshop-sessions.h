/* gcm-workshop-sessions.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_WORKSHOP_SESSIONS (gcm_workshop_sessions_get_type ())

G_DECLARE_FINAL_TYPE (GcmWorkshopSessions, gcm_workshop_sessions, GCM, WORKSHOP_SESSIONS, AdwWindow)

GtkWidget *gcm_workshop_sessions_new (GcmStore  *store,
                                      GtkWindow *parent);

G_END_DECLS
