/* test-search-query.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How typed text becomes an FTS5 expression and filters; no database involved.
 */

#include <string.h>

#include "gcm-search-query.h"

typedef struct
{
  const char *name;
  const char *input;
  const char *match;         /* NULL: nothing to match */
  const char *trigram;       /* NULL: no substring search */
  const char *kinds;         /* space separated, "" for none */
  const char *conventions;
  const char *codes;
} MatchCase;

static const MatchCase match_cases[] = {
  { "word", "ivory", "\"ivory\"*", "\"ivory\"", "", "", "" },
  { "words", "ivory tusk", "\"ivory\" \"tusk\"*", "\"ivory\" \"tusk\"", "", "", "" },
  { "spaces", "  ivory \t tusk  ", "\"ivory\" \"tusk\"*", "\"ivory\" \"tusk\"", "", "", "" },
  { "quote-doubled", "say \"hi", "\"say\" \"\"\"hi\"*", "\"say\" \"\"\"hi\"", "", "", "" },
  { "inner-quote", "o\"brien", "\"o\"\"brien\"*", "\"o\"\"brien\"", "", "", "" },
  { "hyphen", "time-the", "\"time-the\"*", "\"time-the\"", "", "", "" },
  { "leading-minus", "-ivory", "\"-ivory\"*", "\"-ivory\"", "", "", "" },
  { "lone-quote", "\"", NULL, NULL, "", "", "" },
  { "lone-star", "*", NULL, NULL, "", "", "" },
  { "lone-minus", "-", NULL, NULL, "", "", "" },
  { "punctuation", "( ) ^ : ; , . * \" -", NULL, NULL, "", "", "" },
  { "near", "NEAR(", "\"NEAR(\"*", "\"NEAR(\"", "", "", "" },
  { "operators", "a AND b", "\"a\" \"AND\" \"b\"*", NULL, "", "", "" },
  { "column-syntax", "title:ivory", "\"title:ivory\"*", "\"title:ivory\"", "", "", "" },
  { "braces", "{title}:x", "\"{title}:x\"*", "\"{title}:x\"", "", "", "" },
  { "emoji-dropped", "🙂 ivory", "\"ivory\"*", "\"ivory\"", "", "", "" },
  { "empty", "", NULL, NULL, "", "", "" },
  { "blank", " \t\n ", NULL, NULL, "", "", "" },
  { "hs", "hs:2903", "codes : \"hs:2903\"*", NULL, "", "", "hs:2903" },
  { "hs-upper-not-last", "HS:2903.41 ivory", "\"ivory\"* codes : \"hs:2903.41\"*", NULL, "", "",
    "hs:2903.41" },
  { "un-not-last", "un:1078 ivory", "\"ivory\"* codes : \"un:1078\"", NULL, "", "", "un:1078" },
  { "un-last", "ivory un:1078", "\"ivory\" codes : \"un:1078\"*", NULL, "", "", "un:1078" },
  { "cas", "cas:75-45-6", "codes : \"cas:75-45-6\"*", NULL, "", "", "cas:75-45-6" },
  { "code-being-typed", "hs:", NULL, NULL, "", "", "" },
  { "code-quote", "hs:\"", NULL, NULL, "", "", "" },
  { "code-quoted-value", "un:\"1078", "codes : \"un:\"\"1078\"*", NULL, "", "", "un:\"1078" },
  { "kind", "kind:case ivory", "\"ivory\"*", "\"ivory\"", "case", "", "" },
  { "kind-typed-prefix", "kind:pro", NULL, NULL, "procedure", "", "" },
  { "kind-unknown", "kind:poem", NULL, NULL, "poem", "", "" },
  { "kinds-deduplicated", "kind:case kind:Case kind:quiz", NULL, NULL, "case quiz", "", "" },
  { "convention", "convention:CITES", NULL, NULL, "", "cites", "" },
  { "conventions", "convention:cites convention:bas", NULL, NULL, "", "cites basel", "" },
  { "unknown-key", "foo:bar", "\"foo:bar\"*", "\"foo:bar\"", "", "", "" },
  { "hangul-prefix-everywhere", "증거 봉인", "\"증거\"* \"봉인\"*", NULL, "", "", "" },
  { "hangul-long", "응급처치 발작", "\"응급처치\"* \"발작\"*", NULL, "", "", "" },
  { "nfc", "cafe\xcc\x81", "\"caf\xc3\xa9\"*", "\"caf\xc3\xa9\"", "", "", "" },
  { "nfc-hangul-jamo", "\xe1\x84\x87\xe1\x85\xa1\xe1\x86\xaf\xe1\x84\x8c\xe1\x85\xa1\xe1\x86\xa8",
    "\"발작\"*", NULL, "", "", "" },
  { "invalid-utf8", "iv\xffory", "\"iv\xef\xbf\xbdory\"*", "\"iv\xef\xbf\xbdory\"", "", "", "" },
  { "control-separates", "ivory\x01tusk", "\"ivory\" \"tusk\"*", "\"ivory\" \"tusk\"", "", "", "" },
};

static void
assert_strv_equal_spaced (char       **strv,
                          const char  *expected)
{
  g_autofree char *joined = g_strjoinv (" ", strv);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_match (gconstpointer data)
{
  const MatchCase *c = data;
  g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (c->input);

  g_assert_true (g_utf8_validate (query->text, -1, NULL));
  g_assert_cmpstr (query->match, ==, c->match);
  g_assert_cmpstr (query->trigram_match, ==, c->trigram);
  assert_strv_equal_spaced (query->kinds, c->kinds);
  assert_strv_equal_spaced (query->conventions, c->conventions);
  assert_strv_equal_spaced (query->codes, c->codes);
  g_assert_cmpint (gcm_search_query_is_empty (query), ==,
                   c->match == NULL && c->kinds[0] == '\0' && c->conventions[0] == '\0');
}

static gboolean
quotes_balanced (const char *match)
{
  guint n = 0;

  for (const char *p = match; *p != '\0'; p++)
    n += *p == '"';
  return n % 2 == 0;
}

static void
test_hostile (void)
{
  static const char * const inputs[] = {
    "\"", "\"\"", "\"\"\"", "*", "**", "NEAR(", "NEAR(a b", "NEAR(a b, 2)", "-", "--", "AND", "OR",
    "NOT", "a OR", "OR b", "(", ")", "(a", "a)", "^a", ":", "::", "title:", "item_fts:", "rank:",
    "\"unbalanced", "unbalanced\"", "'", "\\", "%", "_", ";DROP TABLE item;--", "x'00'",
    "hs:\"", "kind:'", "convention:", "cas:--", "un:)", "ㅂ", "발ㅈ", "\xed\xa0\x80", "\xc0\xaf",
    "\xf4\x90\x80\x80", "a\x01" "b\x02" "c", "\xe2\x80\x8b", "\xef\xbb\xbf" "ivory",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (inputs[i]);

      g_assert_true (g_utf8_validate (query->text, -1, NULL));
      if (query->match != NULL)
        g_assert_true (quotes_balanced (query->match));
      if (query->trigram_match != NULL)
        g_assert_true (quotes_balanced (query->trigram_match));
    }
}

static void
test_long_input (void)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *one_word = g_strnfill (10 * 1024, 'a');
  g_autofree char *noise = g_malloc (10 * 1024 + 1);
  g_autofree char *expected = NULL;
  g_autofree char *cut = g_strnfill (GCM_SEARCH_QUERY_MAX_WORD_CHARS, 'a');
  GcmSearchQuery *query;
  guint32 seed = 7;

  for (guint i = 0; words->len < 10 * 1024; i++)
    g_string_append_printf (words, "w%u \"", i);
  query = gcm_search_query_parse (words->str);
  g_assert_cmpuint (query->n_words, ==, GCM_SEARCH_QUERY_MAX_WORDS);
  g_assert_cmpuint (strlen (query->text), <=, GCM_SEARCH_QUERY_MAX_INPUT);
  g_assert_true (quotes_balanced (query->match));
  gcm_search_query_free (query);

  /* One 10 KB word is cut and searched as a prefix. */
  query = gcm_search_query_parse (one_word);
  expected = g_strdup_printf ("\"%s\"*", cut);
  g_assert_cmpstr (query->match, ==, expected);
  gcm_search_query_free (query);

  /* 10 KB of random bytes. */
  for (guint i = 0; i < 10 * 1024; i++)
    {
      seed = seed * 1103515245 + 12345;
      noise[i] = (char) ((seed >> 16) % 255 + 1);
    }
  noise[10 * 1024] = '\0';
  query = gcm_search_query_parse (noise);
  g_assert_true (g_utf8_validate (query->text, -1, NULL));
  g_assert_cmpuint (query->n_words, <=, GCM_SEARCH_QUERY_MAX_WORDS);
  if (query->match != NULL)
    g_assert_true (quotes_balanced (query->match));
  gcm_search_query_free (query);

  query = gcm_search_query_parse (NULL);
  g_assert_true (gcm_search_query_is_empty (query));
  gcm_search_query_free (query);
}

static void
test_fold (void)
{
  g_autofree char *cafe = gcm_search_query_fold ("Café");
  g_autofree char *ecole = gcm_search_query_fold ("ÉCOLE");
  g_autofree char *korean = gcm_search_query_fold ("증거물을");

  g_assert_cmpstr (cafe, ==, "cafe");
  g_assert_cmpstr (ecole, ==, "ecole");
  g_assert_cmpstr (korean, ==, "증거물을");
}

static void
test_jamo (void)
{
  g_autofree char *typed = gcm_search_query_to_jamo ("발자");
  g_autofree char *word = gcm_search_query_to_jamo ("발작은");
  g_autofree char *composing = gcm_search_query_to_jamo ("발ㅈ");
  g_autofree char *latin = gcm_search_query_to_jamo ("Café 1");
  g_autofree char *back = g_utf8_normalize (word, -1, G_NORMALIZE_NFC);

  /* U+1107 U+1161 U+11AF U+110C U+1161, the NFD of 발자. */
  g_assert_cmpstr (typed, ==, "\xe1\x84\x87\xe1\x85\xa1\xe1\x86\xaf\xe1\x84\x8c\xe1\x85\xa1");
  g_assert_true (g_str_has_prefix (word, typed));
  g_assert_true (g_str_has_prefix (word, composing));
  g_assert_cmpstr (latin, ==, "Café 1");
  g_assert_cmpstr (back, ==, "발작은");
  g_assert_true (gcm_search_query_has_hangul ("ivory 상아"));
  g_assert_true (gcm_search_query_has_hangul ("ㅂ"));
  g_assert_false (gcm_search_query_has_hangul ("ivory"));
}

static void
test_edit_distance (void)
{
  g_autofree char *segon = gcm_search_query_to_jamo ("세곤");
  g_autofree char *segwan = gcm_search_query_to_jamo ("세관");

  g_assert_cmpuint (gcm_search_query_edit_distance ("ivroy", "ivory", 2), ==, 1);
  g_assert_cmpuint (gcm_search_query_edit_distance ("ivory", "ivory", 2), ==, 0);
  g_assert_cmpuint (gcm_search_query_edit_distance ("kitten", "sitting", 3), ==, 3);
  g_assert_cmpuint (gcm_search_query_edit_distance ("kitten", "sitting", 1), ==, 2);
  g_assert_cmpuint (gcm_search_query_edit_distance ("a", "abcdef", 2), ==, 3);
  g_assert_cmpuint (gcm_search_query_edit_distance ("", "ab", 2), ==, 2);
  /* One jamo apart, two whole syllables apart. */
  g_assert_cmpuint (gcm_search_query_edit_distance (segon, segwan, 2), ==, 1);
  g_assert_cmpuint (gcm_search_query_edit_distance ("세곤", "세관", 2), ==, 1);
}

static void
test_successor (void)
{
  g_autofree char *iv = gcm_search_query_dup_successor ("iv");
  g_autofree char *bal = gcm_search_query_dup_successor ("발");

  g_assert_cmpstr (iv, ==, "iw");
  g_assert_cmpstr (bal, ==, "\xeb\xb0\x9d"); /* U+BC1D, after 발 U+BC1C */
  g_assert_cmpint (strcmp ("ivory", iv), <, 0);
  g_assert_cmpint (strcmp ("발작은", bal), <, 0);
}

/* Which queries also search the stemmed index, and what their snippets mark. */
static void
test_stem_and_snippet_terms (void)
{
  static const struct
  {
    const char *input;
    const char *stem_match;   /* NULL: the exact index only */
    const char *terms;        /* snippet_terms, NULL for none */
  } cases[] = {
    { "labelling", "\"labelling\"*", "labelling*\n" },
    { "seized ivory", "\"seized\" \"ivory\"*", "seized\nivory*\n" },
    { "ivo", NULL, "ivo*\n" },               /* too short to have other forms */
    { "r22 ivo", NULL, "r22\nivo*\n" },
    { "증거물을", NULL, "증거물을*\n" },      /* the stemmer is English only */
    { "kind:case", NULL, NULL },
    { "seized hs:2903", "\"seized\" codes : \"hs:2903\"*", "seized\n2903*\n" },
    { "hs:290314", NULL, "290314*\n2903.14*\n" }, /* written dotted in texts */
    { "un:1078 cas:75-45-6", NULL, "1078\n75-45-6*\n" },
    { "a*b", NULL, "a b*\n" },                /* a star only ever means a prefix */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (cases[i].input);

      g_test_message ("%s", cases[i].input);
      g_assert_cmpstr (query->stem_match, ==, cases[i].stem_match);
      g_assert_cmpstr (query->snippet_terms, ==, cases[i].terms);
    }
}

static void
test_rewrite (void)
{
  g_autoptr(GcmSearchQuery) query = gcm_search_query_parse ("kind:case  ivroy hs:2903 seized");
  g_autofree char *text = gcm_search_query_dup_with_word (query, 0, "ivory");
  g_auto(GStrv) terms = gcm_search_query_dup_terms (query);
  g_autofree char *without = gcm_search_query_dup_match (query, 1u << 0);

  g_assert_cmpuint (query->n_words, ==, 2);
  g_assert_cmpstr (text, ==, "kind:case ivory hs:2903 seized");
  assert_strv_equal_spaced (terms, "ivroy seized 2903");
  g_assert_cmpstr (without, ==, "\"seized\"* codes : \"hs:2903\"*");
  g_assert_cmpstr (query->title_match, ==,
                   "search_title : \"ivroy\" search_title : \"seized\"* codes : \"hs:2903\"*");
  g_assert_cmpstr (query->heading_match, ==,
                   "{search_title codes keywords headings} : \"ivroy\" "
                   "{search_title codes keywords headings} : \"seized\"* codes : \"hs:2903\"*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gcm/search-query/match/%s", match_cases[i].name);

      g_test_add_data_func (path, &match_cases[i], test_match);
    }
  g_test_add_func ("/gcm/search-query/hostile", test_hostile);
  g_test_add_func ("/gcm/search-query/long-input", test_long_input);
  g_test_add_func ("/gcm/search-query/fold", test_fold);
  g_test_add_func ("/gcm/search-query/jamo", test_jamo);
  g_test_add_func ("/gcm/search-query/edit-distance", test_edit_distance);
  g_test_add_func ("/gcm/search-query/successor", test_successor);
  g_test_add_func ("/gcm/search-query/rewrite", test_rewrite);
  g_test_add_func ("/gcm/search-query/stem-and-snippet-terms", test_stem_and_snippet_terms);

  return g_test_run ();
}
