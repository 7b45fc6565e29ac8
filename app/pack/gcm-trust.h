/* gcm-trust.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-minisign.h"

G_BEGIN_DECLS

/* Why a feed is believed (DESIGN §5). An installed feed is trusted by where it lies; anything
 * else only by a signature of one of the trusted keys. Either way hashes, sizes and the expiry
 * are checked. */
typedef enum
{
  GCM_TRUST_BY_LOCATION,
  GCM_TRUST_BY_KEY,
} GcmTrustMode;

typedef struct _GcmTrust GcmTrust;

#define GCM_TYPE_TRUST (gcm_trust_get_type ())
GType         gcm_trust_get_type          (void);

GcmTrust     *gcm_trust_new_by_location   (void);
GcmTrust     *gcm_trust_new_by_key        (void);
GcmTrust     *gcm_trust_new_for_keys      (GPtrArray       *keys);
GcmTrust     *gcm_trust_ref               (GcmTrust        *trust);
void          gcm_trust_unref             (GcmTrust        *trust);

GcmTrustMode  gcm_trust_get_mode          (GcmTrust        *trust);
GPtrArray    *gcm_trust_get_keys          (GcmTrust        *trust);
gboolean      gcm_trust_add_key_text      (GcmTrust        *trust,
                                           const char      *text,
                                           GError         **error);
gboolean      gcm_trust_add_key_file      (GcmTrust        *trust,
                                           const char      *path,
                                           GError         **error);
void          gcm_trust_add_installed     (GcmTrust        *trust,
                                           const char      *keys_dir);
void          gcm_trust_add_settings      (GcmTrust        *trust,
                                           GSettings       *settings);
const char   *gcm_trust_installed_keys_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmTrust, gcm_trust_unref)

G_END_DECLS
