/* gcm-feed.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-feed-error.h"
#include "gcm-manifest.h"
#include "gcm-minisign.h"
#include "gcm-trust.h"

G_BEGIN_DECLS

#define GCM_TYPE_FEED (gcm_feed_get_type ())

G_DECLARE_FINAL_TYPE (GcmFeed, gcm_feed, GCM, FEED, GObject)

GcmFeed              *gcm_feed_open                  (const char      *path,
                                                      GPtrArray       *trusted_keys,
                                                      GError         **error);
GcmFeed              *gcm_feed_open_with_trust       (const char      *path,
                                                      GcmTrust        *trust,
                                                      GError         **error);
const char           *gcm_feed_get_path              (GcmFeed         *self);
GcmManifest          *gcm_feed_get_manifest          (GcmFeed         *self);
const GcmFeedComment *gcm_feed_get_comment           (GcmFeed         *self);
const char           *gcm_feed_get_manifest_sha256   (GcmFeed         *self);
GBytes               *gcm_feed_load_object           (GcmFeed         *self,
                                                      const char      *sha256,
                                                      gint64           size,
                                                      GError         **error);

char                 *gcm_feed_build_object_path     (const char      *root,
                                                      const char      *sha256);
GBytes               *gcm_feed_read_capped           (const char      *path,
                                                      gint64           cap,
                                                      GError         **error);
gboolean              gcm_feed_check_bytes           (GBytes          *bytes,
                                                      const char      *sha256,
                                                      gint64           size,
                                                      GError         **error);
gboolean              gcm_feed_write_object          (const char      *root,
                                                      GBytes          *bytes,
                                                      char           **sha256_out,
                                                      GError         **error);
gboolean              gcm_feed_make_folder           (const char      *path,
                                                      GError         **error);
gboolean              gcm_feed_sync_folder           (const char      *path,
                                                      GError         **error);
void                  gcm_feed_remove_folder         (const char      *path);

G_END_DECLS
