/* gcm-minisign.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads minisign public keys and signatures and verifies them with libsodium. HQ signs with the
 * real minisign tool; only prehashed ("ED") signatures are accepted, and the trusted comment is
 * checked by the global signature before anything in it is believed.
 */

#define G_LOG_DOMAIN "GcmMinisign"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "gcm-feed-error.h"
#include "gcm-minisign.h"

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX   "trusted comment: "

/* Helpers */

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "libsodium failed to start");
      return FALSE;
    }
  return TRUE;
}

/* Splits minisign text into lines the way minisign does: "\n" or "\r\n" line ends. */
static GStrv
split_lines (const char *text,
             gssize      length,
             GError    **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  if (length < 0)
    length = strlen (text);
  if (length > GCM_MINISIGN_MAX_SIZE || memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "minisign file is too large or binary");
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);
      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
    }
  return g_steal_pointer (&lines);
}

static gboolean
decode_base64 (const char *line,
               guint8     *out,
               gsize       out_len,
               GError    **error)
{
  gsize decoded_len = 0;

  if (sodium_base642bin (out, out_len, line, strlen (line), NULL, &decoded_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || decoded_len != out_len)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "minisign data is not valid base64 of the right length");
      return FALSE;
    }
  return TRUE;
}

/* Public keys */

/**
 * gcm_minisign_key_new_from_text:
 * @text: a minisign public key file, or its base64 line alone
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GcmMinisignKey *
gcm_minisign_key_new_from_text (const char  *text,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(GcmMinisignKey) key = NULL;
  g_auto(GStrv) lines = NULL;
  const char *b64 = NULL;
  guint8 blob[42];

  g_return_val_if_fail (text != NULL, NULL);

  if (!ensure_sodium (error) || !(lines = split_lines (text, length, error)))
    return NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], UNTRUSTED_PREFIX) || lines[i][0] == '\0')
        continue;
      b64 = lines[i];
      break;
    }
  if (b64 == NULL || !decode_base64 (b64, blob, sizeof blob, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                             "no minisign public key found");
      return NULL;
    }
  if (memcmp (blob, "Ed", 2) != 0)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "unsupported public key algorithm");
      return NULL;
    }

  key = g_new0 (GcmMinisignKey, 1);
  memcpy (key->key_id, blob + 2, GCM_MINISIGN_KEY_ID_LEN);
  memcpy (key->public_key, blob + 10, 32);
  return g_steal_pointer (&key);
}

GcmMinisignKey *
gcm_minisign_key_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return gcm_minisign_key_new_from_text (contents, length, error);
}

/* The id as minisign prints it: the 8 bytes read as a little-endian integer, in hex without
 * leading zeros. */
char *
gcm_minisign_key_dup_id (const GcmMinisignKey *key)
{
  guint64 id = 0;

  g_return_val_if_fail (key != NULL, NULL);

  for (int i = GCM_MINISIGN_KEY_ID_LEN - 1; i >= 0; i--)
    id = (id << 8) | key->key_id[i];
  return g_strdup_printf ("%" G_GINT64_MODIFIER "X", id);
}

void
gcm_minisign_key_free (GcmMinisignKey *key)
{
  g_free (key);
}

/* Signatures */

/**
 * gcm_minisign_signature_new_from_text:
 *
 * Parses the four lines of a .minisig file. Nothing in it is trusted until
 * gcm_minisign_signature_verify_comment() succeeds.
 *
 * Returns: (transfer full): the signature, or %NULL with @error set
 */
GcmMinisignSignature *
gcm_minisign_signature_new_from_text (const char  *text,
                                      gssize       length,
                                      GError     **error)
{
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 blob[74];

  g_return_val_if_fail (text != NULL, NULL);

  if (!ensure_sodium (error) || !(lines = split_lines (text, length, error)))
    return NULL;

  if (g_strv_length (lines) < 4 ||
      !g_str_has_prefix (lines[0], UNTRUSTED_PREFIX) ||
      !g_str_has_prefix (lines[2], TRUSTED_PREFIX))
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "not a minisign signature");
      return NULL;
    }
  for (guint i = 4; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        {
          g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                               "trailing data after the minisign signature");
          return NULL;
        }
    }

  sig = g_new0 (GcmMinisignSignature, 1);
  if (!decode_base64 (lines[1], blob, sizeof blob, error) ||
      !decode_base64 (lines[3], sig->global_signature, sizeof sig->global_signature, error))
    return NULL;

  if (memcmp (blob, "ED", 2) == 0)
    sig->prehashed = TRUE;
  else
    {
      /* Legacy "Ed" signatures sign the whole file; feeds must be prehashed. */
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "only prehashed minisign signatures are accepted");
      return NULL;
    }
  memcpy (sig->key_id, blob + 2, GCM_MINISIGN_KEY_ID_LEN);
  memcpy (sig->signature, blob + 10, 64);
  sig->trusted_comment = g_strdup (lines[2] + strlen (TRUSTED_PREFIX));

  if (!g_utf8_validate (sig->trusted_comment, -1, NULL))
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "the trusted comment is not UTF-8");
      return NULL;
    }
  return g_steal_pointer (&sig);
}

/**
 * gcm_minisign_signature_find_key:
 * @keys: (element-type GcmMinisignKey): the trusted keys
 *
 * Returns: (transfer none): the trusted key that made @sig, or %NULL with @error set
 */
const GcmMinisignKey *
gcm_minisign_signature_find_key (const GcmMinisignSignature  *sig,
                                 GPtrArray                   *keys,
                                 GError                     **error)
{
  g_return_val_if_fail (sig != NULL, NULL);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const GcmMinisignKey *key = g_ptr_array_index (keys, i);
      if (memcmp (key->key_id, sig->key_id, GCM_MINISIGN_KEY_ID_LEN) == 0)
        return key;
    }
  g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY,
                       "the signature was made by an untrusted key");
  return NULL;
}

/* The global signature covers the file signature and the trusted comment together. */
gboolean
gcm_minisign_signature_verify_comment (const GcmMinisignSignature  *sig,
                                       const GcmMinisignKey        *key,
                                       GError                     **error)
{
  g_autofree guint8 *message = NULL;
  gsize comment_len;

  g_return_val_if_fail (sig != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  comment_len = strlen (sig->trusted_comment);
  message = g_malloc (64 + comment_len);
  memcpy (message, sig->signature, 64);
  memcpy (message + 64, sig->trusted_comment, comment_len);

  if (crypto_sign_verify_detached (sig->global_signature, message, 64 + comment_len,
                                   key->public_key) != 0)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE,
                           "the trusted comment signature is not valid");
      return FALSE;
    }
  return TRUE;
}

gboolean
gcm_minisign_signature_verify_data (const GcmMinisignSignature  *sig,
                                    const GcmMinisignKey        *key,
                                    GBytes                      *data,
                                    GError                     **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  gsize size = 0;
  const guint8 *bytes;

  g_return_val_if_fail (sig != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (sig->prehashed, FALSE);

  if (memcmp (key->key_id, sig->key_id, GCM_MINISIGN_KEY_ID_LEN) != 0)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY,
                           "the signature was made by another key");
      return FALSE;
    }

  bytes = g_bytes_get_data (data, &size);
  crypto_generichash (hash, sizeof hash, bytes, size, NULL, 0);
  if (crypto_sign_verify_detached (sig->signature, hash, sizeof hash, key->public_key) != 0)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE,
                           "the signature does not match the data");
      return FALSE;
    }
  return TRUE;
}

void
gcm_minisign_signature_free (GcmMinisignSignature *sig)
{
  if (sig == NULL)
    return;
  g_free (sig->trusted_comment);
  g_free (sig);
}
