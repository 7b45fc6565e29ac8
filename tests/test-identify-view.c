/* test-identify-view.c — a decision key walked in a real window
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "gcm-identify-view.h"

static const char valid_key[] =
  "{\"id\":\"key/test\",\"start\":\"what\","
  " \"nodes\":["
  "  {\"id\":\"what\",\"question\":\"What did you find?\",\"options\":["
  "    {\"text\":\"A live animal\",\"outcome\":\"live\"},"
  "    {\"text\":\"An animal part or product\",\"next\":\"part\"},"
  "    {\"text\":\"A gas cylinder\",\"next\":\"cylinder\"}]},"
  "  {\"id\":\"part\",\"question\":\"What is it made of?\",\"options\":["
  "    {\"text\":\"Ivory\",\"image\":\"illustrations/tusk.svg\",\"outcome\":\"ivory\"},"
  "    {\"text\":\"Scales\",\"outcome\":\"scales\"}]},"
  "  {\"id\":\"cylinder\",\"question\":\"What does the label say?\",\"options\":["
  "    {\"text\":\"R-22\",\"outcome\":\"ods\"},"
  "    {\"text\":\"Nothing readable\",\"outcome\":\"ods\"}]}],"
  " \"outcomes\":["
  "  {\"id\":\"live\",\"title\":\"A live CITES specimen\",\"summary\":\"Care comes first.\","
  "   \"urgency\":\"immediate\",\"procedure\":\"procedure/live-cites-animals\","
  "   \"contact\":\"CITES Management Authority\",\"read\":[\"manual/cites/live-animals\"]},"
  "  {\"id\":\"ivory\",\"title\":\"Probably ivory\",\"summary\":\"Seal and record.\","
  "   \"urgency\":\"soon\",\"procedure\":\"procedure/ivory-and-derivatives\"},"
  "  {\"id\":\"scales\",\"title\":\"Probably pangolin scales\",\"summary\":\"Seal and record.\","
  "   \"urgency\":\"soon\"},"
  "  {\"id\":\"ods\",\"title\":\"A suspected ODS cylinder\",\"summary\":\"Do not open it.\","
  "   \"urgency\":\"immediate\",\"procedure\":\"procedure/suspected-ods\"}]}";

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The visible button named @name, by its label or its accessible label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_BUTTON (child))
        {
          g_autofree char *mismatch = gtk_test_accessible_check_property (
              GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
          GtkWidget *label = gtk_button_get_child (GTK_BUTTON (child));

          if (mismatch == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), name) == 0 ||
              (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), name) == 0))
            return child;
        }
      found = find_button (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget  *view,
       const char *name)
{
  GtkWidget *button = find_button (view, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static char *
title_of (const char *id,
          gpointer    user_data)
{
  return g_str_has_prefix (id, "procedure/") ? g_strdup ("Ivory and derivatives") : NULL;
}

static void
on_open_item_cb (GcmIdentifyView *view,
                 const char      *id,
                 char           **opened)
{
  g_free (*opened);
  *opened = g_strdup (id);
}

static void
test_walk_to_procedure (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmDecisionKey) key = NULL;
  g_autofree char *opened = NULL;
  GtkWidget *window = gtk_window_new ();
  GcmIdentifyView *view = GCM_IDENTIFY_VIEW (gcm_identify_view_new ());
  GcmKeyWalk *walk;

  g_assert_true (json_parser_load_from_data (parser, valid_key, -1, NULL));
  key = gcm_decision_key_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                        NULL, NULL, NULL);
  gcm_identify_view_set_title_func (view, title_of, NULL, NULL);
  g_signal_connect (view, "open-item", G_CALLBACK (on_open_item_cb), &opened);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gcm_identify_view_set_key (view, "Identify", key, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  walk = gcm_identify_view_get_walk (view);

  /* Back does nothing before the first answer. */
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (view), "_Back")));
  click (GTK_WIDGET (view), "2. An animal part or product");
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "part");
  click (GTK_WIDGET (view), "_Back");
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "what");
  click (GTK_WIDGET (view), "2. An animal part or product");
  click (GTK_WIDGET (view), "1. Ivory");
  g_assert_cmpstr (gcm_key_walk_get_outcome (walk)->id, ==, "ivory");

  click (GTK_WIDGET (view), "Open the Procedure: Ivory and derivatives");
  g_assert_cmpstr (opened, ==, "procedure/ivory-and-derivatives");

  click (GTK_WIDGET (view), "_Start Again");
  g_assert_cmpuint (gcm_key_walk_get_n_steps (walk), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static GcmDecisionKey *
key_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return gcm_decision_key_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                         NULL, NULL, NULL);
}

/* The reader changes the language halfway: the same key in the other language is shown at the
 * question reached, with the answers given, and the walk goes on from there. */
static void
test_walk_in_another_language (void)
{
  g_autoptr(GString) korean = g_string_new (valid_key);
  g_autoptr(GcmDecisionKey) key = key_from (valid_key);
  g_autoptr(GcmDecisionKey) ko = NULL;
  g_autoptr(GcmKeyWalk) following = NULL;
  GtkWidget *window = gtk_window_new ();
  GcmIdentifyView *view = GCM_IDENTIFY_VIEW (gcm_identify_view_new ());

  g_string_replace (korean, "What is it made of?", "무엇으로 만들어졌는가?", 1);
  g_string_replace (korean, "\"Ivory\"", "\"상아\"", 1);
  ko = key_from (korean->str);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gcm_identify_view_set_key (view, "Identify", key, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  click (GTK_WIDGET (view), "2. An animal part or product");

  following = gcm_key_walk_new_following (ko, gcm_identify_view_get_walk (view));
  gcm_identify_view_set_walk (view, "식별", following, NULL);
  drain ();
  g_assert_true (gcm_identify_view_get_walk (view) == following);
  g_assert_cmpstr (gcm_key_walk_get_node (following)->question, ==, "무엇으로 만들어졌는가?");
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (view), "_Back")));
  click (GTK_WIDGET (view), "1. 상아");
  g_assert_cmpstr (gcm_key_walk_get_outcome (following)->id, ==, "ivory");
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/identify-view/walk-to-procedure", test_walk_to_procedure);
  g_test_add_func ("/identify-view/walk-in-another-language", test_walk_in_another_language);
  return g_test_run ();
}
