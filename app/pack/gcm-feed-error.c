/* gcm-feed-error.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "GcmFeedError"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-feed-error.h"

G_DEFINE_QUARK (gcm-feed-error-quark, gcm_feed_error)

/**
 * gcm_feed_error_to_string:
 * @error: an error from the feed or store layer
 *
 * Returns: (transfer none): one translated sentence for the user, or %NULL when @error is not
 *   a feed error.
 */
const char *
gcm_feed_error_to_string (const GError *error)
{
  if (error == NULL || error->domain != GCM_FEED_ERROR)
    return NULL;

  switch ((GcmFeedError) error->code)
    {
    case GCM_FEED_ERROR_UNTRUSTED_KEY:
      return _("The update is signed by a key this app does not trust. Your content is unchanged.");
    case GCM_FEED_ERROR_BAD_SIGNATURE:
    case GCM_FEED_ERROR_HASH_MISMATCH:
    case GCM_FEED_ERROR_TRUNCATED:
    case GCM_FEED_ERROR_MALFORMED:
      return _("The update could not be verified and was not installed. Your content is unchanged.");
    case GCM_FEED_ERROR_NOT_SIGNED:
      return _("The folder holds no signed content feed. Your content is unchanged.");
    case GCM_FEED_ERROR_WRONG_FEED:
      return _("The update belongs to another content feed. Your content is unchanged.");
    case GCM_FEED_ERROR_ROLLBACK:
      return _("The update is older than the content you already have. Your content is unchanged.");
    case GCM_FEED_ERROR_EXPIRED:
      return _("The update has expired; check your computer’s clock. Your content is unchanged.");
    case GCM_FEED_ERROR_TOO_NEW:
      return _("A newer version of the app is needed for this content. Your content is unchanged.");
    case GCM_FEED_ERROR_MISSING:
      return _("The folder does not hold a complete content feed. Your content is unchanged.");
    case GCM_FEED_ERROR_NO_SPACE:
      return _("There is not enough free disk space for the update. Your content is unchanged.");
    case GCM_FEED_ERROR_NOT_REGULAR:
      return _("The folder holds a pipe, device or folder where a file of the feed should be. Your content is unchanged.");
    case GCM_FEED_ERROR_IO:
    default:
      return _("The content feed could not be read. Your content is unchanged.");
    }
}
