/* gcm-browse.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the reader reads: one item, the table of contents, and the lists it browses — a
 * chapter's sections, all cases, procedures or quizzes, the bookmarks — each row marked with
 * the user's progress. A list is named by a target string: `chapter:<id>`, `kind:<kind>` or
 * `bookmarks`.
 *
 * The async calls run on the store's workers: the content.db part on the content worker, the
 * user.db part on the user worker, the task handed from one to the other. The blocking calls
 * open connections of their own, for a thread of the caller's.
 */

#define G_LOG_DOMAIN "GcmBrowse"

#include "config.h"

#include <string.h>

#include "gcm-browse.h"
#include "gcm-locale.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"
#include "gcm-user-data.h"

/* A row before the user's marks are known. */
typedef struct
{
  char   *id;
  char   *kind;
  char   *title;
  char   *summary;
  gint64  created;
} Row;

typedef struct
{
  char       *target;
  char       *title;
  GPtrArray  *rows;         /* (element-type Row) */
  GPtrArray  *bookmarks;    /* (element-type GcmBookmark) */
  GHashTable *completed;
} ListData;

typedef struct
{
  GListModel *model;
  char       *title;
} ListResult;

typedef struct
{
  char         *id;
  GcmItem      *item;
  GcmItemState  state;
} ItemData;

/* Helpers */

static void
row_free (Row *row)
{
  g_free (row->id);
  g_free (row->kind);
  g_free (row->title);
  g_free (row->summary);
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
gcm_browse_contents_free (GcmBrowseContents *contents)
{
  if (contents == NULL)
    return;
  g_ptr_array_unref (contents->chapters);
  g_free (contents);
}

static void
list_data_free (ListData *data)
{
  g_free (data->target);
  g_free (data->title);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->bookmarks, g_ptr_array_unref);
  g_clear_pointer (&data->completed, g_hash_table_unref);
  g_free (data);
}

static void
list_result_free (ListResult *result)
{
  g_clear_object (&result->model);
  g_free (result->title);
  g_free (result);
}

static void
item_data_free (ItemData *data)
{
  g_free (data->id);
  g_clear_object (&data->item);
  g_free (data);
}

static Row *
row_new (const char *id,
         const char *kind,
         const char *title,
         const char *summary,
         gint64      created)
{
  Row *row = g_new0 (Row, 1);

  row->id = g_strdup (id);
  row->kind = g_strdup (kind);
  row->title = g_strdup (title);
  row->summary = g_strdup (summary);
  row->created = created;
  return row;
}

/* Titles and summaries in the reader's language where a translation has them. The language is
 * one of gcm_locale_get_content_languages(), never typed text, so it goes into the SQL as is. */
#define LOCAL_TEXT(column, table, key) \
  "coalesce((SELECT t." column " FROM " table " t WHERE t." key " AND t.lang = '%s'), " column ")"
#define ITEM_TITLE   LOCAL_TEXT ("title", "item_title", "item = item.rowid")
#define ITEM_SUMMARY LOCAL_TEXT ("summary", "item_title", "item = item.rowid")
#define CHAPTER_TITLE \
  "coalesce((SELECT t.title FROM chapter_title t WHERE t.chapter = chapter.id AND t.lang = '%s')," \
  " chapter.title)"

static char *
localized_sql (const char *format)
{
  const char *lang = gcm_locale_get_content_language ();

  return g_strdup_printf (format, lang, lang, lang);
}

/* The rows of a chapter or a kind, in reading order, and a chapter's title. */
static GPtrArray *
read_rows (sqlite3     *content,
           const char  *target,
           char       **title,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  if (g_str_has_prefix (target, "chapter:"))
    {
      const char *chapter = target + strlen ("chapter:");
      g_autofree char *title_sql =
        localized_sql ("SELECT " CHAPTER_TITLE
                       " FROM chapter WHERE id = ?1");
      g_autofree char *rows_sql =
        localized_sql ("SELECT id, " ITEM_TITLE ", " ITEM_SUMMARY ", kind FROM item"
                       " WHERE kind = 'section' AND chapter = ?1"
                       " ORDER BY ord, id");
      g_autoptr(sqlite3_stmt) title_stmt =
        gcm_sqlite_prepare (content, title_sql, "Cannot read the list", error);

      if (title_stmt == NULL)
        return NULL;
      gcm_sqlite_bind_text (title_stmt, 1, chapter);
      if (!gcm_sqlite_step (title_stmt, &has_row, "Cannot read the list", error))
        return NULL;
      if (has_row)
        *title = gcm_sqlite_dup_text (title_stmt, 0);
      stmt = gcm_sqlite_prepare (content, rows_sql, "Cannot read the list", error);
      if (stmt != NULL)
        gcm_sqlite_bind_text (stmt, 1, chapter);
    }
  else if (g_str_has_prefix (target, "kind:"))
    {
      /* Cases newest first: their ids start with the year. */
      g_autofree char *sql =
        localized_sql ("SELECT id, " ITEM_TITLE " AS local_title, " ITEM_SUMMARY ", kind FROM item"
                       " WHERE kind = ?1"
                       " ORDER BY CASE WHEN kind = 'case' THEN id END DESC,"
                       " local_title");

      stmt = gcm_sqlite_prepare (content, sql, "Cannot read the list", error);
      if (stmt != NULL)
        gcm_sqlite_bind_text (stmt, 1, target + strlen ("kind:"));
    }
  else
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND, "No list %s", target);
      return NULL;
    }
  if (stmt == NULL)
    return NULL;

  for (;;)
    {
      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the list", error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (rows, row_new ((const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2), 0));
    }
  return g_steal_pointer (&rows);
}

/* Bookmarks come from user.db; a withdrawn item keeps the title saved with its bookmark. */
static GPtrArray *
resolve_bookmarks (sqlite3    *content,
                   GPtrArray  *bookmarks,
                   GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autofree char *sql =
    localized_sql ("SELECT " ITEM_TITLE ", " ITEM_SUMMARY ", kind FROM item WHERE id = ?1");
  g_autoptr(sqlite3_stmt) stmt =
    gcm_sqlite_prepare (content, sql, "Cannot read bookmarks", error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < bookmarks->len; i++)
    {
      GcmBookmark *bookmark = g_ptr_array_index (bookmarks, i);

      gcm_sqlite_bind_text (stmt, 1, bookmark->item_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (rows, row_new (bookmark->item_id,
                                        (const char *) sqlite3_column_text (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        bookmark->created));
      else
        g_ptr_array_add (rows, row_new (bookmark->item_id, NULL, bookmark->title, NULL,
                                        bookmark->created));
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&rows);
}

static GListModel *
build_model (GPtrArray  *rows,
             GHashTable *completed)
{
  GListStore *store = g_list_store_new (GCM_TYPE_ITEM_SUMMARY);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autoptr(GcmItemSummary) summary =
        gcm_item_summary_new (row->id, row->kind, row->title, row->summary,
                              g_hash_table_contains (completed, row->id), row->created);

      g_list_store_append (store, summary);
    }
  return G_LIST_MODEL (store);
}

static GcmBrowseContents *
read_contents (sqlite3  *db,
               GError  **error)
{
  g_autoptr(GcmBrowseContents) contents = g_new0 (GcmBrowseContents, 1);
  g_autoptr(sqlite3_stmt) serial = NULL;
  g_autoptr(sqlite3_stmt) chapters = NULL;
  g_autofree char *sql = localized_sql ("SELECT id, " CHAPTER_TITLE " FROM chapter ORDER BY ord");
  gboolean has_row = FALSE;

  contents->chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) browse_chapter_free);
  serial = gcm_sqlite_prepare (db, "SELECT serial, generated FROM feed_state WHERE id = 1",
                               "Cannot read the contents", NULL);
  if (serial != NULL && gcm_sqlite_step (serial, &has_row, "", NULL) && has_row)
    {
      contents->serial = sqlite3_column_int64 (serial, 0);
      contents->generated = sqlite3_column_int64 (serial, 1);
    }

  chapters = gcm_sqlite_prepare (db, sql, "Cannot read the contents", NULL);
  while (chapters != NULL && sqlite3_step (chapters) == SQLITE_ROW)
    {
      GcmBrowseChapter *chapter = g_new0 (GcmBrowseChapter, 1);
      chapter->id = gcm_sqlite_dup_text (chapters, 0);
      chapter->title = gcm_sqlite_dup_text (chapters, 1);
      g_ptr_array_add (contents->chapters, chapter);
    }
  return g_steal_pointer (&contents);
}

/* Blocking API */

/**
 * gcm_browse_list:
 * @target: `chapter:<id>`, `kind:<kind>` or `bookmarks`
 * @title: (out) (optional) (nullable): the chapter's title; %NULL for kinds and bookmarks
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): a #GListModel of #GcmItemSummary, or %NULL with @error set
 */
GListModel *
gcm_browse_list (GcmStore    *store,
                 const char  *target,
                 char       **title,
                 GError     **error)
{
  g_autoptr(GHashTable) completed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *list_title = NULL;
  sqlite3 *content = NULL, *user = NULL;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if ((content = gcm_store_open_content_db (store, TRUE, error)) != NULL &&
      (user = gcm_store_open_user_db (store, TRUE, error)) != NULL)
    {
      completed = gcm_user_data_dup_completed (user);
      if (g_str_equal (target, "bookmarks"))
        {
          g_autoptr(GPtrArray) bookmarks = gcm_user_data_list_bookmarks (user, error);
          if (bookmarks != NULL)
            rows = resolve_bookmarks (content, bookmarks, error);
        }
      else
        rows = read_rows (content, target, &list_title, error);
    }
  sqlite3_close (content);
  sqlite3_close (user);
  if (rows == NULL)
    return NULL;
  if (title != NULL)
    *title = g_steal_pointer (&list_title);
  return build_model (rows, completed);
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
  GcmBrowseContents *contents;
  sqlite3 *db;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  if (!(db = gcm_store_open_content_db (store, TRUE, error)))
    return NULL;
  contents = read_contents (db, error);
  sqlite3_close (db);
  return contents;
}

/* Lists on the workers */

static void
return_list (GTask    *task,
             ListData *data)
{
  ListResult *result = g_new0 (ListResult, 1);

  result->model = build_model (data->rows, data->completed);
  result->title = g_steal_pointer (&data->title);
  g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

/* chapter: and kind:, second step: the user's marks. */
static void
mark_rows_job (GTask   *task,
               sqlite3 *user)
{
  ListData *data = g_task_get_task_data (task);

  data->completed = gcm_user_data_dup_completed (user);
  return_list (task, data);
}

static void
read_rows_job (GTask   *task,
               sqlite3 *content)
{
  ListData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->rows = read_rows (content, data->target, &data->title, &error);
  _gcm_store_continue_on_user (task, data->rows != NULL, error, mark_rows_job);
}

/* bookmarks, second step: the items' titles as installed now. */
static void
resolve_bookmarks_job (GTask   *task,
                       sqlite3 *content)
{
  ListData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(data->rows = resolve_bookmarks (content, data->bookmarks, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  return_list (task, data);
}

static void
read_bookmarks_job (GTask   *task,
                    sqlite3 *user)
{
  ListData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if ((data->bookmarks = gcm_user_data_list_bookmarks (user, &error)) != NULL)
    data->completed = gcm_user_data_dup_completed (user);
  _gcm_store_continue_on_content (task, data->bookmarks != NULL, error, resolve_bookmarks_job);
}

/**
 * gcm_store_list_async:
 * @target: `chapter:<id>`, `kind:<kind>` or `bookmarks`
 *
 * Reads one list page; see gcm_store_list_finish().
 */
void
gcm_store_list_async (GcmStore            *self,
                      const char          *target,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  gboolean bookmarks;
  ListData *data;

  g_return_if_fail (GCM_IS_STORE (self));
  g_return_if_fail (target != NULL);

  bookmarks = g_str_equal (target, "bookmarks");
  data = g_new0 (ListData, 1);
  data->target = g_strdup (target);
  gcm_store_worker_run (bookmarks ? _gcm_store_get_user_worker (self)
                                  : _gcm_store_get_content_worker (self),
                        self, gcm_store_list_async, data, (GDestroyNotify) list_data_free,
                        bookmarks ? read_bookmarks_job : read_rows_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_store_list_finish:
 * @title: (out) (optional) (nullable): the chapter's title; %NULL for kinds and bookmarks
 *
 * Returns: (transfer full): a #GListModel of #GcmItemSummary, or %NULL with @error set
 */
GListModel *
gcm_store_list_finish (GcmStore      *self,
                       GAsyncResult  *result,
                       char         **title,
                       GError       **error)
{
  ListResult *list;
  GListModel *model;

  if (!(list = gcm_store_task_propagate_pointer (self, result, error)))
    return NULL;
  model = g_steal_pointer (&list->model);
  if (title != NULL)
    *title = g_steal_pointer (&list->title);
  list_result_free (list);
  return model;
}

/* Contents on the content worker */

static void
contents_job (GTask   *task,
              sqlite3 *content)
{
  GError *error = NULL;
  GcmBrowseContents *contents = read_contents (content, &error);

  gcm_store_task_return_pointer (task, contents, (GDestroyNotify) gcm_browse_contents_free, error);
}

void
gcm_browse_contents_async (GcmStore            *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));

  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_browse_contents_async,
                        NULL, NULL, contents_job, cancellable, callback, user_data);
}

GcmBrowseContents *
gcm_browse_contents_finish (GcmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/* One item */

static void
item_state_job (GTask   *task,
                sqlite3 *user)
{
  ItemData *data = g_task_get_task_data (task);

  /* Without user.db the page still shows, from the top. */
  if (user != NULL)
    gcm_user_data_get_state (user, data->id, &data->state);
  g_task_return_boolean (task, TRUE);
}

static void
item_job (GTask   *task,
          sqlite3 *content)
{
  ItemData *data = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gboolean has_row = FALSE;

  g_autofree char *sql =
    localized_sql ("SELECT item.json, " CHAPTER_TITLE
                   " FROM item LEFT JOIN chapter ON chapter.id = item.chapter"
                   " WHERE item.id = ?1");

  stmt = gcm_sqlite_prepare (content, sql, "Cannot read the item", &error);
  if (stmt != NULL)
    {
      gcm_sqlite_bind_text (stmt, 1, data->id);
      if (gcm_sqlite_step (stmt, &has_row, "Cannot read the item", &error) && !has_row)
        g_set_error (&error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND, "No item %s", data->id);
    }
  if (has_row)
    data->item = gcm_item_new_from_json ((const char *) sqlite3_column_text (stmt, 0),
                                         sqlite3_column_bytes (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1), &error);
  if (data->item == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* In the reader's language; gcm_item_dup_localized() gives the page in another. */
  {
    GcmItem *localized = gcm_item_dup_localized (data->item, gcm_locale_get_content_language (), NULL);
    g_object_unref (data->item);
    data->item = localized;
  }
  gcm_store_worker_push_optional (_gcm_store_get_user_worker (g_task_get_source_object (task)),
                                  task, item_state_job);
}

/**
 * gcm_store_load_item_async:
 *
 * Reads the item @id and what the user's data knows of it.
 */
void
gcm_store_load_item_async (GcmStore            *self,
                           const char          *id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ItemData *data;

  g_return_if_fail (GCM_IS_STORE (self));
  g_return_if_fail (id != NULL);

  data = g_new0 (ItemData, 1);
  data->id = g_strdup (id);
  gcm_store_worker_run (_gcm_store_get_content_worker (self), self, gcm_store_load_item_async,
                        data, (GDestroyNotify) item_data_free, item_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_store_load_item_finish:
 * @state: (out) (optional): what user.db knows of the item
 *
 * Returns: (transfer full): the item, or %NULL with @error set (%GCM_STORE_ERROR_NOT_FOUND
 *   when no item has that id)
 */
GcmItem *
gcm_store_load_item_finish (GcmStore      *self,
                            GAsyncResult  *result,
                            GcmItemState  *state,
                            GError       **error)
{
  ItemData *data;

  if (!gcm_store_task_propagate_boolean (self, result, error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (state != NULL)
    *state = data->state;
  return g_object_ref (data->item);
}

/* The status */

void
gcm_store_status_free (GcmStoreStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->feed);
  g_free (status->origin);
  g_ptr_array_unref (status->kinds);
  g_array_unref (status->counts);
  g_clear_pointer (&status->languages, g_ptr_array_unref);
  g_clear_pointer (&status->translated, g_array_unref);
  g_clear_pointer (&status->stale, g_array_unref);
  g_free (status);
}

/**
 * gcm_store_dup_status:
 *
 * The installed feed and how many items of each kind it holds. Blocking, on the store's own
 * connection: for the command line.
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
GcmStoreStatus *
gcm_store_dup_status (GcmStore  *self,
                      GError   **error)
{
  g_autoptr(GcmStoreStatus) status = g_new0 (GcmStoreStatus, 1);
  g_autoptr(sqlite3_stmt) feed = NULL;
  g_autoptr(sqlite3_stmt) kinds = NULL;
  g_autoptr(sqlite3_stmt) langs = NULL;
  sqlite3 *db;
  gboolean has_row = FALSE;

  g_return_val_if_fail (GCM_IS_STORE (self), NULL);

  db = gcm_store_get_content_db (self);
  status->kinds = g_ptr_array_new_with_free_func (g_free);
  status->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  feed = gcm_sqlite_prepare (db, "SELECT feed, serial, applied_at, origin FROM feed_state",
                             "Cannot read the installed feed", error);
  if (feed == NULL || !gcm_sqlite_step (feed, &has_row, "Cannot read the installed feed", error))
    return NULL;
  if (has_row)
    {
      status->feed = gcm_sqlite_dup_text (feed, 0);
      status->serial = sqlite3_column_int64 (feed, 1);
      status->applied_at = sqlite3_column_int64 (feed, 2);
      status->origin = gcm_sqlite_dup_text (feed, 3);
    }

  kinds = gcm_sqlite_prepare (db, "SELECT kind, count(*) FROM item GROUP BY kind ORDER BY kind",
                              "Cannot count the items", error);
  if (kinds == NULL)
    return NULL;
  for (;;)
    {
      guint count;

      if (!gcm_sqlite_step (kinds, &has_row, "Cannot count the items", error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (status->kinds, gcm_sqlite_dup_text (kinds, 0));
      count = sqlite3_column_int (kinds, 1);
      g_array_append_val (status->counts, count);
      status->items += count;
    }

  status->languages = g_ptr_array_new_with_free_func (g_free);
  status->translated = g_array_new (FALSE, TRUE, sizeof (guint));
  status->stale = g_array_new (FALSE, TRUE, sizeof (guint));
  langs = gcm_sqlite_prepare (db, "SELECT lang, count(*), total(stale) FROM item_title"
                                  " GROUP BY lang ORDER BY lang",
                              "Cannot count the translations", error);
  if (langs == NULL)
    return NULL;
  for (;;)
    {
      guint count, stale;

      if (!gcm_sqlite_step (langs, &has_row, "Cannot count the translations", error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (status->languages, gcm_sqlite_dup_text (langs, 0));
      count = sqlite3_column_int (langs, 1);
      stale = sqlite3_column_int (langs, 2);
      g_array_append_val (status->translated, count);
      g_array_append_val (status->stale, stale);
    }
  return g_steal_pointer (&status);
}

/* The cases gallery */

typedef struct
{
  char       *objects_path;
  char       *lang;        /* nullable: the reader's content language */
  GListStore *cards;
} CasesData;

static void
cases_data_free (CasesData *data)
{
  g_free (data->objects_path);
  g_free (data->lang);
  g_clear_object (&data->cards);
  g_free (data);
}

/* The cover file in objects/, or NULL for no well-formed hash. */
static char *
cover_path_new (CasesData  *data,
                const char *sha256)
{
  char prefix[3];

  if (sha256 == NULL || strlen (sha256) != 64)
    return NULL;
  prefix[0] = sha256[0];
  prefix[1] = sha256[1];
  prefix[2] = '\0';
  return g_build_filename (data->objects_path, prefix, sha256, NULL);
}

/* A case with a translation into the reader's language, from its whole item. */
static GcmCaseCard *
case_card_new_from_item (CasesData *data,
                         GcmItem   *item,
                         gint64     arrived)
{
  GPtrArray *photos = gcm_item_get_photos (item);
  const GcmItemPhoto *cover = photos != NULL && photos->len > 0 ? g_ptr_array_index (photos, 0) : NULL;
  const char *sha256 = cover != NULL && cover->file != NULL
                         ? gcm_item_lookup_media (item, cover->file) : NULL;
  g_autofree char *path = cover_path_new (data, sha256);
  GcmCaseCardFields fields = { 0 };

  fields.id = gcm_item_get_id (item);
  fields.title = gcm_item_get_title (item);
  fields.summary = gcm_item_get_summary (item);
  fields.date = gcm_item_get_date (item);
  fields.place = gcm_item_get_place (item);
  fields.conventions = gcm_item_get_conventions (item);
  fields.modus_operandi = gcm_item_get_modus_operandi (item);
  fields.cover_sha256 = path != NULL ? sha256 : NULL;
  fields.cover_path = path;
  fields.cover_caption = cover != NULL ? cover->caption : NULL;
  fields.arrived = arrived;
  return gcm_case_card_new (&fields);
}

/* A JSON text member, as GcmItem reads it: strings only. */
#define JSON_TEXT(path) "(CASE json_type (i.json, '" path "') WHEN 'text' THEN json_extract (i.json, '" path "') END)"

/* Only what a card shows is read, straight from SQL: parsing 5,000 items whole would keep the
 * first screen waiting. A case translated into the reader's language (`translated`) is read
 * whole instead, as only the item knows how a translation replaces the original's text. */
static const char cases_sql[] =
  "SELECT i.id, i.title, i.summary, " JSON_TEXT ("$.date") ", " JSON_TEXT ("$.place") ","
  "  i.conventions,"
  "  (SELECT group_concat (m.value, char (10)) FROM json_each (i.json, '$.modus_operandi') AS m"
  "    WHERE m.type = 'text'),"
  "  (SELECT im.sha256 FROM item_media AS im"
  "    WHERE im.item = i.rowid AND im.path = " JSON_TEXT ("$.photos[0].file") "),"
  "  " JSON_TEXT ("$.photos[0].caption") ","
  "  (SELECT max (c.applied) FROM change_log AS c WHERE c.item_id = i.id AND c.change = 0),"
  "  ?2 IS NOT NULL AND i.lang IS NOT ?2 AND json_type (i.json, ?3) = 'object' AS translated,"
  "  i.json"
  " FROM item AS i WHERE i.kind = ?1 ORDER BY i.id DESC";

static GStrv
split_list (const char *text,
            const char *separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", separator, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static GcmCaseCard *
case_card_new_from_row (CasesData    *data,
                        sqlite3_stmt *stmt)
{
#define TEXT(n) ((const char *) sqlite3_column_text (stmt, (n)))
  g_auto(GStrv) conventions = split_list (TEXT (5), " ");
  g_auto(GStrv) modus_operandi = split_list (TEXT (6), "\n");
  g_autofree char *path = cover_path_new (data, TEXT (7));
  GcmCaseCardFields fields = { 0 };

  fields.id = TEXT (0);
  fields.title = TEXT (1);
  fields.summary = TEXT (2);
  fields.date = TEXT (3);
  fields.place = TEXT (4);
  fields.conventions = (const char * const *) conventions;
  fields.modus_operandi = (const char * const *) modus_operandi;
  fields.cover_sha256 = path != NULL ? TEXT (7) : NULL;
  fields.cover_path = path;
  fields.cover_caption = TEXT (8);
  fields.arrived = sqlite3_column_int64 (stmt, 9);
  return gcm_case_card_new (&fields);
#undef TEXT
}

static void
read_cases_job (GTask   *task,
                sqlite3 *content)
{
  CasesData *data = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *translation_path = NULL;
  GError *error = NULL;
  gboolean has_row = FALSE;

  stmt = gcm_sqlite_prepare (content, cases_sql, "Cannot read the cases", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, gcm_item_kind_to_string (GCM_ITEM_KIND_CASE), -1, SQLITE_STATIC);
  if (data->lang != NULL)
    {
      g_autofree char *quoted = g_strescape (data->lang, NULL);

      translation_path = g_strdup_printf ("$.translations.\"%s\"", quoted);
      sqlite3_bind_text (stmt, 2, data->lang, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, translation_path, -1, SQLITE_STATIC);
    }
  for (;;)
    {
      g_autoptr(GcmCaseCard) card = NULL;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the cases", &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (!has_row)
        break;
      if (sqlite3_column_int (stmt, 10))
        {
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(GcmItem) item = NULL;
          g_autoptr(GcmItem) localized = NULL;

          item = gcm_item_new_from_json ((const char *) sqlite3_column_text (stmt, 11),
                                         sqlite3_column_bytes (stmt, 11), NULL, &parse_error);
          if (item == NULL)
            {
              /* The importer checked it; a row that no longer parses is left out, not fatal. */
              g_warning ("Skipping a case: %s", parse_error->message);
              continue;
            }
          localized = gcm_item_dup_localized (item, data->lang, NULL);
          card = case_card_new_from_item (data, localized, sqlite3_column_int64 (stmt, 9));
        }
      else
        card = case_card_new_from_row (data, stmt);
      g_list_store_append (data->cards, card);
    }
  g_task_return_pointer (task, g_steal_pointer (&data->cards), g_object_unref);
}

void
gcm_store_list_cases_async (GcmStore            *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CasesData *data;

  g_return_if_fail (GCM_IS_STORE (store));

  data = g_new0 (CasesData, 1);
  data->objects_path = g_strdup (gcm_store_get_objects_path (store));
  /* Cards read in the reader's language, like every other list. */
  data->lang = g_strdup (gcm_locale_get_content_language ());
  data->cards = g_list_store_new (GCM_TYPE_CASE_CARD);
  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_store_list_cases_async,
                        data, (GDestroyNotify) cases_data_free, read_cases_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_store_list_cases_finish:
 *
 * Returns: (transfer full): a #GListModel of #GcmCaseCard, newest first
 */
GListModel *
gcm_store_list_cases_finish (GcmStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}
