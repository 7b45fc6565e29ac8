/* gcm-workshop-session.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GCM_WORKSHOP_MAX_CHOICES 9   /* as many as a quiz question has: the letters A–I */
#define GCM_WORKSHOP_MAX_TALLY   9999

/* A question as a room answered it: its text in the language presented, and how many people
 * chose each choice. */
typedef struct
{
  char  *id;                                  /* the original's question id */
  char  *prompt;
  GStrv  choices;
  guint  right;                               /* bit i: choice i is right */
  guint  tallies[GCM_WORKSHOP_MAX_CHOICES];
} GcmWorkshopQuestion;

/* One workshop: a quiz presented to a room, and the room's answers. */
typedef struct
{
  gint64     id;              /* the row in user.db; 0 until saved */
  char      *item_id;         /* the quiz presented */
  char      *title;
  char      *lang;            /* the language the questions were shown in */
  gint64     content_serial;
  gint64     started;         /* Unix time */
  GPtrArray *questions;       /* (element-type GcmWorkshopQuestion) */
} GcmWorkshopSession;

GcmWorkshopQuestion *gcm_workshop_question_new         (const char                *id,
                                                        const char                *prompt,
                                                        const char * const        *choices,
                                                        guint                      right);
void                 gcm_workshop_question_free        (GcmWorkshopQuestion       *question);
guint                gcm_workshop_question_get_n_choices (const GcmWorkshopQuestion *question);
gboolean             gcm_workshop_question_is_right    (const GcmWorkshopQuestion *question,
                                                        guint                      choice);
void                 gcm_workshop_question_set_tally   (GcmWorkshopQuestion       *question,
                                                        guint                      choice,
                                                        guint                      count);
guint                gcm_workshop_question_get_total   (const GcmWorkshopQuestion *question);
guint                gcm_workshop_question_get_n_right (const GcmWorkshopQuestion *question);
int                  gcm_workshop_question_get_share_right (const GcmWorkshopQuestion *question);
char                *gcm_workshop_question_dup_right_letters (const GcmWorkshopQuestion *question);
char                *gcm_workshop_choice_letter        (guint                      choice);

GcmWorkshopSession  *gcm_workshop_session_new          (const char                *item_id,
                                                        const char                *title,
                                                        const char                *lang,
                                                        gint64                     content_serial,
                                                        gint64                     started);
GcmWorkshopSession  *gcm_workshop_session_copy         (const GcmWorkshopSession  *session);
void                 gcm_workshop_session_free         (GcmWorkshopSession        *session);
gboolean             gcm_workshop_session_has_tallies  (const GcmWorkshopSession  *session);
guint                gcm_workshop_session_get_max_choices (const GcmWorkshopSession *session);
int                  gcm_workshop_session_get_share_right (const GcmWorkshopSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmWorkshopQuestion, gcm_workshop_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmWorkshopSession, gcm_workshop_session_free)

G_END_DECLS
