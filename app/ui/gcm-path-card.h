/* gcm-path-card.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_PATH_CARD (gcm_path_card_get_type ())

G_DECLARE_FINAL_TYPE (GcmPathCard, gcm_path_card, GCM, PATH_CARD, AdwPreferencesGroup)

GtkWidget *gcm_path_card_new       (void);
void       gcm_path_card_set_store (GcmPathCard *self,
                                    GcmStore    *store);
void       gcm_path_card_reload    (GcmPathCard *self);
char      *gcm_path_card_dup_step_title (GcmPathCard *self);

G_END_DECLS
