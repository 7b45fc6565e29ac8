/* gcm-application-private.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's start-up and the command line share.
 */

#pragma once

#include "gcm-application.h"
#include "gcm-store.h"

G_BEGIN_DECLS

const char *_gcm_bundled_feed_dir          (void);
GSettings  *_gcm_maybe_settings            (void);
GPtrArray  *_gcm_load_trusted_keys         (GSettings     *settings,
                                            const char    *extra_file,
                                            GError       **error);
const char *_gcm_error_sentence            (const GError  *error);
gboolean    _gcm_bundled_content_is_newer  (GcmStore      *store);
gboolean    _gcm_has_content               (GcmStore      *store);

G_END_DECLS
