/* fuzz-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer entry point for item JSON as a feed delivers it: the strict parser, then the page
 * Markdown composed from the item, then the Markdown parser on that page. Whatever the parser
 * accepts holds only valid UTF-8, so the page must be valid UTF-8 too.
 */

#define G_LOG_DOMAIN "FuzzItem"

#include <stdint.h>
#include <stdlib.h>

#include "gcm-document.h"
#include "gcm-feed-error.h"
#include "gcm-item.h"
#include "gcm-item-markdown.h"
#include "gcm-json-utils.h"
#include "gcm-manifest.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmDocument) doc = NULL;
  g_autoptr(GcmItem) item = NULL;
  g_autofree char *markdown = NULL;
  JsonNode *root;

  if (size > GCM_ITEM_MAX_SIZE)
    return 0;
  if (!gcm_json_parser_load (parser, (const char *) data, size, "item", &error))
    {
      if (!g_error_matches (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED))
        abort ();
      return 0;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    abort ();
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  /* What the strict parser accepts, the item reads: a member of the wrong type reads as
   * missing, never as a crash. */
  item = gcm_item_new_from_json ((const char *) data, size, NULL, &error);
  if (item == NULL)
    abort ();
  markdown = gcm_item_markdown_compose (item);
  if (markdown == NULL || !g_utf8_validate (markdown, -1, NULL))
    abort ();
  doc = gcm_document_new_from_markdown (markdown, -1);
  g_free (gcm_document_dup_plain_text (doc));
  return 0;
}
