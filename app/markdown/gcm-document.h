/* gcm-document.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GcmBlockKind:
 *
 * The kinds of block in a #GcmDocument. Inline content (emphasis, strong, code, links) is
 * carried by a block's Pango markup, so a renderer only lays out blocks.
 */
typedef enum
{
  GCM_BLOCK_PARAGRAPH,   /* markup */
  GCM_BLOCK_HEADING,     /* markup, level 1–6 */
  GCM_BLOCK_BULLET_LIST, /* children are GCM_BLOCK_LIST_ITEM */
  GCM_BLOCK_ORDERED_LIST,/* children are GCM_BLOCK_LIST_ITEM, start */
  GCM_BLOCK_LIST_ITEM,   /* children are blocks; is_task, is_checked */
  GCM_BLOCK_QUOTE,       /* children are blocks */
  GCM_BLOCK_CALLOUT,     /* a quote whose first word is bold: callout_kind, children */
  GCM_BLOCK_CODE,        /* text (not markup) */
  GCM_BLOCK_TABLE,       /* children are GCM_BLOCK_TABLE_ROW; columns */
  GCM_BLOCK_TABLE_ROW,   /* children are GCM_BLOCK_TABLE_CELL; is_header */
  GCM_BLOCK_TABLE_CELL,  /* markup, align */
  GCM_BLOCK_IMAGE,       /* src (as written, e.g. "media:x.svg"), alt (plain text), title */
  GCM_BLOCK_RULE,
} GcmBlockKind;

typedef enum
{
  GCM_CALLOUT_NOTE,
  GCM_CALLOUT_TIP,
  GCM_CALLOUT_WARNING,
} GcmCalloutKind;

typedef enum
{
  GCM_ALIGN_DEFAULT,
  GCM_ALIGN_LEFT,
  GCM_ALIGN_CENTER,
  GCM_ALIGN_RIGHT,
} GcmAlign;

typedef struct _GcmBlock GcmBlock;

struct _GcmBlock
{
  GcmBlockKind    kind;
  char           *markup;       /* Pango markup, escaped; links as <a href="…"> */
  char           *text;         /* plain text of this block and its children */
  char           *src;          /* images */
  char           *title;        /* images */
  int             level;        /* headings */
  int             start;        /* ordered lists */
  int             columns;      /* tables */
  GcmAlign        align;        /* table cells */
  GcmCalloutKind  callout_kind; /* callouts */
  gboolean        is_header;    /* table rows */
  gboolean        is_task;      /* list items */
  gboolean        is_checked;   /* list items */
  GPtrArray      *children;     /* (element-type GcmBlock), never NULL */
};

#define GCM_TYPE_DOCUMENT (gcm_document_get_type ())

G_DECLARE_FINAL_TYPE (GcmDocument, gcm_document, GCM, DOCUMENT, GObject)

GcmDocument *gcm_document_new_from_markdown (const char  *markdown,
                                             gssize       length);
GPtrArray   *gcm_document_get_blocks        (GcmDocument *self);
char        *gcm_document_dup_plain_text    (GcmDocument *self);
char        *gcm_document_dup_headings      (GcmDocument *self);
GPtrArray   *gcm_document_get_links         (GcmDocument *self);
GPtrArray   *gcm_document_get_images        (GcmDocument *self);

G_END_DECLS
