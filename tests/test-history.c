/* test-history.c — the window's back and forward
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmHistory is pure, so every rule is checked here without a display: back and forward as in
 * a browser, a new place drops the forward steps, the same place again changes nothing, and a
 * search that follows a search replaces it.
 */

#include "gcm-history.h"
#include "gcm-route.h"

static void
push (GcmHistory *history,
      const char *text)
{
  g_autoptr(GcmRoute) route = gcm_route_parse (text);

  g_assert_nonnull (route);
  /* The history keeps its own reference: the caller's goes when this returns. */
  gcm_history_push (history, route);
}

static void
assert_current (GcmHistory *history,
                const char *text)
{
  GcmRoute *current = gcm_history_get_current (history);

  g_assert_nonnull (current);
  g_assert_cmpstr (gcm_route_to_string (current), ==, text);
}

static void
assert_route (GcmRoute   *route,
              const char *text)
{
  g_assert_nonnull (route);
  g_assert_cmpstr (gcm_route_to_string (route), ==, text);
}

/* What the window's Back and Forward buttons would show. */
static void
assert_steps (GcmHistory *history,
              gboolean    can_go_back,
              gboolean    can_go_forward)
{
  gboolean back = !can_go_back, forward = !can_go_forward;

  g_assert_cmpint (gcm_history_can_go_back (history), ==, can_go_back);
  g_assert_cmpint (gcm_history_can_go_forward (history), ==, can_go_forward);
  /* The properties the window binds say the same. */
  g_object_get (history, "can-go-back", &back, "can-go-forward", &forward, NULL);
  g_assert_cmpint (back, ==, can_go_back);
  g_assert_cmpint (forward, ==, can_go_forward);
}

typedef struct
{
  guint back;
  guint forward;
} Notifies;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Notifies   *notifies)
{
  if (g_str_equal (pspec->name, "can-go-back"))
    notifies->back++;
  else if (g_str_equal (pspec->name, "can-go-forward"))
    notifies->forward++;
  else
    g_assert_not_reached ();
}

static GcmHistory *
history_new (Notifies *notifies)
{
  GcmHistory *history = gcm_history_new ();

  g_signal_connect (history, "notify", G_CALLBACK (notify_cb), notifies);
  return history;
}

static void
assert_notifies (Notifies *notifies,
                 guint     back,
                 guint     forward)
{
  g_assert_cmpuint (notifies->back, ==, back);
  g_assert_cmpuint (notifies->forward, ==, forward);
}

static void
test_history_lifecycle (void)
{
  GcmHistory *history = gcm_history_new ();

  push (history, "chapter:basel");
  push (history, "item:manual/basel/scope");
  gcm_history_go_back (history);
  /* Current, back and forward each hold a place; all go with the history. */
  g_assert_finalize_object (history);
}

static void
test_history_empty (void)
{
  Notifies notifies = { 0 };
  g_autoptr(GcmHistory) history = history_new (&notifies);

  g_assert_null (gcm_history_get_current (history));
  assert_steps (history, FALSE, FALSE);
  g_assert_null (gcm_history_go_back (history));
  g_assert_null (gcm_history_go_forward (history));
  g_assert_null (gcm_history_get_current (history));

  /* The first place has nothing before it. */
  push (history, "chapter:basel");
  assert_current (history, "chapter:basel");
  assert_steps (history, FALSE, FALSE);
  g_assert_null (gcm_history_go_back (history));
  assert_current (history, "chapter:basel");
  assert_notifies (&notifies, 0, 0);
}

static void
test_history_back_and_forward (void)
{
  Notifies notifies = { 0 };
  g_autoptr(GcmHistory) history = history_new (&notifies);

  push (history, "chapter:basel");
  push (history, "item:manual/basel/scope");
  assert_steps (history, TRUE, FALSE);
  assert_notifies (&notifies, 1, 0);
  push (history, "item:manual/basel/annexes");
  assert_notifies (&notifies, 1, 0);   /* still able to go back: no notify */

  /* Each step returns the place it makes current. */
  assert_route (gcm_history_go_back (history), "item:manual/basel/scope");
  assert_current (history, "item:manual/basel/scope");
  assert_steps (history, TRUE, TRUE);
  assert_notifies (&notifies, 1, 1);

  assert_route (gcm_history_go_back (history), "chapter:basel");
  assert_steps (history, FALSE, TRUE);
  assert_notifies (&notifies, 2, 1);
  g_assert_null (gcm_history_go_back (history));
  assert_current (history, "chapter:basel");
  assert_notifies (&notifies, 2, 1);

  assert_route (gcm_history_go_forward (history), "item:manual/basel/scope");
  assert_steps (history, TRUE, TRUE);
  assert_route (gcm_history_go_forward (history), "item:manual/basel/annexes");
  assert_steps (history, TRUE, FALSE);
  assert_notifies (&notifies, 3, 2);
  g_assert_null (gcm_history_go_forward (history));
  assert_current (history, "item:manual/basel/annexes");
  assert_notifies (&notifies, 3, 2);

  /* Back and forward again walk the same places. */
  assert_route (gcm_history_go_back (history), "item:manual/basel/scope");
  assert_route (gcm_history_go_back (history), "chapter:basel");
  assert_route (gcm_history_go_forward (history), "item:manual/basel/scope");
}

static void
test_history_new_place_drops_forward (void)
{
  Notifies notifies = { 0 };
  g_autoptr(GcmHistory) history = history_new (&notifies);

  push (history, "chapter:basel");
  push (history, "item:manual/basel/scope");
  push (history, "item:manual/basel/annexes");
  gcm_history_go_back (history);
  gcm_history_go_back (history);
  assert_steps (history, FALSE, TRUE);
  notifies = (Notifies) { 0 };

  push (history, "kind:case");
  assert_steps (history, TRUE, FALSE);
  assert_notifies (&notifies, 1, 1);
  g_assert_null (gcm_history_go_forward (history));

  assert_route (gcm_history_go_back (history), "chapter:basel");
  assert_steps (history, FALSE, TRUE);
  assert_route (gcm_history_go_forward (history), "kind:case");
  g_assert_null (gcm_history_go_forward (history));
}

static void
test_history_same_place (void)
{
  Notifies notifies = { 0 };
  g_autoptr(GcmHistory) history = history_new (&notifies);
  g_autoptr(GcmRoute) scope = gcm_route_new_item ("manual/basel/scope");

  push (history, "item:manual/basel/scope");
  push (history, "item:manual/basel/scope");
  assert_steps (history, FALSE, FALSE);

  /* An equal route made another way is the same place too. */
  gcm_history_push (history, scope);
  assert_steps (history, FALSE, FALSE);
  assert_notifies (&notifies, 0, 0);

  /* Showing again the place gone back to keeps the way forward. */
  push (history, "chapter:basel");
  gcm_history_go_back (history);
  notifies = (Notifies) { 0 };
  push (history, "item:manual/basel/scope");
  assert_steps (history, FALSE, TRUE);
  assert_notifies (&notifies, 0, 0);
  assert_route (gcm_history_go_forward (history), "chapter:basel");
}

static void
test_history_search_refines (void)
{
  g_autoptr(GcmHistory) history = gcm_history_new ();

  /* Typing “ivo”, “ivor”, “ivory” is one search: Back leaves it in one step. */
  push (history, "chapter:cites");
  push (history, "search:ivo");
  push (history, "search:ivor");
  push (history, "search:ivory");
  assert_current (history, "search:ivory");
  push (history, "item:manual/cites/ivory");
  assert_route (gcm_history_go_back (history), "search:ivory");
  assert_route (gcm_history_go_back (history), "chapter:cites");
  assert_steps (history, FALSE, TRUE);
  /* Forward comes back to the search as it was last typed. */
  assert_route (gcm_history_go_forward (history), "search:ivory");
  assert_route (gcm_history_go_forward (history), "item:manual/cites/ivory");
}

static void
test_history_search_replaces_and_drops_forward (void)
{
  g_autoptr(GcmHistory) history = gcm_history_new ();

  /* Back from a result to its search, then typing more: the result is no longer ahead. */
  push (history, "chapter:cites");
  push (history, "search:ivory");
  push (history, "item:manual/cites/ivory");
  gcm_history_go_back (history);
  assert_steps (history, TRUE, TRUE);
  push (history, "search:ivory tusk");
  assert_current (history, "search:ivory tusk");
  assert_steps (history, TRUE, FALSE);
  assert_route (gcm_history_go_back (history), "chapter:cites");
  assert_steps (history, FALSE, TRUE);
}

static void
test_history_searches_apart (void)
{
  g_autoptr(GcmHistory) history = gcm_history_new ();

  /* Two searches with a page between them are two steps. */
  push (history, "search:ivory");
  push (history, "item:manual/cites/ivory");
  push (history, "search:mercury");
  assert_route (gcm_history_go_back (history), "item:manual/cites/ivory");
  assert_route (gcm_history_go_back (history), "search:ivory");
  g_assert_null (gcm_history_go_back (history));
}

static void
test_history_first_place_a_search (void)
{
  Notifies notifies = { 0 };
  g_autoptr(GcmHistory) history = history_new (&notifies);

  /* A search typed first and refined has nothing to go back to. */
  push (history, "search:mer");
  push (history, "search:mercury");
  assert_current (history, "search:mercury");
  assert_steps (history, FALSE, FALSE);
  assert_notifies (&notifies, 0, 0);

  /* Only a search after a search is replaced: the other places stay. */
  push (history, "bookmarks");
  push (history, "kind:quiz");
  assert_route (gcm_history_go_back (history), "bookmarks");
  assert_route (gcm_history_go_back (history), "search:mercury");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/history/lifecycle", test_history_lifecycle);
  g_test_add_func ("/gcm/history/empty", test_history_empty);
  g_test_add_func ("/gcm/history/back-and-forward", test_history_back_and_forward);
  g_test_add_func ("/gcm/history/new-place-drops-forward", test_history_new_place_drops_forward);
  g_test_add_func ("/gcm/history/same-place", test_history_same_place);
  g_test_add_func ("/gcm/history/search-refines", test_history_search_refines);
  g_test_add_func ("/gcm/history/search-replaces-and-drops-forward",
                   test_history_search_replaces_and_drops_forward);
  g_test_add_func ("/gcm/history/searches-apart", test_history_searches_apart);
  g_test_add_func ("/gcm/history/first-place-a-search", test_history_first_place_a_search);

  return g_test_run ();
}
