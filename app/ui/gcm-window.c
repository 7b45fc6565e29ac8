/* gcm-window.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window (DESIGN §8): a folding sidebar of chapters and kinds, a content pane that
 * shows a list (a chapter, all cases, bookmarks, search results) or one item, and search in the
 * header bar. Every place the window shows is a GcmRoute, kept in a GcmHistory for back and
 * forward. Search runs on GcmSearch's worker; item pages load on GcmItemView's.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-browse.h"
#include "gcm-case-gallery.h"
#include "gcm-store.h"
#include "gcm-convention.h"
#include "gcm-history.h"
#include "gcm-item-view.h"
#include "gcm-photo-viewer.h"
#include "gcm-search.h"
#include "gcm-quiz-view.h"
#include "gcm-rows.h"
#include "gcm-window-private.h"
#include "gcm-workshop-actions.h"

G_DEFINE_FINAL_TYPE (GcmWindow, gcm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_list (GcmWindow *self, GcmRoute *route);

/* Helpers */

/* The label of a kind read from the store, such as “Case”. */
static const char *
kind_label (const char *name)
{
  GcmItemKind kind = GCM_ITEM_KIND_SECTION;

  gcm_item_kind_from_string (name, &kind);
  return gcm_item_kind_get_label (kind);
}

static GcmRoute *
current_route (GcmWindow *self)
{
  return gcm_history_get_current (self->history);
}

static gboolean
showing (GcmWindow    *self,
         GcmRouteType  type)
{
  GcmRoute *route = current_route (self);

  return route != NULL && gcm_route_get_route_type (route) == type;
}

void
_gcm_window_toast (GcmWindow  *self,
                   const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* A row of the sidebar; it owns @route. */
static GtkWidget *
sidebar_row (const char *icon,
             const char *label,
             GcmRoute   *route)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  if (icon != NULL)
    gtk_box_append (GTK_BOX (box), gcm_rows_decorative_icon (icon));
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "route", route, (GDestroyNotify) gcm_route_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static GtkWidget *
sidebar_heading (const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_add_css_class (text, "heading");
  gtk_widget_add_css_class (text, "dim-label");
  gtk_widget_set_margin_top (text, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
select_sidebar_route (GcmWindow *self,
                      GcmRoute  *route)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (gcm_route_equal (g_object_get_data (G_OBJECT (row), "route"), route))
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void on_search_changed_cb (GcmWindow *self);

/* Sets the entry's text without starting a search. */
static void
set_search_text (GcmWindow  *self,
                 const char *text)
{
  const char *entry_text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *shown = g_strstrip (g_strdup (entry_text));

  if (g_str_equal (shown, text))
    return;
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
}

static void
contents_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GcmBrowseContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  contents = gcm_browse_contents_finish (GCM_STORE (object), result, &error);
  if (contents == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot read the table of contents: %s", error->message);
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("The Manual Could Not Be Opened"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "status");
      return;
    }

  gcm_rows_clear (self->sidebar_list);
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row ("go-home-symbolic", _("Home"), gcm_route_new_home ()));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row ("star-new-symbolic", _("What’s New"),
                                    gcm_route_new_whats_new ()));
  gtk_list_box_append (self->sidebar_list, sidebar_heading (_("Manual")));
  for (guint i = 0; i < contents->chapters->len; i++)
    {
      GcmBrowseChapter *chapter = g_ptr_array_index (contents->chapters, i);
      gtk_list_box_append (self->sidebar_list,
                           sidebar_row (NULL, chapter->title, gcm_route_new_chapter (chapter->id)));
    }
  /* Sections are listed by chapter above; every other kind has a list of its own. */
  gtk_list_box_append (self->sidebar_list, sidebar_heading (_("Learn and Act")));
  for (GcmItemKind kind = GCM_ITEM_KIND_SECTION + 1; kind < GCM_ITEM_KIND_COUNT; kind++)
    if (gcm_item_kind_is_listed (kind))
      gtk_list_box_append (self->sidebar_list,
                           sidebar_row (gcm_item_kind_get_icon_name (kind),
                                        gcm_item_kind_get_plural_label (kind),
                                        gcm_route_new_kind (kind)));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row ("user-bookmarks-symbolic", _("Bookmarks"),
                                    gcm_route_new_bookmarks ()));
  /* The field tools, for an officer at an open container or with a declaration in hand. */
  gtk_list_box_append (self->sidebar_list, sidebar_heading (_("In the Field")));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row ("system-search-symbolic", _("What Did You Find?"),
                                    gcm_route_new_identify (NULL)));
  gtk_list_box_append (self->sidebar_list,
                       sidebar_row ("dialog-warning-symbolic", _("Check a Declaration"),
                                    gcm_route_new_risk_check ()));

  g_clear_pointer (&self->first_chapter, gcm_route_unref);
  if (contents->chapters->len > 0)
    self->first_chapter =
      gcm_route_new_chapter (((GcmBrowseChapter *) g_ptr_array_index (contents->chapters, 0))->id);
  self->has_content = contents->serial > 0;
  if (self->has_content)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (contents->generated);
      g_autofree char *date = g_date_time_format (when, "%x");
      /* Translators: %s is a date */
      status = g_strdup_printf (_("Content of %s"), date);
    }
  /* A folder that can only be read still shows the manual; the foot says why nothing is kept. */
  if (gcm_store_is_read_only (self->store))
    {
      g_autofree char *both = g_strjoin ("\n", status ? status : "",
                                         gcm_store_get_read_only_error (self->store)->message, NULL);
      g_free (status);
      status = g_strstrip (g_steal_pointer (&both));
      gtk_widget_add_css_class (GTK_WIDGET (self->content_status), "warning");
    }
  gtk_label_set_text (self->content_status, status ? status : "");

  if (!self->has_content)
    return;
  if (current_route (self) == NULL)
    {
      /* The app opens where it was left; a first start on Home. */
      g_autofree char *text = g_settings_get_string (self->settings, "last-page");
      g_autoptr(GcmRoute) last = gcm_route_parse (text);
      g_autoptr(GcmRoute) home = gcm_route_new_home ();

      _gcm_window_navigate (self, last != NULL ? last : home);
    }
  else
    _gcm_window_show_route (self, current_route (self));
}

/* Reads the table of contents again, then shows the current place again: after an update,
 * and in the new language when the reader changes it. */
void
gcm_window_reload_contents (GcmWindow *self)
{
  g_return_if_fail (GCM_IS_WINDOW (self));

  gcm_browse_contents_async (self->store, self->cancellable, contents_loaded_cb,
                             g_object_ref (self));
}

static GtkWidget *
item_row (const char *id,
          const char *title,
          const char *subtitle,
          gboolean    subtitle_is_markup,
          const char *badge,
          gboolean    completed)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = NULL;

  if (!subtitle_is_markup && subtitle != NULL)
    escaped_subtitle = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               escaped_subtitle ? escaped_subtitle : subtitle ? subtitle : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (completed)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_tooltip_text (mark, _("Read"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Read"), -1);
      gtk_widget_add_css_class (mark, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  if (badge != NULL)
    {
      GtkWidget *label = gtk_label_new (badge);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gcm_rows_decorative_icon ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "item-id", g_strdup (id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
bookmark_removed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gcm_store_write_finish (GCM_STORE (object), result, &error))
    {
      g_warning ("The bookmark could not be removed: %s", error->message);
      _gcm_window_toast (self, _("The bookmark could not be removed."));
      return;
    }
  _gcm_window_toast (self, _("Bookmark removed"));
  if (showing (self, GCM_ROUTE_BOOKMARKS))
    load_list (self, current_route (self));
}

static void
on_remove_bookmark_clicked_cb (GtkButton *button,
                               GcmWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "item-id");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  gcm_store_set_bookmark_async (self->store, id, NULL, FALSE, self->cancellable,
                                bookmark_removed_cb, g_object_ref (self));
}

static void
add_remove_bookmark_button (GcmWindow      *self,
                            GtkWidget      *row,
                            GcmItemSummary *bookmark)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: the button on a row of the Bookmarks list; %s is the page's title */
  g_autofree char *name = g_strdup_printf (_("Remove the bookmark of “%s”"),
                                           gcm_item_summary_get_title (bookmark));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Bookmark"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "item-id", g_strdup (gcm_item_summary_get_id (bookmark)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_bookmark_clicked_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
}

/* What a list page shows when it has no rows: a status page, with a button that leads on. */
typedef struct
{
  const char *icon_name;
  const char *title;
  const char *description;
  const char *button_label;   /* NULL for no button */
  GcmRoute   *button_route;   /* where the button leads */
} EmptyState;

static void
show_list_page (GcmWindow        *self,
                const char       *title,
                const char       *subtitle,
                const EmptyState *empty,
                guint             n_rows)
{
  gboolean show_empty = n_rows == 0 && empty != NULL;

  gtk_label_set_text (self->list_title, title);
  gtk_label_set_text (self->list_subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->list_subtitle), subtitle != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list_empty), show_empty);
  if (show_empty)
    {
      adw_status_page_set_icon_name (self->list_empty, empty->icon_name);
      adw_status_page_set_title (self->list_empty, empty->title);
      adw_status_page_set_description (self->list_empty, empty->description);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), empty->button_label != NULL);
      gtk_button_set_label (self->empty_button, empty->button_label ? empty->button_label : "");
      g_object_set_data_full (G_OBJECT (self->empty_button), "route",
                              empty->button_route ? gcm_route_ref (empty->button_route) : NULL,
                              (GDestroyNotify) gcm_route_unref);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->item_list), n_rows > 0);
  gtk_stack_set_visible_child_name (self->content_stack, "list");
}

/* A list or search that could not be read says so, and offers to try again. */
static void
show_list_error (GcmWindow    *self,
                 const char   *title,
                 const GError *error)
{
  EmptyState failed = {
    "dialog-warning-symbolic", title, error->message, _("Try Again"), current_route (self),
  };

  gcm_rows_clear (self->item_list);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), FALSE);
  show_list_page (self, "", NULL, &failed, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list_title), FALSE);
}

typedef struct
{
  GStrvBuilder *ids;
  GStrvBuilder *titles;
} ListBuilder;

static void
repair_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  gboolean repaired = FALSE;
  GError *error = NULL;

  if (!gcm_store_repair_content (source_object, &repaired, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, repaired);
}

static void
repair_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *title = g_object_get_data (G_OBJECT (result), "title");
  const GError *read_error = g_object_get_data (G_OBJECT (result), "read-error");

  /* A repaired store says content-changed, which shows the place again. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    _gcm_window_toast (self, _("The manual was damaged and has been rebuilt from its saved copy."));
  else
    show_list_error (self, title, error != NULL ? error : read_error);
}

/* A list or search that could not be read may mean a damaged content.db: the store checks it,
 * rebuilds it if so, and only otherwise is the error shown. */
static void
show_read_error (GcmWindow    *self,
                 const char   *title,
                 const GError *error)
{
  g_autoptr(GTask) task = g_task_new (self->store, self->cancellable, repair_done_cb,
                                      g_object_ref (self));

  g_object_set_data_full (G_OBJECT (task), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (task), "read-error", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  g_task_run_in_thread (task, repair_thread);
}

static ListBuilder
list_builder_new (void)
{
  return (ListBuilder) { g_strv_builder_new (), g_strv_builder_new () };
}

static void
list_builder_add (ListBuilder *list,
                  const char  *id,
                  const char  *title)
{
  g_strv_builder_add (list->ids, id);
  g_strv_builder_add (list->titles, title);
}

/* Starts a new list in the content pane; the ids are kept for previous/next. */
static ListBuilder
begin_list (GcmWindow *self,
            gboolean   searching)
{
  gcm_rows_clear (self->item_list);
  gtk_widget_set_visible (GTK_WIDGET (self->list_title), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_box), searching);
  return list_builder_new ();
}

static void
append_row (GcmWindow   *self,
            ListBuilder *list,
            GtkWidget   *row,
            const char  *id,
            const char  *title)
{
  gtk_list_box_append (self->item_list, row);
  list_builder_add (list, id, title);
}

static void
end_list (GcmWindow   *self,
          ListBuilder *list)
{
  g_strfreev (self->list_ids);
  g_strfreev (self->list_titles);
  self->list_ids = g_strv_builder_end (list->ids);
  self->list_titles = g_strv_builder_end (list->titles);
  g_strv_builder_unref (list->ids);
  g_strv_builder_unref (list->titles);
}

/* The Cases list is a gallery; the list beneath it still gives previous and next. */
static void
show_case_gallery (GcmWindow *self)
{
  GcmRoute *route = current_route (self);

  if (route == NULL || gcm_route_get_route_type (route) != GCM_ROUTE_KIND ||
      gcm_route_get_kind (route) != GCM_ITEM_KIND_CASE)
    return;
  gcm_case_gallery_reload (GCM_CASE_GALLERY (self->case_gallery));
  gtk_stack_set_visible_child_name (self->content_stack, "cases");
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *list_title = NULL;
  ListBuilder builder;
  EmptyState empty;
  const char *title;
  guint n_rows, n_completed = 0;

  list = gcm_store_list_finish (GCM_STORE (object), result, &list_title, &error);
  if (list == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot read the list %s: %s", gcm_route_to_string (current_route (self)),
                 error->message);
      show_read_error (self, _("This List Could Not Be Opened"), error);
      return;
    }
  if (current_route (self) == NULL || !gcm_route_is_list (current_route (self)))
    return;

  builder = begin_list (self, FALSE);
  n_rows = g_list_model_get_n_items (list);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GcmItemSummary) row = g_list_model_get_item (list, i);
      const char *kind = gcm_item_summary_get_kind_name (row);
      gboolean bookmarks = showing (self, GCM_ROUTE_BOOKMARKS);
      GtkWidget *widget = item_row (gcm_item_summary_get_id (row), gcm_item_summary_get_title (row),
                                    kind ? gcm_item_summary_get_summary (row)
                                         : _("No longer in the manual"),
                                    FALSE, bookmarks && kind ? kind_label (kind) : NULL,
                                    gcm_item_summary_get_completed (row));

      n_completed += gcm_item_summary_get_completed (row);
      if (bookmarks)
        add_remove_bookmark_button (self, widget, row);
      append_row (self, &builder, widget, gcm_item_summary_get_id (row),
                  gcm_item_summary_get_title (row));
    }
  end_list (self, &builder);

  if (showing (self, GCM_ROUTE_CHAPTER))
    {
      title = list_title ? list_title : _("Manual");
      empty = (EmptyState) { "org.greencustoms.Manual-symbolic", _("No Sections Yet"),
                             _("This chapter has no sections yet. A content update may add them."),
                             NULL, NULL };
      if (n_rows > 0)
        /* Translators: reading progress in a chapter, e.g. “3 of 5 sections read” */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u section read",
                                                 "%u of %u sections read", n_rows),
                                    n_completed, n_rows);
    }
  else if (showing (self, GCM_ROUTE_BOOKMARKS))
    {
      title = _("Bookmarks");
      empty = (EmptyState) { "user-bookmarks-symbolic", _("No Bookmarks Yet"),
                             _("Press Ctrl+D on a page, or the bookmark button above it, to keep "
                               "it here."),
                             _("Open the Manual"), self->first_chapter };
    }
  else
    {
      title = gcm_item_kind_get_plural_label (gcm_route_get_kind (current_route (self)));
      empty = (EmptyState) { "org.greencustoms.Manual-symbolic", _("Nothing Here Yet"),
                             _("A content update may add some."), NULL, NULL };
    }
  show_list_page (self, title, subtitle, &empty, n_rows);
  show_case_gallery (self);
}

static void
load_list (GcmWindow *self,
           GcmRoute  *route)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  gcm_store_list_async (self->store, gcm_route_to_string (route), self->list_cancellable,
                        list_loaded_cb, g_object_ref (self));
}

void
_gcm_window_update_bookmark_button (GcmWindow *self)
{
  gboolean marked = gcm_item_view_get_bookmarked (self->item_view);
  const char *label = marked ? _("Remove Bookmark") : _("Bookmark This Page");

  gtk_toggle_button_set_active (self->bookmark_button, marked);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bookmark_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bookmark_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Previous and next step through the list the item was opened from. */
static void
update_step_actions (GcmWindow  *self,
                     const char *id)
{
  guint n = self->list_ids ? g_strv_length (self->list_ids) : 0;
  gboolean has_previous = FALSE, has_next = FALSE;

  const char *previous = NULL, *next = NULL;

  for (guint i = 0; id != NULL && i < n; i++)
    if (g_str_equal (self->list_ids[i], id))
      {
        has_previous = i > 0;
        has_next = i + 1 < n;
        previous = has_previous ? self->list_titles[i - 1] : NULL;
        next = has_next ? self->list_titles[i + 1] : NULL;
        break;
      }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-item", has_previous);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-item", has_next);
  gcm_item_view_set_neighbours (self->item_view, previous, next);
}

static void
open_item (GcmWindow  *self,
           const char *id)
{
  g_auto(GStrv) highlight = g_steal_pointer (&self->highlight);

  update_step_actions (self, id);
  gcm_item_view_load (self->item_view, id, (const char * const *) highlight);
  gtk_stack_set_visible_child_name (self->content_stack, "item");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-bookmark", TRUE);
}

/* Search */

static void
show_results (GcmWindow        *self,
              GcmSearchResults *results)
{
  ListBuilder builder;
  guint n = gcm_search_results_get_n_results (results);
  guint total = gcm_search_results_get_total (results);
  const char *suggestion = gcm_search_results_get_suggestion (results);
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *suggestion_label = NULL;
  g_autoptr(GcmRoute) suggestion_route = NULL;
  EmptyState empty;

  builder = begin_list (self, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const GcmSearchResult *r = gcm_search_results_get_result (results, i);
      append_row (self, &builder, item_row (r->id, r->title, r->snippet_markup, TRUE,
                                            kind_label (r->kind), FALSE),
                  r->id, r->title);
    }
  end_list (self, &builder);
  g_strfreev (self->search_terms);
  self->search_terms = g_strdupv ((char **) gcm_search_results_get_terms (results));

  if (gcm_search_results_get_corrected (results))
    /* Translators: nothing matched what was typed, so the suggestion's results are shown */
    title = g_strdup_printf (_("Showing results for “%s”"), suggestion);
  else
    /* Translators: the heading of search results; %s is what the user typed */
    title = g_strdup_printf (_("Results for “%s”"), gcm_route_get_argument (current_route (self)));
  if (n > 0 && n < total)
    /* Translators: how many search results are listed, of how many were found */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %1$u of %2$u result",
                                          "The best %1$u of %2$u results", total), n, total);
  else if (n > 0)
    /* Translators: how many search results were found */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n), n);
  if (suggestion != NULL && n == 0)
    {
      /* Translators: a button on the empty search results; %s is a word from the manual */
      suggestion_label = g_strdup_printf (_("Search for “%s”"), suggestion);
      suggestion_route = gcm_route_new_search (suggestion);
    }
  empty = (EmptyState) { "system-search-symbolic", _("No Results"),
                         _("Nothing in the manual matches. Check the spelling, or try fewer or "
                           "other words."),
                         suggestion_label, suggestion_route };
  show_list_page (self, title, count, &empty, n);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GcmSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = gcm_search_query_finish (GCM_SEARCH (object), result, &error);
  if (results == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_CANCELLED))
        return;
      g_warning ("Search failed: %s", error->message);
      if (showing (self, GCM_ROUTE_SEARCH))
        show_read_error (self, _("The Search Failed"), error);
      return;
    }
  if (showing (self, GCM_ROUTE_SEARCH))
    show_results (self, results);
}

/* The chips add typed filters to what was typed; the heading still shows the typed text. */
static void
run_search (GcmWindow  *self,
            const char *text)
{
  g_autoptr(GString) query = g_string_new (text);

  if (self->filter_convention != NULL)
    g_string_append_printf (query, " convention:%s", self->filter_convention);
  if (self->filter_kind != NULL)
    g_string_append_printf (query, " kind:%s", self->filter_kind);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  gcm_search_query_async (self->search, query->str, 50, self->search_cancellable, search_cb,
                          g_object_ref (self));
}

/* Navigation */

void
_gcm_window_show_route (GcmWindow *self,
                        GcmRoute  *route)
{
  GcmRouteType type = gcm_route_get_route_type (route);

  if (!self->has_content)
    return;

  /* Whatever was still being read for the place shown before must not replace this one. */
  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->search_cancellable);

  /* Only a page can be bookmarked; open_item turns the action back on once it shows one. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-bookmark", FALSE);

  /* A search is not a page to come back to on the next start. */
  if (type != GCM_ROUTE_SEARCH)
    g_settings_set_string (self->settings, "last-page", gcm_route_to_string (route));

  if (type == GCM_ROUTE_SEARCH)
    run_search (self, gcm_route_get_argument (route));
  else if (type == GCM_ROUTE_ITEM)
    open_item (self, gcm_route_get_argument (route));
  else if (type == GCM_ROUTE_WHATS_NEW)
    _gcm_window_show_whats_new (self);
  else if (type == GCM_ROUTE_IDENTIFY || type == GCM_ROUTE_RISK_CHECK)
    _gcm_window_show_field_tool (self, route);
  else if (!_gcm_window_show_learning_route (self, route))
    load_list (self, route);

  if (type == GCM_ROUTE_SEARCH)
    gtk_list_box_unselect_all (self->sidebar_list);
  else if (type != GCM_ROUTE_ITEM)
    select_sidebar_route (self, route);

  /* The entry shows the search while its results are shown, and only then. */
  set_search_text (self, type == GCM_ROUTE_SEARCH ? gcm_route_get_argument (route) : "");
  if (type != GCM_ROUTE_SEARCH)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
update_history_actions (GcmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 gcm_history_can_go_back (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                 gcm_history_can_go_forward (self->history));
}

void
_gcm_window_navigate (GcmWindow *self,
                      GcmRoute  *route)
{
  /* The same place again, such as a search result for the page shown, is shown anew so new
   * highlights apply. */
  gcm_history_push (self->history, route);
  _gcm_window_show_route (self, route);
}

/* Also the handler of every view's request to open an item; a NULL id opens nothing. */
void
_gcm_window_open_item (GcmWindow  *self,
                       const char *item_id)
{
  g_autoptr(GcmRoute) route = item_id != NULL ? gcm_route_new_item (item_id) : NULL;

  if (route != NULL)
    _gcm_window_navigate (self, route);
}

/* Filter chips: one convention and one kind at a time, or all. */

static void
on_chip_toggled_cb (GtkToggleButton *chip,
                    GcmWindow       *self)
{
  char **filter;

  if (!gtk_toggle_button_get_active (chip))
    return;
  filter = g_object_get_data (G_OBJECT (chip), "is-kind") ? &self->filter_kind
                                                          : &self->filter_convention;
  g_free (*filter);
  *filter = g_strdup (g_object_get_data (G_OBJECT (chip), "value"));
  if (showing (self, GCM_ROUTE_SEARCH))
    run_search (self, gcm_route_get_argument (current_route (self)));
}

static GtkWidget *
chip_new (GtkToggleButton *group,
          const char      *label,
          const char      *value)
{
  GtkWidget *chip = gtk_toggle_button_new_with_label (label);

  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_add_css_class (chip, "pill");
  gtk_widget_add_css_class (chip, "small");
  g_object_set_data (G_OBJECT (chip), "value", (gpointer) value);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (chip), group);
  return chip;
}

/* One row of chips, the first of them for all, that scrolls sideways on a narrow window. */
static GtkWidget *
add_chip_row (GcmWindow  *self,
              const char *name,
              const char *all_label,
              gboolean    is_kind)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *all = chip_new (NULL, all_label, NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (self->filter_box, scroller);
  g_object_set_data (G_OBJECT (row), "is-kind", GINT_TO_POINTER (is_kind));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (all), TRUE);
  gtk_box_append (GTK_BOX (row), all);
  return row;
}

static void
append_chip (GcmWindow  *self,
             GtkWidget  *row,
             const char *label,
             const char *value)
{
  GtkWidget *chip = chip_new (GTK_TOGGLE_BUTTON (gtk_widget_get_first_child (row)), label, value);

  g_object_set_data (G_OBJECT (chip), "is-kind", g_object_get_data (G_OBJECT (row), "is-kind"));
  g_signal_connect (chip, "toggled", G_CALLBACK (on_chip_toggled_cb), self);
  gtk_box_append (GTK_BOX (row), chip);
}

/* Filters for every agreement and every kind the registries know. */
static void
add_chips (GcmWindow *self)
{
  GtkWidget *row;

  row = add_chip_row (self, _("Agreement"), _("All agreements"), FALSE);
  for (GcmConvention c = 0; c < GCM_CONVENTION_COUNT; c++)
    append_chip (self, row, gcm_convention_get_short_label (c), gcm_convention_to_string (c));

  row = add_chip_row (self, _("Kind"), _("All kinds"), TRUE);
  for (GcmItemKind k = 0; k < GCM_ITEM_KIND_COUNT; k++)
    append_chip (self, row, gcm_item_kind_get_plural_label (k), gcm_item_kind_to_string (k));
}

/* Callbacks */

/* Down in the search entry moves to the results, as in GNOME Settings. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GcmWindow             *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  first = gtk_list_box_get_row_at_index (self->item_list, 0);
  if (first == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->item_list)))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

/* Typing a letter anywhere starts a search. Unlike GtkSearchEntry's key capture, only
 * printable characters go to the entry: Enter, Space and Escape stay with the focused widget,
 * so Enter activates the focused row. */
static gboolean
on_window_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GcmWindow             *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gunichar c = gdk_keyval_to_unicode (keyval);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return GDK_EVENT_PROPAGATE;
  if (self->photo_viewer != NULL || (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus))))
    return GDK_EVENT_PROPAGATE;
  if (_gcm_window_field_takes_key (self, keyval))
    return GDK_EVENT_PROPAGATE;
  /* A quiz takes its own keys: 1–9 choose. */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GCM_TYPE_QUIZ_VIEW) != NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  focus = gtk_root_get_focus (GTK_ROOT (self));
  return focus != NULL && gtk_event_controller_key_forward (controller, focus);
}

/* The photo viewer */

static void
on_viewer_close_cb (GcmWindow *self)
{
  GtkWidget *focus = self->viewer_return_focus;

  if (self->photo_viewer == NULL)
    return;
  gtk_overlay_remove_overlay (self->viewer_overlay, self->photo_viewer);
  self->photo_viewer = NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), TRUE);
  if (focus != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (focus), (gpointer *) &self->viewer_return_focus);
      self->viewer_return_focus = NULL;
      gtk_widget_grab_focus (focus);
    }
}

static void
on_show_photos_cb (GcmWindow *self,
                   GPtrArray *photos,
                   guint      index)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->photo_viewer != NULL || photos == NULL || photos->len == 0)
    return;
  if (focus != NULL)
    {
      self->viewer_return_focus = focus;
      g_object_add_weak_pointer (G_OBJECT (focus), (gpointer *) &self->viewer_return_focus);
    }
  self->photo_viewer = gcm_photo_viewer_new ();
  g_signal_connect_object (self->photo_viewer, "close", G_CALLBACK (on_viewer_close_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_overlay_add_overlay (self->viewer_overlay, self->photo_viewer);
  /* What is under the viewer takes no clicks or keys while it is open. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), FALSE);
  gcm_photo_viewer_set_photos (GCM_PHOTO_VIEWER (self->photo_viewer), photos, index);
}

/* The viewer lies over the leaflet, under the toasts. */
static void
init_viewer_overlay (GcmWindow *self)
{
  g_autoptr(GtkWidget) leaflet = g_object_ref (GTK_WIDGET (self->leaflet));

  self->viewer_overlay = GTK_OVERLAY (gtk_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, NULL);
  gtk_overlay_set_child (self->viewer_overlay, leaflet);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->viewer_overlay));
  g_signal_connect_object (self->item_view, "show-photos", G_CALLBACK (on_show_photos_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
on_sidebar_row_activated_cb (GcmWindow     *self,
                             GtkListBoxRow *row)
{
  GcmRoute *route = g_object_get_data (G_OBJECT (row), "route");

  if (route != NULL)
    _gcm_window_navigate (self, route);
}

static void
on_item_row_activated_cb (GcmWindow     *self,
                          GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "item-id");

  if (id == NULL)
    return;
  if (showing (self, GCM_ROUTE_SEARCH))
    {
      g_strfreev (self->highlight);
      self->highlight = g_strdupv (self->search_terms);
    }
  _gcm_window_open_item (self, id);
}

static gboolean
on_link_activated_cb (GcmWindow  *self,
                      const char *uri)
{
  g_autoptr(GcmRoute) route = gcm_route_parse (uri);

  /* Content links name places of the manual, never a search. */
  if (route == NULL || gcm_route_get_route_type (route) == GCM_ROUTE_SEARCH)
    return FALSE;   /* web links open in the browser */
  _gcm_window_navigate (self, route);
  return TRUE;
}

static void
on_search_changed_cb (GcmWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GcmRoute) route = NULL;

  if (stripped[0] == '\0')
    {
      if (showing (self, GCM_ROUTE_SEARCH))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
      return;
    }
  route = gcm_route_new_search (stripped);
  _gcm_window_navigate (self, route);
}

static void
on_search_activate_cb (GcmWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->item_list, 0);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Enter opens the best result only when it was typed in the entry itself. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
    return;
  if (first != NULL && showing (self, GCM_ROUTE_SEARCH))
    g_signal_emit_by_name (self->item_list, "row-activated", first);
}

static void
on_search_next_cb (GcmWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->item_list, 0);

  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
on_search_stop_cb (GcmWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_empty_button_clicked_cb (GcmWindow *self,
                            GtkButton *button)
{
  GcmRoute *route = g_object_get_data (G_OBJECT (button), "route");

  if (route == NULL)
    return;
  /* A suggested search is typed for the user, so the entry shows what is searched. */
  if (gcm_route_get_route_type (route) == GCM_ROUTE_SEARCH)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), gcm_route_get_argument (route));
  else
    _gcm_window_navigate (self, route);
}

static void
parent_list_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GListModel) list = gcm_store_list_finish (GCM_STORE (object), result, NULL, NULL);
  ListBuilder builder;

  if (list == NULL)
    return;
  /* Only the steps: the list itself is not shown */
  builder = list_builder_new ();
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GcmItemSummary) row = g_list_model_get_item (list, i);
      list_builder_add (&builder, gcm_item_summary_get_id (row), gcm_item_summary_get_title (row));
    }
  end_list (self, &builder);
  update_step_actions (self, gcm_item_view_get_item_id (self->item_view));
}

static gboolean
list_holds (GcmWindow  *self,
            const char *id)
{
  return self->list_ids != NULL && id != NULL &&
         g_strv_contains ((const char * const *) self->list_ids, id);
}

/* The sidebar shows where the page belongs: its chapter, or its kind. A page opened from
 * elsewhere (a link, a restart) steps through that list too. */
static void
on_item_parent_changed_cb (GcmWindow *self)
{
  GcmRoute *parent = gcm_item_view_get_parent_route (self->item_view);

  if (!showing (self, GCM_ROUTE_ITEM) || parent == NULL)
    return;
  select_sidebar_route (self, parent);
  if (!list_holds (self, gcm_item_view_get_item_id (self->item_view)))
    gcm_store_list_async (self->store, gcm_route_to_string (parent), self->list_cancellable,
                          parent_list_loaded_cb, g_object_ref (self));
}

static void
on_content_changed_cb (GcmWindow *self)
{
  gcm_window_reload_contents (self);
}

static void
on_importing_changed_cb (GcmWindow      *self,
                         GParamSpec     *pspec,
                         GcmApplication *app)
{
  const char *error = gcm_application_get_import_error (app);

  if (gcm_application_get_importing (app))
    return;

  /* Seen only while no content is installed: the table of contents replaces it. */
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The Manual Could Not Be Installed"));
  adw_status_page_set_description (self->status_page,
                                   error ? error : _("No bundled content was found."));
  gcm_window_reload_contents (self);
}

/* GObject */

static void
gcm_window_constructed (GObject *object)
{
  GcmWindow *self = GCM_WINDOW (object);
  G_OBJECT_CLASS (gcm_window_parent_class)->constructed (object);

  self->search = gcm_search_new (gcm_store_get_content_path (self->store));
  self->item_view = GCM_ITEM_VIEW (gcm_item_view_new (self->store));
  g_signal_connect_object (self->item_view, "link-activated",
                           G_CALLBACK (on_link_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_view, "notify::parent-route",
                           G_CALLBACK (on_item_parent_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_view, "notify::bookmarked",
                           G_CALLBACK (_gcm_window_update_bookmark_button), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->item_view), "item");
  init_viewer_overlay (self);
  self->case_gallery = gcm_case_gallery_new (self->store, self->settings);
  g_signal_connect_object (self->case_gallery, "case-activated", G_CALLBACK (_gcm_window_open_item),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, self->case_gallery, "cases");
  _gcm_window_init_sync (self);
  _gcm_window_init_field (self);
  _gcm_window_init_learning (self);

  g_settings_bind (self->settings, "font-scale", self->item_view, "font-scale", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->store, "content-changed",
                           G_CALLBACK (on_content_changed_cb), self, G_CONNECT_SWAPPED);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

    keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  add_chips (self);
  g_signal_connect_object (self->history, "notify::can-go-back",
                           G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-go-forward",
                           G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);
  update_history_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-bookmark", FALSE);
}

static void
gcm_window_dispose (GObject *object)
{
  GcmWindow *self = GCM_WINDOW (object);

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->cancellable);
  _gcm_window_dispose_field (self);
  _gcm_window_dispose_learning (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_WINDOW);

  G_OBJECT_CLASS (gcm_window_parent_class)->dispose (object);
}

static void
gcm_window_finalize (GObject *object)
{
  GcmWindow *self = GCM_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->search);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->sync);
  _gcm_window_finalize_field (self);
  g_strfreev (self->highlight);
  g_strfreev (self->search_terms);
  g_free (self->filter_convention);
  g_free (self->filter_kind);
  g_clear_pointer (&self->first_chapter, gcm_route_unref);
  g_strfreev (self->list_ids);
  g_strfreev (self->list_titles);

  G_OBJECT_CLASS (gcm_window_parent_class)->finalize (object);
}

static void
gcm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GcmWindow *self = GCM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GcmWindow *self = GCM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_window_class_init (GcmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gcm_window_constructed;
  object_class->dispose = gcm_window_dispose;
  object_class->finalize = gcm_window_finalize;
  object_class->get_property = gcm_window_get_property;
  object_class->set_property = gcm_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GCM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GCM_TYPE_SYNC_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, content_status);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, bookmark_button);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, list_subtitle);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, list_empty);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, empty_button);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, GcmWindow, sync_status);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_empty_button_clicked_cb);

  _gcm_window_class_add_actions (widget_class);
  _gcm_window_class_add_learning_actions (widget_class);
  _gcm_window_class_add_workshop_actions (widget_class);
}

static void
gcm_window_init (GcmWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->history = gcm_history_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/* Public API */

GcmWindow *
gcm_window_new (GcmApplication *application,
                GcmStore       *store,
                GSettings      *settings)
{
  GcmWindow *self;

  g_return_val_if_fail (GCM_IS_APPLICATION (application), NULL);

  self = g_object_new (GCM_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);

  /* The window waits for the bundled content while the application installs it. */
  g_signal_connect_object (application, "notify::importing",
                           G_CALLBACK (on_importing_changed_cb), self, G_CONNECT_SWAPPED);
  on_importing_changed_cb (self, NULL, application);
  return self;
}
