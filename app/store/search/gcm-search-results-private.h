/* gcm-search-results-private.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-search-results.h"

G_BEGIN_DECLS

/* Marks around matched words in raw snippets, as passed to FTS5's snippet(). */
#define GCM_SEARCH_MARK_OPEN  '\x01'
#define GCM_SEARCH_MARK_CLOSE '\x02'

GcmSearchResults *_gcm_search_results_new            (const char         *text);
void              _gcm_search_results_add            (GcmSearchResults   *self,
                                                      const char         *id,
                                                      const char         *kind,
                                                      const char         *title,
                                                      const char         *chapter,
                                                      char               *snippet_markup,
                                                      double              rank);
void              _gcm_search_results_set_suggestion (GcmSearchResults   *self,
                                                      const char         *suggestion,
                                                      gboolean            corrected);
void              _gcm_search_results_set_total      (GcmSearchResults   *self,
                                                      guint               total);
void              _gcm_search_results_take_terms     (GcmSearchResults   *self,
                                                      char              **terms);
char             *_gcm_search_results_markup_snippet (const char         *marked,
                                                      gssize              length);

G_END_DECLS
