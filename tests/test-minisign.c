/* test-minisign.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys and signatures made by the real minisign tool, verified by the app's libsodium code, and
 * hostile input that must be refused as malformed without a crash.
 */

#define G_LOG_DOMAIN "TestMinisign"

#include <glib/gstdio.h>
#include <string.h>

#include "gcm-feed-error.h"
#include "gcm-manifest.h"
#include "gcm-minisign.h"
#include "gcm-test-utils.h"

#define TRUSTED_COMMENT "feed:org.greencustoms.test/en\tserial:7\tgenerated:1700000000\t" \
                        "expires:1900000000\tsize:17\tformat:1"
#define DATA "a signed manifest"

typedef struct
{
  char   *dir;
  char   *public_key;
  char   *secret_key;
  char   *data_path;
  char   *sig_path;
  char   *sig_text;
  GBytes *data;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = gcm_test_make_tmpdir ("minisign");
  gcm_test_make_keys (fixture->dir, &fixture->public_key, &fixture->secret_key);
  fixture->data_path = g_build_filename (fixture->dir, "data.json", NULL);
  fixture->sig_path = g_build_filename (fixture->dir, "data.json.minisig", NULL);
  gcm_test_write_file (fixture->data_path, DATA, -1);
  gcm_test_sign (fixture->secret_key, fixture->data_path, fixture->sig_path, TRUSTED_COMMENT,
                 FALSE);
  fixture->sig_text = gcm_test_read_file (fixture->sig_path, NULL);
  fixture->data = g_bytes_new_static (DATA, strlen (DATA));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->public_key);
  g_free (fixture->secret_key);
  g_free (fixture->data_path);
  g_free (fixture->sig_path);
  g_free (fixture->sig_text);
  g_bytes_unref (fixture->data);
}

static GPtrArray *
keys_new (GcmMinisignKey *key)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);

  if (key != NULL)
    g_ptr_array_add (keys, key);
  return keys;
}

static GcmMinisignKey *
load_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  GcmMinisignKey *key = gcm_minisign_key_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static GcmMinisignSignature *
parse_signature (const char *text)
{
  g_autoptr(GError) error = NULL;
  GcmMinisignSignature *sig = gcm_minisign_signature_new_from_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sig);
  return sig;
}

/* Verifies @sig_text the way a feed reader does: find the key, the comment, then the data. */
static gboolean
verify_all (const char  *sig_text,
            gssize       length,
            GPtrArray   *keys,
            GBytes      *data,
            GError     **error)
{
  g_autoptr(GcmMinisignSignature) sig = NULL;
  const GcmMinisignKey *key;

  sig = gcm_minisign_signature_new_from_text (sig_text, length, error);
  if (sig == NULL)
    return FALSE;
  key = gcm_minisign_signature_find_key (sig, keys, error);
  return key != NULL &&
         gcm_minisign_signature_verify_comment (sig, key, error) &&
         gcm_minisign_signature_verify_data (sig, key, data, error);
}

/* Replaces the line @index (from 0) of @text. */
static char *
replace_line (const char *text,
              guint       index,
              const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (index, <, g_strv_length (lines));
  g_free (lines[index]);
  lines[index] = g_strdup (line);
  return g_strjoinv ("\n", lines);
}

/* Real signatures */

/* minisign prints a key id as a number: an id whose high byte is 0 has fewer than 16 digits. */
static void
test_key_id_without_leading_zeros (void)
{
  guchar raw[2 + 8 + 32] = { 'E', 'd', 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x00 };
  g_autofree char *text = g_base64_encode (raw, sizeof raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmMinisignKey) key = gcm_minisign_key_new_from_text (text, -1, &error);
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  id = gcm_minisign_key_dup_id (key);
  g_assert_cmpstr (id, ==, "7060504030201");
}

static void
test_key_from_minisign (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GcmMinisignKey) key = load_key (fixture->public_key);
  g_autofree char *text = gcm_test_read_file (fixture->public_key, NULL);
  g_autofree char *id = gcm_minisign_key_dup_id (key);
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* minisign names the key in the untrusted comment: "minisign public key <ID>". */
  g_assert_true (g_str_has_prefix (lines[0], "untrusted comment: minisign public key "));
  expected = g_strdup (lines[0] + strlen ("untrusted comment: minisign public key "));
  g_assert_cmpstr (id, ==, expected);

  /* The base64 line alone is a key too (that is how the trusted-keys setting stores keys). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmMinisignKey) bare = gcm_minisign_key_new_from_text (lines[1], -1, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (bare->public_key, 32, key->public_key, 32);
    g_assert_cmpmem (bare->key_id, GCM_MINISIGN_KEY_ID_LEN, key->key_id, GCM_MINISIGN_KEY_ID_LEN);
  }
}

static void
test_verify_ok (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));
  g_autoptr(GcmMinisignSignature) sig = parse_signature (fixture->sig_text);
  g_autoptr(GError) error = NULL;
  const GcmMinisignKey *key;

  g_assert_true (sig->prehashed);
  g_assert_cmpstr (sig->trusted_comment, ==, TRUSTED_COMMENT);

  key = gcm_minisign_signature_find_key (sig, keys, &error);
  g_assert_no_error (error);
  g_assert_true (key == g_ptr_array_index (keys, 0));
  g_assert_true (gcm_minisign_signature_verify_comment (sig, key, &error));
  g_assert_no_error (error);
  g_assert_true (gcm_minisign_signature_verify_data (sig, key, fixture->data, &error));
  g_assert_no_error (error);

  /* The comment, once verified, is a feed comment. */
  {
    g_autoptr(GcmFeedComment) comment = gcm_feed_comment_parse (sig->trusted_comment, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (comment->feed, ==, "org.greencustoms.test/en");
    g_assert_cmpint (comment->serial, ==, 7);
    g_assert_cmpint (comment->generated, ==, 1700000000);
    g_assert_cmpint (comment->expires, ==, 1900000000);
    g_assert_cmpint (comment->size, ==, 17);
    g_assert_cmpint (comment->format, ==, 1);
  }
}

/* A key among others is found by its id; the order of the trusted keys does not matter. */
static void
test_verify_among_keys (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *other_pub = NULL;
  g_autofree char *other_sec = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  gcm_test_make_keys (other_dir, &other_pub, &other_sec);
  keys = keys_new (load_key (other_pub));
  g_ptr_array_add (keys, load_key (fixture->public_key));

  g_assert_true (verify_all (fixture->sig_text, -1, keys, fixture->data, &error));
  g_assert_no_error (error);
}

/* Windows line ends, as a file copied through some USB tools ends up. */
static void
test_verify_crlf (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));
  g_auto(GStrv) lines = g_strsplit (fixture->sig_text, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(GError) error = NULL;

  g_assert_true (verify_all (crlf, -1, keys, fixture->data, &error));
  g_assert_no_error (error);
}

static void
test_tampered_data (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));
  g_autoptr(GError) error = NULL;

  /* Each single flipped byte, one more byte, and one byte less. */
  for (gsize i = 0; i < strlen (DATA); i++)
    {
      g_autofree char *copy = g_strdup (DATA);
      g_autoptr(GBytes) tampered = NULL;

      copy[i] ^= 0x01;
      tampered = g_bytes_new (copy, strlen (copy));
      g_assert_false (verify_all (fixture->sig_text, -1, keys, tampered, &error));
      g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
      g_clear_error (&error);
    }
  {
    g_autoptr(GBytes) longer = g_bytes_new (DATA "\n", strlen (DATA) + 1);
    g_autoptr(GBytes) shorter = g_bytes_new (DATA, strlen (DATA) - 1);

    g_assert_false (verify_all (fixture->sig_text, -1, keys, longer, &error));
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
    g_assert_false (verify_all (fixture->sig_text, -1, keys, shorter, &error));
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
  }
}

static void
test_tampered_comment (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char * const comments[] = {
    /* a rollback attempt: the serial raised */
    "trusted comment: feed:org.greencustoms.test/en\tserial:8\tgenerated:1700000000\t"
    "expires:1900000000\tsize:17\tformat:1",
    /* the expiry pushed back */
    "trusted comment: feed:org.greencustoms.test/en\tserial:7\tgenerated:1700000000\t"
    "expires:1900000001\tsize:17\tformat:1",
    /* one field dropped */
    "trusted comment: feed:org.greencustoms.test/en\tserial:7\tgenerated:1700000000\t"
    "expires:1900000000\tsize:17",
    /* nothing */
    "trusted comment: ",
  };
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));

  for (guint i = 0; i < G_N_ELEMENTS (comments); i++)
    {
      g_autofree char *text = replace_line (fixture->sig_text, 2, comments[i]);
      g_autoptr(GcmMinisignSignature) sig = parse_signature (text);
      g_autoptr(GError) error = NULL;
      const GcmMinisignKey *key = gcm_minisign_signature_find_key (sig, keys, &error);

      g_assert_no_error (error);
      g_assert_false (gcm_minisign_signature_verify_comment (sig, key, &error));
      g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
    }

  /* The untrusted comment is what its name says: changing it changes nothing. */
  {
    g_autofree char *text = replace_line (fixture->sig_text, 0, "untrusted comment: anything");
    g_autoptr(GError) error = NULL;

    g_assert_true (verify_all (text, -1, keys, fixture->data, &error));
    g_assert_no_error (error);
  }
}

static void
test_other_key (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *other_pub = NULL;
  g_autofree char *other_sec = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) none = keys_new (NULL);
  g_autoptr(GcmMinisignSignature) sig = parse_signature (fixture->sig_text);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  gcm_test_make_keys (other_dir, &other_pub, &other_sec);
  others = keys_new (load_key (other_pub));

  g_assert_null (gcm_minisign_signature_find_key (sig, others, &error));
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  g_clear_error (&error);
  g_assert_null (gcm_minisign_signature_find_key (sig, none, &error));
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  g_clear_error (&error);
  g_assert_null (gcm_minisign_signature_find_key (sig, NULL, &error));
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  g_clear_error (&error);

  /* Handing the wrong key to the data check directly is refused too, not "bad signature". */
  g_assert_false (gcm_minisign_signature_verify_data (sig, g_ptr_array_index (others, 0),
                                                      fixture->data, &error));
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  g_clear_error (&error);

  /* A signature by the other key claiming our key's id fails the signature check. */
  {
    g_autofree char *forged_path = g_build_filename (fixture->dir, "forged.minisig", NULL);
    g_autofree char *forged = NULL;
    g_autoptr(GcmMinisignSignature) forged_sig = NULL;
    g_autoptr(GPtrArray) ours = keys_new (load_key (fixture->public_key));
    const GcmMinisignKey *key;

    gcm_test_sign (other_sec, fixture->data_path, forged_path, TRUSTED_COMMENT, FALSE);
    forged = gcm_test_read_file (forged_path, NULL);
    forged_sig = parse_signature (forged);
    memcpy (forged_sig->key_id, sig->key_id, GCM_MINISIGN_KEY_ID_LEN);
    key = gcm_minisign_signature_find_key (forged_sig, ours, &error);
    g_assert_no_error (error);
    g_assert_false (gcm_minisign_signature_verify_comment (forged_sig, key, &error));
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
    g_assert_false (gcm_minisign_signature_verify_data (forged_sig, key, fixture->data, &error));
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
  }
}

static void
test_legacy_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *legacy_path = g_build_filename (fixture->dir, "legacy.minisig", NULL);
  g_autofree char *legacy = NULL;
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_autoptr(GError) error = NULL;

  gcm_test_sign (fixture->secret_key, fixture->data_path, legacy_path, TRUSTED_COMMENT, TRUE);
  legacy = gcm_test_read_file (legacy_path, NULL);

  sig = gcm_minisign_signature_new_from_text (legacy, -1, &error);
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
  g_assert_null (sig);
}

/* Every prefix of a real signature is either refused as malformed or, once the four lines are
 * complete, parsed; never a crash, never a half-read signature. */
static void
test_truncated (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));
  gsize full = strlen (fixture->sig_text);

  g_assert_true (g_str_has_suffix (fixture->sig_text, "\n"));
  for (gsize n = 0; n <= full; n++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = verify_all (fixture->sig_text, n, keys, fixture->data, &error);

      /* Complete from the last base64 character on; its newline is optional. */
      if (n >= full - 1)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
        }
    }
}

/* A single flipped bit anywhere that matters never yields another signature that verifies.
 * (libsodium reads a few non-ASCII bytes as base64 characters; such a copy decodes to the very
 * same signature, which is harmless, so a success must decode to identical bytes.) */
static void
test_bit_flips (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) keys = keys_new (load_key (fixture->public_key));
  g_autoptr(GcmMinisignSignature) original = parse_signature (fixture->sig_text);
  gsize length = strlen (fixture->sig_text);
  const char *first_newline = strchr (fixture->sig_text, '\n');
  gsize start = first_newline - fixture->sig_text + 1;  /* the untrusted comment may change */

  for (gsize i = start; i < length - 1; i++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autofree char *copy = g_strdup (fixture->sig_text);
        g_autoptr(GError) error = NULL;

        copy[i] ^= (char) (1 << bit);
        if (copy[i] == '\0')
          continue;
        if (verify_all (copy, length, keys, fixture->data, &error))
          {
            g_autoptr(GcmMinisignSignature) sig = parse_signature (copy);

            g_assert_cmpmem (sig->key_id, sizeof sig->key_id,
                             original->key_id, sizeof original->key_id);
            g_assert_cmpmem (sig->signature, sizeof sig->signature,
                             original->signature, sizeof original->signature);
            g_assert_cmpmem (sig->global_signature, sizeof sig->global_signature,
                             original->global_signature, sizeof original->global_signature);
            g_assert_cmpstr (sig->trusted_comment, ==, original->trusted_comment);
            continue;
          }
        g_assert_nonnull (error);
        g_assert_true (error->domain == GCM_FEED_ERROR);
        g_assert_true (error->code == GCM_FEED_ERROR_MALFORMED ||
                       error->code == GCM_FEED_ERROR_UNTRUSTED_KEY ||
                       error->code == GCM_FEED_ERROR_BAD_SIGNATURE);
      }
}

/* Malformed input, table-driven */

typedef struct
{
  const char *name;
  gboolean    is_key;
  const char *text;   /* NULL: built by the test */
  gssize      length;
} Garbage;

static const Garbage garbage[] = {
  { "sig/empty", FALSE, "", 0 },
  { "sig/one-word", FALSE, "hello", -1 },
  { "sig/newlines", FALSE, "\n\n\n\n", -1 },
  { "sig/no-trusted-prefix", FALSE,
    "untrusted comment: x\n"
    "RUR+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n"
    "comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/short-base64", FALSE,
    "untrusted comment: x\nRUR+Z8hbgkf2zrVG\ntrusted comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/long-base64", FALSE,
    "untrusted comment: x\n"
    "RUR+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8AAAAA\n"
    "trusted comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/not-base64", FALSE,
    "untrusted comment: x\n"
    "!!!!Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n"
    "trusted comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/unknown-algorithm", FALSE,   /* "Xy" instead of "ED" */
    "untrusted comment: x\n"
    "WHl+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n"
    "trusted comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/trailing-data", FALSE,
    "untrusted comment: x\n"
    "RUR+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n"
    "trusted comment: x\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n"
    "and more\n", -1 },
  { "sig/comment-not-utf8", FALSE,
    "untrusted comment: x\n"
    "RUR+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n"
    "trusted comment: \xff\xfe\n"
    "nN9BL2LPQ7o/h9IhqLh1PTlHhNcVcib7R280QWKGdRp67stKWg72jhG226dUKWI9RM82W1p+O2GakEeoMpCjAA==\n", -1 },
  { "sig/embedded-nul", FALSE, "untrusted comment: x\n\0RUR+\ntrusted comment: x\nAA==\n", 42 },
  { "sig/oversized", FALSE, NULL, GCM_MINISIGN_MAX_SIZE + 1 },
  { "sig/huge", FALSE, NULL, 1024 * 1024 },
  { "key/empty", TRUE, "", 0 },
  { "key/comment-only", TRUE, "untrusted comment: minisign public key 0000\n", -1 },
  { "key/short", TRUE, "untrusted comment: x\nRWR+Z8hbgkf2ztPf\n", -1 },
  { "key/not-base64", TRUE, "untrusted comment: x\nRWR+Z8hbgkf2ztPfFPg1p08hwiIDx35ehsl5LvxDDr6sU+JshFXX*LJW\n", -1 },
  { "key/unknown-algorithm", TRUE,   /* "ED" is a signature algorithm, not a key's */
    "untrusted comment: x\nRUR+Z8hbgkf2ztPfFPg1p08hwiIDx35ehsl5LvxDDr6sU+JshFXXdLJW\n", -1 },
  { "key/a-signature", TRUE,
    "untrusted comment: x\n"
    "RUR+Z8hbgkf2zrVG4SygXUS0+e24B7i8EWiEXZEVgXlEkZ3R6ftVhc7t3f8vKxo+K/yaOSqMX6JNKk4QZXgbegRFkHfs5fs1Vw8=\n", -1 },
  { "key/binary", TRUE, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16 },
  { "key/oversized", TRUE, NULL, GCM_MINISIGN_MAX_SIZE + 1 },
};

static void
test_garbage (gconstpointer user_data)
{
  const Garbage *g = user_data;
  g_autofree char *built = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = g->text;

  if (text == NULL)
    {
      /* A real-looking start followed by a mass of base64: the size cap must win. */
      built = g_malloc (g->length + 1);
      memset (built, 'A', g->length);
      memcpy (built, "untrusted comment: x\n", strlen ("untrusted comment: x\n"));
      built[g->length] = '\0';
      text = built;
    }

  if (g->is_key)
    {
      g_autoptr(GcmMinisignKey) key = gcm_minisign_key_new_from_text (text, g->length, &error);
      g_assert_null (key);
    }
  else
    {
      g_autoptr(GcmMinisignSignature) sig = gcm_minisign_signature_new_from_text (text, g->length,
                                                                                  &error);
      g_assert_null (sig);
    }
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
}

static void
test_key_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmMinisignKey) key = gcm_minisign_key_new_from_file ("/nonexistent/test.pub", &error);

  g_assert_null (key);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Feed comments: what a verified trusted comment must hold before anything is fetched */

typedef struct
{
  const char *name;
  const char *text;
  int         code;   /* -1: valid */
} CommentCase;

static const CommentCase comment_cases[] = {
  { "valid", "feed:a/en\tserial:3\tgenerated:10\texpires:20\tsize:100\tformat:1", -1 },
  { "any-order", "format:1\tsize:100\texpires:20\tgenerated:10\tserial:3\tfeed:a/en", -1 },
  { "no-feed", "serial:3\tgenerated:10\texpires:20\tsize:100\tformat:1", GCM_FEED_ERROR_MALFORMED },
  { "no-size", "feed:a/en\tserial:3\tgenerated:10\texpires:20\tformat:1", GCM_FEED_ERROR_MALFORMED },
  { "zero-serial", "feed:a/en\tserial:0\tgenerated:10\texpires:20\tsize:100\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "negative-serial", "feed:a/en\tserial:-3\tgenerated:10\texpires:20\tsize:100\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "text-serial", "feed:a/en\tserial:three\tgenerated:10\texpires:20\tsize:100\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "zero-size", "feed:a/en\tserial:3\tgenerated:10\texpires:20\tsize:0\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "huge-size", "feed:a/en\tserial:3\tgenerated:10\texpires:20\tsize:99999999999\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "serial-overflow",
    "feed:a/en\tserial:99999999999999999999999\tgenerated:10\texpires:20\tsize:100\tformat:1",
    GCM_FEED_ERROR_MALFORMED },
  { "newer-format", "feed:a/en\tserial:3\tgenerated:10\texpires:20\tsize:100\tformat:2",
    GCM_FEED_ERROR_TOO_NEW },
  { "empty", "", GCM_FEED_ERROR_MALFORMED },
  { "minisign-default", "timestamp:1700000000\tfile:manifest.json\thashed",
    GCM_FEED_ERROR_MALFORMED },
};

static void
test_comment (gconstpointer user_data)
{
  const CommentCase *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeedComment) comment = gcm_feed_comment_parse (c->text, &error);

  if (c->code < 0)
    {
      g_autofree char *formatted = NULL;
      g_autoptr(GcmFeedComment) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (comment->feed, ==, "a/en");
      g_assert_cmpint (comment->serial, ==, 3);
      g_assert_cmpint (comment->size, ==, 100);
      /* What the publisher writes reads back the same. */
      formatted = gcm_feed_comment_format (comment);
      again = gcm_feed_comment_parse (formatted, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again->feed, ==, comment->feed);
      g_assert_cmpint (again->serial, ==, comment->serial);
      g_assert_cmpint (again->generated, ==, comment->generated);
      g_assert_cmpint (again->expires, ==, comment->expires);
      g_assert_cmpint (again->size, ==, comment->size);
    }
  else
    {
      g_assert_null (comment);
      g_assert_error (error, GCM_FEED_ERROR, c->code);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/minisign/key-id-without-leading-zeros", test_key_id_without_leading_zeros);
  g_test_add ("/gcm/minisign/key", Fixture, NULL, fixture_set_up, test_key_from_minisign,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/verify", Fixture, NULL, fixture_set_up, test_verify_ok,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/verify-among-keys", Fixture, NULL, fixture_set_up,
              test_verify_among_keys, fixture_tear_down);
  g_test_add ("/gcm/minisign/verify-crlf", Fixture, NULL, fixture_set_up, test_verify_crlf,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/tampered-data", Fixture, NULL, fixture_set_up, test_tampered_data,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/tampered-comment", Fixture, NULL, fixture_set_up,
              test_tampered_comment, fixture_tear_down);
  g_test_add ("/gcm/minisign/other-key", Fixture, NULL, fixture_set_up, test_other_key,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/legacy-refused", Fixture, NULL, fixture_set_up, test_legacy_refused,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/truncated", Fixture, NULL, fixture_set_up, test_truncated,
              fixture_tear_down);
  g_test_add ("/gcm/minisign/bit-flips", Fixture, NULL, fixture_set_up, test_bit_flips,
              fixture_tear_down);
  g_test_add_func ("/gcm/minisign/key-file-missing", test_key_file_missing);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/minisign/malformed/%s", garbage[i].name);
      g_test_add_data_func (path, &garbage[i], test_garbage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (comment_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/minisign/feed-comment/%s",
                                               comment_cases[i].name);
      g_test_add_data_func (path, &comment_cases[i], test_comment);
    }

  return g_test_run ();
}
