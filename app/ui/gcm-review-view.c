/* gcm-review-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today's reviews: the questions due, mixed across quizzes, taken one at a time in a
 * GcmQuizView. Every answer goes to the review log under the quiz its question comes from; a
 * review is no quiz attempt, so it changes no quiz's score.
 */

#define G_LOG_DOMAIN "GcmReviewView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-learning.h"
#include "gcm-quiz-view.h"
#include "gcm-review-view.h"

struct _GcmReviewView
{
  AdwBin             parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *status;
  GcmQuizView       *quiz_view;

  GcmStore          *store;
  GCancellable      *cancellable;
  GcmLearningRecord *record;
  GHashTable        *quiz_of;   /* GcmQuizQuestion → its quiz id */
  gint64             clock_offset; /* seconds from real time to the review's clock */
};

G_DEFINE_FINAL_TYPE (GcmReviewView, gcm_review_view, ADW_TYPE_BIN)

enum {
  OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
answer_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_learning_write_finish (GCM_STORE (object), result, &error))
    g_warning ("Cannot save a review: %s", error->message);
}

static char *
chosen_text (guint chosen)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < GCM_QUIZ_MAX_CHOICES; i++)
    if (chosen & (1u << i))
      g_string_append_printf (text, "%s%u", text->len > 0 ? "," : "", i);
  return g_string_free (text, FALSE);
}

static void
on_question_answered_cb (GcmReviewView  *self,
                         GcmQuizAttempt *attempt,
                         guint           index)
{
  GcmQuizQuestion *question = gcm_quiz_attempt_get_question (attempt, index);
  const char *quiz_id = g_hash_table_lookup (self->quiz_of, question);
  g_autofree char *answer = chosen_text (gcm_quiz_attempt_get_chosen (attempt, index));

  if (quiz_id == NULL)
    return;
  gcm_learning_record_answer (self->record, quiz_id, question, answer,
                              gcm_quiz_attempt_is_right (attempt, index),
                              gcm_quiz_attempt_is_retry (attempt),
                              gcm_quiz_attempt_get_elapsed_ms (attempt, index),
                              g_get_real_time () / G_USEC_PER_SEC + self->clock_offset,
                              answer_written_cb, NULL);
}

static void
on_open_item_cb (GcmReviewView *self,
                 const char    *id)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, id);
}

static void
show_status (GcmReviewView *self,
             const char    *title,
             const char    *description)
{
  adw_status_page_set_title (self->status, title);
  adw_status_page_set_description (self->status, description);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->status));
}

static void
progress_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GcmReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningProgress) progress = gcm_learning_progress_finish (GCM_STORE (object),
                                                                          result, &error);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GcmQuizAttempt) attempt = NULL;

  if (progress == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, _("Your Reviews Could Not Be Read"), error->message);
      return;
    }
  if (progress->due->len == 0)
    {
      show_status (self, _("Nothing to Review Today"),
                   _("Questions you answered come back here when you are about to forget them."));
      return;
    }
  g_hash_table_remove_all (self->quiz_of);
  questions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < progress->due->len; i++)
    {
      GcmLearningDue *due = g_ptr_array_index (progress->due, i);

      g_ptr_array_add (questions, g_object_ref (due->question));
      g_hash_table_insert (self->quiz_of, g_object_ref (due->question), g_strdup (due->quiz_id));
    }
  attempt = gcm_quiz_attempt_new ("review", questions, g_random_int (), FALSE);
  gcm_quiz_view_start (self->quiz_view, _("Today’s Review"), attempt, progress->media_files);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->quiz_view));
}

/**
 * gcm_review_view_reload:
 *
 * Reads the questions due now and starts a review of them.
 */
void
gcm_review_view_reload (GcmReviewView *self)
{
  gcm_review_view_reload_at (self, g_get_real_time () / G_USEC_PER_SEC);
}

/**
 * gcm_review_view_reload_at:
 * @now: Unix time
 *
 * Reads the questions due at @now and starts a review of them; the answers are logged on the
 * same clock, moved on as real time passes.
 */
void
gcm_review_view_reload_at (GcmReviewView *self,
                           gint64         now)
{
  g_return_if_fail (GCM_IS_REVIEW_VIEW (self));

  self->clock_offset = now - g_get_real_time () / G_USEC_PER_SEC;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gcm_learning_progress_async (self->store, now, self->cancellable, progress_cb,
                               g_object_ref (self));
}

static void
gcm_review_view_dispose (GObject *object)
{
  GcmReviewView *self = GCM_REVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->record, gcm_learning_record_unref);
  g_clear_pointer (&self->quiz_of, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gcm_review_view_parent_class)->dispose (object);
}

static void
gcm_review_view_class_init (GcmReviewViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gcm_review_view_dispose;

  signals[OPEN_ITEM] =
    g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gcm_review_view_init (GcmReviewView *self)
{
  self->quiz_of = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_free);
  self->stack = GTK_STACK (gtk_stack_new ());
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "object-select-symbolic");
  self->quiz_view = GCM_QUIZ_VIEW (gcm_quiz_view_new ());
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->status));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->quiz_view));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  g_signal_connect_object (self->quiz_view, "question-answered",
                           G_CALLBACK (on_question_answered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quiz_view, "open-item",
                           G_CALLBACK (on_open_item_cb), self, G_CONNECT_SWAPPED);
}

/**
 * gcm_review_view_new:
 *
 * Returns: (transfer full): a new review page reading and writing @store
 */
GtkWidget *
gcm_review_view_new (GcmStore *store)
{
  GcmReviewView *self = g_object_new (GCM_TYPE_REVIEW_VIEW, NULL);

  self->store = g_object_ref (store);
  self->record = gcm_learning_record_review (store);
  return GTK_WIDGET (self);
}
