/* gcm-window-learning.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's learning pages: Home, Review, and a quiz taken from its item page. Every
 * attempt, answer and score goes to user.db through gcm-learning, in the order given.
 */

#define G_LOG_DOMAIN "GcmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-home-view.h"
#include "gcm-learning.h"
#include "gcm-quiz-view.h"
#include "gcm-review-view.h"
#include "gcm-window-private.h"

struct _GcmWindowLearning
{
  GcmHomeView       *home;
  GcmReviewView     *review;
  GcmQuizView       *quiz_view;
  GCancellable      *cancellable;
  GcmLearningRecord *record;     /* the attempt being taken */
  char              *quiz_id;
  char              *quiz_title;
  gint64             serial;
};

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_learning_write_finish (GCM_STORE (object), result, &error))
    g_warning ("Cannot save the quiz: %s", error->message);
}

static void
begin_record (GcmWindowLearning *learning,
              GcmStore          *store,
              GcmQuizAttempt    *attempt)
{
  g_clear_pointer (&learning->record, gcm_learning_record_unref);
  learning->record = gcm_learning_record_begin (store, learning->quiz_id, learning->quiz_title,
                                                gcm_quiz_attempt_get_seed (attempt),
                                                gcm_quiz_attempt_is_retry (attempt),
                                                learning->serial, now (), written_cb, NULL);
}

static void
on_attempt_started_cb (GcmWindow      *self,
                       GcmQuizAttempt *attempt)
{
  begin_record (self->learning, self->store, attempt);
}

static void
on_question_answered_cb (GcmWindow      *self,
                         GcmQuizAttempt *attempt,
                         guint           index)
{
  guint chosen = gcm_quiz_attempt_get_chosen (attempt, index);
  g_autoptr(GString) answer = g_string_new (NULL);

  for (guint i = 0; i < GCM_QUIZ_MAX_CHOICES; i++)
    if (chosen & (1u << i))
      g_string_append_printf (answer, "%s%u", answer->len > 0 ? "," : "", i);
  gcm_learning_record_answer (self->learning->record, self->learning->quiz_id,
                              gcm_quiz_attempt_get_question (attempt, index), answer->str,
                              gcm_quiz_attempt_is_right (attempt, index),
                              gcm_quiz_attempt_is_retry (attempt),
                              gcm_quiz_attempt_get_elapsed_ms (attempt, index), now (),
                              written_cb, NULL);
}

static void
on_attempt_finished_cb (GcmWindow      *self,
                        GcmQuizAttempt *attempt)
{
  gcm_learning_record_end (self->learning->record, gcm_quiz_attempt_get_n_right (attempt),
                           gcm_quiz_attempt_get_n_questions (attempt), now (), written_cb, NULL);
}

static void
quiz_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningQuiz) quiz = gcm_learning_load_quiz_finish (GCM_STORE (object), result,
                                                                   &error);
  g_autoptr(GcmQuizAttempt) attempt = NULL;
  GcmWindowLearning *learning = self->learning;

  if (quiz == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _gcm_window_toast (self, error->message);
      return;
    }
  if (quiz->questions->len == 0)
    {
      _gcm_window_toast (self, _("This quiz has no questions."));
      return;
    }
  g_free (learning->quiz_id);
  learning->quiz_id = g_strdup (quiz->id);
  g_free (learning->quiz_title);
  learning->quiz_title = g_strdup (quiz->title);
  learning->serial = quiz->serial;
  attempt = gcm_quiz_attempt_new (quiz->id, quiz->questions, g_random_int (), FALSE);
  begin_record (learning, self->store, attempt);
  /* Shown first, so the first choice can take the focus and the keys work at once. */
  gtk_stack_set_visible_child_name (self->content_stack, "quiz");
  gcm_quiz_view_start (learning->quiz_view, quiz->title, attempt, quiz->media_files);
}

static void
start_quiz_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GcmWindow *self = GCM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (*id == '\0')
    return;
  g_cancellable_cancel (self->learning->cancellable);
  g_clear_object (&self->learning->cancellable);
  self->learning->cancellable = g_cancellable_new ();
  gcm_learning_load_quiz_async (self->store, id, self->learning->cancellable, quiz_loaded_cb,
                                g_object_ref (self));
}

static void
open_route_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GcmRoute) route = gcm_route_parse (g_variant_get_string (parameter, NULL));

  if (route != NULL)
    _gcm_window_navigate (GCM_WINDOW (widget), route);
}

void
_gcm_window_class_add_learning_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.start-quiz", "s", start_quiz_action);
  gtk_widget_class_install_action (widget_class, "win.open-route", "s", open_route_action);
}

void
_gcm_window_init_learning (GcmWindow *self)
{
  GcmWindowLearning *learning = g_new0 (GcmWindowLearning, 1);

  self->learning = learning;
  learning->home = GCM_HOME_VIEW (gcm_home_view_new (self->store));
  learning->review = GCM_REVIEW_VIEW (gcm_review_view_new (self->store));
  learning->quiz_view = GCM_QUIZ_VIEW (gcm_quiz_view_new ());
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (learning->home), "home");
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (learning->review), "review");
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (learning->quiz_view), "quiz");
  g_signal_connect_object (learning->review, "open-item", G_CALLBACK (_gcm_window_open_item),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (learning->quiz_view, "open-item", G_CALLBACK (_gcm_window_open_item),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (learning->quiz_view, "attempt-started",
                           G_CALLBACK (on_attempt_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (learning->quiz_view, "question-answered",
                           G_CALLBACK (on_question_answered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (learning->quiz_view, "attempt-finished",
                           G_CALLBACK (on_attempt_finished_cb), self, G_CONNECT_SWAPPED);
}

void
_gcm_window_dispose_learning (GcmWindow *self)
{
  GcmWindowLearning *learning = g_steal_pointer (&self->learning);

  if (learning == NULL)
    return;
  g_cancellable_cancel (learning->cancellable);
  g_clear_object (&learning->cancellable);
  g_clear_pointer (&learning->record, gcm_learning_record_unref);
  g_free (learning->quiz_id);
  g_free (learning->quiz_title);
  g_free (learning);
}

/* Home and Review; FALSE for any other place. */
gboolean
_gcm_window_show_learning_route (GcmWindow *self,
                                 GcmRoute  *route)
{
  switch (gcm_route_get_route_type (route))
    {
    case GCM_ROUTE_HOME:
      gcm_home_view_reload (self->learning->home);
      gtk_stack_set_visible_child_name (self->content_stack, "home");
      return TRUE;
    case GCM_ROUTE_REVIEW:
      gcm_review_view_reload (self->learning->review);
      gtk_stack_set_visible_child_name (self->content_stack, "review");
      return TRUE;
    default:
      return FALSE;
    }
}
