/* gcm-application.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmApplication creates the services once (the store, the settings) and hands them to each
 * window; the command line of DESIGN §9 is answered by gcm-cli.c without a window. On start it
 * imports the bundled feed when it is newer than the installed content, on a worker thread.
 */

#define G_LOG_DOMAIN "GcmApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-application-private.h"
#include "gcm-locale.h"
#include "gcm-cli.h"
#include "gcm-help.h"
#include "gcm-browse.h"
#include "gcm-importer.h"
#include "gcm-search-provider.h"
#include "gcm-store.h"
#include "gcm-sync-service.h"
#include "gcm-window.h"
#include "gcm-window-private.h"

struct _GcmApplication
{
  AdwApplication  parent_instance;

  GcmStore       *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  gboolean        importing;
  char           *import_error;
  char           *store_error;    /* why the app's data could not be opened */
  GcmSyncService *sync;           /* once the bundled content is installed */
  gboolean        sync_started;
  gboolean        store_opening;  /* the store opens on a worker */
  GtkWindow      *status_window;  /* (nullable): shown until the store is open, or why it is not */
  GtkWidget      *status_page;
  GcmSearchProvider *search_provider;  /* GNOME Shell's search, on the app's bus connection */
};

G_DEFINE_FINAL_TYPE (GcmApplication, gcm_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

const char *
_gcm_bundled_feed_dir (void)
{
  const char *dir = g_getenv ("GCM_BUNDLED_FEED_DIR");

  return dir != NULL ? dir : PKGDATADIR "/feed";
}

static const char *
keys_dir (void)
{
  const char *dir = g_getenv ("GCM_KEYS_DIR");

  return dir != NULL ? dir : PKGDATADIR "/keys";
}

/* GSettings may be missing when the CLI runs from an odd place; the schema is optional there. */
GSettings *
_gcm_maybe_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.greencustoms.Manual", TRUE);
  return schema != NULL ? g_settings_new ("org.greencustoms.Manual") : NULL;
}

/* The keys trusted to sign feeds: the installed ones, the settings' ones and @extra_file. */
GPtrArray *
_gcm_load_trusted_keys (GSettings   *settings,
                   const char  *extra_file,
                   GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_autoptr(GDir) dir = g_dir_open (keys_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (keys_dir (), name, NULL);
      GcmMinisignKey *key;

      if (!g_str_has_suffix (name, ".pub"))
        continue;
      if ((key = gcm_minisign_key_new_from_file (path, NULL)) != NULL)
        g_ptr_array_add (keys, key);
      else
        g_warning ("Ignoring the malformed key %s", path);
    }

  if (settings != NULL)
    {
      g_auto(GStrv) texts = g_settings_get_strv (settings, "trusted-keys");
      for (guint i = 0; texts[i] != NULL; i++)
        {
          GcmMinisignKey *key = gcm_minisign_key_new_from_text (texts[i], -1, NULL);
          if (key != NULL)
            g_ptr_array_add (keys, key);
        }
    }

  if (extra_file != NULL)
    {
      GcmMinisignKey *key = gcm_minisign_key_new_from_file (extra_file, error);
      if (key == NULL)
        {
          g_prefix_error (error, "%s: ", extra_file);
          return NULL;
        }
      g_ptr_array_add (keys, key);
    }
  return g_steal_pointer (&keys);
}

const char *
_gcm_error_sentence (const GError *error)
{
  const char *sentence = gcm_feed_error_to_string (error);

  if (sentence != NULL)
    return sentence;
  if (g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL))
    return _("There is not enough free disk space. Your content is unchanged.");
  return error->message;
}

/* Whether the bundled feed is newer than the installed content. It blocks: the window calls it
 * on a worker. */
gboolean
_gcm_bundled_content_is_newer (GcmStore *store)
{
  g_autoptr(GcmBrowseContents) installed = gcm_browse_contents (store, NULL);

  return gcm_importer_peek_serial (_gcm_bundled_feed_dir ()) > (installed ? installed->serial : 0);
}

gboolean
_gcm_has_content (GcmStore *store)
{
  g_autoptr(GcmBrowseContents) installed = gcm_browse_contents (store, NULL);

  return installed != NULL && installed->serial > 0;
}

static int
gcm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  return gcm_cli_run (options);
}

/* Headquarters updates */

static GcmWindow *
main_window (GcmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       window == NULL || !GCM_IS_WINDOW (window); l = l->next)
    {
      if (l == NULL)
        return NULL;
      window = l->data;
    }
  return GCM_WINDOW (window);
}

/* Automatic checks begin once both the service and a window exist. */
static void
start_sync_when_ready (GcmApplication *self)
{
  GcmWindow *window = main_window (self);

  if (self->sync == NULL || window == NULL)
    return;
  _gcm_window_set_sync_service (window, self->sync);
  if (!self->sync_started)
    {
      self->sync_started = TRUE;
      gcm_sync_service_start_automatic (self->sync);
    }
}

/* Sync starts after the bundled content is in place, so the two never apply at once. */
static void
create_sync_service (GcmApplication *self)
{
  if (self->store == NULL || self->sync != NULL)
    return;
  self->sync = gcm_sync_service_new (self->store, self->settings);
  start_sync_when_ready (self);
}

/* app.check-updates, app.preferences and app.import-folder: the main window's commands. */
static const struct
{
  const char *action;
  void      (*run) (GcmWindow *window);
} window_commands[] = {
  { "check-updates", _gcm_window_check_updates },
  { "preferences", _gcm_window_show_preferences },
  { "import-folder", _gcm_window_import_folder },
};

static void
run_window_command_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GcmWindow *window = main_window (user_data);
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; window != NULL && i < G_N_ELEMENTS (window_commands); i++)
    if (g_str_equal (name, window_commands[i].action))
      window_commands[i].run (window);
}

/* From a notification: the window comes forward on What's new. */
static void
show_whats_new_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GcmWindow *window = main_window (user_data);

  if (window == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-whats-new", NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* Start-up import of the bundled content */

static void
set_importing (GcmApplication *self,
               gboolean        importing)
{
  if (self->importing == importing)
    return;
  self->importing = importing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

/* Runs in the window's worker, so it may block. */
static void
install_bundled_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GcmApplication *self = source_object;
  GcmImportResult result = { 0 };
  GError *error = NULL;

  if (!_gcm_bundled_content_is_newer (self->store))
    g_task_return_boolean (task, TRUE);
  else if (gcm_importer_import_path (self->store, _gcm_bundled_feed_dir (), NULL, cancellable, NULL,
                                     NULL, &result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
install_bundled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GcmApplication *self = GCM_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The bundled content could not be installed: %s", error->message);
      g_free (self->import_error);
      self->import_error = g_strdup (_gcm_error_sentence (error));
    }
  set_importing (self, FALSE);
  /* The Shell's searches wait for the bundled content, so a first search finds it. */
  if (self->search_provider != NULL)
    gcm_search_provider_set_store (self->search_provider, self->store);
  create_sync_service (self);
}

/* GApplication */

static void
show_about_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GcmApplication *self = user_data;
  const char *developers[] = { "The Green Customs Manual authors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Green Customs Manual"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Green Customs Manual authors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://greencustoms.org/",
                        "comments", _("An offline manual for customs officers who enforce the "
                                      "Basel, Rotterdam and Stockholm Conventions, the Montreal "
                                      "Protocol and CITES. The manual’s text is licensed under "
                                      "CC BY 4.0."),
                        NULL);
  gtk_window_present (about);
}

static void
show_help_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gcm_help_show (window);
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void store_opened_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* Lists, pages and results read the language from gcm-locale; the windows show what they
 * show again, in the new language. */
static void
on_content_language_changed_cb (GSettings      *settings,
                                const char     *key,
                                GcmApplication *self)
{
  g_autofree char *lang = g_settings_get_string (settings, key);

  gcm_locale_set_content_language (lang);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (GCM_IS_WINDOW (l->data))
      gcm_window_reload_contents (l->data);
}

/* The shortcuts of the app's and the window's actions. */
static const struct
{
  const char *action;
  const char *accels[3];
} shortcuts[] = {
  { "app.quit", { "<Control>q" } },
  { "app.help", { "F1" } },
  { "app.preferences", { "<Control>comma" } },
  { "app.check-updates", { "<Control>r" } },
  { "app.import-folder", { "<Control>o" } },
  { "win.search", { "<Control>f" } },
  { "win.toggle-bookmark", { "<Control>d" } },
  { "win.show-bookmarks", { "<Control><Shift>d" } },
  { "win.back", { "<Alt>Left" } },
  { "win.forward", { "<Alt>Right" } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal" } },
  { "win.zoom-out", { "<Control>minus" } },
  { "win.zoom-reset", { "<Control>0" } },
  { "win.previous-item", { "<Alt>Up" } },
  { "win.next-item", { "<Alt>Down" } },
  { "win.present", { "F5" } },
};

static void
gcm_application_startup (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);
  g_autofree char *directory = NULL;
  static const GActionEntry entries[] = {
    { "about", show_about_cb },
    { "help", show_help_cb },
    { "quit", quit_cb },
    { "check-updates", run_window_command_cb },
    { "preferences", run_window_command_cb },
    { "import-folder", run_window_command_cb },
    { "show-whats-new", show_whats_new_cb },
  };

  G_APPLICATION_CLASS (gcm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), shortcuts[i].action,
                                           shortcuts[i].accels);

  self->settings = g_settings_new ("org.greencustoms.Manual");
  on_content_language_changed_cb (self->settings, "content-language", self);
  g_signal_connect (self->settings, "changed::content-language",
                    G_CALLBACK (on_content_language_changed_cb), self);
  /* Migrations and the copy of user.db kept before them run on a worker; a status window
   * shows meanwhile (see gcm_application_activate()). */
  directory = gcm_store_dup_default_directory ();
  self->store_opening = TRUE;
  gcm_store_new_async (directory, self->cancellable, store_opened_cb, g_object_ref (self));
}

/* Until the store is open the app shows a window of its own: a spinner while it opens, or why
 * it cannot, with nothing else to do but quit. */
static GtkWindow *
status_window_new (GcmApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Opening the Manual…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Opening the manual"), -1);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Green Customs Manual"));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 480);
  self->status_page = page;
  return GTK_WINDOW (window);
}

/* Without its data the app can only say why. */
static void
show_store_error (GcmApplication *self)
{
  GtkWidget *quit = gtk_button_new_with_mnemonic (_("_Quit"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page),
                             _("The Manual Cannot Open Its Data"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), self->store_error);
  gtk_widget_set_halign (quit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (quit, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (quit), "app.quit");
  adw_status_page_set_child (ADW_STATUS_PAGE (self->status_page), quit);
}

static void
status_window_destroyed_cb (GcmApplication *self)
{
  self->status_window = NULL;
  self->status_page = NULL;
}

static GtkWindow *
ensure_status_window (GcmApplication *self)
{
  if (self->status_window == NULL)
    {
      self->status_window = status_window_new (self);
      g_signal_connect_swapped (self->status_window, "destroy",
                                G_CALLBACK (status_window_destroyed_cb), self);
      if (self->store_error != NULL)
        show_store_error (self);
    }
  return self->status_window;
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GcmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->store_opening = FALSE;
  self->store = gcm_store_new_finish (result, &error);
  if (self->store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Cannot open the app’s data: %s", error->message);
      self->store_error = g_strdup (error->message);
      if (self->search_provider != NULL)
        gcm_search_provider_set_store (self->search_provider, NULL);
      if (self->status_window != NULL)
        show_store_error (self);
      return;
    }

  /* The installed content is checked against the bundled feed off the main thread. */
  self->importing = TRUE;
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, install_bundled_cb, NULL);
    g_task_run_in_thread (task, install_bundled_thread);
  }

  /* The window takes the place of the status window. */
  if (self->status_window != NULL)
    {
      GtkWindow *status = self->status_window;

      gtk_window_present (GTK_WINDOW (gcm_window_new (self, self->store, self->settings)));
      gtk_window_destroy (status);
    }
}

static void
gcm_application_activate (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && self->store == NULL)
    window = ensure_status_window (self);
  else if (window == NULL)
    window = GTK_WINDOW (gcm_window_new (self, self->store, self->settings));
  gtk_window_present (window);
  start_sync_when_ready (self);
}

static void
gcm_application_shutdown (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->sync != NULL)
    gcm_sync_service_cancel (self->sync);
  G_APPLICATION_CLASS (gcm_application_parent_class)->shutdown (app);
}

/* The Shell's search provider lives beside the app's own objects, under its path. */
static gboolean
gcm_application_dbus_register (GApplication     *app,
                               GDBusConnection  *connection,
                               const char       *object_path,
                               GError          **error)
{
  GcmApplication *self = GCM_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (gcm_application_parent_class)->dbus_register (app, connection,
                                                                          object_path, error))
    return FALSE;
  if (self->search_provider == NULL)
    self->search_provider = gcm_search_provider_new (app);
  return gcm_search_provider_register (self->search_provider, connection, path, error);
}

static void
gcm_application_dbus_unregister (GApplication    *app,
                                 GDBusConnection *connection,
                                 const char      *object_path)
{
  GcmApplication *self = GCM_APPLICATION (app);

  if (self->search_provider != NULL)
    gcm_search_provider_unregister (self->search_provider);
  G_APPLICATION_CLASS (gcm_application_parent_class)->dbus_unregister (app, connection, object_path);
}

/* GObject */

static void
gcm_application_finalize (GObject *object)
{
  GcmApplication *self = GCM_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->import_error);
  g_free (self->store_error);

  G_OBJECT_CLASS (gcm_application_parent_class)->finalize (object);
}

static void
gcm_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GcmApplication *self = GCM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_IMPORTING:
      g_value_set_boolean (value, self->importing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_application_class_init (GcmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gcm_application_finalize;
  object_class->get_property = gcm_application_get_property;

  app_class->handle_local_options = gcm_application_handle_local_options;
  app_class->startup = gcm_application_startup;
  app_class->activate = gcm_application_activate;
  app_class->shutdown = gcm_application_shutdown;
  app_class->dbus_register = gcm_application_dbus_register;
  app_class->dbus_unregister = gcm_application_dbus_unregister;

  /**
   * GcmApplication:importing:
   *
   * Whether the bundled content is being installed; windows show a status page meanwhile.
   */
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gcm_application_init (GcmApplication *self)
{
  const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "status", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the installed content and exit"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show your progress by chapter and quiz and exit"), NULL },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Install a content feed from a folder"),
      N_("DIR") },
    { "trust-key", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Also trust this minisign public key for --import"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Search the manual and print the results"),
      N_("QUERY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print --search, --risk-check or --progress results as JSON"), NULL },
    { "risk-check", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Check a declaration against the risk indicators, such as hs=8549.10,origin=NG,departure=AE"),
      N_("FIELD=VALUE,…") },
    { "identify", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Walk an identification key on the terminal, such as key/wildlife"), N_("KEY") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Install the newest content from headquarters"), NULL },
    { "feed", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The headquarters feed address for --sync"),
      N_("URL") },
    { "print-procedure", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write a procedure's checklist handout to the file given by --pdf"), N_("ID") },
    { "certificate", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the certificate of a completed learning path to the file given by --pdf"),
      N_("PATH_ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The learner's name for --certificate"),
      N_("NAME") },
    { "export-workshop", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Export a saved workshop session with --csv FILE or --pdf FILE"), N_("ID") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The CSV file --export-workshop writes"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The PDF file --print-procedure, --certificate or --export-workshop writes"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The paper for --pdf: a4 or letter (default: the locale's)"), N_("SIZE") },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("An offline manual for customs officers who "
                                              "enforce environmental treaties."));
}

/* Public API */

GcmApplication *
gcm_application_new (void)
{
  return g_object_new (GCM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

gboolean
gcm_application_get_importing (GcmApplication *self)
{
  g_return_val_if_fail (GCM_IS_APPLICATION (self), FALSE);
  return self->importing;
}

/**
 * gcm_application_get_import_error:
 *
 * Returns: (nullable): why the bundled content could not be installed, for the user
 */
const char *
gcm_application_get_import_error (GcmApplication *self)
{
  g_return_val_if_fail (GCM_IS_APPLICATION (self), NULL);
  return self->import_error;
}
