/* gcm-search-query.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns what an officer typed into an FTS5 MATCH expression and typed filters. Pure functions:
 * no SQLite, no I/O, so every rule here is tested by table.
 *
 * Rules (DESIGN.md §7):
 *  - the input is made valid UTF-8, cut to a sane length and NFC-normalised;
 *  - tokens are split on white space; `hs:`, `un:`, `cas:` become phrases on the `codes` column,
 *    `kind:` and `convention:` become filters on the item row;
 *  - every other token is a word, quoted with its quotes doubled, so that `"`, `*`, `-`, `AND`,
 *    `NEAR(` or `(` are only ever text; a word that holds no letter or digit is dropped, because
 *    FTS5 turns it into an empty phrase that matches nothing and would empty the whole AND;
 *  - the last token is a prefix (`"ivor"*`): the officer is still typing it; so is every word
 *    with Hangul in it, because Korean particles are suffixes (`증거` must find `증거물을`);
 *  - the same expression goes to the stemmed table when an English word of 4+ letters could
 *    have other forms; shorter words have few, so the stemmed search would find nothing new.
 */

#define G_LOG_DOMAIN "GcmSearchQuery"

#include "gcm-search-query.h"

#include <string.h>

#include "gcm-convention.h"
#include "gcm-item-kind.h"

typedef enum
{
  FILTER_NONE,
  FILTER_CODE,
  FILTER_KIND,
  FILTER_CONVENTION,
} FilterType;

/* Besides the code families of the kind registry (`hs:`, `un:`, `cas:`). */
static const struct
{
  const char *key;
  FilterType  type;
} filter_keys[] = {
  { "kind", FILTER_KIND },
  { "convention", FILTER_CONVENTION },
};

/* Hangul syllables (Unicode §3.12). */
#define HANGUL_S_BASE  0xAC00
#define HANGUL_L_BASE  0x1100
#define HANGUL_V_BASE  0x1161
#define HANGUL_T_BASE  0x11A7
#define HANGUL_T_COUNT 28
#define HANGUL_N_COUNT 588
#define HANGUL_S_COUNT 11172

/* ------------------------------------------------------------------------------------------ */
/* Character classes                                                                          */

/* The characters unicode61 keeps inside a token: categories L*, N* and Co. */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CONTROL;
}

static gboolean
is_hangul (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3)    /* syllables */
         || (c >= 0x1100 && c <= 0x11FF) /* conjoining jamo */
         || (c >= 0x3130 && c <= 0x318F) /* compatibility jamo, shown while composing */
         || (c >= 0xA960 && c <= 0xA97F)
         || (c >= 0xD7B0 && c <= 0xD7FF);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static char *
dup_utf8_prefix (const char *s,
                 glong       n_chars)
{
  const char *end = s;

  for (glong i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

/* `kind:ca` while typing means `kind:case`: expand a prefix that names exactly one value. */
static char *
expand_value (const char         *value,
              const char * const *known)
{
  const char *found = NULL;
  gsize len = strlen (value);

  for (guint i = 0; known[i] != NULL; i++)
    {
      if (strcmp (known[i], value) == 0)
        return g_strdup (value);
      if (strncmp (known[i], value, len) == 0)
        {
          if (found != NULL)
            return g_strdup (value);
          found = known[i];
        }
    }
  return g_strdup (found != NULL ? found : value);
}

static FilterType
split_filter (const char  *token,
              char       **value)
{
  const char *colon = strchr (token, ':');

  *value = NULL;
  if (colon == NULL || colon == token)
    return FILTER_NONE;

  if (gcm_code_family_from_string (token, colon - token, NULL))
    {
      *value = g_utf8_strdown (colon + 1, -1);
      return FILTER_CODE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (filter_keys); i++)
    {
      gsize len = strlen (filter_keys[i].key);

      if ((gsize) (colon - token) == len && g_ascii_strncasecmp (token, filter_keys[i].key, len) == 0)
        {
          *value = g_utf8_strdown (colon + 1, -1);
          return filter_keys[i].type;
        }
    }
  return FILTER_NONE;
}

static void
add_unique (GPtrArray  *array,
            char       *value)
{
  for (guint i = 0; i < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), value) == 0)
      {
        g_free (value);
        return;
      }
  g_ptr_array_add (array, value);
}

static char **
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

static void
append_quoted (GString    *out,
               const char *word,
               gboolean    prefix)
{
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  if (prefix)
    g_string_append_c (out, '*');
}

/* Words restricted to @columns (a column filter with its colon), then the code filters. */
static char *
build_match (const GcmSearchQuery *self,
             guint                 skip_words,
             const char           *columns)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->n_words; i++)
    {
      if (i < 32 && (skip_words & (1u << i)) != 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (columns != NULL)
        g_string_append (out, columns);
      append_quoted (out, self->words[i], self->word_prefix[i]);
    }
  for (guint i = 0; self->codes[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, "codes : ");
      append_quoted (out, self->codes[i], self->code_prefix[i]);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
build_trigram_match (const GcmSearchQuery *self)
{
  g_autoptr(GString) out = NULL;

  if (self->n_words == 0 || self->codes[0] != NULL)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < self->n_words; i++)
    {
      /* The trigram tokenizer matches nothing for fewer than 3 characters. */
      if (g_utf8_strlen (self->words[i], -1) < 3)
        return NULL;
      if (i > 0)
        g_string_append_c (out, ' ');
      append_quoted (out, self->words[i], FALSE);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Worth a stemmed search: a Latin word long enough for the stemmer to change anything. */
static gboolean
is_stemmable (const char *word)
{
  glong n = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_hangul (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        n++;
    }
  return n >= GCM_SEARCH_QUERY_MIN_STEM_CHARS;
}

static char *
build_stem_match (const GcmSearchQuery *self)
{
  for (guint i = 0; i < self->n_words; i++)
    if (is_stemmable (self->words[i]))
      return gcm_search_query_dup_match (self, 0);
  return NULL;
}

/* One phrase a line; `*` is a separator to the tokenizer, so it can only mean a prefix. */
static void
append_snippet_term (GString    *out,
                     const char *term,
                     gboolean    prefix)
{
  for (const char *p = term; *p != '\0'; p++)
    g_string_append_c (out, *p == '*' || *p == '\n' ? ' ' : *p);
  if (prefix)
    g_string_append_c (out, '*');
  g_string_append_c (out, '\n');
}

static char *
build_snippet_terms (const GcmSearchQuery *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->n_words; i++)
    append_snippet_term (out, self->words[i], self->word_prefix[i]);
  for (guint i = 0; self->codes[i] != NULL; i++)
    {
      const char *value = strchr (self->codes[i], ':') + 1;

      append_snippet_term (out, value, self->code_prefix[i]);
      /* Texts write HS subheadings dotted: hs:290314 is marked where it says 2903.14. */
      if (g_str_has_prefix (self->codes[i], "hs:") && strlen (value) > 4 &&
          strspn (value, "0123456789") == strlen (value))
        {
          g_autofree char *dotted = g_strdup_printf ("%.4s.%s", value, value + 4);

          append_snippet_term (out, dotted, self->code_prefix[i]);
        }
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
normalize_input (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  gsize len;

  if (text == NULL)
    return g_strdup ("");

  len = strnlen (text, GCM_SEARCH_QUERY_MAX_INPUT);
  /* Cut on a character boundary when the cut lands inside a valid sequence. */
  if (len == GCM_SEARCH_QUERY_MAX_INPUT && text[len] != '\0')
    {
      while (len > 0 && ((guchar) text[len] & 0xC0) == 0x80)
        len--;
    }

  valid = g_utf8_make_valid (text, len);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_strdup ("");
  return g_strdup (g_strstrip (nfc));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * gcm_search_query_parse:
 * @text: (nullable): what the user typed, in any encoding state
 *
 * Returns: (transfer full): the parsed query; never %NULL
 */
GcmSearchQuery *
gcm_search_query_parse (const char *text)
{
  g_autoptr(GcmSearchQuery) self = g_new0 (GcmSearchQuery, 1);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conventions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) word_token = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) word_prefix = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) code_prefix = g_array_new (FALSE, FALSE, sizeof (gboolean));
  const char *p;
  /* What the last kept token was, to make it a prefix. */
  enum { LAST_NONE, LAST_WORD, LAST_CODE } last = LAST_NONE;

  self->text = normalize_input (text);

  p = self->text;
  while (*p != '\0')
    {
      const char *start;
      g_autofree char *token = NULL;
      g_autofree char *value = NULL;
      FilterType type;

      while (*p != '\0' && is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      token = g_strndup (start, p - start);

      type = split_filter (token, &value);
      switch (type)
        {
        case FILTER_CODE:
          /* `hs:` alone is a filter still being typed: it restricts nothing yet. */
          if (!gcm_search_query_is_word (value) || codes->len >= GCM_SEARCH_QUERY_MAX_FILTERS)
            continue;
          {
            g_autofree char *key = g_ascii_strdown (token, strchr (token, ':') - token);
            GcmCodeFamily family = GCM_CODE_FAMILY_HS;
            gboolean prefix;

            gcm_code_family_from_string (key, -1, &family);
            /* An HS heading stands for all its subheadings: `hs:2903` finds hs:2903.41. */
            prefix = gcm_code_family_is_hierarchical (family);
            g_ptr_array_add (codes, g_strconcat (key, ":", value, NULL));
            g_array_append_val (code_prefix, prefix);
            last = LAST_CODE;
          }
          break;

        case FILTER_KIND:
        case FILTER_CONVENTION:
          {
            GPtrArray *array = type == FILTER_KIND ? kinds : conventions;
            const char * const *known = type == FILTER_KIND ? gcm_item_kind_get_names ()
                                                            : gcm_convention_get_names ();

            if (value[0] == '\0' || array->len >= GCM_SEARCH_QUERY_MAX_FILTERS)
              continue;
            add_unique (array, expand_value (value, known));
            last = LAST_NONE;
          }
          break;

        case FILTER_NONE:
        default:
          if (!gcm_search_query_is_word (token) || words->len >= GCM_SEARCH_QUERY_MAX_WORDS)
            continue;
          {
            gboolean prefix = gcm_search_query_has_hangul (token);
            guint index = tokens->len;

            if (g_utf8_strlen (token, -1) > GCM_SEARCH_QUERY_MAX_WORD_CHARS)
              {
                char *cut = dup_utf8_prefix (token, GCM_SEARCH_QUERY_MAX_WORD_CHARS);

                g_free (token);
                token = cut;
                prefix = TRUE;
              }
            g_ptr_array_add (words, g_strdup (token));
            g_array_append_val (word_token, index);
            g_array_append_val (word_prefix, prefix);
            last = LAST_WORD;
          }
          break;
        }

      g_ptr_array_add (tokens, g_steal_pointer (&token));
    }

  if (last == LAST_WORD)
    g_array_index (word_prefix, gboolean, word_prefix->len - 1) = TRUE;
  else if (last == LAST_CODE)
    g_array_index (code_prefix, gboolean, code_prefix->len - 1) = TRUE;

  self->n_words = words->len;
  self->tokens = steal_strv (g_steal_pointer (&tokens));
  self->words = steal_strv (g_steal_pointer (&words));
  self->kinds = steal_strv (g_steal_pointer (&kinds));
  self->conventions = steal_strv (g_steal_pointer (&conventions));
  self->codes = steal_strv (g_steal_pointer (&codes));
  self->word_token = (guint *) (void *) g_array_free (g_steal_pointer (&word_token), FALSE);
  self->word_prefix = (gboolean *) (void *) g_array_free (g_steal_pointer (&word_prefix), FALSE);
  self->code_prefix = (gboolean *) (void *) g_array_free (g_steal_pointer (&code_prefix), FALSE);
  self->match = gcm_search_query_dup_match (self, 0);
  self->title_match = build_match (self, 0, "search_title : ");
  self->heading_match = build_match (self, 0, "{search_title codes keywords headings} : ");
  self->trigram_match = build_trigram_match (self);
  self->stem_match = build_stem_match (self);
  self->snippet_terms = build_snippet_terms (self);

  return g_steal_pointer (&self);
}

void
gcm_search_query_free (GcmSearchQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_strfreev (self->tokens);
  g_strfreev (self->words);
  g_free (self->word_token);
  g_free (self->word_prefix);
  g_free (self->match);
  g_free (self->title_match);
  g_free (self->heading_match);
  g_free (self->trigram_match);
  g_free (self->stem_match);
  g_free (self->snippet_terms);
  g_strfreev (self->kinds);
  g_strfreev (self->conventions);
  g_strfreev (self->codes);
  g_free (self->code_prefix);
  g_free (self);
}

/**
 * gcm_search_query_is_empty:
 *
 * Returns: %TRUE when the query restricts nothing: no words and no filters
 */
gboolean
gcm_search_query_is_empty (const GcmSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->match == NULL && !gcm_search_query_has_filters (self);
}

/**
 * gcm_search_query_has_filters:
 *
 * Returns: %TRUE when there is a `kind:` or `convention:` filter, which apply to the item row
 */
gboolean
gcm_search_query_has_filters (const GcmSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kinds[0] != NULL || self->conventions[0] != NULL;
}

/**
 * gcm_search_query_dup_match:
 * @skip_words: a bit mask of words to leave out (bit `i` for word `i`)
 *
 * Builds the FTS5 expression for `item_fts`: the words ANDed, then `codes : "hs:2903"*`
 * for each code filter.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when nothing is left
 */
char *
gcm_search_query_dup_match (const GcmSearchQuery *self,
                            guint                 skip_words)
{
  g_return_val_if_fail (self != NULL, NULL);

  return build_match (self, skip_words, NULL);
}

/**
 * gcm_search_query_dup_with_word:
 * @word: the index of a word
 * @replacement: the text to put in its place
 *
 * Builds the text a suggestion offers: the tokens as typed, with one word replaced.
 *
 * Returns: (transfer full): the new query text
 */
char *
gcm_search_query_dup_with_word (const GcmSearchQuery *self,
                                guint                 word,
                                const char           *replacement)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (word < self->n_words, NULL);
  g_return_val_if_fail (replacement != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; self->tokens[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, i == self->word_token[word] ? replacement : self->tokens[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * gcm_search_query_dup_terms:
 *
 * The terms a page highlights once it is opened from a result: the words as typed and the
 * numbers of code filters (`hs:2903` highlights `2903`).
 *
 * Returns: (transfer full) (array zero-terminated=1): the terms
 */
char **
gcm_search_query_dup_terms (const GcmSearchQuery *self)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_words; i++)
    add_unique (terms, g_strdup (self->words[i]));
  for (guint i = 0; self->codes[i] != NULL; i++)
    add_unique (terms, g_strdup (strchr (self->codes[i], ':') + 1));
  return steal_strv (g_steal_pointer (&terms));
}

/**
 * gcm_search_query_fold:
 * @word: valid UTF-8
 *
 * Folds a word the way the unicode61 tokenizer with `remove_diacritics 2` does, so it can be
 * compared with the terms of the index: lower case, Latin diacritics removed, Hangul intact.
 *
 * Returns: (transfer full): the folded word
 */
char *
gcm_search_query_fold (const char *word)
{
  g_autofree char *nfd = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (word != NULL, NULL);

  nfd = g_utf8_normalize (word, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_utf8_strdown (word, -1);

  bare = g_string_new (NULL);
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  /* NFC puts decomposed Hangul back together. */
  nfc = g_utf8_normalize (bare->str, -1, G_NORMALIZE_NFC);
  return g_utf8_strdown (nfc != NULL ? nfc : bare->str, -1);
}

/**
 * gcm_search_query_to_jamo:
 * @text: valid UTF-8
 *
 * Decomposes Hangul syllables into conjoining jamo (their NFD) and maps the compatibility jamo an
 * input method shows while a syllable is composed (`ㅈ`) to leading consonants, leaving all
 * other characters alone. `발자` becomes a prefix of `발작`'s jamo.
 *
 * Returns: (transfer full): the decomposed text
 */
char *
gcm_search_query_to_jamo (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) * 2);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= HANGUL_S_BASE && c < HANGUL_S_BASE + HANGUL_S_COUNT)
        {
          guint s = c - HANGUL_S_BASE;
          guint t = s % HANGUL_T_COUNT;

          g_string_append_unichar (out, HANGUL_L_BASE + s / HANGUL_N_COUNT);
          g_string_append_unichar (out, HANGUL_V_BASE + (s % HANGUL_N_COUNT) / HANGUL_T_COUNT);
          if (t != 0)
            g_string_append_unichar (out, HANGUL_T_BASE + t);
        }
      else if (c >= 0x3131 && c <= 0x318E)
        {
          char buf[8] = { 0 };
          g_autofree char *nfkd = NULL;

          g_unichar_to_utf8 (c, buf);
          nfkd = g_utf8_normalize (buf, -1, G_NORMALIZE_NFKD);
          g_string_append (out, nfkd != NULL ? nfkd : buf);
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
gcm_search_query_has_hangul (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hangul (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * gcm_search_query_is_word:
 * @text: valid UTF-8
 *
 * Returns: %TRUE when @text holds at least one character the index keeps (a letter or a digit)
 */
gboolean
gcm_search_query_is_word (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_token_char (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * gcm_search_query_dup_successor:
 * @prefix: a non-empty UTF-8 string
 *
 * The smallest string greater than every string that starts with @prefix, in SQLite's binary
 * order (which for UTF-8 is code point order). `term >= prefix AND term < successor` is then a
 * prefix range an index can answer.
 *
 * Returns: (transfer full): the successor
 */
char *
gcm_search_query_dup_successor (const char *prefix)
{
  const char *last;
  gunichar c;
  GString *out;

  g_return_val_if_fail (prefix != NULL && *prefix != '\0', NULL);

  last = g_utf8_find_prev_char (prefix, prefix + strlen (prefix));
  c = g_utf8_get_char (last) + 1;
  if (c >= 0xD800 && c <= 0xDFFF)
    c = 0xE000;

  out = g_string_new_len (prefix, last - prefix);
  if (c > 0x10FFFF)
    g_string_append (out, "\xf4\x90\x80\x80"); /* past every code point, bytewise */
  else
    g_string_append_unichar (out, c);
  return g_string_free (out, FALSE);
}

/**
 * gcm_search_query_edit_distance:
 * @a: valid UTF-8
 * @b: valid UTF-8
 * @max: the largest distance of interest
 *
 * The optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions) in
 * characters, so `ivroy`/`ivory` costs 1. Pass jamo to compare Hangul by keystroke.
 *
 * Returns: the distance, or `max + 1` when it is larger than @max
 */
guint
gcm_search_query_edit_distance (const char *a,
                                const char *b,
                                guint       max)
{
  g_autofree gunichar *ua = NULL;
  g_autofree gunichar *ub = NULL;
  g_autofree guint *rows = NULL;
  glong la, lb;
  guint *prev2, *prev, *cur;
  guint result;

  g_return_val_if_fail (a != NULL && b != NULL, max + 1);

  ua = g_utf8_to_ucs4_fast (a, -1, &la);
  ub = g_utf8_to_ucs4_fast (b, -1, &lb);
  if ((guint) ABS (la - lb) > max)
    return max + 1;

  rows = g_new (guint, 3 * (lb + 1));
  prev2 = rows;
  prev = rows + (lb + 1);
  cur = rows + 2 * (lb + 1);

  for (glong j = 0; j <= lb; j++)
    prev[j] = j;

  for (glong i = 1; i <= la; i++)
    {
      guint row_min;
      guint *tmp;

      cur[0] = i;
      row_min = cur[0];
      for (glong j = 1; j <= lb; j++)
        {
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
          guint v = MIN (prev[j] + 1, cur[j - 1] + 1);

          v = MIN (v, prev[j - 1] + cost);
          if (i > 1 && j > 1 && ua[i - 1] == ub[j - 2] && ua[i - 2] == ub[j - 1])
            v = MIN (v, prev2[j - 2] + 1);
          cur[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > max)
        return max + 1;

      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  result = prev[lb];
  return MIN (result, max + 1);
}
