/* gcm-sync-service.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps the installed content in step with the headquarters feed (DESIGN §5): checks at start-up
 * and on an interval, downloads on one libcurl worker, verifies, and applies through the importer.
 * Every property changes on the thread-default main context the service was made on.
 */

#pragma once

#include <gio/gio.h>

#include "gcm-item-kind.h"
#include "gcm-store.h"

G_BEGIN_DECLS

typedef enum
{
  GCM_SYNC_STATE_IDLE,
  GCM_SYNC_STATE_CHECKING,
  GCM_SYNC_STATE_DOWNLOADING,
  GCM_SYNC_STATE_VERIFYING,
  GCM_SYNC_STATE_INSTALLING,
  GCM_SYNC_STATE_UP_TO_DATE,
  GCM_SYNC_STATE_FAILED,
} GcmSyncState;

#define GCM_TYPE_SYNC_STATE (gcm_sync_state_get_type ())
GType gcm_sync_state_get_type (void);

/* What one finished sync did, for the toast ("12 new cases, 3 sections updated"). */
typedef struct
{
  gint64   serial;
  gboolean up_to_date;     /* nothing new: the server answered 304 or the same snapshot */
  guint    added[GCM_ITEM_KIND_COUNT];   /* indexed by GcmItemKind */
  guint    updated[GCM_ITEM_KIND_COUNT];
  guint    removed;
  GStrv    added_ids;      /* the new items, newest case first, for a notification */
} GcmSyncReport;

#define GCM_TYPE_SYNC_REPORT (gcm_sync_report_get_type ())
GType          gcm_sync_report_get_type (void);
GcmSyncReport *gcm_sync_report_copy     (const GcmSyncReport *report);
void           gcm_sync_report_free     (GcmSyncReport       *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmSyncReport, gcm_sync_report_free)

#define GCM_TYPE_SYNC_SERVICE (gcm_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (GcmSyncService, gcm_sync_service, GCM, SYNC_SERVICE, GObject)

/* @settings may be NULL (the command line): then no automatic checks, and the feed URL and the
 * extra trusted keys come only from the setters below. */
GcmSyncService *gcm_sync_service_new               (GcmStore        *store,
                                                    GSettings       *settings);

/* Properties: "state" (GcmSyncState), "progress" (double 0–1, byte-exact from signed sizes),
 * "last-success" (gint64 unix time, 0 for never), "last-error" (char *, one sentence naming the
 * reason; NULL after a success), "feed-url" (char *). */
GcmSyncState    gcm_sync_service_get_state         (GcmSyncService  *self);
double          gcm_sync_service_get_progress      (GcmSyncService  *self);
gint64          gcm_sync_service_get_last_success  (GcmSyncService  *self);
const char     *gcm_sync_service_get_last_error    (GcmSyncService  *self);
const char     *gcm_sync_service_get_feed_url      (GcmSyncService  *self);
void            gcm_sync_service_set_feed_url      (GcmSyncService  *self,
                                                    const char      *url);
/* One more trusted public key (minisign .pub text), beyond data/keys and GSettings. */
gboolean        gcm_sync_service_add_trusted_key   (GcmSyncService  *self,
                                                    const char      *pub_text,
                                                    GError         **error);

/* Automatic checks: one now and then every "sync-interval" hours (GSettings), skipped while
 * offline, or metered unless "sync-on-metered" is set. */
void            gcm_sync_service_start_automatic   (GcmSyncService  *self);

/* "Check now": always runs, whatever the network monitor says; a second call while one runs
 * joins it. */
void            gcm_sync_service_sync_async        (GcmSyncService     *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GcmSyncReport  *gcm_sync_service_sync_finish       (GcmSyncService     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void            gcm_sync_service_cancel            (GcmSyncService  *self);

/* Signals: "finished" (GcmSyncReport *report) after every sync that applied or found nothing
 * new; "failed" (GError *error). */

G_END_DECLS
