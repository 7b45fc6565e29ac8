/* gcm-item-summary.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-item-kind.h"

G_BEGIN_DECLS

#define GCM_TYPE_ITEM_SUMMARY (gcm_item_summary_get_type ())

G_DECLARE_FINAL_TYPE (GcmItemSummary, gcm_item_summary, GCM, ITEM_SUMMARY, GObject)

GcmItemSummary *gcm_item_summary_new           (const char     *id,
                                                const char     *kind,
                                                const char     *title,
                                                const char     *summary,
                                                gboolean        completed,
                                                gint64          created);
const char     *gcm_item_summary_get_id        (GcmItemSummary *self);
const char     *gcm_item_summary_get_kind_name (GcmItemSummary *self);
gboolean        gcm_item_summary_get_kind      (GcmItemSummary *self,
                                                GcmItemKind    *kind);
const char     *gcm_item_summary_get_title     (GcmItemSummary *self);
const char     *gcm_item_summary_get_summary   (GcmItemSummary *self);
gboolean        gcm_item_summary_get_completed (GcmItemSummary *self);
gint64          gcm_item_summary_get_created   (GcmItemSummary *self);

G_END_DECLS
