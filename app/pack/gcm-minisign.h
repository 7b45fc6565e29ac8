/* gcm-minisign.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GCM_MINISIGN_KEY_ID_LEN 8
#define GCM_MINISIGN_MAX_SIZE   4096

typedef struct
{
  guint8 key_id[GCM_MINISIGN_KEY_ID_LEN];
  guint8 public_key[32];
} GcmMinisignKey;

typedef struct
{
  gboolean  prehashed;
  guint8    key_id[GCM_MINISIGN_KEY_ID_LEN];
  guint8    signature[64];
  char     *trusted_comment;
  guint8    global_signature[64];
} GcmMinisignSignature;

GcmMinisignKey       *gcm_minisign_key_new_from_text        (const char            *text,
                                                             gssize                 length,
                                                             GError               **error);
GcmMinisignKey       *gcm_minisign_key_new_from_file        (const char            *path,
                                                             GError               **error);
char                 *gcm_minisign_key_dup_id               (const GcmMinisignKey  *key);
void                  gcm_minisign_key_free                 (GcmMinisignKey        *key);

GcmMinisignSignature *gcm_minisign_signature_new_from_text  (const char            *text,
                                                             gssize                 length,
                                                             GError               **error);
const GcmMinisignKey *gcm_minisign_signature_find_key       (const GcmMinisignSignature *sig,
                                                             GPtrArray             *keys,
                                                             GError               **error);
gboolean              gcm_minisign_signature_verify_comment (const GcmMinisignSignature *sig,
                                                             const GcmMinisignKey  *key,
                                                             GError               **error);
gboolean              gcm_minisign_signature_verify_data    (const GcmMinisignSignature *sig,
                                                             const GcmMinisignKey  *key,
                                                             GBytes                *data,
                                                             GError               **error);
void                  gcm_minisign_signature_free           (GcmMinisignSignature  *sig);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmMinisignKey, gcm_minisign_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmMinisignSignature, gcm_minisign_signature_free)

G_END_DECLS
