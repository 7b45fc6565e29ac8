/* test-sync.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync with headquarters against real servers on 127.0.0.1: nginx with data/nginx/feed.conf
 * for the good paths (first sync, an incremental one, a 304, a resumed download) and for feeds
 * that are wrong in their content; tests/sync-fault-server.py for servers that misbehave. Every
 * refusal is checked for its sentence and for content.db's items and user.db left byte for byte
 * as they were. Feeds are made by the real publisher and signed by the real minisign. A disk that
 * fills up in the middle of a download is a real small tmpfs, filled by the fault server.
 */

#define G_LOG_DOMAIN "TestSync"

#define _GNU_SOURCE   /* unshare() */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "gcm-changes.h"
#include "gcm-importer.h"
#include "gcm-sync-job.h"
#include "gcm-sync-service.h"
#include "gcm-test-utils.h"

#define FEED_ID "org.greencustoms.test/en"

/* Made once for every test */
static struct
{
  char  *dir;
  char  *source2;       /* the fixture source with a new case and an edited section */
  char  *public_key;
  char  *secret_key;
  char  *other_public_key;
  char  *other_secret_key;
  char  *feed10;        /* the installed content of most tests */
  char  *feed11;        /* feed10 plus one new case */
  char  *feed20;        /* source2: what the faulty servers serve */
  char  *feed_big;      /* feed10 plus one section larger than the transport's write buffer */
  char  *feed_large;    /* 400 more sections, for the crash test */
  const char *app;      /* the app, for the crash test */
  char  *www;           /* nginx's root */
  char  *access_log;
  GPid   nginx;
  guint  nginx_port;
  GPid   faults;
  guint  faults_port;
  gboolean can_mount;   /* this process has mounts of its own, for a small tmpfs */
} env;

typedef struct
{
  GcmStore *store;
  GcmTrust *trust;
  char     *items_before;
  char     *user_before;
  gsize     user_before_len;
  char     *disk;       /* a small tmpfs holding the data folder, or NULL */
} Fixture;

/* Servers */

/* A test that fails aborts; the servers must not outlive it, holding meson's pipes. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
start_nginx (void)
{
  env.access_log = g_build_filename (env.dir, "access.log", NULL);
  env.nginx = gcm_test_start_nginx (env.dir, env.www, env.access_log, &env.nginx_port);
}

static void
start_fault_server (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "sync-fault-server.py", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, env.dir, NULL };
  char line[32] = { 0 };
  int out = -1;
  gssize n;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                            G_SPAWN_STDERR_TO_DEV_NULL,
                            die_with_parent, NULL, &env.faults, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* The whole first line, which may come in more than one write. */
  for (gsize got = 0; got < sizeof line - 1 && strchr (line, '\n') == NULL; got += (gsize) n)
    {
      n = read (out, line + got, sizeof line - 1 - got);
      g_assert_cmpint (n, >, 0);
    }
  close (out);
  env.faults_port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (env.faults_port, >, 0);
  g_assert_true (gcm_test_port_answers (env.faults_port));
}

/* Feeds */

static char *
publish (const char *source,
         const char *name,
         const char *secret_key,
         gint64      serial)
{
  char *output = g_build_filename (env.dir, name, NULL);
  g_autofree char *standard_error = NULL;

  if (gcm_test_publish_full (source, output, secret_key, serial, &standard_error) != 0)
    g_error ("publishing failed: %s", standard_error);
  return output;
}

static char *
manifest_path (const char *feed,
               gint64      serial)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", serial);
  return g_build_filename (feed, "v1", "manifests", name, NULL);
}

/* Signs the manifest of serial 20 of @feed again with @comment_format, where %s is the size. */
static void
resign (const char *feed,
        const char *comment_format)
{
  g_autofree char *manifest = manifest_path (feed, 20);
  g_autofree char *sig = g_strconcat (manifest, ".minisig", NULL);
  g_autofree char *current = g_build_filename (feed, "v1", "current.minisig", NULL);
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *signature = NULL;
  gsize length;

  text = gcm_test_read_file (manifest, &length);
  size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
  comment = g_strdup_printf (comment_format, size);
  gcm_test_sign (env.secret_key, manifest, sig, comment, FALSE);
  signature = gcm_test_read_file (sig, &length);
  gcm_test_write_file (current, signature, length);
}

static char *
comment_of (const char *feed)
{
  g_autofree char *current = g_build_filename (feed, "v1", "current.minisig", NULL);
  g_autofree char *text = gcm_test_read_file (current, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strdup (lines[2] + strlen ("trusted comment: "));
}

/* A copy of feed20 under @name, its manifest edited by @find → @replace and signed again. */
static char *
edited_copy (const char *name,
             const char *find,
             const char *replace)
{
  char *copy = g_build_filename (env.dir, name, NULL);
  g_autofree char *manifest = manifest_path (copy, 20);
  g_autofree char *comment = comment_of (env.feed20);
  g_autoptr(GString) format = g_string_new (comment);
  char *size = strstr (format->str, "size:");

  gcm_test_copy_tree (env.feed20, copy);
  if (find != NULL)
    gcm_test_edit_file (manifest, find, replace);
  /* "size:1234\tformat:1" → "size:%s\tformat:1" */
  g_string_truncate (format, size - format->str);
  g_string_append (format, "size:%s\tformat:1");
  resign (copy, format->str);
  return copy;
}

static void
serve (const char *feed)
{
  g_autofree char *from = g_build_filename (feed, "v1", NULL);
  g_autofree char *to = g_build_filename (env.www, "v1", NULL);

  g_autofree char *current = g_build_filename (to, "current.minisig", NULL);
  static gint64 generation = 1700000000;
  struct utimbuf times;

  gcm_test_rm_rf (to);
  gcm_test_copy_tree (from, to);
  /* nginx's ETag is the mtime and size: two pointers of one size copied within a second would
   * share it, where a real publisher's are hours apart. */
  times.actime = times.modtime = generation++;
  g_assert_cmpint (utime (current, &times), ==, 0);
}

static char *
nginx_url (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u", env.nginx_port);
}

static guint
count_log_lines_now (const char *needle)
{
  g_autofree char *log = gcm_test_read_file (env.access_log, NULL);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

/* nginx logs a request after its answer has gone out: wait until the log catches up. */
static guint
count_log_lines (const char *needle)
{
  guint n = 0, previous = G_MAXUINT;

  for (guint i = 0; i < 20 && (n == 0 || n != previous); i++)
    {
      previous = n;
      g_usleep (25 * 1000);
      n = count_log_lines_now (needle);
    }
  return n;
}

static void
clear_log (void)
{
  /* nginx keeps the file open and appends: truncating it is enough. */
  g_assert_cmpint (truncate (env.access_log, 0), ==, 0);
}

/* Fixture */

/* The store in @data_dir, and trust in the test key. */
static void
open_store (Fixture    *fixture,
            const char *data_dir)
{
  g_autoptr(GError) error = NULL;

  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  fixture->trust = gcm_trust_new_by_key ();
  g_assert_true (gcm_trust_add_key_file (fixture->trust, env.public_key, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *data_dir = gcm_store_dup_default_directory ();

  open_store (fixture, data_dir);
}

/* A worker's task may let go of its object just after its answer arrived. */
static void
wait_for_last_ref (gpointer object)
{
  for (guint i = 0; i < 100 && G_OBJECT (object)->ref_count > 1; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  wait_for_last_ref (fixture->store);
  g_assert_finalize_object (fixture->store);
  gcm_trust_unref (fixture->trust);
  g_free (fixture->items_before);
  g_free (fixture->user_before);
}

/* The data folder on a tmpfs of its own, env.dir/disk, where the fault server's "fill" mode
 * writes its filler. Without the right to mount, the store is where fixture_set_up() puts it and
 * the test skips. */
static void
disk_set_up (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *disk = g_build_filename (env.dir, "disk", NULL);
  g_autofree char *data_dir = g_build_filename (disk, "green-customs-manual", NULL);

  if (!env.can_mount || !gcm_test_mount_tmpfs (disk, 32 * 1024 * 1024))
    {
      fixture_set_up (fixture, user_data);
      return;
    }
  fixture->disk = g_steal_pointer (&disk);
  open_store (fixture, data_dir);
}

static void
disk_tear_down (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture_tear_down (fixture, user_data);
  if (fixture->disk != NULL)
    {
      gcm_test_umount (fixture->disk);
      gcm_test_rm_rf (fixture->disk);
      g_free (fixture->disk);
    }
}

static GcmSyncReport *
sync_with (Fixture       *fixture,
           const char    *url,
           GcmSyncStats  *stats,
           GError       **error)
{
  return gcm_sync_job_run (fixture->store, url, fixture->trust, NULL, NULL, stats, NULL, error);
}

static GcmSyncReport *
sync_ok (Fixture      *fixture,
         const char   *url,
         GcmSyncStats *stats)
{
  g_autoptr(GError) error = NULL;
  GcmSyncReport *report = sync_with (fixture, url, stats, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
dump_items (Fixture *fixture)
{
  return gcm_test_sql_dump (gcm_store_get_content_path (fixture->store),
                            "SELECT id, kind, version, sha256, title, body, json FROM item ORDER BY id");
}

/* Installs feed10 from its folder and remembers content.db's items and user.db's bytes. */
static void
install_base (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_importer_import_trusted (fixture->store, env.feed10, fixture->trust, NULL,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->items_before = dump_items (fixture);
  /* user.db whole in its main file: another process's checkpoint must not look like a write. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (gcm_store_get_user_path (fixture->store), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE);", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }
  fixture->user_before = gcm_test_read_file (gcm_store_get_user_path (fixture->store),
                                             &fixture->user_before_len);
}

static void
assert_unchanged (Fixture *fixture)
{
  g_autofree char *items = dump_items (fixture);
  g_autofree char *user = NULL;
  gsize user_len;

  g_assert_cmpstr (items, ==, fixture->items_before);
  g_assert_cmpint (gcm_test_sql_int (gcm_store_get_content_path (fixture->store),
                                     "SELECT serial FROM feed_state"), ==, 10);
  user = gcm_test_read_file (gcm_store_get_user_path (fixture->store), &user_len);
  g_assert_cmpmem (user, user_len, fixture->user_before, fixture->user_before_len);
}

/* Whatever a refused sync kept in objects/ is whole: each file holds what its name says. */
static void
assert_objects_whole (Fixture *fixture)
{
  const char *objects = gcm_store_get_objects_path (fixture->store);
  g_autoptr(GDir) dir = g_dir_open (objects, 0, NULL);
  const char *prefix;

  while (dir != NULL && (prefix = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (objects, prefix, NULL);
      g_autoptr(GDir) inner = g_dir_open (folder, 0, NULL);
      const char *name;

      while (inner != NULL && (name = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *contents = NULL;
          g_autofree char *sha256 = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
          g_assert_cmpstr (sha256, ==, name);
        }
    }
}

static void
assert_refused (Fixture    *fixture,
                const char *url,
                const char *sentence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSyncReport) report = sync_with (fixture, url, NULL, &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, sentence);
  assert_unchanged (fixture);
  assert_objects_whole (fixture);
}

/* The good paths, on nginx */

static void
test_first_sync (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *url = nginx_url ();
  g_autoptr(GcmSyncReport) report = NULL;
  guint added = 0;

  serve (env.feed10);
  report = sync_ok (fixture, url, NULL);
  g_assert_false (report->up_to_date);
  g_assert_cmpint (report->serial, ==, 10);
  for (guint i = 0; i < GCM_ITEM_KIND_COUNT; i++)
    added += report->added[i];
  g_assert_cmpuint (added, ==, 5);
  g_assert_cmpuint (report->added[GCM_ITEM_KIND_CASE], ==, 1);
  g_assert_cmpint (gcm_test_sql_int (gcm_store_get_content_path (fixture->store),
                                     "SELECT count(*) FROM item"), ==, 5);
  /* A download leaves no parts and no staging feed behind. */
  {
    g_autofree char *staging = g_build_filename (gcm_store_get_directory (fixture->store),
                                                 "staging", NULL);
    g_assert_true (gcm_test_dir_is_empty (staging));
  }
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *url = nginx_url ();
  g_autoptr(GcmSyncReport) first = NULL;
  g_autoptr(GcmSyncReport) report = NULL;

  serve (env.feed10);
  first = sync_ok (fixture, url, NULL);
  serve (env.feed11);
  clear_log ();
  report = sync_ok (fixture, url, NULL);
  g_assert_cmpint (report->serial, ==, 11);
  g_assert_cmpuint (report->added[GCM_ITEM_KIND_CASE], ==, 1);
  g_assert_cmpuint (report->added[GCM_ITEM_KIND_SECTION], ==, 0);
  g_assert_cmpuint (report->removed, ==, 0);
  g_assert_cmpstr (report->added_ids[0], ==, "case/2026-new-route");
  g_assert_null (report->added_ids[1]);
  /* Only the new case's object crossed the network. */
  g_assert_cmpuint (count_log_lines ("GET /v1/objects/"), ==, 1);
  g_assert_cmpstr (gcm_test_sql_text (gcm_store_get_content_path (fixture->store),
                                      "SELECT item_id || ' ' || change FROM change_log"), ==,
                   "case/2026-new-route 0\n");
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *url = nginx_url ();
  g_autoptr(GcmSyncReport) first = NULL;
  g_autoptr(GcmSyncReport) report = NULL;
  GcmSyncStats stats = { 0 };

  serve (env.feed10);
  first = sync_ok (fixture, url, NULL);
  clear_log ();
  report = sync_ok (fixture, url, &stats);
  g_assert_true (report->up_to_date);
  g_assert_cmpint (report->serial, ==, 10);
  /* One conditional request, answered 304, and nothing else. */
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.bytes_received, <=, 1024);
  g_assert_cmpuint (count_log_lines ("\"GET /v1/current.minisig HTTP/1.1\" 304"), ==, 1);
  g_assert_cmpuint (count_log_lines ("GET"), ==, 1);
}

/* The largest object of feed10, half of it left as a part by a sync that was cut. */
static char *
leave_half_part (Fixture  *fixture,
                 char    **object_out)
{
  g_autoptr(GcmFeed) feed = gcm_feed_open_with_trust (env.feed10, fixture->trust, NULL);
  GcmManifest *manifest = gcm_feed_get_manifest (feed);
  GcmManifestItem *largest = NULL;
  g_autofree char *object = NULL;
  g_autofree char *data = NULL;
  g_autofree char *staging = g_build_filename (gcm_store_get_directory (fixture->store), "staging",
                                               NULL);
  g_autofree char *name = NULL;
  char *part;
  gsize length;

  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      if (largest == NULL || item->size > largest->size)
        largest = item;
    }
  object = gcm_feed_build_object_path (env.feed10, largest->sha256);
  data = gcm_test_read_file (object, &length);
  name = g_strconcat (largest->sha256, ".part", NULL);
  g_mkdir_with_parents (staging, 0700);
  part = g_build_filename (staging, name, NULL);
  gcm_test_write_file (part, data, length / 2);
  *object_out = g_strdup (largest->sha256);
  return part;
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *url = nginx_url ();
  g_autofree char *sha256 = NULL;
  g_autofree char *part = leave_half_part (fixture, &sha256);
  g_autofree char *needle = NULL;
  g_autoptr(GcmSyncReport) report = NULL;

  serve (env.feed10);
  clear_log ();
  report = sync_ok (fixture, url, NULL);
  g_assert_cmpint (report->serial, ==, 10);
  /* The rest only, by a Range request nginx answered 206. */
  needle = g_strdup_printf ("%s HTTP/1.1\" 206", sha256);
  g_assert_cmpuint (count_log_lines (needle), ==, 1);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

/* A download cut short keeps what came, each part a true start of its object, and the next
 * sync picks up from there. */
static void
test_cut_then_resume (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *cut = g_strdup_printf ("http://127.0.0.1:%u/truncate/feed20", env.faults_port);
  g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u/plain/feed20", env.faults_port);
  g_autofree char *staging = g_build_filename (gcm_store_get_directory (fixture->store), "staging",
                                               NULL);
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint kept = 0;

  install_base (fixture);
  assert_refused (fixture, cut,
                  "The download from headquarters was cut off before it was complete, so the update was not installed; try again to resume it.");

  dir = g_dir_open (staging, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sha256 = g_strndup (name, strcspn (name, "."));
      g_autofree char *part_path = g_build_filename (staging, name, NULL);
      g_autofree char *object_path = NULL;
      g_autofree char *part = NULL, *object = NULL;
      gsize part_length, object_length;

      if (!g_str_has_suffix (name, ".part") || strlen (sha256) != 64)
        continue;
      object_path = gcm_feed_build_object_path (env.feed20, sha256);
      part = gcm_test_read_file (part_path, &part_length);
      object = gcm_test_read_file (object_path, &object_length);
      if (part_length == 0)
        continue;
      g_assert_cmpuint (part_length, <, object_length);
      g_assert_cmpmem (part, part_length, object, part_length);
      kept++;
    }
  g_assert_cmpuint (kept, >, 0);

  report = sync_ok (fixture, plain, NULL);
  g_assert_cmpint (report->serial, ==, 20);
}

/* A server that ignores Range: the object is fetched whole again. */
static void
test_resume_ignored (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *part = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/range-ignore/feed20", env.faults_port);
  g_autoptr(GcmSyncReport) report = NULL;

  install_base (fixture);
  part = leave_half_part (fixture, &sha256);
  /* feed10's largest object is in objects/ now; remove it so feed20 needs it. */
  {
    g_autofree char *kept = gcm_store_dup_object_path (fixture->store, sha256);
    g_unlink (kept);
  }
  report = sync_ok (fixture, url, NULL);
  g_assert_cmpint (report->serial, ==, 20);
}

static void
test_redirect_allowed (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/redirect-ok/feed20", env.faults_port);
  g_autoptr(GcmSyncReport) report = NULL;

  install_base (fixture);
  report = sync_ok (fixture, url, NULL);
  g_assert_cmpint (report->serial, ==, 20);
}

/* Refusals */

typedef struct
{
  const char *name;
  const char *fault;      /* a mode of sync-fault-server.py, or NULL: nginx */
  char       *feed;       /* for nginx a path; for the fault server a folder name in env.dir */
  const char *sentence;
} Refusal;

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  const Refusal *refusal = user_data;
  g_autofree char *url = NULL;

  install_base (fixture);
  if (refusal->fault != NULL)
    url = g_strdup_printf ("http://127.0.0.1:%u/%s/%s", env.faults_port, refusal->fault,
                           refusal->feed != NULL ? refusal->feed : "feed20");
  else
    {
      serve (refusal->feed);
      url = nginx_url ();
    }
  assert_refused (fixture, url, refusal->sentence);
}

static void
test_url_refused (Fixture       *fixture,
                  gconstpointer  user_data)
{
  install_base (fixture);
  assert_refused (fixture, "http://192.0.2.1/feed",
                  "The headquarters address “http://192.0.2.1/feed” is not a secure https address, so nothing was downloaded.");
  assert_refused (fixture, "ftp://example.org/feed",
                  "The headquarters address “ftp://example.org/feed” is not a secure https address, so nothing was downloaded.");
}

static void
test_local_folder (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GcmSyncReport) report = NULL;

  install_base (fixture);
  report = sync_ok (fixture, env.feed20, NULL);
  g_assert_cmpint (report->serial, ==, 20);
  g_assert_cmpuint (report->added[GCM_ITEM_KIND_CASE], ==, 1);
}

/* The service */

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  guint      finished;
  gboolean   saw_downloading;
  GThread   *main_thread;
} ServiceState;

static void
service_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ServiceState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSyncReport) report = gcm_sync_service_sync_finish (GCM_SYNC_SERVICE (object),
                                                                  result, &error);

  g_assert_no_error (error);
  g_assert_cmpint (report->serial, ==, 20);
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
state_notify_cb (GcmSyncService *service,
                 GParamSpec     *pspec,
                 ServiceState   *state)
{
  /* Properties change on the main thread only. */
  g_assert_true (g_thread_self () == state->main_thread);
  if (gcm_sync_service_get_state (service) == GCM_SYNC_STATE_DOWNLOADING)
    state->saw_downloading = TRUE;
}

static void
finished_cb (GcmSyncService *service,
             GcmSyncReport  *report,
             ServiceState   *state)
{
  state->finished++;
}

static void
test_service (Fixture       *fixture,
              gconstpointer  user_data)
{
  GcmSyncService *service = gcm_sync_service_new (fixture->store, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/plain/feed20", env.faults_port);
  g_autofree char *pub = gcm_test_read_file (env.public_key, NULL);
  g_autoptr(GError) error = NULL;
  ServiceState state = { g_main_loop_new (NULL, FALSE), 2, 0, FALSE, g_thread_self () };

  install_base (fixture);
  gcm_sync_service_set_feed_url (service, url);
  g_assert_cmpstr (gcm_sync_service_get_feed_url (service), ==, url);
  g_assert_false (gcm_sync_service_add_trusted_key (service, "not a key", &error));
  g_clear_error (&error);
  g_assert_true (gcm_sync_service_add_trusted_key (service, pub, &error));
  g_assert_no_error (error);
  g_signal_connect (service, "notify::state", G_CALLBACK (state_notify_cb), &state);
  g_signal_connect (service, "finished", G_CALLBACK (finished_cb), &state);

  /* A second request joins the first: one sync, two answers. */
  gcm_sync_service_sync_async (service, NULL, service_done_cb, &state);
  gcm_sync_service_sync_async (service, NULL, service_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_cmpuint (state.finished, ==, 1);
  g_assert_true (state.saw_downloading);
  g_assert_cmpint (gcm_sync_service_get_state (service), ==, GCM_SYNC_STATE_IDLE);
  g_assert_cmpfloat (gcm_sync_service_get_progress (service), ==, 1.0);
  g_assert_cmpint (gcm_sync_service_get_last_success (service), >, 0);
  g_assert_null (gcm_sync_service_get_last_error (service));
  g_main_loop_unref (state.loop);
  wait_for_last_ref (service);
  g_assert_finalize_object (service);
}

static void
cancelled_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **out = user_data;
  g_autoptr(GcmSyncReport) report = gcm_sync_service_sync_finish (GCM_SYNC_SERVICE (object),
                                                                  result, out);

  g_assert_null (report);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled in the middle of a download that stalls: stopped at once, not at the time-out. */
static void
test_service_cancel (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GcmSyncService *service = gcm_sync_service_new (fixture->store, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/stall/feed20", env.faults_port);
  g_autofree char *pub = gcm_test_read_file (env.public_key, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  install_base (fixture);
  gcm_sync_service_set_feed_url (service, url);
  g_assert_true (gcm_sync_service_add_trusted_key (service, pub, NULL));
  gcm_sync_service_sync_async (service, cancellable, cancelled_done_cb, &error);
  g_timeout_add (300, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "The update from headquarters was cancelled, so nothing was installed.");
  g_assert_cmpint (gcm_sync_service_get_state (service), ==, GCM_SYNC_STATE_FAILED);
  g_assert_cmpstr (gcm_sync_service_get_last_error (service), ==, error->message);
  assert_unchanged (fixture);
  wait_for_last_ref (service);
  g_assert_finalize_object (service);
}

/* With settings: a check at once when automatic checks start, from the "feed-url" setting. */
static void
test_service_automatic (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.greencustoms.Manual");
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/plain/feed20", env.faults_port);
  g_autofree char *pub = gcm_test_read_file (env.public_key, NULL);
  const char *keys[] = { pub, NULL };
  GcmSyncService *service;
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  ServiceState state = { NULL, 0, 0, FALSE, g_thread_self () };

  if (!g_network_monitor_get_network_available (monitor) ||
      g_network_monitor_get_network_metered (monitor))
    {
      g_test_skip ("this computer reports no unmetered network");
      return;
    }
  install_base (fixture);
  g_settings_set_string (settings, "feed-url", url);
  g_settings_set_strv (settings, "trusted-keys", keys);
  g_settings_set_boolean (settings, "sync-automatic", TRUE);
  g_settings_set_int64 (settings, "last-sync", 0);
  service = gcm_sync_service_new (fixture->store, settings);
  g_assert_cmpstr (gcm_sync_service_get_feed_url (service), ==, url);
  g_signal_connect (service, "finished", G_CALLBACK (finished_cb), &state);
  gcm_sync_service_start_automatic (service);
  while (state.finished == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (gcm_test_sql_int (gcm_store_get_content_path (fixture->store),
                                     "SELECT serial FROM feed_state"), ==, 20);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-sync"), >, 0);
  g_object_run_dispose (G_OBJECT (service));
  wait_for_last_ref (service);
  g_assert_finalize_object (service);
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gcm_store_list_changes_finish (GCM_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GcmChange *change;

  install_base (fixture);
  report = sync_ok (fixture, env.feed20, NULL);
  gcm_store_list_changes_async (fixture->store, 10, NULL, changes_cb, &changes);
  while (changes == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* feed20 adds a case and rewrites a section. */
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->item_id, ==, "case/2026-new-route");
  g_assert_cmpint (change->change, ==, GCM_CHANGE_ADDED);
  g_assert_cmpint (change->serial, ==, 20);
  g_assert_cmpstr (change->title, ==, "A new route through the test port");
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->change, ==, GCM_CHANGE_UPDATED);
  g_assert_cmpstr (change->kind, ==, "section");
}

/* A file of @age seconds. */
static void
write_aged (const char *path,
            gint64      age)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct utimbuf times;

  g_mkdir_with_parents (dir, 0700);
  gcm_test_write_file (path, "left over", -1);
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static gboolean
all_objects_kept (Fixture    *fixture,
                  const char *sha_lines)
{
  g_auto(GStrv) shas = g_strsplit (sha_lines, "\n", -1);

  for (guint i = 0; shas[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (shas[i][0] == '\0')
        continue;
      path = gcm_store_dup_object_path (fixture->store, shas[i]);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return FALSE;
    }
  return TRUE;
}

/* Objects no snapshot refers to go: old ones at start-up, all of them after an apply; parts
 * older than a day too. What the installed snapshot and its manifest use stays. */
static void
test_collect_objects (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *staging = g_build_filename (gcm_store_get_directory (fixture->store),
                                               "staging", NULL);
  g_autofree char *stale_part = g_build_filename (staging, "old.part", NULL);
  g_autofree char *fresh_part = g_build_filename (staging, "new.part", NULL);
  g_autofree char *stale_object = gcm_store_dup_object_path (fixture->store,
    "abababababababababababababababababababababababababababababababab");
  g_autofree char *fresh_object = gcm_store_dup_object_path (fixture->store,
    "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
  g_autofree char *stale_copy = NULL;
  g_autofree char *old_items = NULL;
  g_autofree char *new_items = NULL;
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old_shas = NULL;
  const char *content = NULL;
  const char *items_sql = "SELECT sha256 FROM item UNION SELECT sha256 FROM item_media"
                          " UNION SELECT manifest_sha256 FROM feed_state ORDER BY 1";
  guint gone = 0;

  install_base (fixture);
  content = gcm_store_get_content_path (fixture->store);
  old_items = g_strdup (gcm_test_sql_text (content, items_sql));
  g_assert_true (all_objects_kept (fixture, old_items));
  write_aged (stale_part, 2 * 24 * 60 * 60);
  write_aged (fresh_part, 60);
  write_aged (stale_object, 8 * 24 * 60 * 60);
  write_aged (fresh_object, 60);
  stale_copy = g_strconcat (stale_object, ".part", NULL);
  write_aged (stale_copy, 2 * 24 * 60 * 60);

  /* At start-up: only what is older than a week (objects) or a day (parts). */
  g_assert_cmpint (gcm_importer_collect_objects (fixture->store, 7 * 24 * 60 * 60, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale_object, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_part, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_object, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_part, G_FILE_TEST_EXISTS));
  g_assert_true (all_objects_kept (fixture, old_items));

  /* After an apply: everything the new snapshot does not use, fresh or not. */
  report = sync_ok (fixture, env.feed20, NULL);
  g_assert_cmpint (report->serial, ==, 20);
  new_items = g_strdup (gcm_test_sql_text (content, items_sql));
  g_assert_true (all_objects_kept (fixture, new_items));
  g_assert_false (g_file_test (fresh_object, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_part, G_FILE_TEST_EXISTS));
  old_shas = g_strsplit (old_items, "\n", -1);
  for (guint i = 0; old_shas[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *line = g_strconcat (old_shas[i], "\n", NULL);

      if (old_shas[i][0] == '\0' || strstr (new_items, line) != NULL)
        continue;
      path = gcm_store_dup_object_path (fixture->store, old_shas[i]);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      gone++;
    }
  /* The rewritten section and the old manifest. */
  g_assert_cmpuint (gone, >=, 2);

  /* What is left still rebuilds the content when content.db is lost. */
  {
    g_autofree char *dir = g_strdup (gcm_store_get_directory (fixture->store));
    g_autofree char *path = g_strdup (content);
    const char *suffixes[] = { "", "-wal", "-shm" };

    g_assert_finalize_object (fixture->store);
    fixture->store = NULL;
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
    fixture->store = gcm_store_new (dir, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 20);
    g_assert_cmpstr (gcm_test_sql_text (path, items_sql), ==, new_items);
  }
}

/* SIGKILL of the real app's --sync at random points: what is installed afterwards is always one
 * whole snapshot, old or new, user.db is untouched, and the next sync completes. */
static void
test_crash (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *url = nginx_url ();
  const char *content;
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *standard_error = NULL;
  const char *argv[] = { env.app, "--sync", "--feed", url, "--trust-key", env.public_key, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", g_get_user_data_dir (),
                                         TRUE);
  gint64 large_items;
  int exit_status = -1;

  if (env.app == NULL)
    {
      g_test_skip ("the app was not given");
      return;
    }
  install_base (fixture);
  content = gcm_store_get_content_path (fixture->store);
  serve (env.feed_large);
  {
    g_autoptr(GcmFeed) feed = gcm_feed_open_with_trust (env.feed_large, fixture->trust, NULL);
    large_items = gcm_feed_get_manifest (feed)->items->len;
  }

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GError) error = NULL;
      guint delay = (guint) g_rand_int_range (rand, 5, 400);
      gint64 serial, items;
      GPid pid;
      int status;

      g_spawn_async (NULL, (char **) argv, envp,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (delay * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      serial = gcm_test_sql_int (content, "SELECT serial FROM feed_state");
      items = gcm_test_sql_int (content, "SELECT count(*) FROM item");
      g_test_message ("killed after %u ms: serial %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " items",
                      delay, serial, items);
      g_assert_cmpstr (gcm_test_sql_text (content, "PRAGMA integrity_check"), ==, "ok\n");
      if (serial == 10)
        {
          g_autofree char *now = dump_items (fixture);
          g_assert_cmpstr (now, ==, fixture->items_before);
        }
      else
        {
          g_assert_cmpint (serial, ==, 30);
          g_assert_cmpint (items, ==, large_items);
        }
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &standard_error, &exit_status, NULL));
  if (!g_spawn_check_wait_status (exit_status, NULL))
    g_error ("the sync after the kills failed: %s", standard_error);
  g_assert_cmpint (gcm_test_sql_int (content, "SELECT serial FROM feed_state"), ==, 30);
  g_assert_cmpint (gcm_test_sql_int (content, "SELECT count(*) FROM item"), ==, large_items);
  {
    g_autofree char *user = NULL;
    gsize user_len;
    user = gcm_test_read_file (gcm_store_get_user_path (fixture->store), &user_len);
    g_assert_cmpmem (user, user_len, fixture->user_before, fixture->user_before_len);
  }
}

/* A disk that fills up in the middle of a download: the data folder is on a 32 MiB tmpfs, with
 * room enough for the free-space check before the download, and the server fills that disk while
 * it sends the first object. Writing the download then fails with ENOSPC, and the sync must say
 * that the disk is full, keep content.db's items and user.db as they were, and leave nothing
 * that stops the next sync once space is freed. */
typedef struct
{
  const char *feed;     /* a folder of env.dir */
  const char *new_id;   /* an item it adds to feed10 */
  gboolean    large;    /* the item is larger than the transport's write buffer, 1 MiB */
} DiskFill;

/* One object larger than the write buffer: written out by the write callback as it comes. */
static const DiskFill fill_large = { "feed-big", "manual/beta/big", TRUE };
/* Small objects only: each kept in memory until whole, and written out by the verifier. */
static const DiskFill fill_small = { "feed20", "case/2026-new-route", FALSE };

static void
test_disk_fills (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const DiskFill *fill = user_data;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/fill/%s", env.faults_port, fill->feed);
  g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u/plain/%s", env.faults_port,
                                            fill->feed);
  g_autofree char *filler = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *user = NULL;
  g_autofree char *count_sql = NULL;
  g_autoptr(GcmSyncReport) report = NULL;
  gsize user_len;

  if (fixture->disk == NULL)
    {
      g_test_skip ("needs a small tmpfs for a disk that fills up, and this process may not mount");
      return;
    }
  if (fill->large)
    {
      g_autofree char *feed_dir = g_build_filename (env.dir, fill->feed, NULL);
      g_autoptr(GcmFeed) feed = gcm_feed_open_with_trust (feed_dir, fixture->trust, NULL);
      GcmManifestItem *item = gcm_manifest_find_item (gcm_feed_get_manifest (feed), fill->new_id);

      g_assert_cmpint (item->size, >, 1024 * 1024);
    }
  install_base (fixture);
  filler = g_build_filename (fixture->disk, "filler", NULL);
  staging = g_build_filename (gcm_store_get_directory (fixture->store), "staging", NULL);
  g_test_message ("%" G_GUINT64_FORMAT " bytes free before the sync",
                  gcm_test_free_space (fixture->disk));

  assert_refused (fixture, url,
                  "There is not enough free disk space for the update from headquarters, so it was not installed.");
  /* The server did fill the disk, after the check for free space. */
  g_assert_true (g_file_test (filler, G_FILE_TEST_IS_REGULAR));
  g_test_message ("%" G_GUINT64_FORMAT " bytes free after the refusal",
                  gcm_test_free_space (fixture->disk));
  g_assert_cmpuint (gcm_test_free_space (fixture->disk), <, 256 * 1024);

  /* Space freed, the same update goes in: what the refused one left does not stand in its way. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  report = sync_ok (fixture, plain, NULL);
  g_assert_cmpint (report->serial, ==, 20);
  g_assert_cmpstr (report->added_ids[0], ==, fill->new_id);
  count_sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = '%s'", fill->new_id);
  g_assert_cmpint (gcm_test_sql_int (gcm_store_get_content_path (fixture->store), count_sql), ==, 1);
  g_assert_true (gcm_test_dir_is_empty (staging));
  assert_objects_whole (fixture);
  user = gcm_test_read_file (gcm_store_get_user_path (fixture->store), &user_len);
  g_assert_cmpmem (user, user_len, fixture->user_before, fixture->user_before_len);
}

/* Setup of the feeds */

static const char new_case[] =
  "---\n"
  "id: case/2026-new-route\n"
  "title: A new route through the test port\n"
  "summary: A shipment of refrigerant declared as spare parts.\n"
  "conventions: [montreal]\n"
  "date: \"2026-03\"\n"
  "place: Test port\n"
  "commodity: HCFC-22 cylinders\n"
  "quantity: \"40 cylinders\"\n"
  "modus_operandi:\n"
  "  - Declared as spare parts\n"
  "risk_indicators:\n"
  "  - New consignee\n"
  "sources: [S1]\n"
  "photos:\n"
  "  - file: cases/seizure.svg\n"
  "    caption: The cylinders in the container.\n"
  "    credit: Test Customs\n"
  "    licence: CC-BY-4.0\n"
  "---\n"
  "\n"
  "The officers checked the cylinders' labels against the licence.\n";

/* feed10's @source and one section of 1.25 MiB, of ordinary words: its search index is not
 * much larger than its text. */
static char *
make_big_source (const char *source)
{
  static const char * const sentences[] = {
    "The officers checked the seals and the labels of every container against the declaration.",
    "Cylinders of refrigerant declared as spare parts were weighed at the port.",
    "A licence from the exporting country was missing for the consignment in transit.",
    "The vessel's manifest named another consignee than the import declaration.",
  };
  char *big = g_build_filename (env.dir, "source-big", NULL);
  g_autofree char *path = g_build_filename (big, "sections", "beta", "03-big.md", NULL);
  g_autoptr(GString) text = g_string_new ("---\n"
                                          "id: manual/beta/big\n"
                                          "title: A long section\n"
                                          "summary: A section larger than a write buffer.\n"
                                          "conventions: [basel]\n"
                                          "sources: [S1]\n"
                                          "---\n"
                                          "\n"
                                          "## Inspection\n\n");

  gcm_test_copy_tree (source, big);
  for (guint i = 0; text->len < 5 * 1024 * 1024 / 4; i++)
    g_string_append_printf (text, "%s%s", sentences[i % G_N_ELEMENTS (sentences)],
                            i % 5 == 4 ? "\n\n" : " ");
  gcm_test_write_file (path, text->str, text->len);
  return big;
}

static void
make_feeds (void)
{
  g_autofree char *fixture_source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min",
                                                           NULL);
  g_autofree char *source = g_build_filename (env.dir, "source", NULL);
  g_autofree char *source11 = g_build_filename (env.dir, "source11", NULL);
  g_autofree char *case_path = NULL;
  g_autofree char *other_dir = g_build_filename (env.dir, "other", NULL);
  g_autoptr(GDir) sections = NULL;
  g_autofree char *sections_dir = NULL;
  g_autofree char *source_big = NULL;
  const char *name;

  gcm_test_copy_tree (fixture_source, source);
  gcm_test_make_keys (env.dir, &env.public_key, &env.secret_key);
  g_mkdir_with_parents (other_dir, 0700);
  gcm_test_make_keys (other_dir, &env.other_public_key, &env.other_secret_key);
  env.feed10 = publish (source, "feed10", env.secret_key, 10);
  source_big = make_big_source (source);
  env.feed_big = publish (source_big, "feed-big", env.secret_key, 20);

  gcm_test_copy_tree (source, source11);
  case_path = g_build_filename (source11, "cases", "2026-new-route.md", NULL);
  gcm_test_write_file (case_path, new_case, -1);
  env.feed11 = publish (source11, "feed11", env.secret_key, 11);

  /* source2: the new case and one section rewritten */
  env.source2 = g_build_filename (env.dir, "source2", NULL);
  gcm_test_copy_tree (source11, env.source2);
  sections_dir = g_build_filename (env.source2, "sections", "alpha", NULL);
  sections = g_dir_open (sections_dir, 0, NULL);
  g_assert_nonnull (sections);
  while ((name = g_dir_read_name (sections)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      {
        g_autofree char *path = g_build_filename (sections_dir, name, NULL);
        g_autofree char *text = gcm_test_read_file (path, NULL);
        g_autofree char *edited = g_strconcat (text, "\nA paragraph added in serial 20.\n", NULL);
        gcm_test_write_file (path, edited, -1);
        break;
      }
  env.feed20 = publish (env.source2, "feed20", env.secret_key, 20);

  if (env.app != NULL)
    {
      g_autofree char *large = gcm_test_make_large_source (env.dir, "source-large", 400, "walrus");
      env.feed_large = publish (large, "feed-large", env.secret_key, 30);
    }
}

static GPtrArray *refusals;

static void
refusal_free (Refusal *refusal)
{
  g_free (refusal->feed);
  g_free (refusal);
}

static void
add_refusal (const char *name,
             const char *fault,
             char       *feed,
             const char *sentence)
{
  Refusal *refusal = g_new0 (Refusal, 1);
  g_autofree char *path = g_strconcat ("/sync/refused/", name, NULL);

  refusal->name = name;
  refusal->fault = fault;
  refusal->feed = feed;
  refusal->sentence = sentence;
  g_ptr_array_add (refusals, refusal);
  g_test_add (path, Fixture, refusal, fixture_set_up, test_refused, fixture_tear_down);
}

#define NOT_VERIFIED "The update from headquarters is not in the expected format, so it was not installed."

static void
add_refusals (void)
{
  g_autofree char *comment20 = comment_of (env.feed20);
  char *copy;

  /* Servers that misbehave */
  add_refusal ("truncated", "truncate", NULL,
               "The download from headquarters was cut off before it was complete, so the update was not installed; try again to resume it.");
  add_refusal ("wrong-length", "longer", NULL,
               "The headquarters server sent more data than the update announced, so it was not installed.");
  add_refusal ("wrong-hash", "wronghash", NULL,
               "A file of the update from headquarters was damaged on the way, so the update was not installed.");
  add_refusal ("gzip-bomb", "gzip", NULL,
               "The headquarters server sent more data than the update announced, so it was not installed.");
  add_refusal ("endless", "endless", NULL,
               "The headquarters server sent more data than the update announced, so it was not installed.");
  add_refusal ("stalled", "stall", NULL,
               "The headquarters server stopped sending data, so the update was stopped; try again later.");
  add_refusal ("redirect-file", "redirect-file", NULL,
               "The headquarters server sent the app to an address it may not use, so nothing was installed.");
  add_refusal ("redirect-remote-http", "redirect-remote", NULL,
               "The headquarters server sent the app to an address it may not use, so nothing was installed.");
  add_refusal ("http-404", "status404", NULL,
               "The headquarters server does not have the update files (error 404), so nothing was installed.");
  add_refusal ("http-500", "status500", NULL,
               "The headquarters server answered with an error (500), so nothing was installed; try again later.");
  add_refusal ("http-503", "status503", NULL,
               "The headquarters server answered with an error (503), so nothing was installed; try again later.");

  /* Feeds that are wrong, served by nginx */
  copy = g_build_filename (env.dir, "bad-signature", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  {
    g_autofree char *manifest = manifest_path (copy, 20);
    gcm_test_edit_file (manifest, "\"Test Manual\"", "\"Test Manuel\"");
  }
  add_refusal ("bad-signature", NULL, copy,
               "The signature of the update from headquarters does not match, so it was not installed.");

  add_refusal ("untrusted-key", NULL, publish (env.source2, "untrusted", env.other_secret_key, 20),
               "The update from headquarters is signed by a key this app does not trust, so it was not installed.");

  copy = g_build_filename (env.dir, "tampered-comment", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  {
    g_autofree char *current = g_build_filename (copy, "v1", "current.minisig", NULL);
    gcm_test_edit_file (current, "\texpires:", "\texpires:9");
  }
  add_refusal ("tampered-comment", NULL, copy,
               "The signature of the update from headquarters does not match, so it was not installed.");

  copy = g_build_filename (env.dir, "manifest-larger", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  {
    g_autofree char *manifest = manifest_path (copy, 20);
    gcm_test_edit_file (manifest, "\"format\" : 1,", "\"format\" : 1,            ");
  }
  add_refusal ("manifest-larger", NULL, copy,
               "The headquarters server sent more data than the update announced, so it was not installed.");

  add_refusal ("rollback", NULL, publish (env.source2, "rollback", env.secret_key, 5),
               "The update from headquarters is older than the content you have, so it was not installed.");

  copy = g_build_filename (env.dir, "expired", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  resign (copy, "feed:" FEED_ID "\tserial:20\tgenerated:1000000000\texpires:1000000001\tsize:%s\tformat:1");
  add_refusal ("expired", NULL, copy,
               "The update from headquarters has expired, so it was not installed; headquarters has to publish a fresh one.");
  /* The same feed from a server whose Date is before its expiry: the clock here is wrong. */
  add_refusal ("clock-wrong", "date-2001", g_strdup ("expired"),
               "The update from headquarters looks expired because this computer’s clock seems wrong; correct the date and time, then try again.");

  add_refusal ("min-client", NULL, edited_copy ("min-client", "\"min_client\" : 1", "\"min_client\" : 99"),
               "The update from headquarters needs a newer version of this app, so it was not installed.");

  copy = g_build_filename (env.dir, "other-feed", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  {
    g_autoptr(GString) format = g_string_new (comment20);
    char *size = strstr (format->str, "size:");
    g_string_truncate (format, size - format->str);
    g_string_append (format, "size:%s\tformat:1");
    g_string_replace (format, FEED_ID, "org.example.other/en", 1);
    resign (copy, format->str);
  }
  add_refusal ("other-feed", NULL, copy,
               "The update comes from another content feed than the installed one, so it was not installed.");

  copy = edited_copy ("malformed-json", "\"items\" : [", "\"items\" : [[[");
  add_refusal ("malformed-json", NULL, copy, NOT_VERIFIED);

  add_refusal ("id-dotdot", NULL, edited_copy ("id-dotdot", "\"manual/alpha/first\"", "\"../../etc/passwd\""),
               NOT_VERIFIED);
  add_refusal ("id-absolute", NULL, edited_copy ("id-absolute", "\"manual/alpha/first\"", "\"/etc/passwd\""),
               NOT_VERIFIED);
  add_refusal ("id-nul", NULL, edited_copy ("id-nul", "\"manual/alpha/first\"", "\"manual/alpha\\u0000first\""),
               NOT_VERIFIED);
  {
    g_autofree char *long_id = g_strnfill (10 * 1024, 'a');
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", long_id);
    add_refusal ("id-10k", NULL, edited_copy ("id-10k", "\"manual/alpha/first\"", quoted), NOT_VERIFIED);
  }

  copy = g_build_filename (env.dir, "missing-object", NULL);
  gcm_test_copy_tree (env.feed20, copy);
  {
    g_autoptr(GcmTrust) trust = gcm_trust_new_by_location ();
    g_autoptr(GcmFeed) feed = gcm_feed_open_with_trust (copy, trust, NULL);
    GcmManifestItem *item = gcm_manifest_find_item (gcm_feed_get_manifest (feed), "case/2026-new-route");
    g_autofree char *object = gcm_feed_build_object_path (copy, item->sha256);
    g_assert_cmpint (g_unlink (object), ==, 0);
  }
  add_refusal ("missing-object", NULL, copy,
               "The headquarters server does not have the update files (error 404), so nothing was installed.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Mounts of its own, before anything starts a thread, so that the small disk of
   * /sync/disk-fills-during-download never outlives the test and the fault server, started
   * below, sees it. Only where the process may mount as it is: in the user namespace of
   * gcm_test_enter_mount_namespace() nginx's workers could not drop their groups. */
  env.can_mount = unshare (CLONE_NEWNS) == 0 &&
                  mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  env.app = argc > 1 ? argv[1] : NULL;
  /* A stalled server is given up after two seconds here, not a minute. */
  g_setenv ("GCM_SYNC_LOW_SPEED_TIME", "2", TRUE);
  g_setenv ("GCM_SYNC_CONNECT_TIMEOUT", "3", TRUE);

  env.dir = gcm_test_make_tmpdir ("sync");
  env.www = g_build_filename (env.dir, "www", NULL);
  g_mkdir_with_parents (env.www, 0700);
  make_feeds ();
  start_nginx ();
  start_fault_server ();

  g_test_add ("/sync/first", Fixture, NULL, fixture_set_up, test_first_sync, fixture_tear_down);
  g_test_add ("/sync/incremental", Fixture, NULL, fixture_set_up, test_incremental, fixture_tear_down);
  g_test_add ("/sync/not-modified", Fixture, NULL, fixture_set_up, test_not_modified, fixture_tear_down);
  g_test_add ("/sync/resume", Fixture, NULL, fixture_set_up, test_resume, fixture_tear_down);
  g_test_add ("/sync/resume-ignored", Fixture, NULL, fixture_set_up, test_resume_ignored, fixture_tear_down);
  g_test_add ("/sync/cut-then-resume", Fixture, NULL, fixture_set_up, test_cut_then_resume, fixture_tear_down);
  g_test_add ("/sync/redirect-allowed", Fixture, NULL, fixture_set_up, test_redirect_allowed, fixture_tear_down);
  g_test_add ("/sync/local-folder", Fixture, NULL, fixture_set_up, test_local_folder, fixture_tear_down);
  g_test_add ("/sync/url-refused", Fixture, NULL, fixture_set_up, test_url_refused, fixture_tear_down);
  g_test_add ("/sync/service", Fixture, NULL, fixture_set_up, test_service, fixture_tear_down);
  g_test_add ("/sync/service-cancel", Fixture, NULL, fixture_set_up, test_service_cancel, fixture_tear_down);
  g_test_add ("/sync/service-automatic", Fixture, NULL, fixture_set_up, test_service_automatic, fixture_tear_down);
  g_test_add ("/sync/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);
  g_test_add ("/sync/collect-objects", Fixture, NULL, fixture_set_up, test_collect_objects, fixture_tear_down);
  g_test_add ("/sync/crash", Fixture, NULL, fixture_set_up, test_crash, fixture_tear_down);
  g_test_add ("/sync/disk-fills-during-download", Fixture, &fill_large, disk_set_up,
              test_disk_fills, disk_tear_down);
  g_test_add ("/sync/disk-fills-during-download-small-objects", Fixture, &fill_small, disk_set_up,
              test_disk_fills, disk_tear_down);
  refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) refusal_free);
  add_refusals ();

  status = g_test_run ();

  gcm_test_stop_server (env.nginx);
  gcm_test_stop_server (env.faults);
  gcm_test_rm_rf (env.dir);
  g_ptr_array_unref (refusals);
  g_free (env.dir);
  g_free (env.source2);
  g_free (env.public_key);
  g_free (env.secret_key);
  g_free (env.other_public_key);
  g_free (env.other_secret_key);
  g_free (env.feed10);
  g_free (env.feed11);
  g_free (env.feed20);
  g_free (env.feed_big);
  g_free (env.feed_large);
  g_free (env.www);
  g_free (env.access_log);
  return status;
}
