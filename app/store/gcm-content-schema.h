/* gcm-content-schema.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GCM_CONTENT_SCHEMA_VERSION 3  /* 2: item_stem, the stemmed index; 3: translations */

/* What each update added or changed (gcm-changes.h). Created on demand as well, so a content.db
 * of this schema version made before the table existed gets it on its next update. */
#define GCM_CHANGE_LOG_SQL \
  "CREATE TABLE IF NOT EXISTS change_log (" \
  "  serial INTEGER NOT NULL," \
  "  applied INTEGER NOT NULL," \
  "  item_id TEXT NOT NULL," \
  "  kind TEXT NOT NULL," \
  "  title TEXT NOT NULL," \
  "  change INTEGER NOT NULL);" \
  "CREATE INDEX IF NOT EXISTS change_log_serial ON change_log (serial DESC);"


gboolean gcm_content_schema_create (sqlite3  *db,
                                    GError  **error);
gboolean gcm_sqlite_exec           (sqlite3    *db,
                                    const char *sql,
                                    GError    **error);
void     gcm_sqlite_set_error      (GError  **error,
                                    sqlite3  *db,
                                    const char *what);

G_END_DECLS
