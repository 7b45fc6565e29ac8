/* gcm-locale.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "GcmLocale"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gcm-locale.h"

/* Shared by main() and the tests so both see the same text domain. GCM_LOCALEDIR points an
 * uninstalled app at the catalogs its build made (build-aux/run, the tests). */
void
gcm_locale_init (void)
{
  const char *localedir = g_getenv ("GCM_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The languages the manual can be read in: its own and those it is translated into. */
static const char * const content_languages[] = { "en", "ko", NULL };

const char * const *
gcm_locale_get_content_languages (void)
{
  return content_languages;
}

/**
 * gcm_locale_pick_content_language:
 * @setting: (nullable): the `content-language` setting: "" or %NULL to follow the system
 * @names: (nullable): the system's languages, most wanted first, as g_get_language_names()
 *   gives them ("ko_KR.UTF-8", "ko_KR", "ko", "C"); %NULL for g_get_language_names()
 *
 * Returns: the language to show the manual in, "en" when none of the wanted ones is there
 */
const char *
gcm_locale_pick_content_language (const char         *setting,
                                  const char * const *names)
{
  if (setting != NULL && g_strv_contains (content_languages, setting))
    return g_intern_string (setting);
  if (names == NULL)
    names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lang = g_strndup (names[i], strcspn (names[i], "_.@"));

      if (g_strv_contains (content_languages, lang))
        return g_intern_string (lang);
    }
  return "en";
}

static const char *content_language;  /* interned; NULL until set or first asked */

/* The language the whole app shows the manual in, which lists, pages and search results
 * read; the window sets it from the `content-language` setting. */
void
gcm_locale_set_content_language (const char *lang)
{
  g_atomic_pointer_set (&content_language, (gpointer) gcm_locale_pick_content_language (lang, NULL));
}

/* Never %NULL: the system's choice until gcm_locale_set_content_language() was called. */
const char *
gcm_locale_get_content_language (void)
{
  const char *lang = g_atomic_pointer_get (&content_language);

  return lang != NULL ? lang : gcm_locale_pick_content_language (NULL, NULL);
}
