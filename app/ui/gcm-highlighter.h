/* gcm-highlighter.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GcmHighlightRange:
 * @start: the byte offset in the text where a highlighted term starts
 * @end: the byte offset just past it
 *
 * Byte offsets, as Pango attributes take them, always on character boundaries.
 */
typedef struct
{
  guint start;
  guint end;
} GcmHighlightRange;

char   **gcm_highlighter_fold_terms (const char * const *terms);
GArray  *gcm_highlighter_find       (const char         *text,
                                     const char * const *folded_terms);

G_END_DECLS
