/* gcm-user-data.h — private to store/ (and its tests)
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store-private.h"

G_BEGIN_DECLS

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBookmark, gcm_bookmark_free)

G_END_DECLS
