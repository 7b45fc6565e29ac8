/* gcm-workshop-export.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-workshop-report.h"

G_BEGIN_DECLS

void gcm_workshop_export_choose (GtkWindow                *parent,
                                 const GcmWorkshopSession *session,
                                 GcmWorkshopFormat         format,
                                 GtkLabel                 *status);

G_END_DECLS
