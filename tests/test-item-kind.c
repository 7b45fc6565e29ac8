/* test-item-kind.c — the registries of item kinds and agreements
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-convention.h"
#include "gcm-item-kind.h"

static void
test_item_kind_names (void)
{
  const char *names[] = { "section", "case", "procedure", "quiz" };

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
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/item-kind/names", test_item_kind_names);
  g_test_add_func ("/item-kind/labels", test_item_kind_labels);
  g_test_add_func ("/convention/names", test_conventions);

  return g_test_run ();
}
