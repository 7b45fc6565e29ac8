/* gcm-document.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * GcmDocument is the immutable result of parsing one Markdown body. md4c walks the text and
 * calls back for every block, span and run of text; this file turns those callbacks into a
 * tree of GcmBlock. Inline content never becomes nodes of its own: it is flattened into
 * Pango markup (for display) and plain text (for the search index) on the enclosing block.
 *
 * The parser owns nothing beyond the parse; the document owns the blocks and the lists of
 * link and image targets it found. Nothing here touches GTK, so the publisher, the store and
 * the fuzzer can all use it.
 */

#define G_LOG_DOMAIN "GcmDocument"

#include <string.h>

#include <md4c.h>

#include "gcm-document.h"
#include "gcm-html-entities.h"

/* Deeper nesting of quotes and lists is folded into the deepest allowed container, so every
 * walk over the tree (freeing it, rendering it) stays far away from the stack limit whatever
 * the input looks like. Real manual pages never come close. */
#define MAX_CONTAINER_DEPTH 24

struct _GcmDocument
{
  GObject    parent_instance;

  GPtrArray *blocks; /* (element-type GcmBlock) */
  GPtrArray *links;  /* (element-type utf8) */
  GPtrArray *images; /* (element-type utf8) */
};

G_DEFINE_FINAL_TYPE (GcmDocument, gcm_document, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* Blocks                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
block_free (GcmBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->markup);
  g_free (block->text);
  g_free (block->src);
  g_free (block->title);
  g_clear_pointer (&block->children, g_ptr_array_unref);
  g_free (block);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmBlock, block_free)

static GcmBlock *
block_new (GcmBlockKind kind)
{
  GcmBlock *block = g_new0 (GcmBlock, 1);

  block->kind = kind;
  block->children = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  return block;
}

/* ------------------------------------------------------------------------------------------ */
/* Parser state                                                                                */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  MD_BLOCKTYPE  type;
  GcmBlock     *block;        /* borrowed from the tree; NULL for folded or transparent frames */
  gboolean      is_callout;   /* quotes: the first paragraph started with a callout word */
  GcmCalloutKind callout_kind;
} Frame;

typedef struct
{
  const char *close;          /* closing tag to emit on leave, or NULL */
  gsize       markup_start;   /* links: markup length right after the opening tag */
  gboolean    is_link;
  gboolean    is_image;
  gboolean    is_lead_strong; /* a strong span opened at the very start of the block */
  gboolean    had_image;      /* links: an image was lifted out of this link */
  gsize       href_start;     /* links: where the escaped destination sits in the markup */
  gsize       href_len;
  char       *href;           /* links: (owned) the destination */
} SpanFrame;

/* The block whose inline content is being collected: a paragraph, heading, code block, table
 * cell, or a paragraph opened implicitly for the text of a tight list item. */
typedef struct
{
  GcmBlock  *block;
  MD_BLOCKTYPE type;
  gboolean   implicit;
  GString   *markup;
  GString   *text;
  gboolean   has_text;        /* something visible besides images was added */
  GPtrArray *images;          /* (element-type GcmBlock) lifted out of the inline flow */

  /* The leading **bold** run, to recognise callouts */
  gboolean   has_lead_strong;
  gsize      lead_markup_end;
  gsize      lead_text_end;

  /* Image being collected */
  guint      image_depth;
  GString   *alt;
  char      *image_src;
  char      *image_title;
  char      *last_alt;        /* alt of the last image lifted, as fallback link text */
  gboolean   after_image;     /* an image was just lifted out of the text */
} Leaf;

typedef struct
{
  GcmBlock   *root;
  GArray     *frames;         /* (element-type Frame) */
  GArray     *spans;          /* (element-type SpanFrame) */
  Leaf       *leaf;
  guint       depth;          /* real container depth */
  gboolean    in_thead;
  GPtrArray  *links;
  GHashTable *links_seen;
  GPtrArray  *images;
  GHashTable *images_seen;
} Parser;

static void
leaf_free (Leaf *leaf)
{
  if (leaf == NULL)
    return;

  g_clear_pointer (&leaf->block, block_free);
  g_string_free (leaf->markup, TRUE);
  g_string_free (leaf->text, TRUE);
  g_string_free (leaf->alt, TRUE);
  g_clear_pointer (&leaf->images, g_ptr_array_unref);
  g_free (leaf->image_src);
  g_free (leaf->image_title);
  g_free (leaf->last_alt);
  g_free (leaf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Leaf, leaf_free)

/* Joins the substrings of an attribute (href, src, title) into one decoded string. */
static char *
attribute_dup (const MD_ATTRIBUTE *attr)
{
  GString *out = g_string_new (NULL);

  if (attr->text == NULL || attr->size == 0)
    return g_string_free (out, FALSE);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      MD_OFFSET start = attr->substr_offsets[i];
      MD_OFFSET end = attr->substr_offsets[i + 1];
      const char *piece = attr->text + start;
      gsize len = end - start;

      switch (attr->substr_types[i])
        {
        case MD_TEXT_ENTITY:
          gcm_html_entity_append (out, piece, len);
          break;

        case MD_TEXT_NULLCHAR:
          g_string_append (out, "\xef\xbf\xbd");
          break;

        case MD_TEXT_NORMAL:
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
        case MD_TEXT_CODE:
        case MD_TEXT_HTML:
        case MD_TEXT_LATEXMATH:
        default:
          g_string_append_len (out, piece, len);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
append_escaped (GString    *markup,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (markup, escaped);
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (text[i]))
        return FALSE;
    }

  return TRUE;
}

static void
collect (GPtrArray  *list,
         GHashTable *seen,
         const char *value)
{
  char *copy;

  if (value == NULL || *value == '\0' || g_hash_table_contains (seen, value))
    return;

  copy = g_strdup (value);
  g_ptr_array_add (list, copy);
  g_hash_table_add (seen, copy);
}

static char *
make_valid (GString *string)
{
  if (!g_utf8_validate (string->str, string->len, NULL))
    return g_utf8_make_valid (string->str, string->len);

  return g_strndup (string->str, string->len);
}

/* Markup never ends or starts with a tag's inside, so plain whitespace at either end is text. */
static void
trim_whitespace (GString *string)
{
  gsize start = 0;

  while (string->len > 0 && g_ascii_isspace (string->str[string->len - 1]))
    g_string_truncate (string, string->len - 1);

  while (start < string->len && g_ascii_isspace (string->str[start]))
    start++;

  if (start > 0)
    g_string_erase (string, 0, start);
}

/* The text of @blocks, those that have any, with @separator between: one block a line (cells
 * of a row: a tab). */
static char *
join_text (GPtrArray  *blocks,
           const char *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);

      if (block->text == NULL || *block->text == '\0')
        continue;

      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, block->text);
    }

  return g_string_free (out, FALSE);
}

static Frame *
top_frame (Parser *parser)
{
  if (parser->frames->len == 0)
    return NULL;

  return &g_array_index (parser->frames, Frame, parser->frames->len - 1);
}

/* The block that receives new children: the innermost real container. */
static GcmBlock *
current_container (Parser *parser)
{
  for (guint i = parser->frames->len; i > 0; i--)
    {
      Frame *frame = &g_array_index (parser->frames, Frame, i - 1);

      if (frame->block != NULL)
        return frame->block;
    }

  return parser->root;
}

/* The real container frame the leaf is about to be added to, if any. */
static Frame *
container_frame (Parser *parser)
{
  for (guint i = parser->frames->len; i > 0; i--)
    {
      Frame *frame = &g_array_index (parser->frames, Frame, i - 1);

      if (frame->block != NULL)
        return frame;
    }

  return NULL;
}

static gboolean
match_callout_word (const char     *word,
                    gsize           len,
                    GcmCalloutKind *kind)
{
  g_autofree char *copy = g_strndup (word, len);

  g_strstrip (copy);
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == ':')
    copy[len - 1] = '\0';
  g_strchomp (copy);

  if (g_ascii_strcasecmp (copy, "warning") == 0)
    *kind = GCM_CALLOUT_WARNING;
  else if (g_ascii_strcasecmp (copy, "note") == 0)
    *kind = GCM_CALLOUT_NOTE;
  else if (g_ascii_strcasecmp (copy, "tip") == 0)
    *kind = GCM_CALLOUT_TIP;
  else
    return FALSE;

  return TRUE;
}

/* Drops an optional ':' and the whitespace that follows the callout word. */
static const char *
skip_after_word (const char *str)
{
  if (*str == ':')
    str++;

  while (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\r')
    str++;

  return str;
}

/* ------------------------------------------------------------------------------------------ */
/* Leaves                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
open_leaf (Parser       *parser,
           MD_BLOCKTYPE  type,
           GcmBlockKind  kind,
           gboolean      implicit)
{
  Leaf *leaf;

  g_assert (parser->leaf == NULL);

  leaf = g_new0 (Leaf, 1);
  leaf->block = block_new (kind);
  leaf->type = type;
  leaf->implicit = implicit;
  leaf->markup = g_string_new (NULL);
  leaf->text = g_string_new (NULL);
  leaf->alt = g_string_new (NULL);
  leaf->images = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  parser->leaf = leaf;
}

static void
close_spans (Parser *parser,
             Leaf   *leaf)
{
  /* Only reached when md4c stopped half-way: keep the markup balanced anyway. */
  while (parser->spans->len > 0)
    {
      SpanFrame *span = &g_array_index (parser->spans, SpanFrame, parser->spans->len - 1);

      if (span->close != NULL)
        g_string_append (leaf->markup, span->close);
      g_free (span->href);
      g_array_set_size (parser->spans, parser->spans->len - 1);
    }

  leaf->image_depth = 0;
}

static void
finish_leaf (Parser *parser)
{
  g_autoptr(Leaf) leaf = g_steal_pointer (&parser->leaf);
  g_autoptr(GcmBlock) block = NULL;
  GcmBlock *container;
  Frame *frame;
  gboolean keep = TRUE;

  if (leaf == NULL)
    return;

  close_spans (parser, leaf);

  block = g_steal_pointer (&leaf->block);
  container = current_container (parser);
  frame = container_frame (parser);

  /* First paragraph of a quote starting with **Warning**, **Note** or **Tip**: the quote
   * becomes a callout and the word goes, along with a colon and spaces after it */
  if (block->kind == GCM_BLOCK_PARAGRAPH &&
      leaf->has_lead_strong &&
      frame != NULL &&
      frame->type == MD_BLOCK_QUOTE &&
      frame->block->children->len == 0 &&
      match_callout_word (leaf->text->str, leaf->lead_text_end, &frame->callout_kind))
    {
      const char *markup_rest = skip_after_word (leaf->markup->str + leaf->lead_markup_end);
      const char *text_rest = skip_after_word (leaf->text->str + leaf->lead_text_end);

      g_string_erase (leaf->markup, 0, markup_rest - leaf->markup->str);
      g_string_erase (leaf->text, 0, text_rest - leaf->text->str);
      frame->is_callout = TRUE;

      /* "> **Warning**" alone on its line leaves nothing worth a paragraph */
      if (is_blank (leaf->text->str, leaf->text->len) && leaf->images->len == 0)
        keep = FALSE;
    }

  if (block->kind == GCM_BLOCK_CODE)
    {
      /* Code keeps its text verbatim, minus the final newline md4c passes along */
      if (leaf->text->len > 0 && leaf->text->str[leaf->text->len - 1] == '\n')
        g_string_truncate (leaf->text, leaf->text->len - 1);
      block->text = make_valid (leaf->text);
      block->markup = g_markup_escape_text (block->text, -1);
    }
  else
    {
      /* Lifting images out can leave spaces at either end */
      trim_whitespace (leaf->markup);
      trim_whitespace (leaf->text);
      block->markup = make_valid (leaf->markup);
      block->text = make_valid (leaf->text);
    }

  /* A paragraph holding nothing but images is replaced by them */
  if (block->kind == GCM_BLOCK_PARAGRAPH && leaf->images->len > 0 && !leaf->has_text)
    keep = FALSE;

  if (block->kind == GCM_BLOCK_TABLE_CELL)
    {
      /* Cells cannot have siblings that are not cells: images stay inside the cell */
      g_ptr_array_extend_and_steal (block->children, g_steal_pointer (&leaf->images));
      g_ptr_array_add (container->children, g_steal_pointer (&block));
      return;
    }

  if (keep)
    g_ptr_array_add (container->children, g_steal_pointer (&block));

  g_ptr_array_extend_and_steal (container->children, g_steal_pointer (&leaf->images));
}

static void
ensure_leaf (Parser *parser)
{
  if (parser->leaf == NULL)
    open_leaf (parser, MD_BLOCK_P, GCM_BLOCK_PARAGRAPH, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* md4c callbacks                                                                              */
/* ------------------------------------------------------------------------------------------ */

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Parser *parser = user_data;
  Frame frame = { type, NULL, FALSE, GCM_CALLOUT_NOTE };
  GcmBlock *block = NULL;

  /* Tight list items carry their text directly; a block after it ends that text. */
  if (parser->leaf != NULL && parser->leaf->implicit)
    finish_leaf (parser);

  switch (type)
    {
    case MD_BLOCK_DOC:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_HTML:
      break;

    case MD_BLOCK_THEAD:
      parser->in_thead = TRUE;
      break;

    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
      if (parser->depth >= MAX_CONTAINER_DEPTH)
        break;

      if (type == MD_BLOCK_QUOTE)
        {
          block = block_new (GCM_BLOCK_QUOTE);
        }
      else if (type == MD_BLOCK_UL)
        {
          block = block_new (GCM_BLOCK_BULLET_LIST);
        }
      else if (type == MD_BLOCK_OL)
        {
          MD_BLOCK_OL_DETAIL *ol = detail;

          block = block_new (GCM_BLOCK_ORDERED_LIST);
          block->start = (int) MIN (ol->start, (unsigned) G_MAXINT);
        }
      else
        {
          MD_BLOCK_LI_DETAIL *li = detail;

          block = block_new (GCM_BLOCK_LIST_ITEM);
          block->is_task = li->is_task != 0;
          block->is_checked = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
        }
      parser->depth++;
      break;

    case MD_BLOCK_TABLE:
      {
        MD_BLOCK_TABLE_DETAIL *table = detail;

        block = block_new (GCM_BLOCK_TABLE);
        block->columns = (int) MIN (table->col_count, (unsigned) G_MAXINT);
      }
      break;

    case MD_BLOCK_TR:
      block = block_new (GCM_BLOCK_TABLE_ROW);
      block->is_header = parser->in_thead;
      break;

    case MD_BLOCK_HR:
      {
        GcmBlock *rule = block_new (GCM_BLOCK_RULE);

        rule->text = g_strdup ("");
        g_ptr_array_add (current_container (parser)->children, rule);
      }
      break;

    case MD_BLOCK_H:
      {
        MD_BLOCK_H_DETAIL *h = detail;

        if (parser->leaf != NULL)
          finish_leaf (parser);
        open_leaf (parser, type, GCM_BLOCK_HEADING, FALSE);
        parser->leaf->block->level = CLAMP ((int) h->level, 1, 6);
      }
      break;

    case MD_BLOCK_CODE:
    case MD_BLOCK_P:
      if (parser->leaf != NULL)
        finish_leaf (parser);
      open_leaf (parser, type, type == MD_BLOCK_P ? GCM_BLOCK_PARAGRAPH : GCM_BLOCK_CODE, FALSE);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      {
        MD_BLOCK_TD_DETAIL *td = detail;

        if (parser->leaf != NULL)
          finish_leaf (parser);
        open_leaf (parser, type, GCM_BLOCK_TABLE_CELL, FALSE);
        switch (td->align)
          {
          case MD_ALIGN_LEFT:
            parser->leaf->block->align = GCM_ALIGN_LEFT;
            break;
          case MD_ALIGN_CENTER:
            parser->leaf->block->align = GCM_ALIGN_CENTER;
            break;
          case MD_ALIGN_RIGHT:
            parser->leaf->block->align = GCM_ALIGN_RIGHT;
            break;
          case MD_ALIGN_DEFAULT:
          default:
            parser->leaf->block->align = GCM_ALIGN_DEFAULT;
            break;
          }
      }
      break;

    default:
      break;
    }

  if (block != NULL)
    {
      g_ptr_array_add (current_container (parser)->children, block);
      frame.block = block;
    }

  g_array_append_val (parser->frames, frame);

  return 0;
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Parser *parser = user_data;
  Frame frame;

  if (parser->frames->len == 0)
    return 0;

  /* Text collected for this block, or the implicit paragraph of a tight list item */
  if (parser->leaf != NULL &&
      (parser->leaf->implicit || parser->leaf->type == type))
    finish_leaf (parser);

  frame = *top_frame (parser);
  g_array_set_size (parser->frames, parser->frames->len - 1);

  if (type == MD_BLOCK_THEAD)
    parser->in_thead = FALSE;

  if (frame.block == NULL)
    return 0;

  switch (frame.block->kind)
    {
    case GCM_BLOCK_QUOTE:
      if (frame.is_callout)
        {
          frame.block->kind = GCM_BLOCK_CALLOUT;
          frame.block->callout_kind = frame.callout_kind;
        }
      G_GNUC_FALLTHROUGH;
    case GCM_BLOCK_BULLET_LIST:
    case GCM_BLOCK_ORDERED_LIST:
    case GCM_BLOCK_LIST_ITEM:
      parser->depth--;
      frame.block->text = join_text (frame.block->children, "\n");
      break;

    case GCM_BLOCK_TABLE_ROW:
      frame.block->text = join_text (frame.block->children, "\t");
      break;

    case GCM_BLOCK_TABLE:
      frame.block->text = join_text (frame.block->children, "\n");
      break;

    case GCM_BLOCK_PARAGRAPH:
    case GCM_BLOCK_HEADING:
    case GCM_BLOCK_CALLOUT:
    case GCM_BLOCK_CODE:
    case GCM_BLOCK_TABLE_CELL:
    case GCM_BLOCK_IMAGE:
    case GCM_BLOCK_RULE:
    default:
      break;
    }

  return 0;
}

/* Opens a Pango tag, which @span closes on leave. */
static void
open_tag (Leaf       *leaf,
          SpanFrame  *span,
          const char *open,
          const char *close)
{
  g_string_append (leaf->markup, open);
  span->close = close;
}

static int
enter_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Parser *parser = user_data;
  SpanFrame span = { 0 };
  Leaf *leaf;

  ensure_leaf (parser);
  leaf = parser->leaf;

  /* Inside an image everything is alt text: no markup at all */
  if (leaf->image_depth > 0)
    {
      if (type == MD_SPAN_IMG)
        {
          span.is_image = TRUE;
          leaf->image_depth++;
        }
      g_array_append_val (parser->spans, span);
      return 0;
    }

  switch (type)
    {
    case MD_SPAN_EM:
      open_tag (leaf, &span, "<i>", "</i>");
      break;

    case MD_SPAN_STRONG:
      if (leaf->markup->len == 0 && leaf->text->len == 0 && leaf->images->len == 0 &&
          !leaf->has_lead_strong)
        span.is_lead_strong = TRUE;
      open_tag (leaf, &span, "<b>", "</b>");
      break;

    case MD_SPAN_CODE:
      open_tag (leaf, &span, "<tt>", "</tt>");
      break;

    case MD_SPAN_DEL:
      open_tag (leaf, &span, "<s>", "</s>");
      break;

    case MD_SPAN_U:
      open_tag (leaf, &span, "<u>", "</u>");
      break;

    case MD_SPAN_A:
      {
        MD_SPAN_A_DETAIL *a = detail;
        g_autofree char *href = attribute_dup (&a->href);
        g_autofree char *title = attribute_dup (&a->title);

        if (!g_utf8_validate (href, -1, NULL) || !g_utf8_validate (title, -1, NULL))
          break;

        span.is_link = TRUE;

        /* An empty destination is no link at all: keep the text, drop the anchor */
        if (*href == '\0')
          break;

        g_string_append (leaf->markup, "<a href=\"");
        span.href_start = leaf->markup->len;
        append_escaped (leaf->markup, href, -1);
        span.href_len = leaf->markup->len - span.href_start;
        if (*title != '\0')
          {
            g_string_append (leaf->markup, "\" title=\"");
            append_escaped (leaf->markup, title, -1);
          }
        g_string_append (leaf->markup, "\">");
        span.close = "</a>";
        span.markup_start = leaf->markup->len;

        collect (parser->links, parser->links_seen, href);
        span.href = g_steal_pointer (&href);
      }
      break;

    case MD_SPAN_IMG:
      {
        MD_SPAN_IMG_DETAIL *img = detail;

        span.is_image = TRUE;
        leaf->image_depth = 1;
        g_string_truncate (leaf->alt, 0);
        g_free (leaf->image_src);
        g_free (leaf->image_title);
        leaf->image_src = attribute_dup (&img->src);
        leaf->image_title = attribute_dup (&img->title);
      }
      break;

    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      break;
    }

  g_array_append_val (parser->spans, span);

  return 0;
}

static void
lift_image (Parser *parser)
{
  Leaf *leaf = parser->leaf;
  GcmBlock *image = block_new (GCM_BLOCK_IMAGE);
  g_autofree char *alt = make_valid (leaf->alt);

  image->src = g_utf8_make_valid (leaf->image_src, -1);
  image->title = *leaf->image_title != '\0' ? g_utf8_make_valid (leaf->image_title, -1) : NULL;
  image->text = g_strdup (g_strstrip (alt));
  image->markup = g_markup_escape_text (image->text, -1);

  g_clear_pointer (&leaf->image_src, g_free);
  g_clear_pointer (&leaf->image_title, g_free);
  g_free (leaf->last_alt);
  leaf->last_alt = g_strdup (image->text);

  collect (parser->images, parser->images_seen, image->src);
  g_ptr_array_add (leaf->images, image);
  leaf->after_image = TRUE;
}

static int
leave_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Parser *parser = user_data;
  Leaf *leaf = parser->leaf;
  SpanFrame span;

  if (parser->spans->len == 0 || leaf == NULL)
    return 0;

  span = g_array_index (parser->spans, SpanFrame, parser->spans->len - 1);
  g_array_set_size (parser->spans, parser->spans->len - 1);

  if (span.is_image)
    {
      g_assert (leaf->image_depth > 0);

      leaf->image_depth--;
      if (leaf->image_depth == 0)
        {
          lift_image (parser);

          /* Tell the enclosing link, if any, that it wraps an image */
          for (guint i = parser->spans->len; i > 0; i--)
            {
              SpanFrame *outer = &g_array_index (parser->spans, SpanFrame, i - 1);

              if (outer->is_link)
                {
                  outer->had_image = TRUE;
                  break;
                }
            }
        }
      return 0;
    }

  if (span.is_link && span.close != NULL && leaf->markup->len == span.markup_start)
    {
      /* [![alt](src)](href): the image is lifted out, so the link needs words of its own:
       * the image's alt text, or else the destination itself */
      if (span.had_image && leaf->last_alt != NULL && *leaf->last_alt != '\0')
        {
          append_escaped (leaf->markup, leaf->last_alt, -1);
          g_string_append (leaf->text, leaf->last_alt);
        }
      else
        {
          g_autofree char *escaped_href = g_strndup (leaf->markup->str + span.href_start,
                                                     span.href_len);

          g_string_append (leaf->markup, escaped_href);
          g_string_append (leaf->text, span.href);
        }

      leaf->has_text = TRUE;
    }

  g_free (span.href);

  if (span.is_lead_strong)
    {
      g_string_append (leaf->markup, span.close);
      leaf->has_lead_strong = TRUE;
      leaf->lead_markup_end = leaf->markup->len;
      leaf->lead_text_end = leaf->text->len;
      return 0;
    }

  if (span.close != NULL)
    g_string_append (leaf->markup, span.close);

  return 0;
}

static int
text_cb (MD_TEXTTYPE     type,
         const MD_CHAR  *text,
         MD_SIZE         size,
         void           *user_data)
{
  Parser *parser = user_data;
  Leaf *leaf;
  g_autoptr(GString) decoded = NULL;

  /* Raw HTML never reaches us with MD_FLAG_NOHTML; drop it should that ever change */
  if (type == MD_TEXT_HTML)
    return 0;

  ensure_leaf (parser);
  leaf = parser->leaf;

  decoded = g_string_sized_new (size + 1);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (decoded, "\xef\xbf\xbd");
      break;

    case MD_TEXT_BR:
      g_string_append_c (decoded, leaf->image_depth > 0 ? ' ' : '\n');
      break;

    case MD_TEXT_SOFTBR:
      g_string_append_c (decoded, ' ');
      break;

    case MD_TEXT_ENTITY:
      gcm_html_entity_append (decoded, text, size);
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
    case MD_TEXT_HTML:
    default:
      g_string_append_len (decoded, text, size);
      break;
    }

  if (leaf->image_depth > 0)
    {
      g_string_append_len (leaf->alt, decoded->str, decoded->len);
      return 0;
    }

  /* "before ![x](y) after" reads "before after", not "before  after" */
  if (leaf->after_image && leaf->text->len > 0 &&
      g_ascii_isspace (leaf->text->str[leaf->text->len - 1]))
    {
      gsize skip = 0;

      while (skip < decoded->len && decoded->str[skip] == ' ')
        skip++;
      g_string_erase (decoded, 0, skip);
    }
  leaf->after_image = FALSE;

  g_string_append_len (leaf->text, decoded->str, decoded->len);
  if (leaf->type != MD_BLOCK_CODE)
    append_escaped (leaf->markup, decoded->str, decoded->len);

  if (!is_blank (decoded->str, decoded->len))
    leaf->has_text = TRUE;

  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Walks                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
collect_headings (GPtrArray *blocks,
                  GString   *out)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == GCM_BLOCK_HEADING)
        {
          if (block->text == NULL || *block->text == '\0')
            continue;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, block->text);
        }
      else
        {
          collect_headings (block->children, out);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
gcm_document_finalize (GObject *object)
{
  GcmDocument *self = (GcmDocument *) object;

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);

  G_OBJECT_CLASS (gcm_document_parent_class)->finalize (object);
}

static void
gcm_document_class_init (GcmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gcm_document_finalize;
}

static void
gcm_document_init (GcmDocument *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * gcm_document_new_from_markdown:
 * @markdown: (array length=length): Markdown text, in any encoding-damaged state
 * @length: length of @markdown in bytes, or -1 if it is nul-terminated
 *
 * Parses GitHub-flavoured Markdown without raw HTML. This never fails: invalid UTF-8 is
 * repaired first, and whatever md4c could make of the input is kept.
 *
 * Returns: (transfer full): a new document
 */
GcmDocument *
gcm_document_new_from_markdown (const char *markdown,
                                gssize      length)
{
  GcmDocument *self = g_object_new (GCM_TYPE_DOCUMENT, NULL);
  g_autofree char *valid = NULL;
  gsize valid_len;
  Parser parser = { 0 };
  MD_PARSER md = { 0 };

  if (markdown == NULL)
    length = 0;
  else if (length < 0)
    length = (gssize) strlen (markdown);

  valid = g_utf8_make_valid (markdown != NULL ? markdown : "", length);
  valid_len = strlen (valid);

  parser.root = block_new (GCM_BLOCK_QUOTE);
  parser.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  parser.spans = g_array_new (FALSE, FALSE, sizeof (SpanFrame));
  parser.links = g_ptr_array_new_with_free_func (g_free);
  parser.links_seen = g_hash_table_new (g_str_hash, g_str_equal);
  parser.images = g_ptr_array_new_with_free_func (g_free);
  parser.images_seen = g_hash_table_new (g_str_hash, g_str_equal);

  md.abi_version = 0;
  md.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  md.enter_block = enter_block_cb;
  md.leave_block = leave_block_cb;
  md.enter_span = enter_span_cb;
  md.leave_span = leave_span_cb;
  md.text = text_cb;

  if (valid_len <= G_MAXUINT)
    {
      if (md_parse (valid, (MD_SIZE) valid_len, &md, &parser) != 0)
        g_debug ("md4c stopped early; keeping what was parsed");
    }

  /* Normally everything is closed by now; after an early stop, close what is left */
  if (parser.leaf != NULL)
    finish_leaf (&parser);
  while (parser.frames->len > 0)
    leave_block_cb (top_frame (&parser)->type, NULL, &parser);

  self->blocks = g_steal_pointer (&parser.root->children);
  self->links = g_steal_pointer (&parser.links);
  self->images = g_steal_pointer (&parser.images);

  parser.root->children = g_ptr_array_new ();
  block_free (parser.root);
  g_array_unref (parser.frames);
  g_array_unref (parser.spans);
  g_hash_table_unref (parser.links_seen);
  g_hash_table_unref (parser.images_seen);

  return self;
}

/**
 * gcm_document_get_blocks:
 * @self: a #GcmDocument
 *
 * Returns: (transfer none) (element-type GcmBlock): the top-level blocks
 */
GPtrArray *
gcm_document_get_blocks (GcmDocument *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT (self), NULL);

  return self->blocks;
}

/**
 * gcm_document_dup_plain_text:
 * @self: a #GcmDocument
 *
 * The text of every block, one top-level block a line, for the search index.
 *
 * Returns: (transfer full): the plain text
 */
char *
gcm_document_dup_plain_text (GcmDocument *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT (self), NULL);

  return join_text (self->blocks, "\n");
}

/**
 * gcm_document_dup_headings:
 * @self: a #GcmDocument
 *
 * Returns: (transfer full): the text of every heading, one a line
 */
char *
gcm_document_dup_headings (GcmDocument *self)
{
  GString *out;

  g_return_val_if_fail (GCM_IS_DOCUMENT (self), NULL);

  out = g_string_new (NULL);
  collect_headings (self->blocks, out);

  return g_string_free (out, FALSE);
}

/**
 * gcm_document_get_links:
 * @self: a #GcmDocument
 *
 * Every link destination in the document, in order of first appearance, each once.
 *
 * Returns: (transfer none) (element-type utf8): the link destinations
 */
GPtrArray *
gcm_document_get_links (GcmDocument *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT (self), NULL);

  return self->links;
}

/**
 * gcm_document_get_images:
 * @self: a #GcmDocument
 *
 * Every image source as written (e.g. "media:x.svg"), in order of first appearance, each once.
 *
 * Returns: (transfer none) (element-type utf8): the image sources
 */
GPtrArray *
gcm_document_get_images (GcmDocument *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT (self), NULL);

  return self->images;
}
