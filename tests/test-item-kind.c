/* test-item-kind.c — the registries of item kinds and agreements
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "gcm-convention.h"
#include "gcm-item-kind.h"

static void
test_item_kind_names (void)
{
  const char *names[] = { "section", "case", "procedure", "quiz", "key", "risk", "path" };

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, GCM_ITEM_KIND_COUNT);
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    {
      GcmItemKind parsed = GCM_ITEM_KIND_COUNT;

      g_assert_cmpstr (gcm_item_kind_to_string (kind), ==, names[kind]);
      g_assert_true (gcm_item_kind_from_string (names[kind], &parsed));
      g_assert_cmpint (parsed, ==, kind);
      g_assert_nonnull (gcm_item_kind_get_icon_name (kind));
    }
  g_assert_false (gcm_item_kind_from_string ("Case", NULL));
  g_assert_false (gcm_item_kind_from_string ("", NULL));
  g_assert_false (gcm_item_kind_from_string (NULL, NULL));
}

static void
test_item_kind_labels (void)
{
  /* What the sidebar, badges and filters show; every kind has its own words. */
  g_assert_cmpstr (gcm_item_kind_get_label (GCM_ITEM_KIND_CASE), ==, "Case");
  g_assert_cmpstr (gcm_item_kind_get_plural_label (GCM_ITEM_KIND_CASE), ==, "Cases");
  g_assert_cmpstr (gcm_item_kind_get_label (GCM_ITEM_KIND_QUIZ), ==, "Quiz");
  g_assert_cmpstr (gcm_item_kind_get_plural_label (GCM_ITEM_KIND_QUIZ), ==, "Quizzes");
  for (GcmItemKind a = 0; a < GCM_ITEM_KIND_COUNT; a++)
    for (GcmItemKind b = a + 1; b < GCM_ITEM_KIND_COUNT; b++)
      g_assert_cmpstr (gcm_item_kind_get_plural_label (a), !=, gcm_item_kind_get_plural_label (b));
}

static void
test_item_kind_sources (void)
{
  /* Where an author puts each kind (data/content/README.md). */
  const char *folders[] = { "sections", "cases", "procedures", "quizzes", "keys", "risk", "paths" };
  const char *suffixes[] = { ".md", ".md", ".yaml", ".yaml", ".yaml", ".yaml", ".yaml" };

  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    {
      g_assert_cmpstr (gcm_item_kind_get_source_folder (kind), ==, folders[kind]);
      g_assert_cmpstr (gcm_item_kind_get_source_suffix (kind), ==, suffixes[kind]);
      g_assert_cmpstr (gcm_item_kind_get_names ()[kind], ==, gcm_item_kind_to_string (kind));
    }
  g_assert_null (gcm_item_kind_get_names ()[GCM_ITEM_KIND_COUNT]);
  g_assert_true (gcm_item_kind_needs_sources (GCM_ITEM_KIND_CASE));
  g_assert_false (gcm_item_kind_needs_sources (GCM_ITEM_KIND_QUIZ));
  /* Keys and risk rules are tools, not lists to read. */
  g_assert_true (gcm_item_kind_is_listed (GCM_ITEM_KIND_CASE));
  g_assert_false (gcm_item_kind_is_listed (GCM_ITEM_KIND_KEY));
  g_assert_false (gcm_item_kind_is_listed (GCM_ITEM_KIND_RISK));
  /* A learning path is followed from Home; it is sourced by the items its steps name. */
  g_assert_false (gcm_item_kind_is_listed (GCM_ITEM_KIND_PATH));
  g_assert_false (gcm_item_kind_needs_sources (GCM_ITEM_KIND_PATH));
}

static void
test_item_kind_fields (void)
{
  /* Every kind takes the common fields; a case's photos are a case's only. */
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    {
      g_assert_true (gcm_item_kind_has_field (kind, "id"));
      g_assert_true (gcm_item_kind_has_field (kind, "title"));
      g_assert_true (gcm_item_kind_has_field (kind, "codes"));
      g_assert_false (gcm_item_kind_has_field (kind, "kind"));
      g_assert_false (gcm_item_kind_has_field (kind, NULL));
      g_assert_nonnull (gcm_item_kind_get_fields (kind));
      /* Only fields a source may carry are indexed. */
      for (const char * const *f = gcm_item_kind_get_indexed_fields (kind); *f != NULL; f++)
        g_assert_true (gcm_item_kind_has_field (kind, *f));
    }
  g_assert_true (g_strv_contains (gcm_item_kind_get_common_fields (), "sources"));
  g_assert_true (gcm_item_kind_has_field (GCM_ITEM_KIND_CASE, "photos"));
  g_assert_false (gcm_item_kind_has_field (GCM_ITEM_KIND_SECTION, "photos"));
  g_assert_false (gcm_item_kind_has_field (GCM_ITEM_KIND_QUIZ, "steps"));
  g_assert_true (gcm_item_kind_has_field (GCM_ITEM_KIND_PROCEDURE, "steps"));
  g_assert_true (gcm_item_kind_has_field (GCM_ITEM_KIND_QUIZ, "questions"));
  g_assert_cmpuint (g_strv_length ((char **) gcm_item_kind_get_fields (GCM_ITEM_KIND_SECTION)),
                    ==, 0);

  /* What search finds in a case besides its text; never a quiz's answers. */
  g_assert_true (g_strv_contains (gcm_item_kind_get_indexed_fields (GCM_ITEM_KIND_CASE),
                                  "commodity"));
  g_assert_false (g_strv_contains (gcm_item_kind_get_indexed_fields (GCM_ITEM_KIND_CASE),
                                   "photos"));
  g_assert_true (g_strv_contains (gcm_item_kind_get_indexed_fields (GCM_ITEM_KIND_PROCEDURE),
                                  "hazards"));
  g_assert_cmpuint (g_strv_length ((char **) gcm_item_kind_get_indexed_fields (GCM_ITEM_KIND_QUIZ)),
                    ==, 0);
}

static void
test_code_families (void)
{
  const char *names[] = { "hs", "un", "cas" };
  const char * const *fields = gcm_code_family_get_fields ();
  guint f = 0;

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, GCM_CODE_FAMILY_COUNT);
  for (GcmCodeFamily family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    {
      GcmCodeFamily parsed = GCM_CODE_FAMILY_COUNT;
      g_autofree char *upper = g_ascii_strup (names[family], -1);

      g_assert_cmpstr (gcm_code_family_to_string (family), ==, names[family]);
      g_assert_true (gcm_code_family_from_string (names[family], -1, &parsed));
      g_assert_cmpint (parsed, ==, family);
      /* Typed filters ignore case: `HS:2903`. */
      g_assert_true (gcm_code_family_from_string (upper, -1, NULL));
      /* The keys `codes:` may hold: each family, then its edition key. */
      g_assert_cmpstr (fields[f++], ==, names[family]);
      if (gcm_code_family_get_edition_field (family) != NULL)
        g_assert_cmpstr (fields[f++], ==, gcm_code_family_get_edition_field (family));
    }
  g_assert_null (fields[f]);
  g_assert_cmpstr (gcm_code_family_get_edition_field (GCM_CODE_FAMILY_HS), ==, "hs_edition");
  g_assert_null (gcm_code_family_get_edition_field (GCM_CODE_FAMILY_UN));
  g_assert_true (gcm_code_family_is_hierarchical (GCM_CODE_FAMILY_HS));
  g_assert_false (gcm_code_family_is_hierarchical (GCM_CODE_FAMILY_CAS));
  g_assert_true (gcm_code_family_from_string ("hs:2903", 2, NULL));
  g_assert_false (gcm_code_family_from_string ("hsx", -1, NULL));
  g_assert_false (gcm_code_family_from_string ("kind", -1, NULL));
  g_assert_false (gcm_code_family_from_string (NULL, -1, NULL));
}

/* tests/content/check-content.py keeps its own table of kinds; it must be the registry's. */
static void
test_content_check_kinds (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "content", "check-content.py",
                                                 NULL);
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  const char *table, *end, *at;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &script, NULL, &error));
  g_assert_no_error (error);
  table = strstr (script, "\nKINDS = (");
  g_assert_nonnull (table);
  end = strstr (table, "))\n");
  g_assert_nonnull (end);
  for (at = table; (at = strstr (at, "('")) != NULL && at < end; at++)
    n++;
  g_assert_cmpuint (n, ==, GCM_ITEM_KIND_COUNT);

  at = table;
  for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
    {
      g_autofree char *entry = g_strdup_printf ("('%s', '%s', '%s')",
                                                gcm_item_kind_to_string (kind),
                                                gcm_item_kind_get_source_folder (kind),
                                                gcm_item_kind_get_source_suffix (kind));

      at = strstr (at, entry);
      g_assert_nonnull (at);
      g_assert_true (at < end);
    }
}

static void
test_conventions (void)
{
  const char *names[] = { "basel", "rotterdam", "stockholm", "montreal", "cites", "general" };

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, GCM_CONVENTION_COUNT);
  for (GcmConvention c = 0; c < GCM_CONVENTION_COUNT; c++)
    {
      GcmConvention parsed = GCM_CONVENTION_COUNT;

      g_assert_cmpstr (gcm_convention_to_string (c), ==, names[c]);
      g_assert_true (gcm_convention_from_string (names[c], &parsed));
      g_assert_cmpint (parsed, ==, c);
      g_assert_nonnull (gcm_convention_get_short_label (c));
    }
  g_assert_cmpstr (gcm_convention_get_short_label (GCM_CONVENTION_CITES), ==, "CITES");
  g_assert_false (gcm_convention_from_string ("Basel", NULL));
  for (GcmConvention c = 0; c < GCM_CONVENTION_COUNT; c++)
    g_assert_cmpstr (gcm_convention_get_names ()[c], ==, names[c]);
  g_assert_null (gcm_convention_get_names ()[GCM_CONVENTION_COUNT]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/item-kind/names", test_item_kind_names);
  g_test_add_func ("/item-kind/labels", test_item_kind_labels);
  g_test_add_func ("/item-kind/sources", test_item_kind_sources);
  g_test_add_func ("/item-kind/fields", test_item_kind_fields);
  g_test_add_func ("/item-kind/code-families", test_code_families);
  g_test_add_func ("/item-kind/content-check", test_content_check_kinds);
  g_test_add_func ("/convention/names", test_conventions);

  return g_test_run ();
}
