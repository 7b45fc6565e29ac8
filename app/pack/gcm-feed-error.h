/* gcm-feed-error.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GCM_FEED_ERROR (gcm_feed_error_quark ())

/* Each code maps to one sentence the user sees; the message carries the detail for logs. */
typedef enum
{
  GCM_FEED_ERROR_MALFORMED,      /* a file of the feed is not in the feed format */
  GCM_FEED_ERROR_UNTRUSTED_KEY,  /* signed by a key we do not trust */
  GCM_FEED_ERROR_BAD_SIGNATURE,  /* the signature does not match */
  GCM_FEED_ERROR_NOT_SIGNED,     /* no current.minisig */
  GCM_FEED_ERROR_WRONG_FEED,     /* another feed id than ours */
  GCM_FEED_ERROR_ROLLBACK,       /* older than content already seen */
  GCM_FEED_ERROR_EXPIRED,        /* past its expiry time */
  GCM_FEED_ERROR_TOO_NEW,        /* needs a newer version of the app */
  GCM_FEED_ERROR_HASH_MISMATCH,  /* an object's bytes do not match its hash */
  GCM_FEED_ERROR_TRUNCATED,      /* an object is shorter or longer than announced */
  GCM_FEED_ERROR_MISSING,        /* a file of the feed is missing */
  GCM_FEED_ERROR_NO_SPACE,       /* not enough free disk */
  GCM_FEED_ERROR_IO,
  GCM_FEED_ERROR_NOT_REGULAR,    /* a file of the feed is a pipe, device or folder */
} GcmFeedError;

GQuark      gcm_feed_error_quark     (void);
const char *gcm_feed_error_to_string (const GError *error);

G_END_DECLS
