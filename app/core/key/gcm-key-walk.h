/* gcm-key-walk.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-decision-key.h"

G_BEGIN_DECLS

#define GCM_TYPE_KEY_WALK (gcm_key_walk_get_type ())
G_DECLARE_FINAL_TYPE (GcmKeyWalk, gcm_key_walk, GCM, KEY_WALK, GObject)

GcmKeyWalk          *gcm_key_walk_new         (GcmDecisionKey *key);
GcmKeyWalk          *gcm_key_walk_new_following (GcmDecisionKey *key,
                                                 GcmKeyWalk     *other);
GcmDecisionKey      *gcm_key_walk_get_key     (GcmKeyWalk     *self);
const GcmKeyNode    *gcm_key_walk_get_node    (GcmKeyWalk     *self);
const GcmKeyOutcome *gcm_key_walk_get_outcome (GcmKeyWalk     *self);
gboolean             gcm_key_walk_choose      (GcmKeyWalk     *self,
                                               guint           option);
gboolean             gcm_key_walk_back        (GcmKeyWalk     *self);
void                 gcm_key_walk_restart     (GcmKeyWalk     *self);
guint                gcm_key_walk_get_n_steps (GcmKeyWalk     *self);
const GcmKeyNode    *gcm_key_walk_get_step    (GcmKeyWalk     *self,
                                               guint           step,
                                               guint          *option);

G_END_DECLS
