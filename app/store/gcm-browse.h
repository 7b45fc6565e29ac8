/* gcm-browse.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *title;
  char     *summary;
  char     *kind;       /* NULL for a bookmark whose item was withdrawn */
  gboolean  completed;  /* read to the end */
} GcmBrowseRow;

/* One list the reader can show: a chapter, all items of a kind, or the bookmarks. */
typedef struct
{
  char      *title;       /* the chapter's title; NULL for kinds and bookmarks */
  GPtrArray *rows;        /* (element-type GcmBrowseRow) */
  guint      n_completed;
} GcmBrowseList;

typedef struct
{
  char *id;
  char *title;
} GcmBrowseChapter;

typedef struct
{
  gint64     serial;      /* 0 when no content is installed */
  GPtrArray *chapters;    /* (element-type GcmBrowseChapter) */
} GcmBrowseContents;

void               gcm_browse_list_free       (GcmBrowseList      *list);
void               gcm_browse_contents_free   (GcmBrowseContents  *contents);

GcmBrowseList     *gcm_browse_list            (GcmStore           *store,
                                               const char         *target,
                                               GError            **error);
void               gcm_browse_list_async      (GcmStore           *store,
                                               const char         *target,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GcmBrowseList     *gcm_browse_list_finish     (GcmStore           *store,
                                               GAsyncResult       *result,
                                               GError            **error);

GcmBrowseContents *gcm_browse_contents        (GcmStore           *store,
                                               GError            **error);
void               gcm_browse_contents_async  (GcmStore           *store,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
GcmBrowseContents *gcm_browse_contents_finish (GcmStore           *store,
                                               GAsyncResult       *result,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBrowseList, gcm_browse_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBrowseContents, gcm_browse_contents_free)

G_END_DECLS
