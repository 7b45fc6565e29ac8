/* test-rows.c — the number keys that choose an option, as the views with choices read them
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-rows.h"

/* 1 to @n_keys choose the first to the last option, on the main row and the keypad alike;
 * 0 and the keys above @n_keys choose none. */
static void
test_choice_for_key_numbers (void)
{
  for (guint n_keys = 0; n_keys <= GCM_ROWS_MAX_CHOICE_KEYS; n_keys++)
    for (guint digit = 0; digit <= 9; digit++)
      {
        int expected = digit >= 1 && digit <= n_keys ? (int) digit - 1 : -1;

        g_assert_cmpint (gcm_rows_choice_for_key (GDK_KEY_0 + digit, n_keys), ==, expected);
        g_assert_cmpint (gcm_rows_choice_for_key (GDK_KEY_KP_0 + digit, n_keys), ==, expected);
      }
}

/* Keys that are no number choose nothing, however many options there are. */
static void
test_choice_for_key_others (void)
{
  const guint others[] = {
    GDK_KEY_exclam,     /* Shift+1 on most layouts */
    GDK_KEY_KP_End,     /* the keypad's 1 without Num Lock */
    GDK_KEY_onesuperior,
    GDK_KEY_a,
    GDK_KEY_Return,
    GDK_KEY_KP_Enter,
    GDK_KEY_space,
    GDK_KEY_F1,
    GDK_KEY_VoidSymbol,
    0,
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_cmpint (gcm_rows_choice_for_key (others[i], GCM_ROWS_MAX_CHOICE_KEYS), ==, -1);
}

/* There is no key for a tenth option: asking for one is a programmer's error. */
static void
test_choice_for_key_too_many (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpint (gcm_rows_choice_for_key (GDK_KEY_1, GCM_ROWS_MAX_CHOICE_KEYS + 1), ==, -1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*n_keys <= GCM_ROWS_MAX_CHOICE_KEYS*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/rows/choice-for-key/numbers", test_choice_for_key_numbers);
  g_test_add_func ("/gcm/rows/choice-for-key/others", test_choice_for_key_others);
  g_test_add_func ("/gcm/rows/choice-for-key/too-many", test_choice_for_key_too_many);
  return g_test_run ();
}
