/* gcm-json-utils.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strict parsing of feed JSON, and writing it. The typed reads are in gcm-json-read.h.
 */

#define G_LOG_DOMAIN "GcmJson"

#include "config.h"

#include <string.h>

#include "gcm-feed-error.h"
#include "gcm-json-utils.h"

/* Helpers */

static gboolean
is_hex4 (const char *p)
{
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isxdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* json-glib recurses once per nesting level, so deep input overflows the stack; it also takes
 * escapes JSON does not have (octal "\301") and cuts a string at "\u0000" without a trace. This
 * scan refuses all three on the raw text, before json-glib sees it. */
static const char *
scan_for_problem (const char *data,
                  gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (!in_string)
        {
          if (c == '"')
            in_string = TRUE;
          else if ((c == '[' || c == '{') && ++depth > GCM_JSON_MAX_DEPTH)
            return "it is nested too deeply";
          else if ((c == ']' || c == '}') && depth > 0)
            depth--;
        }
      else if (c == '"')
        in_string = FALSE;
      else if (c == '\\')
        {
          if (++i == length)
            return "a string ends in an escape";
          c = data[i];
          if (c == 'u')
            {
              if (length - i < 5 || !is_hex4 (data + i + 1))
                return "a string has a bad \\u escape";
              if (memcmp (data + i + 1, "0000", 4) == 0)
                return "a string holds a NUL character";
              i += 4;
            }
          else if (c == '\0' || strchr ("\"\\/bfnrt", c) == NULL)
            return "a string has an escape JSON does not allow";
        }
    }
  return NULL;
}

/* Every key and string value, however deep; the scan above bounds the recursion. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &value))
          if (!g_utf8_validate (member, -1, NULL) || !node_is_utf8 (value))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Public API */

/**
 * gcm_json_parser_load:
 * @what: names the file in the error, such as "manifest"
 *
 * Parses a file of a feed strictly: it must be JSON with a root, nested at most
 * %GCM_JSON_MAX_DEPTH levels, and every key and string must be valid UTF-8 without NUL.
 *
 * Returns: %TRUE, or %FALSE with a %GCM_FEED_ERROR_MALFORMED error
 */
gboolean
gcm_json_parser_load (JsonParser  *parser,
                      const char  *data,
                      gsize        length,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *problem;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* Empty GBytes may hold a NULL pointer, which json-glib refuses without setting an error. */
  if (length == 0)
    problem = "it is empty";
  else if (length > G_MAXSSIZE)
    problem = "it is too large";
  else
    problem = scan_for_problem (data, length);
  if (problem == NULL &&
      !json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED, "%s is not JSON: %s", what,
                   local_error != NULL ? local_error->message : "unknown error");
      return FALSE;
    }
  /* json-glib reads blank input as success with no root. */
  if (problem == NULL && json_parser_get_root (parser) == NULL)
    problem = "it is blank";
  if (problem == NULL && !node_is_utf8 (json_parser_get_root (parser)))
    problem = "a string is not valid UTF-8";

  if (problem != NULL)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED, "%s is refused: %s", what,
                   problem);
      return FALSE;
    }
  return TRUE;
}

/* Writing */

void
gcm_json_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* A missing value is written as null, so readers see the member either way. */
void
gcm_json_add_string_or_null (JsonBuilder *builder,
                             const char  *member,
                             const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
gcm_json_add_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
gcm_json_add_boolean (JsonBuilder *builder,
                      const char  *member,
                      gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/* @elements as the array @member, each an object whose members @add_members adds. */
void
gcm_json_add_object_array (JsonBuilder       *builder,
                           const char        *member,
                           GPtrArray         *elements,
                           GcmJsonAddMembers  add_members,
                           gpointer           user_data)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < elements->len; i++)
    {
      json_builder_begin_object (builder);
      add_members (builder, g_ptr_array_index (elements, i), user_data);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The builder's document, indented for people who read it. */
char *
gcm_json_builder_to_data (JsonBuilder *builder,
                          gsize       *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}
