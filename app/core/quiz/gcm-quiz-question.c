/* gcm-quiz-question.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One question of a quiz, read from the item JSON the publisher checked. The fingerprint covers
 * what the learner answers (type, prompt, choices, answer) but not the explanation, so that a
 * reworded explanation keeps the review schedule and a changed answer starts it again.
 */

#define G_LOG_DOMAIN "GcmQuizQuestion"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gcm-item.h"
#include "gcm-json-read.h"
#include "gcm-quiz-question.h"

struct _GcmQuizQuestion
{
  GObject          parent_instance;

  char            *id;
  GcmQuestionType  type;
  char            *prompt;
  char            *image;
  char            *explanation;
  char            *source;
  GStrv            choices;
  guint            right;        /* a bit per choice */
  char            *fingerprint;
};

G_DEFINE_FINAL_TYPE (GcmQuizQuestion, gcm_quiz_question, G_TYPE_OBJECT)

static void
gcm_quiz_question_finalize (GObject *object)
{
  GcmQuizQuestion *self = GCM_QUIZ_QUESTION (object);

  g_free (self->id);
  g_free (self->prompt);
  g_free (self->image);
  g_free (self->explanation);
  g_free (self->source);
  g_strfreev (self->choices);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (gcm_quiz_question_parent_class)->finalize (object);
}

static void
gcm_quiz_question_class_init (GcmQuizQuestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_quiz_question_finalize;
}

static void
gcm_quiz_question_init (GcmQuizQuestion *self)
{
}

/* Question ids follow the step-id rule of the content format: ^[a-z0-9][a-z0-9_-]*$ */
static gboolean
question_id_is_valid (const char *id)
{
  if (id == NULL || !(g_ascii_islower (*id) || g_ascii_isdigit (*id)) || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *id,
         const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "question “%s”: %s", id != NULL ? id : "?", what);
  return FALSE;
}

static gboolean
read_choices (GcmQuizQuestion  *self,
              JsonObject       *object,
              GError          **error)
{
  JsonArray *choices = gcm_json_get_array (object, "choices");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = choices != NULL ? json_array_get_length (choices) : 0;

  if (n < 2 || n > GCM_QUIZ_MAX_CHOICES)
    return invalid (error, self->id, "it needs 2 to 9 choices");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (choices, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (error, self->id, "a choice is not text");
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  self->choices = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_index (GcmQuizQuestion  *self,
            JsonNode         *node,
            GError          **error)
{
  gint64 index;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, self->id, "an answer is not a choice number");
  index = json_node_get_int (node);
  if (index < 0 || index >= g_strv_length (self->choices))
    return invalid (error, self->id, "an answer names a choice that does not exist");
  self->right |= 1u << index;
  return TRUE;
}

static gboolean
read_answer (GcmQuizQuestion  *self,
             JsonObject       *object,
             GError          **error)
{
  JsonNode *answer = json_object_get_member (object, "answer");

  if (answer == NULL)
    return invalid (error, self->id, "it has no answer");

  switch (self->type)
    {
    case GCM_QUESTION_TRUE_FALSE:
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_BOOLEAN)
        return invalid (error, self->id, "a true-or-false answer is not true or false");
      self->choices = g_strdupv ((char *[]) { _("True"), _("False"), NULL });
      self->right = json_node_get_boolean (answer) ? 1u : 2u;
      return TRUE;

    case GCM_QUESTION_SINGLE:
      return read_choices (self, object, error) && read_index (self, answer, error);

    case GCM_QUESTION_MULTIPLE:
      if (!read_choices (self, object, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_ARRAY (answer) || json_array_get_length (json_node_get_array (answer)) == 0)
        return invalid (error, self->id, "a multiple-choice answer is not a list of choices");
      for (guint i = 0; i < json_array_get_length (json_node_get_array (answer)); i++)
        if (!read_index (self, json_array_get_element (json_node_get_array (answer), i), error))
          return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static char *
compute_fingerprint (GcmQuizQuestion *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char type = '0' + self->type;
  char right[16];

  /* Fields end with a byte no text holds, so that moving text between them changes the hash. */
  g_checksum_update (checksum, (const guchar *) &type, 1);
  g_checksum_update (checksum, (const guchar *) self->prompt, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  if (self->type != GCM_QUESTION_TRUE_FALSE)
    for (guint i = 0; self->choices[i] != NULL; i++)
      {
        g_checksum_update (checksum, (const guchar *) self->choices[i], -1);
        g_checksum_update (checksum, (const guchar *) "\x1e", 1);
      }
  g_snprintf (right, sizeof right, "%x", self->right);
  g_checksum_update (checksum, (const guchar *) right, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

static GcmQuizQuestion *
read_question (JsonObject  *object,
               GError     **error)
{
  g_autoptr(GcmQuizQuestion) self = g_object_new (GCM_TYPE_QUIZ_QUESTION, NULL);
  const char *type;

  g_assert (object != NULL);

  self->id = g_strdup (gcm_json_get_string (object, "id"));
  type = gcm_json_get_string (object, "type");
  self->prompt = g_strdup (gcm_json_get_string (object, "prompt"));
  self->image = g_strdup (gcm_json_get_string (object, "image"));
  self->explanation = g_strdup (gcm_json_get_string (object, "explanation"));
  self->source = g_strdup (gcm_json_get_string (object, "source"));

  if (!question_id_is_valid (self->id))
    return invalid (error, self->id, "it has no valid id"), NULL;
  if (self->prompt == NULL || *self->prompt == '\0')
    return invalid (error, self->id, "it has no prompt"), NULL;
  if (g_strcmp0 (type, "single") == 0)
    self->type = GCM_QUESTION_SINGLE;
  else if (g_strcmp0 (type, "multiple") == 0)
    self->type = GCM_QUESTION_MULTIPLE;
  else if (g_strcmp0 (type, "truefalse") == 0)
    self->type = GCM_QUESTION_TRUE_FALSE;
  else
    return invalid (error, self->id, "its type is not single, multiple or truefalse"), NULL;
  if (!read_answer (self, object, error))
    return NULL;

  self->fingerprint = compute_fingerprint (self);
  return g_steal_pointer (&self);
}

/* (element-type GcmQuizQuestion): the questions in the order the quiz gives them. */
GPtrArray *
gcm_quiz_question_list_from_json (JsonArray  *questions,
                                  GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (questions != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      GcmQuizQuestion *question;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, NULL, "a question is not a mapping"), NULL;
      question = read_question (json_node_get_object (node), error);
      if (question == NULL)
        return NULL;
      g_ptr_array_add (list, question);
      if (!g_hash_table_add (ids, question->id))
        return invalid (error, question->id, "two questions have this id"), NULL;
    }
  return g_steal_pointer (&list);
}

/* The translation of @original in @node, or %NULL when it does not read or asks something else
 * (another id, type, number of choices or answer). */
static GcmQuizQuestion *
read_translation (GcmQuizQuestion *original,
                  JsonNode        *node)
{
  g_autoptr(GcmQuizQuestion) translated = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  translated = read_question (json_node_get_object (node), NULL);
  if (translated == NULL || g_strcmp0 (translated->id, original->id) != 0 ||
      translated->type != original->type || translated->right != original->right ||
      g_strv_length (translated->choices) != g_strv_length (original->choices))
    return NULL;
  /* What was answered is known by the original's wording, so a review counts in every language. */
  g_free (translated->fingerprint);
  translated->fingerprint = g_strdup (original->fingerprint);
  return g_steal_pointer (&translated);
}

/**
 * gcm_quiz_question_list_localize:
 * @questions: (element-type GcmQuizQuestion): the questions read from @item_json
 * @item_json: the quiz item's JSON, as the feed delivers it, with its translations
 * @lang: (nullable): the language wanted, e.g. "ko"
 *
 * The same questions with their prompt, choices and explanation in @lang where the quiz has a
 * translation into it. Ids, types, answers, pictures, sources and fingerprints stay the
 * original's, so attempts and reviews are the same in every language; a question the
 * translation lacks, or does not match, stays in the original.
 *
 * Returns: (transfer full) (element-type GcmQuizQuestion): the questions, in the same order
 */
GPtrArray *
gcm_quiz_question_list_localize (GPtrArray  *questions,
                                 const char *item_json,
                                 const char *lang)
{
  g_autoptr(GPtrArray) localized = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GcmItemTranslation translation = GCM_ITEM_TRANSLATION_NONE;
  JsonObject *object;
  JsonArray *translated = NULL;

  g_return_val_if_fail (questions != NULL, NULL);
  g_return_val_if_fail (item_json != NULL, NULL);

  object = gcm_json_parse_object (parser, item_json);
  if (object != NULL)
    gcm_item_localize_object (object, lang, &translation);
  if (translation == GCM_ITEM_TRANSLATION_CURRENT || translation == GCM_ITEM_TRANSLATION_STALE)
    translated = gcm_json_get_array (object, "questions");
  if (translated == NULL)
    return g_ptr_array_ref (questions);

  localized = g_ptr_array_new_full (questions->len, g_object_unref);
  for (guint i = 0; i < questions->len; i++)
    {
      GcmQuizQuestion *original = g_ptr_array_index (questions, i);
      GcmQuizQuestion *question =
        read_translation (original, i < json_array_get_length (translated)
                                    ? json_array_get_element (translated, i) : NULL);

      g_ptr_array_add (localized, question != NULL ? question : g_object_ref (original));
    }
  return g_steal_pointer (&localized);
}

const char *
gcm_quiz_question_get_id (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->id;
}

GcmQuestionType
gcm_quiz_question_get_question_type (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), GCM_QUESTION_SINGLE);
  return self->type;
}

const char *
gcm_quiz_question_get_prompt (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->prompt;
}

/* The picture shown with the question, as a path under media/, or NULL. */
const char *
gcm_quiz_question_get_image (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->image;
}

const char *
gcm_quiz_question_get_explanation (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->explanation;
}

/* The id of the item that teaches the answer, for "Read the section". */
const char *
gcm_quiz_question_get_source (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->source;
}

guint
gcm_quiz_question_get_n_choices (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), 0);
  return g_strv_length (self->choices);
}

const char *
gcm_quiz_question_get_choice (GcmQuizQuestion *self,
                              guint            index)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  g_return_val_if_fail (index < g_strv_length (self->choices), NULL);
  return self->choices[index];
}

gboolean
gcm_quiz_question_is_right_choice (GcmQuizQuestion *self,
                                   guint            index)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), FALSE);
  return index < GCM_QUIZ_MAX_CHOICES && (self->right & (1u << index)) != 0;
}

guint
gcm_quiz_question_get_n_right (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), 0);
  return (guint) __builtin_popcount (self->right);
}

/* Changes when what the learner answers changes: the review schedule then starts again. */
const char *
gcm_quiz_question_get_fingerprint (GcmQuizQuestion *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_QUESTION (self), NULL);
  return self->fingerprint;
}
