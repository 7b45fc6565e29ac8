/* gcm-application.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmApplication creates the services once (the store, the settings) and hands them to each
 * window. It also answers the command line of DESIGN §9 without opening a window: --version,
 * --status, --import DIR and --search QUERY [--json]. On start it imports the bundled feed when
 * it is newer than the installed content, on a worker thread.
 */

#define G_LOG_DOMAIN "GcmApplication"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "gcm-application.h"
#include "gcm-browse.h"
#include "gcm-importer.h"
#include "gcm-search.h"
#include "gcm-store.h"
#include "gcm-window.h"

struct _GcmApplication
{
  AdwApplication  parent_instance;

  GcmStore       *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  gboolean        importing;
  char           *import_error;
};

G_DEFINE_FINAL_TYPE (GcmApplication, gcm_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
bundled_feed_dir (void)
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
static GSettings *
maybe_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.greencustoms.Manual", TRUE);
  return schema != NULL ? g_settings_new ("org.greencustoms.Manual") : NULL;
}

/* The keys trusted to sign feeds: the installed ones, the settings' ones and @extra_file. */
static GPtrArray *
load_trusted_keys (GSettings   *settings,
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

static const char *
error_sentence (const GError *error)
{
  const char *sentence = gcm_feed_error_to_string (error);

  if (sentence != NULL)
    return sentence;
  if (g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL))
    return _("There is not enough free disk space. Your content is unchanged.");
  return error->message;
}

/* Command line */

static void
print_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  /* Redrawn in place on a terminal; a log gets one line per tenth. */
  gboolean tty = isatty (STDERR_FILENO);

  if (!tty && total > 10 && (done + 1) % (total / 10) != 0 && done + 1 != total)
    return;
  /* Translators: progress of an import on the command line */
  g_printerr (tty ? "\r" : "");
  g_printerr (_("Checking %u of %u items…"), done + 1, total);
  if (!tty)
    g_printerr ("\n");
}

static int
run_import (GcmStore   *store,
            const char *path,
            const char *trust_key)
{
  g_autoptr(GSettings) settings = maybe_settings ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  keys = load_trusted_keys (settings, trust_key, &error);
  if (keys == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!gcm_importer_import_path (store, path, keys, NULL, print_progress_cb, NULL, &result, &error))
    {
      g_printerr ("%s%s\n", isatty (STDERR_FILENO) ? "\n" : "", error_sentence (error));
      g_debug ("Import failed: %s", error->message);
      return 1;
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (result.up_to_date)
    g_print (_("Already up to date (serial %" G_GINT64_FORMAT ").\n"), result.serial);
  else
    /* Translators: the result of an import; the numbers are item counts */
    g_print (_("Imported serial %" G_GINT64_FORMAT ": %u added, %u updated, %u removed, %u unchanged.\n"),
             result.serial, result.added, result.updated, result.removed, result.unchanged);
  return 0;
}

static int
run_status (GcmStore *store)
{
  sqlite3 *db = gcm_store_get_content_db (store);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT feed, serial, applied_at, origin FROM feed_state", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) applied = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 2));
      g_autofree char *when = g_date_time_format_iso8601 (applied);

      g_print (_("Feed: %s\n"), sqlite3_column_text (stmt, 0));
      g_print (_("Content serial: %" G_GINT64_FORMAT "\n"), (gint64) sqlite3_column_int64 (stmt, 1));
      g_print (_("Last import: %s from %s\n"), when, sqlite3_column_text (stmt, 3));
    }
  else
    g_print (_("No content is installed yet.\n"));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT kind, count(*) FROM item GROUP BY kind ORDER BY kind", -1,
                          &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      /* Translators: a line of --status: an item kind and how many there are */
      g_print (_("Items (%s): %d\n"), sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  return 0;
}

static char *
single_line (const char *text)
{
  char *line = g_strdup (text ? text : "");

  g_strdelimit (line, "\t\n\r", ' ');
  return line;
}

static int
run_search (GcmStore   *store,
            const char *query,
            gboolean    json)
{
  g_autoptr(GcmSearch) search = gcm_search_new (gcm_store_get_content_path (store));
  g_autoptr(GcmSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  results = gcm_search_query (search, query, 20, NULL, &error);
  if (results == NULL)
    {
      g_printerr (_("The search failed: %s\n"), error->message);
      return 1;
    }
  n = gcm_search_results_get_n_results (results);
  if (gcm_search_results_get_corrected (results) && !json)
    g_printerr (_("No results for “%s”; showing results for “%s”.\n"), query,
                gcm_search_results_get_suggestion (results));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, query);
      json_builder_set_member_name (builder, "suggestion");
      if (gcm_search_results_get_suggestion (results) != NULL)
        json_builder_add_string_value (builder, gcm_search_results_get_suggestion (results));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "corrected");
      json_builder_add_boolean_value (builder, gcm_search_results_get_corrected (results));
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, gcm_search_results_get_total (results));
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          const GcmSearchResult *r = gcm_search_results_get_result (results, i);
          g_autofree char *snippet = NULL;

          pango_parse_markup (r->snippet_markup, -1, 0, NULL, &snippet, NULL, NULL);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, r->kind);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, r->id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, r->title);
          json_builder_set_member_name (builder, "snippet");
          json_builder_add_string_value (builder, snippet ? snippet : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      data = json_generator_to_data (generator, NULL);
      g_print ("%s\n", data);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      const GcmSearchResult *r = gcm_search_results_get_result (results, i);
      g_autofree char *plain = NULL;
      g_autofree char *title = single_line (r->title);
      g_autofree char *snippet = NULL;

      pango_parse_markup (r->snippet_markup, -1, 0, NULL, &plain, NULL, NULL);
      snippet = single_line (plain);
      g_print ("%s\t%s\t%s\t%s\n", r->kind, r->id, title, snippet);
    }
  if (n < gcm_search_results_get_total (results))
    /* Translators: the first number is how many results are listed, the second how many
     * were found */
    g_printerr (g_dngettext (NULL, "Showing %1$u of %2$u result.\n",
                             "Showing %1$u of %2$u results.\n", gcm_search_results_get_total (results)),
                n, gcm_search_results_get_total (results));
  if (n == 0)
    {
      if (gcm_search_results_get_suggestion (results) != NULL)
        g_printerr (_("No results. Did you mean “%s”?\n"), gcm_search_results_get_suggestion (results));
      else
        g_printerr (_("No results.\n"));
    }
  return 0;
}

static int
gcm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  g_autoptr(GcmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  const char *import_dir = NULL, *search = NULL, *trust_key = NULL;
  gboolean status = FALSE, json = FALSE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("green-customs-manual %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "import", "^&ay", &import_dir);
  g_variant_dict_lookup (options, "search", "&s", &search);
  g_variant_dict_lookup (options, "trust-key", "^&ay", &trust_key);
  status = g_variant_dict_contains (options, "status");
  json = g_variant_dict_contains (options, "json");

  if (import_dir == NULL && search == NULL && !status)
    {
      if (json || trust_key != NULL)
        {
          g_printerr (_("--json goes with --search, and --trust-key with --import.\n"));
          return 2;
        }
      return -1;   /* go on and open the window */
    }

  directory = gcm_store_dup_default_directory ();
  store = gcm_store_new (directory, &error);
  if (store == NULL)
    {
      g_printerr (_("Cannot open the app’s data: %s\n"), error->message);
      return 1;
    }

  if (import_dir != NULL)
    return run_import (store, import_dir, trust_key);
  if (status)
    return run_status (store);
  return run_search (store, search, json);
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

static void
bundled_import_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GcmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GcmImportResult import_result = { 0 };

  if (!gcm_importer_import_finish (GCM_STORE (object), result, &import_result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The bundled content could not be installed: %s", error->message);
      g_free (self->import_error);
      self->import_error = g_strdup (error_sentence (error));
    }
  else
    g_debug ("Bundled content: serial %" G_GINT64_FORMAT ", %u added, %u updated, %u removed",
             import_result.serial, import_result.added, import_result.updated,
             import_result.removed);
  set_importing (self, FALSE);
}

/* Whether the bundled feed is newer than the installed content; read off the main thread. */
static void
check_bundled_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GcmApplication *self = source_object;
  g_autoptr(GcmBrowseContents) installed = gcm_browse_contents (self->store, NULL);
  gint64 bundled = gcm_importer_peek_serial (bundled_feed_dir ());

  g_task_return_boolean (task, bundled > (installed ? installed->serial : 0));
}

static void
check_bundled_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GcmApplication *self = GCM_APPLICATION (object);

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      set_importing (self, FALSE);
      return;
    }
  gcm_importer_import_async (self->store, bundled_feed_dir (), NULL, self->cancellable,
                             bundled_import_cb, g_object_ref (self));
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
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
gcm_application_startup (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  static const GActionEntry entries[] = {
    { "about", show_about_cb },
    { "quit", quit_cb },
  };

  G_APPLICATION_CLASS (gcm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-bookmark",
                                         (const char *[]) { "<Control>d", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back",
                                         (const char *[]) { "<Alt>Left", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.forward",
                                         (const char *[]) { "<Alt>Right", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-in",
                                         (const char *[]) { "<Control>plus", "<Control>equal", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-out",
                                         (const char *[]) { "<Control>minus", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.zoom-reset",
                                         (const char *[]) { "<Control>0", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.previous-item",
                                         (const char *[]) { "<Alt>Up", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.next-item",
                                         (const char *[]) { "<Alt>Down", NULL });

  self->settings = g_settings_new ("org.greencustoms.Manual");
  directory = gcm_store_dup_default_directory ();
  self->store = gcm_store_new (directory, &error);
  if (self->store == NULL)
    {
      g_critical ("Cannot open the app’s data in %s: %s", directory, error->message);
      return;
    }

  /* The installed content is checked against the bundled feed off the main thread. */
  self->importing = TRUE;
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, check_bundled_cb, NULL);
    g_task_run_in_thread (task, check_bundled_thread);
  }
}

static void
gcm_application_activate (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->store == NULL)
    return;
  if (window == NULL)
    window = GTK_WINDOW (gcm_window_new (self, self->store, self->settings));
  gtk_window_present (window);
}

static void
gcm_application_shutdown (GApplication *app)
{
  GcmApplication *self = GCM_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  G_APPLICATION_CLASS (gcm_application_parent_class)->shutdown (app);
}

/* GObject */

static void
gcm_application_finalize (GObject *object)
{
  GcmApplication *self = GCM_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->import_error);

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
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Install a content feed from a folder"),
      N_("DIR") },
    { "trust-key", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Also trust this minisign public key for --import"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Search the manual and print the results"),
      N_("QUERY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print --search results as JSON"), NULL },
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
