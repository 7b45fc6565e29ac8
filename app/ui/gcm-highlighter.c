/* gcm-highlighter.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the words of a search stand in a text, ignoring case: what a page highlights after a
 * search. Pure text in, byte ranges out; the document view turns them into Pango attributes.
 */

#define G_LOG_DOMAIN "GcmHighlighter"

#include "gcm-highlighter.h"

#include <string.h>

/**
 * gcm_highlighter_fold_terms:
 * @terms: (nullable) (array zero-terminated=1): the words to find, as the search took them
 *
 * Case-folds and trims the terms; terms that are not UTF-8 or are blank are left out.
 *
 * Returns: (transfer full) (nullable) (array zero-terminated=1): the terms for
 *   gcm_highlighter_find(), or %NULL when none is left
 */
char **
gcm_highlighter_fold_terms (const char * const *terms)
{
  g_autoptr(GPtrArray) folded = NULL;

  if (terms == NULL)
    return NULL;

  folded = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = NULL;

      if (!g_utf8_validate (terms[i], -1, NULL))
        continue;

      term = g_utf8_casefold (terms[i], -1);
      g_strstrip (term);
      if (*term != '\0')
        g_ptr_array_add (folded, g_steal_pointer (&term));
    }

  if (folded->len == 0)
    return NULL;
  g_ptr_array_add (folded, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&folded), FALSE);
}

/**
 * gcm_highlighter_find:
 * @text: (nullable): valid UTF-8
 * @folded_terms: (nullable) (array zero-terminated=1): from gcm_highlighter_fold_terms()
 *
 * Finds every case-insensitive occurrence of each term in @text, term by term. Case folding
 * may change a character's length (ß folds to ss), so the folded copy keeps a map back to the
 * bytes of @text, and a range always covers whole characters of it.
 *
 * Returns: (transfer full) (element-type GcmHighlightRange): the ranges, possibly none
 */
GArray *
gcm_highlighter_find (const char         *text,
                      const char * const *folded_terms)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (GcmHighlightRange));
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) ends = NULL;

  if (folded_terms == NULL || text == NULL || *text == '\0')
    return ranges;

  folded = g_string_new (NULL);
  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  ends = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      g_autofree char *fold = g_utf8_casefold (p, next - p);
      guint start = (guint) (p - text);
      guint end = (guint) (next - text);

      for (gsize i = 0; fold[i] != '\0'; i++)
        {
          g_array_append_val (starts, start);
          g_array_append_val (ends, end);
        }
      g_string_append (folded, fold);
    }

  for (guint t = 0; folded_terms[t] != NULL; t++)
    {
      gsize len = strlen (folded_terms[t]);
      const char *hit;

      if (len == 0)
        continue;
      for (hit = strstr (folded->str, folded_terms[t]); hit != NULL;
           hit = strstr (hit + len, folded_terms[t]))
        {
          gsize at = (gsize) (hit - folded->str);
          GcmHighlightRange range = {
            g_array_index (starts, guint, at),
            g_array_index (ends, guint, at + len - 1),
          };

          g_array_append_val (ranges, range);
        }
    }

  return ranges;
}
