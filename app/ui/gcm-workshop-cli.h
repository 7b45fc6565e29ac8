/* gcm-workshop-cli.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-store.h"

G_BEGIN_DECLS

gboolean gcm_workshop_cli_wanted (GVariantDict *options);
int      gcm_workshop_cli_run    (GcmStore     *store,
                                  GVariantDict *options);

G_END_DECLS
