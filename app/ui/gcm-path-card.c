/* gcm-path-card.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Home's part of the learning path: the path's title, how far the learner is along it ("Step 4
 * of 12: read Basel Convention: scope", a row that opens that step), the steps an update
 * withdrew, and once every step is done, Get Certificate. It hides itself when the installed
 * manual has no path. The progress is read on the store's workers.
 */

#define G_LOG_DOMAIN "GcmPathCard"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-certificate-dialog.h"
#include "gcm-path-card.h"
#include "gcm-path-progress.h"

struct _GcmPathCard
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *step_row;
  GtkWidget           *level_bar;
  GtkWidget           *arrow;
  GtkWidget           *withdrawn_row;
  GtkWidget           *certificate_row;

  GcmStore            *store;
  GCancellable        *cancellable;
  GcmPathProgress     *progress;
};

G_DEFINE_FINAL_TYPE (GcmPathCard, gcm_path_card, ADW_TYPE_PREFERENCES_GROUP)

/* What the learner does at @status: read an item, take a quiz or pass it at its mark. */
static char *
step_title (GcmPathReport           *report,
            const GcmPathStepStatus *status)
{
  if (status->kind == GCM_ITEM_KIND_QUIZ && status->step->pass_mark >= 0)
    /* Translators: progress along a learning path; the last %d is the quiz's pass mark in percent */
    return g_strdup_printf (_("Step %u of %u: pass %s with %d %%"), report->position,
                            report->n_steps, status->title, status->step->pass_mark);
  if (status->kind == GCM_ITEM_KIND_QUIZ)
    /* Translators: progress along a learning path: step 4 of 12, then a quiz's title */
    return g_strdup_printf (_("Step %u of %u: take %s"), report->position, report->n_steps,
                            status->title);
  /* Translators: progress along a learning path: step 4 of 12, then a section's title */
  return g_strdup_printf (_("Step %u of %u: read %s"), report->position, report->n_steps,
                          status->title);
}

static void
show_progress (GcmPathCard     *self,
               GcmPathProgress *progress)
{
  GcmPathReport *report = progress->report;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *done = NULL;
  guint n_withdrawn = report->withdrawn->len;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   gcm_learning_path_get_title (progress->path));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         gcm_learning_path_get_summary (progress->path));

  /* Translators: steps of a learning path done */
  done = g_strdup_printf (_("%u of %u steps done"), report->n_done, report->n_steps);
  if (report->next >= 0)
    {
      const GcmPathStepStatus *status = g_ptr_array_index (report->steps, report->next);
      g_autofree char *route = g_strconcat ("item:", status->step->item_id, NULL);

      title = step_title (report, status);
      subtitle = g_strdup (status->step->text);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->step_row), "s", route);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->step_row), "win.open-route");
    }
  else
    {
      title = g_strdup (_("You have done every step of this path"));
      subtitle = g_strdup (done);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->step_row), NULL);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->step_row), report->next >= 0);
  gtk_widget_set_visible (self->arrow, report->next >= 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->step_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->step_row), subtitle);
  gtk_level_bar_set_max_value (GTK_LEVEL_BAR (self->level_bar), MAX (report->n_steps, 1));
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->level_bar), report->n_done);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done, -1);

  if (n_withdrawn > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: an update took items out of the manual that a learning path led to */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u step is no longer in the manual and is skipped",
                                           "%u steps are no longer in the manual and are skipped",
                                           n_withdrawn), n_withdrawn);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->withdrawn_row), text);
    }
  gtk_widget_set_visible (self->withdrawn_row, n_withdrawn > 0);
  gtk_widget_set_visible (self->certificate_row, report->complete);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
progress_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GcmPathCard) self = user_data;
  g_autoptr(GError) error = NULL;
  GcmPathProgress *progress = gcm_path_progress_finish (GCM_STORE (object), result, &error);

  if (progress == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Cannot read the learning path: %s", error->message);
      g_clear_pointer (&self->progress, gcm_path_progress_free);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  g_clear_pointer (&self->progress, gcm_path_progress_free);
  self->progress = progress;
  show_progress (self, progress);
}

static void
on_certificate_clicked_cb (GcmPathCard *self)
{
  if (self->progress != NULL && self->progress->report->complete)
    gcm_certificate_dialog_present (GTK_WIDGET (self), self->progress);
}

/**
 * gcm_path_card_reload:
 *
 * Reads the path and the learner's progress along it again.
 */
void
gcm_path_card_reload (GcmPathCard *self)
{
  g_return_if_fail (GCM_IS_PATH_CARD (self));

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gcm_path_progress_async (self->store, NULL, self->cancellable, progress_cb, g_object_ref (self));
}

void
gcm_path_card_set_store (GcmPathCard *self,
                         GcmStore    *store)
{
  g_return_if_fail (GCM_IS_PATH_CARD (self));
  g_return_if_fail (store == NULL || GCM_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * gcm_path_card_dup_step_title:
 *
 * Returns: (transfer full): what the card says of the next step, as shown
 */
char *
gcm_path_card_dup_step_title (GcmPathCard *self)
{
  g_return_val_if_fail (GCM_IS_PATH_CARD (self), NULL);
  return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->step_row)));
}

static void
gcm_path_card_dispose (GObject *object)
{
  GcmPathCard *self = GCM_PATH_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->progress, gcm_path_progress_free);
  G_OBJECT_CLASS (gcm_path_card_parent_class)->dispose (object);
}

static void
gcm_path_card_class_init (GcmPathCardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gcm_path_card_dispose;
}

static void
gcm_path_card_init (GcmPathCard *self)
{
  GtkWidget *button;

  self->step_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->step_row), FALSE);
  self->level_bar = gtk_level_bar_new ();
  gtk_widget_set_valign (self->level_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->level_bar, 64, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->step_row), self->level_bar);
  self->arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->step_row), self->arrow);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->step_row);

  self->withdrawn_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->withdrawn_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->withdrawn_row),
                               _("An update took them out; the rest of the path still counts."));
  gtk_widget_set_visible (self->withdrawn_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->withdrawn_row);

  self->certificate_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), _("Certificate"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->certificate_row),
                               _("A PDF with your name, the date and your quiz scores."));
  button = gtk_button_new_with_mnemonic (_("_Get Certificate"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_certificate_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->certificate_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->certificate_row), button);
  gtk_widget_set_visible (self->certificate_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->certificate_row);

  /* Shown once a path is read. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
gcm_path_card_new (void)
{
  return g_object_new (GCM_TYPE_PATH_CARD, NULL);
}
