/* fuzz-yaml.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer entry point for the publisher's YAML loader. Any byte string must load or be refused
 * without a crash. A refusal names its line ("LINE: message", which the publisher turns into
 * `file:line: message`); a loaded tree stays within the nesting bound, knows the line of every
 * node and key, holds only UTF-8, and comes out as JSON that json-glib reads back, since that
 * JSON is what the app receives.
 *
 *   meson setup _build
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I_build -Iapp/publish \
 *     $(pkg-config --cflags json-glib-1.0 yaml-0.1) app/publish/gcm-yaml.c \
 *     tests/fuzz/fuzz-yaml.c $(pkg-config --libs json-glib-1.0 yaml-0.1) -o fuzz-yaml
 *   ./fuzz-yaml tests/fuzz/corpus/yaml
 */

#define G_LOG_DOMAIN "FuzzYaml"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gcm-yaml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_string (const char *string)
{
  if (string == NULL || !g_utf8_validate (string, -1, NULL))
    abort ();
}

static void
walk (GcmYamlDocument *doc,
      JsonNode        *node,
      int              depth)
{
  if (depth > GCM_YAML_MAX_DEPTH || gcm_yaml_document_get_line (doc, node) < 1)
    abort ();

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          check_string (l->data);
          if (gcm_yaml_document_get_key_line (doc, object, l->data) < 1)
            abort ();
          walk (doc, json_object_get_member (object, l->data), depth + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (doc, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    check_string (json_node_get_string (node));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GcmYamlDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *json = NULL;
  JsonNode *root;

  if (size > G_MAXSSIZE)
    return 0;

  doc = gcm_yaml_document_new_from_data ((const char *) data, (gssize) size, 1, &error);
  if (doc == NULL)
    {
      /* "LINE: message", the line counted from 1 */
      if (error == NULL || !g_ascii_isdigit (error->message[0]) || atoi (error->message) < 1 ||
          strstr (error->message, ": ") == NULL)
        abort ();
      check_string (error->message);
      return 0;
    }

  root = gcm_yaml_document_get_root (doc);
  if (root == NULL)
    abort ();
  if (JSON_NODE_HOLDS_NULL (root) && gcm_yaml_document_get_line (doc, root) == 0)
    return 0;  /* an empty document */
  walk (doc, root, 1);

  json = json_to_string (root, FALSE);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    abort ();

  return 0;
}
