/* gcm-route.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmRoute names a place of the window as a value: the window, its history and links agree on
 * one parsed form instead of comparing prefixes of strings.
 */

#define G_LOG_DOMAIN "GcmRoute"

#include "config.h"

#include <string.h>

#include "gcm-item.h"
#include "gcm-route.h"

struct _GcmRoute
{
  GcmRouteType  type;
  GcmItemKind   kind;      /* GCM_ROUTE_KIND */
  char         *argument;  /* the item or chapter id, or the search text; NULL otherwise */
  char         *text;      /* the text form */
};

G_DEFINE_BOXED_TYPE (GcmRoute, gcm_route, gcm_route_ref, gcm_route_unref)

static const char * const prefixes[] = {
  [GCM_ROUTE_ITEM] = "item:",
  [GCM_ROUTE_CHAPTER] = "chapter:",
  [GCM_ROUTE_KIND] = "kind:",
  [GCM_ROUTE_BOOKMARKS] = "bookmarks",
  [GCM_ROUTE_SEARCH] = "search:",
  [GCM_ROUTE_WHATS_NEW] = "whats-new",
  [GCM_ROUTE_HOME] = "home",
  [GCM_ROUTE_REVIEW] = "review",
  [GCM_ROUTE_IDENTIFY] = "identify",   /* "identify" or "identify:key/wildlife" */
  [GCM_ROUTE_RISK_CHECK] = "risk-check",
};

static GcmRoute *
route_new (GcmRouteType  type,
           GcmItemKind   kind,
           const char   *argument)
{
  GcmRoute *self = g_atomic_rc_box_new0 (GcmRoute);

  self->type = type;
  self->kind = kind;
  self->argument = g_strdup (argument);
  self->text = g_strconcat (prefixes[type], argument, NULL);
  return self;
}

static void
route_clear (GcmRoute *self)
{
  g_free (self->argument);
  g_free (self->text);
}

GcmRoute *
gcm_route_new_item (const char *item_id)
{
  g_return_val_if_fail (item_id != NULL, NULL);
  return route_new (GCM_ROUTE_ITEM, 0, item_id);
}

GcmRoute *
gcm_route_new_chapter (const char *chapter_id)
{
  g_return_val_if_fail (chapter_id != NULL, NULL);
  return route_new (GCM_ROUTE_CHAPTER, 0, chapter_id);
}

GcmRoute *
gcm_route_new_kind (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return route_new (GCM_ROUTE_KIND, kind, gcm_item_kind_to_string (kind));
}

GcmRoute *
gcm_route_new_bookmarks (void)
{
  return route_new (GCM_ROUTE_BOOKMARKS, 0, NULL);
}

GcmRoute *
gcm_route_new_search (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return route_new (GCM_ROUTE_SEARCH, 0, text);
}

/* What the updates from headquarters added or changed. */
GcmRoute *
gcm_route_new_whats_new (void)
{
  return route_new (GCM_ROUTE_WHATS_NEW, 0, NULL);
}

GcmRoute *
gcm_route_new_home (void)
{
  return route_new (GCM_ROUTE_HOME, 0, NULL);
}

GcmRoute *
gcm_route_new_review (void)
{
  return route_new (GCM_ROUTE_REVIEW, 0, NULL);
}

/* @key_id: (nullable): one key to walk, or NULL for the list of keys. */
GcmRoute *
gcm_route_new_identify (const char *key_id)
{
  GcmRoute *self;

  if (key_id == NULL)
    return route_new (GCM_ROUTE_IDENTIFY, 0, NULL);
  self = route_new (GCM_ROUTE_IDENTIFY, 0, key_id);
  g_free (self->text);
  self->text = g_strconcat (prefixes[GCM_ROUTE_IDENTIFY], ":", key_id, NULL);
  return self;
}

GcmRoute *
gcm_route_new_risk_check (void)
{
  return route_new (GCM_ROUTE_RISK_CHECK, 0, NULL);
}

/**
 * gcm_route_parse:
 * @text: a route's text form, such as a link's target
 *
 * Returns: (transfer full) (nullable): the route, or %NULL when @text names no place: an
 *   unknown prefix, a kind that does not exist, an id that is not valid or an empty search
 */
GcmRoute *
gcm_route_parse (const char *text)
{
  const char *argument;
  GcmItemKind kind;

  if (text == NULL)
    return NULL;
  if (g_str_equal (text, prefixes[GCM_ROUTE_BOOKMARKS]))
    return gcm_route_new_bookmarks ();
  if (g_str_equal (text, prefixes[GCM_ROUTE_WHATS_NEW]))
    return gcm_route_new_whats_new ();
  if (g_str_equal (text, prefixes[GCM_ROUTE_HOME]))
    return gcm_route_new_home ();
  if (g_str_equal (text, prefixes[GCM_ROUTE_REVIEW]))
    return gcm_route_new_review ();
  if (g_str_equal (text, prefixes[GCM_ROUTE_RISK_CHECK]))
    return gcm_route_new_risk_check ();
  if (g_str_equal (text, prefixes[GCM_ROUTE_IDENTIFY]))
    return gcm_route_new_identify (NULL);
  if (g_str_has_prefix (text, "identify:"))
    {
      argument = text + strlen ("identify:");
      return gcm_item_id_is_valid (argument) ? gcm_route_new_identify (argument) : NULL;
    }
  if (g_str_has_prefix (text, prefixes[GCM_ROUTE_KIND]))
    {
      argument = text + strlen (prefixes[GCM_ROUTE_KIND]);
      return gcm_item_kind_from_string (argument, &kind) ? gcm_route_new_kind (kind) : NULL;
    }
  if (g_str_has_prefix (text, prefixes[GCM_ROUTE_SEARCH]))
    {
      argument = text + strlen (prefixes[GCM_ROUTE_SEARCH]);
      return *argument != '\0' ? gcm_route_new_search (argument) : NULL;
    }
  for (GcmRouteType type = GCM_ROUTE_ITEM; type <= GCM_ROUTE_CHAPTER; type++)
    {
      if (g_str_has_prefix (text, prefixes[type]))
        {
          argument = text + strlen (prefixes[type]);
          return gcm_item_id_is_valid (argument) ? route_new (type, 0, argument) : NULL;
        }
    }
  return NULL;
}

GcmRoute *
gcm_route_ref (GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
gcm_route_unref (GcmRoute *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) route_clear);
}

GcmRouteType
gcm_route_get_route_type (const GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, GCM_ROUTE_BOOKMARKS);
  return self->type;
}

/**
 * gcm_route_get_argument:
 *
 * Returns: (nullable): the item or chapter id, the kind's name or the search text
 */
const char *
gcm_route_get_argument (const GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->argument;
}

GcmItemKind
gcm_route_get_kind (const GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->type == GCM_ROUTE_KIND, 0);
  return self->kind;
}

/* Whether the place is a list the store can read: a chapter, a kind or the bookmarks. */
gboolean
gcm_route_is_list (const GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->type == GCM_ROUTE_CHAPTER || self->type == GCM_ROUTE_KIND ||
         self->type == GCM_ROUTE_BOOKMARKS;
}

gboolean
gcm_route_equal (const GcmRoute *a,
                 const GcmRoute *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_str_equal (a->text, b->text);
}

const char *
gcm_route_to_string (const GcmRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}
