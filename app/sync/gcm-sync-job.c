/* gcm-sync-job.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sync with headquarters, on a worker thread, in the order of DESIGN §5: a conditional GET of
 * current.minisig (304: up to date); its key trusted, its signature valid, its feed ours, its
 * serial not below the highest seen, not expired; the manifest fetched with a cap of exactly its
 * signed size and verified as a feed (signature, fields equal to the trusted comment, every id,
 * kind, hash and size); free disk checked; the missing objects fetched; and the whole applied by
 * the importer in one transaction. URLs are built from the serial and validated hashes only.
 *
 * The download lands in the store folder: staging/<sha>.part while it runs, objects/ when
 * checked, and staging/feed/ holds the fetched current.minisig and manifest as a feed folder
 * whose v1/objects is objects/, so the importer reads the same verified files as for a USB copy.
 */

#define G_LOG_DOMAIN "GcmSync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gcm-changes.h"
#include "gcm-feed.h"
#include "gcm-importer.h"
#include "gcm-sync-error.h"
#include "gcm-sync-job.h"
#include "gcm-transport.h"

typedef struct
{
  GcmSyncJobNotify notify;
  gpointer         notify_data;
  gint64           last_notify;
} Progress;

static void
notify_state (Progress     *progress,
              GcmSyncState  state,
              double        fraction)
{
  if (progress->notify != NULL)
    progress->notify (state, fraction, progress->notify_data);
}

static void
download_progress_cb (gint64   done,
                      gint64   total,
                      gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  /* At most ten times a second, and always at the end. */
  if (done < total && now - progress->last_notify < G_USEC_PER_SEC / 10)
    return;
  progress->last_notify = now;
  notify_state (progress, GCM_SYNC_STATE_DOWNLOADING, total > 0 ? (double) done / total : 1.0);
}

/* An absolute path is a local folder. */
static char *
gcm_sync_job_normalize_url (const char *url)
{
  if (url == NULL || *url == '\0')
    return NULL;
  if (g_path_is_absolute (url))
    return g_filename_to_uri (url, NULL, NULL);
  return g_strdup (url);
}

/* What the conditional GET remembers: the validators of the pointer of the installed serial. */
static char *
state_path (GcmStore *store)
{
  return g_build_filename (gcm_store_get_directory (store), "sync-state", NULL);
}

static void
load_validators (GcmStore               *store,
                 const char             *url,
                 gint64                  installed_serial,
                 GcmTransportValidators *validators)
{
  g_autofree char *path = state_path (store);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *saved_url = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  saved_url = g_key_file_get_string (file, "pointer", "url", NULL);
  /* Validators of another feed, or of content since replaced, would hide an update. */
  if (g_strcmp0 (saved_url, url) != 0 ||
      g_key_file_get_int64 (file, "pointer", "serial", NULL) != installed_serial ||
      installed_serial <= 0)
    return;
  validators->etag = g_key_file_get_string (file, "pointer", "etag", NULL);
  validators->last_modified = g_key_file_get_string (file, "pointer", "last-modified", NULL);
}

static void
save_validators (GcmStore               *store,
                 const char             *url,
                 gint64                  serial,
                 GcmTransportValidators *validators)
{
  g_autofree char *path = state_path (store);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (file, "pointer", "url", url);
  g_key_file_set_int64 (file, "pointer", "serial", serial);
  if (validators->etag != NULL)
    g_key_file_set_string (file, "pointer", "etag", validators->etag);
  if (validators->last_modified != NULL)
    g_key_file_set_string (file, "pointer", "last-modified", validators->last_modified);
  if (!g_key_file_save_to_file (file, path, &error))
    g_debug ("Cannot save %s: %s", path, error->message);
}

typedef struct
{
  char   *feed;
  gint64  serial;
} Installed;

static void
read_installed (GcmStore  *store,
                Installed *installed)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_store_read_installed_feed (store, &installed->feed, &installed->serial, &error))
    g_debug ("Cannot read the installed feed: %s", error->message);
}

static GStrv
added_ids (GcmStore *store,
           gint64    serial)
{
  g_autoptr(GError) error = NULL;
  GStrv ids = gcm_store_dup_added_ids (store, serial, &error);

  if (ids == NULL)
    {
      g_debug ("Cannot list the new items: %s", error->message);
      ids = g_new0 (char *, 1);
    }
  return ids;
}

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!gcm_feed_make_folder (dir, error))
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_NONE, 0600, error);
}

/* A feed folder made of the fetched files, its objects those of the store. */
static char *
make_staging_feed (GcmStore              *store,
                   const GcmFeedComment  *comment,
                   GBytes                *pointer,
                   GBytes                *manifest,
                   GError               **error)
{
  g_autofree char *root = g_build_filename (gcm_store_get_directory (store), "staging", "feed", NULL);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", comment->serial);
  g_autofree char *sig_path = g_build_filename (root, "v1", "current.minisig", NULL);
  g_autofree char *manifest_path = g_build_filename (root, "v1", "manifests", name, NULL);
  g_autofree char *objects_link = g_build_filename (root, "v1", "objects", NULL);

  gcm_feed_remove_folder (root);
  if (!write_file (sig_path, pointer, error) || !write_file (manifest_path, manifest, error))
    return NULL;
  if (symlink (gcm_store_get_objects_path (store), objects_link) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot link %s: %s", objects_link,
                   g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&root);
}

static void
add_needed (GPtrArray  *needed,
            GHashTable *seen,
            GcmStore   *store,
            const char *sha256,
            gint64      size)
{
  g_autofree char *path = NULL;
  GcmTransportObject *object;

  if (g_hash_table_contains (seen, sha256))
    return;
  g_hash_table_add (seen, (gpointer) sha256);
  path = gcm_store_dup_object_path (store, sha256);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  object = g_new0 (GcmTransportObject, 1);
  object->sha256 = g_strdup (sha256);
  object->size = size;
  g_ptr_array_add (needed, object);
}

static void
transport_object_free (GcmTransportObject *object)
{
  g_free (object->sha256);
  g_free (object);
}

static GcmSyncReport *
up_to_date_report (gint64 serial)
{
  GcmSyncReport *report = g_new0 (GcmSyncReport, 1);

  report->serial = serial;
  report->up_to_date = TRUE;
  report->added_ids = g_new0 (char *, 1);
  return report;
}

static GcmSyncReport *
run (GcmStore         *store,
     const char       *url,
     GcmTrust         *trust,
     Progress         *progress,
     GcmTransport    **transport_out,
     GCancellable     *cancellable,
     GError          **error)
{
  g_autoptr(GcmTransport) transport = NULL;
  g_auto(GcmFeedFloor) floor = { 0 };
  g_auto(GcmTransportValidators) validators = { 0 };
  g_autoptr(GBytes) pointer = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GcmMinisignSignature) sig = NULL;
  g_autoptr(GcmFeedComment) comment = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  g_autoptr(GPtrArray) needed = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *staging_feed = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *installed_feed = NULL;
  const GcmMinisignKey *key;
  GcmImportResult result = { 0 };
  GcmManifest *manifest;
  GcmSyncReport *report;
  Installed installed = { 0 };
  gboolean not_modified = FALSE;
  gint64 server_date = 0, latest_known, now = g_get_real_time () / G_USEC_PER_SEC;
  guint64 needed_bytes = 0;

  notify_state (progress, GCM_SYNC_STATE_CHECKING, 0.0);
  if (!gcm_store_check_writable (store, error))
    return NULL;
  transport = gcm_transport_new (url, error);
  *transport_out = transport ? g_object_ref (transport) : NULL;
  if (transport == NULL || !gcm_store_read_feed_floor (store, &floor, error))
    return NULL;
  read_installed (store, &installed);
  installed_feed = installed.feed;
  load_validators (store, url, installed.serial, &validators);

  /* 1. The pointer, conditionally: a client up to date costs one small request. */
  pointer = gcm_transport_get (transport, "v1/current.minisig", GCM_MINISIGN_MAX_SIZE, FALSE,
                               &validators, &not_modified, &server_date, cancellable, error);
  if (pointer == NULL)
    return NULL;
  if (not_modified)
    return up_to_date_report (installed.serial);

  /* 2. Its key trusted and its global signature valid, before a word of it is believed. */
  sig = gcm_minisign_signature_new_from_text (g_bytes_get_data (pointer, NULL),
                                              g_bytes_get_size (pointer), error);
  if (sig == NULL ||
      !(key = gcm_minisign_signature_find_key (sig, gcm_trust_get_keys (trust), error)) ||
      !gcm_minisign_signature_verify_comment (sig, key, error) ||
      !(comment = gcm_feed_comment_parse (sig->trusted_comment, error)))
    return NULL;

  /* 3. Ours: the bundled feed and headquarters share one feed id and one serial line. */
  {
    const char *ours = floor.feed != NULL ? floor.feed : installed_feed;
    if (ours != NULL && !g_str_equal (ours, comment->feed))
      {
        g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_WRONG_FEED, "The feed is %s, not %s",
                     comment->feed, ours);
        return NULL;
      }
  }

  /* 4. Not older than anything seen. */
  if (comment->serial < MAX (floor.highest_serial, installed.serial))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK,
                   "Serial %" G_GINT64_FORMAT " is older than %" G_GINT64_FORMAT, comment->serial,
                   MAX (floor.highest_serial, installed.serial));
      return NULL;
    }
  if (comment->serial == installed.serial)
    {
      save_validators (store, url, installed.serial, &validators);
      return up_to_date_report (installed.serial);
    }

  /* 5. Not expired by the latest time known; a server whose own Date disagrees points at a
   * wrong clock here. */
  latest_known = MAX (now, floor.newest_generated);
  if (comment->expires < latest_known)
    {
      if (server_date > 0 && server_date < comment->expires && now > comment->expires)
        g_set_error_literal (error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_CLOCK,
                             _("The update from headquarters looks expired because this computer’s clock seems wrong; correct the date and time, then try again."));
      else
        g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_EXPIRED,
                     "The feed expired at %" G_GINT64_FORMAT, comment->expires);
      return NULL;
    }
  if (comment->size <= 0 || comment->size > GCM_MANIFEST_MAX_SIZE)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "the signed manifest size is out of range");
      return NULL;
    }

  /* 6. The manifest, exactly as long as signed, then verified as a whole feed. */
  manifest_path = g_strdup_printf ("v1/manifests/%" G_GINT64_FORMAT ".json", comment->serial);
  manifest_bytes = gcm_transport_get (transport, manifest_path, comment->size, TRUE, NULL, NULL,
                                      NULL, cancellable, error);
  if (manifest_bytes == NULL)
    return NULL;
  notify_state (progress, GCM_SYNC_STATE_VERIFYING, 0.0);
  staging_feed = make_staging_feed (store, comment, pointer, manifest_bytes, error);
  if (staging_feed == NULL || !(feed = gcm_feed_open_with_trust (staging_feed, trust, error)))
    return NULL;
  manifest = gcm_feed_get_manifest (feed);

  /* 7. Only what objects/ lacks, and only if it fits. */
  needed = g_ptr_array_new_with_free_func ((GDestroyNotify) transport_object_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      add_needed (needed, seen, store, item->sha256, item->size);
    }
  for (guint i = 0; i < manifest->media->len; i++)
    {
      GcmManifestMedia *media = g_ptr_array_index (manifest->media, i);
      add_needed (needed, seen, store, media->sha256, media->size);
    }
  for (guint i = 0; i < needed->len; i++)
    needed_bytes += ((GcmTransportObject *) g_ptr_array_index (needed, i))->size;
  /* The objects, and about twice the items' size again in content.db and its indexes. */
  if (!gcm_importer_check_free_space (store, 3 * needed_bytes + 2 * (guint64) comment->size, error))
    return NULL;

  notify_state (progress, GCM_SYNC_STATE_DOWNLOADING, 0.0);
  staging = g_build_filename (gcm_store_get_directory (store), "staging", NULL);
  if (!gcm_transport_get_objects (transport, needed, staging, gcm_store_get_objects_path (store),
                                  download_progress_cb, progress, cancellable, error))
    return NULL;

  /* 8. One transaction; any refusal leaves the content as it was. */
  notify_state (progress, GCM_SYNC_STATE_INSTALLING, 1.0);
  if (!gcm_importer_apply (store, feed, cancellable, NULL, NULL, &result, error))
    return NULL;
  gcm_feed_remove_folder (staging_feed);
  save_validators (store, url, result.serial, &validators);

  report = g_new0 (GcmSyncReport, 1);
  report->serial = result.serial;
  report->up_to_date = result.up_to_date;
  memcpy (report->added, result.added_by_kind, sizeof report->added);
  memcpy (report->updated, result.updated_by_kind, sizeof report->updated);
  report->removed = result.removed;
  report->added_ids = added_ids (store, result.serial);
  return report;
}

/**
 * gcm_sync_job_run:
 * @feed_url: the folder holding `v1/`: an https URL, http on this computer, or a local folder
 * @trust: the keys the feed must be signed with
 * @stats: (out) (optional): what the network cost
 *
 * Blocking: call it on a worker thread. On error the message is the sentence for the user; the
 * detail is logged.
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error set
 */
GcmSyncReport *
gcm_sync_job_run (GcmStore         *store,
                  const char       *feed_url,
                  GcmTrust         *trust,
                  GcmSyncJobNotify  notify,
                  gpointer          notify_data,
                  GcmSyncStats     *stats,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GcmTransport) transport = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = gcm_sync_job_normalize_url (feed_url);
  Progress progress = { notify, notify_data, 0 };
  GcmSyncReport *report = NULL;

  if (url == NULL)
    g_set_error_literal (&local_error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_NO_FEED_URL,
                         _("No headquarters address is set, so there is nothing to check."));
  else
    report = run (store, url, trust, &progress, &transport, cancellable, &local_error);

  if (stats != NULL && transport != NULL)
    {
      stats->bytes_received = gcm_transport_get_bytes_received (transport);
      stats->requests = gcm_transport_get_requests (transport);
    }
  if (report == NULL)
    {
      g_autofree char *sentence = gcm_sync_error_sentence (local_error);

      g_debug ("Sync with %s failed: %s", url ? url : "(none)", local_error->message);
      g_set_error_literal (error, local_error->domain, local_error->code, sentence);
      return NULL;
    }
  return report;
}
