/* gcm-json-utils.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects a feed's JSON may have; real feeds stay under 10. */
#define GCM_JSON_MAX_DEPTH 64

gboolean    gcm_json_parser_load (JsonParser  *parser,
                                  const char  *data,
                                  gsize        length,
                                  const char  *what,
                                  GError     **error);
const char *gcm_json_get_string  (JsonObject  *object,
                                  const char  *member);
JsonArray  *gcm_json_get_array   (JsonObject  *object,
                                  const char  *member);

G_END_DECLS
