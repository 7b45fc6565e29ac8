/* gcm-test-utils.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* Tests reach the store's own connections to set up and inspect its files. */
#include "gcm-store-private.h"

G_BEGIN_DECLS

/* The shared feed: tests/fixtures/content-min published once per test binary as serial 1 and
 * signed with a key made for that binary. Read it, never change it: copy it first. */
typedef struct
{
  const char *source;       /* tests/fixtures/content-min itself */
  const char *feed;         /* the published feed, serial 1 */
  const char *public_key;
  const char *secret_key;
} GcmTestFeed;

const GcmTestFeed *gcm_test_feed             (void);
GPtrArray         *gcm_test_feed_keys        (void);
char              *gcm_test_feed_copy_source (const char *dir,
                                              const char *name);
char              *gcm_test_data_dir         (void);
void               gcm_test_import_feed      (GcmStore   *store,
                                              const char *feed,
                                              GPtrArray  *keys);

/* Waiting on the thread-default main context, with a time limit that fails the test */
typedef gboolean (*GcmTestPredicate) (gpointer user_data);

#define GCM_TEST_WAIT_SECONDS 30

#define gcm_test_wait_until(predicate, user_data, what) \
  gcm_test_wait_until_full (__FILE__, __LINE__, G_STRFUNC, (predicate), (user_data), (what))
#define gcm_test_wait_for_property(object, property, value) \
  gcm_test_wait_for_property_full (__FILE__, __LINE__, G_STRFUNC, (object), (property), (value))
#define gcm_test_wait_for_boolean(object, property, expected) \
  gcm_test_wait_for_boolean_full (__FILE__, __LINE__, G_STRFUNC, (object), (property), (expected))
#define gcm_test_wait_for_string(object, property, expected) \
  gcm_test_wait_for_string_full (__FILE__, __LINE__, G_STRFUNC, (object), (property), (expected))

void      gcm_test_wait_until_full          (const char       *file,
                                             int               line,
                                             const char       *func,
                                             GcmTestPredicate  predicate,
                                             gpointer          user_data,
                                             const char       *what);
void      gcm_test_wait_for_property_full   (const char       *file,
                                             int               line,
                                             const char       *func,
                                             gpointer          object,
                                             const char       *property,
                                             const GValue     *value);
void      gcm_test_wait_for_boolean_full    (const char       *file,
                                             int               line,
                                             const char       *func,
                                             gpointer          object,
                                             const char       *property,
                                             gboolean          expected);
void      gcm_test_wait_for_string_full     (const char       *file,
                                             int               line,
                                             const char       *func,
                                             gpointer          object,
                                             const char       *property,
                                             const char       *expected);

char     *gcm_test_make_tmpdir      (const char *name);
GcmStore *gcm_test_store_with_bundled_manual (const char *dir);
void      gcm_test_store_finalize   (GcmStore   *store);
void      gcm_test_rm_rf            (const char *path);
void      gcm_test_make_keys        (const char *dir,
                                     char      **public_key,
                                     char      **secret_key);
gboolean  gcm_test_publish          (const char *source,
                                     const char *output,
                                     const char *secret_key,
                                     gint64      serial,
                                     char      **standard_error);
void      gcm_test_copy_tree        (const char *from,
                                     const char *to);

/* Running programs, files and databases */
int       gcm_test_run              (const char * const *argv,
                                     char              **standard_output,
                                     char              **standard_error);
int       gcm_test_publish_full     (const char *source,
                                     const char *output,
                                     const char *secret_key,
                                     gint64      serial,
                                     char      **standard_error);
void      gcm_test_sign             (const char *secret_key,
                                     const char *file,
                                     const char *signature,
                                     const char *trusted_comment,
                                     gboolean    legacy);
char     *gcm_test_read_file        (const char *path,
                                     gsize      *length);
void      gcm_test_write_file       (const char *path,
                                     const char *data,
                                     gssize      length);
void      gcm_test_edit_file        (const char *path,
                                     const char *find,
                                     const char *replace);
gboolean  gcm_test_dir_is_empty     (const char *path);
char     *gcm_test_sql_dump         (const char *db_path,
                                     const char *sql);
const char *gcm_test_sql_text       (const char *db_path,
                                     const char *sql);
gint64    gcm_test_sql_int          (const char *db_path,
                                     const char *sql);

/* Large feeds and a small disk */
char     *gcm_test_make_large_source (const char *dir,
                                      const char *name,
                                      guint       n_sections,
                                      const char *variant);
gboolean  gcm_test_enter_mount_namespace (void);
gboolean  gcm_test_mount_tmpfs      (const char *path,
                                     gsize       size);
void      gcm_test_umount           (const char *path);
guint64   gcm_test_free_space       (const char *path);
void      gcm_test_fill_disk        (const char *file,
                                     guint64     leave_free);

/* nginx on 127.0.0.1 with data/nginx/feed.conf */
guint     gcm_test_free_port        (void);
gboolean  gcm_test_port_answers     (guint       port);
GPid      gcm_test_start_nginx      (const char *dir,
                                     const char *root,
                                     const char *access_log,
                                     guint      *port);
void      gcm_test_stop_server      (GPid        pid);

G_END_DECLS
