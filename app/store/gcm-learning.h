/* gcm-learning.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-store.h"
#include "gcm-fsrs.h"
#include "gcm-quiz-question.h"

G_BEGIN_DECLS

/* A quiz ready to be taken: its questions as the installed content gives them. */
typedef struct
{
  char       *id;
  char       *title;
  gint64      serial;      /* the content serial the questions come from */
  GPtrArray  *questions;   /* (element-type GcmQuizQuestion) */
  GHashTable *media_files; /* media path → file in objects/ */
} GcmLearningQuiz;

/* One question due for review. */
typedef struct
{
  char            *quiz_id;
  char            *quiz_title;
  GcmQuizQuestion *question;
  GcmFsrsCard      card;
  gboolean         changed;  /* answered before in another wording: new again */
} GcmLearningDue;

typedef struct
{
  char  *id;
  char  *title;
  guint  n_sections;
  guint  n_read;
  char  *next_id;          /* the first section not read yet; NULL when all are */
  char  *next_title;
} GcmLearningChapter;

typedef struct
{
  char    *id;
  char    *title;
  gboolean withdrawn;      /* attempts kept, the quiz no longer in the manual */
  guint    n_questions;
  guint    n_attempts;     /* finished ones */
  int      best;           /* percent; -1 before a finished attempt */
  int      last;
  guint    n_due;
} GcmLearningQuizProgress;

typedef struct
{
  char  *quiz_id;
  char  *title;
  guint  score;
  guint  total;
  gint64 finished;
} GcmLearningScore;

typedef struct
{
  GPtrArray  *chapters;    /* (element-type GcmLearningChapter), in reading order */
  GPtrArray  *quizzes;     /* (element-type GcmLearningQuizProgress), by title */
  GPtrArray  *recent;      /* (element-type GcmLearningScore), newest first, at most 5 */
  GPtrArray  *due;         /* (element-type GcmLearningDue), mixed across quizzes */
  GHashTable *media_files; /* every quiz's media path → file (the first quiz wins a clash) */
} GcmLearningProgress;

typedef struct _GcmLearningRecord GcmLearningRecord;

void                 gcm_learning_quiz_free         (GcmLearningQuiz     *quiz);
void                 gcm_learning_progress_free     (GcmLearningProgress *progress);
const char          *gcm_learning_withdrawn_label   (void);

/* Reads, on the content worker then the user worker. @now is Unix time. */
void                 gcm_learning_load_quiz_async   (GcmStore            *store,
                                                     const char          *quiz_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GcmLearningQuiz     *gcm_learning_load_quiz_finish  (GcmStore            *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void                 gcm_learning_progress_async    (GcmStore            *store,
                                                     gint64               now,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GcmLearningProgress *gcm_learning_progress_finish   (GcmStore            *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Blocking, on connections of its own: for `--progress`. */
GcmLearningProgress *gcm_learning_progress          (GcmStore            *store,
                                                     gint64               now,
                                                     GError             **error);

/* Writes, on the user worker, in the order asked for. An attempt's answers may be recorded
 * before its start is written: the record names the attempt the worker made. */
GcmLearningRecord   *gcm_learning_record_begin      (GcmStore            *store,
                                                     const char          *quiz_id,
                                                     const char          *title,
                                                     guint32              seed,
                                                     gboolean             retry,
                                                     gint64               content_serial,
                                                     gint64               now,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void                 gcm_learning_record_answer     (GcmLearningRecord   *record,
                                                     const char          *quiz_id,
                                                     GcmQuizQuestion     *question,
                                                     const char          *answer,
                                                     gboolean             right,
                                                     gboolean             second_try,
                                                     guint                elapsed_ms,
                                                     gint64               now,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void                 gcm_learning_record_end        (GcmLearningRecord   *record,
                                                     guint                score,
                                                     guint                total,
                                                     gint64               now,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* A review outside any quiz attempt: only the review log. */
GcmLearningRecord   *gcm_learning_record_review     (GcmStore            *store);
gint64               gcm_learning_record_get_id     (GcmLearningRecord   *record);
GcmLearningRecord   *gcm_learning_record_ref        (GcmLearningRecord   *record);
void                 gcm_learning_record_unref      (GcmLearningRecord   *record);
gboolean             gcm_learning_write_finish      (GcmStore            *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmLearningQuiz, gcm_learning_quiz_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmLearningProgress, gcm_learning_progress_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmLearningRecord, gcm_learning_record_unref)

G_END_DECLS
