/* gcm-checklist.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-item.h"
#include "gcm-store.h"

G_BEGIN_DECLS

char       *gcm_checklist_step_fingerprint (const GcmItemStep   *step);

/* On the user worker, in the order asked for. */
void        gcm_store_load_checklist_async  (GcmStore            *self,
                                             GcmItem             *procedure,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GHashTable *gcm_store_load_checklist_finish (GcmStore            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        gcm_store_tick_step_async       (GcmStore            *self,
                                             const char          *procedure_id,
                                             const GcmItemStep   *step,
                                             gboolean             ticked,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void        gcm_store_reset_checklist_async (GcmStore            *self,
                                             const char          *procedure_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Both writes finish with gcm_store_write_finish(). */

G_END_DECLS
