/* gcm-sqlite.h — private to store/
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

sqlite3_stmt *gcm_sqlite_prepare   (sqlite3       *db,
                                    const char    *sql,
                                    const char    *what,
                                    GError       **error);
gboolean      gcm_sqlite_step      (sqlite3_stmt  *stmt,
                                    gboolean      *has_row,
                                    const char    *what,
                                    GError       **error);
gboolean      gcm_sqlite_step_done (sqlite3_stmt  *stmt,
                                    const char    *what,
                                    GError       **error);
void          gcm_sqlite_bind_text (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *text);
char         *gcm_sqlite_dup_text  (sqlite3_stmt  *stmt,
                                    int            column);

G_END_DECLS
