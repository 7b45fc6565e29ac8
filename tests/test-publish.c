/* test-publish.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real green-customs-publish on a small authoring source (tests/fixtures/content-min): what it
 * writes opens as a verified feed, and every kind of bad source is refused with `file:line:
 * message`, exit status 1 and nothing written.
 */

#define G_LOG_DOMAIN "TestPublish"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "gcm-feed.h"
#include "gcm-source.h"
#include "gcm-test-utils.h"
#include "gcm-yaml.h"

#define FEED_ID "org.greencustoms.test/en"

typedef struct
{
  char      *dir;
  char      *source;
  char      *output;
  char      *public_key;
  char      *secret_key;
  GPtrArray *keys;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *fixture_source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min",
                                                           NULL);
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("publish");
  fixture->source = g_build_filename (fixture->dir, "source", NULL);
  fixture->output = g_build_filename (fixture->dir, "feed", NULL);
  gcm_test_copy_tree (fixture_source, fixture->source);
  gcm_test_make_keys (fixture->dir, &fixture->public_key, &fixture->secret_key);
  fixture->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_ptr_array_add (fixture->keys, gcm_minisign_key_new_from_file (fixture->public_key, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->output);
  g_free (fixture->public_key);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
}

static void
publish_ok (Fixture *fixture,
            gint64   serial)
{
  g_autofree char *standard_error = NULL;
  int status = gcm_test_publish_full (fixture->source, fixture->output, fixture->secret_key, serial,
                                      &standard_error);

  if (status != 0)
    g_error ("publishing failed (%d): %s", status, standard_error);
}

static GcmFeed *
open_feed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GcmFeed *feed = gcm_feed_open (fixture->output, fixture->keys, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static char *
file_sha256 (const char *path,
             gsize      *length)
{
  g_autofree char *contents = gcm_test_read_file (path, length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, *length);
}

static GcmManifestItem *
find_item (GcmManifest *manifest,
           const char  *id)
{
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      if (g_str_equal (item->id, id))
        return item;
    }
  g_error ("the manifest has no item %s", id);
  return NULL;
}

static JsonObject *
load_item_json (GcmFeed     *feed,
                const char  *id,
                JsonParser  *parser)
{
  GcmManifestItem *entry = find_item (gcm_feed_get_manifest (feed), id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gcm_feed_load_object (feed, entry->sha256, entry->size, &error);

  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Translations */

static void
write_translation (Fixture    *fixture,
                   const char *translates)
{
  g_autofree char *path = g_build_filename (fixture->source, "quizzes", "ivory.ko.yaml", NULL);
  g_autofree char *text = g_strdup_printf (
      "translates: %s\ntitle: 상아 퀴즈\nsummary: 상아 압수에 관한 두 문제.\nkeywords: [상아]\n"
      "questions:\n"
      "  - id: q1\n    prompt: 상아는 어디에 숨겨져 있었나?\n    choices: [소뿔 사이, 연료 탱크]\n"
      "    explanation: 소뿔 사이였다.\n"
      "  - id: q2\n    prompt: 조각한 상아는 소뿔 사이에 숨길 수 있다.\n    explanation: 그렇다.\n",
      translates);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* A translation travels inside its original, marked stale once the original changes; with
 * --strict a stale one is refused. */
static void
test_translation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *original = g_build_filename (fixture->source, "quizzes", "ivory.yaml", NULL);
  g_autofree char *standard_error = NULL;
  g_autofree char *sha = NULL;
  gsize length;

  sha = file_sha256 (original, &length);
  write_translation (fixture, sha);
  publish_ok (fixture, 1);
  {
    g_autoptr(GcmFeed) feed = open_feed (fixture);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *item = load_item_json (feed, "quiz/ivory", parser);
    JsonObject *ko = json_object_get_object_member (json_object_get_object_member (item, "translations"), "ko");

    g_assert_cmpuint (gcm_feed_get_manifest (feed)->items->len, ==, 5);   /* not an item of its own */
    g_assert_cmpstr (json_object_get_string_member (ko, "title"), ==, "상아 퀴즈");
    g_assert_false (json_object_get_boolean_member (ko, "stale"));
    g_assert_false (json_object_has_member (ko, "translates"));
    g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Ivory quiz");
  }

  /* The English changes: the translation is published, marked stale, with a warning. */
  {
    g_autofree char *contents = gcm_test_read_file (original, &length);
    g_autoptr(GString) changed = g_string_new (contents);

    g_string_replace (changed, "Ivory quiz", "Ivory and horn quiz", 1);
    g_assert_true (g_file_set_contents (original, changed->str, -1, NULL));
  }
  g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output, fixture->secret_key, 2,
                                          &standard_error), ==, 0);
  g_assert_nonnull (strstr (standard_error, "quizzes/ivory.ko.yaml: warning: the original has changed"));
  {
    g_autoptr(GcmFeed) feed = open_feed (fixture);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *item = load_item_json (feed, "quiz/ivory", parser);
    JsonObject *ko = json_object_get_object_member (json_object_get_object_member (item, "translations"), "ko");

    g_assert_true (json_object_get_boolean_member (ko, "stale"));
  }

  /* --strict refuses it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmSource) source = gcm_source_load (fixture->source, GCM_SOURCE_LOAD_STRICT, &error);

    g_assert_null (source);
    g_assert_nonnull (strstr (error->message, "quizzes/ivory.ko.yaml:1: the original has changed"));
  }
}

/* An identification key and risk indicators, with their Korean translations: the originals
 * are written into the copied source, which holds no key or risk item of its own. */
static const char test_key_yaml[] =
  "id: key/test\n"
  "title: \"Test: what did you find?\"\n"
  "summary: Two questions at the container.\n"
  "conventions: [cites]\n"
  "sources: [S1]\n"
  "start: what\n"
  "nodes:\n"
  "  - id: what\n"
  "    question: What is it?\n"
  "    hint: Look closely.\n"
  "    options:\n"
  "      - text: Tusks\n"
  "        next: where\n"
  "      - text: Nothing\n"
  "        outcome: nothing\n"
  "  - id: where\n"
  "    question: Where was it?\n"
  "    options:\n"
  "      - text: Hidden\n"
  "        outcome: hidden\n"
  "      - text: Declared\n"
  "        outcome: nothing\n"
  "outcomes:\n"
  "  - id: hidden\n"
  "    title: Probably smuggled ivory\n"
  "    summary: Seize it.\n"
  "    urgency: immediate\n"
  "    procedure: procedure/ventilate-container\n"
  "    contact: The CITES Management Authority\n"
  "    read: [manual/alpha/first]\n"
  "    sources: [S1]\n"
  "  - id: nothing\n"
  "    title: Nothing found\n"
  "    summary: Release it.\n"
  "    urgency: routine\n"
  "    sources: [S1]\n";

/* Line by line, as the refusals below name the lines. */
static const char test_key_ko_body[] =
  "title: 시험 식별 키\n"                       /* 2 */
  "summary: 컨테이너에서 묻는 두 가지 질문.\n"
  "keywords: [상아]\n"
  "nodes:\n"                                     /* 5 */
  "  - id: what\n"
  "    question: 무엇인가?\n"
  "    hint: 자세히 본다.\n"
  "    options:\n"
  "      - text: 엄니\n"                         /* 10 */
  "      - text: 없음\n"
  "  - id: where\n"
  "    question: 어디에 있었나?\n"
  "    options:\n"
  "      - text: 숨겨져 있음\n"                  /* 15 */
  "      - text: 신고됨\n"
  "outcomes:\n"
  "  - id: hidden\n"
  "    title: 밀수 상아 가능성\n"
  "    summary: 압수한다.\n"                     /* 20 */
  "    contact: CITES 관리당국\n"
  "  - id: nothing\n"
  "    title: 발견된 것 없음\n"
  "    summary: 반출한다.\n";

static const char test_risk_yaml[] =
  "id: risk/test\n"
  "title: Test risk indicators\n"
  "summary: One red flag.\n"
  "conventions: [basel]\n"
  "sources: [S1]\n"
  "rules:\n"
  "  - id: departure-differs\n"
  "    title: Departure differs from origin\n"
  "    why: The real exporter may be hidden.\n"
  "    severity: 3\n"
  "    items: [case/2020-test-seizure]\n"
  "    sources: [S1]\n"
  "    when: { field: departure, differs_from: origin }\n";

static const char test_risk_ko_body[] =
  "title: 시험 위험지표\n"                       /* 2 */
  "summary: 경고 신호 하나.\n"
  "rules:\n"
  "  - id: departure-differs\n"                  /* 5 */
  "    title: 출발국이 원산지와 다름\n"
  "    why: 실제 수출국이 숨겨졌을 수 있다.\n";

/* The key and risk originals, and translations of them made from @translates (or from the
 * originals as written, when %NULL). */
static void
write_field_items (const char *source,
                   const char *translates)
{
  const struct { const char *original, *translation, *english, *korean; } files[] = {
    { "keys/test.yaml", "keys/test.ko.yaml", test_key_yaml, test_key_ko_body },
    { "risk/test.yaml", "risk/test.ko.yaml", test_risk_yaml, test_risk_ko_body },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *original = g_build_filename (source, files[i].original, NULL);
      g_autofree char *translation = g_build_filename (source, files[i].translation, NULL);
      g_autofree char *folder = g_path_get_dirname (original);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, files[i].english, -1);
      g_autofree char *text = g_strdup_printf ("translates: %s\n%s", translates ? translates : sha,
                                               files[i].korean);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      g_assert_true (g_file_set_contents (original, files[i].english, -1, NULL));
      g_assert_true (g_file_set_contents (translation, text, -1, NULL));
    }
}

static JsonObject *
korean_of (JsonObject *item)
{
  return json_object_get_object_member (json_object_get_object_member (item, "translations"), "ko");
}

/* A key's and risk indicators' translations travel inside their originals with the nodes,
 * options, outcomes and rules as written; only the text, nothing an option leads to. Once the
 * original changes, they are stale, and --strict refuses them. */
static void
test_field_translations (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *key = g_build_filename (fixture->source, "keys", "test.yaml", NULL);
  g_autofree char *standard_error = NULL;

  write_field_items (fixture->source, NULL);
  publish_ok (fixture, 1);
  {
    g_autoptr(GcmFeed) feed = open_feed (fixture);
    g_autoptr(JsonParser) key_parser = json_parser_new ();
    g_autoptr(JsonParser) risk_parser = json_parser_new ();
    JsonObject *item = load_item_json (feed, "key/test", key_parser);
    JsonObject *ko = korean_of (item);
    JsonObject *node = json_array_get_object_element (json_object_get_array_member (ko, "nodes"), 0);
    JsonObject *option = json_array_get_object_element (json_object_get_array_member (node, "options"), 0);
    JsonObject *outcome = json_array_get_object_element (json_object_get_array_member (ko, "outcomes"), 0);
    JsonObject *rule;

    g_assert_cmpuint (gcm_feed_get_manifest (feed)->items->len, ==, 7);
    g_assert_cmpstr (json_object_get_string_member (ko, "title"), ==, "시험 식별 키");
    g_assert_false (json_object_get_boolean_member (ko, "stale"));
    g_assert_cmpstr (json_object_get_string_member (node, "id"), ==, "what");
    g_assert_cmpstr (json_object_get_string_member (node, "question"), ==, "무엇인가?");
    g_assert_cmpstr (json_object_get_string_member (node, "hint"), ==, "자세히 본다.");
    g_assert_cmpstr (json_object_get_string_member (option, "text"), ==, "엄니");
    g_assert_false (json_object_has_member (option, "next"));
    g_assert_cmpstr (json_object_get_string_member (outcome, "contact"), ==, "CITES 관리당국");
    g_assert_false (json_object_has_member (outcome, "urgency"));
    g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Test: what did you find?");

    item = load_item_json (feed, "risk/test", risk_parser);
    rule = json_array_get_object_element (json_object_get_array_member (korean_of (item), "rules"), 0);
    g_assert_cmpstr (json_object_get_string_member (rule, "id"), ==, "departure-differs");
    g_assert_cmpstr (json_object_get_string_member (rule, "why"), ==, "실제 수출국이 숨겨졌을 수 있다.");
    g_assert_false (json_object_has_member (rule, "severity"));
    g_assert_false (json_object_get_boolean_member (korean_of (item), "stale"));
  }

  /* The English key changes: its translation is published, stale, with a warning. */
  gcm_test_edit_file (key, "Seize it.", "Seize and seal it.");
  g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output, fixture->secret_key, 2,
                                          &standard_error), ==, 0);
  g_assert_nonnull (strstr (standard_error, "keys/test.ko.yaml: warning: the original has changed"));
  g_assert_null (strstr (standard_error, "risk/test.ko.yaml"));
  {
    g_autoptr(GcmFeed) feed = open_feed (fixture);
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_object_get_boolean_member (korean_of (load_item_json (feed, "key/test", parser)),
                                                   "stale"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmSource) source = gcm_source_load (fixture->source, GCM_SOURCE_LOAD_STRICT, &error);

    g_assert_null (source);
    g_assert_nonnull (strstr (error->message, "keys/test.ko.yaml:1: the original has changed"));
  }
}

static void
prepare_field_items (const char *source)
{
  write_field_items (source, NULL);
}

/* pack.ko.yaml gives the chapters' titles in Korean: they travel in the manifest beside the
 * English ones; a manifest without them still reads; a changed pack.yaml makes them stale. */
static void
test_chapter_titles (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *pack = g_build_filename (fixture->source, "pack.yaml", NULL);
  g_autofree char *pack_ko = g_build_filename (fixture->source, "pack.ko.yaml", NULL);
  g_autofree char *standard_error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *text = NULL;
  gsize length;

  sha = file_sha256 (pack, &length);
  text = g_strdup_printf ("translates: %s\ntitle: 시험 매뉴얼\nchapters:\n"
                          "  - id: alpha\n    title: 알파 장\n  - id: beta\n    title: 베타 장\n", sha);
  g_assert_true (g_file_set_contents (pack_ko, text, -1, NULL));
  publish_ok (fixture, 1);
  {
    g_autoptr(GcmFeed) feed = open_feed (fixture);
    GcmManifest *manifest = gcm_feed_get_manifest (feed);
    GcmManifestChapter *alpha = g_ptr_array_index (manifest->chapters, 0);
    GcmManifestChapter *beta = g_ptr_array_index (manifest->chapters, 1);
    g_autofree char *written = NULL;
    g_autoptr(GcmManifest) again = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (alpha->title, ==, "Alpha chapter");
    g_assert_cmpstr (g_hash_table_lookup (alpha->titles, "ko"), ==, "알파 장");
    g_assert_cmpstr (g_hash_table_lookup (beta->titles, "ko"), ==, "베타 장");

    /* Written and read back, then without the titles, as manifests before translations are. */
    written = gcm_manifest_to_data (manifest, &length);
    g_assert_nonnull (strstr (written, "\"titles\""));
    bytes = g_bytes_new (written, length);
    again = gcm_manifest_new_from_bytes (bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (((GcmManifestChapter *) g_ptr_array_index (again->chapters, 1))->titles, "ko"),
                     ==, "베타 장");
    g_hash_table_remove_all (alpha->titles);
    g_hash_table_remove_all (beta->titles);
    g_clear_pointer (&written, g_free);
    g_clear_pointer (&again, gcm_manifest_free);
    g_clear_pointer (&bytes, g_bytes_unref);
    written = gcm_manifest_to_data (manifest, &length);
    g_assert_null (strstr (written, "titles"));
    bytes = g_bytes_new (written, length);
    again = gcm_manifest_new_from_bytes (bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (((GcmManifestChapter *) g_ptr_array_index (again->chapters, 0))->titles), ==, 0);
  }

  /* pack.yaml changes: published with a warning, refused with --strict. */
  {
    g_autofree char *contents = gcm_test_read_file (pack, &length);
    g_autoptr(GString) changed = g_string_new (contents);

    g_string_replace (changed, "Beta chapter", "Beta chapter, revised", 1);
    g_assert_true (g_file_set_contents (pack, changed->str, -1, NULL));
  }
  g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output, fixture->secret_key, 2,
                                          &standard_error), ==, 0);
  g_assert_nonnull (strstr (standard_error, "pack.ko.yaml: warning: pack.yaml has changed"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmSource) source = gcm_source_load (fixture->source, GCM_SOURCE_LOAD_STRICT, &error);

    g_assert_null (source);
    g_assert_nonnull (strstr (error->message, "pack.ko.yaml:1: pack.yaml has changed"));
  }
}

/* Round trip */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const struct { const char *id; GcmItemKind kind; guint n_media; } expected[] = {
    { "manual/alpha/first", GCM_ITEM_KIND_SECTION, 1 },
    { "manual/beta/second", GCM_ITEM_KIND_SECTION, 1 },
    { "case/2020-test-seizure", GCM_ITEM_KIND_CASE, 1 },
    { "procedure/ventilate-container", GCM_ITEM_KIND_PROCEDURE, 0 },
    { "quiz/ivory", GCM_ITEM_KIND_QUIZ, 0 },
  };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after;
  g_autoptr(GcmFeed) feed = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest_sig = NULL;
  g_autofree char *current_sig = NULL;
  g_autofree char *manifest_text = NULL;
  gsize manifest_size = 0;
  const GcmFeedComment *comment;
  GcmManifest *manifest;
  GcmManifestMedia *png = NULL;

  publish_ok (fixture, 5);
  after = g_get_real_time () / G_USEC_PER_SEC;
  feed = open_feed (fixture);
  manifest = gcm_feed_get_manifest (feed);
  comment = gcm_feed_get_comment (feed);

  /* The manifest */
  g_assert_cmpstr (manifest->feed, ==, FEED_ID);
  g_assert_cmpstr (manifest->title, ==, "Test Manual");
  g_assert_cmpstr (manifest->language, ==, "en");
  g_assert_cmpint (manifest->serial, ==, 5);
  g_assert_cmpint (manifest->chapters->len, ==, 2);
  g_assert_cmpstr (((GcmManifestChapter *) g_ptr_array_index (manifest->chapters, 0))->id, ==,
                   "alpha");
  g_assert_cmpuint (manifest->items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GcmManifestItem *item = find_item (manifest, expected[i].id);
      g_assert_cmpint (item->kind, ==, expected[i].kind);
      g_assert_cmpint (item->version, ==, 1);
      g_assert_cmpstr (item->lang, ==, "en");
      g_assert_cmpuint (g_strv_length (item->media), ==, expected[i].n_media);
    }

  /* Every object is where its hash says, with the announced size. */
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      g_autofree char *path = gcm_feed_build_object_path (fixture->output, item->sha256);
      gsize size = 0;
      g_autofree char *sha = file_sha256 (path, &size);

      g_assert_cmpstr (sha, ==, item->sha256);
      g_assert_cmpint ((gint64) size, ==, item->size);
    }
  g_assert_cmpuint (manifest->media->len, ==, 3);
  for (guint i = 0; i < manifest->media->len; i++)
    {
      GcmManifestMedia *media = g_ptr_array_index (manifest->media, i);
      g_autofree char *path = gcm_feed_build_object_path (fixture->output, media->sha256);
      gsize size = 0;
      g_autofree char *sha = file_sha256 (path, &size);

      g_assert_cmpstr (sha, ==, media->sha256);
      g_assert_cmpint ((gint64) size, ==, media->size);
      if (g_str_equal (media->mime, "image/png"))
        png = media;
      else
        {
          /* The size an SVG's root states, read without a renderer: 40 × 20 or 30 × 30 */
          g_assert_cmpstr (media->mime, ==, "image/svg+xml");
          g_assert_cmpint (media->width, ==, media->height == 20 ? 40 : 30);
          g_assert_cmpint (media->height, ==, media->width == 40 ? 20 : 30);
        }
    }
  g_assert_nonnull (png);
  g_assert_cmpint (png->width, ==, 3);
  g_assert_cmpint (png->height, ==, 2);

  /* The trusted comment holds what the manifest holds. */
  manifest_path = g_build_filename (fixture->output, "v1", "manifests", "5.json", NULL);
  manifest_text = gcm_test_read_file (manifest_path, &manifest_size);
  g_assert_cmpstr (comment->feed, ==, FEED_ID);
  g_assert_cmpint (comment->serial, ==, 5);
  g_assert_cmpint (comment->format, ==, 1);
  g_assert_cmpint (comment->size, ==, (gint64) manifest_size);
  g_assert_cmpint (comment->generated, >=, before);
  g_assert_cmpint (comment->generated, <=, after);
  g_assert_cmpint (comment->generated, ==, manifest->generated);
  g_assert_cmpint (comment->expires, ==, manifest->expires);
  g_assert_cmpint (comment->expires, ==, comment->generated + 365 * 24 * 3600);

  /* current.minisig is the manifest's own signature, and the real minisign accepts it. */
  {
    g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
    g_autofree char *current_path = g_build_filename (fixture->output, "v1", "current.minisig",
                                                      NULL);
    const char *argv[] = { "minisign", "-V", "-q", "-p", fixture->public_key, "-m", manifest_path,
                           "-x", current_path, NULL };
    manifest_sig = gcm_test_read_file (sig_path, NULL);
    current_sig = gcm_test_read_file (current_path, NULL);
    g_assert_cmpstr (manifest_sig, ==, current_sig);
    g_assert_cmpint (gcm_test_run (argv, NULL, NULL), ==, 0);
  }

  g_assert_finalize_object (g_steal_pointer (&feed));
}

/* What an item object holds: the front matter, the body, the expanded sources and media hashes. */
static void
test_item_objects (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GcmFeed) feed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) quiz_parser = json_parser_new ();
  GcmManifestItem *entry;
  JsonObject *item, *media, *source, *quiz, *question;
  JsonArray *sources;

  publish_ok (fixture, 1);
  feed = open_feed (fixture);
  entry = find_item (gcm_feed_get_manifest (feed), "manual/alpha/first");

  item = load_item_json (feed, "manual/alpha/first", parser);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "manual/alpha/first");
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "section");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "First section");
  g_assert_cmpstr (json_object_get_string_member (item, "chapter"), ==, "alpha");
  g_assert_cmpint (json_object_get_int_member (item, "order"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "body"), "Pangolin scales"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "codes"),
                                                  "hs_edition"), ==, "HS 2022");

  sources = json_object_get_array_member (item, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member (source, "id"), ==, "S1");
  g_assert_cmpstr (json_object_get_string_member (source, "title"), ==, "First test source");
  g_assert_cmpstr (json_object_get_string_member (source, "url"), ==, "https://example.org/one");

  media = json_object_get_object_member (item, "media");
  g_assert_cmpuint (json_object_get_size (media), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (media, "illustrations/container.svg"), ==,
                   entry->media[0]);

  /* The quiz carries its answers: the app grades offline. */
  quiz = load_item_json (feed, "quiz/ivory", quiz_parser);
  question = json_array_get_object_element (json_object_get_array_member (quiz, "questions"), 0);
  g_assert_cmpint (json_object_get_int_member (question, "answer"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (question, "source"), ==,
                   "case/2020-test-seizure");
}

static void
test_unsigned (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *standard_error = NULL;
  g_autofree char *manifest = g_build_filename (fixture->output, "v1", "manifests", "3.json", NULL);
  g_autofree char *current = g_build_filename (fixture->output, "v1", "current.minisig", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = NULL;

  g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output, NULL, 3,
                                          &standard_error), ==, 0);
  g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (current, G_FILE_TEST_EXISTS));

  feed = gcm_feed_open (fixture->output, fixture->keys, &error);
  g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_SIGNED);
  g_assert_null (feed);
}

/* One output folder never sees its serial go down or repeat. */
static void
test_serial_must_rise (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *current = g_build_filename (fixture->output, "v1", "current.minisig", NULL);
  g_autofree char *manifest_5 = g_build_filename (fixture->output, "v1", "manifests", "5.json",
                                                  NULL);
  g_autofree char *before = NULL;
  g_autoptr(GcmFeed) feed = NULL;

  publish_ok (fixture, 5);
  before = gcm_test_read_file (current, NULL);

  for (gint64 serial = 5; serial >= 4; serial--)
    {
      g_autofree char *standard_error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output,
                                              fixture->secret_key, serial, &standard_error), ==, 1);
      g_assert_nonnull (strstr (standard_error, "serial 5"));
      after = gcm_test_read_file (current, NULL);
      g_assert_cmpstr (after, ==, before);
    }

  publish_ok (fixture, 6);
  feed = open_feed (fixture);
  g_assert_cmpint (gcm_feed_get_manifest (feed)->serial, ==, 6);
  g_assert_true (g_file_test (manifest_5, G_FILE_TEST_IS_REGULAR));
}

/* The bundled manual publishes cleanly, one feed item per source file. */
/* "01-scope.ko.md": a translation, carried inside its original's item. */
static gboolean
is_translation (const char *name)
{
  const char *dot = strchr (name, '.');

  return dot != NULL && strlen (dot) > 3 && dot[3] == '.' && g_ascii_islower (dot[1]) &&
         g_ascii_islower (dot[2]);
}

static void
test_bundled_source (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *source = g_getenv ("GCM_CONTENT_SOURCE");
  g_autofree char *standard_error = NULL;
  g_autofree char *sections = NULL;
  g_autoptr(GDir) chapters = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  const char *name;
  guint n_files = 0;
  static const char * const folders[][2] = {
    { "cases", ".md" }, { "procedures", ".yaml" }, { "quizzes", ".yaml" }, { "keys", ".yaml" },
    { "risk", ".yaml" }, { "paths", ".yaml" },
  };

  g_assert_nonnull (source);
  if (gcm_test_publish_full (source, fixture->output, fixture->secret_key, 0, &standard_error) != 0)
    g_error ("the bundled source was refused:\n%s", standard_error);
  feed = open_feed (fixture);

  sections = g_build_filename (source, "sections", NULL);
  chapters = g_dir_open (sections, 0, NULL);
  g_assert_nonnull (chapters);
  while ((name = g_dir_read_name (chapters)) != NULL)
    {
      g_autofree char *path = g_build_filename (sections, name, NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *file;

      while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
        n_files += g_str_has_suffix (file, ".md") && !is_translation (file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (source, folders[i][0], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *file;

      g_assert_nonnull (dir);
      while ((file = g_dir_read_name (dir)) != NULL)
        n_files += g_str_has_suffix (file, folders[i][1]) && !is_translation (file);
    }
  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (gcm_feed_get_manifest (feed)->items->len, ==, n_files);
}

/* Refusals, table-driven */

typedef struct
{
  const char *name;
  const char *file;       /* under the source; NULL: only @prepare changes it */
  const char *find;       /* NULL: @replace is the whole new file */
  const char *replace;
  const char *where;      /* the file named in the message */
  int         line_min;   /* the line named, within the offending construct */
  int         line_max;
  const char *message;
  const char *absent;     /* a message that must not appear */
  void      (*prepare) (const char *source);
} Refusal;

static char *
source_path (const char *source,
             const char *relative)
{
  return g_build_filename (source, relative, NULL);
}

static void
append_repeated (const char *path,
                 const char *prefix,
                 char        c,
                 gsize       count,
                 const char *suffix)
{
  g_autofree char *contents = gcm_test_read_file (path, NULL);
  g_autoptr(GString) edited = g_string_new (contents);

  g_string_append (edited, prefix);
  for (gsize i = 0; i < count; i++)
    g_string_append_c (edited, c);
  g_string_append (edited, suffix);
  gcm_test_write_file (path, edited->str, edited->len);
}

/* 30,000 levels of flow sequences once overflowed the stack of the recursive loader. */
static void
prepare_deep_yaml (const char *source)
{
  g_autofree char *file = source_path (source, "procedures/ventilate-container.yaml");
  g_autofree char *deep = g_strnfill (30000, '[');
  g_autofree char *line = g_strconcat ("hazards: ", deep, NULL);

  gcm_test_edit_file (file, "hazards: [Fumigant gas]", line);
}

/* A body over the item limit, refused from its size before it is read. */
static void
prepare_huge_body (const char *source)
{
  g_autofree char *file = source_path (source, "sections/alpha/01-first.md");

  append_repeated (file, "\n", 'x', 5 * 1024 * 1024, "\n");
}

/* Under the limit as a file, over it as JSON: every quote is escaped to two bytes. */
static void
prepare_escaped_body (const char *source)
{
  g_autofree char *file = source_path (source, "sections/alpha/01-first.md");

  append_repeated (file, "\n", '"', 3 * 1024 * 1024, "\n");
}

/* A chapter title that makes the manifest larger than the app reads. */
static void
prepare_huge_manifest (const char *source)
{
  g_autofree char *file = source_path (source, "pack.yaml");
  g_autofree char *quotes = g_strnfill (5 * 1024 * 1024, '"');
  g_autofree char *title = g_strdup_printf ("title: '%s'", quotes);

  gcm_test_edit_file (file, "title: Alpha chapter", title);
}

static void
prepare_random_svg (const char *source)
{
  g_autofree char *file = source_path (source, "media/illustrations/container.svg");
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  char bytes[1000];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) g_rand_int_range (rand, 0, 256);
  gcm_test_write_file (file, bytes, sizeof bytes);
}

static void
prepare_fake_png (const char *source)
{
  g_autofree char *file = source_path (source, "media/illustrations/tusk.png");

  gcm_test_write_file (file, "\x89PNG\r\n\x1a\nnot really a picture", -1);
}

static void
prepare_png_as_jpeg (const char *source)
{
  g_autofree char *png = source_path (source, "media/illustrations/tusk.png");
  g_autofree char *jpeg = source_path (source, "media/illustrations/tusk.jpg");

  g_assert_cmpint (g_rename (png, jpeg), ==, 0);
}

static void
prepare_media_symlink (const char *source)
{
  g_autofree char *file = source_path (source, "media/cases/seizure.svg");

  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (symlink ("/etc/hostname", file), ==, 0);
}

/* Moves @relative out of the source and leaves a symbolic link to it in its place. */
static void
move_out_and_link (const char *source,
                   const char *relative)
{
  g_autofree char *path = source_path (source, relative);
  g_autofree char *outside = g_strconcat (source, "-outside", NULL);

  g_assert_cmpint (g_rename (path, outside), ==, 0);
  g_assert_cmpint (symlink (outside, path), ==, 0);
}

/* A symbolic link on the way to the file reaches outside the source just as well. */
static void
prepare_media_folder_symlink (const char *source)
{
  move_out_and_link (source, "media/illustrations");
}

static void
prepare_section_symlink (const char *source)
{
  move_out_and_link (source, "sections/beta/02-second.md");
}

static const Refusal refusals[] = {
  { "unknown-field", "sections/alpha/01-first.md", "keywords: [alpha, first]\n",
    "keywords: [alpha, first]\ncolour: green\n",
    "sections/alpha/01-first.md", 7, 7, "unknown field “colour”" },
  { "missing-field", "cases/2020-test-seizure.md",
    "summary: Officers found ivory pieces declared as cow-horn handicrafts.\n", "",
    "cases/2020-test-seizure.md", 2, 2, "the field “summary” is missing" },
  { "bad-id", "sections/alpha/01-first.md", "id: manual/alpha/first", "id: Manual/Alpha First",
    "sections/alpha/01-first.md", 2, 2, "the id “Manual/Alpha First” must match" },
  { "duplicate-id", "sections/beta/02-second.md", "id: manual/beta/second",
    "id: manual/alpha/first",
    "sections/beta/02-second.md", 2, 2, "the id “manual/alpha/first” is used twice" },
  { "broken-item-link", "sections/alpha/01-first.md", "item:manual/beta/second",
    "item:manual/beta/nowhere",
    "sections/alpha/01-first.md", 15, 15, "the link “manual/beta/nowhere” names no item" },
  { "missing-media", "sections/alpha/01-first.md", "media:illustrations/container.svg",
    "media:illustrations/missing.svg",
    "sections/alpha/01-first.md", 17, 17,
    "the media file “media/illustrations/missing.svg” does not exist" },
  { "malformed-yaml", "procedures/ventilate-container.yaml",
    "summary: How to open a container that may hold fumigant gas.",
    "summary: How to: open a container",
    "procedures/ventilate-container.yaml", 3, 3, "mapping values are not allowed" },
  /* Only the root error: the other files' links to this item are not broken. */
  { "malformed-front-matter", "sections/beta/02-second.md", "conventions: [cites]",
    "conventions: [cites",
    "sections/beta/02-second.md", 5, 6, "did not find expected", "names no item" },
  { "bad-id-no-follow-on", "sections/beta/02-second.md", "id: manual/beta/second",
    "id: Manual/Beta",
    "sections/beta/02-second.md", 2, 2, "the id “Manual/Beta” must match", "names no item" },
  { "unknown-source", "procedures/ventilate-container.yaml", "sources: [S1]", "sources: [S9]",
    "procedures/ventilate-container.yaml", 8, 8, "the source “S9” is not in sources.yaml" },
  { "hs-without-edition", "sections/alpha/01-first.md", "  hs_edition: HS 2022\n", "",
    "sections/alpha/01-first.md", 8, 8, "HS codes need “hs_edition”" },
  { "quiz-answer-index", "quizzes/ivory.yaml", "answer: 0", "answer: 2",
    "quizzes/ivory.yaml", 7, 11, "the answer must be the index of a choice" },
  { "quiz-answer-negative", "quizzes/ivory.yaml", "answer: 0", "answer: -1",
    "quizzes/ivory.yaml", 7, 11, "the answer must be the index of a choice" },
  { "quiz-truefalse-answer", "quizzes/ivory.yaml", "answer: true", "answer: 1",
    "quizzes/ivory.yaml", 14, 18, "a true/false answer is true or false" },
  { "quiz-source", "quizzes/ivory.yaml", "source: case/2020-test-seizure",
    "source: case/2020-elsewhere",
    "quizzes/ivory.yaml", 13, 13, "the question source “case/2020-elsewhere” names no item" },
  { "unknown-convention", "sections/beta/02-second.md", "conventions: [cites]",
    "conventions: [cites, whaling]",
    "sections/beta/02-second.md", 5, 5,
    "unknown convention “whaling” (use basel, rotterdam, stockholm, montreal, cites or general)" },
  /* The kind registry says which fields each kind takes, and which codes. */
  { "field-of-another-kind", "sections/alpha/01-first.md", "keywords: [alpha, first]\n",
    "keywords: [alpha, first]\nphotos: []\n",
    "sections/alpha/01-first.md", 7, 7, "unknown field “photos”" },
  { "unknown-code-type", "sections/alpha/01-first.md", "  hs_edition: HS 2022\n",
    "  hs_edition: HS 2022\n  imo: [\"1.2\"]\n",
    "sections/alpha/01-first.md", 10, 10, "unknown code type “imo” (use hs, hs_edition, un or cas)" },
  { "codes-not-mapping", "sections/alpha/01-first.md",
    "codes:\n  hs: [\"8549.11\"]\n  hs_edition: HS 2022\n", "codes: [\"8549.11\"]\n",
    "sections/alpha/01-first.md", 7, 7, "“codes” must be a mapping of hs, hs_edition, un and cas" },
  { "section-without-text", "sections/alpha/02-empty.md", NULL,
    "---\nid: manual/alpha/empty\ntitle: Empty\nsummary: Empty.\nconventions: [general]\n"
    "sources: [S1]\n---\n\n",
    "sections/alpha/02-empty.md", 8, 8, "the section has no text" },
  { "photo-without-licence", "cases/2020-test-seizure.md", "    licence: CC-BY-4.0\n", "",
    "cases/2020-test-seizure.md", 16, 16, "a photo needs a “licence”",
    "a photo has only file, caption, credit and licence" },
  { "photo-extra-field", "cases/2020-test-seizure.md", "    licence: CC-BY-4.0\n",
    "    licence: CC-BY-4.0\n    year: 2020\n",
    "cases/2020-test-seizure.md", 16, 16, "a photo has only file, caption, credit and licence",
    "a photo needs" },
  { "media-outside", "cases/2020-test-seizure.md", "file: cases/seizure.svg",
    "file: ../pack.yaml",
    "cases/2020-test-seizure.md", 16, 16, "“../pack.yaml” is not a path under media/" },
  { "duplicate-step-id", "procedures/ventilate-container.yaml", "id: open", "id: measure",
    "procedures/ventilate-container.yaml", 13, 13, "the step id “measure” is used twice" },
  { "unlisted-chapter", "sections/gamma/01-extra.md", NULL,
    "---\nid: manual/gamma/extra\ntitle: Extra\nsummary: Extra.\nconventions: [general]\n"
    "sources: [S1]\n---\n\nText.\n",
    "sections/gamma", 1, 1, "the chapter “gamma” is not listed in pack.yaml" },
  { "not-utf8", "sections/beta/02-second.md", "Carved ivory", "Carved \xff ivory",
    "sections/beta/02-second.md", 1, 1, "the file is not UTF-8" },
  { "yaml-alias", "procedures/ventilate-container.yaml", "hazards: [Fumigant gas]",
    "hazards: &h [Fumigant gas]",
    "procedures/ventilate-container.yaml", 6, 6, "anchors, aliases and tags are not supported" },
  { "yaml-deep", NULL, NULL, NULL,
    "procedures/ventilate-container.yaml", 6, 6, "nested more than 32 deep", NULL,
    prepare_deep_yaml },
  { "huge-body", NULL, NULL, NULL,
    "sections/alpha/01-first.md", 1, 1, "the app accepts at most 4194304 (4 MiB)", NULL,
    prepare_huge_body },
  { "item-json-over-limit", NULL, NULL, NULL,
    "sections/alpha/01-first.md", 1, 1, "bytes as JSON; the app accepts at most 4194304", NULL,
    prepare_escaped_body },
  { "manifest-over-limit", NULL, NULL, NULL,
    "pack.yaml", 1, 1, "the app accepts at most 8388608 (8 MiB)", NULL, prepare_huge_manifest },
  { "raw-html-block", "sections/alpha/01-first.md", "## Scope\n", "## Scope\n\n<div>Raw</div>\n",
    "sections/alpha/01-first.md", 15, 15, "raw HTML is not allowed in Markdown: “<div>" },
  { "raw-html-inline", "sections/alpha/01-first.md", "Pangolin scales", "Pangolin <b>scales</b>",
    "sections/alpha/01-first.md", 15, 15, "raw HTML is not allowed in Markdown: “<b>" },
  { "raw-html-procedure-body", "procedures/ventilate-container.yaml", "steps:",
    "body: |\n  Wait.\n\n  <script>alert(1)</script>\nsteps:",
    "procedures/ventilate-container.yaml", 9, 12, "raw HTML is not allowed in Markdown" },
  { "svg-random-bytes", NULL, NULL, NULL,
    "sections/alpha/01-first.md", 17, 17,
    "the media file “media/illustrations/container.svg” is not a well-formed SVG", NULL,
    prepare_random_svg },
  { "svg-other-root", "media/illustrations/container.svg", NULL,
    "<?xml version=\"1.0\"?>\n<html><body/></html>\n",
    "sections/alpha/01-first.md", 17, 17,
    "the media file “media/illustrations/container.svg” is not a well-formed SVG" },
  { "png-fake", NULL, NULL, NULL,
    "sections/beta/02-second.md", 13, 13,
    "the media file “media/illustrations/tusk.png” is not a png image", NULL, prepare_fake_png },
  { "png-named-jpeg", "sections/beta/02-second.md", "tusk.png", "tusk.jpg",
    "sections/beta/02-second.md", 13, 13,
    "the media file “media/illustrations/tusk.jpg” is not a jpeg image", NULL,
    prepare_png_as_jpeg },
  { "media-symlink", NULL, NULL, NULL,
    "cases/2020-test-seizure.md", 16, 16,
    "the media file “media/cases/seizure.svg” is reached through a symbolic link", NULL,
    prepare_media_symlink },
  { "media-folder-symlink", NULL, NULL, NULL,
    "sections/alpha/01-first.md", 17, 17,
    "the media file “media/illustrations/container.svg” is reached through a symbolic link",
    NULL, prepare_media_folder_symlink },
  { "section-symlink", NULL, NULL, NULL,
    "sections/beta/02-second.md", 1, 1, "is a symbolic link", "names no item",
    prepare_section_symlink },
  { "translation-own-field", "sections/alpha/01-first.ko.md", NULL,
    "---\n" "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" "title: 첫 절\nsummary: 요약.\nconventions: [basel]\n---\n\n"
    "## 범위\n\n[둘째 절](item:manual/beta/second)\n\n![컨테이너](media:illustrations/container.svg)\n",
    "sections/alpha/01-first.ko.md", 5, 5, "“conventions” is not translated: it comes from the original" },
  { "translation-links", "sections/alpha/01-first.ko.md", NULL,
    "---\n" "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" "title: 첫 절\nsummary: 요약.\n---\n\n## 범위\n\n천산갑 비늘.\n",
    "sections/alpha/01-first.ko.md", 5, 6,
    "the text must link the same items and show the same media as the original" },
  { "translation-orphan", "sections/alpha/09-gone.ko.md", NULL,
    "---\n" "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" "title: 없음\nsummary: 없음.\n---\n\n본문.\n",
    "sections/alpha/09-gone.ko.md", 1, 1, "translates sections/alpha/09-gone.md, which is not in the manual" },
  { "translation-step-id", "procedures/ventilate-container.ko.yaml", NULL,
    "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" "title: 훈증 컨테이너 환기\nsummary: 요약.\napplies_to: [닫힌 컨테이너]\nhazards: [훈증 가스]\n"
    "protective_equipment: [가스 측정기]\nsteps:\n  - id: open\n    text: 연다.\n    warning: 경고.\n"
    "  - id: measure\n    text: 측정한다.\n",
    "procedures/ventilate-container.ko.yaml", 8, 8, "step 1 must have the id “measure”" },
  { "translation-list-length", "procedures/ventilate-container.ko.yaml", NULL,
    "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" "title: 훈증 컨테이너 환기\nsummary: 요약.\napplies_to: [닫힌 컨테이너, 열린 컨테이너]\n"
    "hazards: [훈증 가스]\nprotective_equipment: [가스 측정기]\nsteps:\n  - id: measure\n"
    "    text: 측정한다.\n    warning: 경고.\n  - id: open\n    text: 연다.\n",
    "procedures/ventilate-container.ko.yaml", 4, 4,
    "“applies_to” must translate each of the original's 1 entries, in order" },
  { "translation-no-hash", "sections/alpha/01-first.ko.md", NULL,
    "---\ntitle: 첫 절\nsummary: 요약.\n---\n\n본문.\n",
    "sections/alpha/01-first.ko.md", 1, 1, "“translates” must give the SHA-256 of the original" },
  { "key-translation-missing-option", "keys/test.ko.yaml", "      - text: 신고됨\n", "",
    "keys/test.ko.yaml", 12, 14, "node “where” must translate each of the original's 2 options, in order",
    NULL, prepare_field_items },
  { "key-translation-node-id", "keys/test.ko.yaml", "  - id: where\n", "  - id: there\n",
    "keys/test.ko.yaml", 12, 13, "node 2 must have the id “where”", NULL, prepare_field_items },
  { "key-translation-next", "keys/test.ko.yaml", "      - text: 엄니\n",
    "      - text: 엄니\n        next: where\n",
    "keys/test.ko.yaml", 10, 11, "“next” is not translated: it comes from the original", NULL,
    prepare_field_items },
  { "key-translation-hint", "keys/test.ko.yaml", "    question: 어디에 있었나?\n",
    "    question: 어디에 있었나?\n    hint: 자세히 본다.\n",
    "keys/test.ko.yaml", 12, 14, "node “where” must have a “hint” exactly where the original has one",
    NULL, prepare_field_items },
  { "key-translation-contact", "keys/test.ko.yaml", "    contact: CITES 관리당국\n", "",
    "keys/test.ko.yaml", 18, 19, "outcome “hidden” must have a “contact” exactly where the original has one",
    NULL, prepare_field_items },
  { "key-translation-outcomes", "keys/test.ko.yaml",
    "  - id: nothing\n    title: 발견된 것 없음\n    summary: 반출한다.\n", "",
    "keys/test.ko.yaml", 17, 17, "“outcomes” must translate each of the original's 2 outcomes, in order",
    NULL, prepare_field_items },
  { "risk-translation-rule-id", "risk/test.ko.yaml", "  - id: departure-differs\n",
    "  - id: departs\n",
    "risk/test.ko.yaml", 5, 6, "rule 1 must have the id “departure-differs”", NULL,
    prepare_field_items },
  { "risk-translation-severity", "risk/test.ko.yaml", "    why: 실제 수출국이 숨겨졌을 수 있다.\n",
    "    why: 실제 수출국이 숨겨졌을 수 있다.\n    severity: 1\n",
    "risk/test.ko.yaml", 8, 8, "“severity” is not translated: it comes from the original", NULL,
    prepare_field_items },
  { "risk-translation-why", "risk/test.ko.yaml", "    why: 실제 수출국이 숨겨졌을 수 있다.\n", "",
    "risk/test.ko.yaml", 5, 6, "rule “departure-differs” needs its “why”", NULL,
    prepare_field_items },
  { "pack-translation-order", "pack.ko.yaml", NULL,
    "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nchapters:\n"
    "  - id: beta\n    title: 베타 장\n  - id: alpha\n    title: 알파 장\n",
    "pack.ko.yaml", 3, 3, "chapter 1 must have the id “alpha”" },
  { "pack-translation-count", "pack.ko.yaml", NULL,
    "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nchapters:\n"
    "  - id: alpha\n    title: 알파 장\n",
    "pack.ko.yaml", 2, 2, "“chapters” must translate each of pack.yaml's 2 chapters, in order" },
  { "pack-translation-field", "pack.ko.yaml", NULL,
    "translates: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nfeed: other\nchapters:\n"
    "  - id: alpha\n    title: 알파 장\n  - id: beta\n    title: 베타 장\n",
    "pack.ko.yaml", 2, 2, "“feed” is not translated: it comes from pack.yaml" },
};

static gboolean
is_problem_line (const char *line)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[^:\\s]+:[0-9]+: \\S.*$", 0, 0, NULL);

  return g_regex_match (regex, line, 0, NULL);
}

static void
test_refusal (gconstpointer user_data)
{
  const Refusal *r = user_data;
  g_autofree char *fixture_source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min",
                                                           NULL);
  g_autofree char *dir = gcm_test_make_tmpdir ("refuse");
  g_autofree char *source = g_build_filename (dir, "source", NULL);
  g_autofree char *output = g_build_filename (dir, "feed", NULL);
  g_autofree char *file = r->file ? g_build_filename (source, r->file, NULL) : NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *standard_error = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;
  int status;

  gcm_test_copy_tree (fixture_source, source);
  gcm_test_make_keys (dir, &public_key, &secret_key);
  if (r->prepare != NULL)
    r->prepare (source);
  if (r->file == NULL)
    ;
  else if (r->find != NULL)
    gcm_test_edit_file (file, r->find, r->replace);
  else
    {
      g_autofree char *parent = g_path_get_dirname (file);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      gcm_test_write_file (file, r->replace, -1);
    }
  g_assert_cmpint (g_mkdir (output, 0755), ==, 0);

  status = gcm_test_publish_full (source, output, secret_key, 0, &standard_error);
  g_test_message ("stderr: %s", standard_error);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (gcm_test_dir_is_empty (output));

  lines = g_strsplit (g_strstrip (standard_error), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *prefix = g_strconcat (r->where, ":", NULL);

      if (!is_problem_line (lines[i]))
        g_error ("not a file:line: message line: “%s”", lines[i]);
      if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i], r->message) != NULL)
        {
          int line = atoi (lines[i] + strlen (prefix));
          g_assert_cmpint (line, >=, r->line_min);
          g_assert_cmpint (line, <=, r->line_max);
          found = TRUE;
        }
    }
  if (!found)
    g_error ("no “%s:%d: %s” in:\n%s", r->where, r->line_min, r->message, standard_error);
  if (r->absent != NULL && strstr (standard_error, r->absent) != NULL)
    g_error ("a misleading “%s” in:\n%s", r->absent, standard_error);

  gcm_test_rm_rf (dir);
}

/* The published output is untouched by a refusal after an earlier success. */
static void
test_refusal_keeps_feed (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *file = g_build_filename (fixture->source, "quizzes", "ivory.yaml", NULL);
  g_autofree char *manifest_2 = g_build_filename (fixture->output, "v1", "manifests", "2.json",
                                                  NULL);
  g_autofree char *standard_error = NULL;
  g_autoptr(GcmFeed) feed = NULL;

  publish_ok (fixture, 1);
  gcm_test_edit_file (file, "answer: 0", "answer: 9");
  g_assert_cmpint (gcm_test_publish_full (fixture->source, fixture->output, fixture->secret_key, 2,
                                          &standard_error), ==, 1);
  g_assert_false (g_file_test (manifest_2, G_FILE_TEST_EXISTS));
  feed = open_feed (fixture);
  g_assert_cmpint (gcm_feed_get_manifest (feed)->serial, ==, 1);
}

/* The loader refuses nesting past its bound instead of recursing until the stack runs out. */
static void
test_yaml_depth (void)
{
  static const struct { const char *open, *close; } shapes[] = {
    { "[", "]" }, { "{a: ", "}" }, { "- ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (int depth = GCM_YAML_MAX_DEPTH; depth <= 30000; depth += 30000 - GCM_YAML_MAX_DEPTH)
      for (int extra = 0; extra <= 1; extra++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(GcmYamlDocument) doc = NULL;
          g_autoptr(GError) error = NULL;

          /* "[[1]]", "{a: {a: 1}}" and "- - 1" each nest two levels. */
          for (int level = 0; level < depth + extra; level++)
            g_string_append (text, shapes[i].open);
          g_string_append (text, "1");
          for (int level = 0; level < depth + extra; level++)
            g_string_append (text, shapes[i].close);
          g_string_append_c (text, '\n');

          doc = gcm_yaml_document_new_from_data (text->str, text->len, 1, &error);
          if (depth == GCM_YAML_MAX_DEPTH && extra == 0)
            {
              g_assert_no_error (error);
              g_assert_nonnull (doc);
            }
          else
            {
              g_assert_error (error, GCM_YAML_ERROR, GCM_YAML_ERROR_UNSUPPORTED);
              g_assert_true (g_regex_match_simple ("^[0-9]+: lists and mappings are nested more "
                                                   "than 32 deep$", error->message, 0, 0));
              g_assert_null (doc);
            }
        }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every path and the hash of every file under @path, and the names beside it. */
static char *
snapshot (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "beside: %s\n", (char *) g_ptr_array_index (names, i));

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      const char *argv[] = { "sh", "-c", "cd \"$0\" && find . | sort && find . -type f | sort | "
                             "xargs -r sha256sum", path, NULL };
      g_autofree char *listing = NULL;

      g_assert_cmpint (gcm_test_run (argv, &listing, NULL), ==, 0);
      g_string_append (out, listing);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The real publisher with no terminal to ask a password on. */
static int
publish_without_stdin (const char  *source,
                       const char  *output,
                       const char  *key,
                       char       **standard_error)
{
  const char *argv[] = { g_getenv ("GCM_PUBLISH"), "--source", source, "--output", output,
                         "--key", key, "--serial", "2", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, standard_error, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A bad key leaves both an earlier feed and a new output folder exactly as they were, whether it
 * is found before the work (missing, a public key, not a key) or by minisign at the end. */
static void
test_bad_key (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.key", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.key", NULL);
  g_autofree char *encrypted = g_build_filename (fixture->dir, "encrypted.key", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh", "feed", NULL);
  g_autofree char *fresh_parent = g_path_get_dirname (fresh);
  g_autofree char *secret = gcm_test_read_file (fixture->secret_key, NULL);
  g_auto(GStrv) lines = g_strsplit (secret, "\n", -1);
  g_autofree guchar *raw = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize raw_len = 0;
  struct { const char *key; const char *message; } keys[] = {
    { missing, ":1: cannot read the secret key" },
    { fixture->public_key, ":2: this is a minisign public key" },
    { garbage, ":2: not a minisign secret key" },
    { encrypted, "minisign could not sign" },
  };

  /* The real key, marked as password-protected: only minisign finds out it cannot be used. */
  raw = g_base64_decode (lines[1], &raw_len);
  g_assert_cmpuint (raw_len, ==, 158);
  memcpy (raw + 2, "Sc", 2);
  encoded = g_base64_encode (raw, raw_len);
  text = g_strdup_printf ("%s\n%s\n", lines[0], encoded);
  gcm_test_write_file (encrypted, text, -1);
  gcm_test_write_file (garbage, "untrusted comment: no key\nbm90IGEga2V5\n", -1);

  g_assert_cmpint (g_mkdir (fresh_parent, 0755), ==, 0);
  publish_ok (fixture, 1);
  before = snapshot (fixture->output);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *outputs[] = { fixture->output, fresh };

      for (guint j = 0; j < G_N_ELEMENTS (outputs); j++)
        {
          g_autofree char *standard_error = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *now = NULL;

          expected = snapshot (outputs[j]);
          g_assert_cmpint (publish_without_stdin (fixture->source, outputs[j], keys[i].key,
                                                  &standard_error), ==, 1);
          g_test_message ("stderr: %s", standard_error);
          now = snapshot (outputs[j]);
          g_assert_cmpstr (now, ==, expected);
          g_assert_nonnull (strstr (standard_error, keys[i].message));
        }
    }
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  after = snapshot (fixture->output);
  g_assert_cmpstr (after, ==, before);
}

/* A new serial replaces the output folder whole and keeps what it published before. */
static void
test_replaces_output (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *manifest_1 = g_build_filename (fixture->output, "v1", "manifests", "1.json",
                                                  NULL);
  g_autofree char *parent = g_path_get_dirname (fixture->output);
  g_autofree char *beside_before = NULL;
  g_autofree char *beside_after = NULL;
  g_autoptr(GcmFeed) feed = NULL;

  publish_ok (fixture, 1);
  beside_before = snapshot (parent);
  publish_ok (fixture, 2);
  beside_after = snapshot (parent);

  feed = open_feed (fixture);
  g_assert_cmpint (gcm_feed_get_manifest (feed)->serial, ==, 2);
  g_assert_true (g_file_test (manifest_1, G_FILE_TEST_IS_REGULAR));
  /* No staging folder is left beside the output. */
  g_assert_nonnull (strstr (beside_before, "\n./feed\n"));
  g_assert_null (strstr (beside_after, "./.feed"));
}

static void
test_usage_errors (void)
{
  const char *publish = g_getenv ("GCM_PUBLISH");
  const char *no_output[] = { publish, "--source", "/nonexistent", NULL };
  const char *bad_serial[] = { publish, "--source", "a", "--output", "b", "--serial", "-4", NULL };
  const char *no_source[] = { publish, "--source", "/nonexistent/source", "--output",
                              "/nonexistent/out", NULL };
  g_autofree char *standard_error = NULL;

  g_assert_cmpint (gcm_test_run (no_output, NULL, NULL), ==, 2);
  g_assert_cmpint (gcm_test_run (bad_serial, NULL, NULL), ==, 2);
  g_assert_cmpint (gcm_test_run (no_source, NULL, &standard_error), ==, 1);
  g_assert_nonnull (strstr (standard_error, "/nonexistent/source"));
  g_assert_false (g_file_test ("/nonexistent/out", G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/gcm/publish/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/gcm/publish/translation", Fixture, NULL, fixture_set_up, test_translation,
              fixture_tear_down);
  g_test_add ("/gcm/publish/chapter-titles", Fixture, NULL, fixture_set_up, test_chapter_titles,
              fixture_tear_down);
  g_test_add ("/gcm/publish/item-objects", Fixture, NULL, fixture_set_up, test_item_objects,
              fixture_tear_down);
  g_test_add ("/gcm/publish/unsigned", Fixture, NULL, fixture_set_up, test_unsigned,
              fixture_tear_down);
  g_test_add ("/gcm/publish/field-translations", Fixture, NULL, fixture_set_up,
              test_field_translations, fixture_tear_down);
  g_test_add ("/gcm/publish/serial-must-rise", Fixture, NULL, fixture_set_up,
              test_serial_must_rise, fixture_tear_down);
  g_test_add ("/gcm/publish/refusal-keeps-feed", Fixture, NULL, fixture_set_up,
              test_refusal_keeps_feed, fixture_tear_down);
  g_test_add ("/gcm/publish/bundled-source", Fixture, NULL, fixture_set_up, test_bundled_source,
              fixture_tear_down);
  g_test_add_func ("/gcm/publish/usage-errors", test_usage_errors);
  g_test_add_func ("/gcm/publish/yaml-depth", test_yaml_depth);
  g_test_add ("/gcm/publish/bad-key", Fixture, NULL, fixture_set_up, test_bad_key,
              fixture_tear_down);
  g_test_add ("/gcm/publish/replaces-output", Fixture, NULL, fixture_set_up, test_replaces_output,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/publish/refused/%s", refusals[i].name);
      g_test_add_data_func (path, &refusals[i], test_refusal);
    }

  return g_test_run ();
}
