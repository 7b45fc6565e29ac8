/* gcm-help.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the user help (the Mallard pages in help/C) in the help viewer, as F1 and the main menu's Help do.
 * The viewer starts asynchronously; when none can be started, the window says so.
 */

#define G_LOG_DOMAIN "GcmHelp"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-help.h"
#include "gcm-window-private.h"

static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;
  g_warning ("The help could not be opened: %s", error->message);
  if (!GCM_IS_WINDOW (parent))
    return;
  /* No handler for help: URIs means Yelp is missing, the usual case on a minimal system. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    _gcm_window_toast (GCM_WINDOW (parent),
                       _("The help could not be opened: no help viewer is installed."));
  else
    _gcm_window_toast (GCM_WINDOW (parent), _("The help could not be opened."));
}

/**
 * gcm_help_show:
 * @parent: the window the help is opened from
 */
void
gcm_help_show (GtkWindow *parent)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));

  gtk_show_uri_full (parent, GCM_HELP_URI, GDK_CURRENT_TIME, NULL, help_shown_cb,
                     g_object_ref (parent));
}
