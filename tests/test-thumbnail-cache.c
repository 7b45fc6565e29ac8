/* test-thumbnail-cache.c — thumbnails at the size shown, kept by content hash and size
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gcm-thumbnail-cache.h"

#define SHA "8e3e64ccbbf0d487f54bbc311f0e3920daecd6394559c9d7aa047b443f608ebb"

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Result;

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *out = user_data;

  out->texture = gcm_thumbnail_cache_load_finish (GCM_THUMBNAIL_CACHE (object), result, &out->error);
  out->done = TRUE;
}

static GdkTexture *
load_thumbnail (GcmThumbnailCache *cache,
                GFile             *source,
                int                width,
                int                height)
{
  Result result = { 0 };

  gcm_thumbnail_cache_load_async (cache, source, SHA, width, height, 1, NULL, on_loaded_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  return result.texture;
}

static void
test_cached_at_size (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-thumbs-XXXXXX", NULL);
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autoptr(GcmThumbnailCache) cache = gcm_thumbnail_cache_new (cache_dir);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2000, 1000);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) small = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *cached_small = NULL;

  gdk_pixbuf_fill (pixbuf, 0x884422ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, photo, "png", NULL, NULL));
  source = g_file_new_for_path (photo);

  /* A 300 × 200 card: decoded to cover it, not at 2,000 px. */
  first = load_thumbnail (cache, source, 300, 200);
  g_assert_cmpint (gdk_texture_get_height (first), ==, 200);
  g_assert_cmpint (gdk_texture_get_width (first), ==, 400);
  cached = gcm_thumbnail_cache_dup_path (cache, SHA, 300);
  g_assert_true (g_file_test (cached, G_FILE_TEST_IS_REGULAR));

  /* The second time it comes from the cache, even with the photo gone. */
  g_assert_cmpint (g_unlink (photo), ==, 0);
  again = load_thumbnail (cache, source, 300, 200);
  g_assert_cmpint (gdk_texture_get_width (again), ==, 400);

  /* A damaged cache file is decoded again from the photo. */
  g_assert_true (gdk_pixbuf_save (pixbuf, photo, "png", NULL, NULL));
  g_assert_true (g_file_set_contents (cached, "not a png", -1, NULL));
  g_clear_object (&again);
  again = load_thumbnail (cache, source, 300, 200);
  g_assert_cmpint (gdk_texture_get_width (again), ==, 400);

  /* Another size is another file. */
  small = load_thumbnail (cache, source, 60, 60);
  g_assert_cmpint (gdk_texture_get_height (small), ==, 60);
  cached_small = gcm_thumbnail_cache_dup_path (cache, SHA, 60);
  g_assert_true (g_file_test (cached_small, G_FILE_TEST_IS_REGULAR));

  g_unlink (cached);
  g_unlink (cached_small);
  g_unlink (photo);
  g_rmdir (cache_dir);
  g_rmdir (dir);
}

/* A photo that is not an image gives an error, for which the gallery keeps its placeholder, and
 * nothing is cached; a JPEG cut short shows what it holds, at the card's size. Neither crashes. */
static Result
load_broken (GcmThumbnailCache *cache,
             const char        *path)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  Result result = { 0 };

  gcm_thumbnail_cache_load_async (cache, source, SHA, 300, 200, 1, NULL, on_loaded_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static void
test_broken_photos (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-thumbs-XXXXXX", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.jpg", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.jpg", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.jpg", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autoptr(GcmThumbnailCache) cache = gcm_thumbnail_cache_new (cache_dir);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 1200);
  g_autofree char *bytes = NULL;
  g_autofree char *cached = gcm_thumbnail_cache_dup_path (cache, SHA, 300);
  gsize length;
  Result result;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, whole, "jpeg", NULL, NULL));
  g_assert_true (g_file_get_contents (whole, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (cut, bytes, (gssize) length / 3, NULL));
  g_assert_true (g_file_set_contents (junk, "\xff\xd8\xff not a JPEG at all", -1, NULL));

  result = load_broken (cache, junk);
  g_assert_null (result.texture);
  g_assert_nonnull (result.error);
  g_clear_error (&result.error);
  g_assert_false (g_file_test (cached, G_FILE_TEST_EXISTS));

  result = load_broken (cache, cut);
  if (result.texture != NULL)   /* covering the card, as a whole photo would */
    {
      g_assert_cmpint (gdk_texture_get_width (result.texture), ==, 300);
      g_assert_cmpint (gdk_texture_get_height (result.texture), ==, 225);
    }
  else
    g_assert_nonnull (result.error);
  g_clear_object (&result.texture);
  g_clear_error (&result.error);

  g_unlink (cached);
  g_unlink (whole);
  g_unlink (cut);
  g_unlink (junk);
  g_rmdir (cache_dir);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/thumbnail-cache/cached-at-size", test_cached_at_size);
  g_test_add_func ("/thumbnail-cache/broken-photos", test_broken_photos);
  return g_test_run ();
}
