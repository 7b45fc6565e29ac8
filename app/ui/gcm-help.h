/* gcm-help.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Mallard help's id, as help/meson.build installs it. */
#define GCM_HELP_URI "help:org.greencustoms.Manual"

void gcm_help_show (GtkWindow *parent);

G_END_DECLS
