/* gcm-item-summary.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a list the reader browses — a chapter's sections, all cases, the bookmarks — with
 * the user's mark on it. Immutable: a list is read again when the user's data changes.
 */

#define G_LOG_DOMAIN "GcmItemSummary"

#include "config.h"

#include "gcm-item-summary.h"

struct _GcmItemSummary
{
  GObject   parent_instance;

  char     *id;
  char     *kind;        /* NULL for a bookmark whose item was withdrawn */
  char     *title;
  char     *summary;
  gboolean  completed;   /* read to the end */
  gint64    created;     /* when it was bookmarked (Unix time); 0 outside the bookmarks */
};

G_DEFINE_FINAL_TYPE (GcmItemSummary, gcm_item_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND_NAME,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_COMPLETED,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gcm_item_summary_finalize (GObject *object)
{
  GcmItemSummary *self = GCM_ITEM_SUMMARY (object);

  g_free (self->id);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->summary);
  G_OBJECT_CLASS (gcm_item_summary_parent_class)->finalize (object);
}

static void
gcm_item_summary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GcmItemSummary *self = GCM_ITEM_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND_NAME:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_COMPLETED:
      g_value_set_boolean (value, self->completed);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_item_summary_class_init (GcmItemSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gcm_item_summary_finalize;
  object_class->get_property = gcm_item_summary_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_NAME] =
    g_param_spec_string ("kind-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETED] =
    g_param_spec_boolean ("completed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gcm_item_summary_init (GcmItemSummary *self)
{
}

/**
 * gcm_item_summary_new:
 * @kind: (nullable): the kind's name; %NULL for a bookmark whose item was withdrawn
 * @summary: (nullable)
 * @created: when the item was bookmarked, or 0
 */
GcmItemSummary *
gcm_item_summary_new (const char *id,
                      const char *kind,
                      const char *title,
                      const char *summary,
                      gboolean    completed,
                      gint64      created)
{
  GcmItemSummary *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (GCM_TYPE_ITEM_SUMMARY, NULL);
  self->id = g_strdup (id);
  self->kind = g_strdup (kind);
  self->title = g_strdup (title ? title : "");
  self->summary = g_strdup (summary ? summary : "");
  self->completed = !!completed;
  self->created = MAX (created, 0);
  return self;
}

const char *
gcm_item_summary_get_id (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), NULL);
  return self->id;
}

/* Returns: (nullable): %NULL for a bookmark whose item was withdrawn */
const char *
gcm_item_summary_get_kind_name (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), NULL);
  return self->kind;
}

/* FALSE for a bookmark whose item was withdrawn, or a kind this version does not know. */
gboolean
gcm_item_summary_get_kind (GcmItemSummary *self,
                           GcmItemKind    *kind)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), FALSE);
  return self->kind != NULL && gcm_item_kind_from_string (self->kind, kind);
}

const char *
gcm_item_summary_get_title (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), NULL);
  return self->title;
}

const char *
gcm_item_summary_get_summary (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), NULL);
  return self->summary;
}

gboolean
gcm_item_summary_get_completed (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), FALSE);
  return self->completed;
}

gint64
gcm_item_summary_get_created (GcmItemSummary *self)
{
  g_return_val_if_fail (GCM_IS_ITEM_SUMMARY (self), 0);
  return self->created;
}
