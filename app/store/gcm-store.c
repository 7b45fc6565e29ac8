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
 *  - objects/, the installed content, content-addressed: item JSON, media and the manifest, so
 *    that content.db can be rebuilt from it.
 *  - feed-state, the rollback floor (highest serial seen), which a rebuild must not lower.
 *
 * Only a proven schema mismatch or a proven-corrupt content.db is rebuilt. Any other error (a
 * full disk, an I/O error, a read-only folder) opens what can be read read-only and says why.
 *
 * Reads and writes run as a service: one worker thread per database (gcm-store-worker.c), each
 * with its long-lived connection, running jobs in the order they were asked for. The store's
 * own two connections are those that opened, migrated and checked the files; the importer and
 * repair use them, on one thread at a time.
 */

#define G_LOG_DOMAIN "GcmStore"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-importer.h"
#include "gcm-json-read.h"
#include "gcm-quiz-question.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"

#define USER_SCHEMA_VERSION 4

struct _GcmStore
{
  GObject  parent_instance;

  char    *directory;
  char    *content_path;
  char    *user_path;
  char    *objects_path;
  char    *floor_path;
  sqlite3 *content_db;
  sqlite3 *user_db;
  GError  *read_only_error;   /* set when the store is read-only, with the reason */

  GcmStoreWorker *content_worker;
  GcmStoreWorker *user_worker;
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

  /* 3: attempts that can be replayed, the review log FSRS derives its schedule from, and the
   * steps of a procedure ticked while practising. A question is known by its quiz and its own
   * id; its fingerprint says which wording was answered, so a changed question starts again. */
  "ALTER TABLE quiz_attempt ADD COLUMN seed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE quiz_attempt ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE quiz_attempt ADD COLUMN content_serial INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE quiz_attempt ADD COLUMN title TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE quiz_answer ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE quiz_answer ADD COLUMN elapsed_ms INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE quiz_answer ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX quiz_attempt_quiz ON quiz_attempt (quiz_id, finished);"
  "CREATE TABLE review_log ("
  "  id INTEGER PRIMARY KEY,"
  "  quiz_id TEXT NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  reviewed INTEGER NOT NULL,"
  "  grade INTEGER NOT NULL);"
  "CREATE INDEX review_log_question ON review_log (quiz_id, question_id, reviewed);"
  "CREATE TABLE checklist_tick ("
  "  procedure_id TEXT NOT NULL,"
  "  step_id TEXT NOT NULL,"
  "  step_fingerprint TEXT NOT NULL,"
  "  ticked INTEGER NOT NULL,"
  "  PRIMARY KEY (procedure_id, step_id));",

  /* 4: workshops presented to a room: each session keeps the questions as they were shown and
   * the room's count per choice, so its report stays the same after the quiz changes. */
  "CREATE TABLE workshop_session ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  lang TEXT NOT NULL DEFAULT '',"
  "  content_serial INTEGER NOT NULL DEFAULT 0,"
  "  started INTEGER NOT NULL,"
  "  saved INTEGER NOT NULL);"
  "CREATE TABLE workshop_question ("
  "  session INTEGER NOT NULL REFERENCES workshop_session (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  question_id TEXT NOT NULL,"
  "  prompt TEXT NOT NULL,"
  "  PRIMARY KEY (session, position));"
  "CREATE TABLE workshop_choice ("
  "  session INTEGER NOT NULL,"
  "  question INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  right INTEGER NOT NULL DEFAULT 0,"
  "  tally INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (session, question, position),"
  "  FOREIGN KEY (session, question) REFERENCES workshop_question (session, position)"
  "    ON DELETE CASCADE);",
};

/* Helpers */

static int
get_user_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = gcm_sqlite_prepare (db, "PRAGMA user_version", "", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
}

/* Whether an error means "this folder cannot be written just now" rather than a fault. */
static gboolean
is_read_only_errno (int saved_errno)
{
  return saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM ||
         saved_errno == ENOSPC || saved_errno == EDQUOT;
}

/* A failure to open or read a database, kept with SQLite's primary result code so it can be told
 * apart: only SQLITE_NOTADB and SQLITE_CORRUPT say something about the file itself. */
static int
sqlite_error (GError  **error,
              sqlite3  *db,
              int       rc,
              const char *path)
{
  gcm_sqlite_set_error (error, db, path);
  return db != NULL ? (sqlite3_extended_errcode (db) & 0xff) : (rc & 0xff);
}

static sqlite3 *
open_db_full (const char  *path,
              gboolean     read_only,
              int         *code,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  *code = SQLITE_OK;
  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
  if (db != NULL)
    sqlite3_extended_result_codes (db, 1);
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (db, 5000);
  if (rc == SQLITE_OK && !read_only &&
      (rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL)) == SQLITE_OK)
    {
      int persist = 1;

      /* Keep -wal and -shm after the last close: SQLite can read a WAL database on a read-only
       * disk only when they exist. */
      sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
      /* A kept -wal must not keep the space of a big import. */
      sqlite3_exec (db, "PRAGMA journal_size_limit = 0;", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      *code = sqlite_error (error, db, rc, path);
      return NULL;
    }
  return g_steal_pointer (&db);
}

static sqlite3 *
open_db (const char  *path,
         gboolean     read_only,
         GError     **error)
{
  int code;

  return open_db_full (path, read_only, &code, error);
}

/* Read-only even when the -shm file cannot be grown (a full disk) or created (a read-only disk):
 * SQLite then reads the WAL without updating the shared index, which needs the -shm file to
 * exist; an empty one takes no disk space. On a read-only disk without one, nothing can change
 * the file, so it is opened as immutable. For the fallback only: it is slower than a reader. */
static sqlite3 *
open_db_fallback (const char  *path,
                  int         *code,
                  GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *uri = NULL;

  if (!g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (shm, O_WRONLY | O_CREAT | O_EXCL, 0600);
      if (fd >= 0)
        close (fd);
    }
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    uri = g_strdup_printf ("file:%s?mode=ro&readonly_shm=1", escaped);
  else
    uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
  return open_db_full (uri, TRUE, code, error);
}

/**
 * _gcm_store_open_reader:
 *
 * Opens a worker's read-only connection. When an ordinary one cannot read the file (on a full or
 * read-only disk no -shm file can be made for it), the fallback is used instead.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
sqlite3 *
_gcm_store_open_reader (const char  *path,
                        GError     **error)
{
  g_autoptr(GError) first_error = NULL;
  sqlite3 *db;
  int code;

  db = open_db_full (path, TRUE, &code, &first_error);
  if (db != NULL && sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) ==
      SQLITE_OK)
    return db;
  sqlite3_close (db);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      (db = open_db_fallback (path, &code, NULL)) != NULL)
    return db;
  if (first_error == NULL)
    g_set_error (&first_error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED, "Cannot read %s", path);
  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
}

/* PRAGMA user_version; @code is set when the file cannot be read. */
static int
read_user_version (sqlite3  *db,
                   int      *code,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    *code = sqlite_error (error, db, rc, "PRAGMA user_version");
  return version;
}

/* TRUE only when SQLite itself proves the file damaged; an error running the check proves
 * nothing and is reported in @error. */
gboolean
_gcm_store_content_is_corrupt (sqlite3  *db,
                               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean corrupt = FALSE;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      corrupt = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      int code = sqlite_error (error, db, rc, "PRAGMA integrity_check");
      corrupt = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
      if (corrupt)
        g_clear_error (error);
    }
  sqlite3_finalize (stmt);
  return corrupt;
}

static gboolean
is_directory (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* The messages are sentences for the user; the format stays visible to the compiler. */
#define set_sentence(error, code, format, path) \
  g_set_error (error, GCM_STORE_ERROR, code, format, path)

static gboolean
create_content_schema (sqlite3  *db,
                       GError  **error)
{
  g_auto(GcmSqliteTransaction) transaction = { 0 };

  return gcm_sqlite_begin (&transaction, db, error) &&
         gcm_content_schema_create (db, error) &&
         gcm_sqlite_commit (&transaction, error);
}

static void
unlink_content_files (GcmStore *self)
{
  g_autofree char *wal = g_strconcat (self->content_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->content_path, "-shm", NULL);

  g_unlink (self->content_path);
  g_unlink (wal);
  g_unlink (shm);
}

/* A new content.db with the installed snapshot put back from objects/. Without one (nothing
 * installed yet, or objects/ incomplete) it stays empty; the next import fills it. */
static sqlite3 *
recreate_content_db (GcmStore  *self,
                     GError   **error)
{
  g_autoptr(GError) restore_error = NULL;
  sqlite3 *db;

  unlink_content_files (self);
  if (!(db = open_db (self->content_path, FALSE, error)))
    return NULL;
  if (!create_content_schema (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (!gcm_importer_restore (self, db, &restore_error))
    g_debug ("content.db rebuilt empty: %s", restore_error->message);
  return db;
}

/* Remembers why the store is read-only, as the sentence the user sees. */
static void
set_read_only (GcmStore   *self,
               const char *detail)
{
  g_autoptr(GFile) dir = g_file_new_for_path (self->directory);
  g_autoptr(GFileInfo) info = NULL;

  if (self->read_only_error != NULL)
    return;
  g_debug ("Opening the data folder read-only: %s", detail);
  /* SQLite reports a full disk as an I/O error when it cannot grow its shared memory file. */
  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) &&
      g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) < 1024 * 1024)
    self->read_only_error =
      g_error_new (GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL,
                   _("The disk holding %s is full, so the app shows your content but cannot "
                     "change it until you free some space."), self->directory);
  else
    self->read_only_error =
      g_error_new (GCM_STORE_ERROR, GCM_STORE_ERROR_READ_ONLY,
                   _("The app cannot write to its data folder %s, so it shows your content but "
                     "cannot change it."), self->directory);
}

/* Opens content.db read-only after an error that says nothing about the file: the content stays
 * readable and nothing is deleted. */
static sqlite3 *
open_content_read_only (GcmStore  *self,
                        GError    *reason,
                        GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  int code = SQLITE_OK;

  if (g_file_test (self->content_path, G_FILE_TEST_IS_REGULAR))
    db = open_db_fallback (self->content_path, &code, &local_error);
  else
    db = open_db_full (":memory:", FALSE, &code, &local_error);  /* nothing installed yet */
  if (db != NULL && !g_file_test (self->content_path, G_FILE_TEST_IS_REGULAR) &&
      !create_content_schema (db, &local_error))
    g_clear_pointer (&db, sqlite3_close);
  if (db != NULL && (read_user_version (db, &code, &local_error) != GCM_CONTENT_SCHEMA_VERSION ||
                     code != SQLITE_OK))
    g_clear_pointer (&db, sqlite3_close);

  if (db == NULL)
    {
      g_debug ("content.db cannot be read: %s (%s)", reason->message,
               local_error ? local_error->message : "another schema");
      if (g_error_matches (reason, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL))
        set_sentence (error, GCM_STORE_ERROR_DISK_FULL,
                      _("The disk holding %s is full, so the app cannot open its content. "
                        "Free some disk space and start the app again."), self->directory);
      else
        set_sentence (error, GCM_STORE_ERROR_FAILED,
                      _("The app cannot read its content in %s. "
                        "Check the disk and start the app again."), self->directory);
      return NULL;
    }

  g_debug ("content.db opened read-only: %s", reason->message);
  return db;
}

/* content.db is derived: another schema, a file that is not a database, or one that SQLite
 * proves corrupt is rebuilt from objects/, never migrated. Any other error (a full disk, an I/O
 * error, a read-only folder) proves nothing about the file: it is opened read-only instead. */
static sqlite3 *
open_content_db (GcmStore  *self,
                 GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  int code = SQLITE_OK;
  int version = -1;

  if (is_directory (self->content_path))
    {
      set_sentence (error, GCM_STORE_ERROR_FAILED,
                    _("The app’s data file %s is a folder, not a database. "
                      "Move it away and start the app again."), self->content_path);
      return NULL;
    }
  if (self->read_only_error != NULL)
    return open_content_read_only (self, self->read_only_error, error);

  db = open_db_full (self->content_path, FALSE, &code, &local_error);
  if (db != NULL)
    version = read_user_version (db, &code, &local_error);
  /* The header can be fine while the schema pages are not. */
  if (code == SQLITE_OK && version == GCM_CONTENT_SCHEMA_VERSION &&
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) != SQLITE_OK)
    code = sqlite_error (&local_error, db, SQLITE_ERROR, "sqlite_schema");

  if (code == SQLITE_OK && version == GCM_CONTENT_SCHEMA_VERSION)
    return db;
  if (code == SQLITE_OK && version == 0)
    {
      g_autoptr(GError) restore_error = NULL;

      if (!create_content_schema (db, error))
        {
          sqlite3_close (db);
          return NULL;
        }
      /* A content.db that went missing gets the installed content back from objects/. */
      if (g_file_test (self->floor_path, G_FILE_TEST_EXISTS) &&
          !gcm_importer_restore (self, db, &restore_error))
        g_debug ("content.db created empty: %s", restore_error->message);
      return db;
    }
  if (code == SQLITE_OK || code == SQLITE_NOTADB ||
      (code == SQLITE_CORRUPT && (db == NULL || _gcm_store_content_is_corrupt (db, NULL))))
    {
      g_debug ("Rebuilding content.db (schema %d%s%s)", version,
               local_error ? ": " : "", local_error ? local_error->message : "");
      g_clear_pointer (&db, sqlite3_close);
      return recreate_content_db (self, error);
    }

  g_clear_pointer (&db, sqlite3_close);
  set_read_only (self, local_error->message);
  return open_content_read_only (self, self->read_only_error, error);
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
  g_auto(GcmSqliteTransaction) transaction = { 0 };

  if (version < 0)
    {
      gcm_sqlite_set_error (error, self->user_db, "Cannot read user.db");
      return FALSE;
    }
  if (version == USER_SCHEMA_VERSION)
    return TRUE;

  if (version > 0 && !backup_user_db (self, version, error))
    return FALSE;

  if (!gcm_sqlite_begin (&transaction, self->user_db, error))
    return FALSE;
  for (int v = version; v < USER_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);
      g_autoptr(GError) step_error = NULL;

      if (!gcm_sqlite_exec (self->user_db, user_migrations[v], &step_error) ||
          !gcm_sqlite_exec (self->user_db, pragma, &step_error))
        {
          g_debug ("Cannot update user.db to schema %d: %s", v + 1, step_error->message);
          g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED,
                       _("Your bookmarks and progress in %s could not be updated for this "
                         "version of the app. Your data is unchanged."), self->user_path);
          return FALSE;
        }
    }
  return gcm_sqlite_commit (&transaction, error);
}

/* GObject */

static void
gcm_store_dispose (GObject *object)
{
  GcmStore *self = GCM_STORE (object);

  g_clear_pointer (&self->content_worker, gcm_store_worker_stop);
  g_clear_pointer (&self->user_worker, gcm_store_worker_stop);
  g_clear_pointer (&self->content_db, sqlite3_close);
  g_clear_pointer (&self->user_db, sqlite3_close);
  g_clear_error (&self->read_only_error);
  g_clear_pointer (&self->floor_path, g_free);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->content_path, g_free);
  g_clear_pointer (&self->user_path, g_free);
  g_clear_pointer (&self->objects_path, g_free);

  G_OBJECT_CLASS (gcm_store_parent_class)->dispose (object);
}

static void
gcm_store_class_init (GcmStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gcm_store_dispose;

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

/* Can a file be created in the data folder? A read-only folder is not an error: reading works. */
static gboolean
probe_writable (GcmStore *self)
{
  g_autofree char *probe = g_build_filename (self->directory, ".write-test-XXXXXX", NULL);
  int fd = g_mkstemp_full (probe, O_RDWR, 0600);
  int saved_errno = errno;

  if (fd >= 0)
    {
      close (fd);
      g_unlink (probe);
      return TRUE;
    }
  if (!is_read_only_errno (saved_errno))
    return TRUE;   /* let the real open report it */
  set_read_only (self, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
open_user_db (GcmStore  *self,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  int code = SQLITE_OK;
  int version = 0;
  gboolean exists = g_file_test (self->user_path, G_FILE_TEST_EXISTS);

  if (is_directory (self->user_path))
    {
      set_sentence (error, GCM_STORE_ERROR_FAILED,
                    _("The app’s data file %s is a folder, not a database. "
                      "Move it away and start the app again."), self->user_path);
      return FALSE;
    }

  /* Read first, changing nothing: a damaged user.db or one from a newer app stays as it is. */
  if (exists)
    {
      sqlite3 *db = open_db_fallback (self->user_path, &code, &local_error);

      version = db != NULL ? read_user_version (db, &code, &local_error) : -1;
      sqlite3_close (db);
      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        {
          set_sentence (error, GCM_STORE_ERROR_CORRUPT,
                        _("The app’s data file %s is damaged, so your bookmarks and progress "
                          "cannot be read. Move it away and start the app again."),
                        self->user_path);
          return FALSE;
        }
      if (version > USER_SCHEMA_VERSION)
        {
          set_sentence (error, GCM_STORE_ERROR_FAILED,
                        _("Your data in %s was saved by a newer version of the app. "
                          "Update the app to open it."), self->user_path);
          return FALSE;
        }
    }

  if (self->read_only_error == NULL)
    {
      g_clear_error (&local_error);
      self->user_db = open_db_full (self->user_path, FALSE, &code, &local_error);
      if (self->user_db != NULL)
        return migrate_user_db (self, error);
      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      set_read_only (self, local_error->message);
    }

  /* Read-only: the file as it is, or an empty one in memory when it is missing or older. */
  g_clear_error (&local_error);
  if (exists && version == USER_SCHEMA_VERSION)
    self->user_db = open_db_fallback (self->user_path, &code, &local_error);
  if (self->user_db == NULL)
    {
      g_clear_error (&local_error);
      if (!(self->user_db = open_db_full (":memory:", FALSE, &code, error)))
        return FALSE;
      return migrate_user_db (self, error);
    }
  return TRUE;
}

/* The content worker only reads; the importer writes on connections of its own. */
static sqlite3 *
open_content_worker (gpointer   data,
                     GError   **error)
{
  GcmStore *self = data;

  return _gcm_store_open_reader (self->content_path, error);
}

static sqlite3 *
open_user_worker (gpointer   data,
                  GError   **error)
{
  GcmStore *self = data;

  if (self->read_only_error != NULL)
    return _gcm_store_open_reader (self->user_path, error);
  return open_db (self->user_path, FALSE, error);
}

/**
 * gcm_store_new:
 * @directory: the data folder, created if needed
 *
 * Opens (and creates or migrates) content.db and user.db. Blocking: the window opens the store
 * with gcm_store_new_async(). A folder that cannot be written (read-only, a full
 * disk) still opens, read-only: see gcm_store_is_read_only().
 *
 * Returns: (transfer full): the store, or %NULL with @error set to a %GCM_STORE_ERROR whose
 *   message is one sentence for the user
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
  self->floor_path = g_build_filename (directory, "feed-state", NULL);

  if (g_file_test (self->objects_path, G_FILE_TEST_EXISTS) && !is_directory (self->objects_path))
    {
      set_sentence (error, GCM_STORE_ERROR_FAILED,
                    _("The app’s data folder %s is a file, not a folder. "
                      "Move it away and start the app again."), self->objects_path);
      return NULL;
    }
  if (g_mkdir_with_parents (self->objects_path, 0700) != 0)
    {
      int saved_errno = errno;

      if (!is_directory (directory) || !is_read_only_errno (saved_errno))
        {
          set_sentence (error, GCM_STORE_ERROR_FAILED,
                        _("The app cannot create its data folder %s. "
                          "Check that the folder above it can be written."), directory);
          return NULL;
        }
      set_read_only (self, g_strerror (saved_errno));
    }
  else
    probe_writable (self);

  if (!open_user_db (self, error))
    return NULL;
  if (!(self->content_db = open_content_db (self, error)))
    return NULL;

  self->content_worker = gcm_store_worker_new ("gcm-content", open_content_worker, self);
  self->user_worker = gcm_store_worker_new ("gcm-user", open_user_worker, self);
  return g_steal_pointer (&self);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  GcmStore *store = gcm_store_new (task_data, &error);

  gcm_store_task_return_pointer (task, store, g_object_unref, error);
}

/**
 * gcm_store_new_async:
 * @directory: the data folder, created if needed
 *
 * Opens the store as gcm_store_new() does, on a worker: migrations and the copy of user.db
 * kept before them never hold up the main loop.
 */
void
gcm_store_new_async (const char          *directory,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (directory != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_store_new_async);
  g_task_set_task_data (task, g_strdup (directory), g_free);
  g_task_run_in_thread (task, new_thread);
}

/**
 * gcm_store_new_finish:
 *
 * Returns: (transfer full): the store, or %NULL with @error set to a %GCM_STORE_ERROR whose
 *   message is one sentence for the user
 */
GcmStore *
gcm_store_new_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GcmStoreWorker *
_gcm_store_get_content_worker (GcmStore *self)
{
  return self->content_worker;
}

GcmStoreWorker *
_gcm_store_get_user_worker (GcmStore *self)
{
  return self->user_worker;
}

static void
continue_on (GcmStoreWorker *worker,
             GTask          *task,
             gboolean        ok,
             GError         *error,
             GcmStoreJob     job)
{
  if (ok)
    gcm_store_worker_push (worker, task, job);
  else
    g_task_return_error (task, error);
}

/* Ends a job's first step: @task goes on to @job on the user worker, or returns @error (transfer
 * full) when the step failed. */
void
_gcm_store_continue_on_user (GTask       *task,
                             gboolean     ok,
                             GError      *error,
                             GcmStoreJob  job)
{
  continue_on (GCM_STORE (g_task_get_source_object (task))->user_worker, task, ok, error, job);
}

/* The same, on to the content worker. */
void
_gcm_store_continue_on_content (GTask       *task,
                                gboolean     ok,
                                GError      *error,
                                GcmStoreJob  job)
{
  continue_on (GCM_STORE (g_task_get_source_object (task))->content_worker, task, ok, error, job);
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
  return read_only ? _gcm_store_open_reader (self->content_path, error)
                   : open_db (self->content_path, FALSE, error);
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
  return read_only ? _gcm_store_open_reader (self->user_path, error)
                   : open_db (self->user_path, FALSE, error);
}

/* The serial of the installed content, 0 when none is installed. */
gint64
gcm_store_get_serial (GcmStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GCM_IS_STORE (self), 0);

  stmt = gcm_sqlite_prepare (self->content_db, "SELECT serial FROM feed_state WHERE id = 1", "",
                             NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
emit_content_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[CONTENT_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Emitted in the caller's main context: a worker (which has none of its own) hands it to the
 * main one, so that windows can redraw from the handler. */
void
gcm_store_content_changed (GcmStore *self)
{
  g_return_if_fail (GCM_IS_STORE (self));
  g_main_context_invoke_full (g_main_context_get_thread_default (), G_PRIORITY_DEFAULT,
                              emit_content_changed_cb, g_object_ref (self), g_object_unref);
}

/**
 * gcm_store_is_read_only:
 *
 * Whether the data folder could only be opened for reading (a read-only folder, a full disk, an
 * I/O error): content can be read and searched, but imports and user changes fail.
 * gcm_store_get_read_only_error() says why, in a sentence for the user.
 */
gboolean
gcm_store_is_read_only (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), FALSE);
  return self->read_only_error != NULL;
}

/**
 * gcm_store_get_read_only_error:
 *
 * Returns: (transfer none) (nullable): why the store is read-only, a %GCM_STORE_ERROR_READ_ONLY
 *   or %GCM_STORE_ERROR_DISK_FULL whose message is one sentence; %NULL when it is writable
 */
const GError *
gcm_store_get_read_only_error (GcmStore *self)
{
  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  return self->read_only_error;
}

/* For a write to refuse before it starts: FALSE with @error set to why the store is read-only. */
gboolean
gcm_store_check_writable (GcmStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (GCM_IS_STORE (self), FALSE);
  if (self->read_only_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->read_only_error));
  return FALSE;
}

char *
gcm_store_dup_object_path (GcmStore   *self,
                           const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  g_return_val_if_fail (GCM_IS_STORE (self), NULL);
  g_return_val_if_fail (gcm_sha256_is_valid (sha256), NULL);
  return g_build_filename (self->objects_path, prefix, sha256, NULL);
}

/* (element-type utf8 utf8): the media of the item at @item_rowid, by their path in the feed,
 * each to its object file; %NULL with @error set when content.db cannot be read. */
GHashTable *
_gcm_store_read_item_media (GcmStore  *self,
                            sqlite3   *content,
                            gint64     item_rowid,
                            GError   **error)
{
  g_autoptr(GHashTable) media_files = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, g_free);
  g_autoptr(sqlite3_stmt) media = NULL;

  media = gcm_sqlite_prepare (content, "SELECT path, sha256 FROM item_media WHERE item = ?1",
                              "Cannot read the item's media", error);
  if (media == NULL)
    return NULL;
  sqlite3_bind_int64 (media, 1, item_rowid);
  while (sqlite3_step (media) == SQLITE_ROW)
    {
      const char *sha256 = (const char *) sqlite3_column_text (media, 1);

      if (gcm_sha256_is_valid (sha256))
        g_hash_table_insert (media_files, gcm_sqlite_dup_text (media, 0),
                             gcm_store_dup_object_path (self, sha256));
    }
  return g_steal_pointer (&media_files);
}

/* (element-type GcmQuizQuestion): the questions of the quiz item @json, in @lang where they are
 * translated; ids and fingerprints stay the original's, so answers never depend on the
 * language. %NULL with @error set when it has none that can be read. */
GPtrArray *
_gcm_store_read_quiz_questions (const char  *json,
                                const char  *title,
                                const char  *lang,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) questions = NULL;
  JsonNode *root;
  JsonArray *list = NULL;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    list = gcm_json_get_array (json_node_get_object (root), "questions");
  if (list == NULL)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_CORRUPT,
                   _("The quiz “%s” has no questions."), title);
      return NULL;
    }
  questions = gcm_quiz_question_list_from_json (list, error);
  if (questions == NULL)
    return NULL;
  return gcm_quiz_question_list_localize (questions, json, lang);
}

/* Fills a fresh content.db beside @db from objects/ and copies it over @db page by page, so
 * every open connection to content.db sees the new file rather than a deleted one. */
static gboolean
fill_and_copy (GcmStore    *self,
               const char  *path,
               sqlite3     *db,
               GError     **error)
{
  g_autoptr(GError) restore_error = NULL;
  g_autoptr(sqlite3) fresh = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!(fresh = open_db (path, FALSE, error)) || !create_content_schema (fresh, error))
    return FALSE;
  if (!gcm_importer_restore (self, fresh, &restore_error))
    g_debug ("content.db rebuilt empty: %s", restore_error->message);

  if (!(backup = sqlite3_backup_init (db, "main", fresh, "main")))
    {
      gcm_sqlite_set_error (error, db, "Cannot rebuild content.db");
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Cannot rebuild content.db");
      return FALSE;
    }
  return TRUE;
}

gboolean
_gcm_store_rebuild_content (GcmStore  *self,
                            sqlite3   *db,
                            GError   **error)
{
  g_autofree char *path = g_strconcat (self->content_path, ".rebuild", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean ok;

  g_unlink (path);
  ok = fill_and_copy (self, path, db, error);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return ok;
}

/**
 * gcm_store_repair_content:
 * @repaired: (out): set to %TRUE when content.db was damaged and has been rebuilt
 *
 * Call after a read of content.db failed with %GCM_STORE_ERROR_CORRUPT ("database disk image is
 * malformed"): when PRAGMA integrity_check confirms the damage, content.db is rebuilt from
 * objects/ with the installed content, and #GcmStore::content-changed is emitted. Blocking.
 */
gboolean
gcm_store_repair_content (GcmStore  *self,
                          gboolean  *repaired,
                          GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GCM_IS_STORE (self), FALSE);

  if (repaired != NULL)
    *repaired = FALSE;
  if (!_gcm_store_content_is_corrupt (self->content_db, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->read_only_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->read_only_error));
      return FALSE;
    }
  g_debug ("content.db is damaged; rebuilding it from objects/");
  if (!_gcm_store_rebuild_content (self, self->content_db, error))
    return FALSE;
  if (repaired != NULL)
    *repaired = TRUE;
  gcm_store_content_changed (self);
  return TRUE;
}

/* The rollback floor */

#define FLOOR_GROUP "Feed"

void
gcm_feed_floor_clear (GcmFeedFloor *floor)
{
  g_clear_pointer (&floor->feed, g_free);
  g_clear_pointer (&floor->manifest_sha256, g_free);
  floor->highest_serial = 0;
  floor->newest_generated = 0;
}

/**
 * gcm_store_read_feed_floor:
 *
 * Reads feed-state; a missing file is an empty floor. A file that cannot be read is an error:
 * a lost floor would let an older feed back in.
 */
gboolean
gcm_store_read_feed_floor (GcmStore      *self,
                           GcmFeedFloor  *floor,
                           GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha = NULL;

  g_return_val_if_fail (GCM_IS_STORE (self), FALSE);

  memset (floor, 0, sizeof *floor);
  if (!g_file_test (self->floor_path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_key_file_load_from_file (file, self->floor_path, G_KEY_FILE_NONE, &local_error) &&
      (floor->feed = g_key_file_get_string (file, FLOOR_GROUP, "Id", &local_error)) != NULL)
    {
      floor->highest_serial = g_key_file_get_int64 (file, FLOOR_GROUP, "HighestSerial", &local_error);
      if (local_error == NULL)
        floor->newest_generated = g_key_file_get_int64 (file, FLOOR_GROUP, "NewestGenerated",
                                                        &local_error);
      sha = g_key_file_get_string (file, FLOOR_GROUP, "Manifest", NULL);
      if (sha != NULL && gcm_sha256_is_valid (sha))
        floor->manifest_sha256 = g_steal_pointer (&sha);
    }
  if (local_error != NULL)
    {
      g_debug ("%s: %s", self->floor_path, local_error->message);
      gcm_feed_floor_clear (floor);
      set_sentence (error, GCM_STORE_ERROR_CORRUPT,
                    _("The app’s record of the newest content it has seen, %s, is damaged. "
                      "Move it away and try again."), self->floor_path);
      return FALSE;
    }
  return TRUE;
}

/* Written whole to a temporary file, synced and renamed, so a crash leaves the old or the new
 * floor and never a torn one. */
gboolean
gcm_store_write_feed_floor (GcmStore            *self,
                            const GcmFeedFloor  *floor,
                            GError             **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (GCM_IS_STORE (self), FALSE);
  g_return_val_if_fail (floor->feed != NULL, FALSE);

  g_key_file_set_string (file, FLOOR_GROUP, "Id", floor->feed);
  g_key_file_set_int64 (file, FLOOR_GROUP, "HighestSerial", floor->highest_serial);
  g_key_file_set_int64 (file, FLOOR_GROUP, "NewestGenerated", floor->newest_generated);
  if (floor->manifest_sha256 != NULL)
    g_key_file_set_string (file, FLOOR_GROUP, "Manifest", floor->manifest_sha256);
  data = g_key_file_to_data (file, &length, NULL);
  if (!g_file_set_contents_full (self->floor_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;
  /* The rename is durable once the folder is synced. */
  fd = open (self->directory, O_RDONLY | O_DIRECTORY);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}
