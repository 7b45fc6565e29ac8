/* gcm-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmItem is one piece of content — a manual section, a case, a procedure or a quiz — as lists
 * and pages show it. Its stable id is what user data (progress, bookmarks) is keyed by.
 */

#define G_LOG_DOMAIN "GcmItem"

#include "config.h"

#include <string.h>

#include "gcm-item.h"

struct _GcmItem
{
  GObject      parent_instance;

  char        *id;
  GcmItemKind  kind;
  char        *title;
  char        *summary;
  char        *chapter;
  char        *conventions;
};

G_DEFINE_FINAL_TYPE (GcmItem, gcm_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_CHAPTER,
  PROP_CONVENTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[GCM_ITEM_KIND_COUNT] = {
  "section", "case", "procedure", "quiz",
};

/* Helpers */

gboolean
gcm_item_kind_from_string (const char  *name,
                           GcmItemKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (name, kind_names[i]) == 0)
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
gcm_item_kind_to_string (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kind_names[kind];
}

/* ^[a-z0-9][a-z0-9/_.-]{0,127}$, and no ".." so an id can never name a parent folder. */
gboolean
gcm_item_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > 128)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    {
      char c = id[i];
      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '/' && c != '_' && c != '.' && c != '-')
        return FALSE;
    }
  return strstr (id, "..") == NULL;
}

/* GObject */

static void
gcm_item_finalize (GObject *object)
{
  GcmItem *self = GCM_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->chapter);
  g_free (self->conventions);

  G_OBJECT_CLASS (gcm_item_parent_class)->finalize (object);
}

static void
gcm_item_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GcmItem *self = GCM_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_CHAPTER:
      g_value_set_string (value, self->chapter);
      break;
    case PROP_CONVENTIONS:
      g_value_set_string (value, self->conventions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_item_class_init (GcmItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gcm_item_finalize;
  object_class->get_property = gcm_item_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, GCM_ITEM_KIND_COUNT - 1, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAPTER] =
    g_param_spec_string ("chapter", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVENTIONS] =
    g_param_spec_string ("conventions", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gcm_item_init (GcmItem *self)
{
}

/* Public API */

GcmItem *
gcm_item_new (const char  *id,
              GcmItemKind  kind,
              const char  *title,
              const char  *summary,
              const char  *chapter,
              const char  *conventions)
{
  GcmItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);

  self = g_object_new (GCM_TYPE_ITEM, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->title = g_strdup (title ? title : "");
  self->summary = g_strdup (summary ? summary : "");
  self->chapter = g_strdup (chapter);
  self->conventions = g_strdup (conventions ? conventions : "");
  return self;
}

const char *
gcm_item_get_id (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->id;
}

GcmItemKind
gcm_item_get_kind (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), 0);
  return self->kind;
}

const char *
gcm_item_get_title (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->title;
}

const char *
gcm_item_get_summary (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->summary;
}

const char *
gcm_item_get_chapter (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->chapter;
}

const char *
gcm_item_get_conventions (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->conventions;
}
