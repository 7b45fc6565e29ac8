/* gcm-changes.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each installed update added or changed, for the What's new page. The importer writes a
 * row per added or updated item inside its apply transaction (content.db, table change_log).
 */

#pragma once

#include "gcm-store.h"

G_BEGIN_DECLS

typedef enum
{
  GCM_CHANGE_ADDED,
  GCM_CHANGE_UPDATED,
} GcmChangeKind;

typedef struct
{
  gint64         serial;
  gint64         applied;    /* unix time the update was installed */
  char          *item_id;
  char          *kind;       /* a GcmItemKind id */
  char          *title;
  GcmChangeKind  change;
} GcmChange;

void       gcm_change_free               (GcmChange           *change);

/* Newest first, at most @limit rows, items still installed only. */
void       gcm_store_list_changes_async  (GcmStore            *store,
                                          guint                limit,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *gcm_store_list_changes_finish (GcmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Which of @item_ids the user has opened, as a set of ids, for the "New" badges. */
void        gcm_store_list_seen_async    (GcmStore            *store,
                                          const char * const  *item_ids,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GHashTable *gcm_store_list_seen_finish   (GcmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Blocking, on a read-only connection of the calling thread: for workers such as sync. */
gboolean   gcm_store_read_installed_feed (GcmStore            *store,
                                          char               **feed,
                                          gint64              *serial,
                                          GError             **error);
GStrv      gcm_store_dup_added_ids       (GcmStore            *store,
                                          gint64               serial,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmChange, gcm_change_free)

G_END_DECLS
