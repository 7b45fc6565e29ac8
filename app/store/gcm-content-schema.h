/* gcm-content-schema.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GCM_CONTENT_SCHEMA_VERSION 2  /* 2: item_stem, the stemmed index */

gboolean gcm_content_schema_create (sqlite3  *db,
                                    GError  **error);
gboolean gcm_sqlite_exec           (sqlite3    *db,
                                    const char *sql,
                                    GError    **error);
void     gcm_sqlite_set_error      (GError  **error,
                                    sqlite3  *db,
                                    const char *what);

G_END_DECLS
