/* test-crash.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash consistency of an import and of a sync: the real app imports a large feed from a folder
 * (`--import`), or syncs it from nginx on 127.0.0.1 serving it with data/nginx/feed.conf
 * (`--sync`), in a child process that is killed with SIGKILL after a random delay. After each
 * kill, content.db and user.db must pass PRAGMA integrity_check, the content must be entirely
 * the old feed or entirely the new one, every user row (bookmarks, progress, quiz attempts and
 * answers, the review log, checklist ticks) must be there, and the store must open writable;
 * after the last kill, one more run must complete.
 *
 *   test-crash APP                                   a few kills of each, for the test suite
 *   test-crash APP --kills 200 -p /gcm/crash/sync    the benchmark: prints the figures
 */

#define G_LOG_DOMAIN "TestCrash"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include <unistd.h>
#include <utime.h>

#include "gcm-feed.h"
#include "gcm-store.h"
#include "gcm-test-utils.h"

static const char *app_path;
static guint n_kills = 5;
static guint n_sections = 400;

typedef struct
{
  char       *dir;          /* feed folder */
  char       *manifest;     /* the manifest text as published */
  GHashTable *items;        /* id → sha256 */
  gint64      generated;
  gint64      expires;
} Feed;

typedef struct
{
  guint kills;
  guint finished_first;     /* the import ended before the kill came */
  guint old_content;
  guint new_content;
  guint integrity_failures;
  guint mixed;
  guint lost_user_rows;
  guint open_failures;
  guint next_completed;     /* the run after the kill installed the new feed */
} Figures;

static void
feed_clear (Feed *feed)
{
  g_free (feed->dir);
  g_free (feed->manifest);
  g_clear_pointer (&feed->items, g_hash_table_unref);
}

static void
feed_load (Feed       *feed,
           const char *dir,
           GPtrArray  *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) opened = gcm_feed_open (dir, keys, &error);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GcmManifest *manifest;

  g_assert_no_error (error);
  manifest = gcm_feed_get_manifest (opened);
  feed->dir = g_strdup (dir);
  feed->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      g_hash_table_insert (feed->items, g_strdup (item->id), g_strdup (item->sha256));
    }
  feed->generated = gcm_feed_get_comment (opened)->generated;
  feed->expires = gcm_feed_get_comment (opened)->expires;
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", gcm_feed_get_comment (opened)->serial);
  path = g_build_filename (dir, "v1", "manifests", name, NULL);
  feed->manifest = gcm_test_read_file (path, NULL);
}

/* Makes @serial the current manifest of @feed, signed with the real minisign: a rollback-safe
 * "next" feed with the same items. */
static void
feed_resign (Feed       *feed,
             const char *secret_key,
             gint64      serial)
{
  g_autoptr(GString) text = g_string_new (feed->manifest);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", serial);
  g_autofree char *path = g_build_filename (feed->dir, "v1", "manifests", name, NULL);
  g_autofree char *sig = g_strconcat (path, ".minisig", NULL);
  g_autofree char *current = g_build_filename (feed->dir, "v1", "current.minisig", NULL);
  g_autofree char *replacement = g_strdup_printf ("\"serial\" : %" G_GINT64_FORMAT ",", serial);
  g_autofree char *comment = NULL;
  g_autofree char *signature = NULL;
  gsize length = 0;
  GRegex *regex = g_regex_new ("\"serial\" : [0-9]+,", 0, 0, NULL);
  char *edited = g_regex_replace_literal (regex, text->str, -1, 0, replacement,
                                          G_REGEX_MATCH_DEFAULT, NULL);

  g_regex_unref (regex);
  g_string_assign (text, edited);
  g_free (edited);
  comment = g_strdup_printf ("feed:%s\tserial:%" G_GINT64_FORMAT "\tgenerated:%" G_GINT64_FORMAT
                             "\texpires:%" G_GINT64_FORMAT "\tsize:%" G_GSIZE_FORMAT "\tformat:1",
                             "org.greencustoms.test/en", serial, feed->generated, feed->expires,
                             text->len);
  gcm_test_write_file (path, text->str, text->len);
  gcm_test_sign (secret_key, path, sig, comment, FALSE);
  signature = gcm_test_read_file (sig, &length);
  gcm_test_write_file (current, signature, length);
  /* nginx's ETag is the mtime and size: pointers of one size written within a second must
   * still differ, or the sync would rightly hear "not modified". One mtime for each serial. */
  {
    struct utimbuf times = { .actime = feed->generated, .modtime = 1700000000 + serial };
    g_assert_cmpint (g_utime (current, &times), ==, 0);
  }
}

static gboolean
integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  ok = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  ok = ok && sqlite3_exec (db, "INSERT INTO item_fts (item_fts) VALUES ('integrity-check');",
                           NULL, NULL, NULL) != SQLITE_CORRUPT;
  sqlite3_close (db);
  return ok;
}

/* Whether content.db holds exactly @feed's items, each with its hash. */
static gboolean
content_is (const char *content,
            Feed       *feed)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  gboolean same = TRUE;

  g_assert_cmpint (sqlite3_open_v2 (content, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, sha256 FROM item", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (same && sqlite3_step (stmt) == SQLITE_ROW)
    {
      n++;
      same = g_strcmp0 (g_hash_table_lookup (feed->items, sqlite3_column_text (stmt, 0)),
                        (const char *) sqlite3_column_text (stmt, 1)) == 0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return same && n == g_hash_table_size (feed->items);
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  return gcm_test_sql_int (path, sql);
}

/* How the app takes in the next feed. */
typedef struct
{
  const char *public_key;
  char       *www;          /* NULL: --import of the feed's folder; else nginx's root, for --sync */
  char       *url;
} Way;

/* What nginx serves: @feed's v1/, swapped in whole. */
static void
serve (Way  *way,
       Feed *feed)
{
  g_autofree char *v1 = g_build_filename (feed->dir, "v1", NULL);
  g_autofree char *link = g_build_filename (way->www, "v1", NULL);
  g_autofree char *tmp = g_build_filename (way->www, "v1.new", NULL);

  g_unlink (tmp);
  g_assert_cmpint (symlink (v1, tmp), ==, 0);
  g_assert_cmpint (g_rename (tmp, link), ==, 0);
}

/* Runs the app's --import or --sync of @feed; with @kill_after_us >= 0, kills it with SIGKILL
 * after that long. Returns TRUE if the app ran to its end first. */
static gboolean
run_app (const char * const *envp,
         Way                *way,
         Feed               *feed,
         gint64              kill_after_us)
{
  const char *import_argv[] = { app_path, "--import", feed->dir, "--trust-key", way->public_key, NULL };
  const char *sync_argv[] = { app_path, "--sync", "--feed", way->url, "--trust-key", way->public_key, NULL };
  const char **argv = way->www != NULL ? sync_argv : import_argv;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;

  if (way->www != NULL)
    serve (way, feed);
  g_assert_true (g_spawn_async (NULL, (char **) argv, (char **) envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  if (kill_after_us >= 0)
    {
      gint64 end = g_get_monotonic_time () + kill_after_us;
      pid_t reaped = 0;

      while ((reaped = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < end)
        g_usleep (MIN (1000, MAX (0, end - g_get_monotonic_time ())));
      if (reaped == pid)
        return WIFEXITED (status) && WEXITSTATUS (status) == 0;
      kill (pid, SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (kill_after_us < 0 && !(WIFEXITED (status) && WEXITSTATUS (status) == 0))
    g_error ("the %s of %s failed", argv[1], feed->dir);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
run_kills (gboolean by_sync)
{
  g_autofree char *tmp = gcm_test_make_tmpdir ("crash");
  g_autofree char *home = g_build_filename (tmp, "home", NULL);
  g_autofree char *keys_dir = g_build_filename (tmp, "no-keys", NULL);
  g_autofree char *data = g_build_filename (home, "green-customs-manual", NULL);
  g_autofree char *content = g_build_filename (data, "content.db", NULL);
  g_autofree char *user = g_build_filename (data, "user.db", NULL);
  g_autofree char *public_key = NULL, *secret_key = NULL;
  g_autofree char *source_a = NULL, *source_b = NULL;
  g_autofree char *dir_a = g_build_filename (tmp, "feed-a", NULL);
  g_autofree char *dir_b = g_build_filename (tmp, "feed-b", NULL);
  g_autofree char *user_rows = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *user_sql = "SELECT 'b', item_id, created, title FROM bookmark"
                         " UNION ALL SELECT 'p', item_id, position, updated FROM progress"
                         " UNION ALL SELECT 'q', quiz_id, started, score FROM quiz_attempt"
                         " UNION ALL SELECT 'a', question_id, answer, correct FROM quiz_answer"
                         " UNION ALL SELECT 'r', question_id, reviewed, grade FROM review_log"
                         " UNION ALL SELECT 't', step_id, step_fingerprint, ticked FROM checklist_tick"
                         " ORDER BY 1, 2";
  Way way = { 0 };
  GPid nginx = 0;
  const char *what = by_sync ? "--sync" : "--import";
  Feed a = { 0 }, b = { 0 };
  Feed *installed = &a;
  Figures figures = { 0 };
  gint64 serial, duration;

  if (app_path == NULL)
    {
      g_test_skip ("needs the app: test-crash APP");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (keys_dir, 0700), ==, 0);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "GCM_KEYS_DIR", keys_dir, TRUE);
  envp = g_environ_setenv (envp, "G_DEBUG", "", TRUE);

  /* Two large feeds that differ in every generated item. */
  gcm_test_make_keys (tmp, &public_key, &secret_key);
  way.public_key = public_key;
  g_ptr_array_add (keys, gcm_minisign_key_new_from_file (public_key, &error));
  g_assert_no_error (error);
  source_a = gcm_test_make_large_source (tmp, "source-a", n_sections, "walrus");
  source_b = gcm_test_make_large_source (tmp, "source-b", n_sections, "narwhal");
  g_assert_cmpint (gcm_test_publish_full (source_a, dir_a, secret_key, 1, NULL), ==, 0);
  g_assert_cmpint (gcm_test_publish_full (source_b, dir_b, secret_key, 2, NULL), ==, 0);
  feed_load (&a, dir_a, keys);
  feed_load (&b, dir_b, keys);
  if (by_sync)
    {
      g_autofree char *nginx_dir = g_build_filename (tmp, "nginx", NULL);
      guint port;

      way.www = g_build_filename (tmp, "www", NULL);
      g_assert_cmpint (g_mkdir_with_parents (way.www, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (nginx_dir, 0700), ==, 0);
      nginx = gcm_test_start_nginx (nginx_dir, way.www, NULL, &port);
      way.url = g_strdup_printf ("http://127.0.0.1:%u", port);
    }

  /* Feed A installed, with the user's rows beside it. */
  run_app ((const char * const *) envp, &way, &a, -1);
  {
    g_autoptr(GcmStore) store = gcm_store_new (data, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                   "INSERT INTO bookmark (item_id, created, title)"
                                   "  VALUES ('manual/alpha/first', 1, 'First section');"
                                   "INSERT INTO bookmark (item_id, created, title)"
                                   "  VALUES ('manual/alpha/generated-0007', 2, 'Generated');"
                                   "INSERT INTO progress (item_id, position, updated, title)"
                                   "  VALUES ('manual/alpha/first', 0.25, 3, 'First section');"
                                   "INSERT INTO progress (item_id, position, updated, title)"
                                   "  VALUES ('quiz/ivory', 1.0, 4, 'Ivory quiz');"
                                   "INSERT INTO quiz_attempt (id, quiz_id, started, finished, score,"
                                   "  total, seed, content_serial, title)"
                                   "  VALUES (1, 'quiz/ivory', 5, 6, 2, 3, 42, 1, 'Ivory quiz');"
                                   "INSERT INTO quiz_answer (attempt, question_id, answer, correct,"
                                   "  fingerprint, elapsed_ms, answered)"
                                   "  VALUES (1, 'q1', 'b', 1, 'f1', 1200, 6);"
                                   "INSERT INTO review_log (quiz_id, question_id, fingerprint,"
                                   "  reviewed, grade) VALUES ('quiz/ivory', 'q1', 'f1', 6, 3);"
                                   "INSERT INTO checklist_tick (procedure_id, step_id,"
                                   "  step_fingerprint, ticked)"
                                   "  VALUES ('procedure/spill', 'isolate', 'f2', 7);",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  user_rows = gcm_test_sql_dump (user, user_sql);
  g_assert_true (content_is (content, &a));

  /* How long one full run takes, to spread the kills over it: B over A, then A over B timed.
   * A sync downloads A's items again, as the objects only B used went after B's apply. */
  {
    gint64 start;

    feed_resign (&b, secret_key, 2);
    run_app ((const char * const *) envp, &way, &b, -1);
    g_assert_true (content_is (content, &b));
    start = g_get_monotonic_time ();
    feed_resign (&a, secret_key, 3);
    run_app ((const char * const *) envp, &way, &a, -1);
    duration = g_get_monotonic_time () - start;
    g_assert_true (content_is (content, &a));
    installed = &a;
    g_test_message ("one %s of %u items takes %.0f ms", what, g_hash_table_size (b.items),
                    duration / 1000.0);
  }

  for (guint k = 0; k < n_kills; k++)
    {
      Feed *next = installed == &a ? &b : &a;
      /* Over the whole run: a killed run is slower than the timed one, as it starts from
       * wherever the kill before left it. */
      gint64 delay = g_rand_int_range (rand, 0, (gint32) MIN (G_MAXINT32, duration));
      g_autofree char *rows = NULL;
      gboolean whole_old, whole_new;

      serial = sql_int (content, "SELECT highest_serial FROM feed_state") + 1;
      feed_resign (next, secret_key, serial);
      if (run_app ((const char * const *) envp, &way, next, delay))
        figures.finished_first++;
      figures.kills++;

      if (!integrity_ok (content) || !integrity_ok (user))
        {
          figures.integrity_failures++;
          g_test_message ("kill %u after %.0f ms: integrity check failed", k, delay / 1000.0);
          continue;
        }
      whole_old = content_is (content, installed) &&
                  sql_int (content, "SELECT serial FROM feed_state") == serial - 1;
      whole_new = content_is (content, next) &&
                  sql_int (content, "SELECT serial FROM feed_state") == serial;
      if (whole_new)
        figures.new_content++, installed = next;
      else if (whole_old)
        figures.old_content++;
      else
        {
          figures.mixed++;
          g_test_message ("kill %u after %.0f ms: neither old nor new content", k, delay / 1000.0);
        }
      rows = gcm_test_sql_dump (user, user_sql);
      if (!g_str_equal (rows, user_rows))
        figures.lost_user_rows++;

      /* The next start opens the data folder normally, and the next run completes. */
      {
        g_autoptr(GError) open_error = NULL;
        g_autoptr(GcmStore) store = gcm_store_new (data, &open_error);

        if (store == NULL || gcm_store_is_read_only (store))
          figures.open_failures++;
      }
      if (installed != next)
        {
          run_app ((const char * const *) envp, &way, next, -1);
          if (content_is (content, next) &&
              sql_int (content, "SELECT serial FROM feed_state") == serial)
            figures.next_completed++, installed = next;
        }
      else
        figures.next_completed++;
    }

  g_test_message ("%u kills over %.0f ms %s runs of %u items: %u ended before the kill, "
                  "%u left the old content, %u the new; %u integrity failures, %u mixed states, "
                  "%u lost user rows, %u failed reopens; the next run completed %u times",
                  figures.kills, duration / 1000.0, what, g_hash_table_size (b.items),
                  figures.finished_first, figures.old_content, figures.new_content,
                  figures.integrity_failures, figures.mixed, figures.lost_user_rows,
                  figures.open_failures, figures.next_completed);
  if (n_kills >= 20)
    g_print ("%s: kills %u over %.0f ms runs of %u items, ended first %u, old %u, new %u, "
             "integrity failures %u, mixed %u, lost user rows %u, failed reopens %u, "
             "next run completed %u\n",
             what, figures.kills, duration / 1000.0, g_hash_table_size (b.items),
             figures.finished_first, figures.old_content, figures.new_content,
             figures.integrity_failures, figures.mixed, figures.lost_user_rows,
             figures.open_failures, figures.next_completed);

  g_assert_cmpuint (figures.integrity_failures, ==, 0);
  g_assert_cmpuint (figures.mixed, ==, 0);
  g_assert_cmpuint (figures.lost_user_rows, ==, 0);
  g_assert_cmpuint (figures.open_failures, ==, 0);
  g_assert_cmpuint (figures.next_completed, ==, figures.kills);

  if (nginx != 0)
    gcm_test_stop_server (nginx);
  g_free (way.www);
  g_free (way.url);
  feed_clear (&a);
  feed_clear (&b);
  gcm_test_rm_rf (tmp);
}

static void
test_import_kills (void)
{
  run_kills (FALSE);
}

static void
test_sync_kills (void)
{
  run_kills (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--kills") && i + 1 < argc)
        n_kills = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--sections") && i + 1 < argc)
        n_sections = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else
        app_path = argv[i];
    }

  g_test_add_func ("/gcm/crash/import", test_import_kills);
  g_test_add_func ("/gcm/crash/sync", test_sync_kills);
  return g_test_run ();
}
