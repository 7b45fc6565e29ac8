/* gcm-item-markdown.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *gcm_item_markdown_compose (JsonObject *item);

G_END_DECLS
