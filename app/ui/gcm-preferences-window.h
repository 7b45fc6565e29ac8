/* gcm-preferences-window.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GCM_TYPE_PREFERENCES_WINDOW (gcm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GcmPreferencesWindow, gcm_preferences_window, GCM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *gcm_preferences_window_new          (GtkWindow   *parent,
                                                GSettings   *settings);

/* Whether @text may be the feed address: https, http to this computer only, or a folder (an
 * absolute path or a file: URI). An empty address is allowed: updates then come only from
 * folders. Otherwise @reason (if given) gets one sentence saying why not. */
gboolean   gcm_preferences_check_feed_address  (const char  *text,
                                                char       **reason);

G_END_DECLS
