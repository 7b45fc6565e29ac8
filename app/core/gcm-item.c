/* gcm-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every piece of content is an item — a manual section, a case, a procedure or a quiz — named
 * by a stable id that user data (progress, bookmarks) is keyed by. These helpers check ids and
 * name kinds for every layer.
 */

#define G_LOG_DOMAIN "GcmItem"

#include "config.h"

#include <string.h>

#include "gcm-item.h"

/* ^[a-z0-9][a-z0-9/_.-]{0,127}$, and no ".." so an id can never name a parent folder. */
gboolean
gcm_item_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > 128)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    {
      char c = id[i];
      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '/' && c != '_' && c != '.' && c != '-')
        return FALSE;
    }
  return strstr (id, "..") == NULL;
}

