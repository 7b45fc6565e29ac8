/* gcm-image-loader.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decodes the manual's pictures off the main thread, at the size they are shown.
 */

#define G_LOG_DOMAIN "GcmImageLoader"

#include "config.h"

#include "gcm-image-loader.h"

/* What a worker decodes: the file, how large it may be shown and for how dense a screen. */
typedef struct
{
  GFile *file;
  int    max_width;       /* logical pixels */
  int    max_height;
  int    scale_factor;
  int    natural_width;   /* set by the worker: the size to show, in logical pixels */
  int    natural_height;
} ImageJob;

static void
image_job_free (ImageJob *job)
{
  g_object_unref (job->file);
  g_free (job);
}

static void
on_loader_size_prepared_cb (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            gpointer         user_data)
{
  ImageJob *job = user_data;
  double scale = 1.0;

  if (width <= 0 || height <= 0)
    return;

  /* Shown at its own size, but never larger than asked */
  scale = MIN (scale, (double) job->max_width / width);
  scale = MIN (scale, (double) job->max_height / height);
  job->natural_width = MAX (1, (int) (width * scale));
  job->natural_height = MAX (1, (int) (height * scale));

  /* Decoded with as many pixels as the screen shows there: SVGs stay crisp on HiDPI, and a
   * large photo is never held in memory at full size */
  scale *= job->scale_factor;
  if (!G_APPROX_VALUE (scale, 1.0, 0.001))
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

/* Runs in a worker thread: touches only the job it was given. */
static void
load_image_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ImageJob *job = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) error = NULL;
  guchar buffer[16384];
  GdkPixbuf *pixbuf;
  gssize n_read;

  stream = g_file_read (job->file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared_cb), job);

  while ((n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                        cancellable, &error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buffer, (gsize) n_read, &error))
        break;
    }

  /* A loader must always be closed, even after a failure */
  if (error != NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!gdk_pixbuf_loader_close (loader, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || job->natural_width == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The file holds no image");
      return;
    }

  /* Photos from cameras carry their rotation in EXIF */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (gdk_pixbuf_get_width (oriented) != gdk_pixbuf_get_width (pixbuf))
    {
      int width = job->natural_width;
      job->natural_width = job->natural_height;
      job->natural_height = width;
    }
  g_task_return_pointer (task, g_steal_pointer (&oriented), g_object_unref);
}

/**
 * gcm_image_load_async:
 * @max_width: the widest it will be shown, in logical pixels
 * @max_height: the tallest
 * @scale_factor: the screen's pixels per logical pixel
 *
 * Decodes a JPEG, PNG or SVG file on a worker, with no more pixels than it will be shown with:
 * never larger than @max_width × @max_height logical pixels, and at @scale_factor (at most 2)
 * pixels for each of them. The task holds no widget, so whoever asked may go away meanwhile.
 */
void
gcm_image_load_async (GFile               *file,
                      int                  max_width,
                      int                  max_height,
                      int                  scale_factor,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImageJob *job;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (ImageJob, 1);
  job->file = g_object_ref (file);
  job->max_width = MAX (max_width, 1);
  job->max_height = MAX (max_height, 1);
  job->scale_factor = CLAMP (scale_factor, 1, 2);
  g_task_set_source_tag (task, gcm_image_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) image_job_free);
  g_task_run_in_thread (task, load_image_thread);
}

/**
 * gcm_image_load_finish:
 * @natural_width: (out): the width to show it at, in logical pixels
 * @natural_height: (out): the height
 *
 * Returns: (transfer full) (nullable): the decoded image, or %NULL with @error set
 */
GdkTexture *
gcm_image_load_finish (GAsyncResult  *result,
                       int           *natural_width,
                       int           *natural_height,
                       GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  ImageJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  pixbuf = g_task_propagate_pointer (G_TASK (result), error);
  if (pixbuf == NULL)
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  *natural_width = job->natural_width;
  *natural_height = job->natural_height;
  return gdk_texture_new_for_pixbuf (pixbuf);
}
