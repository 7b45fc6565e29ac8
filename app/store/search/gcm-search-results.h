/* gcm-search-results.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GcmSearchResult:
 * @id: the item's stable id
 * @kind: `section`, `case`, `procedure` or `quiz`
 * @title: the item's title, plain text
 * @chapter: (nullable): the chapter id of a section
 * @snippet_markup: a passage of the item as Pango markup: the text is escaped and the matched
 *   words are wrapped in `<b>…</b>`. It reads like an answer, in one of these forms:
 *   - one sentence of the body that holds the most of the words, cut to about 160 characters
 *     around the first match (`…` where cut); headings and list lines never run into it;
 *   - else the item's summary, when it holds the words (a title or keyword hit);
 *   - else a line of the body that is no sentence (a list item) and holds the words;
 *   - else a heading that holds the words, a colon and the first sentence under it:
 *     `<b>Seized</b> specimens: The Ministry keeps…`;
 *   - else the summary, or the body's first sentence;
 *   - for a query with `hs:`, `un:` or `cas:`, the item's codes that matched, as written on
 *     documents, then the heading and sentence that name the code, or else the summary:
 *     `<b>HS 2903.14</b> — Controlled substances: Carbon tetrachloride (<b>2903.14</b>) is…`
 * @rank: the score the result was ordered by within its stage; lower is better. The results
 *   are already in order, best first: title hits, then code, keyword and heading hits, then
 *   body hits, then hits of another form of an English word (`labelled` for `labelling`), then
 *   (only when those found nothing) substring hits. Compare ranks only within one result set.
 *
 * One hit. Read-only: it belongs to its #GcmSearchResults.
 */
typedef struct
{
  char   *id;
  char   *kind;
  char   *title;
  char   *chapter;
  char   *snippet_markup;
  double  rank;
} GcmSearchResult;

#define GCM_TYPE_SEARCH_RESULTS (gcm_search_results_get_type ())

typedef struct _GcmSearchResults GcmSearchResults;

GType                  gcm_search_results_get_type       (void) G_GNUC_CONST;
GcmSearchResults      *gcm_search_results_ref            (GcmSearchResults *self);
void                   gcm_search_results_unref          (GcmSearchResults *self);
const char            *gcm_search_results_get_text       (GcmSearchResults *self);
guint                  gcm_search_results_get_n_results  (GcmSearchResults *self);
guint                  gcm_search_results_get_total      (GcmSearchResults *self);
const GcmSearchResult *gcm_search_results_get_result     (GcmSearchResults *self,
                                                          guint             position);
const char            *gcm_search_results_get_suggestion (GcmSearchResults *self);
gboolean               gcm_search_results_get_corrected  (GcmSearchResults *self);
const char * const    *gcm_search_results_get_terms      (GcmSearchResults *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmSearchResults, gcm_search_results_unref)

G_END_DECLS
