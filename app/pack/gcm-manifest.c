/* gcm-manifest.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manifest is a full snapshot of a feed: every item and media object with its hash and size.
 * It is read strictly: an unknown kind, a bad id or hash, or a duplicate is an error, so that
 * nothing later has to second-guess what it was given.
 */

#define G_LOG_DOMAIN "GcmManifest"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "gcm-feed-error.h"
#include "gcm-json-utils.h"
#include "gcm-manifest.h"

/* Helpers */

gboolean
gcm_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (sha256[i]) && !(sha256[i] >= 'a' && sha256[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED, "manifest: %s", what);
  return FALSE;
}

/* Trusted comment: feed:<id>\tserial:<n>\tgenerated:<unix>\texpires:<unix>\tsize:<n>\tformat:1 */

GcmFeedComment *
gcm_feed_comment_parse (const char  *text,
                        GError     **error)
{
  g_autoptr(GcmFeedComment) comment = g_new0 (GcmFeedComment, 1);
  g_auto(GStrv) fields = NULL;
  guint seen = 0;

  g_return_val_if_fail (text != NULL, NULL);

  fields = g_strsplit (text, "\t", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *colon = strchr (fields[i], ':');
      g_autofree char *key = NULL;
      const char *value;
      gint64 number = 0;
      gboolean numeric;

      if (colon == NULL)
        continue;
      key = g_strndup (fields[i], colon - fields[i]);
      value = colon + 1;
      numeric = g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &number, NULL);

      if (g_str_equal (key, "feed"))
        {
          g_free (comment->feed);
          comment->feed = g_strdup (value);
          seen |= 1;
        }
      else if (g_str_equal (key, "serial") && numeric)
        comment->serial = number, seen |= 2;
      else if (g_str_equal (key, "generated") && numeric)
        comment->generated = number, seen |= 4;
      else if (g_str_equal (key, "expires") && numeric)
        comment->expires = number, seen |= 8;
      else if (g_str_equal (key, "size") && numeric)
        comment->size = number, seen |= 16;
      else if (g_str_equal (key, "format") && numeric)
        comment->format = (int) MIN (number, G_MAXINT), seen |= 32;
    }

  if (seen != 63 || comment->serial <= 0 || comment->size <= 0 ||
      comment->size > GCM_MANIFEST_MAX_SIZE)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "the signature's trusted comment is not a feed comment");
      return NULL;
    }
  if (comment->format != GCM_FEED_FORMAT)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TOO_NEW,
                   "feed format %d is not supported", comment->format);
      return NULL;
    }
  return g_steal_pointer (&comment);
}

char *
gcm_feed_comment_format (const GcmFeedComment *comment)
{
  g_return_val_if_fail (comment != NULL, NULL);

  return g_strdup_printf ("feed:%s\tserial:%" G_GINT64_FORMAT "\tgenerated:%" G_GINT64_FORMAT
                          "\texpires:%" G_GINT64_FORMAT "\tsize:%" G_GINT64_FORMAT "\tformat:%d",
                          comment->feed, comment->serial, comment->generated, comment->expires,
                          comment->size, comment->format);
}

void
gcm_feed_comment_free (GcmFeedComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->feed);
  g_free (comment);
}

/* Parts */

GcmManifestItem *
gcm_manifest_item_new (void)
{
  return g_new0 (GcmManifestItem, 1);
}

void
gcm_manifest_item_free (GcmManifestItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->sha256);
  g_free (item->lang);
  g_strfreev (item->media);
  g_free (item);
}

GcmManifestMedia *
gcm_manifest_media_new (void)
{
  return g_new0 (GcmManifestMedia, 1);
}

void
gcm_manifest_media_free (GcmManifestMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->sha256);
  g_free (media->mime);
  g_free (media);
}

GcmManifestChapter *
gcm_manifest_chapter_new (const char *id,
                          const char *title)
{
  GcmManifestChapter *chapter = g_new0 (GcmManifestChapter, 1);

  chapter->id = g_strdup (id);
  chapter->title = g_strdup (title);
  chapter->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return chapter;
}

void
gcm_manifest_chapter_free (GcmManifestChapter *chapter)
{
  if (chapter == NULL)
    return;
  g_free (chapter->id);
  g_free (chapter->title);
  g_hash_table_unref (chapter->titles);
  g_free (chapter);
}

GcmManifest *
gcm_manifest_new (void)
{
  GcmManifest *manifest = g_new0 (GcmManifest, 1);

  manifest->format = GCM_FEED_FORMAT;
  manifest->min_client = GCM_CLIENT_LEVEL;
  manifest->chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_manifest_chapter_free);
  manifest->items = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_manifest_item_free);
  manifest->media = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_manifest_media_free);
  return manifest;
}

void
gcm_manifest_free (GcmManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->feed);
  g_free (manifest->title);
  g_free (manifest->language);
  g_ptr_array_unref (manifest->chapters);
  g_ptr_array_unref (manifest->items);
  g_ptr_array_unref (manifest->media);
  g_free (manifest);
}

/* The element of @parts whose string at @key_offset is @key. */
static gpointer
find_part (GPtrArray  *parts,
           gsize       key_offset,
           const char *key)
{
  for (guint i = 0; i < parts->len; i++)
    if (g_str_equal (G_STRUCT_MEMBER (char *, g_ptr_array_index (parts, i), key_offset), key))
      return g_ptr_array_index (parts, i);
  return NULL;
}

GcmManifestMedia *
gcm_manifest_find_media (GcmManifest *manifest,
                         const char  *sha256)
{
  return find_part (manifest->media, G_STRUCT_OFFSET (GcmManifestMedia, sha256), sha256);
}

GcmManifestItem *
gcm_manifest_find_item (GcmManifest *manifest,
                        const char  *id)
{
  return find_part (manifest->items, G_STRUCT_OFFSET (GcmManifestItem, id), id);
}

/* Reading */

static GcmManifestItem *
parse_item (JsonNode    *node,
            GHashTable  *media_hashes,
            GError     **error)
{
  g_autoptr(GcmManifestItem) item = gcm_manifest_item_new ();
  g_autoptr(GStrvBuilder) media = g_strv_builder_new ();
  JsonObject *object;
  const char *kind;
  JsonArray *refs;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return malformed (error, "an item is not an object"), NULL;
  object = json_node_get_object (node);
  kind = gcm_json_get_string (object, "kind");
  refs = gcm_json_get_array (object, "media");
  item->id = g_strdup (gcm_json_get_string (object, "id"));
  item->sha256 = g_strdup (gcm_json_get_string (object, "sha256"));
  item->lang = g_strdup (gcm_json_get_string (object, "lang"));

  if (!gcm_item_id_is_valid (item->id))
    return malformed (error, "an item has an invalid id"), NULL;
  if (!gcm_item_kind_from_string (kind, &item->kind))
    return malformed (error, "an item has an unknown kind"), NULL;
  if (!gcm_sha256_is_valid (item->sha256))
    return malformed (error, "an item has an invalid hash"), NULL;
  if (!gcm_json_get_int (object, "version", &item->version) || item->version < 1)
    return malformed (error, "an item has no version"), NULL;
  if (!gcm_json_get_int (object, "size", &item->size) || item->size < 1 ||
      item->size > GCM_ITEM_MAX_SIZE)
    return malformed (error, "an item has an invalid size"), NULL;
  if (item->lang == NULL)
    item->lang = g_strdup ("en");

  for (guint i = 0; refs != NULL && i < json_array_get_length (refs); i++)
    {
      const char *sha = gcm_json_node_get_string (json_array_get_element (refs, i));

      if (sha == NULL || !g_hash_table_contains (media_hashes, sha))
        return malformed (error, "an item uses media the manifest does not list"), NULL;
      g_strv_builder_add (media, sha);
    }
  item->media = g_strv_builder_end (media);
  return g_steal_pointer (&item);
}

static GcmManifestMedia *
parse_media (JsonNode    *node,
             GError     **error)
{
  g_autoptr(GcmManifestMedia) media = gcm_manifest_media_new ();
  gint64 width = 0, height = 0;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return malformed (error, "a media entry is not an object"), NULL;
  object = json_node_get_object (node);
  media->sha256 = g_strdup (gcm_json_get_string (object, "sha256"));
  media->mime = g_strdup (gcm_json_get_string (object, "mime"));

  if (!gcm_sha256_is_valid (media->sha256))
    return malformed (error, "a media object has an invalid hash"), NULL;
  if (media->mime == NULL || !g_str_has_prefix (media->mime, "image/"))
    return malformed (error, "a media object is not an image"), NULL;
  if (!gcm_json_get_int (object, "size", &media->size) || media->size < 1 ||
      media->size > GCM_MEDIA_MAX_SIZE)
    return malformed (error, "a media object has an invalid size"), NULL;
  gcm_json_get_int (object, "width", &width);
  gcm_json_get_int (object, "height", &height);
  media->width = CLAMP (width, 0, 65535);
  media->height = CLAMP (height, 0, 65535);
  return g_steal_pointer (&media);
}

/**
 * gcm_manifest_new_from_bytes:
 *
 * Returns: (transfer full): the manifest, or %NULL with a %GCM_FEED_ERROR set
 */
GcmManifest *
gcm_manifest_new_from_bytes (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(GcmManifest) manifest = gcm_manifest_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) media_hashes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *items, *media, *chapters;
  gint64 format = 0, min_client = 0;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > GCM_MANIFEST_MAX_SIZE)
    return malformed (error, "too large"), NULL;
  if (!gcm_json_parser_load (parser, data, size, "manifest", error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return malformed (error, "not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (!gcm_json_get_int (root, "format", &format))
    return malformed (error, "no format"), NULL;
  if (format != GCM_FEED_FORMAT)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TOO_NEW,
                   "manifest format %" G_GINT64_FORMAT " is not supported", format);
      return NULL;
    }
  gcm_json_get_int (root, "min_client", &min_client);
  if (min_client > GCM_CLIENT_LEVEL)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_TOO_NEW,
                           "the manifest needs a newer client");
      return NULL;
    }
  manifest->min_client = (int) min_client;
  manifest->feed = g_strdup (gcm_json_get_string (root, "feed"));
  manifest->title = g_strdup (gcm_json_get_string (root, "title"));
  manifest->language = g_strdup (gcm_json_get_string (root, "language"));
  if (manifest->feed == NULL || !gcm_json_get_int (root, "serial", &manifest->serial) ||
      !gcm_json_get_int (root, "generated", &manifest->generated) ||
      !gcm_json_get_int (root, "expires", &manifest->expires))
    return malformed (error, "feed, serial, generated or expires missing"), NULL;

  media = gcm_json_get_array (root, "media");
  items = gcm_json_get_array (root, "items");
  if (media == NULL || items == NULL)
    return malformed (error, "items or media missing"), NULL;

  for (guint i = 0; i < json_array_get_length (media); i++)
    {
      GcmManifestMedia *m = parse_media (json_array_get_element (media, i), error);

      if (m == NULL)
        return NULL;
      g_ptr_array_add (manifest->media, m);
      if (!g_hash_table_add (media_hashes, m->sha256))
        return malformed (error, "a media object is listed twice"), NULL;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      GcmManifestItem *item = parse_item (json_array_get_element (items, i), media_hashes, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (manifest->items, item);
      if (!g_hash_table_add (ids, item->id))
        return malformed (error, "an item id is listed twice"), NULL;
    }

  chapters = gcm_json_get_array (root, "chapters");
  for (guint i = 0; chapters != NULL && i < json_array_get_length (chapters); i++)
    {
      JsonNode *node = json_array_get_element (chapters, i);
      const char *id, *title;
      GcmManifestChapter *chapter;
      JsonNode *titles;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, "a chapter is not an object"), NULL;
      id = gcm_json_get_string (json_node_get_object (node), "id");
      title = gcm_json_get_string (json_node_get_object (node), "title");
      if (id == NULL || title == NULL)
        return malformed (error, "a chapter has no id or title"), NULL;
      chapter = gcm_manifest_chapter_new (id, title);
      g_ptr_array_add (manifest->chapters, chapter);

      /* Optional: manifests from before translations have none. */
      titles = json_object_get_member (json_node_get_object (node), "titles");
      if (titles != NULL && !JSON_NODE_HOLDS_OBJECT (titles))
        return malformed (error, "a chapter's titles are not an object"), NULL;
      if (titles != NULL)
        {
          g_autoptr(GList) langs = json_object_get_members (json_node_get_object (titles));

          for (GList *l = langs; l != NULL; l = l->next)
            {
              const char *translated = gcm_json_get_string (json_node_get_object (titles), l->data);

              if (translated == NULL || strlen (l->data) != 2)
                return malformed (error, "a chapter's translated title is not a string"), NULL;
              g_hash_table_insert (chapter->titles, g_strdup (l->data), g_strdup (translated));
            }
        }
    }

  return g_steal_pointer (&manifest);
}

gboolean
gcm_manifest_matches_comment (GcmManifest           *manifest,
                              const GcmFeedComment  *comment,
                              GError               **error)
{
  if (g_strcmp0 (manifest->feed, comment->feed) != 0 || manifest->serial != comment->serial ||
      manifest->generated != comment->generated || manifest->expires != comment->expires)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED,
                           "the manifest does not match its signature's trusted comment");
      return FALSE;
    }
  return TRUE;
}

/* Writing */

static void
add_chapter (JsonBuilder *builder,
             gpointer     part,
             gpointer     user_data)
{
  GcmManifestChapter *chapter = part;

  gcm_json_add_string (builder, "id", chapter->id);
  gcm_json_add_string (builder, "title", chapter->title);
  if (g_hash_table_size (chapter->titles) > 0)
    {
      g_autoptr(GList) langs = g_list_sort (g_hash_table_get_keys (chapter->titles),
                                            (GCompareFunc) g_strcmp0);

      json_builder_set_member_name (builder, "titles");
      json_builder_begin_object (builder);
      for (GList *l = langs; l != NULL; l = l->next)
        {
          gcm_json_add_string (builder, l->data,
                               g_hash_table_lookup (chapter->titles, l->data));
        }
      json_builder_end_object (builder);
    }
}

static void
add_item (JsonBuilder *builder,
          gpointer     part,
          gpointer     user_data)
{
  GcmManifestItem *item = part;

  gcm_json_add_string (builder, "id", item->id);
  gcm_json_add_string (builder, "kind", gcm_item_kind_to_string (item->kind));
  gcm_json_add_int (builder, "version", item->version);
  gcm_json_add_string (builder, "sha256", item->sha256);
  gcm_json_add_int (builder, "size", item->size);
  gcm_json_add_string (builder, "lang", item->lang);
  json_builder_set_member_name (builder, "media");
  json_builder_begin_array (builder);
  for (guint j = 0; item->media != NULL && item->media[j] != NULL; j++)
    json_builder_add_string_value (builder, item->media[j]);
  json_builder_end_array (builder);
}

static void
add_media (JsonBuilder *builder,
           gpointer     part,
           gpointer     user_data)
{
  GcmManifestMedia *media = part;

  gcm_json_add_string (builder, "sha256", media->sha256);
  gcm_json_add_int (builder, "size", media->size);
  gcm_json_add_string (builder, "mime", media->mime);
  gcm_json_add_int (builder, "width", media->width);
  gcm_json_add_int (builder, "height", media->height);
}

char *
gcm_manifest_to_data (GcmManifest *manifest,
                      gsize       *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (manifest != NULL, NULL);

  json_builder_begin_object (builder);
  gcm_json_add_int (builder, "format", manifest->format);
  gcm_json_add_string (builder, "feed", manifest->feed);
  if (manifest->title != NULL)
    {
      gcm_json_add_string (builder, "title", manifest->title);
    }
  if (manifest->language != NULL)
    {
      gcm_json_add_string (builder, "language", manifest->language);
    }
  gcm_json_add_int (builder, "serial", manifest->serial);
  gcm_json_add_int (builder, "generated", manifest->generated);
  gcm_json_add_int (builder, "expires", manifest->expires);
  gcm_json_add_int (builder, "min_client", manifest->min_client);

  gcm_json_add_object_array (builder, "chapters", manifest->chapters, add_chapter, NULL);
  gcm_json_add_object_array (builder, "items", manifest->items, add_item, NULL);
  gcm_json_add_object_array (builder, "media", manifest->media, add_media, NULL);
  json_builder_end_object (builder);

  return gcm_json_builder_to_data (builder, length);
}
