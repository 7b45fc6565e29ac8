/* gcm-workshop-report.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-workshop-session.h"

G_BEGIN_DECLS

typedef enum
{
  GCM_WORKSHOP_FORMAT_CSV,
  GCM_WORKSHOP_FORMAT_PDF,
} GcmWorkshopFormat;

gboolean gcm_workshop_export        (const GcmWorkshopSession  *session,
                                     GcmWorkshopFormat          format,
                                     GFile                     *file,
                                     GError                   **error);
void     gcm_workshop_export_async  (const GcmWorkshopSession  *session,
                                     GcmWorkshopFormat          format,
                                     GFile                     *file,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
gboolean gcm_workshop_export_finish (GAsyncResult              *result,
                                     GError                   **error);
char    *gcm_workshop_dup_file_name (const GcmWorkshopSession  *session,
                                     GcmWorkshopFormat          format);

G_END_DECLS
