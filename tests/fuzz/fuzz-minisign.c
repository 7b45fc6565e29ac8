/* fuzz-minisign.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer entry point for minisign public keys and signatures. The same bytes are read as a
 * key and as a signature; a signature that parses is then checked against a fixed key, which
 * must fail cleanly, and its trusted comment is read as a feed comment.
 */

#define G_LOG_DOMAIN "FuzzMinisign"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gcm-manifest.h"
#include "gcm-minisign.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A public key made by minisign -G; its secret key was thrown away. */
#define FIXED_KEY "RWR+c/RnKCW9eFalXXw3Tl7eVc56MDsTsmI6LE27f5FVIG6VsR2AoYdQ"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GcmMinisignKey *fixed_key;
  g_autoptr(GcmMinisignKey) key = NULL;
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (size > G_MAXSSIZE)
    return 0;
  if (fixed_key == NULL && !(fixed_key = gcm_minisign_key_new_from_text (FIXED_KEY, -1, NULL)))
    abort ();

  key = gcm_minisign_key_new_from_text ((const char *) data, (gssize) size, &error);
  if ((key == NULL) == (error == NULL))
    abort ();
  if (key != NULL)
    g_free (gcm_minisign_key_dup_id (key));
  g_clear_error (&error);

  sig = gcm_minisign_signature_new_from_text ((const char *) data, (gssize) size, &error);
  if ((sig == NULL) == (error == NULL))
    abort ();
  if (sig == NULL)
    return 0;

  if (!sig->prehashed || !g_utf8_validate (sig->trusted_comment, -1, NULL))
    abort ();
  gcm_feed_comment_free (gcm_feed_comment_parse (sig->trusted_comment, NULL));

  /* Only an astronomically lucky input carries a valid signature by the fixed key. */
  bytes = g_bytes_new (data, size);
  memcpy (fixed_key->key_id, sig->key_id, GCM_MINISIGN_KEY_ID_LEN);
  if (gcm_minisign_signature_verify_comment (sig, fixed_key, NULL) ||
      gcm_minisign_signature_verify_data (sig, fixed_key, bytes, NULL))
    abort ();
  return 0;
}
