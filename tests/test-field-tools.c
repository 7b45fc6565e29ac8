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
#include "gcm-locale.h"
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

/* Whether @text has a Hangul syllable: read in Korean. */
static gboolean
has_hangul (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xAC00 && c <= 0xD7A3)
        return TRUE;
    }
  return FALSE;
}

/* A Korean translation of part of key/wildlife, as the publisher nests it: its first question,
 * that question's eight options and one outcome; the rest stays untranslated. */
#define WILDLIFE_KO \
  "{\"title\": \"야생생물: 무엇을 발견했는가?\", \"summary\": \"몇 가지 질문.\"," \
  " \"nodes\": [{\"id\": \"what-found\", \"question\": \"무엇을 발견했는가?\"," \
  "   \"options\": [{\"text\": \"살아 있는 동물\"}, {\"text\": \"상아\"}, {\"text\": \"뿔\"}," \
  "                 {\"text\": \"비늘\"}, {\"text\": \"가죽\"}, {\"text\": \"목재\"}," \
  "                 {\"text\": \"생식물\"}, {\"text\": \"위장 화물\"}]}]," \
  " \"outcomes\": [{\"id\": \"live-smuggled\", \"title\": \"밀수된 살아 있는 CITES 동물 가능성\"," \
  "   \"summary\": \"즉시 보호한다.\", \"contact\": \"CITES 관리당국\"}]," \
  " \"stale\": false}"

/* In Korean, the keys and the rules read in Korean where they have a translation, with the
 * English ids, options, outcomes and conditions; a key without one reads in English. */
static void
test_korean (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GcmFieldTools) keys = NULL;
  g_autoptr(GcmFieldTools) risk = NULL;
  g_autoptr(GcmFieldTools) english = NULL;
  g_autoptr(GcmKeyWalk) walk = NULL;
  g_autoptr(GcmKeyWalk) english_walk = NULL;
  g_autoptr(GcmKeyWalk) following = NULL;
  g_autoptr(GHashTable) busan = declaration ("hs", "8549.10", "origin", "NG", "departure", "AE",
                                             NULL);
  g_autoptr(GPtrArray) flags = NULL;
  const GcmFieldKey *wildlife, *gas;
  const GcmKeyNode *start;
  const GcmKeyOutcome *outcome;
  GcmRiskFlag *first;

  exec_sql (fixture, "UPDATE item SET json = json_set (json, '$.translations.ko', json ('"
                     WILDLIFE_KO "')) WHERE id = 'key/wildlife'");
  exec_sql (fixture, "UPDATE item SET json = json_remove (json, '$.translations')"
                     " WHERE id = 'key/gas-cylinders'");
  english = load (fixture, GCM_FIELD_TOOLS_KEYS);
  gcm_locale_set_content_language ("ko");
  keys = load (fixture, GCM_FIELD_TOOLS_KEYS);
  risk = load (fixture, GCM_FIELD_TOOLS_RISK);
  gcm_locale_set_content_language ("en");

  g_assert_cmpuint (keys->keys->len, ==, 3);
  wildlife = gcm_field_tools_find_key (keys, "key/wildlife");
  g_assert_cmpstr (wildlife->title, ==, "야생생물: 무엇을 발견했는가?");
  g_assert_cmpstr (gcm_decision_key_get_lang (wildlife->key), ==, "ko");
  start = gcm_decision_key_get_start (wildlife->key);
  g_assert_cmpstr (start->id, ==, "what-found");
  g_assert_cmpstr (start->question, ==, "무엇을 발견했는가?");
  g_assert_cmpuint (start->n_options, ==, 8);
  g_assert_cmpstr (start->options[0].text, ==, "살아 있는 동물");
  g_assert_cmpstr (start->options[0].next, ==, "live-how");
  g_assert_cmpstr (start->options[7].text, ==, "위장 화물");
  g_assert_cmpstr (start->options[7].outcome, ==, "cover-cargo");
  g_assert_nonnull (start->options[7].image);
  g_assert_nonnull (g_hash_table_lookup (wildlife->media_files, start->options[7].image));
  /* The hint it does not translate, and the next question, stay English. */
  g_assert_false (has_hangul (start->hint));
  walk = gcm_key_walk_new (wildlife->key);
  g_assert_true (gcm_key_walk_choose (walk, 0));
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "live-how");
  g_assert_false (has_hangul (gcm_key_walk_get_node (walk)->question));
  outcome = walk_first_options (walk);
  g_assert_cmpstr (outcome->id, ==, "live-smuggled");
  g_assert_cmpstr (outcome->title, ==, "밀수된 살아 있는 CITES 동물 가능성");
  g_assert_cmpstr (outcome->contact, ==, "CITES 관리당국");
  g_assert_cmpint (outcome->urgency, ==, GCM_URGENCY_IMMEDIATE);
  g_assert_cmpstr (outcome->procedure, ==, "procedure/live-cites-animals");
  /* The procedure it leads to, by the title of its Korean translation. */
  g_assert_true (has_hangul (gcm_field_tools_lookup_title (keys, outcome->procedure)));
  g_assert_false (has_hangul (gcm_field_tools_lookup_title (english, outcome->procedure)));

  /* Answers given in English, the language changed: the same place, in Korean. */
  english_walk = gcm_key_walk_new (gcm_field_tools_find_key (english, "key/wildlife")->key);
  walk_first_options (english_walk);
  following = gcm_key_walk_new_following (wildlife->key, english_walk);
  g_assert_cmpuint (gcm_key_walk_get_n_steps (following), ==, 2);
  g_assert_null (gcm_key_walk_get_node (following));
  g_assert_cmpstr (gcm_key_walk_get_outcome (following)->title, ==, "밀수된 살아 있는 CITES 동물 가능성");
  g_assert_cmpstr (gcm_key_walk_get_step (following, 0, NULL)->question, ==, "무엇을 발견했는가?");

  /* No translation: the English key. */
  gas = gcm_field_tools_find_key (keys, "key/gas-cylinders");
  g_assert_nonnull (gas);
  g_assert_false (has_hangul (gas->title));
  g_assert_false (has_hangul (gcm_decision_key_get_start (gas->key)->question));
  g_assert_cmpstr (gcm_decision_key_get_lang (gas->key), ==, "en");

  /* The bundled risk indicators in Korean: the same 24 rules and the same flags. */
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (risk->rules), ==, 24);
  flags = gcm_risk_rules_check (risk->rules, busan);
  first = g_ptr_array_index (flags, 0);
  g_assert_cmpstr (first->rule_id, ==, "waste-batteries-departure-differs");
  g_assert_cmpint (first->severity, ==, 3);
  g_assert_cmpstr (first->title, ==, "원산지가 아닌 국가를 출발국으로 신고한 폐배터리");
  g_assert_nonnull (strstr (first->why, "220,000"));
  g_assert_true (has_hangul (gcm_field_tools_lookup_title (risk, "case/2017-busan-used-batteries")));
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
  ADD ("korean", test_korean);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
