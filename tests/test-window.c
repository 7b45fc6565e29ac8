/* test-window.c — the main window: links, back and forward, and pages that cannot be shown
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application on the shared feed (tests/fixtures/content-min), in a real window. Each
 * test runs in a child of its own with fresh XDG folders, as a first start would.
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gcm-item-view.h"
#include "gcm-test-utils-gtk.h"

typedef struct
{
  GcmApplication *app;
  GtkWindow      *window;
  GtkWidget      *item_view;
} Window;

static void
window_open (Window     *w,
             const char *last_page)
{
  if (last_page != NULL)
    gcm_test_set_last_page (last_page);
  w->app = gcm_test_app_start ();
  w->window = gcm_test_app_open_window (w->app);
  w->item_view = gcm_test_find_widget (GTK_WIDGET (w->window), GCM_TYPE_ITEM_VIEW, NULL, NULL);
  g_assert_nonnull (w->item_view);
}

static void
window_close (Window *w)
{
  gcm_test_app_stop (w->app);
}

/* What the user sees: the page's title, on screen. */
static void
assert_page (Window     *w,
             const char *id,
             const char *title)
{
  gcm_test_wait_for_string (w->item_view, "title", title);
  g_assert_cmpstr (gcm_item_view_get_item_id (GCM_ITEM_VIEW (w->item_view)), ==, id);
  g_assert_true (gcm_test_widget_is_shown (w->item_view));
  g_assert_nonnull (gcm_test_find_label (w->item_view, title));
}

/* Follows a link of the page as a click on it does. */
static void
click_link (Window     *w,
            const char *uri)
{
  GtkWidget *label = gcm_test_find_label (w->item_view, uri);
  gboolean handled = FALSE;

  g_assert_nonnull (label);
  g_signal_emit_by_name (label, "activate-link", uri, &handled);
  g_assert_true (handled);
}

static void
test_window_link_routes_to_item (void)
{
  Window w = { 0 };

  if (!gcm_test_run_in_subprocess ())
    return;

  window_open (&w, "item:manual/alpha/first");
  assert_page (&w, "manual/alpha/first", "First section");

  /* “See the second section” in the first section’s text */
  click_link (&w, "item:manual/beta/second");
  assert_page (&w, "manual/beta/second", "Second section");

  /* and “Back to the first section” in the second’s */
  click_link (&w, "item:manual/alpha/first");
  assert_page (&w, "manual/alpha/first", "First section");
  window_close (&w);
}

static void
test_window_back_and_forward (void)
{
  Window w = { 0 };

  if (!gcm_test_run_in_subprocess ())
    return;

  window_open (&w, "item:manual/alpha/first");
  assert_page (&w, "manual/alpha/first", "First section");
  /* Nothing before the first page: Back does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.back", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gcm_item_view_get_item_id (GCM_ITEM_VIEW (w.item_view)), ==,
                   "manual/alpha/first");

  click_link (&w, "item:manual/beta/second");
  assert_page (&w, "manual/beta/second", "Second section");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.back", NULL));
  assert_page (&w, "manual/alpha/first", "First section");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.forward", NULL));
  assert_page (&w, "manual/beta/second", "Second section");

  /* Back twice then a new page: forward leads nowhere. */
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.back", NULL);
  assert_page (&w, "manual/alpha/first", "First section");
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.show-bookmarks", NULL);
  gcm_test_wait_for_label (GTK_WIDGET (w.window), "No Bookmarks Yet");
  g_assert_false (gcm_test_widget_is_shown (w.item_view));
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.forward", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gcm_test_widget_is_shown (w.item_view));
  gtk_widget_activate_action (GTK_WIDGET (w.window), "win.back", NULL);
  assert_page (&w, "manual/alpha/first", "First section");
  window_close (&w);
}

static gboolean
item_view_hidden (gpointer user_data)
{
  return !gcm_test_widget_is_shown (user_data);
}

/* The header's bookmark button bookmarks the page shown: on any other place it is off. */
static void
test_window_bookmark_only_on_a_page (void)
{
  static const char * const places[] = { "win.show-review", "win.show-bookmarks", "win.show-whats-new" };
  Window w = { 0 };
  GtkWidget *button;

  if (!gcm_test_run_in_subprocess ())
    return;

  window_open (&w, "item:manual/alpha/first");
  button = gcm_test_find_button (GTK_WIDGET (w.window), "win.toggle-bookmark");
  g_assert_nonnull (button);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      assert_page (&w, "manual/alpha/first", "First section");
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), places[i], NULL));
      gcm_test_wait_until (item_view_hidden, w.item_view, places[i]);
      g_assert_false (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.back", NULL));
    }
  window_close (&w);
}

static void
test_window_missing_item (void)
{
  Window w = { 0 };

  if (!gcm_test_run_in_subprocess ())
    return;

  /* A page the user left that a content update then withdrew. */
  window_open (&w, "item:manual/alpha/withdrawn");
  gcm_test_wait_for_label (w.item_view, "This page is no longer in the manual");
  gcm_test_wait_for_label (w.item_view, "It was withdrawn by a content update");
  g_assert_cmpstr (gcm_item_view_get_item_id (GCM_ITEM_VIEW (w.item_view)), ==,
                   "manual/alpha/withdrawn");
  window_close (&w);
}

static gboolean
is_mapped (GtkWidget *widget,
           gpointer   user_data)
{
  return gcm_test_widget_is_shown (widget);
}

/* The store opens on a worker; when it cannot, a window of its own says why. */
static gboolean
status_page_shown (gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);

  GtkWidget *page = window != NULL ? gcm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                                                           is_mapped, NULL) : NULL;

  /* A spinner stands there first, while the store opens. */
  return page != NULL && adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)) != NULL;
}

static void
test_window_unreadable_content (void)
{
  g_autofree char *data = NULL;
  g_autofree char *content = NULL;
  GcmApplication *app;
  GtkWindow *window;
  AdwStatusPage *page;

  if (!gcm_test_run_in_subprocess ())
    return;

  /* content.db is there but cannot be opened as a file at all. */
  data = gcm_test_data_dir ();
  content = g_build_filename (data, "content.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (content, 0700), ==, 0);

  app = gcm_test_app_start ();
  g_application_activate (G_APPLICATION (app));
  gcm_test_wait_until (status_page_shown, app, "a status page to be shown");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  page = ADW_STATUS_PAGE (gcm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                                                is_mapped,
                                                NULL));
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-warning-symbolic");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Manual Cannot Open Its Data");
  /* The reason, in one sentence that says what to do */
  g_assert_nonnull (strstr (adw_status_page_get_description (page),
                            "content.db is a folder, not a database. Move it away"));
  gcm_test_app_stop (app);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/window/link-routes-to-item", test_window_link_routes_to_item);
  g_test_add_func ("/gcm/window/back-and-forward", test_window_back_and_forward);
  g_test_add_func ("/gcm/window/bookmark-only-on-a-page", test_window_bookmark_only_on_a_page);
  g_test_add_func ("/gcm/window/missing-item", test_window_missing_item);
  g_test_add_func ("/gcm/window/unreadable-content", test_window_unreadable_content);

  return g_test_run ();
}
