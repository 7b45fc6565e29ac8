/* test-workshop-model.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workshop's class results without a display or a database: the room's counts, the share
 * right (per question and overall), the right answers' letters, and the CSV the instructor
 * exports (RFC 4180: quoted commas, doubled quotes, line breaks kept, CRLF; UTF-8 with Korean
 * text as typed).
 */

#define G_LOG_DOMAIN "TestWorkshopModel"

#include "gcm-workshop-csv.h"
#include "gcm-workshop-session.h"

static GcmWorkshopSession *
make_session (void)
{
  GcmWorkshopSession *session = gcm_workshop_session_new ("quiz/basel", "Basel", "en", 7, 1780000000);
  GcmWorkshopQuestion *single = gcm_workshop_question_new ("q1", "Which one?",
                                                           (const char *[]) { "A", "B", "C", NULL },
                                                           1u << 1);
  GcmWorkshopQuestion *multiple = gcm_workshop_question_new ("q2", "Which ones?",
                                                             (const char *[]) { "W", "X", "Y", "Z", NULL },
                                                             (1u << 0) | (1u << 2));

  gcm_workshop_question_set_tally (single, 0, 3);
  gcm_workshop_question_set_tally (single, 1, 18);
  gcm_workshop_question_set_tally (single, 2, 4);
  gcm_workshop_question_set_tally (multiple, 0, 10);
  gcm_workshop_question_set_tally (multiple, 1, 5);
  gcm_workshop_question_set_tally (multiple, 2, 5);
  g_ptr_array_add (session->questions, single);
  g_ptr_array_add (session->questions, multiple);
  return session;
}

static void
test_share_right (void)
{
  g_autoptr(GcmWorkshopSession) session = make_session ();
  GcmWorkshopQuestion *single = g_ptr_array_index (session->questions, 0);
  GcmWorkshopQuestion *multiple = g_ptr_array_index (session->questions, 1);
  g_autofree char *letters = gcm_workshop_question_dup_right_letters (multiple);

  g_assert_cmpuint (gcm_workshop_question_get_total (single), ==, 25);
  g_assert_cmpuint (gcm_workshop_question_get_n_right (single), ==, 18);
  g_assert_cmpint (gcm_workshop_question_get_share_right (single), ==, 72);
  /* Several right choices: the answers given to them out of all answers. */
  g_assert_cmpint (gcm_workshop_question_get_share_right (multiple), ==, 75);
  g_assert_cmpstr (letters, ==, "A, C");
  /* 33 of 45 answers were right overall. */
  g_assert_cmpint (gcm_workshop_session_get_share_right (session), ==, 73);
  g_assert_cmpuint (gcm_workshop_session_get_max_choices (session), ==, 4);
  g_assert_true (gcm_workshop_session_has_tallies (session));
}

static void
test_no_answers (void)
{
  g_autoptr(GcmWorkshopSession) session = gcm_workshop_session_new ("quiz/x", "X", NULL, 0, 0);
  GcmWorkshopQuestion *question = gcm_workshop_question_new ("q", "?", (const char *[]) { "a", "b", NULL }, 1);

  g_ptr_array_add (session->questions, question);
  g_assert_cmpint (gcm_workshop_question_get_share_right (question), ==, -1);
  g_assert_cmpint (gcm_workshop_session_get_share_right (session), ==, -1);
  g_assert_false (gcm_workshop_session_has_tallies (session));
  /* A slip of the keyboard is kept at the most a room can be. */
  gcm_workshop_question_set_tally (question, 1, 123456);
  g_assert_cmpuint (question->tallies[1], ==, GCM_WORKSHOP_MAX_TALLY);
  g_assert_cmpint (gcm_workshop_question_get_share_right (question), ==, 0);
}

static void
test_copy (void)
{
  g_autoptr(GcmWorkshopSession) session = make_session ();
  g_autoptr(GcmWorkshopSession) copy = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *copy_csv = NULL;

  session->id = 12;
  copy = gcm_workshop_session_copy (session);
  csv = gcm_workshop_csv_write (session);
  copy_csv = gcm_workshop_csv_write (copy);
  g_assert_cmpint (copy->id, ==, 12);
  g_assert_cmpstr (csv, ==, copy_csv);
  /* Counting on changes the original only. */
  gcm_workshop_question_set_tally (g_ptr_array_index (session->questions, 0), 0, 0);
  g_assert_cmpuint (((GcmWorkshopQuestion *) g_ptr_array_index (copy->questions, 0))->tallies[0], ==, 3);
}

typedef struct
{
  const char *field;
  const char *written;
} QuoteCase;

static const QuoteCase quote_cases[] = {
  { "plain", "plain" },
  { "", "" },
  { "a, b", "\"a, b\"" },
  { "say \"no\"", "\"say \"\"no\"\"\"" },
  { "two\nlines", "\"two\nlines\"" },
  { "cr\r\nlf", "\"cr\r\nlf\"" },
  { "바젤협약, 제9조", "\"바젤협약, 제9조\"" },
  { "몬트리올 의정서", "몬트리올 의정서" },
};

static void
test_quote (gconstpointer data)
{
  const QuoteCase *item = data;
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  gcm_workshop_csv_append_field (row, item->field);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, item->written);
}

static void
test_csv (void)
{
  g_autoptr(GcmWorkshopSession) session = gcm_workshop_session_new ("quiz/basel", "바젤", "ko", 7, 0);
  GcmWorkshopQuestion *question = gcm_workshop_question_new ("q-1", "불법거래, \"무엇\"?\n둘째 줄",
                                                             (const char *[]) { "가", "나", NULL }, 1);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  gcm_workshop_question_set_tally (question, 0, 9);
  gcm_workshop_question_set_tally (question, 1, 3);
  g_ptr_array_add (session->questions, question);
  g_ptr_array_add (session->questions,
                   gcm_workshop_question_new ("q-2", "Short", (const char *[]) { "x", NULL }, 1));
  csv = gcm_workshop_csv_write (session);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "Question ID,Question,Choices,Right Answer,A,B,"
                                        "Answers,Right (%)\r\n"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[1], ==, "q-1,\"불법거래, \"\"무엇\"\"?\n둘째 줄\",\"A. 가\nB. 나\",A,9,3,12,75");
  /* A question with fewer choices leaves the rest of its columns empty, not zero. */
  g_assert_cmpstr (lines[2], ==, "q-2,Short,A. x,A,0,,0,");
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workshop-model/share-right", test_share_right);
  g_test_add_func ("/workshop-model/no-answers", test_no_answers);
  g_test_add_func ("/workshop-model/copy", test_copy);
  for (guint i = 0; i < G_N_ELEMENTS (quote_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/workshop-model/quote/%u", i);

      g_test_add_data_func (path, &quote_cases[i], test_quote);
    }
  g_test_add_func ("/workshop-model/csv", test_csv);
  return g_test_run ();
}
