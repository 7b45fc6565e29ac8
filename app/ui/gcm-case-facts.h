/* gcm-case-facts.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gcm-item.h"

G_BEGIN_DECLS

#define GCM_TYPE_CASE_FACTS (gcm_case_facts_get_type ())
G_DECLARE_FINAL_TYPE (GcmCaseFacts, gcm_case_facts, GCM, CASE_FACTS, GtkWidget)

GtkWidget *gcm_case_facts_new      (void);
void       gcm_case_facts_set_item (GcmCaseFacts *self,
                                    GcmItem      *item);

G_END_DECLS
