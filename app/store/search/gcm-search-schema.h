/* gcm-search-schema.h — for the store's own files only: it needs SQLite
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean gcm_search_install_schema (sqlite3  *db,
                                    GError  **error);
gboolean gcm_search_refresh        (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
