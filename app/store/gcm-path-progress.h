/* gcm-path-progress.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-learning-path.h"
#include "gcm-store.h"

G_BEGIN_DECLS

/* A learning path in the reader's language and where the learner stands on it. */
typedef struct
{
  GcmLearningPath *path;
  GcmPathReport   *report;
  gint64           serial;   /* the content serial the path comes from */
} GcmPathProgress;

GcmPathProgress *gcm_path_progress_ref    (GcmPathProgress     *progress);
void             gcm_path_progress_free   (GcmPathProgress     *progress);

/* Reads, on the content worker then the user worker. @path_id %NULL: the first path installed. */
void             gcm_path_progress_async  (GcmStore            *store,
                                           const char          *path_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GcmPathProgress *gcm_path_progress_finish (GcmStore            *store,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Blocking, on connections of its own: for the command line. */
GcmPathProgress *gcm_path_progress_load   (GcmStore            *store,
                                           const char          *path_id,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmPathProgress, gcm_path_progress_free)

G_END_DECLS
