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
} GcmStoreError;

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

G_END_DECLS
