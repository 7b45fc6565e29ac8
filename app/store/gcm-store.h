/* gcm-store.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-item.h"
#include "gcm-item-summary.h"

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

/* What user.db knows of one item. */
typedef struct
{
  gboolean bookmarked;
  gboolean seen;        /* opened at least once */
  gboolean completed;   /* read to the end at least once */
  double   position;    /* where reading stopped, 0–1 */
} GcmItemState;

/* What `--status` prints: the installed feed and its items by kind. */
typedef struct
{
  char       *feed;        /* NULL when nothing is installed */
  gint64      serial;
  gint64      applied_at;  /* Unix time */
  char       *origin;
  GPtrArray  *kinds;       /* (element-type utf8): kind names, in order */
  GArray     *counts;      /* (element-type guint): items of each of @kinds */
  guint       items;       /* all items */
  GPtrArray  *languages;   /* (element-type utf8): the languages items are translated into */
  GArray     *translated;  /* (element-type guint): items translated into each of @languages */
  GArray     *stale;       /* (element-type guint): of those, made from an older original */
} GcmStoreStatus;

#define GCM_TYPE_STORE (gcm_store_get_type ())

G_DECLARE_FINAL_TYPE (GcmStore, gcm_store, GCM, STORE, GObject)

GQuark      gcm_store_error_quark         (void);
char       *gcm_store_dup_default_directory (void);
GcmStore   *gcm_store_new                 (const char  *directory,
                                           GError     **error);
void        gcm_store_new_async           (const char          *directory,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GcmStore   *gcm_store_new_finish          (GAsyncResult        *result,
                                           GError             **error);
const char *gcm_store_get_directory       (GcmStore    *self);
const char *gcm_store_get_content_path    (GcmStore    *self);
const char *gcm_store_get_user_path       (GcmStore    *self);
const char *gcm_store_get_objects_path    (GcmStore    *self);
gint64      gcm_store_get_serial          (GcmStore    *self);
void        gcm_store_content_changed     (GcmStore    *self);
gboolean    gcm_store_is_read_only        (GcmStore    *self);
const GError *gcm_store_get_read_only_error (GcmStore  *self);
gboolean    gcm_store_check_writable      (GcmStore    *self,
                                           GError     **error);
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

/* Reads, on the content worker (user state from the user worker). */
void        gcm_store_load_item_async     (GcmStore            *self,
                                           const char          *id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GcmItem    *gcm_store_load_item_finish    (GcmStore            *self,
                                           GAsyncResult        *result,
                                           GcmItemState        *state,
                                           GError             **error);
void        gcm_store_list_async          (GcmStore            *self,
                                           const char          *target,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GListModel *gcm_store_list_finish         (GcmStore            *self,
                                           GAsyncResult        *result,
                                           char               **title,
                                           GError             **error);
GcmStoreStatus *gcm_store_dup_status      (GcmStore            *self,
                                           GError             **error);
void        gcm_store_status_free         (GcmStoreStatus      *status);

/* User data writes, on the user worker, done and reported in the order they were asked for. */
void        gcm_store_set_bookmark_async  (GcmStore            *self,
                                           const char          *item_id,
                                           const char          *title,
                                           gboolean             bookmarked,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        gcm_store_save_progress_async (GcmStore            *self,
                                           const char          *item_id,
                                           const char          *title,
                                           double               position,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    gcm_store_write_finish        (GcmStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GcmFeedFloor, gcm_feed_floor_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmStoreStatus, gcm_store_status_free)

G_END_DECLS
