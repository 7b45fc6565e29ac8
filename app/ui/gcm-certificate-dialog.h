/* gcm-certificate-dialog.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-path-progress.h"

G_BEGIN_DECLS

void gcm_certificate_dialog_present (GtkWidget       *parent,
                                     GcmPathProgress *progress);

G_END_DECLS
