/* gcm-quiz-attempt.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run through a quiz. The choices of each question are shuffled with a stored seed, so an
 * attempt can be replayed exactly; true-or-false keeps True first. Scoring is all or nothing: a
 * question with several right answers counts only when every right choice and no wrong one is
 * chosen (the quiz page says so). Choices are passed and returned as bit sets: bit i is the
 * choice shown at position i for answers, or the question's own choice i for what was chosen.
 */

#define G_LOG_DOMAIN "GcmQuizAttempt"

#include "config.h"

#include "gcm-quiz-attempt.h"

typedef struct
{
  guint8   order[GCM_QUIZ_MAX_CHOICES];  /* position → the question's own choice index */
  gboolean answered;
  gboolean right;
  guint    chosen;                       /* the question's own choice indexes */
  guint    elapsed_ms;
} Answer;

struct _GcmQuizAttempt
{
  GObject    parent_instance;

  char      *quiz_id;
  GPtrArray *questions;   /* (element-type GcmQuizQuestion) */
  Answer    *answers;
  guint32    seed;
  gboolean   retry;
};

G_DEFINE_FINAL_TYPE (GcmQuizAttempt, gcm_quiz_attempt, G_TYPE_OBJECT)

static void
gcm_quiz_attempt_finalize (GObject *object)
{
  GcmQuizAttempt *self = GCM_QUIZ_ATTEMPT (object);

  g_free (self->quiz_id);
  g_ptr_array_unref (self->questions);
  g_free (self->answers);

  G_OBJECT_CLASS (gcm_quiz_attempt_parent_class)->finalize (object);
}

static void
gcm_quiz_attempt_class_init (GcmQuizAttemptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_quiz_attempt_finalize;
}

static void
gcm_quiz_attempt_init (GcmQuizAttempt *self)
{
}

static void
shuffle_choices (GcmQuizAttempt *self)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed);

  for (guint q = 0; q < self->questions->len; q++)
    {
      GcmQuizQuestion *question = g_ptr_array_index (self->questions, q);
      guint n = gcm_quiz_question_get_n_choices (question);
      guint8 *order = self->answers[q].order;

      for (guint i = 0; i < n; i++)
        order[i] = i;
      if (gcm_quiz_question_get_question_type (question) == GCM_QUESTION_TRUE_FALSE)
        continue;
      for (guint i = n - 1; i > 0; i--)   /* Fisher–Yates */
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          guint8 swap = order[i];

          order[i] = order[j];
          order[j] = swap;
        }
    }
}

/* @questions: (element-type GcmQuizQuestion): the questions to ask, in order. @retry marks a
 * second go at missed questions, which the review scheduler grades as Hard when right. */
GcmQuizAttempt *
gcm_quiz_attempt_new (const char *quiz_id,
                      GPtrArray  *questions,
                      guint32     seed,
                      gboolean    retry)
{
  GcmQuizAttempt *self;

  g_return_val_if_fail (quiz_id != NULL, NULL);
  g_return_val_if_fail (questions != NULL, NULL);

  self = g_object_new (GCM_TYPE_QUIZ_ATTEMPT, NULL);
  self->quiz_id = g_strdup (quiz_id);
  self->questions = g_ptr_array_new_full (questions->len, g_object_unref);
  for (guint i = 0; i < questions->len; i++)
    g_ptr_array_add (self->questions, g_object_ref (g_ptr_array_index (questions, i)));
  self->answers = g_new0 (Answer, MAX (questions->len, 1));
  self->seed = seed;
  self->retry = retry;
  shuffle_choices (self);
  return self;
}

const char *
gcm_quiz_attempt_get_quiz_id (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), NULL);
  return self->quiz_id;
}

guint32
gcm_quiz_attempt_get_seed (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), 0);
  return self->seed;
}

gboolean
gcm_quiz_attempt_is_retry (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), FALSE);
  return self->retry;
}

guint
gcm_quiz_attempt_get_n_questions (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), 0);
  return self->questions->len;
}

GcmQuizQuestion *
gcm_quiz_attempt_get_question (GcmQuizAttempt *self,
                               guint           index)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);
  return g_ptr_array_index (self->questions, index);
}

/* The question's own index of the choice shown at @position. */
guint
gcm_quiz_attempt_get_choice_at (GcmQuizAttempt *self,
                                guint           index,
                                guint           position)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), 0);
  g_return_val_if_fail (index < self->questions->len, 0);
  g_return_val_if_fail (position < gcm_quiz_question_get_n_choices (g_ptr_array_index (self->questions, index)), 0);
  return self->answers[index].order[position];
}

/* Records the answer to question @index: @positions has a bit per chosen position. Returns
 * whether it is right. A question is answered once. */
gboolean
gcm_quiz_attempt_answer (GcmQuizAttempt *self,
                         guint           index,
                         guint           positions,
                         guint           elapsed_ms)
{
  GcmQuizQuestion *question;
  Answer *answer;
  guint n;

  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), FALSE);
  g_return_val_if_fail (index < self->questions->len, FALSE);
  question = g_ptr_array_index (self->questions, index);
  answer = &self->answers[index];
  n = gcm_quiz_question_get_n_choices (question);
  g_return_val_if_fail (!answer->answered, answer->right);
  g_return_val_if_fail (positions != 0 && positions < (1u << n), FALSE);

  answer->right = TRUE;
  for (guint position = 0; position < n; position++)
    {
      guint choice = answer->order[position];
      gboolean chosen = (positions & (1u << position)) != 0;

      if (chosen)
        answer->chosen |= 1u << choice;
      if (chosen != gcm_quiz_question_is_right_choice (question, choice))
        answer->right = FALSE;
    }
  answer->answered = TRUE;
  answer->elapsed_ms = elapsed_ms;
  return answer->right;
}

/* The answer to question @index; one of nothing when there is no such question. */
static const Answer *
get_answer (GcmQuizAttempt *self,
            guint           index)
{
  static const Answer none;

  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), &none);
  g_return_val_if_fail (index < self->questions->len, &none);
  return &self->answers[index];
}

gboolean
gcm_quiz_attempt_is_right (GcmQuizAttempt *self,
                           guint           index)
{
  return get_answer (self, index)->right;
}

/* The question's own indexes of the choices picked, as a bit set. */
guint
gcm_quiz_attempt_get_chosen (GcmQuizAttempt *self,
                             guint           index)
{
  return get_answer (self, index)->chosen;
}

guint
gcm_quiz_attempt_get_elapsed_ms (GcmQuizAttempt *self,
                                 guint           index)
{
  return get_answer (self, index)->elapsed_ms;
}

guint
gcm_quiz_attempt_get_n_right (GcmQuizAttempt *self)
{
  guint n = 0;

  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), 0);
  for (guint i = 0; i < self->questions->len; i++)
    n += self->answers[i].right;
  return n;
}

gboolean
gcm_quiz_attempt_is_finished (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), FALSE);
  for (guint i = 0; i < self->questions->len; i++)
    if (!self->answers[i].answered)
      return FALSE;
  return TRUE;
}

/* Right answers out of all questions, rounded to the nearest whole percent. */
guint
gcm_quiz_attempt_get_score_percent (GcmQuizAttempt *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), 0);
  if (self->questions->len == 0)
    return 0;
  return (200 * gcm_quiz_attempt_get_n_right (self) + self->questions->len) /
         (2 * self->questions->len);
}

/* (element-type GcmQuizQuestion): the questions answered wrong, for "Review the missed ones". */
GPtrArray *
gcm_quiz_attempt_dup_missed (GcmQuizAttempt *self)
{
  GPtrArray *missed = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GCM_IS_QUIZ_ATTEMPT (self), missed);
  for (guint i = 0; i < self->questions->len; i++)
    if (self->answers[i].answered && !self->answers[i].right)
      g_ptr_array_add (missed, g_object_ref (g_ptr_array_index (self->questions, i)));
  return missed;
}
