/* gcm-manifest.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-item.h"

G_BEGIN_DECLS

#define GCM_FEED_FORMAT        1
#define GCM_CLIENT_LEVEL       1
#define GCM_MANIFEST_MAX_SIZE  (8 * 1024 * 1024)
#define GCM_ITEM_MAX_SIZE      (4 * 1024 * 1024)
#define GCM_MEDIA_MAX_SIZE     (16 * 1024 * 1024)

/* The fields of a signature's trusted comment, believed only after the global signature. */
typedef struct
{
  char   *feed;
  gint64  serial;
  gint64  generated;
  gint64  expires;
  gint64  size;
  int     format;
} GcmFeedComment;

typedef struct
{
  char        *id;
  GcmItemKind  kind;
  gint64       version;
  char        *sha256;
  gint64       size;
  char        *lang;
  GStrv        media;   /* sha256 of each media object the item uses */
} GcmManifestItem;

typedef struct
{
  char   *sha256;
  gint64  size;
  char   *mime;
  int     width;
  int     height;
} GcmManifestMedia;

typedef struct
{
  char       *id;
  char       *title;
  GHashTable *titles;  /* language → title; empty in manifests from before translations */
} GcmManifestChapter;

typedef struct
{
  int        format;
  char      *feed;
  char      *title;
  char      *language;
  gint64     serial;
  gint64     generated;
  gint64     expires;
  int        min_client;
  GPtrArray *chapters;  /* (element-type GcmManifestChapter) */
  GPtrArray *items;     /* (element-type GcmManifestItem) */
  GPtrArray *media;     /* (element-type GcmManifestMedia) */
} GcmManifest;

gboolean          gcm_sha256_is_valid              (const char      *sha256);
GcmFeedComment   *gcm_feed_comment_parse           (const char      *text,
                                                    GError         **error);
char             *gcm_feed_comment_format          (const GcmFeedComment *comment);
void              gcm_feed_comment_free            (GcmFeedComment  *comment);

GcmManifest      *gcm_manifest_new                 (void);
GcmManifest      *gcm_manifest_new_from_bytes      (GBytes          *bytes,
                                                    GError         **error);
char             *gcm_manifest_to_data             (GcmManifest     *manifest,
                                                    gsize           *length);
gboolean          gcm_manifest_matches_comment     (GcmManifest     *manifest,
                                                    const GcmFeedComment *comment,
                                                    GError         **error);
GcmManifestMedia *gcm_manifest_find_media          (GcmManifest     *manifest,
                                                    const char      *sha256);
GcmManifestItem  *gcm_manifest_find_item           (GcmManifest     *manifest,
                                                    const char      *id);
void              gcm_manifest_free                (GcmManifest     *manifest);

GcmManifestItem  *gcm_manifest_item_new            (void);
void              gcm_manifest_item_free           (GcmManifestItem *item);
GcmManifestMedia *gcm_manifest_media_new           (void);
void              gcm_manifest_media_free          (GcmManifestMedia *media);
GcmManifestChapter *gcm_manifest_chapter_new       (const char      *id,
                                                    const char      *title);
void              gcm_manifest_chapter_free        (GcmManifestChapter *chapter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmFeedComment, gcm_feed_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmManifest, gcm_manifest_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmManifestItem, gcm_manifest_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmManifestMedia, gcm_manifest_media_free)

G_END_DECLS
