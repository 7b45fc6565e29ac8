/* test-document-view.c — pictures and captions of a page, laid out in a real window
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <unistd.h>

#include "gcm-document-view.h"
#include "gcm-picture.h"

static GdkTexture *
texture_new (int width,
             int height)
{
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4),
                                               (gsize) width * height * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, pixels, (gsize) width * 4);
}

static int
height_for_width (GtkWidget *widget,
                  int        width)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural);
  return minimum;
}

static void
test_picture_measure (void)
{
  GtkWidget *picture = g_object_ref_sink (gcm_picture_new ("A label"));
  g_autoptr(GdkTexture) texture = texture_new (400, 200);
  int minimum, natural;

  /* Nothing to show yet: no size. */
  g_assert_cmpint (height_for_width (picture, 300), ==, 0);

  /* Drawn at 200 × 100 logical pixels from a texture with twice as many (a HiDPI screen). */
  gcm_picture_set_texture (GCM_PICTURE (picture), texture, 200, 100);
  gtk_widget_measure (picture, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 200);
  g_assert_cmpint (height_for_width (picture, -1), ==, 100);
  /* Narrower than the picture: it scales down and keeps its shape. */
  g_assert_cmpint (height_for_width (picture, 100), ==, 50);
  g_assert_cmpint (height_for_width (picture, 101), ==, 51);   /* rounded up, never cut */
  /* Wider: it stays at its own size. */
  g_assert_cmpint (height_for_width (picture, 1000), ==, 100);

  g_object_unref (picture);
}

static GtkWidget *
find_picture (GtkWidget *widget)
{
  if (GCM_IS_PICTURE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_picture (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* A page taller than its window, as every page with pictures is: the picture below the text
 * must get its height, and its caption must sit under it. */
static void
test_document_view_picture_in_scrolled_page (void)
{
  g_autoptr(GdkPixbuf) drawing = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 20);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "gcm-test-picture-XXXXXX.png", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_mkstemp (png);
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GcmDocument) document = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gcm_document_view_new ();
  GtkWidget *picture, *figure, *caption;
  gboolean timed_out = FALSE;
  guint timeout;

  /* A PNG of 40 × 20 pixels (SVGs go through the same loader; librsvg keeps allocations
   * LeakSanitizer cannot name) */
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  gdk_pixbuf_fill (drawing, 0x2a7ab0ff);
  gdk_pixbuf_save (drawing, png, "png", &error, NULL);
  g_assert_no_error (error);
  uri = g_filename_to_uri (png, NULL, NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (markdown, "A paragraph of the manual that fills the page.\n\n");
  g_string_append_printf (markdown, "![A container](%s)\n\n*Figure: a container.*\n", uri);
  document = gcm_document_new_from_markdown (markdown->str, -1);
  gcm_document_view_set_document (GCM_DOCUMENT_VIEW (view), document);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_present (GTK_WINDOW (window));

  picture = find_picture (view);
  g_assert_nonnull (picture);
  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!timed_out && gtk_widget_get_height (picture) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* The picture is 40 × 20: shown at its own size, not stretched to the column. */
  g_assert_cmpint (gtk_widget_get_width (picture), ==, 40);
  g_assert_cmpint (gtk_widget_get_height (picture), ==, 20);

  figure = gtk_widget_get_parent (picture);
  caption = gtk_widget_get_next_sibling (picture);
  g_assert_true (GTK_IS_LABEL (caption));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==, "Figure: a container.");
  g_assert_true (gtk_widget_get_parent (caption) == figure);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/picture/measure", test_picture_measure);
  g_test_add_func ("/document-view/picture-in-scrolled-page",
                   test_document_view_picture_in_scrolled_page);

  return g_test_run ();
}
