/* test-risk-check-view.c — a declaration checked in a real window
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "gcm-risk-check-view.h"

static const char rules_json[] =
  "["
  " {\"id\":\"waste-departure\",\"title\":\"Waste shipped from a country that is not its origin\","
  "  \"why\":\"A false departure country can dodge the export authorisation.\",\"severity\":3,"
  "  \"items\":[\"manual/basel/used-batteries\",\"case/2017-busan-used-batteries\"],"
  "  \"when\":{\"all\":[{\"field\":\"hs\",\"prefix\":[\"8549.1\",\"8548.10\"]},"
  "                    {\"field\":\"departure\",\"differs_from\":\"origin\"}]}},"
  " {\"id\":\"ewaste-hs\",\"title\":\"Used electronics\",\"why\":\"E-waste hides as second-hand goods.\","
  "  \"severity\":2,\"items\":[\"manual/basel/e-waste\"],"
  "  \"when\":{\"any\":[{\"field\":\"hs\",\"prefix\":[\"8549.2\",\"8549.3\",\"8549.9\"]},"
  "                    {\"all\":[{\"field\":\"hs\",\"prefix\":[\"8471\",\"8528\"]},"
  "                             {\"field\":\"description\",\"contains\":[\"used\",\"second-hand\"]}]}]}},"
  " {\"id\":\"cheap-refrigerant\",\"title\":\"Refrigerant priced far below the market\","
  "  \"why\":\"Smuggled ODS undercut legal gas.\",\"severity\":2,"
  "  \"when\":{\"all\":[{\"field\":\"hs\",\"prefix\":[\"2903\"]},"
  "                    {\"per\":[\"value\",\"weight\"],\"below\":2}]}},"
  " {\"id\":\"air-passenger\",\"title\":\"Carried by a passenger\",\"why\":\"Couriers carry ivory.\","
  "  \"severity\":1,\"when\":{\"all\":[{\"field\":\"mode\",\"in\":[\"air\"]},"
  "                                  {\"not\":{\"field\":\"destination\",\"in\":[\"KR\"]}}]}}"
  "]";

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static AdwEntryRow *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_ENTRY_ROW (child);
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static char *
title_of (const char *id,
          gpointer    user_data)
{
  return g_str_equal (id, "case/2017-busan-used-batteries") ? g_strdup ("Busan used batteries") : NULL;
}

static void
test_busan_declaration (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmRiskRules) rules = gcm_risk_rules_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gcm_risk_check_view_new ();

  g_assert_true (json_parser_load_from_data (parser, rules_json, -1, NULL));
  g_assert_true (gcm_risk_rules_add_from_json (rules, json_node_get_array (json_parser_get_root (parser)), NULL));
  gcm_risk_check_view_set_rules (GCM_RISK_CHECK_VIEW (view), rules);
  gcm_risk_check_view_set_title_func (GCM_RISK_CHECK_VIEW (view), title_of, NULL, NULL);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  gtk_editable_set_text (GTK_EDITABLE (find_row (view, "HS code")), "8549.10");
  gtk_editable_set_text (GTK_EDITABLE (find_row (view, "Country of origin (two-letter code)")), "NG");
  gtk_editable_set_text (GTK_EDITABLE (find_row (view, "Country of departure (two-letter code)")), "AE");
  g_assert_cmpuint (gcm_risk_check_view_check (GCM_RISK_CHECK_VIEW (view)), ==, 1);
  drain ();
  g_assert_true (shows_label (view, "1 red flag"));
  g_assert_true (shows_label (view, "Waste shipped from a country that is not its origin"));
  g_assert_true (shows_label (view, "A false departure country can dodge the export authorisation."));
  g_assert_true (shows_label (view, "Busan used batteries"));   /* the link to the case */

  /* The same country twice raises nothing, and says so. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (view, "Country of departure (two-letter code)")), "NG");
  g_assert_cmpuint (gcm_risk_check_view_check (GCM_RISK_CHECK_VIEW (view)), ==, 0);
  g_assert_false (shows_label (view, "Waste shipped from a country that is not its origin"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/risk-check-view/busan-declaration", test_busan_declaration);
  return g_test_run ();
}
