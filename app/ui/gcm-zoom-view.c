/* gcm-zoom-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One picture that can be zoomed and panned, as in Image Viewer: Ctrl+scroll and pinch zoom
 * around the pointer, so the point under it stays put; a double click switches between fitting
 * the window and 100 %; dragging pans. The zoom is in screen pixels per picture pixel at the
 * picture's natural size; "fitted" follows the window as it resizes.
 */

#define G_LOG_DOMAIN "GcmZoomView"

#include "config.h"

#include <math.h>

#include "gcm-zoom-view.h"

#define MAX_ZOOM 8.0

struct _GcmZoomView
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  int         natural_width;
  int         natural_height;
  double      zoom;
  double      tx, ty;          /* where the picture's top-left corner is drawn */
  gboolean    fitted;
  double      drag_tx, drag_ty;
  double      pinch_zoom;
  double      pointer_x, pointer_y;
};

G_DEFINE_FINAL_TYPE (GcmZoomView, gcm_zoom_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
fit_zoom (GcmZoomView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->natural_width <= 0 || width <= 0 || height <= 0)
    return 1.0;
  /* Small pictures are not blown up to fill the window. */
  return MIN (1.0, MIN ((double) width / self->natural_width, (double) height / self->natural_height));
}

/* Centres the picture on an axis where it is smaller than the window; elsewhere keeps the
 * window covered, so panning never shows empty space beside a large picture. */
static void
clamp_translation (GcmZoomView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double shown_width = self->natural_width * self->zoom;
  double shown_height = self->natural_height * self->zoom;

  if (shown_width <= width)
    self->tx = (width - shown_width) / 2;
  else
    self->tx = CLAMP (self->tx, width - shown_width, 0);
  if (shown_height <= height)
    self->ty = (height - shown_height) / 2;
  else
    self->ty = CLAMP (self->ty, height - shown_height, 0);
}

static void
set_zoom (GcmZoomView *self,
          double       zoom,
          double       x,
          double       y)
{
  double old = self->zoom;

  zoom = CLAMP (zoom, MIN (fit_zoom (self), 1.0), MAX_ZOOM);
  /* The picture point under (x, y) stays under it. */
  self->tx = x - (x - self->tx) * zoom / old;
  self->ty = y - (y - self->ty) * zoom / old;
  self->zoom = zoom;
  self->fitted = G_APPROX_VALUE (zoom, fit_zoom (self), 1e-6);
  clamp_translation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!G_APPROX_VALUE (old, zoom, 1e-9))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
gcm_zoom_view_fit (GcmZoomView *self)
{
  g_return_if_fail (GCM_IS_ZOOM_VIEW (self));

  self->zoom = fit_zoom (self);
  self->fitted = TRUE;
  clamp_translation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
gcm_zoom_view_zoom_at (GcmZoomView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  g_return_if_fail (GCM_IS_ZOOM_VIEW (self));
  set_zoom (self, zoom, x, y);
}

/* Zooms around the middle of the window, for the + and − keys. */
void
gcm_zoom_view_zoom_by (GcmZoomView *self,
                       double       factor)
{
  g_return_if_fail (GCM_IS_ZOOM_VIEW (self));
  set_zoom (self, self->zoom * factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
            gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Moves the picture by (dx, dy) screen pixels; returns FALSE when it could not move at all. */
gboolean
gcm_zoom_view_pan (GcmZoomView *self,
                   double       dx,
                   double       dy)
{
  double tx = self->tx, ty = self->ty;

  g_return_val_if_fail (GCM_IS_ZOOM_VIEW (self), FALSE);
  self->tx += dx;
  self->ty += dy;
  clamp_translation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return !G_APPROX_VALUE (tx, self->tx, 1e-9) || !G_APPROX_VALUE (ty, self->ty, 1e-9);
}

double
gcm_zoom_view_get_zoom (GcmZoomView *self)
{
  g_return_val_if_fail (GCM_IS_ZOOM_VIEW (self), 1.0);
  return self->zoom;
}

gboolean
gcm_zoom_view_is_fitted (GcmZoomView *self)
{
  g_return_val_if_fail (GCM_IS_ZOOM_VIEW (self), TRUE);
  return self->fitted;
}

void
gcm_zoom_view_widget_to_image (GcmZoomView *self,
                               double       x,
                               double       y,
                               double      *image_x,
                               double      *image_y)
{
  g_return_if_fail (GCM_IS_ZOOM_VIEW (self));
  *image_x = (x - self->tx) / self->zoom;
  *image_y = (y - self->ty) / self->zoom;
}

/* Input */

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              GcmZoomView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0)
    return gcm_zoom_view_pan (self, -dx * 40, -dy * 40);
  set_zoom (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              GcmZoomView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_double_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GcmZoomView     *self)
{
  if (n_press != 2)
    return;
  if (self->fitted && fit_zoom (self) < 1.0)
    set_zoom (self, 1.0, x, y);
  else
    gcm_zoom_view_fit (self);
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  GcmZoomView    *self)
{
  self->drag_tx = self->tx;
  self->drag_ty = self->ty;
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   GcmZoomView    *self)
{
  self->tx = self->drag_tx + dx;
  self->ty = self->drag_ty + dy;
  clamp_translation (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pinch_begin_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   GcmZoomView      *self)
{
  self->pinch_zoom = self->zoom;
}

static void
on_pinch_scale_changed_cb (GtkGestureZoom *gesture,
                           double          scale,
                           GcmZoomView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  set_zoom (self, self->pinch_zoom * scale, x, y);
}

/* GtkWidget */

static void
gcm_zoom_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GcmZoomView *self = GCM_ZOOM_VIEW (widget);
  double old = self->zoom;

  if (self->fitted)
    self->zoom = fit_zoom (self);
  clamp_translation (self);
  if (!G_APPROX_VALUE (old, self->zoom, 1e-9))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
gcm_zoom_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GcmZoomView *self = GCM_ZOOM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->texture == NULL)
    return;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (self->tx, self->ty,
                                                    self->natural_width * self->zoom,
                                                    self->natural_height * self->zoom));
  gtk_snapshot_pop (snapshot);
}

static void
gcm_zoom_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, GCM_ZOOM_VIEW (object)->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_zoom_view_dispose (GObject *object)
{
  g_clear_object (&GCM_ZOOM_VIEW (object)->texture);
  G_OBJECT_CLASS (gcm_zoom_view_parent_class)->dispose (object);
}

static void
gcm_zoom_view_class_init (GcmZoomViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_zoom_view_dispose;
  object_class->get_property = gcm_zoom_view_get_property;
  widget_class->size_allocate = gcm_zoom_view_size_allocate;
  widget_class->snapshot = gcm_zoom_view_snapshot;

  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0, MAX_ZOOM, 1.0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "zoomview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gcm_zoom_view_init (GcmZoomView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = 1.0;
  self->fitted = TRUE;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_double_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_object (pinch, "begin", G_CALLBACK (on_pinch_begin_cb), self, 0);
  g_signal_connect_object (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
}

GtkWidget *
gcm_zoom_view_new (void)
{
  return g_object_new (GCM_TYPE_ZOOM_VIEW, NULL);
}

/* Shows @texture (NULL for none) fitted to the window. */
void
gcm_zoom_view_set_texture (GcmZoomView *self,
                           GdkTexture  *texture,
                           int          natural_width,
                           int          natural_height)
{
  g_return_if_fail (GCM_IS_ZOOM_VIEW (self));

  g_set_object (&self->texture, texture);
  self->natural_width = texture != NULL ? natural_width : 0;
  self->natural_height = texture != NULL ? natural_height : 0;
  gcm_zoom_view_fit (self);
}
