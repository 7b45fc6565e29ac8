/* gcm-sync-error.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GCM_SYNC_ERROR (gcm_sync_error_quark ())

/* Errors of the download side; what the feed itself gets wrong is a GCM_FEED_ERROR. The message
 * of a GCM_SYNC_ERROR is already the sentence the user reads. */
typedef enum
{
  GCM_SYNC_ERROR_NO_FEED_URL,   /* none configured */
  GCM_SYNC_ERROR_URL,           /* not https (plain http only on this computer) or file */
  GCM_SYNC_ERROR_NETWORK,       /* no connection, name not found, TLS failed */
  GCM_SYNC_ERROR_TIMEOUT,       /* the server stalled */
  GCM_SYNC_ERROR_HTTP,          /* the server answered 4xx/5xx */
  GCM_SYNC_ERROR_REDIRECT,      /* a redirect elsewhere than allowed, or too many */
  GCM_SYNC_ERROR_TOO_LARGE,     /* more bytes than signed */
  GCM_SYNC_ERROR_INCOMPLETE,    /* fewer bytes than signed */
  GCM_SYNC_ERROR_CLOCK,         /* expired by our clock, not by the server's */
} GcmSyncError;

GQuark  gcm_sync_error_quark    (void);
char   *gcm_sync_error_sentence (const GError *error);

G_END_DECLS
