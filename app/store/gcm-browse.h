/* gcm-browse.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-case-card.h"
#include "gcm-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *title;
} GcmBrowseChapter;

typedef struct
{
  gint64     serial;      /* 0 when no content is installed */
  gint64     generated;   /* when headquarters published it; a serial need not be a time */
  GPtrArray *chapters;    /* (element-type GcmBrowseChapter) */
} GcmBrowseContents;

void               gcm_browse_contents_free   (GcmBrowseContents  *contents);

/* Blocking, on connections of their own: for a thread of the caller's. */
GListModel        *gcm_browse_list            (GcmStore           *store,
                                               const char         *target,
                                               char              **title,
                                               GError            **error);
GcmBrowseContents *gcm_browse_contents        (GcmStore           *store,
                                               GError            **error);

/* On the content worker. */
void               gcm_browse_contents_async  (GcmStore           *store,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GcmBrowseContents *gcm_browse_contents_finish (GcmStore           *store,
                                               GAsyncResult       *result,
                                               GError            **error);

/* The cases gallery: a GListModel of GcmCaseCard, newest first, on the store's workers. */
void               gcm_store_list_cases_async  (GcmStore           *store,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GListModel        *gcm_store_list_cases_finish (GcmStore           *store,
                                                GAsyncResult       *result,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBrowseContents, gcm_browse_contents_free)

G_END_DECLS
