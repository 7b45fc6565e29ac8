/* bench-photo-memory.c — peak memory of a 20,000 × 20,000 px JPEG thumbnailed and opened in the viewer
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JPEG is written by a child process, so its own 1.2 GB of pixels never count here. Then
 * a gallery card thumbnails it, and the viewer opens it in a real window; the process's peak
 * resident size (VmHWM) is reported after each. The baseline is the same window showing a 1,000 px
 * photo. Targets: the thumbnail under 512 MiB, the viewer under 1 GiB.
 */

#include <adwaita.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gcm-photo-viewer.h"
#include "gcm-thumbnail-cache.h"

#define SIDE 20000

static void
write_jpeg (const char *path,
            int         side)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, side, side);
      guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);

      for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++)
          {
            guchar *p = pixels + (gsize) y * stride + (gsize) x * 3;
            p[0] = (x / 250) % 2 ? 200 : 40;
            p[1] = (y / 250) % 2 ? 180 : 60;
            p[2] = (x ^ y) & 0xff;
          }
      _exit (gdk_pixbuf_save (pixbuf, path, "jpeg", NULL, "quality", "85", NULL) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static gint64
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static gint64
open_in_viewer (const char *path)
{
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_viewer_photo_free);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *viewer = gcm_photo_viewer_new ();
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_ptr_array_add (photos, gcm_viewer_photo_new (path, "A test photo", NULL, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), viewer);
  gtk_window_present (GTK_WINDOW (window));
  gcm_photo_viewer_set_photos (GCM_PHOTO_VIEWER (viewer), photos, 0);
  while (!gcm_photo_viewer_is_loaded (GCM_PHOTO_VIEWER (viewer)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gcm_photo_viewer_is_loaded (GCM_PHOTO_VIEWER (viewer)));
  /* Let it draw a few frames, so the renderer's copy counts too. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  gtk_window_destroy (GTK_WINDOW (window));
  return peak_kib ();
}

static void
on_thumbnail_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gcm_thumbnail_cache_load_finish (GCM_THUMBNAIL_CACHE (object), result, &error);
  g_assert_no_error (error);
}

/* A gallery card's thumbnail of the photo, as the gallery asks for it: decoded at the size shown. */
static gint64
thumbnail (const char *path,
           const char *cache_dir)
{
  g_autoptr(GcmThumbnailCache) cache = gcm_thumbnail_cache_new (cache_dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;

  gcm_thumbnail_cache_load_async (cache, file,
                                  "0000000000000000000000000000000000000000000000000000000000000000",
                                  300, 200, 1, NULL, on_thumbnail_cb, &texture);
  while (texture == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 300);   /* the square photo covers the card */
  return peak_kib ();
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-photo-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small.jpg", NULL);
  g_autofree char *large = g_build_filename (dir, "large.jpg", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  gint64 baseline, thumbnailed, peak;

  write_jpeg (small, 1000);
  write_jpeg (large, SIDE);
  gtk_init ();
  adw_init ();

  baseline = open_in_viewer (small);
  thumbnailed = thumbnail (large, cache_dir);
  peak = open_in_viewer (large);
  g_print ("photo viewer peak memory: %" G_GINT64_FORMAT " MiB for a %d × %d JPEG "
           "(baseline with a 1,000 px photo: %" G_GINT64_FORMAT " MiB; target < 1024 MiB)\n",
           peak / 1024, SIDE, SIDE, baseline / 1024);
  /* Fully decoded, the photo alone would take 1,144 MiB. */
  g_print ("gallery thumbnail peak memory: %" G_GINT64_FORMAT " MiB for the same JPEG at 300 × 200 "
           "(target < 512 MiB)\n", thumbnailed / 1024);
  g_unlink (small);
  g_unlink (large);
  g_rmdir (dir);
  return peak < 1024 * 1024 && thumbnailed < 512 * 1024 ? 0 : 1;
}
