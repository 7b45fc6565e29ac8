/* gcm-source.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmSource reads the authoring source of the manual (data/content/README.md) and checks all of
 * it before anything is published: unknown or missing fields, bad or duplicate ids, unknown
 * sources, broken `item:` links, missing media and malformed YAML. Every problem is reported as
 * `file:line: message`, all of them at once, so an author can fix a batch in one pass.
 */

#define G_LOG_DOMAIN "GcmSource"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <md4c.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gcm-document.h"
#include "gcm-manifest.h"
#include "gcm-source.h"
#include "gcm-yaml.h"

struct _GcmSource
{
  GObject     parent_instance;

  char       *directory;
  char       *feed_id;
  char       *title;
  char       *language;
  GPtrArray  *chapters;     /* GcmSourceChapter */
  GPtrArray  *items;        /* GcmSourceItem */
  GHashTable *sources;      /* source id → JsonObject (borrowed from sources_doc) */
  GcmYamlDocument *sources_doc;
  GHashTable *ids;          /* item id → GcmSourceItem */
  GHashTable *used_media;   /* path under media/ → GcmSourceMedia, or NULL when refused */
  GString    *problems;

  /* Some item file was refused before its id was known, so a link to a missing id may only
   * name that item: "names no item" would be a follow-on error. */
  gboolean    ids_incomplete;

  /* Checked once every item is loaded: item links and quiz sources. */
  GPtrArray  *pending_links;
};

typedef struct
{
  char *file;
  int   line;
  char *target;
  char *what;
} PendingLink;

G_DEFINE_FINAL_TYPE (GcmSource, gcm_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (gcm-source-error-quark, gcm_source_error)

static const char * const conventions[] = {
  "basel", "rotterdam", "stockholm", "montreal", "cites", "general", NULL
};

static const char * const common_fields[] = {
  "id", "title", "summary", "conventions", "keywords", "codes", "sources", "version", NULL
};
static const char * const case_fields[] = {
  "date", "place", "commodity", "modus_operandi", "risk_indicators", "quantity", "reported_at",
  "photos", NULL
};
static const char * const procedure_fields[] = {
  "applies_to", "hazards", "protective_equipment", "steps", "body", NULL
};
static const char * const quiz_fields[] = { "related", "questions", NULL };

/* Helpers */

static void
source_item_free (GcmSourceItem *item)
{
  g_free (item->id);
  g_free (item->file);
  g_clear_pointer (&item->object, json_object_unref);
  g_clear_pointer (&item->media, g_ptr_array_unref);
  g_free (item);
}

static void
source_chapter_free (GcmSourceChapter *chapter)
{
  g_free (chapter->id);
  g_free (chapter->title);
  g_free (chapter);
}

static void
source_media_free (GcmSourceMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->mime);
  g_free (media);
}

static void
pending_link_free (PendingLink *link)
{
  g_free (link->file);
  g_free (link->target);
  g_free (link->what);
  g_free (link);
}

G_GNUC_PRINTF (4, 5)
static void
problem (GcmSource  *self,
         const char *file,
         int         line,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (self->problems, "%s:%d: %s\n", file, MAX (line, 1), message);
}

static gboolean
is_word_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

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

static gboolean
is_symlink (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

/* Reads a regular file of at most @cap bytes. The size is checked before reading, so a huge
 * file costs no memory; symbolic links (which could reach outside the source) and FIFOs (which
 * would block) are refused. The data is NUL-terminated. */
static GBytes *
read_regular_file (const char  *path,
                   gsize        cap,
                   GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;
      if (saved_errno == ELOOP)
        g_set_error_literal (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                             "is a symbolic link; the source must hold the file itself");
      else
        g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID, "cannot be read: %s",
                     g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                           "is not a regular file");
      return NULL;
    }
  if ((guint64) st.st_size > cap)
    {
      close (fd);
      g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                   "is %" G_GUINT64_FORMAT " bytes; the app accepts at most %" G_GSIZE_FORMAT
                   " (%" G_GSIZE_FORMAT " MiB)", (guint64) st.st_size, cap, cap / (1024 * 1024));
      return NULL;
    }

  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  close (fd);
  data[done] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), done);
}

/* Like read_regular_file (), reporting a refusal as `relative:1: …`. */
static char *
read_source_file (GcmSource  *self,
                  const char *relative,
                  gsize       cap,
                  gsize      *length)
{
  g_autofree char *path = g_build_filename (self->directory, relative, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_regular_file (path, cap, &error);

  if (bytes == NULL)
    {
      problem (self, relative, 1, "the file %s", error->message);
      return NULL;
    }
  return g_bytes_unref_to_data (g_steal_pointer (&bytes), length);
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
  bytes = read_regular_file (path, GCM_MEDIA_MAX_SIZE, &error);
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

typedef struct
{
  GcmSource       *source;
  GcmYamlDocument *doc;
  const char      *file;
  JsonObject      *fields;
  GcmSourceItem   *item;
} Ctx;

static int
field_line (Ctx        *ctx,
            const char *name)
{
  int line = gcm_yaml_document_get_key_line (ctx->doc, ctx->fields, name);
  return line > 0 ? line : gcm_yaml_document_get_line (ctx->doc, gcm_yaml_document_get_root (ctx->doc));
}

static void
use_media (Ctx        *ctx,
           const char *path,
           int         line)
{
  g_autofree char *full = NULL;
  g_autofree char *why = NULL;
  g_auto(GStrv) parts = NULL;
  GcmSourceMedia *media;

  if (!media_path_is_safe (path))
    {
      problem (ctx->source, ctx->file, line, "“%s” is not a path under media/", path);
      return;
    }
  full = g_build_filename (ctx->source->directory, "media", path, NULL);
  if (!g_file_test (full, G_FILE_TEST_EXISTS) && !is_symlink (full))
    {
      problem (ctx->source, ctx->file, line, "the media file “media/%s” does not exist", path);
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
        problem (ctx->source, ctx->file, line, "the media file “media/%s” %s", path, why);
      g_hash_table_insert (ctx->source->used_media, g_strdup (path), media);
    }
  if (media == NULL)
    return;
  if (!g_ptr_array_find_with_equal_func (ctx->item->media, path, g_str_equal, NULL))
    g_ptr_array_add (ctx->item->media, g_strdup (path));
}

static void
add_pending_link (Ctx        *ctx,
                  int         line,
                  const char *target,
                  const char *what)
{
  PendingLink *link = g_new0 (PendingLink, 1);

  link->file = g_strdup (ctx->file);
  link->line = line;
  link->target = g_strdup (target);
  link->what = g_strdup (what);
  g_ptr_array_add (ctx->source->pending_links, link);
}

/* Field checkers: each reports its own problems and returns the valid value or NULL. */

static const char *
want_string (Ctx        *ctx,
             const char *name,
             gboolean    required)
{
  JsonNode *node = json_object_get_member (ctx->fields, name);
  const char *value = node_string (node);

  if (node == NULL)
    {
      if (required)
        problem (ctx->source, ctx->file, field_line (ctx, "id"), "the field “%s” is missing", name);
      return NULL;
    }
  if (value == NULL || is_blank (value))
    {
      problem (ctx->source, ctx->file, field_line (ctx, name),
               "the field “%s” must be a non-empty text", name);
      return NULL;
    }
  return value;
}

static JsonArray *
want_string_list (Ctx        *ctx,
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
        problem (ctx->source, ctx->file, field_line (ctx, "id"), "the field “%s” is missing", name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (ctx->source, ctx->file, line, "the field “%s” must be a list", name);
      return NULL;
    }
  array = json_node_get_array (node);
  if (required && json_array_get_length (array) == 0)
    {
      problem (ctx->source, ctx->file, line, "the list “%s” is empty", name);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (node_string (element) == NULL)
        {
          int element_line = gcm_yaml_document_get_line (ctx->doc, element);
          problem (ctx->source, ctx->file, element_line ? element_line : line,
                   "every entry of “%s” must be a text", name);
          return NULL;
        }
    }
  return array;
}

static void
check_unknown_fields (Ctx                *ctx,
                      const char * const *allowed[])
{
  g_autoptr(GList) members = json_object_get_members (ctx->fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;
      for (guint i = 0; allowed[i] != NULL && !known; i++)
        known = g_strv_contains (allowed[i], l->data);
      if (!known)
        problem (ctx->source, ctx->file, field_line (ctx, l->data),
                 "unknown field “%s”", (const char *) l->data);
    }
}

static void
check_conventions (Ctx *ctx)
{
  JsonArray *list = want_string_list (ctx, ctx->fields, "conventions", TRUE);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *name = json_array_get_string_element (list, i);
      if (!g_strv_contains (conventions, name))
        problem (ctx->source, ctx->file, field_line (ctx, "conventions"),
                 "unknown convention “%s” (use basel, rotterdam, stockholm, montreal, cites "
                 "or general)", name);
    }
}

static void
check_codes (Ctx *ctx)
{
  static const char * const code_fields[] = { "hs", "hs_edition", "un", "cas", NULL };
  JsonNode *node = json_object_get_member (ctx->fields, "codes");
  JsonObject *codes;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (ctx->source, ctx->file, field_line (ctx, "codes"),
               "“codes” must be a mapping of hs, hs_edition, un and cas");
      return;
    }
  codes = json_node_get_object (node);
  members = json_object_get_members (codes);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (code_fields, l->data))
      problem (ctx->source, ctx->file, gcm_yaml_document_get_key_line (ctx->doc, codes, l->data),
               "unknown code type “%s” (use hs, hs_edition, un or cas)", (const char *) l->data);

  want_string_list (ctx, codes, "hs", FALSE);
  want_string_list (ctx, codes, "un", FALSE);
  want_string_list (ctx, codes, "cas", FALSE);
  if (json_object_has_member (codes, "hs") &&
      node_string (json_object_get_member (codes, "hs_edition")) == NULL)
    problem (ctx->source, ctx->file, gcm_yaml_document_get_key_line (ctx->doc, codes, "hs"),
             "HS codes need “hs_edition” (for example \"HS 2022\")");
}

/* Replaces the list of source ids with the full entries of the register. */
static void
check_sources (Ctx      *ctx,
               gboolean  required)
{
  JsonArray *list = want_string_list (ctx, ctx->fields, "sources", required);
  g_autoptr(JsonArray) expanded = json_array_new ();

  if (list == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *id = json_array_get_string_element (list, i);
      JsonObject *entry = g_hash_table_lookup (ctx->source->sources, id);

      if (entry == NULL)
        {
          problem (ctx->source, ctx->file, field_line (ctx, "sources"),
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
check_no_html (Ctx        *ctx,
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
  problem (ctx->source, ctx->file, line, "raw HTML is not allowed in Markdown: “%s”", snippet);
}

/* Markdown: every item: link must name an item, every media: image must exist. */
static void
check_markdown (Ctx        *ctx,
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
      const char *at = strstr (markdown, href);
      int line = first_line;

      for (const char *p = markdown; at != NULL && p < at; p++)
        line += *p == '\n';

      if (g_str_has_prefix (href, "item:"))
        add_pending_link (ctx, line, href + strlen ("item:"), "link");
      else if (!g_str_has_prefix (href, "https://") && !g_str_has_prefix (href, "http://") &&
               !g_str_has_prefix (href, "mailto:"))
        problem (ctx->source, ctx->file, line,
                 "the link “%s” must be item:<id> or a web address", href);
    }

  for (guint i = 0; i < images->len; i++)
    {
      const char *src = g_ptr_array_index (images, i);
      const char *at = strstr (markdown, src);
      int line = first_line;

      for (const char *p = markdown; at != NULL && p < at; p++)
        line += *p == '\n';

      if (!g_str_has_prefix (src, "media:"))
        problem (ctx->source, ctx->file, line, "the image “%s” must be media:<path>", src);
      else
        use_media (ctx, src + strlen ("media:"), line);
    }
}

static void
check_common (Ctx         *ctx,
              GcmItemKind  kind)
{
  JsonNode *version = json_object_get_member (ctx->fields, "version");
  const char *id = want_string (ctx, "id", TRUE);

  if (id == NULL)
    ctx->source->ids_incomplete = TRUE;
  else if (!gcm_item_id_is_valid (id))
    {
      problem (ctx->source, ctx->file, field_line (ctx, "id"),
               "the id “%s” must match ^[a-z0-9][a-z0-9/_.-]{0,127}$", id);
      ctx->source->ids_incomplete = TRUE;
    }
  else if (id != NULL && g_hash_table_contains (ctx->source->ids, id))
    problem (ctx->source, ctx->file, field_line (ctx, "id"), "the id “%s” is used twice", id);
  else if (id != NULL)
    {
      ctx->item->id = g_strdup (id);
      g_hash_table_insert (ctx->source->ids, ctx->item->id, ctx->item);
    }

  want_string (ctx, "title", TRUE);
  want_string (ctx, "summary", TRUE);
  check_conventions (ctx);
  want_string_list (ctx, ctx->fields, "keywords", FALSE);
  check_codes (ctx);
  check_sources (ctx, kind != GCM_ITEM_KIND_QUIZ);

  ctx->item->version = 1;
  if (version != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
          json_node_get_int (version) < 1)
        problem (ctx->source, ctx->file, field_line (ctx, "version"),
                 "“version” must be a whole number from 1");
      else
        ctx->item->version = json_node_get_int (version);
    }
}

static void
check_case (Ctx *ctx)
{
  JsonNode *photos = json_object_get_member (ctx->fields, "photos");

  want_string (ctx, "date", TRUE);
  want_string (ctx, "place", TRUE);
  want_string (ctx, "commodity", TRUE);
  want_string (ctx, "quantity", FALSE);
  want_string (ctx, "reported_at", FALSE);
  want_string_list (ctx, ctx->fields, "modus_operandi", TRUE);
  want_string_list (ctx, ctx->fields, "risk_indicators", TRUE);

  if (photos == NULL || !JSON_NODE_HOLDS_ARRAY (photos) ||
      json_array_get_length (json_node_get_array (photos)) == 0)
    {
      problem (ctx->source, ctx->file, field_line (ctx, photos ? "photos" : "id"),
               "a case needs “photos”: a list of {file, caption, credit, licence}");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (photos)); i++)
    {
      static const char * const photo_fields[] = { "file", "caption", "credit", "licence", NULL };
      JsonNode *node = json_array_get_element (json_node_get_array (photos), i);
      int line = gcm_yaml_document_get_line (ctx->doc, node);
      JsonObject *photo;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (ctx->source, ctx->file, line, "a photo must be {file, caption, credit, licence}");
          continue;
        }
      photo = json_node_get_object (node);
      for (guint j = 0; photo_fields[j] != NULL; j++)
        if (node_string (json_object_get_member (photo, photo_fields[j])) == NULL)
          problem (ctx->source, ctx->file, line, "a photo needs a “%s”", photo_fields[j]);
      {
        g_autoptr(GList) members = json_object_get_members (photo);
        for (GList *l = members; l != NULL; l = l->next)
          if (!g_strv_contains (photo_fields, l->data))
            {
              problem (ctx->source, ctx->file, line,
                       "a photo has only file, caption, credit and licence");
              break;
            }
      }
      if (node_string (json_object_get_member (photo, "file")) != NULL)
        use_media (ctx, json_object_get_string_member (photo, "file"), line);
    }
}

static void
check_procedure (Ctx *ctx)
{
  JsonNode *steps = json_object_get_member (ctx->fields, "steps");
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *body;

  want_string_list (ctx, ctx->fields, "applies_to", TRUE);
  want_string_list (ctx, ctx->fields, "hazards", TRUE);
  want_string_list (ctx, ctx->fields, "protective_equipment", TRUE);

  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps) ||
      json_array_get_length (json_node_get_array (steps)) == 0)
    problem (ctx->source, ctx->file, field_line (ctx, steps ? "steps" : "id"),
             "a procedure needs “steps”: a list of {id, text, warning}");
  else
    for (guint i = 0; i < json_array_get_length (json_node_get_array (steps)); i++)
      {
        JsonNode *node = json_array_get_element (json_node_get_array (steps), i);
        int line = gcm_yaml_document_get_line (ctx->doc, node);
        JsonObject *step;
        const char *step_id;
        g_autoptr(GList) members = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          {
            problem (ctx->source, ctx->file, line, "a step must be {id, text, warning}");
            continue;
          }
        step = json_node_get_object (node);
        step_id = node_string (json_object_get_member (step, "id"));
        if (!is_word_id (step_id))
          problem (ctx->source, ctx->file, line, "a step needs an id like “check-seals”");
        else if (!g_hash_table_add (step_ids, (gpointer) step_id))
          problem (ctx->source, ctx->file, line, "the step id “%s” is used twice", step_id);
        if (node_string (json_object_get_member (step, "text")) == NULL)
          problem (ctx->source, ctx->file, line, "a step needs a “text”");
        if (json_object_has_member (step, "warning") &&
            node_string (json_object_get_member (step, "warning")) == NULL)
          problem (ctx->source, ctx->file, line, "a step’s “warning” must be a text");
        members = json_object_get_members (step);
        for (GList *l = members; l != NULL; l = l->next)
          if (!g_strv_contains ((const char * const[]) { "id", "text", "warning", NULL }, l->data))
            problem (ctx->source, ctx->file, line, "unknown step field “%s”",
                     (const char *) l->data);
      }

  body = want_string (ctx, "body", FALSE);
  if (body != NULL)
    check_markdown (ctx, body, field_line (ctx, "body") + 1);
}

static void
check_question (Ctx        *ctx,
                JsonNode   *node,
                GHashTable *question_ids)
{
  static const char * const question_fields[] = {
    "id", "type", "prompt", "image", "choices", "answer", "explanation", "source", NULL
  };
  int line = gcm_yaml_document_get_line (ctx->doc, node);
  JsonObject *q;
  const char *qid, *type, *image, *source;
  JsonNode *choices, *answer;
  guint n_choices = 0;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (ctx->source, ctx->file, line, "a question must be a mapping");
      return;
    }
  q = json_node_get_object (node);
  members = json_object_get_members (q);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (question_fields, l->data))
      problem (ctx->source, ctx->file, gcm_yaml_document_get_key_line (ctx->doc, q, l->data),
               "unknown question field “%s”", (const char *) l->data);

  qid = node_string (json_object_get_member (q, "id"));
  if (!is_word_id (qid))
    problem (ctx->source, ctx->file, line, "a question needs an id like “q1”");
  else if (!g_hash_table_add (question_ids, (gpointer) qid))
    problem (ctx->source, ctx->file, line, "the question id “%s” is used twice", qid);

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "prompt" : "explanation";
      if (node_string (json_object_get_member (q, name)) == NULL)
        problem (ctx->source, ctx->file, line, "the question “%s” needs a “%s”",
                 qid ? qid : "?", name);
    }

  image = node_string (json_object_get_member (q, "image"));
  if (json_object_has_member (q, "image"))
    {
      if (image == NULL)
        problem (ctx->source, ctx->file, line, "“image” must be a path under media/");
      else
        use_media (ctx, image, gcm_yaml_document_get_key_line (ctx->doc, q, "image"));
    }

  source = node_string (json_object_get_member (q, "source"));
  if (source == NULL)
    problem (ctx->source, ctx->file, line, "the question “%s” needs a “source” item id",
             qid ? qid : "?");
  else
    add_pending_link (ctx, gcm_yaml_document_get_key_line (ctx->doc, q, "source"), source,
                      "question source");

  type = node_string (json_object_get_member (q, "type"));
  choices = json_object_get_member (q, "choices");
  answer = json_object_get_member (q, "answer");

  if (g_strcmp0 (type, "single") == 0 || g_strcmp0 (type, "multiple") == 0)
    {
      JsonArray *list = want_string_list (ctx, q, "choices", TRUE);
      n_choices = list ? json_array_get_length (list) : 0;
      if (list != NULL && (n_choices < 2 || n_choices > 6))
        problem (ctx->source, ctx->file, line, "a question has 2 to 6 choices");
    }
  else if (g_strcmp0 (type, "truefalse") == 0)
    {
      if (choices != NULL)
        problem (ctx->source, ctx->file, line, "a true/false question has no “choices”");
    }
  else
    {
      problem (ctx->source, ctx->file, line, "a question’s “type” is single, multiple or truefalse");
      return;
    }

  if (answer == NULL)
    problem (ctx->source, ctx->file, line, "the question “%s” needs an “answer”", qid ? qid : "?");
  else if (g_str_equal (type, "truefalse"))
    {
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_BOOLEAN)
        problem (ctx->source, ctx->file, line, "a true/false answer is true or false");
    }
  else if (g_str_equal (type, "single"))
    {
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_INT64 ||
          json_node_get_int (answer) < 0 || json_node_get_int (answer) >= n_choices)
        problem (ctx->source, ctx->file, line, "the answer must be the index of a choice, from 0");
    }
  else
    {
      JsonArray *list = JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
      guint64 seen = 0;

      if (list == NULL || json_array_get_length (list) == 0)
        problem (ctx->source, ctx->file, line, "a multiple-choice answer is a list of indexes");
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          gint64 index = JSON_NODE_HOLDS_VALUE (element) &&
                         json_node_get_value_type (element) == G_TYPE_INT64 ?
                         json_node_get_int (element) : -1;
          if (index < 0 || index >= n_choices || (seen & (1u << index)))
            {
              problem (ctx->source, ctx->file, line,
                       "the answer must list distinct choice indexes, from 0");
              break;
            }
          seen |= 1u << index;
        }
    }
}

static void
check_quiz (Ctx *ctx)
{
  JsonNode *questions = json_object_get_member (ctx->fields, "questions");
  JsonArray *related = want_string_list (ctx, ctx->fields, "related", FALSE);
  g_autoptr(GHashTable) question_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; related != NULL && i < json_array_get_length (related); i++)
    add_pending_link (ctx, field_line (ctx, "related"), json_array_get_string_element (related, i),
                      "related item");

  if (questions == NULL || !JSON_NODE_HOLDS_ARRAY (questions) ||
      json_array_get_length (json_node_get_array (questions)) == 0)
    {
      problem (ctx->source, ctx->file, field_line (ctx, questions ? "questions" : "id"),
               "a quiz needs “questions”");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (questions)); i++)
    check_question (ctx, json_array_get_element (json_node_get_array (questions), i), question_ids);
}

/* Loading one file */

static void
load_item (GcmSource   *self,
           const char  *relative,
           GcmItemKind  kind,
           const char  *chapter,
           int          order)
{
  static const char * const *section_allowed[] = { common_fields, NULL };
  static const char * const *case_allowed[] = { common_fields, case_fields, NULL };
  static const char * const *procedure_allowed[] = { common_fields, procedure_fields, NULL };
  static const char * const *quiz_allowed[] = { common_fields, quiz_fields, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  const char *yaml = NULL, *body = NULL;
  gsize yaml_len = 0, length = 0;
  int body_line = 1, yaml_line = 1;
  GcmSourceItem *item;
  JsonNode *root;
  Ctx ctx = { self, NULL, relative, NULL, NULL };
  gboolean ids_incomplete = self->ids_incomplete;

  /* Until the front matter is read, this file's id is unknown. */
  self->ids_incomplete = TRUE;

  /* An item holds its whole source file: a larger file cannot make an item the app accepts. */
  contents = read_source_file (self, relative, GCM_ITEM_MAX_SIZE, &length);
  if (contents == NULL)
    return;
  if (!g_utf8_validate (contents, length, NULL))
    {
      problem (self, relative, 1, "the file is not UTF-8");
      return;
    }

  if (g_str_has_suffix (relative, ".md"))
    {
      const char *end;

      if (!g_str_has_prefix (contents, "---\n"))
        {
          problem (self, relative, 1, "the file must start with a “---” front matter line");
          return;
        }
      yaml = contents + 4;
      end = strstr (yaml, "\n---\n");
      if (end == NULL && g_str_has_suffix (yaml, "\n---"))
        end = contents + length - 4;
      if (end == NULL)
        {
          problem (self, relative, 1, "the front matter has no closing “---” line");
          return;
        }
      yaml_len = end - yaml + 1;
      yaml_line = 2;
      body = end + strlen ("\n---\n") <= contents + length ? end + strlen ("\n---\n") : "";
      body_line = yaml_line;
      for (const char *p = yaml; p < body; p++)
        body_line += *p == '\n';
    }
  else
    {
      yaml = contents;
      yaml_len = length;
    }

  doc = gcm_yaml_document_new_from_data (yaml, yaml_len, yaml_line, &error);
  if (doc == NULL)
    {
      /* The YAML error message starts with "LINE: ". */
      g_string_append_printf (self->problems, "%s:%s\n", relative, error->message);
      return;
    }
  root = gcm_yaml_document_get_root (doc);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (self, relative, yaml_line, "the front matter must be a mapping of fields");
      return;
    }

  self->ids_incomplete = ids_incomplete;
  item = g_new0 (GcmSourceItem, 1);
  item->file = g_strdup (relative);
  item->kind = kind;
  item->media = g_ptr_array_new_with_free_func (g_free);
  item->object = json_object_new ();
  g_ptr_array_add (self->items, item);

  ctx.doc = doc;
  ctx.fields = json_node_get_object (root);
  ctx.item = item;

  /* The item object is the front matter plus what the publisher adds. */
  {
    g_autoptr(GList) members = json_object_get_members (ctx.fields);
    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (item->object, l->data,
                              json_node_copy (json_object_get_member (ctx.fields, l->data)));
  }

  switch (kind)
    {
    case GCM_ITEM_KIND_SECTION:
      check_unknown_fields (&ctx, section_allowed);
      break;
    case GCM_ITEM_KIND_CASE:
      check_unknown_fields (&ctx, case_allowed);
      break;
    case GCM_ITEM_KIND_PROCEDURE:
      check_unknown_fields (&ctx, procedure_allowed);
      break;
    case GCM_ITEM_KIND_QUIZ:
    default:
      check_unknown_fields (&ctx, quiz_allowed);
      break;
    }

  check_common (&ctx, kind);

  switch (kind)
    {
    case GCM_ITEM_KIND_CASE:
      check_case (&ctx);
      break;
    case GCM_ITEM_KIND_PROCEDURE:
      check_procedure (&ctx);
      break;
    case GCM_ITEM_KIND_QUIZ:
      check_quiz (&ctx);
      break;
    case GCM_ITEM_KIND_SECTION:
    default:
      break;
    }

  if (body != NULL)
    {
      if (is_blank (body) && kind == GCM_ITEM_KIND_SECTION)
        problem (self, relative, body_line, "the section has no text");
      check_markdown (&ctx, body, body_line);
      json_object_set_string_member (item->object, "body", body);
    }

  json_object_set_string_member (item->object, "kind", gcm_item_kind_to_string (kind));
  json_object_set_int_member (item->object, "version", item->version);
  json_object_set_string_member (item->object, "lang", self->language);
  if (chapter != NULL)
    {
      json_object_set_string_member (item->object, "chapter", chapter);
      json_object_set_int_member (item->object, "order", order);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static GPtrArray *
sorted_files (GcmSource  *self,
              const char *folder,
              const char *suffix)
{
  g_autofree char *path = g_build_filename (self->directory, folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (is_symlink (path))
    {
      problem (self, folder, 1, "is a symbolic link; the source must hold the folder itself");
      self->ids_incomplete = TRUE;
      return names;
    }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename (folder, name, NULL);
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (name[0] == '.')
        continue;
      if (is_symlink (full))
        {
          problem (self, relative, 1, "is a symbolic link; the source must hold the file itself");
          self->ids_incomplete = TRUE;
        }
      else if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (names, g_strdup (name));
      else
        {
          problem (self, relative, 1, "not a %s file", suffix);
          self->ids_incomplete = TRUE;
        }
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
load_pack (GcmSource *self)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  JsonObject *pack;
  JsonNode *chapters;
  gsize length;

  /* Its title and chapters go into the manifest. */
  contents = read_source_file (self, "pack.yaml", GCM_MANIFEST_MAX_SIZE, &length);
  if (contents == NULL)
    return;
  doc = gcm_yaml_document_new_from_data (contents, length, 1, &error);
  if (doc == NULL)
    {
      g_string_append_printf (self->problems, "pack.yaml:%s\n", error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (gcm_yaml_document_get_root (doc)))
    {
      problem (self, "pack.yaml", 1, "must be a mapping");
      return;
    }
  pack = json_node_get_object (gcm_yaml_document_get_root (doc));

  self->feed_id = g_strdup (node_string (json_object_get_member (pack, "feed")));
  self->title = g_strdup (node_string (json_object_get_member (pack, "title")));
  self->language = g_strdup (node_string (json_object_get_member (pack, "language")));
  if (self->feed_id == NULL || strchr (self->feed_id, '\t') != NULL)
    problem (self, "pack.yaml", 1, "“feed” must name the feed id");
  if (self->title == NULL)
    problem (self, "pack.yaml", 1, "“title” is missing");
  if (self->language == NULL)
    self->language = g_strdup ("en");

  chapters = json_object_get_member (pack, "chapters");
  if (chapters == NULL || !JSON_NODE_HOLDS_ARRAY (chapters))
    {
      problem (self, "pack.yaml", 1, "“chapters” must list {id, title}");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (chapters)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (chapters), i);
      int line = gcm_yaml_document_get_line (doc, node);
      const char *id = NULL, *title = NULL;
      GcmSourceChapter *chapter;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          id = node_string (json_object_get_member (json_node_get_object (node), "id"));
          title = node_string (json_object_get_member (json_node_get_object (node), "title"));
        }
      if (!is_word_id (id) || title == NULL)
        {
          problem (self, "pack.yaml", line, "a chapter needs an id like “basel” and a title");
          continue;
        }
      chapter = g_new0 (GcmSourceChapter, 1);
      chapter->id = g_strdup (id);
      chapter->title = g_strdup (title);
      g_ptr_array_add (self->chapters, chapter);
    }
}

static void
load_sources (GcmSource *self)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  gsize length;

  /* Its entries are copied into the items that cite them. */
  contents = read_source_file (self, "sources.yaml", GCM_ITEM_MAX_SIZE, &length);
  if (contents == NULL)
    return;
  self->sources_doc = gcm_yaml_document_new_from_data (contents, length, 1, &error);
  if (self->sources_doc == NULL)
    {
      g_string_append_printf (self->problems, "sources.yaml:%s\n", error->message);
      return;
    }
  root = gcm_yaml_document_get_root (self->sources_doc);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      problem (self, "sources.yaml", 1, "must be a list of {id, title, url}");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      int line = gcm_yaml_document_get_line (self->sources_doc, node);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = entry ? node_string (json_object_get_member (entry, "id")) : NULL;

      if (id == NULL || node_string (json_object_get_member (entry, "title")) == NULL)
        problem (self, "sources.yaml", line, "a source needs an id and a title");
      else if (!g_hash_table_insert (self->sources, (gpointer) id, entry))
        problem (self, "sources.yaml", line, "the source “%s” is listed twice", id);
    }
}

static gboolean
chapter_exists (GcmSource  *self,
                const char *id)
{
  for (guint i = 0; i < self->chapters->len; i++)
    if (g_str_equal (((GcmSourceChapter *) g_ptr_array_index (self->chapters, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
load_sections (GcmSource *self)
{
  g_autoptr(GPtrArray) chapters = sorted_files (self, "sections", "");

  for (guint i = 0; i < chapters->len; i++)
    {
      const char *chapter = g_ptr_array_index (chapters, i);
      g_autofree char *folder = g_build_filename ("sections", chapter, NULL);
      g_autoptr(GPtrArray) files = NULL;

      if (!chapter_exists (self, chapter))
        {
          problem (self, folder, 1, "the chapter “%s” is not listed in pack.yaml", chapter);
          self->ids_incomplete = TRUE;
          continue;
        }
      files = sorted_files (self, folder, ".md");
      for (guint j = 0; j < files->len; j++)
        {
          const char *name = g_ptr_array_index (files, j);
          g_autofree char *relative = g_build_filename (folder, name, NULL);
          guint64 order = 0;
          g_autofree char *digits = g_strndup (name, 2);

          if (strlen (name) < 7 || name[2] != '-' ||
              !g_ascii_string_to_unsigned (digits, 10, 0, 99, &order, NULL))
            {
              problem (self, relative, 1, "a section file is named NN-slug.md");
              self->ids_incomplete = TRUE;
              continue;
            }
          load_item (self, relative, GCM_ITEM_KIND_SECTION, chapter, (int) order);
        }
    }
}

static void
load_folder (GcmSource   *self,
             const char  *folder,
             const char  *suffix,
             GcmItemKind  kind)
{
  g_autoptr(GPtrArray) files = sorted_files (self, folder, suffix);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *relative = g_build_filename (folder, g_ptr_array_index (files, i), NULL);
      load_item (self, relative, kind, NULL, 0);
    }
}

static void
check_pending_links (GcmSource *self)
{
  /* The refused file may hold the missing id: report its own error only. */
  if (self->ids_incomplete)
    return;
  for (guint i = 0; i < self->pending_links->len; i++)
    {
      PendingLink *link = g_ptr_array_index (self->pending_links, i);
      if (!g_hash_table_contains (self->ids, link->target))
        problem (self, link->file, link->line, "the %s “%s” names no item", link->what,
                 link->target);
    }
}

/* Unused media are reported but not fatal: they may be used by a later version. */
static void
warn_unused_media (GcmSource  *self,
                   const char *relative)
{
  g_autofree char *path = g_build_filename (self->directory, "media", relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = *relative ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR) && !is_symlink (full))
        warn_unused_media (self, child);
      else if (!g_hash_table_contains (self->used_media, child))
        g_printerr ("media/%s: warning: no item uses this file\n", child);
    }
}

/* GObject */

static void
gcm_source_finalize (GObject *object)
{
  GcmSource *self = GCM_SOURCE (object);

  g_free (self->directory);
  g_free (self->feed_id);
  g_free (self->title);
  g_free (self->language);
  g_ptr_array_unref (self->chapters);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->sources);
  g_clear_object (&self->sources_doc);
  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->used_media);
  g_ptr_array_unref (self->pending_links);
  g_string_free (self->problems, TRUE);

  G_OBJECT_CLASS (gcm_source_parent_class)->finalize (object);
}

static void
gcm_source_class_init (GcmSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_source_finalize;
}

static void
gcm_source_init (GcmSource *self)
{
  self->chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) source_chapter_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) source_item_free);
  self->sources = g_hash_table_new (g_str_hash, g_str_equal);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->used_media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) source_media_free);
  self->pending_links = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_link_free);
  self->problems = g_string_new (NULL);
}

/* Public API */

/**
 * gcm_source_load:
 * @directory: the authoring source folder
 *
 * Returns: (transfer full): the checked source, or %NULL with @error holding every problem,
 *   one `file:line: message` a line
 */
GcmSource *
gcm_source_load (const char  *directory,
                 GError     **error)
{
  g_autoptr(GcmSource) self = NULL;

  g_return_val_if_fail (directory != NULL, NULL);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                   "%s: no such folder", directory);
      return NULL;
    }

  self = g_object_new (GCM_TYPE_SOURCE, NULL);
  self->directory = g_strdup (directory);

  load_pack (self);
  load_sources (self);
  if (self->problems->len == 0)
    {
      load_sections (self);
      load_folder (self, "cases", ".md", GCM_ITEM_KIND_CASE);
      load_folder (self, "procedures", ".yaml", GCM_ITEM_KIND_PROCEDURE);
      load_folder (self, "quizzes", ".yaml", GCM_ITEM_KIND_QUIZ);
      check_pending_links (self);
    }

  if (self->problems->len > 0)
    {
      g_string_truncate (self->problems, self->problems->len - 1);
      g_set_error_literal (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                           self->problems->str);
      return NULL;
    }
  warn_unused_media (self, "");
  return g_steal_pointer (&self);
}

const char *
gcm_source_get_directory (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->directory;
}

const char *
gcm_source_get_feed_id (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->feed_id;
}

const char *
gcm_source_get_title (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->title;
}

const char *
gcm_source_get_language (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->language;
}

/**
 * gcm_source_get_chapters:
 *
 * Returns: (transfer none) (element-type GcmSourceChapter): the chapters in reading order
 */
GPtrArray *
gcm_source_get_chapters (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->chapters;
}

/**
 * gcm_source_get_items:
 *
 * Returns: (transfer none) (element-type GcmSourceItem): the items
 */
GPtrArray *
gcm_source_get_items (GcmSource *self)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return self->items;
}

char *
gcm_source_dup_media_path (GcmSource  *self,
                           const char *relative)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return g_build_filename (self->directory, "media", relative, NULL);
}

/**
 * gcm_source_get_media:
 * @relative: a path under media/ that some item uses
 *
 * Returns: (transfer none) (nullable): what the checks found of the file
 */
const GcmSourceMedia *
gcm_source_get_media (GcmSource  *self,
                      const char *relative)
{
  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);
  return g_hash_table_lookup (self->used_media, relative);
}

/**
 * gcm_source_read_media:
 *
 * Reads a media file as the checks did: a regular file, no symbolic link, within the app's size
 * limit.
 *
 * Returns: (transfer full): the file's bytes, or %NULL
 */
GBytes *
gcm_source_read_media (GcmSource   *self,
                       const char  *relative,
                       GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GCM_IS_SOURCE (self), NULL);

  path = gcm_source_dup_media_path (self, relative);
  bytes = read_regular_file (path, GCM_MEDIA_MAX_SIZE, error);
  if (bytes == NULL)
    g_prefix_error (error, "media/%s ", relative);
  return g_steal_pointer (&bytes);
}
