/* test-route.c — the window's places (back and forward are in test-history.c)
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-history.h"
#include "gcm-route.h"

static void
test_route_parse_round_trip (void)
{
  const char *texts[] = {
    "item:manual/basel/scope", "chapter:basel", "kind:case", "bookmarks", "search:used batteries",
    "whats-new",
  };
  GcmRouteType types[] = {
    GCM_ROUTE_ITEM, GCM_ROUTE_CHAPTER, GCM_ROUTE_KIND, GCM_ROUTE_BOOKMARKS, GCM_ROUTE_SEARCH,
    GCM_ROUTE_WHATS_NEW,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GcmRoute) route = gcm_route_parse (texts[i]);

      g_assert_nonnull (route);
      g_assert_cmpint (gcm_route_get_route_type (route), ==, types[i]);
      g_assert_cmpstr (gcm_route_to_string (route), ==, texts[i]);
    }
}

static void
test_route_parse_refuses (void)
{
  /* A link in the content or a saved page that names no place opens nothing. */
  const char *texts[] = {
    "", "item:", "item:../etc/passwd", "item:Upper", "kind:unicorn", "kind:", "search:",
    "chapter:a b", "https://basel.int/", "bookmarks:x", "mailto:hq@example.org",
    "whats-new:", "whats-new:x", "whats_new",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GcmRoute) route = gcm_route_parse (texts[i]);

      if (route != NULL)
        g_error ("“%s” was taken for %s", texts[i], gcm_route_to_string (route));
    }
  g_assert_null (gcm_route_parse (NULL));
}

static void
test_route_parts (void)
{
  g_autoptr(GcmRoute) kind = gcm_route_new_kind (GCM_ITEM_KIND_QUIZ);
  g_autoptr(GcmRoute) item = gcm_route_new_item ("case/2013-hong-kong-ivory-wooden-planks");
  g_autoptr(GcmRoute) same = gcm_route_parse ("item:case/2013-hong-kong-ivory-wooden-planks");
  g_autoptr(GcmRoute) search = gcm_route_new_search ("ivory");

  g_assert_cmpstr (gcm_route_to_string (kind), ==, "kind:quiz");
  g_assert_cmpint (gcm_route_get_kind (kind), ==, GCM_ITEM_KIND_QUIZ);
  g_assert_true (gcm_route_is_list (kind));
  g_assert_false (gcm_route_is_list (item));
  g_assert_false (gcm_route_is_list (search));
  g_assert_cmpstr (gcm_route_get_argument (item), ==, "case/2013-hong-kong-ivory-wooden-planks");
  g_assert_true (gcm_route_equal (item, same));
  g_assert_false (gcm_route_equal (item, kind));
  g_assert_false (gcm_route_equal (item, NULL));
  g_assert_true (gcm_route_equal (NULL, NULL));
}

/* What's new, as a place in the history */

static GcmRoute *
route (const char *text)
{
  GcmRoute *parsed = gcm_route_parse (text);

  g_assert_nonnull (parsed);
  return parsed;
}

static void
push (GcmHistory *history,
      const char *text)
{
  g_autoptr(GcmRoute) parsed = route (text);

  gcm_history_push (history, parsed);
}

static void
assert_current (GcmHistory *history,
                const char *text)
{
  GcmRoute *current = gcm_history_get_current (history);

  g_assert_nonnull (current);
  g_assert_cmpstr (gcm_route_to_string (current), ==, text);
}

/* What's new is a page of its own: back returns to it, and it is not a list the store reads. */
static void
test_route_whats_new (void)
{
  g_autoptr(GcmHistory) history = gcm_history_new ();
  g_autoptr(GcmRoute) whats_new = gcm_route_new_whats_new ();
  g_autoptr(GcmRoute) saved = gcm_route_parse (gcm_route_to_string (whats_new));

  g_assert_true (gcm_route_equal (whats_new, saved));
  g_assert_false (gcm_route_is_list (whats_new));
  g_assert_null (gcm_route_get_argument (whats_new));

  push (history, "chapter:basel");
  push (history, "whats-new");
  push (history, "item:case/2013-hong-kong-ivory-wooden-planks");
  gcm_history_go_back (history);
  assert_current (history, "whats-new");
  gcm_history_go_back (history);
  assert_current (history, "chapter:basel");
  gcm_history_go_forward (history);
  assert_current (history, "whats-new");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/route/parse-round-trip", test_route_parse_round_trip);
  g_test_add_func ("/route/parse-refuses", test_route_parse_refuses);
  g_test_add_func ("/route/parts", test_route_parts);
  g_test_add_func ("/route/whats-new", test_route_whats_new);

  return g_test_run ();
}
