/* gcm-locale.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "GcmLocale"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gcm-locale.h"

/* Shared by main() and the tests so both see the same text domain. */
void
gcm_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
