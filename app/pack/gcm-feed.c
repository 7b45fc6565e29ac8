/* gcm-feed.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmFeed is a verified view of a feed folder (DESIGN §5): the bundled content, a USB copy or a
 * sync staging area. Opening it checks, in order, the signature of current.minisig, its trusted
 * comment, the manifest's size, signature and fields. Objects are then read on demand and checked
 * against the hash and size the manifest announced. Installed feeds are trusted by location: the
 * signature checks are skipped, the hash, size and expiry checks never are.
 */

#define G_LOG_DOMAIN "GcmFeed"

#define _GNU_SOURCE   /* syncfs() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "gcm-feed.h"
#include "gcm-sha256.h"

struct _GcmFeed
{
  GObject         parent_instance;

  char           *path;
  GcmTrustMode    trust_mode;
  GcmFeedComment *comment;
  GcmManifest    *manifest;
  char           *manifest_sha256;
};

G_DEFINE_FINAL_TYPE (GcmFeed, gcm_feed, G_TYPE_OBJECT)

/* Helpers */

char *
gcm_feed_build_object_path (const char *root,
                            const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  g_return_val_if_fail (gcm_sha256_is_valid (sha256), NULL);
  return g_build_filename (root, "v1", "objects", prefix, sha256, NULL);
}

/* Reads at most @cap bytes; a longer file is an error, never silently cut. Only a regular file
 * is read: O_NONBLOCK keeps open() from waiting forever for the writer of a named pipe. */
GBytes *
gcm_feed_read_capped (const char  *path,
                      gint64       cap,
                      GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GByteArray) buffer = NULL;
  struct stat st;
  int saved_errno;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, GCM_FEED_ERROR,
                   saved_errno == ENOENT ? GCM_FEED_ERROR_MISSING : GCM_FEED_ERROR_IO,
                   "Cannot open %s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_REGULAR,
                   "%s is not a regular file", path);
      return NULL;
    }

  /* One byte more than @cap is enough to know the file is too long. */
  buffer = g_byte_array_sized_new ((guint) MIN (st.st_size, cap) + 1);
  while ((gint64) buffer->len <= cap)
    {
      guint8 chunk[16 * 1024];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          g_close (fd, NULL);
          g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot read %s: %s", path,
                       g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  g_close (fd, NULL);

  if ((gint64) buffer->len > cap)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED,
                   "%s is larger than announced", name);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

gboolean
gcm_feed_check_bytes (GBytes      *bytes,
                      const char  *sha256,
                      gint64       size,
                      GError     **error)
{
  g_autofree char *actual = NULL;

  if ((gint64) g_bytes_get_size (bytes) != size)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED,
                   "object %.12s… has %" G_GSIZE_FORMAT " bytes, not %" G_GINT64_FORMAT,
                   sha256, g_bytes_get_size (bytes), size);
      return FALSE;
    }
  actual = gcm_sha256_for_bytes (bytes);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_HASH_MISMATCH,
                   "object %.12s… does not match its hash", sha256);
      return FALSE;
    }
  return TRUE;
}

/**
 * gcm_feed_make_folder:
 * @path: a folder to write a feed's files into
 *
 * Creates @path and its parents, for the user only.
 *
 * Returns: %FALSE with %GCM_FEED_ERROR_NO_SPACE when the disk is full, %GCM_FEED_ERROR_IO for
 *   any other failure
 */
gboolean
gcm_feed_make_folder (const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GCM_FEED_ERROR,
                   saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                   "Cannot create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * gcm_feed_sync_folder:
 * @path: a folder of a feed's files
 *
 * Writes out everything waiting for the file system @path is on (syncfs), so that what was
 * written there survives a power cut before anything refers to it.
 *
 * Returns: %FALSE with %GCM_FEED_ERROR_NO_SPACE when the disk is full, %GCM_FEED_ERROR_IO for
 *   any other failure
 */
gboolean
gcm_feed_sync_folder (const char  *path,
                      GError     **error)
{
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0 || syncfs (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, GCM_FEED_ERROR,
                   saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                   "Cannot save the files in %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * gcm_feed_remove_folder:
 * @path: a feed folder, or one being built
 *
 * Removes @path and all it holds, as far as it can. A symbolic link is removed, never
 * followed: a staging feed links to the store's objects, which stay.
 */
void
gcm_feed_remove_folder (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  struct stat st;
  const char *name;

  g_return_if_fail (path != NULL);

  if (lstat (path, &st) == 0 && S_ISDIR (st.st_mode) && (dir = g_dir_open (path, 0, NULL)))
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        gcm_feed_remove_folder (child);
      }
  g_remove (path);
}

/* Writes @bytes content-addressed under @root; a present object is left as it is. */
gboolean
gcm_feed_write_object (const char  *root,
                       GBytes      *bytes,
                       char       **sha256_out,
                       GError     **error)
{
  g_autofree char *sha256 = gcm_sha256_for_bytes (bytes);
  g_autofree char *path = gcm_feed_build_object_path (root, sha256);
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot create %s: %s", dir, g_strerror (saved_errno));
          return FALSE;
        }
      if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                error))
        return FALSE;
    }
  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha256);
  return TRUE;
}

/* GObject */

static void
gcm_feed_finalize (GObject *object)
{
  GcmFeed *self = GCM_FEED (object);

  g_free (self->path);
  g_clear_pointer (&self->comment, gcm_feed_comment_free);
  g_clear_pointer (&self->manifest, gcm_manifest_free);
  g_free (self->manifest_sha256);

  G_OBJECT_CLASS (gcm_feed_parent_class)->finalize (object);
}

static void
gcm_feed_class_init (GcmFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_feed_finalize;
}

static void
gcm_feed_init (GcmFeed *self)
{
}

/* Public API */

/**
 * gcm_feed_open:
 * @path: the feed folder (the one holding `v1/`)
 * @trusted_keys: (nullable) (element-type GcmMinisignKey): keys to verify with, or %NULL for a
 *   feed trusted by its location (the installed bundle)
 *
 * The older form of gcm_feed_open_with_trust(). Blocking.
 *
 * Returns: (transfer full): the feed, or %NULL with a %GCM_FEED_ERROR set
 */
GcmFeed *
gcm_feed_open (const char  *path,
               GPtrArray   *trusted_keys,
               GError     **error)
{
  g_autoptr(GcmTrust) trust = gcm_trust_new_for_keys (trusted_keys);

  return gcm_feed_open_with_trust (path, trust, error);
}

/**
 * gcm_feed_open_with_trust:
 * @path: the feed folder (the one holding `v1/`)
 * @trust: by location (no signature checks) or by one of its keys
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the feed, or %NULL with a %GCM_FEED_ERROR set
 */
GcmFeed *
gcm_feed_open_with_trust (const char  *path,
                          GcmTrust    *trust,
                          GError     **error)
{
  g_autoptr(GcmFeed) self = NULL;
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_autoptr(GBytes) sig_bytes = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *manifest_name = NULL;
  g_autofree char *manifest_path = NULL;
  const GcmMinisignKey *key = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (trust != NULL, NULL);

  self = g_object_new (GCM_TYPE_FEED, NULL);
  self->path = g_strdup (path);
  self->trust_mode = gcm_trust_get_mode (trust);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING, "%s is not a folder", path);
      return NULL;
    }

  sig_path = g_build_filename (path, "v1", "current.minisig", NULL);
  sig_bytes = gcm_feed_read_capped (sig_path, GCM_MINISIGN_MAX_SIZE, &local_error);
  if (sig_bytes == NULL)
    {
      if (g_error_matches (local_error, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING))
        g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_SIGNED,
                     "%s has no v1/current.minisig", path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  sig = gcm_minisign_signature_new_from_text (g_bytes_get_data (sig_bytes, NULL),
                                              g_bytes_get_size (sig_bytes), error);
  if (sig == NULL)
    return NULL;

  if (self->trust_mode == GCM_TRUST_BY_KEY)
    {
      if (!(key = gcm_minisign_signature_find_key (sig, gcm_trust_get_keys (trust), error)) ||
          !gcm_minisign_signature_verify_comment (sig, key, error))
        return NULL;
    }

  self->comment = gcm_feed_comment_parse (sig->trusted_comment, error);
  if (self->comment == NULL)
    return NULL;

  manifest_name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", self->comment->serial);
  manifest_path = g_build_filename (path, "v1", "manifests", manifest_name, NULL);
  manifest_bytes = gcm_feed_read_capped (manifest_path, self->comment->size, error);
  if (manifest_bytes == NULL)
    return NULL;
  if ((gint64) g_bytes_get_size (manifest_bytes) != self->comment->size)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED,
                   "the manifest is shorter than its signature says");
      return NULL;
    }
  if (self->trust_mode == GCM_TRUST_BY_KEY &&
      !gcm_minisign_signature_verify_data (sig, key, manifest_bytes, error))
    return NULL;

  self->manifest = gcm_manifest_new_from_bytes (manifest_bytes, error);
  if (self->manifest == NULL ||
      !gcm_manifest_matches_comment (self->manifest, self->comment, error))
    return NULL;

  self->manifest_sha256 = gcm_sha256_for_bytes (manifest_bytes);
  return g_steal_pointer (&self);
}

const char *
gcm_feed_get_path (GcmFeed *self)
{
  g_return_val_if_fail (GCM_IS_FEED (self), NULL);
  return self->path;
}

GcmManifest *
gcm_feed_get_manifest (GcmFeed *self)
{
  g_return_val_if_fail (GCM_IS_FEED (self), NULL);
  return self->manifest;
}

const GcmFeedComment *
gcm_feed_get_comment (GcmFeed *self)
{
  g_return_val_if_fail (GCM_IS_FEED (self), NULL);
  return self->comment;
}

const char *
gcm_feed_get_manifest_sha256 (GcmFeed *self)
{
  g_return_val_if_fail (GCM_IS_FEED (self), NULL);
  return self->manifest_sha256;
}

/**
 * gcm_feed_load_object:
 *
 * Reads one object and checks it against @sha256 and @size. Blocking.
 *
 * Returns: (transfer full): the bytes, or %NULL with a %GCM_FEED_ERROR set
 */
GBytes *
gcm_feed_load_object (GcmFeed     *self,
                      const char  *sha256,
                      gint64       size,
                      GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GCM_IS_FEED (self), NULL);
  g_return_val_if_fail (gcm_sha256_is_valid (sha256), NULL);

  path = gcm_feed_build_object_path (self->path, sha256);
  bytes = gcm_feed_read_capped (path, size, error);
  if (bytes == NULL || !gcm_feed_check_bytes (bytes, sha256, size, error))
    return NULL;
  return g_steal_pointer (&bytes);
}
