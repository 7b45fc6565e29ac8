/* gcm-search-private.h — shared by the files of GcmSearch only
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "gcm-search.h"
#include "gcm-search-query.h"

G_BEGIN_DECLS

/* The state of gcm_rank() for one query: reset by _gcm_search_rank_reset() before each ranked
 * statement. FTS5 keeps an auxiliary function's own data for as long as the statement lives,
 * across executions, so the state lives on the connection's owner, which runs one query at a
 * time. */
#define GCM_SEARCH_RANK_MAX_COLUMNS 8

typedef struct
{
  guint  n_ranked;
  double avglen[GCM_SEARCH_RANK_MAX_COLUMNS];  /* set on the first row of the query */
  double weight[GCM_SEARCH_RANK_MAX_COLUMNS];
} GcmSearchRankState;

struct _GcmSearch
{
  GObject       parent_instance;

  char         *path;

  /* Held for the whole of a query: one query at a time uses the connection. */
  GMutex        db_lock;
  sqlite3      *db;
  GHashTable   *statements;     /* SQL → sqlite3_stmt */
  gboolean      has_functions;  /* gcm_rank() and gcm_snippet() are registered on db */
  GcmSearchRankState rank;

  /* Guards the two below; never held while cancelling. */
  GMutex        run_lock;
  GCancellable *running;        /* borrowed: the cancellable of the query on db now */
  GCancellable *pending;        /* owned: that of the newest async query */
};

/* Where a stage's snippet column comes from. */
typedef enum
{
  GCM_SEARCH_SNIPPET_OURS,    /* gcm_snippet() */
  GCM_SEARCH_SNIPPET_FTS,     /* snippet(), or NULL */
  GCM_SEARCH_SNIPPET_WINDOW,  /* a window of the body cut in SQL; the words are marked here */
} GcmSearchSnippetShape;

/* What the stages of one query found so far. */
typedef struct
{
  GcmSearchResults     *results;
  GArray               *seen;   /* gint64 rowids already in results */
  guint                 limit;
  const GcmSearchQuery *query;
  guint                 total;  /* hits a full page left out, counted by the stage */
} GcmSearchCollector;

/* gcm-search.c: the connection */
gboolean      _gcm_search_set_error          (GcmSearch             *self,
                                              GCancellable          *cancellable,
                                              GError               **error,
                                              const char            *what);
sqlite3_stmt *_gcm_search_prepare            (GcmSearch             *self,
                                              const char            *sql,
                                              GError               **error);
void          _gcm_search_finish             (sqlite3_stmt          *stmt);

/* gcm-search-rank.c */
void          _gcm_search_rank_reset         (GcmSearchRankState    *state);
gboolean      _gcm_search_register_functions (sqlite3               *db,
                                              GcmSearchRankState    *state);

/* gcm-search-snippet.c */
void          _gcm_search_snippet_function   (const Fts5ExtensionApi *api,
                                              Fts5Context           *fts,
                                              sqlite3_context       *context,
                                              int                    n_values,
                                              sqlite3_value        **values);
char         *_gcm_search_make_snippet       (const GcmSearchQuery  *query,
                                              GcmSearchSnippetShape  shape,
                                              const char * const    *words,
                                              const char            *snippet,
                                              const char            *summary,
                                              const char            *codes,
                                              gboolean               window_inside);

/* gcm-search-stages.c */
gboolean      _gcm_search_collector_is_full  (const GcmSearchCollector *c);
gboolean      _gcm_search_stage_fts          (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GcmSearchCollector    *c,
                                              GCancellable          *cancellable,
                                              GError               **error);
gboolean      _gcm_search_stage_trigram      (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GcmSearchCollector    *c,
                                              GCancellable          *cancellable,
                                              GError               **error);
gboolean      _gcm_search_stage_substring    (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GcmSearchCollector    *c,
                                              GCancellable          *cancellable,
                                              GError               **error);
gboolean      _gcm_search_stage_filters_only (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GcmSearchCollector    *c,
                                              GCancellable          *cancellable,
                                              GError               **error);
gboolean      _gcm_search_count_hits         (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GcmSearchCollector    *c,
                                              const char            *table,
                                              const char            *match,
                                              const char            *other,
                                              const char            *other_match,
                                              GCancellable          *cancellable,
                                              GError               **error);

/* gcm-search-suggest.c */
char         *_gcm_search_suggest_completion (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GCancellable          *cancellable,
                                              GError               **error);
char         *_gcm_search_suggest_correction (GcmSearch             *self,
                                              const GcmSearchQuery  *query,
                                              GCancellable          *cancellable,
                                              GError               **error);

G_END_DECLS
