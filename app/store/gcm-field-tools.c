/* gcm-field-tools.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the field tools run on: the installed identification keys (the `key` kind) as
 * GcmDecisionKey objects with their pictures' files, the rules of every `risk` item in one
 * GcmRiskRules, and the titles of the items they send the officer to. A key or risk item that
 * does not read is left out and counted, so one bad item never hides the others; an item an
 * outcome or rule names that was withdrawn since simply has no title, and the views skip it.
 *
 * Everything is read in the reader's content language (gcm_locale_get_content_language(), taken
 * when the load starts): the keys and rules through gcm_item_localize_json(), so a text without
 * a translation stays the original's while ids, options and conditions never change, and the
 * titles from the translations' titles in `item_title`.
 */

#define G_LOG_DOMAIN "GcmFieldTools"

#include "config.h"

#include "gcm-field-tools.h"
#include "gcm-item.h"
#include "gcm-json-utils.h"
#include "gcm-locale.h"
#include "gcm-manifest.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"

typedef struct
{
  GcmStore           *store;
  GHashTable         *wanted;    /* item ids whose titles the tools show */
  const char         *lang;      /* the reader's content language */
} LoadContext;

typedef struct
{
  GcmFieldToolsFlags  what;
  char               *lang;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->lang);
  g_free (data);
}

static void
field_key_free (GcmFieldKey *key)
{
  g_free (key->id);
  g_free (key->title);
  g_free (key->summary);
  g_clear_object (&key->key);
  g_clear_pointer (&key->media_files, g_hash_table_unref);
  g_free (key);
}

void
gcm_field_tools_free (GcmFieldTools *tools)
{
  if (tools == NULL)
    return;
  g_ptr_array_unref (tools->keys);
  g_clear_object (&tools->rules);
  g_hash_table_unref (tools->titles);
  g_free (tools);
}

/**
 * gcm_field_tools_find_key:
 *
 * Returns: (nullable) (transfer none): the installed key @key_id, or %NULL
 */
const GcmFieldKey *
gcm_field_tools_find_key (GcmFieldTools *tools,
                          const char    *key_id)
{
  g_return_val_if_fail (tools != NULL, NULL);

  for (guint i = 0; key_id != NULL && i < tools->keys->len; i++)
    {
      GcmFieldKey *key = g_ptr_array_index (tools->keys, i);
      if (g_str_equal (key->id, key_id))
        return key;
    }
  return NULL;
}

/**
 * gcm_field_tools_lookup_title:
 *
 * Returns: (nullable): the title of @item_id, or %NULL when it is not installed
 */
const char *
gcm_field_tools_lookup_title (GcmFieldTools *tools,
                              const char    *item_id)
{
  g_return_val_if_fail (tools != NULL, NULL);
  return item_id != NULL ? g_hash_table_lookup (tools->titles, item_id) : NULL;
}

/* Reading */

static void
want (LoadContext *ctx,
      const char  *item_id)
{
  if (item_id != NULL)
    g_hash_table_add (ctx->wanted, g_strdup (item_id));
}

static void
want_all (LoadContext *ctx,
          JsonArray   *ids)
{
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    want (ctx, gcm_json_node_get_string (json_array_get_element (ids, i)));
}

/* media path → file, for the sha256s of the item's "media" map that are well formed. */
static GHashTable *
media_files (LoadContext *ctx,
             JsonObject  *item)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *media = gcm_json_get_object (item, "media");
  g_autoptr(GList) paths = NULL;

  if (media == NULL)
    return files;
  paths = json_object_get_members (media);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      const char *sha256 = gcm_json_get_string (media, l->data);

      if (sha256 != NULL && gcm_sha256_is_valid (sha256))
        g_hash_table_insert (files, g_strdup (l->data),
                             gcm_store_dup_object_path (ctx->store, sha256));
    }
  return files;
}

/* The procedures and further reading the key's outcomes name. */
static void
want_outcome_items (LoadContext *ctx,
                    JsonObject  *item)
{
  JsonArray *outcomes = gcm_json_get_array (item, "outcomes");

  for (guint i = 0; outcomes != NULL && i < json_array_get_length (outcomes); i++)
    {
      JsonObject *outcome = gcm_json_array_get_object (outcomes, i);

      if (outcome == NULL)
        continue;
      want (ctx, gcm_json_get_string (outcome, "procedure"));
      want_all (ctx, gcm_json_get_array (outcome, "read"));
    }
}

/* The item's JSON in the reader's language, parsed; %NULL when it is no JSON object. */
static JsonObject *
parse_localized (LoadContext  *ctx,
                 JsonParser   *parser,
                 const char   *id,
                 const char   *json,
                 gsize         length,
                 GError      **error)
{
  JsonNode *root;

  if (!gcm_json_parser_load (parser, json, length, id, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an object");
      return NULL;
    }
  gcm_item_localize_object (json_node_get_object (root), ctx->lang, NULL);
  return json_node_get_object (root);
}

static GcmFieldKey *
read_key (LoadContext *ctx,
          const char  *id,
          const char  *title,
          const char  *summary,
          const char  *json,
          gsize        length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmDecisionKey) key = NULL;
  GcmFieldKey *field_key;
  JsonObject *object;

  if (!(object = parse_localized (ctx, parser, id, json, length, &error)))
    {
      g_debug ("The key %s is not JSON: %s", id, error ? error->message : "not an object");
      return NULL;
    }
  /* Items withdrawn since the key was published must not lose the officer the whole key. */
  key = gcm_decision_key_new_from_json (object, NULL, NULL, &error);
  if (key == NULL)
    {
      g_debug ("The key %s cannot be walked: %s", id, error->message);
      return NULL;
    }
  want_outcome_items (ctx, object);

  field_key = g_new0 (GcmFieldKey, 1);
  field_key->id = g_strdup (id);
  field_key->title = g_strdup (gcm_json_get_string (object, "title") ?: title);
  field_key->summary = g_strdup (gcm_json_get_string (object, "summary") ?: summary);
  field_key->key = g_steal_pointer (&key);
  field_key->media_files = media_files (ctx, object);
  return field_key;
}

static gboolean
read_rules (LoadContext  *ctx,
            GcmRiskRules *rules,
            const char   *id,
            const char   *json,
            gsize         length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object = parse_localized (ctx, parser, id, json, length, &error);
  JsonArray *list = object != NULL ? gcm_json_get_array (object, "rules") : NULL;

  if (list == NULL)
    {
      g_debug ("The risk item %s has no rules to read", id);
      return FALSE;
    }
  if (!gcm_risk_rules_add_from_json (rules, list, &error))
    {
      g_debug ("The risk item %s cannot be checked against: %s", id, error->message);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (gcm_json_array_get_object (list, i) != NULL)
      want_all (ctx, gcm_json_get_array (gcm_json_array_get_object (list, i), "items"));
  return TRUE;
}

static gboolean
read_titles (sqlite3        *db,
             LoadContext    *ctx,
             GcmFieldTools  *tools,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    gcm_sqlite_prepare (db, "SELECT coalesce((SELECT t.title FROM item_title t"
                            " WHERE t.item = item.rowid AND t.lang = ?2), title)"
                            " FROM item WHERE id = ?1",
                        "Cannot read the field tools", error);
  GHashTableIter iter;
  gpointer id;

  if (stmt == NULL)
    return FALSE;
  gcm_sqlite_bind_text (stmt, 2, ctx->lang);
  g_hash_table_iter_init (&iter, ctx->wanted);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      gboolean has_row = FALSE;

      gcm_sqlite_bind_text (stmt, 1, id);
      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the field tools", error))
        return FALSE;
      if (has_row)
        g_hash_table_insert (tools->titles, g_strdup (id), gcm_sqlite_dup_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static GcmFieldTools *
read_tools (sqlite3             *db,
            GcmStore            *store,
            GcmFieldToolsFlags   what,
            const char          *lang,
            GError             **error)
{
  g_autoptr(GcmFieldTools) tools = g_new0 (GcmFieldTools, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  LoadContext ctx = { store, wanted, lang };

  tools->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) field_key_free);
  tools->rules = gcm_risk_rules_new ();
  tools->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The keys in the order of their titles as the reader sees them. */
  stmt = gcm_sqlite_prepare (db, "SELECT id, kind, title, summary, json,"
                                 " coalesce((SELECT t.title FROM item_title t"
                                 " WHERE t.item = item.rowid AND t.lang = ?3), title) AS local_title"
                                 " FROM item"
                                 " WHERE (kind = 'key' AND ?1) OR (kind = 'risk' AND ?2)"
                                 " ORDER BY local_title, id",
                             "Cannot read the field tools", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (what & GCM_FIELD_TOOLS_KEYS) != 0);
  sqlite3_bind_int (stmt, 2, (what & GCM_FIELD_TOOLS_RISK) != 0);
  gcm_sqlite_bind_text (stmt, 3, lang);
  for (;;)
    {
      gboolean has_row = FALSE;
      const char *id, *json;
      gsize length;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the field tools", error))
        return NULL;
      if (!has_row)
        break;
      id = (const char *) sqlite3_column_text (stmt, 0);
      json = (const char *) sqlite3_column_text (stmt, 4);
      length = sqlite3_column_bytes (stmt, 4);
      if (json == NULL)
        tools->n_refused++;
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "key") == 0)
        {
          GcmFieldKey *key = read_key (&ctx, id, (const char *) sqlite3_column_text (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3), json, length);
          if (key != NULL)
            g_ptr_array_add (tools->keys, key);
          else
            tools->n_refused++;
        }
      else if (!read_rules (&ctx, tools->rules, id, json, length))
        tools->n_refused++;
    }
  if (!read_titles (db, &ctx, tools, error))
    return NULL;
  return g_steal_pointer (&tools);
}

/**
 * gcm_field_tools_load:
 * @what: the keys, the risk rules, or both
 *
 * Blocking: call it from a thread of the caller's, such as the command line's. The text is in
 * the reader's content language where the items have a translation into it.
 *
 * Returns: (transfer full): the tools, or %NULL with @error set when content.db cannot be read
 */
GcmFieldTools *
gcm_field_tools_load (GcmStore            *store,
                      GcmFieldToolsFlags   what,
                      GError             **error)
{
  GcmFieldTools *tools;
  sqlite3 *db;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  if (!(db = gcm_store_open_content_db (store, TRUE, error)))
    return NULL;
  tools = read_tools (db, store, what, gcm_locale_get_content_language (), error);
  sqlite3_close (db);
  return tools;
}

static void
load_job (GTask   *task,
          sqlite3 *content)
{
  LoadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GcmFieldTools *tools;

  if (g_task_return_error_if_cancelled (task))
    return;
  tools = read_tools (content, g_task_get_source_object (task), data->what, data->lang, &error);
  gcm_store_task_return_pointer (task, tools, (GDestroyNotify) gcm_field_tools_free, error);
}

void
gcm_field_tools_load_async (GcmStore            *store,
                            GcmFieldToolsFlags   what,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (GCM_IS_STORE (store));

  /* In the language the reader has now, should it change while the worker reads. */
  data = g_new0 (LoadData, 1);
  data->what = what;
  data->lang = g_strdup (gcm_locale_get_content_language ());
  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_field_tools_load_async,
                        data, (GDestroyNotify) load_data_free, load_job, cancellable, callback,
                        user_data);
}

/**
 * gcm_field_tools_load_finish:
 *
 * Returns: (transfer full): the tools, or %NULL with @error set
 */
GcmFieldTools *
gcm_field_tools_load_finish (GcmStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}
