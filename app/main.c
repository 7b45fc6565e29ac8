/* main.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-application.h"
#include "gcm-locale.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GcmApplication) app = NULL;

  gcm_locale_init ();
  g_set_application_name (_("Green Customs Manual"));

  app = gcm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
