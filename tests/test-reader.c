/* test-reader.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the reader reads and keeps, on a real store with a published fixture feed installed:
 * the table of contents, chapter and kind lists with reading progress, bookmarks and reading
 * positions — and that bookmarks and progress outlive a content update that withdraws their item.
 */

#define G_LOG_DOMAIN "TestReader"

#include <glib/gstdio.h>

#include "gcm-browse.h"
#include "gcm-importer.h"
#include "gcm-test-utils.h"
#include "gcm-user-data.h"

typedef struct
{
  char      *dir;
  char      *source;
  char      *secret_key;
  GPtrArray *keys;
  GcmStore  *store;
  sqlite3   *user;
} Fixture;

static void
publish_and_import (Fixture *fixture,
                    gint64   serial)
{
  g_autofree char *name = g_strdup_printf ("feed%" G_GINT64_FORMAT, serial);
  g_autofree char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gcm_test_publish_full (fixture->source, output, fixture->secret_key, serial,
                                          &standard_error), ==, 0);
  g_assert_true (gcm_importer_import_path (fixture->store, output, fixture->keys, NULL, NULL, NULL,
                                           NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *fixture_source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min",
                                                           NULL);
  g_autofree char *public_key = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("reader");
  fixture->source = g_build_filename (fixture->dir, "source", NULL);
  gcm_test_copy_tree (fixture_source, fixture->source);
  gcm_test_make_keys (fixture->dir, &public_key, &fixture->secret_key);
  fixture->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_ptr_array_add (fixture->keys, gcm_minisign_key_new_from_file (public_key, &error));
  g_assert_no_error (error);

  data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  publish_and_import (fixture, 1);

  fixture->user = gcm_store_open_user_db (fixture->store, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sqlite3_close (fixture->user);
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
}

static GcmBrowseList *
browse (Fixture    *fixture,
        const char *target)
{
  g_autoptr(GError) error = NULL;
  GcmBrowseList *list = gcm_browse_list (fixture->store, target, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static GcmBrowseRow *
row_at (GcmBrowseList *list,
        guint          i)
{
  g_assert_cmpuint (i, <, list->rows->len);
  return g_ptr_array_index (list->rows, i);
}

/* Tests */

static void
test_contents (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmBrowseContents) contents = gcm_browse_contents (fixture->store, &error);
  GcmBrowseChapter *first, *second;

  g_assert_no_error (error);
  g_assert_cmpint (contents->serial, ==, 1);
  g_assert_cmpuint (contents->chapters->len, ==, 2);
  first = g_ptr_array_index (contents->chapters, 0);
  second = g_ptr_array_index (contents->chapters, 1);
  g_assert_cmpstr (first->id, ==, "alpha");
  g_assert_cmpstr (first->title, ==, "Alpha chapter");
  g_assert_cmpstr (second->id, ==, "beta");
}

static void
test_chapter_and_kind_lists (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GcmBrowseList) alpha = browse (fixture, "chapter:alpha");
  g_autoptr(GcmBrowseList) cases = browse (fixture, "kind:case");
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmBrowseList) unknown = gcm_browse_list (fixture->store, "nowhere", &error);

  g_assert_cmpstr (alpha->title, ==, "Alpha chapter");
  g_assert_cmpuint (alpha->rows->len, ==, 1);
  g_assert_cmpstr (row_at (alpha, 0)->id, ==, "manual/alpha/first");
  g_assert_cmpstr (row_at (alpha, 0)->kind, ==, "section");
  g_assert_false (row_at (alpha, 0)->completed);
  g_assert_cmpuint (alpha->n_completed, ==, 0);

  g_assert_null (cases->title);
  g_assert_cmpuint (cases->rows->len, ==, 1);
  g_assert_cmpstr (row_at (cases, 0)->id, ==, "case/2020-test-seizure");

  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
  g_assert_null (unknown);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GcmItemState state;

  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_false (state.seen);
  g_assert_false (state.completed);

  /* Halfway: seen, the place kept, not read. */
  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First", 0.5,
                                              &error));
  g_assert_no_error (error);
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_true (state.seen);
  g_assert_false (state.completed);
  g_assert_cmpfloat_with_epsilon (state.position, 0.5, 1e-9);

  /* To the end: read, and it stays read when the reader scrolls back up. */
  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First", 1.0,
                                              &error));
  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First", 0.2,
                                              &error));
  g_assert_no_error (error);
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_true (state.completed);
  g_assert_cmpfloat_with_epsilon (state.position, 0.2, 1e-9);

  {
    g_autoptr(GcmBrowseList) alpha = browse (fixture, "chapter:alpha");
    g_assert_cmpuint (alpha->n_completed, ==, 1);
    g_assert_true (row_at (alpha, 0)->completed);
  }
}

static void
test_bookmarks (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GcmItemState state;

  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "manual/alpha/first", "First", TRUE,
                                             &error));
  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "case/2020-test-seizure", "Seizure",
                                             TRUE, &error));
  /* Bookmarking twice keeps one bookmark. */
  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "case/2020-test-seizure", "Seizure",
                                             TRUE, &error));
  g_assert_no_error (error);

  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_true (state.bookmarked);
  {
    g_autoptr(GcmBrowseList) bookmarks = browse (fixture, "bookmarks");
    g_assert_cmpuint (bookmarks->rows->len, ==, 2);
  }

  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "manual/alpha/first", NULL, FALSE,
                                             &error));
  g_assert_no_error (error);
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_false (state.bookmarked);
  {
    g_autoptr(GcmBrowseList) bookmarks = browse (fixture, "bookmarks");
    g_assert_cmpuint (bookmarks->rows->len, ==, 1);
    g_assert_cmpstr (row_at (bookmarks, 0)->id, ==, "case/2020-test-seizure");
    g_assert_cmpstr (row_at (bookmarks, 0)->kind, ==, "case");
  }
}

/* A content update that withdraws a bookmarked, half-read section keeps both. */
static void
test_withdrawn_item_keeps_user_data (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *first = g_build_filename (fixture->source, "sections", "alpha", "01-first.md",
                                             NULL);
  g_autofree char *second = g_build_filename (fixture->source, "sections", "beta", "02-second.md",
                                              NULL);
  g_autoptr(GError) error = NULL;
  GcmItemState state;

  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "manual/alpha/first", "First steps",
                                             TRUE, &error));
  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First steps",
                                              0.4, &error));
  g_assert_no_error (error);

  /* Serial 2 no longer has the section; nothing links to it any more. */
  g_assert_cmpint (g_unlink (first), ==, 0);
  gcm_test_edit_file (second, "item:manual/alpha/first", "item:manual/beta/second");
  publish_and_import (fixture, 2);

  {
    g_autoptr(GcmBrowseList) alpha = browse (fixture, "chapter:alpha");
    g_autoptr(GcmBrowseList) bookmarks = browse (fixture, "bookmarks");

    g_assert_cmpuint (alpha->rows->len, ==, 0);
    g_assert_cmpuint (bookmarks->rows->len, ==, 1);
    g_assert_cmpstr (row_at (bookmarks, 0)->id, ==, "manual/alpha/first");
    g_assert_cmpstr (row_at (bookmarks, 0)->title, ==, "First steps");
    g_assert_null (row_at (bookmarks, 0)->kind);   /* no longer in the manual */
  }
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_true (state.bookmarked);
  g_assert_cmpfloat_with_epsilon (state.position, 0.4, 1e-9);
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Wait;

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->ok = gcm_user_data_write_finish (GCM_STORE (object), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

static void
test_async_writes (Fixture       *fixture,
                   gconstpointer  user_data)
{
  Wait wait = { 0 };
  GcmItemState state;

  gcm_user_data_set_bookmark_async (fixture->store, "manual/beta/second", "Second", TRUE, NULL,
                                    write_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);

  wait = (Wait) { 0 };
  gcm_user_data_save_progress_async (fixture->store, "manual/beta/second", "Second", 0.97, NULL,
                                     write_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);

  gcm_user_data_get_state (fixture->user, "manual/beta/second", &state);
  g_assert_true (state.bookmarked);
  g_assert_true (state.completed);

  /* The worker drops its task, and with it the store, just after the callback has run. */
  while (G_OBJECT (fixture->store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/gcm/reader/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("contents", test_contents);
  ADD ("chapter-and-kind-lists", test_chapter_and_kind_lists);
  ADD ("progress", test_progress);
  ADD ("bookmarks", test_bookmarks);
  ADD ("withdrawn-item-keeps-user-data", test_withdrawn_item_keeps_user_data);
  ADD ("async-writes", test_async_writes);
#undef ADD

  return g_test_run ();
}
