/* gcm-json-read.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typed reads of JSON that never warn: a missing member, or one of the wrong type, reads as
 * %NULL.
 */

#define G_LOG_DOMAIN "GcmJson"

#include "config.h"

#include "gcm-json-read.h"

/* Public API */

/**
 * gcm_json_node_get_string:
 * @node: (nullable): a node
 *
 * Returns: (nullable): the text @node holds, or %NULL when it holds no string
 */
const char *
gcm_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * gcm_json_get_string:
 *
 * Returns: (nullable): the text of @object's @member, or %NULL when it is missing or no string
 */
const char *
gcm_json_get_string (JsonObject *object,
                     const char *member)
{
  return gcm_json_node_get_string (json_object_get_member (object, member));
}

/**
 * gcm_json_get_int:
 * @value: (out): set to the whole number of @object's @member, when it holds one
 *
 * Returns: whether @member holds a whole number; @value is left alone otherwise
 */
gboolean
gcm_json_get_int (JsonObject *object,
                  const char *member,
                  gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/**
 * gcm_json_get_array:
 *
 * Returns: (nullable) (transfer none): @object's @member, or %NULL when it is missing or no array
 */
JsonArray *
gcm_json_get_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * gcm_json_get_object:
 *
 * Returns: (nullable) (transfer none): @object's @member, or %NULL when it is missing or no
 *   object
 */
JsonObject *
gcm_json_get_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * gcm_json_array_get_object:
 *
 * Returns: (nullable) (transfer none): the element @index of @array, or %NULL when it is no
 *   object
 */
JsonObject *
gcm_json_array_get_object (JsonArray *array,
                           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * gcm_json_parse_object:
 * @parser: the parser that keeps what it reads
 * @json: nul-terminated text that should hold one JSON object
 *
 * Returns: (nullable) (transfer none): the object, owned by @parser, or %NULL when @json is no
 *   JSON or holds no object
 */
JsonObject *
gcm_json_parse_object (JsonParser *parser,
                       const char *json)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}
