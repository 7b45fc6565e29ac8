/* gcm-preferences-window.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences for headquarters updates, all of them GSettings keys: the feed address (checked
 * before it is saved), automatic checks, hours between them, metered connections, and the keys
 * trusted beyond the installed ones (added from a minisign .pub file, which must parse).
 */

#define G_LOG_DOMAIN "GcmPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gcm-minisign.h"
#include "gcm-preferences-window.h"
#include "gcm-rows.h"

struct _GcmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *feed_row;
  GtkLabel             *feed_error;
  GtkSwitch            *automatic_switch;
  AdwActionRow         *interval_row;
  GtkSpinButton        *interval_spin;
  AdwActionRow         *metered_row;
  GtkSwitch            *metered_switch;
  GtkListBox           *keys_list;
  AdwComboRow          *language_row;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GcmPreferencesWindow, gcm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
refuse (char       **reason,
        const char  *sentence)
{
  if (reason != NULL)
    *reason = g_strdup (sentence);
  return FALSE;
}

gboolean
gcm_preferences_check_feed_address (const char  *text,
                                    char       **reason)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (reason != NULL)
    *reason = NULL;
  if (*trimmed == '\0' || g_path_is_absolute (trimmed))
    return TRUE;
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_scheme (uri) == NULL)
    return refuse (reason, _("This is neither a web address nor a folder. Type an address that "
                             "starts with https://, or a folder such as /media/usb/feed."));
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    return g_path_is_absolute (g_uri_get_path (uri)) && (host == NULL || *host == '\0')
           ? TRUE
           : refuse (reason, _("A folder must be on this computer, such as file:///media/usb/feed."));
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return refuse (reason, _("Only addresses that start with https:// and folders can be used."));
  if (host == NULL || *host == '\0')
    return refuse (reason, _("The address has no server name."));
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback (host))
    return refuse (reason, _("Updates are only downloaded over https://, so that nobody on the "
                             "way can read or change them. Plain http:// is allowed only for "
                             "this computer."));
  return TRUE;
}

static void
toast (GcmPreferencesWindow *self,
       const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* The key's "untrusted comment", which names it for people; NULL without one. */
static char *
key_comment (const char *text)
{
  const char *prefix = "untrusted comment: ";
  g_autofree char *first = NULL;
  const char *end;

  if (!g_str_has_prefix (text, prefix))
    return NULL;
  end = strchr (text, '\n');
  first = end ? g_strndup (text, end - text) : g_strdup (text);
  return g_strdup (g_strstrip (first + strlen (prefix)));
}

static char *
key_id_of (const char *text)
{
  g_autoptr(GcmMinisignKey) key = gcm_minisign_key_new_from_text (text, -1, NULL);

  return key != NULL ? gcm_minisign_key_dup_id (key) : NULL;
}

static void
on_remove_key_clicked_cb (GtkButton            *button,
                          GcmPreferencesWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "trusted-keys");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    if (i != index)
      g_strv_builder_add (kept, keys[i]);
  result = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, "trusted-keys", (const char * const *) result);
  toast (self, _("The key is no longer trusted"));
}

static void
rebuild_keys (GcmPreferencesWindow *self)
{
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "trusted-keys");

  gcm_rows_clear (self->keys_list);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *id = key_id_of (keys[i]);
      g_autofree char *comment = key_comment (keys[i]);
      /* Translators: a trusted key in Preferences; %s is its 16-digit id */
      g_autofree char *title = g_strdup_printf (_("Key %s"), id ? id : "?");
      /* Translators: the remove button of a trusted key; %s is its id */
      g_autofree char *remove_name = g_strdup_printf (_("Stop trusting key %s"), id ? id : "?");
      g_autofree char *escaped = comment ? g_markup_escape_text (comment, -1) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   escaped ? escaped : id ? "" : _("This key cannot be read."));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Stop Trusting This Key"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_key_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->keys_list, row);
    }
  if (keys[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Only the keys that came with the app"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->keys_list, row);
    }
}

/* Adding a key from a file */

static void
key_file_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GcmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmMinisignKey) key = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *added = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result_keys = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Cannot read the key file: %s", error->message);
      toast (self, _("The file could not be read."));
      return;
    }
  if (length > GCM_MINISIGN_MAX_SIZE)
    {
      toast (self, _("This file is too large to be a minisign public key."));
      return;
    }
  text = g_strstrip (g_strndup (contents, length));
  key = gcm_minisign_key_new_from_text (text, -1, &error);
  if (key == NULL)
    {
      g_debug ("Not a minisign key: %s", error->message);
      toast (self, _("This file is not a minisign public key."));
      return;
    }
  id = gcm_minisign_key_dup_id (key);

  keys = g_settings_get_strv (self->settings, "trusted-keys");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *other = key_id_of (keys[i]);
      if (g_strcmp0 (other, id) == 0)
        {
          toast (self, _("This key is trusted already."));
          return;
        }
    }
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) keys);
  g_strv_builder_add (builder, text);
  result_keys = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "trusted-keys", (const char * const *) result_keys);
  /* Translators: %s is the id of the key just added */
  added = g_strdup_printf (_("Key %s is now trusted"), id);
  toast (self, added);
}

static void
on_chooser_response_cb (GcmPreferencesWindow *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  g_file_load_contents_async (file, self->cancellable, key_file_loaded_cb, g_object_ref (self));
}

static void
gcm_preferences_window_add_key (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GcmPreferencesWindow *self = GCM_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) keys = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add a Trusted Key"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (keys, _("Minisign public keys"));
  gtk_file_filter_add_pattern (keys, "*.pub");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), keys);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Callbacks */

static void
on_feed_changed_cb (GcmPreferencesWindow *self)
{
  g_autofree char *reason = NULL;
  gboolean valid = gcm_preferences_check_feed_address (gtk_editable_get_text (GTK_EDITABLE (self->feed_row)),
                                                       &reason);

  gtk_label_set_text (self->feed_error, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->feed_error), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->feed_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->feed_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->feed_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason ? reason : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->feed_row), GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

static void
on_feed_apply_cb (GcmPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->feed_row))));

  /* A refused address is kept in the entry for correcting, and never saved. */
  if (!gcm_preferences_check_feed_address (text, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->feed_row));
      return;
    }
  g_settings_set_string (self->settings, "feed-url", text);
  toast (self, *text ? _("Feed address saved") : _("Updates now come only from folders"));
}

/* GObject */

/* The rows of the Content language list, in order: "" follows the system. */
static const char * const language_values[] = { "", "en", "ko" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *lang = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_values); i++)
    if (g_str_equal (lang, language_values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (selected < G_N_ELEMENTS (language_values) ? language_values[selected] : "");
}

static void
gcm_preferences_window_constructed (GObject *object)
{
  GcmPreferencesWindow *self = GCM_PREFERENCES_WINDOW (object);
  g_autofree char *feed = NULL;

  G_OBJECT_CLASS (gcm_preferences_window_parent_class)->constructed (object);

  feed = g_settings_get_string (self->settings, "feed-url");
  gtk_editable_set_text (GTK_EDITABLE (self->feed_row), feed);
  g_settings_bind (self->settings, "sync-automatic", self->automatic_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-on-metered", self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Hours and metered connections concern automatic checks only. */
  g_settings_bind (self->settings, "sync-automatic", self->interval_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sync-automatic", self->metered_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "content-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping, language_set_mapping,
                                NULL, NULL);
  g_signal_connect_object (self->settings, "changed::trusted-keys", G_CALLBACK (rebuild_keys),
                           self, G_CONNECT_SWAPPED);
  rebuild_keys (self);
}

static void
gcm_preferences_window_dispose (GObject *object)
{
  GcmPreferencesWindow *self = GCM_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (gcm_preferences_window_parent_class)->dispose (object);
}

static void
gcm_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GcmPreferencesWindow *self = GCM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GcmPreferencesWindow *self = GCM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_preferences_window_class_init (GcmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gcm_preferences_window_constructed;
  object_class->dispose = gcm_preferences_window_dispose;
  object_class->get_property = gcm_preferences_window_get_property;
  object_class->set_property = gcm_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gcm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, feed_row);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, feed_error);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, metered_row);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, metered_switch);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, keys_list);
  gtk_widget_class_bind_template_child (widget_class, GcmPreferencesWindow, language_row);
  gtk_widget_class_bind_template_callback (widget_class, on_feed_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_feed_apply_cb);
  gtk_widget_class_install_action (widget_class, "prefs.add-key", NULL,
                                   gcm_preferences_window_add_key);
}

static void
gcm_preferences_window_init (GcmPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
gcm_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (GCM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}
