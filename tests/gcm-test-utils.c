/* gcm-test-utils.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the tests: temporary folders, real minisign keys, the real publisher, the one
 * published feed the tests share, and waiting for a property or a condition with a time limit.
 * Calls into the store are kept here, so a change of its API is one edit.
 */

#define _GNU_SOURCE   /* unshare() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>

#include "gcm-importer.h"
#include "gcm-minisign.h"
#include "gcm-store.h"
#include "gcm-test-utils.h"

/* A store in @dir/data with the bundled manual (GCM_BUNDLED_FEED_DIR) installed, trusted by its
 * location as on a first start. */
GcmStore *
gcm_test_store_with_bundled_manual (const char *dir)
{
  const char *bundle = g_getenv ("GCM_BUNDLED_FEED_DIR");
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr(GcmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bundle);
  store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  g_assert_true (gcm_importer_import_path (store, bundle, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* Drops the last reference to @store: a worker lets go of its task, and with it the store, just
 * after the callback has run. */
void
gcm_test_store_finalize (GcmStore *store)
{
  while (G_OBJECT (store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (store);
}

char *
gcm_test_make_tmpdir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("gcm-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
gcm_test_rm_rf (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
gcm_test_copy_tree (const char *from,
                    const char *to)
{
  const char *argv[] = { "cp", "-R", from, to, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* A real minisign key pair without a password, made by the minisign tool. */
void
gcm_test_make_keys (const char  *dir,
                    char       **public_key,
                    char       **secret_key)
{
  g_autofree char *pub = g_build_filename (dir, "test.pub", NULL);
  g_autofree char *sec = g_build_filename (dir, "test.key", NULL);
  const char *argv[] = { "minisign", "-G", "-W", "-f", "-p", pub, "-s", sec, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  *public_key = g_steal_pointer (&pub);
  *secret_key = g_steal_pointer (&sec);
}

/* Runs the real green-customs-publish; the path comes from the test environment. */
gboolean
gcm_test_publish (const char  *source,
                  const char  *output,
                  const char  *secret_key,
                  gint64       serial,
                  char       **standard_error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *publish = g_getenv ("GCM_PUBLISH");
  int status = 0;

  g_assert_nonnull (publish);
  g_ptr_array_add (argv, g_strdup (publish));
  g_ptr_array_add (argv, g_strdup ("--source"));
  g_ptr_array_add (argv, g_strdup (source));
  g_ptr_array_add (argv, g_strdup ("--output"));
  g_ptr_array_add (argv, g_strdup (output));
  if (secret_key != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--key"));
      g_ptr_array_add (argv, g_strdup (secret_key));
    }
  if (serial > 0)
    {
      g_ptr_array_add (argv, g_strdup ("--serial"));
      g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, serial));
    }
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, standard_error, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

/* Runs @argv (searched in PATH) and returns its exit status, or -1 if it did not exit. */
int
gcm_test_run (const char * const  *argv,
              char               **standard_output,
              char               **standard_error)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH |
                               (standard_output ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) |
                               (standard_error ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                               NULL, NULL, standard_output, standard_error, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

/* Like gcm_test_publish() but returns the exit status, so refusals can be told from crashes. */
int
gcm_test_publish_full (const char  *source,
                       const char  *output,
                       const char  *secret_key,
                       gint64       serial,
                       char       **standard_error)
{
  g_autofree char *serial_text = g_strdup_printf ("%" G_GINT64_FORMAT, serial);
  const char *publish = g_getenv ("GCM_PUBLISH");
  const char *argv[10] = { publish, "--source", source, "--output", output, NULL };
  guint n = 5;

  g_assert_nonnull (publish);
  if (secret_key != NULL)
    {
      argv[n++] = "--key";
      argv[n++] = secret_key;
    }
  if (serial > 0)
    {
      argv[n++] = "--serial";
      argv[n++] = serial_text;
    }
  argv[n] = NULL;
  return gcm_test_run (argv, NULL, standard_error);
}

/* Signs @file with the real minisign tool, prehashed unless @legacy. */
void
gcm_test_sign (const char *secret_key,
               const char *file,
               const char *signature,
               const char *trusted_comment,
               gboolean    legacy)
{
  const char *argv[] = {
    "minisign", "-S", "-s", secret_key, "-m", file, "-x", signature, "-t", trusted_comment,
    legacy ? "-l" : NULL, NULL
  };

  g_assert_cmpint (gcm_test_run (argv, NULL, NULL), ==, 0);
}

char *
gcm_test_read_file (const char *path,
                    gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

void
gcm_test_write_file (const char *path,
                     const char *data,
                     gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Replaces the first @find in the file with @replace; @find must be there. */
void
gcm_test_edit_file (const char *path,
                    const char *find,
                    const char *replace)
{
  g_autofree char *contents = gcm_test_read_file (path, NULL);
  const char *at = strstr (contents, find);
  g_autoptr(GString) edited = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (edited, contents, at - contents);
  g_string_append (edited, replace);
  g_string_append (edited, at + strlen (find));
  gcm_test_write_file (path, edited->str, edited->len);
}

gboolean
gcm_test_dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

/* Every row of @sql as text, columns split by "|" and rows by "\n": for before/after compares. */
char *
gcm_test_sql_dump (const char *db_path,
                   const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* gcm_test_sql_dump() for use inside an assertion: the text is freed when the test ends. */
const char *
gcm_test_sql_text (const char *db_path,
                   const char *sql)
{
  char *text = gcm_test_sql_dump (db_path, sql);

  g_test_queue_free (text);
  return text;
}

gint64
gcm_test_sql_int (const char *db_path,
                  const char *sql)
{
  g_autofree char *text = gcm_test_sql_dump (db_path, sql);

  g_assert_true (g_str_has_suffix (text, "\n"));
  return g_ascii_strtoll (text, NULL, 10);
}

/* A copy of the content-min fixture with @n_sections more sections of about 2 KB each. Every
 * section's text contains @variant, so two variants differ in every added item. */
char *
gcm_test_make_large_source (const char *dir,
                            const char *name,
                            guint       n_sections,
                            const char *variant)
{
  static const char * const words[] = {
    "container", "ivory", "pangolin", "scales", "waste", "permit", "declaration", "officer",
    "inspection", "manifest", "consignment", "mercury", "refrigerant", "cylinder", "label",
    "seal", "port", "vessel", "export", "import", "transit", "annex", "appendix", "licence",
  };
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min", NULL);
  char *source = g_build_filename (dir, name, NULL);
  g_autofree char *sections = g_build_filename (source, "sections", "alpha", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  gcm_test_copy_tree (fixture, source);
  for (guint i = 0; i < n_sections; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/10-generated-%04u.md", sections, i);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "---\nid: manual/alpha/generated-%04u\n"
                                    "title: Generated section %u\n"
                                    "summary: A generated section, %s.\n"
                                    "conventions: [basel]\nsources: [S1]\n---\n\n"
                                    "## Part %u\n\n", i, i, variant, i);
      while (text->len < 2000)
        {
          for (guint w = 0; w < 12; w++)
            g_string_append_printf (text, "%s%s", w ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_append_printf (text, " %s.\n", variant);
        }
      gcm_test_write_file (file, text->str, text->len);
    }
  return source;
}

static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY);
  gboolean ok = fd >= 0 && write (fd, text, strlen (text)) == (gssize) strlen (text);

  if (fd >= 0)
    close (fd);
  return ok;
}

/* Gives the test process mounts of its own, so a tmpfs it mounts disappears with it even when an
 * assertion aborts the test. Call first in main(), while the process has one thread. Without
 * root, a user namespace is tried. */
gboolean
gcm_test_enter_mount_namespace (void)
{
  uid_t uid = getuid ();
  gid_t gid = getgid ();

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (unsigned) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (unsigned) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
          !write_proc ("/proc/self/setgroups", "deny") ||
          !write_proc ("/proc/self/uid_map", uid_map) ||
          !write_proc ("/proc/self/gid_map", gid_map))
        return FALSE;
    }
  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

/* A small tmpfs at @path, for a disk that fills up or turns read-only. Needs the right to
 * mount (root); FALSE otherwise, and the caller skips. */
gboolean
gcm_test_mount_tmpfs (const char *path,
                      gsize       size)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return mount ("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}

void
gcm_test_umount (const char *path)
{
  umount2 (path, MNT_DETACH);
}

guint64
gcm_test_free_space (const char *path)
{
  struct statvfs buf;

  g_assert_cmpint (statvfs (path, &buf), ==, 0);
  return (guint64) buf.f_bavail * buf.f_frsize;
}

/* Writes @file until at most @leave_free bytes are free on its disk. */
void
gcm_test_fill_disk (const char *file,
                    guint64     leave_free)
{
  static char block[4096];
  int fd = open (file, O_WRONLY | O_CREAT | O_APPEND, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (gcm_test_free_space (file) > leave_free)
    {
      guint64 excess = gcm_test_free_space (file) - leave_free;
      gsize chunk = MIN (excess, sizeof block);

      if (write (fd, block, chunk) <= 0)
        break;
      if (chunk < sizeof block)
        break;
    }
  close (fd);
}

/* The shared feed */

static GcmTestFeed test_feed;
static char *test_feed_dir;        /* the folder this process made and removes at exit */

static void
remove_test_feed (void)
{
  gcm_test_rm_rf (test_feed_dir);
}

/**
 * gcm_test_feed:
 *
 * The content-min fixture published as serial 1, made on the first call. The folder is named in
 * the environment, so the children of g_test_trap_subprocess() use the parent's copy.
 *
 * Returns: (transfer none): the shared feed, its source and its keys
 */
const GcmTestFeed *
gcm_test_feed (void)
{
  const char *dir;
  static char *source, *feed, *public_key, *secret_key;

  if (test_feed.feed != NULL)
    return &test_feed;

  dir = g_getenv ("GCM_TEST_FEED_DIR");
  source = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min", NULL);
  if (dir == NULL)
    {
      g_autofree char *standard_error = NULL;
      g_autofree char *pub = NULL, *sec = NULL;
      g_autofree char *output = NULL;

      test_feed_dir = gcm_test_make_tmpdir ("feed");
      atexit (remove_test_feed);
      output = g_build_filename (test_feed_dir, "feed", NULL);
      gcm_test_make_keys (test_feed_dir, &pub, &sec);
      if (gcm_test_publish_full (source, output, sec, 1, &standard_error) != 0)
        g_error ("The fixture feed could not be published: %s", standard_error);
      g_setenv ("GCM_TEST_FEED_DIR", test_feed_dir, TRUE);
      dir = test_feed_dir;
    }
  feed = g_build_filename (dir, "feed", NULL);
  public_key = g_build_filename (dir, "test.pub", NULL);
  secret_key = g_build_filename (dir, "test.key", NULL);
  g_assert_true (g_file_test (feed, G_FILE_TEST_IS_DIR));

  test_feed.source = source;
  test_feed.feed = feed;
  test_feed.public_key = public_key;
  test_feed.secret_key = secret_key;
  return &test_feed;
}

/**
 * gcm_test_feed_keys:
 *
 * Returns: (transfer full) (element-type GcmMinisignKey): the keys the shared feed is signed with
 */
GPtrArray *
gcm_test_feed_keys (void)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (keys, gcm_minisign_key_new_from_file (gcm_test_feed ()->public_key, &error));
  g_assert_no_error (error);
  return keys;
}

/* A copy of the fixture's source at @dir/@name, for a test that edits it and publishes again. */
char *
gcm_test_feed_copy_source (const char *dir,
                           const char *name)
{
  char *copy = g_build_filename (dir, name, NULL);

  gcm_test_copy_tree (gcm_test_feed ()->source, copy);
  return copy;
}

/* Installs @feed into @store, checked against @keys, and fails the test when it cannot. */
void
gcm_test_import_feed (GcmStore   *store,
                      const char *feed,
                      GPtrArray  *keys)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_importer_import_path (store, feed, keys, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The app's data folder (content.db, user.db, objects/) under the test's XDG_DATA_HOME. */
char *
gcm_test_data_dir (void)
{
  return gcm_store_dup_default_directory ();
}

/* Waiting */

static gboolean
wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the thread-default main context until @predicate holds or the time is up. */
static gboolean
wait_until (GcmTestPredicate predicate,
            gpointer         user_data)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (GCM_TEST_WAIT_SECONDS);
  gboolean timed_out = FALSE;
  gboolean held;

  g_source_set_callback (timeout, wait_timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!(held = predicate (user_data)) && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  return held;
}

/* Waits until @predicate holds; after GCM_TEST_WAIT_SECONDS the test fails, naming @what. */
void
gcm_test_wait_until_full (const char       *file,
                          int               line,
                          const char       *func,
                          GcmTestPredicate  predicate,
                          gpointer          user_data,
                          const char       *what)
{
  if (!wait_until (predicate, user_data))
    {
      g_autofree char *message = g_strdup_printf ("waited %d s in vain for %s",
                                                  GCM_TEST_WAIT_SECONDS, what);
      g_assertion_message ("gcm-test", file, line, func, message);
    }
}

typedef struct
{
  GObject      *object;
  GParamSpec   *pspec;
  const GValue *expected;
  gboolean      reached;   /* latched: the value was seen, even if it changed again since */
} PropertyWait;

static gboolean
property_has_value (PropertyWait *wait)
{
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, wait->pspec->value_type);
  g_object_get_property (wait->object, wait->pspec->name, &current);
  return g_param_values_cmp (wait->pspec, &current, wait->expected) == 0;
}

static void
property_notify_cb (GObject      *object,
                    GParamSpec   *pspec,
                    PropertyWait *wait)
{
  if (property_has_value (wait))
    wait->reached = TRUE;
}

static gboolean
property_reached (gpointer user_data)
{
  PropertyWait *wait = user_data;

  return wait->reached;
}

/* Waits until @property of @object equals @value (compared as its GParamSpec compares). */
void
gcm_test_wait_for_property_full (const char   *file,
                                 int           line,
                                 const char   *func,
                                 gpointer      object,
                                 const char   *property,
                                 const GValue *value)
{
  PropertyWait wait = { G_OBJECT (object), NULL, value, FALSE };
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  g_autofree char *expected = g_strdup_value_contents (value);
  gulong handler;

  wait.pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  if (wait.pspec == NULL)
    g_error ("%s has no property “%s”", G_OBJECT_TYPE_NAME (object), property);
  wait.reached = property_has_value (&wait);
  handler = g_signal_connect (object, signal, G_CALLBACK (property_notify_cb), &wait);
  if (!wait.reached && !wait_until (property_reached, &wait))
    {
      g_auto(GValue) current = G_VALUE_INIT;
      g_autofree char *shown = NULL;
      g_autofree char *message = NULL;

      g_value_init (&current, wait.pspec->value_type);
      g_object_get_property (wait.object, property, &current);
      shown = g_strdup_value_contents (&current);
      message = g_strdup_printf ("waited %d s in vain for %s:%s to become %s; it is %s",
                                 GCM_TEST_WAIT_SECONDS, G_OBJECT_TYPE_NAME (object), property,
                                 expected, shown);
      g_signal_handler_disconnect (object, handler);
      g_assertion_message ("gcm-test", file, line, func, message);
      return;
    }
  g_signal_handler_disconnect (object, handler);
}

void
gcm_test_wait_for_boolean_full (const char *file,
                                int         line,
                                const char *func,
                                gpointer    object,
                                const char *property,
                                gboolean    expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, expected);
  gcm_test_wait_for_property_full (file, line, func, object, property, &value);
}

void
gcm_test_wait_for_string_full (const char *file,
                               int         line,
                               const char *func,
                               gpointer    object,
                               const char *property,
                               const char *expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, expected);
  gcm_test_wait_for_property_full (file, line, func, object, property, &value);
}

guint
gcm_test_free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  return ntohs (addr.sin_port);
}

gboolean
gcm_test_port_answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* A test that fails aborts; the servers must not outlive it, holding meson's pipes. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/**
 * gcm_test_start_nginx:
 * @dir: where nginx keeps its configuration, logs and temporary files
 * @root: the folder that holds v1/
 * @access_log: (nullable): where requests are logged; %NULL for none
 * @port: (out): where it listens on 127.0.0.1
 *
 * Starts nginx with the feed's own configuration, data/nginx/feed.conf, and waits until it
 * answers. Stop it with gcm_test_stop_server().
 */
GPid
gcm_test_start_nginx (const char *dir,
                      const char *root,
                      const char *access_log,
                      guint      *port)
{
  g_autofree char *conf_path = g_build_filename (dir, "nginx.conf", NULL);
  g_autofree char *feed_conf = g_test_build_filename (G_TEST_DIST, "..", "data", "nginx",
                                                      "feed.conf", NULL);
  g_autofree char *tmp = g_build_filename (dir, "nginx-tmp", NULL);
  g_autofree char *conf = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "nginx", "-p", dir, "-c", conf_path, NULL };
  GPid pid;

  g_mkdir_with_parents (tmp, 0700);
  *port = gcm_test_free_port ();
  conf = g_strdup_printf ("%7$s"
                          "daemon off;\n"
                          "pid %1$s/nginx.pid;\n"
                          "error_log %1$s/error.log;\n"
                          "events {}\n"
                          "http {\n"
                          "  access_log %2$s;\n"
                          "  client_body_temp_path %3$s; proxy_temp_path %3$s;\n"
                          "  fastcgi_temp_path %3$s; uwsgi_temp_path %3$s; scgi_temp_path %3$s;\n"
                          "  server {\n"
                          "    listen 127.0.0.1:%4$u;\n"
                          "    root %5$s;\n"
                          "    include %6$s;\n"
                          "  }\n"
                          "}\n",
                          dir, access_log != NULL ? access_log : "off", tmp, *port, root,
                          feed_conf,
                          /* Run by root, the workers would otherwise be nobody. */
                          getuid () == 0 ? "user root;\n" : "");
  gcm_test_write_file (conf_path, conf, -1);
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL,
                 die_with_parent, NULL, &pid, &error);
  if (error != NULL)
    g_error ("Cannot start nginx: %s", error->message);
  for (guint i = 0; i < 100 && !gcm_test_port_answers (*port); i++)
    g_usleep (50 * 1000);
  g_assert_true (gcm_test_port_answers (*port));
  return pid;
}

void
gcm_test_stop_server (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}
