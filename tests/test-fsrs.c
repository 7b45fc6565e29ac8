/* test-fsrs.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected values were worked out by hand from the FSRS-5 formulas and default weights
 * (feature-anchors §2), not by running this code.
 */

#include "gcm-fsrs.h"

#define DAY G_GINT64_CONSTANT (86400)
#define T0  G_GINT64_CONSTANT (1767225600)   /* 2026-01-01 00:00 UTC */

static void
test_first_review (void)
{
  struct { GcmGrade grade; double stability, difficulty; guint days; } expected[] = {
    { GCM_GRADE_AGAIN, 0.40255, 7.19490, 1 },
    { GCM_GRADE_HARD, 1.18385, 6.48831, 1 },
    { GCM_GRADE_GOOD, 3.17300, 5.28243, 3 },
    { GCM_GRADE_EASY, 15.69105, 3.22450, 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GcmFsrsCard card;

      gcm_fsrs_card_init (&card);
      g_assert_true (gcm_fsrs_card_is_due (&card, T0));
      gcm_fsrs_review (&card, expected[i].grade, T0);
      g_assert_cmpfloat_with_epsilon (card.stability, expected[i].stability, 1e-5);
      g_assert_cmpfloat_with_epsilon (card.difficulty, expected[i].difficulty, 1e-5);
      g_assert_cmpint (card.due, ==, T0 + expected[i].days * DAY);
      g_assert_cmpuint (card.reps, ==, 1);
      g_assert_cmpuint (card.lapses, ==, 0);
      g_assert_false (gcm_fsrs_card_is_due (&card, card.due - 1));
      g_assert_true (gcm_fsrs_card_is_due (&card, card.due));
    }
}

static void
test_recall (void)
{
  GcmFsrsCard card;

  gcm_fsrs_card_init (&card);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0);
  g_assert_cmpfloat_with_epsilon (gcm_fsrs_retrievability (&card, T0 + 3 * DAY), 0.904698, 1e-6);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0 + 3 * DAY);
  g_assert_cmpfloat_with_epsilon (card.stability, 10.73893, 1e-5);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 5.27297, 1e-5);
  g_assert_cmpint (card.due, ==, T0 + (3 + 11) * DAY);
}

static void
test_hard_recall (void)
{
  GcmFsrsCard card;

  gcm_fsrs_card_init (&card);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0);
  gcm_fsrs_review (&card, GCM_GRADE_HARD, T0 + 3 * DAY);
  g_assert_cmpfloat_with_epsilon (card.stability, 4.92451, 1e-5);
}

static void
test_lapse (void)
{
  GcmFsrsCard card;

  gcm_fsrs_card_init (&card);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0);
  gcm_fsrs_review (&card, GCM_GRADE_AGAIN, T0 + 3 * DAY);
  g_assert_cmpfloat_with_epsilon (card.stability, 1.05556, 1e-5);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 6.79693, 1e-5);
  g_assert_cmpint (card.due, ==, T0 + 4 * DAY);
  g_assert_cmpuint (card.lapses, ==, 1);
  g_assert_cmpuint (card.reps, ==, 2);
}

static void
test_same_day (void)
{
  GcmFsrsCard card;

  gcm_fsrs_card_init (&card);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0 + 3600);
  g_assert_cmpfloat_with_epsilon (card.stability, 4.46686, 1e-5);

  gcm_fsrs_card_init (&card);
  gcm_fsrs_review (&card, GCM_GRADE_GOOD, T0);
  gcm_fsrs_review (&card, GCM_GRADE_AGAIN, T0 + 3600);
  g_assert_cmpfloat_with_epsilon (card.stability, 1.58977, 1e-5);
}

static void
test_replay (void)
{
  GcmReviewEntry log[] = {
    { T0, GCM_GRADE_GOOD },
    { T0 + 3 * DAY, GCM_GRADE_AGAIN },
    { T0 + 4 * DAY, GCM_GRADE_GOOD },
  };
  GcmFsrsCard replayed, stepped;

  gcm_fsrs_card_init (&stepped);
  for (guint i = 0; i < G_N_ELEMENTS (log); i++)
    gcm_fsrs_review (&stepped, log[i].grade, log[i].time);
  gcm_fsrs_replay (&replayed, log, G_N_ELEMENTS (log));
  g_assert_cmpmem (&replayed, sizeof replayed, &stepped, sizeof stepped);

  /* An empty log is a new card. */
  gcm_fsrs_replay (&replayed, NULL, 0);
  g_assert_cmpuint (replayed.reps, ==, 0);
  g_assert_true (gcm_fsrs_card_is_due (&replayed, T0));
}

static void
test_interval_bounds (void)
{
  g_assert_cmpuint (gcm_fsrs_interval_days (0.01), ==, 1);
  g_assert_cmpuint (gcm_fsrs_interval_days (10.4), ==, 10);
  g_assert_cmpuint (gcm_fsrs_interval_days (1e9), ==, 36500);
}

static void
test_grade_for_answer (void)
{
  g_assert_cmpint (gcm_fsrs_grade_for_answer (FALSE, FALSE, 1000), ==, GCM_GRADE_AGAIN);
  g_assert_cmpint (gcm_fsrs_grade_for_answer (FALSE, TRUE, 1000), ==, GCM_GRADE_AGAIN);
  g_assert_cmpint (gcm_fsrs_grade_for_answer (TRUE, FALSE, 8000), ==, GCM_GRADE_GOOD);
  g_assert_cmpint (gcm_fsrs_grade_for_answer (TRUE, TRUE, 8000), ==, GCM_GRADE_HARD);
  g_assert_cmpint (gcm_fsrs_grade_for_answer (TRUE, FALSE, 120000), ==, GCM_GRADE_HARD);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fsrs/first-review", test_first_review);
  g_test_add_func ("/fsrs/recall", test_recall);
  g_test_add_func ("/fsrs/hard-recall", test_hard_recall);
  g_test_add_func ("/fsrs/lapse", test_lapse);
  g_test_add_func ("/fsrs/same-day", test_same_day);
  g_test_add_func ("/fsrs/replay", test_replay);
  g_test_add_func ("/fsrs/interval-bounds", test_interval_bounds);
  g_test_add_func ("/fsrs/grade-for-answer", test_grade_for_answer);
  return g_test_run ();
}
