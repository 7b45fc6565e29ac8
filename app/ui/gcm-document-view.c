/* gcm-document-view.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * GcmDocumentView lays a GcmDocument out as native widgets: labels with Pango markup for text,
 * grids for lists and tables, boxes for quotes and callouts, pictures for images. It owns the
 * widgets it builds and rebuilds them whenever the document or the media resolver changes.
 *
 * Everything that changes after the build (the font scale, search highlights) goes through
 * each label's PangoAttrList, so nothing has to be rebuilt for it. Images are decoded on a
 * worker thread and arrive later; the view cancels those loads when it rebuilds or goes away.
 *
 * The page that shows a lesson owns the view, tells it how to find media files and listens to
 * ::link-activated to follow item: links.
 */

#define G_LOG_DOMAIN "GcmDocumentView"

#include <float.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gcm-document-view.h"
#include "gcm-highlighter.h"
#include "gcm-image-loader.h"
#include "gcm-picture.h"

/* A page shows pictures no wider or taller than this, in logical pixels */
#define IMAGE_MAX_WIDTH  720
#define IMAGE_MAX_HEIGHT 1440

#define FONT_SCALE_MIN 0.5
#define FONT_SCALE_MAX 3.0

typedef struct
{
  GtkLabel *label;      /* borrowed: a descendant of the view */
  gboolean  searchable; /* holds document text, so search terms are highlighted in it */
} LabelEntry;

struct _GcmDocumentView
{
  GtkWidget         parent_instance;

  /* Borrowed references */
  GArray           *labels;      /* (element-type LabelEntry) in document order */
  GtkWidget        *first_match;

  /* Owned references */
  GcmDocument      *document;
  GCancellable     *cancellable; /* image loads for the current build */
  char            **terms;       /* case-folded search terms, or NULL */
  double            font_scale;

  GcmMediaResolver  resolver;
  gpointer          resolver_data;
  GDestroyNotify    resolver_destroy;
};

static GtkWidget *render_block (GcmDocumentView *self,
                                GcmBlock        *block,
                                guint            list_depth);
static GtkLabel  *add_label    (GcmDocumentView *self,
                                GtkLabel        *label,
                                gboolean         searchable);

G_DEFINE_FINAL_TYPE (GcmDocumentView, gcm_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FONT_SCALE,
  N_PROPS
};

enum {
  LINK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Image loading                                                                               */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  GWeakRef view;
  GWeakRef picture;
} ImageRequest;

static ImageRequest *
image_request_new (GcmDocumentView *self,
                   GtkWidget       *picture)
{
  ImageRequest *request = g_new0 (ImageRequest, 1);

  g_weak_ref_init (&request->view, self);
  g_weak_ref_init (&request->picture, picture);

  return request;
}

static void
image_request_free (ImageRequest *request)
{
  g_weak_ref_clear (&request->view);
  g_weak_ref_clear (&request->picture);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageRequest, image_request_free)

static void
show_image_fallback (GcmDocumentView *self,
                     GtkWidget       *picture)
{
  GtkWidget *figure = gtk_widget_get_parent (picture);
  const char *alt = g_object_get_data (G_OBJECT (picture), "gcm-alt");
  GtkWidget *label;

  g_assert (GCM_IS_DOCUMENT_VIEW (self));

  if (figure == NULL)
    return;

  gtk_widget_set_visible (picture, FALSE);

  if (alt == NULL || *alt == '\0')
    return;

  label = gtk_label_new (alt);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_insert_child_after (GTK_BOX (figure), label, picture);
  add_label (self, GTK_LABEL (label), TRUE);
}

static void
on_image_loaded_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ImageRequest) request = user_data;
  g_autoptr(GcmDocumentView) self = NULL;
  g_autoptr(GtkWidget) picture = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  texture = gcm_image_load_finish (result, &width, &height, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_weak_ref_get (&request->view);
  picture = g_weak_ref_get (&request->picture);
  if (self == NULL || picture == NULL)
    return;

  if (texture == NULL)
    {
      g_debug ("Could not load image: %s", error->message);
      show_image_fallback (self, picture);
      return;
    }
  gcm_picture_set_texture (GCM_PICTURE (picture), texture, width, height);
}

static GFile *
resolve_media (GcmDocumentView *self,
               const char      *src)
{
  if (src == NULL || *src == '\0')
    return NULL;

  if (self->resolver != NULL)
    return self->resolver (src, self->resolver_data);

  /* Without a resolver only local files and resources can be shown; never the network */
  if (g_str_has_prefix (src, "file:") || g_str_has_prefix (src, "resource:"))
    return g_file_new_for_uri (src);
  if (g_path_is_absolute (src))
    return g_file_new_for_path (src);

  return NULL;
}

static void
load_image (GcmDocumentView *self,
            GtkWidget       *picture,
            GFile           *file)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  gcm_image_load_async (file, IMAGE_MAX_WIDTH, IMAGE_MAX_HEIGHT, scale_factor, self->cancellable,
                        on_image_loaded_cb, image_request_new (self, picture));
}

/* ------------------------------------------------------------------------------------------ */
/* Highlighting and font scale                                                                 */
/* ------------------------------------------------------------------------------------------ */

/* Adds a background to every occurrence of the terms in text (gcm-highlighter.c). */
static gboolean
add_highlights (PangoAttrList *attrs,
                const char    *text,
                char         **terms)
{
  g_autoptr(GArray) ranges = gcm_highlighter_find (text, (const char * const *) terms);

  for (guint i = 0; i < ranges->len; i++)
    {
      const GcmHighlightRange *range = &g_array_index (ranges, GcmHighlightRange, i);
      PangoAttribute *background = pango_attr_background_new (0xf8f8, 0xe4e4, 0x5c5c);
      PangoAttribute *foreground = pango_attr_foreground_new (0x0000, 0x0000, 0x0000);

      background->start_index = foreground->start_index = range->start;
      background->end_index = foreground->end_index = range->end;
      pango_attr_list_insert (attrs, background);
      pango_attr_list_insert (attrs, foreground);
    }

  return ranges->len > 0;
}

static gboolean
apply_attributes (GcmDocumentView *self,
                  LabelEntry      *entry)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  gboolean matched = FALSE;

  if (self->font_scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (self->font_scale));

  if (entry->searchable)
    matched = add_highlights (attrs, gtk_label_get_text (entry->label), self->terms);

  gtk_label_set_attributes (entry->label, attrs);
  pango_attr_list_unref (attrs);

  return matched;
}

static void
refresh_attributes (GcmDocumentView *self)
{
  self->first_match = NULL;

  for (guint i = 0; i < self->labels->len; i++)
    {
      LabelEntry *entry = &g_array_index (self->labels, LabelEntry, i);

      if (apply_attributes (self, entry) && self->first_match == NULL)
        self->first_match = GTK_WIDGET (entry->label);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Building widgets                                                                            */
/* ------------------------------------------------------------------------------------------ */

static gboolean
on_label_activate_link_cb (GtkLabel        *label,
                           const char      *uri,
                           GcmDocumentView *self)
{
  gboolean handled = FALSE;

  g_assert (GCM_IS_DOCUMENT_VIEW (self));

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, uri, &handled);
  if (handled)
    return TRUE;

  /* Let the label open web and mail links; swallow item:, media:, file: and the rest */
  return !(g_str_has_prefix (uri, "https:") ||
           g_str_has_prefix (uri, "http:") ||
           g_str_has_prefix (uri, "mailto:"));
}

static GtkLabel *
add_label (GcmDocumentView *self,
           GtkLabel        *label,
           gboolean         searchable)
{
  LabelEntry entry = { label, searchable };

  g_array_append_val (self->labels, entry);
  apply_attributes (self, &g_array_index (self->labels, LabelEntry, self->labels->len - 1));

  return label;
}

/* A wrapping, left-aligned label showing block markup, with links wired to the view. */
static GtkWidget *
setup_text_label (GcmDocumentView *self,
                  GtkWidget       *label,
                  const char      *markup)
{
  gtk_label_set_markup (GTK_LABEL (label), markup != NULL ? markup : "");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);

  g_signal_connect_object (label, "activate-link",
                           G_CALLBACK (on_label_activate_link_cb), self, 0);

  add_label (self, GTK_LABEL (label), TRUE);

  return label;
}

static GtkWidget *
render_heading (GcmDocumentView *self,
                GcmBlock        *block)
{
  static const char *classes[] = { "title-1", "title-2", "title-3", "title-4" };
  GtkWidget *label;
  int level = CLAMP (block->level, 1, 6);

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        NULL);
  setup_text_label (self, label, block->markup);
  gtk_widget_add_css_class (label, classes[MIN (level, 4) - 1]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);

  return label;
}

/* A paragraph in italics right after a picture is its caption (the content's convention). */
static gboolean
is_caption (GcmBlock *block)
{
  return block->kind == GCM_BLOCK_PARAGRAPH && block->markup != NULL &&
         g_str_has_prefix (block->markup, "<i>") && g_str_has_suffix (block->markup, "</i>") &&
         strstr (block->markup + 3, "<i>") == NULL;
}

typedef void (*AddChildFunc) (GtkWidget *parent,
                              GtkWidget *child);

static void
add_to_box (GtkWidget *box,
            GtkWidget *child)
{
  gtk_box_append (GTK_BOX (box), child);
}

static void
add_to_view (GtkWidget *view,
             GtkWidget *child)
{
  gtk_widget_set_parent (child, view);
}

/* Renders @blocks in order into @parent; a caption joins the figure before it. */
static void
render_blocks (GcmDocumentView *self,
               GPtrArray       *blocks,
               guint            list_depth,
               GtkWidget       *parent,
               AddChildFunc     add_child)
{
  GtkWidget *figure = NULL;

  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *child = render_block (self, block, list_depth);

      if (child == NULL)
        continue;
      if (figure != NULL && is_caption (block))
        {
          /* Centred under its picture, as one figure */
          gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
          gtk_label_set_xalign (GTK_LABEL (child), 0.5);
          gtk_widget_add_css_class (child, "dim-label");
          gtk_box_append (GTK_BOX (figure), child);
          figure = NULL;
          continue;
        }
      add_child (parent, child);
      figure = block->kind == GCM_BLOCK_IMAGE ? child : NULL;
    }
}

static GtkWidget *
render_children (GcmDocumentView *self,
                 GPtrArray       *blocks,
                 int              spacing,
                 guint            list_depth)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  render_blocks (self, blocks, list_depth, box, add_to_box);
  return box;
}

static GtkWidget *
render_list (GcmDocumentView *self,
             GcmBlock        *block,
             guint            list_depth)
{
  static const char *bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa" };
  gboolean ordered = block->kind == GCM_BLOCK_ORDERED_LIST;
  GtkWidget *grid;

  grid = g_object_new (GTK_TYPE_GRID,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                       "column-spacing", 8,
                       "row-spacing", 6,
                       NULL);

  for (guint i = 0; i < block->children->len; i++)
    {
      GcmBlock *item = g_ptr_array_index (block->children, i);
      GtkWidget *marker;
      GtkWidget *content;

      if (item->kind == GCM_BLOCK_LIST_ITEM && item->is_task)
        {
          marker = gtk_image_new_from_icon_name (item->is_checked ? "checkbox-checked-symbolic"
                                                                  : "checkbox-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (marker),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          item->is_checked ? _("Done") : _("Not done"),
                                          -1);
        }
      else if (ordered)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT ".",
                                                     (gint64) block->start + i);

          marker = gtk_label_new (number);
          gtk_label_set_xalign (GTK_LABEL (marker), 1.0);
          add_label (self, GTK_LABEL (marker), FALSE);
        }
      else
        {
          /* A bullet says nothing a list does not already say */
          marker = g_object_new (GTK_TYPE_LABEL,
                                 "label", bullets[list_depth % G_N_ELEMENTS (bullets)],
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 "xalign", 1.0f,
                                 NULL);
          add_label (self, GTK_LABEL (marker), FALSE);
        }
      gtk_widget_set_valign (marker, GTK_ALIGN_START);
      gtk_widget_set_halign (marker, GTK_ALIGN_END);

      content = g_object_new (GTK_TYPE_BOX,
                              "orientation", GTK_ORIENTATION_VERTICAL,
                              "spacing", 6,
                              "hexpand", TRUE,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                              NULL);

      /* Past the nesting limit a list can hold blocks directly: show them as an item */
      if (item->kind == GCM_BLOCK_LIST_ITEM)
        {
          for (guint j = 0; j < item->children->len; j++)
            {
              GtkWidget *child = render_block (self, g_ptr_array_index (item->children, j),
                                               list_depth + 1);

              if (child != NULL)
                gtk_box_append (GTK_BOX (content), child);
            }
        }
      else
        {
          GtkWidget *child = render_block (self, item, list_depth + 1);

          if (child != NULL)
            gtk_box_append (GTK_BOX (content), child);
        }

      gtk_grid_attach (GTK_GRID (grid), marker, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), content, 1, (int) i, 1, 1);
    }

  return grid;
}

static GtkWidget *
render_cell (GcmDocumentView *self,
             GcmBlock        *cell,
             gboolean         is_header)
{
  g_autofree char *markup = NULL;
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = 0.0f;
  GtkJustification justify = GTK_JUSTIFY_LEFT;

  if (is_header)
    markup = g_strdup_printf ("<b>%s</b>", cell->markup != NULL ? cell->markup : "");

  setup_text_label (self, label, is_header ? markup : cell->markup);

  switch (cell->align)
    {
    case GCM_ALIGN_CENTER:
      xalign = 0.5f;
      justify = GTK_JUSTIFY_CENTER;
      break;
    case GCM_ALIGN_RIGHT:
      xalign = 1.0f;
      justify = GTK_JUSTIFY_RIGHT;
      break;
    case GCM_ALIGN_LEFT:
    case GCM_ALIGN_DEFAULT:
    default:
      break;
    }

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), justify);
  gtk_widget_set_valign (label, GTK_ALIGN_START);

  if (is_header)
    gtk_widget_add_css_class (label, "document-table-header");

  /* Images written inside a cell stay in the cell, under its text */
  if (cell->children->len > 0)
    {
      GtkWidget *box = render_children (self, cell->children, 6, 0);

      gtk_box_prepend (GTK_BOX (box), label);
      label = box;
    }

  gtk_widget_add_css_class (label, "document-table-cell");

  return label;
}

static GtkWidget *
wrap_in_scroller (GtkWidget *child)
{
  /* Long code lines scroll sideways instead of widening the window */
  return g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                       "child", child,
                       "hscrollbar-policy", GTK_POLICY_AUTOMATIC,
                       "vscrollbar-policy", GTK_POLICY_NEVER,
                       "propagate-natural-width", TRUE,
                       "propagate-natural-height", TRUE,
                       NULL);
}

static gboolean
row_is_empty (GcmBlock *row)
{
  for (guint c = 0; c < row->children->len; c++)
    {
      GcmBlock *cell = g_ptr_array_index (row->children, c);

      if (cell->markup != NULL && cell->markup[strspn (cell->markup, " \t")] != '\0')
        return FALSE;
    }
  return TRUE;
}

static GtkWidget *
render_table (GcmDocumentView *self,
              GcmBlock        *block)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "document-table");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);

  for (guint r = 0, shown = 0; r < block->children->len; r++)
    {
      GcmBlock *row = g_ptr_array_index (block->children, r);

      /* A table of facts has no column headings: its header row is left empty */
      if (row->is_header && row_is_empty (row))
        continue;

      for (guint c = 0; c < row->children->len; c++)
        {
          GcmBlock *cell = g_ptr_array_index (row->children, c);
          GtkWidget *widget = render_cell (self, cell, row->is_header);

          gtk_grid_attach (GTK_GRID (grid), widget, (int) c, (int) shown, 1, 1);
        }
      shown++;
    }

  /* Cells wrap, so a table narrows down to its longest words; a scroller around it would
   * have to be measured without a width and leave gaps under every wrapped row */
  return grid;
}

static GtkWidget *
render_code (GcmDocumentView *self,
             GcmBlock        *block)
{
  GtkWidget *label = gtk_label_new (block->text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "monospace");
  add_label (self, GTK_LABEL (label), TRUE);

  label = wrap_in_scroller (label);
  gtk_widget_add_css_class (label, "document-code");

  return label;
}

static GtkWidget *
render_callout (GcmDocumentView *self,
                GcmBlock        *block)
{
  const char *icon_name;
  const char *css_class;
  const char *title;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *content;
  GtkWidget *heading;

  switch (block->callout_kind)
    {
    case GCM_CALLOUT_WARNING:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      title = _("Warning");
      break;

    case GCM_CALLOUT_TIP:
      icon_name = "starred-symbolic";
      css_class = "tip";
      title = _("Tip");
      break;

    case GCM_CALLOUT_NOTE:
    default:
      icon_name = "dialog-information-symbolic";
      css_class = "note";
      title = _("Note");
      break;
    }

  box = g_object_new (GTK_TYPE_BOX,
                      "orientation", GTK_ORIENTATION_HORIZONTAL,
                      "spacing", 12,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                      NULL);
  gtk_widget_add_css_class (box, "callout");
  gtk_widget_add_css_class (box, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  /* The group's label already names the kind; icon and title are for the eyes */
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), icon);

  content = render_children (self, block->children, 6, 0);
  gtk_widget_set_hexpand (content, TRUE);

  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "callout-title");
  gtk_accessible_update_state (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_prepend (GTK_BOX (content), heading);
  add_label (self, GTK_LABEL (heading), FALSE);

  gtk_box_append (GTK_BOX (box), content);

  return box;
}

static GtkWidget *
render_image (GcmDocumentView *self,
              GcmBlock        *block)
{
  g_autoptr(GFile) file = resolve_media (self, block->src);
  const char *alt = block->text != NULL ? block->text : "";
  GtkWidget *figure;
  GtkWidget *picture;

  figure = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* Until the image is decoded it has no size; the caption stands in for it meanwhile */
  picture = gcm_picture_new (alt);
  g_object_set_data_full (G_OBJECT (picture), "gcm-alt", g_strdup (alt), g_free);
  gtk_box_append (GTK_BOX (figure), picture);

  if (block->title != NULL && *block->title != '\0')
    {
      GtkWidget *caption = gtk_label_new (block->title);

      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (figure), caption);
      add_label (self, GTK_LABEL (caption), TRUE);
    }

  if (file != NULL)
    load_image (self, picture, file);
  else
    show_image_fallback (self, picture);

  return figure;
}

static GtkWidget *
render_block (GcmDocumentView *self,
              GcmBlock        *block,
              guint            list_depth)
{
  GtkWidget *widget = NULL;

  g_assert (GCM_IS_DOCUMENT_VIEW (self));
  g_assert (block != NULL);

  switch (block->kind)
    {
    case GCM_BLOCK_PARAGRAPH:
    case GCM_BLOCK_TABLE_CELL:
      widget = setup_text_label (self, gtk_label_new (NULL), block->markup);
      break;

    case GCM_BLOCK_HEADING:
      widget = render_heading (self, block);
      break;

    case GCM_BLOCK_BULLET_LIST:
    case GCM_BLOCK_ORDERED_LIST:
      widget = render_list (self, block, list_depth);
      break;

    case GCM_BLOCK_LIST_ITEM:
    case GCM_BLOCK_TABLE_ROW:
      widget = render_children (self, block->children, 6, list_depth);
      break;

    case GCM_BLOCK_QUOTE:
      widget = render_children (self, block->children, 6, list_depth);
      gtk_widget_add_css_class (widget, "document-quote");
      break;

    case GCM_BLOCK_CALLOUT:
      widget = render_callout (self, block);
      break;

    case GCM_BLOCK_CODE:
      widget = render_code (self, block);
      break;

    case GCM_BLOCK_TABLE:
      widget = render_table (self, block);
      break;

    case GCM_BLOCK_IMAGE:
      widget = render_image (self, block);
      break;

    case GCM_BLOCK_RULE:
      widget = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      break;

    default:
      break;
    }

  return widget;
}

static void
clear_widgets (GcmDocumentView *self)
{
  GtkWidget *child;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  g_array_set_size (self->labels, 0);
  self->first_match = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

static void
rebuild (GcmDocumentView *self)
{
  GPtrArray *blocks;

  clear_widgets (self);

  if (self->document == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  blocks = gcm_document_get_blocks (self->document);

  render_blocks (self, blocks, 0, GTK_WIDGET (self), add_to_view);
  refresh_attributes (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void
gcm_document_view_dispose (GObject *object)
{
  GcmDocumentView *self = GCM_DOCUMENT_VIEW (object);

  clear_widgets (self);
  g_clear_object (&self->document);

  if (self->resolver_destroy != NULL)
    self->resolver_destroy (self->resolver_data);
  self->resolver = NULL;
  self->resolver_data = NULL;
  self->resolver_destroy = NULL;

  G_OBJECT_CLASS (gcm_document_view_parent_class)->dispose (object);
}

static void
gcm_document_view_finalize (GObject *object)
{
  GcmDocumentView *self = GCM_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (gcm_document_view_parent_class)->finalize (object);
}

static void
gcm_document_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GcmDocumentView *self = GCM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, gcm_document_view_get_document (self));
      break;

    case PROP_FONT_SCALE:
      g_value_set_double (value, gcm_document_view_get_font_scale (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_document_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GcmDocumentView *self = GCM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      gcm_document_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_FONT_SCALE:
      gcm_document_view_set_font_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gcm_document_view_class_init (GcmDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gcm_document_view_dispose;
  object_class->finalize = gcm_document_view_finalize;
  object_class->get_property = gcm_document_view_get_property;
  object_class->set_property = gcm_document_view_set_property;

  /**
   * GcmDocumentView:document:
   *
   * The document shown, or %NULL for an empty view.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GCM_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GcmDocumentView:font-scale:
   *
   * Multiplies the size of all text, on top of the style's own sizes.
   */
  properties[PROP_FONT_SCALE] =
    g_param_spec_double ("font-scale", NULL, NULL,
                         FONT_SCALE_MIN, FONT_SCALE_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GcmDocumentView::link-activated:
   * @self: a #GcmDocumentView
   * @uri: the link destination as written, e.g. "item:manual/cites/ivory"
   *
   * Emitted when a link in the document is clicked or activated with the keyboard.
   *
   * Returns: %TRUE if the link was handled. Unhandled web and mail links are opened by
   *   the system; other unhandled links do nothing.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN,
                  1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentview");
}

static void
gcm_document_view_init (GcmDocumentView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  self->labels = g_array_new (FALSE, FALSE, sizeof (LabelEntry));
  self->font_scale = 1.0;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * gcm_document_view_new:
 *
 * Returns: (transfer floating): a new, empty document view
 */
GtkWidget *
gcm_document_view_new (void)
{
  return g_object_new (GCM_TYPE_DOCUMENT_VIEW, NULL);
}

/**
 * gcm_document_view_get_document:
 * @self: a #GcmDocumentView
 *
 * Returns: (transfer none) (nullable): the document shown
 */
GcmDocument *
gcm_document_view_get_document (GcmDocumentView *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT_VIEW (self), NULL);

  return self->document;
}

/**
 * gcm_document_view_set_document:
 * @self: a #GcmDocumentView
 * @document: (nullable): the document to show
 *
 * Replaces the content of the view. Current search highlights are applied to the new content.
 */
void
gcm_document_view_set_document (GcmDocumentView *self,
                                GcmDocument     *document)
{
  g_return_if_fail (GCM_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || GCM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * gcm_document_view_get_font_scale:
 * @self: a #GcmDocumentView
 *
 * Returns: the factor applied to all text sizes
 */
double
gcm_document_view_get_font_scale (GcmDocumentView *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT_VIEW (self), 1.0);

  return self->font_scale;
}

/**
 * gcm_document_view_set_font_scale:
 * @self: a #GcmDocumentView
 * @font_scale: a factor from 0.5 to 3.0; values outside are clamped
 *
 * Scales all text of the document.
 */
void
gcm_document_view_set_font_scale (GcmDocumentView *self,
                                  double           font_scale)
{
  g_return_if_fail (GCM_IS_DOCUMENT_VIEW (self));

  font_scale = CLAMP (font_scale, FONT_SCALE_MIN, FONT_SCALE_MAX);

  if (G_APPROX_VALUE (self->font_scale, font_scale, DBL_EPSILON))
    return;

  self->font_scale = font_scale;
  refresh_attributes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SCALE]);
}

/**
 * gcm_document_view_set_media_resolver:
 * @self: a #GcmDocumentView
 * @resolver: (nullable): maps an image source to a file
 * @user_data: data for @resolver
 * @destroy: (nullable): frees @user_data when the resolver is replaced or the view goes away
 *
 * Sets how image sources such as "media:x.svg" are found. Without a resolver only absolute
 * paths, file: and resource: URIs are shown. The document is laid out again.
 */
void
gcm_document_view_set_media_resolver (GcmDocumentView  *self,
                                      GcmMediaResolver  resolver,
                                      gpointer          user_data,
                                      GDestroyNotify    destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_return_if_fail (GCM_IS_DOCUMENT_VIEW (self));

  old_destroy = self->resolver_destroy;
  old_data = self->resolver_data;

  self->resolver = resolver;
  self->resolver_data = user_data;
  self->resolver_destroy = destroy;

  if (old_destroy != NULL)
    old_destroy (old_data);

  if (self->document != NULL)
    rebuild (self);
}

/**
 * gcm_document_view_set_highlight:
 * @self: a #GcmDocumentView
 * @terms: (nullable) (array zero-terminated=1): words to highlight, or %NULL to clear
 *
 * Highlights every occurrence of the terms, ignoring case, in the text of the document.
 */
void
gcm_document_view_set_highlight (GcmDocumentView    *self,
                                 const char * const *terms)
{
  g_return_if_fail (GCM_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->terms, g_strfreev);
  self->terms = gcm_highlighter_fold_terms (terms);

  refresh_attributes (self);
}

/**
 * gcm_document_view_get_first_match:
 * @self: a #GcmDocumentView
 *
 * The first widget, in reading order, that shows a highlighted term; a page can scroll to it.
 *
 * Returns: (transfer none) (nullable): a descendant of @self, or %NULL
 */
GtkWidget *
gcm_document_view_get_first_match (GcmDocumentView *self)
{
  g_return_val_if_fail (GCM_IS_DOCUMENT_VIEW (self), NULL);

  return self->first_match;
}
