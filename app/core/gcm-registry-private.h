/* gcm-registry-private.h — private to core/
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where @name stands in a registry's %NULL-terminated @names, which follow its enum: the enum
 * value, or -1 when it is not there. */
static inline int
gcm_registry_lookup (const char * const *names,
                     const char         *name)
{
  for (int i = 0; name != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return i;
  return -1;
}

G_END_DECLS
