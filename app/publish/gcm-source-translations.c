/* gcm-source-translations.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Translations of the manual (data/content/README.md): `01-scope.ko.md` beside `01-scope.md`
 * carries only the translated text, and `translates:` names the SHA-256 of the original file it
 * was made from, so a translation older than its original is known. Each is checked against its
 * original — the same lists with the same lengths, the same step, question, node, outcome and
 * rule ids in the same order, the same item links and media in the body — and goes into the original's item object under
 * `translations.<lang>`, marked `stale` when the original has changed since.
 */

#define G_LOG_DOMAIN "GcmSource"

#include "config.h"

#include "gcm-manifest.h"
#include "gcm-source-private.h"

/* What a translation may carry besides the body, per kind; every kind has these. */
static const char * const common_translated[] = { "translates", "title", "summary", "keywords", NULL };
static const char * const case_translated[] = {
  "place", "commodity", "quantity", "modus_operandi", "risk_indicators", "photos", NULL
};
static const char * const procedure_translated[] = {
  "applies_to", "hazards", "protective_equipment", "steps", "body", NULL
};
static const char * const quiz_translated[] = { "questions", NULL };
static const char * const path_translated[] = { "steps", NULL };
static const char * const key_translated[] = { "nodes", "outcomes", NULL };
static const char * const risk_translated[] = { "rules", NULL };
static const char * const no_translated[] = { NULL };

/* Lists of text translated item for item. */
static const char * const parallel_lists[] = {
  "modus_operandi", "risk_indicators", "applies_to", "hazards", "protective_equipment", NULL
};

static const char * const *
translated_fields (GcmItemKind kind)
{
  switch (kind)
    {
    case GCM_ITEM_KIND_CASE:
      return case_translated;
    case GCM_ITEM_KIND_PROCEDURE:
      return procedure_translated;
    case GCM_ITEM_KIND_QUIZ:
      return quiz_translated;
    case GCM_ITEM_KIND_PATH:
      return path_translated;
    case GCM_ITEM_KIND_KEY:
      return key_translated;
    case GCM_ITEM_KIND_RISK:
      return risk_translated;
    default:
      return no_translated;
    }
}

void
_gcm_source_translation_free (GcmSourceTranslation *translation)
{
  g_free (translation->file);
  g_free (translation->original);
  g_free (translation->lang);
  g_free (translation);
}

/* "01-scope.ko.md" for the suffix ".md": a two-letter language before the suffix. */
gboolean
_gcm_source_is_translation_name (const char *name,
                                 const char *suffix)
{
  gsize length = strlen (name), suffix_length = strlen (suffix);
  const char *lang;

  if (suffix_length == 0 || length < suffix_length + 4 || !g_str_has_suffix (name, suffix))
    return FALSE;
  lang = name + length - suffix_length - 3;
  return lang[0] == '.' && g_ascii_islower (lang[1]) && g_ascii_islower (lang[2]);
}

void
_gcm_source_add_translation (GcmSource  *self,
                             const char *folder,
                             const char *name,
                             const char *suffix)
{
  GcmSourceTranslation *translation = g_new0 (GcmSourceTranslation, 1);
  gsize base_length = strlen (name) - strlen (suffix) - 3;
  g_autofree char *base = g_strndup (name, base_length);
  g_autofree char *original = g_strconcat (base, suffix, NULL);

  translation->file = g_build_filename (folder, name, NULL);
  translation->original = g_build_filename (folder, original, NULL);
  translation->lang = g_strndup (name + base_length + 1, 2);
  g_ptr_array_add (self->translations, translation);
}

static char *
file_sha256 (GcmSource  *self,
             const char *relative)
{
  g_autofree char *path = g_build_filename (self->directory, relative, NULL);
  g_autoptr(GBytes) bytes = _gcm_source_read_regular_file (path, GCM_ITEM_MAX_SIZE, NULL);

  return bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes) : NULL;
}

static guint
list_length (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node)) : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The item links and media a Markdown body refers to, sorted, so that two bodies compare. */
static char *
references (const char *body)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (const char *p = body; p != NULL && (p = strstr (p, "](")) != NULL; p += 2)
    {
      const char *start = p + 2;
      const char *end = strpbrk (start, ") \n");

      if (end != NULL && (g_str_has_prefix (start, "item:") || g_str_has_prefix (start, "media:")))
        g_ptr_array_add (found, g_strndup (start, end - start));
    }
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (joined, "%s ", (char *) found->pdata[i]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Checks the rest of a translated element whose id is the original's, @data its list's. */
typedef void (*CheckElement) (GcmSourceCtx  *ctx,
                              JsonObject    *mine,
                              JsonObject    *theirs,
                              const char    *id,
                              int            line,
                              gconstpointer  data);

/* The translation's @member gives again each of the original's elements, in order and with
 * its id; @check_element checks the rest of each one that does. */
static void
check_translated_list (GcmSourceCtx  *ctx,
                       JsonObject    *original,
                       const char    *member,
                       const char    *noun,
                       CheckElement   check_element,
                       gconstpointer  data)
{
  JsonArray *theirs = json_object_get_array_member (original, member);
  JsonNode *node = json_object_get_member (ctx->fields, member);
  guint count = theirs != NULL ? json_array_get_length (theirs) : 0;
  JsonArray *mine;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) != count)
    {
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, member),
                           "“%s” must translate each of the original's %u %s, in order",
                           member, count, member);
      return;
    }
  mine = json_node_get_array (node);
  for (guint i = 0; i < count; i++)
    {
      JsonNode *element = json_array_get_element (mine, i);
      JsonObject *part = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonObject *their_part = json_array_get_object_element (theirs, i);
      const char *id = json_object_get_string_member (their_part, "id");
      int line = gcm_yaml_document_get_line (ctx->doc, element);

      if (part == NULL || g_strcmp0 (node_string (json_object_get_member (part, "id")), id) != 0)
        _gcm_source_problem (ctx->source, ctx->file, line, "%s %u must have the id “%s”", noun,
                             i + 1, id);
      else
        check_element (ctx, part, their_part, id, line, data);
    }
}

static void
check_step (GcmSourceCtx  *ctx,
            JsonObject    *mine,
            JsonObject    *theirs,
            const char    *id,
            int            line,
            gconstpointer  data)
{
  if (node_string (json_object_get_member (mine, "text")) == NULL)
    _gcm_source_problem (ctx->source, ctx->file, line, "step “%s” has no text", id);
  else if (json_object_has_member (mine, "warning") != json_object_has_member (theirs, "warning"))
    _gcm_source_problem (ctx->source, ctx->file, line,
                         "step “%s” must have a warning exactly where the original has one", id);
}

static void
check_question (GcmSourceCtx  *ctx,
                JsonObject    *mine,
                JsonObject    *theirs,
                const char    *id,
                int            line,
                gconstpointer  data)
{
  if (node_string (json_object_get_member (mine, "prompt")) == NULL ||
      node_string (json_object_get_member (mine, "explanation")) == NULL)
    _gcm_source_problem (ctx->source, ctx->file, line,
                         "question “%s” needs its prompt and explanation", id);
  else if (list_length (mine, "choices") != list_length (theirs, "choices"))
    _gcm_source_problem (ctx->source, ctx->file, line,
                         "question “%s” must translate each of the original's %u choices", id,
                         list_length (theirs, "choices"));
}

/* The parts of a key or of risk indicators that a translation gives again, one for each of the
 * original's, in its order: the text fields each must have, those it has exactly where the
 * original has them, and a list inside (a node's options) translated entry by entry. */
typedef struct
{
  const char         *list;       /* "nodes" */
  const char         *noun;       /* "node", in messages */
  const char * const *required;
  const char * const *optional;
  const char         *inner;      /* a list of {text} inside each part, or NULL */
} TranslatedParts;

static const TranslatedParts key_nodes = {
  "nodes", "node",
  (const char * const[]) { "question", NULL },
  (const char * const[]) { "hint", NULL },
  "options",
};
static const TranslatedParts key_outcomes = {
  "outcomes", "outcome",
  (const char * const[]) { "title", "summary", NULL },
  (const char * const[]) { "contact", NULL },
  NULL,
};
static const TranslatedParts risk_rules = {
  "rules", "rule",
  (const char * const[]) { "title", "why", NULL },
  (const char * const[]) { NULL },
  NULL,
};

static gboolean
has_text (JsonObject *object,
          const char *name)
{
  const char *text = node_string (json_object_get_member (object, name));

  return text != NULL && !is_blank (text);
}

/* A key's options have no ids: the translation gives a {text} for each, in the same order. */
static void
check_inner_list (GcmSourceCtx          *ctx,
                  const TranslatedParts *parts,
                  JsonObject            *mine,
                  JsonObject            *theirs,
                  const char            *id,
                  int                    line)
{
  JsonNode *node = json_object_get_member (mine, parts->inner);
  JsonArray *original = json_object_get_array_member (theirs, parts->inner);
  guint count = original != NULL ? json_array_get_length (original) : 0;
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) != count)
    {
      _gcm_source_problem (ctx->source, ctx->file,
                           node != NULL ? gcm_yaml_document_get_key_line (ctx->doc, mine, parts->inner) : line,
                           "%s “%s” must translate each of the original's %u %s, in order",
                           parts->noun, id, count, parts->inner);
      return;
    }
  list = json_node_get_array (node);
  for (guint i = 0; i < count; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *option = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      int option_line = gcm_yaml_document_get_line (ctx->doc, element);
      g_autoptr(GList) members = NULL;

      if (option == NULL || !has_text (option, "text"))
        {
          _gcm_source_problem (ctx->source, ctx->file, option_line,
                               "option %u of %s “%s” needs its “text”", i + 1, parts->noun, id);
          continue;
        }
      members = json_object_get_members (option);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "text"))
          _gcm_source_problem (ctx->source, ctx->file,
                               gcm_yaml_document_get_key_line (ctx->doc, option, l->data),
                               "“%s” is not translated: it comes from the original",
                               (char *) l->data);
    }
}

static void
check_part (GcmSourceCtx  *ctx,
            JsonObject    *part,
            JsonObject    *their_part,
            const char    *id,
            int            line,
            gconstpointer  data)
{
  const TranslatedParts *parts = data;
  g_autoptr(GList) members = json_object_get_members (part);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "id") && !g_strv_contains (parts->required, l->data) &&
        !g_strv_contains (parts->optional, l->data) && g_strcmp0 (parts->inner, l->data) != 0)
      _gcm_source_problem (ctx->source, ctx->file,
                           gcm_yaml_document_get_key_line (ctx->doc, part, l->data),
                           "“%s” is not translated: it comes from the original",
                           (char *) l->data);
  for (guint f = 0; parts->required[f] != NULL; f++)
    if (!has_text (part, parts->required[f]))
      _gcm_source_problem (ctx->source, ctx->file, line, "%s “%s” needs its “%s”",
                           parts->noun, id, parts->required[f]);
  for (guint f = 0; parts->optional[f] != NULL; f++)
    {
      const char *name = parts->optional[f];

      if (json_object_has_member (their_part, name) != json_object_has_member (part, name) ||
          (json_object_has_member (part, name) && !has_text (part, name)))
        _gcm_source_problem (ctx->source, ctx->file, line,
                             "%s “%s” must have a “%s” exactly where the original has one",
                             parts->noun, id, name);
    }
  if (parts->inner != NULL)
    check_inner_list (ctx, parts, part, their_part, id, line);
}

static void
check_parts (GcmSourceCtx          *ctx,
             JsonObject            *original,
             const TranslatedParts *parts)
{
  check_translated_list (ctx, original, parts->list, parts->noun, check_part, parts);
}

static void
check_translation (GcmSourceCtx  *ctx,
                   GcmSourceItem *original)
{
  const char * const *kind_fields = translated_fields (original->kind);
  g_autoptr(GList) members = json_object_get_members (ctx->fields);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (common_translated, l->data) && !g_strv_contains (kind_fields, l->data))
      _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, l->data),
                           "“%s” is not translated: it comes from the original", (char *) l->data);

  _gcm_source_want_string (ctx, "title", TRUE);
  _gcm_source_want_string (ctx, "summary", TRUE);
  _gcm_source_want_string_list (ctx, ctx->fields, "keywords", FALSE);

  for (guint i = 0; parallel_lists[i] != NULL; i++)
    {
      const char *name = parallel_lists[i];

      if (!g_strv_contains (kind_fields, name))
        continue;
      _gcm_source_want_string_list (ctx, ctx->fields, name, json_object_has_member (original->object, name));
      if (list_length (ctx->fields, name) != list_length (original->object, name))
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, name),
                             "“%s” must translate each of the original's %u entries, in order",
                             name, list_length (original->object, name));
    }
  if (original->kind == GCM_ITEM_KIND_CASE)
    {
      _gcm_source_want_string (ctx, "place", TRUE);
      _gcm_source_want_string (ctx, "commodity", TRUE);
      _gcm_source_want_string (ctx, "quantity", json_object_has_member (original->object, "quantity"));
      if (list_length (ctx->fields, "photos") != list_length (original->object, "photos"))
        _gcm_source_problem (ctx->source, ctx->file, _gcm_source_field_line (ctx, "photos"),
                             "“photos” must give a caption for each of the original's %u photos",
                             list_length (original->object, "photos"));
    }
  /* A path's steps translate like a procedure's: the same ids, a text each. */
  if (original->kind == GCM_ITEM_KIND_PROCEDURE || original->kind == GCM_ITEM_KIND_PATH)
    check_translated_list (ctx, original->object, "steps", "step", check_step, NULL);
  if (original->kind == GCM_ITEM_KIND_QUIZ)
    check_translated_list (ctx, original->object, "questions", "question", check_question,
                           NULL);
  if (original->kind == GCM_ITEM_KIND_KEY)
    {
      check_parts (ctx, original->object, &key_nodes);
      check_parts (ctx, original->object, &key_outcomes);
    }
  if (original->kind == GCM_ITEM_KIND_RISK)
    check_parts (ctx, original->object, &risk_rules);
}

static void
load_translation (GcmSource            *self,
                  GcmSourceTranslation *translation,
                  GcmSourceItem        *original)
{
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  const char *body = NULL, *translates;
  int body_line = 1;
  GcmSourceCtx ctx = { self, NULL, translation->file, NULL, NULL };
  JsonObject *translations, *object;
  gboolean stale;

  doc = _gcm_source_read_item_file (self, translation->file, &contents, &body, &body_line);
  if (doc == NULL)
    return;
  ctx.doc = doc;
  ctx.fields = json_node_get_object (gcm_yaml_document_get_root (doc));
  ctx.item = original;

  translates = node_string (json_object_get_member (ctx.fields, "translates"));
  if (translates == NULL || !gcm_sha256_is_valid (translates))
    {
      _gcm_source_problem (self, translation->file, 1,
                           "“translates” must give the SHA-256 of the original it translates");
      return;
    }
  check_translation (&ctx, original);

  if (body != NULL)
    {
      const char *original_body = json_object_get_string_member_with_default (original->object, "body", "");
      g_autofree char *mine = references (body);
      g_autofree char *theirs = references (original_body);

      _gcm_source_check_markdown (&ctx, body, body_line);
      if (g_strcmp0 (mine, theirs) != 0)
        _gcm_source_problem (self, translation->file, body_line,
                             "the text must link the same items and show the same media as the original");
    }

  sha = file_sha256 (self, translation->original);
  stale = g_strcmp0 (sha, translates) != 0;
  if (stale && self->strict)
    _gcm_source_problem (self, translation->file, _gcm_source_field_line (&ctx, "translates"),
                         "the original has changed since this translation was made");
  else if (stale)
    g_ptr_array_add (self->warnings,
                     g_strdup_printf ("%s: warning: the original has changed since this translation was made",
                                      translation->file));

  object = json_object_new ();
  {
    g_autoptr(GList) members = json_object_get_members (ctx.fields);
    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "translates"))
        json_object_set_member (object, l->data, json_node_copy (json_object_get_member (ctx.fields, l->data)));
  }
  if (body != NULL)
    json_object_set_string_member (object, "body", body);
  json_object_set_boolean_member (object, "stale", stale);

  if (!json_object_has_member (original->object, "translations"))
    json_object_set_object_member (original->object, "translations", json_object_new ());
  translations = json_object_get_object_member (original->object, "translations");
  json_object_set_object_member (translations, translation->lang, object);
}

void
_gcm_source_load_translations (GcmSource *self)
{
  g_autoptr(GHashTable) by_file = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->items->len; i++)
    {
      GcmSourceItem *item = g_ptr_array_index (self->items, i);
      g_hash_table_insert (by_file, item->file, item);
    }
  for (guint i = 0; i < self->translations->len; i++)
    {
      GcmSourceTranslation *translation = g_ptr_array_index (self->translations, i);
      GcmSourceItem *original = g_hash_table_lookup (by_file, translation->original);

      if (g_strcmp0 (translation->lang, self->language) == 0)
        _gcm_source_problem (self, translation->file, 1,
                             "is in the manual's own language, “%s”", self->language);
      else if (original == NULL)
        _gcm_source_problem (self, translation->file, 1, "translates %s, which is not in the manual",
                             translation->original);
      else
        load_translation (self, translation, original);
    }
}

/* pack.ko.yaml: the chapter titles in another language, with the same ids in the same order
 * as pack.yaml, and `translates:` naming pack.yaml's SHA-256 as an item's translation does. */
static void
load_pack_translation (GcmSource  *self,
                       const char *name,
                       const char *lang)
{
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GcmYamlDocument) doc = NULL;
  const char *body = NULL, *translates;
  int body_line = 1;
  GcmSourceCtx ctx = { self, NULL, name, NULL, NULL };
  JsonNode *chapters;
  guint count;

  doc = _gcm_source_read_item_file (self, name, &contents, &body, &body_line);
  if (doc == NULL)
    return;
  ctx.doc = doc;
  ctx.fields = json_node_get_object (gcm_yaml_document_get_root (doc));

  translates = node_string (json_object_get_member (ctx.fields, "translates"));
  if (translates == NULL || !gcm_sha256_is_valid (translates))
    {
      _gcm_source_problem (self, name, 1, "“translates” must give the SHA-256 of pack.yaml");
      return;
    }
  {
    g_autoptr(GList) members = json_object_get_members (ctx.fields);
    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "translates") && !g_str_equal (l->data, "title") &&
          !g_str_equal (l->data, "chapters"))
        _gcm_source_problem (self, name, _gcm_source_field_line (&ctx, l->data),
                             "“%s” is not translated: it comes from pack.yaml", (char *) l->data);
  }

  chapters = json_object_get_member (ctx.fields, "chapters");
  count = chapters != NULL && JSON_NODE_HOLDS_ARRAY (chapters) ? json_array_get_length (json_node_get_array (chapters)) : 0;
  if (count != self->chapters->len)
    {
      _gcm_source_problem (self, name, _gcm_source_field_line (&ctx, "chapters"),
                           "“chapters” must translate each of pack.yaml's %u chapters, in order",
                           self->chapters->len);
      return;
    }
  for (guint i = 0; i < count; i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (chapters), i);
      GcmSourceChapter *chapter = g_ptr_array_index (self->chapters, i);
      JsonObject *mine = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *title = mine != NULL ? node_string (json_object_get_member (mine, "title")) : NULL;

      if (mine == NULL || g_strcmp0 (node_string (json_object_get_member (mine, "id")), chapter->id) != 0)
        _gcm_source_problem (self, name, gcm_yaml_document_get_line (doc, node),
                             "chapter %u must have the id “%s”", i + 1, chapter->id);
      else if (title == NULL || is_blank (title))
        _gcm_source_problem (self, name, gcm_yaml_document_get_line (doc, node),
                             "chapter “%s” has no title", chapter->id);
      else
        g_hash_table_insert (chapter->titles, g_strdup (lang), g_strdup (title));
    }

  sha = file_sha256 (self, "pack.yaml");
  if (g_strcmp0 (sha, translates) != 0 && self->strict)
    _gcm_source_problem (self, name, _gcm_source_field_line (&ctx, "translates"),
                         "pack.yaml has changed since this translation was made");
  else if (g_strcmp0 (sha, translates) != 0)
    g_ptr_array_add (self->warnings,
                     g_strdup_printf ("%s: warning: pack.yaml has changed since this translation was made", name));
}

void
_gcm_source_load_pack_translations (GcmSource *self)
{
  g_autofree char *path = g_strdup (self->directory);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "pack.") && _gcm_source_is_translation_name (name, ".yaml") &&
        strlen (name) == strlen ("pack.ko.yaml"))
      g_ptr_array_add (names, g_strdup (name));
  /* In a fixed order, so that problems read the same on every machine. */
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *lang = g_strndup (file + strlen ("pack."), 2);

      if (g_strcmp0 (lang, self->language) == 0)
        _gcm_source_problem (self, file, 1, "is in the manual's own language, “%s”", self->language);
      else
        load_pack_translation (self, file, lang);
    }
}
