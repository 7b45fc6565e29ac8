/* gcm-source.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gcm-item.h"

G_BEGIN_DECLS

#define GCM_SOURCE_ERROR (gcm_source_error_quark ())

typedef enum
{
  GCM_SOURCE_ERROR_INVALID,
} GcmSourceError;

/* One item of the authoring source, ready to be written as a feed object. */
typedef struct
{
  char        *id;
  char        *file;    /* the source file, relative to the source folder */
  GcmItemKind  kind;
  gint64       version;
  JsonObject  *object;  /* the item JSON, without the media hashes */
  GPtrArray   *media;   /* (element-type utf8): paths under media/ that the item uses */
} GcmSourceItem;

typedef struct
{
  char       *id;
  char       *title;
  GHashTable *titles;  /* language → title, from pack.<lang>.yaml */
} GcmSourceChapter;

/* A media file whose content was checked against its name. */
typedef struct
{
  char *mime;
  int   width;   /* 0 when unknown (SVG without a loader) */
  int   height;
} GcmSourceMedia;

#define GCM_TYPE_SOURCE (gcm_source_get_type ())

G_DECLARE_FINAL_TYPE (GcmSource, gcm_source, GCM, SOURCE, GObject)

GQuark      gcm_source_error_quark    (void);
typedef enum
{
  GCM_SOURCE_LOAD_DEFAULT = 0,
  GCM_SOURCE_LOAD_STRICT  = 1 << 0,   /* a stale translation is an error, not a warning */
} GcmSourceLoadFlags;

GcmSource  *gcm_source_load           (const char *directory,
                                       GcmSourceLoadFlags flags,
                                       GError    **error);
const char *gcm_source_get_feed_id    (GcmSource  *self);
const char *gcm_source_get_title      (GcmSource  *self);
const char *gcm_source_get_language   (GcmSource  *self);
GPtrArray  *gcm_source_get_chapters   (GcmSource  *self);
GPtrArray  *gcm_source_get_items      (GcmSource  *self);
const GcmSourceMedia *gcm_source_get_media (GcmSource  *self,
                                            const char *relative);
GBytes     *gcm_source_read_media     (GcmSource  *self,
                                       const char *relative,
                                       GError    **error);

G_END_DECLS
