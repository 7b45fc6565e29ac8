/* gcm-workshop-cli.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --export-workshop ID --csv FILE and/or --pdf FILE: a saved workshop session exported for a
 * script, as the Workshop Sessions window exports it.
 */

#define G_LOG_DOMAIN "GcmWorkshopCli"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-workshop.h"
#include "gcm-workshop-cli.h"
#include "gcm-workshop-report.h"

gboolean
gcm_workshop_cli_wanted (GVariantDict *options)
{
  /* --pdf is shared with --print-procedure and --certificate, which take it for themselves. */
  if (g_variant_dict_contains (options, "print-procedure") ||
      g_variant_dict_contains (options, "certificate"))
    return FALSE;
  return g_variant_dict_contains (options, "export-workshop") ||
         g_variant_dict_contains (options, "csv") || g_variant_dict_contains (options, "pdf");
}

static gboolean
export_to (const GcmWorkshopSession *session,
           GcmWorkshopFormat         format,
           const char               *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return TRUE;
  file = g_file_new_for_commandline_arg (path);
  if (!gcm_workshop_export (session, format, file, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * gcm_workshop_cli_run:
 *
 * Returns: the exit status
 */
int
gcm_workshop_cli_run (GcmStore     *store,
                      GVariantDict *options)
{
  const char *id_text = NULL, *csv = NULL, *pdf = NULL;
  g_autoptr(GcmWorkshopSession) session = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id = 0;

  g_variant_dict_lookup (options, "export-workshop", "&s", &id_text);
  g_variant_dict_lookup (options, "csv", "^&ay", &csv);
  g_variant_dict_lookup (options, "pdf", "^&ay", &pdf);
  if (id_text == NULL || (csv == NULL && pdf == NULL))
    {
      g_printerr (_("--export-workshop takes a session number and --csv FILE or --pdf FILE.\n"));
      return 2;
    }
  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      /* Translators: %s is what was typed after --export-workshop */
      g_printerr (_("“%s” is not a workshop session number; the Workshop Sessions window and "
                    "the session's CSV name them.\n"), id_text);
      return 2;
    }
  session = gcm_workshop_load (store, (gint64) id, &error);
  if (session == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!export_to (session, GCM_WORKSHOP_FORMAT_CSV, csv) ||
      !export_to (session, GCM_WORKSHOP_FORMAT_PDF, pdf))
    return 1;
  return 0;
}
