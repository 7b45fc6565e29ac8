/* test-learning.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learner's record on real SQLite files: attempts and answers kept, best and last scores,
 * reviews due as the clock moves, a changed question asked again with its history kept, a
 * removed question retired, a withdrawn quiz's attempts kept, and attempts that survive the
 * migration from user.db version 2. The clock is passed in, never read.
 */

#define G_LOG_DOMAIN "TestLearning"

#include <glib/gstdio.h>

#include "gcm-learning.h"
#include "gcm-test-utils.h"

#define T0   1780000000     /* a Tuesday in 2026 */
#define DAY  (24 * 60 * 60)

typedef struct
{
  char      *dir;
  char      *data_dir;
  char      *source;
  GPtrArray *keys;
  GcmStore  *store;
  char      *user;
} Fixture;

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = gcm_store_new (fixture->data_dir, &error);
  g_assert_no_error (error);
  g_free (fixture->user);
  fixture->user = g_strdup (gcm_store_get_user_path (fixture->store));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = gcm_test_make_tmpdir ("learning");
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->source = gcm_test_feed_copy_source (fixture->dir, "source");
  fixture->keys = gcm_test_feed_keys ();
  if (user_data == NULL)
    {
      open_store (fixture);
      gcm_test_import_feed (fixture->store, gcm_test_feed ()->feed, fixture->keys);
    }
}

/* A worker lets go of a finished task after its callback may have run, and nothing wakes the
 * main context when it does: poll. */
static void
wait_for_release (GcmStore *store)
{
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (store)->ref_count) > 1; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  wait_for_release (fixture->store);
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->source);
  g_free (fixture->user);
  g_ptr_array_unref (fixture->keys);
}

/* Helpers */

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_learning_write_finish (GCM_STORE (source), result, &error));
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static GcmLearningQuiz *
load_quiz (Fixture    *fixture,
           const char *id,
           GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gcm_learning_load_quiz_async (fixture->store, id, NULL, got_result_cb, &result);
  return gcm_learning_load_quiz_finish (fixture->store, wait_for (&result), error);
}

static GcmLearningProgress *
progress_at (Fixture *fixture,
             gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GcmLearningProgress *progress;

  gcm_learning_progress_async (fixture->store, now, NULL, got_result_cb, &result);
  progress = gcm_learning_progress_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (progress);
  return progress;
}

static GcmLearningQuizProgress *
find_quiz (GcmLearningProgress *progress,
           const char          *id)
{
  for (guint i = 0; i < progress->quizzes->len; i++)
    {
      GcmLearningQuizProgress *quiz = g_ptr_array_index (progress->quizzes, i);

      if (g_str_equal (quiz->id, id))
        return quiz;
    }
  return NULL;
}

static gboolean
is_due (GcmLearningProgress *progress,
        const char          *question_id)
{
  for (guint i = 0; i < progress->due->len; i++)
    {
      GcmLearningDue *due = g_ptr_array_index (progress->due, i);

      if (g_str_equal (gcm_quiz_question_get_id (due->question), question_id))
        return TRUE;
    }
  return FALSE;
}

/* Takes the ivory quiz at @now: @rights[i] says whether question i is answered right. */
static void
take_quiz (Fixture        *fixture,
           gint64          now,
           const gboolean  rights[2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningQuiz) quiz = load_quiz (fixture, "quiz/ivory", &error);
  g_autoptr(GcmLearningRecord) record = NULL;
  guint written = 0, score = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (quiz->questions->len, ==, 2);
  record = gcm_learning_record_begin (fixture->store, quiz->id, quiz->title, 7, FALSE,
                                      quiz->serial, now, written_cb, &written);
  for (guint i = 0; i < quiz->questions->len; i++)
    {
      score += rights[i];
      gcm_learning_record_answer (record, quiz->id, g_ptr_array_index (quiz->questions, i),
                                  rights[i] ? "0" : "1", rights[i], FALSE, 4000, now + 5 + i,
                                  written_cb, &written);
    }
  gcm_learning_record_end (record, score, quiz->questions->len, now + 10, written_cb, &written);
  while (written < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gcm_learning_record_get_id (record), >, 0);
}

static char *
republish (Fixture    *fixture,
           const char *find,
           const char *replace,
           gint64      serial)
{
  g_autofree char *quiz = g_build_filename (fixture->source, "quizzes", "ivory.yaml", NULL);
  g_autofree char *name = g_strdup_printf ("feed%" G_GINT64_FORMAT, serial);
  char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *standard_error = NULL;

  if (find == NULL)
    g_assert_cmpint (g_unlink (quiz), ==, 0);
  else
    gcm_test_edit_file (quiz, find, replace);
  if (gcm_test_publish_full (fixture->source, output, gcm_test_feed ()->secret_key, serial,
                             &standard_error) != 0)
    g_error ("publishing failed: %s", standard_error);
  return output;
}

/* Tests */

static void
test_attempts_kept (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) before = progress_at (fixture, T0);
  g_autoptr(GcmLearningProgress) after = NULL;
  GcmLearningQuizProgress *quiz;
  GcmLearningScore *recent;

  quiz = find_quiz (before, "quiz/ivory");
  g_assert_nonnull (quiz);
  g_assert_cmpint (quiz->best, ==, -1);
  g_assert_cmpuint (quiz->n_attempts, ==, 0);
  g_assert_cmpuint (before->due->len, ==, 0);   /* never answered: nothing to review */

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });
  take_quiz (fixture, T0 + 100, (gboolean[]) { TRUE, TRUE });
  take_quiz (fixture, T0 + 200, (gboolean[]) { FALSE, FALSE });

  /* What was written, as the file holds it. */
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_attempt"
                                                    " WHERE finished IS NOT NULL"), ==, 3);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_answer"), ==, 6);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT answer FROM quiz_answer"
                                                     " WHERE question_id = 'q2' AND NOT correct"
                                                     " LIMIT 1"), ==, "1\n");
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT elapsed_ms FROM quiz_answer LIMIT 1"),
                   ==, 4000);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_answer"
                                                    " WHERE fingerprint = ''"), ==, 0);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM review_log"), ==, 6);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT grade FROM review_log"
                                                    " WHERE question_id = 'q2' ORDER BY id LIMIT 1"),
                   ==, GCM_GRADE_AGAIN);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT grade FROM review_log"
                                                    " WHERE question_id = 'q1' ORDER BY id LIMIT 1"),
                   ==, GCM_GRADE_GOOD);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT content_serial FROM quiz_attempt"
                                                    " LIMIT 1"), ==, 1);
  g_assert_cmpstr (gcm_test_sql_text (fixture->user, "SELECT title FROM quiz_attempt LIMIT 1"),
                   ==, "Ivory quiz\n");

  after = progress_at (fixture, T0 + 300);
  quiz = find_quiz (after, "quiz/ivory");
  g_assert_cmpuint (quiz->n_attempts, ==, 3);
  g_assert_cmpint (quiz->best, ==, 100);
  g_assert_cmpint (quiz->last, ==, 0);
  g_assert_cmpuint (after->recent->len, ==, 3);
  recent = g_ptr_array_index (after->recent, 0);
  g_assert_cmpuint (recent->score, ==, 0);
  g_assert_cmpint (recent->finished, ==, T0 + 210);
}

static void
test_due_after_a_day (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) same_day = NULL;
  g_autoptr(GcmLearningProgress) next_day = NULL;
  g_autoptr(GcmLearningProgress) next_month = NULL;

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });

  same_day = progress_at (fixture, T0 + 60 * 60);
  g_assert_cmpuint (same_day->due->len, ==, 0);

  /* Missed: back the next day. Right: not yet. */
  next_day = progress_at (fixture, T0 + DAY + 60);
  g_assert_true (is_due (next_day, "q2"));
  g_assert_false (is_due (next_day, "q1"));
  g_assert_cmpuint (find_quiz (next_day, "quiz/ivory")->n_due, ==, 1);

  next_month = progress_at (fixture, T0 + 30 * DAY);
  g_assert_cmpuint (next_month->due->len, ==, 2);
}

static void
test_review_logged (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) due = NULL;
  g_autoptr(GcmLearningProgress) after = NULL;
  g_autoptr(GcmLearningRecord) record = gcm_learning_record_review (fixture->store);
  GcmLearningDue *entry;
  guint written = 0;

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });
  due = progress_at (fixture, T0 + DAY + 60);
  g_assert_cmpuint (due->due->len, ==, 1);
  entry = g_ptr_array_index (due->due, 0);
  gcm_learning_record_answer (record, entry->quiz_id, entry->question, "0", TRUE, FALSE, 3000,
                              T0 + DAY + 100, written_cb, &written);
  while (written < 1)
    g_main_context_iteration (NULL, TRUE);

  /* A review adds to the log, not to the quiz's attempts. */
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM review_log"), ==, 3);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_answer"), ==, 2);
  after = progress_at (fixture, T0 + DAY + 200);
  g_assert_cmpuint (after->due->len, ==, 0);
}

static void
test_changed_question (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autoptr(GcmLearningProgress) progress = NULL;
  g_autoptr(GcmLearningProgress) later = NULL;
  g_autoptr(GcmLearningRecord) record = gcm_learning_record_review (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningQuiz) quiz = NULL;
  guint written = 0;

  take_quiz (fixture, T0, (gboolean[]) { TRUE, TRUE });
  feed2 = republish (fixture, "prompt: Where was the ivory hidden?",
                     "prompt: Where did the officers find the ivory?", 2);
  gcm_test_import_feed (fixture->store, feed2, fixture->keys);

  /* Reworded: asked again at once, the old answers still in the log. */
  progress = progress_at (fixture, T0 + 60);
  g_assert_cmpuint (progress->due->len, ==, 1);
  g_assert_true (is_due (progress, "q1"));
  g_assert_true (((GcmLearningDue *) g_ptr_array_index (progress->due, 0))->changed);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM review_log"
                                                    " WHERE question_id = 'q1'"), ==, 1);

  quiz = load_quiz (fixture, "quiz/ivory", &error);
  g_assert_no_error (error);
  g_assert_cmpint (quiz->serial, ==, 2);
  gcm_learning_record_answer (record, quiz->id, g_ptr_array_index (quiz->questions, 0), "0",
                              TRUE, FALSE, 2000, T0 + 120, written_cb, &written);
  while (written < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(DISTINCT fingerprint)"
                                                    " FROM review_log WHERE question_id = 'q1'"),
                   ==, 2);
  later = progress_at (fixture, T0 + 180);
  g_assert_cmpuint (later->due->len, ==, 0);
}

static void
test_retired_question (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autoptr(GcmLearningProgress) progress = NULL;

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });
  feed2 = republish (fixture,
                     "  - id: q2\n"
                     "    type: truefalse\n"
                     "    prompt: Carved ivory can hide among cow horns.\n"
                     "    answer: true\n"
                     "    explanation: The second section says so.\n"
                     "    source: manual/beta/second\n", "", 2);
  gcm_test_import_feed (fixture->store, feed2, fixture->keys);

  progress = progress_at (fixture, T0 + 30 * DAY);
  g_assert_false (is_due (progress, "q2"));
  g_assert_true (is_due (progress, "q1"));
  g_assert_cmpuint (find_quiz (progress, "quiz/ivory")->n_questions, ==, 1);
  /* Its answers stay in the attempt they belong to. */
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_answer"
                                                    " WHERE question_id = 'q2'"), ==, 1);
}

static void
test_withdrawn_quiz (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autoptr(GcmLearningProgress) progress = NULL;
  g_autoptr(GcmLearningQuiz) quiz = NULL;
  g_autoptr(GError) error = NULL;
  GcmLearningQuizProgress *entry;

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });
  feed2 = republish (fixture, NULL, NULL, 2);
  gcm_test_import_feed (fixture->store, feed2, fixture->keys);

  progress = progress_at (fixture, T0 + 30 * DAY);
  entry = find_quiz (progress, "quiz/ivory");
  g_assert_nonnull (entry);
  g_assert_true (entry->withdrawn);
  g_assert_cmpstr (entry->title, ==, "Ivory quiz");
  g_assert_cmpint (entry->best, ==, 50);
  g_assert_cmpuint (progress->due->len, ==, 0);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_attempt"), ==, 1);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "SELECT count(*) FROM quiz_answer"), ==, 2);

  quiz = load_quiz (fixture, "quiz/ivory", &error);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
  g_assert_null (quiz);
}

static void
test_chapters (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) before = progress_at (fixture, T0);
  g_autoptr(GcmLearningProgress) after = NULL;
  GcmLearningChapter *chapter;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (before->chapters->len, >, 0);
  chapter = g_ptr_array_index (before->chapters, 0);
  g_assert_cmpuint (chapter->n_sections, >, 0);
  g_assert_cmpuint (chapter->n_read, ==, 0);
  g_assert_nonnull (chapter->next_id);

  gcm_store_save_progress_async (fixture->store, chapter->next_id, chapter->next_title, 1.0, NULL,
                                 got_result_cb, &result);
  g_assert_true (gcm_store_write_finish (fixture->store, wait_for (&result), &error));
  after = progress_at (fixture, T0);
  g_assert_cmpuint (((GcmLearningChapter *) g_ptr_array_index (after->chapters, 0))->n_read, ==, 1);
  g_assert_cmpstr (((GcmLearningChapter *) g_ptr_array_index (after->chapters, 0))->next_id, !=,
                   chapter->next_id);
}

/* user.db version 2 as the release before this one made it, with an attempt finished. */
static void
make_user_db_v2 (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db,
                    "CREATE TABLE bookmark (item_id TEXT PRIMARY KEY, created INTEGER NOT NULL);"
                    "CREATE TABLE progress (item_id TEXT PRIMARY KEY,"
                    "  position REAL NOT NULL DEFAULT 0, updated INTEGER NOT NULL);"
                    "ALTER TABLE bookmark ADD COLUMN title TEXT NOT NULL DEFAULT '';"
                    "ALTER TABLE progress ADD COLUMN title TEXT NOT NULL DEFAULT '';"
                    "ALTER TABLE progress ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;"
                    "CREATE TABLE note (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL,"
                    "  text TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);"
                    "CREATE INDEX note_item ON note (item_id);"
                    "CREATE TABLE quiz_attempt (id INTEGER PRIMARY KEY, quiz_id TEXT NOT NULL,"
                    "  started INTEGER NOT NULL, finished INTEGER,"
                    "  score INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0);"
                    "CREATE TABLE quiz_answer ("
                    "  attempt INTEGER NOT NULL REFERENCES quiz_attempt (id) ON DELETE CASCADE,"
                    "  question_id TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL,"
                    "  PRIMARY KEY (attempt, question_id));"
                    "INSERT INTO quiz_attempt VALUES (1, 'quiz/ivory', 1700000000, 1700000060, 2, 2);"
                    "INSERT INTO quiz_answer VALUES (1, 'q1', '0', 1);"
                    "INSERT INTO quiz_answer VALUES (1, 'q2', '0', 1);"
                    "PRAGMA user_version = 2;", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *user = g_build_filename (fixture->data_dir, "user.db", NULL);
  g_autoptr(GcmLearningProgress) progress = NULL;
  GcmLearningQuizProgress *quiz;

  g_assert_cmpint (g_mkdir_with_parents (fixture->data_dir, 0700), ==, 0);
  make_user_db_v2 (user);
  open_store (fixture);
  g_assert_cmpint (gcm_test_sql_int (fixture->user, "PRAGMA user_version"), ==, 4);
  gcm_test_import_feed (fixture->store, gcm_test_feed ()->feed, fixture->keys);

  progress = progress_at (fixture, T0);
  quiz = find_quiz (progress, "quiz/ivory");
  g_assert_cmpuint (quiz->n_attempts, ==, 1);
  g_assert_cmpint (quiz->best, ==, 100);
  /* An answer without a review row is not a review: nothing is due. */
  g_assert_cmpuint (progress->due->len, ==, 0);

  take_quiz (fixture, T0, (gboolean[]) { TRUE, FALSE });
  g_clear_pointer (&progress, gcm_learning_progress_free);
  progress = progress_at (fixture, T0 + 60);
  quiz = find_quiz (progress, "quiz/ivory");
  g_assert_cmpuint (quiz->n_attempts, ==, 2);
  g_assert_cmpint (quiz->best, ==, 100);
  g_assert_cmpint (quiz->last, ==, 50);
}

static void
test_blocking (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GcmLearningProgress) progress = NULL;
  g_autoptr(GError) error = NULL;

  take_quiz (fixture, T0, (gboolean[]) { FALSE, FALSE });
  progress = gcm_learning_progress (fixture->store, T0 + 2 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->due->len, ==, 2);
  g_assert_cmpint (find_quiz (progress, "quiz/ivory")->last, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/learning/attempts-kept", test_attempts_kept, NULL);
  ADD ("/learning/due-after-a-day", test_due_after_a_day, NULL);
  ADD ("/learning/review-logged", test_review_logged, NULL);
  ADD ("/learning/changed-question", test_changed_question, NULL);
  ADD ("/learning/retired-question", test_retired_question, NULL);
  ADD ("/learning/withdrawn-quiz", test_withdrawn_quiz, NULL);
  ADD ("/learning/chapters", test_chapters, NULL);
  ADD ("/learning/migrate-v2", test_migrate_v2, "no store");
  ADD ("/learning/blocking", test_blocking, NULL);
#undef ADD

  return g_test_run ();
}
