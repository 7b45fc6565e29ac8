/* gcm-store.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GCM_STORE_ERROR (gcm_store_error_quark ())

typedef enum
{
  GCM_STORE_ERROR_FAILED,
  GCM_STORE_ERROR_CORRUPT,
  GCM_STORE_ERROR_DISK_FULL,
  GCM_STORE_ERROR_CANCELLED,
  GCM_STORE_ERROR_NOT_FOUND,
  GCM_STORE_ERROR_READ_ONLY,     /* the data folder can be read but not changed */
} GcmStoreError;

/* The rollback floor (DESIGN §5): what the feed has shown, kept outside content.db so that a
 * rebuild of content.db cannot lower it. */
typedef struct
{
  char   *feed;              /* NULL until a feed was installed */
  gint64  highest_serial;
  gint64  newest_generated;
  char   *manifest_sha256;   /* the installed snapshot, kept in objects/ for rebuilds */
} GcmFeedFloor;

#define GCM_TYPE_STORE (gcm_store_get_type ())

G_DECLARE_FINAL_TYPE (GcmStore, gcm_store, GCM, STORE, GObject)

GQuark      gcm_store_error_quark         (void);
char       *gcm_store_dup_default_directory (void);
GcmStore   *gcm_store_new                 (const char  *directory,
                                           GError     **error);
const char *gcm_store_get_directory       (GcmStore    *self);
const char *gcm_store_get_content_path    (GcmStore    *self);
const char *gcm_store_get_user_path       (GcmStore    *self);
const char *gcm_store_get_objects_path    (GcmStore    *self);
sqlite3    *gcm_store_get_content_db      (GcmStore    *self);
sqlite3    *gcm_store_get_user_db         (GcmStore    *self);
sqlite3    *gcm_store_open_content_db     (GcmStore    *self,
                                           gboolean     read_only,
                                           GError     **error);
sqlite3    *gcm_store_open_user_db        (GcmStore    *self,
                                           gboolean     read_only,
                                           GError     **error);
gint64      gcm_store_get_serial          (GcmStore    *self);
void        gcm_store_content_changed     (GcmStore    *self);
gboolean    gcm_store_is_read_only        (GcmStore    *self);
const GError *gcm_store_get_read_only_error (GcmStore  *self);
gboolean    gcm_store_repair_content      (GcmStore    *self,
                                           gboolean    *repaired,
                                           GError     **error);
char       *gcm_store_dup_object_path     (GcmStore    *self,
                                           const char  *sha256);

gboolean    gcm_store_read_feed_floor     (GcmStore           *self,
                                           GcmFeedFloor       *floor,
                                           GError            **error);
gboolean    gcm_store_write_feed_floor    (GcmStore           *self,
                                           const GcmFeedFloor *floor,
                                           GError            **error);
void        gcm_feed_floor_clear          (GcmFeedFloor       *floor);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GcmFeedFloor, gcm_feed_floor_clear)

G_END_DECLS
