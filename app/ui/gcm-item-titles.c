/* gcm-item-titles.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a view that links to manual items learns their titles in the reader's language: the
 * window hands it a lookup, and the view asks it for each item it shows.
 */

#include "config.h"

#include "gcm-item-titles.h"

/* Replaces the lookup in @titles, freeing the user data of the one before; NULL @func clears it. */
void
gcm_item_titles_set (GcmItemTitles    *titles,
                     GcmItemTitleFunc  func,
                     gpointer          user_data,
                     GDestroyNotify    destroy)
{
  g_return_if_fail (titles != NULL);

  if (titles->destroy != NULL)
    g_clear_pointer (&titles->user_data, titles->destroy);
  titles->func = func;
  titles->user_data = user_data;
  titles->destroy = destroy;
}

/* Returns: (transfer full) (nullable): the title of @item_id, or NULL when there is no lookup or
 * the item is no longer in the manual. */
char *
gcm_item_titles_dup (const GcmItemTitles *titles,
                     const char          *item_id)
{
  g_return_val_if_fail (titles != NULL, NULL);

  return titles->func != NULL ? titles->func (item_id, titles->user_data) : NULL;
}
