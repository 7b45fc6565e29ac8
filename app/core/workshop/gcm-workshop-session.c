/* gcm-workshop-session.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workshop's class results: per question how many in the room chose each choice, and the
 * share of those answers that were right. A room's show of hands is counted per choice, so for
 * a question with several right choices the share right is the answers given to right choices
 * out of all answers given; for every other question it is the people who chose the answer.
 */

#define G_LOG_DOMAIN "GcmWorkshopSession"

#include "config.h"

#include <string.h>

#include "gcm-workshop-session.h"

/**
 * gcm_workshop_question_new:
 * @choices: the choices' text, at most %GCM_WORKSHOP_MAX_CHOICES are kept
 * @right: bit i set when choice i is right
 *
 * Returns: (transfer full): a question with no answers counted yet
 */
GcmWorkshopQuestion *
gcm_workshop_question_new (const char         *id,
                           const char         *prompt,
                           const char * const *choices,
                           guint               right)
{
  GcmWorkshopQuestion *question = g_new0 (GcmWorkshopQuestion, 1);
  guint n = choices != NULL ? MIN (g_strv_length ((GStrv) choices), GCM_WORKSHOP_MAX_CHOICES) : 0;

  question->id = g_strdup (id != NULL ? id : "");
  question->prompt = g_strdup (prompt != NULL ? prompt : "");
  question->choices = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    question->choices[i] = g_strdup (choices[i]);
  question->right = right & ((1u << n) - 1);
  return question;
}

void
gcm_workshop_question_free (GcmWorkshopQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->id);
  g_free (question->prompt);
  g_strfreev (question->choices);
  g_free (question);
}

guint
gcm_workshop_question_get_n_choices (const GcmWorkshopQuestion *question)
{
  return g_strv_length (question->choices);
}

gboolean
gcm_workshop_question_is_right (const GcmWorkshopQuestion *question,
                                guint                      choice)
{
  return choice < GCM_WORKSHOP_MAX_CHOICES && (question->right & (1u << choice)) != 0;
}

/* Counts above %GCM_WORKSHOP_MAX_TALLY are a slip of the keyboard, not a room: kept at it. */
void
gcm_workshop_question_set_tally (GcmWorkshopQuestion *question,
                                 guint                choice,
                                 guint                count)
{
  g_return_if_fail (choice < gcm_workshop_question_get_n_choices (question));
  question->tallies[choice] = MIN (count, GCM_WORKSHOP_MAX_TALLY);
}

guint
gcm_workshop_question_get_total (const GcmWorkshopQuestion *question)
{
  guint total = 0;

  for (guint i = 0; i < GCM_WORKSHOP_MAX_CHOICES; i++)
    total += question->tallies[i];
  return total;
}

guint
gcm_workshop_question_get_n_right (const GcmWorkshopQuestion *question)
{
  guint right = 0;

  for (guint i = 0; i < GCM_WORKSHOP_MAX_CHOICES; i++)
    if (gcm_workshop_question_is_right (question, i))
      right += question->tallies[i];
  return right;
}

/* Rounded to the nearest percent, so the parts shown add up as a reader expects. */
static int
percent (guint part,
         guint total)
{
  return total > 0 ? (int) ((part * 200u + total) / (total * 2u)) : -1;
}

/**
 * gcm_workshop_question_get_share_right:
 *
 * Returns: the answers that were right, in percent of all answers counted; -1 when none were
 */
int
gcm_workshop_question_get_share_right (const GcmWorkshopQuestion *question)
{
  return percent (gcm_workshop_question_get_n_right (question),
                  gcm_workshop_question_get_total (question));
}

/**
 * gcm_workshop_choice_letter:
 *
 * Returns: (transfer full): "A" for the first choice, "B" for the second…
 */
char *
gcm_workshop_choice_letter (guint choice)
{
  return g_strdup_printf ("%c", 'A' + (int) MIN (choice, 25u));
}

/**
 * gcm_workshop_question_dup_right_letters:
 *
 * Returns: (transfer full): the right choices' letters, e.g. "B" or "A, C"
 */
char *
gcm_workshop_question_dup_right_letters (const GcmWorkshopQuestion *question)
{
  GString *letters = g_string_new (NULL);

  for (guint i = 0; i < gcm_workshop_question_get_n_choices (question); i++)
    if (gcm_workshop_question_is_right (question, i))
      g_string_append_printf (letters, "%s%c", letters->len > 0 ? ", " : "", 'A' + (int) i);
  return g_string_free (letters, FALSE);
}

/**
 * gcm_workshop_session_new:
 *
 * Returns: (transfer full): a session with no questions yet
 */
GcmWorkshopSession *
gcm_workshop_session_new (const char *item_id,
                          const char *title,
                          const char *lang,
                          gint64      content_serial,
                          gint64      started)
{
  GcmWorkshopSession *session = g_new0 (GcmWorkshopSession, 1);

  session->item_id = g_strdup (item_id != NULL ? item_id : "");
  session->title = g_strdup (title != NULL ? title : "");
  session->lang = g_strdup (lang != NULL ? lang : "");
  session->content_serial = content_serial;
  session->started = started;
  session->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_workshop_question_free);
  return session;
}

/**
 * gcm_workshop_session_copy:
 *
 * A copy for another thread: the store saves it while the presenter goes on counting.
 *
 * Returns: (transfer full): the copy
 */
GcmWorkshopSession *
gcm_workshop_session_copy (const GcmWorkshopSession *session)
{
  GcmWorkshopSession *copy = gcm_workshop_session_new (session->item_id, session->title,
                                                       session->lang, session->content_serial,
                                                       session->started);

  copy->id = session->id;
  for (guint i = 0; i < session->questions->len; i++)
    {
      const GcmWorkshopQuestion *question = g_ptr_array_index (session->questions, i);
      GcmWorkshopQuestion *same = gcm_workshop_question_new (question->id, question->prompt,
                                                             (const char * const *) question->choices,
                                                             question->right);

      memcpy (same->tallies, question->tallies, sizeof same->tallies);
      g_ptr_array_add (copy->questions, same);
    }
  return copy;
}

void
gcm_workshop_session_free (GcmWorkshopSession *session)
{
  if (session == NULL)
    return;
  g_free (session->item_id);
  g_free (session->title);
  g_free (session->lang);
  g_ptr_array_unref (session->questions);
  g_free (session);
}

gboolean
gcm_workshop_session_has_tallies (const GcmWorkshopSession *session)
{
  for (guint i = 0; i < session->questions->len; i++)
    if (gcm_workshop_question_get_total (g_ptr_array_index (session->questions, i)) > 0)
      return TRUE;
  return FALSE;
}

/* The widest question: the CSV has a column for each of its choices. */
guint
gcm_workshop_session_get_max_choices (const GcmWorkshopSession *session)
{
  guint most = 0;

  for (guint i = 0; i < session->questions->len; i++)
    most = MAX (most, gcm_workshop_question_get_n_choices (g_ptr_array_index (session->questions, i)));
  return most;
}

/**
 * gcm_workshop_session_get_share_right:
 *
 * Returns: every answer counted that was right, in percent; -1 when none were counted
 */
int
gcm_workshop_session_get_share_right (const GcmWorkshopSession *session)
{
  guint right = 0, total = 0;

  for (guint i = 0; i < session->questions->len; i++)
    {
      const GcmWorkshopQuestion *question = g_ptr_array_index (session->questions, i);

      right += gcm_workshop_question_get_n_right (question);
      total += gcm_workshop_question_get_total (question);
    }
  return percent (right, total);
}
