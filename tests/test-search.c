/* test-search.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search against real content.db files: created with gcm_content_schema_create(), filled by
 * inserting `item` rows (the search triggers index them), refreshed like the importer does.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-search.h"
#include "gcm-search-schema.h"
#include "gcm-search-results-private.h"
#include "gcm-search-snippet.h"
#include "gcm-store.h"

typedef struct
{
  const char *id;
  const char *kind;
  const char *title;
  const char *conventions;
  const char *codes;
  const char *keywords;
  const char *body;
  const char *summary;
  const char *headings;   /* one a line, as the importer writes them; NULL for none */
} TestItem;

static const TestItem library[] = {
  { "sections/cites/ivory", "section", "Ivory trade", "cites", "hs:0507.10 hs:050710",
    "elephant tusk", "Raw ivory is seized at ports. Carved pieces hide among cow horns.", "" },
  { "cases/2019-airport-couriers", "case", "Couriers at the airport", "cites", "",
    "luggage", "Two couriers carried worked ivory in their luggage; the ivory was seized.", "" },
  { "sections/ods/r-22", "section", "Refrigerant R-22 cylinders", "montreal",
    "hs:2903.71 hs:290371 un:1018", "HCFC-22 refrigerant",
    "Chlorodifluoromethane cylinders often carry false labels.", "" },
  { "sections/ods/ctc", "section", "Carbon tetrachloride", "montreal rotterdam",
    "hs:2903.14 hs:290314 un:1846 cas:56-23-5", "solvent",
    "Controlled substances\nCarbon tetrachloride is classified in subheading 2903.14. A solvent "
    "and feedstock.", "", "Controlled substances" },
  { "sections/chemicals/chloroform", "section", "Chloroform", "rotterdam",
    "hs:2903.13 hs:290313 un:1888 cas:67-66-3", "", "An anaesthetic and solvent.", "" },
  { "sections/waste/lead", "section", "Waste lead-acid batteries", "basel",
    "hs:8548.10 hs:854810 un:2794", "", "Batteries leak acid; a Café owner declared them.", "" },
  /* Ranking: the same word once in a title, many times in another item's body. */
  { "sections/cites/pangolin", "section", "Pangolin scales", "cites", "", "",
    "Scales are shipped dried.", "" },
  { "cases/2020-containers", "case", "Shipping containers", "cites", "", "",
    "The pangolin scales were in sacks. Pangolin, pangolin, pangolin: every sack held pangolin "
    "scales.", "" },
  /* Markup-looking content is text. */
  { "sections/markup", "section", "Markup <b>safety</b> & more", "general", "", "",
    "<script>alert('x')</script> seized narwhal & <i>tusks</i>", "" },
  /* Title and keyword hits whose body never names the word: the summary, or else the
   * keyword, shows it. */
  { "sections/walrus", "section", "Walrus tusks", "general", "", "", "Dentine is carved.",
    "Walrus tusks are carved like ivory." },
  { "sections/okapi", "section", "Forest mammals", "general", "", "okapi giraffe",
    "Rare hoofed animals.", "Hoofed animals of the rainforest." },
  /* A quiz: its answers live in json only, never in the indexed columns. */
  { "quizzes/ivory", "quiz", "Ivory quiz", "cites", "", "narwhal", "",
    "Questions on ivory & horn" },
  /* Korean. 발자 is nobody's word: it is 발작 half typed. 상아 only appears inside a compound. */
  { "sections/ko/evidence", "section", "증거물 봉인 절차", "general", "", "증거 봉인",
    "압수한 증거물을 봉인한다. 형사증거는 세관에서 관리한다.", "" },
  { "procedures/first-aid", "procedure", "응급처치", "general", "", "",
    "발작 환자에게 응급처치를 한다. 뇌전증 발작은 위험하다.", "" },
  { "cases/ko-ivory", "case", "공항 밀수 적발", "cites", "", "",
    "여행가방에서 코끼리상아를 찾았다.", "" },
  /* English word forms: only the stemmed index joins labelling to labelled, seized to
   * seizure. The first item holds the exact word. */
  { "sections/rotterdam/labelling", "section", "Labelling duties", "general", "", "",
    "The labelling duty falls on the exporter.", "" },
  { "sections/rotterdam/drums", "section", "Export rules", "general", "", "",
    "What exporters must do\nEvery drum must be labelled with its hazards and its name.", "",
    "What exporters must do" },
  { "sections/handling/records", "section", "Records", "general", "", "",
    "Write down the date of each seizure in the log.", "" },
  /* A body as the importer writes it: a heading a line, then its paragraph; keywords that are
   * a bare list of words. */
  { "sections/demeter", "section", "Demeter VI", "general", "", "metal scrap HFC refrigerant waste",
    "What happened\nOperation Demeter VI took place in 2020 with 73 customs administrations. "
    "They made 131 seizures of waste.\nWhy it matters\nMetal scrap hides refrigerant cylinders.",
    "", "What happened\nWhy it matters" },
};

typedef struct
{
  char      *dir;
  char      *path;
  sqlite3   *db;
  GcmSearch *search;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gcm_sqlite_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
insert_item (sqlite3        *db,
             const TestItem *item)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"answer\":\"zebra\"}", item->id);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO item (id, kind, version, lang, sha256, chapter,"
                                       " title, summary, conventions, codes, keywords, headings,"
                                       " body, json)"
                                       " VALUES (?1, ?2, 1, 'en', '0', ?3, ?4, ?5, ?6, ?7, ?8,"
                                       " ?11, ?9, ?10)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, item->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item->kind, -1, SQLITE_STATIC);
  if (strcmp (item->kind, "section") == 0)
    sqlite3_bind_text (stmt, 3, "chapter-1", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, item->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, item->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, item->conventions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, item->codes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, item->keywords, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, item->body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, item->headings != NULL ? item->headings : "", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
refresh (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;

  exec_ok (db, "BEGIN IMMEDIATE;");
  g_assert_true (gcm_search_refresh (db, &error));
  g_assert_no_error (error);
  exec_ok (db, "COMMIT;");
}

static sqlite3 *
create_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA journal_mode = WAL;");
  exec_ok (db, "BEGIN IMMEDIATE;");
  g_assert_true (gcm_content_schema_create (db, &error));
  g_assert_no_error (error);
  exec_ok (db, "COMMIT;");
  return db;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gcm-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "content.db", NULL);
  f->db = create_db (f->path);

  exec_ok (f->db, "BEGIN IMMEDIATE;");
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    insert_item (f->db, &library[i]);
  exec_ok (f->db, "COMMIT;");
  refresh (f->db);

  f->search = gcm_search_new (f->path);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A worker thread drops its task, and the task's reference, just after the callback ran. */
  while (g_atomic_int_get (&G_OBJECT (f->search)->ref_count) > 1 &&
         g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_finalize_object (f->search);
  sqlite3_close (f->db);
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GcmSearchResults *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GcmSearchResults *results = gcm_search_query (f->search, text, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static int
find_result (GcmSearchResults *results,
             const char       *id)
{
  for (guint i = 0; i < gcm_search_results_get_n_results (results); i++)
    if (strcmp (gcm_search_results_get_result (results, i)->id, id) == 0)
      return i;
  return -1;
}

/* Asserts the ids found, in any order; @ids is space separated. */
static void
assert_ids (GcmSearchResults *results,
            const char       *ids)
{
  g_auto(GStrv) expected = g_strsplit (ids, " ", -1);
  guint n = ids[0] == '\0' ? 0 : g_strv_length (expected);

  for (guint i = 0; i < n; i++)
    if (find_result (results, expected[i]) < 0)
      g_error ("“%s” lacks %s", gcm_search_results_get_text (results), expected[i]);
  for (guint i = 0; i < gcm_search_results_get_n_results (results); i++)
    if (!g_strv_contains ((const char * const *) expected,
                          gcm_search_results_get_result (results, i)->id))
      g_error ("“%s” also finds %s", gcm_search_results_get_text (results),
               gcm_search_results_get_result (results, i)->id);
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, n);
}

static void
assert_search (Fixture    *f,
               const char *text,
               const char *ids)
{
  g_autoptr(GcmSearchResults) results = search (f, text);

  g_test_message ("search “%s”", text);
  assert_ids (results, ids);
}

static void
result_starts_with (GcmSearchResults *results,
                    const char       *id,
                    const char       *prefix)
{
  int i = find_result (results, id);

  g_assert_cmpint (i, >=, 0);
  if (!g_str_has_prefix (gcm_search_results_get_result (results, i)->snippet_markup, prefix))
    g_error ("%s: “%s” does not start with “%s”", id,
             gcm_search_results_get_result (results, i)->snippet_markup, prefix);
}

static gboolean
markup_parses (const char *markup)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);

  return g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
         g_markup_parse_context_end_parse (context, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                      */

static void
test_lifecycle (void)
{
  GcmSearch *search = gcm_search_new ("/nonexistent/content.db");

  g_assert_cmpstr (gcm_search_get_path (search), ==, "/nonexistent/content.db");
  g_assert_finalize_object (search);
}

static void
test_missing_database (void)
{
  g_autoptr(GcmSearch) search = gcm_search_new ("/nonexistent/content.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSearchResults) results = gcm_search_query (search, "ivory", 0, NULL, &error);

  g_assert_null (results);
  g_assert_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND);
}

static void
test_words (Fixture       *f,
            gconstpointer  data)
{
  /* The last word is a prefix, as typed. */
  assert_search (f, "ivo", "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  assert_search (f, "ivory", "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  assert_search (f, "ivory seiz", "sections/cites/ivory cases/2019-airport-couriers");
  /* Earlier words are whole words; 3+ characters still match inside words. */
  assert_search (f, "iv seized", "");
  assert_search (f, "ivor seized", "sections/cites/ivory cases/2019-airport-couriers");
  /* Every word must match. */
  assert_search (f, "ivory luggage", "cases/2019-airport-couriers");
  /* Case and diacritics are folded. */
  assert_search (f, "CAFE", "sections/waste/lead");
  assert_search (f, "café", "sections/waste/lead");
  assert_search (f, "", "");
  assert_search (f, "   ", "");
}

static void
test_quoting (Fixture       *f,
              gconstpointer  data)
{
  /* Punctuation is part of a quoted phrase, never syntax. */
  assert_search (f, "r-22", "sections/ods/r-22");
  assert_search (f, "HCFC-22", "sections/ods/r-22");
  assert_search (f, "\"ivory", "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  assert_search (f, "ivory\"", "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  assert_search (f, "-ivory", "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  assert_search (f, "lead-acid", "sections/waste/lead");
  /* Operators are words: nothing holds the word "or". */
  assert_search (f, "ivory OR pangolin", "");
  assert_search (f, "title:ivory", "");
}

static void
test_typed_filters (Fixture       *f,
                    gconstpointer  data)
{
  assert_search (f, "hs:2903", "sections/ods/r-22 sections/ods/ctc sections/chemicals/chloroform");
  assert_search (f, "hs:2903.1", "sections/ods/ctc sections/chemicals/chloroform");
  assert_search (f, "hs:290314", "sections/ods/ctc");
  assert_search (f, "HS:2903.14", "sections/ods/ctc");
  assert_search (f, "hs:0507", "sections/cites/ivory");
  assert_search (f, "un:1846", "sections/ods/ctc");
  assert_search (f, "un:1078", "");
  assert_search (f, "cas:56-23-5", "sections/ods/ctc");
  assert_search (f, "cas:67-66-3 solvent", "sections/chemicals/chloroform");
  assert_search (f, "solvent hs:2903", "sections/ods/ctc sections/chemicals/chloroform");
  /* A bare number finds codes too. */
  assert_search (f, "1846", "sections/ods/ctc");
  assert_search (f, "hs:", "");

  assert_search (f, "kind:case ivory", "cases/2019-airport-couriers");
  assert_search (f, "ivory kind:quiz", "quizzes/ivory");
  assert_search (f, "kind:procedure", "procedures/first-aid");
  assert_search (f, "kind:case kind:procedure",
                 "cases/2019-airport-couriers cases/2020-containers cases/ko-ivory "
                 "procedures/first-aid");
  assert_search (f, "kind:poem", "");
  assert_search (f, "convention:montreal", "sections/ods/r-22 sections/ods/ctc");
  assert_search (f, "convention:montreal convention:rotterdam", "sections/ods/ctc");
  assert_search (f, "convention:rotterdam solvent",
                 "sections/ods/ctc sections/chemicals/chloroform");
  assert_search (f, "convention:basel kind:section", "sections/waste/lead");
  assert_search (f, "convention:cites kind:case pangolin", "cases/2020-containers");
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char * const inputs[] = {
    "\"", "\"\"", "\"\"\"", "*", "**", "ivory*", "*ivory", "NEAR(", "NEAR(ivory tusk", "NEAR(a b, 2)",
    "-", "--", "AND", "OR", "NOT", "ivory OR", "OR ivory", "ivory NOT tusk", "(", ")", "(ivory",
    "ivory)", "^ivory", ":", "::", "title:", "item_fts:", "rank:", "{title}:ivory", "\"unbalanced",
    "unbalanced\"", "'", "\\", "%", "_", "%iv%", ";DROP TABLE item;--", "x'00'", "hs:\"", "kind:'",
    "convention:", "cas:--", "un:)", "hs:2903\"*", "ㅂ", "발ㅈ", "\xed\xa0\x80", "\xc0\xaf",
    "\xff\xfe", "\xf4\x90\x80\x80", "a\x01" "b\x02" "c", "\xe2\x80\x8b", "\xef\xbb\xbf" "ivory",
    "🙂", "ivory 🙂", "상아 ivory \"", "a", "1", "ㄱㄴㄷ", "增", "ﬁ",
  };
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *one_word = g_strnfill (10 * 1024, 'x');
  g_autofree char *noise = g_malloc (10 * 1024 + 1);
  guint32 seed = 11;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GcmSearchResults) results = search (f, inputs[i]);

      for (guint r = 0; r < gcm_search_results_get_n_results (results); r++)
        g_assert_true (markup_parses (gcm_search_results_get_result (results, r)->snippet_markup));
    }

  for (guint i = 0; big->len < 10 * 1024; i++)
    g_string_append (big, i % 3 == 0 ? "\"ivory NEAR( " : "OR * - ");

  {
    g_autoptr(GcmSearchResults) a = search (f, one_word);
    g_autoptr(GcmSearchResults) b = NULL;
    g_autoptr(GcmSearchResults) c = search (f, big->str);

    for (guint i = 0; i < 10 * 1024; i++)
      {
        seed = seed * 1103515245 + 12345;
        noise[i] = (char) ((seed >> 16) % 255 + 1);
      }
    noise[10 * 1024] = '\0';
    b = search (f, noise);
    g_assert_cmpuint (gcm_search_results_get_n_results (a), ==, 0);
  }

  {
    g_autoptr(GcmSearchResults) results = gcm_search_query (f->search, NULL, 0, NULL, NULL);

    g_assert_nonnull (results);
    g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 0);
  }

  /* The connection still answers. */
  assert_search (f, "ivory luggage", "cases/2019-airport-couriers");
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "pangolin");
  const GcmSearchResult *first;

  assert_ids (results, "sections/cites/pangolin cases/2020-containers");
  first = gcm_search_results_get_result (results, 0);
  /* The title hit comes first, although the other item says "pangolin" five times. */
  g_assert_cmpstr (first->id, ==, "sections/cites/pangolin");
  g_assert_cmpstr (first->kind, ==, "section");
  g_assert_cmpstr (first->title, ==, "Pangolin scales");
  g_assert_cmpstr (first->chapter, ==, "chapter-1");
  g_assert_cmpfloat (first->rank, <, gcm_search_results_get_result (results, 1)->rank);
  g_assert_null (gcm_search_results_get_result (results, 1)->chapter);

  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "ivory");
  g_assert_cmpint (find_result (results, "sections/cites/ivory"), <,
                   find_result (results, "cases/2019-airport-couriers"));

  /* The limit holds. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = gcm_search_query (f->search, "ivory", 1, NULL, NULL);
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 1);
}

static void
test_snippet_markup (void)
{
  static const struct
  {
    const char *marked;
    const char *markup;
  } cases[] = {
    { "<script>\x01ivory\x02 & co", "&lt;script&gt;<b>ivory</b> &amp; co" },
    { "a \x01" "b", "a <b>b</b>" },
    { "a\x02 b", "a b" },
    { "\x01\x01" "a\x02\x02", "<b>a</b>" },
    { "tab\there\nnext\x03\x1b", "tab here next  " },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
    { "\"quoted\" 'single'", "&quot;quoted&quot; &apos;single&apos;" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = _gcm_search_results_markup_snippet (cases[i].marked, -1);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_true (markup_parses (markup));
    }
}

/* Choosing the passage, given where the matches are. Matches are given as words; each one is
 * matched at its first occurrence after the previous one. */
static void
test_snippet_choose (void)
{
  static const struct
  {
    const char          *body;
    const char          *headings;
    const char          *words;      /* space separated, each its own phrase */
    GcmSearchSnippetHit  hit;
    const char          *heading;
    const char          *sentence;
  } cases[] = {
    /* A heading is never glued to the text under it. */
    { "What happened\nOperation Demeter took place. It ended.", "What happened", "Operation",
      GCM_SEARCH_SNIPPET_SENTENCE, "What happened", "[Operation] Demeter took place." },
    /* A sentence wins over a list line that holds as many words. */
    { "false labelling;\nFalse labelling hides the gas.", "", "labelling labelling",
      GCM_SEARCH_SNIPPET_SENTENCE, NULL, "False [labelling] hides the gas." },
    { "Methods:\nfalse labelling;\nforged papers;", "", "labelling",
      GCM_SEARCH_SNIPPET_LIST, NULL, "false [labelling];" },
    /* More of the words wins. */
    { "Ivory is carved. Seized ivory is kept.", "", "Ivory Seized ivory",
      GCM_SEARCH_SNIPPET_SENTENCE, NULL, "[Seized] [ivory] is kept." },
    /* Decimal points and abbreviations end no sentence. */
    { "See e.g. the code 2903.14 in the list. Next.", "", "2903.14",
      GCM_SEARCH_SNIPPET_SENTENCE, NULL, "See e.g. the code [2903.14] in the list." },
    /* Only a heading holds the word: it, then the first sentence under it. */
    { "Intro text here.\nSeized specimens\nThe Ministry keeps them. Then more.",
      "Seized specimens", "Seized",
      GCM_SEARCH_SNIPPET_HEADING, "[Seized] specimens", "The Ministry keeps them." },
    /* Nothing matches: the first sentence. */
    { "Intro\nFirst sentence here is long. Second.", "Intro", "",
      GCM_SEARCH_SNIPPET_NONE, "Intro", "First sentence here is long." },
    { "증거물을 봉인한다. 세관에서 관리한다.", "", "세관",
      GCM_SEARCH_SNIPPET_SENTENCE, NULL, "[세관]에서 관리한다." },
    { "", "", "", GCM_SEARCH_SNIPPET_NONE, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GcmSearchSpan));
      g_auto(GStrv) words = g_strsplit (cases[i].words, " ", -1);
      g_autoptr(GcmSearchSnippet) snippet = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *sentence = NULL;
      const char *from = cases[i].body;

      for (guint w = 0; words[w] != NULL && words[w][0] != '\0'; w++)
        {
          const char *at = strstr (from, words[w]);
          GcmSearchSpan span = { at - cases[i].body, at - cases[i].body + strlen (words[w]), w };

          g_assert_nonnull (at);
          g_array_append_val (spans, span);
          from = at + strlen (words[w]);
        }
      snippet = _gcm_search_snippet_choose (cases[i].body, cases[i].headings,
                                            (GcmSearchSpan *) (void *) spans->data, spans->len);
      heading = snippet->heading ? g_strdelimit (g_strdup (snippet->heading), "\x01", '[') : NULL;
      sentence = snippet->sentence ? g_strdelimit (g_strdup (snippet->sentence), "\x01", '[')
                                   : NULL;
      if (heading != NULL)
        g_strdelimit (heading, "\x02", ']');
      if (sentence != NULL)
        g_strdelimit (sentence, "\x02", ']');
      g_test_message ("%s", cases[i].body);
      g_assert_cmpint (snippet->hit, ==, cases[i].hit);
      g_assert_cmpstr (heading, ==, cases[i].heading);
      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }
}

/* A long sentence is cut around its first match, at word boundaries. */
static void
test_snippet_cut (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GcmSearchSnippet) snippet = NULL;
  GcmSearchSpan span;
  const char *mark;

  for (guint i = 0; i < 40; i++)
    g_string_append (body, "word ");
  span.start = body->len;
  g_string_append (body, "ivory");
  span.end = body->len;
  span.phrase = 0;
  for (guint i = 0; i < 40; i++)
    g_string_append (body, " more");
  g_string_append_c (body, '.');

  snippet = _gcm_search_snippet_choose (body->str, NULL, &span, 1);
  g_assert_true (g_str_has_prefix (snippet->sentence, "…word "));
  g_assert_true (g_str_has_suffix (snippet->sentence, " more…"));
  mark = strchr (snippet->sentence, GCM_SEARCH_MARK_OPEN);
  g_assert_nonnull (mark);
  g_assert_true (g_str_has_prefix (mark, "\x01ivory\x02"));
  g_assert_cmpint (g_utf8_strlen (snippet->sentence, -1), <=, GCM_SEARCH_SNIPPET_MAX_CHARS + 4);
}

static void
test_snippets (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "narwhal");
  const GcmSearchResult *result;
  int markup, quiz;

  markup = find_result (results, "sections/markup");
  quiz = find_result (results, "quizzes/ivory");
  g_assert_cmpint (markup, >=, 0);
  g_assert_cmpint (quiz, >=, 0);

  /* Content that looks like markup stays text, and the match is bold. */
  result = gcm_search_results_get_result (results, markup);
  g_assert_nonnull (strstr (result->snippet_markup, "&lt;script&gt;"));
  g_assert_nonnull (strstr (result->snippet_markup, "<b>narwhal</b>"));
  g_assert_nonnull (strstr (result->snippet_markup, "&amp; &lt;i&gt;tusks&lt;/i&gt;"));
  g_assert_null (strstr (result->snippet_markup, "<script"));
  g_assert_true (markup_parses (result->snippet_markup));
  /* Titles are plain text for a plain label. */
  g_assert_cmpstr (result->title, ==, "Markup <b>safety</b> & more");

  /* A quiz has no body: its summary is shown, escaped. */
  result = gcm_search_results_get_result (results, quiz);
  g_assert_cmpstr (result->snippet_markup, ==, "Questions on ivory &amp; horn");

  /* A title hit shows its summary with the word marked; a keyword hit, the summary too, never
   * the keyword list. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "walrus");
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 1);
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "<b>Walrus</b> tusks are carved like ivory.");
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "okap");
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 1);
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "Hoofed animals of the rainforest.");

  /* Every hit marks the form of the word it holds. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "seized");
  for (guint i = 0; i < gcm_search_results_get_n_results (results); i++)
    {
      result = gcm_search_results_get_result (results, i);
      g_test_message ("%s: %s", result->id, result->snippet_markup);
      g_assert_true (strstr (result->snippet_markup, "<b>seized</b>") != NULL ||
                     strstr (result->snippet_markup, "<b>seizure</b>") != NULL ||
                     strstr (result->snippet_markup, "<b>seizures</b>") != NULL);
      g_assert_true (markup_parses (result->snippet_markup));
    }
}

/* What an officer reads under a result: a sentence of the text, not the keyword list and not
 * a heading run into the paragraph under it. */
static void
test_snippet_sentences (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "operation demeter");
  const GcmSearchResult *result;

  assert_ids (results, "sections/demeter");
  result = gcm_search_results_get_result (results, 0);
  g_assert_cmpstr (result->snippet_markup, ==,
                   "<b>Operation</b> <b>Demeter</b> VI took place in 2020 with 73 customs "
                   "administrations.");

  /* A keyword hit whose body names the word too: the sentence, not the keywords. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "refrigerant");
  result = gcm_search_results_get_result (results, find_result (results, "sections/demeter"));
  g_assert_cmpstr (result->snippet_markup, ==, "Metal scrap hides <b>refrigerant</b> cylinders.");

  /* The heading that holds the word stands apart from the sentence under it. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "exporters");
  g_assert_cmpint (find_result (results, "sections/rotterdam/drums"), ==, 0);
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "What <b>exporters</b> must do: Every drum must be labelled with its hazards "
                   "and its name.");
}

/* A code query says which code matched and where the item speaks of it. */
static void
test_snippet_codes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "hs:2903.14");

  assert_ids (results, "sections/ods/ctc");
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "<b>HS 2903.14</b> — Controlled substances: Carbon tetrachloride is classified "
                   "in subheading <b>2903.14</b>.");

  /* Typed without the dot, the code reads as on a declaration. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "hs:290314");
  g_assert_true (g_str_has_prefix (gcm_search_results_get_result (results, 0)->snippet_markup,
                                   "<b>HS 2903.14</b> — "));

  /* A heading stands for all its subheadings, each named. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "hs:2903.1");
  result_starts_with (results, "sections/ods/ctc", "<b>HS 2903.14</b> — ");
  result_starts_with (results, "sections/chemicals/chloroform", "<b>HS 2903.13</b>");

  /* A code the text never mentions: the code, and the summary or nothing. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "un:1846");
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "<b>UN 1846</b>");
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "cas:56-23-5");
  g_assert_cmpstr (gcm_search_results_get_result (results, 0)->snippet_markup, ==,
                   "<b>CAS 56-23-5</b>");
}

/* English word forms find each other; the exact form still ranks first. */
static void
test_word_forms (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "labelling");
  int exact, labelled, labels;

  exact = find_result (results, "sections/rotterdam/labelling");
  labelled = find_result (results, "sections/rotterdam/drums");
  labels = find_result (results, "sections/ods/r-22");
  g_assert_cmpint (exact, ==, 0);
  g_assert_cmpint (labelled, >, exact);
  g_assert_cmpint (labels, >, exact);
  g_assert_nonnull (strstr (gcm_search_results_get_result (results, labelled)->snippet_markup,
                            "<b>labelled</b>"));

  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "labelled");
  g_assert_cmpint (find_result (results, "sections/rotterdam/labelling"), >=, 0);
  g_assert_cmpint (find_result (results, "sections/rotterdam/drums"), ==, 0);

  /* seized finds the seizure records, after every item that says seized. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "seized");
  assert_ids (results, "sections/cites/ivory cases/2019-airport-couriers sections/markup "
                       "sections/handling/records sections/demeter");
  g_assert_cmpint (find_result (results, "sections/handling/records"), >=, 3);
  g_assert_cmpstr (gcm_search_results_get_result (results,
                                                  find_result (results,
                                                               "sections/handling/records"))
                     ->snippet_markup, ==, "Write down the date of each <b>seizure</b> in the log.");

  /* Still typed as a prefix, and filters still hold. */
  assert_search (f, "label", "sections/rotterdam/labelling sections/rotterdam/drums "
                             "sections/ods/r-22");
  assert_search (f, "seized kind:case", "cases/2019-airport-couriers");
}

/* The count is of every hit, not of the page. */
static void
test_total (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    const char *text;
    guint       total;
  } cases[] = {
    { "ivory", 3 },             /* word hits */
    { "seized", 5 },            /* exact and stemmed hits, each once */
    { "hs:2903", 3 },           /* codes */
    { "kind:case", 3 },         /* filters alone */
    { "급처치", 1 },            /* substrings */
    { "상아", 1 },              /* instr() */
    { "ivroy", 3 },             /* the corrected query's */
    { "qqqqqqq", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint limit = 1; limit <= 20; limit += 19)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GcmSearchResults) results = gcm_search_query (f->search, cases[i].text, limit,
                                                                NULL, &error);

        g_assert_no_error (error);
        g_test_message ("“%s”, %u a page", cases[i].text, limit);
        g_assert_cmpuint (gcm_search_results_get_n_results (results), ==,
                          MIN (cases[i].total, limit));
        g_assert_cmpuint (gcm_search_results_get_total (results), ==, cases[i].total);
      }
}

static void
test_quiz_answers_not_indexed (Fixture       *f,
                               gconstpointer  data)
{
  /* Every row's json holds "answer":"zebra"; only the text columns are indexed. */
  assert_search (f, "zebra", "");
  assert_search (f, "answer", "");
}

static void
test_terms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "Ivory  seiz hs:0507");
  const char * const *terms = gcm_search_results_get_terms (results);

  g_assert_cmpstr (gcm_search_results_get_text (results), ==, "Ivory  seiz hs:0507");
  g_assert_cmpuint (g_strv_length ((char **) terms), ==, 3);
  g_assert_cmpstr (terms[0], ==, "Ivory");
  g_assert_cmpstr (terms[1], ==, "seiz");
  g_assert_cmpstr (terms[2], ==, "0507");
  g_assert_null (gcm_search_results_get_suggestion (results));
  g_assert_false (gcm_search_results_get_corrected (results));
}

static void
test_korean (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = NULL;
  const GcmSearchResult *result;

  /* Particles: 증거 finds 증거물을, and 봉인 finds 봉인한다. */
  assert_search (f, "증거", "sections/ko/evidence");
  assert_search (f, "봉인", "sections/ko/evidence");
  assert_search (f, "증거 봉인", "sections/ko/evidence");
  assert_search (f, "발작", "procedures/first-aid");
  assert_search (f, "응급", "procedures/first-aid");
  /* Three syllables inside a word come from the trigram table. */
  assert_search (f, "급처치", "procedures/first-aid");
  /* Two syllables inside a compound only instr() finds. */
  results = search (f, "상아");
  assert_ids (results, "cases/ko-ivory");
  result = gcm_search_results_get_result (results, 0);
  g_assert_nonnull (strstr (result->snippet_markup, "<b>상아</b>"));
  g_assert_true (markup_parses (result->snippet_markup));
  g_assert_null (gcm_search_results_get_suggestion (results));
  g_clear_pointer (&results, gcm_search_results_unref);

  /* A 1–2 syllable word with another word that the index handles. */
  assert_search (f, "상아 여행가방", "cases/ko-ivory");
  assert_search (f, "상아 kind:section", "");
  assert_search (f, "ivory 상아", "");

  /* Half-typed: 발자 is 발작 before its last keystroke. */
  results = search (f, "발자");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "발작");
  g_assert_true (gcm_search_results_get_corrected (results));
  assert_ids (results, "procedures/first-aid");
  g_assert_cmpstr (gcm_search_results_get_terms (results)[0], ==, "발작");
  g_clear_pointer (&results, gcm_search_results_unref);

  /* While composing, the input method shows a bare consonant. */
  results = search (f, "뇌전증 발ㅈ");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "뇌전증 발작");
  assert_ids (results, "procedures/first-aid");
  g_clear_pointer (&results, gcm_search_results_unref);

  /* One wrong jamo: 세곤 for 세관. */
  results = search (f, "세곤");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "세관");
  assert_ids (results, "sections/ko/evidence");
}

static void
test_suggestion (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = search (f, "ivroy");

  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "ivory");
  g_assert_true (gcm_search_results_get_corrected (results));
  g_assert_cmpstr (gcm_search_results_get_text (results), ==, "ivroy");
  assert_ids (results, "sections/cites/ivory cases/2019-airport-couriers quizzes/ivory");
  g_assert_cmpstr (gcm_search_results_get_terms (results)[0], ==, "ivory");
  g_clear_pointer (&results, gcm_search_results_unref);

  /* Only the misspelt word changes; filters and other words stay. */
  results = search (f, "kind:case siezed ivory");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "kind:case seized ivory");
  assert_ids (results, "cases/2019-airport-couriers");
  g_clear_pointer (&results, gcm_search_results_unref);

  /* Still typing, one slip: "pangl" becomes "pangolin". */
  results = search (f, "pangl");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "pangolin");
  g_clear_pointer (&results, gcm_search_results_unref);

  /* Too far from anything: no suggestion, no results. */
  results = search (f, "qqqqqqq");
  g_assert_null (gcm_search_results_get_suggestion (results));
  g_assert_false (gcm_search_results_get_corrected (results));
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 0);
  g_clear_pointer (&results, gcm_search_results_unref);

  /* Found words get no suggestion. */
  results = search (f, "ivory");
  g_assert_null (gcm_search_results_get_suggestion (results));
}

static void
test_item_changes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GcmSearchResults) results = NULL;
  sqlite3_stmt *stmt = NULL;

  assert_search (f, "rhino", "");

  exec_ok (f->db, "BEGIN IMMEDIATE;");
  exec_ok (f->db, "UPDATE item SET title = 'Rhinoceros horn' WHERE id = 'sections/cites/pangolin';");
  exec_ok (f->db, "DELETE FROM item WHERE id = 'cases/2020-containers';");
  exec_ok (f->db, "UPDATE item SET version = 2 WHERE id = 'sections/cites/ivory';");
  g_assert_true (gcm_search_refresh (f->db, NULL));
  exec_ok (f->db, "COMMIT;");

  assert_search (f, "rhino", "sections/cites/pangolin");
  assert_search (f, "pangolin", "");
  assert_search (f, "ivory seized", "sections/cites/ivory cases/2019-airport-couriers");

  /* The suggestion vocabulary follows: "rhinoceros" is suggestible now. */
  results = search (f, "rhinocerus");
  g_assert_cmpstr (gcm_search_results_get_suggestion (results), ==, "rhinoceros");

  /* The index still matches its content table exactly. */
  exec_ok (f->db, "INSERT INTO item_fts (item_fts, rank) VALUES ('integrity-check', 1);");
  exec_ok (f->db, "INSERT INTO item_tri (item_tri, rank) VALUES ('integrity-check', 1);");

  /* Only words with letters are suggestible. */
  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT count(*) FROM search_term"
                                              " WHERE term IN ('1846', 'rhinoceros', '세관에서')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
}

/* ------------------------------------------------------------------------------------------ */
/* Async and cancellation                                                                     */

typedef struct
{
  GcmSearchResults *results;
  GError           *error;
  gboolean          done;
  gint64            finished_at;
} AsyncResult;

static void
on_query_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->results = gcm_search_query_finish (GCM_SEARCH (source), result, &r->error);
  r->finished_at = g_get_monotonic_time ();
  r->done = TRUE;
}

static void
async_result_clear (AsyncResult *r)
{
  g_clear_pointer (&r->results, gcm_search_results_unref);
  g_clear_error (&r->error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  AsyncResult r = { 0 };

  g_main_context_push_thread_default (context);

  gcm_search_query_async (f->search, "ivory luggage", 0, NULL, on_query_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (context, TRUE);
  g_assert_no_error (r.error);
  assert_ids (r.results, "cases/2019-airport-couriers");
  async_result_clear (&r);

  g_main_context_pop_thread_default (context);
}

/* A library where "상아" is in no word, so it costs a full instr() scan plus suggestions. */
static void
fill_slow_library (sqlite3 *db,
                   guint    n_items)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (body, "%s%u ", i % 2 ? "압수물" : "seizure", i);

  exec_ok (db, "BEGIN IMMEDIATE;");
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("sections/bulk/%u", i);
      TestItem item = { id, "section", "Bulk", "general", "", "", body->str, "" };

      insert_item (db, &item);
    }
  exec_ok (db, "COMMIT;");
  refresh (db);
}

static void
test_cancel_superseded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GcmSearchResults) results = NULL;
  AsyncResult slow = { 0 };
  AsyncResult fast = { 0 };
  gint64 start, full, cancelled_at;

  fill_slow_library (f->db, 3000);

  /* Timed warm: the first run also pays for reading the file. */
  g_clear_pointer (&results, gcm_search_results_unref);
  results = search (f, "상아 압수");
  g_clear_pointer (&results, gcm_search_results_unref);
  start = g_get_monotonic_time ();
  results = search (f, "상아 압수");
  full = g_get_monotonic_time () - start;
  g_assert_cmpuint (gcm_search_results_get_n_results (results), ==, 0);
  g_test_message ("slow query alone: %.1f ms", full / 1000.0);

  g_main_context_push_thread_default (context);

  gcm_search_query_async (f->search, "상아 압수", 0, NULL, on_query_done_cb, &slow);
  /* Let the worker get into its scan, then type on. */
  g_usleep (full / 10);
  cancelled_at = g_get_monotonic_time ();
  gcm_search_query_async (f->search, "ivory luggage", 0, NULL, on_query_done_cb, &fast);

  while (!slow.done || !fast.done)
    g_main_context_iteration (context, TRUE);

  g_assert_error (slow.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (slow.results);
  g_assert_no_error (fast.error);
  assert_ids (fast.results, "cases/2019-airport-couriers");
  g_test_message ("superseded query returned %.1f ms after the newer one started",
                  (slow.finished_at - cancelled_at) / 1000.0);
  /* Interrupted, not run to its end. */
  if (full >= 40000)
    g_assert_cmpint (slow.finished_at - cancelled_at, <, full / 2);

  async_result_clear (&slow);
  async_result_clear (&fast);
  g_main_context_pop_thread_default (context);
}

static void
test_cancel_caller (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSearchResults) results = NULL;
  AsyncResult r = { 0 };

  fill_slow_library (f->db, 1000);
  g_main_context_push_thread_default (context);

  /* The caller's cancellable, cancelled once the query is under way: whether the worker has
   * started on it or not, the caller hears that it was cancelled (a timer here would race a
   * fast SQLite; test_cancel_superseded covers a query stopped halfway). */
  gcm_search_query_async (f->search, "상아 압수", 0, cancellable, on_query_done_cb, &r);
  g_cancellable_cancel (cancellable);
  while (!r.done)
    g_main_context_iteration (context, TRUE);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  async_result_clear (&r);

  /* Already cancelled: the synchronous call returns at once. */
  results = gcm_search_query (f->search, "ivory", 0, cancellable, &error);
  g_assert_null (results);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is fine afterwards. */
  assert_search (f, "ivory luggage", "cases/2019-airport-couriers");

  g_main_context_pop_thread_default (context);
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (5000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_sync (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSearchResults) results = NULL;
  GThread *thread;

  fill_slow_library (f->db, 3000);

  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  results = gcm_search_query (f->search, "상아 압수", 0, cancellable, &error);
  g_thread_join (thread);

  /* Either interrupted or (on a very fast machine) finished first. */
  if (results == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_no_error (error);
  assert_search (f, "ivory luggage", "cases/2019-airport-couriers");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gcm/search/lifecycle", test_lifecycle);
  g_test_add_func ("/gcm/search/missing-database", test_missing_database);
  g_test_add_func ("/gcm/search/snippet-markup", test_snippet_markup);
  g_test_add_func ("/gcm/search/snippet-choose", test_snippet_choose);
  g_test_add_func ("/gcm/search/snippet-cut", test_snippet_cut);
#define ADD(path, func) \
  g_test_add ("/gcm/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("words", test_words);
  ADD ("quoting", test_quoting);
  ADD ("typed-filters", test_typed_filters);
  ADD ("hostile", test_hostile);
  ADD ("ranking", test_ranking);
  ADD ("snippets", test_snippets);
  ADD ("snippet-sentences", test_snippet_sentences);
  ADD ("snippet-codes", test_snippet_codes);
  ADD ("word-forms", test_word_forms);
  ADD ("total", test_total);
  ADD ("quiz-answers-not-indexed", test_quiz_answers_not_indexed);
  ADD ("terms", test_terms);
  ADD ("korean", test_korean);
  ADD ("suggestion", test_suggestion);
  ADD ("item-changes", test_item_changes);
  ADD ("async", test_async);
  ADD ("cancel-superseded", test_cancel_superseded);
  ADD ("cancel-caller", test_cancel_caller);
  ADD ("cancel-sync", test_cancel_sync);
#undef ADD

  return g_test_run ();
}
