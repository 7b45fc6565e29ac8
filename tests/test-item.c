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
#include "gcm-locale.h"

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

/* A procedure and a quiz with a Korean translation, as the publisher nests it. */
static const char translated_json[] =
  "{\"id\": \"procedure/odss\", \"kind\": \"procedure\", \"lang\": \"en\", \"version\": 3,"
  " \"title\": \"Suspected ODS cylinders\", \"summary\": \"Check the label.\","
  " \"body\": \"## Scope\\n\\nRefrigerant.\\n\", \"hazards\": [\"Frostbite\", \"Pressure\"],"
  " \"steps\": [{\"id\": \"label\", \"text\": \"Read the label.\"},"
  "            {\"id\": \"valve\", \"text\": \"Close the valve.\", \"warning\": \"Gloves.\"}],"
  " \"translations\": {\"ko\": {\"title\": \"ODS 의심 실린더\", \"summary\": \"라벨을 확인한다.\","
  "   \"body\": \"## 범위\\n\\n냉매.\\n\", \"hazards\": [\"동상\", \"압력\"],"
  "   \"steps\": [{\"id\": \"label\", \"text\": \"라벨을 읽는다.\"},"
  "              {\"id\": \"valve\", \"text\": \"밸브를 잠근다.\", \"warning\": \"장갑.\"}],"
  "   \"stale\": false}}}";

static void
test_localized (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmItem) item = gcm_item_new_from_json (translated_json, -1, "Montreal", &error);
  g_autoptr(GcmItem) ko = NULL;
  g_autoptr(GcmItem) en = NULL;
  g_autoptr(GcmItem) fr = NULL;
  GPtrArray *steps;

  g_assert_no_error (error);
  ko = gcm_item_dup_localized (item, "ko", "몬트리올");
  g_assert_cmpstr (gcm_item_get_id (ko), ==, "procedure/odss");
  g_assert_cmpstr (gcm_item_get_title (ko), ==, "ODS 의심 실린더");
  g_assert_cmpstr (gcm_item_get_summary (ko), ==, "라벨을 확인한다.");
  g_assert_cmpstr (gcm_item_get_body (ko), ==, "## 범위\n\n냉매.\n");
  g_assert_cmpstr (gcm_item_get_hazards (ko)[1], ==, "압력");
  g_assert_cmpstr (gcm_item_get_chapter_title (ko), ==, "몬트리올");
  g_assert_cmpstr (gcm_item_get_shown_lang (ko), ==, "ko");
  g_assert_cmpstr (gcm_item_get_lang (ko), ==, "en");
  g_assert_cmpint (gcm_item_get_translation (ko), ==, GCM_ITEM_TRANSLATION_CURRENT);
  /* Ticks are keyed by step ids: the same in both languages. */
  steps = gcm_item_get_steps (ko);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpstr (((GcmItemStep *) steps->pdata[1])->id, ==, "valve");
  g_assert_cmpstr (((GcmItemStep *) steps->pdata[1])->text, ==, "밸브를 잠근다.");
  g_assert_cmpstr (((GcmItemStep *) steps->pdata[1])->warning, ==, "장갑.");
  g_assert_cmpint (gcm_item_get_version (ko), ==, 3);

  /* Back to English from the Korean copy: the original's text. */
  en = gcm_item_dup_localized (ko, "en", NULL);
  g_assert_cmpstr (gcm_item_get_title (en), ==, "Suspected ODS cylinders");
  g_assert_cmpstr (((GcmItemStep *) gcm_item_get_steps (en)->pdata[0])->text, ==, "Read the label.");
  g_assert_cmpint (gcm_item_get_translation (en), ==, GCM_ITEM_TRANSLATION_ORIGINAL);
  g_assert_cmpstr (gcm_item_get_chapter_title (en), ==, "몬트리올");

  /* No translation into French: the original, and said so. */
  fr = gcm_item_dup_localized (item, "fr", NULL);
  g_assert_cmpstr (gcm_item_get_title (fr), ==, "Suspected ODS cylinders");
  g_assert_cmpstr (gcm_item_get_shown_lang (fr), ==, "en");
  g_assert_cmpint (gcm_item_get_translation (fr), ==, GCM_ITEM_TRANSLATION_NONE);
  g_assert_true (gcm_item_has_translation (item, "ko"));
  g_assert_false (gcm_item_has_translation (item, "fr"));
}

/* What the page says: stale after the English changed, "not yet translated" without one. */
static void
test_language_notice (void)
{
  g_autoptr(GString) stale_json = g_string_new (translated_json);
  g_autoptr(GcmItem) item = gcm_item_new_from_json (translated_json, -1, NULL, NULL);
  g_autoptr(GcmItem) stale = NULL;
  g_autoptr(GcmItem) untranslated = gcm_item_new_from_json (
      "{\"id\": \"manual/x/y\", \"kind\": \"section\", \"lang\": \"en\", \"title\": \"Y\"}", -1, NULL, NULL);
  g_autoptr(GcmItem) ko = gcm_item_dup_localized (item, "ko", NULL);
  g_autoptr(GcmItem) en = gcm_item_dup_localized (item, "en", NULL);
  g_autoptr(GcmItem) stale_ko = NULL;
  g_autoptr(GcmItem) untranslated_ko = gcm_item_dup_localized (untranslated, "ko", NULL);

  g_string_replace (stale_json, "\"stale\": false", "\"stale\": true", 1);
  stale = gcm_item_new_from_json (stale_json->str, -1, NULL, NULL);
  stale_ko = gcm_item_dup_localized (stale, "ko", NULL);

  g_assert_cmpint (gcm_item_get_language_notice (ko, "ko"), ==, GCM_LANGUAGE_NOTICE_TRANSLATED);
  g_assert_cmpint (gcm_item_get_language_notice (stale_ko, "ko"), ==, GCM_LANGUAGE_NOTICE_STALE);
  g_assert_cmpstr (gcm_item_get_title (stale_ko), ==, "ODS 의심 실린더");   /* still shown */
  g_assert_cmpint (gcm_item_get_language_notice (untranslated_ko, "ko"), ==, GCM_LANGUAGE_NOTICE_UNTRANSLATED);
  g_assert_cmpint (gcm_item_get_language_notice (en, "ko"), ==, GCM_LANGUAGE_NOTICE_ORIGINAL_CHOSEN);
  g_assert_cmpint (gcm_item_get_language_notice (en, "en"), ==, GCM_LANGUAGE_NOTICE_NONE);
  g_assert_cmpint (gcm_item_get_language_notice (ko, "en"), ==, GCM_LANGUAGE_NOTICE_TRANSLATED);
  g_assert_cmpint (gcm_item_get_language_notice (untranslated, "en"), ==, GCM_LANGUAGE_NOTICE_NONE);
}

static void
test_pick_language (void)
{
  const char *korean[] = { "ko_KR.UTF-8", "ko_KR", "ko", "C", NULL };
  const char *german_then_korean[] = { "de_DE", "de", "ko", "C", NULL };
  const char *german[] = { "de_DE.UTF-8", "de", "C", NULL };
  const char *c[] = { "C", NULL };

  g_assert_cmpstr (gcm_locale_pick_content_language ("", korean), ==, "ko");
  g_assert_cmpstr (gcm_locale_pick_content_language (NULL, german_then_korean), ==, "ko");
  g_assert_cmpstr (gcm_locale_pick_content_language ("", german), ==, "en");
  g_assert_cmpstr (gcm_locale_pick_content_language ("", c), ==, "en");
  /* The setting wins over the system; an unknown one is ignored. */
  g_assert_cmpstr (gcm_locale_pick_content_language ("en", korean), ==, "en");
  g_assert_cmpstr (gcm_locale_pick_content_language ("ko", c), ==, "ko");
  g_assert_cmpstr (gcm_locale_pick_content_language ("xx", c), ==, "en");

  gcm_locale_set_content_language ("ko");
  g_assert_cmpstr (gcm_locale_get_content_language (), ==, "ko");
  gcm_locale_set_content_language ("en");
  g_assert_cmpstr (gcm_locale_get_content_language (), ==, "en");
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
  g_test_add_func ("/gcm/item/localized", test_localized);
  g_test_add_func ("/gcm/item/language-notice", test_language_notice);
  g_test_add_func ("/gcm/item/pick-language", test_pick_language);

  return g_test_run ();
}
