/* gcm-sqlite.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prepared statements that report failure as a GError (GCM_STORE_ERROR, with the code SQLite's
 * result maps to), so that store code reads top to bottom with g_autoptr(sqlite3_stmt) and
 * early returns.
 */

#define G_LOG_DOMAIN "GcmSqlite"

#include "config.h"

#include "gcm-content-schema.h"
#include "gcm-sqlite.h"

/**
 * gcm_sqlite_prepare:
 * @what: what the statement does, for the error message
 *
 * Returns: (transfer full): the statement, or %NULL with @error set
 */
sqlite3_stmt *
gcm_sqlite_prepare (sqlite3     *db,
                    const char  *sql,
                    const char  *what,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* One step: @has_row says whether a row came; FALSE with @error set when the step failed. */
gboolean
gcm_sqlite_step (sqlite3_stmt  *stmt,
                 gboolean      *has_row,
                 const char    *what,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  gcm_sqlite_set_error (error, sqlite3_db_handle (stmt), what);
  return FALSE;
}

/* Runs a statement that returns no rows, such as a write. */
gboolean
gcm_sqlite_step_done (sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  gboolean has_row;

  return gcm_sqlite_step (stmt, &has_row, what, error);
}

void
gcm_sqlite_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
gcm_sqlite_dup_text (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* BEGIN IMMEDIATE: the write lock now, so that a busy database fails here and not halfway. */
gboolean
gcm_sqlite_begin (GcmSqliteTransaction  *transaction,
                  sqlite3               *db,
                  GError               **error)
{
  g_return_val_if_fail (transaction->db == NULL, FALSE);

  if (!gcm_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  transaction->db = db;
  return TRUE;
}

/* A COMMIT that fails leaves the transaction open (SQLite keeps it after SQLITE_BUSY), for
 * gcm_sqlite_rollback to end. */
gboolean
gcm_sqlite_commit (GcmSqliteTransaction  *transaction,
                   GError               **error)
{
  g_return_val_if_fail (transaction->db != NULL, FALSE);

  if (!gcm_sqlite_exec (transaction->db, "COMMIT;", error))
    return FALSE;
  transaction->db = NULL;
  return TRUE;
}

/* Undoes a transaction not committed; does nothing after a commit or when none began. */
void
gcm_sqlite_rollback (GcmSqliteTransaction *transaction)
{
  if (transaction->db == NULL)
    return;
  sqlite3_exec (transaction->db, "ROLLBACK;", NULL, NULL, NULL);
  transaction->db = NULL;
}
