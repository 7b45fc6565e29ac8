/* gcm-application.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GCM_TYPE_APPLICATION (gcm_application_get_type ())

G_DECLARE_FINAL_TYPE (GcmApplication, gcm_application, GCM, APPLICATION, AdwApplication)

GcmApplication *gcm_application_new              (void);
gboolean        gcm_application_get_importing    (GcmApplication *self);
const char     *gcm_application_get_import_error (GcmApplication *self);

G_END_DECLS
