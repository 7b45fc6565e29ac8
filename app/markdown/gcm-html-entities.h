/* gcm-html-entities.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void gcm_html_entity_append (GString    *out,
                             const char *entity,
                             gsize       size);

G_END_DECLS
