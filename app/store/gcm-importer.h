/* gcm-importer.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-feed.h"
#include "gcm-item-kind.h"
#include "gcm-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   serial;
  guint    added;
  guint    updated;
  guint    removed;
  guint    unchanged;
  gboolean up_to_date;   /* the same snapshot was installed already: nothing changed */
  guint    added_by_kind[GCM_ITEM_KIND_COUNT];    /* indexed by GcmItemKind */
  guint    updated_by_kind[GCM_ITEM_KIND_COUNT];
} GcmImportResult;

typedef void (*GcmImportProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

gboolean gcm_importer_apply        (GcmStore           *store,
                                    GcmFeed            *feed,
                                    GCancellable       *cancellable,
                                    GcmImportProgress   progress,
                                    gpointer            progress_data,
                                    GcmImportResult    *result,
                                    GError            **error);
gboolean gcm_importer_import_path  (GcmStore           *store,
                                    const char         *path,
                                    GPtrArray          *trusted_keys,
                                    GCancellable       *cancellable,
                                    GcmImportProgress   progress,
                                    gpointer            progress_data,
                                    GcmImportResult    *result,
                                    GError            **error);
gboolean gcm_importer_import_trusted (GcmStore         *store,
                                    const char         *path,
                                    GcmTrust           *trust,
                                    GCancellable       *cancellable,
                                    GcmImportProgress   progress,
                                    gpointer            progress_data,
                                    GcmImportResult    *result,
                                    GError            **error);
gint64   gcm_importer_peek_serial  (const char         *path);
gboolean gcm_importer_check_free_space (GcmStore       *store,
                                    guint64             needed,
                                    GError            **error);
void     gcm_importer_import_async (GcmStore           *store,
                                    const char         *path,
                                    GPtrArray          *trusted_keys,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean gcm_importer_import_finish (GcmStore          *store,
                                    GAsyncResult       *result,
                                    GcmImportResult    *import_result,
                                    GError            **error);
gint     gcm_importer_collect_objects (GcmStore        *store,
                                    gint64              min_age,
                                    GError            **error);
void     gcm_importer_collect_objects_async (GcmStore  *store,
                                    gint64              min_age,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gint     gcm_importer_collect_objects_finish (GcmStore *store,
                                    GAsyncResult       *result,
                                    GError            **error);

G_END_DECLS
