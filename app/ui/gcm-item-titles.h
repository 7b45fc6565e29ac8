/* gcm-item-titles.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef char *(*GcmItemTitleFunc) (const char *item_id,
                                   gpointer    user_data);

typedef struct
{
  GcmItemTitleFunc func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} GcmItemTitles;

void  gcm_item_titles_set (GcmItemTitles       *titles,
                           GcmItemTitleFunc     func,
                           gpointer             user_data,
                           GDestroyNotify       destroy);
char *gcm_item_titles_dup (const GcmItemTitles *titles,
                           const char          *item_id);

G_END_DECLS
