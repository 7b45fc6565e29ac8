/* gcm-quiz-attempt.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-quiz-question.h"

G_BEGIN_DECLS

#define GCM_TYPE_QUIZ_ATTEMPT (gcm_quiz_attempt_get_type ())
G_DECLARE_FINAL_TYPE (GcmQuizAttempt, gcm_quiz_attempt, GCM, QUIZ_ATTEMPT, GObject)

GcmQuizAttempt  *gcm_quiz_attempt_new              (const char     *quiz_id,
                                                    GPtrArray      *questions,
                                                    guint32         seed,
                                                    gboolean        retry);
const char      *gcm_quiz_attempt_get_quiz_id      (GcmQuizAttempt *self);
guint32          gcm_quiz_attempt_get_seed         (GcmQuizAttempt *self);
gboolean         gcm_quiz_attempt_is_retry         (GcmQuizAttempt *self);
guint            gcm_quiz_attempt_get_n_questions  (GcmQuizAttempt *self);
GcmQuizQuestion *gcm_quiz_attempt_get_question     (GcmQuizAttempt *self,
                                                    guint           index);
guint            gcm_quiz_attempt_get_choice_at    (GcmQuizAttempt *self,
                                                    guint           index,
                                                    guint           position);
gboolean         gcm_quiz_attempt_answer           (GcmQuizAttempt *self,
                                                    guint           index,
                                                    guint           positions,
                                                    guint           elapsed_ms);
gboolean         gcm_quiz_attempt_is_right         (GcmQuizAttempt *self,
                                                    guint           index);
guint            gcm_quiz_attempt_get_chosen       (GcmQuizAttempt *self,
                                                    guint           index);
guint            gcm_quiz_attempt_get_elapsed_ms   (GcmQuizAttempt *self,
                                                    guint           index);
guint            gcm_quiz_attempt_get_n_right      (GcmQuizAttempt *self);
gboolean         gcm_quiz_attempt_is_finished      (GcmQuizAttempt *self);
guint            gcm_quiz_attempt_get_score_percent (GcmQuizAttempt *self);
GPtrArray       *gcm_quiz_attempt_dup_missed       (GcmQuizAttempt *self);

G_END_DECLS
