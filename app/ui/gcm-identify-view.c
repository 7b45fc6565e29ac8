/* gcm-identify-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "What did you find?": walks a decision key one question at a time, with large choices, the
 * answers so far above, Back and Start Again below, and at the end a card that says what it
 * probably is, how urgent it is, who to call, and opens the procedure. Keys 1–8 choose.
 */

#define G_LOG_DOMAIN "GcmIdentifyView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-identify-view.h"
#include "gcm-picture.h"
#include "gcm-rows.h"

#define OPTION_PICTURE_SIZE 240

/* A key's questions have at most this many options, and a number key chooses each. */
G_STATIC_ASSERT (GCM_DECISION_KEY_MAX_OPTIONS <= GCM_ROWS_MAX_CHOICE_KEYS);

struct _GcmIdentifyView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel          *key_title;
  GtkLabel          *path_label;
  GtkStack          *stack;
  GtkLabel          *question_label;
  GtkLabel          *hint_label;
  GtkFlowBox        *option_box;
  GtkLabel          *urgency_label;
  GtkLabel          *outcome_title;
  GtkLabel          *outcome_summary;
  GtkLabel          *contact_label;
  GtkButton         *procedure_button;
  GtkListBox        *read_list;
  GtkButton         *back_button;
  GtkButton         *restart_button;

  /* Owned */
  GcmKeyWalk        *walk;
  GHashTable        *media_files;   /* media path → file path */
  GCancellable      *cancellable;
  GPtrArray         *option_buttons;
  GcmItemTitles      titles;
};

G_DEFINE_FINAL_TYPE (GcmIdentifyView, gcm_identify_view, GTK_TYPE_WIDGET)

enum {
  OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_place (GcmIdentifyView *self);

static GtkWidget *
option_picture (GcmIdentifyView    *self,
                const GcmKeyOption *option)
{
  const char *path = option->image != NULL && self->media_files != NULL ?
                     g_hash_table_lookup (self->media_files, option->image) : NULL;
  GtkWidget *picture;

  if (path == NULL)
    return NULL;
  picture = gcm_picture_new (option->text);
  gcm_picture_load_file (GCM_PICTURE (picture), path, OPTION_PICTURE_SIZE, OPTION_PICTURE_SIZE,
                         self->cancellable);
  return picture;
}

static void
on_option_clicked_cb (GtkButton       *button,
                      GcmIdentifyView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "option"));

  if (gcm_key_walk_choose (self->walk, index))
    show_place (self);
}

static void
show_question (GcmIdentifyView  *self,
               const GcmKeyNode *node)
{
  GtkWidget *child;

  gtk_label_set_label (self->question_label, node->question);
  gtk_label_set_label (self->hint_label, node->hint != NULL ? node->hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), node->hint != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->option_box))) != NULL)
    gtk_flow_box_remove (self->option_box, child);
  g_ptr_array_set_size (self->option_buttons, 0);

  for (guint i = 0; i < node->n_options; i++)
    {
      const GcmKeyOption *option = &node->options[i];
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = gtk_label_new (option->text);
      GtkWidget *picture = option_picture (self, option);
      GtkWidget *flow_child;
      g_autofree char *name = g_strdup_printf ("%u. %s", i + 1, option->text);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_widget_set_hexpand (text, TRUE);
      if (picture != NULL)
        gtk_box_append (GTK_BOX (box), picture);
      gtk_box_append (GTK_BOX (row), gcm_rows_choice_number (i + 1));
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (box), row);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "key-option");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), "option", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_option_clicked_cb), self, 0);

      gtk_flow_box_append (self->option_box, button);
      /* The button takes the focus, not the cell around it. */
      flow_child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (flow_child, FALSE);
      g_ptr_array_add (self->option_buttons, button);
    }
  gtk_stack_set_visible_child_name (self->stack, "question");
  if (self->option_buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->option_buttons, 0));
}

static void
show_outcome (GcmIdentifyView     *self,
              const GcmKeyOutcome *outcome)
{
  static const char *urgency_classes[] = { "urgency-routine", "urgency-soon", "urgency-immediate" };
  g_autofree char *procedure_title = outcome->procedure != NULL ?
                                     gcm_item_titles_dup (&self->titles, outcome->procedure) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (urgency_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->urgency_label), urgency_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->urgency_label), urgency_classes[outcome->urgency]);
  gtk_label_set_label (self->urgency_label, gcm_urgency_get_label (outcome->urgency));
  gtk_label_set_label (self->outcome_title, outcome->title);
  gtk_label_set_label (self->outcome_summary, outcome->summary);
  if (outcome->contact != NULL)
    {
      g_autofree char *contact = g_strdup_printf (_("Call: %s"), outcome->contact);
      gtk_label_set_label (self->contact_label, contact);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contact_label), outcome->contact != NULL);

  if (procedure_title != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Open the Procedure: %s"), procedure_title);
      GtkWidget *text = gtk_label_new (label);

      /* Procedure titles are long: the button grows down, never wider than a phone. */
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (self->procedure_button, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->procedure_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->procedure_button), procedure_title != NULL);

  gcm_rows_clear (self->read_list);
  for (guint i = 0; outcome->read != NULL && outcome->read[i] != NULL; i++)
    {
      g_autofree char *title = gcm_item_titles_dup (&self->titles, outcome->read[i]);
      GtkWidget *row;

      if (title == NULL)
        continue;   /* withdrawn since the key was published */
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "item-id", g_strdup (outcome->read[i]), g_free);
      gtk_list_box_append (self->read_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->read_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->read_list)) != NULL);

  gtk_stack_set_visible_child_name (self->stack, "outcome");
  gtk_widget_grab_focus (gtk_widget_get_visible (GTK_WIDGET (self->procedure_button)) ?
                         GTK_WIDGET (self->procedure_button) : GTK_WIDGET (self->restart_button));
}

static void
update_path (GcmIdentifyView *self)
{
  guint n = gcm_key_walk_get_n_steps (self->walk);
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      guint option;
      const GcmKeyNode *node = gcm_key_walk_get_step (self->walk, i, &option);

      if (i > 0)
        g_string_append (path, " › ");
      g_string_append (path, node->options[option].text);
    }
  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (_("Your answers: %s"), path->str);
      gtk_label_set_label (self->path_label, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->path_label), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->restart_button), n > 0);
}

static void
show_place (GcmIdentifyView *self)
{
  const GcmKeyNode *node = gcm_key_walk_get_node (self->walk);

  update_path (self);
  if (node != NULL)
    show_question (self, node);
  else
    show_outcome (self, gcm_key_walk_get_outcome (self->walk));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Template callbacks */

static void
on_back_clicked_cb (GcmIdentifyView *self)
{
  if (gcm_key_walk_back (self->walk))
    show_place (self);
}

static void
on_restart_clicked_cb (GcmIdentifyView *self)
{
  gcm_key_walk_restart (self->walk);
  show_place (self);
}

static void
on_procedure_clicked_cb (GcmIdentifyView *self)
{
  const GcmKeyOutcome *outcome = gcm_key_walk_get_outcome (self->walk);

  if (outcome != NULL && outcome->procedure != NULL)
    g_signal_emit (self, signals[OPEN_ITEM], 0, outcome->procedure);
}

static void
on_read_row_activated_cb (GcmIdentifyView *self,
                          GtkListBoxRow   *row)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, g_object_get_data (G_OBJECT (row), "item-id"));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GcmIdentifyView       *self)
{
  int index;

  if (self->walk == NULL || gcm_key_walk_get_node (self->walk) == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  index = gcm_rows_choice_for_key (keyval, GCM_DECISION_KEY_MAX_OPTIONS);
  if (index < 0)
    return GDK_EVENT_PROPAGATE;
  if ((guint) index < self->option_buttons->len)
    gtk_widget_activate (g_ptr_array_index (self->option_buttons, index));
  return GDK_EVENT_STOP;
}

/* GObject */

static void
gcm_identify_view_dispose (GObject *object)
{
  GcmIdentifyView *self = GCM_IDENTIFY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_IDENTIFY_VIEW);
  g_clear_pointer (&self->option_buttons, g_ptr_array_unref);
  g_clear_object (&self->walk);
  g_clear_pointer (&self->media_files, g_hash_table_unref);
  gcm_item_titles_set (&self->titles, NULL, NULL, NULL);

  G_OBJECT_CLASS (gcm_identify_view_parent_class)->dispose (object);
}

static void
gcm_identify_view_class_init (GcmIdentifyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_identify_view_dispose;

  signals[OPEN_ITEM] =
    g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-identify-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, key_title);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, path_label);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, stack);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, question_label);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, option_box);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, urgency_label);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, outcome_title);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, outcome_summary);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, contact_label);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, procedure_button);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, read_list);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, back_button);
  gtk_widget_class_bind_template_child (widget_class, GcmIdentifyView, restart_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restart_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_procedure_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_read_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "identifyview");
}

static void
gcm_identify_view_init (GcmIdentifyView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->option_buttons = g_ptr_array_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
gcm_identify_view_new (void)
{
  return g_object_new (GCM_TYPE_IDENTIFY_VIEW, NULL);
}

/* Starts walking @key from its first question. @media_files: (nullable): media path → file. */
void
gcm_identify_view_set_key (GcmIdentifyView *self,
                           const char      *title,
                           GcmDecisionKey  *key,
                           GHashTable      *media_files)
{
  g_autoptr(GcmKeyWalk) walk = NULL;

  g_return_if_fail (GCM_IS_IDENTIFY_VIEW (self));
  g_return_if_fail (GCM_IS_DECISION_KEY (key));

  walk = gcm_key_walk_new (key);
  gcm_identify_view_set_walk (self, title, walk, media_files);
}

/* Shows @walk where it is: a key already under way, such as the same key in another language
 * with the answers given so far. @media_files: (nullable): media path → file. */
void
gcm_identify_view_set_walk (GcmIdentifyView *self,
                            const char      *title,
                            GcmKeyWalk      *walk,
                            GHashTable      *media_files)
{
  g_return_if_fail (GCM_IS_IDENTIFY_VIEW (self));
  g_return_if_fail (GCM_IS_KEY_WALK (walk));

  g_set_object (&self->walk, walk);
  g_clear_pointer (&self->media_files, g_hash_table_unref);
  self->media_files = media_files != NULL ? g_hash_table_ref (media_files) : NULL;
  gtk_label_set_label (self->key_title, title);
  show_place (self);
}

void
gcm_identify_view_set_title_func (GcmIdentifyView  *self,
                                  GcmItemTitleFunc  func,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy)
{
  g_return_if_fail (GCM_IS_IDENTIFY_VIEW (self));

  gcm_item_titles_set (&self->titles, func, user_data, destroy);
}

GcmKeyWalk *
gcm_identify_view_get_walk (GcmIdentifyView *self)
{
  g_return_val_if_fail (GCM_IS_IDENTIFY_VIEW (self), NULL);
  return self->walk;
}
