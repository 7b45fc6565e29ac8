/* test-case-gallery.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Cases gallery on a real store with the fixture feed installed: the cards carry what the
 * officer reads on them (title, date and place, agreement badges, a cover once decoded), the
 * filters narrow them and say so when nothing is left, and a case installed since the last visit
 * is marked New for one visit.
 */

#define G_LOG_DOMAIN "TestCaseGallery"

#include <adwaita.h>

#include "gcm-browse.h"
#include "gcm-case-facts.h"
#include "gcm-case-gallery.h"
#include "gcm-importer.h"
#include "gcm-locale.h"
#include "gcm-test-utils-gtk.h"

#define CASE_ID    "case/2020-test-seizure"
#define CASE_TITLE "Ivory among cow horns"

typedef struct
{
  char      *dir;
  char      *source;
  char      *secret_key;
  GPtrArray *keys;
  GcmStore  *store;
  GSettings *settings;
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
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min", NULL);
  g_autofree char *public_key = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("case-gallery");
  fixture->source = g_build_filename (fixture->dir, "source", NULL);
  gcm_test_copy_tree (source, fixture->source);
  gcm_test_make_keys (fixture->dir, &public_key, &fixture->secret_key);
  fixture->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_ptr_array_add (fixture->keys, gcm_minisign_key_new_from_file (public_key, &error));
  g_assert_no_error (error);
  data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  publish_and_import (fixture, 1);

  fixture->settings = g_settings_new ("org.greencustoms.Manual");
  g_settings_reset (fixture->settings, "cases-seen");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  while (G_OBJECT (fixture->store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (fixture->store);
  g_object_unref (fixture->settings);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
}

static gboolean
gallery_loaded (gpointer user_data)
{
  return gcm_case_gallery_is_loaded (user_data);
}

static GcmCaseGallery *
open_gallery (Fixture    *fixture,
              GtkWindow **window)
{
  GcmCaseGallery *gallery = GCM_CASE_GALLERY (gcm_case_gallery_new (fixture->store,
                                                                    fixture->settings));

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 360, 640);
  gtk_window_set_child (*window, GTK_WIDGET (gallery));
  gtk_window_present (*window);
  gcm_case_gallery_reload (gallery);
  gcm_test_wait_until (gallery_loaded, gallery, "the gallery to load its cases");
  return gallery;
}

static gboolean
has_texture (gpointer user_data)
{
  return gtk_picture_get_paintable (user_data) != NULL;
}

static gboolean
is_cover (GtkWidget *widget,
          gpointer   user_data)
{
  return gtk_widget_has_css_class (widget, "case-cover");
}

static void
on_case_activated_cb (GcmCaseGallery *gallery,
                      const char     *id,
                      char          **activated)
{
  g_free (*activated);
  *activated = g_strdup (id);
}

static void
test_cards (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkWindow *window;
  GcmCaseGallery *gallery = open_gallery (fixture, &window);
  GListModel *model = gcm_case_gallery_get_model (gallery);
  g_autoptr(GcmCaseCard) card = g_list_model_get_item (model, 0);
  GtkWidget *cover;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gcm_case_card_get_id (card), ==, CASE_ID);
  g_assert_cmpstr (gcm_case_card_get_date (card), ==, "2020-05");
  g_assert_cmpint (gcm_case_card_get_year (card), ==, 2020);
  g_assert_cmpstr (gcm_case_card_get_place (card), ==, "Test port");
  g_assert_true (g_strv_contains (gcm_case_card_get_conventions (card), "cites"));
  g_assert_nonnull (gcm_case_card_get_cover_path (card));
  g_assert_true (g_file_test (gcm_case_card_get_cover_path (card), G_FILE_TEST_IS_REGULAR));

  /* The cell shows what the card holds, at 360 px, and its cover arrives off the main thread. */
  g_assert_nonnull (gcm_test_wait_for_label (GTK_WIDGET (window), CASE_TITLE));
  g_assert_nonnull (gcm_test_wait_for_label (GTK_WIDGET (window), "May 2020 · Test port"));
  g_assert_nonnull (gcm_test_wait_for_label (GTK_WIDGET (window), "CITES"));
  cover = gcm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_PICTURE, is_cover, NULL);
  g_assert_nonnull (cover);
  gcm_test_wait_until (has_texture, cover, "the cover to be decoded");

  /* Enter on a card (the grid's activate-item) opens that case. */
  {
    g_autofree char *activated = NULL;
    GtkWidget *grid = gcm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_GRID_VIEW, NULL, NULL);

    g_signal_connect (gallery, "case-activated", G_CALLBACK (on_case_activated_cb), &activated);
    g_assert_true (gtk_widget_activate_action (grid, "list.activate-item", "u", 0));
    g_assert_cmpstr (activated, ==, CASE_ID);
  }

  gtk_window_destroy (window);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  user_data)
{
  GtkWindow *window;
  GcmCaseGallery *gallery = open_gallery (fixture, &window);
  GListModel *model = gcm_case_gallery_get_model (gallery);
  GtkWidget *empty;

  gcm_case_gallery_set_filter (gallery, "basel", NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  empty = gcm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL, NULL);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No Cases Match");
  g_assert_true (gcm_test_widget_is_shown (empty));

  gcm_case_gallery_set_filter (gallery, "cites", NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gcm_case_gallery_set_filter (gallery, NULL, "Hidden among cow horns", 2020);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gcm_case_gallery_set_filter (gallery, NULL, NULL, 2019);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  gcm_case_gallery_set_filter (gallery, NULL, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_false (gcm_test_widget_is_shown (empty));

  gtk_window_destroy (window);
}

static gboolean
is_shown_new_badge (GtkWidget *widget,
                    gpointer   user_data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "New") == 0 &&
         gcm_test_widget_is_shown (widget);
}

static gboolean
new_badge_shown (gpointer user_data)
{
  return gcm_test_find_widget (user_data, GTK_TYPE_LABEL, is_shown_new_badge, NULL) != NULL;
}

static gboolean
second_case_listed (gpointer user_data)
{
  return gcm_case_gallery_is_loaded (user_data) &&
         g_list_model_get_n_items (gcm_case_gallery_get_model (user_data)) == 2;
}

static void
test_new_badge (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWindow *window;
  GcmCaseGallery *gallery = open_gallery (fixture, &window);
  g_autofree char *first = g_build_filename (fixture->source, "cases", "2020-test-seizure.md", NULL);
  g_autofree char *second = g_build_filename (fixture->source, "cases", "2021-second-seizure.md", NULL);
  g_autofree char *text = NULL;

  /* The first visit: everything came with the first content, so nothing is singled out. */
  g_assert_false (gcm_case_gallery_is_new (gallery, CASE_ID));
  g_assert_false (new_badge_shown (window));
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "cases-seen"), >, 0);

  /* An update adds a case after that visit; the next visit marks it, and only it. */
  g_settings_set_int64 (fixture->settings, "cases-seen", g_get_real_time () / G_USEC_PER_SEC - 60);
  text = gcm_test_read_file (first, NULL);
  gcm_test_write_file (second, text, -1);
  gcm_test_edit_file (second, "id: case/2020-test-seizure", "id: case/2021-second-seizure");
  gcm_test_edit_file (second, "title: Ivory among cow horns", "title: Pangolin scales in sacks");
  publish_and_import (fixture, 2);
  gcm_case_gallery_reload (gallery);
  gcm_test_wait_until (second_case_listed, gallery, "the added case to be listed");
  g_assert_true (gcm_case_gallery_is_new (gallery, "case/2021-second-seizure"));
  g_assert_false (gcm_case_gallery_is_new (gallery, CASE_ID));
  g_assert_nonnull (gcm_test_wait_for_label (GTK_WIDGET (window), "Pangolin scales in sacks"));
  gcm_test_wait_until (new_badge_shown, window, "the New badge to be shown");

  /* Seen now: the visit after is back to normal. */
  gcm_case_gallery_reload (gallery);
  gcm_test_wait_until (gallery_loaded, gallery, "the gallery to load its cases");
  g_assert_false (gcm_case_gallery_is_new (gallery, "case/2021-second-seizure"));

  gtk_window_destroy (window);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   user_data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), user_data) == 0;
}

/* The facts panel names each family of codes with its edition, and the codes can be selected and
 * copied into a declaration search. */
static void
test_facts_codes (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->source, "cases", "2020-test-seizure.md", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GcmItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *facts = gcm_case_facts_new ();
  GtkWidget *hs, *un, *title;

  gcm_test_edit_file (file, "sources: [S1, S2]",
                      "sources: [S1, S2]\ncodes:\n  hs: [\"0507.10\", \"9601.10\"]\n"
                      "  hs_edition: \"HS 2022\"\n  un: [\"3359\"]");
  publish_and_import (fixture, 2);
  gcm_store_load_item_async (fixture->store, CASE_ID, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  item = gcm_store_load_item_finish (fixture->store, result, NULL, &error);
  g_assert_no_error (error);

  gtk_window_set_child (window, facts);
  gtk_window_present (window);
  gcm_case_facts_set_item (GCM_CASE_FACTS (facts), item);

  title = gcm_test_find_widget (facts, GTK_TYPE_LABEL, is_label_with_text, (gpointer) "HS codes (HS 2022)");
  g_assert_nonnull (title);
  hs = gcm_test_find_widget (facts, GTK_TYPE_LABEL, is_label_with_text, (gpointer) "0507.10, 9601.10");
  g_assert_nonnull (hs);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (hs)));
  g_assert_true (gcm_test_widget_is_shown (hs));
  un = gcm_test_find_widget (facts, GTK_TYPE_LABEL, is_label_with_text, (gpointer) "3359");
  g_assert_nonnull (un);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (un)));
  g_assert_nonnull (gcm_test_find_widget (facts, GTK_TYPE_LABEL, is_label_with_text,
                                          (gpointer) "UN numbers"));
  /* No CAS numbers in this case: no empty row for them. */
  g_assert_null (gcm_test_find_label (facts, "CAS"));

  gtk_window_destroy (window);
}

/* Cards read in the reader's language: a case translated into Korean shows its Korean title,
 * place, modus operandi and cover caption; the date, agreements and cover stay the case's. */
static void
test_translated_cards (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *original = g_build_filename (fixture->source, "cases", "2020-test-seizure.md", NULL);
  g_autofree char *translated = g_build_filename (fixture->source, "cases", "2020-test-seizure.ko.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *text = NULL;
  gsize length;
  GtkWindow *window;
  GcmCaseGallery *gallery;
  g_autoptr(GcmCaseCard) card = NULL;

  g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  text = g_strdup_printf ("---\ntranslates: %s\ntitle: 소뿔 사이의 상아\nsummary: 소뿔 공예품으로 신고된 상아.\nplace: 시험 항구\n"
                          "commodity: 가공된 상아\nquantity: \"12 kg\"\nmodus_operandi:\n  - 소뿔 사이에 숨김\n"
                          "risk_indicators:\n  - 수공예품으로 신고됨\nphotos:\n"
                          "  - caption: 탁자 위에 놓인 압수품.\n---\n\n상아 조각을 달았다.\n", sha);
  g_assert_true (g_file_set_contents (translated, text, -1, NULL));
  publish_and_import (fixture, 2);

  gcm_locale_set_content_language ("ko");
  gallery = open_gallery (fixture, &window);
  card = g_list_model_get_item (gcm_case_gallery_get_model (gallery), 0);
  g_assert_cmpstr (gcm_case_card_get_title (card), ==, "소뿔 사이의 상아");
  g_assert_cmpstr (gcm_case_card_get_place (card), ==, "시험 항구");
  g_assert_cmpstr (gcm_case_card_get_modus_operandi (card)[0], ==, "소뿔 사이에 숨김");
  g_assert_cmpstr (gcm_case_card_get_cover_caption (card), ==, "탁자 위에 놓인 압수품.");
  g_assert_cmpstr (gcm_case_card_get_date (card), ==, "2020-05");
  g_assert_true (g_strv_contains (gcm_case_card_get_conventions (card), "cites"));
  g_assert_nonnull (gcm_case_card_get_cover_path (card));
  gtk_window_destroy (window);
  g_clear_object (&card);

  /* An English reader reads the original. */
  gcm_locale_set_content_language ("en");
  gallery = open_gallery (fixture, &window);
  card = g_list_model_get_item (gcm_case_gallery_get_model (gallery), 0);
  g_assert_cmpstr (gcm_case_card_get_title (card), ==, CASE_TITLE);
  g_assert_cmpstr (gcm_case_card_get_place (card), ==, "Test port");
  g_assert_cmpstr (gcm_case_card_get_modus_operandi (card)[0], ==, "Hidden among cow horns");
  g_assert_cmpstr (gcm_case_card_get_cover_caption (card), ==, "The seized pieces laid out on a table.");
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache = g_build_filename (g_get_tmp_dir (), "gcm-case-gallery-cache-XXXXXX", NULL);

  /* Thumbnails go to a cache of this test's own. */
  g_assert_nonnull (g_mkdtemp (cache));
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/gcm/case-gallery/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cards", test_cards);
  ADD ("filters", test_filters);
  ADD ("new-badge", test_new_badge);
  ADD ("facts-codes", test_facts_codes);
  ADD ("translated-cards", test_translated_cards);
#undef ADD

  {
    int status = g_test_run ();

    gcm_test_rm_rf (cache);
    return status;
  }
}
