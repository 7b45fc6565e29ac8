/* gcm-quiz-question.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  GCM_QUESTION_SINGLE,      /* one right choice */
  GCM_QUESTION_MULTIPLE,    /* one or more right choices */
  GCM_QUESTION_TRUE_FALSE,  /* the choices are True and False */
} GcmQuestionType;

#define GCM_QUIZ_MAX_CHOICES 9   /* the keys 1–9 choose */

#define GCM_TYPE_QUIZ_QUESTION (gcm_quiz_question_get_type ())
G_DECLARE_FINAL_TYPE (GcmQuizQuestion, gcm_quiz_question, GCM, QUIZ_QUESTION, GObject)

GPtrArray       *gcm_quiz_question_list_from_json  (JsonArray       *questions,
                                                    GError         **error);
GPtrArray       *gcm_quiz_question_list_localize   (GPtrArray       *questions,
                                                    const char      *item_json,
                                                    const char      *lang);
const char      *gcm_quiz_question_get_id          (GcmQuizQuestion *self);
GcmQuestionType  gcm_quiz_question_get_question_type (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_prompt      (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_image       (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_explanation (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_source      (GcmQuizQuestion *self);
guint            gcm_quiz_question_get_n_choices   (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_choice      (GcmQuizQuestion *self,
                                                    guint            index);
gboolean         gcm_quiz_question_is_right_choice (GcmQuizQuestion *self,
                                                    guint            index);
guint            gcm_quiz_question_get_n_right     (GcmQuizQuestion *self);
const char      *gcm_quiz_question_get_fingerprint (GcmQuizQuestion *self);

G_END_DECLS
