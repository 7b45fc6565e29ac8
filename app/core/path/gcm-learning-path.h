/* gcm-learning-path.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "gcm-item-kind.h"

G_BEGIN_DECLS

/* One step of a path: the item it leads to, and for a quiz the score that passes it. */
typedef struct
{
  char *id;         /* stable within the path */
  char *item_id;
  char *text;       /* what the learner does there, in the reader's language */
  int   pass_mark;  /* percent; -1 when any finished attempt will do */
} GcmPathStep;

typedef enum
{
  GCM_PATH_STEP_TODO,
  GCM_PATH_STEP_DONE,
  GCM_PATH_STEP_WITHDRAWN,   /* its item is no longer installed: skipped, not counted */
} GcmPathStepState;

/* A step as the learner stands on it. */
typedef struct
{
  const GcmPathStep *step;   /* borrowed from the path */
  GcmPathStepState   state;
  GcmItemKind        kind;   /* of the installed item; undefined when withdrawn */
  char              *title;  /* the item's title, or NULL when withdrawn */
  int                best;   /* a quiz's best score in percent; -1 before a finished attempt */
} GcmPathStepStatus;

/* Where a learner stands on a path. */
typedef struct
{
  GPtrArray *steps;      /* (element-type GcmPathStepStatus), every step in order */
  guint      n_steps;    /* the steps still in the manual */
  guint      n_done;
  int        next;       /* index into @steps of the first step to do; -1 when complete */
  guint      position;   /* the next step's number among the steps in the manual, from 1 */
  gboolean   complete;   /* every step still in the manual done, and at least one */
  GPtrArray *withdrawn;  /* (element-type GcmPathStepStatus) (transfer none): skipped steps */
} GcmPathReport;

/* What the learner has done: items read to the end, quizzes' best scores, and what the manual
 * installed holds. */
typedef struct _GcmPathLearner GcmPathLearner;

GcmPathLearner *gcm_path_learner_new        (void);
void            gcm_path_learner_free       (GcmPathLearner *learner);
void            gcm_path_learner_add_item   (GcmPathLearner *learner,
                                             const char     *item_id,
                                             GcmItemKind     kind,
                                             const char     *title);
void            gcm_path_learner_mark_read  (GcmPathLearner *learner,
                                             const char     *item_id);
void            gcm_path_learner_set_best   (GcmPathLearner *learner,
                                             const char     *quiz_id,
                                             int             percent);

void            gcm_path_report_free        (GcmPathReport  *report);

#define GCM_TYPE_LEARNING_PATH (gcm_learning_path_get_type ())

G_DECLARE_FINAL_TYPE (GcmLearningPath, gcm_learning_path, GCM, LEARNING_PATH, GObject)

GcmLearningPath *gcm_learning_path_new_from_json (const char      *json,
                                                  const char      *lang,
                                                  GError         **error);
const char      *gcm_learning_path_get_id        (GcmLearningPath *self);
const char      *gcm_learning_path_get_title     (GcmLearningPath *self);
const char      *gcm_learning_path_get_summary   (GcmLearningPath *self);
GPtrArray       *gcm_learning_path_get_steps     (GcmLearningPath *self);
GcmPathReport   *gcm_learning_path_evaluate      (GcmLearningPath *self,
                                                  GcmPathLearner  *learner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmPathLearner, gcm_path_learner_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmPathReport, gcm_path_report_free)

G_END_DECLS
