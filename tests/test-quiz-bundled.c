/* test-quiz-bundled.c — every bundled quiz taken in the quiz view, as a learner would
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a real store with the bundled manual installed: each quiz is loaded as the window loads it,
 * taken in a GcmQuizView (its picture questions with their pictures drawn) to its results, with
 * the first question missed on purpose, and the results give that score. The same quiz read in
 * Korean asks in Korean and records its answers under the English question ids, so the review
 * is the same in both languages. The Review page, with the clock moved on a day, asks the
 * question missed.
 */

#define G_LOG_DOMAIN "TestQuizBundled"

#include <adwaita.h>
#include <string.h>

#include "gcm-learning.h"
#include "gcm-locale.h"
#include "gcm-picture.h"
#include "gcm-quiz-view.h"
#include "gcm-review-view.h"
#include "gcm-test-utils-gtk.h"

#define T0  1780000000     /* a Tuesday in 2026 */
#define DAY (24 * 60 * 60)

typedef struct
{
  char              *dir;
  GcmStore          *store;
  GtkWindow         *window;
  GcmLearningRecord *record;    /* the attempt being taken, when recorded */
  const char        *quiz_id;
  gint64             clock;
  guint              pending;   /* writes asked for and not yet done */
  guint              finished;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  gcm_locale_set_content_language ("en");
  fixture->dir = gcm_test_make_tmpdir ("quiz-bundled");
  fixture->store = gcm_test_store_with_bundled_manual (fixture->dir);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 760);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  g_clear_pointer (&fixture->record, gcm_learning_record_unref);
  gcm_test_store_finalize (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  gcm_locale_set_content_language ("en");
}

/* Helpers */

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

static GcmLearningQuiz *
load_quiz (Fixture    *fixture,
           const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GcmLearningQuiz *quiz;

  gcm_learning_load_quiz_async (fixture->store, id, NULL, got_result_cb, &result);
  gcm_test_wait_until (is_set, &result, "the quiz to be read");
  quiz = gcm_learning_load_quiz_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return quiz;
}

static GcmLearningProgress *
progress_at (Fixture *fixture,
             gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GcmLearningProgress *progress;

  gcm_learning_progress_async (fixture->store, now, NULL, got_result_cb, &result);
  gcm_test_wait_until (is_set, &result, "the progress to be read");
  progress = gcm_learning_progress_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return progress;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_learning_write_finish (GCM_STORE (source), result, &error));
  g_assert_no_error (error);
  fixture->pending--;
}

static gboolean
nothing_pending (gpointer user_data)
{
  return ((Fixture *) user_data)->pending == 0;
}

/* What the window does with the view's signals, on the fixture's clock. */
static void
on_answered_cb (GcmQuizView    *view,
                GcmQuizAttempt *attempt,
                guint           index,
                Fixture        *fixture)
{
  g_autofree char *answer = g_strdup_printf ("%u", gcm_quiz_attempt_get_chosen (attempt, index));

  if (fixture->record == NULL)
    return;
  fixture->pending++;
  gcm_learning_record_answer (fixture->record, fixture->quiz_id,
                              gcm_quiz_attempt_get_question (attempt, index), answer,
                              gcm_quiz_attempt_is_right (attempt, index), FALSE, 3000,
                              fixture->clock + index, written_cb, fixture);
}

static void
on_finished_cb (GcmQuizView    *view,
                GcmQuizAttempt *attempt,
                Fixture        *fixture)
{
  fixture->finished++;
  if (fixture->record == NULL)
    return;
  fixture->pending++;
  gcm_learning_record_end (fixture->record, gcm_quiz_attempt_get_n_right (attempt),
                           gcm_quiz_attempt_get_n_questions (attempt), fixture->clock + 100,
                           written_cb, fixture);
}

static GcmQuizView *
quiz_view_new (Fixture *fixture)
{
  GcmQuizView *view = GCM_QUIZ_VIEW (gcm_quiz_view_new ());

  g_signal_connect (view, "question-answered", G_CALLBACK (on_answered_cb), fixture);
  g_signal_connect (view, "attempt-finished", G_CALLBACK (on_finished_cb), fixture);
  return view;
}

static void
begin_record (Fixture         *fixture,
              GcmLearningQuiz *quiz,
              GcmQuizAttempt  *attempt)
{
  g_clear_pointer (&fixture->record, gcm_learning_record_unref);
  fixture->quiz_id = quiz->id;
  fixture->pending++;
  fixture->record = gcm_learning_record_begin (fixture->store, quiz->id, quiz->title,
                                               gcm_quiz_attempt_get_seed (attempt), FALSE,
                                               quiz->serial, fixture->clock, written_cb, fixture);
}

static gboolean
row_titled (GtkWidget *widget,
            gpointer   user_data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), user_data) == 0 &&
         gcm_test_widget_is_shown (widget);
}

static gboolean
button_labelled (GtkWidget *widget,
                 gpointer   user_data)
{
  return !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), user_data) == 0 &&
         gcm_test_widget_is_shown (widget);
}

static void
press (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = gcm_test_find_widget (root, GTK_TYPE_BUTTON, button_labelled, (gpointer) label);

  if (button == NULL)
    g_error ("no button “%s” is shown", label);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_shown_picture (GtkWidget *widget,
                  gpointer   user_data)
{
  return gcm_test_widget_is_shown (widget);
}

/* A picture drawn large: its texture is in, at its natural width. */
static gboolean
picture_is_drawn (gpointer user_data)
{
  GtkWidget *picture = gcm_test_find_widget (user_data, GCM_TYPE_PICTURE, is_shown_picture, NULL);
  int natural = 0;

  if (picture == NULL)
    return FALSE;
  gtk_widget_measure (picture, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural >= 200;
}

/* The window narrows to 360 px on every page of a quiz. */
static void
assert_narrows (GtkWidget *view)
{
  int minimum = 0;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* Takes the quiz shown in @view to its results: every question right but those in @missed (a
 * bit per question), each chosen by a click on its row. Returns the number of pictures drawn. */
static guint
take_quiz (GtkWidget   *view_root,
           GcmQuizView *view,
           guint64      missed)
{
  GcmQuizAttempt *attempt = gcm_quiz_view_get_attempt (view);
  guint n = gcm_quiz_attempt_get_n_questions (attempt);
  guint pictures = 0;

  for (guint i = 0; i < n; i++)
    {
      GcmQuizQuestion *question = gcm_quiz_attempt_get_question (attempt, i);
      gboolean miss = i < 64 && (missed & (G_GUINT64_CONSTANT (1) << i)) != 0;
      gboolean multiple = gcm_quiz_question_get_question_type (question) == GCM_QUESTION_MULTIPLE;
      g_autofree char *position = g_strdup_printf ("Question %u of %u", i + 1, n);
      guint chosen = 0;

      gcm_test_wait_for_label (view_root, position);
      g_assert_nonnull (gcm_test_wait_for_label (view_root, gcm_quiz_question_get_prompt (question)));
      if (gcm_quiz_question_get_image (question) != NULL)
        {
          g_autofree char *what = g_strdup_printf ("the picture of %s to be drawn",
                                                   gcm_quiz_question_get_id (question));

          gcm_test_wait_until (picture_is_drawn, view_root, what);
          pictures++;
        }
      for (guint p = 0; p < gcm_quiz_question_get_n_choices (question); p++)
        {
          guint choice = gcm_quiz_attempt_get_choice_at (attempt, i, p);
          const char *text = gcm_quiz_question_get_choice (question, choice);
          GtkWidget *row;

          if (gcm_quiz_question_is_right_choice (question, choice) == miss ||
              (!multiple && chosen > 0))
            continue;
          row = gcm_test_find_widget (view_root, ADW_TYPE_ACTION_ROW, row_titled, (gpointer) text);
          if (row == NULL)
            g_error ("the choice “%s” of %s is not shown", text,
                     gcm_quiz_question_get_id (question));
          g_assert_true (gtk_widget_activate (row));
          chosen++;
        }
      g_assert_cmpuint (chosen, >, 0);
      press (view_root, "_Check");
      assert_narrows (view_root);
      g_assert_nonnull (gcm_test_wait_for_label (view_root, miss ? "Not quite" : "Right"));
      if (gcm_quiz_question_get_explanation (question) != NULL)
        g_assert_nonnull (gcm_test_wait_for_label (view_root,
                                                   gcm_quiz_question_get_explanation (question)));
      g_assert_cmpint (gcm_quiz_attempt_is_right (attempt, i), ==, !miss);
      press (view_root, i + 1 < n ? "_Next Question" : "See _Results");
    }
  return pictures;
}

static gboolean
is_status_page (GtkWidget *widget,
                gpointer   user_data)
{
  return gcm_test_widget_is_shown (widget);
}

static const char *
results_title (GtkWidget *root)
{
  GtkWidget *page = gcm_test_find_widget (root, ADW_TYPE_STATUS_PAGE, is_status_page, NULL);

  g_assert_nonnull (page);
  return adw_status_page_get_title (ADW_STATUS_PAGE (page));
}

/* The English quizzes of the bundled source: one file each, beside their translations. */
static guint
count_source_quizzes (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GCM_CONTENT_SOURCE"), "quizzes", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".yaml") && strchr (name, '.') == strrchr (name, '.'))
      n++;
  return n;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
has_hangul (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HANGUL)
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_every_quiz (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) progress = progress_at (fixture, T0);
  GcmQuizView *view = quiz_view_new (fixture);
  guint pictures = 0;

  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  g_assert_cmpuint (progress->quizzes->len, ==, count_source_quizzes ());
  for (guint q = 0; q < progress->quizzes->len; q++)
    {
      GcmLearningQuizProgress *listed = g_ptr_array_index (progress->quizzes, q);
      g_autoptr(GcmLearningQuiz) quiz = load_quiz (fixture, listed->id);
      g_autoptr(GcmQuizAttempt) attempt = gcm_quiz_attempt_new (quiz->id, quiz->questions,
                                                                q + 1, FALSE);
      guint n = quiz->questions->len;
      g_autofree char *expected = g_strdup_printf ("%u of %u Right", n - 1, n);

      g_test_message ("%s: %u questions", quiz->id, n);
      g_assert_cmpuint (n, >=, 2);
      gcm_quiz_view_start (view, quiz->title, attempt, quiz->media_files);
      pictures += take_quiz (GTK_WIDGET (view), view, 1);
      g_assert_cmpuint (fixture->finished, ==, q + 1);
      g_assert_cmpstr (results_title (GTK_WIDGET (view)), ==, expected);
      assert_narrows (GTK_WIDGET (view));
      /* The question missed is listed with its explanation. */
      g_assert_nonnull (gcm_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, row_titled,
                                              (gpointer) gcm_quiz_question_get_prompt (
                                                gcm_quiz_attempt_get_question (attempt, 0))));
    }
  /* The dangerous-goods quiz asks about labels by their pictures. */
  g_assert_cmpuint (pictures, >=, 10);
}

static void
test_korean (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GcmLearningQuiz) english = load_quiz (fixture, "quiz/dangerous-goods-labels");
  g_autoptr(GcmLearningQuiz) korean = NULL;
  g_autoptr(GcmQuizAttempt) attempt = NULL;
  g_autoptr(GcmLearningProgress) progress = NULL;
  g_autoptr(GPtrArray) english_ids = g_ptr_array_new ();
  g_autofree char *recorded = NULL;
  g_autofree char *expected = NULL;
  GcmQuizView *view = quiz_view_new (fixture);
  GcmQuizQuestion *missed;
  guint n_choices = 0, n_korean = 0;

  gcm_locale_set_content_language ("ko");
  korean = load_quiz (fixture, "quiz/dangerous-goods-labels");
  g_assert_true (has_hangul (korean->title));
  g_assert_cmpuint (korean->questions->len, ==, english->questions->len);
  for (guint i = 0; i < korean->questions->len; i++)
    {
      GcmQuizQuestion *ko = g_ptr_array_index (korean->questions, i);
      GcmQuizQuestion *en = g_ptr_array_index (english->questions, i);

      g_assert_cmpstr (gcm_quiz_question_get_id (ko), ==, gcm_quiz_question_get_id (en));
      g_assert_cmpstr (gcm_quiz_question_get_fingerprint (ko), ==,
                       gcm_quiz_question_get_fingerprint (en));
      g_assert_cmpstr (gcm_quiz_question_get_image (ko), ==, gcm_quiz_question_get_image (en));
      g_assert_true (has_hangul (gcm_quiz_question_get_prompt (ko)));
      g_assert_true (has_hangul (gcm_quiz_question_get_explanation (ko)));
      /* Some choices are codes alike in both languages; most are words. */
      if (gcm_quiz_question_get_question_type (ko) != GCM_QUESTION_TRUE_FALSE)
        for (guint c = 0; c < gcm_quiz_question_get_n_choices (ko); c++)
          {
            n_choices++;
            n_korean += has_hangul (gcm_quiz_question_get_choice (ko, c));
          }
      g_ptr_array_add (english_ids, (gpointer) gcm_quiz_question_get_id (en));
    }

  g_assert_cmpuint (n_korean, >, n_choices / 2);

  /* Taken in Korean: the view asks in Korean, and every answer is recorded. */
  fixture->clock = T0;
  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  attempt = gcm_quiz_attempt_new (korean->id, korean->questions, 5, FALSE);
  begin_record (fixture, korean, attempt);
  gcm_quiz_view_start (view, korean->title, attempt, korean->media_files);
  g_assert_nonnull (gcm_test_wait_for_label (GTK_WIDGET (view),
                                             "이 표지는 UN 위험물 등급 중 어느 것을 나타내는가?"));
  g_assert_nonnull (gcm_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, row_titled,
                                          (gpointer) gcm_quiz_question_get_choice (
                                            gcm_quiz_attempt_get_question (attempt, 0), 0)));
  take_quiz (GTK_WIDGET (view), view, 1);
  gcm_test_wait_until (nothing_pending, fixture, "the answers to be written");

  /* The answers are kept under the original's question ids. */
  recorded = gcm_test_sql_dump (gcm_store_get_user_path (fixture->store),
                                "SELECT group_concat(question_id) FROM"
                                " (SELECT question_id FROM quiz_answer ORDER BY question_id)");
  g_ptr_array_sort (english_ids, compare_strings);
  g_ptr_array_add (english_ids, NULL);
  expected = g_strjoinv (",", (char **) english_ids->pdata);
  g_assert_cmpstr (g_strstrip (recorded), ==, expected);

  /* Read in English the next day: the question missed in Korean is due, not new. */
  gcm_locale_set_content_language ("en");
  missed = gcm_quiz_attempt_get_question (attempt, 0);
  progress = progress_at (fixture, T0 + DAY + 60);
  g_assert_cmpuint (progress->due->len, ==, 1);
  {
    GcmLearningDue *due = g_ptr_array_index (progress->due, 0);

    g_assert_cmpstr (gcm_quiz_question_get_id (due->question), ==, gcm_quiz_question_get_id (missed));
    g_assert_false (due->changed);
    g_assert_false (has_hangul (gcm_quiz_question_get_prompt (due->question)));
  }
}

static gboolean
review_says_nothing_due (gpointer user_data)
{
  return gcm_test_find_label (user_data, "Nothing to Review Today") != NULL &&
         gcm_test_widget_is_shown (gcm_test_find_label (user_data, "Nothing to Review Today"));
}

static gboolean
review_logged_next_day (gpointer user_data)
{
  Fixture *fixture = user_data;

  return gcm_test_sql_int (gcm_store_get_user_path (fixture->store),
                           "SELECT count(*) FROM review_log WHERE reviewed >= "
                           G_STRINGIFY (T0) " + 86400") == 1;
}

static void
test_review_next_day (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GcmLearningQuiz) quiz = load_quiz (fixture, "quiz/green-customs-basics");
  g_autoptr(GcmQuizAttempt) attempt = gcm_quiz_attempt_new (quiz->id, quiz->questions, 9, FALSE);
  GcmQuizView *view = quiz_view_new (fixture);
  GtkWidget *review;
  GcmQuizQuestion *missed;

  /* Taken today, the first question missed. */
  fixture->clock = T0;
  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  begin_record (fixture, quiz, attempt);
  gcm_quiz_view_start (view, quiz->title, attempt, quiz->media_files);
  take_quiz (GTK_WIDGET (view), view, 1);
  gcm_test_wait_until (nothing_pending, fixture, "the attempt to be written");
  missed = gcm_quiz_attempt_get_question (attempt, 0);

  /* The same day, nothing is due. */
  review = gcm_review_view_new (fixture->store);
  gtk_window_set_child (fixture->window, review);
  gcm_review_view_reload_at (GCM_REVIEW_VIEW (review), T0 + 60 * 60);
  gcm_test_wait_until (review_says_nothing_due, review, "the Review page to say nothing is due");

  /* The next day the Review page asks the question missed, and only it. */
  gcm_review_view_reload_at (GCM_REVIEW_VIEW (review), T0 + DAY + 60);
  gcm_test_wait_for_label (review, "Question 1 of 1");
  g_assert_nonnull (gcm_test_wait_for_label (review, gcm_quiz_question_get_prompt (missed)));
  take_quiz (review, GCM_QUIZ_VIEW (gcm_test_find_widget (review, GCM_TYPE_QUIZ_VIEW, NULL, NULL)), 0);
  g_assert_cmpstr (results_title (review), ==, "1 of 1 Right");

  /* Answered right, it is logged on the moved clock and is not due again that day. */
  gcm_test_wait_until (review_logged_next_day, fixture, "the review to be logged the next day");
  gcm_review_view_reload_at (GCM_REVIEW_VIEW (review), T0 + DAY + 3600);
  gcm_test_wait_until (review_says_nothing_due, review, "the review done to leave nothing due");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/quiz-bundled/every-quiz", Fixture, NULL, fixture_set_up, test_every_quiz,
              fixture_tear_down);
  g_test_add ("/quiz-bundled/korean", Fixture, NULL, fixture_set_up, test_korean,
              fixture_tear_down);
  g_test_add ("/quiz-bundled/review-next-day", Fixture, NULL, fixture_set_up,
              test_review_next_day, fixture_tear_down);
  return g_test_run ();
}
