/* gcm-publisher.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a checked GcmSource as a feed (DESIGN §5): item JSON and media content-addressed by
 * SHA-256, an immutable manifest per serial, and — with a key — its minisign signature, copied to
 * current.minisig last so a reader never sees a signature without its manifest.
 *
 * Nothing it writes is one the app would refuse: items and manifests stay within the app's size
 * limits and the manifest is read back with the app's own parser. The key is checked before any
 * work, and the feed is built in a folder beside the output that replaces it only on success, so
 * a refusal leaves the output as it was.
 */

#define G_LOG_DOMAIN "GcmPublisher"
#define _GNU_SOURCE  /* renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/**
 * gcm_publish_check_key:
 * @path: a minisign secret key file
 *
 * Checks that @path holds a minisign secret key ("Ed", the KDF ("Sc" or none), "B2", salt,
 * limits, key id, secret key, checksum) and that minisign is there to use it: minisign itself
 * would find a bad key only after every object is written.
 */
gboolean
gcm_publish_check_key (const char  *path,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree guchar *raw = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  gsize length = 0;
  struct stat st;

  if (minisign == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "signing needs the minisign program, which is not installed");
      return FALSE;
    }
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s:1: cannot read the secret key: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > 4096)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:1: not a minisign secret key", path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s:1: cannot read the secret key: %s",
                   path, local_error->message);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", 3);
  if (g_strv_length (lines) >= 2 && g_str_has_prefix (lines[0], "untrusted comment:"))
    raw = g_base64_decode (g_strstrip (lines[1]), &length);
  if (length == 42 && memcmp (raw, "Ed", 2) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:2: this is a minisign public key; --key needs the secret key", path);
      return FALSE;
    }
  if (length != 158 || memcmp (raw, "Ed", 2) != 0 || memcmp (raw + 4, "B2", 2) != 0 ||
      (memcmp (raw + 2, "Sc", 2) != 0 && memcmp (raw + 2, "\0\0", 2) != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:2: not a minisign secret key", path);
      return FALSE;
    }
  /* Unencrypted, the key's second half must be the public key of its first (its seed). */
  if (memcmp (raw + 2, "\0\0", 2) == 0)
    {
      const guchar *sk = raw + 54 + 8;
      guchar pk[crypto_sign_PUBLICKEYBYTES], expanded[crypto_sign_SECRETKEYBYTES];

      if (sodium_init () < 0 || crypto_sign_seed_keypair (pk, expanded, sk) != 0 ||
          memcmp (pk, sk + 32, sizeof pk) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:2: the minisign secret key is damaged", path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Sets @error from errno, for the folder @path that could not be made. */
static gboolean
cannot_create (const char  *path,
               GError     **error)
{
  int saved_errno = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "cannot create %s: %s",
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Fills @to with @from, hard-linked: every feed file is replaced by rename, never rewritten, so
 * the two folders never see each other's changes. */
static gboolean
clone_tree (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      struct stat st;

      if (lstat (source, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (g_mkdir (target, 0755) != 0)
            return cannot_create (target, error);
          if (!clone_tree (source, target, error))
            return FALSE;
        }
      else if (link (source, target) != 0)
        {
          g_autoptr(GFile) src = g_file_new_for_path (source);
          g_autoptr(GFile) dst = g_file_new_for_path (target);

          if (!g_file_copy (src, dst, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_ALL_METADATA,
                            NULL, NULL, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Puts @staging in the place of @output and removes what was there. */
static gboolean
replace_output (const char  *staging,
                const char  *output,
                GError     **error)
{
  g_autofree char *old = g_strconcat (staging, ".old", NULL);

  if (rename (staging, output) == 0)
    return TRUE;
  if (errno != EEXIST && errno != ENOTEMPTY)
    goto failed;
  /* One atomic swap where the file system has it, two renames where it has not. */
  if (renameat2 (AT_FDCWD, staging, AT_FDCWD, output, RENAME_EXCHANGE) == 0)
    {
      gcm_feed_remove_folder (staging);
      return TRUE;
    }
  if (rename (output, old) != 0)
    goto failed;
  if (rename (staging, output) != 0)
    {
      int saved_errno = errno;
      rename (old, output);
      errno = saved_errno;
      goto failed;
    }
  gcm_feed_remove_folder (old);
  return TRUE;

failed:
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot replace %s: %s", output,
               g_strerror (errno));
  return FALSE;
}

/* The time a feed is dated: SOURCE_DATE_EPOCH when set, so a build of the same source gives the
 * same manifest (https://reproducible-builds.org/specs/source-date-epoch/). */
static gint64
publish_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 value = 0;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 1, G_MAXINT64 / 2, &value, NULL))
    return (gint64) value;
  return g_get_real_time () / G_USEC_PER_SEC;
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

/* Writes every object, the manifest and its signatures under @root. */
static gboolean
write_feed (const char     *root,
            const char     *secret_key,
            GcmManifest    *manifest,
            GHashTable     *media_blobs,
            GPtrArray      *item_blobs,
            const char     *manifest_data,
            gsize           manifest_len,
            GError        **error)
{
  g_autofree char *manifests_dir = g_build_filename (root, "v1", "manifests", NULL);
  g_autofree char *manifest_name = g_strdup_printf ("%" G_GINT64_FORMAT ".json",
                                                    manifest->serial);
  g_autofree char *manifest_path = g_build_filename (manifests_dir, manifest_name, NULL);
  GHashTableIter iter;
  Blob *blob;

  g_hash_table_iter_init (&iter, media_blobs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &blob))
    if (!gcm_feed_write_object (root, blob->bytes, NULL, error))
      return FALSE;
  for (guint i = 0; i < item_blobs->len; i++)
    {
      blob = g_ptr_array_index (item_blobs, i);
      if (!gcm_feed_write_object (root, blob->bytes, NULL, error))
        return FALSE;
    }

  if (g_mkdir_with_parents (manifests_dir, 0755) != 0)
    return cannot_create (manifests_dir, error);
  if (!g_file_set_contents (manifest_path, manifest_data, manifest_len, error))
    return FALSE;

  if (secret_key != NULL)
    {
      g_autoptr(GcmFeedComment) comment = g_new0 (GcmFeedComment, 1);
      g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
      g_autofree char *current = g_build_filename (root, "v1", "current.minisig", NULL);
      g_autofree char *signature = NULL;
      gsize signature_len;

      comment->feed = g_strdup (manifest->feed);
      comment->serial = manifest->serial;
      comment->generated = manifest->generated;
      comment->expires = manifest->expires;
      comment->size = manifest_len;
      comment->format = GCM_FEED_FORMAT;

      if (!sign_manifest (secret_key, manifest_path, comment, error) ||
          !g_file_get_contents (sig_path, &signature, &signature_len, error) ||
          !g_file_set_contents (current, signature, signature_len, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * gcm_publish:
 *
 * Everything is checked, read and hashed before the first file is written, and then written
 * into a folder beside @options->output that takes its place at the end.
 */
gboolean
gcm_publish (GcmSource                *source,
             const GcmPublishOptions  *options,
             gint64                   *serial_out,
             GError                  **error)
{
  g_autoptr(GcmManifest) manifest = gcm_manifest_new ();
  g_autoptr(GcmManifest) readback = NULL;
  g_autoptr(GHashTable) media_blobs = NULL;   /* path → Blob */
  g_autoptr(GPtrArray) item_blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) blob_free);
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *manifest_data = NULL;
  g_autofree char *output = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *staging = NULL;
  GPtrArray *items = gcm_source_get_items (source);
  GPtrArray *chapters = gcm_source_get_chapters (source);
  gsize manifest_len = 0;
  gint64 now = publish_time ();
  gint64 previous;
  gboolean ok;

  g_return_val_if_fail (GCM_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && options->output != NULL, FALSE);

  if (options->secret_key != NULL && !gcm_publish_check_key (options->secret_key, error))
    return FALSE;

  /* Through a symbolic link, replace the folder it names, not the link. */
  output = realpath (options->output, NULL);
  if (output == NULL)
    output = g_strdup (options->output);
  if (g_file_test (output, G_FILE_TEST_EXISTS) && !g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, "%s is not a folder", output);
      return FALSE;
    }

  media_blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) blob_free);

  manifest->feed = g_strdup (gcm_source_get_feed_id (source));
  manifest->title = g_strdup (gcm_source_get_title (source));
  manifest->language = g_strdup (gcm_source_get_language (source));
  manifest->generated = now;
  manifest->serial = options->serial > 0 ? options->serial : now;
  manifest->expires = now + (gint64) MAX (options->expires_days, 1) * 24 * 3600;

  previous = previous_serial (output);
  if (manifest->serial <= previous)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s already holds serial %" G_GINT64_FORMAT "; a new serial must be higher",
                   output, previous);
      return FALSE;
    }

  for (guint i = 0; i < chapters->len; i++)
    {
      GcmSourceChapter *chapter = g_ptr_array_index (chapters, i);
      GcmManifestChapter *entry = gcm_manifest_chapter_new (chapter->id, chapter->title);
      GHashTableIter iter;
      gpointer lang, title;

      g_hash_table_iter_init (&iter, chapter->titles);
      while (g_hash_table_iter_next (&iter, &lang, &title))
        g_hash_table_insert (entry->titles, g_strdup (lang), g_strdup (title));
      g_ptr_array_add (manifest->chapters, entry);
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
      Blob *blob;
      char *data;
      gsize length;

      for (guint j = 0; j < source_item->media->len; j++)
        {
          const char *relative = g_ptr_array_index (source_item->media, j);
          Blob *media = g_hash_table_lookup (media_blobs, relative);

          if (media == NULL)
            {
              const GcmSourceMedia *info = gcm_source_get_media (source, relative);
              g_autoptr(GBytes) bytes = gcm_source_read_media (source, relative, error);
              GcmManifestMedia *entry;

              if (bytes == NULL)
                {
                  json_object_unref (media_map);
                  return FALSE;
                }
              g_assert (info != NULL);
              media = g_new0 (Blob, 1);
              media->bytes = g_steal_pointer (&bytes);
              media->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, media->bytes);
              g_hash_table_insert (media_blobs, g_strdup (relative), media);

              if (gcm_manifest_find_media (manifest, media->sha256) == NULL)
                {
                  entry = gcm_manifest_media_new ();
                  entry->sha256 = g_strdup (media->sha256);
                  entry->size = g_bytes_get_size (media->bytes);
                  entry->mime = g_strdup (info->mime);
                  entry->width = info->width;
                  entry->height = info->height;
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

      /* JSON escapes and the expanded sources can grow an item past a file that fit. */
      if (length > GCM_ITEM_MAX_SIZE)
        {
          g_free (data);
          g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                       "%s:1: the item is %" G_GSIZE_FORMAT " bytes as JSON; the app accepts at "
                       "most %d (%d MiB)", source_item->file, length, GCM_ITEM_MAX_SIZE,
                       GCM_ITEM_MAX_SIZE / (1024 * 1024));
          return FALSE;
        }
      blob = g_new0 (Blob, 1);
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

  /* The manifest must be one the app reads: within its size limit, and through its parser. */
  manifest_data = gcm_manifest_to_data (manifest, &manifest_len);
  if (manifest_len > GCM_MANIFEST_MAX_SIZE)
    {
      g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                   "pack.yaml:1: the manifest of %u items is %" G_GSIZE_FORMAT " bytes; the app "
                   "accepts at most %d (%d MiB)", items->len, manifest_len, GCM_MANIFEST_MAX_SIZE,
                   GCM_MANIFEST_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  manifest_bytes = g_bytes_new_static (manifest_data, manifest_len);
  readback = gcm_manifest_new_from_bytes (manifest_bytes, &local_error);
  if (readback == NULL)
    {
      g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                   "pack.yaml:1: the app would refuse the manifest: %s", local_error->message);
      return FALSE;
    }

  /* Write into a folder beside the output (same file system, so it can be renamed), starting
   * from what the output holds: earlier manifests and objects stay published. */
  parent = g_path_get_dirname (output);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    return cannot_create (parent, error);
  {
    g_autofree char *base = g_path_get_basename (output);
    g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
    staging = g_build_filename (parent, name, NULL);
  }
  if (g_mkdtemp_full (staging, 0755) == NULL)
    return cannot_create (staging, error);

  {
    struct stat st;
    if (stat (output, &st) == 0)
      g_chmod (staging, st.st_mode & 07777);
  }
  ok = (!g_file_test (output, G_FILE_TEST_IS_DIR) || clone_tree (output, staging, error)) &&
       write_feed (staging, options->secret_key, manifest, media_blobs, item_blobs, manifest_data,
                   manifest_len, error) &&
       replace_output (staging, output, error);
  if (!ok)
    {
      gcm_feed_remove_folder (staging);
      return FALSE;
    }

  if (serial_out != NULL)
    *serial_out = manifest->serial;
  return TRUE;
}
