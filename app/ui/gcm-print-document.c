/* gcm-print-document.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A printed document drawn with cairo and Pango, the one drawing code behind every page the app
 * prints or exports: a procedure's checklist handout, a learning path's certificate. It is a
 * list of blocks (title, headings, paragraphs, list entries, numbered steps with a box to tick,
 * rows of two columns); paginate() lays them out for a page and breaks pages between lines,
 * never through one, keeping a heading with what follows it; every page has a footer with its
 * number. The same pages go to a PDF file (cairo-pdf embeds the subsets of the fonts used) or
 * to a printer through GtkPrintOperation.
 */

#define G_LOG_DOMAIN "GcmPrintDocument"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "gcm-print-document.h"

/* Points: 72 to the inch. */
#define MARGIN         50.0
#define FOOTER_HEIGHT  28.0
#define CHECK_GUTTER   34.0
#define BULLET_INDENT  14.0
#define ROW_RIGHT      70.0
#define FRAME_INSET    24.0   /* a certificate's border, from the page's edge */
/* One family with Hangul and Latin, so a Korean name and an English title set alike. */
#define FONT_FAMILY    "Noto Sans CJK KR, Noto Sans, sans-serif"

typedef enum
{
  BLOCK_CHECK = GCM_PRINT_BLOCK_DISPLAY + 1,
  BLOCK_ROW,
  BLOCK_SPACE,
} BlockExtra;

typedef struct
{
  int          kind;        /* GcmPrintBlockKind or BlockExtra */
  char        *text;
  char        *right;       /* a row's right column */
  guint        number;      /* a check's */
  double       space;       /* BLOCK_SPACE's height */
  PangoLayout *layout;      /* from the last paginate() */
  PangoLayout *aside;       /* the number of a check, the bullet, a row's right column */
} Block;

typedef struct
{
  guint  page;
  guint  block;
  int    line;
  double y;                 /* of the baseline, from the top of the content area */
} Placement;

typedef struct
{
  double size;
  gboolean bold;
  gboolean italic;
  gboolean grey;
  double before;
  double after;
  double indent;
} Style;

struct _GcmPrintDocument
{
  GObject       parent_instance;

  char         *title;
  char         *footer;
  gboolean      centered;
  GPtrArray    *blocks;      /* (element-type Block) */

  PangoContext *context;
  GArray       *placements;  /* (element-type Placement) */
  guint         n_pages;
  double        width;       /* of the page area given to paginate() */
  double        height;
  double        row_inset;   /* rows of two columns stand this far in from each side */
};

G_DEFINE_FINAL_TYPE (GcmPrintDocument, gcm_print_document, G_TYPE_OBJECT)

static const Style *
block_style (int kind)
{
  static const Style styles[] = {
    [GCM_PRINT_BLOCK_TITLE]     = { 20, TRUE, FALSE, FALSE, 0, 6, 0 },
    [GCM_PRINT_BLOCK_SUBTITLE]  = { 11, FALSE, FALSE, TRUE, 0, 12, 0 },
    [GCM_PRINT_BLOCK_HEADING]   = { 13, TRUE, FALSE, FALSE, 12, 4, 0 },
    [GCM_PRINT_BLOCK_PARAGRAPH] = { 10.5, FALSE, FALSE, FALSE, 0, 6, 0 },
    [GCM_PRINT_BLOCK_BULLET]    = { 10.5, FALSE, FALSE, FALSE, 0, 3, BULLET_INDENT },
    [GCM_PRINT_BLOCK_WARNING]   = { 10, FALSE, TRUE, FALSE, 0, 5, CHECK_GUTTER },
    [GCM_PRINT_BLOCK_NOTE]      = { 8.5, FALSE, FALSE, TRUE, 0, 4, 0 },
    [GCM_PRINT_BLOCK_DISPLAY]   = { 26, TRUE, FALSE, FALSE, 0, 10, 0 },
    [BLOCK_CHECK]               = { 10.5, FALSE, FALSE, FALSE, 4, 4, CHECK_GUTTER },
    [BLOCK_ROW]                 = { 10.5, FALSE, FALSE, FALSE, 0, 4, 0 },
    [BLOCK_SPACE]               = { 10, FALSE, FALSE, FALSE, 0, 0, 0 },
  };

  return &styles[kind];
}

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->right);
  g_clear_object (&block->layout);
  g_clear_object (&block->aside);
  g_free (block);
}

/**
 * gcm_print_document_new:
 * @title: the document's name, for the PDF's metadata and the print job
 *
 * Returns: (transfer full): an empty document
 */
GcmPrintDocument *
gcm_print_document_new (const char *title)
{
  GcmPrintDocument *self = g_object_new (GCM_TYPE_PRINT_DOCUMENT, NULL);

  self->title = g_strdup (title ? title : "");
  return self;
}

/* Every block centred on the page, as on a certificate. */
void
gcm_print_document_set_centered (GcmPrintDocument *self,
                                 gboolean          centered)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  self->centered = centered;
}

/* What every page says at its foot, beside its number. */
void
gcm_print_document_set_footer (GcmPrintDocument *self,
                               const char       *footer)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  g_free (self->footer);
  self->footer = g_strdup (footer);
}

static Block *
append_block (GcmPrintDocument *self,
              int               kind,
              const char       *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text ? text : "");
  g_ptr_array_add (self->blocks, block);
  return block;
}

/* @text is plain text, never markup. */
void
gcm_print_document_add (GcmPrintDocument  *self,
                        GcmPrintBlockKind  kind,
                        const char        *text)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (kind <= GCM_PRINT_BLOCK_DISPLAY);
  append_block (self, kind, text);
}

/* A numbered step with an empty box to tick. */
void
gcm_print_document_add_check (GcmPrintDocument *self,
                              guint             number,
                              const char       *text)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  append_block (self, BLOCK_CHECK, text)->number = number;
}

/* Two columns: @left wraps, @right stands at the right edge (a score). */
void
gcm_print_document_add_row (GcmPrintDocument *self,
                            const char       *left,
                            const char       *right)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  append_block (self, BLOCK_ROW, left)->right = g_strdup (right ? right : "");
}

void
gcm_print_document_add_space (GcmPrintDocument *self,
                              double            points)
{
  g_return_if_fail (GCM_IS_PRINT_DOCUMENT (self));
  append_block (self, BLOCK_SPACE, NULL)->space = points;
}

static PangoLayout *
new_layout (GcmPrintDocument *self,
            const Style      *style,
            const char       *text,
            double            width,
            PangoAlignment    alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Builds the layouts of every block for the content width. */
static void
lay_out_blocks (GcmPrintDocument *self,
                double            width)
{
  PangoAlignment alignment = self->centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      const Style *style = block_style (block->kind);
      double text_width = width - style->indent;

      g_clear_object (&block->layout);
      g_clear_object (&block->aside);
      if (block->kind == BLOCK_SPACE)
        continue;
      if (block->kind == BLOCK_ROW)
        {
          text_width = width - 2 * self->row_inset - ROW_RIGHT;
          block->aside = new_layout (self, style, block->right, ROW_RIGHT, PANGO_ALIGN_RIGHT);
        }
      else if (block->kind == BLOCK_CHECK)
        {
          g_autofree char *number = g_strdup_printf ("%u.", block->number);
          block->aside = new_layout (self, style, number, CHECK_GUTTER - 16, PANGO_ALIGN_RIGHT);
        }
      else if (block->kind == GCM_PRINT_BLOCK_BULLET)
        block->aside = new_layout (self, style, "•", -1, PANGO_ALIGN_LEFT);
      block->layout = new_layout (self, style, block->text, text_width,
                                  block->kind == BLOCK_ROW || block->kind == BLOCK_CHECK ||
                                  block->kind == GCM_PRINT_BLOCK_BULLET ||
                                  block->kind == GCM_PRINT_BLOCK_WARNING ? PANGO_ALIGN_LEFT : alignment);
    }
}

/* The height of line @n of @layout and its baseline below the line's top, in points. */
static void
line_metrics (PangoLayout *layout,
              int          n,
              double      *height,
              double      *baseline)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;

  for (int i = 0; i < n; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  *height = (double) logical.height / PANGO_SCALE;
  *baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
  pango_layout_iter_free (iter);
}

static double
block_height (Block *block)
{
  const Style *style = block_style (block->kind);
  PangoRectangle logical;

  if (block->layout == NULL)
    return block->space;
  pango_layout_get_extents (block->layout, NULL, &logical);
  return style->before + (double) logical.height / PANGO_SCALE + style->after;
}

static double
first_line_height (Block *block)
{
  double height = block->space, baseline;

  if (block->layout != NULL)
    line_metrics (block->layout, 0, &height, &baseline);
  return block_style (block->kind)->before + height;
}

/* Lays the document out into pages of @width × @height points, inside margins of its own,
 * with the font options of @cr, a context of the surface the pages are drawn on; returns the
 * number of pages. */
static guint
paginate (GcmPrintDocument *self,
          cairo_t          *cr,
          double            width,
          double            height)
{
  cairo_font_options_t *options;
  double content_width = width - 2 * MARGIN;
  double content_height = height - MARGIN - FOOTER_HEIGHT - MARGIN / 2;
  double y = 0;
  guint page = 0;

  g_assert (GCM_IS_PRINT_DOCUMENT (self));
  g_assert (cr != NULL);

  g_clear_object (&self->context);
  self->context = pango_cairo_create_context (cr);
  /* Layout in points, whatever the surface's resolution, and metrics that do not depend on
   * a screen's hinting, so that the PDF and the printout break their lines alike. */
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  self->width = width;
  self->height = height;
  /* Centred pages keep their two columns near the middle, under the centred text. */
  self->row_inset = self->centered ? content_width * 0.15 : 0;
  g_array_set_size (self->placements, 0);
  lay_out_blocks (self, content_width);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      const Style *style = block_style (block->kind);
      int n_lines;

      if (block->kind == BLOCK_SPACE)
        {
          if (y > 0)
            y += block->space;
          continue;
        }
      /* A heading never ends a page: it goes over with the first line after it. */
      if (block->kind == GCM_PRINT_BLOCK_HEADING && y > 0)
        {
          double needed = block_height (block);

          if (i + 1 < self->blocks->len)
            needed += first_line_height (g_ptr_array_index (self->blocks, i + 1));
          if (y + needed > content_height)
            {
              page++;
              y = 0;
            }
        }
      if (y > 0)
        y += style->before;
      n_lines = pango_layout_get_line_count (block->layout);
      for (int line = 0; line < n_lines; line++)
        {
          double line_height, baseline;
          Placement placement;

          line_metrics (block->layout, line, &line_height, &baseline);
          if (y + line_height > content_height && y > 0)
            {
              page++;
              y = 0;
            }
          placement.page = page;
          placement.block = i;
          placement.line = line;
          placement.y = y + baseline;
          g_array_append_val (self->placements, placement);
          y += line_height;
        }
      y += style->after;
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

static void
set_ink (cairo_t     *cr,
         const Style *style)
{
  if (style->grey)
    cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  else
    cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
show_line (cairo_t     *cr,
           PangoLayout *layout,
           int          line,
           double       x,
           double       baseline)
{
  PangoLayoutLine *layout_line = pango_layout_get_line_readonly (layout, line);
  PangoRectangle logical;
  int x_offset = 0;

  /* A centred or right-aligned line starts where its alignment puts it. */
  pango_layout_line_get_extents (layout_line, NULL, &logical);
  if (pango_layout_get_width (layout) > 0 && pango_layout_get_alignment (layout) != PANGO_ALIGN_LEFT)
    {
      int room = pango_layout_get_width (layout) - logical.width;
      x_offset = pango_layout_get_alignment (layout) == PANGO_ALIGN_CENTER ? room / 2 : room;
    }
  cairo_move_to (cr, x + (double) x_offset / PANGO_SCALE, baseline);
  pango_cairo_show_layout_line (cr, layout_line);
}

static void
draw_footer (GcmPrintDocument *self,
             cairo_t          *cr,
             guint             page)
{
  static const Style footer_style = { 8.5, FALSE, FALSE, TRUE, 0, 0, 0 };
  double content_width = self->width - 2 * MARGIN;
  double rule_y = self->height - MARGIN / 2 - FOOTER_HEIGHT + 8;
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double line_height, baseline;

  /* Translators: the foot of a printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  right = new_layout (self, &footer_style, number, 90, PANGO_ALIGN_RIGHT);
  left = new_layout (self, &footer_style, self->footer ? self->footer : "", content_width - 100,
                     PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, rule_y);
  cairo_line_to (cr, MARGIN + content_width, rule_y);
  cairo_stroke (cr);

  set_ink (cr, &footer_style);
  line_metrics (left, 0, &line_height, &baseline);
  show_line (cr, left, 0, MARGIN, rule_y + 4 + baseline);
  show_line (cr, right, 0, MARGIN + content_width - 90, rule_y + 4 + baseline);
}

/* Draws @page (from 0, below the count paginate() returned) on @cr, whose origin is the top
 * left corner of the area paginated for. */
static void
draw_page (GcmPrintDocument *self,
           cairo_t          *cr,
           guint             page)
{
  g_assert (GCM_IS_PRINT_DOCUMENT (self));
  g_assert (self->context != NULL && page < self->n_pages);

  cairo_save (cr);
  pango_cairo_update_context (cr, self->context);
  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *placement = &g_array_index (self->placements, Placement, i);
      Block *block = g_ptr_array_index (self->blocks, placement->block);
      const Style *style = block_style (block->kind);
      double top = MARGIN + placement->y;

      if (placement->page != page)
        continue;
      set_ink (cr, style);
      show_line (cr, block->layout, placement->line,
                 MARGIN + style->indent + (block->kind == BLOCK_ROW ? self->row_inset : 0), top);
      if (placement->line != 0 || block->aside == NULL)
        continue;
      if (block->kind == BLOCK_CHECK)
        {
          double size = style->size * 0.95;

          /* The box to tick, on the first line's baseline. */
          cairo_set_line_width (cr, 0.9);
          cairo_rectangle (cr, MARGIN, top - size * 0.85, size, size);
          cairo_stroke (cr);
          show_line (cr, block->aside, 0, MARGIN + 14, top);
        }
      else if (block->kind == BLOCK_ROW)
        show_line (cr, block->aside, 0, self->width - MARGIN - self->row_inset - ROW_RIGHT, top);
      else
        show_line (cr, block->aside, 0, MARGIN + 2, top);
    }
  if (self->centered)
    {
      /* A certificate's double border. */
      cairo_set_source_rgb (cr, 0.16, 0.42, 0.30);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, FRAME_INSET, FRAME_INSET, self->width - 2 * FRAME_INSET,
                       self->height - 2 * FRAME_INSET);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, FRAME_INSET + 4, FRAME_INSET + 4, self->width - 2 * FRAME_INSET - 8,
                       self->height - 2 * FRAME_INSET - 8);
      cairo_stroke (cr);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/**
 * gcm_print_document_paper_from_name:
 * @name: (nullable): “a4” or “letter”; %NULL for the locale's default of the two
 *
 * Returns: (transfer full) (nullable): the paper, or %NULL when @name is neither
 */
GtkPaperSize *
gcm_print_document_paper_from_name (const char *name)
{
  if (name == NULL)
    name = g_strcmp0 (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) == 0 ? "letter" : "a4";
  if (g_ascii_strcasecmp (name, "a4") == 0)
    return gtk_paper_size_new (GTK_PAPER_NAME_A4);
  if (g_ascii_strcasecmp (name, "letter") == 0)
    return gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  return NULL;
}

/**
 * gcm_print_document_write_pdf:
 * @path: the file to write; replaced only once the whole PDF is written
 * @paper: the page size
 *
 * Returns: whether the PDF was written; %FALSE with @error set otherwise
 */
gboolean
gcm_print_document_write_pdf (GcmPrintDocument  *self,
                              const char        *path,
                              GtkPaperSize      *paper,
                              GError           **error)
{
  g_autofree char *partial = NULL;
  double width, height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (GCM_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL && paper != NULL, FALSE);

  width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  partial = g_strconcat (path, ".part", NULL);
  surface = cairo_pdf_surface_create (partial, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Green Customs Manual");
  cr = cairo_create (surface);
  paginate (self, cr, width, height);
  for (guint page = 0; page < self->n_pages; page++)
    {
      draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, status != CAIRO_STATUS_SUCCESS ? G_IO_ERROR_FAILED
                                                                      : g_io_error_from_errno (saved_errno),
                   _("The PDF could not be written to %s: %s."), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  GcmPrintDocument *self = user_data;
  guint n_pages = paginate (self, gtk_print_context_get_cairo_context (context),
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  draw_page (user_data, gtk_print_context_get_cairo_context (context), page);
}

/**
 * gcm_print_document_cli_paper:
 * @name: (nullable): the `--paper` given, as for gcm_print_document_paper_from_name()
 *
 * Returns: (transfer full) (nullable): the paper, or %NULL, said on stderr, when @name is neither
 */
GtkPaperSize *
gcm_print_document_cli_paper (const char *name)
{
  GtkPaperSize *paper = gcm_print_document_paper_from_name (name);

  if (paper == NULL)
    g_printerr (_("--paper is a4 or letter.\n"));
  return paper;
}

/**
 * gcm_print_document_write_pdf_cli:
 *
 * Writes the PDF as gcm_print_document_write_pdf() does, and says on stderr why it could not.
 *
 * Returns: the exit status
 */
int
gcm_print_document_write_pdf_cli (GcmPrintDocument *self,
                                  const char       *path,
                                  GtkPaperSize     *paper)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_print_document_write_pdf (self, path, paper, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/**
 * gcm_print_document_new_print_operation:
 *
 * Returns: (transfer full): a print operation that prints the document, on the locale's
 *   default paper
 */
GtkPrintOperation *
gcm_print_document_new_print_operation (GcmPrintDocument *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gcm_print_document_paper_from_name (NULL);

  g_return_val_if_fail (GCM_IS_PRINT_DOCUMENT (self), NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_paper_size_free (paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  return operation;
}

static void
gcm_print_document_finalize (GObject *object)
{
  GcmPrintDocument *self = GCM_PRINT_DOCUMENT (object);

  g_free (self->title);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->placements);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (gcm_print_document_parent_class)->finalize (object);
}

static void
gcm_print_document_class_init (GcmPrintDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_print_document_finalize;
}

static void
gcm_print_document_init (GcmPrintDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
}
