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
 */

#define G_LOG_DOMAIN "GcmImporter"

#include "config.h"

#include <json-glib/json-glib.h>

#include "gcm-content-schema.h"
#include "gcm-document.h"
#include "gcm-importer.h"
#include "gcm-json-utils.h"
#include "gcm-search.h"

typedef struct
{
  char      *path;
  GPtrArray *trusted_keys;
  GcmImportResult result;
} ImportData;

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
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, json_node_get_string (element));
    }
}

/* "hs:2903.41 hs:290341 un:1078 cas:75-45-6": typed tokens that search can filter on. */
static char *
codes_text (JsonObject *object)
{
  static const char * const kinds[] = { "hs", "un", "cas" };
  JsonNode *node = json_object_get_member (object, "codes");
  GString *out = g_string_new (NULL);
  JsonObject *codes;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_string_free (out, FALSE);
  codes = json_node_get_object (node);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonNode *list = json_object_get_member (codes, kinds[k]);
      JsonArray *array = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;

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
      JsonNode *steps = json_object_get_member (object, "steps");
      JsonArray *array = steps && JSON_NODE_HOLDS_ARRAY (steps) ? json_node_get_array (steps) : NULL;

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

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gcm_sqlite_set_error (error, db, "Cannot write content");
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_item (sqlite3          *db,
            GcmManifestItem  *entry,
            GBytes           *bytes,
            GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt = NULL;
  g_autofree char *conventions = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *body = NULL;
  g_autofree char *headings = NULL;
  g_autoptr(GString) list = NULL;
  JsonObject *object, *media;
  JsonNode *chapter_order;
  sqlite3_int64 rowid;
  gboolean ok = FALSE;
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

  list = g_string_new (NULL);
  append_list (list, object, "conventions", " ");
  conventions = g_strdup (list->str);
  g_string_truncate (list, 0);
  append_list (list, object, "keywords", " ");
  keywords = g_strdup (list->str);
  codes = codes_text (object);
  item_text (object, entry->kind, &body, &headings);
  chapter_order = json_object_get_member (object, "order");

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO item (id, kind, version, lang, sha256, chapter, ord, title,"
                          "  summary, conventions, codes, keywords, headings, body, json)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                          " ON CONFLICT (id) DO UPDATE SET kind = ?2, version = ?3, lang = ?4,"
                          "  sha256 = ?5, chapter = ?6, ord = ?7, title = ?8, summary = ?9,"
                          "  conventions = ?10, codes = ?11, keywords = ?12, headings = ?13,"
                          "  body = ?14, json = ?15"
                          " RETURNING rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot write content");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, gcm_item_kind_to_string (entry->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->version);
  sqlite3_bind_text (stmt, 4, entry->lang, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, gcm_json_get_string (object, "chapter"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, chapter_order && JSON_NODE_HOLDS_VALUE (chapter_order) ?
                                 json_node_get_int (chapter_order) : 0);
  sqlite3_bind_text (stmt, 8, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, gcm_json_get_string (object, "summary") ?: "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, conventions, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, codes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, keywords, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, headings, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gcm_sqlite_set_error (error, db, "Cannot write content");
      goto out;
    }
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* Tags and media of the item are replaced whole. */
  if (sqlite3_prepare_v2 (db, "DELETE FROM item_tag WHERE item = ?1", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!bind_and_step (db, stmt, error))
    goto out;
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "DELETE FROM item_media WHERE item = ?1", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!bind_and_step (db, stmt, error))
    goto out;
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO item_tag (item, tag) VALUES (?1, ?2)", -1,
                          &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  {
    g_auto(GStrv) tags = g_strsplit (conventions, " ", -1);
    for (guint i = 0; tags[i] != NULL; i++)
      {
        if (tags[i][0] == '\0')
          continue;
        sqlite3_bind_int64 (stmt, 1, rowid);
        sqlite3_bind_text (stmt, 2, tags[i], -1, SQLITE_TRANSIENT);
        if (!bind_and_step (db, stmt, error))
          goto out;
      }
  }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "INSERT INTO item_media (item, path, sha256) VALUES (?1, ?2, ?3)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  media = json_object_get_member (object, "media") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "media")) ?
          json_object_get_object_member (object, "media") : NULL;
  if (media != NULL)
    {
      g_autoptr(GList) paths = json_object_get_members (media);
      for (GList *l = paths; l != NULL; l = l->next)
        {
          const char *sha256 = gcm_json_get_string (media, l->data);

          if (!g_strv_contains ((const char * const *) entry->media, sha256 ? sha256 : ""))
            {
              malformed_item (error, entry->id, "it uses media its manifest entry does not list");
              goto out;
            }
          sqlite3_bind_int64 (stmt, 1, rowid);
          sqlite3_bind_text (stmt, 2, l->data, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
          if (!bind_and_step (db, stmt, error))
            goto out;
        }
    }
  ok = TRUE;
  goto out;

sql_error:
  gcm_sqlite_set_error (error, db, "Cannot write content");
out:
  sqlite3_finalize (stmt);
  return ok;
}

/* Media go to objects/ before the commit; an object nothing references is harmless. */
static gboolean
store_media (GcmStore          *store,
             GcmFeed           *feed,
             GcmManifestMedia  *media,
             GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char prefix[3] = { media->sha256[0], media->sha256[1], '\0' };

  dir = g_build_filename (gcm_store_get_objects_path (store), prefix, NULL);
  path = g_build_filename (dir, media->sha256, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  bytes = gcm_feed_load_object (feed, media->sha256, media->size, error);
  if (bytes == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot create %s", dir);
      return FALSE;
    }
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      if (error != NULL && g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
        {
          g_clear_error (error);
          g_set_error_literal (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NO_SPACE, "The disk is full");
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_free_space (GcmStore     *store,
                  GcmManifest  *manifest,
                  GHashTable   *installed,
                  GError      **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (gcm_store_get_directory (store));
  g_autoptr(GFileInfo) info = NULL;
  guint64 needed = 0, available;

  /* Only what the update adds: media not in objects/ yet, and changed items (their JSON and
   * the text search indexes, about twice their size). */
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
        needed += 2 * item->size;
    }

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

typedef struct
{
  char   *feed;
  gint64  serial;
  gint64  highest;
  char   *manifest_sha256;
} FeedState;

static void
read_feed_state (sqlite3   *db,
                 FeedState *state)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT feed, serial, highest_serial, manifest_sha256"
                              " FROM feed_state WHERE id = 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      state->feed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      state->serial = sqlite3_column_int64 (stmt, 1);
      state->highest = sqlite3_column_int64 (stmt, 2);
      state->manifest_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
}

static gboolean
apply_in_transaction (GcmStore           *store,
                      sqlite3            *db,
                      GcmFeed            *feed,
                      GCancellable       *cancellable,
                      GcmImportProgress   progress,
                      gpointer            progress_data,
                      GcmImportResult    *result,
                      GError            **error)
{
  GcmManifest *manifest = gcm_feed_get_manifest (feed);
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new_with_free_func (g_free);
  FeedState state = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  read_feed_state (db, &state);

  if (state.feed != NULL && !g_str_equal (state.feed, manifest->feed))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_WRONG_FEED,
                   "The feed is %s, not %s", manifest->feed, state.feed);
      goto out;
    }
  if (manifest->serial < state.highest)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK,
                   "Serial %" G_GINT64_FORMAT " is older than %" G_GINT64_FORMAT,
                   manifest->serial, state.highest);
      goto out;
    }
  if (manifest->serial == state.serial &&
      g_strcmp0 (state.manifest_sha256, gcm_feed_get_manifest_sha256 (feed)) == 0)
    {
      result->up_to_date = TRUE;
      result->serial = state.serial;
      ok = TRUE;
      goto out;
    }
  if (!gcm_feed_is_trusted_by_location (feed) && manifest->expires < now)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_EXPIRED, "The feed expired at %" G_GINT64_FORMAT,
                   manifest->expires);
      goto out;
    }
  if (sqlite3_prepare_v2 (db, "SELECT id, sha256 FROM item", -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot read content");
      goto out;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (installed, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!check_free_space (store, manifest, installed, error))
    goto out;

  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *entry = g_ptr_array_index (manifest->items, i);
      const char *old_sha = g_hash_table_lookup (installed, entry->id);
      g_autoptr(GBytes) bytes = NULL;

      g_hash_table_add (wanted, entry->id);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        progress (i, manifest->items->len, progress_data);

      if (g_strcmp0 (old_sha, entry->sha256) == 0)
        {
          result->unchanged++;
          continue;
        }

      bytes = gcm_feed_load_object (feed, entry->sha256, entry->size, error);
      if (bytes == NULL || !store_item (db, entry, bytes, error))
        goto out;
      for (guint j = 0; entry->media[j] != NULL; j++)
        if (!store_media (store, feed, gcm_manifest_find_media (manifest, entry->media[j]), error))
          goto out;

      if (old_sha == NULL)
        result->added++;
      else
        result->updated++;
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
  if (sqlite3_prepare_v2 (db, "DELETE FROM item WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot remove content");
      goto out;
    }
  for (guint i = 0; i < withdrawn->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (withdrawn, i), -1, SQLITE_TRANSIENT);
      if (!bind_and_step (db, stmt, error))
        goto out;
      result->removed++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!gcm_sqlite_exec (db, "DELETE FROM chapter;", error))
    goto out;
  if (sqlite3_prepare_v2 (db, "INSERT INTO chapter (id, title, ord) VALUES (?1, ?2, ?3)", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot write chapters");
      goto out;
    }
  for (guint i = 0; i < manifest->chapters->len; i++)
    {
      GcmManifestChapter *chapter = g_ptr_array_index (manifest->chapters, i);
      sqlite3_bind_text (stmt, 1, chapter->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, chapter->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!bind_and_step (db, stmt, error))
        goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!gcm_search_refresh (db, error))
    goto out;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO feed_state (id, feed, serial, highest_serial, manifest_sha256,"
                          "  generated, expires, applied_at, origin)"
                          " VALUES (1, ?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)"
                          " ON CONFLICT (id) DO UPDATE SET feed = ?1, serial = ?2,"
                          "  highest_serial = MAX (highest_serial, ?2), manifest_sha256 = ?3,"
                          "  generated = ?4, expires = ?5, applied_at = ?6, origin = ?7",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Cannot record the serial");
      goto out;
    }
  sqlite3_bind_text (stmt, 1, manifest->feed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, manifest->serial);
  sqlite3_bind_text (stmt, 3, gcm_feed_get_manifest_sha256 (feed), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, manifest->generated);
  sqlite3_bind_int64 (stmt, 5, manifest->expires);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, gcm_feed_get_path (feed), -1, SQLITE_TRANSIENT);
  if (!bind_and_step (db, stmt, error))
    goto out;

  result->serial = manifest->serial;
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  g_free (state.feed);
  g_free (state.manifest_sha256);
  return ok;
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
  sqlite3 *db;
  gboolean ok;
  GcmImportResult local = { 0 };

  g_return_val_if_fail (GCM_IS_STORE (store), FALSE);
  g_return_val_if_fail (GCM_IS_FEED (feed), FALSE);

  db = gcm_store_open_content_db (store, FALSE, error);
  if (db == NULL)
    return FALSE;

  ok = gcm_sqlite_exec (db, "BEGIN IMMEDIATE;", error) &&
       apply_in_transaction (store, db, feed, cancellable, progress, progress_data, &local, error) &&
       gcm_sqlite_exec (db, "COMMIT;", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  else if (local.added + local.updated + local.removed > 0)
    sqlite3_exec (db, "INSERT INTO item_fts (item_fts) VALUES ('optimize');", NULL, NULL, NULL);
  sqlite3_close (db);

  if (ok && result != NULL)
    *result = local;
  return ok;
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
  g_autoptr(GcmFeed) feed = gcm_feed_open (path, trusted_keys, error);

  if (feed == NULL)
    return FALSE;
  return gcm_importer_apply (store, feed, cancellable, progress, progress_data, result, error);
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

  if (gcm_importer_import_path (source_object, data->path, data->trusted_keys, cancellable,
                                NULL, NULL, &data->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (import_result != NULL && data != NULL)
    *import_result = *data;
  return TRUE;
}
