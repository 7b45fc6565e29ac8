/* gcm-importer.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verify-and-apply path shared by the bundled content, `--import DIR` and sync (DESIGN §5):
 * a verified GcmFeed goes into content.db in one BEGIN IMMEDIATE … COMMIT. Unchanged items are
 * skipped by hash, changed ones are checked against their hash and size and upserted, withdrawn
 * ones deleted, and the serial recorded. Any error rolls the whole transaction back, so the
 * previous content and serial stay whole. user.db is never touched here.
 *
 * The items, media and manifest also go to objects/, so content.db can be rebuilt from there
 * (gcm_importer_restore()), and the rollback floor goes to feed-state after each commit, so a
 * rebuild cannot let an older feed back in.
 */

#define G_LOG_DOMAIN "GcmImporter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gcm-content-schema.h"
#include "gcm-document.h"
#include "gcm-importer.h"
#include "gcm-json-utils.h"
#include "gcm-search.h"
#include "gcm-search-schema.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"

/* An apply and a collection of objects/ do not overlap: the one would delete what the other has
 * just kept. */
G_LOCK_DEFINE_STATIC (apply);

typedef struct
{
  char      *path;
  GPtrArray *trusted_keys;
  GcmImportResult result;
} ImportData;

/* Where an apply takes its snapshot from: a verified feed, or the store's own objects/ when
 * content.db is rebuilt. */
typedef struct
{
  GcmStore    *store;
  GcmFeed     *feed;              /* NULL: objects/ */
  GcmManifest *manifest;
  const char  *manifest_sha256;
  const char  *origin;
  gboolean     check_expiry;
  gboolean     log_changes;       /* rows for What's new; not for the first install or a rebuild */
  GPtrArray   *new_objects;       /* paths written to objects/ by this apply */
} Source;

/* Helpers */

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->trusted_keys, g_ptr_array_unref);
  g_free (data);
}

static gboolean
malformed_item (GError     **error,
                const char  *id,
                const char  *what)
{
  g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED, "item %s: %s", id, what);
  return FALSE;
}

static void
append_list (GString    *out,
             JsonObject *object,
             const char *member,
             const char *separator)
{
  JsonArray *array = gcm_json_get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *text = gcm_json_node_get_string (json_array_get_element (array, i));

      if (text == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, text);
    }
}

/* "hs:2903.41 hs:290341 un:1078 cas:75-45-6": typed tokens that search can filter on. */
static char *
codes_text (JsonObject *object)
{
  static const char * const kinds[] = { "hs", "un", "cas" };
  JsonObject *codes = gcm_json_get_object (object, "codes");
  GString *out = g_string_new (NULL);

  if (codes == NULL)
    return g_string_free (out, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonArray *array = gcm_json_get_array (codes, kinds[k]);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          const char *code = json_array_get_string_element (array, i);
          g_autoptr(GString) digits = g_string_new (NULL);

          if (code == NULL)
            continue;
          g_string_append_printf (out, "%s%s:%s", out->len ? " " : "", kinds[k], code);
          for (const char *p = code; *p; p++)
            if (g_ascii_isdigit (*p))
              g_string_append_c (digits, *p);
          if (g_str_equal (kinds[k], "hs") && !g_str_equal (digits->str, code))
            g_string_append_printf (out, " hs:%s", digits->str);
        }
    }
  return g_string_free (out, FALSE);
}

/* The plain text search indexes. Quiz answers and explanations are never indexed. */
static void
item_text (JsonObject   *object,
           GcmItemKind   kind,
           char        **body_out,
           char        **headings_out)
{
  g_autoptr(GString) body = g_string_new (NULL);
  const char *markdown = gcm_json_get_string (object, "body");
  g_autofree char *headings = NULL;

  if (kind == GCM_ITEM_KIND_QUIZ)
    {
      *body_out = g_strdup ("");
      *headings_out = g_strdup ("");
      return;
    }

  if (markdown != NULL)
    {
      g_autoptr(GcmDocument) document = gcm_document_new_from_markdown (markdown, -1);
      g_autofree char *text = gcm_document_dup_plain_text (document);
      g_string_append (body, text);
      headings = gcm_document_dup_headings (document);
    }

  if (kind == GCM_ITEM_KIND_CASE)
    {
      static const char * const fields[] = { "commodity", "place", "date", "quantity" };
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (gcm_json_get_string (object, fields[i]) != NULL)
          g_string_append_printf (body, "\n%s", gcm_json_get_string (object, fields[i]));
      g_string_append_c (body, '\n');
      append_list (body, object, "modus_operandi", "\n");
      append_list (body, object, "risk_indicators", "\n");
    }
  else if (kind == GCM_ITEM_KIND_PROCEDURE)
    {
      JsonArray *array = gcm_json_get_array (object, "steps");

      g_string_append_c (body, '\n');
      append_list (body, object, "applies_to", "\n");
      append_list (body, object, "hazards", "\n");
      append_list (body, object, "protective_equipment", "\n");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonObject *step = json_array_get_object_element (array, i);
          if (step == NULL)
            continue;
          if (gcm_json_get_string (step, "text") != NULL)
            g_string_append_printf (body, "\n%s", gcm_json_get_string (step, "text"));
          if (gcm_json_get_string (step, "warning") != NULL)
            g_string_append_printf (body, "\n%s", gcm_json_get_string (step, "warning"));
        }
    }

  *body_out = g_string_free (g_steal_pointer (&body), FALSE);
  *headings_out = g_steal_pointer (&headings);
  if (*headings_out == NULL)
    *headings_out = g_strdup ("");
}

static gboolean
bind_and_step (sqlite3       *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  /* A statement that returned a row may still fail when it runs to its end. */
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    rc = sqlite3_reset (stmt) == SQLITE_OK ? SQLITE_DONE : SQLITE_ERROR;
  else
    sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Cannot write content");
      return FALSE;
    }
  return TRUE;
}

/* Finalizes @stmt and reports the error a step left behind, such as a full disk. */
static gboolean
finalize_ok (sqlite3       *db,
             sqlite3_stmt **stmt,
             const char    *what,
             GError       **error)
{
  int rc = sqlite3_finalize (*stmt);

  *stmt = NULL;
  if (rc != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, what);
      return FALSE;
    }
  return TRUE;
}

/* The statements of one item's rows, prepared once for the whole apply. */
typedef struct
{
  sqlite3_stmt *upsert_item;
  sqlite3_stmt *delete_titles;
  sqlite3_stmt *insert_title;
  sqlite3_stmt *delete_tags;
  sqlite3_stmt *insert_tag;
  sqlite3_stmt *delete_media;
  sqlite3_stmt *insert_media;
} ItemStatements;

static void
item_statements_clear (ItemStatements *st)
{
  g_clear_pointer (&st->upsert_item, sqlite3_finalize);
  g_clear_pointer (&st->delete_titles, sqlite3_finalize);
  g_clear_pointer (&st->insert_title, sqlite3_finalize);
  g_clear_pointer (&st->delete_tags, sqlite3_finalize);
  g_clear_pointer (&st->insert_tag, sqlite3_finalize);
  g_clear_pointer (&st->delete_media, sqlite3_finalize);
  g_clear_pointer (&st->insert_media, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemStatements, item_statements_clear)

static gboolean
item_statements_prepare (sqlite3         *db,
                         ItemStatements  *st,
                         GError         **error)
{
  const struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
    { &st->upsert_item,
      "INSERT INTO item (id, kind, version, lang, sha256, chapter, ord, title,"
      "  summary, conventions, codes, keywords, headings, body, json, other_titles)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
      " ON CONFLICT (id) DO UPDATE SET kind = ?2, version = ?3, lang = ?4,"
      "  sha256 = ?5, chapter = ?6, ord = ?7, title = ?8, summary = ?9,"
      "  conventions = ?10, codes = ?11, keywords = ?12, headings = ?13,"
      "  body = ?14, json = ?15, other_titles = ?16"
      " RETURNING rowid" },
    { &st->delete_titles, "DELETE FROM item_title WHERE item = ?1" },
    { &st->insert_title, "INSERT INTO item_title (item, lang, title, summary, stale)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)" },
    { &st->delete_tags, "DELETE FROM item_tag WHERE item = ?1" },
    { &st->insert_tag, "INSERT OR IGNORE INTO item_tag (item, tag) VALUES (?1, ?2)" },
    { &st->delete_media, "DELETE FROM item_media WHERE item = ?1" },
    { &st->insert_media, "INSERT INTO item_media (item, path, sha256) VALUES (?1, ?2, ?3)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (sqlite3_prepare_v3 (db, all[i].sql, -1, SQLITE_PREPARE_PERSISTENT, all[i].stmt,
                            NULL) != SQLITE_OK)
      {
        gcm_sqlite_set_error (error, db, "Cannot write content");
        return FALSE;
      }
  return TRUE;
}

/* Runs @stmt, bound to @rowid, to its end: the rows of an item that it replaces whole. */
static gboolean
delete_rows (sqlite3        *db,
             sqlite3_stmt   *stmt,
             sqlite3_int64   rowid,
             GError        **error)
{
  sqlite3_bind_int64 (stmt, 1, rowid);
  return bind_and_step (db, stmt, error);
}

/* The item's own row; its rowid in @rowid. */
static gboolean
upsert_item_row (sqlite3          *db,
                 sqlite3_stmt     *stmt,
                 sqlite3_int64    *rowid,
                 GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *rowid = sqlite3_column_int64 (stmt, 0);
      /* With RETURNING, the write can still fail after the row: on a full disk it does. */
      rc = sqlite3_step (stmt);
    }
  else
    rc = SQLITE_ERROR;
  if (sqlite3_reset (stmt) != SQLITE_OK || rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Cannot write content");
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

/* @replaces: an installed item of the same id is replaced, so its titles, tags and media go. */
static gboolean
store_item (sqlite3          *db,
            ItemStatements   *st,
            GcmManifestItem  *entry,
            GBytes           *bytes,
            gboolean          replaces,
            GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt;
  g_autofree char *conventions = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *body = NULL;
  g_autofree char *headings = NULL;
  g_autoptr(GString) list = NULL;
  JsonObject *object, *media;
  JsonNode *chapter_order;
  JsonObject *translations;
  g_autoptr(GString) other_titles = NULL;
  g_autoptr(GList) langs = NULL;
  sqlite3_int64 rowid = 0;
  const char *title;

  if (!gcm_json_parser_load (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             entry->id, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return malformed_item (error, entry->id, "not a JSON object");

  object = json_node_get_object (json_parser_get_root (parser));
  title = gcm_json_get_string (object, "title");
  if (g_strcmp0 (gcm_json_get_string (object, "id"), entry->id) != 0 ||
      g_strcmp0 (gcm_json_get_string (object, "kind"), gcm_item_kind_to_string (entry->kind)) != 0)
    return malformed_item (error, entry->id, "its id or kind differs from the manifest");
  if (title == NULL)
    return malformed_item (error, entry->id, "it has no title");

  /* Checked before any row is written: an item is stored whole or not at all. */
  media = gcm_json_get_object (object, "media");
  if (media != NULL)
    {
      g_autoptr(GList) paths = json_object_get_members (media);
      for (GList *l = paths; l != NULL; l = l->next)
        {
          const char *sha256 = gcm_json_get_string (media, l->data);

          if (!g_strv_contains ((const char * const *) entry->media, sha256 ? sha256 : ""))
            return malformed_item (error, entry->id, "it uses media its manifest entry does not list");
        }
    }

  list = g_string_new (NULL);
  append_list (list, object, "conventions", " ");
  conventions = g_strdup (list->str);
  g_string_truncate (list, 0);
  append_list (list, object, "keywords", " ");
  keywords = g_strdup (list->str);
  codes = codes_text (object);
  item_text (object, entry->kind, &body, &headings);
  chapter_order = json_object_get_member (object, "order");

  /* Each translation's text is indexed beside the original's, so a query in either language
   * finds the item, and its snippet comes from the text in the query's language. */
  translations = gcm_json_get_object (object, "translations");
  other_titles = g_string_new (NULL);
  langs = translations != NULL ? json_object_get_members (translations) : NULL;
  for (GList *l = langs; l != NULL; l = l->next)
    {
      JsonObject *translation = gcm_json_get_object (translations, l->data);
      g_autofree char *more_body = NULL, *more_headings = NULL;
      g_autofree char *joined_body = NULL, *joined_headings = NULL;

      if (translation == NULL || gcm_json_get_string (translation, "title") == NULL)
        continue;
      g_string_append_printf (other_titles, "%s%s", other_titles->len ? "\n" : "",
                              gcm_json_get_string (translation, "title"));
      g_string_assign (list, keywords);
      append_list (list, translation, "keywords", " ");
      g_free (keywords);
      keywords = g_strdup (list->str);
      item_text (translation, entry->kind, &more_body, &more_headings);
      joined_body = g_strconcat (body, "\n", more_body, NULL);
      joined_headings = g_strconcat (headings, *headings && *more_headings ? "\n" : "", more_headings, NULL);
      g_free (body);
      body = g_steal_pointer (&joined_body);
      g_free (headings);
      headings = g_steal_pointer (&joined_headings);
    }

  /* Bound without copies: everything bound lives until the statement has run. */
  stmt = st->upsert_item;
  sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, gcm_item_kind_to_string (entry->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->version);
  sqlite3_bind_text (stmt, 4, entry->lang, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, gcm_json_get_string (object, "chapter"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, chapter_order && JSON_NODE_HOLDS_VALUE (chapter_order) ?
                                 json_node_get_int (chapter_order) : 0);
  sqlite3_bind_text (stmt, 8, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, gcm_json_get_string (object, "summary") ?: "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, conventions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, codes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, keywords, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, headings, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, other_titles->str, -1, SQLITE_STATIC);
  if (!upsert_item_row (db, stmt, &rowid, error))
    return FALSE;

  /* Its translations' titles, tags and media are replaced whole. A new item has none: the
   * rows of a removed one went with it (ON DELETE CASCADE). */
  if (replaces &&
      (!delete_rows (db, st->delete_titles, rowid, error) ||
       !delete_rows (db, st->delete_tags, rowid, error) ||
       !delete_rows (db, st->delete_media, rowid, error)))
    return FALSE;

  stmt = st->insert_title;
  for (GList *l = langs; l != NULL; l = l->next)
    {
      JsonObject *translation = gcm_json_get_object (translations, l->data);

      if (translation == NULL || gcm_json_get_string (translation, "title") == NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_text (stmt, 2, l->data, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, gcm_json_get_string (translation, "title"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, gcm_json_get_string (translation, "summary") ?: "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, json_object_get_boolean_member_with_default (translation, "stale", FALSE));
      if (!bind_and_step (db, stmt, error))
        return FALSE;
    }

  {
    g_auto(GStrv) tags = g_strsplit (conventions, " ", -1);

    stmt = st->insert_tag;
    for (guint i = 0; tags[i] != NULL; i++)
      {
        if (tags[i][0] == '\0')
          continue;
        sqlite3_bind_int64 (stmt, 1, rowid);
        sqlite3_bind_text (stmt, 2, tags[i], -1, SQLITE_STATIC);
        if (!bind_and_step (db, stmt, error))
          return FALSE;
      }
  }

  if (media != NULL)
    {
      g_autoptr(GList) paths = json_object_get_members (media);

      stmt = st->insert_media;
      for (GList *l = paths; l != NULL; l = l->next)
        {
          sqlite3_bind_int64 (stmt, 1, rowid);
          sqlite3_bind_text (stmt, 2, l->data, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, gcm_json_get_string (media, l->data), -1, SQLITE_STATIC);
          if (!bind_and_step (db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static GBytes *
load_object (Source      *source,
             const char  *sha256,
             gint64       size,
             GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (source->feed != NULL)
    return gcm_feed_load_object (source->feed, sha256, size, error);

  /* Our own copy, checked all the same: a damaged object must not come back as content. */
  path = gcm_store_dup_object_path (source->store, sha256);
  bytes = gcm_feed_read_capped (path, size, error);
  if (bytes == NULL || !gcm_feed_check_bytes (bytes, sha256, size, error))
    return NULL;
  return g_steal_pointer (&bytes);
}

static gboolean
rename_object (const char  *from,
               const char  *to,
               GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "Cannot save %s: %s",
                   to, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Objects go to objects/ before the commit; an object nothing references is harmless, and those
 * of a refused import are removed again. */
static gboolean
keep_object (Source      *source,
             const char  *sha256,
             GBytes      *bytes,
             GError     **error)
{
  g_autofree char *path = gcm_store_dup_object_path (source->store, sha256);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;

  if (source->feed == NULL || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (!gcm_feed_make_folder (dir, error))
    return FALSE;
  /* Renamed into place whole, so a crash never leaves a torn object under its name. Synced once
   * for all objects before the commit (sync_objects()), not one fsync each. */
  tmp = g_strconcat (path, ".part", NULL);
  if (!g_file_set_contents_full (tmp, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_NONE, 0600, error) ||
      !rename_object (tmp, path, error))
    {
      g_unlink (tmp);
      if (error != NULL && g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
        {
          g_clear_error (error);
          g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NO_SPACE, "The disk is full");
        }
      return FALSE;
    }
  g_ptr_array_add (source->new_objects, g_steal_pointer (&path));
  return TRUE;
}

/* The objects of this apply reach the disk before content.db refers to them. */
static gboolean
sync_objects (Source  *source,
              GError **error)
{
  return source->new_objects->len == 0 ||
         gcm_feed_sync_folder (gcm_store_get_objects_path (source->store), error);
}

static gboolean
store_media (Source            *source,
             GcmManifestMedia  *media,
             GError           **error)
{
  g_autofree char *path = gcm_store_dup_object_path (source->store, media->sha256);
  g_autoptr(GBytes) bytes = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  bytes = load_object (source, media->sha256, media->size, error);
  return bytes != NULL && keep_object (source, media->sha256, bytes, error);
}

/* The manifest, by its hash, so a rebuild knows what was installed. */
static gboolean
keep_manifest (Source  *source,
               GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const GcmFeedComment *comment;

  if (source->feed == NULL)
    return TRUE;
  comment = gcm_feed_get_comment (source->feed);
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", comment->serial);
  path = g_build_filename (gcm_feed_get_path (source->feed), "v1", "manifests", name, NULL);
  bytes = gcm_feed_read_capped (path, comment->size, error);
  if (bytes == NULL || !gcm_feed_check_bytes (bytes, source->manifest_sha256, comment->size, error))
    return FALSE;
  return keep_object (source, source->manifest_sha256, bytes, error);
}

static gboolean
check_update_fits (GcmStore     *store,
                   GcmManifest  *manifest,
                   GHashTable   *installed,
                   GError      **error)
{
  guint64 needed = 0;

  /* Only what the update adds: media not in objects/ yet, and changed items (their copy in
   * objects/, their JSON and the text search indexes: about three times their size). */
  for (guint i = 0; i < manifest->media->len; i++)
    {
      GcmManifestMedia *media = g_ptr_array_index (manifest->media, i);
      char prefix[3] = { media->sha256[0], media->sha256[1], '\0' };
      g_autofree char *path = g_build_filename (gcm_store_get_objects_path (store), prefix,
                                                media->sha256, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        needed += media->size;
    }
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);

      if (g_strcmp0 (g_hash_table_lookup (installed, item->id), item->sha256) != 0)
        needed += 3 * item->size;
    }
  return gcm_importer_check_free_space (store, needed, error);
}

/* The manual's chapters and their titles in each language, in place of those installed. */
static gboolean
write_chapters (sqlite3      *db,
                GcmManifest  *manifest,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) chapter_stmt = NULL;
  g_autoptr(sqlite3_stmt) title_stmt = NULL;

  if (!gcm_sqlite_exec (db, "DELETE FROM chapter_title; DELETE FROM chapter;", error) ||
      !(chapter_stmt = gcm_sqlite_prepare (db, "INSERT INTO chapter (id, title, ord)"
                                               " VALUES (?1, ?2, ?3)",
                                           "Cannot write chapters", error)) ||
      !(title_stmt = gcm_sqlite_prepare (db, "INSERT INTO chapter_title (chapter, lang, title)"
                                             " VALUES (?1, ?2, ?3)",
                                         "Cannot write chapters", error)))
    return FALSE;
  for (guint i = 0; i < manifest->chapters->len; i++)
    {
      GcmManifestChapter *chapter = g_ptr_array_index (manifest->chapters, i);
      GHashTableIter iter;
      gpointer lang, title;

      sqlite3_bind_text (chapter_stmt, 1, chapter->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (chapter_stmt, 2, chapter->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (chapter_stmt, 3, (int) i);
      if (!bind_and_step (db, chapter_stmt, error))
        return FALSE;
      g_hash_table_iter_init (&iter, chapter->titles);
      while (g_hash_table_iter_next (&iter, &lang, &title))
        {
          sqlite3_bind_text (title_stmt, 1, chapter->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (title_stmt, 2, lang, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (title_stmt, 3, title, -1, SQLITE_TRANSIENT);
          if (!bind_and_step (db, title_stmt, error))
            return FALSE;
        }
    }
  return finalize_ok (db, &chapter_stmt, "Cannot write chapters", error) &&
         finalize_ok (db, &title_stmt, "Cannot write chapters", error);
}

typedef struct
{
  char   *feed;
  gint64  serial;
  gint64  highest;
  char   *manifest_sha256;
} FeedState;

static void
feed_state_clear (FeedState *state)
{
  g_free (state->feed);
  g_free (state->manifest_sha256);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FeedState, feed_state_clear)

static void
read_feed_state (sqlite3   *db,
                 FeedState *state)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT feed, serial, highest_serial, manifest_sha256"
                              " FROM feed_state WHERE id = 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      state->feed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      state->serial = sqlite3_column_int64 (stmt, 1);
      state->highest = sqlite3_column_int64 (stmt, 2);
      state->manifest_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
}

static gboolean
apply_in_transaction (Source             *source,
                      sqlite3            *db,
                      const GcmFeedFloor *floor,
                      GCancellable       *cancellable,
                      GcmImportProgress   progress,
                      gpointer            progress_data,
                      GcmImportResult    *result,
                      GError            **error)
{
  GcmStore *store = source->store;
  GcmManifest *manifest = source->manifest;
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new_with_free_func (g_free);
  g_auto(FeedState) state = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) log_stmt = NULL;
  g_auto(ItemStatements) item_statements = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  read_feed_state (db, &state);
  /* The floor in feed-state outlives content.db: a rebuilt one must not lower it. */
  if (state.feed == NULL && floor->feed != NULL)
    state.feed = g_strdup (floor->feed);
  state.highest = MAX (state.highest, floor->highest_serial);

  if (state.feed != NULL && !g_str_equal (state.feed, manifest->feed))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_WRONG_FEED,
                   "The feed is %s, not %s", manifest->feed, state.feed);
      return FALSE;
    }
  if (manifest->serial < state.highest)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK,
                   "Serial %" G_GINT64_FORMAT " is older than %" G_GINT64_FORMAT,
                   manifest->serial, state.highest);
      return FALSE;
    }
  if (manifest->serial == state.serial &&
      g_strcmp0 (state.manifest_sha256, source->manifest_sha256) == 0)
    {
      result->up_to_date = TRUE;
      result->serial = state.serial;
      return TRUE;
    }
  /* The latest time known for sure: a clock set back cannot revive an expired feed. */
  if (source->check_expiry && manifest->expires < MAX (now, floor->newest_generated))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_EXPIRED, "The feed expired at %" G_GINT64_FORMAT,
                   manifest->expires);
      return FALSE;
    }
  if (!(stmt = gcm_sqlite_prepare (db, "SELECT id, sha256 FROM item", "Cannot read content", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (installed, gcm_sqlite_dup_text (stmt, 0), gcm_sqlite_dup_text (stmt, 1));
  if (!finalize_ok (db, &stmt, "Cannot read content", error))
    return FALSE;

  if (!check_update_fits (store, manifest, installed, error) || !keep_manifest (source, error))
    return FALSE;

  if (!item_statements_prepare (db, &item_statements, error))
    return FALSE;
  source->log_changes = source->feed != NULL && g_hash_table_size (installed) > 0;
  if (source->log_changes &&
      (!gcm_sqlite_exec (db, GCM_CHANGE_LOG_SQL, error) ||
       !(log_stmt = gcm_sqlite_prepare (db, "INSERT INTO change_log"
                                            " (serial, applied, item_id, kind, title, change)"
                                            " SELECT ?1, ?2, id, kind, title, ?3 FROM item"
                                            " WHERE id = ?4",
                                        "Cannot record the changes", error))))
    return FALSE;

  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *entry = g_ptr_array_index (manifest->items, i);
      const char *old_sha = g_hash_table_lookup (installed, entry->id);
      g_autoptr(GBytes) bytes = NULL;

      g_hash_table_add (wanted, entry->id);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (i, manifest->items->len, progress_data);

      if (g_strcmp0 (old_sha, entry->sha256) == 0)
        {
          g_autofree char *kept = gcm_store_dup_object_path (store, entry->sha256);

          result->unchanged++;
          /* Content installed before objects/ kept items gets its copy now. */
          if (source->feed != NULL && !g_file_test (kept, G_FILE_TEST_IS_REGULAR) &&
              (!(bytes = load_object (source, entry->sha256, entry->size, error)) ||
               !keep_object (source, entry->sha256, bytes, error)))
            return FALSE;
          continue;
        }

      bytes = load_object (source, entry->sha256, entry->size, error);
      if (bytes == NULL || !store_item (db, &item_statements, entry, bytes, old_sha != NULL, error) ||
          !keep_object (source, entry->sha256, bytes, error))
        return FALSE;
      for (guint j = 0; entry->media[j] != NULL; j++)
        if (!store_media (source, gcm_manifest_find_media (manifest, entry->media[j]), error))
          return FALSE;

      if (old_sha == NULL)
        {
          result->added++;
          result->added_by_kind[entry->kind]++;
        }
      else
        {
          result->updated++;
          result->updated_by_kind[entry->kind]++;
        }
      if (log_stmt != NULL)
        {
          sqlite3_bind_int64 (log_stmt, 1, manifest->serial);
          sqlite3_bind_int64 (log_stmt, 2, now);
          sqlite3_bind_int (log_stmt, 3, old_sha == NULL ? 0 : 1);
          sqlite3_bind_text (log_stmt, 4, entry->id, -1, SQLITE_TRANSIENT);
          if (!bind_and_step (db, log_stmt, error))
            return FALSE;
        }
    }

  /* A full snapshot: what it does not list is withdrawn. */
  {
    GHashTableIter iter;
    const char *id;

    g_hash_table_iter_init (&iter, installed);
    while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
      if (!g_hash_table_contains (wanted, id))
        g_ptr_array_add (withdrawn, g_strdup (id));
  }
  if (!(stmt = gcm_sqlite_prepare (db, "DELETE FROM item WHERE id = ?1", "Cannot remove content",
                                   error)))
    return FALSE;
  for (guint i = 0; i < withdrawn->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (withdrawn, i), -1, SQLITE_TRANSIENT);
      if (!bind_and_step (db, stmt, error))
        return FALSE;
      result->removed++;
    }
  if (!finalize_ok (db, &stmt, "Cannot remove content", error))
    return FALSE;

  if (!write_chapters (db, manifest, error) || !gcm_search_refresh (db, error))
    return FALSE;

  if (!(stmt = gcm_sqlite_prepare (db,
                                   "INSERT INTO feed_state (id, feed, serial, highest_serial,"
                                   "  manifest_sha256, generated, expires, applied_at, origin)"
                                   " VALUES (1, ?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)"
                                   " ON CONFLICT (id) DO UPDATE SET feed = ?1, serial = ?2,"
                                   "  highest_serial = MAX (highest_serial, ?2), manifest_sha256 = ?3,"
                                   "  generated = ?4, expires = ?5, applied_at = ?6, origin = ?7",
                                   "Cannot record the serial", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, manifest->feed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, manifest->serial);
  sqlite3_bind_text (stmt, 3, source->manifest_sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, manifest->generated);
  sqlite3_bind_int64 (stmt, 5, manifest->expires);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, source->origin, -1, SQLITE_TRANSIENT);
  if (!bind_and_step (db, stmt, error) || !finalize_ok (db, &stmt, "Cannot record the serial", error))
    return FALSE;

  result->serial = manifest->serial;
  return TRUE;
}

/* One BEGIN IMMEDIATE … COMMIT. After a refusal the WAL is truncated, so a failed import on a
 * full disk gives back the space its pages took. */
static gboolean
apply_once (Source              *source,
            sqlite3             *db,
            const GcmFeedFloor  *floor,
            GCancellable        *cancellable,
            GcmImportProgress    progress,
            gpointer             progress_data,
            GcmImportResult     *result,
            GError             **error)
{
  g_auto(GcmSqliteTransaction) transaction = { 0 };
  gboolean ok;

  memset (result, 0, sizeof *result);
  ok = gcm_sqlite_begin (&transaction, db, error) &&
       apply_in_transaction (source, db, floor, cancellable, progress, progress_data, result,
                             error) &&
       sync_objects (source, error) &&
       gcm_sqlite_commit (&transaction, error);
  if (!ok)
    {
      gcm_sqlite_rollback (&transaction);
      sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE);", NULL, NULL, NULL);
      for (guint i = 0; i < source->new_objects->len; i++)
        g_unlink (g_ptr_array_index (source->new_objects, i));
      g_ptr_array_set_size (source->new_objects, 0);
    }
  return ok;
}

/* The floor after @manifest was applied. */
static void
raise_floor (GcmFeedFloor *floor,
             Source       *source)
{
  if (floor->feed == NULL)
    floor->feed = g_strdup (source->manifest->feed);
  floor->highest_serial = MAX (floor->highest_serial, source->manifest->serial);
  floor->newest_generated = MAX (floor->newest_generated, source->manifest->generated);
  g_free (floor->manifest_sha256);
  floor->manifest_sha256 = g_strdup (source->manifest_sha256);
}

static gboolean
apply_source (Source             *source,
              GCancellable       *cancellable,
              GcmImportProgress   progress,
              gpointer            progress_data,
              GcmImportResult    *result,
              GError            **error)
{
  g_auto(GcmFeedFloor) floor = { 0 };
  g_autoptr(GError) local_error = NULL;
  GcmStore *store = source->store;
  sqlite3 *db;
  gboolean ok;

  if (!gcm_store_check_writable (store, error))
    return FALSE;
  if (!gcm_store_read_feed_floor (store, &floor, error))
    return FALSE;
  db = gcm_store_open_content_db (store, FALSE, error);
  if (db == NULL)
    return FALSE;

  G_LOCK (apply);
  ok = apply_once (source, db, &floor, cancellable, progress, progress_data, result, &local_error);

  /* "database disk image is malformed": when SQLite confirms the damage, rebuild content.db from
   * objects/ (the installed content comes back) and try once more. */
  if (!ok && g_error_matches (local_error, GCM_STORE_ERROR, GCM_STORE_ERROR_CORRUPT) &&
      _gcm_store_content_is_corrupt (db, NULL))
    {
      g_debug ("content.db is damaged (%s); rebuilding it from objects/", local_error->message);
      g_clear_error (&local_error);
      ok = _gcm_store_rebuild_content (store, db, &local_error) &&
           apply_once (source, db, &floor, cancellable, progress, progress_data, result,
                       &local_error);
    }
  if (ok && result->added + result->updated + result->removed > 0)
    sqlite3_exec (db, "INSERT INTO item_fts (item_fts) VALUES ('optimize');", NULL, NULL, NULL);
  sqlite3_close (db);

  if (!ok)
    {
      G_UNLOCK (apply);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Only after the commit: the floor never runs ahead of content that was really installed. */
  if (source->feed != NULL)
    {
      raise_floor (&floor, source);
      if (!gcm_store_write_feed_floor (store, &floor, &local_error))
        g_warning ("Cannot record the newest serial in feed-state: %s", local_error->message);
      g_clear_error (&local_error);
    }
  G_UNLOCK (apply);

  /* What the new snapshot no longer uses goes now that it is installed. */
  if (source->feed != NULL && !result->up_to_date &&
      gcm_importer_collect_objects (store, 0, &local_error) < 0)
    g_debug ("Cannot collect unreferenced objects: %s", local_error->message);
  return TRUE;
}

/* The manifest an apply kept in objects/, checked against its hash. */
static GcmManifest *
load_kept_manifest (GcmStore    *store,
                    const char  *sha256,
                    GError     **error)
{
  g_autofree char *path = gcm_store_dup_object_path (store, sha256);
  g_autoptr(GBytes) bytes = gcm_feed_read_capped (path, GCM_MANIFEST_MAX_SIZE, error);

  if (bytes == NULL || !gcm_feed_check_bytes (bytes, sha256, g_bytes_get_size (bytes), error))
    return NULL;
  return gcm_manifest_new_from_bytes (bytes, error);
}

/* What objects/ must keep: the snapshot content.db holds and the one feed-state names for
 * rebuilds (the same one, unless recording the floor failed after a commit), each manifest
 * with every item and medium it lists. NULL when either cannot be read: then nothing is
 * collected. */
static GHashTable *
dup_referenced_objects (GcmStore  *store,
                        GError   **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GcmFeedFloor) floor = { 0 };
  g_autofree char *installed = NULL;
  const char *manifests[2];
  sqlite3 *db;

  if (!gcm_store_read_feed_floor (store, &floor, error))
    return NULL;
  db = gcm_store_open_content_db (store, TRUE, error);
  if (db == NULL)
    return NULL;
  {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (db, "SELECT manifest_sha256 FROM feed_state WHERE id = 1", -1,
                                 &stmt, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      installed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      gcm_sqlite_set_error (error, db, "Cannot read the installed snapshot");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return NULL;
  }

  manifests[0] = installed;
  manifests[1] = floor.manifest_sha256;
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      g_autoptr(GcmManifest) manifest = NULL;

      if (manifests[m] == NULL || g_hash_table_contains (kept, manifests[m]))
        continue;
      manifest = load_kept_manifest (store, manifests[m], error);
      if (manifest == NULL)
        return NULL;
      g_hash_table_add (kept, g_strdup (manifests[m]));
      for (guint i = 0; i < manifest->items->len; i++)
        g_hash_table_add (kept, g_strdup (((GcmManifestItem *) g_ptr_array_index (manifest->items, i))->sha256));
      for (guint i = 0; i < manifest->media->len; i++)
        g_hash_table_add (kept, g_strdup (((GcmManifestMedia *) g_ptr_array_index (manifest->media, i))->sha256));
    }
  return g_steal_pointer (&kept);
}

static gboolean
is_older_than (const char *path,
               gint64      age,
               gint64      now)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime >= age;
}

/* Parts in @dir older than a day: a download or a copy that never finished. */
static guint
remove_stale_parts (const char *dir,
                    gint64      now)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".part") && is_older_than (path, 24 * 60 * 60, now) &&
          g_unlink (path) == 0)
        removed++;
    }
  return removed;
}

static gboolean
is_object_name (const char *name)
{
  if (strlen (name) != 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * gcm_importer_collect_objects:
 * @min_age: seconds an unreferenced object must have been there to go; 0 for all of them
 *
 * Deletes the files of objects/ that neither the installed snapshot nor the one kept for
 * rebuilds refers to, and the parts in objects/ and staging/ left for more than a day. After
 * an apply, everything unreferenced goes; at start-up only what is older than @min_age, so the
 * downloads of a sync that was cut off stay for the next one to use. Blocking: call it on a
 * worker thread. When the installed snapshot cannot be read, nothing is deleted.
 *
 * Returns: the number of files deleted, or -1 with @error set
 */
gint
gcm_importer_collect_objects (GcmStore  *store,
                              gint64     min_age,
                              GError   **error)
{
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GDir) objects = NULL;
  g_autofree char *staging = NULL;
  const char *objects_path;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *prefix;
  guint removed = 0;

  g_return_val_if_fail (GCM_IS_STORE (store), -1);

  if (gcm_store_is_read_only (store))
    return 0;
  G_LOCK (apply);
  kept = dup_referenced_objects (store, error);
  if (kept == NULL)
    {
      G_UNLOCK (apply);
      return -1;
    }
  objects_path = gcm_store_get_objects_path (store);
  objects = g_dir_open (objects_path, 0, NULL);
  while (objects != NULL && (prefix = g_dir_read_name (objects)) != NULL)
    {
      g_autofree char *dir = g_build_filename (objects_path, prefix, NULL);
      g_autoptr(GDir) folder = NULL;
      const char *name;

      if (strlen (prefix) != 2 || !(folder = g_dir_open (dir, 0, NULL)))
        continue;
      removed += remove_stale_parts (dir, now);
      while ((name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (is_object_name (name) && !g_hash_table_contains (kept, name) &&
              is_older_than (path, min_age, now) && g_unlink (path) == 0)
            removed++;
        }
      g_rmdir (dir);   /* only when it is empty now */
    }
  G_UNLOCK (apply);

  staging = g_build_filename (gcm_store_get_directory (store), "staging", NULL);
  removed += remove_stale_parts (staging, now);
  if (removed > 0)
    g_debug ("Collected %u files no snapshot refers to", removed);
  return (gint) removed;
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gint removed = gcm_importer_collect_objects (source_object, *(gint64 *) task_data, &error);

  if (removed < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, removed);
}

/**
 * gcm_importer_collect_objects_async:
 *
 * gcm_importer_collect_objects() on a thread of its own, for start-up.
 */
void
gcm_importer_collect_objects_async (GcmStore            *store,
                                    gint64               min_age,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, gcm_importer_collect_objects_async);
  g_task_set_task_data (task, g_memdup2 (&min_age, sizeof min_age), g_free);
  g_task_run_in_thread (task, collect_thread);
}

gint
gcm_importer_collect_objects_finish (GcmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);
  return (gint) g_task_propagate_int (G_TASK (result), error);
}

/* Public API */

/**
 * gcm_importer_apply:
 *
 * Applies a verified feed to the store's content.db on a connection of its own. Blocking: call
 * it from a worker thread. On error nothing changes.
 */
gboolean
gcm_importer_apply (GcmStore           *store,
                    GcmFeed            *feed,
                    GCancellable       *cancellable,
                    GcmImportProgress   progress,
                    gpointer            progress_data,
                    GcmImportResult    *result,
                    GError            **error)
{
  g_autoptr(GPtrArray) new_objects = g_ptr_array_new_with_free_func (g_free);
  GcmImportResult local = { 0 };
  Source source = { 0 };

  g_return_val_if_fail (GCM_IS_STORE (store), FALSE);
  g_return_val_if_fail (GCM_IS_FEED (feed), FALSE);

  source.store = store;
  source.feed = feed;
  source.manifest = gcm_feed_get_manifest (feed);
  source.manifest_sha256 = gcm_feed_get_manifest_sha256 (feed);
  source.origin = gcm_feed_get_path (feed);
  /* Trusted by location or by key, an expired feed is never installed. */
  source.check_expiry = TRUE;
  source.new_objects = new_objects;

  if (!apply_source (&source, cancellable, progress, progress_data, &local, error))
    return FALSE;
  if (result != NULL)
    *result = local;
  return TRUE;
}

/**
 * gcm_importer_restore:
 * @db: an empty content.db of the current schema
 *
 * Puts the installed snapshot that feed-state names back into @db from objects/, every object
 * checked against its hash. Used when content.db is rebuilt. Blocking.
 */
gboolean
gcm_importer_restore (GcmStore  *store,
                      sqlite3   *db,
                      GError   **error)
{
  g_autoptr(GPtrArray) new_objects = g_ptr_array_new_with_free_func (g_free);
  g_auto(GcmFeedFloor) floor = { 0 };
  g_autoptr(GcmManifest) manifest = NULL;
  GcmImportResult result;
  Source source = { 0 };

  if (!gcm_store_read_feed_floor (store, &floor, error))
    return FALSE;
  if (floor.manifest_sha256 == NULL)
    {
      g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING, "No content was installed");
      return FALSE;
    }
  manifest = load_kept_manifest (store, floor.manifest_sha256, error);
  if (manifest == NULL)
    return FALSE;

  source.store = store;
  source.manifest = manifest;
  source.manifest_sha256 = floor.manifest_sha256;
  source.origin = gcm_store_get_objects_path (store);
  source.new_objects = new_objects;
  return apply_once (&source, db, &floor, NULL, NULL, NULL, &result, error);
}

/**
 * gcm_importer_import_path:
 * @trusted_keys: (nullable): keys to verify with; %NULL trusts the folder by its location
 *
 * Opens the feed at @path, verifies it and applies it. Blocking.
 */
gboolean
gcm_importer_import_path (GcmStore           *store,
                          const char         *path,
                          GPtrArray          *trusted_keys,
                          GCancellable       *cancellable,
                          GcmImportProgress   progress,
                          gpointer            progress_data,
                          GcmImportResult    *result,
                          GError            **error)
{
  g_autoptr(GcmTrust) trust = gcm_trust_new_for_keys (trusted_keys);

  return gcm_importer_import_trusted (store, path, trust, cancellable, progress, progress_data,
                                      result, error);
}

/**
 * gcm_importer_import_trusted:
 * @trust: by location or by key
 *
 * Opens the feed at @path with @trust, verifies it and applies it. Blocking.
 */
gboolean
gcm_importer_import_trusted (GcmStore           *store,
                             const char         *path,
                             GcmTrust           *trust,
                             GCancellable       *cancellable,
                             GcmImportProgress   progress,
                             gpointer            progress_data,
                             GcmImportResult    *result,
                             GError            **error)
{
  g_autoptr(GcmFeed) feed = gcm_feed_open_with_trust (path, trust, error);

  if (feed == NULL)
    return FALSE;
  return gcm_importer_apply (store, feed, cancellable, progress, progress_data, result, error);
}

/**
 * gcm_importer_check_free_space:
 * @needed: the bytes an update will write into the store's folder
 *
 * Returns: %FALSE with %GCM_FEED_ERROR_NO_SPACE when the store's file system has less than
 *   @needed free; %TRUE when it has enough, or cannot tell
 */
gboolean
gcm_importer_check_free_space (GcmStore  *store,
                               guint64    needed,
                               GError   **error)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint64 available;

  g_return_val_if_fail (GCM_IS_STORE (store), FALSE);

  dir = g_file_new_for_path (gcm_store_get_directory (store));
  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE;
  available = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  if (available < needed)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NO_SPACE,
                   "The update needs %" G_GUINT64_FORMAT " bytes; %" G_GUINT64_FORMAT " are free",
                   needed, available);
      return FALSE;
    }
  return TRUE;
}

/* The serial a feed folder announces, unverified; 0 if it has none. For "is there newer?". */
gint64
gcm_importer_peek_serial (const char *path)
{
  g_autoptr(GcmFeed) feed = gcm_feed_open (path, NULL, NULL);

  return feed != NULL ? gcm_feed_get_comment (feed)->serial : 0;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  gboolean ok = gcm_importer_import_path (source_object, data->path, data->trusted_keys,
                                          cancellable, NULL, NULL, &data->result, &error);

  gcm_store_task_return_boolean (task, ok, error);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GTask *inner = G_TASK (result);
  ImportData *data = g_task_get_task_data (inner);
  GError *error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  if (!data->result.up_to_date && data->result.added + data->result.updated + data->result.removed > 0)
    gcm_store_content_changed (GCM_STORE (object));
  g_task_set_task_data (outer, g_memdup2 (&data->result, sizeof data->result), g_free);
  g_task_return_boolean (outer, TRUE);
}

void
gcm_importer_import_async (GcmStore            *store,
                           const char          *path,
                           GPtrArray           *trusted_keys,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  ImportData *data;

  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (path != NULL);

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, gcm_importer_import_async);

  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->trusted_keys = trusted_keys ? g_ptr_array_ref (trusted_keys) : NULL;

  /* The worker reports to an inner task so the store can announce new content on the main
   * thread before the caller hears of it. */
  inner = g_task_new (store, cancellable, import_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (inner, import_thread);
}

gboolean
gcm_importer_import_finish (GcmStore         *store,
                            GAsyncResult     *result,
                            GcmImportResult  *import_result,
                            GError          **error)
{
  GcmImportResult *data;

  if (!gcm_store_task_propagate_boolean (store, result, error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (import_result != NULL && data != NULL)
    *import_result = *data;
  return TRUE;
}
