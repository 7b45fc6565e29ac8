/* gcm-checklist-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A procedure as the officer works through it: what it applies to, its hazards and protective
 * equipment first, then its steps as a checklist. Each tick is written to user.db at once, on the
 * store's user worker, so closing the window loses nothing; a step reworded by an update comes
 * back unticked. Warnings carry an icon and the word "Warning", never colour alone.
 */

#define G_LOG_DOMAIN "GcmChecklistView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gcm-checklist.h"
#include "gcm-checklist-view.h"
#include "gcm-rows.h"

struct _GcmChecklistView
{
  GtkWidget     parent_instance;

  GcmStore     *store;
  GcmItem      *item;
  GCancellable *cancellable;
  GtkWidget    *box;
  GtkWidget    *progress_label;
  GPtrArray    *checks;       /* GtkCheckButton, one per step with an id */
  gboolean      applying;     /* ticks from user.db, not from the user */
};

G_DEFINE_FINAL_TYPE (GcmChecklistView, gcm_checklist_view, GTK_TYPE_WIDGET)

static void
update_progress (GcmChecklistView *self)
{
  guint ticked = gcm_checklist_view_get_n_ticked (self);
  g_autofree char *text = NULL;

  if (self->progress_label == NULL)
    return;
  /* Translators: how many steps of a procedure's checklist are ticked */
  text = g_strdup_printf (ngettext ("%u of %u step done", "%u of %u steps done", self->checks->len),
                          ticked, self->checks->len);
  gtk_label_set_text (GTK_LABEL (self->progress_label), text);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_store_write_finish (GCM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot save the checklist: %s", error->message);
}

static void
on_toggled_cb (GtkCheckButton   *check,
               GcmChecklistView *self)
{
  const GcmItemStep *step = g_object_get_data (G_OBJECT (check), "gcm-step");

  update_progress (self);
  if (self->applying || self->item == NULL)
    return;
  gcm_store_tick_step_async (self->store, gcm_item_get_id (self->item), step,
                             gtk_check_button_get_active (check), NULL, written_cb, NULL);
}

static void
set_ticks (GcmChecklistView *self,
           GHashTable       *ticked)
{
  self->applying = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      const GcmItemStep *step = g_object_get_data (G_OBJECT (check), "gcm-step");

      gtk_check_button_set_active (check, ticked != NULL && g_hash_table_contains (ticked, step->id));
    }
  self->applying = FALSE;
  update_progress (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GcmChecklistView) self = user_data;
  g_autoptr(GHashTable) ticked = NULL;
  g_autoptr(GError) error = NULL;

  ticked = gcm_store_load_checklist_finish (GCM_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot read the checklist: %s", error->message);
  set_ticks (self, ticked);
}

static void
on_reset_clicked_cb (GcmChecklistView *self)
{
  if (self->item == NULL)
    return;
  set_ticks (self, NULL);
  gcm_store_reset_checklist_async (self->store, gcm_item_get_id (self->item), NULL, written_cb, NULL);
}

static GtkWidget *
warning_icon (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  return icon;
}

static GtkWidget *
text_row (const char *text,
          const char *icon_name,
          gboolean    is_warning)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (is_warning)
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning_icon ());
      gtk_widget_add_css_class (row, "warning");
    }
  else if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  return row;
}

static void
add_list_group (GcmChecklistView   *self,
                const char         *title,
                const char * const *values,
                const char         *icon_name,
                gboolean            is_warning)
{
  GtkWidget *group;

  if (values == NULL || values[0] == NULL)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; values[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), text_row (values[i], icon_name, is_warning));
  gtk_box_append (GTK_BOX (self->box), group);
}

static void
clear (GcmChecklistView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->checks, 0);
  self->progress_label = NULL;
  gcm_rows_clear_box (GTK_BOX (self->box));
  g_clear_object (&self->item);
}

void
gcm_checklist_view_set_item (GcmChecklistView *self,
                             GcmItem          *procedure)
{
  GPtrArray *steps;
  GtkWidget *group, *reset, *header;

  g_return_if_fail (GCM_IS_CHECKLIST_VIEW (self));
  g_return_if_fail (procedure == NULL || GCM_IS_ITEM (procedure));

  clear (self);
  if (procedure == NULL)
    return;
  self->item = g_object_ref (procedure);

  add_list_group (self, _("Hazards"), gcm_item_get_hazards (procedure), NULL, TRUE);
  add_list_group (self, _("Protective equipment"), gcm_item_get_protective_equipment (procedure),
                  "security-high-symbolic", FALSE);
  add_list_group (self, _("Applies to"), gcm_item_get_applies_to (procedure), NULL, FALSE);

  steps = gcm_item_get_steps (procedure);
  if (steps == NULL || steps->len == 0)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Steps"));
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->progress_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->progress_label, "dim-label");
  gtk_widget_set_valign (self->progress_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->progress_label);
  reset = gtk_button_new_with_mnemonic (_("_Reset"));
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (reset, _("Untick every step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reset Checklist"), -1);
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (on_reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), reset);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), header);

  for (guint i = 0; i < steps->len; i++)
    {
      const GcmItemStep *step = g_ptr_array_index (steps, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (step->text == NULL)
        continue;
      title = g_strdup_printf ("%u. %s", i + 1, step->text);
      row = text_row (title, NULL, FALSE);
      if (step->id != NULL)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          g_object_set_data (G_OBJECT (check), "gcm-step", (gpointer) step);
          g_signal_connect (check, "toggled", G_CALLBACK (on_toggled_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          /* The row labels its check by the title too, and GTK 4.8 says both: keep one. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          g_ptr_array_add (self->checks, check);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      if (step->warning != NULL)
        {
          /* Translators: a step's warning, shown under the step */
          g_autofree char *text = g_strdup_printf (_("Warning: %s"), step->warning);
          GtkWidget *warning = text_row (text, NULL, TRUE);

          gtk_widget_set_margin_start (warning, 24);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), warning);
        }
    }
  gtk_box_append (GTK_BOX (self->box), group);
  update_progress (self);

  self->cancellable = g_cancellable_new ();
  gcm_store_load_checklist_async (self->store, procedure, self->cancellable, loaded_cb,
                                  g_object_ref (self));
}

guint
gcm_checklist_view_get_n_ticked (GcmChecklistView *self)
{
  guint n = 0;

  g_return_val_if_fail (GCM_IS_CHECKLIST_VIEW (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i)) ? 1 : 0;
  return n;
}

static void
gcm_checklist_view_dispose (GObject *object)
{
  GcmChecklistView *self = GCM_CHECKLIST_VIEW (object);

  clear (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (gcm_checklist_view_parent_class)->dispose (object);
}

static void
gcm_checklist_view_class_init (GcmChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_checklist_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
gcm_checklist_view_init (GcmChecklistView *self)
{
  self->checks = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
gcm_checklist_view_new (GcmStore *store)
{
  GcmChecklistView *self;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  self = g_object_new (GCM_TYPE_CHECKLIST_VIEW, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
