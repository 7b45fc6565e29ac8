/* test-risk-rules.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-risk-rules.h"

static const char rules_json[] =
  "["
  " {\"id\":\"waste-departure\",\"title\":\"Waste shipped from a country that is not its origin\","
  "  \"why\":\"A false departure country can dodge the export authorisation.\",\"severity\":3,"
  "  \"items\":[\"manual/basel/used-batteries\",\"case/2017-busan-used-batteries\"],"
  "  \"when\":{\"all\":[{\"field\":\"hs\",\"prefix\":[\"8549.1\",\"8548.10\"]},"
  "                    {\"field\":\"departure\",\"differs_from\":\"origin\"}]}},"
  " {\"id\":\"ewaste-hs\",\"title\":\"Used electronics\",\"why\":\"E-waste hides as second-hand goods.\","
  "  \"severity\":2,\"items\":[\"manual/basel/e-waste\"],"
  "  \"when\":{\"any\":[{\"field\":\"hs\",\"prefix\":[\"8549.2\",\"8549.3\",\"8549.9\"]},"
  "                    {\"all\":[{\"field\":\"hs\",\"prefix\":[\"8471\",\"8528\"]},"
  "                             {\"field\":\"description\",\"contains\":[\"used\",\"second-hand\"]}]}]}},"
  " {\"id\":\"cheap-refrigerant\",\"title\":\"Refrigerant priced far below the market\","
  "  \"why\":\"Smuggled ODS undercut legal gas.\",\"severity\":2,"
  "  \"when\":{\"all\":[{\"field\":\"hs\",\"prefix\":[\"2903\"]},"
  "                    {\"per\":[\"value\",\"weight\"],\"below\":2}]}},"
  " {\"id\":\"air-passenger\",\"title\":\"Carried by a passenger\",\"why\":\"Couriers carry ivory.\","
  "  \"severity\":1,\"when\":{\"all\":[{\"field\":\"mode\",\"in\":[\"air\"]},"
  "                                  {\"not\":{\"field\":\"destination\",\"in\":[\"KR\"]}}]}}"
  "]";

static GcmRiskRules *
load_rules (const char *json,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmRiskRules) rules = gcm_risk_rules_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  if (!gcm_risk_rules_add_from_json (rules, json_node_get_array (json_parser_get_root (parser)), error))
    return NULL;
  return g_steal_pointer (&rules);
}

/* "hs=8549.11,origin=NG" as a declaration. */
static GHashTable *
declaration (const char *text)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      g_hash_table_insert (table, g_strdup (kv[0]), g_strdup (kv[1] ? kv[1] : ""));
    }
  return table;
}

static char *
flag_ids (GcmRiskRules *rules,
          const char   *text)
{
  g_autoptr(GHashTable) decl = declaration (text);
  g_autoptr(GPtrArray) flags = gcm_risk_rules_check (rules, decl);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < flags->len; i++)
    {
      GcmRiskFlag *flag = g_ptr_array_index (flags, i);
      g_string_append_printf (ids, "%s%s", i ? " " : "", flag->rule_id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_declarations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmRiskRules) rules = load_rules (rules_json, &error);
  struct { const char *declaration, *flags; } table[] = {
    /* The 2017 Busan case: used batteries from Africa declared as departing from the UAE. */
    { "hs=8549.10,description=used batteries,origin=NG,departure=AE,destination=KR", "waste-departure" },
    { "hs=854910,origin=ng,departure=NG", "" },                          /* same country */
    { "hs=8549 10,origin=NG,departure= AE ", "waste-departure" },          /* spaces */
    { "hs=8549.10,departure=AE", "" },                                   /* origin unknown */
    { "hs=8549.21", "ewaste-hs" },
    { "hs=8471.30,description=Used laptops", "ewaste-hs" },
    { "hs=8471.30,description=new laptops", "" },
    { "hs=2903.71,value=900,weight=1000", "cheap-refrigerant" },
    { "hs=2903.71,value=9000,weight=1000", "" },
    { "hs=2903.71,value=900,weight=0", "" },                            /* no weight: no ratio */
    { "hs=2903.71,value=abc,weight=10", "" },
    { "mode=Air,destination=HK", "air-passenger" },
    { "mode=air,destination=KR", "" },
    /* Highest severity first. */
    { "hs=8549.10,origin=NG,departure=AE,mode=air,destination=HK", "waste-departure air-passenger" },
    { "", "" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (gcm_risk_rules_get_n_rules (rules), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *ids = flag_ids (rules, table[i].declaration);
      g_test_message ("%s → %s", table[i].declaration, ids);
      g_assert_cmpstr (ids, ==, table[i].flags);
    }
}

static void
test_flag_contents (void)
{
  g_autoptr(GcmRiskRules) rules = load_rules (rules_json, NULL);
  g_autoptr(GHashTable) decl = declaration ("hs=8549.10,origin=NG,departure=AE");
  g_autoptr(GPtrArray) flags = gcm_risk_rules_check (rules, decl);
  GcmRiskFlag *flag;

  g_assert_cmpuint (flags->len, ==, 1);
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpstr (flag->title, ==, "Waste shipped from a country that is not its origin");
  g_assert_cmpstr (flag->why, ==, "A false departure country can dodge the export authorisation.");
  g_assert_cmpstr (flag->items[1], ==, "case/2017-busan-used-batteries");
  g_assert_cmpint (flag->severity, ==, 3);
  g_assert_nonnull (strstr (flag->reason, "departure “AE” differs from origin “NG”"));
  /* The caller's declaration is left as it was. */
  g_assert_cmpstr (g_hash_table_lookup (decl, "hs"), ==, "8549.10");
}

static void
test_invalid_rules (void)
{
  const char *bad[] = {
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"field\":\"colour\",\"in\":[\"red\"]}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"field\":\"hs\",\"near\":[\"1\"]}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"field\":\"hs\",\"prefix\":[]}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"all\":[]}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"per\":[\"value\"],\"below\":1}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"per\":[\"value\",\"weight\"],\"below\":\"x\"}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"when\":{\"field\":\"hs\",\"prefix\":[\"1\"]}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"field\":\"origin\",\"differs_from\":\"planet\"}}]",
    "[{\"id\":\"a\",\"title\":\"T\",\"why\":\"W\",\"when\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":"
    "{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"field\":\"hs\",\"prefix\":[\"1\"]}}}}}}}}}}}}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmRiskRules) rules = load_rules (bad[i], &error);

      g_assert_null (rules);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/risk-rules/declarations", test_declarations);
  g_test_add_func ("/risk-rules/flag-contents", test_flag_contents);
  g_test_add_func ("/risk-rules/invalid-rules", test_invalid_rules);
  return g_test_run ();
}
