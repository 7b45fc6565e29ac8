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
 * Pure: the caller finds the matches (the FTS5 tokenizer knows what matches), this file only
 * chooses and cuts. The result marks matches with \x01…\x02, as snippet() does.
 */

#define G_LOG_DOMAIN "GcmSearchSnippet"

#include "gcm-search-snippet.h"

#include <string.h>

#include "gcm-search-results-private.h"

#define CONTEXT_BEFORE 40  /* characters kept before the first match of a cut sentence */
#define MIN_PROSE_WORDS 2  /* "Yes." answers nothing; Korean sentences have few words */

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
