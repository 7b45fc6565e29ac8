/* test-markdown.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestMarkdown"

#include <string.h>

#include "gcm-document.h"
#include "gcm-html-entities.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *markdown;
  gssize      length;
  void      (*check) (GcmDocument *doc);
} MarkdownCase;

static GcmBlock *
block_at (GPtrArray *blocks,
          guint      index)
{
  g_assert_nonnull (blocks);
  g_assert_cmpuint (index, <, blocks->len);

  return g_ptr_array_index (blocks, index);
}

static GcmBlock *
top (GcmDocument *doc,
     guint        index)
{
  return block_at (gcm_document_get_blocks (doc), index);
}

static GcmBlock *
child (GcmBlock *block,
       guint     index)
{
  return block_at (block->children, index);
}

static guint
n_blocks (GcmDocument *doc)
{
  return gcm_document_get_blocks (doc)->len;
}

static const char *
string_at (GPtrArray *strings,
           guint      index)
{
  g_assert_cmpuint (index, <, strings->len);

  return g_ptr_array_index (strings, index);
}

static void
markup_start_element_cb (GMarkupParseContext  *context,
                         const char           *element,
                         const char          **attribute_names,
                         const char          **attribute_values,
                         gpointer              user_data,
                         GError              **error)
{
  static const char *allowed[] = { "markup", "i", "b", "tt", "s", "u", "a" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      if (g_str_equal (element, allowed[i]))
        return;
    }

  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
               "unexpected element <%s>", element);
}

/* Every block's markup must be well formed and use only the tags the parser emits, and all
 * strings must be valid UTF-8: otherwise a GtkLabel would refuse it and show nothing. */
static void
assert_blocks_sane (GPtrArray *blocks)
{
  static const GMarkupParser parser = { markup_start_element_cb, NULL, NULL, NULL, NULL };

  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);

      g_assert_nonnull (block->children);
      g_assert_nonnull (block->text);

      if (block->text != NULL)
        g_assert_true (g_utf8_validate (block->text, -1, NULL));
      if (block->src != NULL)
        g_assert_true (g_utf8_validate (block->src, -1, NULL));
      if (block->title != NULL)
        g_assert_true (g_utf8_validate (block->title, -1, NULL));

      if (block->markup != NULL)
        {
          g_autoptr(GMarkupParseContext) context = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", block->markup);

          g_assert_true (g_utf8_validate (block->markup, -1, NULL));
          context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
          g_markup_parse_context_parse (context, wrapped, -1, &error);
          if (error == NULL)
            g_markup_parse_context_end_parse (context, &error);
          g_assert_no_error (error);
        }

      assert_blocks_sane (block->children);
    }
}

static void
run_case (gconstpointer data)
{
  const MarkdownCase *test = data;
  g_autoptr(GcmDocument) doc = NULL;

  doc = gcm_document_new_from_markdown (test->markdown, test->length);
  g_assert_true (GCM_IS_DOCUMENT (doc));
  g_assert_nonnull (gcm_document_get_blocks (doc));
  g_assert_nonnull (gcm_document_get_links (doc));
  g_assert_nonnull (gcm_document_get_images (doc));

  assert_blocks_sane (gcm_document_get_blocks (doc));

  if (test->check != NULL)
    test->check (doc);
}

/* ------------------------------------------------------------------------------------------ */
/* Cases                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
check_headings (GcmDocument *doc)
{
  g_assert_cmpuint (n_blocks (doc), ==, 4);

  g_assert_cmpint (top (doc, 0)->kind, ==, GCM_BLOCK_HEADING);
  g_assert_cmpint (top (doc, 0)->level, ==, 1);
  g_assert_cmpstr (top (doc, 0)->text, ==, "Hazardous waste");

  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_HEADING);
  g_assert_cmpint (top (doc, 1)->level, ==, 2);
  g_assert_cmpstr (top (doc, 1)->markup, ==, "Basel <i>Convention</i>");
  g_assert_cmpstr (top (doc, 1)->text, ==, "Basel Convention");

  g_assert_cmpint (top (doc, 2)->kind, ==, GCM_BLOCK_HEADING);
  g_assert_cmpint (top (doc, 2)->level, ==, 6);

  /* Setext headings too */
  g_assert_cmpint (top (doc, 3)->kind, ==, GCM_BLOCK_HEADING);
  g_assert_cmpint (top (doc, 3)->level, ==, 2);
  g_assert_cmpstr (top (doc, 3)->text, ==, "Annex IX");
}

static void
check_inline (GcmDocument *doc)
{
  GcmBlock *p;

  g_assert_cmpuint (n_blocks (doc), ==, 1);
  p = top (doc, 0);
  g_assert_cmpint (p->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_cmpstr (p->markup, ==,
                   "Check <i>every</i> drum, <b>seal</b> the <tt>HS 3824</tt> sample "
                   "and <s>ignore</s> <i><b>nothing</b></i>.");
  g_assert_cmpstr (p->text, ==,
                   "Check every drum, seal the HS 3824 sample and ignore nothing.");
}

static void
check_breaks (GcmDocument *doc)
{
  GcmBlock *p = top (doc, 0);

  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_cmpstr (p->text, ==, "soft break here\nhard break");
  g_assert_cmpstr (p->markup, ==, "soft break here\nhard break");
}

static void
check_links (GcmDocument *doc)
{
  GPtrArray *links = gcm_document_get_links (doc);
  GcmBlock *p = top (doc, 0);

  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_nonnull (strstr (p->markup,
                            "<a href=\"item:manual/cites/ivory\">ivory rules</a>"));
  g_assert_nonnull (strstr (p->markup,
                            "<a href=\"https://www.basel.int/\" title=\"Basel &quot;site&quot;\">"
                            "the convention</a>"));
  g_assert_cmpstr (p->text, ==,
                   "See ivory rules, the convention and again ivory and an empty one.");

  /* Each destination once, in order; an empty destination is not a link */
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (string_at (links, 0), ==, "item:manual/cites/ivory");
  g_assert_cmpstr (string_at (links, 1), ==, "https://www.basel.int/");
  g_assert_null (strstr (p->markup, "href=\"\""));
}

static void
check_link_attributes (GcmDocument *doc)
{
  GPtrArray *links = gcm_document_get_links (doc);

  /* Entities and backslash escapes split the destination into pieces; they are joined */
  g_assert_cmpuint (links->len, ==, 3);
  g_assert_cmpstr (string_at (links, 0), ==, "https://example.org/?a=1&b=2");
  g_assert_cmpstr (string_at (links, 1), ==, "item:manual/ozone/r_22");
  g_assert_cmpstr (string_at (links, 2), ==, "http://www.unep.org");
  g_assert_nonnull (strstr (top (doc, 0)->markup,
                            "<a href=\"https://example.org/?a=1&amp;b=2\">query</a>"));
}

static void
check_ordered_list (GcmDocument *doc)
{
  GcmBlock *list = top (doc, 0);

  g_assert_cmpuint (n_blocks (doc), ==, 3);
  g_assert_cmpint (list->kind, ==, GCM_BLOCK_ORDERED_LIST);
  g_assert_cmpint (list->start, ==, 7);
  g_assert_cmpuint (list->children->len, ==, 2);
  g_assert_cmpint (child (list, 0)->kind, ==, GCM_BLOCK_LIST_ITEM);
  g_assert_cmpstr (child (list, 0)->text, ==, "Weigh the load");
  g_assert_cmpstr (child (child (list, 1), 0)->markup, ==, "Take <b>photos</b>");

  g_assert_cmpint (top (doc, 2)->kind, ==, GCM_BLOCK_ORDERED_LIST);
  g_assert_cmpint (top (doc, 2)->start, ==, 1);
}

static void
check_nested_lists (GcmDocument *doc)
{
  GcmBlock *outer = top (doc, 0);
  GcmBlock *item;
  GcmBlock *inner;

  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_cmpint (outer->kind, ==, GCM_BLOCK_BULLET_LIST);
  g_assert_cmpuint (outer->children->len, ==, 2);

  item = child (outer, 0);
  g_assert_cmpint (item->kind, ==, GCM_BLOCK_LIST_ITEM);
  g_assert_cmpuint (item->children->len, ==, 2);
  g_assert_cmpint (child (item, 0)->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_cmpstr (child (item, 0)->text, ==, "Documents");

  inner = child (item, 1);
  g_assert_cmpint (inner->kind, ==, GCM_BLOCK_ORDERED_LIST);
  g_assert_cmpuint (inner->children->len, ==, 2);
  g_assert_cmpstr (child (child (inner, 0), 0)->text, ==, "Invoice");
  g_assert_cmpstr (child (child (inner, 1), 0)->text, ==, "Movement document");

  g_assert_cmpstr (item->text, ==, "Documents\nInvoice\nMovement document");
  g_assert_cmpstr (child (child (outer, 1), 0)->text, ==, "Cargo");
}

static void
check_task_items (GcmDocument *doc)
{
  GcmBlock *list = top (doc, 0);

  g_assert_cmpuint (list->children->len, ==, 3);

  g_assert_true (child (list, 0)->is_task);
  g_assert_true (child (list, 0)->is_checked);
  g_assert_cmpstr (child (list, 0)->text, ==, "Seal checked");

  g_assert_true (child (list, 1)->is_task);
  g_assert_false (child (list, 1)->is_checked);
  g_assert_cmpstr (child (list, 1)->text, ==, "Label read");

  g_assert_false (child (list, 2)->is_task);
  g_assert_false (child (list, 2)->is_checked);
}

static void
check_tables (GcmDocument *doc)
{
  GcmBlock *table = top (doc, 0);
  GcmBlock *header;
  GcmBlock *row;

  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_cmpint (table->kind, ==, GCM_BLOCK_TABLE);
  g_assert_cmpint (table->columns, ==, 3);
  g_assert_cmpuint (table->children->len, ==, 3);

  header = child (table, 0);
  g_assert_cmpint (header->kind, ==, GCM_BLOCK_TABLE_ROW);
  g_assert_true (header->is_header);
  g_assert_cmpuint (header->children->len, ==, 3);
  g_assert_cmpint (child (header, 0)->kind, ==, GCM_BLOCK_TABLE_CELL);
  g_assert_cmpstr (child (header, 0)->text, ==, "Substance");
  g_assert_cmpint (child (header, 0)->align, ==, GCM_ALIGN_LEFT);
  g_assert_cmpint (child (header, 1)->align, ==, GCM_ALIGN_CENTER);
  g_assert_cmpint (child (header, 2)->align, ==, GCM_ALIGN_RIGHT);

  row = child (table, 1);
  g_assert_false (row->is_header);
  g_assert_cmpstr (child (row, 0)->markup, ==, "<i>R-22</i>");
  g_assert_cmpstr (child (row, 1)->text, ==, "2903.71");
  g_assert_cmpint (child (row, 2)->align, ==, GCM_ALIGN_RIGHT);

  /* A short row still has a cell for every column */
  row = child (table, 2);
  g_assert_cmpuint (row->children->len, ==, 3);
  g_assert_cmpstr (child (row, 0)->text, ==, "CFC-12");
  g_assert_cmpstr (child (row, 2)->text, ==, "");

  g_assert_cmpstr (table->text, ==,
                   "Substance\tHS code\tODP\nR-22\t2903.71\t0.055\nCFC-12");
}

static void
check_images (GcmDocument *doc)
{
  GPtrArray *images = gcm_document_get_images (doc);
  GcmBlock *image;

  g_assert_cmpuint (n_blocks (doc), ==, 4);

  /* Alone in its paragraph: the image is the block */
  image = top (doc, 0);
  g_assert_cmpint (image->kind, ==, GCM_BLOCK_IMAGE);
  g_assert_cmpstr (image->src, ==, "media:illustrations/drum-label.svg");
  g_assert_cmpstr (image->text, ==, "A drum with a hazard label");
  g_assert_cmpstr (image->title, ==, "Label on a 200 l drum");

  /* Inside text: lifted out after the paragraph, the text closes the gap */
  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_cmpstr (top (doc, 1)->text, ==, "Compare with the real one.");
  image = top (doc, 2);
  g_assert_cmpint (image->kind, ==, GCM_BLOCK_IMAGE);
  g_assert_cmpstr (image->src, ==, "media:photos/drum.jpg");
  g_assert_cmpstr (image->text, ==, "photo");
  g_assert_null (image->title);

  /* Same image again: one more block, but each source is listed once */
  g_assert_cmpint (top (doc, 3)->kind, ==, GCM_BLOCK_IMAGE);
  g_assert_cmpuint (images->len, ==, 2);
  g_assert_cmpstr (string_at (images, 0), ==, "media:illustrations/drum-label.svg");
  g_assert_cmpstr (string_at (images, 1), ==, "media:photos/drum.jpg");
}

static void
check_linked_image (GcmDocument *doc)
{
  GcmBlock *p = top (doc, 0);

  /* The link keeps words of its own so it can still be followed */
  g_assert_cmpuint (n_blocks (doc), ==, 2);
  g_assert_cmpint (p->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_cmpstr (p->markup, ==, "<a href=\"https://cites.org/\">CITES logo</a>");
  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_IMAGE);
  g_assert_cmpstr (top (doc, 1)->src, ==, "media:cites.png");
  g_assert_cmpuint (gcm_document_get_links (doc)->len, ==, 1);
  g_assert_cmpuint (gcm_document_get_images (doc)->len, ==, 1);
}

static void
check_callouts (GcmDocument *doc)
{
  GcmBlock *callout;

  g_assert_cmpuint (n_blocks (doc), ==, 4);

  callout = top (doc, 0);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_WARNING);
  g_assert_cmpuint (callout->children->len, ==, 1);
  g_assert_cmpstr (child (callout, 0)->markup, ==, "Never open a <i>leaking</i> drum.");
  g_assert_cmpstr (child (callout, 0)->text, ==, "Never open a leaking drum.");

  callout = top (doc, 1);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_NOTE);
  g_assert_cmpstr (child (callout, 0)->text, ==, "HS codes change every five years.");

  callout = top (doc, 2);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_TIP);
  g_assert_cmpstr (child (callout, 0)->markup, ==, "Photograph the label first.");

  /* The word alone on its line: no empty paragraph is left behind */
  callout = top (doc, 3);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_WARNING);
  g_assert_cmpuint (callout->children->len, ==, 1);
  g_assert_cmpstr (child (callout, 0)->text, ==, "Wear gloves.");
  g_assert_cmpstr (callout->text, ==, "Wear gloves.");
}

static void
check_callout_entity (GcmDocument *doc)
{
  GcmBlock *callout = top (doc, 0);

  /* A space spelled as an entity inside the bold word still names the callout */
  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_cmpint (callout->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpint (callout->callout_kind, ==, GCM_CALLOUT_WARNING);
  g_assert_cmpuint (callout->children->len, ==, 1);
  g_assert_cmpstr (child (callout, 0)->text, ==, "Keep out.");
}

static void
check_plain_quote (GcmDocument *doc)
{
  g_assert_cmpuint (n_blocks (doc), ==, 3);

  g_assert_cmpint (top (doc, 0)->kind, ==, GCM_BLOCK_QUOTE);
  g_assert_cmpstr (child (top (doc, 0), 0)->text, ==, "Customs officers are the front line.");

  /* Bold, but not a callout word */
  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_QUOTE);
  g_assert_cmpstr (child (top (doc, 1), 0)->markup, ==, "<b>Warnings</b> were ignored.");

  /* A callout word that is not first stays where it is */
  g_assert_cmpint (top (doc, 2)->kind, ==, GCM_BLOCK_QUOTE);
  g_assert_cmpstr (child (top (doc, 2), 0)->markup, ==, "See the <b>Note</b> below.");
}

static void
check_escaping (GcmDocument *doc)
{
  GcmBlock *p = top (doc, 0);

  g_assert_cmpuint (n_blocks (doc), ==, 2);
  g_assert_cmpstr (p->markup, ==, "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; 5 &gt; 3");
  g_assert_cmpstr (p->text, ==, "Tom & Jerry <script>alert(1)</script> 5 > 3");

  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_CODE);
  g_assert_cmpstr (top (doc, 1)->text, ==, "if (a < b && c)\n  return;");
  g_assert_cmpstr (top (doc, 1)->markup, ==, "if (a &lt; b &amp;&amp; c)\n  return;");
}

static void
check_entities (GcmDocument *doc)
{
  g_assert_cmpstr (top (doc, 0)->text, ==,
                   "\xc2\xa9 \xe2\x80\x94 \xc3\xa9 \xc3\xa9 & &unknown; \xef\xbf\xbd");
  g_assert_cmpstr (top (doc, 0)->markup, ==,
                   "\xc2\xa9 \xe2\x80\x94 \xc3\xa9 \xc3\xa9 &amp; &amp;unknown; \xef\xbf\xbd");
}

static void
check_raw_html (GcmDocument *doc)
{
  GPtrArray *blocks = gcm_document_get_blocks (doc);

  /* Raw HTML is never interpreted: no live tag, no image, nothing lost silently */
  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);

      g_assert_cmpint (block->kind, ==, GCM_BLOCK_PARAGRAPH);
      g_assert_null (strstr (block->markup, "<div"));
      g_assert_null (strstr (block->markup, "<img"));
      g_assert_null (strstr (block->markup, "<span"));
    }

  g_assert_cmpuint (gcm_document_get_images (doc)->len, ==, 0);
  g_assert_cmpuint (gcm_document_get_links (doc)->len, ==, 0);
  g_assert_nonnull (strstr (top (doc, 0)->markup, "&lt;div"));
  g_assert_nonnull (strstr (top (doc, 1)->text, "<span foreground=\"red\">red</span>"));
}

static void
check_invalid_utf8 (GcmDocument *doc)
{
  g_autofree char *plain = gcm_document_dup_plain_text (doc);

  g_assert_true (g_utf8_validate (plain, -1, NULL));
  g_assert_cmpint (top (doc, 0)->kind, ==, GCM_BLOCK_HEADING);
  g_assert_nonnull (strstr (top (doc, 0)->text, "Bad"));
  g_assert_nonnull (strstr (plain, "\xef\xbf\xbd"));
}

static void
check_nul_bytes (GcmDocument *doc)
{
  g_assert_cmpuint (n_blocks (doc), ==, 1);
  g_assert_cmpstr (top (doc, 0)->text, ==, "before\xef\xbf\xbd" "after");
}

static void
check_empty (GcmDocument *doc)
{
  g_autofree char *plain = gcm_document_dup_plain_text (doc);
  g_autofree char *headings = gcm_document_dup_headings (doc);

  g_assert_cmpuint (n_blocks (doc), ==, 0);
  g_assert_cmpuint (gcm_document_get_links (doc)->len, ==, 0);
  g_assert_cmpuint (gcm_document_get_images (doc)->len, ==, 0);
  g_assert_cmpstr (plain, ==, "");
  g_assert_cmpstr (headings, ==, "");
}

static void
check_plain_text (GcmDocument *doc)
{
  g_autofree char *plain = gcm_document_dup_plain_text (doc);
  g_autofree char *headings = gcm_document_dup_headings (doc);

  g_assert_cmpstr (plain, ==,
                   "Ozone-depleting substances\n"
                   "Refrigerants such as R-22 are controlled.\n"
                   "Cylinders\n"
                   "Check the label\n"
                   "Weigh it\n"
                   "Never vent gas.\n"
                   "Substance\tUse\nR-22\tcooling\n"
                   "Cylinder with a green band\n"
                   "gas --list");
  g_assert_cmpstr (headings, ==, "Ozone-depleting substances\nCylinders");
}

static void
check_korean (GcmDocument *doc)
{
  g_autofree char *headings = gcm_document_dup_headings (doc);

  g_assert_cmpstr (top (doc, 0)->text, ==, "증거물 관리");
  g_assert_cmpstr (top (doc, 1)->markup, ==, "증거물은 <b>반드시</b> 봉인한다.");
  g_assert_cmpstr (top (doc, 1)->text, ==, "증거물은 반드시 봉인한다.");
  g_assert_cmpint (top (doc, 2)->kind, ==, GCM_BLOCK_CALLOUT);
  g_assert_cmpstr (child (top (doc, 2), 0)->text, ==, "사진을 먼저 찍는다.");
  g_assert_cmpstr (headings, ==, "증거물 관리");
}

static void
check_rule_and_code (GcmDocument *doc)
{
  g_assert_cmpuint (n_blocks (doc), ==, 3);
  g_assert_cmpint (top (doc, 0)->kind, ==, GCM_BLOCK_PARAGRAPH);
  g_assert_cmpint (top (doc, 1)->kind, ==, GCM_BLOCK_RULE);
  g_assert_cmpint (top (doc, 2)->kind, ==, GCM_BLOCK_CODE);
  g_assert_cmpstr (top (doc, 2)->text, ==, "line 1\n\nline 3");
}

static void
check_deep_nesting (GcmDocument *doc)
{
  GcmBlock *block = top (doc, 0);
  guint depth = 1;

  /* Folded at a sane depth, and the innermost text is kept */
  while (block->children->len > 0)
    {
      block = child (block, 0);
      depth++;
    }

  g_assert_cmpuint (depth, <, 64);
  g_assert_cmpstr (block->text, ==, "deep");
}

static const MarkdownCase cases[] = {
  { "headings",
    "# Hazardous waste\n\n## Basel *Convention*\n\n###### Small print\n\nAnnex IX\n--------\n",
    -1, check_headings },
  { "inline-markup",
    "Check *every* drum, **seal** the `HS 3824` sample and ~~ignore~~ ***nothing***.",
    -1, check_inline },
  { "line-breaks",
    "soft break\nhere\\\nhard break",
    -1, check_breaks },
  { "links",
    "See [ivory rules](item:manual/cites/ivory), "
    "[the convention](https://www.basel.int/ \"Basel &quot;site&quot;\") "
    "and [again ivory](item:manual/cites/ivory) and [an empty one]().",
    -1, check_links },
  { "link-attributes",
    "[query](https://example.org/?a=1&amp;b=2) [ozone](item:manual/ozone/r\\_22) www.unep.org",
    -1, check_link_attributes },
  { "ordered-list-start",
    "7. Weigh the load\n8. Take **photos**\n\ntext\n\n1. one\n",
    -1, check_ordered_list },
  { "nested-lists",
    "- Documents\n  1. Invoice\n  2. Movement document\n- Cargo\n",
    -1, check_nested_lists },
  { "task-items",
    "- [x] Seal checked\n- [ ] Label read\n- Plain item\n",
    -1, check_task_items },
  { "tables",
    "| Substance | HS code | ODP |\n"
    "|:----------|:-------:|----:|\n"
    "| *R-22*    | 2903.71 | 0.055 |\n"
    "| CFC-12 |\n",
    -1, check_tables },
  { "images",
    "![A drum with a *hazard* label]"
    "(media:illustrations/drum-label.svg \"Label on a 200 l drum\")\n\n"
    "Compare ![photo](media:photos/drum.jpg) with the real one.\n\n"
    "![again](media:photos/drum.jpg)\n",
    -1, check_images },
  { "linked-image",
    "[![CITES logo](media:cites.png)](https://cites.org/)\n",
    -1, check_linked_image },
  { "callouts",
    "> **Warning:** Never open a *leaking* drum.\n\n"
    "> **note** HS codes change every five years.\n\n"
    "> **TIP**: Photograph the label first.\n\n"
    "> **Warning**\n>\n> Wear gloves.\n",
    -1, check_callouts },
  { "callout-entity",
    "> **Warning&#32;**\n>\n> Keep out.\n",
    -1, check_callout_entity },
  { "plain-quote",
    "> Customs officers are the front line.\n\n"
    "> **Warnings** were ignored.\n\n"
    "> See the **Note** below.\n",
    -1, check_plain_quote },
  { "markup-escaping",
    "Tom & Jerry <script>alert(1)</script> 5 > 3\n\n"
    "```\nif (a < b && c)\n  return;\n```\n",
    -1, check_escaping },
  { "entities",
    "&copy; &mdash; &eacute; &#233; &amp; &unknown; &#0;",
    -1, check_entities },
  { "raw-html-dropped",
    "<div class=\"x\" onclick=\"evil()\">inside</div>\n\n"
    "Inline <span foreground=\"red\">red</span> and <img src=\"x.png\">\n",
    -1, check_raw_html },
  { "invalid-utf8",
    "# Bad \xc3\x28 heading \xff\n\nText \xe2\x82 cut\xf0\x9f\n\n"
    "| a\xfe | b |\n|---|---|\n| \xc0 | d |\n",
    -1, check_invalid_utf8 },
  { "nul-bytes",
    "before\0after",
    12, check_nul_bytes },
  { "empty",
    "",
    -1, check_empty },
  { "empty-length-zero",
    "# ignored",
    0, check_empty },
  { "blank",
    "   \n\n\t\n",
    -1, check_empty },
  { "plain-text",
    "# Ozone-depleting substances\n\n"
    "Refrigerants such as *R-22* are controlled.\n\n"
    "## Cylinders\n\n"
    "1. Check the label\n2. Weigh it\n\n"
    "> **Warning** Never vent gas.\n\n"
    "| Substance | Use |\n|---|---|\n| R-22 | cooling |\n\n"
    "![Cylinder with a green band](media:cylinder.svg)\n\n"
    "---\n\n"
    "    gas --list\n",
    -1, check_plain_text },
  { "korean",
    "# 증거물 관리\n\n"
    "증거물은 **반드시** 봉인한다.\n\n"
    "> **Tip** 사진을 먼저 찍는다.\n",
    -1, check_korean },
  { "rule-and-code",
    "text\n\n***\n\n~~~\nline 1\n\nline 3\n~~~\n",
    -1, check_rule_and_code },
  { "deep-nesting",
    ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> "
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - deep\n",
    -1, check_deep_nesting },
};

/* ------------------------------------------------------------------------------------------ */
/* Other tests                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
test_lifecycle (void)
{
  GcmDocument *doc = NULL;
  GPtrArray *blocks = NULL;

  doc = gcm_document_new_from_markdown ("# Title\n\n[x](item:a) ![y](media:b.png)", -1);
  blocks = g_ptr_array_ref (gcm_document_get_blocks (doc));

  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_finalize_object (doc);

  /* The blocks may outlive the document while someone holds them */
  g_assert_cmpint (((GcmBlock *) g_ptr_array_index (blocks, 0))->kind, ==, GCM_BLOCK_HEADING);
  g_ptr_array_unref (blocks);
}

static void
test_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  static const char alphabet[] = "#*_`[]()!<>&;|-:~\\\n \t>x1.\"'";

  /* A cheap stand-in for the fuzzer: Markdown-ish noise and raw bytes must never break */
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GcmDocument) doc = NULL;
      g_autofree char *plain = NULL;
      guint len = g_rand_int_range (rand, 0, 400);
      g_autofree char *bytes = g_malloc (len + 1);

      for (guint i = 0; i < len; i++)
        {
          if (round % 3 == 0)
            bytes[i] = (char) g_rand_int_range (rand, 0, 256);
          else
            bytes[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      bytes[len] = '\0';

      doc = gcm_document_new_from_markdown (bytes, len);
      assert_blocks_sane (gcm_document_get_blocks (doc));
      plain = gcm_document_dup_plain_text (doc);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

static void
test_html_entities (void)
{
  /* What an author types, and what a reader sees. */
  static const struct { const char *entity; const char *shown; } typed[] = {
    { "&amp;", "&" },
    { "&eacute;", "\xc3\xa9" },
    { "&AElig;", "\xc3\x86" },
    { "&zwnj;", "\xe2\x80\x8c" },
    { "&#233;", "\xc3\xa9" },
    { "&#x2014;", "\xe2\x80\x94" },
    { "&#X2014;", "\xe2\x80\x94" },
    /* CommonMark: NUL, surrogates and what lies past Unicode become U+FFFD. */
    { "&#0;", "\xef\xbf\xbd" },
    { "&#xD800;", "\xef\xbf\xbd" },
    { "&#x110000;", "\xef\xbf\xbd" },
    /* Unknown or malformed: shown as written, like a browser does. */
    { "&whale;", "&whale;" },
    { "&Amp;", "&Amp;" },
    { "&#12a;", "&#12a;" },
    { "&#;", "&#;" },
    { "&amp", "&amp" },
    { "&;", "&;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GString) out = g_string_new ("<");

      gcm_html_entity_append (out, typed[i].entity, strlen (typed[i].entity));
      g_string_append_c (out, '>');
      {
        g_autofree char *want = g_strconcat ("<", typed[i].shown, ">", NULL);

        g_assert_cmpstr (out->str, ==, want);
      }
    }

  /* md4c hands over a piece of a longer text: only @size bytes count. */
  {
    g_autoptr(GString) out = g_string_new (NULL);
    const char *text = "&lt;&gt;";

    gcm_html_entity_append (out, text, 4);
    g_assert_cmpstr (out->str, ==, "<");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/markdown/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }

  g_test_add_func ("/gcm/markdown/lifecycle", test_lifecycle);
  g_test_add_func ("/gcm/markdown/html-entities", test_html_entities);
  g_test_add_func ("/gcm/markdown/random-bytes", test_random_bytes);

  return g_test_run ();
}
