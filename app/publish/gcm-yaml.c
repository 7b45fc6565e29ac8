/* gcm-yaml.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a YAML document (libyaml events) into a json-glib tree and remembers the line of every
 * node and mapping key, so the publisher can refuse bad source with `file:line: message`.
 * Plain scalars become integers, booleans or null where YAML 1.2's core schema says so;
 * quoted scalars always stay strings. Anchors, aliases and tags are refused: the authoring
 * format does not need them.
 */

#define G_LOG_DOMAIN "GcmYaml"

#include "config.h"

#include <string.h>
#include <yaml.h>

#include "gcm-yaml.h"

struct _GcmYamlDocument
{
  GObject     parent_instance;

  JsonNode   *root;
  GHashTable *lines;      /* JsonNode* → line */
  GHashTable *key_lines;  /* "objectptr/key" → line */
};

G_DEFINE_FINAL_TYPE (GcmYamlDocument, gcm_yaml_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (gcm-yaml-error-quark, gcm_yaml_error)

typedef struct
{
  GcmYamlDocument *doc;
  yaml_parser_t    parser;
  int              first_line;
  int              depth;
} Loader;

/* Helpers */

static char *
key_for (JsonObject *object,
         const char *member)
{
  return g_strdup_printf ("%p/%s", (void *) object, member);
}

static JsonNode *
scalar_node (const yaml_event_t *event)
{
  const char *text = (const char *) event->data.scalar.value;
  gsize length = event->data.scalar.length;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gint64 number;

  if (event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
    {
      if (length == 0 || g_str_equal (text, "~") || g_str_equal (text, "null"))
        {
          json_node_init_null (node);
          return node;
        }
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        {
          json_node_set_boolean (node, text[0] == 't');
          return node;
        }
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          json_node_set_int (node, number);
          return node;
        }
    }
  json_node_set_string (node, text);
  return node;
}

static JsonNode *load_node (Loader *loader, yaml_event_t *event, GError **error);

static gboolean
next_event (Loader        *loader,
            yaml_event_t  *event,
            GError       **error)
{
  if (!yaml_parser_parse (&loader->parser, event))
    {
      g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_SYNTAX, "%d: %s%s%s",
                   (int) loader->parser.problem_mark.line + loader->first_line,
                   loader->parser.problem ? loader->parser.problem : "YAML syntax error",
                   loader->parser.context ? " " : "",
                   loader->parser.context ? loader->parser.context : "");
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
load_collection (Loader        *loader,
                 yaml_event_t  *start,
                 GError       **error)
{
  gboolean is_mapping = start->type == YAML_MAPPING_START_EVENT;
  g_autoptr(JsonNode) node = json_node_new (is_mapping ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
  JsonObject *object = NULL;
  JsonArray *array = NULL;

  /* load_node and load_collection recurse once per level: bound it before the stack runs out. */
  if (++loader->depth > GCM_YAML_MAX_DEPTH)
    {
      g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_UNSUPPORTED,
                   "%d: lists and mappings are nested more than %d deep",
                   (int) start->start_mark.line + loader->first_line, GCM_YAML_MAX_DEPTH);
      return NULL;
    }

  if (is_mapping)
    json_node_take_object (node, object = json_object_new ());
  else
    json_node_take_array (node, array = json_array_new ());

  for (;;)
    {
      yaml_event_t event;
      JsonNode *child;

      if (!next_event (loader, &event, error))
        return NULL;
      if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }

      if (is_mapping)
        {
          g_autofree char *key = NULL;
          int line = (int) event.start_mark.line + loader->first_line;
          yaml_event_t value_event;

          if (event.type != YAML_SCALAR_EVENT)
            {
              g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_UNSUPPORTED,
                           "%d: mapping keys must be plain words", line);
              yaml_event_delete (&event);
              return NULL;
            }
          key = g_strndup ((const char *) event.data.scalar.value, event.data.scalar.length);
          yaml_event_delete (&event);

          if (json_object_has_member (object, key))
            {
              g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_SYNTAX,
                           "%d: the field “%s” is given twice", line, key);
              return NULL;
            }
          if (!next_event (loader, &value_event, error))
            return NULL;
          child = load_node (loader, &value_event, error);
          if (child == NULL)
            return NULL;
          json_object_set_member (object, key, child);
          g_hash_table_insert (loader->doc->key_lines, key_for (object, key),
                               GINT_TO_POINTER (line));
        }
      else
        {
          child = load_node (loader, &event, error);
          if (child == NULL)
            return NULL;
          json_array_add_element (array, child);
        }
    }
  loader->depth--;
  return g_steal_pointer (&node);
}

/* Consumes @event. */
static JsonNode *
load_node (Loader        *loader,
           yaml_event_t  *event,
           GError       **error)
{
  int line = (int) event->start_mark.line + loader->first_line;
  JsonNode *node = NULL;

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      if (event->data.scalar.tag != NULL || event->data.scalar.anchor != NULL)
        goto unsupported;
      node = scalar_node (event);
      break;
    case YAML_SEQUENCE_START_EVENT:
      if (event->data.sequence_start.anchor != NULL || event->data.sequence_start.tag != NULL)
        goto unsupported;
      node = load_collection (loader, event, error);
      break;
    case YAML_MAPPING_START_EVENT:
      if (event->data.mapping_start.anchor != NULL || event->data.mapping_start.tag != NULL)
        goto unsupported;
      node = load_collection (loader, event, error);
      break;
    case YAML_ALIAS_EVENT:
    default:
      goto unsupported;
    }

  yaml_event_delete (event);
  if (node != NULL)
    g_hash_table_insert (loader->doc->lines, node, GINT_TO_POINTER (line));
  return node;

unsupported:
  yaml_event_delete (event);
  g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_UNSUPPORTED,
               "%d: anchors, aliases and tags are not supported", line);
  return NULL;
}

/* GObject */

static void
gcm_yaml_document_finalize (GObject *object)
{
  GcmYamlDocument *self = GCM_YAML_DOCUMENT (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_hash_table_unref (self->lines);
  g_hash_table_unref (self->key_lines);

  G_OBJECT_CLASS (gcm_yaml_document_parent_class)->finalize (object);
}

static void
gcm_yaml_document_class_init (GcmYamlDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_yaml_document_finalize;
}

static void
gcm_yaml_document_init (GcmYamlDocument *self)
{
  self->lines = g_hash_table_new (NULL, NULL);
  self->key_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

/**
 * gcm_yaml_document_new_from_data:
 * @first_line: the line number of the first line of @data in its file
 *
 * Errors carry the line at the start of their message, as "LINE: message".
 *
 * Returns: (transfer full): the document (an empty one is a null root), or %NULL
 */
GcmYamlDocument *
gcm_yaml_document_new_from_data (const char  *data,
                                 gssize       length,
                                 int          first_line,
                                 GError     **error)
{
  g_autoptr(GcmYamlDocument) self = g_object_new (GCM_TYPE_YAML_DOCUMENT, NULL);
  Loader loader = { self, { 0 }, first_line, 0 };
  gboolean ok = FALSE;
  yaml_event_t event;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_SYNTAX, "%d: the text is not UTF-8",
                   first_line);
      return NULL;
    }

  yaml_parser_initialize (&loader.parser);
  yaml_parser_set_input_string (&loader.parser, (const unsigned char *) data, length);

  /* stream start, document start, one node, document end */
  while (next_event (&loader, &event, error))
    {
      if (event.type == YAML_STREAM_END_EVENT)
        {
          yaml_event_delete (&event);
          ok = TRUE;
          break;
        }
      if (event.type == YAML_STREAM_START_EVENT || event.type == YAML_DOCUMENT_START_EVENT ||
          event.type == YAML_DOCUMENT_END_EVENT)
        {
          yaml_event_delete (&event);
          continue;
        }
      if (self->root != NULL)
        {
          g_set_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_UNSUPPORTED,
                       "%d: only one YAML document is allowed",
                       (int) event.start_mark.line + first_line);
          yaml_event_delete (&event);
          break;
        }
      self->root = load_node (&loader, &event, error);
      if (self->root == NULL)
        break;
    }
  yaml_parser_delete (&loader.parser);

  if (!ok)
    return NULL;
  if (self->root == NULL)
    self->root = json_node_init_null (json_node_alloc ());
  return g_steal_pointer (&self);
}

JsonNode *
gcm_yaml_document_get_root (GcmYamlDocument *self)
{
  g_return_val_if_fail (GCM_IS_YAML_DOCUMENT (self), NULL);
  return self->root;
}

int
gcm_yaml_document_get_line (GcmYamlDocument *self,
                            JsonNode        *node)
{
  g_return_val_if_fail (GCM_IS_YAML_DOCUMENT (self), 0);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->lines, node));
}

int
gcm_yaml_document_get_key_line (GcmYamlDocument *self,
                                JsonObject      *object,
                                const char      *member)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (GCM_IS_YAML_DOCUMENT (self), 0);

  key = key_for (object, member);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->key_lines, key));
}
