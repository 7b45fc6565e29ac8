/* gcm-decision-key.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An identify-and-handle key (the `key` kind): nodes that ask one question with 2–8 options, each
 * leading to another node or to an outcome. A key is refused unless it is a tree an officer can
 * always finish: every node and outcome reachable from the start, no cycle, no path deeper than
 * GCM_DECISION_KEY_MAX_DEPTH questions, every option going somewhere that exists, and every item
 * an outcome names installed. Errors name the node, so the publisher can point at the line.
 */

#define G_LOG_DOMAIN "GcmDecisionKey"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-decision-key.h"
#include "gcm-json-read.h"

struct _GcmDecisionKey
{
  GObject     parent_instance;

  JsonObject *item;       /* keeps every string below alive */
  GArray     *nodes;      /* (element-type GcmKeyNode) */
  GArray     *outcomes;   /* (element-type GcmKeyOutcome) */
  GHashTable *node_index;     /* id → index in nodes */
  GHashTable *outcome_index;  /* id → index in outcomes */
};

G_DEFINE_FINAL_TYPE (GcmDecisionKey, gcm_decision_key, G_TYPE_OBJECT)

static void
clear_node (GcmKeyNode *node)
{
  g_free (node->options);
}

static void
clear_outcome (GcmKeyOutcome *outcome)
{
  g_free (outcome->read);
}

static void
gcm_decision_key_finalize (GObject *object)
{
  GcmDecisionKey *self = GCM_DECISION_KEY (object);

  g_array_unref (self->nodes);
  g_array_unref (self->outcomes);
  g_hash_table_unref (self->node_index);
  g_hash_table_unref (self->outcome_index);
  g_clear_pointer (&self->item, json_object_unref);

  G_OBJECT_CLASS (gcm_decision_key_parent_class)->finalize (object);
}

static void
gcm_decision_key_class_init (GcmDecisionKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_decision_key_finalize;
}

static void
gcm_decision_key_init (GcmDecisionKey *self)
{
  self->nodes = g_array_new (FALSE, TRUE, sizeof (GcmKeyNode));
  g_array_set_clear_func (self->nodes, (GDestroyNotify) clear_node);
  self->outcomes = g_array_new (FALSE, TRUE, sizeof (GcmKeyOutcome));
  g_array_set_clear_func (self->outcomes, (GDestroyNotify) clear_outcome);
  self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->outcome_index = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", where, message);
  return FALSE;
}

/* Key-local ids follow the step-id rule: ^[a-z0-9][a-z0-9_-]*$ */
static gboolean
local_id_is_valid (const char *id)
{
  if (id == NULL || !(g_ascii_islower (*id) || g_ascii_isdigit (*id)))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_outcomes (GcmDecisionKey    *self,
               GcmKeyItemExists   item_exists,
               gpointer           user_data,
               GError           **error)
{
  JsonArray *outcomes = gcm_json_get_array (self->item, "outcomes");

  if (outcomes == NULL || json_array_get_length (outcomes) == 0)
    return invalid (error, "outcomes", "a key needs at least one outcome");
  g_array_set_size (self->outcomes, json_array_get_length (outcomes));

  for (guint i = 0; i < self->outcomes->len; i++)
    {
      JsonNode *node = json_array_get_element (outcomes, i);
      GcmKeyOutcome *outcome = &g_array_index (self->outcomes, GcmKeyOutcome, i);
      g_autofree char *where = g_strdup_printf ("outcome %u", i + 1);
      JsonObject *object;
      JsonArray *read;
      const char *urgency;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, where, "an outcome is not a mapping");
      object = json_node_get_object (node);
      outcome->id = gcm_json_get_string (object, "id");
      outcome->title = gcm_json_get_string (object, "title");
      outcome->summary = gcm_json_get_string (object, "summary");
      outcome->procedure = gcm_json_get_string (object, "procedure");
      outcome->contact = gcm_json_get_string (object, "contact");
      urgency = gcm_json_get_string (object, "urgency");

      if (!local_id_is_valid (outcome->id))
        return invalid (error, where, "an outcome needs an id such as “live-animal”");
      g_free (where);
      where = g_strdup_printf ("outcome “%s”", outcome->id);
      if (!g_hash_table_insert (self->outcome_index, (gpointer) outcome->id, GUINT_TO_POINTER (i)))
        return invalid (error, where, "two outcomes have this id");
      if (outcome->title == NULL || outcome->summary == NULL)
        return invalid (error, where, "an outcome needs a title and a summary");
      if (g_strcmp0 (urgency, "immediate") == 0)
        outcome->urgency = GCM_URGENCY_IMMEDIATE;
      else if (g_strcmp0 (urgency, "soon") == 0)
        outcome->urgency = GCM_URGENCY_SOON;
      else if (g_strcmp0 (urgency, "routine") == 0)
        outcome->urgency = GCM_URGENCY_ROUTINE;
      else
        return invalid (error, where, "urgency must be immediate, soon or routine");
      if (outcome->procedure != NULL && item_exists != NULL && !item_exists (outcome->procedure, user_data))
        return invalid (error, where, "its procedure “%s” is not in the manual", outcome->procedure);

      read = gcm_json_get_array (object, "read");
      outcome->read = g_new0 (const char *, (read != NULL ? json_array_get_length (read) : 0) + 1);
      for (guint r = 0; read != NULL && r < json_array_get_length (read); r++)
        {
          JsonNode *id = json_array_get_element (read, r);

          if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
            return invalid (error, where, "“read” lists item ids");
          outcome->read[r] = json_node_get_string (id);
          if (item_exists != NULL && !item_exists (outcome->read[r], user_data))
            return invalid (error, where, "it sends the reader to “%s”, which is not in the manual",
                            outcome->read[r]);
        }
    }
  return TRUE;
}

static gboolean
read_nodes (GcmDecisionKey  *self,
            GError         **error)
{
  JsonArray *nodes = gcm_json_get_array (self->item, "nodes");

  if (nodes == NULL || json_array_get_length (nodes) == 0)
    return invalid (error, "nodes", "a key needs at least one question");
  g_array_set_size (self->nodes, json_array_get_length (nodes));

  /* Ids first, so that options may point forward. */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      JsonNode *node = json_array_get_element (nodes, i);
      GcmKeyNode *key_node = &g_array_index (self->nodes, GcmKeyNode, i);
      g_autofree char *where = g_strdup_printf ("node %u", i + 1);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, where, "a node is not a mapping");
      key_node->id = gcm_json_get_string (json_node_get_object (node), "id");
      if (!local_id_is_valid (key_node->id))
        return invalid (error, where, "a node needs an id such as “what-is-it”");
      if (!g_hash_table_insert (self->node_index, (gpointer) key_node->id, GUINT_TO_POINTER (i)))
        return invalid (error, where, "two nodes have the id “%s”", key_node->id);
    }

  for (guint i = 0; i < self->nodes->len; i++)
    {
      JsonObject *object = json_array_get_object_element (nodes, i);
      GcmKeyNode *key_node = &g_array_index (self->nodes, GcmKeyNode, i);
      g_autofree char *where = g_strdup_printf ("node “%s”", key_node->id);
      JsonArray *options = gcm_json_get_array (object, "options");
      guint n = options != NULL ? json_array_get_length (options) : 0;

      key_node->question = gcm_json_get_string (object, "question");
      key_node->hint = gcm_json_get_string (object, "hint");
      if (key_node->question == NULL)
        return invalid (error, where, "a node needs a question");
      if (n < GCM_DECISION_KEY_MIN_OPTIONS || n > GCM_DECISION_KEY_MAX_OPTIONS)
        return invalid (error, where, "a question needs 2 to 8 options");
      key_node->options = g_new0 (GcmKeyOption, n);
      key_node->n_options = n;

      for (guint o = 0; o < n; o++)
        {
          JsonNode *option_node = json_array_get_element (options, o);
          GcmKeyOption *option = &key_node->options[o];
          JsonObject *option_object;

          if (!JSON_NODE_HOLDS_OBJECT (option_node))
            return invalid (error, where, "option %u is not a mapping", o + 1);
          option_object = json_node_get_object (option_node);
          option->text = gcm_json_get_string (option_object, "text");
          option->image = gcm_json_get_string (option_object, "image");
          option->next = gcm_json_get_string (option_object, "next");
          option->outcome = gcm_json_get_string (option_object, "outcome");
          if (option->text == NULL)
            return invalid (error, where, "option %u has no text", o + 1);
          if ((option->next == NULL) == (option->outcome == NULL))
            return invalid (error, where, "option %u needs either “next” or “outcome”", o + 1);
          if (option->next != NULL && !g_hash_table_contains (self->node_index, option->next))
            return invalid (error, where, "option %u leads to the node “%s”, which does not exist",
                            o + 1, option->next);
          if (option->outcome != NULL && !g_hash_table_contains (self->outcome_index, option->outcome))
            return invalid (error, where, "option %u leads to the outcome “%s”, which does not exist",
                            o + 1, option->outcome);
        }
    }
  return TRUE;
}

/* Depth-first from the start: finds cycles and paths that ask too many questions, and marks
 * what is reached. @on_path holds the nodes of the current path; @height the most questions
 * left below a node once it is checked (0 until then). */
static gboolean
walk (GcmDecisionKey  *self,
      guint            index,
      guint            depth,
      gboolean        *on_path,
      guint           *height,
      gboolean        *outcome_seen,
      GError         **error)
{
  const GcmKeyNode *node = &g_array_index (self->nodes, GcmKeyNode, index);
  g_autofree char *where = g_strdup_printf ("node “%s”", node->id);
  guint below = 0;

  if (on_path[index])
    return invalid (error, where, "the key goes round in a circle back to this node");
  if (height[index] == 0)
    {
      on_path[index] = TRUE;
      for (guint o = 0; o < node->n_options; o++)
        {
          const GcmKeyOption *option = &node->options[o];
          guint next;

          if (option->outcome != NULL)
            {
              outcome_seen[GPOINTER_TO_UINT (g_hash_table_lookup (self->outcome_index, option->outcome))] = TRUE;
              continue;
            }
          next = GPOINTER_TO_UINT (g_hash_table_lookup (self->node_index, option->next));
          if (!walk (self, next, depth + 1, on_path, height, outcome_seen, error))
            return FALSE;
          below = MAX (below, height[next]);
        }
      on_path[index] = FALSE;
      height[index] = below + 1;
    }
  if (depth + height[index] - 1 > GCM_DECISION_KEY_MAX_DEPTH)
    return invalid (error, where, "a path through the key asks more than %d questions",
                    GCM_DECISION_KEY_MAX_DEPTH);
  return TRUE;
}

static gboolean
check_shape (GcmDecisionKey  *self,
             guint            start,
             GError         **error)
{
  g_autofree gboolean *on_path = g_new0 (gboolean, self->nodes->len);
  g_autofree guint *height = g_new0 (guint, self->nodes->len);
  g_autofree gboolean *outcome_seen = g_new0 (gboolean, self->outcomes->len);

  if (!walk (self, start, 1, on_path, height, outcome_seen, error))
    return FALSE;
  for (guint i = 0; i < self->nodes->len; i++)
    if (height[i] == 0)
      return invalid (error, g_array_index (self->nodes, GcmKeyNode, i).id,
                      "no path from the first question reaches this node");
  for (guint i = 0; i < self->outcomes->len; i++)
    if (!outcome_seen[i])
      return invalid (error, g_array_index (self->outcomes, GcmKeyOutcome, i).id,
                      "no path from the first question reaches this outcome");
  return TRUE;
}

/* @item: the key item's JSON, with "start", "nodes" and "outcomes". @item_exists: (nullable):
 * checks the items outcomes name; NULL skips that check. */
GcmDecisionKey *
gcm_decision_key_new_from_json (JsonObject        *item,
                                GcmKeyItemExists   item_exists,
                                gpointer           user_data,
                                GError           **error)
{
  g_autoptr(GcmDecisionKey) self = g_object_new (GCM_TYPE_DECISION_KEY, NULL);
  const char *start;

  g_return_val_if_fail (item != NULL, NULL);

  self->item = json_object_ref (item);
  if (!read_outcomes (self, item_exists, user_data, error) || !read_nodes (self, error))
    return NULL;
  start = gcm_json_get_string (item, "start");
  if (start == NULL || !g_hash_table_contains (self->node_index, start))
    return invalid (error, "start", "“start” must name the first node"), NULL;
  if (!check_shape (self, GPOINTER_TO_UINT (g_hash_table_lookup (self->node_index, start)), error))
    return NULL;
  return g_steal_pointer (&self);
}

const GcmKeyNode *
gcm_decision_key_get_start (GcmDecisionKey *self)
{
  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), NULL);
  return gcm_decision_key_get_node (self, json_object_get_string_member (self->item, "start"));
}

const GcmKeyNode *
gcm_decision_key_get_node (GcmDecisionKey *self,
                           const char     *id)
{
  gpointer index;

  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), NULL);
  if (id == NULL || !g_hash_table_lookup_extended (self->node_index, id, NULL, &index))
    return NULL;
  return &g_array_index (self->nodes, GcmKeyNode, GPOINTER_TO_UINT (index));
}

const GcmKeyOutcome *
gcm_decision_key_get_outcome (GcmDecisionKey *self,
                              const char     *id)
{
  gpointer index;

  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), NULL);
  if (id == NULL || !g_hash_table_lookup_extended (self->outcome_index, id, NULL, &index))
    return NULL;
  return &g_array_index (self->outcomes, GcmKeyOutcome, GPOINTER_TO_UINT (index));
}

/* The language of the key's text: the item's "lang", which a localized item's JSON gives as
 * the translation's. %NULL when the item names none. */
const char *
gcm_decision_key_get_lang (GcmDecisionKey *self)
{
  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), NULL);
  return gcm_json_get_string (self->item, "lang");
}

guint
gcm_decision_key_get_n_nodes (GcmDecisionKey *self)
{
  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), 0);
  return self->nodes->len;
}

guint
gcm_decision_key_get_n_outcomes (GcmDecisionKey *self)
{
  g_return_val_if_fail (GCM_IS_DECISION_KEY (self), 0);
  return self->outcomes->len;
}

/**
 * gcm_urgency_get_label:
 *
 * Returns: how soon an officer should act on an outcome, in a few words
 */
const char *
gcm_urgency_get_label (GcmUrgency urgency)
{
  switch (urgency)
    {
    case GCM_URGENCY_IMMEDIATE:
      return _("Act now");
    case GCM_URGENCY_SOON:
      return _("Act today");
    case GCM_URGENCY_ROUTINE:
    default:
      return _("No rush");
    }
}
