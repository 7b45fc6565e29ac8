/* gcm-case-facts.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facts of a seizure case as one panel of labelled rows — when, where, what, how much, how
 * it was hidden and what gave it away — so an officer compares cases at a glance instead of
 * reading them out of a table in the story.
 */

#define G_LOG_DOMAIN "GcmCaseFacts"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gcm-case-date.h"
#include "gcm-case-facts.h"
#include "gcm-convention.h"
#include "gcm-rows.h"

struct _GcmCaseFacts
{
  GtkWidget  parent_instance;

  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (GcmCaseFacts, gcm_case_facts, GTK_TYPE_WIDGET)

static GtkWidget *
add_row (GtkWidget  *group,
         const char *label,
         const char *value)
{
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return NULL;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* The value is what the officer looks for; the label only names it. */
  gtk_widget_add_css_class (row, "case-fact");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* libadwaita 1.2 has no selectable subtitle: its label is found by its style class. */
static void
make_subtitle_selectable (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        {
          gtk_label_set_selectable (GTK_LABEL (child), TRUE);
          return;
        }
      make_subtitle_selectable (child);
    }
}

static const char *
code_family_label (GcmCodeFamily family)
{
  switch (family)
    {
    case GCM_CODE_FAMILY_HS:
      return _("HS codes");
    case GCM_CODE_FAMILY_UN:
      return _("UN numbers");
    case GCM_CODE_FAMILY_CAS:
      return _("CAS numbers");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* One row per family of codes, as written, so an officer can copy them into a declaration
 * search; the HS edition is named because headings move between editions. */
static void
add_code_rows (GtkWidget *group,
               GcmItem   *item)
{
  for (guint family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    {
      const char * const *codes = gcm_item_get_codes (item, family);
      const char *edition = gcm_item_get_code_edition (item, family);
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      GtkWidget *row;

      if (codes[0] == NULL)
        continue;
      /* Translators: a kind of code and the edition of its list, as in “HS codes (HS 2022)” */
      label = edition != NULL ? g_strdup_printf (_("%s (%s)"), code_family_label (family), edition)
                              : g_strdup (code_family_label (family));
      value = g_strjoinv (", ", (char **) codes);
      row = add_row (group, label, value);
      if (row != NULL)
        make_subtitle_selectable (row);
    }
}

static char *
join_lines (const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return NULL;
  return g_strjoinv ("\n", (char **) values);
}

static char *
conventions_text (GcmItem *item)
{
  const char * const *ids = gcm_item_get_conventions (item);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GcmConvention convention;

      g_ptr_array_add (names, (gpointer) (gcm_convention_from_string (ids[i], &convention)
                                            ? gcm_convention_get_short_label (convention) : ids[i]));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

void
gcm_case_facts_set_item (GcmCaseFacts *self,
                         GcmItem      *item)
{
  GtkWidget *group;
  g_autofree char *conventions = NULL;
  g_autofree char *modus = NULL;
  g_autofree char *risks = NULL;
  g_autofree char *date = NULL;

  g_return_if_fail (GCM_IS_CASE_FACTS (self));

  gcm_rows_clear_box (GTK_BOX (self->box));
  if (item == NULL)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Facts"));
  conventions = conventions_text (item);
  modus = join_lines (gcm_item_get_modus_operandi (item));
  risks = join_lines (gcm_item_get_risk_indicators (item));
  date = gcm_item_get_date (item) != NULL ? gcm_case_date_format (gcm_item_get_date (item)) : NULL;
  add_row (group, _("Date"), date);
  add_row (group, _("Place"), gcm_item_get_place (item));
  add_row (group, _("Commodity"), gcm_item_get_commodity (item));
  add_row (group, _("Quantity"), gcm_item_get_quantity (item));
  /* Translators: where a case was reported, such as a workshop */
  add_row (group, _("Reported at"), gcm_item_get_reported_at (item));
  add_row (group, _("Agreements"), conventions);
  add_row (group, _("Modus operandi"), modus);
  add_row (group, _("Risk indicators"), risks);
  add_code_rows (group, item);
  gtk_box_append (GTK_BOX (self->box), group);
}

static void
gcm_case_facts_dispose (GObject *object)
{
  GcmCaseFacts *self = GCM_CASE_FACTS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (gcm_case_facts_parent_class)->dispose (object);
}

static void
gcm_case_facts_class_init (GcmCaseFactsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gcm_case_facts_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
gcm_case_facts_init (GcmCaseFacts *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
gcm_case_facts_new (void)
{
  return g_object_new (GCM_TYPE_CASE_FACTS, NULL);
}
