/* gcm-publisher.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a checked GcmSource as a feed (DESIGN §5): item JSON and media content-addressed by
 * SHA-256, an immutable manifest per serial, and — with a key — its minisign signature, copied to
 * current.minisig last so a reader never sees a signature without its manifest.
 */

#define G_LOG_DOMAIN "GcmPublisher"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "gcm-feed.h"
#include "gcm-manifest.h"
#include "gcm-minisign.h"
#include "gcm-publisher.h"

typedef struct
{
  GBytes *bytes;
  char   *sha256;
} Blob;

static void
blob_free (Blob *blob)
{
  g_bytes_unref (blob->bytes);
  g_free (blob->sha256);
  g_free (blob);
}

static const char *
mime_for (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".svg"))
    return "image/svg+xml";
  if (g_str_has_suffix (lower, ".png"))
    return "image/png";
  if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (lower, ".webp"))
    return "image/webp";
  return NULL;
}

/* A serial must never go down in one output folder: clients would see a rollback. */
static gint64
previous_serial (const char *output)
{
  g_autofree char *path = g_build_filename (output, "v1", "current.minisig", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_autoptr(GcmFeedComment) comment = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, NULL))
    return 0;
  sig = gcm_minisign_signature_new_from_text (text, length, NULL);
  if (sig != NULL)
    comment = gcm_feed_comment_parse (sig->trusted_comment, NULL);
  return comment != NULL ? comment->serial : 0;
}

static gboolean
sign_manifest (const char            *secret_key,
               const char            *manifest_path,
               const GcmFeedComment  *comment,
               GError               **error)
{
  g_autofree char *trusted = gcm_feed_comment_format (comment);
  g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
  g_autofree char *standard_error = NULL;
  const char *argv[] = {
    "minisign", "-S", "-s", secret_key, "-m", manifest_path, "-x", sig_path,
    "-t", trusted, "-c", "signature from green-customs-publish", NULL
  };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &standard_error, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "minisign could not sign: %s",
                   g_strstrip (standard_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * gcm_publish:
 *
 * Everything is read and hashed before the first file is written.
 */
gboolean
gcm_publish (GcmSource                *source,
             const GcmPublishOptions  *options,
             gint64                   *serial_out,
             GError                  **error)
{
  g_autoptr(GcmManifest) manifest = gcm_manifest_new ();
  g_autoptr(GHashTable) media_blobs = NULL;   /* path → Blob */
  g_autoptr(GPtrArray) item_blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) blob_free);
  g_autoptr(GcmFeedComment) comment = g_new0 (GcmFeedComment, 1);
  g_autofree char *manifest_data = NULL;
  g_autofree char *manifest_name = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifests_dir = NULL;
  GPtrArray *items = gcm_source_get_items (source);
  GPtrArray *chapters = gcm_source_get_chapters (source);
  gsize manifest_len = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 previous;

  g_return_val_if_fail (GCM_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && options->output != NULL, FALSE);

  media_blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) blob_free);

  manifest->feed = g_strdup (gcm_source_get_feed_id (source));
  manifest->title = g_strdup (gcm_source_get_title (source));
  manifest->language = g_strdup (gcm_source_get_language (source));
  manifest->generated = now;
  manifest->serial = options->serial > 0 ? options->serial : now;
  manifest->expires = now + (gint64) MAX (options->expires_days, 1) * 24 * 3600;

  previous = previous_serial (options->output);
  if (manifest->serial <= previous)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s already holds serial %" G_GINT64_FORMAT "; a new serial must be higher",
                   options->output, previous);
      return FALSE;
    }

  for (guint i = 0; i < chapters->len; i++)
    {
      GcmSourceChapter *chapter = g_ptr_array_index (chapters, i);
      g_ptr_array_add (manifest->chapters, gcm_manifest_chapter_new (chapter->id, chapter->title));
    }

  /* Read and hash every media file and item. */
  for (guint i = 0; i < items->len; i++)
    {
      GcmSourceItem *source_item = g_ptr_array_index (items, i);
      g_autoptr(GcmManifestItem) item = gcm_manifest_item_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GStrvBuilder) media_hashes = g_strv_builder_new ();
      g_autoptr(GHashTable) item_hashes = g_hash_table_new (g_str_hash, g_str_equal);
      JsonObject *media_map = json_object_new ();
      Blob *blob = g_new0 (Blob, 1);
      char *data;
      gsize length;

      for (guint j = 0; j < source_item->media->len; j++)
        {
          const char *relative = g_ptr_array_index (source_item->media, j);
          Blob *media = g_hash_table_lookup (media_blobs, relative);

          if (media == NULL)
            {
              g_autofree char *path = gcm_source_dup_media_path (source, relative);
              g_autoptr(GBytes) bytes = gcm_feed_read_capped (path, GCM_MEDIA_MAX_SIZE, error);
              GcmManifestMedia *entry;
              int width = 0, height = 0;

              if (bytes == NULL)
                {
                  json_object_unref (media_map);
                  blob_free (blob);
                  g_prefix_error (error, "media/%s: ", relative);
                  return FALSE;
                }
              if (mime_for (relative) == NULL)
                {
                  json_object_unref (media_map);
                  blob_free (blob);
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "media/%s: only SVG, PNG, JPEG and WebP images are supported",
                               relative);
                  return FALSE;
                }
              media = g_new0 (Blob, 1);
              media->bytes = g_steal_pointer (&bytes);
              media->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, media->bytes);
              g_hash_table_insert (media_blobs, g_strdup (relative), media);

              if (gcm_manifest_find_media (manifest, media->sha256) == NULL)
                {
                  gdk_pixbuf_get_file_info (path, &width, &height);
                  entry = gcm_manifest_media_new ();
                  entry->sha256 = g_strdup (media->sha256);
                  entry->size = g_bytes_get_size (media->bytes);
                  entry->mime = g_strdup (mime_for (relative));
                  entry->width = width;
                  entry->height = height;
                  g_ptr_array_add (manifest->media, entry);
                }
            }
          json_object_set_string_member (media_map, relative, media->sha256);
          if (g_hash_table_add (item_hashes, media->sha256))
            g_strv_builder_add (media_hashes, media->sha256);
        }

      json_object_set_object_member (source_item->object, "media", media_map);
      json_node_set_object (root, source_item->object);
      json_generator_set_root (generator, root);
      data = json_generator_to_data (generator, &length);
      blob->bytes = g_bytes_new_take (data, length);
      blob->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, blob->bytes);
      g_ptr_array_add (item_blobs, blob);

      item->id = g_strdup (source_item->id);
      item->kind = source_item->kind;
      item->version = source_item->version;
      item->sha256 = g_strdup (blob->sha256);
      item->size = length;
      item->lang = g_strdup (gcm_source_get_language (source));
      item->media = g_strv_builder_end (media_hashes);
      g_ptr_array_add (manifest->items, g_steal_pointer (&item));
    }

  /* Write: objects, then the manifest, then its signature, then current.minisig. */
  {
    GHashTableIter iter;
    Blob *blob;

    g_hash_table_iter_init (&iter, media_blobs);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &blob))
      if (!gcm_feed_write_object (options->output, blob->bytes, NULL, error))
        return FALSE;
    for (guint i = 0; i < item_blobs->len; i++)
      {
        blob = g_ptr_array_index (item_blobs, i);
        if (!gcm_feed_write_object (options->output, blob->bytes, NULL, error))
          return FALSE;
      }
  }

  manifest_data = gcm_manifest_to_data (manifest, &manifest_len);
  manifests_dir = g_build_filename (options->output, "v1", "manifests", NULL);
  manifest_name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", manifest->serial);
  manifest_path = g_build_filename (manifests_dir, manifest_name, NULL);
  if (g_mkdir_with_parents (manifests_dir, 0755) != 0 ||
      !g_file_set_contents (manifest_path, manifest_data, manifest_len, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", manifests_dir);
      return FALSE;
    }

  if (options->secret_key != NULL)
    {
      g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
      g_autofree char *current = g_build_filename (options->output, "v1", "current.minisig", NULL);
      g_autofree char *signature = NULL;
      gsize signature_len;

      comment->feed = g_strdup (manifest->feed);
      comment->serial = manifest->serial;
      comment->generated = manifest->generated;
      comment->expires = manifest->expires;
      comment->size = manifest_len;
      comment->format = GCM_FEED_FORMAT;

      if (!sign_manifest (options->secret_key, manifest_path, comment, error) ||
          !g_file_get_contents (sig_path, &signature, &signature_len, error) ||
          !g_file_set_contents (current, signature, signature_len, error))
        return FALSE;
    }

  if (serial_out != NULL)
    *serial_out = manifest->serial;
  return TRUE;
}
