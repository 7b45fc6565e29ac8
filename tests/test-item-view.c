/* test-item-view.c — one item's page in the window: its pictures and its bookmark
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application on the shared feed (tests/fixtures/content-min); each test runs in a
 * child of its own with fresh XDG folders.
 */

#include <adwaita.h>

#include "gcm-item-view.h"
#include "gcm-picture.h"
#include "gcm-test-utils-gtk.h"

static void
test_item_view_picture_height (void)
{
  GcmApplication *app;
  GtkWindow *window;
  GtkWidget *view, *picture;

  if (!gcm_test_run_in_subprocess ())
    return;

  /* The second section ends with a drawn tusk, a PNG from the feed's objects. */
  gcm_test_set_last_page ("item:manual/beta/second");
  app = gcm_test_app_start ();
  window = gcm_test_app_open_window (app);
  view = gcm_test_find_widget (GTK_WIDGET (window), GCM_TYPE_ITEM_VIEW, NULL, NULL);
  gcm_test_wait_for_string (view, "title", "Second section");

  picture = gcm_test_find_widget (view, GCM_TYPE_PICTURE, NULL, NULL);
  g_assert_nonnull (picture);
  gcm_test_wait_for_height (picture);
  /* tusk.png is 3 × 2 pixels: shown at its own size, in a column far wider. */
  g_assert_cmpint (gtk_widget_get_width (picture), ==, 3);
  g_assert_cmpint (gtk_widget_get_height (picture), ==, 2);
  g_assert_true (gcm_test_widget_is_shown (picture));
  gcm_test_app_stop (app);
}

/* The header's bookmark button says what the page's state is, in its look and its tooltip. */
static void
assert_button (GtkWidget *button,
               gboolean   bookmarked)
{
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, bookmarked);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   bookmarked ? "Remove Bookmark" : "Bookmark This Page");
  g_assert_true (gtk_widget_get_sensitive (button));
}

static void
click_link (GtkWidget  *view,
            const char *uri)
{
  GtkWidget *label = gcm_test_find_label (view, uri);
  gboolean handled = FALSE;

  g_assert_nonnull (label);
  g_signal_emit_by_name (label, "activate-link", uri, &handled);
  g_assert_true (handled);
}

static void
test_item_view_bookmark_button (void)
{
  GcmApplication *app;
  GtkWindow *window;
  GtkWidget *view, *button;

  if (!gcm_test_run_in_subprocess ())
    return;

  gcm_test_set_last_page ("item:manual/alpha/first");
  app = gcm_test_app_start ();
  window = gcm_test_app_open_window (app);
  view = gcm_test_find_widget (GTK_WIDGET (window), GCM_TYPE_ITEM_VIEW, NULL, NULL);
  button = gcm_test_find_button (GTK_WIDGET (window), "win.toggle-bookmark");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  gcm_test_wait_for_string (view, "title", "First section");
  assert_button (button, FALSE);

  /* Ctrl+D */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-bookmark", NULL));
  gcm_test_wait_for_boolean (view, "bookmarked", TRUE);
  assert_button (button, TRUE);
  gcm_test_wait_for_label (GTK_WIDGET (window), "Bookmarked");   /* the toast */

  /* Another page has its own state, and the first keeps its bookmark. */
  click_link (view, "item:manual/beta/second");
  gcm_test_wait_for_string (view, "title", "Second section");
  assert_button (button, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gcm_test_wait_for_string (view, "title", "First section");
  gcm_test_wait_for_boolean (view, "bookmarked", TRUE);
  assert_button (button, TRUE);

  /* A click on the button itself removes it. */
  g_signal_emit_by_name (button, "clicked");
  gcm_test_wait_for_boolean (view, "bookmarked", FALSE);
  assert_button (button, FALSE);
  gcm_test_app_stop (app);
}

static gboolean
banner_gone (gpointer view)
{
  GtkWidget *banner = gcm_test_find_label (view, "Not yet translated");

  return banner == NULL || !gcm_test_widget_is_shown (banner);
}

/* A reader of Korean opening a page that has no translation is told so, on the page. */
static void
test_item_view_untranslated_banner (void)
{
  g_autoptr(GSettings) settings = NULL;
  GcmApplication *app;
  GtkWindow *window;
  GtkWidget *view, *banner;

  if (!gcm_test_run_in_subprocess ())
    return;

  gcm_test_set_last_page ("item:manual/alpha/first");
  settings = g_settings_new ("org.greencustoms.Manual");
  g_settings_set_string (settings, "content-language", "ko");
  app = gcm_test_app_start ();
  window = gcm_test_app_open_window (app);
  view = gcm_test_find_widget (GTK_WIDGET (window), GCM_TYPE_ITEM_VIEW, NULL, NULL);
  gcm_test_wait_for_string (view, "title", "First section");
  banner = gcm_test_wait_for_label (view, "Not yet translated");
  g_assert_true (gcm_test_widget_is_shown (banner));
  /* Nothing to switch to. */
  g_assert_null (gcm_test_find_label (view, "Read in English"));
  gcm_test_app_stop (app);
  g_settings_reset (settings, "content-language");
}

/* Changing the language in Preferences shows the open page again in the new language, with no
 * restart: here the page has no Korean edition, so the new page says so. */
static void
test_item_view_language_change (void)
{
  g_autoptr(GSettings) settings = NULL;
  GcmApplication *app;
  GtkWindow *window;
  GtkWidget *view;

  if (!gcm_test_run_in_subprocess ())
    return;

  gcm_test_set_last_page ("item:manual/alpha/first");
  settings = g_settings_new ("org.greencustoms.Manual");
  g_settings_set_string (settings, "content-language", "en");
  app = gcm_test_app_start ();
  window = gcm_test_app_open_window (app);
  view = gcm_test_find_widget (GTK_WIDGET (window), GCM_TYPE_ITEM_VIEW, NULL, NULL);
  gcm_test_wait_for_string (view, "title", "First section");
  g_assert_null (gcm_test_find_label (view, "Not yet translated"));

  g_settings_set_string (settings, "content-language", "ko");
  g_assert_true (gcm_test_widget_is_shown (gcm_test_wait_for_label (view, "Not yet translated")));
  g_assert_cmpstr (gcm_item_view_get_item_id (GCM_ITEM_VIEW (view)), ==, "manual/alpha/first");

  g_settings_set_string (settings, "content-language", "en");
  gcm_test_wait_until (banner_gone, view, "the banner to go with English");
  gcm_test_app_stop (app);
  g_settings_reset (settings, "content-language");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/item-view/picture-height", test_item_view_picture_height);
  g_test_add_func ("/gcm/item-view/bookmark-button", test_item_view_bookmark_button);
  g_test_add_func ("/gcm/item-view/untranslated-banner", test_item_view_untranslated_banner);
  g_test_add_func ("/gcm/item-view/language-change", test_item_view_language_change);

  return g_test_run ();
}
