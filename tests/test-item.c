/* test-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmItem and GcmItemSummary: what a page and a list row read from the feed's JSON, including
 * JSON a hostile or broken feed could send.
 */

#define G_LOG_DOMAIN "TestItem"

#include "gcm-decision-key.h"
#include "gcm-item.h"
#include "gcm-item-summary.h"
#include "gcm-locale.h"
#include "gcm-risk-rules.h"

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

/* An identification key and risk indicators with Korean translations, as the publisher nests
 * them: the key's second node has no translation, as a partial one would leave it. */
static const char key_json[] =
  "{\"id\": \"key/test\", \"kind\": \"key\", \"lang\": \"en\", \"title\": \"What did you find?\","
  " \"summary\": \"Two questions.\", \"start\": \"what\","
  " \"nodes\": [{\"id\": \"what\", \"question\": \"What is it?\", \"hint\": \"Look closely.\","
  "              \"options\": [{\"text\": \"Tusks\", \"next\": \"where\"},"
  "                           {\"text\": \"Nothing\", \"outcome\": \"nothing\", \"image\": \"a.svg\"}]},"
  "            {\"id\": \"where\", \"question\": \"Where was it?\","
  "              \"options\": [{\"text\": \"Hidden\", \"outcome\": \"hidden\"},"
  "                           {\"text\": \"Declared\", \"outcome\": \"nothing\"}]}],"
  " \"outcomes\": [{\"id\": \"hidden\", \"title\": \"Probably smuggled ivory\", \"summary\": \"Seize it.\","
  "                 \"urgency\": \"immediate\", \"procedure\": \"procedure/ivory\","
  "                 \"contact\": \"The CITES Management Authority\", \"read\": [\"manual/cites/ivory\"]},"
  "                {\"id\": \"nothing\", \"title\": \"Nothing found\", \"summary\": \"Release it.\","
  "                 \"urgency\": \"routine\"}],"
  " \"translations\": {\"ko\": {\"title\": \"무엇을 발견했는가?\", \"summary\": \"두 가지 질문.\","
  "   \"nodes\": [{\"id\": \"what\", \"question\": \"무엇인가?\", \"hint\": \"자세히 본다.\","
  "                \"options\": [{\"text\": \"엄니\"}, {\"text\": \"없음\"}]}],"
  "   \"outcomes\": [{\"id\": \"nothing\", \"title\": \"발견된 것 없음\", \"summary\": \"반출한다.\"},"
  "                  {\"id\": \"hidden\", \"title\": \"밀수 상아 가능성\", \"summary\": \"압수한다.\","
  "                   \"contact\": \"CITES 관리당국\"}],"
  "   \"stale\": false}}}";

static const char risk_json[] =
  "{\"id\": \"risk/test\", \"kind\": \"risk\", \"lang\": \"en\", \"title\": \"Risk indicators\","
  " \"summary\": \"Red flags.\","
  " \"rules\": [{\"id\": \"departure-differs\", \"title\": \"Departure differs\", \"why\": \"A hidden exporter.\","
  "              \"severity\": 3, \"items\": [\"case/busan\"],"
  "              \"when\": {\"field\": \"departure\", \"differs_from\": \"origin\"}},"
  "             {\"id\": \"waste-heading\", \"title\": \"A waste heading (8549)\", \"why\": \"Check the consent.\","
  "              \"severity\": 1, \"when\": {\"field\": \"hs\", \"prefix\": [\"8549\"]}}],"
  " \"translations\": {\"ko\": {\"title\": \"위험지표\", \"summary\": \"경고 신호.\","
  "   \"rules\": [{\"id\": \"departure-differs\", \"title\": \"출발국이 다름\", \"why\": \"숨은 수출국.\"},"
  "               {\"id\": \"waste-heading\", \"title\": \"폐기물 호(8549)\", \"why\": \"동의서를 확인한다.\"}],"
  "   \"stale\": true}}}";

static GcmDecisionKey *
localize_key (const char         *original,
              const char         *lang,
              GcmItemTranslation *translation)
{
  g_autofree char *json = gcm_item_localize_json (original, lang, translation);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GcmDecisionKey *key;

  g_assert_nonnull (json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  key = gcm_decision_key_new_from_json (json_node_get_object (json_parser_get_root (parser)), NULL,
                                        NULL, &error);
  g_assert_no_error (error);
  return key;
}

static GcmDecisionKey *
localized_key (const char         *lang,
               GcmItemTranslation *translation)
{
  return localize_key (key_json, lang, translation);
}

/* A key reads in Korean where it has the text and in English where it has not; where its
 * options lead, its pictures, urgencies and procedures are the original's. */
static void
test_localized_key (void)
{
  GcmItemTranslation translation;
  g_autoptr(GcmDecisionKey) ko = localized_key ("ko", &translation);
  g_autoptr(GcmDecisionKey) en = localized_key ("en", NULL);
  const GcmKeyNode *start = gcm_decision_key_get_start (ko);
  const GcmKeyNode *where = gcm_decision_key_get_node (ko, "where");
  const GcmKeyOutcome *hidden = gcm_decision_key_get_outcome (ko, "hidden");
  const GcmKeyOutcome *nothing = gcm_decision_key_get_outcome (ko, "nothing");

  g_assert_cmpint (translation, ==, GCM_ITEM_TRANSLATION_CURRENT);
  g_assert_cmpstr (gcm_decision_key_get_lang (ko), ==, "ko");
  g_assert_cmpstr (gcm_decision_key_get_lang (en), ==, "en");
  g_assert_cmpstr (start->id, ==, "what");
  g_assert_cmpstr (start->question, ==, "무엇인가?");
  g_assert_cmpstr (start->hint, ==, "자세히 본다.");
  g_assert_cmpuint (start->n_options, ==, 2);
  g_assert_cmpstr (start->options[0].text, ==, "엄니");
  g_assert_cmpstr (start->options[0].next, ==, "where");
  g_assert_cmpstr (start->options[1].text, ==, "없음");
  g_assert_cmpstr (start->options[1].outcome, ==, "nothing");
  g_assert_cmpstr (start->options[1].image, ==, "a.svg");
  /* Untranslated: the English. */
  g_assert_cmpstr (where->question, ==, "Where was it?");
  g_assert_null (where->hint);
  g_assert_cmpstr (where->options[0].text, ==, "Hidden");
  /* Outcomes by id, whatever the translation's order. */
  g_assert_cmpstr (hidden->title, ==, "밀수 상아 가능성");
  g_assert_cmpstr (hidden->summary, ==, "압수한다.");
  g_assert_cmpstr (hidden->contact, ==, "CITES 관리당국");
  g_assert_cmpint (hidden->urgency, ==, GCM_URGENCY_IMMEDIATE);
  g_assert_cmpstr (hidden->procedure, ==, "procedure/ivory");
  g_assert_cmpstr (hidden->read[0], ==, "manual/cites/ivory");
  g_assert_cmpstr (nothing->title, ==, "발견된 것 없음");
  g_assert_null (nothing->contact);

  g_assert_cmpstr (gcm_decision_key_get_start (en)->question, ==, "What is it?");
  g_assert_cmpstr (gcm_decision_key_get_outcome (en, "hidden")->title, ==, "Probably smuggled ivory");
}

/* A translation whose node has another number of options keeps that node's English options:
 * options have no ids, and a text must not land on an option it was not written for. */
static void
test_localized_key_options_differ (void)
{
  g_autoptr(GString) json = g_string_new (key_json);
  g_autoptr(GcmDecisionKey) key = NULL;
  const GcmKeyNode *start;

  g_assert_cmpuint (g_string_replace (json, "[{\"text\": \"엄니\"}, {\"text\": \"없음\"}]",
                                      "[{\"text\": \"엄니\"}]", 1), ==, 1);
  key = localize_key (json->str, "ko", NULL);
  start = gcm_decision_key_get_start (key);
  g_assert_cmpstr (start->question, ==, "무엇인가?");
  g_assert_cmpstr (start->options[0].text, ==, "Tusks");
  g_assert_cmpstr (start->options[1].text, ==, "Nothing");
}

/* Risk rules read in Korean, by id; what they match and how severe they are is the original's. */
static void
test_localized_risk (void)
{
  GcmItemTranslation translation;
  g_autofree char *json = gcm_item_localize_json (risk_json, "ko", &translation);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmRiskRules) rules = gcm_risk_rules_new ();
  g_autoptr(GHashTable) declaration = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  GcmRiskFlag *flag;

  g_assert_cmpint (translation, ==, GCM_ITEM_TRANSLATION_STALE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (gcm_risk_rules_add_from_json (rules, json_object_get_array_member (
                   json_node_get_object (json_parser_get_root (parser)), "rules"), &error));
  g_assert_no_error (error);
  g_hash_table_insert (declaration, "hs", "8549.10");
  g_hash_table_insert (declaration, "origin", "NG");
  g_hash_table_insert (declaration, "departure", "AE");
  flags = gcm_risk_rules_check (rules, declaration);
  g_assert_cmpuint (flags->len, ==, 2);
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpstr (flag->rule_id, ==, "departure-differs");
  g_assert_cmpstr (flag->title, ==, "출발국이 다름");
  g_assert_cmpstr (flag->why, ==, "숨은 수출국.");
  g_assert_cmpint (flag->severity, ==, 3);
  g_assert_cmpstr (flag->items[0], ==, "case/busan");
  flag = g_ptr_array_index (flags, 1);
  g_assert_cmpstr (flag->rule_id, ==, "waste-heading");
  g_assert_cmpstr (flag->title, ==, "폐기물 호(8549)");
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
  g_test_add_func ("/gcm/item/localized-key", test_localized_key);
  g_test_add_func ("/gcm/item/localized-key-options-differ", test_localized_key_options_differ);
  g_test_add_func ("/gcm/item/localized-risk", test_localized_risk);
  g_test_add_func ("/gcm/item/language-notice", test_language_notice);
  g_test_add_func ("/gcm/item/pick-language", test_pick_language);

  return g_test_run ();
}
