/* gcm-item-kind.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of content (DESIGN §4), in the order the sidebar lists them. */
typedef enum
{
  GCM_ITEM_KIND_SECTION,
  GCM_ITEM_KIND_CASE,
  GCM_ITEM_KIND_PROCEDURE,
  GCM_ITEM_KIND_QUIZ,
} GcmItemKind;

#define GCM_ITEM_KIND_COUNT 4

gboolean     gcm_item_kind_from_string      (const char  *name,
                                             GcmItemKind *kind);
const char  *gcm_item_kind_to_string        (GcmItemKind  kind);
const char  *gcm_item_kind_get_label        (GcmItemKind  kind);
const char  *gcm_item_kind_get_plural_label (GcmItemKind  kind);
const char  *gcm_item_kind_get_icon_name    (GcmItemKind  kind);

G_END_DECLS
