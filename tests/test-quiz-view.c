/* test-quiz-view.c — a quiz taken in a real window, as a learner would
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "gcm-quiz-view.h"

static const char quiz_json[] =
  "["
  " {\"id\":\"where\",\"type\":\"single\",\"prompt\":\"Where was the ivory hidden?\","
  "  \"choices\":[\"Among cow horns\",\"In the fuel tank\",\"In a fridge\"],"
  "  \"answer\":0,\"explanation\":\"Among cow horns; fuel tanks hide other goods.\","
  "  \"source\":\"case/2020-test-seizure\"},"
  " {\"id\":\"which\",\"type\":\"multiple\",\"prompt\":\"Which of these deplete the ozone layer?\","
  "  \"choices\":[\"R-22\",\"Water vapour\",\"CFC-12\",\"Nitrogen\"],"
  "  \"answer\":[0,2],\"explanation\":\"R-22 and CFC-12 are controlled substances.\","
  "  \"source\":\"manual/montreal/substances\"},"
  " {\"id\":\"tf\",\"type\":\"truefalse\",\"prompt\":\"Carved ivory can hide among cow horns.\","
  "  \"answer\":true,\"explanation\":\"It can.\",\"source\":\"manual/beta/second\"}"
  "]";

typedef struct
{
  GtkWidget   *window;
  GcmQuizView *view;
  guint        answered;
  guint        finished;
  guint        started;
  char        *opened;
} Fixture;

static void
on_answered_cb (GcmQuizView *view, GcmQuizAttempt *attempt, guint index, Fixture *fixture)
{
  fixture->answered++;
}

static void
on_finished_cb (GcmQuizView *view, GcmQuizAttempt *attempt, Fixture *fixture)
{
  fixture->finished++;
}

static void
on_started_cb (GcmQuizView *view, GcmQuizAttempt *attempt, Fixture *fixture)
{
  fixture->started++;
}

static void
on_open_item_cb (GcmQuizView *view, const char *id, Fixture *fixture)
{
  g_free (fixture->opened);
  fixture->opened = g_strdup (id);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Depth-first search for a widget of @type whose label (or accessible label) is @label. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_get_visible (child) && G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *text = NULL;

          if (GTK_IS_BUTTON (child) && !GTK_IS_CHECK_BUTTON (child))
            text = gtk_button_get_label (GTK_BUTTON (child));
          else if (GTK_IS_LABEL (child))
            text = gtk_label_get_label (GTK_LABEL (child));
          else if (ADW_IS_PREFERENCES_ROW (child))
            text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          if (label == NULL || g_strcmp0 (text, label) == 0)
            return child;
        }
      found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ticks the choice whose text is @text, as a click on its row would. */
static void
choose (Fixture    *fixture,
        const char *text)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_ACTION_ROW, text);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  drain ();
}

static void
press (Fixture    *fixture,
       const char *button_label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, button_label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static gboolean
shows_label (Fixture    *fixture,
             const char *text)
{
  return find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, text) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GcmQuizAttempt) attempt = NULL;

  g_assert_true (json_parser_load_from_data (parser, quiz_json, -1, NULL));
  questions = gcm_quiz_question_list_from_json (json_node_get_array (json_parser_get_root (parser)),
                                                NULL);
  attempt = gcm_quiz_attempt_new ("quiz/test", questions, 3, FALSE);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 700);
  fixture->view = GCM_QUIZ_VIEW (gcm_quiz_view_new ());
  g_signal_connect (fixture->view, "question-answered", G_CALLBACK (on_answered_cb), fixture);
  g_signal_connect (fixture->view, "attempt-finished", G_CALLBACK (on_finished_cb), fixture);
  g_signal_connect (fixture->view, "attempt-started", G_CALLBACK (on_started_cb), fixture);
  g_signal_connect (fixture->view, "open-item", G_CALLBACK (on_open_item_cb), fixture);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gcm_quiz_view_start (fixture->view, "Test quiz", attempt, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain ();
  g_free (fixture->opened);
}

static void
test_take_quiz (Fixture       *fixture,
                gconstpointer  data)
{
  /* Nothing chosen: Check cannot be pressed. */
  g_assert_true (shows_label (fixture, "Question 1 of 3"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (fixture->view),
                                                         GTK_TYPE_BUTTON, "_Check")));

  choose (fixture, "Among cow horns");
  press (fixture, "_Check");
  g_assert_true (shows_label (fixture, "Right"));
  g_assert_true (shows_label (fixture, "Among cow horns; fuel tanks hide other goods."));
  g_assert_cmpuint (fixture->answered, ==, 1);
  press (fixture, "Read the Section");
  g_assert_cmpstr (fixture->opened, ==, "case/2020-test-seizure");
  press (fixture, "_Next Question");

  /* Multiple choice: one of the two right answers is not enough. */
  g_assert_true (shows_label (fixture, "Question 2 of 3"));
  choose (fixture, "R-22");
  press (fixture, "_Check");
  g_assert_true (shows_label (fixture, "Not quite"));
  {
    AdwActionRow *missed = ADW_ACTION_ROW (find_widget (GTK_WIDGET (fixture->view),
                                                        ADW_TYPE_ACTION_ROW, "CFC-12"));
    g_assert_cmpstr (adw_action_row_get_subtitle (missed), ==, "Right answer");
  }
  press (fixture, "_Next Question");

  choose (fixture, "True");
  press (fixture, "_Check");
  press (fixture, "See _Results");

  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                     find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE, NULL))),
                   ==, "2 of 3 Right");
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_ACTION_ROW,
                                 "Which of these deplete the ozone layer?"));

  /* The missed one again, on its own. */
  press (fixture, "_Review the Missed Ones");
  g_assert_cmpuint (fixture->started, ==, 1);
  g_assert_true (shows_label (fixture, "Question 1 of 1"));
  g_assert_true (gcm_quiz_attempt_is_retry (gcm_quiz_view_get_attempt (fixture->view)));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/quiz-view/take-quiz", Fixture, NULL, fixture_set_up, test_take_quiz,
              fixture_tear_down);
  return g_test_run ();
}
