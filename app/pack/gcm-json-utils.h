/* gcm-json-utils.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gcm-json-read.h"

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects a feed's JSON may have; real feeds stay under 10. */
#define GCM_JSON_MAX_DEPTH 64

gboolean    gcm_json_parser_load (JsonParser  *parser,
                                  const char  *data,
                                  gsize        length,
                                  const char  *what,
                                  GError     **error);

/* Writing: one object member and its value */
void        gcm_json_add_string         (JsonBuilder *builder,
                                         const char  *member,
                                         const char  *value);
void        gcm_json_add_string_or_null (JsonBuilder *builder,
                                         const char  *member,
                                         const char  *value);
void        gcm_json_add_int            (JsonBuilder *builder,
                                         const char  *member,
                                         gint64       value);
void        gcm_json_add_boolean        (JsonBuilder *builder,
                                         const char  *member,
                                         gboolean     value);

typedef void (*GcmJsonAddMembers) (JsonBuilder *builder,
                                   gpointer     element,
                                   gpointer     user_data);

void        gcm_json_add_object_array   (JsonBuilder       *builder,
                                         const char        *member,
                                         GPtrArray         *elements,
                                         GcmJsonAddMembers  add_members,
                                         gpointer           user_data);
char       *gcm_json_builder_to_data    (JsonBuilder *builder,
                                         gsize       *length);

G_END_DECLS
