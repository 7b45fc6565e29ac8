/* bench-search.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search-as-you-type latency on a library written by bench-library:
 *
 *   bench-search [--queries N] [--grep-every K] [--limit L] [--strict] DIR
 *
 * Queries are typed the way an officer types them: the prefixes of a word, one keystroke
 * (one character, one Hangul syllable) at a time, sometimes after a first whole word
 * ("ivory", "ivory s", "ivory se", …). Each query runs, in the same process and on the same
 * database:
 *   - gcm_search_query(): the whole product path, from text to Pango snippets;
 *   - the raw FTS5 query it is built on: `item_fts MATCH ? ORDER BY rank LIMIT L` with
 *     snippet(), every row stepped and read;
 *   - every K-th query, `grep -r -i -l -F` over the same text as files.
 * It prints median, p95, p99 and max per method and the ratios. The targets: p95 ≤ 5 ms, and
 * p95 ≤ 1.5× the raw query's. With --strict a missed target exits with status 1.
 */

#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "gcm-search.h"
#include "gcm-search-query.h"

#define TARGET_P95_MS 5.0
#define TARGET_RATIO  1.5

typedef struct
{
  const char *name;
  GArray     *ms;     /* double */
} Series;

typedef struct
{
  const char *text;
  double      ours;
  double      raw;
  guint       n_results;
} Timing;

static int
compare_timing_desc (gconstpointer a,
                     gconstpointer b)
{
  double x = ((const Timing *) a)->ours, y = ((const Timing *) b)->ours;

  return x > y ? -1 : x < y;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return NAN;
  i = (guint) ceil (p / 100.0 * sorted->len);
  i = CLAMP (i, 1, sorted->len) - 1;
  return g_array_index (sorted, double, i);
}

static double
mean (GArray *a)
{
  double sum = 0;

  for (guint i = 0; i < a->len; i++)
    sum += g_array_index (a, double, i);
  return a->len ? sum / a->len : NAN;
}

static void
print_series (Series *s)
{
  g_array_sort (s->ms, compare_double);
  g_print ("%-34s %8u %9.3f %9.3f %9.3f %9.3f %9.3f\n", s->name, s->ms->len,
           percentile (s->ms, 50), percentile (s->ms, 95), percentile (s->ms, 99),
           g_array_index (s->ms, double, s->ms->len - 1), mean (s->ms));
}

/* The typed queries: prefixes of words, as keystrokes. Frequent words are searched more. */
static GPtrArray *
make_queries (GPtrArray *words,
              guint      n_queries,
              guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  while (queries->len < n_queries)
    {
      /* Skewed to the frequent end of the list, but reaching into the rare tail. */
      double u = g_rand_double (rand);
      const char *word = g_ptr_array_index (words, (guint) (words->len * u * u * u));
      const char *first = NULL;
      glong n_chars = g_utf8_strlen (word, -1);

      if (g_rand_int_range (rand, 0, 10) < 3)
        first = g_ptr_array_index (words, (guint) (words->len * pow (g_rand_double (rand), 4)));

      for (glong n = 1; n <= n_chars && queries->len < n_queries; n++)
        {
          const char *end = g_utf8_offset_to_pointer (word, n);
          g_autofree char *typed = g_strndup (word, end - word);

          g_ptr_array_add (queries, first != NULL ? g_strconcat (first, " ", typed, NULL)
                                                  : g_steal_pointer (&typed));
        }
    }
  return queries;
}

/* CPU time of this thread in ms: unlike wall time, it does not count the time other
 * processes of a busy machine hold the CPU. Both paths run on the calling thread. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
run_ours (GcmSearch  *search,
          const char *text,
          guint       limit,
          guint      *n_results,
          double     *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSearchResults) results = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();

  results = gcm_search_query (search, text, limit, NULL, &error);
  if (results == NULL)
    g_error ("“%s”: %s", text, error->message);
  *n_results = gcm_search_results_get_n_results (results);
  *cpu = thread_cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
run_raw (sqlite3_stmt *stmt,
         const char   *match,
         guint         limit,
         double       *cpu)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();
  gsize bytes = 0;
  int rc;

  *cpu = 0;
  if (match == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bytes += sqlite3_column_int64 (stmt, 0);
      bytes += sqlite3_column_bytes (stmt, 1);
      bytes += sqlite3_column_bytes (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    g_error ("raw query “%s”: %s", match, sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
  (void) bytes;
  *cpu = thread_cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
run_grep (const char *text,
          const char *text_dir)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "grep", "-r", "-i", "-l", "-F", "-e", text, text_dir, NULL };
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("grep: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmSearch) search = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text_dir = NULL;
  g_autofree char *words_path = NULL;
  g_autofree char *words_text = NULL;
  g_auto(GStrv) lines = NULL;
  int n_queries = 2000;
  int grep_every = 10;
  int limit = 20;
  int slowest = 0;
  gboolean strict = FALSE;
  Series ours = { "gcm_search_query (product path)", NULL };
  Series raw = { "raw FTS5 MATCH + snippet", NULL };
  Series ours_cpu = { "  the same, CPU time", NULL };
  Series raw_cpu = { "  the same, CPU time", NULL };
  Series grep = { "grep -ril (same text as files)", NULL };
  g_autoptr(GArray) per_query = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint empty = 0;
  double ours_p95, raw_p95, ratio_p95, ratio_median;
  gboolean ok;
  GOptionEntry entries[] = {
    { "queries", 'q', 0, G_OPTION_ARG_INT, &n_queries, "Typed queries to run (2000)", "N" },
    { "grep-every", 'g', 0, G_OPTION_ARG_INT, &grep_every, "Run grep for every K-th query (10; 0: never)", "K" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, "Results per query (20)", "L" },
    { "slowest", 0, 0, G_OPTION_ARG_INT, &slowest, "List the N slowest queries", "N" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Exit with status 1 when a target is missed", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("DIR — measure search-as-you-type latency");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_queries < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: bench-search [OPTION…] DIR");
      return 2;
    }

  db_path = g_build_filename (argv[1], "content.db", NULL);
  text_dir = g_build_filename (argv[1], "text", NULL);
  words_path = g_build_filename (argv[1], "words.txt", NULL);
  if (!g_file_get_contents (words_path, &words_text, NULL, &error))
    g_error ("%s (run bench-library first)", error->message);
  lines = g_strsplit (words_text, "\n", -1);
  words = g_ptr_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (words, lines[i]);
  queries = make_queries (words, n_queries, 42);

  search = gcm_search_new (db_path);
  /* The same connection settings as GcmSearch's. */
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (db,
                          "SELECT rowid, search_title, snippet(item_fts, 4, x'01', x'02', '…', 16)"
                          " FROM item_fts WHERE item_fts MATCH ?1 ORDER BY rank LIMIT ?2",
                          -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", db_path, sqlite3_errmsg (db));

  ours.ms = g_array_new (FALSE, FALSE, sizeof (double));
  ours_cpu.ms = g_array_new (FALSE, FALSE, sizeof (double));
  raw_cpu.ms = g_array_new (FALSE, FALSE, sizeof (double));
  per_query = g_array_new (FALSE, FALSE, sizeof (Timing));
  raw.ms = g_array_new (FALSE, FALSE, sizeof (double));
  grep.ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Warm both paths and the page cache; not measured. */
  for (guint i = 0; i < MIN (queries->len, 100u); i++)
    {
      const char *text = g_ptr_array_index (queries, i);
      g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (text);
      guint n;
      double cpu;

      run_ours (search, text, limit, &n, &cpu);
      run_raw (stmt, query->match, limit, &cpu);
    }

  for (guint i = 0; i < queries->len; i++)
    {
      const char *text = g_ptr_array_index (queries, i);
      g_autoptr(GcmSearchQuery) query = gcm_search_query_parse (text);
      double t_ours, t_raw, c_ours, c_raw;
      guint n;

      /* Alternate the order, so neither path always runs on the other's warm cache. */
      if (i % 2 == 0)
        {
          t_ours = run_ours (search, text, limit, &n, &c_ours);
          t_raw = run_raw (stmt, query->match, limit, &c_raw);
        }
      else
        {
          t_raw = run_raw (stmt, query->match, limit, &c_raw);
          t_ours = run_ours (search, text, limit, &n, &c_ours);
        }
      g_array_append_val (ours.ms, t_ours);
      g_array_append_val (ours_cpu.ms, c_ours);
      g_array_append_val (per_query, ((Timing) { text, t_ours, t_raw, n }));
      if (query->match != NULL)
        {
          g_array_append_val (raw.ms, t_raw);
          g_array_append_val (raw_cpu.ms, c_raw);
        }
      empty += n == 0;

      if (grep_every > 0 && i % grep_every == 0)
        {
          double t_grep = run_grep (text, text_dir);

          g_array_append_val (grep.ms, t_grep);
        }
    }

  g_print ("library: %s\n", argv[1]);
  g_print ("queries: %u typed prefixes (%u found nothing), top %d with snippets\n\n",
           queries->len, empty, limit);
  g_print ("%-34s %8s %9s %9s %9s %9s %9s\n", "method", "queries", "median", "p95", "p99",
           "max", "mean");
  g_print ("%-34s %8s %9s %9s %9s %9s %9s\n", "", "", "ms", "ms", "ms", "ms", "ms");
  print_series (&ours);
  print_series (&ours_cpu);
  print_series (&raw);
  print_series (&raw_cpu);
  if (grep.ms->len > 0)
    print_series (&grep);

  ours_p95 = percentile (ours.ms, 95);
  raw_p95 = percentile (raw.ms, 95);
  ratio_p95 = ours_p95 / raw_p95;
  ratio_median = percentile (ours.ms, 50) / percentile (raw.ms, 50);
  g_print ("\nratio product/raw FTS5: median %.2f×, p95 %.2f× (CPU time: median %.2f×, p95 %.2f×)\n",
           ratio_median, ratio_p95,
           percentile (ours_cpu.ms, 50) / percentile (raw_cpu.ms, 50),
           percentile (ours_cpu.ms, 95) / percentile (raw_cpu.ms, 95));
  if (grep.ms->len > 0)
    g_print ("ratio grep/product: median %.0f×, p95 %.0f×\n",
             percentile (grep.ms, 50) / percentile (ours.ms, 50),
             percentile (grep.ms, 95) / ours_p95);

  if (slowest > 0)
    {
      g_array_sort (per_query, compare_timing_desc);
      g_print ("\nslowest queries (product ms, raw ms, results):\n");
      for (guint i = 0; i < MIN ((guint) slowest, per_query->len); i++)
        {
          const Timing *t = &g_array_index (per_query, Timing, i);

          g_print ("  %8.3f %8.3f %3u  %s\n", t->ours, t->raw, t->n_results, t->text);
        }
    }

  ok = ours_p95 <= TARGET_P95_MS && ratio_p95 <= TARGET_RATIO;
  g_print ("targets: p95 %.3f ms ≤ %.1f ms: %s; p95 ratio %.2f× ≤ %.1f×: %s\n",
           ours_p95, TARGET_P95_MS, ours_p95 <= TARGET_P95_MS ? "met" : "MISSED",
           ratio_p95, TARGET_RATIO, ratio_p95 <= TARGET_RATIO ? "met" : "MISSED");
  {
    g_autofree char *loadavg = NULL;

    /* A busy machine inflates wall times; the CPU-time rows are the steadier figure. */
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      g_print ("load average at the end: %.2f (%u CPUs)\n", g_ascii_strtod (loadavg, NULL),
               g_get_num_processors ());
  }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_array_unref (ours.ms);
  g_array_unref (ours_cpu.ms);
  g_array_unref (raw_cpu.ms);
  g_array_unref (raw.ms);
  g_array_unref (grep.ms);

  return strict && !ok ? 1 : 0;
}
