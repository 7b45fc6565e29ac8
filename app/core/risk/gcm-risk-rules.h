/* gcm-risk-rules.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One red flag a declaration raised. */
typedef struct
{
  char  *rule_id;
  char  *title;
  char  *why;       /* why it matters, from the content */
  GStrv  items;     /* the sections and cases behind it */
  int    severity;  /* 1 low … 3 high */
  char  *reason;    /* what in the declaration raised it, in English for logs */
} GcmRiskFlag;

void gcm_risk_flag_free (GcmRiskFlag *flag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmRiskFlag, gcm_risk_flag_free)

#define GCM_TYPE_RISK_RULES (gcm_risk_rules_get_type ())
G_DECLARE_FINAL_TYPE (GcmRiskRules, gcm_risk_rules, GCM, RISK_RULES, GObject)

GcmRiskRules *gcm_risk_rules_new                (void);
gboolean      gcm_risk_rules_add_from_json      (GcmRiskRules *self,
                                                 JsonArray    *rules,
                                                 GError      **error);
guint         gcm_risk_rules_get_n_rules        (GcmRiskRules *self);
GPtrArray    *gcm_risk_rules_check              (GcmRiskRules *self,
                                                 GHashTable   *declaration);
const char * const *gcm_risk_rules_get_fields   (void);

G_END_DECLS
