/* gcm-workshop-csv.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-workshop-session.h"

G_BEGIN_DECLS

void   gcm_workshop_csv_append_field (GPtrArray                *row,
                                      const char               *field);
char  *gcm_workshop_csv_write        (const GcmWorkshopSession *session);

G_END_DECLS
