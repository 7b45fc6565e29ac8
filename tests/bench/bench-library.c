/* bench-library.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a synthetic library for the search benchmark:
 *
 *   bench-library [--items N] [--seed S] --output DIR
 *
 * DIR/content.db   N items of about 2 KB of text each, half English, half Korean, in the real
 *                  `item` schema (gcm_content_schema_create), indexed by the real triggers and
 *                  refreshed with gcm_search_refresh(), as an import would leave it
 * DIR/text/N.txt   the same indexed text (title, codes, keywords, headings, body) as files, for
 *                  the grep baseline
 * DIR/words.txt    the vocabulary, most frequent first, one word a line: the benchmark types
 *                  queries from it
 *
 * The vocabulary is Zipf-distributed: a few hundred real customs words at the top, then
 * pseudo-words, so prefix queries hit a realistic mix of frequent and rare terms. Korean nouns
 * carry particles (`증거물을`), as in real text. The same seed gives the same library.
 */

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-search.h"
#include "gcm-search-schema.h"

#define BODY_BYTES 2000

static const char * const english_words[] = {
  "ivory", "seizure", "seized", "customs", "officer", "container", "declaration", "permit",
  "cites", "basel", "rotterdam", "stockholm", "montreal", "protocol", "convention", "waste",
  "hazardous", "refrigerant", "cylinder", "label", "manifest", "invoice", "shipment", "port",
  "airport", "courier", "luggage", "elephant", "rhinoceros", "horn", "pangolin", "scales",
  "timber", "rosewood", "sandalwood", "turtle", "shell", "coral", "orchid", "python", "skin",
  "leather", "battery", "batteries", "lead", "acid", "mercury", "pesticide", "chemical",
  "solvent", "ozone", "depleting", "substance", "hydrochlorofluorocarbon", "methyl", "bromide",
  "fumigant", "inspection", "examination", "sample", "laboratory", "analysis", "evidence",
  "chain", "custody", "seal", "photograph", "report", "prosecution", "penalty", "fine", "risk",
  "indicator", "profile", "targeting", "intelligence", "smuggling", "concealment", "false",
  "compartment", "misdeclaration", "transit", "transhipment", "export", "import", "licence",
  "quota", "exemption", "annex", "appendix", "species", "specimen", "identification", "guide",
  "procedure", "handling", "storage", "disposal", "safety", "protective", "equipment", "gloves",
  "mask", "ventilation", "leak", "detector", "gas", "pressure", "valve", "tank", "iso",
  "scrap", "metal", "plastic", "bales", "electronic", "equipment", "television", "computer",
  "monitor", "cathode", "tube", "used", "repair", "reuse", "recycling", "landfill", "broker",
  "consignee", "consignor", "vessel", "truck", "rail", "warehouse", "free", "zone", "bonded",
  "x-ray", "scanner", "radiation", "portal", "sniffer", "dog", "training", "workshop",
  "cooperation", "agency", "interpol", "wco", "unep", "secretariat", "party", "notification",
  "consent", "movement", "transboundary", "illegal", "traffic", "return", "repatriation",
};

static const char * const korean_words[] = {
  "세관", "증거물", "압수", "밀수", "상아", "코끼리", "천산갑", "비늘", "냉매", "용기",
  "폐기물", "유해", "협약", "바젤", "몬트리올", "신고서", "수입", "수출", "허가", "검사",
  "통관", "화물", "컨테이너", "공항", "여행자", "가방", "은닉", "적발", "봉인", "사진",
  "보고서", "분석", "시료", "실험실", "보관", "처리", "안전", "보호구", "장갑", "마스크",
  "환기", "누출", "탐지기", "가스", "압력", "배터리", "납", "수은", "농약", "화학물질",
  "오존층", "파괴물질", "훈증제", "위험", "지표", "정보", "협력", "교육", "응급처치", "발작",
  "뇌전증", "호흡", "절차", "규정", "벌금", "처벌", "선박", "트럭", "창고", "보세구역",
};

static const char * const particles[] = {
  "", "", "", "을", "를", "은", "는", "이", "가", "에서", "으로", "의", "도", "에", "과",
};

static const char * const latin_syllables[] = {
  "ba", "be", "bo", "ca", "co", "cu", "da", "de", "di", "fa", "fe", "ga", "go", "ha", "he",
  "ka", "ki", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "no", "pa", "pe",
  "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve",
  "za", "tra", "pro", "con", "ex", "in", "ter", "men", "tion", "al", "er", "ist", "ous",
};

static const char * const hangul_syllables[] = {
  "가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하", "고",
  "노", "도", "로", "모", "보", "소", "오", "조", "초", "구", "누", "두", "루", "무", "부",
  "수", "우", "주", "추", "기", "니", "디", "리", "미", "비", "시", "이", "지", "치", "관",
  "세", "압", "밀", "증", "거", "물", "발", "응", "급", "처", "뇌", "전", "통", "신", "검",
  "역", "품", "류", "화", "학", "약", "폐", "상", "코", "끼", "정", "보", "안", "위", "험",
};

static const char * const kinds[] = { "section", "case", "procedure", "quiz" };
static const char * const conventions[] = {
  "basel", "rotterdam", "stockholm", "montreal", "cites", "general",
};

typedef struct
{
  GPtrArray *words;   /* most frequent first */
  double    *cumul;   /* Zipf cumulative weights */
} Vocabulary;

static void
vocabulary_build (Vocabulary         *v,
                  GRand              *rand,
                  const char * const *real,
                  guint               n_real,
                  const char * const *syllables,
                  guint               n_syllables,
                  guint               size,
                  guint               min_syl,
                  guint               max_syl)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double total = 0;

  v->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_real; i++)
    if (g_hash_table_add (seen, (gpointer) real[i]))
      g_ptr_array_add (v->words, g_strdup (real[i]));

  while (v->words->len < size)
    {
      GString *w = g_string_new (NULL);
      guint n = g_rand_int_range (rand, min_syl, max_syl + 1);

      for (guint i = 0; i < n; i++)
        g_string_append (w, syllables[g_rand_int_range (rand, 0, n_syllables)]);
      if (g_hash_table_contains (seen, w->str))
        {
          g_string_free (w, TRUE);
          continue;
        }
      g_ptr_array_add (v->words, g_string_free (w, FALSE));
      g_hash_table_add (seen, g_ptr_array_index (v->words, v->words->len - 1));
    }

  v->cumul = g_new (double, size);
  for (guint i = 0; i < size; i++)
    {
      total += 1.0 / pow (i + 1, 1.0);
      v->cumul[i] = total;
    }
  for (guint i = 0; i < size; i++)
    v->cumul[i] /= total;
}

static const char *
vocabulary_pick (const Vocabulary *v,
                 GRand            *rand)
{
  double x = g_rand_double (rand);
  guint lo = 0, hi = v->words->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (v->cumul[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return g_ptr_array_index (v->words, lo);
}

static void
append_word (GString          *out,
             const Vocabulary *v,
             gboolean          korean,
             GRand            *rand)
{
  g_string_append (out, vocabulary_pick (v, rand));
  if (korean)
    g_string_append (out, particles[g_rand_int_range (rand, 0, G_N_ELEMENTS (particles))]);
}

static char *
make_text (const Vocabulary *v,
           gboolean          korean,
           guint             min_words,
           guint             max_words,
           GRand            *rand)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_word (out, v, korean, rand);
    }
  return g_string_free (out, FALSE);
}

static char *
make_body (const Vocabulary *english,
           const Vocabulary *korean,
           gboolean          is_korean,
           GRand            *rand)
{
  GString *out = g_string_new (NULL);

  while (out->len < BODY_BYTES)
    {
      guint n = g_rand_int_range (rand, 6, 16);

      for (guint i = 0; i < n; i++)
        {
          /* Korean text quotes English terms now and then, and the other way round. */
          gboolean ko = g_rand_int_range (rand, 0, 10) == 0 ? !is_korean : is_korean;

          if (i > 0)
            g_string_append_c (out, ' ');
          append_word (out, ko ? korean : english, ko, rand);
        }
      g_string_append (out, ". ");
    }
  return g_string_free (out, FALSE);
}

static char *
make_codes (GRand *rand)
{
  guint heading = g_rand_int_range (rand, 100, 9800);
  guint sub = g_rand_int_range (rand, 10, 99);

  return g_strdup_printf ("hs:%04u.%02u hs:%04u%02u un:%04u cas:%u-%02u-%u", heading, sub,
                          heading, sub, g_rand_int_range (rand, 1000, 3600),
                          g_rand_int_range (rand, 50, 9000), g_rand_int_range (rand, 10, 99),
                          g_rand_int_range (rand, 0, 9));
}

static void
check_sql (sqlite3 *db,
           int      rc,
           int      expected)
{
  if (rc != expected)
    g_error ("SQLite: %s", sqlite3_errmsg (db));
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!gcm_sqlite_exec (db, sql, &error))
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *output = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text_dir = NULL;
  g_autofree char *words_path = NULL;
  g_autoptr(GString) words_out = g_string_new (NULL);
  int items = 10000;
  int seed = 1;
  Vocabulary english = { 0 };
  Vocabulary korean = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 start;
  GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &items, "Number of items (10000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (1)", "S" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Directory to write", "DIR" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— write a synthetic library for the search benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || output == NULL || items <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--output DIR is required");
      return 2;
    }

  start = g_get_monotonic_time ();
  rand = g_rand_new_with_seed (seed);
  vocabulary_build (&english, rand, english_words, G_N_ELEMENTS (english_words),
                    latin_syllables, G_N_ELEMENTS (latin_syllables), 12000, 2, 4);
  vocabulary_build (&korean, rand, korean_words, G_N_ELEMENTS (korean_words),
                    hangul_syllables, G_N_ELEMENTS (hangul_syllables), 8000, 2, 3);

  text_dir = g_build_filename (output, "text", NULL);
  if (g_mkdir_with_parents (text_dir, 0755) != 0)
    g_error ("Cannot create %s", text_dir);
  db_path = g_build_filename (output, "content.db", NULL);
  g_remove (db_path);

  check_sql (db, sqlite3_open (db_path, &db), SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL;");
  exec_or_die (db, "BEGIN IMMEDIATE;");
  if (!gcm_content_schema_create (db, &error))
    g_error ("%s", error->message);
  exec_or_die (db, "COMMIT;");

  check_sql (db, sqlite3_prepare_v2 (db,
                                     "INSERT INTO item (id, kind, version, lang, sha256, chapter,"
                                     " ord, title, summary, conventions, codes, keywords,"
                                     " headings, body, json)"
                                     " VALUES (?1, ?2, 1, ?3, '0', ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                                     " ?11, ?12, '{}')",
                                     -1, &insert, NULL), SQLITE_OK);

  /* One transaction, as an import applies a feed. */
  exec_or_die (db, "BEGIN IMMEDIATE;");
  for (int i = 0; i < items; i++)
    {
      gboolean is_korean = i % 2 == 1;
      const Vocabulary *v = is_korean ? &korean : &english;
      const char *kind = kinds[(i % 20) < 14 ? 0 : (i % 20) < 17 ? 1 : (i % 20) < 19 ? 2 : 3];
      gboolean quiz = strcmp (kind, "quiz") == 0;
      g_autofree char *id = g_strdup_printf ("%s/bench-%05d", kind, i);
      g_autofree char *chapter = g_strdup_printf ("chapter-%02d", i % 12);
      g_autofree char *title = make_text (v, is_korean, 2, 6, rand);
      g_autofree char *summary = make_text (v, is_korean, 6, 12, rand);
      g_autofree char *codes = make_codes (rand);
      g_autofree char *keywords = make_text (v, FALSE, 2, 5, rand);
      g_autofree char *headings = make_text (v, is_korean, 4, 10, rand);
      g_autofree char *body = quiz ? g_strdup ("") : make_body (&english, &korean, is_korean, rand);
      g_autofree char *text = g_strjoin ("\n", title, codes, keywords, headings, body, NULL);
      g_autofree char *file_name = g_strdup_printf ("%05d.txt", i);
      g_autofree char *file_path = g_build_filename (text_dir, file_name, NULL);
      g_autofree char *convention = g_strdup_printf ("%s %s",
                                                     conventions[i % G_N_ELEMENTS (conventions)],
                                                     conventions[(i / 7) % G_N_ELEMENTS (conventions)]);

      sqlite3_bind_text (insert, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, is_korean ? "ko" : "en", -1, SQLITE_STATIC);
      if (strcmp (kind, "section") == 0)
        sqlite3_bind_text (insert, 4, chapter, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (insert, 4);
      sqlite3_bind_int (insert, 5, i);
      sqlite3_bind_text (insert, 6, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, convention, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, codes, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 10, keywords, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 11, headings, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 12, body, -1, SQLITE_STATIC);
      check_sql (db, sqlite3_step (insert), SQLITE_DONE);
      sqlite3_reset (insert);

      if (!g_file_set_contents (file_path, text, -1, &error))
        g_error ("%s", error->message);
    }
  sqlite3_finalize (insert);

  {
    gint64 refresh_start = g_get_monotonic_time ();

    if (!gcm_search_refresh (db, &error))
      g_error ("%s", error->message);
    g_print ("refresh: %.0f ms\n", (g_get_monotonic_time () - refresh_start) / 1000.0);
  }
  exec_or_die (db, "COMMIT;");
  exec_or_die (db, "PRAGMA wal_checkpoint(TRUNCATE);");
  sqlite3_close (db);

  /* The words a user would type, most frequent first, alternating languages. */
  for (guint i = 0; i < MAX (english.words->len, korean.words->len); i++)
    {
      if (i < english.words->len)
        g_string_append_printf (words_out, "%s\n", (char *) g_ptr_array_index (english.words, i));
      if (i < korean.words->len)
        g_string_append_printf (words_out, "%s\n", (char *) g_ptr_array_index (korean.words, i));
    }
  words_path = g_build_filename (output, "words.txt", NULL);
  if (!g_file_set_contents (words_path, words_out->str, -1, &error))
    g_error ("%s", error->message);

  g_print ("wrote %d items to %s in %.1f s\n", items, output,
           (g_get_monotonic_time () - start) / 1e6);

  g_ptr_array_unref (english.words);
  g_ptr_array_unref (korean.words);
  g_free (english.cumul);
  g_free (korean.cumul);
  return 0;
}
