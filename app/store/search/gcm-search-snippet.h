/* gcm-search-snippet.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest passage shown, in characters; a longer sentence is cut around its first match. */
#define GCM_SEARCH_SNIPPET_MAX_CHARS 160

/**
 * GcmSearchSpan:
 * @start: the byte offset of a match in the text
 * @end: the byte offset just past it
 * @phrase: which query phrase matched, 0–31
 */
typedef struct
{
  gsize start;
  gsize end;
  guint phrase;
} GcmSearchSpan;

/**
 * GcmSearchSnippetHit:
 * @GCM_SEARCH_SNIPPET_NONE: no match in the body: the sentence is its first one
 * @GCM_SEARCH_SNIPPET_SENTENCE: the sentence holds matches
 * @GCM_SEARCH_SNIPPET_HEADING: only a heading does; the sentence is the first one under it
 * @GCM_SEARCH_SNIPPET_LIST: only a line that is no sentence does (a list item, a table row,
 *   a line ending in a colon); the "sentence" is that line
 */
typedef enum
{
  GCM_SEARCH_SNIPPET_NONE,
  GCM_SEARCH_SNIPPET_SENTENCE,
  GCM_SEARCH_SNIPPET_HEADING,
  GCM_SEARCH_SNIPPET_LIST,
} GcmSearchSnippetHit;

typedef struct
{
  GcmSearchSnippetHit  hit;
  char                *heading;   /* nullable: the heading above the sentence, marked */
  char                *sentence;  /* nullable: marked, with "…" where it was cut */
} GcmSearchSnippet;

GcmSearchSnippet *_gcm_search_snippet_choose (const char          *body,
                                              const char          *headings,
                                              const GcmSearchSpan *spans,
                                              guint                n_spans);
void              _gcm_search_snippet_free   (GcmSearchSnippet    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmSearchSnippet, _gcm_search_snippet_free)

G_END_DECLS
