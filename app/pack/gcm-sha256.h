/* gcm-sha256.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hex digest: 64 digits and a NUL. */
#define GCM_SHA256_HEX_SIZE 65

typedef struct _GcmSha256 GcmSha256;

GcmSha256 *gcm_sha256_new       (void);
void       gcm_sha256_update    (GcmSha256  *self,
                                 const void *data,
                                 gsize       size);
void       gcm_sha256_get_hex   (GcmSha256  *self,
                                 char        hex[GCM_SHA256_HEX_SIZE]);
void       gcm_sha256_free      (GcmSha256  *self);
char      *gcm_sha256_for_bytes (GBytes     *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmSha256, gcm_sha256_free)

G_END_DECLS
