/* gcm-item.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-item-kind.h"

G_BEGIN_DECLS

gboolean     gcm_item_id_is_valid      (const char  *id);

G_END_DECLS
