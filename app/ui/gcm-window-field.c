/* gcm-window-field.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's field tools: "What did you find?" (the installed identification keys as large
 * rows, then one key walked in GcmIdentifyView) and "Check a declaration" (GcmRiskCheckView).
 * Both read their keys, rules and item titles from the store each time they are shown, in the
 * reader's content language, so a content update or a change of language reaches them (a key
 * under way keeps its answers, a check on show is run again); the links they offer open items
 * like any other.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-field-tools.h"
#include "gcm-identify-view.h"
#include "gcm-risk-check-view.h"
#include "gcm-rows.h"
#include "gcm-window-private.h"

/* The views ask for titles while they build their links; the tools shown hold them. */
static char *
dup_title_cb (const char *item_id,
              gpointer    user_data)
{
  GcmWindow *self = user_data;

  return self->field_tools != NULL ?
         g_strdup (gcm_field_tools_lookup_title (self->field_tools, item_id)) : NULL;
}

static void
on_key_row_activated_cb (GcmWindow     *self,
                         GtkListBoxRow *row)
{
  g_autoptr(GcmRoute) route = gcm_route_new_identify (g_object_get_data (G_OBJECT (row), "key-id"));

  /* A key chosen from the list starts from its first question. */
  g_clear_pointer (&self->identify_key_id, g_free);
  _gcm_window_navigate (self, route);
}

static GtkWidget *
key_row (const GcmFieldKey *key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gcm_rows_decorative_icon ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), key->summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "key-row");
  g_object_set_data_full (G_OBJECT (row), "key-id", g_strdup (key->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, key->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, key->summary, -1);
  return row;
}

static void
show_key_list (GcmWindow *self)
{
  gcm_rows_clear (self->key_list);
  for (guint i = 0; i < self->field_tools->keys->len; i++)
    gtk_list_box_append (self->key_list, key_row (g_ptr_array_index (self->field_tools->keys, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->key_list), self->field_tools->keys->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->keys_empty), self->field_tools->keys->len == 0);
  gtk_stack_set_visible_child_name (self->content_stack, "keys");
  if (self->field_tools->keys->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->key_list, 0)));
}

/* A key shown again (back from its procedure) keeps the answers given so far. */
static void
show_key (GcmWindow  *self,
          const char *key_id)
{
  const GcmFieldKey *key = gcm_field_tools_find_key (self->field_tools, key_id);
  GcmKeyWalk *walk = gcm_identify_view_get_walk (self->identify_view);

  if (key == NULL)
    {
      _gcm_window_toast (self, _("That identification key is no longer in the manual."));
      show_key_list (self);
      return;
    }
  if (walk == NULL || g_strcmp0 (self->identify_key_id, key_id) != 0)
    {
      g_free (self->identify_key_id);
      self->identify_key_id = g_strdup (key_id);
      gcm_identify_view_set_key (self->identify_view, key->title, key->key, key->media_files);
    }
  /* The reader changed the content language: the same answers, in the new language. */
  else if (g_strcmp0 (gcm_decision_key_get_lang (gcm_key_walk_get_key (walk)),
                      gcm_decision_key_get_lang (key->key)) != 0)
    {
      g_autoptr(GcmKeyWalk) following = gcm_key_walk_new_following (key->key, walk);

      gcm_identify_view_set_walk (self->identify_view, key->title, following, key->media_files);
    }
  gtk_stack_set_visible_child_name (self->content_stack, "identify");
}

static void
field_tools_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GcmFieldTools *tools = gcm_field_tools_load_finish (GCM_STORE (object), result, &error);
  GcmRoute *route = gcm_history_get_current (self->history);
  GcmRouteType type = route != NULL ? gcm_route_get_route_type (route) : GCM_ROUTE_ITEM;

  if (tools == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot read the field tools: %s", error->message);
          _gcm_window_toast (self, _("The field tools could not be read."));
        }
      return;
    }
  g_clear_pointer (&self->field_tools, gcm_field_tools_free);
  self->field_tools = tools;

  if (type == GCM_ROUTE_RISK_CHECK)
    {
      gboolean was_shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                      "risk-check") == 0;

      gcm_risk_check_view_set_rules (self->risk_check_view, tools->rules);
      gtk_stack_set_visible_child_name (self->content_stack, "risk-check");
      /* The officer types the declaration's first field at once. */
      if (!was_shown)
        gtk_widget_child_focus (GTK_WIDGET (self->risk_check_view), GTK_DIR_TAB_FORWARD);
    }
  else if (type == GCM_ROUTE_IDENTIFY && gcm_route_get_argument (route) != NULL)
    show_key (self, gcm_route_get_argument (route));
  else if (type == GCM_ROUTE_IDENTIFY)
    show_key_list (self);
}

/* Shows `identify`, `identify:<key id>` or `risk-check` once the store has read the tools. */
void
_gcm_window_show_field_tool (GcmWindow *self,
                             GcmRoute  *route)
{
  g_autoptr(GcmRoute) list = gcm_route_new_identify (NULL);
  gboolean risk = gcm_route_get_route_type (route) == GCM_ROUTE_RISK_CHECK;

  g_cancellable_cancel (self->field_cancellable);
  g_clear_object (&self->field_cancellable);
  self->field_cancellable = g_cancellable_new ();
  /* One key's page belongs under "What did you find?" in the sidebar. */
  if (!risk)
    {
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
           row != NULL; row = gtk_widget_get_next_sibling (row))
        if (gcm_route_equal (g_object_get_data (G_OBJECT (row), "route"), list))
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
    }
  gcm_field_tools_load_async (self->store, risk ? GCM_FIELD_TOOLS_RISK : GCM_FIELD_TOOLS_KEYS,
                              self->field_cancellable, field_tools_loaded_cb, g_object_ref (self));
}

static GtkWidget *
key_list_page (GcmWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("What Did You Find?"));
  GtkWidget *intro = gtk_label_new (_("Choose the key for what is in front of you. It asks one "
                                      "question at a time and ends with what it probably is, how "
                                      "urgent it is and the procedure to follow."));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  g_object_set (box, "margin-top", 24, "margin-bottom", 36, "margin-start", 12, "margin-end", 12,
                NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  g_object_set (title, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_widget_add_css_class (intro, "dim-label");

  self->key_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->key_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->key_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Identification keys"), -1);
  g_signal_connect_object (self->key_list, "row-activated", G_CALLBACK (on_key_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  self->keys_empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->keys_empty, "system-search-symbolic");
  adw_status_page_set_title (self->keys_empty, _("No Identification Keys Yet"));
  adw_status_page_set_description (self->keys_empty, _("A content update may add some."));

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), intro);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->key_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->keys_empty));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  return scroller;
}

void
_gcm_window_init_field (GcmWindow *self)
{
  gtk_stack_add_named (self->content_stack, key_list_page (self), "keys");

  self->identify_view = GCM_IDENTIFY_VIEW (gcm_identify_view_new ());
  gcm_identify_view_set_title_func (self->identify_view, dup_title_cb, self, NULL);
  g_signal_connect_object (self->identify_view, "open-item", G_CALLBACK (_gcm_window_open_item),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->identify_view), "identify");

  self->risk_check_view = GCM_RISK_CHECK_VIEW (gcm_risk_check_view_new ());
  gcm_risk_check_view_set_title_func (self->risk_check_view, dup_title_cb, self, NULL);
  g_signal_connect_object (self->risk_check_view, "open-item",
                           G_CALLBACK (_gcm_window_open_item), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->risk_check_view), "risk-check");
}

/* While a question is shown, its number keys choose an option rather than start a search. */
gboolean
_gcm_window_field_takes_key (GcmWindow *self,
                             guint      keyval)
{
  GcmKeyWalk *walk = gcm_identify_view_get_walk (self->identify_view);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "identify") == 0 &&
         walk != NULL && gcm_key_walk_get_node (walk) != NULL &&
         gcm_rows_choice_for_key (keyval, GCM_DECISION_KEY_MAX_OPTIONS) >= 0;
}

void
_gcm_window_dispose_field (GcmWindow *self)
{
  g_cancellable_cancel (self->field_cancellable);
}

void
_gcm_window_finalize_field (GcmWindow *self)
{
  g_clear_object (&self->field_cancellable);
  g_clear_pointer (&self->field_tools, gcm_field_tools_free);
  g_free (self->identify_key_id);
}
