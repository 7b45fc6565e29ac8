/* publish-main.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * green-customs-publish: turns the authoring source of the manual into a signed feed.
 */

#define G_LOG_DOMAIN "GcmPublish"

#include "config.h"

#include <locale.h>

#include "gcm-publisher.h"
#include "gcm-source.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GcmSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *key = NULL;
  gint64 serial = 0;
  int expires_days = 365;
  gboolean strict = FALSE;
  GcmPublishOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &source_dir, "The authoring source folder", "DIR" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "The feed folder to write", "DIR" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, "A minisign secret key to sign with", "SECRET_KEY" },
    { "serial", 0, 0, G_OPTION_ARG_INT64, &serial, "The feed serial (default: now)", "N" },
    { "expires-days", 0, 0, G_OPTION_ARG_INT, &expires_days, "Days until the feed expires", "N" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Refuse translations older than their original", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— publish the Green Customs Manual content feed");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("green-customs-publish: %s\n", error->message);
      return 2;
    }
  if (source_dir == NULL || output == NULL)
    {
      g_printerr ("green-customs-publish: --source and --output are required\n");
      return 2;
    }
  if (expires_days < 1 || serial < 0)
    {
      g_printerr ("green-customs-publish: --serial and --expires-days must be positive\n");
      return 2;
    }

  /* A bad key is found before any work, not after it. */
  if (key != NULL && !gcm_publish_check_key (key, &error))
    {
      g_printerr ("green-customs-publish: %s\n", error->message);
      return 1;
    }

  source = gcm_source_load (source_dir, strict ? GCM_SOURCE_LOAD_STRICT : GCM_SOURCE_LOAD_DEFAULT,
                            &error);
  if (source == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  options.output = output;
  options.secret_key = key;
  options.serial = serial;
  options.expires_days = expires_days;
  if (!gcm_publish (source, &options, &serial, &error))
    {
      /* Problems of the source are `file:line: message` lines already. */
      if (error->domain == GCM_SOURCE_ERROR)
        g_printerr ("%s\n", error->message);
      else
        g_printerr ("green-customs-publish: %s\n", error->message);
      return 1;
    }

  g_print ("Published %u items as serial %" G_GINT64_FORMAT "%s\n",
           gcm_source_get_items (source)->len, serial, key ? "" : " (unsigned)");
  return 0;
}
