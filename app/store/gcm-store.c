/* gcm-store.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmStore owns the app's data folder (DESIGN §6):
 *
 *  - content.db, derived from the feed and owned by import and sync. It can be rebuilt from the
 *    feed at any time, so a schema change simply recreates it.
 *  - user.db, the user's own: bookmarks, reading progress, notes, quiz attempts. It is migrated
 *    step by step by PRAGMA user_version, never dropped, and copied aside before each migration.
 *  - objects/, the media of the installed content, content-addressed.
 *
 * The store's own connections belong to the main thread; workers open their own with
 * gcm_store_open_content_db().
 */

#define G_LOG_DOMAIN "GcmStore"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "gcm-content-schema.h"
#include "gcm-store.h"

#define USER_SCHEMA_VERSION 2

struct _GcmStore
{
  GObject  parent_instance;

  char    *directory;
  char    *content_path;
  char    *user_path;
  char    *objects_path;
  sqlite3 *content_db;
  sqlite3 *user_db;
};

G_DEFINE_FINAL_TYPE (GcmStore, gcm_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gcm-store-error-quark, gcm_store_error)

enum {
  CONTENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each step takes user.db from version N to N + 1. Steps only add; they never drop user data. */
static const char * const user_migrations[USER_SCHEMA_VERSION] = {
  /* 1: bookmarks and reading progress */
  "CREATE TABLE bookmark ("
  "  item_id TEXT PRIMARY KEY,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE progress ("
  "  item_id TEXT PRIMARY KEY,"
  "  position REAL NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL);",

  /* 2: titles kept with user rows so a withdrawn item still has a name; notes; quizzes */
  "ALTER TABLE bookmark ADD COLUMN title TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE progress ADD COLUMN title TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE progress ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL);"
  "CREATE INDEX note_item ON note (item_id);"
  "CREATE TABLE quiz_attempt ("
  "  id INTEGER PRIMARY KEY,"
  "  quiz_id TEXT NOT NULL,"
  "  started INTEGER NOT NULL,"
  "  finished INTEGER,"
  "  score INTEGER NOT NULL DEFAULT 0,"
  "  total INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE quiz_answer ("
  "  attempt INTEGER NOT NULL REFERENCES quiz_attempt (id) ON DELETE CASCADE,"
  "  question_id TEXT NOT NULL,"
  "  answer TEXT NOT NULL,"
  "  correct INTEGER NOT NULL,"
  "  PRIMARY KEY (attempt, question_id));",
};

/* Helpers */

static int
get_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static sqlite3 *
open_db (const char  *path,
         gboolean     read_only,
         GError     **error)
{
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED, "Cannot open %s: %s", path,
                   db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  if (!read_only && !gcm_sqlite_exec (db, "PRAGMA journal_mode = WAL;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (!gcm_sqlite_exec (db, "PRAGMA foreign_keys = ON;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* content.db is derived: another schema, or a file that is not a database at all, is replaced,
 * never migrated. The content comes back with the next import. */
static sqlite3 *
open_content_db (GcmStore  *self,
                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = open_db (self->content_path, FALSE, &local_error);
  int version = db != NULL ? get_user_version (db) : -1;

  if (version == GCM_CONTENT_SCHEMA_VERSION)
    return db;

  if (version != 0)
    {
      g_autofree char *wal = g_strconcat (self->content_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->content_path, "-shm", NULL);

      g_debug ("Rebuilding content.db (schema %d%s%s)", version,
               local_error ? ": " : "", local_error ? local_error->message : "");
      g_clear_pointer (&db, sqlite3_close);
      g_unlink (self->content_path);
      g_unlink (wal);
      g_unlink (shm);
      if (!(db = open_db (self->content_path, FALSE, error)))
        return NULL;
    }

  if (!gcm_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (!gcm_content_schema_create (db, error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      sqlite3_close (db);
      return NULL;
    }
  if (!gcm_sqlite_exec (db, "COMMIT;", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
backup_user_db (GcmStore  *self,
                int        version,
                GError   **error)
{
  g_autofree char *backup_path = g_strdup_printf ("%s.v%d.bak", self->user_path, version);
  g_autofree char *sql = NULL;
  char *quoted;

  /* VACUUM INTO writes a consistent copy even with a WAL in use. */
  g_unlink (backup_path);
  quoted = sqlite3_mprintf ("VACUUM INTO %Q;", backup_path);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);
  return gcm_sqlite_exec (self->user_db, sql, error);
}

static gboolean
migrate_user_db (GcmStore  *self,
                 GError   **error)
{
  int version = get_user_version (self->user_db);

  if (version < 0)
    {
      gcm_sqlite_set_error (error, self->user_db, "Cannot read user.db");
      return FALSE;
    }
  if (version > USER_SCHEMA_VERSION)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED,
                   "Your data was saved by a newer version of the app (schema %d)", version);
      return FALSE;
    }
  if (version == USER_SCHEMA_VERSION)
    return TRUE;

  if (version > 0 && !backup_user_db (self, version, error))
    return FALSE;

  if (!gcm_sqlite_exec (self->user_db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  for (int v = version; v < USER_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!gcm_sqlite_exec (self->user_db, user_migrations[v], error) ||
          !gcm_sqlite_exec (self->user_db, pragma, error))
        {
          sqlite3_exec (self->user_db, "ROLLBACK;", NULL, NULL, NULL);
          g_prefix_error (error, "Cannot update your data to schema %d: ", v + 1);
          return FALSE;
        }
    }
  return gcm_sqlite_exec (self->user_db, "COMMIT;", error);
}

/* GObject */

static void
gcm_store_finalize (GObject *object)
{
  GcmStore *self = GCM_STORE (object);

  g_clear_pointer (&self->content_db, sqlite3_close);
  g_clear_pointer (&self->user_db, sqlite3_close);
  g_free (self->directory);
  g_free (self->content_path);
  g_free (self->user_path);
  g_free (self->objects_path);

  G_OBJECT_CLASS (gcm_store_parent_class)->finalize (object);
}

static void
gcm_store_class_init (GcmStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_store_finalize;

  /**
   * GcmStore::content-changed:
   *
   * Emitted on the main thread after an import or sync changed content.db.
   */
  signals[CONTENT_CHANGED] =
    g_signal_new ("content-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gcm_store_init (GcmStore *self)
{
}

/* Public API */

char *
gcm_store_dup_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "green-customs-manual", NULL);
}

/**
 * gcm_store_new:
 * @directory: the data folder, created if needed
 *
 * Opens (and creates or migrates) content.db and user.db. Blocking, but fast: call it once at
 * start-up before the first window is shown.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
GcmStore *
gcm_store_new (const char  *directory,
               GError     **error)
{
  g_autoptr(GcmStore) self = NULL;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (GCM_TYPE_STORE, NULL);
  self->directory = g_strdup (directory);
  self->content_path = g_build_filename (directory, "content.db", NULL);
  self->user_path = g_build_filename (directory, "user.db", NULL);
  self->objects_path = g_build_filename (directory, "objects", NULL);

  if (g_mkdir_with_parents (self->objects_path, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED, "Cannot create %s: %s",
                   self->objects_path, g_strerror (saved_errno));
      return NULL;
    }

  /* A user.db from a newer app is refused before anything, even its journal mode, changes. */
  if (g_file_test (self->user_path, G_FILE_TEST_EXISTS))
    {
      sqlite3 *db = open_db (self->user_path, TRUE, error);
      int version = db != NULL ? get_user_version (db) : -1;

      sqlite3_close (db);
      if (db == NULL)
        return NULL;
      if (version > USER_SCHEMA_VERSION)
        {
          g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED,
                       "Your data was saved by a newer version of the app (schema %d)", version);
          return NULL;
        }
    }

  if (!(self->user_db = open_db (self->user_path, FALSE, error)) || !migrate_user_db (self, error))
    return NULL;
  if (!(self->content_db = open_content_db (self, error)))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
gcm_store_get_directory (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->directory;
}

const char *
gcm_store_get_content_path (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->content_path;
}

const char *
gcm_store_get_user_path (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->user_path;
}

const char *
gcm_store_get_objects_path (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->objects_path;
}

/**
 * gcm_store_get_content_db:
 *
 * Returns: (transfer none): the main thread's connection to content.db
 */
sqlite3 *
gcm_store_get_content_db (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->content_db;
}

/**
 * gcm_store_get_user_db:
 *
 * Returns: (transfer none): the main thread's connection to user.db
 */
sqlite3 *
gcm_store_get_user_db (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->user_db;
}

/**
 * gcm_store_open_content_db:
 *
 * Opens a new connection to content.db for a worker thread; close it with sqlite3_close().
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
sqlite3 *
gcm_store_open_content_db (GcmStore  *self,
                           gboolean   read_only,
                           GError   **error)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return open_db (self->content_path, read_only, error);
}

/**
 * gcm_store_open_user_db:
 *
 * Opens a new connection to user.db for a worker thread; close it with sqlite3_close().
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
sqlite3 *
gcm_store_open_user_db (GcmStore  *self,
                        gboolean   read_only,
                        GError   **error)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return open_db (self->user_path, read_only, error);
}

/* The serial of the installed content, 0 when none is installed. */
gint64
gcm_store_get_serial (GcmStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 serial = 0;

  g_return_val_if_fail (GCM_IS_STORE (self), 0);

  if (sqlite3_prepare_v2 (self->content_db, "SELECT serial FROM feed_state WHERE id = 1", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    serial = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return serial;
}

void
gcm_store_content_changed (GcmStore *self)
{
  g_return_if_fail (GCM_IS_STORE (self));
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
}
