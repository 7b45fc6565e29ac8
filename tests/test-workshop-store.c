/* test-workshop-store.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workshops on real SQLite files: what a presentation shows (a quiz's questions with their
 * answers, a procedure's steps and warnings, in the reader's language with the original's ids),
 * and the class results saved in user.db: saved, replaced under their id, listed newest first,
 * read back for the command line and exported again the same; and user.db version 3 migrated
 * to 4 with the user's rows kept.
 */

#define G_LOG_DOMAIN "TestWorkshopStore"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gcm-importer.h"
#include "gcm-quiz-question.h"
#include "gcm-test-utils.h"
#include "gcm-workshop.h"
#include "gcm-workshop-csv.h"

typedef struct
{
  char      *dir;
  char      *data_dir;
  GPtrArray *keys;
  GcmStore  *store;
} Fixture;

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = gcm_store_new (fixture->data_dir, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = gcm_test_make_tmpdir ("workshop");
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->keys = gcm_test_feed_keys ();
  if (user_data != NULL)
    return;
  open_store (fixture);
  gcm_test_import_feed (fixture->store, gcm_test_feed ()->feed, fixture->keys);
}

/* A worker lets go of a finished task after its callback may have run. */
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
  if (fixture->store != NULL)
    {
      wait_for_release (fixture->store);
      g_assert_finalize_object (fixture->store);
    }
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_ptr_array_unref (fixture->keys);
}

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

static GcmWorkshopDeck *
load_deck (GcmStore    *store,
           const char  *id,
           const char  *lang,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gcm_workshop_load_deck_async (store, id, lang, NULL, got_result_cb, &result);
  return gcm_workshop_load_deck_finish (store, wait_for (&result), error);
}

static gint64
save (GcmStore                 *store,
      const GcmWorkshopSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  gcm_workshop_save_async (store, session, NULL, got_result_cb, &result);
  id = gcm_workshop_save_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (GcmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions;

  gcm_workshop_list_async (store, NULL, got_result_cb, &result);
  sessions = gcm_workshop_list_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return sessions;
}

/* A session as a room in Korea answered it: commas, quotes and a line break in its text. */
static GcmWorkshopSession *
make_session (gint64 started)
{
  GcmWorkshopSession *session = gcm_workshop_session_new ("quiz/ivory", "상아 퀴즈", "ko", 3, started);
  GcmWorkshopQuestion *first = gcm_workshop_question_new ("q1", "상아는 어디에, \"숨겨\" 있었나?\n하나",
                                                          (const char *[]) { "소뿔 사이", "연료 탱크", NULL },
                                                          1u << 0);
  GcmWorkshopQuestion *second = gcm_workshop_question_new ("q2", "True or false?",
                                                           (const char *[]) { "True", "False", NULL },
                                                           1u << 0);

  gcm_workshop_question_set_tally (first, 0, 17);
  gcm_workshop_question_set_tally (first, 1, 4);
  gcm_workshop_question_set_tally (second, 1, 2);
  g_ptr_array_add (session->questions, first);
  g_ptr_array_add (session->questions, second);
  return session;
}

static void
test_deck_quiz (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmWorkshopDeck) deck = load_deck (fixture->store, "quiz/ivory", NULL, &error);
  GcmQuizQuestion *first;

  g_assert_no_error (error);
  g_assert_cmpstr (gcm_item_get_id (deck->item), ==, "quiz/ivory");
  g_assert_cmpint (deck->serial, >, 0);
  g_assert_cmpuint (deck->questions->len, ==, 2);
  first = g_ptr_array_index (deck->questions, 0);
  g_assert_cmpstr (gcm_quiz_question_get_id (first), ==, "q1");
  g_assert_true (gcm_quiz_question_is_right_choice (first, 0));
  g_assert_false (gcm_quiz_question_is_right_choice (first, 1));
  g_assert_cmpstr (gcm_quiz_question_get_explanation (first), ==,
                   "It was among cow horns; fuel tanks hide other goods.");
}

static void
test_deck_procedure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmWorkshopDeck) deck = load_deck (fixture->store, "procedure/ventilate-container",
                                               NULL, &error);
  GPtrArray *steps;

  g_assert_no_error (error);
  g_assert_null (deck->questions);
  steps = gcm_item_get_steps (deck->item);
  g_assert_cmpuint (steps->len, >=, 2);
  g_assert_cmpstr (((GcmItemStep *) g_ptr_array_index (steps, 0))->warning, ==,
                   "Do not enter before the reading is safe.");
  g_assert_nonnull (deck->pictures);
}

static void
test_deck_refused (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmWorkshopDeck) missing = load_deck (fixture->store, "quiz/none", NULL, &error);
  g_autoptr(GcmWorkshopDeck) section = NULL;

  g_assert_null (missing);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  section = load_deck (fixture->store, "case/2020-test-seizure", NULL, &error);
  g_assert_null (section);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED);
}

/* The bundled manual's Korean quiz: the text is the translation's, the ids the original's. */
static void
test_deck_localized (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmWorkshopDeck) english = NULL;
  g_autoptr(GcmWorkshopDeck) korean = NULL;
  const char *feed = g_getenv ("GCM_BUNDLED_FEED_DIR");

  if (feed == NULL)
    {
      g_test_skip ("needs GCM_BUNDLED_FEED_DIR");
      return;
    }
  open_store (fixture);
  gcm_test_import_feed (fixture->store, feed, NULL);
  english = load_deck (fixture->store, "quiz/basel", NULL, &error);
  g_assert_no_error (error);
  korean = load_deck (fixture->store, "quiz/basel", "ko", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gcm_item_get_title (korean->item), ==, "바젤협약: 유해폐기물");
  g_assert_cmpuint (korean->questions->len, ==, english->questions->len);
  for (guint i = 0; i < korean->questions->len; i++)
    {
      GcmQuizQuestion *ko = g_ptr_array_index (korean->questions, i);
      GcmQuizQuestion *en = g_ptr_array_index (english->questions, i);

      g_assert_cmpstr (gcm_quiz_question_get_id (ko), ==, gcm_quiz_question_get_id (en));
      g_assert_cmpstr (gcm_quiz_question_get_prompt (ko), !=, gcm_quiz_question_get_prompt (en));
      g_assert_cmpuint (gcm_quiz_question_get_n_right (ko), ==, gcm_quiz_question_get_n_right (en));
    }

  /* A procedure's pictures come from its text, with their descriptions, as files installed. */
  g_clear_pointer (&korean, gcm_workshop_deck_free);
  korean = load_deck (fixture->store, "procedure/fumigated-container", "ko", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (korean->pictures->len, >=, 1);
  g_assert_true (g_file_test (((GcmWorkshopPicture *) g_ptr_array_index (korean->pictures, 0))->file,
                              G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (((GcmWorkshopPicture *) g_ptr_array_index (korean->pictures, 0))->alt, !=, "");
}

static void
test_save_list_export (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GcmWorkshopSession) session = make_session (1780000000);
  g_autoptr(GcmWorkshopSession) later = make_session (1780090000);
  g_autoptr(GcmWorkshopSession) loaded = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *listed_csv = NULL;
  g_autofree char *loaded_csv = NULL;
  GcmWorkshopSession *listed;

  session->id = save (fixture->store, session);
  csv = gcm_workshop_csv_write (session);
  sessions = list (fixture->store);
  g_assert_cmpuint (sessions->len, ==, 1);
  listed = g_ptr_array_index (sessions, 0);
  g_assert_cmpint (listed->id, ==, session->id);
  g_assert_cmpstr (listed->title, ==, "상아 퀴즈");
  g_assert_cmpstr (listed->item_id, ==, "quiz/ivory");
  g_assert_cmpint (listed->content_serial, ==, 3);
  g_assert_cmpint (listed->started, ==, 1780000000);
  /* Exported again from user.db, it is the same file. */
  listed_csv = gcm_workshop_csv_write (listed);
  g_assert_cmpstr (listed_csv, ==, csv);

  /* Counted on and saved again: the same session, new counts. */
  gcm_workshop_question_set_tally (g_ptr_array_index (session->questions, 1), 0, 9);
  g_assert_cmpint (save (fixture->store, session), ==, session->id);
  later->id = save (fixture->store, later);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = list (fixture->store);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpint (((GcmWorkshopSession *) g_ptr_array_index (sessions, 0))->id, ==, later->id);
  listed = g_ptr_array_index (sessions, 1);
  g_assert_cmpuint (((GcmWorkshopQuestion *) g_ptr_array_index (listed->questions, 1))->tallies[0], ==, 9);
  g_assert_cmpint (gcm_workshop_session_get_share_right (listed), ==, 81);

  /* The command line's read, on a connection of its own. */
  loaded = gcm_workshop_load (fixture->store, session->id, &error);
  g_assert_no_error (error);
  loaded_csv = gcm_workshop_csv_write (loaded);
  g_clear_pointer (&csv, g_free);
  csv = gcm_workshop_csv_write (session);
  g_assert_cmpstr (loaded_csv, ==, csv);
  g_assert_null (gcm_workshop_load (fixture->store, 999, &error));
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
}

/* user.db as version 3 left it: a bookmark and a quiz attempt, and no workshop tables. */
static void
make_user_db_v3 (Fixture *fixture)
{
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  open_store (fixture);
  path = g_strdup (gcm_store_get_user_path (fixture->store));
  wait_for_release (fixture->store);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db,
                    "DROP TABLE workshop_choice; DROP TABLE workshop_question;"
                    "DROP TABLE workshop_session;"
                    "INSERT INTO bookmark (item_id, created, title) VALUES ('quiz/ivory', 1, 'Ivory');"
                    "INSERT INTO quiz_attempt (id, quiz_id, started, finished, score, total)"
                    "  VALUES (1, 'quiz/ivory', 1700000000, 1700000060, 2, 2);"
                    "PRAGMA user_version = 3;", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
test_migrate_v3 (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GcmWorkshopSession) session = make_session (1780000000);
  g_autoptr(GPtrArray) sessions = NULL;
  const char *user;

  make_user_db_v3 (fixture);
  open_store (fixture);
  user = gcm_store_get_user_path (fixture->store);
  g_assert_cmpint (gcm_test_sql_int (user, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (gcm_test_sql_int (user, "SELECT count(*) FROM bookmark"), ==, 1);
  g_assert_cmpint (gcm_test_sql_int (user, "SELECT score FROM quiz_attempt WHERE id = 1"), ==, 2);
  g_assert_cmpint (gcm_test_sql_int (user, "SELECT count(*) FROM workshop_session"), ==, 0);
  save (fixture->store, session);
  sessions = list (fixture->store);
  g_assert_cmpuint (sessions->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/workshop-store/deck-quiz", test_deck_quiz, NULL);
  ADD ("/workshop-store/deck-procedure", test_deck_procedure, NULL);
  ADD ("/workshop-store/deck-refused", test_deck_refused, NULL);
  ADD ("/workshop-store/deck-localized", test_deck_localized, "no store");
  ADD ("/workshop-store/save-list-export", test_save_list_export, NULL);
  ADD ("/workshop-store/migrate-v3", test_migrate_v3, "no store");
#undef ADD
  return g_test_run ();
}
