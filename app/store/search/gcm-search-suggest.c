/* gcm-search-suggest.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What to search instead when a query found nothing: a half-typed Hangul syllable completed
 * from the jamo index (`발자` → `발작`), or misspelt words corrected from the vocabulary within
 * a bounded edit distance (`ivroy` → `ivory`).
 */

#define G_LOG_DOMAIN "GcmSearch"

#include "gcm-search-private.h"

#include <string.h>

#define SCAN_LIMIT 20000 /* suggestion candidates read at most */

static char *
dup_chars (const char *s,
           glong       n_chars)
{
  const char *end = s;

  for (glong i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

typedef struct
{
  char  *text;
  guint  distance;
  gint64 doc;
} Candidate;

/* Better: nearer, then in more items, then shorter, then first in order. */
static gboolean
candidate_is_better (const char *text,
                     guint       distance,
                     gint64      doc,
                     const Candidate *best)
{
  if (best->text == NULL)
    return TRUE;
  if (distance != best->distance)
    return distance < best->distance;
  if (doc != best->doc)
    return doc > best->doc;
  if (strlen (text) != strlen (best->text))
    return strlen (text) < strlen (best->text);
  return strcmp (text, best->text) < 0;
}

/* Sums document counts per candidate text (Hangul stems are shared by many eojeol terms). */
static void
pick_best (GHashTable *docs,
           GHashTable *distances,
           Candidate  *best)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint distance = GPOINTER_TO_UINT (g_hash_table_lookup (distances, key));
      gint64 doc = *(gint64 *) value;

      if (candidate_is_better (key, distance, doc, best))
        {
          g_free (best->text);
          best->text = g_strdup (key);
          best->distance = distance;
          best->doc = doc;
        }
    }
}

static void
add_candidate (GHashTable *docs,
               GHashTable *distances,
               const char *text,
               guint       distance,
               gint64      doc)
{
  gint64 *sum = g_hash_table_lookup (docs, text);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (docs, g_strdup (text), sum);
      g_hash_table_insert (distances, g_strdup (text), GUINT_TO_POINTER (distance));
    }
  else if (distance < GPOINTER_TO_UINT (g_hash_table_lookup (distances, text)))
    g_hash_table_insert (distances, g_strdup (text), GUINT_TO_POINTER (distance));
  *sum += doc;
}

/* `발자` is on the way to `발작`: every term whose jamo starts with the word's jamo continues
 * it. Suggest the continuation, as many syllables long as the word, found in most items. */
char *
_gcm_search_suggest_completion (GcmSearch             *self,
                                const GcmSearchQuery  *query,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr(GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) distances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = NULL;
  g_autofree char *jamo = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *completed = NULL;
  Candidate best = { 0 };
  sqlite3_stmt *stmt;
  guint last;
  glong n_chars;
  int rc;

  if (query->n_words == 0)
    return NULL;
  last = query->n_words - 1;
  if (!query->word_prefix[last] || !gcm_search_query_has_hangul (query->words[last]))
    return NULL;

  folded = gcm_search_query_fold (query->words[last]);
  jamo = gcm_search_query_to_jamo (folded);
  upper = gcm_search_query_dup_successor (jamo);
  n_chars = g_utf8_strlen (folded, -1);

  stmt = _gcm_search_prepare (self, "SELECT term, doc FROM search_term"
                                    " WHERE jamo >= ?1 AND jamo < ?2 AND jamo IS NOT NULL"
                                    " LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, jamo, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *stem = dup_chars ((const char *) sqlite3_column_text (stmt, 0), n_chars);

      if (strcmp (stem, folded) != 0)
        add_candidate (docs, distances, stem, 0, sqlite3_column_int64 (stmt, 1));
    }
  _gcm_search_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _gcm_search_set_error (self, cancellable, error, "Completing a word");
      return NULL;
    }

  pick_best (docs, distances, &best);
  if (best.text == NULL)
    return NULL;
  completed = g_steal_pointer (&best.text);
  g_debug ("Completed “%s” to “%s”", query->words[last], completed);
  return gcm_search_query_dup_with_word (query, last, completed);
}

static gboolean
term_exists (GcmSearch     *self,
             const char    *folded,
             gboolean       prefix,
             GCancellable  *cancellable,
             gboolean      *exists,
             GError       **error)
{
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (prefix)
    {
      upper = gcm_search_query_dup_successor (folded);
      stmt = _gcm_search_prepare (self, "SELECT 1 FROM item_vocab"
                                        " WHERE term >= ?1 AND term < ?2 LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = _gcm_search_prepare (self, "SELECT 1 FROM item_vocab WHERE term = ?1", error);
      if (stmt == NULL)
        return FALSE;
    }
  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  _gcm_search_finish (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _gcm_search_set_error (self, cancellable, error, "Looking up a word");
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The nearest vocabulary term within a bounded edit distance: 1 for words of 3–5 characters,
 * 2 for longer ones, among the terms with the same first letter. Hangul is compared by jamo,
 * so one wrong keystroke (`세곤`/`세관`) costs 1, and against the term's first syllables,
 * because Korean terms carry their particles. A word still being typed (a prefix) is compared
 * with the start of longer terms too. */
static char *
correct_word (GcmSearch     *self,
              const char    *folded,
              gboolean       prefix,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) distances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean hangul = gcm_search_query_has_hangul (folded);
  g_autofree char *jamo = hangul ? gcm_search_query_to_jamo (folded) : g_strdup (folded);
  glong n_chars = g_utf8_strlen (folded, -1);
  glong n_jamo = g_utf8_strlen (jamo, -1);
  guint max = n_jamo <= 5 ? 1 : 2;
  g_autofree char *first = NULL;
  g_autofree char *upper = NULL;
  Candidate best = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  /* Prune by the first letter (the leading consonant in Hangul): it is rarely the slip, and
   * the other candidates would cost a scan of the whole vocabulary on every keystroke. */
  first = dup_chars (jamo, 1);
  upper = gcm_search_query_dup_successor (first);

  if (hangul)
    {
      stmt = _gcm_search_prepare (self, "SELECT term, jamo, doc FROM search_term"
                                        " WHERE jamo >= ?1 AND jamo < ?2 AND jamo IS NOT NULL"
                                        " LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = _gcm_search_prepare (self, "SELECT term, term, doc FROM search_term"
                                        " WHERE term >= ?1 AND term < ?2 AND len >= ?3"
                                        " AND len <= ?4 AND jamo IS NULL"
                                        " LIMIT " G_STRINGIFY (SCAN_LIMIT), error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, MAX (n_jamo - (glong) max, 1));
      sqlite3_bind_int64 (stmt, 4, prefix ? G_MAXINT : n_jamo + max);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *term = (const char *) sqlite3_column_text (stmt, 0);
      gint64 doc = sqlite3_column_int64 (stmt, 2);

      if (hangul)
        {
          g_autofree char *stem = dup_chars (term, n_chars);
          g_autofree char *stem_jamo = gcm_search_query_to_jamo (stem);
          guint d = gcm_search_query_edit_distance (jamo, stem_jamo, max);

          if (d > 0 && d <= max)
            add_candidate (docs, distances, stem, d, doc);
        }
      else
        {
          guint d = gcm_search_query_edit_distance (jamo, term, max);

          if (prefix && d > max && g_utf8_strlen (term, -1) > n_chars)
            {
              g_autofree char *start = dup_chars (term, n_chars);

              d = gcm_search_query_edit_distance (jamo, start, max);
            }
          if (d > 0 && d <= max)
            add_candidate (docs, distances, term, d, doc);
        }
    }
  _gcm_search_finish (stmt);
  if (rc != SQLITE_DONE)
    {
      _gcm_search_set_error (self, cancellable, error, "Correcting a word");
      return NULL;
    }

  pick_best (docs, distances, &best);
  return best.text;
}

/* "Did you mean": each word of 3+ letters (2+ Hangul syllables) that is not in the index is
 * replaced by its nearest term. */
char *
_gcm_search_suggest_correction (GcmSearch             *self,
                                const GcmSearchQuery  *query,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) replacements = g_ptr_array_new_full (query->n_words, g_free);
  gboolean changed = FALSE;

  g_ptr_array_set_size (replacements, query->n_words);

  for (guint i = 0; i < query->n_words; i++)
    {
      g_autofree char *folded = gcm_search_query_fold (query->words[i]);
      gboolean hangul = gcm_search_query_has_hangul (folded);
      glong n = g_utf8_strlen (folded, -1);
      gboolean letters = TRUE;
      gboolean exists = FALSE;
      char *replacement;

      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        letters = letters && g_unichar_isalpha (g_utf8_get_char (p));
      if (!letters || n < (hangul ? 2 : 3))
        continue;

      if (!term_exists (self, folded, query->word_prefix[i], cancellable, &exists, error))
        return NULL;
      if (exists)
        continue;

      replacement = correct_word (self, folded, query->word_prefix[i], cancellable, error);
      if (*error != NULL)
        return NULL;
      changed = changed || replacement != NULL;
      g_ptr_array_index (replacements, i) = replacement;
    }

  if (!changed)
    return NULL;

  for (guint t = 0; query->tokens[t] != NULL; t++)
    {
      const char *token = query->tokens[t];

      for (guint i = 0; i < query->n_words; i++)
        if (query->word_token[i] == t && g_ptr_array_index (replacements, i) != NULL)
          token = g_ptr_array_index (replacements, i);
      if (t > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, token);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
