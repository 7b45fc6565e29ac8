/* gcm-workshop.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-item.h"
#include "gcm-store.h"
#include "gcm-workshop-session.h"

G_BEGIN_DECLS

/* A picture of a procedure's text, to show on a slide of its own. */
typedef struct
{
  char *file;   /* in objects/ */
  char *alt;
} GcmWorkshopPicture;

/* What a workshop presents: a quiz or a procedure, in the reader's language. */
typedef struct
{
  GcmItem    *item;         /* localized: steps, hazards, body */
  gint64      serial;       /* the content serial it comes from */
  GPtrArray  *questions;    /* quizzes: (element-type GcmQuizQuestion), localized */
  GHashTable *media_files;  /* media path → file in objects/ */
  GPtrArray  *pictures;     /* procedures: (element-type GcmWorkshopPicture) of the body */
} GcmWorkshopDeck;

void                gcm_workshop_deck_free         (GcmWorkshopDeck     *deck);

/* On the content worker: the item @item_id in @lang (NULL for the original). */
void                gcm_workshop_load_deck_async   (GcmStore            *store,
                                                    const char          *item_id,
                                                    const char          *lang,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GcmWorkshopDeck    *gcm_workshop_load_deck_finish  (GcmStore            *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* On the user worker. Saving a session with an id replaces what was saved under it. */
void                gcm_workshop_save_async        (GcmStore            *store,
                                                    const GcmWorkshopSession *session,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64              gcm_workshop_save_finish       (GcmStore            *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void                gcm_workshop_list_async        (GcmStore            *store,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray          *gcm_workshop_list_finish       (GcmStore            *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Blocking, on a connection of its own: for `--export-workshop`. */
GcmWorkshopSession *gcm_workshop_load              (GcmStore            *store,
                                                    gint64               session_id,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmWorkshopDeck, gcm_workshop_deck_free)

G_END_DECLS
