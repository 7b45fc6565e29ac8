/* gcm-search-schema.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search tables of content.db (DESIGN.md §7) and the suggestion table derived from them.
 * Runs on whatever connection creates or imports content.db, never on GcmSearch's own.
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search-schema.h"
#include "gcm-store-private.h"

#include "gcm-content-schema.h"
#include "gcm-search-query.h"
#include "gcm-sqlite.h"

/* What the triggers below write into the three indexes for a row of `item`: its new values,
 * and the 'delete' command FTS5 needs with the old ones. An update does both. */
#define INDEX_NEW_ROW \
  "  INSERT INTO item_fts (rowid, search_title, codes, keywords, headings, body)" \
  "    VALUES (new.rowid, new.search_title, new.codes, new.keywords, new.headings, new.body);" \
  "  INSERT INTO item_stem (rowid, search_title, codes, keywords, headings, body)" \
  "    VALUES (new.rowid, new.search_title, new.codes, new.keywords, new.headings, new.body);" \
  "  INSERT INTO item_tri (rowid, search_title, keywords, headings, body)" \
  "    VALUES (new.rowid, new.search_title, new.keywords, new.headings, new.body);"

#define UNINDEX_OLD_ROW \
  "  INSERT INTO item_fts (item_fts, rowid, search_title, codes, keywords, headings, body)" \
  "    VALUES ('delete', old.rowid, old.search_title, old.codes, old.keywords, old.headings, old.body);" \
  "  INSERT INTO item_stem (item_stem, rowid, search_title, codes, keywords, headings, body)" \
  "    VALUES ('delete', old.rowid, old.search_title, old.codes, old.keywords, old.headings, old.body);" \
  "  INSERT INTO item_tri (item_tri, rowid, search_title, keywords, headings, body)" \
  "    VALUES ('delete', old.rowid, old.search_title, old.keywords, old.headings, old.body);"

static const char schema_sql[] =
  /* Words. External content: the text lives once, in `item`. */
  "CREATE VIRTUAL TABLE item_fts USING fts5 ("
  "  search_title, codes, keywords, headings, body,"
  "  content='item', content_rowid='rowid',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
  "INSERT INTO item_fts (item_fts, rank) VALUES ('rank', 'bm25(10.0, 8.0, 6.0, 5.0, 1.0)');"
  /* The same columns stemmed, where English word forms meet (labelled, labelling; seized*,
   * seizure). A table of its own, searched after item_fts, so exact matches rank first and
   * the vocabulary the suggestions come from stays made of real words. The prefix indexes
   * serve the short words typed beside a long one (`ivory c`), which are prefixes too. */
  "CREATE VIRTUAL TABLE item_stem USING fts5 ("
  "  search_title, codes, keywords, headings, body,"
  "  content='item', content_rowid='rowid',"
  "  tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3');"
  "INSERT INTO item_stem (item_stem, rank) VALUES ('rank', 'bm25(10.0, 8.0, 6.0, 5.0, 1.0)');"
  /* Substrings of 3+ characters (`pilep` in epilepticus, `급처치` in 응급처치). Never query
   * it with LIKE or GLOB: 3.40 returns no rows for short non-ASCII patterns. */
  "CREATE VIRTUAL TABLE item_tri USING fts5 ("
  "  search_title, keywords, headings, body,"
  "  content='item', content_rowid='rowid', tokenize='trigram');"
  "INSERT INTO item_tri (item_tri, rank) VALUES ('rank', 'bm25(10.0, 6.0, 5.0, 1.0)');"
  /* The index's vocabulary, always in step with it. */
  "CREATE VIRTUAL TABLE item_vocab USING fts5vocab (item_fts, 'row');"
  /* Derived from item_vocab by gcm_search_refresh(): the terms that can be suggested, with
   * the NFD jamo of Hangul terms so a half-typed syllable is a prefix of its word. */
  "CREATE TABLE search_term ("
  "  term TEXT PRIMARY KEY,"
  "  jamo TEXT,"                /* NULL unless the term has Hangul */
  "  len INTEGER NOT NULL,"     /* characters of jamo, or of term */
  "  doc INTEGER NOT NULL"      /* items that hold it */
  ") WITHOUT ROWID;"
  "CREATE INDEX search_term_jamo ON search_term (jamo) WHERE jamo IS NOT NULL;"
  /* The trigger trio from the FTS5 documentation; 'delete' needs the old values. */
  "CREATE TRIGGER item_search_insert AFTER INSERT ON item BEGIN"
  INDEX_NEW_ROW
  "END;"
  "CREATE TRIGGER item_search_delete AFTER DELETE ON item BEGIN"
  UNINDEX_OLD_ROW
  "END;"
  "CREATE TRIGGER item_search_update"
  "  AFTER UPDATE OF rowid, title, other_titles, codes, keywords, headings, body ON item BEGIN"
  UNINDEX_OLD_ROW
  INDEX_NEW_ROW
  "END;";

/* Only words with a letter are worth suggesting; numbers are typed, not misspelt. */
static gboolean
is_suggestible (const char *term)
{
  gboolean has_letter = FALSE;
  guint n = 0;

  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p), n++)
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      has_letter = TRUE;
  return has_letter && n >= 2;
}

/**
 * gcm_search_install_schema:
 * @db: a connection to content.db, inside the transaction that creates the `item` table
 *
 * Creates the search tables over `item`: `item_fts` (words), `item_stem` (stemmed words),
 * `item_tri` (substrings), `item_vocab` (the vocabulary), `search_term` (suggestions) and the
 * triggers that keep the indexes in step with `item`.
 *
 * Returns: %TRUE on success
 */
gboolean
gcm_search_install_schema (sqlite3  *db,
                           GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gcm_sqlite_exec (db, schema_sql, error);
}

/**
 * gcm_search_refresh:
 * @db: a connection to content.db, inside the transaction that changed items
 *
 * Rebuilds the suggestion table from the index's vocabulary. Call it after items were
 * inserted, updated or deleted; the indexes themselves follow `item` through triggers.
 *
 * Returns: %TRUE on success
 */
gboolean
gcm_search_refresh (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gcm_sqlite_exec (db, "DELETE FROM search_term;", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT term, doc FROM item_vocab", -1, &read, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO search_term (term, jamo, len, doc)"
                              " VALUES (?1, ?2, ?3, ?4)", -1, &write, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, db, "Refreshing search suggestions");
      return FALSE;
    }

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (read, 0);
      g_autofree char *jamo = NULL;

      if (term == NULL || !g_utf8_validate (term, -1, NULL) || !is_suggestible (term))
        continue;

      if (gcm_search_query_has_hangul (term))
        {
          jamo = gcm_search_query_to_jamo (term);
          sqlite3_bind_text (write, 2, jamo, -1, SQLITE_STATIC);
        }
      else
        sqlite3_bind_null (write, 2);
      sqlite3_bind_text (write, 1, term, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (write, 3, g_utf8_strlen (jamo != NULL ? jamo : term, -1));
      sqlite3_bind_int64 (write, 4, sqlite3_column_int64 (read, 1));

      if (sqlite3_step (write) != SQLITE_DONE)
        {
          gcm_sqlite_set_error (error, db, "Refreshing search suggestions");
          return FALSE;
        }
      sqlite3_reset (write);
    }
  if (rc != SQLITE_DONE)
    {
      gcm_sqlite_set_error (error, db, "Reading the search vocabulary");
      return FALSE;
    }
  return TRUE;
}
