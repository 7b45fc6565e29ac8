/* gcm-item.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  GCM_ITEM_KIND_SECTION,
  GCM_ITEM_KIND_CASE,
  GCM_ITEM_KIND_PROCEDURE,
  GCM_ITEM_KIND_QUIZ,
} GcmItemKind;

#define GCM_ITEM_KIND_COUNT 4

#define GCM_TYPE_ITEM (gcm_item_get_type ())

G_DECLARE_FINAL_TYPE (GcmItem, gcm_item, GCM, ITEM, GObject)

gboolean     gcm_item_kind_from_string (const char  *name,
                                        GcmItemKind *kind);
const char  *gcm_item_kind_to_string   (GcmItemKind  kind);
gboolean     gcm_item_id_is_valid      (const char  *id);

GcmItem     *gcm_item_new              (const char  *id,
                                        GcmItemKind  kind,
                                        const char  *title,
                                        const char  *summary,
                                        const char  *chapter,
                                        const char  *conventions);
const char  *gcm_item_get_id           (GcmItem     *self);
GcmItemKind  gcm_item_get_kind         (GcmItem     *self);
const char  *gcm_item_get_title        (GcmItem     *self);
const char  *gcm_item_get_summary      (GcmItem     *self);
const char  *gcm_item_get_chapter      (GcmItem     *self);
const char  *gcm_item_get_conventions  (GcmItem     *self);

G_END_DECLS
