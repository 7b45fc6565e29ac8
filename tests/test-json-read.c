/* test-json-read.c — typed reads of feed JSON: a member of the wrong type reads as absent
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-json-read.h"

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json_read_members (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser,
                                     "{\"title\": \"Used batteries\", \"order\": 3,"
                                     " \"photos\": [{\"file\": \"a.jpg\"}, \"b.jpg\", null],"
                                     " \"codes\": {\"hs\": [\"8548.10\"]}, \"empty\": null}");
  JsonArray *photos;
  JsonObject *codes;
  gint64 order = 0;

  g_assert_cmpstr (gcm_json_get_string (object, "title"), ==, "Used batteries");
  g_assert_true (gcm_json_get_int (object, "order", &order));
  g_assert_cmpint (order, ==, 3);
  photos = gcm_json_get_array (object, "photos");
  g_assert_nonnull (photos);
  g_assert_cmpuint (json_array_get_length (photos), ==, 3);
  codes = gcm_json_get_object (object, "codes");
  g_assert_nonnull (codes);
  g_assert_cmpstr (gcm_json_node_get_string (json_array_get_element (gcm_json_get_array (codes, "hs"), 0)),
                   ==, "8548.10");

  /* Each element of a list of objects: what is no object reads as absent. */
  g_assert_cmpstr (gcm_json_get_string (gcm_json_array_get_object (photos, 0), "file"), ==, "a.jpg");
  g_assert_null (gcm_json_array_get_object (photos, 1));
  g_assert_null (gcm_json_array_get_object (photos, 2));
}

static void
test_json_read_wrong_type (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser,
                                     "{\"title\": 7, \"order\": \"3\", \"photos\": {},"
                                     " \"codes\": [], \"empty\": null, \"ratio\": 0.5}");
  gint64 number = -1;

  /* Missing and mistyped members read as absent, without a warning. */
  g_assert_null (gcm_json_get_string (object, "missing"));
  g_assert_null (gcm_json_get_string (object, "title"));
  g_assert_null (gcm_json_get_string (object, "empty"));
  g_assert_null (gcm_json_get_string (object, "photos"));
  g_assert_null (gcm_json_get_array (object, "missing"));
  g_assert_null (gcm_json_get_array (object, "photos"));
  g_assert_null (gcm_json_get_array (object, "order"));
  g_assert_null (gcm_json_get_array (object, "empty"));
  g_assert_null (gcm_json_get_object (object, "missing"));
  g_assert_null (gcm_json_get_object (object, "codes"));
  g_assert_null (gcm_json_get_object (object, "title"));
  g_assert_null (gcm_json_get_object (object, "empty"));
  g_assert_null (gcm_json_node_get_string (NULL));
  /* A number in text, a fraction or nothing is no whole number, and leaves @value alone. */
  g_assert_false (gcm_json_get_int (object, "order", &number));
  g_assert_false (gcm_json_get_int (object, "ratio", &number));
  g_assert_false (gcm_json_get_int (object, "empty", &number));
  g_assert_false (gcm_json_get_int (object, "missing", &number));
  g_assert_cmpint (number, ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-read/members", test_json_read_members);
  g_test_add_func ("/json-read/wrong-type", test_json_read_wrong_type);

  return g_test_run ();
}
