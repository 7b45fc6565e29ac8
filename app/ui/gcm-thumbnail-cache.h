/* gcm-thumbnail-cache.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GCM_TYPE_THUMBNAIL_CACHE (gcm_thumbnail_cache_get_type ())
G_DECLARE_FINAL_TYPE (GcmThumbnailCache, gcm_thumbnail_cache, GCM, THUMBNAIL_CACHE, GObject)

GcmThumbnailCache *gcm_thumbnail_cache_new         (const char          *directory);
GcmThumbnailCache *gcm_thumbnail_cache_get_default (void);
char              *gcm_thumbnail_cache_dup_path    (GcmThumbnailCache   *self,
                                                    const char          *sha256,
                                                    int                  pixels);
void               gcm_thumbnail_cache_load_async  (GcmThumbnailCache   *self,
                                                    GFile               *source,
                                                    const char          *sha256,
                                                    int                  width,
                                                    int                  height,
                                                    int                  scale_factor,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GdkTexture        *gcm_thumbnail_cache_load_finish (GcmThumbnailCache   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
