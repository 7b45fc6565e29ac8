/* gcm-risk-rules.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Risk indicators are data from headquarters, not code: each rule is a condition tree over the
 * fields of a declaration, with why it matters and the items behind it. A condition is one of
 *   {"all": [..]}  {"any": [..]}  {"not": {..}}
 *   {"field": F, "prefix": [..]}      HS codes compared without dots or spaces
 *   {"field": F, "in": [..]}          exact, case-insensitive (country codes, transport modes)
 *   {"field": F, "contains": [..]}    case-insensitive words in free text (goods description)
 *   {"field": F, "differs_from": G}   both given and not equal (departure ≠ origin)
 *   {"per": [F, G], "below": x} or {"per": [F, G], "above": x}   F / G, e.g. value per kilogram
 * A condition on a field the declaration leaves empty is false, so a half-filled form raises
 * only what it can support.
 */

#define G_LOG_DOMAIN "GcmRiskRules"

#include "config.h"

#include <string.h>

#include "gcm-risk-rules.h"
#include "gcm-json-read.h"

#define MAX_DEPTH 8

/* The fields a declaration may give. */
static const char * const fields[] = {
  "hs", "description", "origin", "departure", "destination", "value", "weight", "mode", NULL,
};

typedef struct
{
  char       *id;
  char       *title;
  char       *why;
  GStrv       items;
  int         severity;
  JsonNode   *when;
} Rule;

struct _GcmRiskRules
{
  GObject    parent_instance;

  GPtrArray *rules;   /* (element-type Rule) */
};

G_DEFINE_FINAL_TYPE (GcmRiskRules, gcm_risk_rules, G_TYPE_OBJECT)

static void
rule_free (Rule *rule)
{
  g_free (rule->id);
  g_free (rule->title);
  g_free (rule->why);
  g_strfreev (rule->items);
  g_clear_pointer (&rule->when, json_node_unref);
  g_free (rule);
}

void
gcm_risk_flag_free (GcmRiskFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->rule_id);
  g_free (flag->title);
  g_free (flag->why);
  g_strfreev (flag->items);
  g_free (flag->reason);
  g_free (flag);
}

static void
gcm_risk_rules_finalize (GObject *object)
{
  g_ptr_array_unref (GCM_RISK_RULES (object)->rules);
  G_OBJECT_CLASS (gcm_risk_rules_parent_class)->finalize (object);
}

static void
gcm_risk_rules_class_init (GcmRiskRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_risk_rules_finalize;
}

static void
gcm_risk_rules_init (GcmRiskRules *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
}

GcmRiskRules *
gcm_risk_rules_new (void)
{
  return g_object_new (GCM_TYPE_RISK_RULES, NULL);
}

const char * const *
gcm_risk_rules_get_fields (void)
{
  return fields;
}

/* Reading and checking the rules */

static gboolean
invalid (GError    **error,
         const char *rule_id,
         const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "risk rule “%s”: %s",
               rule_id != NULL ? rule_id : "?", what);
  return FALSE;
}

static gboolean
is_field (const char *name)
{
  return name != NULL && g_strv_contains (fields, name);
}

static gboolean
is_string_list (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (gcm_json_node_get_string (json_array_get_element (array, i)) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
check_condition (JsonNode    *node,
                 const char  *rule_id,
                 guint        depth,
                 GError     **error)
{
  JsonObject *object;
  const char *field;

  if (depth > MAX_DEPTH)
    return invalid (error, rule_id, "its conditions are nested too deeply");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, rule_id, "a condition is not a mapping");
  object = json_node_get_object (node);

  if (json_object_has_member (object, "all") || json_object_has_member (object, "any"))
    {
      JsonNode *list = json_object_get_member (object, json_object_has_member (object, "all") ? "all" : "any");

      if (json_object_get_size (object) != 1 || !JSON_NODE_HOLDS_ARRAY (list) ||
          json_array_get_length (json_node_get_array (list)) == 0)
        return invalid (error, rule_id, "“all” and “any” take a list of conditions");
      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        if (!check_condition (json_array_get_element (json_node_get_array (list), i), rule_id,
                              depth + 1, error))
          return FALSE;
      return TRUE;
    }
  if (json_object_has_member (object, "not"))
    {
      if (json_object_get_size (object) != 1)
        return invalid (error, rule_id, "“not” takes one condition");
      return check_condition (json_object_get_member (object, "not"), rule_id, depth + 1, error);
    }
  if (json_object_has_member (object, "per"))
    {
      JsonNode *per = json_object_get_member (object, "per");
      JsonNode *limit = json_object_get_member (object, json_object_has_member (object, "below") ? "below" : "above");

      if (json_object_get_size (object) != 2 || !is_string_list (per) ||
          json_array_get_length (json_node_get_array (per)) != 2 ||
          !is_field (json_array_get_string_element (json_node_get_array (per), 0)) ||
          !is_field (json_array_get_string_element (json_node_get_array (per), 1)) ||
          limit == NULL || !JSON_NODE_HOLDS_VALUE (limit) ||
          (json_node_get_value_type (limit) != G_TYPE_DOUBLE &&
           json_node_get_value_type (limit) != G_TYPE_INT64))
        return invalid (error, rule_id, "“per” takes two fields and a number “below” or “above”");
      return TRUE;
    }

  field = gcm_json_get_string (object, "field");
  if (!is_field (field))
    return invalid (error, rule_id, "a condition names no known field");
  if (json_object_get_size (object) != 2)
    return invalid (error, rule_id, "a field condition takes one test");
  if (json_object_has_member (object, "differs_from"))
    {
      if (!is_field (gcm_json_get_string (object, "differs_from")))
        return invalid (error, rule_id, "“differs_from” names no known field");
      return TRUE;
    }
  if (json_object_has_member (object, "prefix") || json_object_has_member (object, "in") ||
      json_object_has_member (object, "contains"))
    {
      JsonNode *list = json_object_get_member (object, json_object_has_member (object, "prefix") ? "prefix" :
                                                       json_object_has_member (object, "in") ? "in" : "contains");
      if (!is_string_list (list))
        return invalid (error, rule_id, "a test takes a list of text");
      return TRUE;
    }
  return invalid (error, rule_id, "a condition has an unknown test");
}

static GStrv
string_list (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (is_string_list (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      g_strv_builder_add (builder, json_array_get_string_element (json_node_get_array (node), i));
  return g_strv_builder_end (builder);
}

/* Adds the rules of one risk item. Nothing is added when any rule is wrong. */
gboolean
gcm_risk_rules_add_from_json (GcmRiskRules *self,
                              JsonArray    *rules,
                              GError      **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);

  g_return_val_if_fail (GCM_IS_RISK_RULES (self), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *node = json_array_get_element (rules, i);
      JsonObject *object;
      Rule *rule;
      gint64 severity = 2;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, NULL, "a rule is not a mapping");
      object = json_node_get_object (node);
      rule = g_new0 (Rule, 1);
      g_ptr_array_add (parsed, rule);
      rule->id = g_strdup (gcm_json_get_string (object, "id"));
      rule->title = g_strdup (gcm_json_get_string (object, "title"));
      rule->why = g_strdup (gcm_json_get_string (object, "why"));
      rule->items = string_list (object, "items");
      if (json_object_has_member (object, "severity"))
        severity = json_object_get_int_member (object, "severity");
      rule->severity = (int) CLAMP (severity, 1, 3);
      if (rule->id == NULL || rule->title == NULL || rule->why == NULL)
        return invalid (error, rule->id, "a rule needs an id, a title and why it matters");
      if (!check_condition (json_object_get_member (object, "when"), rule->id, 0, error))
        return FALSE;
      rule->when = json_node_copy (json_object_get_member (object, "when"));
    }

  for (guint i = 0; i < parsed->len; i++)
    g_ptr_array_add (self->rules, g_steal_pointer (&parsed->pdata[i]));
  g_ptr_array_set_free_func (parsed, NULL);
  return TRUE;
}

guint
gcm_risk_rules_get_n_rules (GcmRiskRules *self)
{
  g_return_val_if_fail (GCM_IS_RISK_RULES (self), 0);
  return self->rules->len;
}

/* Evaluating */

/* "8549.11" and "8549 11" are the same code as "854911". */
static char *
normalize_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static const char *
value_of (GHashTable *declaration,
          const char *field)
{
  const char *value = g_hash_table_lookup (declaration, field);

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
number_of (GHashTable *declaration,
           const char *field,
           double     *number)
{
  const char *value = value_of (declaration, field);
  char *end = NULL;

  if (value == NULL)
    return FALSE;
  *number = g_ascii_strtod (value, &end);
  return end != value && *end == '\0' && *number > 0;
}

static gboolean
list_matches (JsonArray  *list,
              const char *value,
              const char *test,
              GString    *reason,
              const char *field)
{
  g_autofree char *folded = g_utf8_casefold (value, -1);
  g_autofree char *code = normalize_code (value);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *entry = json_array_get_string_element (list, i);
      g_autofree char *entry_folded = g_utf8_casefold (entry, -1);
      gboolean hit;

      if (g_str_equal (test, "prefix"))
        {
          g_autofree char *entry_code = normalize_code (entry);
          hit = *entry_code != '\0' && g_str_has_prefix (code, entry_code);
        }
      else if (g_str_equal (test, "in"))
        hit = g_str_equal (folded, entry_folded);
      else
        hit = strstr (folded, entry_folded) != NULL;

      if (hit)
        {
          g_string_append_printf (reason, "%s%s %s “%s”", reason->len > 0 ? "; " : "", field, test, entry);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
evaluate (JsonNode   *node,
          GHashTable *declaration,
          GString    *reason)
{
  JsonObject *object = json_node_get_object (node);
  const char *field;
  const char *value;

  if (json_object_has_member (object, "all") || json_object_has_member (object, "any"))
    {
      gboolean all = json_object_has_member (object, "all");
      JsonArray *list = json_object_get_array_member (object, all ? "all" : "any");
      gsize mark = reason->len;

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          gboolean hit = evaluate (json_array_get_element (list, i), declaration, reason);

          if (all && !hit)
            return g_string_truncate (reason, mark), FALSE;
          if (!all && hit)
            return TRUE;
        }
      return all;
    }
  if (json_object_has_member (object, "not"))
    {
      g_autoptr(GString) ignored = g_string_new (NULL);

      return !evaluate (json_object_get_member (object, "not"), declaration, ignored);
    }
  if (json_object_has_member (object, "per"))
    {
      JsonArray *per = json_object_get_array_member (object, "per");
      const char *top = json_array_get_string_element (per, 0);
      const char *bottom = json_array_get_string_element (per, 1);
      gboolean below = json_object_has_member (object, "below");
      double limit = json_object_get_double_member (object, below ? "below" : "above");
      double a, b, ratio;

      if (!number_of (declaration, top, &a) || !number_of (declaration, bottom, &b))
        return FALSE;
      ratio = a / b;
      if (below ? ratio >= limit : ratio <= limit)
        return FALSE;
      g_string_append_printf (reason, "%s%s per %s is %.2f, %s %.2f", reason->len > 0 ? "; " : "",
                              top, bottom, ratio, below ? "below" : "above", limit);
      return TRUE;
    }

  field = json_object_get_string_member (object, "field");
  value = value_of (declaration, field);
  if (value == NULL)
    return FALSE;
  if (json_object_has_member (object, "differs_from"))
    {
      const char *other_field = json_object_get_string_member (object, "differs_from");
      const char *other = value_of (declaration, other_field);
      g_autofree char *a = NULL, *b = NULL;

      if (other == NULL)
        return FALSE;
      a = g_utf8_casefold (value, -1);
      b = g_utf8_casefold (other, -1);
      if (g_str_equal (a, b))
        return FALSE;
      g_string_append_printf (reason, "%s%s “%s” differs from %s “%s”", reason->len > 0 ? "; " : "",
                              field, value, other_field, other);
      return TRUE;
    }
  for (const char * const *test = (const char *[]) { "prefix", "in", "contains", NULL }; *test; test++)
    if (json_object_has_member (object, *test))
      return list_matches (json_object_get_array_member (object, *test), value, *test, reason, field);
  return FALSE;
}

/* @declaration: (element-type utf8 utf8): field → value, any field may be missing. Returns the
 * flags raised, (element-type GcmRiskFlag), highest severity first, then in content order. */
GPtrArray *
gcm_risk_rules_check (GcmRiskRules *self,
                      GHashTable   *declaration)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_risk_flag_free);
  g_autoptr(GHashTable) trimmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GCM_IS_RISK_RULES (self), flags);
  g_return_val_if_fail (declaration != NULL, flags);

  /* What an officer types may carry stray spaces. */
  g_hash_table_iter_init (&iter, declaration);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (trimmed, g_strdup (key), g_strstrip (g_strdup (value)));
  declaration = trimmed;

  for (int severity = 3; severity >= 1; severity--)
    for (guint i = 0; i < self->rules->len; i++)
      {
        Rule *rule = g_ptr_array_index (self->rules, i);
        g_autoptr(GString) reason = g_string_new (NULL);
        GcmRiskFlag *flag;

        if (rule->severity != severity || !evaluate (rule->when, declaration, reason))
          continue;
        flag = g_new0 (GcmRiskFlag, 1);
        flag->rule_id = g_strdup (rule->id);
        flag->title = g_strdup (rule->title);
        flag->why = g_strdup (rule->why);
        flag->items = g_strdupv (rule->items);
        flag->severity = rule->severity;
        flag->reason = g_string_free (g_steal_pointer (&reason), FALSE);
        g_ptr_array_add (flags, flag);
      }
  return flags;
}
