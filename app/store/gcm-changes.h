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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmChange, gcm_change_free)

G_END_DECLS
