/* gcm-store-private.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "gcm-store.h"
#include "gcm-store-worker.h"

G_BEGIN_DECLS

/* The connections that opened and migrated the files: the importer's, repair's and tests'. */
sqlite3  *gcm_store_get_content_db      (GcmStore    *self);
sqlite3  *gcm_store_get_user_db         (GcmStore    *self);
/* New connections for a thread of the caller's; close them with sqlite3_close(). */
sqlite3  *gcm_store_open_content_db     (GcmStore    *self,
                                         gboolean     read_only,
                                         GError     **error);
sqlite3  *gcm_store_open_user_db        (GcmStore    *self,
                                         gboolean     read_only,
                                         GError     **error);
gboolean  gcm_importer_restore          (GcmStore    *store,
                                         sqlite3     *db,
                                         GError     **error);

GcmStoreWorker *_gcm_store_get_content_worker (GcmStore *self);
GcmStoreWorker *_gcm_store_get_user_worker    (GcmStore *self);
void            _gcm_store_continue_on_user    (GTask       *task,
                                                gboolean     ok,
                                                GError      *error,
                                                GcmStoreJob  job);
void            _gcm_store_continue_on_content (GTask       *task,
                                                gboolean     ok,
                                                GError      *error,
                                                GcmStoreJob  job);

gboolean _gcm_store_content_is_corrupt (sqlite3   *db,
                                        GError   **error);
gboolean _gcm_store_rebuild_content    (GcmStore  *self,
                                        sqlite3   *db,
                                        GError   **error);

sqlite3 *_gcm_store_open_reader         (const char *path,
                                        GError    **error);

GHashTable *_gcm_store_read_item_media    (GcmStore    *self,
                                           sqlite3     *content,
                                           gint64       item_rowid,
                                           GError     **error);
GPtrArray  *_gcm_store_read_quiz_questions (const char  *json,
                                           const char  *title,
                                           const char  *lang,
                                           GError     **error);

G_END_DECLS
