/* gcm-search-query.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits that keep hostile input (a pasted page, a held-down key) cheap to search. */
#define GCM_SEARCH_QUERY_MAX_INPUT      4096 /* bytes of input looked at */
#define GCM_SEARCH_QUERY_MAX_WORDS      16   /* free-text words */
#define GCM_SEARCH_QUERY_MAX_FILTERS    8    /* of each typed filter */
#define GCM_SEARCH_QUERY_MAX_WORD_CHARS 64   /* longer words are cut and searched as prefixes */
#define GCM_SEARCH_QUERY_MIN_STEM_CHARS 4    /* shorter words are searched exactly only */

typedef struct _GcmSearchQuery GcmSearchQuery;

/**
 * GcmSearchQuery:
 * @text: the input as searched: valid UTF-8, NFC, at most %GCM_SEARCH_QUERY_MAX_INPUT bytes
 * @tokens: (array zero-terminated=1): every token kept, as typed (NFC)
 * @words: (array length=n_words): the free-text words, as typed (NFC)
 * @n_words: the number of @words
 * @word_token: (array length=n_words): for each word, its index in @tokens
 * @word_prefix: (array length=n_words): whether the word is searched as a prefix
 * @match: (nullable): the FTS5 MATCH expression for `item_fts`, or %NULL when the text has
 *   neither words nor code filters
 * @title_match: (nullable): @match with every word restricted to the title
 * @heading_match: (nullable): @match with every word restricted to the short columns (title,
 *   codes, keywords, headings)
 * @trigram_match: (nullable): the MATCH expression for the substring table `item_tri`; set only
 *   when there are words, every word has at least 3 characters and there is no code filter
 * @stem_match: (nullable): @match for the stemmed table `item_stem`, where English word forms
 *   meet (`labelling` finds `labelled`, `seized*` finds `seizure`); set only when some word has
 *   at least %GCM_SEARCH_QUERY_MIN_STEM_CHARS letters and no Hangul, since the stemmer leaves
 *   other words as they are and the exact query has found them already
 * @snippet_terms: (nullable): what a snippet marks, one phrase a line, a line ending in `*` for a
 *   prefix: the words, then the numbers of the code filters (`2903*` for `hs:2903`)
 * @kinds: (array zero-terminated=1): `kind:` filters; an item matches any of them
 * @conventions: (array zero-terminated=1): `convention:` filters; an item matches all of them
 * @codes: (array zero-terminated=1): `hs:`, `un:` and `cas:` filters, lower case (`hs:2903`)
 * @code_prefix: for each of @codes, whether it is searched as a prefix
 *
 * What the user typed, taken apart into an FTS5 expression and typed filters. Building it never
 * fails: input that is not UTF-8, quotes, stars, operators and parentheses all become quoted
 * phrases or are dropped, so the expression is always valid FTS5 syntax.
 */
struct _GcmSearchQuery
{
  char      *text;
  char     **tokens;
  char     **words;
  guint      n_words;
  guint     *word_token;
  gboolean  *word_prefix;
  char      *match;
  char      *title_match;
  char      *heading_match;
  char      *trigram_match;
  char      *stem_match;
  char      *snippet_terms;
  char     **kinds;
  char     **conventions;
  char     **codes;
  gboolean  *code_prefix;
};

GcmSearchQuery *gcm_search_query_parse          (const char           *text);
void            gcm_search_query_free           (GcmSearchQuery       *self);
gboolean        gcm_search_query_is_empty       (const GcmSearchQuery *self);
gboolean        gcm_search_query_has_filters    (const GcmSearchQuery *self);
char           *gcm_search_query_dup_match      (const GcmSearchQuery *self,
                                                 guint                 skip_words);
char           *gcm_search_query_dup_with_word  (const GcmSearchQuery *self,
                                                 guint                 word,
                                                 const char           *replacement);
char          **gcm_search_query_dup_terms      (const GcmSearchQuery *self);

char           *gcm_search_query_fold           (const char           *word);
char           *gcm_search_query_to_jamo        (const char           *text);
gboolean        gcm_search_query_has_hangul     (const char           *text);
gboolean        gcm_search_query_is_word        (const char           *text);
char           *gcm_search_query_dup_successor  (const char           *prefix);
guint           gcm_search_query_edit_distance  (const char           *a,
                                                 const char           *b,
                                                 guint                 max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmSearchQuery, gcm_search_query_free)

G_END_DECLS
