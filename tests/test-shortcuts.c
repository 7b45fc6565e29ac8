/* test-shortcuts.c — the shortcuts window lists every shortcut the app has, and only those
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In the real application: every accelerator GcmApplication sets is listed by its action in the
 * window's help overlay (app/ui/gtk/help-overlay.ui), and every action listed there has one;
 * the photo viewer's class shortcuts are exactly those of its group; the views' own key
 * handlers, which no API lists, are found in their source and matched to their groups, the
 * number keys that choose an option pressed on the real views; and F10 is listed while the main
 * menu's button is primary. The main menu offers Keyboard Shortcuts and Help, and Ctrl+? is the
 * overlay's accelerator.
 */

#include <adwaita.h>
#include <string.h>

#include "gcm-identify-view.h"
#include "gcm-photo-viewer.h"
#include "gcm-quiz-view.h"
#include "gcm-test-utils-gtk.h"

/* The files whose key handlers the overlay lists, each with its group. */
static const struct { const char *file; const char *group; } key_handlers[] = {
  { "gcm-window.c", "search_keys" },
  { "gcm-quiz-view.c", "quiz_keys" },
  { "gcm-identify-view.c", "identify_keys" },
  { "gcm-presenter.c", "workshop_keys" },
};

static void show_identify_question (GtkWidget *view);
static void show_quiz_question     (GtkWidget *view);

/* The views whose number keys choose an option, each with its group and a way to show it a
 * question with as many options as its content may have. */
static const struct
{
  const char *file;
  const char *group;
  GType     (*get_type)      (void);
  void      (*show_question) (GtkWidget *view);
} number_key_views[] = {
  { "gcm-identify-view.c", "identify_keys", gcm_identify_view_get_type, show_identify_question },
  { "gcm-quiz-view.c", "quiz_keys", gcm_quiz_view_get_type, show_quiz_question },
};

typedef struct
{
  char *group;        /* the buildable id of its GtkShortcutsGroup */
  char *title;
  char *action_name;  /* (nullable) */
  char *accelerator;  /* (nullable) */
} Listed;

static void
listed_free (Listed *listed)
{
  g_free (listed->group);
  g_free (listed->title);
  g_free (listed->action_name);
  g_free (listed->accelerator);
  g_free (listed);
}

static void
collect_listed (GtkWidget *widget,
                const char *group,
                GPtrArray  *out)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    group = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      Listed *listed = g_new0 (Listed, 1);

      g_object_get (widget, "title", &listed->title, "action-name", &listed->action_name,
                    "accelerator", &listed->accelerator, NULL);
      listed->group = g_strdup (group);
      g_ptr_array_add (out, listed);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, group, out);
}

/* What the overlay lists, shortcut by shortcut. */
static GPtrArray *
listed_in_overlay (GtkWindow *window)
{
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  GPtrArray *listed = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_free);

  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), NULL, listed);
  g_assert_cmpuint (listed->len, >, 0);
  return listed;
}

static gboolean
lists_action (GPtrArray  *listed,
              const char *action_name)
{
  for (guint i = 0; i < listed->len; i++)
    if (g_strcmp0 (((Listed *) listed->pdata[i])->action_name, action_name) == 0)
      return TRUE;
  return FALSE;
}

/* "KEY MODS" for a keyval and modifiers, so that two spellings of one key compare equal. */
static char *
key_name (guint           keyval,
          GdkModifierType mods)
{
  return g_strdup_printf ("%s %x", gdk_keyval_name (gdk_keyval_to_lower (keyval)), mods);
}

/* Every key the overlay's @group lists in its accelerators. */
static GHashTable *
group_keys (GPtrArray  *listed,
            const char *group)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *l = listed->pdata[i];
      g_auto(GStrv) accels = NULL;

      if (g_strcmp0 (l->group, group) != 0 || l->accelerator == NULL)
        continue;
      accels = g_strsplit (l->accelerator, " ", -1);
      for (guint j = 0; accels[j] != NULL; j++)
        {
          g_auto(GStrv) range = g_strsplit (accels[j], "...", 2);
          guint keyval = 0;
          GdkModifierType mods = 0;

          /* A range, such as 1...9, is every key from the first to the last. */
          if (range[1] != NULL)
            {
              guint last = gdk_keyval_from_name (range[1]);

              keyval = gdk_keyval_from_name (range[0]);
              g_assert_true (keyval != GDK_KEY_VoidSymbol && last >= keyval && last - keyval < 10);
              for (; keyval <= last; keyval++)
                g_hash_table_add (keys, key_name (keyval, 0));
              continue;
            }
          if (!gtk_accelerator_parse (accels[j], &keyval, &mods))
            g_error ("“%s” in %s is no accelerator", accels[j], group);
          g_hash_table_add (keys, key_name (keyval, mods));
        }
    }
  return keys;
}

static char *
read_ui_source (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "app", "ui", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static GtkWindow *
open_app_window (GcmApplication **app)
{
  *app = gcm_test_app_start ();
  return gcm_test_app_open_window (*app);
}

/* Tests */

static void
test_accels_listed (void)
{
  GcmApplication *app;
  GtkWindow *window;
  g_autoptr(GPtrArray) listed = NULL;
  g_auto(GStrv) actions = NULL;
  guint with_accels = 0;

  if (!gcm_test_run_in_subprocess ())
    return;
  window = open_app_window (&app);
  listed = listed_in_overlay (window);

  /* Each accelerator of the app is listed by its action… */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);
      if (accels[0] == NULL)
        continue;
      with_accels++;
      if (!lists_action (listed, actions[i]))
        g_error ("%s (%s) is not in the shortcuts window", actions[i], accels[0]);
    }
  g_assert_cmpuint (with_accels, >=, 16);

  /* …and each action listed has an accelerator, which the window shows. */
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *l = listed->pdata[i];
      g_auto(GStrv) accels = NULL;

      if (l->action_name == NULL)
        continue;
      accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), l->action_name);
      if (accels[0] == NULL)
        g_error ("“%s” lists %s, which has no shortcut", l->title, l->action_name);
    }

  /* The ones a user looks for first. */
  {
    g_auto(GStrv) help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
    g_auto(GStrv) overlay = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   "win.show-help-overlay");
    g_assert_true (g_strv_contains ((const char * const *) help, "F1"));
    g_assert_true (g_strv_contains ((const char * const *) overlay, "<Control>question"));
  }
  gcm_test_app_stop (app);
}

static void
test_photo_viewer_keys (void)
{
  GcmApplication *app;
  GtkWindow *window;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) in_overlay = NULL;
  g_autoptr(GHashTable) in_viewer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *viewer;
  GHashTableIter iter;
  const char *key;

  if (!gcm_test_run_in_subprocess ())
    return;
  window = open_app_window (&app);
  listed = listed_in_overlay (window);
  in_overlay = group_keys (listed, "photo_viewer_keys");

  viewer = g_object_ref_sink (gcm_photo_viewer_new ());
  controllers = gtk_widget_observe_controllers (viewer);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            g_hash_table_add (in_viewer,
                              key_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
  g_assert_cmpuint (g_hash_table_size (in_viewer), >=, 10);

  g_hash_table_iter_init (&iter, in_viewer);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (in_overlay, key))
      g_error ("The photo viewer's key %s is not in the shortcuts window", key);
  g_hash_table_iter_init (&iter, in_overlay);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (!g_hash_table_contains (in_viewer, key))
      g_error ("The shortcuts window lists %s for the photo viewer, which has no such key", key);

  g_object_unref (viewer);
  gcm_test_app_stop (app);
}

/* A key's question with as many options as a key may have, all leading to one outcome. */
static void
show_identify_question (GtkWidget *view)
{
  g_autoptr(GString) json = g_string_new ("{\"id\":\"key/numbers\",\"start\":\"what\","
                                          " \"nodes\":[{\"id\":\"what\","
                                          " \"question\":\"What did you find?\",\"options\":[");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmDecisionKey) key = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= GCM_DECISION_KEY_MAX_OPTIONS; i++)
    g_string_append_printf (json, "%s{\"text\":\"Option %u\",\"outcome\":\"it\"}",
                            i > 1 ? "," : "", i);
  g_string_append (json, "]}], \"outcomes\":[{\"id\":\"it\",\"title\":\"Found\","
                         " \"summary\":\"Seal and record.\",\"urgency\":\"soon\"}]}");
  json_parser_load_from_data (parser, json->str, -1, &error);
  g_assert_no_error (error);
  key = gcm_decision_key_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  gcm_identify_view_set_key (GCM_IDENTIFY_VIEW (view), "Numbers", key, NULL);
  g_assert_nonnull (gcm_key_walk_get_node (gcm_identify_view_get_walk (GCM_IDENTIFY_VIEW (view))));
}

/* A question with as many choices as a question may have. */
static void
show_quiz_question (GtkWidget *view)
{
  g_autoptr(GString) json = g_string_new ("[{\"id\":\"numbers\",\"type\":\"single\","
                                          " \"prompt\":\"Which one?\",\"choices\":[");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GcmQuizAttempt) attempt = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= GCM_QUIZ_MAX_CHOICES; i++)
    g_string_append_printf (json, "%s\"Choice %u\"", i > 1 ? "," : "", i);
  g_string_append (json, "], \"answer\":0,\"explanation\":\"The first.\","
                         " \"source\":\"manual/beta/second\"}]");
  json_parser_load_from_data (parser, json->str, -1, &error);
  g_assert_no_error (error);
  questions = gcm_quiz_question_list_from_json (json_node_get_array (json_parser_get_root (parser)),
                                                &error);
  g_assert_no_error (error);
  attempt = gcm_quiz_attempt_new ("quiz/numbers", questions, 1, FALSE);
  gcm_quiz_view_start (GCM_QUIZ_VIEW (view), "Numbers", attempt, NULL);
}

/* Whether @view's own key handler takes @keyval, pressed without modifiers. */
static gboolean
view_takes_key (GtkWidget *view,
                guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean taken = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      taken |= handled;
    }
  return taken;
}

static void
test_key_handlers_listed (void)
{
  GcmApplication *app;
  GtkWindow *window;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *ui_dir = g_test_build_filename (G_TEST_DIST, "..", "app", "ui", NULL);
  const char *name;

  if (!gcm_test_run_in_subprocess ())
    return;
  window = open_app_window (&app);
  listed = listed_in_overlay (window);

  /* A view that takes keys of its own, or shortcuts by API, is one the overlay knows of. */
  dir = g_dir_open (ui_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = NULL;
      gboolean known = FALSE;

      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".ui"))
        continue;
      source = read_ui_source (name);
      if (strstr (source, "GtkShortcutController") != NULL ||
          strstr (source, "gtk_shortcut_controller_new") != NULL ||
          strstr (source, "gtk_widget_class_add_shortcut") != NULL ||
          strstr (source, "gtk_widget_class_add_binding") != NULL)
        {
          /* the viewer's keys are checked one by one above; Ctrl+P prints a procedure; Escape
           * closes the sessions window, as every dialog */
          if (!g_str_equal (name, "gcm-photo-viewer.c") && !g_str_equal (name, "gcm-item-view.c") &&
              !g_str_equal (name, "gcm-workshop-sessions.c"))
            g_error ("%s has shortcuts: list them in help-overlay.ui and here", name);
        }
      /* A view that chooses by number keys has them pressed below; the window only lets the
       * identification key's through rather than start a search. */
      if (strstr (source, "gcm_rows_choice_for_key") != NULL && !g_str_equal (name, "gcm-rows.c") &&
          !g_str_equal (name, "gcm-window-field.c"))
        {
          gboolean pressed = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (number_key_views); i++)
            pressed |= g_str_equal (name, number_key_views[i].file);
          if (!pressed)
            g_error ("%s chooses by number keys: list them in help-overlay.ui and here", name);
        }
      if (strstr (source, "\"key-pressed\"") == NULL)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (key_handlers); i++)
        known |= g_str_equal (name, key_handlers[i].file);
      if (!known)
        g_error ("%s handles keys of its own: list them in help-overlay.ui and here", name);
    }

  /* F10 opens a primary menu button's menu. */
  {
    g_autofree char *window_ui = read_ui_source ("gcm-window.ui");
    g_autoptr(GHashTable) general = group_keys (listed, "general_shortcuts");

    g_assert_true ((strstr (window_ui, "<property name=\"primary\">True</property>") != NULL) ==
                   g_hash_table_contains (general, "F10 0"));
  }

  /* Each handler's keys are those its group lists. */
  for (guint i = 0; i < G_N_ELEMENTS (key_handlers); i++)
    {
      g_autofree char *source = read_ui_source (key_handlers[i].file);
      g_autoptr(GHashTable) keys = group_keys (listed, key_handlers[i].group);

      g_assert_cmpuint (g_hash_table_size (keys), >, 0);
      if (strstr (source, "GDK_KEY_Return") != NULL)
        g_assert_true (g_hash_table_contains (keys, "Return 0"));
      if (strstr (source, "keyval != GDK_KEY_Down") != NULL)
        g_assert_true (g_hash_table_contains (keys, "Down 0"));
    }

  /* The number keys each view takes, on the main row and the keypad alike, are exactly those
   * its group lists: each pressed on the real view at a question with all the options it may
   * have. */
  for (guint i = 0; i < G_N_ELEMENTS (number_key_views); i++)
    {
      g_autoptr(GHashTable) keys = group_keys (listed, number_key_views[i].group);
      GtkWidget *view_window = gtk_window_new ();
      GtkWidget *view = g_object_new (number_key_views[i].get_type (), NULL);
      guint n_taken = 0;

      gtk_window_set_child (GTK_WINDOW (view_window), view);
      gtk_window_present (GTK_WINDOW (view_window));
      for (guint digit = 0; digit <= 9; digit++)
        {
          g_autofree char *key = key_name (GDK_KEY_0 + digit, 0);
          gboolean takes, takes_keypad;

          number_key_views[i].show_question (view);
          takes = view_takes_key (view, GDK_KEY_0 + digit);
          number_key_views[i].show_question (view);
          takes_keypad = view_takes_key (view, GDK_KEY_KP_0 + digit);
          if (takes != takes_keypad)
            g_error ("%s takes %u on the %s only", number_key_views[i].file, digit,
                     takes ? "main row" : "keypad");
          if (takes && !g_hash_table_contains (keys, key))
            g_error ("%s takes %u, which %s does not list", number_key_views[i].file, digit,
                     number_key_views[i].group);
          if (!takes && g_hash_table_contains (keys, key))
            g_error ("%s lists %u, which %s does not take", number_key_views[i].group, digit,
                     number_key_views[i].file);
          n_taken += takes;
        }
      g_assert_cmpuint (n_taken, >, 0);
      gtk_window_destroy (GTK_WINDOW (view_window));
    }
  gcm_test_app_stop (app);
}

/* Whether @model, or a section or submenu of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_main_menu (GtkWidget *widget,
              gpointer   user_data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Main Menu") == 0;
}

static void
test_main_menu (void)
{
  GcmApplication *app;
  GtkWindow *window;
  GtkWidget *button;
  GMenuModel *menu;
  GtkShortcutsWindow *overlay;

  if (!gcm_test_run_in_subprocess ())
    return;
  window = open_app_window (&app);
  button = gcm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, is_main_menu, NULL);
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_true (menu_has_action (menu, "win.show-help-overlay"));
  g_assert_true (menu_has_action (menu, "app.help"));

  /* Keyboard Shortcuts shows the window. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gcm_test_app_stop (app);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/shortcuts/accels-listed", test_accels_listed);
  g_test_add_func ("/shortcuts/photo-viewer-keys", test_photo_viewer_keys);
  g_test_add_func ("/shortcuts/key-handlers-listed", test_key_handlers_listed);
  g_test_add_func ("/shortcuts/main-menu", test_main_menu);
  return g_test_run ();
}
