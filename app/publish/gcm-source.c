/* gcm-source.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GcmSource reads the authoring source of the manual (data/content/README.md) and checks all of
 * it before anything is published: unknown or missing fields, bad or duplicate ids, unknown
 * sources, broken `item:` links, missing media and malformed YAML. Every problem is reported as
 * `file:line: message`, all of them at once, so an author can fix a batch in one pass.
 *
 * This file finds and reads the files; gcm-source-fields.c checks what every item carries and
 * gcm-source-kinds.c what only one kind does, after the kind registry (gcm-item-kind.c).
 */

#define G_LOG_DOMAIN "GcmSource"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gcm-manifest.h"
#include "gcm-source-private.h"

G_DEFINE_FINAL_TYPE (GcmSource, gcm_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (gcm-source-error-quark, gcm_source_error)

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
  g_hash_table_unref (chapter->titles);
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
pending_link_free (GcmSourcePendingLink *link)
{
  g_free (link->file);
  g_free (link->target);
  g_free (link->what);
  g_free (link);
}

G_GNUC_PRINTF (4, 5)
void
_gcm_source_problem (GcmSource  *self,
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

/* Reads a regular file of at most @cap bytes. The size is checked before reading, so a huge
 * file costs no memory; symbolic links (which could reach outside the source) and FIFOs (which
 * would block) are refused. The data is NUL-terminated. */
GBytes *
_gcm_source_read_regular_file (const char  *path,
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

/* Like _gcm_source_read_regular_file (), reporting a refusal as `relative:1: …`. */
static char *
read_source_file (GcmSource  *self,
                  const char *relative,
                  gsize       cap,
                  gsize      *length)
{
  g_autofree char *path = g_build_filename (self->directory, relative, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = _gcm_source_read_regular_file (path, cap, &error);

  if (bytes == NULL)
    {
      _gcm_source_problem (self, relative, 1, "the file %s", error->message);
      return NULL;
    }
  return g_bytes_unref_to_data (g_steal_pointer (&bytes), length);
}

/* Loading one file */

/* Reads an item file: YAML, or Markdown with YAML front matter. Returns the front matter
 * (NULL after reporting why not), and in @body the Markdown after it, pointing into
 * @contents, or NULL for a YAML file. */
GcmYamlDocument *
_gcm_source_read_item_file (GcmSource   *self,
                            const char  *relative,
                            char       **contents_out,
                            const char **body_out,
                            int         *body_line_out)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  const char *yaml = NULL, *body = NULL;
  gsize yaml_len = 0, length = 0;
  int body_line = 1, yaml_line = 1;

  /* An item holds its whole source file: a larger file cannot make an item the app accepts. */
  contents = read_source_file (self, relative, GCM_ITEM_MAX_SIZE, &length);
  if (contents == NULL)
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      _gcm_source_problem (self, relative, 1, "the file is not UTF-8");
      return NULL;
    }

  if (g_str_has_suffix (relative, ".md"))
    {
      const char *end;

      if (!g_str_has_prefix (contents, "---\n"))
        {
          _gcm_source_problem (self, relative, 1,
                               "the file must start with a “---” front matter line");
          return NULL;
        }
      yaml = contents + 4;
      end = strstr (yaml, "\n---\n");
      if (end == NULL && g_str_has_suffix (yaml, "\n---"))
        end = contents + length - 4;
      if (end == NULL)
        {
          _gcm_source_problem (self, relative, 1, "the front matter has no closing “---” line");
          return NULL;
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
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (gcm_yaml_document_get_root (doc)))
    {
      _gcm_source_problem (self, relative, yaml_line,
                           "the front matter must be a mapping of fields");
      return NULL;
    }
  *body_out = body;
  *body_line_out = body_line;
  *contents_out = g_steal_pointer (&contents);
  return g_steal_pointer (&doc);
}

static void
load_item (GcmSource   *self,
           const char  *relative,
           GcmItemKind  kind,
           const char  *chapter,
           int          order)
{
  g_autofree char *contents = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  const char *body = NULL;
  int body_line = 1;
  GcmSourceItem *item;
  JsonNode *root;
  GcmSourceCtx ctx = { self, NULL, relative, NULL, NULL };
  gboolean ids_incomplete = self->ids_incomplete;

  /* Until the front matter is read, this file's id is unknown. */
  self->ids_incomplete = TRUE;
  doc = _gcm_source_read_item_file (self, relative, &contents, &body, &body_line);
  if (doc == NULL)
    return;
  root = gcm_yaml_document_get_root (doc);

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

  _gcm_source_check_unknown_fields (&ctx, kind);
  _gcm_source_check_common (&ctx, kind);
  _gcm_source_check_kind (&ctx, kind);

  if (body != NULL)
    {
      if (is_blank (body) && _gcm_source_kind_needs_text (kind))
        _gcm_source_problem (self, relative, body_line, "the %s has no text",
                             gcm_item_kind_to_string (kind));
      _gcm_source_check_markdown (&ctx, body, body_line);
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
      _gcm_source_problem (self, folder, 1,
                           "is a symbolic link; the source must hold the folder itself");
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
          _gcm_source_problem (self, relative, 1,
                               "is a symbolic link; the source must hold the file itself");
          self->ids_incomplete = TRUE;
        }
      else if (_gcm_source_is_translation_name (name, suffix))
        _gcm_source_add_translation (self, folder, name, suffix);
      else if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (names, g_strdup (name));
      else
        {
          _gcm_source_problem (self, relative, 1, "not a %s file", suffix);
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
      _gcm_source_problem (self, "pack.yaml", 1, "must be a mapping");
      return;
    }
  pack = json_node_get_object (gcm_yaml_document_get_root (doc));

  self->feed_id = g_strdup (node_string (json_object_get_member (pack, "feed")));
  self->title = g_strdup (node_string (json_object_get_member (pack, "title")));
  self->language = g_strdup (node_string (json_object_get_member (pack, "language")));
  if (self->feed_id == NULL || strchr (self->feed_id, '\t') != NULL)
    _gcm_source_problem (self, "pack.yaml", 1, "“feed” must name the feed id");
  if (self->title == NULL)
    _gcm_source_problem (self, "pack.yaml", 1, "“title” is missing");
  if (self->language == NULL)
    self->language = g_strdup ("en");

  chapters = json_object_get_member (pack, "chapters");
  if (chapters == NULL || !JSON_NODE_HOLDS_ARRAY (chapters))
    {
      _gcm_source_problem (self, "pack.yaml", 1, "“chapters” must list {id, title}");
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
          _gcm_source_problem (self, "pack.yaml", line,
                               "a chapter needs an id like “basel” and a title");
          continue;
        }
      chapter = g_new0 (GcmSourceChapter, 1);
      chapter->id = g_strdup (id);
      chapter->title = g_strdup (title);
      chapter->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
      _gcm_source_problem (self, "sources.yaml", 1, "must be a list of {id, title, url}");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (root), i);
      int line = gcm_yaml_document_get_line (self->sources_doc, node);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = entry ? node_string (json_object_get_member (entry, "id")) : NULL;

      if (id == NULL || node_string (json_object_get_member (entry, "title")) == NULL)
        _gcm_source_problem (self, "sources.yaml", line, "a source needs an id and a title");
      else if (!g_hash_table_insert (self->sources, (gpointer) id, entry))
        _gcm_source_problem (self, "sources.yaml", line, "the source “%s” is listed twice", id);
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
  const char *sections = gcm_item_kind_get_source_folder (GCM_ITEM_KIND_SECTION);
  g_autoptr(GPtrArray) chapters = sorted_files (self, sections, "");

  for (guint i = 0; i < chapters->len; i++)
    {
      const char *chapter = g_ptr_array_index (chapters, i);
      g_autofree char *folder = g_build_filename (sections, chapter, NULL);
      g_autoptr(GPtrArray) files = NULL;

      if (!chapter_exists (self, chapter))
        {
          _gcm_source_problem (self, folder, 1, "the chapter “%s” is not listed in pack.yaml",
                               chapter);
          self->ids_incomplete = TRUE;
          continue;
        }
      files = sorted_files (self, folder, gcm_item_kind_get_source_suffix (GCM_ITEM_KIND_SECTION));
      for (guint j = 0; j < files->len; j++)
        {
          const char *name = g_ptr_array_index (files, j);
          g_autofree char *relative = g_build_filename (folder, name, NULL);
          guint64 order = 0;
          g_autofree char *digits = g_strndup (name, 2);

          if (strlen (name) < 7 || name[2] != '-' ||
              !g_ascii_string_to_unsigned (digits, 10, 0, 99, &order, NULL))
            {
              _gcm_source_problem (self, relative, 1, "a section file is named NN-slug.md");
              self->ids_incomplete = TRUE;
              continue;
            }
          load_item (self, relative, GCM_ITEM_KIND_SECTION, chapter, (int) order);
        }
    }
}

/* The folder of a kind whose items stand on their own, outside the chapters. */
static void
load_folder (GcmSource   *self,
             GcmItemKind  kind)
{
  const char *folder = gcm_item_kind_get_source_folder (kind);
  g_autoptr(GPtrArray) files = sorted_files (self, folder, gcm_item_kind_get_source_suffix (kind));

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
      GcmSourcePendingLink *link = g_ptr_array_index (self->pending_links, i);
      if (!g_hash_table_contains (self->ids, link->target))
        _gcm_source_problem (self, link->file, link->line, "the %s “%s” names no item", link->what,
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
      g_autofree char *child = *relative ? g_build_filename (relative, name,
                                                             NULL) : g_strdup (name);
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
  g_ptr_array_unref (self->translations);
  g_ptr_array_unref (self->warnings);

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
  self->translations = g_ptr_array_new_with_free_func ((GDestroyNotify) _gcm_source_translation_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
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
gcm_source_load (const char         *directory,
                 GcmSourceLoadFlags  flags,
                 GError            **error)
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
  self->strict = (flags & GCM_SOURCE_LOAD_STRICT) != 0;

  load_pack (self);
  load_sources (self);
  if (self->problems->len == 0)
    {
      load_sections (self);
      for (GcmItemKind kind = 0; kind < GCM_ITEM_KIND_COUNT; kind++)
        if (kind != GCM_ITEM_KIND_SECTION)
          load_folder (self, kind);
      _gcm_source_load_translations (self);
      _gcm_source_load_pack_translations (self);
      check_pending_links (self);
    }

  if (self->problems->len > 0)
    {
      g_string_truncate (self->problems, self->problems->len - 1);
      g_set_error_literal (error, GCM_SOURCE_ERROR, GCM_SOURCE_ERROR_INVALID,
                           self->problems->str);
      return NULL;
    }
  for (guint i = 0; i < self->warnings->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (self->warnings, i));
  warn_unused_media (self, "");
  return g_steal_pointer (&self);
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

  path = g_build_filename (self->directory, "media", relative, NULL);
  bytes = _gcm_source_read_regular_file (path, GCM_MEDIA_MAX_SIZE, error);
  if (bytes == NULL)
    g_prefix_error (error, "media/%s ", relative);
  return g_steal_pointer (&bytes);
}
