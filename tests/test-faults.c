/* test-faults.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data folder on a real, small tmpfs: a disk that is full when the app starts, one that
 * fills up in the middle of an import, and one that is mounted read-only. The installed content
 * must survive each, stay readable, and the error must say what happened. The test process has
 * mounts of its own, so a tmpfs never outlives it; without the right to mount, the tests skip.
 */

#define G_LOG_DOMAIN "TestFaults"

#include <glib/gstdio.h>
#include <sys/mount.h>

#include "gcm-importer.h"
#include "gcm-search.h"
#include "gcm-test-utils.h"

static gboolean can_mount;

typedef struct
{
  char      *tmp;
  char      *data;       /* the data folder, a tmpfs */
  char      *filler;     /* a file outside the data folder, on the same tmpfs */
  char      *source;
  char      *feed1;
  char      *public_key;
  char      *secret_key;
  GPtrArray *keys;
  gboolean   mounted;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const GcmTestFeed *feed = gcm_test_feed ();
  g_autofree char *disk = NULL;
  g_autoptr(GError) error = NULL;

  fixture->tmp = gcm_test_make_tmpdir ("faults");
  disk = g_build_filename (fixture->tmp, "disk", NULL);
  fixture->data = g_build_filename (disk, "green-customs-manual", NULL);
  fixture->filler = g_build_filename (disk, "filler", NULL);
  fixture->source = g_strdup (feed->source);
  fixture->feed1 = g_strdup (feed->feed);

  if (!can_mount || !gcm_test_mount_tmpfs (disk, 24 * 1024 * 1024))
    return;
  fixture->mounted = TRUE;
  g_assert_cmpint (g_mkdir (fixture->data, 0700), ==, 0);

  fixture->public_key = g_strdup (feed->public_key);
  fixture->secret_key = g_strdup (feed->secret_key);
  fixture->keys = gcm_test_feed_keys ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->mounted)
    {
      g_autofree char *disk = g_path_get_dirname (fixture->data);
      gcm_test_umount (disk);
    }
  gcm_test_rm_rf (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->data);
  g_free (fixture->filler);
  g_free (fixture->source);
  g_free (fixture->feed1);
  g_free (fixture->public_key);
  g_free (fixture->secret_key);
  g_clear_pointer (&fixture->keys, g_ptr_array_unref);
}

static gboolean
skip_without_tmpfs (Fixture *fixture)
{
  if (!fixture->mounted)
    g_test_skip ("needs a small tmpfs for a full or read-only disk, and this process may not mount");
  return !fixture->mounted;
}

static GcmStore *
store_new_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GcmStore *store = gcm_store_new (fixture->data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
import_ok (GcmStore   *store,
           const char *feed,
           GPtrArray  *keys)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_importer_import_path (store, feed, keys, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
content_path (Fixture *fixture)
{
  return g_build_filename (fixture->data, "content.db", NULL);
}

/* What an import may change, as a second connection sees it. */
static const char *
snapshot (Fixture *fixture)
{
  g_autofree char *path = content_path (fixture);

  return gcm_test_sql_text (path, "SELECT id, sha256, title FROM item"
                                  " UNION ALL SELECT feed, serial, manifest_sha256 FROM feed_state"
                                  " ORDER BY 1");
}

static guint
search_hits (const char *path,
             const char *query)
{
  g_autoptr(GcmSearch) search = gcm_search_new (path);
  g_autoptr(GcmSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = gcm_search_query (search, query, 20, NULL, &error);
  g_assert_no_error (error);
  return gcm_search_results_get_n_results (results);
}

static gboolean
is_disk_full (const GError *error)
{
  return g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL) ||
         g_error_matches (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NO_SPACE);
}

/* A nearly full disk when the app starts: content.db is kept, opened read-only, and the store
 * says the disk is full. Once space is freed, everything is as before. */
static void
test_full_disk_at_start (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char * const wal_files[] = {
    "content.db-wal", "content.db-shm", "user.db-wal", "user.db-shm",
  };
  g_autofree char *content = content_path (fixture);
  const char *before = NULL;
  g_autoptr(GError) error = NULL;
  GcmStore *store;

  if (skip_without_tmpfs (fixture))
    return;

  store = store_new_ok (fixture);
  import_ok (store, fixture->feed1, fixture->keys);
  g_assert_finalize_object (store);
  before = snapshot (fixture);

  /* Without its -shm file (closed by an older version of the app, or cleaned up), SQLite needs
   * disk space just to open a WAL database: it reports a disk I/O error. */
  for (guint i = 0; i < G_N_ELEMENTS (wal_files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->data, wal_files[i], NULL);
      g_unlink (path);
    }
  /* Nearly full: room for user.db's -shm (32 KiB), none for content.db's. */
  gcm_test_fill_disk (fixture->filler, 40 * 1024);
  g_assert_cmpuint (gcm_test_free_space (fixture->data), <=, 40 * 1024);

  store = store_new_ok (fixture);
  g_assert_true (gcm_store_is_read_only (store));
  g_assert_error (gcm_store_get_read_only_error (store), GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", gcm_store_get_read_only_error (store)->message);
  g_assert_cmpint (gcm_store_get_serial (store), ==, 1);
  g_assert_true (g_file_test (content, G_FILE_TEST_IS_REGULAR));

  /* An import is refused with the same reason, and changes nothing. */
  g_assert_false (gcm_importer_import_path (store, fixture->feed1, fixture->keys, NULL, NULL, NULL,
                                            NULL, &error));
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL);
  g_assert_finalize_object (store);

  /* Once space is freed, nothing was lost. */
  g_assert_cmpint (g_unlink (fixture->filler), ==, 0);
  store = store_new_ok (fixture);
  g_assert_false (gcm_store_is_read_only (store));
  g_assert_cmpint (gcm_store_get_serial (store), ==, 1);
  g_assert_cmpuint (search_hits (content, "pangolin"), >, 0);
  g_assert_finalize_object (store);
  g_assert_cmpstr (snapshot (fixture), ==, before);
}

/* The disk fills up inside the apply transaction: the error says so, the old content stays
 * whole, and neither a big -wal nor the new objects stay behind. */
static void
test_full_disk_during_import (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *content = content_path (fixture);
  g_autofree char *wal = g_strconcat (content, "-wal", NULL);
  g_autofree char *large_source = NULL;
  g_autofree char *large = g_build_filename (fixture->tmp, "large", NULL);
  const char *before = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  GcmManifest *manifest;
  GcmStore *store;
  guint64 estimate = 0, free_before;
  GStatBuf buf;

  if (skip_without_tmpfs (fixture))
    return;

  large_source = gcm_test_make_large_source (fixture->tmp, "large-source", 400, "narwhal");
  g_assert_cmpint (gcm_test_publish_full (large_source, large, fixture->secret_key, 2, NULL), ==, 0);
  feed = gcm_feed_open (large, fixture->keys, &error);
  g_assert_no_error (error);
  manifest = gcm_feed_get_manifest (feed);
  for (guint i = 0; i < manifest->items->len; i++)
    estimate += ((GcmManifestItem *) g_ptr_array_index (manifest->items, i))->size;

  store = store_new_ok (fixture);
  import_ok (store, fixture->feed1, fixture->keys);
  sqlite3_exec (gcm_store_get_content_db (store), "PRAGMA wal_checkpoint (TRUNCATE);", NULL, NULL,
                NULL);
  before = snapshot (fixture);

  /* Enough to pass the free-space check before the transaction, too little to finish it. */
  gcm_test_fill_disk (fixture->filler, 3 * estimate + 256 * 1024);
  free_before = gcm_test_free_space (fixture->data);
  g_test_message ("%" G_GUINT64_FORMAT " bytes free for %" G_GUINT64_FORMAT " bytes of items",
                  free_before, estimate);

  g_assert_false (gcm_importer_import_path (store, large, fixture->keys, NULL, NULL, NULL, NULL,
                                            &error));
  g_test_message ("refused: %s", error->message);
  g_assert_true (is_disk_full (error));
  g_assert_cmpint (gcm_store_get_serial (store), ==, 1);
  g_assert_cmpstr (snapshot (fixture), ==, before);

  /* The refused transaction gave its space back. */
  g_assert_true (g_stat (wal, &buf) != 0 || buf.st_size == 0);
  g_assert_cmpuint (gcm_test_free_space (fixture->data), >=, free_before - 64 * 1024);

  /* With space again, the same feed goes in. */
  g_assert_cmpint (g_unlink (fixture->filler), ==, 0);
  import_ok (store, large, fixture->keys);
  g_assert_cmpint (gcm_store_get_serial (store), ==, 2);
  g_assert_finalize_object (store);
}

/* A data folder on a read-only disk: the store opens read-only, reads and searches work, and
 * an import is refused with a sentence that says why. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *disk = g_path_get_dirname (fixture->data);
  g_autofree char *content = content_path (fixture);
  const char *before = NULL;
  g_autoptr(GError) error = NULL;
  GcmStore *store;

  if (skip_without_tmpfs (fixture))
    return;

  store = store_new_ok (fixture);
  import_ok (store, fixture->feed1, fixture->keys);
  g_assert_cmpint (sqlite3_exec (gcm_store_get_user_db (store),
                                 "INSERT INTO bookmark (item_id, created, title)"
                                 " VALUES ('manual/alpha/first', 1, 'First section')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (store);
  before = snapshot (fixture);
  g_assert_cmpint (mount (NULL, disk, NULL, MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  store = store_new_ok (fixture);
  g_assert_true (gcm_store_is_read_only (store));
  g_assert_error (gcm_store_get_read_only_error (store), GCM_STORE_ERROR, GCM_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", gcm_store_get_read_only_error (store)->message);
  g_assert_cmpint (gcm_store_get_serial (store), ==, 1);
  g_assert_cmpstr (gcm_test_sql_text (gcm_store_get_user_path (store),
                                      "SELECT item_id FROM bookmark"), ==, "manual/alpha/first\n");
  g_assert_cmpuint (search_hits (content, "pangolin"), >, 0);

  g_assert_false (gcm_importer_import_path (store, fixture->feed1, fixture->keys, NULL, NULL, NULL,
                                            NULL, &error));
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_READ_ONLY);
  g_assert_finalize_object (store);
  g_assert_cmpstr (snapshot (fixture), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything starts a thread. */
  can_mount = gcm_test_enter_mount_namespace ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/gcm/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("full-disk-at-start", test_full_disk_at_start);
  ADD ("full-disk-during-import", test_full_disk_during_import);
  ADD ("read-only-folder", test_read_only_folder);
#undef ADD

  return g_test_run ();
}
