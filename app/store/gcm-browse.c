/* gcm-browse.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists the reader browses — the table of contents, a chapter's sections, all cases,
 * procedures or quizzes, the bookmarks — read on a worker with connections of its own, each row
 * marked with the user's progress. A list is named by a target string: `chapter:<id>`,
 * `kind:<kind>` or `bookmarks`.
 */

#define G_LOG_DOMAIN "GcmBrowse"

#include "config.h"

#include "gcm-browse.h"
#include "gcm-content-schema.h"
#include "gcm-user-data.h"

/* Helpers */

static void
browse_row_free (GcmBrowseRow *row)
{
  g_free (row->id);
  g_free (row->title);
  g_free (row->summary);
  g_free (row->kind);
  g_free (row);
}

static void
browse_chapter_free (GcmBrowseChapter *chapter)
{
  g_free (chapter->id);
  g_free (chapter->title);
  g_free (chapter);
}

void
gcm_browse_list_free (GcmBrowseList *list)
{
  if (list == NULL)
    return;
  g_free (list->title);
  g_ptr_array_unref (list->rows);
  g_free (list);
}

void
gcm_browse_contents_free (GcmBrowseContents *contents)
{
  if (contents == NULL)
    return;
  g_ptr_array_unref (contents->chapters);
  g_free (contents);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
add_row (GcmBrowseList *list,
         GHashTable    *completed,
         const char    *id,
         const char    *title,
         const char    *summary,
         const char    *kind)
{
  GcmBrowseRow *row = g_new0 (GcmBrowseRow, 1);

  row->id = g_strdup (id);
  row->title = g_strdup (title);
  row->summary = g_strdup (summary ? summary : "");
  row->kind = g_strdup (kind);
  row->completed = g_hash_table_contains (completed, id);
  list->n_completed += row->completed;
  g_ptr_array_add (list->rows, row);
}

/* Bookmarks come from user.db; a withdrawn item keeps the title saved with its bookmark. */
static gboolean
list_bookmarks (sqlite3        *content,
                sqlite3        *user,
                GHashTable     *completed,
                GcmBrowseList  *list,
                GError        **error)
{
  g_autoptr(GPtrArray) bookmarks = gcm_user_data_list_bookmarks (user, error);
  sqlite3_stmt *stmt = NULL;

  if (bookmarks == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (content, "SELECT title, summary, kind FROM item WHERE id = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      gcm_sqlite_set_error (error, content, "Cannot read bookmarks");
      return FALSE;
    }
  for (guint i = 0; i < bookmarks->len; i++)
    {
      GcmBookmark *bookmark = g_ptr_array_index (bookmarks, i);

      sqlite3_bind_text (stmt, 1, bookmark->item_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        add_row (list, completed, bookmark->item_id, (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2));
      else
        add_row (list, completed, bookmark->item_id, bookmark->title, NULL, NULL);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Public API */

/**
 * gcm_browse_list:
 * @target: `chapter:<id>`, `kind:<kind>` or `bookmarks`
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
GcmBrowseList *
gcm_browse_list (GcmStore    *store,
                 const char  *target,
                 GError     **error)
{
  g_autoptr(GcmBrowseList) list = g_new0 (GcmBrowseList, 1);
  g_autoptr(GHashTable) completed = NULL;
  sqlite3 *content = NULL, *user = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  list->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) browse_row_free);
  if (!(content = gcm_store_open_content_db (store, TRUE, error)) ||
      !(user = gcm_store_open_user_db (store, TRUE, error)))
    goto out;
  completed = gcm_user_data_dup_completed (user);

  if (g_str_equal (target, "bookmarks"))
    {
      ok = list_bookmarks (content, user, completed, list, error);
      goto out;
    }

  if (g_str_has_prefix (target, "chapter:"))
    {
      const char *chapter = target + strlen ("chapter:");

      if (sqlite3_prepare_v2 (content, "SELECT title FROM chapter WHERE id = ?1", -1, &stmt,
                              NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, chapter, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            list->title = dup_column (stmt, 0);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_prepare_v2 (content, "SELECT id, title, summary, kind FROM item"
                                   " WHERE kind = 'section' AND chapter = ?1 ORDER BY ord, id",
                          -1, &stmt, NULL);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 1, chapter, -1, SQLITE_TRANSIENT);
    }
  else if (g_str_has_prefix (target, "kind:"))
    {
      /* Cases newest first: their ids start with the year. */
      sqlite3_prepare_v2 (content, "SELECT id, title, summary, kind FROM item WHERE kind = ?1"
                                   " ORDER BY CASE WHEN kind = 'case' THEN id END DESC, title",
                          -1, &stmt, NULL);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 1, target + strlen ("kind:"), -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND, "No list %s", target);
      goto out;
    }

  if (stmt == NULL)
    {
      gcm_sqlite_set_error (error, content, "Cannot read the list");
      goto out;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_row (list, completed, (const char *) sqlite3_column_text (stmt, 0),
             (const char *) sqlite3_column_text (stmt, 1),
             (const char *) sqlite3_column_text (stmt, 2),
             (const char *) sqlite3_column_text (stmt, 3));
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (content);
  sqlite3_close (user);
  return ok ? g_steal_pointer (&list) : NULL;
}

/**
 * gcm_browse_contents:
 *
 * The installed serial and the chapters in reading order. Blocking.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GcmBrowseContents *
gcm_browse_contents (GcmStore  *store,
                     GError   **error)
{
  g_autoptr(GcmBrowseContents) contents = g_new0 (GcmBrowseContents, 1);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  contents->chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) browse_chapter_free);
  if (!(db = gcm_store_open_content_db (store, TRUE, error)))
    return NULL;

  if (sqlite3_prepare_v2 (db, "SELECT serial FROM feed_state WHERE id = 1", -1, &stmt, NULL) ==
        SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    contents->serial = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT id, title FROM chapter ORDER BY ord", -1, &stmt, NULL) ==
      SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        GcmBrowseChapter *chapter = g_new0 (GcmBrowseChapter, 1);
        chapter->id = dup_column (stmt, 0);
        chapter->title = dup_column (stmt, 1);
        g_ptr_array_add (contents->chapters, chapter);
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&contents);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GcmBrowseList *list = gcm_browse_list (source_object, task_data, &error);

  if (list != NULL)
    g_task_return_pointer (task, list, (GDestroyNotify) gcm_browse_list_free);
  else
    g_task_return_error (task, error);
}

void
gcm_browse_list_async (GcmStore            *store,
                       const char          *target,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (target != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_browse_list_async);
  g_task_set_task_data (task, g_strdup (target), g_free);
  g_task_run_in_thread (task, list_thread);
}

GcmBrowseList *
gcm_browse_list_finish (GcmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
contents_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  GcmBrowseContents *contents = gcm_browse_contents (source_object, &error);

  if (contents != NULL)
    g_task_return_pointer (task, contents, (GDestroyNotify) gcm_browse_contents_free);
  else
    g_task_return_error (task, error);
}

void
gcm_browse_contents_async (GcmStore            *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GCM_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gcm_browse_contents_async);
  g_task_run_in_thread (task, contents_thread);
}

GcmBrowseContents *
gcm_browse_contents_finish (GcmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
