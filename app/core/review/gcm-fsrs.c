/* gcm-fsrs.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The formulas are FSRS-5's (open-spaced-repetition): retrievability R(t, S) = (1 + F·t/S)^D,
 * first stability w[G−1], first difficulty w4 − e^(w5·(G−1)) + 1, difficulty with linear damping
 * and mean reversion to D0(Easy), recall and lapse stabilities, and the same-day update.
 */

#include "config.h"

#include <math.h>

#include "gcm-fsrs.h"

#define DECAY      (-0.5)
#define FACTOR     (19.0 / 81.0)   /* 0.9^(1/DECAY) − 1 */
#define DAY        G_GINT64_CONSTANT (86400)
#define MAX_DAYS   36500

/* A right answer that took longer than this shows the officer had to work it out. */
#define SLOW_ANSWER_MS 60000

static const double w[19] = {
  0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
  1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
};

static double
clamp_difficulty (double d)
{
  return CLAMP (d, 1.0, 10.0);
}

static double
initial_difficulty (GcmGrade grade)
{
  return w[4] - exp (w[5] * ((int) grade - 1)) + 1;
}

static double
next_difficulty (double   d,
                 GcmGrade grade)
{
  double damped = d - w[6] * ((int) grade - 3) * (10 - d) / 9;

  return clamp_difficulty (w[7] * initial_difficulty (GCM_GRADE_EASY) + (1 - w[7]) * damped);
}

static double
recall_stability (double   s,
                  double   d,
                  double   r,
                  GcmGrade grade)
{
  double hard = grade == GCM_GRADE_HARD ? w[15] : 1;
  double easy = grade == GCM_GRADE_EASY ? w[16] : 1;

  return s * (1 + exp (w[8]) * (11 - d) * pow (s, -w[9]) * (exp (w[10] * (1 - r)) - 1) *
              hard * easy);
}

static double
lapse_stability (double s,
                 double d,
                 double r)
{
  double lapse = w[11] * pow (d, -w[12]) * (pow (s + 1, w[13]) - 1) * exp (w[14] * (1 - r));

  return MIN (lapse, s);
}

void
gcm_fsrs_card_init (GcmFsrsCard *card)
{
  g_return_if_fail (card != NULL);

  *card = (GcmFsrsCard) { 0 };
}

static double
elapsed_days (const GcmFsrsCard *card,
              gint64             now)
{
  return MAX (now - card->last_review, 0) / (double) DAY;
}

double
gcm_fsrs_retrievability (const GcmFsrsCard *card,
                         gint64             now)
{
  g_return_val_if_fail (card != NULL, 0);

  if (card->reps == 0)
    return 0;
  return pow (1 + FACTOR * elapsed_days (card, now) / card->stability, DECAY);
}

guint
gcm_fsrs_interval_days (double stability)
{
  double days = stability / FACTOR * (pow (GCM_FSRS_DESIRED_RETENTION, 1 / DECAY) - 1);

  return (guint) CLAMP (round (days), 1, MAX_DAYS);
}

void
gcm_fsrs_review (GcmFsrsCard *card,
                 GcmGrade     grade,
                 gint64       now)
{
  g_return_if_fail (card != NULL);
  g_return_if_fail (grade >= GCM_GRADE_AGAIN && grade <= GCM_GRADE_EASY);

  if (card->reps == 0)
    {
      card->stability = w[grade - 1];
      card->difficulty = clamp_difficulty (initial_difficulty (grade));
    }
  else
    {
      /* FSRS counts whole days between reviews; a second review the same day has its own rule. */
      double days = floor (elapsed_days (card, now));
      double r = pow (1 + FACTOR * days / card->stability, DECAY);
      double d = card->difficulty;

      if (days < 1)
        card->stability = card->stability * exp (w[17] * ((int) grade - 3 + w[18]));
      else if (grade == GCM_GRADE_AGAIN)
        card->stability = lapse_stability (card->stability, d, r);
      else
        card->stability = recall_stability (card->stability, d, r, grade);
      card->difficulty = next_difficulty (d, grade);
    }

  if (grade == GCM_GRADE_AGAIN && card->reps > 0)
    card->lapses++;
  card->reps++;
  card->last_review = now;
  card->due = now + gcm_fsrs_interval_days (card->stability) * DAY;
}

void
gcm_fsrs_replay (GcmFsrsCard          *card,
                 const GcmReviewEntry *log,
                 gsize                 n_entries)
{
  g_return_if_fail (card != NULL);
  g_return_if_fail (log != NULL || n_entries == 0);

  gcm_fsrs_card_init (card);
  for (gsize i = 0; i < n_entries; i++)
    gcm_fsrs_review (card, log[i].grade, log[i].time);
}

gboolean
gcm_fsrs_card_is_due (const GcmFsrsCard *card,
                      gint64             now)
{
  g_return_val_if_fail (card != NULL, FALSE);

  return card->reps == 0 || card->due <= now;
}

/* Right → Good; right but slow, or right only on a second try → Hard; wrong → Again. */
GcmGrade
gcm_fsrs_grade_for_answer (gboolean correct,
                           gboolean second_try,
                           guint    elapsed_ms)
{
  if (!correct)
    return GCM_GRADE_AGAIN;
  if (second_try || elapsed_ms > SLOW_ANSWER_MS)
    return GCM_GRADE_HARD;
  return GCM_GRADE_GOOD;
}
