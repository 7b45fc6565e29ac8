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

/* A write transaction that rolls back when it goes out of scope uncommitted:
 *   g_auto(GcmSqliteTransaction) transaction = { 0 };
 *   return gcm_sqlite_begin (&transaction, db, error) && … && gcm_sqlite_commit (&transaction, error);
 */
typedef struct
{
  sqlite3 *db;
} GcmSqliteTransaction;

gboolean      gcm_sqlite_begin     (GcmSqliteTransaction  *transaction,
                                    sqlite3               *db,
                                    GError               **error);
gboolean      gcm_sqlite_commit    (GcmSqliteTransaction  *transaction,
                                    GError               **error);
void          gcm_sqlite_rollback  (GcmSqliteTransaction  *transaction);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GcmSqliteTransaction, gcm_sqlite_rollback)

G_END_DECLS
