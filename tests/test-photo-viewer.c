/* test-photo-viewer.c — zooming keeps the point under the pointer; photos page and close
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gcm-photo-viewer.h"
#include "gcm-zoom-view.h"

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GdkTexture *
texture_new (int width,
             int height)
{
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4),
                                               (gsize) width * height * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, pixels, (gsize) width * 4);
}

static GtkWidget *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  /* Wait for the first allocation. */
  for (int i = 0; i < 200 && gtk_widget_get_width (child) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  return window;
}

static void
test_zoom_keeps_point (void)
{
  GcmZoomView *view = GCM_ZOOM_VIEW (gcm_zoom_view_new ());
  GtkWidget *window = window_with (GTK_WIDGET (view), 400, 300);
  g_autoptr(GdkTexture) texture = texture_new (1600, 600);
  double width = gtk_widget_get_width (GTK_WIDGET (view));
  double before_x, before_y, after_x, after_y;

  g_assert_cmpfloat (width, >, 0);
  gcm_zoom_view_set_texture (view, texture, 1600, 600);
  /* Fitted: the whole width shows. */
  g_assert_true (gcm_zoom_view_is_fitted (view));
  g_assert_cmpfloat_with_epsilon (gcm_zoom_view_get_zoom (view), width / 1600, 1e-9);

  /* Zoom to 100 % around a point: the picture point under it stays put. */
  gcm_zoom_view_widget_to_image (view, width * 0.75, 100, &before_x, &before_y);
  gcm_zoom_view_zoom_at (view, 1.0, width * 0.75, 100);
  gcm_zoom_view_widget_to_image (view, width * 0.75, 100, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (gcm_zoom_view_get_zoom (view), 1.0, 1e-9);
  g_assert_false (gcm_zoom_view_is_fitted (view));
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-6);

  /* Panning stops at the picture's edge. */
  g_assert_true (gcm_zoom_view_pan (view, 100000, 0));
  gcm_zoom_view_widget_to_image (view, 0, 0, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, 0, 1e-6);
  g_assert_false (gcm_zoom_view_pan (view, 10, 0));

  /* It cannot zoom out past fitting, nor in past 800 %. */
  gcm_zoom_view_zoom_by (view, 0.0001);
  g_assert_true (gcm_zoom_view_is_fitted (view));
  gcm_zoom_view_zoom_by (view, 1000);
  g_assert_cmpfloat (gcm_zoom_view_get_zoom (view), ==, 8.0);
  gcm_zoom_view_fit (view);
  g_assert_true (gcm_zoom_view_is_fitted (view));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
on_close_cb (GcmPhotoViewer *viewer,
             gboolean       *closed)
{
  *closed = TRUE;
}

static char *
write_png (const char *dir,
           const char *name,
           int         width,
           int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return path;
}

static void
wait_loaded (GcmPhotoViewer *viewer)
{
  for (int i = 0; i < 500 && !gcm_photo_viewer_is_loaded (viewer); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gcm_photo_viewer_is_loaded (viewer));
}

static void
test_viewer_pages_and_closes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-photo-XXXXXX", NULL);
  g_autofree char *first = write_png (dir, "first.png", 300, 200);
  g_autofree char *second = write_png (dir, "second.png", 200, 300);
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_viewer_photo_free);
  GcmPhotoViewer *viewer = GCM_PHOTO_VIEWER (gcm_photo_viewer_new ());
  GtkWidget *window = window_with (GTK_WIDGET (viewer), 800, 600);
  gboolean closed = FALSE;

  g_ptr_array_add (photos, gcm_viewer_photo_new (first, "The first photo", "Test Customs", "CC-BY-4.0"));
  g_ptr_array_add (photos, gcm_viewer_photo_new (second, "The second photo", NULL, NULL));
  g_signal_connect (viewer, "close", G_CALLBACK (on_close_cb), &closed);
  gcm_photo_viewer_set_photos (viewer, photos, 0);
  wait_loaded (viewer);

  /* At the first photo, Previous is off. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous", NULL);
  g_assert_cmpuint (gcm_photo_viewer_get_index (viewer), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL));
  g_assert_cmpuint (gcm_photo_viewer_get_index (viewer), ==, 1);
  wait_loaded (viewer);
  /* At the last photo, Right (not zoomed in) has nowhere to go. */
  g_assert_false (gcm_photo_viewer_show_next (viewer, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.arrow", "(ii)", -1, 0));
  g_assert_cmpuint (gcm_photo_viewer_get_index (viewer), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.close", NULL));
  g_assert_true (closed);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/zoom-view/zoom-keeps-point", test_zoom_keeps_point);
  g_test_add_func ("/photo-viewer/pages-and-closes", test_viewer_pages_and_closes);
  return g_test_run ();
}
