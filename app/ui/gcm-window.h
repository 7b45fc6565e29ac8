/* gcm-window.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-application.h"
#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_WINDOW (gcm_window_get_type ())

G_DECLARE_FINAL_TYPE (GcmWindow, gcm_window, GCM, WINDOW, AdwApplicationWindow)

GcmWindow *gcm_window_new (GcmApplication *application,
                           GcmStore       *store,
                           GSettings      *settings);
void       gcm_window_reload_contents (GcmWindow *self);

G_END_DECLS
