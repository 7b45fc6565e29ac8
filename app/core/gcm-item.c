/* gcm-item.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every piece of content is an item — a manual section, a case, a procedure or a quiz — named
 * by a stable id that user data (progress, bookmarks) is keyed by.
 *
 * GcmItem is one item as the feed delivers it, read once from its JSON into typed fields and
 * never changed after: the store builds it on its worker and any thread may read it. The JSON
 * comes from the network, so a member of the wrong type reads as missing; an element of photos,
 * steps, questions or sources that is no object keeps its place with every field %NULL, so
 * numbering follows the feed.
 */

#define G_LOG_DOMAIN "GcmItem"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gcm-item.h"
#include "gcm-json-read.h"

struct _GcmItem
{
  GObject      parent_instance;

  char        *id;
  GcmItemKind  kind;
  char        *title;
  char        *summary;
  char        *chapter;
  char        *chapter_title;
  gint64       order;
  gint64       version;
  char        *lang;
  char        *body;
  GHashTable  *texts;       /* member → string, for the case facts */
  GHashTable  *lists;       /* member → GStrv */
  GPtrArray   *photos;      /* (element-type GcmItemPhoto) */
  GPtrArray   *steps;       /* (element-type GcmItemStep) */
  GPtrArray   *questions;   /* (element-type GcmItemQuestion) */
  GPtrArray   *sources;     /* (element-type GcmItemSource) */
  GHashTable  *media;       /* path → sha256 */
  GStrv        codes[GCM_CODE_FAMILY_COUNT];          /* nullable */
  char        *code_editions[GCM_CODE_FAMILY_COUNT];  /* nullable: "HS 2022" */
  char        *json;        /* as delivered, for a copy in another language */
  char        *shown_lang;  /* the language of the text fields */
  GcmItemTranslation translation;  /* of shown_lang, for a localized copy */
};

G_DEFINE_FINAL_TYPE (GcmItem, gcm_item, G_TYPE_OBJECT)

static const char * const empty_list[] = { NULL };

static const char * const text_members[] = {
  "date", "place", "commodity", "quantity", "reported_at",
};

static const char * const list_members[] = {
  "conventions", "keywords", "modus_operandi", "risk_indicators", "applies_to", "hazards",
  "protective_equipment",
};

/* Helpers */

static void
photo_free (GcmItemPhoto *photo)
{
  g_free (photo->file);
  g_free (photo->caption);
  g_free (photo->credit);
  g_free (photo->licence);
  g_free (photo);
}

static void
step_free (GcmItemStep *step)
{
  g_free (step->id);
  g_free (step->text);
  g_free (step->warning);
  g_free (step);
}

static void
question_free (GcmItemQuestion *question)
{
  g_free (question->id);
  g_free (question->type);
  g_free (question->prompt);
  g_free (question->image);
  g_strfreev (question->choices);
  g_free (question);
}

static void
source_free (GcmItemSource *source)
{
  g_free (source->title);
  g_free (source->url);
  g_free (source);
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;
  return g_strdup (gcm_json_get_string (object, member));
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  gint64 value = 0;

  gcm_json_get_int (object, member, &value);
  return value;
}

/* The strings of an array, skipping anything else; %NULL when @member is no array. */
static GStrv
dup_strv (JsonObject *object,
          const char *member)
{
  JsonArray *array = object != NULL ? gcm_json_get_array (object, member) : NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (array == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *text = gcm_json_node_get_string (json_array_get_element (array, i));
      if (text != NULL)
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* Each element of @object's list @member, read by @read_element, in order; an element that is
 * no object is read from %NULL, so it keeps its place. */
static void
read_list (JsonObject *object,
           const char *member,
           GPtrArray  *into,
           gpointer  (*read_element) (JsonObject *element))
{
  JsonArray *array = gcm_json_get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (into, read_element (gcm_json_array_get_object (array, i)));
}

static gpointer
read_photo (JsonObject *element)
{
  GcmItemPhoto *photo = g_new0 (GcmItemPhoto, 1);

  photo->file = dup_string (element, "file");
  photo->caption = dup_string (element, "caption");
  photo->credit = dup_string (element, "credit");
  photo->licence = dup_string (element, "licence");
  return photo;
}

static gpointer
read_step (JsonObject *element)
{
  GcmItemStep *step = g_new0 (GcmItemStep, 1);

  step->id = dup_string (element, "id");
  step->text = dup_string (element, "text");
  step->warning = dup_string (element, "warning");
  return step;
}

static gpointer
read_question (JsonObject *element)
{
  GcmItemQuestion *question = g_new0 (GcmItemQuestion, 1);

  question->id = dup_string (element, "id");
  question->type = dup_string (element, "type");
  question->prompt = dup_string (element, "prompt");
  question->image = dup_string (element, "image");
  question->choices = dup_strv (element, "choices");
  return question;
}

static gpointer
read_source (JsonObject *element)
{
  GcmItemSource *source = g_new0 (GcmItemSource, 1);

  source->title = dup_string (element, "title");
  source->url = dup_string (element, "url");
  return source;
}

static void
read_media (GcmItem    *self,
            JsonObject *object)
{
  JsonObject *media = gcm_json_get_object (object, "media");
  g_autoptr(GList) paths = NULL;

  if (media == NULL)
    return;
  paths = json_object_get_members (media);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      const char *sha = gcm_json_get_string (media, l->data);
      if (sha != NULL)
        g_hash_table_insert (self->media, g_strdup (l->data), g_strdup (sha));
    }
}

static void
read_codes (GcmItem    *self,
            JsonObject *object)
{
  JsonObject *codes = gcm_json_get_object (object, "codes");

  if (codes == NULL)
    return;
  for (guint family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    {
      const char *edition_field = gcm_code_family_get_edition_field (family);

      self->codes[family] = dup_strv (codes, gcm_code_family_to_string (family));
      if (edition_field != NULL)
        self->code_editions[family] = dup_string (codes, edition_field);
    }
}

static const char * const *
get_list (GcmItem    *self,
          const char *member)
{
  const char * const *list = g_hash_table_lookup (self->lists, member);

  return list != NULL ? list : empty_list;
}

/* GObject */

static void
gcm_item_finalize (GObject *object)
{
  GcmItem *self = GCM_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->chapter);
  g_free (self->chapter_title);
  g_free (self->lang);
  g_free (self->body);
  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->lists);
  g_ptr_array_unref (self->photos);
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->sources);
  g_hash_table_unref (self->media);
  for (guint family = 0; family < GCM_CODE_FAMILY_COUNT; family++)
    {
      g_strfreev (self->codes[family]);
      g_free (self->code_editions[family]);
    }
  g_free (self->json);
  g_free (self->shown_lang);

  G_OBJECT_CLASS (gcm_item_parent_class)->finalize (object);
}

static void
gcm_item_class_init (GcmItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_item_finalize;
}

static void
gcm_item_init (GcmItem *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_free);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Public API */

/* ^[a-z0-9][a-z0-9/_.-]{0,127}$, and no ".." so an id can never name a parent folder. */
gboolean
gcm_item_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > 128)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    {
      char c = id[i];
      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '/' && c != '_' && c != '.' && c != '-')
        return FALSE;
    }
  return strstr (id, "..") == NULL;
}

/**
 * gcm_item_new_from_json:
 * @json: the item's JSON object, as the feed delivers it
 * @length: its length, or -1 when nul-terminated
 * @chapter_title: (nullable): the title of a section's chapter, which the chapter holds
 *
 * An unknown or missing kind reads as a section, missing text as empty: the page still shows.
 *
 * Returns: (transfer full): the item, or %NULL with @error set when @json is no JSON object
 */
GcmItem *
gcm_item_new_from_json (const char  *json,
                        gssize       length,
                        const char  *chapter_title,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GcmItem) self = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "An item is no JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  self = g_object_new (GCM_TYPE_ITEM, NULL);
  self->id = dup_string (object, "id");
  if (!gcm_item_kind_from_string (gcm_json_get_string (object, "kind"), &self->kind))
    self->kind = GCM_ITEM_KIND_SECTION;
  self->title = dup_string (object, "title");
  self->summary = dup_string (object, "summary");
  self->chapter = dup_string (object, "chapter");
  self->chapter_title = g_strdup (chapter_title);
  self->order = get_int (object, "order");
  self->version = get_int (object, "version");
  self->lang = dup_string (object, "lang");
  self->body = dup_string (object, "body");
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      char *text = dup_string (object, text_members[i]);
      if (text != NULL)
        g_hash_table_insert (self->texts, (gpointer) text_members[i], text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    {
      GStrv list = dup_strv (object, list_members[i]);
      if (list != NULL)
        g_hash_table_insert (self->lists, (gpointer) list_members[i], list);
    }
  read_list (object, "photos", self->photos, read_photo);
  read_list (object, "steps", self->steps, read_step);
  read_list (object, "questions", self->questions, read_question);
  read_list (object, "sources", self->sources, read_source);
  read_media (self, object);
  read_codes (self, object);
  self->json = length < 0 ? g_strdup (json) : g_strndup (json, length);
  self->shown_lang = g_strdup (self->lang);
  return g_steal_pointer (&self);
}

/* Replaces @member of @to by @from's, when @from has it. */
static void
take_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  JsonNode *node = from != NULL ? json_object_get_member (from, member) : NULL;

  if (node != NULL)
    json_object_set_member (to, member, json_node_copy (node));
}

/* The translated fields of each element of a list of objects, element by element, so what is
 * not translated (ids, answers, files) stays the original's. */
static void
merge_elements (JsonObject         *to,
                JsonObject         *from,
                const char         *member,
                const char * const *fields)
{
  JsonArray *mine = gcm_json_get_array (to, member);
  JsonArray *theirs = gcm_json_get_array (from, member);

  for (guint i = 0; mine != NULL && theirs != NULL && i < json_array_get_length (mine) &&
                    i < json_array_get_length (theirs); i++)
    for (guint f = 0; fields[f] != NULL; f++)
      {
        JsonObject *a = gcm_json_array_get_object (mine, i);
        JsonObject *b = gcm_json_array_get_object (theirs, i);

        if (a != NULL && b != NULL)
          take_member (a, b, fields[f]);
      }
}

/* The translated fields of each element of a list of objects with ids (a key's nodes and
 * outcomes, risk rules), matched by id, so a translation's part never lands on another part;
 * @inner names a list inside each element (a node's options) merged element by element. */
static void
merge_by_id (JsonObject         *to,
             JsonObject         *from,
             const char         *member,
             const char * const *fields,
             const char         *inner,
             const char * const *inner_fields)
{
  JsonArray *mine = gcm_json_get_array (to, member);
  JsonArray *theirs = gcm_json_get_array (from, member);
  g_autoptr(GHashTable) by_id = NULL;

  if (mine == NULL || theirs == NULL)
    return;
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (theirs); i++)
    {
      JsonObject *part = gcm_json_array_get_object (theirs, i);
      const char *id = part != NULL ? gcm_json_get_string (part, "id") : NULL;

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, part);
    }
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *part = gcm_json_array_get_object (mine, i);
      const char *id = part != NULL ? gcm_json_get_string (part, "id") : NULL;
      JsonObject *translated = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;

      if (translated == NULL)
        continue;
      for (guint f = 0; fields[f] != NULL; f++)
        take_member (part, translated, fields[f]);
      /* Options have no ids: merged by position only when there are as many, so a text
       * never names an option it was not written for. */
      if (inner != NULL && gcm_json_get_array (part, inner) != NULL &&
          gcm_json_get_array (translated, inner) != NULL &&
          json_array_get_length (gcm_json_get_array (part, inner)) ==
          json_array_get_length (gcm_json_get_array (translated, inner)))
        merge_elements (part, translated, inner, inner_fields);
    }
}

/**
 * gcm_item_localize_object:
 * @object: an item's JSON object, as the feed delivers it, changed in place
 * @lang: (nullable): the language wanted, e.g. "ko"
 * @translation: (out) (optional): whether @object has that translation, and if it is current
 *
 * Puts the text fields of the item's `translations.<lang>` in place of the original's;
 * everything else (ids, answers, codes, media, the order of steps and questions, where a key's
 * options lead, what a risk rule matches) stays as it is, so what the user keeps by id is the
 * same in every language. A key's nodes and outcomes and a risk item's rules take their text
 * from the translation's part of the same id, and a node's options from its options in order.
 * A field the translation lacks stays the original's.
 */
void
gcm_item_localize_object (JsonObject         *object,
                          const char         *lang,
                          GcmItemTranslation *translation)
{
  static const char * const fields[] = {
    "title", "summary", "keywords", "body", "place", "commodity", "quantity", "modus_operandi",
    "risk_indicators", "applies_to", "hazards", "protective_equipment", NULL
  };
  static const char * const photo_fields[] = { "caption", NULL };
  static const char * const step_fields[] = { "text", "warning", NULL };
  static const char * const question_fields[] = { "prompt", "choices", "explanation", NULL };
  static const char * const node_fields[] = { "question", "hint", NULL };
  static const char * const option_fields[] = { "text", NULL };
  static const char * const outcome_fields[] = { "title", "summary", "contact", NULL };
  static const char * const rule_fields[] = { "title", "why", NULL };
  JsonObject *translations, *translated = NULL;

  g_return_if_fail (object != NULL);

  if (translation != NULL)
    *translation = GCM_ITEM_TRANSLATION_NONE;
  if (lang == NULL || g_strcmp0 (lang, gcm_json_get_string (object, "lang")) == 0)
    {
      if (translation != NULL)
        *translation = GCM_ITEM_TRANSLATION_ORIGINAL;
      return;
    }
  translations = gcm_json_get_object (object, "translations");
  if (translations != NULL)
    translated = gcm_json_get_object (translations, lang);
  if (translated == NULL)
    return;

  for (guint i = 0; fields[i] != NULL; i++)
    take_member (object, translated, fields[i]);
  merge_elements (object, translated, "photos", photo_fields);
  merge_elements (object, translated, "steps", step_fields);
  merge_elements (object, translated, "questions", question_fields);
  merge_by_id (object, translated, "nodes", node_fields, "options", option_fields);
  merge_by_id (object, translated, "outcomes", outcome_fields, NULL, NULL);
  merge_by_id (object, translated, "rules", rule_fields, NULL, NULL);
  json_object_set_string_member (object, "lang", lang);
  if (translation != NULL)
    *translation = json_object_get_boolean_member_with_default (translated, "stale", FALSE)
                   ? GCM_ITEM_TRANSLATION_STALE : GCM_ITEM_TRANSLATION_CURRENT;
}

/**
 * gcm_item_localize_json:
 * @json: an item's JSON object, as the feed delivers it
 * @lang: (nullable): the language wanted, e.g. "ko"
 * @translation: (out) (optional): as for gcm_item_localize_object()
 *
 * gcm_item_localize_object() on JSON text.
 *
 * Returns: (transfer full) (nullable): the JSON, or %NULL when @json is no JSON object
 */
char *
gcm_item_localize_json (const char         *json,
                        const char         *lang,
                        GcmItemTranslation *translation)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  GcmItemTranslation found;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  if (translation != NULL)
    *translation = GCM_ITEM_TRANSLATION_NONE;
  object = gcm_json_parse_object (parser, json);
  if (object == NULL)
    return NULL;
  gcm_item_localize_object (object, lang, &found);
  if (translation != NULL)
    *translation = found;
  if (found != GCM_ITEM_TRANSLATION_CURRENT && found != GCM_ITEM_TRANSLATION_STALE)
    return g_strdup (json);

  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/**
 * gcm_item_dup_localized:
 * @self: an item as the feed delivered it
 * @lang: (nullable): the language wanted, e.g. "ko"; %NULL for the original
 * @chapter_title: (nullable): the chapter's title in @lang, or %NULL to keep the item's
 *
 * The same item (same id, steps, questions, media) with its text in @lang where it has a
 * translation into it, and in its original language where it has none: see
 * gcm_item_get_translation().
 *
 * Returns: (transfer full): the item in @lang; @self itself when @lang is its original's
 */
GcmItem *
gcm_item_dup_localized (GcmItem    *self,
                        const char *lang,
                        const char *chapter_title)
{
  g_autofree char *json = NULL;
  GcmItemTranslation translation;
  GcmItem *copy;

  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);

  /* Asked for the original's language: the item itself, as items never change. Lists of
   * thousands (the cases gallery) are read in the original's language most of the time. */
  if ((lang == NULL || g_strcmp0 (lang, self->lang) == 0) &&
      self->translation == GCM_ITEM_TRANSLATION_ORIGINAL &&
      (chapter_title == NULL || g_strcmp0 (chapter_title, self->chapter_title) == 0))
    return g_object_ref (self);

  json = gcm_item_localize_json (self->json, lang, &translation);
  copy = json != NULL ? gcm_item_new_from_json (json, -1, chapter_title ? chapter_title : self->chapter_title, NULL)
                      : NULL;
  if (copy == NULL)
    return g_object_ref (self);
  /* The original's language and JSON stay the item's, so a copy localizes again; the
   * text's language is the one shown. */
  g_free (copy->json);
  copy->json = g_strdup (self->json);
  g_free (copy->lang);
  copy->lang = g_strdup (self->lang);
  g_free (copy->shown_lang);
  copy->shown_lang = g_strdup (translation == GCM_ITEM_TRANSLATION_CURRENT ||
                               translation == GCM_ITEM_TRANSLATION_STALE ? lang : self->lang);
  copy->translation = translation;
  return copy;
}

/* For an item from gcm_item_dup_localized(): whether its text is the translation asked for,
 * a translation older than the original, or the original for want of one. */
GcmItemTranslation
gcm_item_get_translation (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), GCM_ITEM_TRANSLATION_ORIGINAL);
  return self->translation;
}

/* The language of the text fields: the original's, or a translation's. Never %NULL. */
const char *
gcm_item_get_shown_lang (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->shown_lang ? self->shown_lang : (self->lang ? self->lang : "");
}

/* Whether the item carries a translation into @lang. */
gboolean
gcm_item_has_translation (GcmItem    *self,
                          const char *lang)
{
  GcmItemTranslation translation;
  g_autofree char *json = NULL;

  g_return_val_if_fail (GCM_IS_ITEM (self), FALSE);
  json = gcm_item_localize_json (self->json, lang, &translation);
  return translation == GCM_ITEM_TRANSLATION_CURRENT || translation == GCM_ITEM_TRANSLATION_STALE;
}

/* The item's id; %NULL only for an item without one, which no feed delivers. */
const char *
gcm_item_get_id (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->id;
}

GcmItemKind
gcm_item_get_kind (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), GCM_ITEM_KIND_SECTION);
  return self->kind;
}

/* Never %NULL. */
const char *
gcm_item_get_title (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->title ? self->title : "";
}

/* Never %NULL. */
const char *
gcm_item_get_summary (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->summary ? self->summary : "";
}

/* Returns: (nullable): a section's chapter id */
const char *
gcm_item_get_chapter (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->chapter;
}

/* Returns: (nullable) */
const char *
gcm_item_get_chapter_title (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->chapter_title;
}

gint64
gcm_item_get_order (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), 0);
  return self->order;
}

gint64
gcm_item_get_version (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), 0);
  return self->version;
}

/* Returns: (nullable) */
const char *
gcm_item_get_lang (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->lang;
}

/* Returns: (nullable): the Markdown body */
const char *
gcm_item_get_body (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->body;
}

/* Lists are never %NULL: a missing one is empty. */
const char * const *
gcm_item_get_conventions (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), empty_list);
  return get_list (self, "conventions");
}

const char * const *
gcm_item_get_keywords (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), empty_list);
  return get_list (self, "keywords");
}

#define TEXT_GETTER(name, member) \
  const char *                                                   \
  gcm_item_get_##name (GcmItem *self)                            \
  {                                                              \
    g_return_val_if_fail (GCM_IS_ITEM (self), NULL);             \
    return g_hash_table_lookup (self->texts, member);            \
  }

#define LIST_GETTER(name, member) \
  const char * const *                                           \
  gcm_item_get_##name (GcmItem *self)                            \
  {                                                              \
    g_return_val_if_fail (GCM_IS_ITEM (self), empty_list);       \
    return get_list (self, member);                              \
  }

TEXT_GETTER (date, "date")
TEXT_GETTER (place, "place")
TEXT_GETTER (commodity, "commodity")
TEXT_GETTER (quantity, "quantity")
TEXT_GETTER (reported_at, "reported_at")
LIST_GETTER (modus_operandi, "modus_operandi")
LIST_GETTER (risk_indicators, "risk_indicators")
LIST_GETTER (applies_to, "applies_to")
LIST_GETTER (hazards, "hazards")
LIST_GETTER (protective_equipment, "protective_equipment")

/**
 * gcm_item_get_codes:
 * @family: hs, un or cas
 *
 * Returns: (transfer none): the item's codes of @family as written (“2903.71”), never %NULL
 */
const char * const *
gcm_item_get_codes (GcmItem       *self,
                    GcmCodeFamily  family)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), empty_list);
  g_return_val_if_fail (family < GCM_CODE_FAMILY_COUNT, empty_list);
  return self->codes[family] != NULL ? (const char * const *) self->codes[family] : empty_list;
}

/**
 * gcm_item_get_code_edition:
 *
 * Returns: (nullable): the edition of the list @family's codes come from (“HS 2022”)
 */
const char *
gcm_item_get_code_edition (GcmItem       *self,
                           GcmCodeFamily  family)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  g_return_val_if_fail (family < GCM_CODE_FAMILY_COUNT, NULL);
  return self->code_editions[family];
}

/**
 * gcm_item_get_photos:
 *
 * Returns: (transfer none) (element-type GcmItemPhoto): a case's photos
 */
GPtrArray *
gcm_item_get_photos (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->photos;
}

/**
 * gcm_item_get_steps:
 *
 * Returns: (transfer none) (element-type GcmItemStep): a procedure's steps
 */
GPtrArray *
gcm_item_get_steps (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->steps;
}

/**
 * gcm_item_get_questions:
 *
 * Returns: (transfer none) (element-type GcmItemQuestion): a quiz's questions
 */
GPtrArray *
gcm_item_get_questions (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->questions;
}

/**
 * gcm_item_get_sources:
 *
 * Returns: (transfer none) (element-type GcmItemSource)
 */
GPtrArray *
gcm_item_get_sources (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->sources;
}

/**
 * gcm_item_get_media:
 *
 * Returns: (transfer none) (element-type utf8 utf8): media paths the body names → their sha256
 */
GHashTable *
gcm_item_get_media (GcmItem *self)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return self->media;
}

/* Returns: (nullable): the sha256 of the media file @path */
const char *
gcm_item_lookup_media (GcmItem    *self,
                       const char *path)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), NULL);
  return g_hash_table_lookup (self->media, path);
}

/**
 * gcm_item_get_language_notice:
 * @self: an item as shown, from gcm_item_dup_localized()
 * @reader_lang: the language the reader reads the manual in
 *
 * Returns: what the page should say about its language, and so which switch it offers
 */
GcmLanguageNotice
gcm_item_get_language_notice (GcmItem    *self,
                              const char *reader_lang)
{
  g_return_val_if_fail (GCM_IS_ITEM (self), GCM_LANGUAGE_NOTICE_NONE);

  if (reader_lang == NULL || g_strcmp0 (reader_lang, self->lang) == 0)
    return g_strcmp0 (gcm_item_get_shown_lang (self), self->lang) == 0 ? GCM_LANGUAGE_NOTICE_NONE
                                                                      : GCM_LANGUAGE_NOTICE_TRANSLATED;
  switch (self->translation)
    {
    case GCM_ITEM_TRANSLATION_CURRENT:
      return GCM_LANGUAGE_NOTICE_TRANSLATED;
    case GCM_ITEM_TRANSLATION_STALE:
      return GCM_LANGUAGE_NOTICE_STALE;
    case GCM_ITEM_TRANSLATION_NONE:
      return GCM_LANGUAGE_NOTICE_UNTRANSLATED;
    case GCM_ITEM_TRANSLATION_ORIGINAL:
    default:
      return gcm_item_has_translation (self, reader_lang) ? GCM_LANGUAGE_NOTICE_ORIGINAL_CHOSEN
                                                          : GCM_LANGUAGE_NOTICE_UNTRANSLATED;
    }
}
