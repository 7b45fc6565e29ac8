/* gcm-home-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page a learner starts from: the reviews due today, what to study next, recent scores and
 * the sections read in each chapter. Rows open their place through win.open-route, so the page
 * knows nothing of the window.
 */

#define G_LOG_DOMAIN "GcmHomeView"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-home-view.h"
#include "gcm-learning.h"
#include "gcm-path-card.h"

#define N_NEXT 3

struct _GcmHomeView
{
  AdwBin                parent_instance;

  /* Template widgets */
  AdwActionRow         *due_row;
  GtkWidget            *review_button;
  GcmPathCard          *path_card;
  AdwPreferencesGroup  *next_group;
  AdwPreferencesGroup  *scores_group;
  AdwPreferencesGroup  *chapters_group;

  /* Owned */
  GcmStore             *store;
  GCancellable         *cancellable;
  GPtrArray            *rows;   /* the rows added by the last reload, (element-type GtkWidget) */
};

G_DEFINE_FINAL_TYPE (GcmHomeView, gcm_home_view, ADW_TYPE_BIN)

static void
add_row (GcmHomeView         *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (GcmHomeView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* A row that opens @route; without one it only reads. */
static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         const char *route)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (route != NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-route");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", route);
    }
  return row;
}

static void
show_due (GcmHomeView         *self,
          GcmLearningProgress *progress)
{
  guint n = progress->due->len;
  g_autofree char *title = NULL;

  if (n == 0)
    title = g_strdup (_("Nothing to review today"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question to review",
                                          "%u questions to review", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), title);
  adw_action_row_set_subtitle (self->due_row,
                               n == 0 ? _("Questions come back here as you are about to forget them.")
                                      : _("Questions from your quizzes, as you are about to forget them."));
  gtk_widget_set_visible (self->review_button, n > 0);
}

static void
show_next (GcmHomeView         *self,
           GcmLearningProgress *progress)
{
  guint shown = 0;

  for (guint i = 0; i < progress->chapters->len && shown < N_NEXT; i++)
    {
      GcmLearningChapter *chapter = g_ptr_array_index (progress->chapters, i);
      g_autofree char *route = NULL;

      if (chapter->next_id == NULL)
        continue;
      route = g_strconcat ("item:", chapter->next_id, NULL);
      add_row (self, self->next_group, row_new (chapter->next_title, chapter->title, route));
      shown++;
    }
  for (guint i = 0; i < progress->quizzes->len && shown < N_NEXT; i++)
    {
      GcmLearningQuizProgress *quiz = g_ptr_array_index (progress->quizzes, i);
      g_autofree char *route = NULL;

      if (quiz->withdrawn || quiz->n_attempts > 0)
        continue;
      route = g_strconcat ("item:", quiz->id, NULL);
      add_row (self, self->next_group, row_new (quiz->title, _("Quiz not taken yet"), route));
      shown++;
    }
  if (shown == 0)
    add_row (self, self->next_group, row_new (_("You have read every section"), NULL, NULL));
}

static void
show_scores (GcmHomeView         *self,
             GcmLearningProgress *progress)
{
  for (guint i = 0; i < progress->recent->len; i++)
    {
      GcmLearningScore *score = g_ptr_array_index (progress->recent, i);
      gboolean withdrawn = FALSE;
      g_autofree char *subtitle = NULL;
      g_autofree char *route = NULL;
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (score->finished);
      g_autofree char *date = g_date_time_format (when, "%x");

      for (guint j = 0; j < progress->quizzes->len; j++)
        {
          GcmLearningQuizProgress *quiz = g_ptr_array_index (progress->quizzes, j);
          if (g_str_equal (quiz->id, score->quiz_id))
            withdrawn = quiz->withdrawn;
        }
      /* Translators: a quiz score: "2 of 3 right (66 %), 12/02/2026" */
      subtitle = g_strdup_printf (_("%u of %u right (%u %%), %s"), score->score, score->total,
                                  score->total > 0 ? score->score * 100 / score->total : 0, date);
      if (withdrawn)
        {
          g_autofree char *both = g_strconcat (subtitle, " — ", gcm_learning_withdrawn_label (), NULL);
          g_free (subtitle);
          subtitle = g_steal_pointer (&both);
        }
      else
        route = g_strconcat ("item:", score->quiz_id, NULL);
      add_row (self, self->scores_group, row_new (score->title, subtitle, route));
    }
  if (progress->recent->len == 0)
    add_row (self, self->scores_group, row_new (_("No quiz taken yet"), NULL, NULL));
}

static void
show_chapters (GcmHomeView         *self,
               GcmLearningProgress *progress)
{
  for (guint i = 0; i < progress->chapters->len; i++)
    {
      GcmLearningChapter *chapter = g_ptr_array_index (progress->chapters, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *route = g_strconcat ("chapter:", chapter->id, NULL);
      GtkWidget *row;
      GtkWidget *bar;

      /* Translators: sections of a chapter read to the end */
      subtitle = g_strdup_printf (_("%u of %u sections read"), chapter->n_read, chapter->n_sections);
      row = row_new (chapter->title, subtitle, route);
      bar = gtk_level_bar_new_for_interval (0, MAX (chapter->n_sections, 1));
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), chapter->n_read);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 64, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      subtitle, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      add_row (self, self->chapters_group, row);
    }
}

static void
progress_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GcmHomeView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningProgress) progress = gcm_learning_progress_finish (GCM_STORE (object),
                                                                          result, &error);

  if (progress == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot read your progress: %s", error->message);
      clear_rows (self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row),
                                     _("Your progress could not be read"));
      adw_action_row_set_subtitle (self->due_row, error->message);
      gtk_widget_set_visible (self->review_button, FALSE);
      return;
    }
  clear_rows (self);
  show_due (self, progress);
  show_next (self, progress);
  show_scores (self, progress);
  show_chapters (self, progress);
}

/**
 * gcm_home_view_reload:
 *
 * Reads the learner's progress again, as of now.
 */
void
gcm_home_view_reload (GcmHomeView *self)
{
  g_return_if_fail (GCM_IS_HOME_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gcm_learning_progress_async (self->store, g_get_real_time () / G_USEC_PER_SEC,
                               self->cancellable, progress_cb, g_object_ref (self));
  gcm_path_card_reload (self->path_card);
}

static void
gcm_home_view_dispose (GObject *object)
{
  GcmHomeView *self = GCM_HOME_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_HOME_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gcm_home_view_parent_class)->dispose (object);
}

static void
gcm_home_view_class_init (GcmHomeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_home_view_dispose;
  g_type_ensure (GCM_TYPE_PATH_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/greencustoms/Manual/ui/gcm-home-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, due_row);
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, review_button);
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, path_card);
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, next_group);
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, scores_group);
  gtk_widget_class_bind_template_child (widget_class, GcmHomeView, chapters_group);
}

static void
gcm_home_view_init (GcmHomeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * gcm_home_view_new:
 *
 * Returns: (transfer full): a new home page reading @store
 */
GtkWidget *
gcm_home_view_new (GcmStore *store)
{
  GcmHomeView *self = g_object_new (GCM_TYPE_HOME_VIEW, NULL);

  self->store = g_object_ref (store);
  gcm_path_card_set_store (self->path_card, store);
  return GTK_WIDGET (self);
}
