/* test-highlighter.c — where a page highlights the words of a search
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gcm-highlighter.h"

/* The highlighted parts of @text, as "[…]" around each range, ranges in the order found. */
static char *
dup_marked (const char         *text,
            const char * const *terms)
{
  g_auto(GStrv) folded = gcm_highlighter_fold_terms (terms);
  g_autoptr(GArray) ranges = gcm_highlighter_find (text, (const char * const *) folded);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      const GcmHighlightRange *r = &g_array_index (ranges, GcmHighlightRange, i);

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_cmpuint (r->end, <=, strlen (text));
      g_assert_true (g_utf8_validate (text + r->start, r->end - r->start, NULL));
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "[%.*s]", (int) (r->end - r->start), text + r->start);
    }
  return g_string_free (out, FALSE);
}

#define MARKED(text, ...) \
  dup_marked ((text), (const char * const[]) { __VA_ARGS__, NULL })

static void
test_case_insensitive (void)
{
  g_autofree char *a = MARKED ("Ivory carvings: IVORY tusks, ivory.", "ivory");
  g_autofree char *b = MARKED ("Ivory carvings", "CARV");
  g_autofree char *c = MARKED ("Carved ivory hides among cow horns.", "horn", "ivory");

  g_assert_cmpstr (a, ==, "[Ivory] [IVORY] [ivory]");
  g_assert_cmpstr (b, ==, "[carv]");
  /* Term by term, each in reading order. */
  g_assert_cmpstr (c, ==, "[horn] [ivory]");
}

static void
test_unicode (void)
{
  /* Case folding changes lengths: ß is "ss", and a range still covers whole characters. */
  g_autofree char *a = MARKED ("Die Straße ist gesperrt.", "strasse");
  g_autofree char *b = MARKED ("STRASSE und Straße", "straße");
  g_autofree char *c = MARKED ("세관 검사: 세관원이 확인한다", "세관");
  g_autofree char *d = MARKED ("ÉCHANTILLON prélevé", "échantillon");
  /* The ligature ﬁ (3 bytes) folds to "fi" (2 bytes): what follows it shifts. */
  g_autofree char *e = MARKED ("Deﬁnitely ﬁllets of ﬁsh, not FISH paste", "fish");
  /* The Kelvin sign (3 bytes) folds to "k" (1 byte). */
  g_autofree char *f = MARKED ("\xe2\x84\xaa" "eep the kelp", "kelp", "keep");

  g_assert_cmpstr (a, ==, "[Straße]");
  g_assert_cmpstr (b, ==, "[STRASSE] [Straße]");
  g_assert_cmpstr (c, ==, "[세관] [세관]");
  g_assert_cmpstr (d, ==, "[ÉCHANTILLON]");
  g_assert_cmpstr (e, ==, "[ﬁsh] [FISH]");
  g_assert_cmpstr (f, ==, "[kelp] [\xe2\x84\xaa" "eep]");
}

static void
test_terms (void)
{
  const char *blank[] = { "  ", "", NULL };
  const char *bad[] = { "\xff\xfe", NULL };
  const char *spaced[] = { "  Ivory ", NULL };
  g_auto(GStrv) folded = gcm_highlighter_fold_terms (spaced);
  g_autofree char *kept = MARKED ("Ivory", "\xff", " ivory ");
  g_autoptr(GArray) none = gcm_highlighter_find ("Ivory", NULL);
  g_autoptr(GArray) empty = NULL;

  /* Nothing to highlight: no terms at all, so the page shows no match. */
  g_assert_null (gcm_highlighter_fold_terms (NULL));
  g_assert_null (gcm_highlighter_fold_terms (blank));
  g_assert_null (gcm_highlighter_fold_terms (bad));
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_nonnull (folded);
  g_assert_cmpstr (folded[0], ==, "ivory");
  g_assert_null (folded[1]);
  g_assert_cmpstr (kept, ==, "[Ivory]");

  empty = gcm_highlighter_find ("", (const char * const *) folded);
  g_assert_cmpuint (empty->len, ==, 0);
  g_clear_pointer (&empty, g_array_unref);
  empty = gcm_highlighter_find (NULL, (const char * const *) folded);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_no_match (void)
{
  g_autofree char *a = MARKED ("Pangolin scales travel as waste.", "ivory");
  g_autofree char *b = MARKED ("ivor", "ivory");

  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlighter/case-insensitive", test_case_insensitive);
  g_test_add_func ("/highlighter/unicode", test_unicode);
  g_test_add_func ("/highlighter/terms", test_terms);
  g_test_add_func ("/highlighter/no-match", test_no_match);

  return g_test_run ();
}
