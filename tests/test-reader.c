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
#include <string.h>

#include "gcm-browse.h"
#include "gcm-locale.h"
#include "gcm-test-utils.h"
#include "gcm-user-data.h"

typedef struct
{
  char      *dir;
  char      *source;
  GPtrArray *keys;
  GcmStore  *store;
  sqlite3   *user;
} Fixture;

/* Publishes the fixture's edited copy as @serial, signed with the shared feed's key. */
static void
publish_and_import (Fixture *fixture,
                    gint64   serial)
{
  g_autofree char *name = g_strdup_printf ("feed%" G_GINT64_FORMAT, serial);
  g_autofree char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *standard_error = NULL;

  g_assert_cmpint (gcm_test_publish_full (fixture->source, output, gcm_test_feed ()->secret_key,
                                          serial, &standard_error), ==, 0);
  gcm_test_import_feed (fixture->store, output, fixture->keys);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("reader");
  fixture->source = gcm_test_feed_copy_source (fixture->dir, "source");
  fixture->keys = gcm_test_feed_keys ();

  data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  gcm_test_import_feed (fixture->store, gcm_test_feed ()->feed, fixture->keys);

  fixture->user = gcm_store_open_user_db (fixture->store, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sqlite3_close (fixture->user);
  /* A worker drops its task, and with it the store, just after the callback has run. */
  while (G_OBJECT (fixture->store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_ptr_array_unref (fixture->keys);
}

/* One list page, as the window reads it: through the store's workers. */
typedef struct
{
  GListModel *rows;
  char       *title;
} List;

static void
list_free (List *list)
{
  g_clear_object (&list->rows);
  g_free (list->title);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (List, list_free)

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static List *
browse (Fixture    *fixture,
        const char *target)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  List *list = g_new0 (List, 1);

  gcm_store_list_async (fixture->store, target, NULL, store_result_cb, &result);
  list->rows = gcm_store_list_finish (fixture->store, wait_for_result (&result), &list->title,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (list->rows);
  return list;
}

static guint
n_rows (List *list)
{
  return g_list_model_get_n_items (list->rows);
}

static guint
n_completed (List *list)
{
  guint n = 0;

  for (guint i = 0; i < n_rows (list); i++)
    {
      g_autoptr(GcmItemSummary) row = g_list_model_get_item (list->rows, i);
      n += gcm_item_summary_get_completed (row);
    }
  return n;
}

/* (transfer none): the list holds it */
static GcmItemSummary *
row_at (List  *list,
        guint  i)
{
  g_autoptr(GcmItemSummary) row = NULL;

  g_assert_cmpuint (i, <, n_rows (list));
  row = g_list_model_get_item (list->rows, i);
  return row;
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
  g_autoptr(List) alpha = browse (fixture, "chapter:alpha");
  g_autoptr(List) cases = browse (fixture, "kind:case");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) unknown = gcm_browse_list (fixture->store, "nowhere", NULL, &error);

  g_assert_cmpstr (alpha->title, ==, "Alpha chapter");
  g_assert_cmpuint (n_rows (alpha), ==, 1);
  g_assert_cmpstr (gcm_item_summary_get_id (row_at (alpha, 0)), ==, "manual/alpha/first");
  g_assert_cmpstr (gcm_item_summary_get_kind_name (row_at (alpha, 0)), ==, "section");
  g_assert_false (gcm_item_summary_get_completed (row_at (alpha, 0)));
  g_assert_cmpuint (n_completed (alpha), ==, 0);

  g_assert_null (cases->title);
  g_assert_cmpuint (n_rows (cases), ==, 1);
  g_assert_cmpstr (gcm_item_summary_get_id (row_at (cases, 0)), ==, "case/2020-test-seizure");

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
    g_autoptr(List) alpha = browse (fixture, "chapter:alpha");
    g_assert_cmpuint (n_completed (alpha), ==, 1);
    g_assert_true (gcm_item_summary_get_completed (row_at (alpha, 0)));
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
    g_autoptr(List) bookmarks = browse (fixture, "bookmarks");
    g_assert_cmpuint (n_rows (bookmarks), ==, 2);
  }

  g_assert_true (gcm_user_data_set_bookmark (fixture->user, "manual/alpha/first", NULL, FALSE,
                                             &error));
  g_assert_no_error (error);
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_false (state.bookmarked);
  {
    g_autoptr(List) bookmarks = browse (fixture, "bookmarks");
    g_assert_cmpuint (n_rows (bookmarks), ==, 1);
    g_assert_cmpstr (gcm_item_summary_get_id (row_at (bookmarks, 0)), ==, "case/2020-test-seizure");
    g_assert_cmpstr (gcm_item_summary_get_kind_name (row_at (bookmarks, 0)), ==, "case");
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
    g_autoptr(List) alpha = browse (fixture, "chapter:alpha");
    g_autoptr(List) bookmarks = browse (fixture, "bookmarks");

    g_assert_cmpuint (n_rows (alpha), ==, 0);
    g_assert_cmpuint (n_rows (bookmarks), ==, 1);
    g_assert_cmpstr (gcm_item_summary_get_id (row_at (bookmarks, 0)), ==, "manual/alpha/first");
    g_assert_cmpstr (gcm_item_summary_get_title (row_at (bookmarks, 0)), ==, "First steps");
    g_assert_null (gcm_item_summary_get_kind_name (row_at (bookmarks, 0)));   /* no longer in the manual */
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

  wait->ok = gcm_store_write_finish (GCM_STORE (object), result, &error);
  g_assert_no_error (error);
  wait->done = TRUE;
}

static void
test_async_writes (Fixture       *fixture,
                   gconstpointer  user_data)
{
  Wait wait = { 0 };
  GcmItemState state;

  gcm_store_set_bookmark_async (fixture->store, "manual/beta/second", "Second", TRUE, NULL,
                                write_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);

  wait = (Wait) { 0 };
  gcm_store_save_progress_async (fixture->store, "manual/beta/second", "Second", 0.97, NULL,
                                 write_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);

  gcm_user_data_get_state (fixture->user, "manual/beta/second", &state);
  g_assert_true (state.bookmarked);
  g_assert_true (state.completed);
}

/* Three toggles of one bookmark, issued back to back as quick clicks do: they land and complete
 * in the order given, so the last one wins. */
typedef struct
{
  GArray *order;
  guint   pending;
} Toggles;

static void
toggle_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Toggles *toggles = user_data;
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (g_task_get_cancellable (G_TASK (result))),
                                                     "index"));

  g_assert_true (gcm_store_write_finish (GCM_STORE (object), result, &error));
  g_assert_no_error (error);
  g_array_append_val (toggles->order, index);
  toggles->pending--;
}

static void
toggle (Fixture  *fixture,
        Toggles  *toggles,
        gboolean  bookmarked,
        guint     index)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* The index rides on the cancellable, which the task keeps and the result hands back. */
  g_object_set_data (G_OBJECT (cancellable), "index", GUINT_TO_POINTER (index));
  toggles->pending++;
  gcm_store_set_bookmark_async (fixture->store, "manual/alpha/first", "First", bookmarked,
                                cancellable, toggle_done_cb, toggles);
}

static void
test_toggles_in_order (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const gboolean sequences[][3] = { { TRUE, FALSE, TRUE }, { FALSE, TRUE, FALSE } };

  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    {
      Toggles toggles = { g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
      GcmItemState state;

      for (guint i = 0; i < 3; i++)
        toggle (fixture, &toggles, sequences[s][i], i);
      while (toggles.pending > 0)
        g_main_context_iteration (NULL, TRUE);

      g_assert_cmpuint (toggles.order->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpuint (g_array_index (toggles.order, guint, i), ==, i);
      gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
      g_assert_cmpint (state.bookmarked, ==, sequences[s][2]);
      {
        g_autoptr(List) bookmarks = browse (fixture, "bookmarks");
        g_assert_cmpuint (n_rows (bookmarks), ==, sequences[s][2] ? 1 : 0);
      }
      g_array_unref (toggles.order);
    }
}

/* A write user.db refuses reaches its caller as an error, and changes nothing. */
static void
test_write_failure_reported (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GcmItemState state;

  /* A refusal inside SQLite itself, the same as root or not, like a full or read-only disk. */
  g_assert_cmpint (sqlite3_exec (fixture->user,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON bookmark"
                                 " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  gcm_store_set_bookmark_async (fixture->store, "manual/alpha/first", "First", TRUE, NULL,
                                store_result_cb, &result);
  g_assert_false (gcm_store_write_finish (fixture->store, wait_for_result (&result), &error));
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Cannot save the bookmark"));
  gcm_user_data_get_state (fixture->user, "manual/alpha/first", &state);
  g_assert_false (state.bookmarked);
}

/* A page as the item view reads it: the typed item and the user's place in it. */
static void
test_load_item (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GcmItem) item = NULL;
  g_autoptr(GcmItem) none = NULL;
  g_autoptr(GError) error = NULL;
  GcmItemState state = { 0 };

  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First", 0.5,
                                              &error));
  gcm_store_load_item_async (fixture->store, "manual/alpha/first", NULL, store_result_cb, &result);
  item = gcm_store_load_item_finish (fixture->store, wait_for_result (&result), &state, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gcm_item_get_id (item), ==, "manual/alpha/first");
  g_assert_cmpint (gcm_item_get_kind (item), ==, GCM_ITEM_KIND_SECTION);
  g_assert_cmpstr (gcm_item_get_chapter (item), ==, "alpha");
  g_assert_cmpstr (gcm_item_get_chapter_title (item), ==, "Alpha chapter");
  g_assert_nonnull (gcm_item_get_body (item));
  g_assert_true (state.seen);
  g_assert_cmpfloat_with_epsilon (state.position, 0.5, 1e-9);

  gcm_store_load_item_async (fixture->store, "manual/none", NULL, store_result_cb, &missing);
  none = gcm_store_load_item_finish (fixture->store, wait_for_result (&missing), NULL, &error);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
  g_assert_null (none);
}

/* The reader's progress belongs to the item, whatever language it is read in: bookmarked and
 * half read in English, it is bookmarked and half read in Korean, and lists follow the language. */
static void
test_language_switch (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *original = g_build_filename (fixture->source, "sections", "alpha", "01-first.md", NULL);
  g_autofree char *translation = g_build_filename (fixture->source, "sections", "alpha", "01-first.ko.md", NULL);
  g_autofree char *pack = g_build_filename (fixture->source, "pack.yaml", NULL);
  g_autofree char *pack_ko = g_build_filename (fixture->source, "pack.ko.yaml", NULL);
  g_autofree char *sha = NULL, *pack_sha = NULL, *text = NULL, *pack_text = NULL;
  g_autoptr(GAsyncResult) written = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GcmItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GcmItemState state = { 0 };

  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (pack, &contents, &length, NULL));
    pack_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  }
  text = g_strdup_printf ("---\ntranslates: %s\ntitle: 첫째 절\nsummary: 시험 매뉴얼의 첫째 절.\n---\n\n"
                          "## 범위\n\n천산갑 비늘은 폐기물로 운송된다. [둘째 절](item:manual/beta/second) 참조.\n\n"
                          "![그린 컨테이너](media:illustrations/container.svg)\n", sha);
  pack_text = g_strdup_printf ("translates: %s\nchapters:\n  - id: alpha\n    title: 알파 장\n"
                               "  - id: beta\n    title: 베타 장\n", pack_sha);
  g_assert_true (g_file_set_contents (translation, text, -1, NULL));
  g_assert_true (g_file_set_contents (pack_ko, pack_text, -1, NULL));
  publish_and_import (fixture, 2);

  gcm_locale_set_content_language ("en");
  gcm_store_set_bookmark_async (fixture->store, "manual/alpha/first", "First section", TRUE, NULL,
                                store_result_cb, &written);
  g_assert_true (gcm_store_write_finish (fixture->store, wait_for_result (&written), &error));
  g_assert_no_error (error);
  g_assert_true (gcm_user_data_save_progress (fixture->user, "manual/alpha/first", "First section",
                                              0.5, &error));
  {
    g_autoptr(List) alpha = browse (fixture, "chapter:alpha");

    g_assert_cmpstr (alpha->title, ==, "Alpha chapter");
    g_assert_cmpstr (gcm_item_summary_get_title (row_at (alpha, 0)), ==, "First section");
  }

  gcm_locale_set_content_language ("ko");
  gcm_store_load_item_async (fixture->store, "manual/alpha/first", NULL, store_result_cb, &result);
  item = gcm_store_load_item_finish (fixture->store, wait_for_result (&result), &state, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gcm_item_get_title (item), ==, "첫째 절");
  g_assert_cmpstr (gcm_item_get_chapter_title (item), ==, "알파 장");
  g_assert_cmpint (gcm_item_get_translation (item), ==, GCM_ITEM_TRANSLATION_CURRENT);
  g_assert_true (state.bookmarked);
  g_assert_cmpfloat_with_epsilon (state.position, 0.5, 1e-9);
  {
    g_autoptr(List) alpha = browse (fixture, "chapter:alpha");
    g_autoptr(List) beta = browse (fixture, "chapter:beta");
    g_autoptr(List) bookmarks = browse (fixture, "bookmarks");
    g_autoptr(GcmBrowseContents) contents = gcm_browse_contents (fixture->store, &error);

    g_assert_cmpstr (alpha->title, ==, "알파 장");
    g_assert_cmpstr (gcm_item_summary_get_title (row_at (alpha, 0)), ==, "첫째 절");
    g_assert_cmpstr (gcm_item_summary_get_summary (row_at (alpha, 0)), ==, "시험 매뉴얼의 첫째 절.");
    /* Not translated: in English, under its chapter's Korean title. */
    g_assert_cmpstr (beta->title, ==, "베타 장");
    g_assert_cmpstr (gcm_item_summary_get_title (row_at (beta, 0)), !=, "");
    g_assert_cmpuint (n_rows (bookmarks), ==, 1);
    g_assert_cmpstr (gcm_item_summary_get_title (row_at (bookmarks, 0)), ==, "첫째 절");
    g_assert_cmpstr (((GcmBrowseChapter *) g_ptr_array_index (contents->chapters, 1))->title, ==, "베타 장");
  }
  gcm_locale_set_content_language ("en");
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
  ADD ("toggles-in-order", test_toggles_in_order);
  ADD ("write-failure-reported", test_write_failure_reported);
  ADD ("load-item", test_load_item);
  ADD ("language-switch", test_language_switch);
#undef ADD

  return g_test_run ();
}
