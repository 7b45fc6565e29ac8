/* gcm-rows.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The keys 1–9: a view chooses by number among at most this many options. */
#define GCM_ROWS_MAX_CHOICE_KEYS 9

GtkWidget *gcm_rows_decorative_icon (const char *icon_name);
void       gcm_rows_clear           (GtkListBox *list);
void       gcm_rows_clear_box       (GtkBox     *box);
GtkWidget *gcm_rows_choice_number   (guint       number);
int        gcm_rows_choice_for_key  (guint       keyval,
                                     guint       n_keys);

G_END_DECLS
