/* gcm-case-card.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable row of the cases gallery, read on the content worker so the grid never parses an
 * item on the main thread.
 */

#define G_LOG_DOMAIN "GcmCaseCard"

#include "config.h"

#include <stdlib.h>

#include "gcm-case-card.h"

struct _GcmCaseCard
{
  GObject  parent_instance;

  char    *id;
  char    *title;
  char    *summary;
  char    *date;
  char    *place;
  GStrv    conventions;
  GStrv    modus_operandi;
  char    *cover_sha256;
  char    *cover_path;
  char    *cover_caption;
  gint64   arrived;
};

G_DEFINE_FINAL_TYPE (GcmCaseCard, gcm_case_card, G_TYPE_OBJECT)

static void
gcm_case_card_finalize (GObject *object)
{
  GcmCaseCard *self = GCM_CASE_CARD (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->date);
  g_free (self->place);
  g_strfreev (self->conventions);
  g_strfreev (self->modus_operandi);
  g_free (self->cover_sha256);
  g_free (self->cover_path);
  g_free (self->cover_caption);
  G_OBJECT_CLASS (gcm_case_card_parent_class)->finalize (object);
}

static void
gcm_case_card_class_init (GcmCaseCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_case_card_finalize;
}

static void
gcm_case_card_init (GcmCaseCard *self)
{
}

GcmCaseCard *
gcm_case_card_new (const GcmCaseCardFields *fields)
{
  GcmCaseCard *self;

  g_return_val_if_fail (fields != NULL && fields->id != NULL, NULL);

  self = g_object_new (GCM_TYPE_CASE_CARD, NULL);
  self->id = g_strdup (fields->id);
  self->title = g_strdup (fields->title ? fields->title : fields->id);
  self->summary = g_strdup (fields->summary ? fields->summary : "");
  self->date = g_strdup (fields->date);
  self->place = g_strdup (fields->place);
  self->conventions = g_strdupv ((char **) fields->conventions);
  self->modus_operandi = g_strdupv ((char **) fields->modus_operandi);
  self->cover_sha256 = g_strdup (fields->cover_sha256);
  self->cover_path = g_strdup (fields->cover_path);
  self->cover_caption = g_strdup (fields->cover_caption);
  self->arrived = fields->arrived;
  return self;
}

const char *
gcm_case_card_get_id (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->id;
}

const char *
gcm_case_card_get_title (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->title;
}

const char *
gcm_case_card_get_summary (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->summary;
}

const char *
gcm_case_card_get_date (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->date;
}

/* The year the date starts with, or 0. */
int
gcm_case_card_get_year (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), 0);

  if (self->date == NULL || !g_ascii_isdigit (self->date[0]))
    return 0;
  return (int) strtol (self->date, NULL, 10);
}

const char *
gcm_case_card_get_place (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->place;
}

const char * const *
gcm_case_card_get_conventions (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return (const char * const *) self->conventions;
}

const char * const *
gcm_case_card_get_modus_operandi (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return (const char * const *) self->modus_operandi;
}

const char *
gcm_case_card_get_cover_sha256 (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->cover_sha256;
}

const char *
gcm_case_card_get_cover_path (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->cover_path;
}

const char *
gcm_case_card_get_cover_caption (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), NULL);
  return self->cover_caption;
}

gint64
gcm_case_card_get_arrived (GcmCaseCard *self)
{
  g_return_val_if_fail (GCM_IS_CASE_CARD (self), 0);
  return self->arrived;
}
