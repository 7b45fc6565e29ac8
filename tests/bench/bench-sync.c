/* bench-sync.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cost of a sync with headquarters, against nginx on 127.0.0.1 with data/nginx/feed.conf:
 *  - the download phase of a first sync against `curl --parallel` fetching the same files;
 *  - the apply of a sync (the objects downloaded already) against one bare SQLite transaction
 *    inserting the same rows into the same schema, with the same FTS5 indexes filled by its
 *    triggers;
 * each in rounds next to its baseline, reported as medians, since the machine may be busy;
 *  - the bytes and requests of a sync when nothing changed (target: one request, ≤ 1 KiB).
 *
 * bench-sync [--sections N] [--rounds N]
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gcm-importer.h"
#include "gcm-sync-job.h"
#include "gcm-test-utils.h"
#include "gcm-transport.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
add_seconds (GArray *times,
             gint64  start)
{
  double seconds = seconds_since (start);

  g_array_append_val (times, seconds);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2;
}

static char *
list_times (GArray *times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times->len; i++)
    g_string_append_printf (out, "%s%.3f", i ? " " : "", g_array_index (times, double, i));
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GcmTrust) trust = gcm_trust_new_by_key ();
  g_autoptr(GcmFeed) opened = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint sections = 2000;
  gint rounds = 5;
  GOptionEntry entries[] = {
    { "sections", 0, 0, G_OPTION_ARG_INT, &sections, "Generated sections", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of each phase and its baseline", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GcmManifest *manifest;
  guint64 total_bytes = 0;
  guint port;
  GPid nginx;
  g_autoptr(GArray) gcm_download = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_download = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gcm_apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_apply = g_array_new (FALSE, FALSE, sizeof (double));

  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = gcm_test_make_tmpdir ("bench-sync");
  source = gcm_test_make_large_source (dir, "source", (guint) sections, "walrus");
  gcm_test_make_keys (dir, &pub, &key);
  feed = g_build_filename (dir, "feed", NULL);
  if (gcm_test_publish_full (source, feed, key, 10, &standard_error) != 0)
    g_error ("publishing failed: %s", standard_error);
  g_assert_true (gcm_trust_add_key_file (trust, pub, &error));
  nginx = gcm_test_start_nginx (dir, feed, NULL, &port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  opened = gcm_feed_open_with_trust (feed, trust, &error);
  g_assert_no_error (error);
  manifest = gcm_feed_get_manifest (opened);
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      GcmTransportObject *object = g_new0 (GcmTransportObject, 1);
      object->sha256 = item->sha256;
      object->size = item->size;
      total_bytes += item->size;
      g_ptr_array_add (objects, object);
    }
  for (guint i = 0; i < manifest->media->len; i++)
    {
      GcmManifestMedia *media = g_ptr_array_index (manifest->media, i);
      GcmTransportObject *object = g_new0 (GcmTransportObject, 1);
      object->sha256 = media->sha256;
      object->size = media->size;
      total_bytes += media->size;
      g_ptr_array_add (objects, object);
    }

  /* Rounds of each phase, each next to its baseline: the machine may be busy, so the medians
   * are what counts. */
  for (gint round = 0; round < rounds; round++)
    {
      g_autofree char *name = g_strdup_printf ("round-%d", round);
      g_autofree char *round_dir = g_build_filename (dir, name, NULL);
      g_autofree char *store_dir = g_build_filename (round_dir, "store", NULL);
      g_autofree char *staging = g_build_filename (store_dir, "staging", NULL);
      g_autofree char *curl_dir = g_build_filename (round_dir, "curl", NULL);
      g_autofree char *curl_config = g_build_filename (round_dir, "curl.conf", NULL);
      g_autofree char *staged_feed = g_build_filename (round_dir, "feed", NULL);
      g_autofree char *bare_path = g_build_filename (round_dir, "bare-store", NULL);
      g_autoptr(GString) config = g_string_new (NULL);
      g_autoptr(GcmStore) store = NULL;
      g_autoptr(GcmFeed) staged = NULL;
      GcmImportResult result;
      gint64 start;

      g_mkdir_with_parents (curl_dir, 0700);
      store = gcm_store_new (store_dir, &error);
      g_assert_no_error (error);

      /* 1. Download: the transport into the store's objects/, as a sync does, then curl
       * --parallel fetching the same files from the same server. */
      {
        g_autoptr(GcmTransport) transport = gcm_transport_new (url, &error);
        const char *curl_argv[] = { "curl", "--silent", "--parallel", "--parallel-max", "4",
                                    "--config", curl_config, NULL };

        g_assert_no_error (error);
        start = g_get_monotonic_time ();
        g_assert_true (gcm_transport_get_objects (transport, objects, staging,
                                                  gcm_store_get_objects_path (store), NULL, NULL,
                                                  NULL, &error));
        g_assert_no_error (error);
        add_seconds (gcm_download, start);

        for (guint i = 0; i < objects->len; i++)
          {
            GcmTransportObject *object = g_ptr_array_index (objects, i);
            g_string_append_printf (config, "url = \"%s/v1/objects/%.2s/%s\"\noutput = \"%s/%s\"\n",
                                    url, object->sha256, object->sha256, curl_dir, object->sha256);
          }
        gcm_test_write_file (curl_config, config->str, config->len);
        start = g_get_monotonic_time ();
        g_assert_cmpint (gcm_test_run (curl_argv, NULL, NULL), ==, 0);
        add_seconds (curl_download, start);
      }

      /* 2. Apply, as a sync does it: the verified feed whose objects are the store's own,
       * downloaded above. */
      {
        g_autofree char *v1 = g_build_filename (staged_feed, "v1", NULL);
        g_autofree char *link = g_build_filename (v1, "objects", NULL);
        g_autofree char *manifests_from = g_build_filename (feed, "v1", "manifests", NULL);
        g_autofree char *manifests_to = g_build_filename (v1, "manifests", NULL);
        g_autofree char *current_from = g_build_filename (feed, "v1", "current.minisig", NULL);
        g_autofree char *current_to = g_build_filename (v1, "current.minisig", NULL);
        g_autofree char *current = gcm_test_read_file (current_from, NULL);

        g_mkdir_with_parents (v1, 0700);
        gcm_test_copy_tree (manifests_from, manifests_to);
        gcm_test_write_file (current_to, current, -1);
        g_assert_cmpint (symlink (gcm_store_get_objects_path (store), link), ==, 0);
        staged = gcm_feed_open_with_trust (staged_feed, trust, &error);
        g_assert_no_error (error);

        start = g_get_monotonic_time ();
        gcm_importer_apply (store, staged, NULL, NULL, NULL, &result, &error);
        g_assert_no_error (error);
        add_seconds (gcm_apply, start);
        g_assert_cmpuint (result.added, ==, manifest->items->len);
      }

      /* The baseline: the importer's very rows, copied in one transaction into a fresh
       * content.db of the same schema, whose triggers fill the same three FTS5 indexes. */
      {
        g_autoptr(GcmStore) bare = gcm_store_new (bare_path, &error);
        g_autofree char *bare_db = g_build_filename (bare_path, "content.db", NULL);
        g_autofree char *source_db = g_build_filename (store_dir, "content.db", NULL);
        sqlite3 *db = NULL;
        sqlite3 *importer_db = NULL;
        sqlite3_stmt *stmt = NULL;
        sqlite3_stmt *read = NULL;

        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_open_v2 (source_db, &importer_db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_open (bare_db, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (importer_db,
                           "SELECT id, kind, version, lang, sha256, chapter, ord, title, summary,"
                           " conventions, codes, keywords, headings, body, json, other_titles"
                           " FROM item", -1, &read, NULL), ==, SQLITE_OK);
        start = g_get_monotonic_time ();
        sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL);
        g_assert_cmpint (sqlite3_prepare_v2 (db,
                           "INSERT INTO item (id, kind, version, lang, sha256, chapter, ord, title,"
                           " summary, conventions, codes, keywords, headings, body, json, other_titles)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                           -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (read) == SQLITE_ROW)
          {
            for (int c = 0; c < 16; c++)
              sqlite3_bind_value (stmt, c + 1, sqlite3_column_value (read, c));
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            sqlite3_reset (stmt);
          }
        sqlite3_finalize (stmt);
        g_assert_cmpint (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
        add_seconds (bare_apply, start);
        sqlite3_finalize (read);
        sqlite3_close (importer_db);
        sqlite3_close (db);
      }

      g_clear_object (&staged);
      g_clear_object (&store);
      gcm_test_rm_rf (round_dir);
    }

  /* 3. A sync when nothing changed. */
  {
    g_autofree char *store_dir = g_build_filename (dir, "store-sync", NULL);
    g_autoptr(GcmStore) store = gcm_store_new (store_dir, &error);
    g_autoptr(GcmSyncReport) first = NULL;
    g_autoptr(GcmSyncReport) again = NULL;
    GcmSyncStats stats_first = { 0 }, stats = { 0 };
    gint64 start = g_get_monotonic_time ();
    double first_sync;

    g_assert_no_error (error);
    first = gcm_sync_job_run (store, url, trust, NULL, NULL, &stats_first, NULL, &error);
    g_assert_no_error (error);
    first_sync = seconds_since (start);
    again = gcm_sync_job_run (store, url, trust, NULL, NULL, &stats, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (again->up_to_date);

    g_print ("items: %u, media: %u, %" G_GUINT64_FORMAT " bytes of objects\n",
             manifest->items->len, manifest->media->len, total_bytes);
    {
      g_autofree char *t_gcm = list_times (gcm_download), *t_curl = list_times (curl_download);
      g_autofree char *t_apply = list_times (gcm_apply), *t_bare = list_times (bare_apply);
      double m_gcm = median (gcm_download), m_curl = median (curl_download);
      double m_apply = median (gcm_apply), m_bare = median (bare_apply);

      g_print ("download phase, median of %d: transport %.3f s, curl --parallel (4) %.3f s: "
               "%.2f× curl's throughput (target ≥ 0.8×) [transport %s; curl %s]\n",
               rounds, m_gcm, m_curl, m_curl / m_gcm, t_gcm, t_curl);
      g_print ("apply, median of %d: importer %.3f s (verify, text, search indexes), bare SQLite "
               "transaction of the same rows and indexes %.3f s: %.2f× (target ≤ 2×) "
               "[importer %s; bare %s]\n", rounds, m_apply, m_bare, m_apply / m_bare, t_apply,
               t_bare);
    }
    g_print ("first sync end to end: %.3f s, %u requests, %" G_GUINT64_FORMAT " bytes\n",
             first_sync, stats_first.requests, stats_first.bytes_received);
    g_print ("no-change sync: %u request(s), %" G_GUINT64_FORMAT " bytes\n", stats.requests,
             stats.bytes_received);
  }

  gcm_test_stop_server (nginx);
  gcm_test_rm_rf (dir);
  return 0;
}
