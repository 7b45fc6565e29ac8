/* gcm-thumbnail-cache.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gallery thumbnails, decoded off the main thread at the size they are shown (never the whole
 * photo) and kept under $XDG_CACHE_HOME as PNGs named by the photo's content hash and pixel
 * size, so a thousand cards open from small files the second time. Media are content-addressed,
 * so a cached thumbnail never goes stale; a damaged one is decoded again.
 */

#define G_LOG_DOMAIN "GcmThumbnailCache"

#include "config.h"

#include <glib/gstdio.h>

#include "gcm-thumbnail-cache.h"

struct _GcmThumbnailCache
{
  GObject      parent_instance;

  char        *directory;
  GThreadPool *decoders;   /* (element-type GTask) */
};

G_DEFINE_FINAL_TYPE (GcmThumbnailCache, gcm_thumbnail_cache, G_TYPE_OBJECT)

typedef struct
{
  GFile *source;
  char  *cached;     /* where the thumbnail is kept */
  int    width;      /* device pixels of the box it must fit */
  int    height;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_object_unref (job->source);
  g_free (job->cached);
  g_free (job);
}

static void
gcm_thumbnail_cache_finalize (GObject *object)
{
  GcmThumbnailCache *self = GCM_THUMBNAIL_CACHE (object);

  /* Each queued task holds a reference on the cache, so the pool is idle here. */
  g_thread_pool_free (self->decoders, FALSE, TRUE);
  g_free (self->directory);
  G_OBJECT_CLASS (gcm_thumbnail_cache_parent_class)->finalize (object);
}

static void
gcm_thumbnail_cache_class_init (GcmThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_thumbnail_cache_finalize;
}

static void load_thumbnail_thread (gpointer data,
                                   gpointer user_data);

static void
gcm_thumbnail_cache_init (GcmThumbnailCache *self)
{
  /* As many decodes at a time as there are cores (at most four), first asked first served: the
   * grid binds the cells in view before those around them, so the screen fills first, and a
   * fast scroll cannot start a hundred decodes that fight each other for the processor. */
  self->decoders = g_thread_pool_new (load_thumbnail_thread, NULL,
                                      (int) CLAMP (g_get_num_processors (), 1, 4), FALSE, NULL);
}

GcmThumbnailCache *
gcm_thumbnail_cache_new (const char *directory)
{
  GcmThumbnailCache *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (GCM_TYPE_THUMBNAIL_CACHE, NULL);
  self->directory = g_strdup (directory);
  return self;
}

/* The cache of the user's $XDG_CACHE_HOME, shared by every gallery. (transfer none) */
GcmThumbnailCache *
gcm_thumbnail_cache_get_default (void)
{
  static GcmThumbnailCache *cache;

  if (g_once_init_enter (&cache))
    {
      g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "green-customs-manual",
                                                     "thumbnails", NULL);
      g_once_init_leave (&cache, gcm_thumbnail_cache_new (directory));
    }
  return cache;
}

char *
gcm_thumbnail_cache_dup_path (GcmThumbnailCache *self,
                              const char        *sha256,
                              int                pixels)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.png", sha256, pixels);

  g_return_val_if_fail (GCM_IS_THUMBNAIL_CACHE (self), NULL);
  return g_build_filename (self->directory, name, NULL);
}

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     ThumbnailJob    *job)
{
  double scale;

  if (width <= 0 || height <= 0)
    return;
  /* Cover the box, as a card crops its cover picture; never enlarge. */
  scale = MIN (1.0, MAX ((double) job->width / width, (double) job->height / height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
decode_at_size (ThumbnailJob  *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (job->source, cancellable, error);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  guchar buffer[16384];
  gssize n_read;
  gboolean written = TRUE;
  GdkPixbuf *pixbuf;

  if (stream == NULL)
    return NULL;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), job);
  while (written && (n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                                   cancellable, error)) > 0)
    written = gdk_pixbuf_loader_write (loader, buffer, (gsize) n_read, error);
  /* A loader must be closed even after a failure. */
  if (!written || n_read < 0)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The file holds no image");
      return NULL;
    }
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* The cache is a convenience: a failure to write it only costs a decode next time. */
static void
store_thumbnail (ThumbnailJob *job,
                 GdkPixbuf    *pixbuf)
{
  g_autofree char *directory = g_path_get_dirname (job->cached);
  g_autofree char *buffer = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  if (g_mkdir_with_parents (directory, 0700) != 0 ||
      !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, "compression", "1", NULL) ||
      !g_file_set_contents (job->cached, buffer, (gssize) size, &error))
    g_debug ("Could not keep a thumbnail in %s: %s", job->cached,
             error != NULL ? error->message : g_strerror (errno));
}

static void
load_thumbnail_thread (gpointer data,
                       gpointer user_data)
{
  g_autoptr(GTask) task = data;
  ThumbnailJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  /* A cell scrolled past before its turn came costs nothing. */
  if (g_task_return_error_if_cancelled (task))
    return;
  pixbuf = gdk_pixbuf_new_from_file (job->cached, NULL);
  if (pixbuf == NULL)
    {
      pixbuf = decode_at_size (job, cancellable, &error);
      if (pixbuf == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      store_thumbnail (job, pixbuf);
    }
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

/* Loads a thumbnail of @source (whose content hash is @sha256) that covers @width × @height
 * logical pixels on a screen of @scale_factor. */
void
gcm_thumbnail_cache_load_async (GcmThumbnailCache   *self,
                                GFile               *source,
                                const char          *sha256,
                                int                  width,
                                int                  height,
                                int                  scale_factor,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailJob *job;
  int scale = CLAMP (scale_factor, 1, 2);

  g_return_if_fail (GCM_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (sha256 != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_thumbnail_cache_load_async);
  job = g_new0 (ThumbnailJob, 1);
  job->source = g_object_ref (source);
  job->width = MAX (width, 1) * scale;
  job->height = MAX (height, 1) * scale;
  job->cached = gcm_thumbnail_cache_dup_path (self, sha256, MAX (job->width, job->height));
  g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);
  g_thread_pool_push (self->decoders, g_steal_pointer (&task), NULL);
}

GdkTexture *
gcm_thumbnail_cache_load_finish (GcmThumbnailCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
