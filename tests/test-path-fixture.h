/* test-path-fixture.h — shared by the learning path tests
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gcm-importer.h"

#include "gcm-test-utils.h"

/* The test feed's source with tests/fixtures/path-test.yaml as paths/test.yaml: steps through a
 * section, a case and a quiz with a pass mark of 80. */
static inline char *
source_with_path (const char *dir)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "path-test.yaml", NULL);
  g_autofree char *source = gcm_test_feed_copy_source (dir, "source");
  g_autofree char *folder = g_build_filename (source, "paths", NULL);
  g_autofree char *file = g_build_filename (folder, "test.yaml", NULL);
  g_autofree char *contents = gcm_test_read_file (fixture, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  gcm_test_write_file (file, contents, -1);
  return g_steal_pointer (&source);
}

/* A store under @dir with that source published (serial 2) and imported. */
static inline GcmStore *
store_with_path (const char *dir)
{
  g_autofree char *feed = g_build_filename (dir, "feed", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *source = source_with_path (dir);
  g_autofree char *standard_error = NULL;
  g_autoptr(GPtrArray) keys = gcm_test_feed_keys ();
  g_autoptr(GError) error = NULL;
  GcmStore *store;

  if (!gcm_test_publish (source, feed, gcm_test_feed ()->secret_key, 2, &standard_error))
    g_error ("the path was refused:\n%s", standard_error);
  store = gcm_store_new (data, &error);
  g_assert_no_error (error);
  g_assert_true (gcm_importer_import_path (store, feed, keys, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* Writes the learner's side directly, as the app would have over time. */
static inline void
exec_user_sql (GcmStore   *store,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (gcm_store_get_user_path (store), &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
