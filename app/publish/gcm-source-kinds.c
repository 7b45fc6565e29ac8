/* gcm-source-kinds.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks of what only one kind of item carries: a case's photos, a procedure's steps, a
 * quiz's questions. The kind registry says which fields each kind may carry; the table at the
 * end says which checker runs for which kind.
 */

#define G_LOG_DOMAIN "GcmSource"

#include "config.h"

#include "gcm-decision-key.h"
#include "gcm-json-read.h"
#include "gcm-risk-rules.h"
#include "gcm-source-private.h"

/* The item's @member: a list of one element or more, or %NULL once @problem is said at its
 * line (the id's, when it is missing). */
static JsonArray *
want_list (GcmSourceCtx *ctx,
           const char   *member,
           const char   *problem)
{
  JsonNode *node = json_object_get_member (ctx->fields, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      _gcm_source_problem (ctx->source, ctx->file,
                           _gcm_source_field_line (ctx, node ? member : "id"), "%s", problem);
      return NULL;
    }
  return json_node_get_array (node);
}

/* An element of a list as an object, or %NULL once @problem is said at its @line. */
static JsonObject *
want_object (GcmSourceCtx *ctx,
             JsonNode     *node,
             int           line,
             const char   *problem)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  _gcm_source_problem (ctx->source, ctx->file, line, "%s", problem);
  return NULL;
}

/* The id of a step or question, a word (else @problem) that no other one of the list has. */
static const char *
want_unique_id (GcmSourceCtx *ctx,
                JsonObject   *object,
                int           line,
                GHashTable   *ids,
                const char   *problem,
                const char   *what)
{
  const char *id = node_string (json_object_get_member (object, "id"));

  if (!is_word_id (id))
    _gcm_source_problem (ctx->source, ctx->file, line, "%s", problem);
  else if (!g_hash_table_add (ids, (gpointer) id))
    _gcm_source_problem (ctx->source, ctx->file, line, "the %s id “%s” is used twice", what, id);
  return id;
}

/* Says each member of a @what at @line that is not one of @fields. */
static void
want_only_fields (GcmSourceCtx       *ctx,
                  JsonObject         *object,
                  int                 line,
                  const char * const *fields,
                  const char         *what)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (fields, l->data))
      _gcm_source_problem (ctx->source, ctx->file, line, "unknown %s field “%s”", what,
                           (const char *) l->data);
}

static void
check_case (GcmSourceCtx *ctx)
{
  JsonArray *photos;

  _gcm_source_want_string (ctx, "date", TRUE);
  _gcm_source_want_string (ctx, "place", TRUE);
  _gcm_source_want_string (ctx, "commodity", TRUE);
  _gcm_source_want_string (ctx, "quantity", FALSE);
  _gcm_source_want_string (ctx, "reported_at", FALSE);
  _gcm_source_want_string_list (ctx, ctx->fields, "modus_operandi", TRUE);
  _gcm_source_want_string_list (ctx, ctx->fields, "risk_indicators", TRUE);

  photos = want_list (ctx, "photos",
                      "a case needs “photos”: a list of {file, caption, credit, licence}");
  for (guint i = 0; photos != NULL && i < json_array_get_length (photos); i++)
    {
      static const char * const photo_fields[] = { "file", "caption", "credit", "licence", NULL };
      JsonNode *node = json_array_get_element (photos, i);
      int line = gcm_yaml_document_get_line (ctx->doc, node);
      JsonObject *photo = want_object (ctx, node, line,
                                       "a photo must be {file, caption, credit, licence}");

      if (photo == NULL)
        continue;
      for (guint j = 0; photo_fields[j] != NULL; j++)
        if (node_string (json_object_get_member (photo, photo_fields[j])) == NULL)
          _gcm_source_problem (ctx->source, ctx->file, line, "a photo needs a “%s”",
                               photo_fields[j]);
      {
        g_autoptr(GList) members = json_object_get_members (photo);
        for (GList *l = members; l != NULL; l = l->next)
          if (!g_strv_contains (photo_fields, l->data))
            {
              _gcm_source_problem (ctx->source, ctx->file, line,
                                   "a photo has only file, caption, credit and licence");
              break;
            }
      }
      if (node_string (json_object_get_member (photo, "file")) != NULL)
        _gcm_source_use_media (ctx, json_object_get_string_member (photo, "file"), line);
    }
}

static void
check_procedure (GcmSourceCtx *ctx)
{
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *steps;
  const char *body;

  _gcm_source_want_string_list (ctx, ctx->fields, "applies_to", TRUE);
  _gcm_source_want_string_list (ctx, ctx->fields, "hazards", TRUE);
  _gcm_source_want_string_list (ctx, ctx->fields, "protective_equipment", TRUE);

  steps = want_list (ctx, "steps", "a procedure needs “steps”: a list of {id, text, warning}");
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonNode *node = json_array_get_element (steps, i);
      int line = gcm_yaml_document_get_line (ctx->doc, node);
      JsonObject *step = want_object (ctx, node, line, "a step must be {id, text, warning}");

      if (step == NULL)
        continue;
      want_unique_id (ctx, step, line, step_ids, "a step needs an id like “check-seals”", "step");
      if (node_string (json_object_get_member (step, "text")) == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line, "a step needs a “text”");
      if (json_object_has_member (step, "warning") &&
          node_string (json_object_get_member (step, "warning")) == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line, "a step’s “warning” must be a text");
      want_only_fields (ctx, step, line, (const char * const[]) { "id", "text", "warning", NULL },
                        "step");
    }

  body = _gcm_source_want_string (ctx, "body", FALSE);
  if (body != NULL)
    _gcm_source_check_markdown (ctx, body, _gcm_source_field_line (ctx, "body") + 1);
}

static void
check_question (GcmSourceCtx        *ctx,
                JsonNode   *node,
                GHashTable *question_ids)
{
  static const char * const question_fields[] = {
    "id", "type", "prompt", "image", "choices", "answer", "explanation", "source", NULL
  };
  int line = gcm_yaml_document_get_line (ctx->doc, node);
  JsonObject *q;
  const char *qid, *type, *image, *source;
  JsonNode *choices, *answer;
  guint n_choices = 0;
  g_autoptr(GList) members = NULL;

  q = want_object (ctx, node, line, "a question must be a mapping");
  if (q == NULL)
    return;
  members = json_object_get_members (q);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (question_fields, l->data))
      _gcm_source_problem (ctx->source, ctx->file,
                           gcm_yaml_document_get_key_line (ctx->doc, q, l->data),
                           "unknown question field “%s”", (const char *) l->data);

  qid = want_unique_id (ctx, q, line, question_ids, "a question needs an id like “q1”", "question");

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "prompt" : "explanation";
      if (node_string (json_object_get_member (q, name)) == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line, "the question “%s” needs a “%s”",
                             qid ? qid : "?", name);
    }

  image = node_string (json_object_get_member (q, "image"));
  if (json_object_has_member (q, "image"))
    {
      if (image == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line, "“image” must be a path under media/");
      else
        _gcm_source_use_media (ctx, image, gcm_yaml_document_get_key_line (ctx->doc, q, "image"));
    }

  source = node_string (json_object_get_member (q, "source"));
  if (source == NULL)
    _gcm_source_problem (ctx->source, ctx->file, line, "the question “%s” needs a “source” item id",
                         qid ? qid : "?");
  else
    _gcm_source_add_pending_link (ctx, gcm_yaml_document_get_key_line (ctx->doc, q, "source"),
                                  source,
                                  "question source");

  type = node_string (json_object_get_member (q, "type"));
  choices = json_object_get_member (q, "choices");
  answer = json_object_get_member (q, "answer");

  if (g_strcmp0 (type, "single") == 0 || g_strcmp0 (type, "multiple") == 0)
    {
      JsonArray *list = _gcm_source_want_string_list (ctx, q, "choices", TRUE);
      n_choices = list ? json_array_get_length (list) : 0;
      if (list != NULL && (n_choices < 2 || n_choices > 6))
        _gcm_source_problem (ctx->source, ctx->file, line, "a question has 2 to 6 choices");
    }
  else if (g_strcmp0 (type, "truefalse") == 0)
    {
      if (choices != NULL)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "a true/false question has no “choices”");
    }
  else
    {
      _gcm_source_problem (ctx->source, ctx->file, line,
                           "a question’s “type” is single, multiple or truefalse");
      return;
    }

  if (answer == NULL)
    _gcm_source_problem (ctx->source, ctx->file, line, "the question “%s” needs an “answer”",
                         qid ? qid : "?");
  else if (g_str_equal (type, "truefalse"))
    {
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_BOOLEAN)
        _gcm_source_problem (ctx->source, ctx->file, line, "a true/false answer is true or false");
    }
  else if (g_str_equal (type, "single"))
    {
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_INT64 ||
          json_node_get_int (answer) < 0 || json_node_get_int (answer) >= n_choices)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "the answer must be the index of a choice, from 0");
    }
  else
    {
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
      guint64 seen = 0;

      if (list == NULL || json_array_get_length (list) == 0)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "a multiple-choice answer is a list of indexes");
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          gint64 index = JSON_NODE_HOLDS_VALUE (element) &&
                         json_node_get_value_type (element) == G_TYPE_INT64 ?
                         json_node_get_int (element) : -1;
          if (index < 0 || index >= n_choices || (seen & (1u << index)))
            {
              _gcm_source_problem (ctx->source, ctx->file, line,
                                   "the answer must list distinct choice indexes, from 0");
              break;
            }
          seen |= 1u << index;
        }
    }
}

static void
check_quiz (GcmSourceCtx *ctx)
{
  JsonArray *questions;
  JsonArray *related = _gcm_source_want_string_list (ctx, ctx->fields, "related", FALSE);
  g_autoptr(GHashTable) question_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; related != NULL && i < json_array_get_length (related); i++)
    _gcm_source_add_pending_link (ctx, _gcm_source_field_line (ctx, "related"),
                                  json_array_get_string_element (related, i),
                                  "related item");

  questions = want_list (ctx, "questions", "a quiz needs “questions”");
  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    check_question (ctx, json_array_get_element (questions, i), question_ids);
}

/* Outcomes and rules name the items behind them: checked once every item is loaded. */
static gboolean
link_later (const char *item_id,
            gpointer    user_data)
{
  GcmSourceCtx *ctx = user_data;

  _gcm_source_add_pending_link (ctx, _gcm_source_field_line (ctx, "id"), item_id, "item");
  return TRUE;
}

/* Calls @visit with each element of the list @inner of each element of the item's list @outer,
 * and the line of that outer element. */
static void
visit_inner_lists (GcmSourceCtx *ctx,
                   const char   *outer,
                   const char   *inner,
                   void        (*visit) (GcmSourceCtx *ctx,
                                         JsonNode     *element,
                                         int           line))
{
  JsonArray *parts = gcm_json_get_array (ctx->fields, outer);

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonNode *part = json_array_get_element (parts, i);
      JsonArray *elements = JSON_NODE_HOLDS_OBJECT (part) ?
                            gcm_json_get_array (json_node_get_object (part), inner) : NULL;
      int line = gcm_yaml_document_get_line (ctx->doc, part);

      for (guint j = 0; elements != NULL && j < json_array_get_length (elements); j++)
        visit (ctx, json_array_get_element (elements, j), line);
    }
}

/* A source id of an outcome or rule, which says what it rests on. */
static void
check_source_id (GcmSourceCtx *ctx,
                 JsonNode     *element,
                 int           line)
{
  const char *id = node_string (element);

  if (id == NULL || !g_hash_table_contains (ctx->source->sources, id))
    _gcm_source_problem (ctx->source, ctx->file, line,
                         "the source “%s” is not in sources.yaml", id ? id : "?");
}

/* The pictures of a key's options travel with the key, like a quiz's images. */
static void
use_option_image (GcmSourceCtx *ctx,
                  JsonNode     *option,
                  int           line)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (option) ? json_node_get_object (option) : NULL;
  const char *image = object != NULL ? node_string (json_object_get_member (object, "image"))
                                     : NULL;

  if (image != NULL)
    _gcm_source_use_media (ctx, image, gcm_yaml_document_get_key_line (ctx->doc, object, "image"));
}

/* An item a risk rule names, checked once every item is loaded. */
static void
link_rule_item (GcmSourceCtx *ctx,
                JsonNode     *element,
                int           line)
{
  const char *id = node_string (element);

  if (id != NULL)
    _gcm_source_add_pending_link (ctx, line, id, "item");
}

static void
check_key (GcmSourceCtx *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmDecisionKey) key = gcm_decision_key_new_from_json (ctx->fields, link_later, ctx,
                                                                   &error);

  if (key == NULL)
    _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "nodes"), "%s",
                         error->message);
  visit_inner_lists (ctx, "outcomes", "sources", check_source_id);
  visit_inner_lists (ctx, "nodes", "options", use_option_image);
}

static void
check_risk (GcmSourceCtx *ctx)
{
  g_autoptr(GcmRiskRules) rules = gcm_risk_rules_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *list = json_object_get_member (ctx->fields, "rules");

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) ||
      json_array_get_length (json_node_get_array (list)) == 0)
    {
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "id"),
                           "risk indicators need “rules”");
      return;
    }
  if (!gcm_risk_rules_add_from_json (rules, json_node_get_array (list), &error))
    _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "rules"), "%s",
                         error->message);
  visit_inner_lists (ctx, "rules", "items", link_rule_item);
  visit_inner_lists (ctx, "rules", "sources", check_source_id);
}

/* A path's steps name items loaded before it (paths are the last kind read), so a step's kind
 * is known here; a pass mark belongs to a quiz only. */
static void
check_path (GcmSourceCtx *ctx)
{
  static const char * const step_fields[] = { "id", "item", "text", "pass_mark", NULL };
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) step_items = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *steps;

  steps = want_list (ctx, "steps", "a path needs “steps”: a list of {id, item, text, pass_mark}");
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonNode *node = json_array_get_element (steps, i);
      int line = gcm_yaml_document_get_line (ctx->doc, node);
      JsonObject *step = want_object (ctx, node, line,
                                      "a path step must be {id, item, text, pass_mark}");
      const char *item_id;
      JsonNode *pass_mark;
      GcmSourceItem *target;

      if (step == NULL)
        continue;
      want_only_fields (ctx, step, line, step_fields, "path step");
      want_unique_id (ctx, step, line, step_ids, "a path step needs an id like “basel-scope”",
                      "step");
      if (node_string (json_object_get_member (step, "text")) == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "a path step needs a “text”: what the learner does there");

      item_id = node_string (json_object_get_member (step, "item"));
      if (item_id == NULL)
        {
          _gcm_source_problem (ctx->source, ctx->file, line, "a path step needs the “item” it leads to");
          continue;
        }
      if (!g_hash_table_add (step_items, (gpointer) item_id))
        _gcm_source_problem (ctx->source, ctx->file, line, "the item “%s” is a step twice", item_id);
      target = g_hash_table_lookup (ctx->source->ids, item_id);
      if (target == NULL)
        {
          _gcm_source_add_pending_link (ctx, line, item_id, "path step");
          continue;
        }
      if (target->kind == GCM_ITEM_KIND_PATH || target->kind == GCM_ITEM_KIND_KEY ||
          target->kind == GCM_ITEM_KIND_RISK)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "a path step is a section, case, procedure or quiz, not “%s”",
                             item_id);

      pass_mark = json_object_get_member (step, "pass_mark");
      if (pass_mark == NULL)
        continue;
      if (target->kind != GCM_ITEM_KIND_QUIZ)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "only a quiz step has a “pass_mark”; “%s” is no quiz", item_id);
      else if (!JSON_NODE_HOLDS_VALUE (pass_mark) ||
               json_node_get_value_type (pass_mark) != G_TYPE_INT64 ||
               json_node_get_int (pass_mark) < 1 || json_node_get_int (pass_mark) > 100)
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "a “pass_mark” is a percentage from 1 to 100");
    }
}

typedef struct
{
  void     (*check) (GcmSourceCtx *ctx);  /* NULL when the common checks are all */
  gboolean   needs_text;                  /* the Markdown body must not be blank */
} KindChecks;

static const KindChecks kind_checks[GCM_ITEM_KIND_COUNT] = {
  [GCM_ITEM_KIND_SECTION]   = { NULL, TRUE },
  [GCM_ITEM_KIND_CASE]      = { check_case, FALSE },
  [GCM_ITEM_KIND_PROCEDURE] = { check_procedure, FALSE },
  [GCM_ITEM_KIND_QUIZ]      = { check_quiz, FALSE },
  [GCM_ITEM_KIND_KEY]       = { check_key, FALSE },
  [GCM_ITEM_KIND_RISK]      = { check_risk, FALSE },
  [GCM_ITEM_KIND_PATH]      = { check_path, FALSE },
};

/* The checks of @kind's own fields, after the common ones. */
void
_gcm_source_check_kind (GcmSourceCtx *ctx,
                        GcmItemKind   kind)
{
  g_return_if_fail (kind < GCM_ITEM_KIND_COUNT);

  if (kind_checks[kind].check != NULL)
    kind_checks[kind].check (ctx);
}

/* Whether an item of @kind is nothing without the text of its Markdown body. */
gboolean
_gcm_source_kind_needs_text (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, FALSE);

  return kind_checks[kind].needs_text;
}
