/* gcm-case-card.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GCM_TYPE_CASE_CARD (gcm_case_card_get_type ())
G_DECLARE_FINAL_TYPE (GcmCaseCard, gcm_case_card, GCM, CASE_CARD, GObject)

/* One case as the gallery shows it: what a card prints, and what it is filtered by. */
typedef struct
{
  const char         *id;
  const char         *title;
  const char         *summary;
  const char         *date;          /* nullable: "2017" or "2017-05" */
  const char         *place;         /* nullable */
  const char * const *conventions;   /* nullable */
  const char * const *modus_operandi;/* nullable */
  const char         *cover_sha256;  /* nullable: the first photo's content hash */
  const char         *cover_path;    /* nullable: that photo in objects/ */
  const char         *cover_caption; /* nullable */
  gint64              arrived;       /* when the case was installed, Unix time; 0 unknown */
} GcmCaseCardFields;

GcmCaseCard        *gcm_case_card_new                (const GcmCaseCardFields *fields);
const char         *gcm_case_card_get_id             (GcmCaseCard *self);
const char         *gcm_case_card_get_title          (GcmCaseCard *self);
const char         *gcm_case_card_get_summary        (GcmCaseCard *self);
const char         *gcm_case_card_get_date           (GcmCaseCard *self);
int                 gcm_case_card_get_year           (GcmCaseCard *self);
const char         *gcm_case_card_get_place          (GcmCaseCard *self);
const char * const *gcm_case_card_get_conventions    (GcmCaseCard *self);
const char * const *gcm_case_card_get_modus_operandi (GcmCaseCard *self);
const char         *gcm_case_card_get_cover_sha256   (GcmCaseCard *self);
const char         *gcm_case_card_get_cover_path     (GcmCaseCard *self);
const char         *gcm_case_card_get_cover_caption  (GcmCaseCard *self);
gint64              gcm_case_card_get_arrived        (GcmCaseCard *self);

G_END_DECLS
