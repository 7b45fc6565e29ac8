/* test-checklist.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A procedure's checklist on a real store with the fixture feed installed: ticks are kept per
 * procedure and step, "Reset" clears them, and an update that rewords a step unticks that step
 * and only that one.
 */

#define G_LOG_DOMAIN "TestChecklist"

#include <string.h>

#include "gcm-checklist.h"
#include "gcm-importer.h"
#include "gcm-test-utils.h"

#define PROCEDURE "procedure/ventilate-container"

typedef struct
{
  char      *dir;
  char      *source;
  char      *secret_key;
  GPtrArray *keys;
  GcmStore  *store;
} Fixture;

static void
publish_and_import (Fixture *fixture,
                    gint64   serial)
{
  g_autofree char *name = g_strdup_printf ("feed%" G_GINT64_FORMAT, serial);
  g_autofree char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gcm_test_publish_full (fixture->source, output, fixture->secret_key, serial,
                                          &standard_error), ==, 0);
  g_assert_true (gcm_importer_import_path (fixture->store, output, fixture->keys, NULL, NULL, NULL,
                                           NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *fixture_source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min",
                                                           NULL);
  g_autofree char *public_key = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("checklist");
  fixture->source = g_build_filename (fixture->dir, "source", NULL);
  gcm_test_copy_tree (fixture_source, fixture->source);
  gcm_test_make_keys (fixture->dir, &public_key, &fixture->secret_key);
  fixture->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_ptr_array_add (fixture->keys, gcm_minisign_key_new_from_file (public_key, &error));
  g_assert_no_error (error);

  data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  publish_and_import (fixture, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  while (G_OBJECT (fixture->store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GcmItem *
load_procedure (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GcmItem *item;

  gcm_store_load_item_async (fixture->store, PROCEDURE, NULL, result_cb, &result);
  item = gcm_store_load_item_finish (fixture->store, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  return item;
}

static const GcmItemStep *
find_step (GcmItem    *item,
           const char *id)
{
  GPtrArray *steps = gcm_item_get_steps (item);

  for (guint i = 0; i < steps->len; i++)
    {
      const GcmItemStep *step = g_ptr_array_index (steps, i);

      if (g_strcmp0 (step->id, id) == 0)
        return step;
    }
  g_assert_not_reached ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The ticked step ids, sorted and joined by spaces, as a user reads the list. */
static char *
ticked (Fixture *fixture,
        GcmItem *item)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  gcm_store_load_checklist_async (fixture->store, item, NULL, result_cb, &result);
  set = gcm_store_load_checklist_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
tick (Fixture    *fixture,
      GcmItem    *item,
      const char *step_id,
      gboolean    on)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  gcm_store_tick_step_async (fixture->store, gcm_item_get_id (item), find_step (item, step_id), on,
                             NULL, result_cb, &result);
  g_assert_true (gcm_store_write_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_ticks_kept (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GcmItem) item = load_procedure (fixture);
  g_autofree char *none = ticked (fixture, item);
  g_autofree char *one = NULL;
  g_autofree char *both = NULL;
  g_autofree char *again = NULL;
  g_autofree char *unticked = NULL;

  g_assert_cmpstr (none, ==, "");
  tick (fixture, item, "measure", TRUE);
  one = ticked (fixture, item);
  g_assert_cmpstr (one, ==, "measure");
  tick (fixture, item, "open", TRUE);
  tick (fixture, item, "open", TRUE);
  both = ticked (fixture, item);
  g_assert_cmpstr (both, ==, "measure open");

  /* On disk, keyed by procedure and step. */
  g_assert_cmpint (gcm_test_sql_int (gcm_store_get_user_path (fixture->store),
                                     "SELECT count(*) FROM checklist_tick"
                                     " WHERE procedure_id = '" PROCEDURE "' AND ticked"), ==, 2);

  tick (fixture, item, "open", FALSE);
  unticked = ticked (fixture, item);
  g_assert_cmpstr (unticked, ==, "measure");

  /* Another procedure's ticks are not this one's. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    GcmItemStep other = { (char *) "measure", (char *) "Other text.", NULL };

    gcm_store_tick_step_async (fixture->store, "procedure/other", &other, TRUE, NULL, result_cb,
                               &result);
    g_assert_true (gcm_store_write_finish (fixture->store, wait_for (&result), NULL));
  }
  again = ticked (fixture, item);
  g_assert_cmpstr (again, ==, "measure");
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GcmItem) item = load_procedure (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  tick (fixture, item, "measure", TRUE);
  tick (fixture, item, "open", TRUE);
  before = ticked (fixture, item);
  g_assert_cmpstr (before, ==, "measure open");

  gcm_store_reset_checklist_async (fixture->store, PROCEDURE, NULL, result_cb, &result);
  g_assert_true (gcm_store_write_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  after = ticked (fixture, item);
  g_assert_cmpstr (after, ==, "");
}

/* An update rewords the second step: its tick goes, the first step's stays. */
static void
test_changed_step_unticked (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GcmItem) item = load_procedure (fixture);
  g_autoptr(GcmItem) updated = NULL;
  g_autofree char *path = g_build_filename (fixture->source, "procedures", "ventilate-container.yaml",
                                            NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  tick (fixture, item, "measure", TRUE);
  tick (fixture, item, "open", TRUE);
  before = ticked (fixture, item);
  g_assert_cmpstr (before, ==, "measure open");

  gcm_test_edit_file (path, "Open both doors and wait.", "Open both doors and wait ten minutes.");
  publish_and_import (fixture, 2);
  updated = load_procedure (fixture);
  g_assert_cmpstr (find_step (updated, "open")->text, ==, "Open both doors and wait ten minutes.");
  after = ticked (fixture, updated);
  g_assert_cmpstr (after, ==, "measure");
}

static void
test_fingerprint (void)
{
  GcmItemStep a = { (char *) "s", (char *) "Open the door.", NULL };
  GcmItemStep b = { (char *) "s", (char *) "Open the door.", (char *) "Gas." };
  GcmItemStep c = { (char *) "s", (char *) "Open the door.Gas.", NULL };
  g_autofree char *fa = gcm_checklist_step_fingerprint (&a);
  g_autofree char *fb = gcm_checklist_step_fingerprint (&b);
  g_autofree char *fc = gcm_checklist_step_fingerprint (&c);

  g_assert_cmpuint (strlen (fa), ==, 64);
  g_assert_cmpstr (fa, !=, fb);
  g_assert_cmpstr (fb, !=, fc);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/gcm/checklist/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ticks-kept", test_ticks_kept);
  ADD ("reset", test_reset);
  ADD ("changed-step-unticked", test_changed_step_unticked);
#undef ADD
  g_test_add_func ("/gcm/checklist/fingerprint", test_fingerprint);

  return g_test_run ();
}
