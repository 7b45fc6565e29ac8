/* gcm-window-actions.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*): history, search, bookmarks, text size, stepping through a list,
 * the sidebar and the places that have their own page. Their shortcuts are set by GcmApplication.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gcm-window-private.h"

#define FONT_SCALE_STEP 0.1

/* win.back and win.forward */
static void
gcm_window_actions_step_history (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);
  GcmRoute *route = g_str_equal (action_name, "win.back") ? gcm_history_go_back (self->history)
                                                          : gcm_history_go_forward (self->history);

  if (route != NULL)
    _gcm_window_show_route (self, route);
}

static void
gcm_window_actions_search (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
bookmark_toggled_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gcm_item_view_toggle_bookmark_finish (GCM_ITEM_VIEW (object), result, &error))
    {
      g_warning ("The bookmark could not be saved: %s", error->message);
      _gcm_window_toast (self, _("The bookmark could not be saved."));
      _gcm_window_update_bookmark_button (self);
      return;
    }
  _gcm_window_toast (self, gcm_item_view_get_bookmarked (self->item_view) ? _("Bookmarked")
                                                               : _("Bookmark removed"));
}

static void
gcm_window_actions_toggle_bookmark (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "item") != 0)
    return;
  gcm_item_view_toggle_bookmark_async (self->item_view, bookmark_toggled_cb, g_object_ref (self));
}

static void
change_font_scale (GcmWindow *self,
                   double     delta)
{
  double scale = g_settings_get_double (self->settings, "font-scale");

  scale = delta == 0 ? 1.0 : CLAMP (scale + delta, 0.5, 3.0);
  g_settings_set_double (self->settings, "font-scale", scale);
}

static void
gcm_window_actions_zoom (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    change_font_scale (self, FONT_SCALE_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    change_font_scale (self, -FONT_SCALE_STEP);
  else
    change_font_scale (self, 0);
}

static void
gcm_window_actions_step_item (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);
  const char *id = gcm_item_view_get_item_id (self->item_view);
  int step = g_str_equal (action_name, "win.next-item") ? 1 : -1;
  guint n = self->list_ids ? g_strv_length (self->list_ids) : 0;

  for (guint i = 0; id != NULL && i < n; i++)
    {
      if (g_str_equal (self->list_ids[i], id) && (int) i + step >= 0 && i + step < n)
        {
          g_autoptr(GcmRoute) route = gcm_route_new_item (self->list_ids[i + step]);
          _gcm_window_navigate (self, route);
          return;
        }
    }
}

static void
gcm_window_actions_show_sidebar (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  adw_leaflet_navigate (GCM_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* win.show-bookmarks, win.show-whats-new and win.show-review: the place the name ends with. */
static void
gcm_window_actions_show_place (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GcmRoute) route = gcm_route_parse (action_name + strlen ("win.show-"));

  g_assert (route != NULL);
  _gcm_window_navigate (GCM_WINDOW (widget), route);
}

void
_gcm_window_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char                  *name;
    GtkWidgetActionActivateFunc  activate;
  } actions[] = {
    { "win.back", gcm_window_actions_step_history },
    { "win.forward", gcm_window_actions_step_history },
    { "win.search", gcm_window_actions_search },
    { "win.toggle-bookmark", gcm_window_actions_toggle_bookmark },
    { "win.zoom-in", gcm_window_actions_zoom },
    { "win.zoom-out", gcm_window_actions_zoom },
    { "win.zoom-reset", gcm_window_actions_zoom },
    { "win.previous-item", gcm_window_actions_step_item },
    { "win.next-item", gcm_window_actions_step_item },
    { "win.show-sidebar", gcm_window_actions_show_sidebar },
    { "win.show-bookmarks", gcm_window_actions_show_place },
    { "win.show-whats-new", gcm_window_actions_show_place },
    { "win.show-review", gcm_window_actions_show_place },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
}
