/* gcm-photo-viewer.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case's photos, one at a time over the whole window: zoom (Ctrl+scroll, pinch, + and −,
 * double click or 0 and 1), pan (drag, arrows), previous and next (buttons, Page Up and Down, or
 * the arrows when the photo is not zoomed in), caption, credit and licence, Escape to close.
 * Only the photo shown is decoded, off the main thread, at most
 * GCM_PHOTO_VIEWER_MAX_PIXELS along a side.
 */

#define G_LOG_DOMAIN "GcmPhotoViewer"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-image-loader.h"
#include "gcm-photo-viewer.h"
#include "gcm-zoom-view.h"

#define ZOOM_STEP 1.25
#define PAN_STEP  64

struct _GcmPhotoViewer
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkOverlay   *overlay;
  GcmZoomView  *zoom_view;
  GtkSpinner   *spinner;
  GtkLabel     *counter_label;
  GtkButton    *zoom_button;
  GtkButton    *previous_button;
  GtkButton    *next_button;
  GtkLabel     *caption_label;
  GtkLabel     *credit_label;

  /* Owned */
  GPtrArray    *photos;       /* (element-type GcmViewerPhoto) */
  GCancellable *loading;
  guint         index;
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (GcmPhotoViewer, gcm_photo_viewer, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GcmViewerPhoto *
gcm_viewer_photo_new (const char *path,
                      const char *caption,
                      const char *credit,
                      const char *licence)
{
  GcmViewerPhoto *photo = g_new0 (GcmViewerPhoto, 1);

  photo->path = g_strdup (path);
  photo->caption = g_strdup (caption);
  photo->credit = g_strdup (credit);
  photo->licence = g_strdup (licence);
  return photo;
}

void
gcm_viewer_photo_free (GcmViewerPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->path);
  g_free (photo->caption);
  g_free (photo->credit);
  g_free (photo->licence);
  g_free (photo);
}

static void
on_photo_loaded_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GcmPhotoViewer) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  texture = gcm_image_load_finish (result, &width, &height, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (texture == NULL)
    {
      g_debug ("Could not open the photo: %s", error->message);
      gtk_label_set_label (self->caption_label, _("This photo could not be opened."));
      return;
    }
  gcm_zoom_view_set_texture (self->zoom_view, texture, width, height);
  self->loaded = TRUE;
}

static void
update_actions (GcmPhotoViewer *self)
{
  guint n = self->photos != NULL ? self->photos->len : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < n);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_button), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), n > 1);
}

static void
show_photo (GcmPhotoViewer *self)
{
  GcmViewerPhoto *photo = g_ptr_array_index (self->photos, self->index);
  g_autoptr(GFile) file = g_file_new_for_path (photo->path);
  g_autofree char *counter = g_strdup_printf (_("%u of %u"), self->index + 1, self->photos->len);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int max_size = GCM_PHOTO_VIEWER_MAX_PIXELS / MAX (scale, 1);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  self->loaded = FALSE;

  /* The old photo goes before the new one is decoded, so two are never held at once. */
  gcm_zoom_view_set_texture (self->zoom_view, NULL, 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_label_set_label (self->counter_label, counter);
  gtk_label_set_label (self->caption_label, photo->caption != NULL ? photo->caption : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  photo->caption != NULL ? photo->caption : _("Photo"), -1);
  if (photo->credit != NULL || photo->licence != NULL)
    {
      g_autofree char *credit = NULL;

      if (photo->credit != NULL && photo->licence != NULL)
        credit = g_strdup_printf (_("Photo: %s · %s"), photo->credit, photo->licence);
      else
        credit = g_strdup_printf (_("Photo: %s"), photo->credit != NULL ? photo->credit : photo->licence);
      gtk_label_set_label (self->credit_label, credit);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->credit_label), photo->credit != NULL || photo->licence != NULL);
  update_actions (self);

  gcm_image_load_async (file, max_size, max_size, scale, self->loading, on_photo_loaded_cb,
                        g_object_ref (self));
}

/* Moves @step photos on; returns FALSE at either end. */
gboolean
gcm_photo_viewer_show_next (GcmPhotoViewer *self,
                            int             step)
{
  gint64 index;

  g_return_val_if_fail (GCM_IS_PHOTO_VIEWER (self), FALSE);
  if (self->photos == NULL)
    return FALSE;
  index = (gint64) self->index + step;
  if (index < 0 || index >= self->photos->len)
    return FALSE;
  self->index = (guint) index;
  show_photo (self);
  return TRUE;
}

static void
on_zoom_changed_cb (GcmPhotoViewer *self)
{
  g_autofree char *label = g_strdup_printf ("%.0f %%", 100 * gcm_zoom_view_get_zoom (self->zoom_view));

  gtk_button_set_label (self->zoom_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gcm_zoom_view_is_fitted (self->zoom_view) ? _("Show at 100 %")
                                                                            : _("Fit to Window"), -1);
}

/* Actions */

static void
zoom_in_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gcm_zoom_view_zoom_by (GCM_PHOTO_VIEWER (widget)->zoom_view, ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gcm_zoom_view_zoom_by (GCM_PHOTO_VIEWER (widget)->zoom_view, 1 / ZOOM_STEP);
}

static void
zoom_fit_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gcm_zoom_view_fit (GCM_PHOTO_VIEWER (widget)->zoom_view);
}

static void
zoom_original_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GcmZoomView *view = GCM_PHOTO_VIEWER (widget)->zoom_view;

  gcm_zoom_view_zoom_at (view, 1.0, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (view)) / 2.0);
}

static void
zoom_toggle_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  if (gcm_zoom_view_is_fitted (GCM_PHOTO_VIEWER (widget)->zoom_view))
    zoom_original_cb (widget, name, parameter);
  else
    zoom_fit_cb (widget, name, parameter);
}

static void
previous_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gcm_photo_viewer_show_next (GCM_PHOTO_VIEWER (widget), -1);
}

static void
next_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gcm_photo_viewer_show_next (GCM_PHOTO_VIEWER (widget), 1);
}

static void
close_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

/* Arrows pan a zoomed photo; where it cannot pan, left and right change photo. */
static void
arrow_cb (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GcmPhotoViewer *self = GCM_PHOTO_VIEWER (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (gcm_zoom_view_pan (self->zoom_view, -dx * PAN_STEP, -dy * PAN_STEP) || dx == 0)
    return;
  gcm_photo_viewer_show_next (self, dx);
}

/* GObject */

static void
gcm_photo_viewer_dispose (GObject *object)
{
  GcmPhotoViewer *self = GCM_PHOTO_VIEWER (object);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_PHOTO_VIEWER);
  g_clear_pointer (&self->photos, g_ptr_array_unref);

  G_OBJECT_CLASS (gcm_photo_viewer_parent_class)->dispose (object);
}

static void
gcm_photo_viewer_class_init (GcmPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_plus, "viewer.zoom-in" }, { GDK_KEY_equal, "viewer.zoom-in" },
    { GDK_KEY_KP_Add, "viewer.zoom-in" }, { GDK_KEY_minus, "viewer.zoom-out" },
    { GDK_KEY_KP_Subtract, "viewer.zoom-out" }, { GDK_KEY_0, "viewer.zoom-fit" },
    { GDK_KEY_1, "viewer.zoom-original" }, { GDK_KEY_Page_Up, "viewer.previous" },
    { GDK_KEY_Page_Down, "viewer.next" }, { GDK_KEY_Escape, "viewer.close" },
  };
  struct { guint keyval; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
  };

  object_class->dispose = gcm_photo_viewer_dispose;

  /* Escape or the close button: the window takes the viewer away. */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_original_cb);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-toggle", NULL, zoom_toggle_cb);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_cb);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "viewer.close", NULL, close_cb);
  gtk_widget_class_install_action (widget_class, "viewer.arrow", "(ii)", arrow_cb);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].keyval, 0, keys[i].action, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, 0, "viewer.arrow",
                                         "(ii)", arrows[i].dx, arrows[i].dy);

  g_type_ensure (GCM_TYPE_ZOOM_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, overlay);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, zoom_view);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, spinner);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, counter_label);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, next_button);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, caption_label);
  gtk_widget_class_bind_template_child (widget_class, GcmPhotoViewer, credit_label);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "photoviewer");
}

static void
gcm_photo_viewer_init (GcmPhotoViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_zoom_changed_cb (self);
}

GtkWidget *
gcm_photo_viewer_new (void)
{
  return g_object_new (GCM_TYPE_PHOTO_VIEWER, NULL);
}

/* @photos: (element-type GcmViewerPhoto): the case's photos; the viewer opens on @index. */
void
gcm_photo_viewer_set_photos (GcmPhotoViewer *self,
                             GPtrArray      *photos,
                             guint           index)
{
  g_return_if_fail (GCM_IS_PHOTO_VIEWER (self));
  g_return_if_fail (photos != NULL && index < photos->len);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  self->photos = g_ptr_array_ref (photos);
  self->index = index;
  show_photo (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->zoom_view));
}

guint
gcm_photo_viewer_get_index (GcmPhotoViewer *self)
{
  g_return_val_if_fail (GCM_IS_PHOTO_VIEWER (self), 0);
  return self->index;
}

/* Whether the photo shown has been decoded. */
gboolean
gcm_photo_viewer_is_loaded (GcmPhotoViewer *self)
{
  g_return_val_if_fail (GCM_IS_PHOTO_VIEWER (self), FALSE);
  return self->loaded;
}
