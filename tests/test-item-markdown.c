/* test-item-markdown.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page of each item kind, composed as Markdown and read back through the same document model
 * the reader renders: what an officer sees is what is checked.
 */

#define G_LOG_DOMAIN "TestItemMarkdown"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gcm-document.h"
#include "gcm-item-markdown.h"

/* Helpers */

static GcmItem *
parse_item (const char *json)
{
  g_autoptr(GError) error = NULL;
  GcmItem *item = gcm_item_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static char *
compose (const char *json)
{
  g_autoptr(GcmItem) item = parse_item (json);
  char *markdown = gcm_item_markdown_compose (item);

  g_assert_nonnull (markdown);
  g_test_message ("%s", markdown);
  return markdown;
}

static GcmDocument *
render (const char *json)
{
  g_autofree char *markdown = compose (json);

  return gcm_document_new_from_markdown (markdown, -1);
}

/* The @n-th top-level block of @kind, or NULL. */
static GcmBlock *
find_block (GcmDocument  *doc,
            GcmBlockKind  kind,
            guint         n)
{
  GPtrArray *blocks = gcm_document_get_blocks (doc);

  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);
      if (block->kind == kind && n-- == 0)
        return block;
    }
  return NULL;
}

/* The block that follows the heading @title, which must exist. */
static GcmBlock *
after_heading (GcmDocument *doc,
               const char  *title)
{
  GPtrArray *blocks = gcm_document_get_blocks (doc);

  for (guint i = 0; i + 1 < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);
      if (block->kind == GCM_BLOCK_HEADING && g_strcmp0 (block->text, title) == 0)
        return g_ptr_array_index (blocks, i + 1);
    }
  g_error ("no heading “%s”", title);
  return NULL;
}

static GcmBlock *
child (GcmBlock *block,
       guint     index)
{
  g_assert_cmpuint (index, <, block->children->len);
  return g_ptr_array_index (block->children, index);
}

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static void
assert_list (GcmBlock           *list,
             GcmBlockKind        kind,
             const char * const *texts)
{
  g_assert_nonnull (list);
  g_assert_cmpint (list->kind, ==, kind);
  g_assert_cmpuint (list->children->len, ==, g_strv_length ((char **) texts));
  for (guint i = 0; texts[i] != NULL; i++)
    {
      GcmBlock *item = child (list, i);
      GcmBlock *paragraph = child (item, 0);
      g_autofree char *text = stripped (paragraph->text);

      g_assert_cmpint (item->kind, ==, GCM_BLOCK_LIST_ITEM);
      g_assert_cmpint (paragraph->kind, ==, GCM_BLOCK_PARAGRAPH);
      g_assert_cmpstr (text, ==, texts[i]);
    }
}

/* The value cell of the facts-table row labelled @label. */
static const char *
fact (GcmBlock   *table,
      const char *label)
{
  for (guint i = 0; i < table->children->len; i++)
    {
      GcmBlock *row = child (table, i);
      g_autofree char *name = NULL;

      if (row->children->len != 2)
        g_error ("a facts row has %u cells", row->children->len);
      name = stripped (child (row, 0)->text);
      if (g_str_equal (name, label))
        return child (row, 1)->text;
    }
  return NULL;
}

/* Cases */

static const char case_json[] =
  "{\"id\": \"case/2019-test\", \"kind\": \"case\", \"title\": \"Ivory behind planks\","
  " \"date\": \"2019-03\", \"place\": \"Busan port\", \"commodity\": \"Raw ivory\","
  " \"quantity\": \"3.2 tonnes\", \"reported_at\": \"2019 workshop\","
  " \"modus_operandi\": [\"Tusks hidden behind timber planks\", \"False declaration as timber\"],"
  " \"risk_indicators\": [\"Route via a transit hub\"],"
  " \"photos\": [{\"file\": \"cases/planks.svg\", \"caption\": \"Tusks behind the planks\","
  "   \"credit\": \"Test Customs\", \"licence\": \"CC-BY-4.0\"}],"
  " \"body\": \"## What happened\\n\\nThe container was scanned.\","
  " \"sources\": [{\"id\": \"S1\", \"title\": \"A report\", \"url\": \"https://example.org/r\"},"
  "   {\"id\": \"WS17\", \"title\": \"Workshop summary\"}]}";

static void
test_case (void)
{
  g_autoptr(GcmDocument) doc = render (case_json);
  GcmBlock *table = find_block (doc, GCM_BLOCK_TABLE, 0);
  GcmBlock *image = find_block (doc, GCM_BLOCK_IMAGE, 0);
  GPtrArray *images = gcm_document_get_images (doc);
  g_autofree char *quantity = NULL;
  const char * const modus[] = { "Tusks hidden behind timber planks", "False declaration as timber",
                                 NULL };
  const char * const risks[] = { "Route via a transit hub", NULL };
  const char * const sources[] = { "A report", "Workshop summary", NULL };

  /* The facts, in a two-column table. */
  g_assert_nonnull (table);
  g_assert_cmpint (table->columns, ==, 2);
  g_assert_cmpstr (fact (table, "Date"), ==, "March 2019");
  g_assert_cmpstr (fact (table, "Place"), ==, "Busan port");
  g_assert_cmpstr (fact (table, "Commodity"), ==, "Raw ivory");
  quantity = stripped (fact (table, "Quantity"));
  g_assert_cmpstr (quantity, ==, "3.2 tonnes");
  g_assert_cmpstr (fact (table, "Reported at"), ==, "2019 workshop");

  /* The photo, with its caption as alt text and its credit and licence in the title. */
  g_assert_nonnull (image);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpstr (image->src, ==, "media:cases/planks.svg");
  g_assert_cmpstr (image->text, ==, "Tusks behind the planks");
  g_assert_nonnull (strstr (image->title, "Tusks behind the planks"));
  g_assert_nonnull (strstr (image->title, "Test Customs"));
  g_assert_nonnull (strstr (image->title, "CC-BY-4.0"));

  assert_list (after_heading (doc, "Modus operandi"), GCM_BLOCK_BULLET_LIST, modus);
  assert_list (after_heading (doc, "Risk indicators"), GCM_BLOCK_BULLET_LIST, risks);
  g_assert_cmpstr (after_heading (doc, "What happened")->text, ==, "The container was scanned.");
  assert_list (after_heading (doc, "Sources"), GCM_BLOCK_BULLET_LIST, sources);

  /* A source with an address is a link; one without is plain text. */
  g_assert_cmpuint (gcm_document_get_links (doc)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (gcm_document_get_links (doc), 0), ==, "https://example.org/r");
}

/* Optional facts that are absent leave no empty rows. */
static void
test_case_minimal (void)
{
  g_autoptr(GcmDocument) doc = render ("{\"kind\": \"case\", \"date\": \"2020\","
                                       " \"place\": \"Incheon\", \"commodity\": \"R-22\","
                                       " \"photos\": []}");
  GcmBlock *table = find_block (doc, GCM_BLOCK_TABLE, 0);

  g_assert_nonnull (table);
  g_assert_null (fact (table, "Quantity"));
  g_assert_null (fact (table, "Reported at"));
  g_assert_cmpstr (fact (table, "Place"), ==, "Incheon");
  g_assert_null (find_block (doc, GCM_BLOCK_IMAGE, 0));
  g_assert_null (find_block (doc, GCM_BLOCK_BULLET_LIST, 0));
}

/* Procedures */

static void
test_procedure (void)
{
  g_autoptr(GcmDocument) doc = render (
    "{\"kind\": \"procedure\", \"applies_to\": [\"Closed containers\"],"
    " \"hazards\": [\"Fumigant gas\", \"Low oxygen\"], \"protective_equipment\": [\"Gas detector\"],"
    " \"steps\": ["
    "   {\"id\": \"measure\", \"text\": \"Measure the air at the door seals.\","
    "    \"warning\": \"Do not enter before the reading is safe.\"},"
    "   {\"id\": \"open\", \"text\": \"Open both doors and wait.\"},"
    "   {\"id\": \"record\", \"text\": \"Record the readings.\", \"warning\": \"Keep others away.\"}],"
    " \"body\": \"After the steps.\"}");
  GcmBlock *steps = after_heading (doc, "Steps");
  const char * const applies[] = { "Closed containers", NULL };
  const char * const hazards[] = { "Fumigant gas", "Low oxygen", NULL };
  const char * const equipment[] = { "Gas detector", NULL };
  const char * const texts[] = { "Measure the air at the door seals.", "Open both doors and wait.",
                                 "Record the readings.", NULL };
  const char * const warnings[] = { "Do not enter before the reading is safe.", NULL,
                                    "Keep others away." };

  assert_list (after_heading (doc, "Applies to"), GCM_BLOCK_BULLET_LIST, applies);
  assert_list (after_heading (doc, "Hazards"), GCM_BLOCK_BULLET_LIST, hazards);
  assert_list (after_heading (doc, "Protective equipment"), GCM_BLOCK_BULLET_LIST, equipment);

  /* Numbered steps from 1, each warning a callout inside its own step. */
  assert_list (steps, GCM_BLOCK_ORDERED_LIST, texts);
  g_assert_cmpint (steps->start, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (warnings); i++)
    {
      GcmBlock *item = child (steps, i);

      if (warnings[i] == NULL)
        {
          g_assert_cmpuint (item->children->len, ==, 1);
          continue;
        }
      g_assert_cmpuint (item->children->len, ==, 2);
      g_assert_cmpint (child (item, 1)->kind, ==, GCM_BLOCK_CALLOUT);
      g_assert_cmpint (child (item, 1)->callout_kind, ==, GCM_CALLOUT_WARNING);
      g_assert_nonnull (strstr (child (item, 1)->text, warnings[i]));
    }

  g_assert_cmpstr (find_block (doc, GCM_BLOCK_PARAGRAPH, 0)->text, ==, "After the steps.");
}

/* Quizzes */

static const char quiz_template[] =
  "{\"kind\": \"quiz\", \"title\": \"Ivory quiz\", \"questions\": ["
  "  {\"id\": \"q1\", \"type\": \"single\", \"prompt\": \"Where was the ivory?\","
  "   \"choices\": [\"Among cow horns\", \"In the fuel tank\", \"Under the floor\"],"
  "   \"answer\": %s, \"explanation\": \"XPLAIN-ONE cow horns hide it.\", \"source\": \"manual/x\"},"
  "  {\"id\": \"q2\", \"type\": \"multiple\", \"prompt\": \"Which are CITES documents?\","
  "   \"choices\": [\"Export permit\", \"Bill of lading\", \"Re-export certificate\"],"
  "   \"answer\": %s, \"explanation\": \"XPLAIN-TWO permits.\", \"source\": \"manual/x\"},"
  "  {\"id\": \"q3\", \"type\": \"truefalse\", \"prompt\": \"Rhino horn is keratin.\","
  "   \"image\": \"illustrations/horn.svg\","
  "   \"answer\": %s, \"explanation\": \"XPLAIN-THREE it is.\", \"source\": \"manual/y\"}]}";

static void
test_quiz (void)
{
  g_autofree char *json = g_strdup_printf (quiz_template, "0", "[0, 2]", "true");
  g_autofree char *markdown = compose (json);
  g_autoptr(GcmDocument) doc = gcm_document_new_from_markdown (markdown, -1);
  g_autofree char *text = gcm_document_dup_plain_text (doc);
  const char * const choices1[] = { "Among cow horns", "In the fuel tank", "Under the floor", NULL };
  const char * const choices2[] = { "Export permit", "Bill of lading", "Re-export certificate",
                                    NULL };
  const char * const truefalse[] = { "True", "False", NULL };
  GcmBlock *image = find_block (doc, GCM_BLOCK_IMAGE, 0);

  g_assert_nonnull (strstr (text, "This quiz has 3 questions."));
  g_assert_nonnull (strstr (text, "Where was the ivory?"));
  g_assert_cmpstr (after_heading (doc, "Question 1")->text, ==, "Where was the ivory?");
  g_assert_cmpstr (after_heading (doc, "Question 3")->text, ==, "Rhino horn is keratin.");
  assert_list (find_block (doc, GCM_BLOCK_BULLET_LIST, 0), GCM_BLOCK_BULLET_LIST, choices1);
  assert_list (find_block (doc, GCM_BLOCK_BULLET_LIST, 1), GCM_BLOCK_BULLET_LIST, choices2);
  assert_list (find_block (doc, GCM_BLOCK_BULLET_LIST, 2), GCM_BLOCK_BULLET_LIST, truefalse);
  g_assert_nonnull (image);
  g_assert_cmpstr (image->src, ==, "media:illustrations/horn.svg");

  /* No explanation, no source and nothing that marks a choice. */
  g_assert_null (strstr (markdown, "XPLAIN"));
  g_assert_null (strstr (markdown, "manual/x"));
  g_assert_null (strstr (markdown, "**Among"));
  g_assert_null (strstr (text, "orrect"));
  g_assert_null (strstr (text, "nswer"));
  g_assert_null (strstr (text, "✓"));
}

/* The page is the same whichever choice is right: nothing in it gives the answer away. */
static void
test_quiz_answers_hidden (void)
{
  static const char * const answers[][3] = {
    { "0", "[0, 2]", "true" },
    { "1", "[1]", "false" },
    { "2", "[0, 1, 2]", "true" },
  };
  g_autofree char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *json = g_strdup_printf (quiz_template, answers[i][0], answers[i][1],
                                               answers[i][2]);
      g_autofree char *markdown = compose (json);

      if (first == NULL)
        first = g_steal_pointer (&markdown);
      else
        g_assert_cmpstr (markdown, ==, first);
    }
}

/* Sections are their body and sources. */
static void
test_section (void)
{
  g_autoptr(GcmDocument) doc = render (
    "{\"kind\": \"section\", \"body\": \"## Scope\\n\\nSee [the permits](item:manual/cites/permits).\","
    " \"sources\": [{\"id\": \"C1\", \"title\": \"CITES text\", \"url\": \"javascript:alert(1)\"}]}");
  const char * const sources[] = { "CITES text", NULL };
  GPtrArray *links = gcm_document_get_links (doc);

  g_assert_cmpstr (find_block (doc, GCM_BLOCK_HEADING, 0)->text, ==, "Scope");
  assert_list (after_heading (doc, "Sources"), GCM_BLOCK_BULLET_LIST, sources);
  /* Only web addresses become links; a script address stays text. */
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (links, 0), ==, "item:manual/cites/permits");
}

/* Escaping: content text is text, whatever characters it holds */

static const char * const tricky[] = {
  "*not emphasis* and _not either_",
  "**not strong**",
  "`not code`",
  "[not a link](item:manual/secret)",
  "![not an image](media:../../secret)",
  "<b>not markup</b> <script>alert(1)</script>",
  "# not a heading",
  "a | pipe | in a cell",
  "back\\slash and \\* escaped",
  "ends in a backslash\\",
  "\"quoted\" and 'single'",
  "R&amp;D, &copy; and &#65;",
  "~~not struck~~ and ~this~",
  "+ not a list",
  "- not a list either",
  "* nor this",
  "1. not numbered",
  "2) not numbered",
  "2024. A year, not a list",
  "> not a quote",
  "[ ] not a task",
  "[x] nor a done task",
  "    indented, not code",
  "line one\nline two",
  "Café, 상아, 象牙 — “quotes”",
};

static JsonNode *
build_items (const char *value,
             const char *file)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);

  /* A case: facts, photo caption, list entries. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "case");
  json_builder_set_member_name (builder, "place");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "modus_operandi");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, value);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "photos");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* A procedure: a step and its warning. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "procedure");
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "warning");
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* A quiz: a prompt, a choice and a question image. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "quiz");
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "image");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, value);
  json_builder_add_string_value (builder, "plain");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static GcmDocument *
render_object (JsonNode *items,
               guint     index)
{
  JsonNode *node = json_array_get_element (json_node_get_array (items), index);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(GcmItem) item = parse_item (json);
  g_autofree char *markdown = gcm_item_markdown_compose (item);

  g_test_message ("%s", markdown);
  return gcm_document_new_from_markdown (markdown, -1);
}

/* The one paragraph of a list item, as text. */
static char *
item_text (GcmBlock *list,
           guint     index,
           guint     n_children)
{
  GcmBlock *item = child (list, index);
  GcmBlock *paragraph = child (item, 0);

  g_assert_cmpint (item->kind, ==, GCM_BLOCK_LIST_ITEM);
  g_assert_false (item->is_task);
  g_assert_cmpuint (item->children->len, ==, n_children);
  g_assert_cmpint (paragraph->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_null (strstr (paragraph->markup, "<b>"));
  g_assert_null (strstr (paragraph->markup, "<i>"));
  g_assert_null (strstr (paragraph->markup, "<s>"));
  g_assert_null (strstr (paragraph->markup, "<tt>"));
  return stripped (paragraph->text);
}

static void
assert_plain_page (GcmDocument *doc,
                   const char  *src)
{
  GPtrArray *images = gcm_document_get_images (doc);

  g_assert_cmpuint (gcm_document_get_links (doc)->len, ==, 0);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (images, 0), ==, src);
  g_assert_null (find_block (doc, GCM_BLOCK_QUOTE, 0));
  g_assert_null (find_block (doc, GCM_BLOCK_CODE, 0));
  g_assert_null (find_block (doc, GCM_BLOCK_RULE, 0));
}

static void
check_escaping (const char *value,
                const char *file)
{
  g_autoptr(JsonNode) items = build_items (value, file);
  g_autoptr(GcmDocument) case_doc = render_object (items, 0);
  g_autoptr(GcmDocument) procedure_doc = render_object (items, 1);
  g_autoptr(GcmDocument) quiz_doc = render_object (items, 2);
  g_autoptr(GString) expected = g_string_new (value);
  g_autofree char *src = g_strconcat ("media:", file, NULL);
  GcmBlock *table, *image, *steps, *callout;
  g_autofree char *cell = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *step = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *choice = NULL;
  g_autofree char *prompt = NULL;

  /* A line break in a short field is a space on the page; leading blanks are not shown. */
  g_string_replace (expected, "\n", " ", 0);
  while (expected->str[0] == ' ')
    g_string_erase (expected, 0, 1);

  /* The case */
  assert_plain_page (case_doc, src);
  table = find_block (case_doc, GCM_BLOCK_TABLE, 0);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->children->len, ==, 2);   /* the empty header row and Place */
  cell = stripped (fact (table, "Place"));
  g_assert_cmpstr (cell, ==, expected->str);
  image = find_block (case_doc, GCM_BLOCK_IMAGE, 0);
  g_assert_nonnull (image);
  g_assert_cmpstr (image->src, ==, src);
  g_assert_cmpstr (image->text, ==, expected->str);
  g_assert_nonnull (strstr (image->title, expected->str));
  g_assert_cmpuint (after_heading (case_doc, "Modus operandi")->children->len, ==, 1);
  entry = item_text (after_heading (case_doc, "Modus operandi"), 0, 1);
  g_assert_cmpstr (entry, ==, expected->str);
  g_assert_null (find_block (case_doc, GCM_BLOCK_HEADING, 1));

  /* The procedure */
  steps = after_heading (procedure_doc, "Steps");
  g_assert_cmpint (steps->kind, ==, GCM_BLOCK_ORDERED_LIST);
  g_assert_cmpuint (steps->children->len, ==, 1);
  step = item_text (steps, 0, 2);
  g_assert_cmpstr (step, ==, expected->str);
  callout = child (child (steps, 0), 1);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_WARNING);
  warning = stripped (callout->text);
  g_assert_true (g_str_has_suffix (warning, expected->str));
  g_assert_cmpuint (gcm_document_get_links (procedure_doc)->len, ==, 0);
  g_assert_cmpuint (gcm_document_get_images (procedure_doc)->len, ==, 0);

  /* The quiz */
  assert_plain_page (quiz_doc, src);
  prompt = stripped (after_heading (quiz_doc, "Question 1")->text);
  g_assert_cmpstr (prompt, ==, expected->str);
  g_assert_cmpuint (find_block (quiz_doc, GCM_BLOCK_BULLET_LIST, 0)->children->len, ==, 2);
  choice = item_text (find_block (quiz_doc, GCM_BLOCK_BULLET_LIST, 0), 0, 1);
  g_assert_cmpstr (choice, ==, expected->str);
}

static void
test_escaping (gconstpointer user_data)
{
  check_escaping (user_data, "cases/photo.svg");
}

/* Media file names are content too: spaces and brackets do not break the picture. */
static void
test_media_names (void)
{
  check_escaping ("A photo", "cases/seized goods (1).jpg");
  check_escaping ("A photo", "cases/a_b*c.png");
}

/* Odd input: missing or mistyped members are skipped, never a crash. */
static void
test_odd_input (void)
{
  static const char * const inputs[] = {
    "{}",
    "{\"kind\": \"unknown\", \"body\": \"Text.\"}",
    "{\"kind\": \"case\", \"photos\": [1, null, {\"caption\": \"no file\"}], \"date\": 5}",
    "{\"kind\": \"case\", \"modus_operandi\": \"not a list\", \"risk_indicators\": [1, \"ok\"]}",
    "{\"kind\": \"procedure\", \"steps\": [null, 3, {\"warning\": \"no text\"}, {\"text\": \"ok\"}]}",
    "{\"kind\": \"quiz\", \"questions\": [null, {\"prompt\": 5}, {\"prompt\": \"p\","
    " \"choices\": [1, \"x\"]}]}",
    "{\"kind\": \"section\", \"sources\": [null, {\"url\": \"https://x\"}, {\"title\": 3}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markdown = compose (inputs[i]);
      g_autoptr(GcmDocument) doc = gcm_document_new_from_markdown (markdown, -1);

      g_assert_nonnull (doc);
      g_assert_true (g_utf8_validate (markdown, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/item-markdown/case", test_case);
  g_test_add_func ("/gcm/item-markdown/case-minimal", test_case_minimal);
  g_test_add_func ("/gcm/item-markdown/procedure", test_procedure);
  g_test_add_func ("/gcm/item-markdown/quiz", test_quiz);
  g_test_add_func ("/gcm/item-markdown/quiz-answers-hidden", test_quiz_answers_hidden);
  g_test_add_func ("/gcm/item-markdown/section", test_section);
  g_test_add_func ("/gcm/item-markdown/odd-input", test_odd_input);
  g_test_add_func ("/gcm/item-markdown/media-names", test_media_names);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/item-markdown/escaping/%u", i);
      g_test_add_data_func (path, tricky[i], test_escaping);
    }

  return g_test_run ();
}
