/* gcm-whats-new-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The What's new page: what each installed update added or changed, newest update first, one
 * group per update. A row is marked New until its item has been opened, as user.db's reading
 * state records. The change log and the reading state are read on workers.
 */

#define G_LOG_DOMAIN "GcmWhatsNewView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-changes.h"
#include "gcm-item-kind.h"
#include "gcm-rows.h"
#include "gcm-whats-new-view.h"

#define MAX_CHANGES 300

struct _GcmWhatsNewView
{
  AdwBin        parent_instance;

  /* Children */
  GtkStack     *stack;
  GtkBox       *groups;
  AdwStatusPage *error_page;

  /* Owned */
  GcmStore     *store;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (GcmWhatsNewView, gcm_whats_new_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the page shows: the changes and which of their items were opened. */
typedef struct
{
  GPtrArray  *changes;   /* (element-type GcmChange) */
  GHashTable *seen;      /* item ids opened at least once */
  GcmWhatsNewView *view; /* until the store answers */
} Changes;

static void
changes_free (Changes *data)
{
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_clear_pointer (&data->seen, g_hash_table_unref);
  g_clear_object (&data->view);
  g_free (data);
}

/* Helpers */

static void
on_row_activated_cb (GcmWhatsNewView *self,
                     AdwActionRow    *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "item-id");

  if (id != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, id);
}

static GtkWidget *
change_row (GcmWhatsNewView *self,
            const GcmChange *change,
            gboolean         seen)
{
  GtkWidget *row = adw_action_row_new ();
  GcmItemKind kind = GCM_ITEM_KIND_SECTION;
  g_autofree char *title = g_markup_escape_text (change->title ? change->title : change->item_id, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  gboolean known = gcm_item_kind_from_string (change->kind, &kind);

  subtitle = g_strdup_printf (change->change == GCM_CHANGE_ADDED
                              /* Translators: a row of What's new; %s is a kind, such as “Case” */
                              ? _("%s · added")
                              /* Translators: a row of What's new; %s is a kind, such as “Section” */
                              : _("%s · updated"),
                              known ? gcm_item_kind_get_label (kind) : change->kind);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (known)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                               gcm_rows_decorative_icon (gcm_item_kind_get_icon_name (kind)));
  if (!seen)
    {
      GtkWidget *badge = gtk_label_new (_("New"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "new-badge");
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Not opened yet"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gcm_rows_decorative_icon ("go-next-symbolic"));

  description = seen ? g_strdup (subtitle)
                     /* Translators: what a screen reader says of a row not opened yet */
                     : g_strdup_printf (_("%s, not opened yet"), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  change->title ? change->title : change->item_id,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "item-id", g_strdup (change->item_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
update_group (const GcmChange *first)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (first->applied);
  g_autofree char *date = when ? g_date_time_format (when, "%x") : g_strdup ("");
  /* Translators: the heading of one update in What's new; %s is the date it was installed */
  g_autofree char *title = g_strdup_printf (_("Update of %s"), date);
  /* Translators: under the heading of one update; the number names the published snapshot */
  g_autofree char *description = g_strdup_printf (_("Serial %lld"), (long long) first->serial);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
show_changes (GcmWhatsNewView *self,
              Changes         *data)
{
  GtkWidget *group = NULL;
  gint64 serial = -1;

  gcm_rows_clear_box (self->groups);
  for (guint i = 0; i < data->changes->len; i++)
    {
      GcmChange *change = g_ptr_array_index (data->changes, i);

      if (group == NULL || change->serial != serial)
        {
          serial = change->serial;
          group = update_group (change);
          gtk_box_append (self->groups, group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 change_row (self, change,
                                             g_hash_table_contains (data->seen, change->item_id)));
    }
  gtk_stack_set_visible_child_name (self->stack, data->changes->len > 0 ? "list" : "empty");
}

static void
show_error (GcmWhatsNewView *self,
            const GError    *error)
{
  g_warning ("Cannot read what the updates changed: %s", error->message);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Store callbacks */

static void
seen_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Changes *data = user_data;
  g_autoptr(GcmWhatsNewView) self = g_steal_pointer (&data->view);
  g_autoptr(GError) error = NULL;

  data->seen = gcm_store_list_seen_finish (GCM_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      changes_free (data);
      return;
    }
  /* Without user.db every row is new: nothing was opened that can be shown. */
  if (data->seen == NULL)
    data->seen = g_hash_table_new (g_str_hash, g_str_equal);
  show_changes (self, data);
  changes_free (data);
}

static void
changes_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GcmWhatsNewView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *changes;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) item_ids = NULL;
  Changes *data;

  changes = gcm_store_list_changes_finish (GCM_STORE (object), result, &error);
  if (changes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  data = g_new0 (Changes, 1);
  data->changes = changes;
  data->view = g_object_ref (self);
  for (guint i = 0; i < changes->len; i++)
    g_strv_builder_add (ids, ((GcmChange *) g_ptr_array_index (changes, i))->item_id);
  item_ids = g_strv_builder_end (ids);
  gcm_store_list_seen_async (self->store, (const char * const *) item_ids, self->cancellable,
                             seen_read_cb, data);
}

/* GObject */

static void
gcm_whats_new_view_dispose (GObject *object)
{
  GcmWhatsNewView *self = GCM_WHATS_NEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (gcm_whats_new_view_parent_class)->dispose (object);
}

static void
gcm_whats_new_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GcmWhatsNewView *self = GCM_WHATS_NEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_whats_new_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GcmWhatsNewView *self = GCM_WHATS_NEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_retry_clicked_cb (GcmWhatsNewView *self)
{
  gcm_whats_new_view_reload (self);
}

static void
gcm_whats_new_view_class_init (GcmWhatsNewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_whats_new_view_dispose;
  object_class->get_property = gcm_whats_new_view_get_property;
  object_class->set_property = gcm_whats_new_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GCM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/gcm-whats-new-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmWhatsNewView, stack);
  gtk_widget_class_bind_template_child (widget_class, GcmWhatsNewView, groups);
  gtk_widget_class_bind_template_child (widget_class, GcmWhatsNewView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
}

static void
gcm_whats_new_view_init (GcmWhatsNewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
gcm_whats_new_view_new (GcmStore *store)
{
  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  return g_object_new (GCM_TYPE_WHATS_NEW_VIEW, "store", store, NULL);
}

/* Reads the changes again: an item opened since shows no New badge any more. */
void
gcm_whats_new_view_reload (GcmWhatsNewView *self)
{
  g_return_if_fail (GCM_IS_WHATS_NEW_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (gtk_widget_get_first_child (GTK_WIDGET (self->groups)) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  gcm_store_list_changes_async (self->store, MAX_CHANGES, self->cancellable, changes_listed_cb,
                                g_object_ref (self));
}
