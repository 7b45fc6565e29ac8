/* gcm-learning-path.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A learning path for new staff (DESIGN §4): an ordered list of steps through sections, cases,
 * procedures and quizzes, each naming an item by its stable id. Where a learner stands is a pure
 * function of the path and what they have done: a step is done when its item was read to the
 * end, or, for a quiz, when its best score reaches the step's pass mark. An update may withdraw
 * a step's item; that step is skipped and reported, and the rest of the path still counts.
 */

#define G_LOG_DOMAIN "GcmLearningPath"

#include "config.h"

#include <json-glib/json-glib.h>

#include "gcm-item.h"
#include "gcm-json-read.h"
#include "gcm-learning-path.h"

struct _GcmPathLearner
{
  GHashTable *kinds;    /* installed item id → GcmItemKind + 1 */
  GHashTable *titles;   /* installed item id → title */
  GHashTable *read;     /* item ids read to the end */
  GHashTable *best;     /* quiz id → best percent + 1 */
};

struct _GcmLearningPath
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *summary;
  GPtrArray *steps;     /* (element-type GcmPathStep) */
};

G_DEFINE_FINAL_TYPE (GcmLearningPath, gcm_learning_path, G_TYPE_OBJECT)

GcmPathLearner *
gcm_path_learner_new (void)
{
  GcmPathLearner *learner = g_new0 (GcmPathLearner, 1);

  learner->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  learner->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  learner->read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  learner->best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return learner;
}

void
gcm_path_learner_free (GcmPathLearner *learner)
{
  if (learner == NULL)
    return;
  g_hash_table_unref (learner->kinds);
  g_hash_table_unref (learner->titles);
  g_hash_table_unref (learner->read);
  g_hash_table_unref (learner->best);
  g_free (learner);
}

/* An item the installed manual holds, with its title in the reader's language. */
void
gcm_path_learner_add_item (GcmPathLearner *learner,
                           const char     *item_id,
                           GcmItemKind     kind,
                           const char     *title)
{
  g_return_if_fail (learner != NULL && item_id != NULL && kind < GCM_ITEM_KIND_COUNT);

  g_hash_table_replace (learner->kinds, g_strdup (item_id), GUINT_TO_POINTER (kind + 1));
  g_hash_table_replace (learner->titles, g_strdup (item_id), g_strdup (title ? title : item_id));
}

void
gcm_path_learner_mark_read (GcmPathLearner *learner,
                            const char     *item_id)
{
  g_return_if_fail (learner != NULL && item_id != NULL);
  g_hash_table_add (learner->read, g_strdup (item_id));
}

/* Keeps the higher of @percent and what was set before: a best score only rises. */
void
gcm_path_learner_set_best (GcmPathLearner *learner,
                           const char     *quiz_id,
                           int             percent)
{
  int before;

  g_return_if_fail (learner != NULL && quiz_id != NULL);

  before = GPOINTER_TO_INT (g_hash_table_lookup (learner->best, quiz_id)) - 1;
  if (percent > before)
    g_hash_table_replace (learner->best, g_strdup (quiz_id), GINT_TO_POINTER (CLAMP (percent, 0, 100) + 1));
}

static void
step_free (GcmPathStep *step)
{
  g_free (step->id);
  g_free (step->item_id);
  g_free (step->text);
  g_free (step);
}

static void
step_status_free (GcmPathStepStatus *status)
{
  g_free (status->title);
  g_free (status);
}

void
gcm_path_report_free (GcmPathReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->withdrawn);
  g_ptr_array_unref (report->steps);
  g_free (report);
}

/* The text of @member, or @fallback when it has none. */
static const char *
text_or (JsonObject *object,
         const char *member,
         const char *fallback)
{
  const char *text = gcm_json_get_string (object, member);

  return text != NULL ? text : fallback;
}

/**
 * gcm_learning_path_new_from_json:
 * @json: a `path` item's JSON, as the feed delivers it
 * @lang: (nullable): the reader's language; its translation's text is used where there is one
 *
 * Returns: (transfer full) (nullable): the path, or %NULL with @error set when @json is no path
 */
GcmLearningPath *
gcm_learning_path_new_from_json (const char  *json,
                                 const char  *lang,
                                 GError     **error)
{
  g_autoptr(GcmLearningPath) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *steps;

  g_return_val_if_fail (json != NULL, NULL);

  object = gcm_json_parse_object (parser, json);
  if (object != NULL)
    gcm_item_localize_object (object, lang, NULL);
  if (object == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "A learning path must be a JSON object");
      return NULL;
    }
  if (g_strcmp0 (gcm_json_get_string (object, "kind"), "path") != 0 ||
      gcm_json_get_string (object, "id") == NULL ||
      gcm_json_get_array (object, "steps") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "A learning path needs an id and a list of steps");
      return NULL;
    }

  self = g_object_new (GCM_TYPE_LEARNING_PATH, NULL);
  self->id = g_strdup (gcm_json_get_string (object, "id"));
  self->title = g_strdup (text_or (object, "title", self->id));
  self->summary = g_strdup (text_or (object, "summary", ""));
  steps = gcm_json_get_array (object, "steps");
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step_object = gcm_json_array_get_object (steps, i);
      gint64 pass_mark;
      GcmPathStep *step;

      /* A step the publisher would have refused is left out rather than guessed at. */
      if (step_object == NULL || gcm_json_get_string (step_object, "item") == NULL)
        continue;
      step = g_new0 (GcmPathStep, 1);
      step->item_id = g_strdup (gcm_json_get_string (step_object, "item"));
      step->id = g_strdup (text_or (step_object, "id", step->item_id));
      step->text = g_strdup (text_or (step_object, "text", ""));
      step->pass_mark = gcm_json_get_int (step_object, "pass_mark", &pass_mark)
                        ? (int) CLAMP (pass_mark, 0, 100) : -1;
      g_ptr_array_add (self->steps, step);
    }
  return g_steal_pointer (&self);
}

const char *
gcm_learning_path_get_id (GcmLearningPath *self)
{
  g_return_val_if_fail (GCM_IS_LEARNING_PATH (self), NULL);
  return self->id;
}

const char *
gcm_learning_path_get_title (GcmLearningPath *self)
{
  g_return_val_if_fail (GCM_IS_LEARNING_PATH (self), NULL);
  return self->title;
}

const char *
gcm_learning_path_get_summary (GcmLearningPath *self)
{
  g_return_val_if_fail (GCM_IS_LEARNING_PATH (self), NULL);
  return self->summary;
}

/**
 * gcm_learning_path_get_steps:
 *
 * Returns: (transfer none) (element-type GcmPathStep): the steps, in order
 */
GPtrArray *
gcm_learning_path_get_steps (GcmLearningPath *self)
{
  g_return_val_if_fail (GCM_IS_LEARNING_PATH (self), NULL);
  return self->steps;
}

/**
 * gcm_learning_path_evaluate:
 *
 * Where @learner stands on the path: each step done or not, withdrawn steps skipped, the next
 * step and whether the path is complete.
 *
 * Returns: (transfer full): the report
 */
GcmPathReport *
gcm_learning_path_evaluate (GcmLearningPath *self,
                            GcmPathLearner  *learner)
{
  GcmPathReport *report;

  g_return_val_if_fail (GCM_IS_LEARNING_PATH (self), NULL);
  g_return_val_if_fail (learner != NULL, NULL);

  report = g_new0 (GcmPathReport, 1);
  report->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_status_free);
  report->withdrawn = g_ptr_array_new ();
  report->next = -1;
  for (guint i = 0; i < self->steps->len; i++)
    {
      const GcmPathStep *step = g_ptr_array_index (self->steps, i);
      GcmPathStepStatus *status = g_new0 (GcmPathStepStatus, 1);
      guint kind_plus_one = GPOINTER_TO_UINT (g_hash_table_lookup (learner->kinds, step->item_id));

      status->step = step;
      status->best = GPOINTER_TO_INT (g_hash_table_lookup (learner->best, step->item_id)) - 1;
      g_ptr_array_add (report->steps, status);
      if (kind_plus_one == 0)
        {
          status->state = GCM_PATH_STEP_WITHDRAWN;
          g_ptr_array_add (report->withdrawn, status);
          continue;
        }
      status->kind = kind_plus_one - 1;
      status->title = g_strdup (g_hash_table_lookup (learner->titles, step->item_id));
      report->n_steps++;
      if (status->kind == GCM_ITEM_KIND_QUIZ)
        status->state = status->best >= 0 && status->best >= step->pass_mark ? GCM_PATH_STEP_DONE
                                                                             : GCM_PATH_STEP_TODO;
      else
        status->state = g_hash_table_contains (learner->read, step->item_id) ? GCM_PATH_STEP_DONE
                                                                              : GCM_PATH_STEP_TODO;
      if (status->state == GCM_PATH_STEP_DONE)
        report->n_done++;
      else if (report->next < 0)
        {
          report->next = i;
          report->position = report->n_steps;
        }
    }
  report->complete = report->n_steps > 0 && report->n_done == report->n_steps;
  return report;
}

static void
gcm_learning_path_finalize (GObject *object)
{
  GcmLearningPath *self = GCM_LEARNING_PATH (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_ptr_array_unref (self->steps);
  G_OBJECT_CLASS (gcm_learning_path_parent_class)->finalize (object);
}

static void
gcm_learning_path_class_init (GcmLearningPathClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_learning_path_finalize;
}

static void
gcm_learning_path_init (GcmLearningPath *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}
