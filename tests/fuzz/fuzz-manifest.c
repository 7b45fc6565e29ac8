/* fuzz-manifest.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer entry point for the manifest and the signature's trusted comment. The first line of
 * the input is the trusted comment, the rest the manifest. Anything must be refused or read
 * without a crash; whatever is read must hold only valid ids and hashes, and must survive being
 * written out and read back, since the publisher writes manifests with the same code.
 */

#define G_LOG_DOMAIN "FuzzManifest"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gcm-manifest.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_manifest (GcmManifest *manifest)
{
  g_autoptr(GcmManifest) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;
  gsize length = 0;

  if (manifest->feed == NULL || !g_utf8_validate (manifest->feed, -1, NULL))
    abort ();
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      if (!gcm_item_id_is_valid (item->id) || !gcm_sha256_is_valid (item->sha256) ||
          item->size < 1 || item->size > GCM_ITEM_MAX_SIZE)
        abort ();
      for (guint j = 0; item->media[j] != NULL; j++)
        if (gcm_manifest_find_media (manifest, item->media[j]) == NULL)
          abort ();
    }

  text = gcm_manifest_to_data (manifest, &length);
  bytes = g_bytes_new_take (text, length);
  again = gcm_manifest_new_from_bytes (bytes, NULL);
  if (again == NULL || again->items->len != manifest->items->len ||
      again->media->len != manifest->media->len || again->serial != manifest->serial)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *newline = memchr (data, '\n', size);
  gsize comment_len = newline ? (gsize) (newline - data) : size;
  g_autofree char *comment_text = g_strndup ((const char *) data, comment_len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GcmFeedComment) comment = NULL;
  g_autoptr(GcmManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  comment = gcm_feed_comment_parse (comment_text, &error);
  if ((comment == NULL) == (error == NULL))
    abort ();
  g_clear_error (&error);
  if (comment != NULL)
    {
      g_autofree char *formatted = gcm_feed_comment_format (comment);
      g_autoptr(GcmFeedComment) reparsed = gcm_feed_comment_parse (formatted, NULL);

      if (reparsed == NULL || reparsed->serial != comment->serial ||
          reparsed->size != comment->size)
        abort ();
    }

  bytes = newline ? g_bytes_new (newline + 1, size - comment_len - 1) : g_bytes_new (NULL, 0);
  manifest = gcm_manifest_new_from_bytes (bytes, &error);
  if ((manifest == NULL) == (error == NULL))
    abort ();
  if (manifest == NULL)
    return 0;

  check_manifest (manifest);
  if (comment != NULL)
    gcm_manifest_matches_comment (manifest, comment, NULL);
  return 0;
}
