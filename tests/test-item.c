/* test-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmItem and GcmItemSummary: what a page and a list row read from the feed's JSON, including
 * JSON a hostile or broken feed could send.
 */

#define G_LOG_DOMAIN "TestItem"

#include "gcm-item.h"
#include "gcm-item-summary.h"

static GcmItem *
item_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  GcmItem *item = gcm_item_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
test_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmItem) item =
    gcm_item_new_from_json ("{\"id\":\"manual/scope/intro\",\"kind\":\"section\","
                            "\"title\":\"Scope\",\"summary\":\"What it covers\","
                            "\"chapter\":\"scope\",\"order\":3,\"version\":7,\"lang\":\"en\","
                            "\"conventions\":[\"basel\",\"cites\"],\"keywords\":[\"waste\"],"
                            "\"body\":\"Hello ![x](media:a.png)\","
                            "\"media\":{\"a.png\":\"abc\"},"
                            "\"sources\":[{\"title\":\"Basel text\",\"url\":\"https://x\"}]}",
                            -1, "Scope of the manual", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gcm_item_get_id (item), ==, "manual/scope/intro");
  g_assert_cmpint (gcm_item_get_kind (item), ==, GCM_ITEM_KIND_SECTION);
  g_assert_cmpstr (gcm_item_get_title (item), ==, "Scope");
  g_assert_cmpstr (gcm_item_get_summary (item), ==, "What it covers");
  g_assert_cmpstr (gcm_item_get_chapter (item), ==, "scope");
  g_assert_cmpstr (gcm_item_get_chapter_title (item), ==, "Scope of the manual");
  g_assert_cmpint (gcm_item_get_order (item), ==, 3);
  g_assert_cmpint (gcm_item_get_version (item), ==, 7);
  g_assert_cmpstr (gcm_item_get_lang (item), ==, "en");
  g_assert_cmpstrv (gcm_item_get_conventions (item), ((const char *[]) { "basel", "cites", NULL }));
  g_assert_cmpstrv (gcm_item_get_keywords (item), ((const char *[]) { "waste", NULL }));
  g_assert_cmpstr (gcm_item_get_body (item), ==, "Hello ![x](media:a.png)");
  g_assert_cmpstr (gcm_item_lookup_media (item, "a.png"), ==, "abc");
  g_assert_null (gcm_item_lookup_media (item, "b.png"));
  g_assert_cmpuint (gcm_item_get_sources (item)->len, ==, 1);
  g_assert_cmpstr (((GcmItemSource *) g_ptr_array_index (gcm_item_get_sources (item), 0))->url,
                   ==, "https://x");
  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_case_procedure_quiz (void)
{
  g_autoptr(GcmItem) seizure =
    item_from ("{\"id\":\"case/2020-x\",\"kind\":\"case\",\"title\":\"Ivory\",\"date\":\"2020\","
               "\"place\":\"Port\",\"commodity\":\"Tusks\",\"quantity\":\"3\","
               "\"reported_at\":\"Workshop\",\"modus_operandi\":[\"Hidden in timber\"],"
               "\"risk_indicators\":[\"New shipper\"],"
               "\"photos\":[{\"file\":\"p.jpg\",\"caption\":\"Tusks\",\"credit\":\"HQ\"}]}");
  g_autoptr(GcmItem) procedure =
    item_from ("{\"id\":\"procedure/v\",\"kind\":\"procedure\",\"title\":\"Ventilate\","
               "\"applies_to\":[\"Containers\"],\"hazards\":[\"Gas\"],"
               "\"protective_equipment\":[\"Meter\"],"
               "\"steps\":[{\"id\":\"a\",\"text\":\"Open\",\"warning\":\"Stand back\"},"
               "{\"id\":\"b\",\"text\":\"Measure\"}]}");
  g_autoptr(GcmItem) quiz =
    item_from ("{\"id\":\"quiz/q\",\"kind\":\"quiz\",\"title\":\"Q\",\"questions\":["
               "{\"id\":\"1\",\"type\":\"single\",\"prompt\":\"Which?\",\"choices\":[\"A\",\"B\"]},"
               "{\"id\":\"2\",\"type\":\"truefalse\",\"prompt\":\"True?\"}]}");
  GcmItemPhoto *photo;
  GcmItemStep *step;
  GcmItemQuestion *question;

  g_assert_cmpint (gcm_item_get_kind (seizure), ==, GCM_ITEM_KIND_CASE);
  g_assert_cmpstr (gcm_item_get_date (seizure), ==, "2020");
  g_assert_cmpstr (gcm_item_get_place (seizure), ==, "Port");
  g_assert_cmpstr (gcm_item_get_commodity (seizure), ==, "Tusks");
  g_assert_cmpstr (gcm_item_get_quantity (seizure), ==, "3");
  g_assert_cmpstr (gcm_item_get_reported_at (seizure), ==, "Workshop");
  g_assert_cmpstrv (gcm_item_get_modus_operandi (seizure),
                    ((const char *[]) { "Hidden in timber", NULL }));
  g_assert_cmpstrv (gcm_item_get_risk_indicators (seizure), ((const char *[]) { "New shipper", NULL }));
  photo = g_ptr_array_index (gcm_item_get_photos (seizure), 0);
  g_assert_cmpstr (photo->file, ==, "p.jpg");
  g_assert_cmpstr (photo->credit, ==, "HQ");
  g_assert_null (photo->licence);

  g_assert_cmpint (gcm_item_get_kind (procedure), ==, GCM_ITEM_KIND_PROCEDURE);
  g_assert_cmpstrv (gcm_item_get_applies_to (procedure), ((const char *[]) { "Containers", NULL }));
  g_assert_cmpstrv (gcm_item_get_hazards (procedure), ((const char *[]) { "Gas", NULL }));
  g_assert_cmpstrv (gcm_item_get_protective_equipment (procedure),
                    ((const char *[]) { "Meter", NULL }));
  g_assert_cmpuint (gcm_item_get_steps (procedure)->len, ==, 2);
  step = g_ptr_array_index (gcm_item_get_steps (procedure), 0);
  g_assert_cmpstr (step->id, ==, "a");
  g_assert_cmpstr (step->warning, ==, "Stand back");
  step = g_ptr_array_index (gcm_item_get_steps (procedure), 1);
  g_assert_null (step->warning);

  g_assert_cmpint (gcm_item_get_kind (quiz), ==, GCM_ITEM_KIND_QUIZ);
  g_assert_cmpuint (gcm_item_get_questions (quiz)->len, ==, 2);
  question = g_ptr_array_index (gcm_item_get_questions (quiz), 0);
  g_assert_cmpstr (question->type, ==, "single");
  g_assert_cmpstrv (question->choices, ((const char *[]) { "A", "B", NULL }));
  question = g_ptr_array_index (gcm_item_get_questions (quiz), 1);
  g_assert_null (question->choices);
}

/* Members of the wrong type read as missing; lists are never NULL; elements keep their place. */
static void
test_wrong_types (void)
{
  g_autoptr(GcmItem) item =
    item_from ("{\"id\":5,\"kind\":\"comet\",\"title\":[1],\"order\":\"x\",\"keywords\":\"a\","
               "\"conventions\":[\"basel\",3,null],\"media\":[1],"
               "\"steps\":[7,{\"text\":\"Two\"}],\"photos\":{\"file\":\"x\"}}");
  GcmItemStep *step;

  g_assert_null (gcm_item_get_id (item));
  g_assert_cmpint (gcm_item_get_kind (item), ==, GCM_ITEM_KIND_SECTION);
  g_assert_cmpstr (gcm_item_get_title (item), ==, "");
  g_assert_cmpstr (gcm_item_get_summary (item), ==, "");
  g_assert_cmpint (gcm_item_get_order (item), ==, 0);
  g_assert_cmpstrv (gcm_item_get_keywords (item), ((const char *[]) { NULL }));
  g_assert_cmpstrv (gcm_item_get_conventions (item), ((const char *[]) { "basel", NULL }));
  g_assert_cmpstrv (gcm_item_get_hazards (item), ((const char *[]) { NULL }));
  g_assert_cmpuint (g_hash_table_size (gcm_item_get_media (item)), ==, 0);
  g_assert_cmpuint (gcm_item_get_photos (item)->len, ==, 0);
  g_assert_cmpuint (gcm_item_get_steps (item)->len, ==, 2);
  step = g_ptr_array_index (gcm_item_get_steps (item), 0);
  g_assert_null (step->text);
  step = g_ptr_array_index (gcm_item_get_steps (item), 1);
  g_assert_cmpstr (step->text, ==, "Two");
}

static void
test_not_an_object (void)
{
  const char *inputs[] = { "[1,2]", "\"text\"", "{\"id\":", "" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmItem) item = gcm_item_new_from_json (inputs[i], -1, NULL, &error);

      g_assert_null (item);
      g_assert_nonnull (error);
    }
}

static void
test_id_rules (void)
{
  g_assert_true (gcm_item_id_is_valid ("manual/01-scope"));
  g_assert_true (gcm_item_id_is_valid ("case/2020-ivory_tusks.v2"));
  g_assert_false (gcm_item_id_is_valid (NULL));
  g_assert_false (gcm_item_id_is_valid (""));
  g_assert_false (gcm_item_id_is_valid ("Manual/x"));
  g_assert_false (gcm_item_id_is_valid ("/abs"));
  g_assert_false (gcm_item_id_is_valid ("a/../b"));
  g_assert_false (gcm_item_id_is_valid ("a b"));
}

static void
test_summary (void)
{
  g_autoptr(GcmItemSummary) row = gcm_item_summary_new ("case/x", "case", "Ivory", NULL, TRUE, 42);
  g_autoptr(GcmItemSummary) withdrawn = gcm_item_summary_new ("manual/gone", NULL, "Gone", "s",
                                                              FALSE, 0);
  g_autofree char *title = NULL;
  GcmItemKind kind = GCM_ITEM_KIND_QUIZ;
  gboolean completed = FALSE;

  g_assert_cmpstr (gcm_item_summary_get_id (row), ==, "case/x");
  g_assert_cmpstr (gcm_item_summary_get_kind_name (row), ==, "case");
  g_assert_true (gcm_item_summary_get_kind (row, &kind));
  g_assert_cmpint (kind, ==, GCM_ITEM_KIND_CASE);
  g_assert_cmpstr (gcm_item_summary_get_summary (row), ==, "");
  g_assert_true (gcm_item_summary_get_completed (row));
  g_assert_cmpint (gcm_item_summary_get_created (row), ==, 42);
  g_object_get (row, "title", &title, "completed", &completed, NULL);
  g_assert_cmpstr (title, ==, "Ivory");
  g_assert_true (completed);

  g_assert_null (gcm_item_summary_get_kind_name (withdrawn));
  g_assert_false (gcm_item_summary_get_kind (withdrawn, &kind));
  g_assert_finalize_object (g_steal_pointer (&withdrawn));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/item/section", test_section);
  g_test_add_func ("/gcm/item/case-procedure-quiz", test_case_procedure_quiz);
  g_test_add_func ("/gcm/item/wrong-types", test_wrong_types);
  g_test_add_func ("/gcm/item/not-an-object", test_not_an_object);
  g_test_add_func ("/gcm/item/id-rules", test_id_rules);
  g_test_add_func ("/gcm/item/summary", test_summary);

  return g_test_run ();
}
