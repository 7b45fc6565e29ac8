/* gcm-test-utils-gtk.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application for widget tests: its own data folder, the shared feed as its bundled
 * content, and lookups of the widgets a user would look at. The tests reach the window only
 * through the application, its actions and its widgets, so the store behind it may change.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gcm-test-utils-gtk.h"
#include "gcm-window.h"

/* Runs the calling test again in a child with its own XDG folders and a time limit; returns TRUE
 * in that child, which goes on with the test. The parent returns FALSE after checking it
 * passed. The application can be registered once per process, hence one child per test. */
gboolean
gcm_test_run_in_subprocess (void)
{
  g_autofree char *home = NULL;
  const char *names[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" };

  if (g_test_subprocess ())
    return TRUE;

  /* Made in the parent, so the children share it. */
  gcm_test_feed ();
  home = gcm_test_make_tmpdir ("home");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (home, names[i], NULL);
      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_setenv (names[i], dir, TRUE);
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  gcm_test_rm_rf (home);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* The app, started as on a first start: it installs the shared feed as its bundled content. */
GcmApplication *
gcm_test_app_start (void)
{
  GcmApplication *app;
  g_autoptr(GError) error = NULL;

  g_setenv ("GCM_BUNDLED_FEED_DIR", gcm_test_feed ()->feed, TRUE);
  app = gcm_application_new ();
  /* Several tests run at once on one session bus: none may find another as its primary. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  gcm_test_wait_for_boolean (app, "importing", FALSE);
  return app;
}

/* The store opens on a worker: a status window stands in until the main window is there. */
static gboolean
main_window_is_mapped (gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);

  return window != NULL && GCM_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* Opens the window as a launch would, and waits until it is on screen. */
GtkWindow *
gcm_test_app_open_window (GcmApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  gcm_test_wait_until (main_window_is_mapped, app, "the main window to be shown");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 900, 700);
  return window;
}

void
gcm_test_app_stop (GcmApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
}

/* The first widget under @root (itself included) of @type that @match accepts, depth first. */
GtkWidget *
gcm_test_find_widget (GtkWidget          *root,
                      GType               type,
                      GcmTestWidgetMatch  match,
                      gpointer            user_data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, user_data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gcm_test_find_widget (child, type, match, user_data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   user_data)
{
  return strstr (gtk_label_get_label (GTK_LABEL (widget)), user_data) != NULL;
}

/* A label whose text or markup (links included) contains @contains. */
GtkWidget *
gcm_test_find_label (GtkWidget  *root,
                     const char *contains)
{
  return gcm_test_find_widget (root, GTK_TYPE_LABEL, label_contains, (gpointer) contains);
}

static gboolean
has_action_name (GtkWidget *widget,
                 gpointer   action_name)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The first button under @root that runs @action_name, or %NULL. */
GtkWidget *
gcm_test_find_button (GtkWidget  *root,
                      const char *action_name)
{
  return gcm_test_find_widget (root, GTK_TYPE_BUTTON, has_action_name, (gpointer) action_name);
}

/* The place the window opens on, as the user left it. */
void
gcm_test_set_last_page (const char *route)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.greencustoms.Manual");

  g_settings_set_string (settings, "last-page", route);
}

static gboolean
has_height (gpointer user_data)
{
  return gtk_widget_get_height (user_data) > 0;
}

void
gcm_test_wait_for_height (GtkWidget *widget)
{
  g_autofree char *what = g_strdup_printf ("a %s to be given a height",
                                           G_OBJECT_TYPE_NAME (widget));

  gcm_test_wait_until (has_height, widget, what);
}

typedef struct
{
  GtkWidget  *root;
  const char *contains;
  GtkWidget  *found;
} LabelWait;

static gboolean
shown_label_contains (GtkWidget *widget,
                      gpointer   user_data)
{
  return gcm_test_widget_is_shown (widget) && label_contains (widget, user_data);
}

static gboolean
label_shown (gpointer user_data)
{
  LabelWait *wait = user_data;

  wait->found = gcm_test_find_widget (wait->root, GTK_TYPE_LABEL, shown_label_contains,
                                      (gpointer) wait->contains);
  return wait->found != NULL;
}

/* Waits until a label under @root that contains @contains is on screen, and returns it. */
GtkWidget *
gcm_test_wait_for_label (GtkWidget  *root,
                         const char *contains)
{
  LabelWait wait = { root, contains, NULL };
  g_autofree char *what = g_strdup_printf ("“%s” to be shown", contains);

  gcm_test_wait_until (label_shown, &wait, what);
  return wait.found;
}

/* Whether @widget is what its window shows: on screen, and the visible page of every stack
 * above it (a stack keeps the page it leaves mapped while it slides). */
gboolean
gcm_test_widget_is_shown (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *child = widget, *parent = gtk_widget_get_parent (widget); parent != NULL;
       child = parent, parent = gtk_widget_get_parent (parent))
    {
      if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != child)
        return FALSE;
    }
  return TRUE;
}
