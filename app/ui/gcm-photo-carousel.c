/* gcm-photo-carousel.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case's photos one at a time, as gnome-software shows screenshots: an AdwCarousel with
 * indicator dots and previous/next buttons, and under it the photo's caption, credit and licence.
 * Each photo is a button: a click or Enter emits "photo-activated" to open the full viewer.
 * Pictures come from the thumbnail cache at the size shown, decoded off the main thread; the
 * wheel does not page, so the page around it still scrolls.
 */

#define G_LOG_DOMAIN "GcmPhotoCarousel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gcm-photo-carousel.h"
#include "gcm-photo-viewer.h"
#include "gcm-picture.h"
#include "gcm-thumbnail-cache.h"

#define PHOTO_WIDTH  720
#define PHOTO_HEIGHT 405

struct _GcmPhotoCarousel
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  AdwCarousel  *carousel;
  GtkWidget    *dots;
  GtkWidget    *previous;
  GtkWidget    *next;
  GtkWidget    *caption;
  GtkWidget    *credit;
  GPtrArray    *photos;       /* GcmViewerPhoto */
  GPtrArray    *pictures;     /* GcmPicture, one per page */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (GcmPhotoCarousel, gcm_photo_carousel, GTK_TYPE_WIDGET)

enum {
  PHOTO_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
current_index (GcmPhotoCarousel *self)
{
  double position = adw_carousel_get_position (self->carousel);

  return (guint) CLAMP (position + 0.5, 0, MAX (self->photos->len, 1) - 1);
}

static void
update_page (GcmPhotoCarousel *self)
{
  guint index = current_index (self);
  const GcmViewerPhoto *photo;
  g_autoptr(GString) credit = g_string_new (NULL);

  gtk_widget_set_sensitive (self->previous, index > 0);
  gtk_widget_set_sensitive (self->next, index + 1 < self->photos->len);
  if (self->photos->len == 0)
    return;
  photo = g_ptr_array_index (self->photos, index);
  gtk_label_set_text (GTK_LABEL (self->caption), photo->caption ? photo->caption : "");
  if (photo->credit != NULL)
    {
      /* Translators: who took or owns a photo */
      g_string_append_printf (credit, _("Photo: %s"), photo->credit);
    }
  if (photo->licence != NULL)
    {
      if (credit->len > 0)
        g_string_append (credit, " · ");
      g_string_append (credit, photo->licence);
    }
  gtk_label_set_text (GTK_LABEL (self->credit), credit->str);
  gtk_widget_set_visible (self->credit, credit->len > 0);
}

static void
scroll_by (GcmPhotoCarousel *self,
           int               step)
{
  int index = (int) current_index (self) + step;

  if (index < 0 || index >= (int) self->photos->len)
    return;
  adw_carousel_scroll_to (self->carousel,
                          adw_carousel_get_nth_page (self->carousel, (guint) index), TRUE);
}

static void
on_previous_cb (GcmPhotoCarousel *self)
{
  scroll_by (self, -1);
}

static void
on_next_cb (GcmPhotoCarousel *self)
{
  scroll_by (self, 1);
}

static void
on_photo_clicked_cb (GtkButton        *button,
                     GcmPhotoCarousel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gcm-index"));

  /* Focus goes back here when the viewer closes, however it was opened. */
  gtk_widget_grab_focus (GTK_WIDGET (button));

  g_signal_emit (self, signals[PHOTO_ACTIVATED], 0, index);
}

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GcmPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gcm_thumbnail_cache_load_finish (GCM_THUMBNAIL_CACHE (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  gcm_picture_set_texture (picture, texture, gdk_texture_get_width (texture),
                           gdk_texture_get_height (texture));
}

static void
clear (GcmPhotoCarousel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while (adw_carousel_get_n_pages (self->carousel) > 0)
    adw_carousel_remove (self->carousel, adw_carousel_get_nth_page (self->carousel, 0));
  g_ptr_array_set_size (self->photos, 0);
  g_ptr_array_set_size (self->pictures, 0);
}

static char *
object_path (const char *objects_path,
             const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (objects_path, prefix, sha256, NULL);
}

void
gcm_photo_carousel_set_item (GcmPhotoCarousel *self,
                             GcmItem          *item,
                             const char       *objects_path)
{
  GcmThumbnailCache *cache = gcm_thumbnail_cache_get_default ();
  GPtrArray *photos;

  g_return_if_fail (GCM_IS_PHOTO_CAROUSEL (self));

  clear (self);
  if (item == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  photos = gcm_item_get_photos (item);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const GcmItemPhoto *photo = g_ptr_array_index (photos, i);
      const char *sha256 = photo->file ? gcm_item_lookup_media (item, photo->file) : NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *label = NULL;
      GtkWidget *button, *picture;
      guint index = self->photos->len;

      if (sha256 == NULL || strlen (sha256) != 64)
        continue;
      path = object_path (objects_path, sha256);
      g_ptr_array_add (self->photos, gcm_viewer_photo_new (path, photo->caption, photo->credit,
                                                           photo->licence));
      picture = gcm_picture_new (photo->caption ? photo->caption : "");
      gtk_widget_set_size_request (picture, -1, 200);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), picture);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "photo-button");
      gtk_widget_set_hexpand (button, TRUE);
      /* Translators: the button that opens photo %u of %u full size */
      label = g_strdup_printf (_("Open Photo %u of %u"), index + 1, photos->len);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      photo->caption ? photo->caption : "", -1);
      g_object_set_data (G_OBJECT (button), "gcm-index", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (on_photo_clicked_cb), self);
      adw_carousel_append (self->carousel, button);
      g_ptr_array_add (self->pictures, picture);

      file = g_file_new_for_path (path);
      gcm_thumbnail_cache_load_async (cache, file, sha256, PHOTO_WIDTH, PHOTO_HEIGHT,
                                      gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                      self->cancellable, thumbnail_cb, g_object_ref (picture));
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->photos->len > 0);
  gtk_widget_set_visible (self->dots, self->photos->len > 1);
  gtk_widget_set_visible (self->previous, self->photos->len > 1);
  gtk_widget_set_visible (self->next, self->photos->len > 1);
  update_page (self);
}

GPtrArray *
gcm_photo_carousel_dup_viewer_photos (GcmPhotoCarousel *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (GCM_IS_PHOTO_CAROUSEL (self), NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_viewer_photo_free);
  for (guint i = 0; i < self->photos->len; i++)
    {
      const GcmViewerPhoto *photo = g_ptr_array_index (self->photos, i);

      g_ptr_array_add (copy, gcm_viewer_photo_new (photo->path, photo->caption, photo->credit,
                                                   photo->licence));
    }
  return copy;
}

static GtkWidget *
nav_button (const char *icon_name,
            const char *label,
            GtkAlign    halign)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_set_halign (button, halign);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
gcm_photo_carousel_dispose (GObject *object)
{
  GcmPhotoCarousel *self = GCM_PHOTO_CAROUSEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  G_OBJECT_CLASS (gcm_photo_carousel_parent_class)->dispose (object);
}

static void
gcm_photo_carousel_class_init (GcmPhotoCarouselClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gcm_photo_carousel_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * GcmPhotoCarousel::photo-activated:
   * @index: the photo to open full size
   */
  signals[PHOTO_ACTIVATED] = g_signal_new ("photo-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gcm_photo_carousel_init (GcmPhotoCarousel *self)
{
  GtkWidget *overlay;

  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_viewer_photo_free);
  self->pictures = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  overlay = gtk_overlay_new ();
  self->carousel = ADW_CAROUSEL (adw_carousel_new ());
  adw_carousel_set_allow_scroll_wheel (self->carousel, FALSE);
  adw_carousel_set_spacing (self->carousel, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->carousel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Photos"), -1);
  g_signal_connect_swapped (self->carousel, "notify::position", G_CALLBACK (update_page), self);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->carousel));
  self->previous = nav_button ("go-previous-symbolic", _("Previous Photo"), GTK_ALIGN_START);
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (on_previous_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->previous);
  self->next = nav_button ("go-next-symbolic", _("Next Photo"), GTK_ALIGN_END);
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (on_next_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->next);
  gtk_box_append (GTK_BOX (self->box), overlay);

  self->dots = adw_carousel_indicator_dots_new ();
  adw_carousel_indicator_dots_set_carousel (ADW_CAROUSEL_INDICATOR_DOTS (self->dots), self->carousel);
  gtk_box_append (GTK_BOX (self->box), self->dots);

  self->caption = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->caption), 0);
  gtk_box_append (GTK_BOX (self->box), self->caption);
  self->credit = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->credit), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->credit), 0);
  gtk_widget_add_css_class (self->credit, "caption");
  gtk_widget_add_css_class (self->credit, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->credit);
}

GtkWidget *
gcm_photo_carousel_new (void)
{
  return g_object_new (GCM_TYPE_PHOTO_CAROUSEL, NULL);
}
