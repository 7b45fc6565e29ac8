/* gcm-quiz-view.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gcm-quiz-attempt.h"

G_BEGIN_DECLS

#define GCM_TYPE_QUIZ_VIEW (gcm_quiz_view_get_type ())
G_DECLARE_FINAL_TYPE (GcmQuizView, gcm_quiz_view, GCM, QUIZ_VIEW, GtkWidget)

GtkWidget      *gcm_quiz_view_new         (void);
void            gcm_quiz_view_start       (GcmQuizView    *self,
                                           const char     *title,
                                           GcmQuizAttempt *attempt,
                                           GHashTable     *media_files);
GcmQuizAttempt *gcm_quiz_view_get_attempt (GcmQuizView    *self);

G_END_DECLS
