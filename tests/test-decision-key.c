/* test-decision-key.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-key-walk.h"

static const char valid_key[] =
  "{\"id\":\"key/test\",\"start\":\"what\","
  " \"nodes\":["
  "  {\"id\":\"what\",\"question\":\"What did you find?\",\"options\":["
  "    {\"text\":\"A live animal\",\"outcome\":\"live\"},"
  "    {\"text\":\"An animal part or product\",\"next\":\"part\"},"
  "    {\"text\":\"A gas cylinder\",\"next\":\"cylinder\"}]},"
  "  {\"id\":\"part\",\"question\":\"What is it made of?\",\"options\":["
  "    {\"text\":\"Ivory\",\"image\":\"illustrations/tusk.svg\",\"outcome\":\"ivory\"},"
  "    {\"text\":\"Scales\",\"outcome\":\"scales\"}]},"
  "  {\"id\":\"cylinder\",\"question\":\"What does the label say?\",\"options\":["
  "    {\"text\":\"R-22\",\"outcome\":\"ods\"},"
  "    {\"text\":\"Nothing readable\",\"outcome\":\"ods\"}]}],"
  " \"outcomes\":["
  "  {\"id\":\"live\",\"title\":\"A live CITES specimen\",\"summary\":\"Care comes first.\","
  "   \"urgency\":\"immediate\",\"procedure\":\"procedure/live-cites-animals\","
  "   \"contact\":\"CITES Management Authority\",\"read\":[\"manual/cites/live-animals\"]},"
  "  {\"id\":\"ivory\",\"title\":\"Probably ivory\",\"summary\":\"Seal and record.\","
  "   \"urgency\":\"soon\",\"procedure\":\"procedure/ivory-and-derivatives\"},"
  "  {\"id\":\"scales\",\"title\":\"Probably pangolin scales\",\"summary\":\"Seal and record.\","
  "   \"urgency\":\"soon\"},"
  "  {\"id\":\"ods\",\"title\":\"A suspected ODS cylinder\",\"summary\":\"Do not open it.\","
  "   \"urgency\":\"immediate\",\"procedure\":\"procedure/suspected-ods\"}]}";

static const char *installed[] = {
  "procedure/live-cites-animals", "procedure/ivory-and-derivatives", "procedure/suspected-ods",
  "manual/cites/live-animals", NULL,
};

static gboolean
item_exists (const char *id,
             gpointer    user_data)
{
  return g_strv_contains (installed, id);
}

static GcmDecisionKey *
load_key (const char *json,
          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return gcm_decision_key_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                         item_exists, NULL, error);
}

static void
test_walk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmDecisionKey) key = load_key (valid_key, &error);
  g_autoptr(GcmKeyWalk) walk = NULL;
  const GcmKeyOutcome *outcome;
  guint option;

  g_assert_no_error (error);
  g_assert_cmpuint (gcm_decision_key_get_n_nodes (key), ==, 3);
  g_assert_cmpuint (gcm_decision_key_get_n_outcomes (key), ==, 4);

  walk = gcm_key_walk_new (key);
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->question, ==, "What did you find?");
  g_assert_cmpuint (gcm_key_walk_get_node (walk)->n_options, ==, 3);
  g_assert_false (gcm_key_walk_back (walk));   /* nothing to undo yet */

  g_assert_true (gcm_key_walk_choose (walk, 1));
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "part");
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->options[0].image, ==, "illustrations/tusk.svg");
  g_assert_true (gcm_key_walk_choose (walk, 0));
  g_assert_null (gcm_key_walk_get_node (walk));
  outcome = gcm_key_walk_get_outcome (walk);
  g_assert_cmpstr (outcome->title, ==, "Probably ivory");
  g_assert_cmpint (outcome->urgency, ==, GCM_URGENCY_SOON);
  g_assert_cmpstr (outcome->procedure, ==, "procedure/ivory-and-derivatives");
  g_assert_false (gcm_key_walk_choose (walk, 0));   /* an outcome has no options */

  /* The breadcrumb: what was asked and what was answered. */
  g_assert_cmpuint (gcm_key_walk_get_n_steps (walk), ==, 2);
  g_assert_cmpstr (gcm_key_walk_get_step (walk, 0, &option)->id, ==, "what");
  g_assert_cmpuint (option, ==, 1);
  g_assert_cmpstr (gcm_key_walk_get_step (walk, 1, &option)->id, ==, "part");
  g_assert_cmpuint (option, ==, 0);

  /* Back to the question, then another answer. */
  g_assert_true (gcm_key_walk_back (walk));
  g_assert_null (gcm_key_walk_get_outcome (walk));
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "part");
  g_assert_true (gcm_key_walk_choose (walk, 1));
  g_assert_cmpstr (gcm_key_walk_get_outcome (walk)->id, ==, "scales");
  g_assert_null (gcm_key_walk_get_outcome (walk)->procedure);

  gcm_key_walk_restart (walk);
  g_assert_cmpuint (gcm_key_walk_get_n_steps (walk), ==, 0);
  g_assert_cmpstr (gcm_key_walk_get_node (walk)->id, ==, "what");
  g_assert_true (gcm_key_walk_choose (walk, 0));
  outcome = gcm_key_walk_get_outcome (walk);
  g_assert_cmpint (outcome->urgency, ==, GCM_URGENCY_IMMEDIATE);
  g_assert_cmpstr (outcome->contact, ==, "CITES Management Authority");
  g_assert_cmpstr (outcome->read[0], ==, "manual/cites/live-animals");
  g_assert_null (outcome->read[1]);
}

/* Each broken key is refused, and the message names where. */
static void
test_refusals (void)
{
  struct { const char *from, *to, *message; } cases[] = {
    { "\"start\":\"what\"", "\"start\":\"nowhere\"", "start: “start” must name the first node" },
    { "\"next\":\"part\"", "\"next\":\"parts\"", "node “what”: option 2 leads to the node “parts”, which does not exist" },
    { "\"outcome\":\"scales\"", "\"outcome\":\"scale\"", "node “part”: option 2 leads to the outcome “scale”, which does not exist" },
    { "{\"text\":\"Scales\",\"outcome\":\"scales\"}", "{\"text\":\"Scales\",\"outcome\":\"scales\",\"next\":\"what\"}",
      "node “part”: option 2 needs either “next” or “outcome”" },
    { "{\"text\":\"Scales\",\"outcome\":\"scales\"}", "{\"text\":\"Scales\",\"next\":\"what\"}",
      "node “what”: the key goes round in a circle back to this node" },
    { "{\"text\":\"An animal part or product\",\"next\":\"part\"},", "",
      "part: no path from the first question reaches this node" },
    { "{\"text\":\"Scales\",\"outcome\":\"scales\"}", "{\"text\":\"Scales\",\"outcome\":\"ivory\"}",
      "scales: no path from the first question reaches this outcome" },
    { ",    {\"text\":\"Nothing readable\",\"outcome\":\"ods\"}", "",
      "node “cylinder”: a question needs 2 to 8 options" },
    { "procedure/suspected-ods", "procedure/withdrawn", "outcome “ods”: its procedure “procedure/withdrawn” is not in the manual" },
    { "\"manual/cites/live-animals\"", "\"manual/cites/gone\"",
      "outcome “live”: it sends the reader to “manual/cites/gone”, which is not in the manual" },
    { "\"urgency\":\"soon\",\"procedure\":\"procedure/ivory", "\"urgency\":\"later\",\"procedure\":\"procedure/ivory",
      "outcome “ivory”: urgency must be immediate, soon or routine" },
    { "{\"id\":\"cylinder\"", "{\"id\":\"part\"", "node 3: two nodes have the id “part”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) json = g_string_new (valid_key);
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmDecisionKey) key = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpuint (g_string_replace (json, cases[i].from, cases[i].to, 1), ==, 1);
      key = load_key (json->str, &error);
      g_assert_null (key);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* A chain of 13 questions is one too many. */
static void
test_depth_limit (void)
{
  for (guint length = GCM_DECISION_KEY_MAX_DEPTH; length <= GCM_DECISION_KEY_MAX_DEPTH + 1; length++)
    {
      g_autoptr(GString) json = g_string_new ("{\"start\":\"n0\",\"nodes\":[");
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmDecisionKey) key = NULL;

      for (guint i = 0; i < length; i++)
        {
          g_string_append_printf (json, "%s{\"id\":\"n%u\",\"question\":\"Q%u\",\"options\":["
                                  "{\"text\":\"stop\",\"outcome\":\"end\"},", i ? "," : "", i, i);
          if (i + 1 < length)
            g_string_append_printf (json, "{\"text\":\"go on\",\"next\":\"n%u\"}]}", i + 1);
          else
            g_string_append (json, "{\"text\":\"stop too\",\"outcome\":\"end\"}]}");
        }
      g_string_append (json, "],\"outcomes\":[{\"id\":\"end\",\"title\":\"T\",\"summary\":\"S\","
                             "\"urgency\":\"routine\"}]}");
      key = load_key (json->str, &error);
      if (length <= GCM_DECISION_KEY_MAX_DEPTH)
        g_assert_no_error (error);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decision-key/walk", test_walk);
  g_test_add_func ("/decision-key/refusals", test_refusals);
  g_test_add_func ("/decision-key/depth-limit", test_depth_limit);
  return g_test_run ();
}
