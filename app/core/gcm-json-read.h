/* gcm-json-read.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *gcm_json_node_get_string  (JsonNode   *node);
const char *gcm_json_get_string       (JsonObject *object,
                                       const char *member);
gboolean    gcm_json_get_int          (JsonObject *object,
                                       const char *member,
                                       gint64     *value);
JsonArray  *gcm_json_get_array        (JsonObject *object,
                                       const char *member);
JsonObject *gcm_json_get_object       (JsonObject *object,
                                       const char *member);
JsonObject *gcm_json_array_get_object (JsonArray  *array,
                                       guint       index);
JsonObject *gcm_json_parse_object     (JsonParser *parser,
                                       const char *json);

G_END_DECLS
