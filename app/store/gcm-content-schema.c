/* gcm-content-schema.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables of content.db. content.db is derived data: it can be rebuilt from the feed at any
 * time, so its schema is created whole rather than migrated step by step.
 */

#define G_LOG_DOMAIN "GcmContentSchema"

#include "config.h"

#include "gcm-content-schema.h"
#include "gcm-search.h"
#include "gcm-search-schema.h"
#include "gcm-store.h"

static const char content_schema_sql[] =
  "CREATE TABLE chapter ("
  "  id TEXT PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  ord INTEGER NOT NULL);"
  /* A chapter's title in the languages its pack was translated into. */
  "CREATE TABLE chapter_title ("
  "  chapter TEXT NOT NULL REFERENCES chapter (id) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  PRIMARY KEY (chapter, lang));"
  /* One row per item of the feed. The text columns are what search indexes; `json` is the
   * item object exactly as the feed delivered it. */
  "CREATE TABLE item ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"                 /* section, case, procedure, quiz */
  "  version INTEGER NOT NULL,"
  "  lang TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  chapter TEXT,"                       /* sections only */
  "  ord INTEGER NOT NULL DEFAULT 0,"
  "  title TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  other_titles TEXT NOT NULL DEFAULT '',"/* the translations' titles, one a line */
  "  conventions TEXT NOT NULL DEFAULT '',"/* space separated: basel cites … */
  "  codes TEXT NOT NULL DEFAULT '',"     /* hs:2903.41 hs:290341 un:1078 cas:75-45-6 */
  "  keywords TEXT NOT NULL DEFAULT '',"
  "  headings TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"      /* plain text; empty for quizzes */
  "  json TEXT NOT NULL,"
  /* What search reads as the title: every language's. */
  "  search_title TEXT GENERATED ALWAYS AS (title || char(10) || other_titles) VIRTUAL);"
  "CREATE INDEX item_kind ON item (kind, chapter, ord);"
  /* The title and summary of each translation, for lists and results in the reader's
   * language; the rest of a translation is read from `json`. Search indexes the translated
   * text beside the original in the item's own text columns. */
  "CREATE TABLE item_title ("
  "  item INTEGER NOT NULL REFERENCES item (rowid) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  stale INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (item, lang));"
  "CREATE TABLE media ("
  "  sha256 TEXT PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE item_media ("
  "  item INTEGER NOT NULL REFERENCES item (rowid) ON DELETE CASCADE,"
  "  path TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  PRIMARY KEY (item, path));"
  "CREATE TABLE item_tag ("
  "  item INTEGER NOT NULL REFERENCES item (rowid) ON DELETE CASCADE,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (item, tag));"
  "CREATE INDEX item_tag_tag ON item_tag (tag);"
  "CREATE TABLE feed_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  feed TEXT NOT NULL,"
  "  serial INTEGER NOT NULL,"
  "  highest_serial INTEGER NOT NULL,"
  "  manifest_sha256 TEXT NOT NULL,"
  "  generated INTEGER NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  applied_at INTEGER NOT NULL,"
  "  origin TEXT NOT NULL);"
  GCM_CHANGE_LOG_SQL;

void
gcm_sqlite_set_error (GError     **error,
                      sqlite3     *db,
                      const char  *what)
{
  int code = sqlite3_extended_errcode (db);
  int kind = GCM_STORE_ERROR_FAILED;

  if ((code & 0xff) == SQLITE_FULL)
    kind = GCM_STORE_ERROR_DISK_FULL;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    kind = GCM_STORE_ERROR_CORRUPT;
  else if ((code & 0xff) == SQLITE_INTERRUPT)
    kind = GCM_STORE_ERROR_CANCELLED;

  g_set_error (error, GCM_STORE_ERROR, kind, "%s: %s", what, sqlite3_errmsg (db));
}

gboolean
gcm_sqlite_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "SQL");
      return FALSE;
    }
  return TRUE;
}

gboolean
gcm_content_schema_create (sqlite3  *db,
                           GError  **error)
{
  g_autofree char *pragma = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!gcm_sqlite_exec (db, content_schema_sql, error))
    return FALSE;
  if (!gcm_search_install_schema (db, error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d;", GCM_CONTENT_SCHEMA_VERSION);
  return gcm_sqlite_exec (db, pragma, error);
}
