/* test-field-tools.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the field tools read from a real store with the bundled manual installed: the
 * identification keys ready to walk, their pictures on disk, the risk rules of every risk item,
 * and the titles of the items they lead to — and that a damaged key or a withdrawn procedure
 * costs no more than itself.
 */

#define G_LOG_DOMAIN "TestFieldTools"

#include "gcm-field-tools.h"
#include "gcm-importer.h"
#include "gcm-key-walk.h"
#include "gcm-test-utils.h"

typedef struct
{
  char     *dir;
  GcmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = gcm_test_make_tmpdir ("field-tools");
  fixture->store = gcm_test_store_with_bundled_manual (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gcm_test_store_finalize (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (gcm_store_get_content_db (fixture->store), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static GcmFieldTools *
load (Fixture            *fixture,
      GcmFieldToolsFlags  what)
{
  g_autoptr(GError) error = NULL;
  GcmFieldTools *tools = gcm_field_tools_load (fixture->store, what, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tools);
  return tools;
}

/* Walks @key taking the first option at every question, and returns the outcome reached. */
static const GcmKeyOutcome *
walk_first_options (GcmKeyWalk *walk)
{
  while (gcm_key_walk_get_node (walk) != NULL)
    g_assert_true (gcm_key_walk_choose (walk, 0));
  return gcm_key_walk_get_outcome (walk);
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GcmFieldTools) tools = load (fixture, GCM_FIELD_TOOLS_KEYS);
  const GcmFieldKey *gas, *wildlife;
  const GcmKeyOutcome *outcome;
  guint n_pictures = 0;

  /* The three bundled keys, in the order of their titles, each with what its row shows. */
  g_assert_cmpuint (tools->keys->len, ==, 3);
  g_assert_cmpuint (tools->n_refused, ==, 0);
  for (guint i = 0; i < tools->keys->len; i++)
    {
      GcmFieldKey *key = g_ptr_array_index (tools->keys, i);

      g_assert_true (g_str_has_prefix (key->id, "key/"));
      g_assert_cmpstr (key->title, !=, "");
      g_assert_cmpstr (key->summary, !=, "");
      g_assert_nonnull (gcm_decision_key_get_start (key->key));
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (((GcmFieldKey *) g_ptr_array_index (tools->keys, i - 1))->title,
                                         key->title), <=, 0);
    }
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (tools->rules), ==, 0);

  wildlife = gcm_field_tools_find_key (tools, "key/wildlife");
  g_assert_nonnull (wildlife);
  g_assert_null (gcm_field_tools_find_key (tools, "key/none"));

  /* Every picture an option shows is a file in objects/. */
  gas = gcm_field_tools_find_key (tools, "key/gas-cylinders");
  g_assert_nonnull (gas);
  {
    const GcmKeyNode *start = gcm_decision_key_get_start (gas->key);

    for (guint i = 0; i < start->n_options; i++)
      {
        const char *file;

        if (start->options[i].image == NULL)
          continue;
        file = g_hash_table_lookup (gas->media_files, start->options[i].image);
        g_assert_nonnull (file);
        g_assert_true (g_str_has_prefix (file, gcm_store_get_objects_path (fixture->store)));
        g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
        n_pictures++;
      }
  }
  g_assert_cmpuint (n_pictures, >, 0);

  /* The outcome's procedure and further reading have their titles. */
  {
    g_autoptr(GcmKeyWalk) walk = gcm_key_walk_new (wildlife->key);

    outcome = walk_first_options (walk);
    g_assert_nonnull (outcome);
    g_assert_nonnull (outcome->procedure);
    g_assert_cmpstr (gcm_field_tools_lookup_title (tools, outcome->procedure), !=, NULL);
    for (guint i = 0; outcome->read != NULL && outcome->read[i] != NULL; i++)
      g_assert_nonnull (gcm_field_tools_lookup_title (tools, outcome->read[i]));
  }
  g_assert_null (gcm_field_tools_lookup_title (tools, "manual/none"));
}

static GHashTable *
declaration (const char *first_field,
             ...)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    g_hash_table_insert (fields, g_strdup (field), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return fields;
}

static void
test_risk (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GcmFieldTools) tools = load (fixture, GCM_FIELD_TOOLS_RISK);
  g_autoptr(GHashTable) busan = declaration ("hs", "8549.10", "origin", "NG", "departure", "AE",
                                             NULL);
  g_autoptr(GPtrArray) flags = NULL;
  GcmRiskFlag *first;

  g_assert_cmpuint (tools->keys->len, ==, 0);
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (tools->rules), ==, 24);

  /* The Busan used-battery declaration raises the departure flag first, and its case is named. */
  flags = gcm_risk_rules_check (tools->rules, busan);
  g_assert_cmpuint (flags->len, >, 0);
  first = g_ptr_array_index (flags, 0);
  g_assert_cmpstr (first->rule_id, ==, "waste-batteries-departure-differs");
  g_assert_cmpint (first->severity, ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) first->items,
                                  "case/2017-busan-used-batteries"));
  for (guint i = 0; first->items[i] != NULL; i++)
    g_assert_nonnull (gcm_field_tools_lookup_title (tools, first->items[i]));
}

/* A key that no longer walks is left out and counted; the others still load. An item withdrawn
 * since the key was published loses its title, not the key. */
static void
test_damage (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GcmFieldTools) before = load (fixture, GCM_FIELD_TOOLS_KEYS | GCM_FIELD_TOOLS_RISK);
  g_autoptr(GcmFieldTools) after = NULL;
  g_autoptr(GcmKeyWalk) walk = NULL;
  const GcmFieldKey *wildlife = gcm_field_tools_find_key (before, "key/wildlife");
  g_autofree char *delete = NULL;
  const GcmKeyOutcome *outcome;

  walk = gcm_key_walk_new (wildlife->key);
  outcome = walk_first_options (walk);
  delete = g_strdup_printf ("DELETE FROM item WHERE id = '%s'", outcome->procedure);
  exec_sql (fixture, delete);
  exec_sql (fixture, "UPDATE item SET json = '{\"start\": \"nowhere\"}' WHERE id = 'key/gas-cylinders'");
  exec_sql (fixture, "UPDATE item SET json = 'not json' WHERE id = 'risk/indicators'");

  after = load (fixture, GCM_FIELD_TOOLS_KEYS | GCM_FIELD_TOOLS_RISK);
  g_assert_cmpuint (after->n_refused, ==, 2);
  g_assert_cmpuint (after->keys->len, ==, 2);
  g_assert_null (gcm_field_tools_find_key (after, "key/gas-cylinders"));
  g_assert_nonnull (gcm_field_tools_find_key (after, "key/wildlife"));
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (after->rules), ==, 0);
  g_assert_nonnull (gcm_field_tools_lookup_title (before, outcome->procedure));
  g_assert_null (gcm_field_tools_lookup_title (after, outcome->procedure));
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* On the content worker, as the window reads them, the tools are the same. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GcmFieldTools) blocking = load (fixture, GCM_FIELD_TOOLS_KEYS | GCM_FIELD_TOOLS_RISK);
  g_autoptr(GcmFieldTools) tools = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  gcm_field_tools_load_async (fixture->store, GCM_FIELD_TOOLS_KEYS | GCM_FIELD_TOOLS_RISK, NULL,
                              store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tools = gcm_field_tools_load_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->keys->len, ==, blocking->keys->len);
  for (guint i = 0; i < tools->keys->len; i++)
    g_assert_cmpstr (((GcmFieldKey *) g_ptr_array_index (tools->keys, i))->id, ==,
                     ((GcmFieldKey *) g_ptr_array_index (blocking->keys, i))->id);
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (tools->rules), ==,
                    gcm_risk_rules_get_n_rules (blocking->rules));
  g_assert_cmpuint (g_hash_table_size (tools->titles), ==, g_hash_table_size (blocking->titles));
  g_clear_object (&result);
  g_clear_pointer (&tools, gcm_field_tools_free);

  /* A page left before its tools arrive gets them no more. */
  g_cancellable_cancel (cancelled);
  gcm_field_tools_load_async (fixture->store, GCM_FIELD_TOOLS_KEYS, cancelled, store_result_cb,
                              &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tools = gcm_field_tools_load_finish (fixture->store, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (tools);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/gcm/field-tools/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("keys", test_keys);
  ADD ("risk", test_risk);
  ADD ("damage", test_damage);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
