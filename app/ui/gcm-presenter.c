/* gcm-presenter.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workshop mode: a quiz or a procedure full screen for a projector, driven by the keyboard or a
 * presenter remote (Page Up/Down). A quiz goes question by question: the room answers, the
 * instructor counts the answers per choice (a letter picks the choice, digits type its count,
 * +/− adjust it), Space reveals the answer and its explanation, and the summary at the end gives
 * each question's counts and the share right; the session is saved in user.db there and when
 * the presenter leaves. A procedure goes step by step with its warnings, then its pictures.
 *
 * The type grows with the window: the window's font size follows its height, and every class
 * in style.css sizes itself in em from it, so 1280×720 and a 4K projector read the same.
 */

#define G_LOG_DOMAIN "GcmPresenter"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-locale.h"
#include "gcm-picture.h"
#include "gcm-presenter.h"
#include "gcm-quiz-question.h"
#include "gcm-rows.h"
#include "gcm-workshop.h"
#include "gcm-workshop-export.h"

#define BASE_HEIGHT   720   /* at this height the type is BASE_FONT_PX */
#define BASE_FONT_PX  20
#define PICTURE_WIDTH  1600
#define PICTURE_HEIGHT 900

typedef enum
{
  SLIDE_TITLE,
  SLIDE_QUESTION,
  SLIDE_STEP,
  SLIDE_PICTURE,
  SLIDE_SUMMARY,
  SLIDE_END,
} SlideKind;

typedef struct
{
  SlideKind kind;
  guint     index;   /* the question, step or picture */
} Slide;

struct _GcmPresenter
{
  GtkWindow           parent_instance;

  /* Template widgets */
  GtkLabel           *title_label;
  GtkLabel           *position_label;
  GtkScrolledWindow  *scroller;
  GtkBox             *slide_box;
  GtkLabel           *hint_label;

  /* Borrowed: the widgets of the slide shown */
  GtkWidget          *choice_rows[GCM_WORKSHOP_MAX_CHOICES];
  GtkLabel           *tally_labels[GCM_WORKSHOP_MAX_CHOICES];
  GtkLabel           *total_label;
  GtkLabel           *save_label;

  /* Owned */
  GcmStore           *store;
  GCancellable       *cancellable;        /* the deck's load */
  GCancellable       *slide_cancellable;  /* the pictures of the slide shown */
  GcmWorkshopDeck    *deck;
  GcmWorkshopSession *session;            /* quizzes: the room's counts */
  GArray             *slides;             /* (element-type Slide) */
  guint               current;
  gboolean           *revealed;           /* per question */
  guint              *selected;           /* per question: the choice digits go to */
  gboolean            typing;             /* digits typed since the choice was picked */
  gboolean            dirty;              /* counts changed since the last save */
  gboolean            saving;
  GtkCssProvider     *css;
  int                 font_px;
  guint               resize_source;
  guint               scroll_source;
};

G_DEFINE_FINAL_TYPE (GcmPresenter, gcm_presenter, GTK_TYPE_WINDOW)

static void show_slide   (GcmPresenter *self);
static void save_session (GcmPresenter *self);

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const Slide *
current_slide (GcmPresenter *self)
{
  if (self->slides == NULL || self->current >= self->slides->len)
    return NULL;
  return &g_array_index (self->slides, Slide, self->current);
}

static GcmWorkshopQuestion *
current_question (GcmPresenter *self)
{
  const Slide *slide = current_slide (self);

  if (slide == NULL || slide->kind != SLIDE_QUESTION)
    return NULL;
  return g_ptr_array_index (self->session->questions, slide->index);
}

/* Type that grows with the window */

static gboolean
apply_font_size_cb (gpointer user_data)
{
  GcmPresenter *self = user_data;
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int px = MAX (12, height * BASE_FONT_PX / BASE_HEIGHT);
  g_autofree char *css = NULL;

  self->resize_source = 0;
  if (height <= 0 || px == self->font_px)
    return G_SOURCE_REMOVE;
  self->font_px = px;
  css = g_strdup_printf ("window.presenter { font-size: %dpx; }", px);
  gtk_css_provider_load_from_data (self->css, css, -1);
  return G_SOURCE_REMOVE;
}

static void
gcm_presenter_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GcmPresenter *self = GCM_PRESENTER (widget);

  GTK_WIDGET_CLASS (gcm_presenter_parent_class)->size_allocate (widget, width, height, baseline);
  /* Not during the allocation: a new font size lays the window out again. */
  if (self->resize_source == 0 && height * BASE_FONT_PX / BASE_HEIGHT != self->font_px)
    self->resize_source = g_idle_add (apply_font_size_cb, self);
}

/* Saving */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GcmPresenter) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = gcm_workshop_save_finish (GCM_STORE (object), result, &error);

  self->saving = FALSE;
  if (id == 0)
    {
      g_warning ("Cannot save the workshop session: %s", error->message);
      self->dirty = TRUE;
      if (self->save_label != NULL)
        gtk_label_set_text (self->save_label, _("The results could not be saved."));
      return;
    }
  self->session->id = id;
  if (self->save_label != NULL)
    gtk_label_set_text (self->save_label, _("Saved in Workshop Sessions"));
  /* Counted on while it was saved: save again, under the id it now has. */
  save_session (self);
}

static void
save_session (GcmPresenter *self)
{
  if (self->session == NULL || !self->dirty || !gcm_workshop_session_has_tallies (self->session))
    return;
  /* One save at a time: a second before the first one's id comes back would be a second
   * session. The counts stay dirty, and saved_cb() saves them next. */
  if (self->saving)
    return;
  self->saving = TRUE;
  self->dirty = FALSE;
  gcm_workshop_save_async (self->store, self->session, NULL, saved_cb, g_object_ref (self));
}

/* Widgets of a slide */

static GtkWidget *
add_label_with_role (GtkBox            *box,
                     const char        *text,
                     const char        *css_class,
                     GtkAccessibleRole  role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "accessible-role", role, NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  return add_label_with_role (box, text, css_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text,
             const char *css_class)
{
  GtkWidget *label = add_label_with_role (box, text, css_class, GTK_ACCESSIBLE_ROLE_HEADING);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  return label;
}

/* A warning as a projector shows it: a bar, a sign and the word, not only colour. */
static void
add_warning (GtkBox     *box,
             const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sign = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label;
  /* Translators: a warning of a procedure's step, on the workshop screen */
  g_autofree char *markup = g_markup_printf_escaped (_("<b>Warning:</b> %s"), text);

  gtk_widget_add_css_class (row, "presenter-warning");
  gtk_widget_set_valign (sign, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), sign);
  label = add_label (GTK_BOX (row), NULL, NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (box, row);
}

static void
add_picture (GcmPresenter *self,
             const char   *file_path,
             const char   *alt)
{
  GtkWidget *picture = gcm_picture_new (alt);

  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "presenter-picture");
  gtk_box_append (self->slide_box, picture);
  gcm_picture_load_file (GCM_PICTURE (picture), file_path, PICTURE_WIDTH, PICTURE_HEIGHT,
                         self->slide_cancellable);
}

/* Quiz slides */

static char *
dup_tally_text (guint count)
{
  /* Translators: how many in the room chose a choice, said by a screen reader */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", count), count);
}

/* The counts, the choice they go to, and what a screen reader says of each choice. */
static void
update_choices (GcmPresenter *self)
{
  const Slide *slide = current_slide (self);
  GcmWorkshopQuestion *question = current_question (self);
  guint total;

  if (question == NULL)
    return;
  for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
    {
      gboolean selected = self->selected[slide->index] == i;
      g_autofree char *count = g_strdup_printf ("%u", question->tallies[i]);
      g_autofree char *tally = dup_tally_text (question->tallies[i]);
      g_autofree char *name = NULL;
      gboolean revealed = self->revealed[slide->index];
      gboolean right = gcm_workshop_question_is_right (question, i);

      gtk_label_set_text (self->tally_labels[i], count);
      if (selected)
        gtk_widget_add_css_class (self->choice_rows[i], "selected");
      else
        gtk_widget_remove_css_class (self->choice_rows[i], "selected");
      if (revealed)
        /* Translators: a choice's name for a screen reader once the answer is shown: its
         * letter, its text, right or wrong, and the room's count */
        name = g_strdup_printf (right ? _("%c. %s, right, %s") : _("%c. %s, wrong, %s"),
                                'A' + (int) i, question->choices[i], tally);
      else
        /* Translators: a choice's name for a screen reader: its letter, text and count */
        name = g_strdup_printf (_("%c. %s, %s"), 'A' + (int) i, question->choices[i], tally);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->choice_rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->choice_rows[i]),
                                   GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
    }
  total = gcm_workshop_question_get_total (question);
  if (self->total_label != NULL)
    {
      g_autofree char *text = NULL;

      if (total == 0)
        text = g_strdup (_("No answers counted yet"));
      else if (self->revealed[slide->index])
        /* Translators: under a revealed workshop question: the room's answers */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u answer right (%d%%)",
                                             "%u of %u answers right (%d%%)", total),
                                gcm_workshop_question_get_n_right (question), total,
                                gcm_workshop_question_get_share_right (question));
      else
        /* Translators: under a workshop question before its answer is shown */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer counted",
                                             "%u answers counted", total), total);
      gtk_label_set_text (self->total_label, text);
    }
}

static void
on_choice_clicked_cb (GtkButton    *button,
                      GcmPresenter *self)
{
  const Slide *slide = current_slide (self);

  if (slide == NULL || slide->kind != SLIDE_QUESTION)
    return;
  self->selected[slide->index] = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice"));
  self->typing = FALSE;
  update_choices (self);
}

static void
build_question (GcmPresenter *self,
                guint         index)
{
  GcmWorkshopQuestion *question = g_ptr_array_index (self->session->questions, index);
  GcmQuizQuestion *quiz_question = g_ptr_array_index (self->deck->questions, index);
  gboolean revealed = self->revealed[index];
  const char *image = gcm_quiz_question_get_image (quiz_question);
  const char *image_file = image != NULL ? g_hash_table_lookup (self->deck->media_files, image) : NULL;
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  add_heading (self->slide_box, question->prompt, "presenter-prompt");
  if (gcm_quiz_question_get_question_type (quiz_question) == GCM_QUESTION_MULTIPLE)
    add_label (self->slide_box, _("More than one answer is right."), "presenter-note");
  if (image_file != NULL)
    add_picture (self, image_file, _("The picture this question asks about"));

  gtk_widget_add_css_class (choices, "presenter-choices");
  gtk_box_append (self->slide_box, choices);
  for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
    {
      GtkWidget *row = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *letter = gcm_workshop_choice_letter (i);
      GtkWidget *letter_label = gtk_label_new (letter);
      GtkWidget *text;
      GtkWidget *tally = gtk_label_new ("0");
      gboolean right = gcm_workshop_question_is_right (question, i);

      /* The keys drive the slide; the rows take clicks but never the focus. */
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_add_css_class (row, "presenter-choice");
      gtk_widget_add_css_class (row, "flat");
      if (revealed)
        gtk_widget_add_css_class (row, right ? "right" : "wrong");
      gtk_widget_add_css_class (letter_label, "presenter-letter");
      gtk_widget_add_css_class (tally, "presenter-tally");
      gtk_widget_set_valign (tally, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), letter_label);
      text = add_label (GTK_BOX (box), question->choices[i], "presenter-choice-text");
      gtk_widget_set_hexpand (text, TRUE);
      if (revealed && right)
        {
          GtkWidget *mark = gtk_label_new (_("Right"));

          gtk_widget_add_css_class (mark, "presenter-right-mark");
          gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (box), mark);
        }
      gtk_box_append (GTK_BOX (box), tally);
      gtk_button_set_child (GTK_BUTTON (row), box);
      g_object_set_data (G_OBJECT (row), "choice", GUINT_TO_POINTER (i));
      g_signal_connect (row, "clicked", G_CALLBACK (on_choice_clicked_cb), self);
      gtk_box_append (GTK_BOX (choices), row);
      self->choice_rows[i] = row;
      self->tally_labels[i] = GTK_LABEL (tally);
    }
  self->total_label = GTK_LABEL (add_label (self->slide_box, NULL, "presenter-total"));

  if (revealed)
    {
      g_autofree char *letters = gcm_workshop_question_dup_right_letters (question);
      /* Translators: the revealed answer of a workshop question: the right choices' letters */
      g_autofree char *answer = g_strdup_printf (_("Answer: %s"), letters);
      const char *explanation = gcm_quiz_question_get_explanation (quiz_question);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_add_css_class (box, "presenter-answer");
      add_heading (GTK_BOX (box), answer, "presenter-answer-title");
      if (explanation != NULL && *explanation != '\0')
        add_label (GTK_BOX (box), explanation, "presenter-explanation");
      gtk_box_append (self->slide_box, box);
    }
  update_choices (self);
}

static void
on_export_clicked_cb (GtkButton    *button,
                      GcmPresenter *self)
{
  GcmWorkshopFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "format"));

  gcm_workshop_export_choose (GTK_WINDOW (self), self->session, format, self->save_label);
}

static GtkWidget *
add_export_button (GcmPresenter      *self,
                   GtkBox            *box,
                   const char        *label,
                   GcmWorkshopFormat  format)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  g_object_set_data (G_OBJECT (button), "format", GINT_TO_POINTER (format));
  g_signal_connect (button, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  gtk_box_append (box, button);
  return button;
}

static GtkWidget *
summary_cell (GtkGrid    *grid,
              const char *text,
              const char *css_class,
              int         column,
              int         row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 2 ? 1 : 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

/* One line per question, so a whole quiz fits the screen: its prompt, the counts per choice
 * (✓ on the right ones) and the share right. */
static void
build_summary (GcmPresenter *self)
{
  int share = gcm_workshop_session_get_share_right (self->session);
  g_autofree char *overall = NULL;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *first_button;

  add_heading (self->slide_box, _("Summary"), "presenter-prompt");
  if (share >= 0)
    /* Translators: the workshop summary's first line */
    overall = g_strdup_printf (_("Right overall: %d%%"), share);
  else
    overall = g_strdup (_("No answers were counted."));
  add_label (self->slide_box, overall, "presenter-overall");

  gtk_widget_add_css_class (buttons, "presenter-buttons");
  first_button = add_export_button (self, GTK_BOX (buttons), _("Export _CSV…"), GCM_WORKSHOP_FORMAT_CSV);
  add_export_button (self, GTK_BOX (buttons), _("Export _PDF Report…"), GCM_WORKSHOP_FORMAT_PDF);
  self->save_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "presenter-note");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->save_label));
  gtk_box_append (self->slide_box, buttons);

  gtk_widget_add_css_class (grid, "presenter-summary");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_box_append (self->slide_box, grid);
  for (guint q = 0; q < self->session->questions->len; q++)
    {
      GcmWorkshopQuestion *question = g_ptr_array_index (self->session->questions, q);
      g_autofree char *heading = g_strdup_printf ("%u. %s", q + 1, question->prompt);
      g_autoptr(GString) counts = g_string_new (NULL);
      g_autofree char *right = NULL;
      GtkWidget *label;

      label = summary_cell (GTK_GRID (grid), heading, "presenter-summary-question", 0, (int) q);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
        g_string_append_printf (counts, "%s%c %u%s", i > 0 ? "   " : "", 'A' + (int) i,
                                question->tallies[i],
                                gcm_workshop_question_is_right (question, i) ? "✓" : "");
      summary_cell (GTK_GRID (grid), counts->str, "presenter-summary-tally", 1, (int) q);
      if (gcm_workshop_question_get_total (question) > 0)
        /* Translators: a question's share right in the workshop summary */
        right = g_strdup_printf (_("%d%% right"), gcm_workshop_question_get_share_right (question));
      else
        right = g_strdup (_("no answers"));
      summary_cell (GTK_GRID (grid), right, "presenter-summary-share", 2, (int) q);
    }

  if (!gcm_workshop_session_has_tallies (self->session))
    gtk_label_set_text (self->save_label, _("Nothing to save: no answers were counted."));
  else if (!self->dirty && self->session->id != 0)
    gtk_label_set_text (self->save_label, _("Saved in Workshop Sessions"));
  else
    gtk_label_set_text (self->save_label, _("Saving…"));
  save_session (self);
  gtk_widget_grab_focus (first_button);
}

/* Procedure slides */

static void
add_list (GtkBox             *box,
          const char         *heading,
          const char * const *items,
          gboolean            as_warnings)
{
  if (items == NULL || items[0] == NULL)
    return;
  add_label (box, heading, "presenter-list-heading");
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (as_warnings)
        add_warning (box, items[i]);
      else
        {
          g_autofree char *line = g_strdup_printf ("•  %s", items[i]);

          add_label (box, line, "presenter-list-item");
        }
    }
}

static void
build_title (GcmPresenter *self)
{
  GcmItem *item = self->deck->item;

  add_heading (self->slide_box, gcm_item_get_title (item), "presenter-title");
  if (gcm_item_get_summary (item) != NULL)
    add_label (self->slide_box, gcm_item_get_summary (item), "presenter-summary-text");
  if (self->session != NULL)
    {
      guint n = self->session->questions->len;
      /* Translators: the first slide of a quiz presented to a room */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question",
                                                            "%u questions", n), n);

      add_label (self->slide_box, text, "presenter-list-heading");
      return;
    }
  add_list (self->slide_box, _("Hazards"), gcm_item_get_hazards (item), TRUE);
  add_list (self->slide_box, _("Protective Equipment"), gcm_item_get_protective_equipment (item),
            FALSE);
}

static void
build_step (GcmPresenter *self,
            guint         index)
{
  GPtrArray *steps = gcm_item_get_steps (self->deck->item);
  GcmItemStep *step = g_ptr_array_index (steps, index);
  /* Translators: the heading of a procedure's step on the workshop screen */
  g_autofree char *heading = g_strdup_printf (_("Step %u of %u"), index + 1, steps->len);

  add_label (self->slide_box, heading, "presenter-list-heading");
  add_heading (self->slide_box, step->text, "presenter-step");
  if (step->warning != NULL && *step->warning != '\0')
    add_warning (self->slide_box, step->warning);
}

static void
build_end (GcmPresenter *self)
{
  GPtrArray *steps = gcm_item_get_steps (self->deck->item);

  add_heading (self->slide_box, _("End of the Procedure"), "presenter-title");
  for (guint i = 0; i < steps->len; i++)
    {
      GcmItemStep *step = g_ptr_array_index (steps, i);
      g_autofree char *line = g_strdup_printf ("%u.  %s", i + 1, step->text);
      GtkWidget *label = add_label (self->slide_box, line, "presenter-list-item");

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (label), 1);
    }
}

/* Slides */

/* Once laid out, the answer and its explanation scroll into view above the hint. */
static gboolean
scroll_to_answer_cb (gpointer user_data)
{
  GcmPresenter *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->scroll_source = 0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

static const char *
dup_hint (GcmPresenter *self,
          const Slide  *slide,
          char        **owned)
{
  GcmWorkshopQuestion *question = current_question (self);

  if (question != NULL)
    {
      char last = (char) ('A' + (int) gcm_workshop_question_get_n_choices (question) - 1);

      if (!self->revealed[slide->index])
        /* Translators: the keys of a workshop question; %c is the last choice's letter */
        *owned = g_strdup_printf (_("A–%c pick a choice · 0–9 type its count · + − adjust · "
                                    "Space shows the answer · ← back · Esc leaves"), last);
      else
        /* Translators: the keys of a workshop question once its answer is shown */
        *owned = g_strdup_printf (_("A–%c pick a choice · 0–9 type its count · + − adjust · "
                                    "→ or Space next question · ← back · Esc leaves"), last);
      return *owned;
    }
  if (slide->kind == SLIDE_SUMMARY)
    return _("Tab and Enter export the results · ← back · Esc leaves");
  if (slide->kind == SLIDE_END)
    return _("← back · Esc leaves");
  return _("→ or Page Down next · ← or Page Up back · Esc leaves");
}

static void
show_slide (GcmPresenter *self)
{
  const Slide *slide = current_slide (self);
  g_autofree char *position = NULL;
  g_autofree char *hint = NULL;

  g_cancellable_cancel (self->slide_cancellable);
  g_clear_object (&self->slide_cancellable);
  self->slide_cancellable = g_cancellable_new ();
  memset (self->choice_rows, 0, sizeof self->choice_rows);
  memset (self->tally_labels, 0, sizeof self->tally_labels);
  self->total_label = NULL;
  self->save_label = NULL;
  self->typing = FALSE;
  gcm_rows_clear_box (self->slide_box);
  gtk_widget_remove_css_class (GTK_WIDGET (self->slide_box), "revealed");
  if (slide == NULL)
    return;

  switch (slide->kind)
    {
    case SLIDE_TITLE:
      build_title (self);
      break;
    case SLIDE_QUESTION:
      build_question (self, slide->index);
      /* Room for the explanation under the prompt. */
      if (self->revealed[slide->index])
        gtk_widget_add_css_class (GTK_WIDGET (self->slide_box), "revealed");
      /* Translators: where the workshop is, top right of the screen */
      position = g_strdup_printf (_("Question %u of %u"), slide->index + 1,
                                  self->session->questions->len);
      break;
    case SLIDE_STEP:
      build_step (self, slide->index);
      break;
    case SLIDE_PICTURE:
      {
        GcmWorkshopPicture *picture = g_ptr_array_index (self->deck->pictures, slide->index);

        add_picture (self, picture->file, picture->alt);
        add_label (self->slide_box, picture->alt, "presenter-caption");
      }
      break;
    case SLIDE_SUMMARY:
      build_summary (self);
      break;
    case SLIDE_END:
      build_end (self);
      break;
    }
  if (position == NULL)
    /* Translators: which slide of how many, top right of the workshop screen */
    position = g_strdup_printf (_("%u / %u"), self->current + 1, self->slides->len);
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->hint_label, dup_hint (self, slide, &hint));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
add_slide (GcmPresenter *self,
           SlideKind     kind,
           guint         index)
{
  Slide slide = { kind, index };

  g_array_append_val (self->slides, slide);
}

static void
build_slides (GcmPresenter *self)
{
  GcmWorkshopDeck *deck = self->deck;

  self->slides = g_array_new (FALSE, FALSE, sizeof (Slide));
  add_slide (self, SLIDE_TITLE, 0);
  if (deck->questions != NULL)
    {
      self->session = gcm_workshop_session_new (gcm_item_get_id (deck->item),
                                                gcm_item_get_title (deck->item),
                                                gcm_item_get_shown_lang (deck->item),
                                                deck->serial, now ());
      for (guint i = 0; i < deck->questions->len; i++)
        {
          GcmQuizQuestion *question = g_ptr_array_index (deck->questions, i);
          guint n = MIN (gcm_quiz_question_get_n_choices (question), GCM_WORKSHOP_MAX_CHOICES);
          g_autofree const char **choices = g_new0 (const char *, n + 1);
          guint right = 0;

          for (guint c = 0; c < n; c++)
            {
              choices[c] = gcm_quiz_question_get_choice (question, c);
              if (gcm_quiz_question_is_right_choice (question, c))
                right |= 1u << c;
            }
          g_ptr_array_add (self->session->questions,
                           gcm_workshop_question_new (gcm_quiz_question_get_id (question),
                                                      gcm_quiz_question_get_prompt (question),
                                                      choices, right));
          add_slide (self, SLIDE_QUESTION, i);
        }
      self->revealed = g_new0 (gboolean, deck->questions->len + 1);
      self->selected = g_new0 (guint, deck->questions->len + 1);
      add_slide (self, SLIDE_SUMMARY, 0);
      return;
    }
  for (guint i = 0; i < gcm_item_get_steps (deck->item)->len; i++)
    add_slide (self, SLIDE_STEP, i);
  for (guint i = 0; i < deck->pictures->len; i++)
    add_slide (self, SLIDE_PICTURE, i);
  add_slide (self, SLIDE_END, 0);
}

static void
deck_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GcmPresenter) self = user_data;
  g_autoptr(GError) error = NULL;
  GcmWorkshopDeck *deck = gcm_workshop_load_deck_finish (GCM_STORE (object), result, &error);

  if (deck == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      add_heading (self->slide_box, _("This cannot be presented"), "presenter-title");
      add_label (self->slide_box, error->message, "presenter-summary-text");
      gtk_label_set_text (self->hint_label, _("Esc leaves"));
      return;
    }
  self->deck = deck;
  gtk_label_set_text (self->title_label, gcm_item_get_title (deck->item));
  gtk_window_set_title (GTK_WINDOW (self), gcm_item_get_title (deck->item));
  build_slides (self);
  show_slide (self);
}

/* Keys */

static void
go_to (GcmPresenter *self,
       int           delta)
{
  int next = (int) self->current + delta;

  if (self->slides == NULL || next < 0 || next >= (int) self->slides->len)
    return;
  self->current = (guint) next;
  show_slide (self);
}

/* Space and Enter: the answer first, then the next slide. */
static void
advance (GcmPresenter *self,
         gboolean      reveal_first)
{
  const Slide *slide = current_slide (self);

  if (reveal_first && slide != NULL && slide->kind == SLIDE_QUESTION && !self->revealed[slide->index])
    {
      self->revealed[slide->index] = TRUE;
      show_slide (self);
      g_clear_handle_id (&self->scroll_source, g_source_remove);
      self->scroll_source = g_timeout_add (100, scroll_to_answer_cb, self);
      return;
    }
  go_to (self, 1);
}

static void
set_count (GcmPresenter *self,
           int           count)
{
  const Slide *slide = current_slide (self);
  GcmWorkshopQuestion *question = current_question (self);

  gcm_workshop_question_set_tally (question, self->selected[slide->index], (guint) MAX (count, 0));
  self->dirty = TRUE;
  update_choices (self);
}

/* Letters pick a choice, digits type its count, + and − adjust it. */
static gboolean
tally_key (GcmPresenter *self,
           guint         keyval)
{
  const Slide *slide = current_slide (self);
  GcmWorkshopQuestion *question = current_question (self);
  guint n, choice, count;
  guint32 unicode = gdk_keyval_to_unicode (keyval);
  int digit = -1;

  if (question == NULL)
    return FALSE;
  n = gcm_workshop_question_get_n_choices (question);
  choice = self->selected[slide->index];
  count = question->tallies[choice];
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = (int) (keyval - GDK_KEY_KP_0);
  else if (unicode >= '0' && unicode <= '9')
    digit = (int) (unicode - '0');

  if (unicode >= 'a' && unicode < 'a' + n)
    choice = unicode - 'a';
  else if (unicode >= 'A' && unicode < 'A' + n)
    choice = unicode - 'A';
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    choice = choice > 0 ? choice - 1 : n - 1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    choice = (choice + 1) % n;
  else if (digit >= 0)
    {
      set_count (self, self->typing ? (int) MIN (count * 10 + (guint) digit, GCM_WORKSHOP_MAX_TALLY)
                                    : digit);
      self->typing = TRUE;
      return TRUE;
    }
  else if (keyval == GDK_KEY_BackSpace)
    {
      set_count (self, (int) (count / 10));
      self->typing = TRUE;
      return TRUE;
    }
  else if (keyval == GDK_KEY_plus || keyval == GDK_KEY_equal || keyval == GDK_KEY_KP_Add)
    {
      set_count (self, (int) count + 1);
      self->typing = FALSE;
      return TRUE;
    }
  else if (keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract)
    {
      set_count (self, (int) count - 1);
      self->typing = FALSE;
      return TRUE;
    }
  else
    return FALSE;

  self->selected[slide->index] = choice;
  self->typing = FALSE;
  update_choices (self);
  return TRUE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GcmPresenter          *self)
{
  const Slide *slide = current_slide (self);
  gboolean on_summary = slide != NULL && slide->kind == SLIDE_SUMMARY;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      advance (self, TRUE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      go_to (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      go_to (self, -(int) self->current);
      return TRUE;
    case GDK_KEY_End:
      if (self->slides != NULL)
        go_to (self, (int) self->slides->len - 1 - (int) self->current);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      /* On the summary they press the focused export button. */
      if (on_summary)
        return FALSE;
      advance (self, TRUE);
      return TRUE;
    default:
      return tally_key (self, keyval);
    }
}

static gboolean
gcm_presenter_close_request (GtkWindow *window)
{
  save_session (GCM_PRESENTER (window));
  return GTK_WINDOW_CLASS (gcm_presenter_parent_class)->close_request (window);
}

static void
gcm_presenter_dispose (GObject *object)
{
  GcmPresenter *self = GCM_PRESENTER (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->slide_cancellable);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  self->save_label = NULL;
  self->total_label = NULL;
  memset (self->choice_rows, 0, sizeof self->choice_rows);
  memset (self->tally_labels, 0, sizeof self->tally_labels);
  gtk_widget_dispose_template (GTK_WIDGET (self), GCM_TYPE_PRESENTER);
  G_OBJECT_CLASS (gcm_presenter_parent_class)->dispose (object);
}

static void
gcm_presenter_finalize (GObject *object)
{
  GcmPresenter *self = GCM_PRESENTER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->slide_cancellable);
  g_clear_pointer (&self->deck, gcm_workshop_deck_free);
  g_clear_pointer (&self->session, gcm_workshop_session_free);
  g_clear_pointer (&self->slides, g_array_unref);
  g_free (self->revealed);
  g_free (self->selected);
  G_OBJECT_CLASS (gcm_presenter_parent_class)->finalize (object);
}

static void
gcm_presenter_class_init (GcmPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gcm_presenter_dispose;
  object_class->finalize = gcm_presenter_finalize;
  widget_class->size_allocate = gcm_presenter_size_allocate;
  window_class->close_request = gcm_presenter_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/greencustoms/Manual/ui/gcm-presenter.ui");
  gtk_widget_class_bind_template_child (widget_class, GcmPresenter, title_label);
  gtk_widget_class_bind_template_child (widget_class, GcmPresenter, position_label);
  gtk_widget_class_bind_template_child (widget_class, GcmPresenter, scroller);
  gtk_widget_class_bind_template_child (widget_class, GcmPresenter, slide_box);
  gtk_widget_class_bind_template_child (widget_class, GcmPresenter, hint_label);
}

static void
gcm_presenter_init (GcmPresenter *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->slide_cancellable = g_cancellable_new ();
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  /* Before the focused widget: the keys are the presenter's whatever has the focus. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_label_set_text (self->hint_label, _("Esc leaves"));
}

/**
 * gcm_presenter_new:
 * @item_id: a quiz or a procedure
 * @parent: (nullable): the window it was opened from
 *
 * Opens @item_id full screen, in the reader's content language.
 *
 * Returns: (transfer none): the presenter, shown
 */
GtkWidget *
gcm_presenter_new (GcmStore   *store,
                   const char *item_id,
                   GtkWindow  *parent)
{
  GcmPresenter *self;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (GCM_TYPE_PRESENTER, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gcm_workshop_load_deck_async (store, item_id, gcm_locale_get_content_language (),
                                self->cancellable, deck_loaded_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}
