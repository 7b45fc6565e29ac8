/* test-path-card.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Home's learning path card on real files: what it says of the next step as the learner reads
 * and passes quizzes, and Get Certificate once every step is done.
 */

#define G_LOG_DOMAIN "TestPathCard"

#include <adwaita.h>
#include <sqlite3.h>

#include "gcm-importer.h"
#include "gcm-path-card.h"
#include "gcm-test-utils-gtk.h"
#include "test-path-fixture.h"

typedef struct
{
  GcmPathCard *card;
  const char  *expected;
} Wait;

static gboolean
says_cb (gpointer user_data)
{
  Wait *wait = user_data;
  g_autofree char *title = gcm_path_card_dup_step_title (wait->card);

  return gtk_widget_get_visible (GTK_WIDGET (wait->card)) && g_strcmp0 (title, wait->expected) == 0;
}

static void
reload_and_expect (GcmPathCard *card,
                   const char  *expected)
{
  Wait wait = { card, expected };

  gcm_path_card_reload (card);
  gcm_test_wait_until (says_cb, &wait, expected);
}

static void
test_card (void)
{
  g_autofree char *dir = gcm_test_make_tmpdir ("path-card");
  g_autoptr(GcmStore) store = store_with_path (dir);
  GtkWidget *window, *card, *button;

  window = gtk_window_new ();
  card = gcm_path_card_new ();
  gcm_path_card_set_store (GCM_PATH_CARD (card), store);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));

  reload_and_expect (GCM_PATH_CARD (card), "Step 1 of 3: read First section");
  g_assert_nonnull (gcm_test_find_label (card, "Test path"));
  g_assert_nonnull (gcm_test_find_label (card, "Read the first section."));
  button = gcm_test_find_label (card, "Get Certificate");
  g_assert_true (button == NULL || !gcm_test_widget_is_shown (button));

  exec_user_sql (store, "INSERT INTO progress (item_id, title, position, completed, updated) VALUES"
                   " ('manual/alpha/first', '', 1, 1, 0), ('case/2020-test-seizure', '', 1, 1, 0);"
                   "INSERT INTO quiz_attempt (quiz_id, started, finished, score, total)"
                   " VALUES ('quiz/ivory', 1, 2, 1, 2);");
  reload_and_expect (GCM_PATH_CARD (card), "Step 3 of 3: pass Ivory quiz with 80 %");

  exec_user_sql (store, "INSERT INTO quiz_attempt (quiz_id, started, finished, score, total)"
                   " VALUES ('quiz/ivory', 3, 4, 2, 2);");
  reload_and_expect (GCM_PATH_CARD (card), "You have done every step of this path");
  button = gcm_test_find_label (card, "Get Certificate");
  g_assert_nonnull (button);
  g_assert_true (gcm_test_widget_is_shown (button));

  gtk_window_destroy (GTK_WINDOW (window));
  while (G_OBJECT (store)->ref_count > 1)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&store);
  gcm_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/path/card", test_card);
  return g_test_run ();
}
