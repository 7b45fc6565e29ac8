/* gcm-decision-key.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GCM_DECISION_KEY_MAX_DEPTH   12
#define GCM_DECISION_KEY_MIN_OPTIONS 2
#define GCM_DECISION_KEY_MAX_OPTIONS 8

typedef enum
{
  GCM_URGENCY_ROUTINE,
  GCM_URGENCY_SOON,
  GCM_URGENCY_IMMEDIATE,
} GcmUrgency;

typedef struct
{
  const char *text;
  const char *image;        /* a media path, or NULL */
  const char *next;         /* a node id, or NULL when the option ends in an outcome */
  const char *outcome;      /* an outcome id, or NULL */
} GcmKeyOption;

typedef struct
{
  const char   *id;
  const char   *question;
  const char   *hint;       /* or NULL */
  GcmKeyOption *options;
  guint         n_options;
} GcmKeyNode;

typedef struct
{
  const char  *id;
  const char  *title;       /* what it probably is */
  const char  *summary;
  GcmUrgency   urgency;
  const char  *procedure;   /* the item id of the procedure to follow, or NULL */
  const char  *contact;     /* who to call, or NULL */
  const char **read;        /* further items: sections and cases */
} GcmKeyOutcome;

/* Returns whether an item id exists, for validation. */
typedef gboolean (*GcmKeyItemExists) (const char *item_id,
                                      gpointer    user_data);

#define GCM_TYPE_DECISION_KEY (gcm_decision_key_get_type ())
G_DECLARE_FINAL_TYPE (GcmDecisionKey, gcm_decision_key, GCM, DECISION_KEY, GObject)

GcmDecisionKey      *gcm_decision_key_new_from_json (JsonObject       *item,
                                                     GcmKeyItemExists  item_exists,
                                                     gpointer          user_data,
                                                     GError          **error);
const GcmKeyNode    *gcm_decision_key_get_start     (GcmDecisionKey   *self);
const GcmKeyNode    *gcm_decision_key_get_node      (GcmDecisionKey   *self,
                                                     const char       *id);
const GcmKeyOutcome *gcm_decision_key_get_outcome   (GcmDecisionKey   *self,
                                                     const char       *id);
const char          *gcm_decision_key_get_lang      (GcmDecisionKey   *self);
guint                gcm_decision_key_get_n_nodes   (GcmDecisionKey   *self);
guint                gcm_decision_key_get_n_outcomes (GcmDecisionKey  *self);

const char          *gcm_urgency_get_label          (GcmUrgency        urgency);

G_END_DECLS
