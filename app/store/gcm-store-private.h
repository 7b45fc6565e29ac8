/* gcm-store-private.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store.h"

G_BEGIN_DECLS

gboolean _gcm_store_content_is_corrupt (sqlite3   *db,
                                        GError   **error);
gboolean _gcm_store_rebuild_content    (GcmStore  *self,
                                        sqlite3   *db,
                                        GError   **error);

sqlite3 *_gcm_store_open_reader         (const char *path,
                                        GError    **error);

G_END_DECLS
