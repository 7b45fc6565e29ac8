/* fuzz-markdown.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer entry point for the Markdown parser. Any byte string must parse without a crash,
 * and every block must come out with valid UTF-8 and well-formed Pango markup, since a label
 * shown with broken markup would simply be blank.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iapp/markdown \
 *     $(pkg-config --cflags gio-2.0 md4c) app/markdown/gcm-document.c \
 *     tests/fuzz/fuzz-markdown.c $(pkg-config --libs gio-2.0 md4c) -o fuzz-markdown
 */

#define G_LOG_DOMAIN "FuzzMarkdown"

#include <stdint.h>
#include <stdlib.h>

#include "gcm-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const GMarkupParser markup_parser = { NULL, NULL, NULL, NULL, NULL };

static void
check_markup (const char *markup)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = NULL;
  gboolean ok;

  if (markup == NULL)
    return;

  wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  context = g_markup_parse_context_new (&markup_parser, 0, NULL, NULL);
  ok = g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
       g_markup_parse_context_end_parse (context, NULL);

  if (!ok)
    abort ();
}

static void
check_string (const char *string)
{
  if (string != NULL && !g_utf8_validate (string, -1, NULL))
    abort ();
}

static gsize
walk (GPtrArray *blocks,
      guint      depth)
{
  gsize count = 0;

  if (blocks == NULL || depth > 256)
    abort ();

  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind > GCM_BLOCK_RULE)
        abort ();

      check_markup (block->markup);
      check_string (block->text);
      check_string (block->src);
      check_string (block->title);

      count += 1 + walk (block->children, depth + 1);
    }

  return count;
}

static void
check_list (GPtrArray *strings)
{
  if (strings == NULL)
    abort ();

  for (guint i = 0; i < strings->len; i++)
    check_string (g_ptr_array_index (strings, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GcmDocument) doc = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *headings = NULL;

  if (size > G_MAXSSIZE)
    return 0;

  doc = gcm_document_new_from_markdown ((const char *) data, (gssize) size);

  walk (gcm_document_get_blocks (doc), 0);
  check_list (gcm_document_get_links (doc));
  check_list (gcm_document_get_images (doc));

  plain = gcm_document_dup_plain_text (doc);
  headings = gcm_document_dup_headings (doc);
  check_string (plain);
  check_string (headings);

  return 0;
}
