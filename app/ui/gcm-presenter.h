/* gcm-presenter.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_PRESENTER (gcm_presenter_get_type ())

G_DECLARE_FINAL_TYPE (GcmPresenter, gcm_presenter, GCM, PRESENTER, GtkWindow)

GtkWidget *gcm_presenter_new (GcmStore   *store,
                              const char *item_id,
                              GtkWindow  *parent);

G_END_DECLS
