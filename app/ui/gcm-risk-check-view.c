/* gcm-risk-check-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The risk-indicator check: a declaration's fields in, the red flags the manual's indicators
 * raise out, each with why it matters and the sections and cases behind it.
 */

#define G_LOG_DOMAIN "GcmRiskCheckView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-risk-check-view.h"
#include "gcm-rows.h"

/* The transport modes of the combo row, as the rules name them; 0 is "not given". */
static const char * const modes[] = { "", "sea", "air", "road", "rail", "post" };

struct _GcmRiskCheckView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  AdwEntryRow       *hs_row;
  AdwEntryRow       *description_row;
  AdwEntryRow       *origin_row;
  AdwEntryRow       *departure_row;
  AdwEntryRow       *destination_row;
  AdwEntryRow       *value_row;
  AdwEntryRow       *weight_row;
  AdwComboRow       *mode_row;
  GtkLabel          *result_heading;
  GtkBox            *flag_box;

  /* Owned */
  GcmRiskRules      *rules;
  guint              scroll_frames;   /* frames the result has been scrolled to so far */
  GcmItemTitles      titles;
};

G_DEFINE_FINAL_TYPE (GcmRiskCheckView, gcm_risk_check_view, GTK_TYPE_WIDGET)

enum {
  OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GHashTable *
read_form (GcmRiskCheckView *self)
{
  GHashTable *declaration = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  struct { const char *field; AdwEntryRow *row; } entries[] = {
    { "hs", self->hs_row }, { "description", self->description_row },
    { "origin", self->origin_row }, { "departure", self->departure_row },
    { "destination", self->destination_row }, { "value", self->value_row },
    { "weight", self->weight_row },
  };
  guint mode = adw_combo_row_get_selected (self->mode_row);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_hash_table_insert (declaration, (gpointer) entries[i].field,
                         g_strdup (gtk_editable_get_text (GTK_EDITABLE (entries[i].row))));
  if (mode < G_N_ELEMENTS (modes))
    g_hash_table_insert (declaration, (gpointer) "mode", g_strdup (modes[mode]));
  return declaration;
}

static void
on_item_clicked_cb (GtkButton        *button,
                    GcmRiskCheckView *self)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, g_object_get_data (G_OBJECT (button), "item-id"));
}

static GtkWidget *
flag_card (GcmRiskCheckView *self,
           GcmRiskFlag      *flag)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *level = gtk_label_new (flag->severity >= 3 ? _("High risk") :
                                    flag->severity == 2 ? _("Risk") : _("Worth a look"));
  GtkWidget *title = gtk_label_new (flag->title);
  GtkWidget *why = gtk_label_new (flag->why);
  GtkWidget *labels[] = { level, title, why };
  GtkWidget *links = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "risk-flag");
  gtk_widget_add_css_class (level, "caption-heading");
  gtk_widget_add_css_class (level, flag->severity >= 3 ? "urgency-immediate" : "urgency-soon");
  gtk_widget_add_css_class (title, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_wrap (GTK_LABEL (labels[i]), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (labels[i]), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (card), labels[i]);
    }

  for (guint i = 0; flag->items != NULL && flag->items[i] != NULL; i++)
    {
      g_autofree char *item_title = gcm_item_titles_dup (&self->titles, flag->items[i]);
      GtkWidget *button;
      GtkWidget *label;

      if (item_title == NULL)
        continue;   /* withdrawn since the rule was published */
      if (links == NULL)
        {
          GtkWidget *heading = gtk_label_new (_("Read in the manual"));

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "caption-heading");
          gtk_widget_add_css_class (heading, "dim-label");
          gtk_widget_set_margin_top (heading, 6);
          gtk_box_append (GTK_BOX (card), heading);
          links = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (links), GTK_SELECTION_NONE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (links), 3);
          gtk_box_append (GTK_BOX (card), links);
        }
      label = gtk_label_new (item_title);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "risk-link");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      item_title, -1);
      g_object_set_data_full (G_OBJECT (button), "item-id", g_strdup (flag->items[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_item_clicked_cb), self, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (links), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  return card;
}

/* Runs the check on the form and shows the flags; returns how many were raised. */
guint
gcm_risk_check_view_check (GcmRiskCheckView *self)
{
  g_autoptr(GHashTable) declaration = NULL;
  g_autoptr(GPtrArray) flags = NULL;

  g_return_val_if_fail (GCM_IS_RISK_CHECK_VIEW (self), 0);

  gcm_rows_clear_box (self->flag_box);

  if (self->rules == NULL || gcm_risk_rules_get_n_rules (self->rules) == 0)
    {
      gtk_label_set_label (self->result_heading, _("No risk indicators are installed. Update the content to get them."));
      gtk_widget_set_visible (GTK_WIDGET (self->result_heading), TRUE);
      return 0;
    }

  declaration = read_form (self);
  flags = gcm_risk_rules_check (self->rules, declaration);
  if (flags->len == 0)
    gtk_label_set_label (self->result_heading,
                         _("None of the manual’s risk indicators applies. That is not a clearance: "
                           "use your own judgement too."));
  else
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u red flag",
                                                               "%u red flags", flags->len),
                                                  flags->len);
      gtk_label_set_label (self->result_heading, heading);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_heading), TRUE);
  for (guint i = 0; i < flags->len; i++)
    gtk_box_append (self->flag_box, flag_card (self, g_ptr_array_index (flags, i)));
  return flags->len;
}

/* Template callbacks */

/* On the next frame, once the flags are laid out, the result scrolls to the top of the page:
 * on a phone it is below the form. A label that cannot be selected takes no focus to scroll to. */
static gboolean
scroll_to_result_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  GcmRiskCheckView *self = GCM_RISK_CHECK_VIEW (widget);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t point;
  double target;

  if (content == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->result_heading), content,
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_REMOVE;
  /* The page grows only once the new flags have been measured: try again next frame. */
  target = MIN (MAX (point.y - 12, 0),
                gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, target);
  return ++self->scroll_frames < 5 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
on_check_clicked_cb (GcmRiskCheckView *self)
{
  gcm_risk_check_view_check (self);
  if (self->scroll_frames == 0 || self->scroll_frames >= 5)
    {
      self->scroll_frames = 0;
      gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_result_cb, NULL, NULL);
    }
}

static void
on_entry_activated_cb (GcmRiskCheckView *self)
{
  on_check_clicked_cb (self);
}

static void
on_clear_clicked_cb (GcmRiskCheckView *self)
{
  AdwEntryRow *rows[] = { self->hs_row, self->description_row, self->origin_row,
                          self->departure_row, self->destination_row, self->value_row,
                          self->weight_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  adw_combo_row_set_selected (self->mode_row, 0);
  gcm_rows_clear_box (self->flag_box);
  gtk_widget_set_visible (GTK_WIDGET (self->result_heading), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->hs_row));
}

/* GObject */

static void
gcm_risk_check_view_dispose (GObject *object)
{
  GcmRiskCheckView *self = GCM_RISK_CHECK_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_RISK_CHECK_VIEW);
  g_clear_object (&self->rules);
  gcm_item_titles_set (&self->titles, NULL, NULL, NULL);

  G_OBJECT_CLASS (gcm_risk_check_view_parent_class)->dispose (object);
}

static void
gcm_risk_check_view_class_init (GcmRiskCheckViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_risk_check_view_dispose;

  signals[OPEN_ITEM] =
    g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-risk-check-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, hs_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, description_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, origin_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, departure_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, destination_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, value_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, weight_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, mode_row);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, result_heading);
  gtk_widget_class_bind_template_child (widget_class, GcmRiskCheckView, flag_box);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riskcheckview");
}

static void
gcm_risk_check_view_init (GcmRiskCheckView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_selectable (self->result_heading, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->result_heading), TRUE);
}

GtkWidget *
gcm_risk_check_view_new (void)
{
  return g_object_new (GCM_TYPE_RISK_CHECK_VIEW, NULL);
}

void
gcm_risk_check_view_set_rules (GcmRiskCheckView *self,
                               GcmRiskRules     *rules)
{
  g_return_if_fail (GCM_IS_RISK_CHECK_VIEW (self));
  g_set_object (&self->rules, rules);
  /* A result on show follows the new rules: after an update, or in the reader's new language. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->result_heading)))
    gcm_risk_check_view_check (self);
}

void
gcm_risk_check_view_set_title_func (GcmRiskCheckView *self,
                                    GcmItemTitleFunc  func,
                                    gpointer          user_data,
                                    GDestroyNotify    destroy)
{
  g_return_if_fail (GCM_IS_RISK_CHECK_VIEW (self));

  gcm_item_titles_set (&self->titles, func, user_data, destroy);
}
