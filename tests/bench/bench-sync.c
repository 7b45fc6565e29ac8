/* bench-sync.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cost of a sync with headquarters, against nginx on 127.0.0.1 with data/nginx/feed.conf, on
 * a feed of 10,000 items of which 2,000 are cases with a JPEG photo each, of 50 to 300 KB:
 *  - the download phase of a first sync against `curl --parallel --parallel-max N` fetching the
 *    very same URLs with as many transfers at once as the transport, into the same folder tree
 *    (objects/<aa>/<sha>) on the same disk; the rounds alternate which of the two goes first,
 *    and the disk is synced before each, so neither pays to write out what the other left;
 *    with each side's processor time, which a busy machine changes less than its seconds; and
 *    the same again into a folder in memory (/dev/shm), where the disk has no say;
 *  - the apply of a sync (the objects downloaded already) against one bare SQLite transaction
 *    inserting the same rows into the same schema, with the same FTS5 indexes filled by its
 *    triggers;
 * each in rounds next to its baseline, reported as medians, since the machine may be busy;
 *  - the bytes and requests of a sync when nothing changed (target: one request, ≤ 1 KiB).
 *
 * bench-sync [--items N] [--photos N] [--rounds N]
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gcm-importer.h"
#include "gcm-sync-job.h"
#include "gcm-test-utils.h"
#include "gcm-transport.h"

/* The items of tests/fixtures/content-min, which gcm_test_make_large_source() starts from. */
#define FIXTURE_ITEMS   5
#define PHOTO_MIN_SIZE  (50 * 1024)
#define PHOTO_MAX_SIZE  (300 * 1024)

static const char * const conventions[] = { "basel", "rotterdam", "stockholm", "montreal", "cites" };

/* A small real JPEG: what the publisher reads of a photo is its header, for its size. */
static GBytes *
make_jpeg_head (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x5a7d3cff);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "jpeg", &error, "quality", "85", NULL))
    g_error ("Cannot make a JPEG: %s", error->message);
  return g_bytes_new_take (data, size);
}

/* @n_photos cases, each with a photo of its own: a JPEG followed by incompressible bytes (as a
 * photo's are) to a size between 50 and 300 KB, the same on every run. Returns their bytes. */
static guint64
add_cases (const char *source,
           guint       n_photos)
{
  g_autoptr(GBytes) head = make_jpeg_head ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2000);
  g_autofree char *cases = g_build_filename (source, "cases", NULL);
  g_autofree char *media = g_build_filename (source, "media", "cases", NULL);
  gsize head_size;
  const guint8 *head_data = g_bytes_get_data (head, &head_size);
  guint8 *photo = g_malloc (PHOTO_MAX_SIZE);
  guint64 total = 0;

  g_mkdir_with_parents (cases, 0700);
  g_mkdir_with_parents (media, 0700);
  memcpy (photo, head_data, head_size);
  for (guint i = 0; i < n_photos; i++)
    {
      g_autofree char *photo_path = g_strdup_printf ("%s/generated-%04u.jpg", media, i);
      g_autofree char *case_path = g_strdup_printf ("%s/%04u-generated-%04u.md", cases,
                                                    2000 + i % 25, i);
      g_autofree char *text = NULL;
      gsize size = (gsize) g_rand_int_range (rand, PHOTO_MIN_SIZE, PHOTO_MAX_SIZE + 1);

      for (gsize b = head_size; b + 4 <= size; b += 4)
        {
          guint32 word = g_rand_int (rand);
          memcpy (photo + b, &word, 4);
        }
      gcm_test_write_file (photo_path, (const char *) photo, (gssize) size);
      total += size;

      text = g_strdup_printf ("---\n"
                              "id: case/%04u-generated-%04u\n"
                              "title: Generated seizure %u\n"
                              "summary: A generated case with a photo, for the sync benchmark.\n"
                              "conventions: [%s]\n"
                              "date: \"%04u-%02u\"\n"
                              "place: Port %u\n"
                              "commodity: Goods of lot %u\n"
                              "modus_operandi:\n  - Hidden among declared goods\n"
                              "risk_indicators:\n  - Declared value below the market price\n"
                              "sources: [S1]\n"
                              "photos:\n"
                              "  - file: cases/generated-%04u.jpg\n"
                              "    caption: The goods of lot %u as found.\n"
                              "    credit: Benchmark Customs\n"
                              "    licence: CC-BY-4.0\n"
                              "---\n\n"
                              "Officers opened lot %u and found the goods described.\n",
                              2000 + i % 25, i, i, conventions[i % G_N_ELEMENTS (conventions)],
                              2000 + i % 25, 1 + i % 12, i % 97, i, i, i, i);
      gcm_test_write_file (case_path, text, -1);
    }
  g_free (photo);
  return total;
}

/* Before each timed download: what earlier steps left in the page cache is written out now, not
 * by whichever download syncs next. */
static void
settle_disk (void)
{
  sync ();
}

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

/* The processor time of this process (its threads) and of the children it waited for: a busy
 * machine lengthens the seconds of both downloads, but hardly the work each does. */
static double
cpu_seconds (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return self.ru_utime.tv_sec + self.ru_stime.tv_sec + children.ru_utime.tv_sec +
         children.ru_stime.tv_sec + (self.ru_utime.tv_usec + self.ru_stime.tv_usec +
                                     children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
}

static void
add_cpu (GArray *times,
         double  start)
{
  double seconds = cpu_seconds () - start;

  g_array_append_val (times, seconds);
}

typedef struct
{
  GArray *transport, *curl;          /* seconds */
  GArray *transport_cpu, *curl_cpu;  /* processor seconds */
} Downloads;

static void
downloads_init (Downloads *downloads)
{
  downloads->transport = g_array_new (FALSE, FALSE, sizeof (double));
  downloads->curl = g_array_new (FALSE, FALSE, sizeof (double));
  downloads->transport_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  downloads->curl_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
downloads_clear (Downloads *downloads)
{
  g_array_unref (downloads->transport);
  g_array_unref (downloads->curl);
  g_array_unref (downloads->transport_cpu);
  g_array_unref (downloads->curl_cpu);
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

/* One round of the download phase: the transport into @objects_dir, as a sync does, and curl
 * --parallel fetching the same URLs from the same server into the same kind of tree under
 * @dir, with as many transfers at once; which goes first alternates. */
static void
download_round (Downloads  *downloads,
                const char *url,
                GPtrArray  *objects,
                int         round,
                const char *staging,
                const char *objects_dir,
                const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmTransport) transport = gcm_transport_new (url, &error);
  g_autofree char *curl_dir = g_build_filename (dir, "curl", NULL);
  g_autofree char *curl_config = g_build_filename (dir, "curl.conf", NULL);
  g_autofree char *parallel = g_strdup_printf ("%d", GCM_TRANSPORT_PARALLEL_TRANSFERS);
  const char *curl_argv[] = { "curl", "--silent", "--fail", "--parallel", "--parallel-max",
                              parallel, "--create-dirs", "--config", curl_config, NULL };
  g_autoptr(GString) config = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < objects->len; i++)
    {
      GcmTransportObject *object = g_ptr_array_index (objects, i);
      g_string_append_printf (config, "url = \"%s/v1/objects/%.2s/%s\"\n"
                                      "output = \"%s/%.2s/%s\"\n",
                              url, object->sha256, object->sha256, curl_dir,
                              object->sha256, object->sha256);
    }
  gcm_test_write_file (curl_config, config->str, config->len);

  for (int turn = 0; turn < 2; turn++)
    {
      gint64 start;
      double cpu_start;

      settle_disk ();
      cpu_start = cpu_seconds ();
      start = g_get_monotonic_time ();
      if ((turn + round) % 2 == 0)
        {
          g_assert_true (gcm_transport_get_objects (transport, objects, staging, objects_dir,
                                                    NULL, NULL, NULL, &error));
          g_assert_no_error (error);
          add_seconds (downloads->transport, start);
          add_cpu (downloads->transport_cpu, cpu_start);
        }
      else
        {
          g_assert_cmpint (gcm_test_run (curl_argv, NULL, NULL), ==, 0);
          add_seconds (downloads->curl, start);
          add_cpu (downloads->curl_cpu, cpu_start);
        }
    }
}

/* The medians of the download rounds in one place, @where. */
static void
print_downloads (Downloads  *downloads,
                 const char *where)
{
  g_autofree char *t_gcm = list_times (downloads->transport);
  g_autofree char *t_curl = list_times (downloads->curl);
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double m_gcm, m_curl;

  /* Each round's two downloads ran side by side, so their ratio is the steadier figure. */
  for (guint i = 0; i < downloads->transport->len; i++)
    {
      double ratio = g_array_index (downloads->curl, double, i) /
                     g_array_index (downloads->transport, double, i);
      g_array_append_val (ratios, ratio);
    }
  m_gcm = median (downloads->transport);
  m_curl = median (downloads->curl);
  g_print ("download phase %s, median of %u: transport %.3f s, curl --parallel --parallel-max %d "
           "%.3f s: %.2f× curl's throughput (target ≥ 0.8×) [transport %s; curl %s]\n",
           where, downloads->transport->len, m_gcm, GCM_TRANSPORT_PARALLEL_TRANSFERS, m_curl,
           m_curl / m_gcm, t_gcm, t_curl);
  g_print ("download phase %s, median of the rounds' own ratios: %.2f× curl's throughput; "
           "processor time (median): transport %.3f s, curl %.3f s (the transport's includes "
           "hashing every object)\n", where, median (ratios), median (downloads->transport_cpu),
           median (downloads->curl_cpu));
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
  gint n_items = 10000;
  gint n_photos = 2000;
  gint rounds = 5;
  GOptionEntry entries[] = {
    { "items", 0, 0, G_OPTION_ARG_INT, &n_items, "Items in the feed, the fixture's included", "N" },
    { "photos", 0, 0, G_OPTION_ARG_INT, &n_photos, "Of which cases with a photo each", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of each phase and its baseline", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  GcmManifest *manifest;
  guint64 total_bytes = 0, photo_bytes;
  guint port;
  GPid nginx;
  Downloads on_disk, in_memory_times;
  g_autofree char *memory_dir = NULL;
  g_autoptr(GArray) gcm_apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_apply = g_array_new (FALSE, FALSE, sizeof (double));

  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (n_photos < 0 || n_items < n_photos + FIXTURE_ITEMS)
    g_error ("--items must be at least --photos + %d", FIXTURE_ITEMS);

  dir = gcm_test_make_tmpdir ("bench-sync");
  source = gcm_test_make_large_source (dir, "source", (guint) (n_items - n_photos - FIXTURE_ITEMS),
                                       "walrus");
  photo_bytes = add_cases (source, (guint) n_photos);
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
  g_assert_cmpuint (manifest->items->len, ==, (guint) n_items);
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
   * are what counts. The downloads are also made into memory (/dev/shm), where neither side
   * waits on the disk: how fast a file system creates thousands of files depends on what was
   * deleted there in the last minutes (ext4 without a journal skips inodes freed lately, one by
   * one), and that weighs on the two sides unevenly. */
  downloads_init (&on_disk);
  downloads_init (&in_memory_times);
  memory_dir = g_strdup ("/dev/shm/gcm-bench-sync-XXXXXX");
  if (g_mkdtemp (memory_dir) == NULL)
    g_clear_pointer (&memory_dir, g_free);
  for (gint round = 0; round < rounds; round++)
    {
      g_autofree char *name = g_strdup_printf ("round-%d", round);
      g_autofree char *round_dir = g_build_filename (dir, name, NULL);
      g_autofree char *store_dir = g_build_filename (round_dir, "store", NULL);
      g_autofree char *staging = g_build_filename (store_dir, "staging", NULL);
      g_autofree char *staged_feed = g_build_filename (round_dir, "feed", NULL);
      g_autofree char *bare_path = g_build_filename (round_dir, "bare-store", NULL);
      g_autoptr(GcmStore) store = NULL;
      g_autoptr(GcmFeed) staged = NULL;
      GcmImportResult result;
      gint64 start;

      g_mkdir_with_parents (round_dir, 0700);
      store = gcm_store_new (store_dir, &error);
      g_assert_no_error (error);

      /* 1. Download: into the store's objects/ on the disk, as a sync does, and then into a
       * folder in memory. */
      download_round (&on_disk, url, objects, round, staging, gcm_store_get_objects_path (store),
                      round_dir);
      if (memory_dir != NULL)
        {
          g_autofree char *in_memory = g_build_filename (memory_dir, name, NULL);
          g_autofree char *memory_staging = g_build_filename (in_memory, "staging", NULL);
          g_autofree char *memory_objects = g_build_filename (in_memory, "objects", NULL);

          g_mkdir_with_parents (in_memory, 0700);
          download_round (&in_memory_times, url, objects, round, memory_staging, memory_objects,
                          in_memory);
          gcm_test_rm_rf (in_memory);
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
      /* The round's files stay until the end: ext4 looks long for a free inode just after
       * thousands were freed, which would slow whichever download came next. */
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

    g_print ("items: %u, media: %u (%d generated JPEG photos, %.1f MiB), %" G_GUINT64_FORMAT
             " bytes of objects\n", manifest->items->len, manifest->media->len, n_photos,
             photo_bytes / 1048576.0, total_bytes);
    {
      g_autofree char *t_apply = list_times (gcm_apply), *t_bare = list_times (bare_apply);
      double m_apply = median (gcm_apply), m_bare = median (bare_apply);

      print_downloads (&on_disk, "on the disk");
      if (memory_dir != NULL)
        print_downloads (&in_memory_times, "in memory");
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
  if (memory_dir != NULL)
    gcm_test_rm_rf (memory_dir);
  downloads_clear (&on_disk);
  downloads_clear (&in_memory_times);
  return 0;
}
