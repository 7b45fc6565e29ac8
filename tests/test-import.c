/* test-import.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verify-and-apply path on feeds made by the real publisher and signed by the real minisign:
 * updates, withdrawals, and every hostile or broken feed refused with the installed content and
 * serial left whole. Each test has its own XDG folders (G_TEST_OPTION_ISOLATE_DIRS).
 */

#define G_LOG_DOMAIN "TestImport"

#include <glib/gstdio.h>
#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-importer.h"
#include "gcm-test-utils.h"

#define FEED_ID "org.greencustoms.test/en"

typedef struct
{
  char      *dir;
  char      *source;
  char      *feed1;       /* serial 1 of the fixture source */
  char      *public_key;
  char      *secret_key;
  GPtrArray *keys;
  GcmStore  *store;
  char      *content;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const GcmTestFeed *feed = gcm_test_feed ();
  g_autofree char *data_dir = gcm_test_data_dir ();
  g_autoptr(GError) error = NULL;

  /* The shared feed, and a copy of its source for the tests that edit and publish again. */
  fixture->dir = gcm_test_make_tmpdir ("import");
  fixture->source = gcm_test_feed_copy_source (fixture->dir, "source");
  fixture->feed1 = g_strdup (feed->feed);
  fixture->public_key = g_strdup (feed->public_key);
  fixture->secret_key = g_strdup (feed->secret_key);
  fixture->keys = gcm_test_feed_keys ();

  fixture->store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  fixture->content = g_strdup (gcm_store_get_content_path (fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  gcm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->feed1);
  g_free (fixture->public_key);
  g_free (fixture->secret_key);
  g_ptr_array_unref (fixture->keys);
  g_free (fixture->content);
}

/* Helpers */

static gboolean
import (Fixture          *fixture,
        const char       *path,
        GPtrArray        *keys,
        GcmImportResult  *result,
        GError          **error)
{
  return gcm_importer_import_path (fixture->store, path, keys, NULL, NULL, NULL, result, error);
}

static GcmImportResult
import_ok (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  gboolean ok = import (fixture, path, fixture->keys, &result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return result;
}

static char *
publish (Fixture    *fixture,
         const char *name,
         gint64      serial)
{
  char *output = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *standard_error = NULL;

  if (gcm_test_publish_full (fixture->source, output, fixture->secret_key, serial,
                             &standard_error) != 0)
    g_error ("publishing failed: %s", standard_error);
  return output;
}

/* Serial 2: the second section rewritten (new text, no link back), the first withdrawn. */
static char *
publish_v2 (Fixture    *fixture,
            const char *extra_markdown)
{
  g_autofree char *first = g_build_filename (fixture->source, "sections", "alpha", "01-first.md",
                                             NULL);
  g_autofree char *second = g_build_filename (fixture->source, "sections", "beta", "02-second.md",
                                              NULL);
  g_autofree char *body = g_strdup_printf ("Narwhal tusks are carved into walking sticks.\n\n%s",
                                           extra_markdown ? extra_markdown : "");

  g_assert_cmpint (g_unlink (first), ==, 0);
  gcm_test_edit_file (second,
                      "Carved ivory hides among cow horns. Back to [the first section]"
                      "(item:manual/alpha/first).\n", body);
  return publish (fixture, "feed2", 2);
}

static const char *
dump (Fixture    *fixture,
      const char *sql)
{
  return gcm_test_sql_text (fixture->content, sql);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gcm_test_sql_int (fixture->content, sql);
}

/* Everything an import may change in content.db. */
static char *
snapshot (Fixture *fixture)
{
  const char *items = dump (fixture, "SELECT id, kind, version, sha256, title, codes, body,"
                                     " json FROM item ORDER BY id");
  const char *state = dump (fixture, "SELECT * FROM feed_state");
  const char *chapters = dump (fixture, "SELECT * FROM chapter ORDER BY ord");
  const char *media = dump (fixture, "SELECT i.id, m.path, m.sha256 FROM item_media m"
                                     " JOIN item i ON i.rowid = m.item ORDER BY 1, 2");
  const char *tags = dump (fixture, "SELECT i.id, t.tag FROM item_tag t"
                                    " JOIN item i ON i.rowid = t.item ORDER BY 1, 2");

  return g_strconcat (items, "--\n", state, "--\n", chapters, "--\n", media, "--\n", tags, NULL);
}

/* The ids the word index finds for @query. */
static const char *
fts (Fixture    *fixture,
     const char *query)
{
  g_autofree char *sql = g_strdup_printf ("SELECT i.id FROM item_fts JOIN item i"
                                          " ON i.rowid = item_fts.rowid"
                                          " WHERE item_fts MATCH '%s' ORDER BY i.id", query);
  return dump (fixture, sql);
}

/* FTS5's own check that the index matches the item table. */
static void
assert_fts_consistent (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->content, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO item_fts (item_fts) VALUES ('integrity-check');"
                                     "INSERT INTO item_tri (item_tri) VALUES ('integrity-check');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GcmManifestItem *
manifest_item (GcmManifest *manifest,
               const char  *id)
{
  for (guint i = 0; i < manifest->items->len; i++)
    {
      GcmManifestItem *item = g_ptr_array_index (manifest->items, i);
      if (g_str_equal (item->id, id))
        return item;
    }
  g_error ("no item %s", id);
  return NULL;
}

/* The object file of @id in the feed at @path. */
static char *
object_path (Fixture    *fixture,
             const char *path,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = gcm_feed_open (path, fixture->keys, &error);

  g_assert_no_error (error);
  return gcm_feed_build_object_path (path, manifest_item (gcm_feed_get_manifest (feed), id)->sha256);
}

static void
flip_byte (const char *path)
{
  gsize length = 0;
  g_autofree char *contents = gcm_test_read_file (path, &length);

  g_assert_cmpuint (length, >, 2);
  contents[length / 2] ^= 0x20;
  gcm_test_write_file (path, contents, length);
}

/* Writes @manifest as serial @serial of the feed at @path and signs it with the real minisign
 * tool, so that everything up to the manifest's content is valid. */
static void
sign_manifest (Fixture    *fixture,
               const char *path,
               gint64      serial,
               const char *feed_id,
               gint64      generated,
               gint64      expires,
               const char *manifest,
               gsize       length)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".json", serial);
  g_autofree char *manifest_path = g_build_filename (path, "v1", "manifests", name, NULL);
  g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);
  g_autofree char *current = g_build_filename (path, "v1", "current.minisig", NULL);
  g_autofree char *comment = NULL;
  g_autofree char *signature = NULL;
  gsize signature_len = 0;

  comment = g_strdup_printf ("feed:%s\tserial:%" G_GINT64_FORMAT "\tgenerated:%" G_GINT64_FORMAT
                             "\texpires:%" G_GINT64_FORMAT "\tsize:%" G_GSIZE_FORMAT "\tformat:1",
                             feed_id, serial, generated, expires, length);
  gcm_test_write_file (manifest_path, manifest, length);
  gcm_test_sign (fixture->secret_key, manifest_path, sig_path, comment, FALSE);
  signature = gcm_test_read_file (sig_path, &signature_len);
  gcm_test_write_file (current, signature, signature_len);
}

/* A copy of feed1 whose current manifest is the serial-1 manifest edited by @find → @replace
 * (applied in turn) and re-signed as serial 3. */
static char *
resigned_copy (Fixture            *fixture,
               const char         *name,
               const char * const *edits,
               gint64              generated,
               gint64              expires)
{
  g_autofree char *manifest1 = g_build_filename (fixture->feed1, "v1", "manifests", "1.json",
                                                 NULL);
  g_autofree char *text = gcm_test_read_file (manifest1, NULL);
  g_autoptr(GString) edited = g_string_new (text);
  char *copy = g_build_filename (fixture->dir, name, NULL);

  gcm_test_copy_tree (fixture->feed1, copy);
  g_string_replace (edited, "\"serial\" : 1,", "\"serial\" : 3,", 1);
  for (guint i = 0; edits != NULL && edits[i] != NULL; i += 2)
    {
      if (edits[i][0] == '\0')
        g_string_assign (edited, edits[i + 1]);
      else
        g_assert_cmpuint (g_string_replace (edited, edits[i], edits[i + 1], 1), ==, 1);
    }
  sign_manifest (fixture, copy, 3, FEED_ID, generated, expires, edited->str, edited->len);
  return copy;
}

static GcmFeedComment *
feed1_comment (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = gcm_feed_open (fixture->feed1, fixture->keys, &error);
  const GcmFeedComment *comment;
  GcmFeedComment *copy = g_new0 (GcmFeedComment, 1);

  g_assert_no_error (error);
  comment = gcm_feed_get_comment (feed);
  *copy = *comment;
  copy->feed = g_strdup (comment->feed);
  return copy;
}

/* Expects @path to be refused with @code and the installed content to stay as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                GPtrArray  *keys,
                GQuark      domain,
                int         code)
{
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };
  gint64 serial = gcm_store_get_serial (fixture->store);

  g_assert_false (import (fixture, path, keys, &result, &error));
  g_test_message ("refused: %s", error ? error->message : "(no error)");
  g_assert_error (error, domain, code);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, serial);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_fts_consistent (fixture);
}

/* Applying */

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <, total);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (done, ==, calls[0]);
  calls[0]++;
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) objects = NULL;
  GcmImportResult result = { 0 };
  guint calls[1] = { 0 };
  guint n_objects = 0;
  const char *name;

  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 0);
  g_assert_true (gcm_importer_import_path (fixture->store, fixture->feed1, fixture->keys, NULL,
                                           progress_cb, calls, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls[0], ==, 5);

  g_assert_false (result.up_to_date);
  g_assert_cmpint (result.serial, ==, 1);
  g_assert_cmpuint (result.added, ==, 5);
  g_assert_cmpuint (result.updated, ==, 0);
  g_assert_cmpuint (result.removed, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 1);

  g_assert_cmpstr (dump (fixture, "SELECT kind, count(*) FROM item GROUP BY kind ORDER BY kind"),
                   ==, "case|1\nprocedure|1\nquiz|1\nsection|2\n");
  g_assert_cmpstr (dump (fixture, "SELECT id, chapter, ord, title FROM item WHERE kind = 'section'"
                                  " ORDER BY chapter"), ==,
                   "manual/alpha/first|alpha|1|First section\n"
                   "manual/beta/second|beta|2|Second section\n");
  g_assert_cmpstr (dump (fixture, "SELECT id, title FROM chapter ORDER BY ord"), ==,
                   "alpha|Alpha chapter\nbeta|Beta chapter\n");
  g_assert_cmpstr (dump (fixture, "SELECT feed, serial, highest_serial FROM feed_state"), ==,
                   FEED_ID "|1|1\n");
  g_assert_cmpstr (dump (fixture, "SELECT codes FROM item WHERE id = 'manual/alpha/first'"), ==,
                   "hs:8549.11 hs:854911\n");
  g_assert_cmpstr (dump (fixture, "SELECT i.id, t.tag FROM item_tag t JOIN item i"
                                  " ON i.rowid = t.item ORDER BY 1, 2"), ==,
                   "case/2020-test-seizure|cites\nmanual/alpha/first|basel\n"
                   "manual/beta/second|cites\nprocedure/ventilate-container|general\n"
                   "quiz/ivory|cites\n");

  /* Media, items and the manifest land in objects/, named by their hash: enough to rebuild. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_media"), ==, 3);
  objects = g_dir_open (gcm_store_get_objects_path (fixture->store), 0, NULL);
  while ((name = g_dir_read_name (objects)) != NULL)
    {
      g_autofree char *sub = g_build_filename (gcm_store_get_objects_path (fixture->store), name,
                                               NULL);
      g_autoptr(GDir) dir = g_dir_open (sub, 0, NULL);
      const char *file;

      while ((file = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);
          gsize length = 0;
          g_autofree char *contents = gcm_test_read_file (path, &length);
          g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                              (const guchar *) contents, length);
          g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM item_media"
                                                  "  WHERE sha256 = '%s')"
                                                  " + (SELECT count(*) FROM item WHERE sha256 = '%s')"
                                                  " + (SELECT count(*) FROM feed_state"
                                                  "  WHERE manifest_sha256 = '%s')",
                                                  file, file, file);

          g_assert_cmpstr (sha, ==, file);
          g_assert_true (g_str_has_prefix (file, name));
          g_assert_cmpint (count (fixture, sql), ==, 1);
          n_objects++;
        }
    }
  g_assert_cmpuint (n_objects, ==, 3 + 5 + 1);

  /* Search finds the text; quiz answers and explanations are never indexed. */
  g_assert_cmpstr (fts (fixture, "pangolin"), ==, "manual/alpha/first\n");
  g_assert_cmpstr (fts (fixture, "hides"), ==, "manual/beta/second\n");
  g_assert_cmpstr (fts (fixture, "weighed"), ==, "case/2020-test-seizure\n");
  g_assert_cmpstr (fts (fixture, "seals"), ==, "procedure/ventilate-container\n");
  g_assert_cmpstr (fts (fixture, "fuel"), ==, "");
  g_assert_cmpstr (fts (fixture, "quiz"), ==, "quiz/ivory\n");
  assert_fts_consistent (fixture);
}

static void
test_up_to_date (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GcmImportResult result;

  import_ok (fixture, fixture->feed1);
  before = snapshot (fixture);
  g_usleep (G_USEC_PER_SEC + 1000);   /* a rewrite would show in feed_state.applied_at */

  result = import_ok (fixture, fixture->feed1);
  g_assert_true (result.up_to_date);
  g_assert_cmpint (result.serial, ==, 1);
  g_assert_cmpuint (result.added + result.updated + result.removed, ==, 0);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_update_and_withdraw (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  GcmImportResult result;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);

  result = import_ok (fixture, feed2);
  g_assert_false (result.up_to_date);
  g_assert_cmpint (result.serial, ==, 2);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpuint (result.removed, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 3);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 2);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item WHERE id = 'manual/alpha/first'"), ==,
                   0);
  /* Nothing of the withdrawn item is left behind. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_media"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_tag WHERE tag = 'basel'"), ==, 0);

  g_assert_cmpstr (fts (fixture, "narwhal"), ==, "manual/beta/second\n");
  g_assert_cmpstr (fts (fixture, "hides"), ==, "");
  g_assert_cmpstr (fts (fixture, "pangolin"), ==, "");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM search_term WHERE term = 'pangolin'"), ==,
                   0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM search_term WHERE term = 'narwhal'"), ==,
                   1);
  assert_fts_consistent (fixture);

  /* The same snapshot again changes nothing. */
  result = import_ok (fixture, feed2);
  g_assert_true (result.up_to_date);
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  import_ok (fixture, feed2);

  assert_refused (fixture, fixture->feed1, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 2);
  g_assert_cmpstr (fts (fixture, "narwhal"), ==, "manual/beta/second\n");
}

static void
delete_content_db (Fixture *fixture)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->content, suffixes[i], NULL);
      g_unlink (path);
    }
}

/* The highest serial survives the loss of content.db: restored from objects/, or, with objects/
 * gone too, from feed-state alone. Either way an older feed is refused. */
static void
test_rollback_after_rebuild (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autofree char *floor = NULL;
  g_autofree char *floor_path = NULL;
  GError *error = NULL;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  import_ok (fixture, feed2);
  floor_path = g_build_filename (gcm_store_get_directory (fixture->store), "feed-state", NULL);
  floor = gcm_test_read_file (floor_path, NULL);
  g_assert_nonnull (strstr (floor, "HighestSerial=2\n"));

  /* content.db deleted: the installed serial 2 comes back from objects/. */
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
  delete_content_db (fixture);
  {
    g_autofree char *dir = gcm_store_dup_default_directory ();

    fixture->store = gcm_store_new (dir, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 2);
  g_assert_cmpstr (fts (fixture, "narwhal"), ==, "manual/beta/second\n");
  assert_refused (fixture, fixture->feed1, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK);

  /* content.db and objects/ deleted: nothing to restore, but the floor still holds. */
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
  delete_content_db (fixture);
  {
    g_autofree char *dir = gcm_store_dup_default_directory ();
    g_autofree char *objects = g_build_filename (dir, "objects", NULL);

    gcm_test_rm_rf (objects);
    fixture->store = gcm_store_new (dir, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 0);
  assert_refused (fixture, fixture->feed1, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK);
  g_assert_cmpstr (gcm_feed_error_to_string (error = g_error_new_literal (GCM_FEED_ERROR,
                                                                          GCM_FEED_ERROR_ROLLBACK,
                                                                          "")),
                   ==, "The update is older than the content you already have. Your content is unchanged.");
  g_clear_error (&error);

  /* The newer feed still goes in. */
  import_ok (fixture, feed2);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 2);
}

/* Overwrites some leaf pages of the item table in the middle of content.db with junk; the
 * header and the schema stay valid, as after a bad sector or a torn copy. */
static void
damage_item_pages (const char *path)
{
  g_autofree char *pages = gcm_test_sql_dump (path, "SELECT pageno FROM dbstat"
                                                    " WHERE name = 'item' AND pagetype = 'leaf'"
                                                    " ORDER BY pageno");
  g_auto(GStrv) numbers = g_strsplit (pages, "\n", -1);
  gint64 page_size = gcm_test_sql_int (path, "PRAGMA page_size");
  guint n = g_strv_length (numbers) - 1;
  g_autofree char *junk = g_malloc (page_size);
  FILE *file = fopen (path, "r+b");

  g_assert_cmpuint (n, >=, 4);
  memset (junk, 0xa5, page_size);
  g_assert_nonnull (file);
  for (guint i = n / 4; i < n / 2; i++)
    {
      gint64 pageno = g_ascii_strtoll (numbers[i], NULL, 10);

      g_assert_cmpint (pageno, >, 1);
      g_assert_cmpint (fseek (file, (pageno - 1) * page_size, SEEK_SET), ==, 0);
      g_assert_cmpuint (fwrite (junk, 1, page_size, file), ==, (gsize) page_size);
    }
  fclose (file);
}

/* The damage shows, as users saw it: reading the items fails with "malformed". */
static void
assert_malformed (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM item WHERE body LIKE '%narwhal%'",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CORRUPT);
  sqlite3_close (db);
}

static gboolean
integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  ok = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* A large installed feed, then its content.db damaged inside (the store closed, so it is all in
 * the main file). */
static char *
install_and_damage (Fixture *fixture)
{
  g_autofree char *large_source = gcm_test_make_large_source (fixture->dir, "large-source", 300,
                                                              "walrus");
  char *large = g_build_filename (fixture->dir, "large", NULL);

  g_assert_cmpint (gcm_test_publish_full (large_source, large, fixture->secret_key, 5, NULL), ==, 0);
  import_ok (fixture, large);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;

  damage_item_pages (fixture->content);
  assert_malformed (fixture->content);
  g_assert_false (integrity_ok (fixture->content));
  return large;
}

/* An import into a content.db with damaged pages rebuilds it from objects/ and goes in. */
static void
test_corrupt_pages_import (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *dir = gcm_store_dup_default_directory ();
  g_autofree char *large = install_and_damage (fixture);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer", NULL);
  g_autofree char *newer_source = gcm_test_make_large_source (fixture->dir, "newer-source", 300,
                                                              "narwhal");
  g_autoptr(GError) error = NULL;
  GcmImportResult result;

  g_assert_cmpint (gcm_test_publish_full (newer_source, newer, fixture->secret_key, 6, NULL), ==, 0);
  fixture->store = gcm_store_new (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 5);

  result = import_ok (fixture, newer);
  g_assert_cmpint (result.serial, ==, 6);
  g_assert_cmpuint (result.updated, ==, 300);   /* the rebuilt content was serial 5, whole */
  g_assert_true (integrity_ok (fixture->content));
  assert_fts_consistent (fixture);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 305);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'narwhal'"),
                   ==, 300);
}

static void
count_changed_cb (GcmStore *store,
                  guint    *count)
{
  (*count)++;
}

/* gcm_store_repair_content(), for a search that failed with "malformed": the damage is confirmed
 * and content.db rebuilt with the installed content; a sound content.db is left alone. */
static void
test_corrupt_pages_repair (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *dir = gcm_store_dup_default_directory ();
  g_autofree char *large = install_and_damage (fixture);
  g_autoptr(GError) error = NULL;
  gboolean repaired = FALSE;
  guint changed = 0;

  fixture->store = gcm_store_new (dir, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "content-changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_true (gcm_store_repair_content (fixture->store, &repaired, &error));
  g_assert_no_error (error);
  g_assert_true (repaired);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (integrity_ok (fixture->content));
  assert_fts_consistent (fixture);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 5);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 305);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'walrus'"),
                   ==, 300);

  g_assert_true (gcm_store_repair_content (fixture->store, &repaired, &error));
  g_assert_false (repaired);
  g_assert_cmpuint (changed, ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->store, &changed);
}

/* Broken and hostile feeds */

static void
test_corrupt_object (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autofree char *object = NULL;
  g_autofree char *good = NULL;
  gsize length = 0;
  GcmImportResult result;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  object = object_path (fixture, feed2, "manual/beta/second");
  good = gcm_test_read_file (object, &length);
  flip_byte (object);

  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_HASH_MISMATCH);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 5);

  /* Trusted by location or not, the hash is checked. */
  assert_refused (fixture, feed2, NULL, GCM_FEED_ERROR, GCM_FEED_ERROR_HASH_MISMATCH);

  /* Repaired, the same feed applies: it was the flipped byte that was refused. */
  gcm_test_write_file (object, good, length);
  result = import_ok (fixture, feed2);
  g_assert_cmpint (result.serial, ==, 2);
}

static void
test_corrupt_media (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *svg = g_build_filename (fixture->source, "media", "illustrations", "narwhal.svg",
                                           NULL);
  g_autofree char *feed2 = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  GcmManifestItem *entry;

  gcm_test_write_file (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">"
                            "<rect width=\"8\" height=\"8\"/></svg>\n", -1);
  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, "![A narwhal](media:illustrations/narwhal.svg)\n");

  feed = gcm_feed_open (feed2, fixture->keys, &error);
  g_assert_no_error (error);
  entry = manifest_item (gcm_feed_get_manifest (feed), "manual/beta/second");
  g_assert_cmpuint (g_strv_length (entry->media), ==, 2);
  for (guint i = 0; entry->media[i] != NULL; i++)
    {
      g_autofree char *path = gcm_feed_build_object_path (feed2, entry->media[i]);
      g_autofree char *text = gcm_test_read_file (path, NULL);

      if (strstr (text, "<rect width=\"8\"") != NULL)
        {
          g_autofree char *prefix = g_strndup (entry->media[i], 2);

          flip_byte (path);
          stored = g_build_filename (gcm_store_get_objects_path (fixture->store), prefix,
                                     entry->media[i], NULL);
        }
    }
  g_assert_nonnull (stored);

  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_HASH_MISMATCH);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
}

static void
test_truncated_object (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autofree char *object = NULL;
  g_autofree char *good = NULL;
  g_autofree char *longer = NULL;
  gsize length = 0;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  object = object_path (fixture, feed2, "manual/beta/second");
  good = gcm_test_read_file (object, &length);

  /* Cut short, as an interrupted copy to a USB stick leaves it. */
  gcm_test_write_file (object, good, length / 2);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED);

  /* Longer than announced. */
  longer = g_strconcat (good, "\n\n", NULL);
  gcm_test_write_file (object, longer, length + 2);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED);

  /* Empty. */
  gcm_test_write_file (object, "", 0);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED);

  /* Gone. */
  g_assert_cmpint (g_unlink (object), ==, 0);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 5);
}

static void
test_truncated_manifest (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *feed2 = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  manifest = g_build_filename (feed2, "v1", "manifests", "2.json", NULL);
  text = gcm_test_read_file (manifest, &length);

  gcm_test_write_file (manifest, text, length - 10);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_TRUNCATED);
  gcm_test_write_file (manifest, text, length);
  text[length / 2] ^= 0x01;
  gcm_test_write_file (manifest, text, length);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_BAD_SIGNATURE);
  g_assert_cmpint (g_unlink (manifest), ==, 0);
  assert_refused (fixture, feed2, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING);
}

typedef struct
{
  const char *name;
  const char *edits[5];   /* find, replace pairs; an empty find replaces the whole manifest */
} ManifestCase;

static const ManifestCase manifest_cases[] = {
  { "not-json", { "", "{ \"format\": 1, this is not JSON" } },
  { "binary", { "", "\x89PNG\r\n\x1a\n" } },
  { "not-an-object", { "", "[1, 2, 3]" } },
  { "no-items", { "\"items\"", "\"things\"" } },
  { "no-format", { "\"format\"", "\"shape\"" } },
  { "bad-id", { "\"manual/alpha/first\"", "\"../../etc/passwd\"" } },
  { "duplicate-id", { "\"manual/beta/second\"", "\"manual/alpha/first\"" } },
  { "unknown-kind", { "\"kind\" : \"quiz\"", "\"kind\" : \"poster\"" } },
  { "bad-hash", { "\"sha256\" : \"", "\"sha256\" : \"../" } },
  { "huge-item", { "\"size\" : ", "\"size\" : 99999999" } },
  { "negative-size", { "\"size\" : ", "\"size\" : -" } },
  { "string-version", { "\"version\" : 1", "\"version\" : \"1\"" } },
  { "serial-differs", { "\"serial\" : 3,", "\"serial\" : 4," } },
  { "feed-differs", { "\"feed\" : \"" FEED_ID "\"", "\"feed\" : \"org.greencustoms.other/en\"" } },
  { "media-not-image", { "\"mime\" : \"image/svg+xml\"", "\"mime\" : \"text/html\"" } },
  { "media-unlisted", { "\"media\" : [\n        \"",
                        "\"media\" : [\n        \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"" } },
};

static void
test_malformed_manifest (gconstpointer user_data)
{
  const ManifestCase *c = user_data;
  Fixture fixture = { 0 };
  g_autoptr(GcmFeedComment) comment = NULL;
  g_autofree char *copy = NULL;

  fixture_set_up (&fixture, NULL);
  import_ok (&fixture, fixture.feed1);
  comment = feed1_comment (&fixture);

  copy = resigned_copy (&fixture, "resigned", c->edits, comment->generated, comment->expires);
  assert_refused (&fixture, copy, fixture.keys, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
  g_assert_cmpint (gcm_store_get_serial (fixture.store), ==, 1);
  g_assert_cmpint (count (&fixture, "SELECT count(*) FROM item"), ==, 5);

  fixture_tear_down (&fixture, NULL);
}

/* The re-signing itself is sound: an unedited manifest re-signed as serial 3 applies. */
static void
test_resigned_control (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GcmFeedComment) comment = feed1_comment (fixture);
  g_autofree char *copy = NULL;
  GcmImportResult result;

  import_ok (fixture, fixture->feed1);
  copy = resigned_copy (fixture, "resigned", NULL, comment->generated, comment->expires);
  result = import_ok (fixture, copy);
  g_assert_cmpint (result.serial, ==, 3);
  g_assert_cmpuint (result.unchanged, ==, 5);
}

/* An item object whose content disagrees with its manifest entry, hashes all correct. */
static void
test_item_mismatch (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char * const objects[] = {
    "{\"id\": \"manual/alpha/other\", \"kind\": \"section\", \"title\": \"Other\"}",
    "{\"id\": \"manual/alpha/first\", \"kind\": \"quiz\", \"title\": \"First\"}",
    "{\"id\": \"manual/alpha/first\", \"kind\": \"section\"}",
    "not JSON at all",
    "[\"manual/alpha/first\"]",
  };
  g_autoptr(GcmFeedComment) comment = feed1_comment (fixture);
  g_autofree char *old_object = object_path (fixture, fixture->feed1, "manual/alpha/first");
  g_autofree char *old_sha = g_path_get_basename (old_object);
  g_autofree char *old_size = NULL;
  gsize length = 0;
  g_autofree char *old_text = gcm_test_read_file (old_object, &length);

  old_size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT ",", length);
  import_ok (fixture, fixture->feed1);

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *name = g_strdup_printf ("mismatch-%u", i);
      g_autoptr(GBytes) bytes = g_bytes_new_static (objects[i], strlen (objects[i]));
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_autofree char *new_size = g_strdup_printf ("\"size\" : %zu,", strlen (objects[i]));
      g_autofree char *copy = NULL;
      g_autoptr(GError) error = NULL;
      const char *edits[] = { old_sha, sha, old_size, new_size, NULL };

      copy = resigned_copy (fixture, name, edits, comment->generated, comment->expires);
      g_assert_true (gcm_feed_write_object (copy, bytes, NULL, &error));
      g_assert_no_error (error);
      assert_refused (fixture, copy, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_MALFORMED);
    }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 5);
}

static void
test_expired (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char * const past[] = {
    "\"generated\" : ", "\"generated\" : 1000000000, \"was\" : ",
    "\"expires\" : ", "\"expires\" : 1000000001, \"was_expires\" : ",
    NULL
  };
  g_autofree char *copy = NULL;
  GcmImportResult result;

  import_ok (fixture, fixture->feed1);
  copy = resigned_copy (fixture, "expired", past, 1000000000, 1000000001);
  assert_refused (fixture, copy, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_EXPIRED);

  /* Trusted by its location (installed with the app), a feed still expires. */
  result = import_ok (fixture, fixture->feed1);
  g_assert_true (result.up_to_date);
  assert_refused (fixture, copy, NULL, GCM_FEED_ERROR, GCM_FEED_ERROR_EXPIRED);
}

static void
test_unsigned (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "unsigned", NULL);
  g_autofree char *standard_error = NULL;

  import_ok (fixture, fixture->feed1);
  g_assert_cmpint (gcm_test_publish_full (fixture->source, output, NULL, 2, &standard_error), ==, 0);
  assert_refused (fixture, output, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_NOT_SIGNED);

  /* A folder that is no feed at all, and one that does not exist. */
  assert_refused (fixture, fixture->source, fixture->keys, GCM_FEED_ERROR,
                  GCM_FEED_ERROR_NOT_SIGNED);
  assert_refused (fixture, "/nonexistent/feed", fixture->keys, GCM_FEED_ERROR,
                  GCM_FEED_ERROR_MISSING);
}

static void
test_untrusted_key (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *other_pub = NULL;
  g_autofree char *other_sec = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *feed2 = NULL;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  gcm_test_make_keys (other_dir, &other_pub, &other_sec);
  g_ptr_array_add (others, gcm_minisign_key_new_from_file (other_pub, &error));
  g_assert_no_error (error);

  /* Into an empty store, and over installed content. */
  assert_refused (fixture, fixture->feed1, others, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  assert_refused (fixture, fixture->feed1, none, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==, 0);
  g_assert_cmpint (gcm_store_get_serial (fixture->store), ==, 0);

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  assert_refused (fixture, feed2, others, GCM_FEED_ERROR, GCM_FEED_ERROR_UNTRUSTED_KEY);
}

static void
test_wrong_feed (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *pack = g_build_filename (fixture->source, "pack.yaml", NULL);
  g_autofree char *other = NULL;

  import_ok (fixture, fixture->feed1);
  gcm_test_edit_file (pack, "feed: " FEED_ID, "feed: org.greencustoms.other/en");
  other = publish (fixture, "other", 2);
  assert_refused (fixture, other, fixture->keys, GCM_FEED_ERROR, GCM_FEED_ERROR_WRONG_FEED);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *feed2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GcmImportResult result = { 0 };

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  before = snapshot (fixture);
  g_cancellable_cancel (cancellable);
  g_assert_false (gcm_importer_import_path (fixture->store, feed2, fixture->keys, cancellable,
                                            NULL, NULL, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* user.db is the user's: imports and withdrawals never touch it. */
static void
test_user_data_survives (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *user = gcm_store_get_user_path (fixture->store);
  sqlite3 *db = gcm_store_get_user_db (fixture->store);
  g_autofree char *before = NULL;
  g_autofree char *feed2 = NULL;
  g_autofree char *after = NULL;
  const char *sql = "SELECT 'b', item_id, created, title FROM bookmark"
                    " UNION ALL SELECT 'p', item_id, position, title FROM progress"
                    " UNION ALL SELECT 'n', item_id, text, created FROM note ORDER BY 1, 2";

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO bookmark (item_id, created, title)"
                                 "  VALUES ('manual/alpha/first', 11, 'First section');"
                                 "INSERT INTO bookmark (item_id, created, title)"
                                 "  VALUES ('quiz/ivory', 12, 'Ivory quiz');"
                                 "INSERT INTO progress (item_id, position, updated, title)"
                                 "  VALUES ('manual/alpha/first', 0.75, 13, 'First section');"
                                 "INSERT INTO note (item_id, text, created, updated)"
                                 "  VALUES ('manual/alpha/first', 'ask about pangolins', 14, 14);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  before = gcm_test_sql_dump (user, sql);

  import_ok (fixture, fixture->feed1);
  feed2 = publish_v2 (fixture, NULL);
  import_ok (fixture, feed2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item WHERE id = 'manual/alpha/first'"), ==,
                   0);

  after = gcm_test_sql_dump (user, sql);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "b|manual/alpha/first|11|First section\n"));
}

/* The asynchronous import announces new content once, on the main thread. */

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
  guint         changed;
  GThread      *changed_thread;
} AsyncState;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
}

static void
content_changed_cb (GcmStore   *store,
                    AsyncState *state)
{
  state->changed++;
  state->changed_thread = g_thread_self ();
}

static gboolean
result_arrived (gpointer user_data)
{
  AsyncState *state = user_data;

  return state->result != NULL;
}

static GcmImportResult
import_async (Fixture    *fixture,
              const char *path,
              AsyncState *state)
{
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  g_clear_object (&state->result);
  gcm_importer_import_async (fixture->store, path, fixture->keys, NULL, async_done_cb, state);
  gcm_test_wait_until (result_arrived, state, "the import to finish");
  g_assert_true (gcm_importer_import_finish (fixture->store, state->result, &result, &error));
  g_assert_no_error (error);
  g_clear_object (&state->result);
  return result;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  GMainContext *context = g_main_context_new ();
  AsyncState state = { 0 };
  GcmImportResult result;
  g_autofree char *feed2 = NULL;

  state.context = context;
  g_main_context_push_thread_default (context);
  g_signal_connect (fixture->store, "content-changed", G_CALLBACK (content_changed_cb), &state);

  result = import_async (fixture, fixture->feed1, &state);
  g_assert_cmpuint (result.added, ==, 5);
  g_assert_cmpuint (state.changed, ==, 1);
  g_assert_true (state.changed_thread == g_thread_self ());

  result = import_async (fixture, fixture->feed1, &state);
  g_assert_true (result.up_to_date);
  g_assert_cmpuint (state.changed, ==, 1);

  feed2 = publish_v2 (fixture, NULL);
  result = import_async (fixture, feed2, &state);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpuint (state.changed, ==, 2);

  /* A refusal reports its error and announces nothing. */
  {
    g_autoptr(GError) error = NULL;

    gcm_importer_import_async (fixture->store, fixture->feed1, fixture->keys, NULL, async_done_cb,
                               &state);
    gcm_test_wait_until (result_arrived, &state, "the refused import to finish");
    g_assert_false (gcm_importer_import_finish (fixture->store, state.result, NULL, &error));
    g_assert_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_ROLLBACK);
    g_clear_object (&state.result);
    g_assert_cmpuint (state.changed, ==, 2);
  }

  /* The worker thread lets go of its task (and the store) just after the result arrives. */
  for (guint i = 0; i < 500 && G_OBJECT (fixture->store)->ref_count > 1; i++)
    {
      while (g_main_context_iteration (context, FALSE))
        ;
      g_usleep (10000);
    }
  g_signal_handlers_disconnect_by_data (fixture->store, &state);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

static void
test_peek_serial (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_cmpint (gcm_importer_peek_serial (fixture->feed1), ==, 1);
  g_assert_cmpint (gcm_importer_peek_serial (fixture->source), ==, 0);
  g_assert_cmpint (gcm_importer_peek_serial ("/nonexistent"), ==, 0);
}

/* The bundled manual, trusted by its location as the installed copy is. */
static void
test_bundled (Fixture       *fixture,
              gconstpointer  user_data)
{
  const char *bundle = g_getenv ("GCM_BUNDLED_FEED_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmFeed) feed = NULL;
  GcmImportResult result = { 0 };

  g_assert_nonnull (bundle);
  feed = gcm_feed_open (bundle, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (import (fixture, bundle, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, gcm_feed_get_manifest (feed)->items->len);
  g_assert_cmpint (result.serial, ==, gcm_feed_get_comment (feed)->serial);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item"), ==,
                   gcm_feed_get_manifest (feed)->items->len);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'ivory'"), >,
                   0);
  assert_fts_consistent (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/gcm/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("apply", test_apply);
  ADD ("up-to-date", test_up_to_date);
  ADD ("update-and-withdraw", test_update_and_withdraw);
  ADD ("rollback", test_rollback);
  ADD ("rollback-after-rebuild", test_rollback_after_rebuild);
  ADD ("corrupt-pages-import", test_corrupt_pages_import);
  ADD ("corrupt-pages-repair", test_corrupt_pages_repair);
  ADD ("corrupt-object", test_corrupt_object);
  ADD ("corrupt-media", test_corrupt_media);
  ADD ("truncated-object", test_truncated_object);
  ADD ("truncated-manifest", test_truncated_manifest);
  ADD ("resigned-control", test_resigned_control);
  ADD ("item-mismatch", test_item_mismatch);
  ADD ("expired", test_expired);
  ADD ("unsigned", test_unsigned);
  ADD ("untrusted-key", test_untrusted_key);
  ADD ("wrong-feed", test_wrong_feed);
  ADD ("cancelled", test_cancelled);
  ADD ("user-data-survives", test_user_data_survives);
  ADD ("async", test_async);
  ADD ("peek-serial", test_peek_serial);
  ADD ("bundled", test_bundled);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (manifest_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/import/malformed-manifest/%s",
                                               manifest_cases[i].name);
      g_test_add_data_func (path, &manifest_cases[i], test_malformed_manifest);
    }

  return g_test_run ();
}
