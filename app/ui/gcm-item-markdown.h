/* gcm-item-markdown.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-item.h"

G_BEGIN_DECLS

char *gcm_item_markdown_compose       (GcmItem *item);
char *gcm_item_markdown_compose_story (GcmItem *item);

G_END_DECLS
