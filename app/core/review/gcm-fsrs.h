/* gcm-fsrs.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FSRS-5, the spaced-repetition scheduler Anki uses, with its default weights. Pure: the caller
 * passes the clock, so a review can be replayed from the log at any time.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GCM_GRADE_AGAIN = 1,
  GCM_GRADE_HARD  = 2,
  GCM_GRADE_GOOD  = 3,
  GCM_GRADE_EASY  = 4,
} GcmGrade;

/* One question's memory state. A card with reps == 0 has never been reviewed. */
typedef struct
{
  double stability;    /* days for recall to fall to 90 % */
  double difficulty;   /* 1–10 */
  gint64 last_review;  /* unix seconds */
  gint64 due;          /* unix seconds */
  guint  reps;
  guint  lapses;
} GcmFsrsCard;

typedef struct
{
  gint64   time;       /* unix seconds */
  GcmGrade grade;
} GcmReviewEntry;

#define GCM_FSRS_DESIRED_RETENTION 0.9

void     gcm_fsrs_card_init           (GcmFsrsCard          *card);
double   gcm_fsrs_retrievability      (const GcmFsrsCard    *card,
                                       gint64                now);
guint    gcm_fsrs_interval_days       (double                stability);
void     gcm_fsrs_review              (GcmFsrsCard          *card,
                                       GcmGrade              grade,
                                       gint64                now);
void     gcm_fsrs_replay              (GcmFsrsCard          *card,
                                       const GcmReviewEntry *log,
                                       gsize                 n_entries);
gboolean gcm_fsrs_card_is_due         (const GcmFsrsCard    *card,
                                       gint64                now);
GcmGrade gcm_fsrs_grade_for_answer    (gboolean              correct,
                                       gboolean              second_try,
                                       guint                 elapsed_ms);

G_END_DECLS
