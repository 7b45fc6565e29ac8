/* gcm-sync-error.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sentence per reason a sync fails, worded for headquarters' updates. The technical detail
 * stays in the log.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gcm-feed-error.h"
#include "gcm-store.h"
#include "gcm-sync-error.h"

G_DEFINE_QUARK (gcm-sync-error-quark, gcm_sync_error)

/* Returns: (transfer full): the sentence for @error */
char *
gcm_sync_error_sentence (const GError *error)
{
  if (error == NULL)
    return g_strdup (_("The update from headquarters failed for an unknown reason."));
  if (error->domain == GCM_SYNC_ERROR)
    return g_strdup (error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_CANCELLED))
    return g_strdup (_("The update from headquarters was cancelled, so nothing was installed."));
  if (g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_DISK_FULL))
    return g_strdup (_("There is not enough free disk space for the update from headquarters, so it was not installed."));
  if (g_error_matches (error, GCM_STORE_ERROR, GCM_STORE_ERROR_READ_ONLY))
    return g_strdup (error->message);

  if (error->domain == GCM_FEED_ERROR)
    switch ((GcmFeedError) error->code)
      {
      case GCM_FEED_ERROR_UNTRUSTED_KEY:
        return g_strdup (_("The update from headquarters is signed by a key this app does not trust, so it was not installed."));
      case GCM_FEED_ERROR_BAD_SIGNATURE:
        return g_strdup (_("The signature of the update from headquarters does not match, so it was not installed."));
      case GCM_FEED_ERROR_HASH_MISMATCH:
        return g_strdup (_("A file of the update from headquarters was damaged on the way, so the update was not installed."));
      case GCM_FEED_ERROR_TRUNCATED:
        return g_strdup (_("A file of the update from headquarters has another size than signed, so the update was not installed."));
      case GCM_FEED_ERROR_MALFORMED:
      case GCM_FEED_ERROR_NOT_REGULAR:
        return g_strdup (_("The update from headquarters is not in the expected format, so it was not installed."));
      case GCM_FEED_ERROR_NOT_SIGNED:
      case GCM_FEED_ERROR_MISSING:
        return g_strdup (_("The update from headquarters is incomplete, so it was not installed."));
      case GCM_FEED_ERROR_WRONG_FEED:
        return g_strdup (_("The update comes from another content feed than the installed one, so it was not installed."));
      case GCM_FEED_ERROR_ROLLBACK:
        return g_strdup (_("The update from headquarters is older than the content you have, so it was not installed."));
      case GCM_FEED_ERROR_EXPIRED:
        return g_strdup (_("The update from headquarters has expired, so it was not installed; headquarters has to publish a fresh one."));
      case GCM_FEED_ERROR_TOO_NEW:
        return g_strdup (_("The update from headquarters needs a newer version of this app, so it was not installed."));
      case GCM_FEED_ERROR_NO_SPACE:
        return g_strdup (_("There is not enough free disk space for the update from headquarters, so it was not installed."));
      case GCM_FEED_ERROR_IO:
      default:
        break;
      }
  return g_strdup (_("The update from headquarters could not be saved, so it was not installed."));
}
