/* test-store.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmStore on real SQLite files: a new data folder, user.db migrations that keep the user's rows
 * and a backup, a user.db from a newer app refused untouched, and content.db rebuilt when its
 * schema is not the app's. Each test has its own XDG folders (G_TEST_OPTION_ISOLATE_DIRS).
 */

#define G_LOG_DOMAIN "TestStore"

#include <glib/gstdio.h>
#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-store.h"
#include "gcm-test-utils.h"

typedef struct
{
  char *tmp;
  char *dir;        /* $XDG_DATA_HOME/green-customs-manual */
  char *content;
  char *user;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own XDG folders. */
  fixture->tmp = gcm_test_make_tmpdir ("store");
  fixture->dir = gcm_store_dup_default_directory ();
  fixture->content = g_build_filename (fixture->dir, "content.db", NULL);
  fixture->user = g_build_filename (fixture->dir, "user.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gcm_test_rm_rf (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->dir);
  g_free (fixture->content);
  g_free (fixture->user);
}

static GcmStore *
store_new_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GcmStore *store = gcm_store_new (fixture->dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gboolean
has_column (const char *path,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')"
                                          " WHERE name = '%s'", table, column);
  return gcm_test_sql_int (path, sql) == 1;
}

static gboolean
has_table (const char *path,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'",
                                          table);
  return gcm_test_sql_int (path, sql) == 1;
}

/* The version-1 user.db of the first release, with a learner's rows. */
static void
make_user_db_v1 (const char *path)
{
  exec_sql (path,
            "CREATE TABLE bookmark (item_id TEXT PRIMARY KEY, created INTEGER NOT NULL);"
            "CREATE TABLE progress (item_id TEXT PRIMARY KEY, position REAL NOT NULL DEFAULT 0,"
            "  updated INTEGER NOT NULL);"
            "INSERT INTO bookmark VALUES ('manual/basel/scope', 1700000001);"
            "INSERT INTO bookmark VALUES ('case/2017-busan-ivory-transhipment', 1700000002);"
            "INSERT INTO progress VALUES ('manual/basel/scope', 0.5, 1700000003);"
            "INSERT INTO progress VALUES ('procedure/fumigated-container', 1.0, 1700000004);"
            "PRAGMA user_version = 1;");
}

/* A new data folder */

static void
test_new (Fixture       *fixture,
          gconstpointer  user_data)
{
  GcmStore *store;
  g_autofree char *objects = g_build_filename (fixture->dir, "objects", NULL);
  g_autofree char *backup = g_strconcat (fixture->user, ".v0.bak", NULL);

  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  store = store_new_ok (fixture);

  g_assert_cmpstr (gcm_store_get_directory (store), ==, fixture->dir);
  g_assert_cmpstr (gcm_store_get_content_path (store), ==, fixture->content);
  g_assert_cmpstr (gcm_store_get_user_path (store), ==, fixture->user);
  g_assert_cmpstr (gcm_store_get_objects_path (store), ==, objects);
  g_assert_false (g_str_has_prefix (fixture->dir, g_get_home_dir ()));
  g_assert_true (g_file_test (fixture->content, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (fixture->user, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (objects, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (gcm_store_get_serial (store), ==, 0);

  /* WAL mode, and the schema versions, as a second connection sees them. */
  g_assert_cmpstr (gcm_test_sql_text (fixture->content, "PRAGMA journal_mode"), ==, "wal\n");
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "PRAGMA journal_mode"), ==, "wal\n");
  g_assert_cmpint (gcm_test_sql_int (fixture->content, "PRAGMA user_version"), ==,
                   GCM_CONTENT_SCHEMA_VERSION);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "PRAGMA user_version"), ==, 4);

  /* The tables each file promises. */
  g_assert_true (has_table (fixture->content, "item"));
  g_assert_true (has_table (fixture->content, "feed_state"));
  g_assert_true (has_table (fixture->content, "item_fts"));
  g_assert_true (has_table (fixture->user, "bookmark"));
  g_assert_true (has_table (fixture->user, "note"));
  g_assert_true (has_table (fixture->user, "quiz_attempt"));
  g_assert_true (has_table (fixture->user, "quiz_answer"));
  g_assert_false (has_table (fixture->content, "bookmark"));
  g_assert_false (has_table (fixture->user, "item"));

  /* A fresh folder is not a migration: no backup. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (store);
}

/* Reopening keeps what the user wrote, and makes no backup. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  user_data)
{
  GcmStore *store = store_new_ok (fixture);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                 "INSERT INTO bookmark (item_id, created, title)"
                                 " VALUES ('quiz/basel', 5, 'Basel quiz')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  store = store_new_ok (fixture);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT item_id, created, title FROM bookmark"),
                   ==, "quiz/basel|5|Basel quiz\n");
  g_assert_finalize_object (store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".bak"));
}

/* user.db of version 1: rows kept, new columns and tables added, a backup left. */
static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *backup = g_strconcat (fixture->user, ".v1.bak", NULL);
  GcmStore *store;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  make_user_db_v1 (fixture->user);

  store = store_new_ok (fixture);

  g_assert_cmpint (gcm_test_sql_int (fixture->user, "PRAGMA user_version"), ==, 4);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user,
                                      "SELECT item_id, created, title FROM bookmark ORDER BY created"),
                   ==,
                   "manual/basel/scope|1700000001|\n"
                   "case/2017-busan-ivory-transhipment|1700000002|\n");
  g_assert_cmpstr (gcm_test_sql_text (fixture->user,
                                      "SELECT item_id, position, updated, title, completed"
                                      " FROM progress ORDER BY updated"),
                   ==,
                   "manual/basel/scope|0.5|1700000003||0\n"
                   "procedure/fumigated-container|1.0|1700000004||0\n");
  g_assert_true (has_table (fixture->user, "note"));
  g_assert_true (has_table (fixture->user, "quiz_attempt"));
  g_assert_true (has_table (fixture->user, "quiz_answer"));

  /* The migrated database is usable: a note on a bookmarked item. */
  g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                 "INSERT INTO note (item_id, text, created, updated)"
                                 " VALUES ('manual/basel/scope', 'check Annex IX', 1, 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* The copy taken before the migration is the old database, whole. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (gcm_test_sql_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_false (has_column (backup, "bookmark", "title"));
  g_assert_true (has_column (fixture->user, "bookmark", "title"));
  g_assert_cmpstr (gcm_test_sql_text (backup, "SELECT * FROM bookmark ORDER BY created"), ==,
                   "manual/basel/scope|1700000001\n"
                   "case/2017-busan-ivory-transhipment|1700000002\n");
  g_assert_cmpstr (gcm_test_sql_text (backup, "SELECT * FROM progress ORDER BY updated"), ==,
                   "manual/basel/scope|0.5|1700000003\n"
                   "procedure/fumigated-container|1.0|1700000004\n");
  g_assert_finalize_object (store);

  /* A second start migrates nothing and keeps the note. */
  store = store_new_ok (fixture);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM note"), ==, 1);
  g_assert_finalize_object (store);
}

/* A failed migration step leaves version 1 and its rows as they were. */
static void
test_migrate_failure (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmStore) store = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  make_user_db_v1 (fixture->user);
  /* Something else already created a "note" table: step 2 cannot run. */
  exec_sql (fixture->user, "CREATE TABLE note (x);");
  before = gcm_test_sql_dump (fixture->user, "SELECT * FROM bookmark ORDER BY created");

  store = gcm_store_new (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);

  g_assert_cmpint (gcm_test_sql_int (fixture->user, "PRAGMA user_version"), ==, 1);
  g_assert_false (has_column (fixture->user, "bookmark", "title"));
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT * FROM bookmark ORDER BY created"), ==,
                   before);
}

/* A user.db written by a newer app is refused, and not changed by the refusal. */
static void
test_newer_user_db (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = g_strconcat (fixture->user, ".v99.bak", NULL);
  gsize before_len = 0, after_len = 0;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  exec_sql (fixture->user,
            "CREATE TABLE bookmark (item_id TEXT PRIMARY KEY, created INTEGER NOT NULL,"
            "  title TEXT NOT NULL DEFAULT '', folder TEXT);"
            "CREATE TABLE highlight (id INTEGER PRIMARY KEY, item_id TEXT, text TEXT);"
            "INSERT INTO bookmark VALUES ('manual/cites/appendices', 7, 'The Appendices', 'x');"
            "INSERT INTO highlight VALUES (1, 'manual/cites/appendices', 'Appendix I');"
            "PRAGMA user_version = 99;");
  before = gcm_test_read_file (fixture->user, &before_len);

  store = gcm_store_new (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer"));

  after = gcm_test_read_file (fixture->user, &after_len);
  g_assert_cmpmem (after, after_len, before, before_len);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "PRAGMA user_version"), ==, 99);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT * FROM highlight"), ==,
                   "1|manual/cites/appendices|Appendix I\n");
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

/* content.db of another schema version is derived data: it is rebuilt, user.db is untouched. */
static void
test_content_rebuilt (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const int versions[] = { GCM_CONTENT_SCHEMA_VERSION + 1, 99, -1 };
  GcmStore *store = store_new_ok (fixture);

  g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                 "INSERT INTO bookmark (item_id, created) VALUES ('quiz/cites', 3)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TABLE item;"
                                              "CREATE TABLE item (stale TEXT);"
                                              "INSERT INTO item VALUES ('old');"
                                              "CREATE TABLE leftover (x);"
                                              "PRAGMA user_version = %d;", versions[i]);

      exec_sql (fixture->content, sql);
      g_assert_cmpint (gcm_test_sql_int (fixture->content, "PRAGMA user_version"), ==, versions[i]);

      store = store_new_ok (fixture);
      g_assert_cmpint (gcm_test_sql_int (fixture->content, "PRAGMA user_version"), ==,
                       GCM_CONTENT_SCHEMA_VERSION);
      g_assert_false (has_table (fixture->content, "leftover"));
      g_assert_true (has_column (fixture->content, "item", "json"));
      g_assert_cmpint (gcm_test_sql_int (fixture->content, "SELECT count(*) FROM item"), ==, 0);
      g_assert_cmpint (gcm_store_get_serial (store), ==, 0);
      g_assert_cmpstr (gcm_test_sql_text (fixture->content, "PRAGMA journal_mode"), ==, "wal\n");
      g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT item_id, created FROM bookmark"),
                       ==, "quiz/cites|3\n");
      g_assert_finalize_object (store);
    }
}

/* A content.db that is not a database at all is rebuilt too; user.db stays. */
static void
test_content_not_a_database (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GcmStore *store = store_new_ok (fixture);

  g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                 "INSERT INTO bookmark (item_id, created) VALUES ('case/x', 5)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  gcm_test_write_file (fixture->content, "this is not an SQLite database, just text\n", -1);

  store = store_new_ok (fixture);
  g_assert_cmpint (gcm_test_sql_int (fixture->content, "PRAGMA user_version"), ==,
                   GCM_CONTENT_SCHEMA_VERSION);
  g_assert_cmpint (gcm_test_sql_int (fixture->content, "SELECT count(*) FROM item"), ==, 0);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT item_id, created FROM bookmark"),
                   ==, "case/x|5\n");
  g_assert_finalize_object (store);
}

/* Worker connections: read-only ones cannot write, writable ones see the same data. */
static void
test_worker_connections (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GcmStore) store = store_new_ok (fixture);
  g_autoptr(GError) error = NULL;
  sqlite3 *writer, *reader;

  writer = gcm_store_open_content_db (store, FALSE, &error);
  g_assert_no_error (error);
  reader = gcm_store_open_content_db (store, TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (writer,
                                 "INSERT INTO chapter (id, title, ord) VALUES ('basel', 'Basel', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "DELETE FROM chapter", NULL, NULL, NULL), ==,
                   SQLITE_READONLY);
  g_assert_cmpstr (gcm_test_sql_text (fixture->content, "SELECT id FROM chapter"), ==, "basel\n");
  sqlite3_close (writer);
  sqlite3_close (reader);
}

static void
count_cb (GcmStore *store,
          guint    *count)
{
  (*count)++;
}

static void
test_content_changed_signal (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GcmStore) store = store_new_ok (fixture);
  guint count = 0;

  g_signal_connect (store, "content-changed", G_CALLBACK (count_cb), &count);
  gcm_store_content_changed (store);
  g_assert_cmpuint (count, ==, 1);
}

/* A data folder that cannot be created is an error, not a crash. */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->tmp, "a-file", NULL);
  g_autofree char *below = g_build_filename (file, "green-customs-manual", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmStore) store = NULL;

  gcm_test_write_file (file, "not a folder", -1);
  store = gcm_store_new (below, &error);
  g_assert_null (store);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);
}

/* A message for the user: one line, what is wrong and then what to do, in sentences. */
static void
assert_user_message (const char *message)
{
  g_test_message ("%s", message);
  g_assert_true (g_ascii_isupper (message[0]));
  g_assert_true (g_str_has_suffix (message, "."));
  g_assert_null (strchr (message, '\n'));
  g_assert_null (strstr (message, ": "));   /* no "what: SQLite says" detail */
}

/* Broken local state: one sentence naming the file, what is wrong and what to do, and nothing
 * deleted or changed. */
static void
test_broken_state (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *objects = g_build_filename (fixture->dir, "objects", NULL);
  g_autofree char *garbage = g_strdup ("SQLite format 3 — no, just some bytes that are not a database\n");
  g_autofree char *after = NULL;
  gsize after_len = 0;
  GcmStore *store;

  struct {
    const char *what;
    const char *name;
    const char *expect;
  } cases[] = {
    { "content.db is a folder", "content.db", "is a folder, not a database" },
    { "user.db is a folder", "user.db", "is a folder, not a database" },
    { "user.db is garbage", "user.db", "is damaged" },
    { "objects is a file", "objects", "is a file, not a folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmStore) refused = NULL;

      g_test_message ("%s", cases[i].what);
      gcm_test_rm_rf (fixture->dir);
      store = store_new_ok (fixture);
      g_assert_finalize_object (store);
      gcm_test_rm_rf (path);
      if (g_str_equal (cases[i].what, "user.db is garbage") ||
          g_str_equal (cases[i].what, "objects is a file"))
        gcm_test_write_file (path, garbage, -1);
      else
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

      refused = gcm_store_new (fixture->dir, &error);
      g_assert_null (refused);
      g_assert_nonnull (error);
      assert_user_message (error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      g_assert_nonnull (strstr (error->message, "Move it away and start the app again."));

      /* Refusing changed nothing: the folder is still a folder, the garbage still garbage. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          after = gcm_test_read_file (path, &after_len);
          g_assert_cmpmem (after, after_len, garbage, strlen (garbage));
          g_clear_pointer (&after, g_free);
        }
      else
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
    }
  g_assert_true (g_file_test (objects, G_FILE_TEST_EXISTS));
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GcmStore *
open_async (const char  *dir,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gcm_store_new_async (dir, NULL, store_opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gcm_store_new_finish (result, error);
}

/* The window opens the store on a worker: the migration (and its copy of user.db) happens
 * there, and a store that cannot open says why, in the same sentence. */
static void
test_new_async (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *objects = g_build_filename (fixture->dir, "objects", NULL);
  g_autoptr(GError) error = NULL;
  GcmStore *store;

  store = open_async (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_true (GCM_IS_STORE (store));
  g_assert_cmpint (gcm_store_get_serial (store), ==, 0);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "PRAGMA user_version"), ==, "4\n");
  g_assert_finalize_object (store);

  gcm_test_rm_rf (fixture->dir);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  gcm_test_write_file (objects, "not a folder", -1);
  store = open_async (fixture->dir, &error);
  g_assert_null (store);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "is a file, not a folder"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/gcm/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("new", test_new);
  ADD ("reopen", test_reopen);
  ADD ("migrate-v1", test_migrate_v1);
  ADD ("migrate-failure", test_migrate_failure);
  ADD ("newer-user-db", test_newer_user_db);
  ADD ("content-rebuilt", test_content_rebuilt);
  ADD ("content-not-a-database", test_content_not_a_database);
  ADD ("worker-connections", test_worker_connections);
  ADD ("content-changed-signal", test_content_changed_signal);
  ADD ("unwritable", test_unwritable);
  ADD ("broken-state", test_broken_state);
  ADD ("new-async", test_new_async);
#undef ADD

  return g_test_run ();
}
