/* gcm-sync-status.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-sync-service.h"

G_BEGIN_DECLS

#define GCM_TYPE_SYNC_STATUS (gcm_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (GcmSyncStatus, gcm_sync_status, GCM, SYNC_STATUS, GtkWidget)

GtkWidget      *gcm_sync_status_new           (void);
GcmSyncService *gcm_sync_status_get_service   (GcmSyncStatus  *self);
void            gcm_sync_status_set_service   (GcmSyncStatus  *self,
                                               GcmSyncService *service);
void            gcm_sync_status_set_importing (GcmSyncStatus  *self,
                                               gboolean        importing);

/* What the status line says, as a pure function of the service's state at @now (unix time). */
char           *gcm_sync_status_describe      (GcmSyncState    state,
                                               gint64          last_success,
                                               const char     *last_error,
                                               gint64          now);
/* The toast after a sync or import: "2 new cases, 1 section updated"; NULL when nothing changed. */
char           *gcm_sync_report_describe      (const GcmSyncReport *report);

G_END_DECLS
