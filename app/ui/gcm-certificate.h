/* gcm-certificate.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-path-progress.h"
#include "gcm-print-document.h"

G_BEGIN_DECLS

char             *gcm_certificate_normalize_name (const char       *name,
                                                  GError          **error);
GcmPrintDocument *gcm_certificate_new_document   (GcmPathProgress  *progress,
                                                  const char       *name,
                                                  GDateTime        *date,
                                                  GError          **error);
int               gcm_certificate_run_cli        (GcmStore         *store,
                                                  const char       *path_id,
                                                  const char       *name,
                                                  const char       *pdf,
                                                  const char       *paper_name);

G_END_DECLS
