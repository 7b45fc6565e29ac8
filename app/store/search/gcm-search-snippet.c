/* gcm-search-snippet.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Picks the passage a search result shows: one sentence of the item's body that holds the most
 * of the query's words, never a run of text across lines. The body is plain text with one
 * Markdown block a line, so a heading is a line of its own; lines that are headings are never
 * part of a sentence, they are only returned as where the sentence stands. A real sentence
 * (one that ends like one) wins over a list line holding as many words.
 *
 * The choice is pure: the caller finds the matches (the FTS5 tokenizer knows what matches),
 * _gcm_search_snippet_choose() only chooses and cuts. The result marks matches with \x01…\x02,
 * as snippet() does. gcm_snippet(), the FTS5 function that finds the matches with the table's
 * own tokenizer, and the composition of the passage a result shows from a stage's row
 * (_gcm_search_make_snippet()) are here too.
 */

#define G_LOG_DOMAIN "GcmSearchSnippet"

#include "gcm-search-snippet.h"

#include <string.h>

#include "gcm-search-private.h"
#include "gcm-search-results-private.h"

#define CONTEXT_BEFORE 40  /* characters kept before the first match of a cut sentence */
#define MIN_PROSE_WORDS 2  /* "Yes." answers nothing; Korean sentences have few words */
#define MAX_CODE_LABELS 3  /* codes a snippet names, then "…" */

typedef struct
{
  gsize   start;
  gsize   end;
  guint32 phrases;  /* bit i: phrase i matched inside */
  gboolean prose;
} Passage;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
trim (const char *text,
      gsize      *start,
      gsize      *end)
{
  while (*start < *end && is_space (text[*start]))
    (*start)++;
  while (*end > *start && is_space (text[*end - 1]))
    (*end)--;
}

static gboolean
is_heading (GPtrArray  *headings,
            const char *text,
            gsize       start,
            gsize       end)
{
  for (guint i = 0; i < headings->len; i++)
    {
      const char *h = g_ptr_array_index (headings, i);

      if (strlen (h) == end - start && memcmp (h, text + start, end - start) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A full stop ends a sentence when a new one visibly starts: "e.g. the" and "2903.14" go on. */
static gboolean
ends_sentence (const char *text,
               gsize       pos,
               gsize       end)
{
  char c = text[pos];
  gsize next = pos + 1;
  gunichar n;

  if (c == '\xe3' && next + 1 < end && text[next] == '\x80' && text[next + 1] == '\x82')
    return TRUE;   /* 。 */
  if (c != '.' && c != '!' && c != '?')
    return FALSE;
  if (next >= end)
    return TRUE;
  if (!is_space (text[next]))
    return FALSE;
  while (next < end && is_space (text[next]))
    next++;
  if (next >= end)
    return TRUE;
  n = g_utf8_get_char_validated (text + next, end - next);
  return n != (gunichar) -1 && n != (gunichar) -2 &&
         !g_unichar_islower (n) && !g_unichar_isdigit (n);
}

static gboolean
ends_with_stop (const char *text,
                gsize       start,
                gsize       end)
{
  char c = end > start ? text[end - 1] : '\0';

  return c == '.' || c == '!' || c == '?' ||
         (end - start >= 3 && memcmp (text + end - 3, "\xe3\x80\x82", 3) == 0);
}

static guint
count_words (const char *text,
             gsize       start,
             gsize       end)
{
  guint n = 0;

  for (gsize p = start; p < end; p++)
    if (!is_space (text[p]) && (p == start || is_space (text[p - 1])))
      n++;
  return n;
}

static guint
count_bits (guint32 v)
{
  guint n = 0;

  for (; v != 0; v &= v - 1)
    n++;
  return n;
}

static guint32
phrases_in (const GcmSearchSpan *spans,
            guint                n_spans,
            gsize                start,
            gsize                end)
{
  guint32 mask = 0;

  for (guint i = 0; i < n_spans; i++)
    if (spans[i].start >= start && spans[i].end <= end)
      mask |= 1u << MIN (spans[i].phrase, 31);
  return mask;
}

static gsize
skip_chars (const char *text,
            gsize       pos,
            gsize       limit,
            glong       n)
{
  while (n-- > 0 && pos < limit)
    pos = g_utf8_next_char (text + pos) - text;
  return MIN (pos, limit);
}

static gsize
back_chars (const char *text,
            gsize       pos,
            gsize       limit,
            glong       n)
{
  while (n-- > 0 && pos > limit)
    pos = g_utf8_prev_char (text + pos) - text;
  return MAX (pos, limit);
}

/* The text of [start, end) with its matches marked, cut to GCM_SEARCH_SNIPPET_MAX_CHARS
 * around the first match, at word boundaries, and "…" where it was cut. */
static char *
mark_passage (const char          *text,
              gsize                start,
              gsize                end,
              const GcmSearchSpan *spans,
              guint                n_spans)
{
  GString *out = g_string_new (NULL);
  gsize from = start, to = end;

  if (g_utf8_strlen (text + start, end - start) > GCM_SEARCH_SNIPPET_MAX_CHARS)
    {
      gsize first = start;

      for (guint i = 0; i < n_spans; i++)
        if (spans[i].start >= start && spans[i].end <= end)
          {
            first = spans[i].start;
            break;
          }
      from = back_chars (text, first, start, CONTEXT_BEFORE);
      while (from > start && !is_space (text[from - 1]))
        from--;
      to = skip_chars (text, from, end, GCM_SEARCH_SNIPPET_MAX_CHARS);
      if (to < end)
        {
          gsize word = to;

          while (word > from && !is_space (text[word]))
            word--;
          if (word > first)
            to = word;
        }
      for (guint i = 0; i < n_spans; i++)
        if (spans[i].start < to && spans[i].end > to)
          to = spans[i].end;
      trim (text, &from, &to);
    }

  if (from > start)
    g_string_append (out, "…");
  for (gsize p = from; p < to; )
    {
      const GcmSearchSpan *span = NULL;

      for (guint i = 0; i < n_spans && span == NULL; i++)
        if (spans[i].start == p && spans[i].end <= to && spans[i].end > p)
          span = &spans[i];
      if (span != NULL)
        {
          g_string_append_c (out, GCM_SEARCH_MARK_OPEN);
          g_string_append_len (out, text + p, span->end - p);
          g_string_append_c (out, GCM_SEARCH_MARK_CLOSE);
          p = span->end;
        }
      else
        g_string_append_c (out, text[p++]);
    }
  if (to < end)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
passage_is_better (const Passage *a,
                   const Passage *best)
{
  guint na = count_bits (a->phrases), nb = count_bits (best->phrases);

  if (na != nb)
    return na > nb;
  return a->prose && !best->prose;
}

/* ------------------------------------------------------------------------------------------ */
/* Private API                                                                                */

/**
 * _gcm_search_snippet_choose:
 * @body: (nullable): the item's plain text, one block a line
 * @headings: (nullable): its headings, one a line
 * @spans: (array length=n_spans): the matches in @body, by start
 *
 * Returns: (transfer full): the passage to show
 */
GcmSearchSnippet *
_gcm_search_snippet_choose (const char          *body,
                            const char          *headings,
                            const GcmSearchSpan *spans,
                            guint                n_spans)
{
  g_autoptr(GcmSearchSnippet) self = g_new0 (GcmSearchSnippet, 1);
  g_autoptr(GPtrArray) heading_set = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) heading_lines = g_strsplit (headings != NULL ? headings : "", "\n", -1);
  Passage best = { 0 }, first = { 0 }, after_heading = { 0 };
  gsize best_heading[2] = { 0 }, first_heading[2] = { 0 }, hit_heading[2] = { 0 };
  gsize heading[2] = { 0 };
  guint32 hit_heading_phrases = 0;
  gboolean have_best = FALSE, have_first = FALSE, want_after = FALSE, have_after = FALSE;
  gsize len;

  if (body == NULL)
    return g_steal_pointer (&self);
  len = strlen (body);

  for (guint i = 0; heading_lines[i] != NULL; i++)
    {
      char *h = g_strstrip (g_strdup (heading_lines[i]));

      if (*h != '\0')
        g_ptr_array_add (heading_set, h);
      else
        g_free (h);
    }

  for (gsize line = 0; line < len; )
    {
      const char *nl = memchr (body + line, '\n', len - line);
      gsize line_end = nl != NULL ? (gsize) (nl - body) : len;
      gsize ls = line, le = line_end;

      line = line_end + 1;
      trim (body, &ls, &le);
      if (ls == le)
        continue;

      if (is_heading (heading_set, body, ls, le))
        {
          guint32 phrases = phrases_in (spans, n_spans, ls, le);

          heading[0] = ls;
          heading[1] = le;
          if (count_bits (phrases) > count_bits (hit_heading_phrases))
            {
              hit_heading_phrases = phrases;
              hit_heading[0] = ls;
              hit_heading[1] = le;
              want_after = TRUE;
              have_after = FALSE;
            }
          continue;
        }

      for (gsize s = ls; s < le; )
        {
          Passage p = { s, le, 0, FALSE };

          for (gsize q = s; q < le; q++)
            if (ends_sentence (body, q, le))
              {
                p.end = q + (body[q] == '\xe3' ? 3 : 1);
                break;
              }
          s = p.end;
          trim (body, &p.start, &p.end);
          p.prose = ends_with_stop (body, p.start, p.end) &&
                    count_words (body, p.start, p.end) >= MIN_PROSE_WORDS;
          while (s < le && is_space (body[s]))
            s++;
          if (p.start == p.end)
            continue;
          p.phrases = phrases_in (spans, n_spans, p.start, p.end);

          if (!have_first || (p.prose && !first.prose))
            {
              first = p;
              first_heading[0] = heading[0];
              first_heading[1] = heading[1];
              have_first = TRUE;
            }
          if (want_after && !have_after)
            {
              after_heading = p;
              have_after = TRUE;
            }
          if (p.phrases != 0 && (!have_best || passage_is_better (&p, &best)))
            {
              best = p;
              best_heading[0] = heading[0];
              best_heading[1] = heading[1];
              have_best = TRUE;
            }
        }
    }

  if (have_best)
    {
      self->hit = best.prose ? GCM_SEARCH_SNIPPET_SENTENCE : GCM_SEARCH_SNIPPET_LIST;
      self->sentence = mark_passage (body, best.start, best.end, spans, n_spans);
      if (best_heading[1] > best_heading[0])
        self->heading = mark_passage (body, best_heading[0], best_heading[1], spans, n_spans);
    }
  else if (hit_heading_phrases != 0)
    {
      self->hit = GCM_SEARCH_SNIPPET_HEADING;
      self->heading = mark_passage (body, hit_heading[0], hit_heading[1], spans, n_spans);
      if (have_after)
        self->sentence = mark_passage (body, after_heading.start, after_heading.end, NULL, 0);
    }
  else if (have_first)
    {
      self->hit = GCM_SEARCH_SNIPPET_NONE;
      self->sentence = mark_passage (body, first.start, first.end, NULL, 0);
      if (first_heading[1] > first_heading[0])
        self->heading = mark_passage (body, first_heading[0], first_heading[1], NULL, 0);
    }

  return g_steal_pointer (&self);
}

void
_gcm_search_snippet_free (GcmSearchSnippet *self)
{
  if (self == NULL)
    return;

  g_free (self->heading);
  g_free (self->sentence);
  g_free (self);
}

/* ------------------------------------------------------------------------------------------ */
/* gcm_snippet(), on GcmSearch's connection                                                   */

/* gcm_snippet(table, terms): the passage a result shows (_gcm_search_snippet_choose()), from the
 * body column (4) and the headings (3). @terms is GcmSearchQuery.snippet_terms, one phrase a
 * line. The phrases go through the table's own tokenizer, and so does the body, so a match is
 * what the index matched: folded, and stemmed in `item_stem` (`labelling` marks `labelled`).
 * Unlike snippet(), it marks the words in every tier, although a title tier's expression names
 * only the title. The result is private to this file: a letter (N, S, H or L, see
 * GcmSearchSnippetHit), the heading above the passage, SNIPPET_SEPARATOR, the passage. */
#define SNIPPET_SEPARATOR    '\x1e'
#define SNIPPET_MAX_TOKENS   8    /* tokens of one phrase looked at */
#define SNIPPET_MAX_PAIRS    64   /* phrase tokens in all, one bit each */
#define SNIPPET_MAX_SPANS    256

typedef struct
{
  char     *tokens[SNIPPET_MAX_TOKENS];
  guint     n_tokens;
  guint     first_pair;
  gboolean  prefix;
} SnippetPhrase;

typedef struct
{
  SnippetPhrase phrases[32];
  guint         n_phrases;
  guint         n_pairs;
  GArray       *tokens;   /* SnippetToken of the body */
} SnippetState;

typedef struct
{
  int     start;
  int     end;
  guint64 pairs;          /* bit: this token is that phrase token */
} SnippetToken;

static int
on_phrase_token_cb (void       *data,
                    int         flags,
                    const char *token,
                    int         n_token,
                    int         start,
                    int         end)
{
  SnippetState *state = data;
  SnippetPhrase *phrase = &state->phrases[state->n_phrases];

  if ((flags & FTS5_TOKEN_COLOCATED) != 0 || phrase->n_tokens >= SNIPPET_MAX_TOKENS ||
      phrase->first_pair + phrase->n_tokens >= SNIPPET_MAX_PAIRS)
    return SQLITE_OK;
  phrase->tokens[phrase->n_tokens++] = g_strndup (token, n_token);
  return SQLITE_OK;
}

static int
on_body_token_cb (void       *data,
                  int         flags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  SnippetState *state = data;
  SnippetToken t = { start, end, 0 };

  if ((flags & FTS5_TOKEN_COLOCATED) != 0)
    return SQLITE_OK;
  for (guint p = 0; p < state->n_phrases; p++)
    {
      const SnippetPhrase *phrase = &state->phrases[p];

      for (guint j = 0; j < phrase->n_tokens; j++)
        {
          const char *want = phrase->tokens[j];
          gsize n = strlen (want);
          gboolean prefix = phrase->prefix && j == phrase->n_tokens - 1;

          if ((prefix ? (gsize) n_token >= n : (gsize) n_token == n) &&
              memcmp (token, want, n) == 0)
            t.pairs |= G_GUINT64_CONSTANT (1) << (phrase->first_pair + j);
        }
    }
  g_array_append_val (state->tokens, t);
  return SQLITE_OK;
}

void
_gcm_search_snippet_function (const Fts5ExtensionApi  *api,
                              Fts5Context             *fts,
                              sqlite3_context         *context,
                              int                      n_values,
                              sqlite3_value          **values)
{
  SnippetState state = { 0 };
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GcmSearchSpan));
  g_autoptr(GcmSearchSnippet) snippet = NULL;
  g_auto(GStrv) lines = NULL;
  const char *body = NULL, *headings = NULL;
  int n_body = 0, n_headings = 0;
  GString *out;

  lines = g_strsplit (n_values > 0 ? (const char *) sqlite3_value_text (values[0]) ?: "" : "",
                      "\n", -1);
  for (guint i = 0; lines[i] != NULL && state.n_phrases < G_N_ELEMENTS (state.phrases); i++)
    {
      SnippetPhrase *phrase = &state.phrases[state.n_phrases];
      gsize len = strlen (lines[i]);

      phrase->first_pair = state.n_pairs;
      phrase->prefix = len > 0 && lines[i][len - 1] == '*';
      api->xTokenize (fts, lines[i], (int) len, &state, on_phrase_token_cb);
      if (phrase->n_tokens == 0)
        continue;
      state.n_pairs += phrase->n_tokens;
      state.n_phrases++;
    }

  if (api->xColumnText (fts, 4, &body, &n_body) != SQLITE_OK || body == NULL)
    n_body = 0;
  if (api->xColumnText (fts, 3, &headings, &n_headings) != SQLITE_OK || headings == NULL)
    n_headings = 0;

  state.tokens = g_array_new (FALSE, FALSE, sizeof (SnippetToken));
  if (state.n_phrases > 0 && n_body > 0)
    api->xTokenize (fts, body, n_body, &state, on_body_token_cb);

  /* A phrase matches where its tokens follow each other. */
  for (guint i = 0; i < state.tokens->len && spans->len < SNIPPET_MAX_SPANS; i++)
    for (guint p = 0; p < state.n_phrases; p++)
      {
        const SnippetPhrase *phrase = &state.phrases[p];
        guint j;

        for (j = 0; j < phrase->n_tokens && i + j < state.tokens->len; j++)
          if ((g_array_index (state.tokens, SnippetToken, i + j).pairs &
               (G_GUINT64_CONSTANT (1) << (phrase->first_pair + j))) == 0)
            break;
        if (j == phrase->n_tokens)
          {
            GcmSearchSpan span = {
              g_array_index (state.tokens, SnippetToken, i).start,
              g_array_index (state.tokens, SnippetToken, i + j - 1).end,
              p,
            };

            g_array_append_val (spans, span);
            break;
          }
      }

  {
    g_autofree char *b = g_strndup (body != NULL ? body : "", n_body);
    g_autofree char *h = g_strndup (headings != NULL ? headings : "", n_headings);

    snippet = _gcm_search_snippet_choose (b, h, (GcmSearchSpan *) (void *) spans->data, spans->len);
  }

  out = g_string_new (NULL);
  g_string_append_c (out, "NSHL"[snippet->hit]);
  if (snippet->heading != NULL)
    g_string_append (out, snippet->heading);
  g_string_append_c (out, SNIPPET_SEPARATOR);
  if (snippet->sentence != NULL)
    g_string_append (out, snippet->sentence);
  {
    int n = (int) out->len;

    sqlite3_result_text (context, g_string_free (out, FALSE), n, g_free);
  }

  for (guint p = 0; p <= state.n_phrases && p < G_N_ELEMENTS (state.phrases); p++)
    for (guint j = 0; j < state.phrases[p].n_tokens; j++)
      g_free (state.phrases[p].tokens[j]);
  g_array_unref (state.tokens);
}

/* ------------------------------------------------------------------------------------------ */
/* The passage a result shows                                                                 */

/* Marks every occurrence of @words in @text, for text the tokenizer did not see. */
static char *
mark_words (const char         *text,
            const char * const *words)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      gsize match = 0;

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          gsize len = strlen (words[i]);

          if (len > match && g_ascii_strncasecmp (p, words[i], len) == 0)
            match = len;
        }
      if (match > 0)
        {
          g_string_append_c (out, GCM_SEARCH_MARK_OPEN);
          g_string_append_len (out, p, match);
          g_string_append_c (out, GCM_SEARCH_MARK_CLOSE);
          p += match;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_mark (const char *text)
{
  return text != NULL && strchr (text, GCM_SEARCH_MARK_OPEN) != NULL;
}

/* snippet() and a window run across lines, a heading into its paragraph: keep the line of the
 * first match, or the first line. */
static char *
dup_marked_line (const char *text)
{
  const char *mark = strchr (text, GCM_SEARCH_MARK_OPEN);
  const char *start = mark != NULL ? mark : text;
  const char *end;

  while (start > text && start[-1] != '\n')
    start--;
  while (*start == '\n')
    start++;
  end = strchr (start, '\n');
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static gboolean
equals_undotted (const char *dotted,
                 const char *bare)
{
  if (strchr (dotted, '.') == NULL)
    return FALSE;
  for (; *dotted != '\0'; dotted++)
    {
      if (*dotted == '.')
        continue;
      if (*dotted != *bare)
        return FALSE;
      bare++;
    }
  return *bare == '\0';
}

/* The codes of an item (`hs:2903.14 hs:290314 un:1846`) that the query's code filters match,
 * as an officer writes them: "HS 2903.14, UN 1846". The importer adds an undotted HS code
 * beside each dotted one, so an undotted match is shown dotted, and once. */
static char *
dup_code_labels (const GcmSearchQuery *query,
                 const char           *codes)
{
  g_auto(GStrv) item_codes = g_strsplit (codes != NULL ? codes : "", " ", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; item_codes[i] != NULL; i++)
    {
      const char *code = item_codes[i];
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      const char *colon = strchr (code, ':');
      gboolean matched = FALSE, dup = FALSE;

      for (guint q = 0; query->codes[q] != NULL && !matched; q++)
        matched = query->code_prefix[q] ? g_str_has_prefix (code, query->codes[q])
                                        : strcmp (code, query->codes[q]) == 0;
      if (!matched || colon == NULL)
        continue;

      /* hs:290314 stands beside hs:2903.14: show the dotted one. */
      for (guint j = 0; item_codes[j] != NULL && strchr (colon, '.') == NULL; j++)
        if (j != i && equals_undotted (item_codes[j], code))
          {
            code = item_codes[j];
            colon = strchr (code, ':');
          }

      key = g_ascii_strup (code, colon - code);
      label = g_strdup_printf ("%s %s", key, colon + 1);
      for (guint l = 0; l < labels->len && !dup; l++)
        dup = strcmp (g_ptr_array_index (labels, l), label) == 0;
      if (!dup && labels->len == MAX_CODE_LABELS)
        {
          g_ptr_array_add (labels, g_strdup ("…"));
          break;
        }
      if (!dup)
        g_ptr_array_add (labels, g_steal_pointer (&label));
    }

  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

/*
 * The passage a result shows, marked (see gcm_search_results_get_result() for the forms):
 *  - a code query: the codes matched, then the heading and the sentence that name them;
 *  - a sentence of the body that holds the words, alone;
 *  - else the summary, when it holds the words;
 *  - else a list line of the body that holds them;
 *  - else a heading that holds them, then the first sentence under it;
 *  - else the summary, or the body's first sentence.
 */
char *
_gcm_search_make_snippet (const GcmSearchQuery  *query,
                          GcmSearchSnippetShape  shape,
                          const char * const    *words,
                          const char            *snippet,
                          const char            *summary,
                          const char            *codes,
                          gboolean               window_inside)
{
  GcmSearchSnippetHit hit = GCM_SEARCH_SNIPPET_NONE;
  g_autofree char *heading = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *marked_summary = NULL;

  if (shape == GCM_SEARCH_SNIPPET_OURS && snippet != NULL && snippet[0] != '\0')
    {
      const char *sep = strchr (snippet, SNIPPET_SEPARATOR);

      const char *letters = "NSHL";
      const char *letter = strchr (letters, snippet[0]);

      hit = letter != NULL ? (GcmSearchSnippetHit) (letter - letters) : GCM_SEARCH_SNIPPET_NONE;
      if (sep != NULL)
        {
          if (sep > snippet + 1)
            heading = g_strndup (snippet + 1, sep - snippet - 1);
          if (sep[1] != '\0')
            sentence = g_strdup (sep + 1);
        }
    }
  else if (shape == GCM_SEARCH_SNIPPET_WINDOW && snippet != NULL)
    {
      g_autofree char *marked = mark_words (snippet, words);
      g_autofree char *line = dup_marked_line (marked);
      gboolean inside = window_inside && g_str_has_prefix (marked, line);

      sentence = g_strconcat (inside ? "…" : "", line, "…", NULL);
      hit = has_mark (sentence) ? GCM_SEARCH_SNIPPET_SENTENCE : GCM_SEARCH_SNIPPET_NONE;
    }
  else if (snippet != NULL && snippet[0] != '\0')
    {
      sentence = dup_marked_line (snippet);
      hit = has_mark (sentence) ? GCM_SEARCH_SNIPPET_SENTENCE : GCM_SEARCH_SNIPPET_NONE;
    }

  if (summary != NULL && summary[0] != '\0')
    marked_summary = mark_words (summary, words);

  if (query->codes[0] != NULL && (labels = dup_code_labels (query, codes)) != NULL)
    {
      if (hit != GCM_SEARCH_SNIPPET_NONE && sentence != NULL)
        return g_strdup_printf ("\x01%s\x02 — %s%s%s", labels, heading ? heading : "",
                                heading ? ": " : "", sentence);
      return g_strdup_printf ("\x01%s\x02%s%s", labels, marked_summary ? " — " : "",
                              marked_summary ? marked_summary : "");
    }
  if (hit == GCM_SEARCH_SNIPPET_SENTENCE && sentence != NULL)
    return g_steal_pointer (&sentence);
  if (has_mark (marked_summary))
    return g_steal_pointer (&marked_summary);
  if (hit == GCM_SEARCH_SNIPPET_LIST && sentence != NULL)
    return g_steal_pointer (&sentence);
  if (hit == GCM_SEARCH_SNIPPET_HEADING && heading != NULL)
    return sentence != NULL ? g_strdup_printf ("%s: %s", heading, sentence)
                            : g_steal_pointer (&heading);
  if (marked_summary != NULL)
    return g_steal_pointer (&marked_summary);
  return g_strdup (sentence != NULL ? sentence : "");
}
