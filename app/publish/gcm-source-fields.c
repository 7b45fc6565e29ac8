/* gcm-source-fields.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks every item of the authoring source goes through, whatever its kind: the fields
 * the kind registry allows, the common fields, the media an item names and its Markdown.
 * Each checker reports its own problems and returns the valid value or NULL.
 */

#define G_LOG_DOMAIN "GcmSource"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <md4c.h>
#include <string.h>

#include "gcm-convention.h"
#include "gcm-document.h"
#include "gcm-manifest.h"
#include "gcm-source-private.h"

/* Media */

/* A media path as written by an author: relative, inside media/, no "..". */
static gboolean
media_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || path[0] == '\0' || path[0] == '/' || strchr (path, '\\') != NULL)
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

typedef struct
{
  char   *root;    /* the first element's name, without a namespace prefix */
  double  width;
  double  height;
} SvgRoot;

/* A length in user units ("800", "800px"); 0 for other units, which need a renderer. */
static double
svg_length (const char *text)
{
  char *end = NULL;
  double value = text ? g_ascii_strtod (text, &end) : 0;

  if (end == text || (*end != '\0' && !g_str_equal (end, "px")) || !(value > 0 && value < 65536))
    return 0;
  return value;
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgRoot *svg = user_data;
  const char *colon = strchr (element, ':');

  if (svg->root != NULL)
    return;
  svg->root = g_strdup (colon ? colon + 1 : element);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) box = NULL;

      if (g_str_equal (names[i], "width"))
        svg->width = svg_length (values[i]);
      else if (g_str_equal (names[i], "height"))
        svg->height = svg_length (values[i]);
      else if (g_str_equal (names[i], "viewBox") && svg->width == 0 &&
               g_strv_length (box = g_regex_split_simple ("[\\s,]+", values[i], 0, 0)) == 4)
        {
          svg->width = svg_length (box[2]);
          svg->height = svg_length (box[3]);
        }
    }
}

/* Well-formed XML (GMarkup refuses anything else) with an <svg> root; its size when the root
 * states one in user units. */
static gboolean
is_svg (GBytes *bytes,
        int    *width,
        int    *height)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgRoot svg = { NULL, 0, 0 };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gboolean ok;

  context = g_markup_parse_context_new (&parser, 0, &svg, NULL);
  ok = g_markup_parse_context_parse (context, data, size, NULL) &&
       g_markup_parse_context_end_parse (context, NULL) &&
       g_strcmp0 (svg.root, "svg") == 0;
  g_free (svg.root);
  *width = (int) svg.width;
  *height = (int) svg.height;
  return ok;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int *size = user_data;

  size[0] = width;
  size[1] = height;
}

/* The size a PNG or JPEG declares, read by the decoder of @format, which stops at the header:
 * like gdk_pixbuf_get_file_info () but without its MIME sniffing, which needs the shared MIME
 * database in XDG_DATA_DIRS. Stays 0 × 0 when the decoder refuses the data. */
static void
read_image_size (GBytes     *bytes,
                 const char *format,
                 int        *width,
                 int        *height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (format, NULL);
  int size[2] = { 0, 0 };
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  *width = *height = 0;
  if (loader == NULL)
    return;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  for (gsize done = 0; done < length && size[0] == 0; done += 4096)
    if (!gdk_pixbuf_loader_write (loader, data + done, MIN (4096, length - done), NULL))
      break;
  gdk_pixbuf_loader_close (loader, NULL);
  *width = size[0];
  *height = size[1];
}

/* Checks a media file's content against its name; returns what the manifest says of it. */
static GcmSourceMedia *
check_media_file (const char  *path,
                  const char  *relative,
                  char       **why)
{
  static const struct { const char *suffix, *mime, *format, *magic; gsize magic_len; } types[] = {
    { ".svg", "image/svg+xml", "svg", NULL, 0 },
    { ".png", "image/png", "png", "\x89PNG\r\n\x1a\n", 8 },
    { ".jpg", "image/jpeg", "jpeg", "\xff\xd8\xff", 3 },
    { ".jpeg", "image/jpeg", "jpeg", "\xff\xd8\xff", 3 },
  };
  g_autofree char *lower = g_ascii_strdown (relative, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GcmSourceMedia *media;
  int width = 0, height = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (lower, types[i].suffix))
      break;
  if (i == G_N_ELEMENTS (types))
    {
      *why = g_strdup ("is not an SVG, PNG or JPEG image");
      return NULL;
    }
  bytes = _gcm_source_read_regular_file (path, GCM_MEDIA_MAX_SIZE, &error);
  if (bytes == NULL)
    {
      *why = g_strdup (error->message);
      return NULL;
    }

  if (types[i].magic == NULL && !is_svg (bytes, &width, &height))
    {
      *why = g_strdup ("is not a well-formed SVG image (XML with an <svg> root)");
      return NULL;
    }
  if (types[i].magic != NULL &&
      (g_bytes_get_size (bytes) < types[i].magic_len ||
       memcmp (g_bytes_get_data (bytes, NULL), types[i].magic, types[i].magic_len) != 0))
    {
      *why = g_strdup_printf ("is not a %s image", types[i].format);
      return NULL;
    }
  /* Only now, past the signature, does a decoder see the file: for its size. */
  if (types[i].magic != NULL)
    read_image_size (bytes, types[i].format, &width, &height);
  if (types[i].magic != NULL && (width <= 0 || height <= 0))
    {
      *why = g_strdup_printf ("is not a %s image with a width and height", types[i].format);
      return NULL;
    }

  media = g_new0 (GcmSourceMedia, 1);
  media->mime = g_strdup (types[i].mime);
  media->width = MAX (width, 0);
  media->height = MAX (height, 0);
  return media;
}

/* Fields */

int
_gcm_source_field_line (GcmSourceCtx        *ctx,
                        const char *name)
{
  int line = gcm_yaml_document_get_key_line (ctx->doc, ctx->fields, name);
  return line > 0 ? line : gcm_yaml_document_get_line (ctx->doc,
                                                       gcm_yaml_document_get_root (ctx->doc));
}

void
_gcm_source_use_media (GcmSourceCtx        *ctx,
                       const char *path,
                       int         line)
{
  g_autofree char *full = NULL;
  g_autofree char *why = NULL;
  g_auto(GStrv) parts = NULL;
  GcmSourceMedia *media;

  if (!media_path_is_safe (path))
    {
      _gcm_source_problem (ctx->source, ctx->file, line, "“%s” is not a path under media/", path);
      return;
    }
  full = g_build_filename (ctx->source->directory, "media", path, NULL);
  if (!g_file_test (full, G_FILE_TEST_EXISTS) && !is_symlink (full))
    {
      _gcm_source_problem (ctx->source, ctx->file, line, "the media file “media/%s” does not exist",
                           path);
      return;
    }

  if (!g_hash_table_lookup_extended (ctx->source->used_media, path, NULL, (gpointer *) &media))
    {
      /* A symbolic link anywhere on the way could reach outside the source folder. */
      g_autofree char *walk = g_build_filename (ctx->source->directory, "media", NULL);

      parts = g_strsplit (path, "/", -1);
      for (guint i = 0; ; i++)
        {
          char *next;

          if (is_symlink (walk))
            {
              why = g_strdup ("is reached through a symbolic link; the source must hold the "
                              "file itself");
              break;
            }
          if (parts[i] == NULL)
            break;
          next = g_build_filename (walk, parts[i], NULL);
          g_free (walk);
          walk = next;
        }
      media = why == NULL ? check_media_file (full, path, &why) : NULL;
      if (media == NULL)
        _gcm_source_problem (ctx->source, ctx->file, line, "the media file “media/%s” %s", path,
                             why);
      g_hash_table_insert (ctx->source->used_media, g_strdup (path), media);
    }
  if (media == NULL)
    return;
  if (!g_ptr_array_find_with_equal_func (ctx->item->media, path, g_str_equal, NULL))
    g_ptr_array_add (ctx->item->media, g_strdup (path));
}

void
_gcm_source_add_pending_link (GcmSourceCtx        *ctx,
                              int         line,
                              const char *target,
                              const char *what)
{
  GcmSourcePendingLink *link = g_new0 (GcmSourcePendingLink, 1);

  link->file = g_strdup (ctx->file);
  link->line = line;
  link->target = g_strdup (target);
  link->what = g_strdup (what);
  g_ptr_array_add (ctx->source->pending_links, link);
}

const char *
_gcm_source_want_string (GcmSourceCtx        *ctx,
                         const char *name,
                         gboolean    required)
{
  JsonNode *node = json_object_get_member (ctx->fields, name);
  const char *value = node_string (node);

  if (node == NULL)
    {
      if (required)
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "id"),
                             "the field “%s” is missing", name);
      return NULL;
    }
  if (value == NULL || is_blank (value))
    {
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, name),
                           "the field “%s” must be a non-empty text", name);
      return NULL;
    }
  return value;
}

JsonArray *
_gcm_source_want_string_list (GcmSourceCtx        *ctx,
                              JsonObject *object,
                              const char *name,
                              gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);
  int line = gcm_yaml_document_get_key_line (ctx->doc, object, name);
  JsonArray *array;

  if (node == NULL)
    {
      if (required)
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "id"),
                             "the field “%s” is missing", name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      _gcm_source_problem (ctx->source, ctx->file, line, "the field “%s” must be a list", name);
      return NULL;
    }
  array = json_node_get_array (node);
  if (required && json_array_get_length (array) == 0)
    {
      _gcm_source_problem (ctx->source, ctx->file, line, "the list “%s” is empty", name);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (node_string (element) == NULL)
        {
          int element_line = gcm_yaml_document_get_line (ctx->doc, element);
          _gcm_source_problem (ctx->source, ctx->file, element_line ? element_line : line,
                               "every entry of “%s” must be a text", name);
          return NULL;
        }
    }
  return array;
}

/* “a, b or c”: the names an author may use, as a problem lists them. */
static char *
dup_alternatives (const char * const *names,
                  const char         *last_separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, names[i + 1] == NULL ? last_separator : ", ");
      g_string_append (out, names[i]);
    }
  return g_string_free (out, FALSE);
}

void
_gcm_source_check_unknown_fields (GcmSourceCtx *ctx,
                                  GcmItemKind   kind)
{
  g_autoptr(GList) members = json_object_get_members (ctx->fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!gcm_item_kind_has_field (kind, l->data))
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, l->data),
                             "unknown field “%s”", (const char *) l->data);
    }
}

static void
check_conventions (GcmSourceCtx *ctx)
{
  JsonArray *list = _gcm_source_want_string_list (ctx, ctx->fields, "conventions", TRUE);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *name = json_array_get_string_element (list, i);
      g_autofree char *known = NULL;

      if (gcm_convention_from_string (name, NULL))
        continue;
      known = dup_alternatives (gcm_convention_get_names (), " or ");
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "conventions"),
                           "unknown convention “%s” (use %s)", name, known);
    }
}

static void
check_codes (GcmSourceCtx *ctx)
{
  const char * const *code_fields = gcm_code_family_get_fields ();
  JsonNode *node = json_object_get_member (ctx->fields, "codes");
  JsonObject *codes;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *known = dup_alternatives (code_fields, " and ");

      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "codes"),
                           "“codes” must be a mapping of %s", known);
      return;
    }
  codes = json_node_get_object (node);
  members = json_object_get_members (codes);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (code_fields, l->data))
      {
        g_autofree char *known = dup_alternatives (code_fields, " or ");

        _gcm_source_problem (ctx->source, ctx->file,
                             gcm_yaml_document_get_key_line (ctx->doc, codes, l->data),
                             "unknown code type “%s” (use %s)", (const char *) l->data, known);
      }

  for (GcmCodeFamily family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    _gcm_source_want_string_list (ctx, codes, gcm_code_family_to_string (family), FALSE);
  for (GcmCodeFamily family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    {
      const char *name = gcm_code_family_to_string (family);
      const char *edition = gcm_code_family_get_edition_field (family);

      /* A code means something only in its edition of the list (HS 2017 and 2022 differ). */
      if (edition != NULL && json_object_has_member (codes, name) &&
          node_string (json_object_get_member (codes, edition)) == NULL)
        {
          g_autofree char *upper = g_ascii_strup (name, -1);

          _gcm_source_problem (ctx->source, ctx->file,
                               gcm_yaml_document_get_key_line (ctx->doc, codes, name),
                               "%s codes need “%s” (for example \"%s 2022\")", upper, edition,
                               upper);
        }
    }
}

/* Replaces the list of source ids with the full entries of the register. */
static void
check_sources (GcmSourceCtx      *ctx,
               gboolean  required)
{
  JsonArray *list = _gcm_source_want_string_list (ctx, ctx->fields, "sources", required);
  g_autoptr(JsonArray) expanded = json_array_new ();

  if (list == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *id = json_array_get_string_element (list, i);
      JsonObject *entry = g_hash_table_lookup (ctx->source->sources, id);

      if (entry == NULL)
        {
          _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "sources"),
                               "the source “%s” is not in sources.yaml", id);
          continue;
        }
      json_array_add_object_element (expanded, json_object_ref (entry));
    }
  json_object_set_array_member (ctx->item->object, "sources", g_steal_pointer (&expanded));
}

static int
md_block_cb (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  return 0;
}

static int
md_span_cb (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  return 0;
}

/* Remembers where the first raw HTML starts: md4c hands its text over as MD_TEXT_HTML. */
static int
md_text_cb (MD_TEXTTYPE    type,
            const MD_CHAR *text,
            MD_SIZE        size,
            void          *user_data)
{
  const char **html = user_data;

  if (type == MD_TEXT_HTML && *html == NULL)
    *html = text;
  return 0;
}

/* The app shows raw HTML as literal text (MD_FLAG_NOHTML), so the source must not hold any. */
static void
check_no_html (GcmSourceCtx        *ctx,
               const char *markdown,
               int         first_line)
{
  const char *html = NULL;
  MD_PARSER parser = {
    0, MD_DIALECT_GITHUB, md_block_cb, md_block_cb, md_span_cb, md_span_cb, md_text_cb,
    NULL, NULL
  };
  g_autofree char *snippet = NULL;
  int line = first_line;

  md_parse (markdown, (MD_SIZE) strlen (markdown), &parser, &html);
  if (html == NULL)
    return;
  for (const char *p = markdown; p < html; p++)
    line += *p == '\n';
  snippet = g_strndup (html, strcspn (html, "\n"));
  if (g_utf8_strlen (snippet, -1) > 40)
    *g_utf8_offset_to_pointer (snippet, 40) = '\0';
  _gcm_source_problem (ctx->source, ctx->file, line, "raw HTML is not allowed in Markdown: “%s”",
                       snippet);
}

/* The line of @markdown, which starts at @first_line, where @text first stands; @first_line
 * when it does not. */
static int
line_of (const char *markdown,
         const char *text,
         int         first_line)
{
  const char *at = strstr (markdown, text);
  int line = first_line;

  for (const char *p = markdown; at != NULL && p < at; p++)
    line += *p == '\n';
  return line;
}

/* Markdown: every item: link must name an item, every media: image must exist. */
void
_gcm_source_check_markdown (GcmSourceCtx        *ctx,
                            const char *markdown,
                            int         first_line)
{
  g_autoptr(GcmDocument) document = gcm_document_new_from_markdown (markdown, -1);
  GPtrArray *links = gcm_document_get_links (document);
  GPtrArray *images = gcm_document_get_images (document);

  check_no_html (ctx, markdown, first_line);

  for (guint i = 0; i < links->len; i++)
    {
      const char *href = g_ptr_array_index (links, i);
      int line = line_of (markdown, href, first_line);

      if (g_str_has_prefix (href, "item:"))
        _gcm_source_add_pending_link (ctx, line, href + strlen ("item:"), "link");
      else if (!g_str_has_prefix (href, "https://") && !g_str_has_prefix (href, "http://") &&
               !g_str_has_prefix (href, "mailto:"))
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "the link “%s” must be item:<id> or a web address", href);
    }

  for (guint i = 0; i < images->len; i++)
    {
      const char *src = g_ptr_array_index (images, i);
      int line = line_of (markdown, src, first_line);

      if (!g_str_has_prefix (src, "media:"))
        _gcm_source_problem (ctx->source, ctx->file, line, "the image “%s” must be media:<path>",
                             src);
      else
        _gcm_source_use_media (ctx, src + strlen ("media:"), line);
    }
}

void
_gcm_source_check_common (GcmSourceCtx         *ctx,
                          GcmItemKind  kind)
{
  JsonNode *version = json_object_get_member (ctx->fields, "version");
  const char *id = _gcm_source_want_string (ctx, "id", TRUE);

  if (id == NULL)
    ctx->source->ids_incomplete = TRUE;
  else if (!gcm_item_id_is_valid (id))
    {
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "id"),
                           "the id “%s” must match ^[a-z0-9][a-z0-9/_.-]{0,127}$", id);
      ctx->source->ids_incomplete = TRUE;
    }
  else if (id != NULL && g_hash_table_contains (ctx->source->ids, id))
    _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "id"),
                         "the id “%s” is used twice", id);
  else if (id != NULL)
    {
      ctx->item->id = g_strdup (id);
      g_hash_table_insert (ctx->source->ids, ctx->item->id, ctx->item);
    }

  _gcm_source_want_string (ctx, "title", TRUE);
  _gcm_source_want_string (ctx, "summary", TRUE);
  check_conventions (ctx);
  _gcm_source_want_string_list (ctx, ctx->fields, "keywords", FALSE);
  check_codes (ctx);
  check_sources (ctx, gcm_item_kind_needs_sources (kind));

  ctx->item->version = 1;
  if (version != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
          json_node_get_int (version) < 1)
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "version"),
                             "“version” must be a whole number from 1");
      else
        ctx->item->version = json_node_get_int (version);
    }
}
