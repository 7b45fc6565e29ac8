/* gcm-search.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-search-results.h"

G_BEGIN_DECLS

/* The schema half (gcm_search_install_schema(), gcm_search_refresh()) takes a SQLite
 * connection and is declared in gcm-search-schema.h, for the store only. */

#define GCM_TYPE_SEARCH (gcm_search_get_type ())

G_DECLARE_FINAL_TYPE (GcmSearch, gcm_search, GCM, SEARCH, GObject)

GcmSearch        *gcm_search_new            (const char           *content_db_path);
const char       *gcm_search_get_path       (GcmSearch            *self);
void              gcm_search_query_async    (GcmSearch            *self,
                                             const char           *text,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GcmSearchResults *gcm_search_query_finish   (GcmSearch            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
GcmSearchResults *gcm_search_query          (GcmSearch            *self,
                                             const char           *text,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
