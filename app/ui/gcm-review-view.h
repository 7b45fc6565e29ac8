/* gcm-review-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_REVIEW_VIEW (gcm_review_view_get_type ())

G_DECLARE_FINAL_TYPE (GcmReviewView, gcm_review_view, GCM, REVIEW_VIEW, AdwBin)

GtkWidget *gcm_review_view_new       (GcmStore      *store);
void       gcm_review_view_reload    (GcmReviewView *self);
void       gcm_review_view_reload_at (GcmReviewView *self,
                                      gint64         now);

G_END_DECLS
