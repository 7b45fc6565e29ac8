/* gcm-quiz-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes a quiz one question at a time: choose, check, see why, go on; then the results. Keys:
 * 1–9 choose, Enter checks and goes on. The view owns no storage: it reports each attempt, each
 * answer and the end through signals, and the window keeps them.
 */

#define G_LOG_DOMAIN "GcmQuizView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-picture.h"
#include "gcm-quiz-view.h"
#include "gcm-rows.h"

#define PICTURE_MAX_WIDTH  1200
#define PICTURE_MAX_HEIGHT 900

/* A question has at most this many choices, and a number key chooses each. */
G_STATIC_ASSERT (GCM_QUIZ_MAX_CHOICES <= GCM_ROWS_MAX_CHOICE_KEYS);

struct _GcmQuizView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkStack       *stack;
  GtkLabel       *quiz_title;
  GtkLabel       *position_label;
  GtkProgressBar *position_bar;
  GtkLabel       *prompt_label;
  GtkBox         *picture_box;
  GtkLabel       *hint_label;
  GtkListBox     *choice_list;
  GtkBox         *feedback_box;
  GtkLabel       *verdict_label;
  GtkLabel       *explanation_label;
  GtkButton      *source_button;
  GtkButton      *action_button;
  AdwStatusPage  *results_page;
  GtkButton      *review_button;
  GtkButton      *again_button;
  GtkLabel       *missed_heading;
  GtkListBox     *missed_list;

  /* Owned */
  GcmQuizAttempt *attempt;
  GPtrArray      *all_questions;   /* the whole quiz, for "Try again" */
  GHashTable     *media_files;     /* media path → file path */
  GPtrArray      *rows;            /* (element-type AdwActionRow) by position */
  GPtrArray      *checks;          /* (element-type GtkCheckButton) by position */
  GCancellable   *cancellable;
  guint           index;
  gint64          shown_at;        /* monotonic µs when the question appeared */
  gboolean        checked;         /* the answer to the question shown is in */
};

G_DEFINE_FINAL_TYPE (GcmQuizView, gcm_quiz_view, GTK_TYPE_WIDGET)

enum {
  ATTEMPT_STARTED,
  QUESTION_ANSWERED,
  ATTEMPT_FINISHED,
  OPEN_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GcmQuizQuestion *
current_question (GcmQuizView *self)
{
  return gcm_quiz_attempt_get_question (self->attempt, self->index);
}

static guint
chosen_positions (GcmQuizView *self)
{
  guint positions = 0;

  for (guint p = 0; p < self->checks->len; p++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, p)))
      positions |= 1u << p;
  return positions;
}

/* GTK 4.8 names a button with a mnemonic by its raw label and its text both ("_Check Check"):
 * its label alone names it. */
static void
name_without_mnemonic (GtkButton *button)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
update_action_button (GcmQuizView *self)
{
  gboolean last = self->index + 1 == gcm_quiz_attempt_get_n_questions (self->attempt);

  if (!self->checked)
    gtk_button_set_label (self->action_button, _("_Check"));
  else
    gtk_button_set_label (self->action_button, last ? _("See _Results") : _("_Next Question"));
  gtk_button_set_use_underline (self->action_button, TRUE);
  name_without_mnemonic (self->action_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->action_button),
                            self->checked || chosen_positions (self) != 0);
}

static void
on_choice_toggled_cb (GcmQuizView *self)
{
  update_action_button (self);
}

/* Pictures */

static void
show_picture (GcmQuizView     *self,
              GcmQuizQuestion *question)
{
  const char *image = gcm_quiz_question_get_image (question);
  const char *path = image != NULL && self->media_files != NULL ?
                     g_hash_table_lookup (self->media_files, image) : NULL;
  GtkWidget *picture;

  gcm_rows_clear_box (self->picture_box);
  gtk_widget_set_visible (GTK_WIDGET (self->picture_box), path != NULL);
  if (path == NULL)
    return;

  picture = gcm_picture_new (_("The picture this question asks about"));
  gtk_box_append (self->picture_box, picture);
  gcm_picture_load_file (GCM_PICTURE (picture), path, PICTURE_MAX_WIDTH, PICTURE_MAX_HEIGHT,
                         self->cancellable);
}

/* One question */

static void
show_question (GcmQuizView *self)
{
  GcmQuizQuestion *question = current_question (self);
  guint n_questions = gcm_quiz_attempt_get_n_questions (self->attempt);
  guint n_choices = gcm_quiz_question_get_n_choices (question);
  gboolean multiple = gcm_quiz_question_get_question_type (question) == GCM_QUESTION_MULTIPLE;
  GtkCheckButton *group = NULL;
  g_autofree char *position = NULL;

  self->checked = FALSE;
  self->shown_at = g_get_monotonic_time ();
  gtk_stack_set_visible_child_name (self->stack, "question");

  position = g_strdup_printf (_("Question %u of %u"), self->index + 1, n_questions);
  gtk_label_set_label (self->position_label, position);
  gtk_progress_bar_set_fraction (self->position_bar, (double) self->index / n_questions);
  gtk_label_set_label (self->prompt_label, gcm_quiz_question_get_prompt (question));
  gtk_label_set_label (self->hint_label,
                       multiple ? _("Choose every answer that applies. The question counts only "
                                    "when all the right answers, and no others, are chosen.")
                                : _("Choose one answer."));
  show_picture (self, question);

  gcm_rows_clear (self->choice_list);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  for (guint p = 0; p < n_choices; p++)
    {
      guint choice = gcm_quiz_attempt_get_choice_at (self->attempt, self->index, p);
      const char *text = gcm_quiz_question_get_choice (question, choice);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("%u. %s", p + 1, text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (!multiple)
        {
          if (group == NULL)
            group = GTK_CHECK_BUTTON (check);
          else
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
        }
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gcm_rows_choice_number (p + 1));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row labels its check by the title too, and GTK 4.8 says both: keep "1. text". */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_list_box_append (self->choice_list, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->checks, check);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), FALSE);
  update_action_button (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (self->checks->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->checks, 0));
}

/* Marks every right choice, and the wrong ones the learner took, in words as well as colour. */
static void
mark_choices (GcmQuizView *self)
{
  GcmQuizQuestion *question = current_question (self);
  guint chosen = gcm_quiz_attempt_get_chosen (self->attempt, self->index);

  for (guint p = 0; p < self->rows->len; p++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, p);
      guint choice = gcm_quiz_attempt_get_choice_at (self->attempt, self->index, p);
      gboolean right = gcm_quiz_question_is_right_choice (question, choice);
      gboolean taken = (chosen & (1u << choice)) != 0;

      gtk_widget_set_sensitive (g_ptr_array_index (self->checks, p), FALSE);
      if (right)
        {
          adw_action_row_set_subtitle (row, taken ? _("Right answer, chosen") : _("Right answer"));
          gtk_widget_add_css_class (GTK_WIDGET (row), "quiz-right");
        }
      else if (taken)
        {
          adw_action_row_set_subtitle (row, _("Chosen, but not right"));
          gtk_widget_add_css_class (GTK_WIDGET (row), "quiz-wrong");
        }
    }
}

static void
check_answer (GcmQuizView *self)
{
  GcmQuizQuestion *question = current_question (self);
  guint elapsed_ms = (guint) MIN ((g_get_monotonic_time () - self->shown_at) / 1000, G_MAXUINT);
  gboolean right = gcm_quiz_attempt_answer (self->attempt, self->index, chosen_positions (self),
                                            elapsed_ms);

  self->checked = TRUE;
  mark_choices (self);
  gtk_label_set_label (self->verdict_label, right ? _("Right") : _("Not quite"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_box), right ? "quiz-wrong" : "quiz-right");
  gtk_widget_add_css_class (GTK_WIDGET (self->feedback_box), right ? "quiz-right" : "quiz-wrong");
  gtk_label_set_label (self->explanation_label, gcm_quiz_question_get_explanation (question));
  gtk_widget_set_visible (GTK_WIDGET (self->source_button),
                          gcm_quiz_question_get_source (question) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_box), TRUE);
  /* Announced as an alert: the verdict is its name, the explanation its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->feedback_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gcm_quiz_question_get_explanation (question), -1);
  update_action_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->action_button));

  g_signal_emit (self, signals[QUESTION_ANSWERED], 0, self->attempt, self->index);
}

/* Results */

static void
on_missed_source_clicked_cb (GtkButton   *button,
                             GcmQuizView *self)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, g_object_get_data (G_OBJECT (button), "item-id"));
}

static void
show_results (GcmQuizView *self)
{
  guint n = gcm_quiz_attempt_get_n_questions (self->attempt);
  guint right = gcm_quiz_attempt_get_n_right (self->attempt);
  g_autoptr(GPtrArray) missed = gcm_quiz_attempt_dup_missed (self->attempt);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u Right", "%u of %u Right", n),
                           right, n);
  description = g_strdup_printf (_("You scored %u %%. A question with several answers counts only "
                                   "when every right answer, and no other, was chosen."),
                                 gcm_quiz_attempt_get_score_percent (self->attempt));
  adw_status_page_set_title (self->results_page, title);
  adw_status_page_set_description (self->results_page, description);
  adw_status_page_set_icon_name (self->results_page,
                                 missed->len == 0 ? "emblem-ok-symbolic" : "dialog-question-symbolic");

  gcm_rows_clear (self->missed_list);
  for (guint i = 0; i < missed->len; i++)
    {
      GcmQuizQuestion *question = g_ptr_array_index (missed, i);
      const char *source = gcm_quiz_question_get_source (question);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gcm_quiz_question_get_prompt (question));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gcm_quiz_question_get_explanation (question));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (source != NULL)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Read"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Read the section that teaches this"));
          g_object_set_data_full (G_OBJECT (button), "item-id", g_strdup (source), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_missed_source_clicked_cb),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->missed_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missed_heading), missed->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->missed_list), missed->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->review_button), missed->len > 0);

  gtk_stack_set_visible_child_name (self->stack, "results");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (missed->len > 0 ? self->review_button : self->again_button));

  g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, self->attempt);
}

static void
begin_attempt (GcmQuizView *self,
               GPtrArray   *questions,
               gboolean     retry)
{
  g_autoptr(GcmQuizAttempt) attempt =
    gcm_quiz_attempt_new (gcm_quiz_attempt_get_quiz_id (self->attempt), questions,
                          g_random_int (), retry);

  g_set_object (&self->attempt, attempt);
  self->index = 0;
  g_signal_emit (self, signals[ATTEMPT_STARTED], 0, self->attempt);
  show_question (self);
}

/* Template callbacks */

static void
on_action_clicked_cb (GcmQuizView *self)
{
  if (!self->checked)
    {
      if (chosen_positions (self) != 0)
        check_answer (self);
      return;
    }
  if (self->index + 1 < gcm_quiz_attempt_get_n_questions (self->attempt))
    {
      self->index++;
      show_question (self);
    }
  else
    show_results (self);
}

static void
on_source_clicked_cb (GcmQuizView *self)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, gcm_quiz_question_get_source (current_question (self)));
}

static void
on_review_clicked_cb (GcmQuizView *self)
{
  g_autoptr(GPtrArray) missed = gcm_quiz_attempt_dup_missed (self->attempt);

  if (missed->len > 0)
    begin_attempt (self, missed, TRUE);
}

static void
on_again_clicked_cb (GcmQuizView *self)
{
  begin_attempt (self, self->all_questions, FALSE);
}

/* Keys 1–9 choose; Enter checks, then goes on, unless a plain button has the focus. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GcmQuizView           *self)
{
  GtkWidget *focus;
  int position;

  if (self->attempt == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
      if (focus != NULL && GTK_IS_BUTTON (focus) && focus != GTK_WIDGET (self->action_button))
        return GDK_EVENT_PROPAGATE;
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->action_button)))
        on_action_clicked_cb (self);
      return GDK_EVENT_STOP;
    }
  position = gcm_rows_choice_for_key (keyval, GCM_QUIZ_MAX_CHOICES);
  if (position < 0)
    return GDK_EVENT_PROPAGATE;

  if (self->checked || (guint) position >= self->checks->len)
    return GDK_EVENT_STOP;
  {
    GtkCheckButton *check = g_ptr_array_index (self->checks, position);
    gboolean multiple = gcm_quiz_question_get_question_type (current_question (self)) ==
                        GCM_QUESTION_MULTIPLE;

    gtk_check_button_set_active (check, multiple ? !gtk_check_button_get_active (check) : TRUE);
    gtk_widget_grab_focus (GTK_WIDGET (check));
  }
  return GDK_EVENT_STOP;
}

/* GObject */

static void
gcm_quiz_view_dispose (GObject *object)
{
  GcmQuizView *self = GCM_QUIZ_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_QUIZ_VIEW);
  g_clear_object (&self->attempt);
  g_clear_pointer (&self->all_questions, g_ptr_array_unref);
  g_clear_pointer (&self->media_files, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (gcm_quiz_view_parent_class)->dispose (object);
}

static void
gcm_quiz_view_class_init (GcmQuizViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_quiz_view_dispose;

  /* A new attempt began ("Try again", "Review the missed ones"): record it. */
  signals[ATTEMPT_STARTED] =
    g_signal_new ("attempt-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GCM_TYPE_QUIZ_ATTEMPT);
  signals[QUESTION_ANSWERED] =
    g_signal_new ("question-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, GCM_TYPE_QUIZ_ATTEMPT, G_TYPE_UINT);
  signals[ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GCM_TYPE_QUIZ_ATTEMPT);
  signals[OPEN_ITEM] =
    g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/gcm-quiz-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, stack);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, quiz_title);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, position_label);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, position_bar);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, picture_box);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, choice_list);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, source_button);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, action_button);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, results_page);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, review_button);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, again_button);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, missed_heading);
  gtk_widget_class_bind_template_child (widget_class, GcmQuizView, missed_list);
  gtk_widget_class_bind_template_callback (widget_class, on_action_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quizview");
}

static void
gcm_quiz_view_init (GcmQuizView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The status page scrolls inside itself, and inside the view's scroller it would get only
   * its minimum height: a sliver of the score. The view's scroller scrolls it whole instead. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_page));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (child), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  name_without_mnemonic (self->review_button);
  name_without_mnemonic (self->again_button);
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
gcm_quiz_view_new (void)
{
  return g_object_new (GCM_TYPE_QUIZ_VIEW, NULL);
}

/* Shows the first question of @attempt. @media_files: (nullable): maps the media paths the
 * questions name to files on disk. */
void
gcm_quiz_view_start (GcmQuizView    *self,
                     const char     *title,
                     GcmQuizAttempt *attempt,
                     GHashTable     *media_files)
{
  guint n;

  g_return_if_fail (GCM_IS_QUIZ_VIEW (self));
  g_return_if_fail (GCM_IS_QUIZ_ATTEMPT (attempt));
  g_return_if_fail (gcm_quiz_attempt_get_n_questions (attempt) > 0);

  g_set_object (&self->attempt, attempt);
  g_clear_pointer (&self->all_questions, g_ptr_array_unref);
  n = gcm_quiz_attempt_get_n_questions (attempt);
  self->all_questions = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->all_questions, g_object_ref (gcm_quiz_attempt_get_question (attempt, i)));
  g_clear_pointer (&self->media_files, g_hash_table_unref);
  self->media_files = media_files != NULL ? g_hash_table_ref (media_files) : NULL;
  gtk_label_set_label (self->quiz_title, title);
  self->index = 0;
  show_question (self);
}

GcmQuizAttempt *
gcm_quiz_view_get_attempt (GcmQuizView *self)
{
  g_return_val_if_fail (GCM_IS_QUIZ_VIEW (self), NULL);
  return self->attempt;
}
