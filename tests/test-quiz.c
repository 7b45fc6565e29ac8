/* test-quiz.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-quiz-attempt.h"

static const char quiz_json[] =
  "["
  " {\"id\":\"where\",\"type\":\"single\",\"prompt\":\"Where was the ivory hidden?\","
  "  \"choices\":[\"Among cow horns\",\"In the fuel tank\",\"In a fridge\",\"In tyres\"],"
  "  \"answer\":0,\"explanation\":\"Among cow horns.\",\"source\":\"case/2020-test-seizure\"},"
  " {\"id\":\"which\",\"type\":\"multiple\",\"prompt\":\"Which are ODS?\","
  "  \"choices\":[\"R-22\",\"Water\",\"CFC-12\",\"Nitrogen\",\"Halon 1211\"],"
  "  \"answer\":[0,2,4],\"explanation\":\"R-22, CFC-12 and halons deplete ozone.\","
  "  \"source\":\"manual/montreal/substances\",\"image\":\"illustrations/cylinder.svg\"},"
  " {\"id\":\"tf\",\"type\":\"truefalse\",\"prompt\":\"Carved ivory can hide among cow horns.\","
  "  \"answer\":true,\"explanation\":\"It can.\",\"source\":\"manual/beta/second\"}"
  "]";

static GPtrArray *
parse_questions (const char *json,
                 GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return gcm_quiz_question_list_from_json (json_node_get_array (json_parser_get_root (parser)),
                                           error);
}

static GPtrArray *
bundled_questions (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *questions = parse_questions (quiz_json, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (questions->len, ==, 3);
  return questions;
}

/* The bit set of positions that show the given choices of the question. */
static guint
positions_of (GcmQuizAttempt *attempt,
              guint           index,
              guint           choices)
{
  guint n = gcm_quiz_question_get_n_choices (gcm_quiz_attempt_get_question (attempt, index));
  guint positions = 0;

  for (guint p = 0; p < n; p++)
    if (choices & (1u << gcm_quiz_attempt_get_choice_at (attempt, index, p)))
      positions |= 1u << p;
  return positions;
}

static void
test_question_fields (void)
{
  g_autoptr(GPtrArray) questions = bundled_questions ();
  GcmQuizQuestion *single = questions->pdata[0], *multiple = questions->pdata[1], *tf = questions->pdata[2];

  g_assert_cmpstr (gcm_quiz_question_get_id (single), ==, "where");
  g_assert_cmpint (gcm_quiz_question_get_question_type (single), ==, GCM_QUESTION_SINGLE);
  g_assert_cmpuint (gcm_quiz_question_get_n_choices (single), ==, 4);
  g_assert_true (gcm_quiz_question_is_right_choice (single, 0));
  g_assert_false (gcm_quiz_question_is_right_choice (single, 1));
  g_assert_cmpstr (gcm_quiz_question_get_source (single), ==, "case/2020-test-seizure");
  g_assert_null (gcm_quiz_question_get_image (single));

  g_assert_cmpint (gcm_quiz_question_get_question_type (multiple), ==, GCM_QUESTION_MULTIPLE);
  g_assert_cmpuint (gcm_quiz_question_get_n_right (multiple), ==, 3);
  g_assert_cmpstr (gcm_quiz_question_get_image (multiple), ==, "illustrations/cylinder.svg");

  g_assert_cmpint (gcm_quiz_question_get_question_type (tf), ==, GCM_QUESTION_TRUE_FALSE);
  g_assert_cmpuint (gcm_quiz_question_get_n_choices (tf), ==, 2);
  g_assert_cmpstr (gcm_quiz_question_get_choice (tf, 0), ==, "True");
  g_assert_true (gcm_quiz_question_is_right_choice (tf, 0));
  g_assert_false (gcm_quiz_question_is_right_choice (tf, 1));
}

static void
test_invalid_questions (void)
{
  const char *bad[] = {
    "[{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"P\",\"choices\":[\"x\",\"y\"],\"answer\":2}]",
    "[{\"id\":\"a\",\"type\":\"single\",\"prompt\":\"P\",\"choices\":[\"x\"],\"answer\":0}]",
    "[{\"id\":\"a\",\"type\":\"essay\",\"prompt\":\"P\",\"answer\":0}]",
    "[{\"id\":\"a\",\"type\":\"truefalse\",\"prompt\":\"P\",\"answer\":1}]",
    "[{\"id\":\"a\",\"type\":\"multiple\",\"prompt\":\"P\",\"choices\":[\"x\",\"y\"],\"answer\":[]}]",
    "[{\"id\":\"A b\",\"type\":\"truefalse\",\"prompt\":\"P\",\"answer\":true}]",
    "[{\"id\":\"a\",\"type\":\"truefalse\",\"prompt\":\"P\",\"answer\":true},"
    " {\"id\":\"a\",\"type\":\"truefalse\",\"prompt\":\"Q\",\"answer\":true}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) questions = parse_questions (bad[i], &error);

      g_assert_null (questions);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_scoring (void)
{
  g_autoptr(GPtrArray) questions = bundled_questions ();
  g_autoptr(GcmQuizAttempt) attempt = gcm_quiz_attempt_new ("quiz/test", questions, 7, FALSE);
  g_autoptr(GPtrArray) missed = NULL;

  /* Single: right. */
  g_assert_true (gcm_quiz_attempt_answer (attempt, 0, positions_of (attempt, 0, 1u << 0), 4000));
  /* Multiple: two of the three right ones is wrong (all or nothing). */
  g_assert_false (gcm_quiz_attempt_answer (attempt, 1, positions_of (attempt, 1, 0x1 | 0x4), 9000));
  g_assert_cmpuint (gcm_quiz_attempt_get_chosen (attempt, 1), ==, 0x5);
  g_assert_false (gcm_quiz_attempt_is_finished (attempt));
  /* True/false keeps its order: position 0 is True. */
  g_assert_cmpuint (gcm_quiz_attempt_get_choice_at (attempt, 2, 0), ==, 0);
  g_assert_true (gcm_quiz_attempt_answer (attempt, 2, 1u << 0, 2000));

  g_assert_true (gcm_quiz_attempt_is_finished (attempt));
  g_assert_cmpuint (gcm_quiz_attempt_get_n_right (attempt), ==, 2);
  g_assert_cmpuint (gcm_quiz_attempt_get_score_percent (attempt), ==, 67);
  g_assert_cmpuint (gcm_quiz_attempt_get_elapsed_ms (attempt, 1), ==, 9000);

  missed = gcm_quiz_attempt_dup_missed (attempt);
  g_assert_cmpuint (missed->len, ==, 1);
  g_assert_cmpstr (gcm_quiz_question_get_id (missed->pdata[0]), ==, "which");
}

static void
test_multiple_all_right (void)
{
  g_autoptr(GPtrArray) questions = bundled_questions ();
  g_autoptr(GcmQuizAttempt) attempt = gcm_quiz_attempt_new ("quiz/test", questions, 1, FALSE);

  g_assert_true (gcm_quiz_attempt_answer (attempt, 1, positions_of (attempt, 1, 0x15), 1));
  /* Every right one plus a wrong one is wrong too. */
  g_clear_object (&attempt);
  attempt = gcm_quiz_attempt_new ("quiz/test", questions, 1, FALSE);
  g_assert_false (gcm_quiz_attempt_answer (attempt, 1, positions_of (attempt, 1, 0x17), 1));
}

static void
test_seeded_shuffle (void)
{
  g_autoptr(GPtrArray) questions = bundled_questions ();
  g_autoptr(GcmQuizAttempt) first = gcm_quiz_attempt_new ("quiz/test", questions, 42, FALSE);
  g_autoptr(GcmQuizAttempt) replay = gcm_quiz_attempt_new ("quiz/test", questions, 42, FALSE);
  gboolean moved = FALSE;

  for (guint q = 0; q < 2; q++)
    {
      guint n = gcm_quiz_question_get_n_choices (questions->pdata[q]);
      guint seen = 0;

      for (guint p = 0; p < n; p++)
        {
          guint choice = gcm_quiz_attempt_get_choice_at (first, q, p);

          g_assert_cmpuint (choice, ==, gcm_quiz_attempt_get_choice_at (replay, q, p));
          seen |= 1u << choice;
        }
      g_assert_cmpuint (seen, ==, (1u << n) - 1);   /* a permutation */
    }

  /* Some seed moves the right answer of the first question away from the top. */
  for (guint32 seed = 0; seed < 20 && !moved; seed++)
    {
      g_autoptr(GcmQuizAttempt) other = gcm_quiz_attempt_new ("quiz/test", questions, seed, FALSE);

      moved = gcm_quiz_attempt_get_choice_at (other, 0, 0) != 0;
    }
  g_assert_true (moved);
}

static void
test_fingerprint (void)
{
  g_autoptr(GPtrArray) questions = bundled_questions ();
  const char *reworded_explanation =
    "[{\"id\":\"tf\",\"type\":\"truefalse\",\"prompt\":\"Carved ivory can hide among cow horns.\","
    "  \"answer\":true,\"explanation\":\"Yes, it can.\",\"source\":\"manual/beta/second\"}]";
  const char *changed_answer =
    "[{\"id\":\"tf\",\"type\":\"truefalse\",\"prompt\":\"Carved ivory can hide among cow horns.\","
    "  \"answer\":false,\"explanation\":\"It can.\",\"source\":\"manual/beta/second\"}]";
  g_autoptr(GPtrArray) same = parse_questions (reworded_explanation, NULL);
  g_autoptr(GPtrArray) changed = parse_questions (changed_answer, NULL);
  const char *original = gcm_quiz_question_get_fingerprint (questions->pdata[2]);

  g_assert_cmpuint (strlen (original), ==, 64);
  g_assert_cmpstr (gcm_quiz_question_get_fingerprint (same->pdata[0]), ==, original);
  g_assert_cmpstr (gcm_quiz_question_get_fingerprint (changed->pdata[0]), !=, original);
  g_assert_cmpstr (gcm_quiz_question_get_fingerprint (questions->pdata[0]), !=,
                   gcm_quiz_question_get_fingerprint (questions->pdata[1]));
}

/* Every quiz of the bundled manual can be taken: its questions all load. */
static void
test_bundled_quizzes (void)
{
  const char *feed = g_getenv ("GCM_BUNDLED_FEED_DIR");
  g_autofree char *manifests = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_quizzes = 0, n_questions = 0;

  g_assert_nonnull (feed);
  manifests = g_build_filename (feed, "v1", "manifests", NULL);
  dir = g_dir_open (manifests, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *path = g_build_filename (manifests, name, NULL);
      JsonArray *items;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *sha = json_object_get_string_member (item, "sha256");
          g_autofree char *prefix = g_strndup (sha, 2);
          g_autofree char *object = g_build_filename (feed, "v1", "objects", prefix, sha, NULL);
          g_autoptr(JsonParser) quiz = json_parser_new ();
          g_autoptr(GPtrArray) questions = NULL;
          g_autoptr(GError) error = NULL;

          if (g_strcmp0 (json_object_get_string_member (item, "kind"), "quiz") != 0)
            continue;
          g_assert_true (json_parser_load_from_file (quiz, object, NULL));
          questions = gcm_quiz_question_list_from_json (
              json_object_get_array_member (json_node_get_object (json_parser_get_root (quiz)), "questions"),
              &error);
          g_assert_no_error (error);
          g_assert_cmpuint (questions->len, >, 0);
          n_quizzes++;
          n_questions += questions->len;
        }
    }
  g_test_message ("%u bundled quizzes, %u questions", n_quizzes, n_questions);
  g_assert_cmpuint (n_quizzes, >=, 10);
}

/* A translation changes the words only: ids, answers and fingerprints stay the original's, and a
 * question it lacks, or translates into another question, stays in the original. */
static void
test_localize (void)
{
  static const char item_json[] =
    "{\"id\":\"quiz/test\",\"kind\":\"quiz\",\"lang\":\"en\",\"title\":\"Test\",\"questions\":"
    " [{\"id\":\"where\",\"type\":\"single\",\"prompt\":\"Where?\",\"choices\":[\"Horns\",\"Tank\"],"
    "   \"answer\":0,\"explanation\":\"In horns.\"},"
    "  {\"id\":\"which\",\"type\":\"single\",\"prompt\":\"Which?\",\"choices\":[\"A\",\"B\"],"
    "   \"answer\":1,\"explanation\":\"B.\"},"
    "  {\"id\":\"tf\",\"type\":\"truefalse\",\"prompt\":\"True?\",\"answer\":true}],"
    " \"translations\":{\"ko\":{\"title\":\"시험\",\"questions\":"
    "  [{\"prompt\":\"어디에?\",\"choices\":[\"뿔\",\"탱크\"],\"explanation\":\"뿔 속에.\"},"
    "   {\"prompt\":\"어느 것?\",\"choices\":[\"가\",\"나\",\"다\"]}]}}}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) korean = NULL;
  g_autoptr(GPtrArray) english = NULL;
  GcmQuizQuestion *where, *where_ko;

  g_assert_true (json_parser_load_from_data (parser, item_json, -1, NULL));
  questions = gcm_quiz_question_list_from_json (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "questions"),
    NULL);
  g_assert_nonnull (questions);
  korean = gcm_quiz_question_list_localize (questions, item_json, "ko");
  english = gcm_quiz_question_list_localize (questions, item_json, "en");

  g_assert_cmpuint (korean->len, ==, 3);
  where = g_ptr_array_index (questions, 0);
  where_ko = g_ptr_array_index (korean, 0);
  g_assert_cmpstr (gcm_quiz_question_get_prompt (where_ko), ==, "어디에?");
  g_assert_cmpstr (gcm_quiz_question_get_choice (where_ko, 1), ==, "탱크");
  g_assert_cmpstr (gcm_quiz_question_get_explanation (where_ko), ==, "뿔 속에.");
  g_assert_cmpstr (gcm_quiz_question_get_id (where_ko), ==, "where");
  g_assert_true (gcm_quiz_question_is_right_choice (where_ko, 0));
  g_assert_cmpstr (gcm_quiz_question_get_fingerprint (where_ko), ==,
                   gcm_quiz_question_get_fingerprint (where));
  /* Three choices for two: not this question; no translation: the original. */
  g_assert_true (g_ptr_array_index (korean, 1) == g_ptr_array_index (questions, 1));
  g_assert_cmpstr (gcm_quiz_question_get_prompt (g_ptr_array_index (korean, 2)), ==, "True?");
  /* The original's language asks for no translation. */
  for (guint i = 0; i < questions->len; i++)
    g_assert_true (g_ptr_array_index (english, i) == g_ptr_array_index (questions, i));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quiz/question-fields", test_question_fields);
  g_test_add_func ("/quiz/invalid-questions", test_invalid_questions);
  g_test_add_func ("/quiz/scoring", test_scoring);
  g_test_add_func ("/quiz/multiple-all-right", test_multiple_all_right);
  g_test_add_func ("/quiz/seeded-shuffle", test_seeded_shuffle);
  g_test_add_func ("/quiz/fingerprint", test_fingerprint);
  g_test_add_func ("/quiz/bundled-quizzes", test_bundled_quizzes);
  g_test_add_func ("/quiz/localize", test_localize);
  return g_test_run ();
}
