/* test-path.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Learning paths: the engine (progress, the next step, pass marks, a step whose item an update
 * withdrew), the publisher refusing a path it cannot follow, and the store reading a learner's
 * place on a path from real content.db and user.db files.
 */

#define G_LOG_DOMAIN "TestPath"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gcm-importer.h"
#include "gcm-learning-path.h"
#include "gcm-path-progress.h"
#include "gcm-test-utils.h"
#include "test-path-fixture.h"

/* As the feed delivers a path: steps through a section, a case and a quiz, with a Korean
 * translation of the text. */
static const char path_json[] =
  "{\"id\": \"path/test\", \"kind\": \"path\", \"lang\": \"en\", \"version\": 1,"
  " \"title\": \"Test path\", \"summary\": \"Three steps.\","
  " \"steps\": ["
  "   {\"id\": \"read\", \"item\": \"manual/alpha/first\", \"text\": \"Read the first section.\"},"
  "   {\"id\": \"case\", \"item\": \"case/2020-test-seizure\", \"text\": \"A case.\"},"
  "   {\"id\": \"quiz\", \"item\": \"quiz/ivory\", \"pass_mark\": 80, \"text\": \"Pass the quiz.\"}],"
  " \"translations\": {\"ko\": {\"title\": \"시험 과정\", \"summary\": \"세 단계.\", \"stale\": false,"
  "   \"steps\": [{\"id\": \"read\", \"text\": \"첫 절을 읽는다.\"}, {\"id\": \"case\", \"text\": \"사례.\"},"
  "               {\"id\": \"quiz\", \"text\": \"퀴즈를 통과한다.\"}]}}}";

static GcmPathLearner *
learner_with_everything (void)
{
  GcmPathLearner *learner = gcm_path_learner_new ();

  gcm_path_learner_add_item (learner, "manual/alpha/first", GCM_ITEM_KIND_SECTION, "First section");
  gcm_path_learner_add_item (learner, "case/2020-test-seizure", GCM_ITEM_KIND_CASE, "Ivory among cow horns");
  gcm_path_learner_add_item (learner, "quiz/ivory", GCM_ITEM_KIND_QUIZ, "Ivory quiz");
  return learner;
}

static GcmLearningPath *
load_path (const char *lang)
{
  g_autoptr(GError) error = NULL;
  GcmLearningPath *path = gcm_learning_path_new_from_json (path_json, lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static const GcmPathStepStatus *
next_step (GcmPathReport *report)
{
  g_assert_cmpint (report->next, >=, 0);
  return g_ptr_array_index (report->steps, report->next);
}

static void
test_engine_progress (void)
{
  g_autoptr(GcmLearningPath) path = load_path (NULL);
  g_autoptr(GcmPathLearner) learner = learner_with_everything ();
  g_autoptr(GcmPathReport) fresh = NULL;
  g_autoptr(GcmPathReport) later = NULL;

  g_assert_cmpstr (gcm_learning_path_get_title (path), ==, "Test path");
  g_assert_cmpuint (gcm_learning_path_get_steps (path)->len, ==, 3);

  /* Nothing done: step 1 of 3, the section, with its title from the installed manual. */
  fresh = gcm_learning_path_evaluate (path, learner);
  g_assert_cmpuint (fresh->n_steps, ==, 3);
  g_assert_cmpuint (fresh->n_done, ==, 0);
  g_assert_cmpuint (fresh->position, ==, 1);
  g_assert_cmpstr (next_step (fresh)->title, ==, "First section");
  g_assert_false (fresh->complete);

  /* Reading the case first counts, but the next step is still the first one not done. */
  gcm_path_learner_mark_read (learner, "case/2020-test-seizure");
  gcm_path_learner_mark_read (learner, "manual/alpha/first");
  later = gcm_learning_path_evaluate (path, learner);
  g_assert_cmpuint (later->n_done, ==, 2);
  g_assert_cmpuint (later->position, ==, 3);
  g_assert_cmpstr (next_step (later)->step->item_id, ==, "quiz/ivory");
  g_assert_false (later->complete);
}

static void
test_engine_pass_mark (void)
{
  g_autoptr(GcmLearningPath) path = load_path (NULL);
  g_autoptr(GcmPathLearner) learner = learner_with_everything ();
  g_autoptr(GcmPathReport) below = NULL;
  g_autoptr(GcmPathReport) at = NULL;

  gcm_path_learner_mark_read (learner, "manual/alpha/first");
  gcm_path_learner_mark_read (learner, "case/2020-test-seizure");
  /* Reading a quiz's page is not passing it. */
  gcm_path_learner_mark_read (learner, "quiz/ivory");
  gcm_path_learner_set_best (learner, "quiz/ivory", 79);
  below = gcm_learning_path_evaluate (path, learner);
  g_assert_false (below->complete);
  g_assert_cmpint (next_step (below)->best, ==, 79);
  g_assert_cmpint (next_step (below)->step->pass_mark, ==, 80);

  /* A worse attempt later does not lower the best; one at the mark passes. */
  gcm_path_learner_set_best (learner, "quiz/ivory", 80);
  gcm_path_learner_set_best (learner, "quiz/ivory", 50);
  at = gcm_learning_path_evaluate (path, learner);
  g_assert_true (at->complete);
  g_assert_cmpint (at->next, ==, -1);
  g_assert_cmpuint (at->n_done, ==, 3);
  g_assert_cmpint (((GcmPathStepStatus *) g_ptr_array_index (at->steps, 2))->best, ==, 80);
}

static void
test_engine_withdrawn (void)
{
  g_autoptr(GcmLearningPath) path = load_path (NULL);
  g_autoptr(GcmPathLearner) learner = gcm_path_learner_new ();
  g_autoptr(GcmPathReport) report = NULL;
  const GcmPathStepStatus *skipped;

  /* An update withdrew the case: the path goes on with two steps and says which was skipped. */
  gcm_path_learner_add_item (learner, "manual/alpha/first", GCM_ITEM_KIND_SECTION, "First section");
  gcm_path_learner_add_item (learner, "quiz/ivory", GCM_ITEM_KIND_QUIZ, "Ivory quiz");
  gcm_path_learner_mark_read (learner, "manual/alpha/first");
  gcm_path_learner_mark_read (learner, "case/2020-test-seizure");
  report = gcm_learning_path_evaluate (path, learner);
  g_assert_cmpuint (report->n_steps, ==, 2);
  g_assert_cmpuint (report->n_done, ==, 1);
  g_assert_cmpuint (report->position, ==, 2);
  g_assert_cmpstr (next_step (report)->step->item_id, ==, "quiz/ivory");
  g_assert_cmpuint (report->withdrawn->len, ==, 1);
  skipped = g_ptr_array_index (report->withdrawn, 0);
  g_assert_cmpstr (skipped->step->item_id, ==, "case/2020-test-seizure");
  g_assert_cmpint (skipped->state, ==, GCM_PATH_STEP_WITHDRAWN);
  g_assert_null (skipped->title);

  /* Passing the rest completes it; a path whose every step was withdrawn never does. */
  gcm_path_learner_set_best (learner, "quiz/ivory", 100);
  {
    g_autoptr(GcmPathReport) done = gcm_learning_path_evaluate (path, learner);
    g_autoptr(GcmPathLearner) empty = gcm_path_learner_new ();
    g_autoptr(GcmPathReport) nothing = gcm_learning_path_evaluate (path, empty);

    g_assert_true (done->complete);
    g_assert_false (nothing->complete);
    g_assert_cmpuint (nothing->n_steps, ==, 0);
    g_assert_cmpuint (nothing->withdrawn->len, ==, 3);
  }
}

static void
test_engine_translation (void)
{
  g_autoptr(GcmLearningPath) path = load_path ("ko");
  g_autoptr(GError) error = NULL;
  GcmPathStep *step;

  g_assert_cmpstr (gcm_learning_path_get_title (path), ==, "시험 과정");
  step = g_ptr_array_index (gcm_learning_path_get_steps (path), 2);
  /* The text is the translation's; the item and pass mark the original's. */
  g_assert_cmpstr (step->text, ==, "퀴즈를 통과한다.");
  g_assert_cmpstr (step->item_id, ==, "quiz/ivory");
  g_assert_cmpint (step->pass_mark, ==, 80);

  g_assert_null (gcm_learning_path_new_from_json ("{\"id\": \"quiz/ivory\", \"kind\": \"quiz\"}",
                                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* The publisher */


typedef struct
{
  const char *name;
  const char *find;
  const char *replace;
  const char *message;
} PathRefusal;

static const PathRefusal path_refusals[] = {
  { "unknown-item", "item: case/2020-test-seizure", "item: case/2021-no-such-case",
    "paths/test.yaml:9: the path step “case/2021-no-such-case” names no item" },
  { "pass-mark-on-section", "    item: manual/alpha/first\n",
    "    item: manual/alpha/first\n    pass_mark: 50\n",
    "paths/test.yaml:6: only a quiz step has a “pass_mark”" },
  { "pass-mark-range", "pass_mark: 80", "pass_mark: 180",
    "a “pass_mark” is a percentage from 1 to 100" },
  { "no-item", "    item: quiz/ivory\n", "", "a path step needs the “item” it leads to" },
  { "unknown-field", "    text: A case.\n", "    text: A case.\n    colour: green\n",
    "unknown path step field “colour”" },
  { "duplicate-step", "  - id: case\n", "  - id: read\n", "the step id “read” is used twice" },
};


static void
test_publish_refuses (gconstpointer user_data)
{
  const PathRefusal *r = user_data;
  g_autofree char *dir = gcm_test_make_tmpdir ("path-refuse");
  g_autofree char *output = g_build_filename (dir, "feed", NULL);
  g_autofree char *source = source_with_path (dir);
  g_autofree char *file = g_build_filename (source, "paths", "test.yaml", NULL);
  g_autofree char *standard_error = NULL;

  gcm_test_edit_file (file, r->find, r->replace);
  g_assert_cmpint (g_mkdir (output, 0755), ==, 0);
  g_assert_cmpint (gcm_test_publish_full (source, output, gcm_test_feed ()->secret_key, 0,
                                          &standard_error), ==, 1);
  g_test_message ("stderr: %s", standard_error);
  if (strstr (standard_error, r->message) == NULL)
    g_error ("no “%s” in:\n%s", r->message, standard_error);
  g_assert_true (gcm_test_dir_is_empty (output));
  gcm_test_rm_rf (dir);
}

/* The store, on real files */

static void
test_store_progress (void)
{
  g_autofree char *dir = gcm_test_make_tmpdir ("path-store");
  g_autoptr(GcmStore) store = store_with_path (dir);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GcmPathProgress) progress = gcm_path_progress_load (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gcm_learning_path_get_id (progress->path), ==, "path/test");
    g_assert_cmpint (progress->serial, ==, 2);
    g_assert_cmpuint (progress->report->n_steps, ==, 3);
    g_assert_cmpuint (progress->report->position, ==, 1);
    g_assert_cmpstr (next_step (progress->report)->title, ==, "First section");
  }

  /* Both read, and the quiz taken twice: 1 of 2, then 2 of 2. The best passes at 80. */
  exec_user_sql (store,
            "INSERT INTO progress (item_id, title, position, completed, updated) VALUES"
            " ('manual/alpha/first', 'First section', 1, 1, 1),"
            " ('case/2020-test-seizure', 'Ivory among cow horns', 1, 1, 1);"
            "INSERT INTO quiz_attempt (quiz_id, started, finished, score, total) VALUES"
            " ('quiz/ivory', 1, 2, 1, 2);");
  {
    g_autoptr(GcmPathProgress) progress = gcm_path_progress_load (store, "path/test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (progress->report->n_done, ==, 2);
    g_assert_cmpint (next_step (progress->report)->best, ==, 50);
    g_assert_false (progress->report->complete);
  }
  exec_user_sql (store,
            "INSERT INTO quiz_attempt (quiz_id, started, finished, score, total) VALUES"
            " ('quiz/ivory', 3, 4, 2, 2), ('quiz/ivory', 5, NULL, 0, 2);");
  {
    g_autoptr(GcmPathProgress) progress = gcm_path_progress_load (store, "path/test", &error);

    g_assert_no_error (error);
    g_assert_true (progress->report->complete);
  }

  /* No such path: a sentence, not a crash. */
  g_assert_null (gcm_path_progress_load (store, "path/none", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_clear_object (&store);
  gcm_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/path/engine/progress", test_engine_progress);
  g_test_add_func ("/path/engine/pass-mark", test_engine_pass_mark);
  g_test_add_func ("/path/engine/withdrawn", test_engine_withdrawn);
  g_test_add_func ("/path/engine/translation", test_engine_translation);
  for (guint i = 0; i < G_N_ELEMENTS (path_refusals); i++)
    {
      g_autofree char *name = g_strconcat ("/path/publish/refuses/", path_refusals[i].name, NULL);
      g_test_add_data_func (name, &path_refusals[i], test_publish_refuses);
    }
  g_test_add_func ("/path/store/progress", test_store_progress);
  return g_test_run ();
}
