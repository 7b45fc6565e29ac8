/* test-sha256.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hash that names and checks every feed object: the standard's test vectors, and the same
 * digest as GChecksum however the data is cut into pieces.
 */

#include "config.h"

#include <glib.h>

#include "gcm-sha256.h"

static void
test_vectors (void)
{
  /* FIPS 180-2, appendix B. */
  const struct { const char *text; const char *hex; } vectors[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (vectors[i].text, strlen (vectors[i].text));
      g_autofree char *hex = gcm_sha256_for_bytes (bytes);

      g_assert_cmpstr (hex, ==, vectors[i].hex);
    }
}

static void
test_pieces (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (256);
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree guint8 *data = g_malloc (size);
  g_autofree char *expected = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  /* Pieces of odd sizes, as a transfer hands them over. */
  for (gsize piece = 1; piece <= 256 * 1024; piece = piece * 7 + 3)
    {
      g_autoptr(GcmSha256) sha = gcm_sha256_new ();
      char hex[GCM_SHA256_HEX_SIZE];

      for (gsize done = 0; done < size; done += MIN (piece, size - done))
        gcm_sha256_update (sha, data + done, MIN (piece, size - done));
      gcm_sha256_get_hex (sha, hex);
      g_assert_cmpstr (hex, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/sha256/vectors", test_vectors);
  g_test_add_func ("/gcm/sha256/pieces", test_pieces);

  return g_test_run ();
}
