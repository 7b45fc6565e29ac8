/* gcm-item.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gcm-item-kind.h"

G_BEGIN_DECLS

/* A photo of a case: a media file with what the page prints under it. */
typedef struct
{
  char *file;
  char *caption;   /* nullable */
  char *credit;    /* nullable */
  char *licence;   /* nullable */
} GcmItemPhoto;

/* A step of a procedure, with a stable id that ticks are keyed by. */
typedef struct
{
  char *id;        /* nullable */
  char *text;
  char *warning;   /* nullable */
} GcmItemStep;

/* A question of a quiz; @choices is %NULL for a true/false question. */
typedef struct
{
  char  *id;       /* nullable */
  char  *type;     /* nullable: single, multiple, truefalse */
  char  *prompt;
  char  *image;    /* nullable */
  GStrv  choices;  /* nullable */
} GcmItemQuestion;

typedef struct
{
  char *title;
  char *url;       /* nullable */
} GcmItemSource;

/* What a localized item's text is. */
typedef enum
{
  GCM_ITEM_TRANSLATION_ORIGINAL,  /* the language asked for is the original's */
  GCM_ITEM_TRANSLATION_CURRENT,   /* a translation made from the current original */
  GCM_ITEM_TRANSLATION_STALE,     /* a translation of an older original */
  GCM_ITEM_TRANSLATION_NONE,      /* no translation: the original's text */
} GcmItemTranslation;

/* What a page says about its language, for a reader of a given language. */
typedef enum
{
  GCM_LANGUAGE_NOTICE_NONE,              /* shown in the reader's language, the original's */
  GCM_LANGUAGE_NOTICE_TRANSLATED,        /* a current translation: offer the original */
  GCM_LANGUAGE_NOTICE_STALE,             /* "The English version is newer": offer it */
  GCM_LANGUAGE_NOTICE_UNTRANSLATED,      /* "Not yet translated": the original is shown */
  GCM_LANGUAGE_NOTICE_ORIGINAL_CHOSEN,   /* the reader chose the original: offer the translation */
} GcmLanguageNotice;

#define GCM_TYPE_ITEM (gcm_item_get_type ())

G_DECLARE_FINAL_TYPE (GcmItem, gcm_item, GCM, ITEM, GObject)

gboolean            gcm_item_id_is_valid              (const char  *id);

GcmItem            *gcm_item_new_from_json            (const char  *json,
                                                       gssize       length,
                                                       const char  *chapter_title,
                                                       GError     **error);

char               *gcm_item_localize_json            (const char  *json,
                                                       const char  *lang,
                                                       GcmItemTranslation *translation);
void                gcm_item_localize_object          (JsonObject  *object,
                                                       const char  *lang,
                                                       GcmItemTranslation *translation);
GcmItem            *gcm_item_dup_localized            (GcmItem     *self,
                                                       const char  *lang,
                                                       const char  *chapter_title);
GcmItemTranslation  gcm_item_get_translation          (GcmItem     *self);
const char         *gcm_item_get_shown_lang           (GcmItem     *self);
gboolean            gcm_item_has_translation          (GcmItem     *self,
                                                       const char  *lang);
GcmLanguageNotice   gcm_item_get_language_notice      (GcmItem     *self,
                                                       const char  *reader_lang);

const char         *gcm_item_get_id                   (GcmItem     *self);
GcmItemKind         gcm_item_get_kind                 (GcmItem     *self);
const char         *gcm_item_get_title                (GcmItem     *self);
const char         *gcm_item_get_summary              (GcmItem     *self);
const char         *gcm_item_get_chapter              (GcmItem     *self);
const char         *gcm_item_get_chapter_title        (GcmItem     *self);
gint64              gcm_item_get_order                (GcmItem     *self);
gint64              gcm_item_get_version              (GcmItem     *self);
const char         *gcm_item_get_lang                 (GcmItem     *self);
const char         *gcm_item_get_body                 (GcmItem     *self);
const char * const *gcm_item_get_conventions          (GcmItem     *self);
const char * const *gcm_item_get_keywords             (GcmItem     *self);
const char * const *gcm_item_get_codes                (GcmItem       *self,
                                                       GcmCodeFamily  family);
const char         *gcm_item_get_code_edition         (GcmItem       *self,
                                                       GcmCodeFamily  family);

/* Cases */
const char         *gcm_item_get_date                 (GcmItem     *self);
const char         *gcm_item_get_place                (GcmItem     *self);
const char         *gcm_item_get_commodity            (GcmItem     *self);
const char         *gcm_item_get_quantity             (GcmItem     *self);
const char         *gcm_item_get_reported_at          (GcmItem     *self);
const char * const *gcm_item_get_modus_operandi       (GcmItem     *self);
const char * const *gcm_item_get_risk_indicators      (GcmItem     *self);
GPtrArray          *gcm_item_get_photos               (GcmItem     *self);

/* Procedures */
const char * const *gcm_item_get_applies_to           (GcmItem     *self);
const char * const *gcm_item_get_hazards              (GcmItem     *self);
const char * const *gcm_item_get_protective_equipment (GcmItem     *self);
GPtrArray          *gcm_item_get_steps                (GcmItem     *self);

/* Quizzes */
GPtrArray          *gcm_item_get_questions            (GcmItem     *self);

GPtrArray          *gcm_item_get_sources              (GcmItem     *self);
GHashTable         *gcm_item_get_media                (GcmItem     *self);
const char         *gcm_item_lookup_media             (GcmItem     *self,
                                                       const char  *path);

G_END_DECLS
