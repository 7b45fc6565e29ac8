/* gcm-user-data.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store.h"

G_BEGIN_DECLS

/* What user.db knows of one item. */
typedef struct
{
  gboolean bookmarked;
  gboolean seen;        /* opened at least once */
  gboolean completed;   /* read to the end at least once */
  double   position;    /* where reading stopped, 0–1 */
} GcmItemState;

typedef struct
{
  char   *item_id;
  char   *title;
  gint64  created;
} GcmBookmark;

void        gcm_bookmark_free                (GcmBookmark   *bookmark);

/* Blocking, on a connection of the calling thread. */
void        gcm_user_data_get_state          (sqlite3       *db,
                                              const char    *item_id,
                                              GcmItemState  *state);
GHashTable *gcm_user_data_dup_completed      (sqlite3       *db);
GPtrArray  *gcm_user_data_list_bookmarks     (sqlite3       *db,
                                              GError       **error);
gboolean    gcm_user_data_set_bookmark       (sqlite3       *db,
                                              const char    *item_id,
                                              const char    *title,
                                              gboolean       bookmarked,
                                              GError       **error);
gboolean    gcm_user_data_save_progress      (sqlite3       *db,
                                              const char    *item_id,
                                              const char    *title,
                                              double         position,
                                              GError       **error);

/* The same writes on a worker thread. */
void        gcm_user_data_set_bookmark_async (GcmStore            *store,
                                              const char          *item_id,
                                              const char          *title,
                                              gboolean             bookmarked,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        gcm_user_data_save_progress_async (GcmStore           *store,
                                              const char          *item_id,
                                              const char          *title,
                                              double               position,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    gcm_user_data_write_finish       (GcmStore            *store,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBookmark, gcm_bookmark_free)

G_END_DECLS
