/* gcm-print-procedure.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-item.h"
#include "gcm-print-document.h"
#include "gcm-store.h"

G_BEGIN_DECLS

void              gcm_print_procedure_run          (GtkWidget  *parent,
                                                    GcmItem    *procedure,
                                                    gint64      serial);
int               gcm_print_procedure_run_cli      (GcmStore   *store,
                                                    const char *id,
                                                    const char *pdf,
                                                    const char *paper_name);

G_END_DECLS
