/* gcm-search-results.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answer to one search: the hits in order, a "Did you mean" suggestion and the terms a page
 * highlights. An immutable, reference-counted boxed type, so a worker thread builds it and the
 * main thread reads it without copying.
 */

#define G_LOG_DOMAIN "GcmSearchResults"

#include "gcm-search-results-private.h"

#include <string.h>

struct _GcmSearchResults
{
  gatomicrefcount  ref_count;
  char            *text;
  GArray          *results;    /* GcmSearchResult */
  guint            total;
  char            *suggestion;
  gboolean         corrected;
  char           **terms;
};

G_DEFINE_BOXED_TYPE (GcmSearchResults, gcm_search_results,
                     gcm_search_results_ref, gcm_search_results_unref)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static void
clear_result (gpointer data)
{
  GcmSearchResult *result = data;

  g_free (result->id);
  g_free (result->kind);
  g_free (result->title);
  g_free (result->chapter);
  g_free (result->snippet_markup);
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  g_autofree char *escaped = NULL;

  if (length == 0)
    return;
  escaped = g_markup_escape_text (text, length);
  g_string_append (out, escaped);
}

/* ------------------------------------------------------------------------------------------ */
/* Private API                                                                                */

GcmSearchResults *
_gcm_search_results_new (const char *text)
{
  GcmSearchResults *self = g_new0 (GcmSearchResults, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text != NULL ? text : "");
  self->results = g_array_new (FALSE, TRUE, sizeof (GcmSearchResult));
  g_array_set_clear_func (self->results, clear_result);
  self->terms = g_new0 (char *, 1);
  return self;
}

/* Takes @snippet_markup. */
void
_gcm_search_results_add (GcmSearchResults *self,
                         const char       *id,
                         const char       *kind,
                         const char       *title,
                         const char       *chapter,
                         char             *snippet_markup,
                         double            rank)
{
  GcmSearchResult result = {
    .id = g_strdup (id != NULL ? id : ""),
    .kind = g_strdup (kind != NULL ? kind : ""),
    .title = g_strdup (title != NULL ? title : ""),
    .chapter = g_strdup (chapter),
    .snippet_markup = snippet_markup != NULL ? snippet_markup : g_strdup (""),
    .rank = rank,
  };

  g_assert (self != NULL);

  g_array_append_val (self->results, result);
}

void
_gcm_search_results_set_suggestion (GcmSearchResults *self,
                                    const char       *suggestion,
                                    gboolean          corrected)
{
  g_assert (self != NULL);

  g_free (self->suggestion);
  self->suggestion = g_strdup (suggestion);
  self->corrected = suggestion != NULL && corrected;
}

/* Every hit, the page and what it left out; never less than the page. */
void
_gcm_search_results_set_total (GcmSearchResults *self,
                               guint             total)
{
  g_assert (self != NULL);

  self->total = MAX (total, self->results->len);
}

void
_gcm_search_results_take_terms (GcmSearchResults  *self,
                                char             **terms)
{
  g_assert (self != NULL);

  g_strfreev (self->terms);
  self->terms = terms != NULL ? terms : g_new0 (char *, 1);
}

/**
 * _gcm_search_results_markup_snippet:
 * @marked: a passage of item text in which matches are marked with %GCM_SEARCH_MARK_OPEN and
 *   %GCM_SEARCH_MARK_CLOSE, as FTS5's snippet() returns it
 * @length: the length of @marked in bytes, or -1
 *
 * Item text is data from the feed: it may hold `<`, `&` or even invalid UTF-8. Every piece of
 * text between the marks is escaped first; only then do the marks become `<b>` and `</b>`, so
 * the result is always well-formed Pango markup, whatever the text. Control characters become
 * spaces (Pango rejects most of them even as character references); unbalanced marks are
 * balanced.
 *
 * Returns: (transfer full): Pango markup
 */
char *
_gcm_search_results_markup_snippet (const char *marked,
                                    gssize      length)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *segment;
  gboolean open = FALSE;

  if (marked == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (marked, length);
  for (char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != GCM_SEARCH_MARK_OPEN && c != GCM_SEARCH_MARK_CLOSE) || c == 0x7f)
        *p = ' ';
    }

  out = g_string_sized_new (strlen (valid) + 16);
  segment = valid;
  for (const char *p = valid; ; p++)
    {
      if (*p != '\0' && *p != GCM_SEARCH_MARK_OPEN && *p != GCM_SEARCH_MARK_CLOSE)
        continue;

      append_escaped (out, segment, p - segment);
      segment = p + 1;

      if (*p == '\0')
        break;
      if (*p == GCM_SEARCH_MARK_OPEN && !open)
        g_string_append (out, "<b>");
      else if (*p == GCM_SEARCH_MARK_CLOSE && open)
        g_string_append (out, "</b>");
      else
        continue;
      open = !open;
    }
  if (open)
    g_string_append (out, "</b>");

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

GcmSearchResults *
gcm_search_results_ref (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gcm_search_results_unref (GcmSearchResults *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->text);
  g_array_unref (self->results);
  g_free (self->suggestion);
  g_strfreev (self->terms);
  g_free (self);
}

/**
 * gcm_search_results_get_text:
 *
 * Returns: the query text these results answer, as normalised for searching
 */
const char *
gcm_search_results_get_text (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

guint
gcm_search_results_get_n_results (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->results->len;
}

/**
 * gcm_search_results_get_total:
 *
 * How many items the query found in all, of which the first
 * gcm_search_results_get_n_results() are here ("20 of 57 results").
 *
 * Returns: the number of items found, at least gcm_search_results_get_n_results()
 */
guint
gcm_search_results_get_total (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return MAX (self->total, self->results->len);
}

/**
 * gcm_search_results_get_result:
 * @position: less than gcm_search_results_get_n_results()
 *
 * Returns: (transfer none): the result at @position, best first
 */
const GcmSearchResult *
gcm_search_results_get_result (GcmSearchResults *self,
                               guint             position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->results->len, NULL);

  return &g_array_index (self->results, GcmSearchResult, position);
}

/**
 * gcm_search_results_get_suggestion:
 *
 * A corrected query text ("Did you mean …") when the typed text found nothing: a misspelling
 * corrected from the index's vocabulary, or a half-typed Hangul syllable completed.
 *
 * Returns: (nullable): the suggested query text
 */
const char *
gcm_search_results_get_suggestion (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->suggestion;
}

/**
 * gcm_search_results_get_corrected:
 *
 * Returns: %TRUE when the results are those of the suggestion, because the typed text found
 *   nothing ("Showing results for …")
 */
gboolean
gcm_search_results_get_corrected (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->corrected;
}

/**
 * gcm_search_results_get_terms:
 *
 * Returns: (transfer none) (array zero-terminated=1): the terms to highlight in an opened page
 */
const char * const *
gcm_search_results_get_terms (GcmSearchResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->terms;
}
