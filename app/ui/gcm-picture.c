/* gcm-picture.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmPicture shows a figure of a page at its natural size, scaled down to the width it is
 * given and never up. Unlike a shrinkable GtkPicture its minimum height is the height it needs
 * at that width, so a scrolled page can never lay it out with no height. The texture may hold
 * more pixels than the natural size (an SVG rendered for a HiDPI screen); it is drawn at the
 * natural size, so it stays crisp.
 */

#define G_LOG_DOMAIN "GcmPicture"

#include "config.h"

#include "gcm-image-loader.h"
#include "gcm-picture.h"

struct _GcmPicture
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  int         natural_width;   /* in logical pixels; 0 until a texture is set */
  int         natural_height;
};

G_DEFINE_FINAL_TYPE (GcmPicture, gcm_picture, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
gcm_picture_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gcm_picture_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GcmPicture *self = GCM_PICTURE (widget);
  gint64 width;

  if (self->natural_width <= 0 || self->natural_height <= 0)
    {
      *minimum = *natural = 0;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* It may shrink to any width; the height follows. */
      *minimum = 0;
      *natural = self->natural_width;
      return;
    }

  /* Rounded up, so the picture never gets a pixel less than it draws */
  width = for_size >= 0 ? MIN (for_size, self->natural_width) : self->natural_width;
  *minimum = *natural = (int) ((self->natural_height * width + self->natural_width - 1) /
                               self->natural_width);
}

static void
gcm_picture_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  GcmPicture *self = GCM_PICTURE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale, drawn_width, drawn_height;

  if (self->texture == NULL || self->natural_width <= 0 || self->natural_height <= 0)
    return;

  scale = MIN (1.0, MIN ((double) width / self->natural_width,
                         (double) height / self->natural_height));
  drawn_width = self->natural_width * scale;
  drawn_height = self->natural_height * scale;
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - drawn_width) / 2,
                                                    (height - drawn_height) / 2,
                                                    drawn_width, drawn_height));
}

static void
gcm_picture_dispose (GObject *object)
{
  GcmPicture *self = GCM_PICTURE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (gcm_picture_parent_class)->dispose (object);
}

static void
gcm_picture_class_init (GcmPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_picture_dispose;
  widget_class->get_request_mode = gcm_picture_get_request_mode;
  widget_class->measure = gcm_picture_measure;
  widget_class->snapshot = gcm_picture_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "picture");
}

static void
gcm_picture_init (GcmPicture *self)
{
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

/**
 * gcm_picture_new:
 * @alternative_text: what the picture shows, for screen readers
 */
GtkWidget *
gcm_picture_new (const char *alternative_text)
{
  GtkWidget *self = g_object_new (GCM_TYPE_PICTURE, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alternative_text,
                                  -1);
  return self;
}

/**
 * gcm_picture_set_texture:
 * @natural_width: the width to show it at, in logical pixels, when there is room
 * @natural_height: the height to show it at, in logical pixels
 */
void
gcm_picture_set_texture (GcmPicture *self,
                         GdkTexture *texture,
                         int         natural_width,
                         int         natural_height)
{
  g_return_if_fail (GCM_IS_PICTURE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  g_set_object (&self->texture, texture);
  self->natural_width = MAX (natural_width, 1);
  self->natural_height = MAX (natural_height, 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_file_loaded_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GcmPicture) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  texture = gcm_image_load_finish (result, &width, &height, &error);
  if (texture != NULL)
    gcm_picture_set_texture (self, texture, width, height);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not load the picture: %s", error->message);
}

/**
 * gcm_picture_load_file:
 * @path: an image file, decoded off the main thread
 * @max_width: the largest width to show it at, in logical pixels
 * @max_height: the largest height to show it at, in logical pixels
 * @cancellable: (nullable): cancelled when the page showing the picture goes
 *
 * Shows the image at @path once it is decoded; until then, and if it cannot be, the picture
 * stays empty.
 */
void
gcm_picture_load_file (GcmPicture   *self,
                       const char   *path,
                       int           max_width,
                       int           max_height,
                       GCancellable *cancellable)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (GCM_IS_PICTURE (self));
  g_return_if_fail (path != NULL);

  file = g_file_new_for_path (path);
  gcm_image_load_async (file, max_width, max_height, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                        cancellable, on_file_loaded_cb, g_object_ref (self));
}
