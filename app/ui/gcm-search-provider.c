/* gcm-search-provider.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches the manual from GNOME Shell's Activities overview: the application exports
 * org.gnome.Shell.SearchProvider2 on its own D-Bus connection, and the Shell finds it by
 * data/org.greencustoms.Manual.search-provider.ini. Queries run on the store's search worker
 * (GcmSearch, a connection of its own, so the window's search is never cancelled by the Shell's);
 * each method call is answered when its results arrive and the main loop never waits. A newer
 * query cancels the one before it, which then answers with no results, as the Shell wants only
 * the latest. The application is held while a call is unanswered and for a minute after the
 * last one, so a process the Shell started for a search stays for the next keystrokes.
 */

#define G_LOG_DOMAIN "GcmSearchProvider"

#include "config.h"

#include <gtk/gtk.h>

#include "gcm-item.h"
#include "gcm-item-kind.h"
#include "gcm-route.h"
#include "gcm-search.h"
#include "gcm-search-provider.h"
#include "gcm-window.h"

/* The Shell shows a handful of results per provider; more would only cost time. */
#define MAX_RESULTS 10
/* How long a process started for the Shell's search waits for the next one. */
#define LINGER_SECONDS 60

struct _GcmSearchProvider
{
  GObject          parent_instance;

  GApplication    *application;     /* (weak): it owns this provider */
  GDBusConnection *connection;
  guint            registration_id;
  GcmSearch       *search;          /* NULL until the store is open */
  gboolean         store_known;     /* set_store() was called, with a store or without one */
  GQueue           pending;         /* (element-type GDBusMethodInvocation): before the store */
  GHashTable      *metas;           /* item id → a{sv}, from the latest results */
  char            *pending_route;   /* opened once the window exists */
  guint32          pending_time;
  gulong           window_added_id;
  guint            linger_id;       /* holds the application after a call */
};

G_DEFINE_FINAL_TYPE (GcmSearchProvider, gcm_search_provider, G_TYPE_OBJECT)

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* Helpers */

/* The terms as one query, or NULL when there is too little to search: a single character
 * finds half the manual, except a Hangul syllable or an ideograph, which is a word. */
static char *
query_from_terms (GVariant *terms)
{
  g_autofree const char **strv = g_variant_get_strv (terms, NULL);
  g_autofree char *joined = g_strjoinv (" ", (char **) strv);
  char *text = g_strstrip (joined);

  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    return NULL;
  if (g_utf8_strlen (text, -1) == 1 && !g_unichar_iswide (g_utf8_get_char (text)))
    return NULL;
  return g_strdup (text);
}

static GVariant *
meta_new (const GcmSearchResult *result)
{
  GVariantBuilder meta;
  g_autofree char *description = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autoptr(GVariant) serialized = NULL;
  g_autofree char *icon_name = NULL;
  GcmItemKind kind;

  /* The snippet is Pango markup with the matched words in bold; the Shell wants plain text. */
  if (!pango_parse_markup (result->snippet_markup, -1, 0, NULL, &description, NULL, NULL))
    description = g_strdup ("");
  if (gcm_item_kind_from_string (result->kind, &kind))
    icon = g_themed_icon_new (gcm_item_kind_get_icon_name (kind));
  else
    icon = g_themed_icon_new (APP_ID);
  serialized = g_icon_serialize (icon);
  icon_name = g_icon_to_string (icon);

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (result->id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (result->title));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  /* The Shell reads "icon" (a serialized GIcon); older ones read "gicon" (its string form). */
  if (serialized != NULL)
    g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  if (icon_name != NULL)
    g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_name));
  return g_variant_ref_sink (g_variant_builder_end (&meta));
}

static void
return_no_results (GDBusMethodInvocation *invocation)
{
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", NULL));
}

/* Between calls */

static gboolean
linger_done_cb (gpointer user_data)
{
  GcmSearchProvider *self = user_data;

  self->linger_id = 0;
  if (self->application != NULL)
    g_application_release (self->application);
  return G_SOURCE_REMOVE;
}

static void
stop_lingering (GcmSearchProvider *self)
{
  if (self->linger_id == 0)
    return;
  g_clear_handle_id (&self->linger_id, g_source_remove);
  if (self->application != NULL)
    g_application_release (self->application);
}

/* Each call keeps the application for a while, as the Shell calls again as the user types. */
static void
linger (GcmSearchProvider *self)
{
  stop_lingering (self);
  if (self->application == NULL)
    return;
  g_application_hold (self->application);
  self->linger_id = g_timeout_add_seconds (LINGER_SECONDS, linger_done_cb, self);
}

/* Searching */

/* One search the Shell waits for. */
typedef struct
{
  GcmSearchProvider     *self;
  GDBusMethodInvocation *invocation;
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  if (call->self->application != NULL)
    g_application_release (call->self->application);
  g_object_unref (call->invocation);
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchCall, search_call_free)

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SearchCall) call = user_data;
  g_autoptr(GcmSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder ids;

  results = gcm_search_query_finish (GCM_SEARCH (object), result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_CANCELLED))
        g_warning ("The Shell's search failed: %s", error->message);
      return_no_results (call->invocation);
      return;
    }

  g_variant_builder_init (&ids, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < gcm_search_results_get_n_results (results); i++)
    {
      const GcmSearchResult *r = gcm_search_results_get_result (results, i);

      g_hash_table_replace (call->self->metas, g_strdup (r->id), meta_new (r));
      g_variant_builder_add (&ids, "s", r->id);
    }
  g_dbus_method_invocation_return_value (call->invocation, g_variant_new ("(as)", &ids));
}

/* Takes @invocation, whose terms are its last parameter. */
static void
start_search (GcmSearchProvider     *self,
              GDBusMethodInvocation *invocation)
{
  GVariant *parameters = g_dbus_method_invocation_get_parameters (invocation);
  g_autoptr(GVariant) terms = g_variant_get_child_value (parameters,
                                                         g_variant_n_children (parameters) - 1);
  g_autofree char *query = query_from_terms (terms);
  SearchCall *call;

  if (query == NULL || self->search == NULL || self->application == NULL)
    {
      return_no_results (invocation);
      g_object_unref (invocation);
      return;
    }
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->invocation = invocation;
  g_application_hold (self->application);
  gcm_search_query_async (self->search, query, MAX_RESULTS, NULL, search_done_cb, call);
}

static void
get_result_metas (GcmSearchProvider     *self,
                  GDBusMethodInvocation *invocation,
                  GVariant              *parameters)
{
  g_autofree const char **ids = NULL;
  GVariantBuilder metas;

  g_variant_get (parameters, "(^a&s)", &ids);
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  /* An id the latest results did not hold is left out, and the Shell shows the others. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GVariant *meta = g_hash_table_lookup (self->metas, ids[i]);

      if (meta != NULL)
        g_variant_builder_add_value (&metas, meta);
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));
}

/* Opening the window */

static GtkWindow *
find_main_window (GcmSearchProvider *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self->application));
       l != NULL; l = l->next)
    if (GCM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
open_route_in (GcmSearchProvider *self,
               GtkWindow         *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-route", "s", self->pending_route);
  gtk_window_present_with_time (window, self->pending_time);
  g_clear_pointer (&self->pending_route, g_free);
}

/* A window created while the store opens is complete only once it is shown. */
static gboolean
open_pending_route_cb (gpointer user_data)
{
  GcmSearchProvider *self = user_data;
  GtkWindow *window = find_main_window (self);

  if (window != NULL && self->pending_route != NULL)
    open_route_in (self, window);
  return G_SOURCE_REMOVE;
}

static void
on_window_added_cb (GtkApplication    *application,
                    GtkWindow         *window,
                    GcmSearchProvider *self)
{
  if (!GCM_IS_WINDOW (window))
    return;
  g_clear_signal_handler (&self->window_added_id, application);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, open_pending_route_cb, g_object_ref (self),
                   g_object_unref);
}

/* The application comes forward on @route; until the store is open it shows its status
 * window, and the route opens in the main window when that takes its place. */
static void
open_route (GcmSearchProvider *self,
            GcmRoute          *route,
            guint32            timestamp)
{
  GtkWindow *window;

  g_free (self->pending_route);
  self->pending_route = g_strdup (gcm_route_to_string (route));
  self->pending_time = timestamp;
  g_application_activate (self->application);
  if ((window = find_main_window (self)) != NULL)
    open_route_in (self, window);
  else if (self->window_added_id == 0)
    self->window_added_id = g_signal_connect (self->application, "window-added",
                                              G_CALLBACK (on_window_added_cb), self);
}

static void
activate_result (GcmSearchProvider *self,
                 GVariant          *parameters)
{
  const char *id = NULL;
  guint32 timestamp = 0;
  g_autoptr(GcmRoute) route = NULL;

  g_variant_get (parameters, "(&s@asu)", &id, NULL, &timestamp);
  /* The id comes from the bus: only one that names an item opens. */
  if (gcm_item_id_is_valid (id))
    route = gcm_route_new_item (id);
  if (route != NULL)
    open_route (self, route, timestamp);
}

static void
launch_search (GcmSearchProvider *self,
               GVariant          *parameters)
{
  g_autoptr(GVariant) terms = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GcmRoute) route = NULL;
  guint32 timestamp = 0;

  g_variant_get (parameters, "(@asu)", &terms, &timestamp);
  query = query_from_terms (terms);
  route = query != NULL ? gcm_route_new_search (query) : NULL;
  if (route != NULL)
    open_route (self, route, timestamp);
  else
    g_application_activate (self->application);
}

/* D-Bus */

static void
handle_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  GcmSearchProvider *self = user_data;

  linger (self);
  if (g_str_equal (method_name, "GetInitialResultSet"))
    g_hash_table_remove_all (self->metas);

  if (g_str_equal (method_name, "GetInitialResultSet") ||
      g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      if (self->store_known)
        start_search (self, g_object_ref (invocation));
      else
        g_queue_push_tail (&self->pending, g_object_ref (invocation));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    get_result_metas (self, invocation, parameters);
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      activate_result (self, parameters);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      launch_search (self, parameters);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
}

static const GDBusInterfaceVTable interface_vtable = {
  .method_call = handle_method_call,
};

/* GObject */

static void
gcm_search_provider_dispose (GObject *object)
{
  GcmSearchProvider *self = GCM_SEARCH_PROVIDER (object);
  GDBusMethodInvocation *invocation;

  gcm_search_provider_unregister (self);
  stop_lingering (self);
  while ((invocation = g_queue_pop_head (&self->pending)) != NULL)
    {
      return_no_results (invocation);
      g_object_unref (invocation);
    }
  if (self->application != NULL)
    {
      g_clear_signal_handler (&self->window_added_id, self->application);
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_object (&self->search);

  G_OBJECT_CLASS (gcm_search_provider_parent_class)->dispose (object);
}

static void
gcm_search_provider_finalize (GObject *object)
{
  GcmSearchProvider *self = GCM_SEARCH_PROVIDER (object);

  g_hash_table_unref (self->metas);
  g_free (self->pending_route);

  G_OBJECT_CLASS (gcm_search_provider_parent_class)->finalize (object);
}

static void
gcm_search_provider_class_init (GcmSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gcm_search_provider_dispose;
  object_class->finalize = gcm_search_provider_finalize;
}

static void
gcm_search_provider_init (GcmSearchProvider *self)
{
  g_queue_init (&self->pending);
  self->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
}

/* Public API */

/**
 * gcm_search_provider_new:
 * @application: the #GtkApplication whose windows results open in; not referenced
 *
 * Returns: (transfer full): a provider that answers once gcm_search_provider_set_store() is called
 */
GcmSearchProvider *
gcm_search_provider_new (GApplication *application)
{
  GcmSearchProvider *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (GCM_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  return self;
}

/**
 * gcm_search_provider_register:
 * @object_path: where the Shell's ini file says the provider is
 *
 * Exports the provider on @connection, as GApplication's dbus_register does its own objects.
 */
gboolean
gcm_search_provider_register (GcmSearchProvider  *self,
                              GDBusConnection    *connection,
                              const char         *object_path,
                              GError            **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (GCM_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (info == NULL)
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0],
                                                             &interface_vtable, self, NULL,
                                                             error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
gcm_search_provider_unregister (GcmSearchProvider *self)
{
  g_return_if_fail (GCM_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

/**
 * gcm_search_provider_set_store:
 * @store: (nullable): the open store, or %NULL when it could not be opened
 *
 * Searches wait for this: those already asked for run now, or answer with no results when
 * there is no store.
 */
void
gcm_search_provider_set_store (GcmSearchProvider *self,
                               GcmStore          *store)
{
  GDBusMethodInvocation *invocation;

  g_return_if_fail (GCM_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (store == NULL || GCM_IS_STORE (store));

  g_clear_object (&self->search);
  if (store != NULL)
    self->search = gcm_search_new (gcm_store_get_content_path (store));
  self->store_known = TRUE;
  while ((invocation = g_queue_pop_head (&self->pending)) != NULL)
    start_search (self, invocation);
}
