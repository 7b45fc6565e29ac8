/* gcm-publisher.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-source.h"

G_BEGIN_DECLS

typedef struct
{
  const char *output;        /* the feed folder to write */
  const char *secret_key;    /* minisign secret key, or NULL for an unsigned feed */
  gint64      serial;        /* 0: the generation time */
  int         expires_days;
} GcmPublishOptions;

gboolean gcm_publish           (GcmSource               *source,
                                const GcmPublishOptions *options,
                                gint64                  *serial_out,
                                GError                 **error);
gboolean gcm_publish_check_key (const char              *path,
                                GError                 **error);

G_END_DECLS
