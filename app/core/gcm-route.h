/* gcm-route.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gcm-item-kind.h"

G_BEGIN_DECLS

/* A place the window can show. Its text form (`item:<id>`, `chapter:<id>`, `kind:<kind>`,
 * `bookmarks`, `search:<text>`, `whats-new`) is what links in the manual and the saved last page use. */
typedef enum
{
  GCM_ROUTE_ITEM,
  GCM_ROUTE_CHAPTER,
  GCM_ROUTE_KIND,
  GCM_ROUTE_BOOKMARKS,
  GCM_ROUTE_SEARCH,
  GCM_ROUTE_WHATS_NEW,
  GCM_ROUTE_HOME,         /* progress, what to study next, reviews due */
  GCM_ROUTE_REVIEW,       /* the questions due for review today */
  GCM_ROUTE_IDENTIFY,     /* "What did you find?": the keys, or one key by its item id */
  GCM_ROUTE_RISK_CHECK,   /* the risk-indicator check of a declaration */
} GcmRouteType;

#define GCM_TYPE_ROUTE (gcm_route_get_type ())

typedef struct _GcmRoute GcmRoute;

GType         gcm_route_get_type        (void) G_GNUC_CONST;
GcmRoute     *gcm_route_new_item        (const char     *item_id);
GcmRoute     *gcm_route_new_chapter     (const char     *chapter_id);
GcmRoute     *gcm_route_new_home        (void);
GcmRoute     *gcm_route_new_review      (void);
GcmRoute     *gcm_route_new_identify    (const char     *key_id);
GcmRoute     *gcm_route_new_risk_check  (void);
GcmRoute     *gcm_route_new_kind        (GcmItemKind     kind);
GcmRoute     *gcm_route_new_bookmarks   (void);
GcmRoute     *gcm_route_new_search      (const char     *text);
GcmRoute     *gcm_route_new_whats_new   (void);
GcmRoute     *gcm_route_parse           (const char     *text);
GcmRoute     *gcm_route_ref             (GcmRoute       *self);
void          gcm_route_unref           (GcmRoute       *self);
GcmRouteType  gcm_route_get_route_type  (const GcmRoute *self);
const char   *gcm_route_get_argument    (const GcmRoute *self);
GcmItemKind   gcm_route_get_kind        (const GcmRoute *self);
gboolean      gcm_route_is_list         (const GcmRoute *self);
gboolean      gcm_route_equal           (const GcmRoute *a,
                                         const GcmRoute *b);
const char   *gcm_route_to_string       (const GcmRoute *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmRoute, gcm_route_unref)

G_END_DECLS
