/* test-feed-input.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile files inside a feed: pipes and devices where files belong, JSON nested deep enough to
 * overflow the stack, empty manifests, and strings that are cut at a NUL or are not UTF-8. Each
 * must be refused with an error, never hang, crash or reach the database. Cases that hang or
 * crash on a broken build run in a child process with a time limit, so they fail alone.
 */

#define G_LOG_DOMAIN "TestFeedInput"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gcm-importer.h"
#include "gcm-json-utils.h"
#include "gcm-test-utils.h"

#define CHILD_TIME_LIMIT (30 * G_USEC_PER_SEC)
#define DEEP             80000

typedef struct
{
  char      *dir;
  char      *feed1;       /* the fixture source published as serial 1 */
  char      *secret_key;
  GPtrArray *keys;
  GcmStore  *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture)
{
  const GcmTestFeed *feed = gcm_test_feed ();
  g_autofree char *data_dir = gcm_test_data_dir ();
  g_autoptr(GError) error = NULL;

  fixture->dir = gcm_test_make_tmpdir ("feed-input");
  fixture->feed1 = g_strdup (feed->feed);
  fixture->secret_key = g_strdup (feed->secret_key);
  fixture->keys = gcm_test_feed_keys ();

  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->feed1);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
}

/* Helpers */

/* Runs the rest of the test in a child with a time limit; returns TRUE in that child. */
static gboolean
in_guarded_child (void)
{
  g_test_bug ("8");
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, CHILD_TIME_LIMIT, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static GcmManifestItem *
find_item (GcmManifest *manifest,
           const char  *id)
{
  GcmManifestItem *item = gcm_manifest_find_item (manifest, id);

  g_assert_nonnull (item);
  return item;
}

/* Signs @manifest (any text) as serial 2 of the feed at @path with the real minisign tool. */
static void
sign_manifest (Fixture        *fixture,
               const char     *path,
               GcmFeedComment *comment,
               const char     *manifest)
{
  g_autofree char *manifests = g_build_filename (path, "v1", "manifests", NULL);
  g_autofree char *manifest_path = g_build_filename (manifests, "2.json", NULL);
  g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
  g_autofree char *current = g_build_filename (path, "v1", "current.minisig", NULL);
  g_autofree char *text = NULL;
  g_autofree char *signature = NULL;
  gsize length = 0;

  comment->serial = 2;
  comment->size = strlen (manifest);
  text = gcm_feed_comment_format (comment);
  gcm_test_write_file (manifest_path, manifest, -1);
  gcm_test_sign (fixture->secret_key, manifest_path, sig_path, text, FALSE);
  signature = gcm_test_read_file (sig_path, &length);
  gcm_test_write_file (current, signature, length);
}

/* A copy of feed1 as serial 2, validly signed, with the object of item @id replaced by
 * @object; @manifest_edit, when given, is spliced into the manifest after its first "{". */
static char *
resigned_copy (Fixture    *fixture,
               const char *name,
               const char *id,
               const char *object,
               const char *manifest_edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = gcm_feed_open (fixture->feed1, fixture->keys, &error);
  g_autoptr(GcmFeedComment) comment = g_new0 (GcmFeedComment, 1);
  g_autofree char *data = NULL;
  g_autoptr(GString) text = NULL;
  char *copy = g_build_filename (fixture->dir, name, NULL);
  GcmManifest *manifest;

  g_assert_no_error (error);
  *comment = *gcm_feed_get_comment (feed);
  comment->feed = g_strdup (comment->feed);
  manifest = gcm_feed_get_manifest (feed);
  manifest->serial = 2;
  gcm_test_copy_tree (fixture->feed1, copy);

  if (object != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (object, strlen (object));
      GcmManifestItem *item = find_item (manifest, id);

      g_clear_pointer (&item->sha256, g_free);
      g_assert_true (gcm_feed_write_object (copy, bytes, &item->sha256, &error));
      g_assert_no_error (error);
      item->size = g_bytes_get_size (bytes);
    }

  data = gcm_manifest_to_data (manifest, NULL);
  text = g_string_new (data);
  if (manifest_edit != NULL)
    g_string_insert (text, strchr (text->str, '{') - text->str + 1, manifest_edit);
  sign_manifest (fixture, copy, comment, text->str);
  return copy;
}

/* Expects the import of @path to fail with @code and to leave the installed serial 1 whole. */
static void
assert_import_refused (Fixture    *fixture,
                       const char *path,
                       int         code)
{
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  g_assert_false (gcm_importer_import_path (fixture->store, path, fixture->keys, NULL, NULL, NULL,
                                            &result, &error));
  g_test_message ("refused: %s", error ? error->message : "(no error)");
  g_assert_error (error, GCM_FEED_ERROR, code);
  g_assert_nonnull (gcm_feed_error_to_string (error));
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 1);
}

static void
import_feed1 (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  g_assert_true (gcm_importer_import_path (fixture->store, fixture->feed1, fixture->keys, NULL,
                                           NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 1);
}

/* Not regular files (issue 8, item 6) */

typedef enum
{
  NOT_FILE_FIFO,
  NOT_FILE_FOLDER,
  NOT_FILE_DEVICE,
} NotFile;

static void
replace_with (const char *path,
              NotFile     what)
{
  g_assert_cmpint (g_unlink (path), ==, 0);
  switch (what)
    {
    case NOT_FILE_FIFO:
      g_assert_cmpint (mkfifo (path, 0644), ==, 0);
      break;
    case NOT_FILE_FOLDER:
      g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
      break;
    case NOT_FILE_DEVICE:
      g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_signature_not_file (gconstpointer user_data)
{
  NotFile what = GPOINTER_TO_INT (user_data);
  Fixture fixture = { 0 };

  if (!in_guarded_child ())
    return;

  fixture_set_up (&fixture);
  import_feed1 (&fixture);
  {
    g_autofree char *copy = g_build_filename (fixture.dir, "copy", NULL);
    g_autofree char *current = g_build_filename (copy, "v1", "current.minisig", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmFeed) feed = NULL;

    gcm_test_copy_tree (fixture.feed1, copy);
    replace_with (current, what);
    feed = gcm_feed_open (copy, fixture.keys, &error);
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_REGULAR);
    g_assert_null (feed);
    assert_import_refused (&fixture, copy, GCM_FEED_ERROR_NOT_REGULAR);
  }
  fixture_tear_down (&fixture);
}

static void
test_object_not_file (gconstpointer user_data)
{
  NotFile what = GPOINTER_TO_INT (user_data);
  Fixture fixture = { 0 };

  if (!in_guarded_child ())
    return;

  fixture_set_up (&fixture);
  {
    /* A new object, so the import has to read it from the feed. */
    g_autofree char *copy = resigned_copy (&fixture, "copy", "manual/alpha/first",
                                           "{\"id\":\"manual/alpha/first\",\"kind\":\"section\","
                                           "\"title\":\"New\"}", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmFeed) feed = gcm_feed_open (copy, fixture.keys, &error);
    GcmManifestItem *item;
    g_autofree char *object = NULL;
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    import_feed1 (&fixture);
    item = find_item (gcm_feed_get_manifest (feed), "manual/alpha/first");
    object = gcm_feed_build_object_path (copy, item->sha256);
    replace_with (object, what);

    bytes = gcm_feed_load_object (feed, item->sha256, item->size, &error);
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_REGULAR);
    g_assert_null (bytes);
    assert_import_refused (&fixture, copy, GCM_FEED_ERROR_NOT_REGULAR);
  }
  fixture_tear_down (&fixture);
}

/* Manifest JSON (items 7, 9, 10 and 11) */

typedef struct
{
  const char *name;
  const char *id;       /* JSON text inside the quotes */
  const char *title;    /* JSON text inside the quotes */
  const char *extra;    /* a member spliced in first, with its comma; "deep:<n>" nests n levels */
  gboolean    valid;
} ManifestCase;

static const ManifestCase manifest_cases[] = {
  { "control", "manual/x", "Title", "", TRUE },
  { "escapes", "manual/x", "\\u00e9t\\u00e9 \\\"q\\\" \\/ \\\\ \\b\\f\\n\\r\\t \\ud83d\\ude00", "",
    TRUE },
  { "depth-64", "manual/x", "Title", "deep:63", TRUE },
  { "depth-65", "manual/x", "Title", "deep:64", FALSE },
  { "depth-80000", "manual/x", "Title", "deep:80000", FALSE },
  { "deep-in-string", "manual/x", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                                  "[[[[[[[[[[", "", TRUE },
  { "id-nul", "manual/x\\u0000../y", "Title", "", FALSE },
  { "title-nul", "manual/x", "Ti\\u0000tle", "", FALSE },
  { "title-octal", "manual/x", "\\301\\377", "", FALSE },
  { "key-octal", "manual/x", "Title", "\"\\301\\377\": 1,", FALSE },
  { "nested-octal", "manual/x", "Title", "\"x\": [{\"y\": [\"\\301\"]}],", FALSE },
  { "lone-surrogate", "manual/x", "\\ud800x", "", FALSE },
  { "hex-escape", "manual/x", "\\x41", "", FALSE },
  { "short-u-escape", "manual/x", "\\u12", "", FALSE },
};

static char *
manifest_text (const ManifestCase *c)
{
  g_autofree char *extra = NULL;

  if (g_str_has_prefix (c->extra, "deep:"))
    {
      g_autofree char *deep = nested (atoi (c->extra + 5));
      extra = g_strdup_printf ("\"deep\": %s,", deep);
    }
  else
    extra = g_strdup (c->extra);

  return g_strdup_printf ("{%s \"format\": 1, \"feed\": \"f\", \"serial\": 1, \"generated\": 1,"
                          " \"expires\": 2, \"title\": \"%s\", \"media\": [], \"items\": [{"
                          "\"id\": \"%s\", \"kind\": \"section\", \"version\": 1, \"sha256\": "
                          "\"%064d\", \"size\": 10, \"media\": []}]}",
                          extra, c->title, c->id, 0);
}

static void
test_manifest_json (gconstpointer user_data)
{
  const ManifestCase *c = user_data;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmManifest) manifest = NULL;

  if (!in_guarded_child ())
    return;

  text = manifest_text (c);
  bytes = g_bytes_new (text, strlen (text));
  manifest = gcm_manifest_new_from_bytes (bytes, &error);
  if (c->valid)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (((GcmManifestItem *) g_ptr_array_index (manifest->items, 0))->id, ==,
                       "manual/x");
      g_assert_true (g_utf8_validate (manifest->title, -1, NULL));
    }
  else
    {
      g_test_message ("refused: %s", error ? error->message : "(no error)");
      g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
      g_assert_null (manifest);
    }
}

static void
test_manifest_empty (void)
{
  static const char * const inputs[] = { NULL, "", " \n\t", "\"\\301\"", "[" };

  if (!in_guarded_child ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = inputs[i] ? g_bytes_new (inputs[i], strlen (inputs[i])) :
                                            g_bytes_new (NULL, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(GcmManifest) manifest = gcm_manifest_new_from_bytes (bytes, &error);

      g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
      g_assert_null (manifest);
    }
}

/* A signed manifest nested 80,000 deep stops before json-glib, at gcm_feed_open(). */
static void
test_signed_manifest_deep (void)
{
  Fixture fixture = { 0 };

  if (!in_guarded_child ())
    return;

  fixture_set_up (&fixture);
  import_feed1 (&fixture);
  {
    g_autofree char *deep = nested (DEEP);
    g_autofree char *member = g_strdup_printf ("\"deep\": %s,", deep);
    g_autofree char *copy = resigned_copy (&fixture, "copy", NULL, NULL, member);
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmFeed) feed = gcm_feed_open (copy, fixture.keys, &error);

    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
    g_assert_null (feed);
    assert_import_refused (&fixture, copy, GCM_FEED_ERROR_MALFORMED);
  }
  fixture_tear_down (&fixture);
}

/* Item JSON, signed through the manifest (items 7, 10 and 11) */

typedef struct
{
  const char *name;
  const char *find;
  const char *replace;   /* "deep" nests DEEP levels */
  gboolean    valid;
} ItemCase;

static const ItemCase item_cases[] = {
  { "control", "\"title\":\"First section\"", "\"title\":\"First \\u00e9section\"", TRUE },
  { "deep", "{\"id\":", "deep", FALSE },
  /* Cut at the NUL, the id would equal the manifest's and the item would be stored. */
  { "id-nul", "\"id\":\"manual/alpha/first\"", "\"id\":\"manual/alpha/first\\u0000../../x\"",
    FALSE },
  { "title-octal", "\"title\":\"First section\"", "\"title\":\"First \\301\\377section\"", FALSE },
  { "key-octal", "\"summary\"", "\"\\301summary\"", FALSE },
  { "lone-surrogate", "\"title\":\"First section\"", "\"title\":\"First \\ud800x\"", FALSE },
};

static void
test_item_json (gconstpointer user_data)
{
  const ItemCase *c = user_data;
  Fixture fixture = { 0 };

  if (!in_guarded_child ())
    return;

  fixture_set_up (&fixture);
  import_feed1 (&fixture);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GcmFeed) feed = gcm_feed_open (fixture.feed1, fixture.keys, &error);
    GcmManifestItem *item = find_item (gcm_feed_get_manifest (feed), "manual/alpha/first");
    g_autoptr(GBytes) bytes = gcm_feed_load_object (feed, item->sha256, item->size, &error);
    g_autoptr(GString) object = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes));
    g_autofree char *copy = NULL;
    GcmImportResult result = { 0 };

    g_assert_no_error (error);
    if (g_str_equal (c->replace, "deep"))
      {
        g_autofree char *deep = nested (DEEP);
        g_autofree char *member = g_strdup_printf ("{\"deep\":%s,\"id\":", deep);
        g_assert_cmpuint (g_string_replace (object, c->find, member, 1), ==, 1);
      }
    else
      g_assert_cmpuint (g_string_replace (object, c->find, c->replace, 1), ==, 1);

    copy = resigned_copy (&fixture, "copy", "manual/alpha/first", object->str, NULL);
    if (!c->valid)
      {
        assert_import_refused (&fixture, copy, GCM_FEED_ERROR_MALFORMED);
      }
    else
      {
        g_assert_true (gcm_importer_import_path (fixture.store, copy, fixture.keys, NULL, NULL,
                                                 NULL, &result, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (result.updated, ==, 1);
        g_assert_cmpint (gcm_store_get_serial (fixture.store), ==, 2);
      }
  }
  fixture_tear_down (&fixture);
}

/* The scan and the parser agree with json-glib on every valid feed: the bundled one. */
static void
test_bundled_feed (void)
{
  const char *bundle = g_getenv ("GCM_BUNDLED_FEED_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  GcmManifest *manifest;

  g_assert_nonnull (bundle);
  feed = gcm_feed_open (bundle, NULL, &error);
  g_assert_no_error (error);
  manifest = gcm_feed_get_manifest (feed);
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      g_autoptr(GBytes) bytes = gcm_feed_load_object (feed, item->sha256, item->size, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_no_error (error);
      g_assert_true (gcm_json_parser_load (parser, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), item->id, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const not_file_names[] = { "fifo", "folder", "device" };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_bug_base ("issue #");

  for (guint i = 0; i < G_N_ELEMENTS (not_file_names); i++)
    {
      g_autofree char *sig = g_strdup_printf ("/gcm/feed-input/signature-not-file/%s",
                                              not_file_names[i]);
      g_autofree char *object = g_strdup_printf ("/gcm/feed-input/object-not-file/%s",
                                                 not_file_names[i]);
      g_test_add_data_func (sig, GINT_TO_POINTER (i), test_signature_not_file);
      g_test_add_data_func (object, GINT_TO_POINTER (i), test_object_not_file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (manifest_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/feed-input/manifest/%s",
                                               manifest_cases[i].name);
      g_test_add_data_func (path, &manifest_cases[i], test_manifest_json);
    }
  g_test_add_func ("/gcm/feed-input/manifest-empty", test_manifest_empty);
  g_test_add_func ("/gcm/feed-input/signed-manifest-deep", test_signed_manifest_deep);
  for (guint i = 0; i < G_N_ELEMENTS (item_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/feed-input/item/%s", item_cases[i].name);
      g_test_add_data_func (path, &item_cases[i], test_item_json);
    }
  g_test_add_func ("/gcm/feed-input/bundled-feed", test_bundled_feed);

  return g_test_run ();
}
