/* gcm-sync-job.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store.h"
#include "gcm-sync-service.h"
#include "gcm-trust.h"

G_BEGIN_DECLS

/* Called on the worker; the service forwards it to its main context. */
typedef void (*GcmSyncJobNotify) (GcmSyncState state,
                                  double       progress,
                                  gpointer     user_data);

typedef struct
{
  guint64 bytes_received;
  guint   requests;
} GcmSyncStats;

GcmSyncReport *gcm_sync_job_run (GcmStore         *store,
                                 const char       *feed_url,
                                 GcmTrust         *trust,
                                 GcmSyncJobNotify  notify,
                                 gpointer          notify_data,
                                 GcmSyncStats     *stats,
                                 GCancellable     *cancellable,
                                 GError          **error);

G_END_DECLS
