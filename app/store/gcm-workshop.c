/* gcm-workshop.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workshops: what a presentation shows, read on the content worker in the reader's language,
 * and the class results of each session, written and read on the user worker. A session keeps
 * its questions' text as they were shown, so its report reads the same after the quiz changes
 * or is withdrawn.
 */

#define G_LOG_DOMAIN "GcmWorkshop"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "gcm-content-schema.h"
#include "gcm-document.h"
#include "gcm-manifest.h"
#include "gcm-quiz-question.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"
#include "gcm-workshop.h"

void
gcm_workshop_deck_free (GcmWorkshopDeck *deck)
{
  if (deck == NULL)
    return;
  g_clear_object (&deck->item);
  g_clear_pointer (&deck->questions, g_ptr_array_unref);
  g_clear_pointer (&deck->media_files, g_hash_table_unref);
  g_clear_pointer (&deck->pictures, g_ptr_array_unref);
  g_free (deck);
}

static void
picture_free (GcmWorkshopPicture *picture)
{
  g_free (picture->file);
  g_free (picture->alt);
  g_free (picture);
}

/* Appends the installed pictures under @blocks, in the order the text shows them. */
static void
collect_pictures (GPtrArray  *blocks,
                  GHashTable *media_files,
                  GPtrArray  *pictures)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      GcmBlock *block = g_ptr_array_index (blocks, i);
      const char *file;
      GcmWorkshopPicture *picture;

      collect_pictures (block->children, media_files, pictures);
      if (block->kind != GCM_BLOCK_IMAGE || block->src == NULL ||
          !g_str_has_prefix (block->src, "media:"))
        continue;
      file = g_hash_table_lookup (media_files, block->src + strlen ("media:"));
      if (file == NULL)
        continue;
      picture = g_new0 (GcmWorkshopPicture, 1);
      picture->file = g_strdup (file);
      picture->alt = g_strdup (block->text != NULL ? block->text : "");
      g_ptr_array_add (pictures, picture);
    }
}

static GPtrArray *
read_pictures (GcmItem    *item,
               GHashTable *media_files)
{
  GPtrArray *pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);
  const char *body = gcm_item_get_body (item);
  g_autoptr(GcmDocument) document = NULL;

  if (body == NULL || *body == '\0')
    return pictures;
  document = gcm_document_new_from_markdown (body, -1);
  collect_pictures (gcm_document_get_blocks (document), media_files, pictures);
  return pictures;
}

/* Deck */

typedef struct
{
  char *item_id;
  char *lang;
} DeckRequest;

static void
deck_request_free (DeckRequest *request)
{
  g_free (request->item_id);
  g_free (request->lang);
  g_free (request);
}

static GcmWorkshopDeck *
read_deck (GcmStore     *store,
           sqlite3      *content,
           DeckRequest  *request,
           GError      **error)
{
  g_autoptr(GcmWorkshopDeck) deck = g_new0 (GcmWorkshopDeck, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) serial = NULL;
  g_autoptr(GcmItem) original = NULL;
  gboolean has_row = FALSE;
  const char *json;

  stmt = gcm_sqlite_prepare (content, "SELECT rowid, json FROM item WHERE id = ?1",
                             "Cannot read the item", error);
  if (stmt == NULL)
    return NULL;
  gcm_sqlite_bind_text (stmt, 1, request->item_id);
  if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the item", error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND,
                   _("This page is no longer in the manual."));
      return NULL;
    }
  json = (const char *) sqlite3_column_text (stmt, 1);
  if (!(original = gcm_item_new_from_json (json, -1, NULL, error)))
    return NULL;
  deck->item = gcm_item_dup_localized (original, request->lang, NULL);

  if (gcm_item_get_kind (original) == GCM_ITEM_KIND_QUIZ)
    {
      deck->questions = _gcm_store_read_quiz_questions (json, gcm_item_get_title (deck->item),
                                                        request->lang, error);
      if (deck->questions == NULL)
        return NULL;
    }
  else if (gcm_item_get_kind (original) != GCM_ITEM_KIND_PROCEDURE)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_FAILED,
                   _("Only quizzes and procedures can be presented."));
      return NULL;
    }

  deck->media_files = _gcm_store_read_item_media (store, content, sqlite3_column_int64 (stmt, 0),
                                                  error);
  if (deck->media_files == NULL)
    return NULL;

  deck->pictures = read_pictures (deck->item, deck->media_files);

  serial = gcm_sqlite_prepare (content, "SELECT serial FROM feed_state WHERE id = 1", "", NULL);
  deck->serial = serial != NULL && sqlite3_step (serial) == SQLITE_ROW
                 ? sqlite3_column_int64 (serial, 0) : 0;
  return g_steal_pointer (&deck);
}

static void
load_deck_job (GTask   *task,
               sqlite3 *content)
{
  GError *error = NULL;
  GcmWorkshopDeck *deck = read_deck (g_task_get_source_object (task), content,
                                     g_task_get_task_data (task), &error);

  gcm_store_task_return_pointer (task, deck, (GDestroyNotify) gcm_workshop_deck_free, error);
}

/**
 * gcm_workshop_load_deck_async:
 * @lang: (nullable): the language to present in; %NULL for the original's
 *
 * Reads a quiz's questions (with their answers and explanations) or a procedure's steps to
 * present them, in @lang where the item has a translation into it.
 */
void
gcm_workshop_load_deck_async (GcmStore            *store,
                              const char          *item_id,
                              const char          *lang,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DeckRequest *request;

  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (item_id != NULL);

  request = g_new0 (DeckRequest, 1);
  request->item_id = g_strdup (item_id);
  request->lang = g_strdup (lang);
  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_workshop_load_deck_async,
                        request, (GDestroyNotify) deck_request_free, load_deck_job, cancellable,
                        callback, user_data);
}

/**
 * gcm_workshop_load_deck_finish:
 *
 * Returns: (transfer full): the deck, or %NULL with @error set
 */
GcmWorkshopDeck *
gcm_workshop_load_deck_finish (GcmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/* Sessions */

static gboolean
insert_questions (sqlite3                  *user,
                  const GcmWorkshopSession *session,
                  gint64                    id,
                  GError                  **error)
{
  g_autoptr(sqlite3_stmt) question = NULL;
  g_autoptr(sqlite3_stmt) choice = NULL;

  question = gcm_sqlite_prepare (user, "INSERT INTO workshop_question"
                                       " (session, position, question_id, prompt)"
                                       " VALUES (?1, ?2, ?3, ?4)",
                                 "Cannot save the workshop", error);
  choice = gcm_sqlite_prepare (user, "INSERT INTO workshop_choice"
                                     " (session, question, position, text, right, tally)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               "Cannot save the workshop", error);
  if (question == NULL || choice == NULL)
    return FALSE;
  for (guint q = 0; q < session->questions->len; q++)
    {
      const GcmWorkshopQuestion *item = g_ptr_array_index (session->questions, q);

      sqlite3_reset (question);
      sqlite3_bind_int64 (question, 1, id);
      sqlite3_bind_int (question, 2, (int) q);
      gcm_sqlite_bind_text (question, 3, item->id);
      gcm_sqlite_bind_text (question, 4, item->prompt);
      if (!gcm_sqlite_step_done (question, "Cannot save the workshop", error))
        return FALSE;
      for (guint c = 0; c < gcm_workshop_question_get_n_choices (item); c++)
        {
          sqlite3_reset (choice);
          sqlite3_bind_int64 (choice, 1, id);
          sqlite3_bind_int (choice, 2, (int) q);
          sqlite3_bind_int (choice, 3, (int) c);
          gcm_sqlite_bind_text (choice, 4, item->choices[c]);
          sqlite3_bind_int (choice, 5, gcm_workshop_question_is_right (item, c));
          sqlite3_bind_int (choice, 6, (int) item->tallies[c]);
          if (!gcm_sqlite_step_done (choice, "Cannot save the workshop", error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Runs @sql, a DELETE of the rows whose session is ?1. */
static gboolean
delete_session_rows (sqlite3     *user,
                     const char  *sql,
                     gint64       session_id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gcm_sqlite_prepare (user, sql, "Cannot save the workshop", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  return gcm_sqlite_step_done (stmt, "Cannot save the workshop", error);
}

/* The session and every count in one transaction: a report never shows half a session. */
static gint64
write_session (sqlite3                  *user,
               const GcmWorkshopSession *session,
               GError                  **error)
{
  g_auto(GcmSqliteTransaction) transaction = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = session->id;

  if (!gcm_sqlite_begin (&transaction, user, error))
    return 0;
  if (id != 0)
    stmt = gcm_sqlite_prepare (user, "UPDATE workshop_session SET item_id = ?2, title = ?3,"
                                     " lang = ?4, content_serial = ?5, started = ?6, saved = ?7"
                                     " WHERE id = ?1",
                               "Cannot save the workshop", error);
  else
    stmt = gcm_sqlite_prepare (user, "INSERT INTO workshop_session"
                                     " (item_id, title, lang, content_serial, started, saved)"
                                     " VALUES (?2, ?3, ?4, ?5, ?6, ?7)",
                               "Cannot save the workshop", error);
  if (stmt == NULL)
    return 0;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  gcm_sqlite_bind_text (stmt, 2, session->item_id);
  gcm_sqlite_bind_text (stmt, 3, session->title);
  gcm_sqlite_bind_text (stmt, 4, session->lang);
  sqlite3_bind_int64 (stmt, 5, session->content_serial);
  sqlite3_bind_int64 (stmt, 6, session->started);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (!gcm_sqlite_step_done (stmt, "Cannot save the workshop", error))
    return 0;
  if (id == 0)
    id = sqlite3_last_insert_rowid (user);
  else if (sqlite3_changes (user) == 0)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND,
                   _("This workshop session is no longer saved."));
      return 0;
    }
  if (!delete_session_rows (user, "DELETE FROM workshop_choice WHERE session = ?1", id, error) ||
      !delete_session_rows (user, "DELETE FROM workshop_question WHERE session = ?1", id, error) ||
      !insert_questions (user, session, id, error) ||
      !gcm_sqlite_commit (&transaction, error))
    return 0;
  return id;
}

static void
save_job (GTask   *task,
          sqlite3 *user)
{
  GcmStore *store = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 id;

  if (gcm_store_check_writable (store, &error) &&
      (id = write_session (user, g_task_get_task_data (task), &error)) != 0)
    g_task_return_int (task, id);
  else
    g_task_return_error (task, error);
}

/**
 * gcm_workshop_save_async:
 * @session: the session, copied: the caller may go on changing it
 *
 * Saves @session's questions and counts; a session that has an id replaces what it saved.
 */
void
gcm_workshop_save_async (GcmStore                 *store,
                         const GcmWorkshopSession *session,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (session != NULL);

  gcm_store_worker_run (_gcm_store_get_user_worker (store), store, gcm_workshop_save_async,
                        gcm_workshop_session_copy (session),
                        (GDestroyNotify) gcm_workshop_session_free, save_job, cancellable,
                        callback, user_data);
}

/**
 * gcm_workshop_save_finish:
 *
 * Returns: the session's id, or 0 with @error set
 */
gint64
gcm_workshop_save_finish (GcmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

/* (element-type GcmWorkshopSession): the sessions, newest first, or only @only when not 0. */
static GPtrArray *
read_sessions (sqlite3  *user,
               gint64    only,
               GError  **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_workshop_session_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) choices = NULL;

  stmt = gcm_sqlite_prepare (user, "SELECT id, item_id, title, lang, content_serial, started"
                                   " FROM workshop_session WHERE ?1 = 0 OR id = ?1"
                                   " ORDER BY started DESC, id DESC",
                             "Cannot read the workshop sessions", error);
  choices = gcm_sqlite_prepare (user, "SELECT q.session, q.position, q.question_id, q.prompt,"
                                      " c.position, c.text, c.right, c.tally"
                                      " FROM workshop_question q LEFT JOIN workshop_choice c"
                                      " ON c.session = q.session AND c.question = q.position"
                                      " WHERE ?1 = 0 OR q.session = ?1"
                                      " ORDER BY q.session, q.position, c.position",
                                "Cannot read the workshop sessions", error);
  if (stmt == NULL || choices == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, only);
  sqlite3_bind_int64 (choices, 1, only);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GcmWorkshopSession *session =
        gcm_workshop_session_new ((const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2),
                                  (const char *) sqlite3_column_text (stmt, 3),
                                  sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5));

      session->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (sessions, session);
      g_hash_table_insert (by_id, &session->id, session);
    }
  while (sqlite3_step (choices) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (choices, 0);
      GcmWorkshopSession *session = g_hash_table_lookup (by_id, &id);
      guint position = (guint) sqlite3_column_int (choices, 1);
      GcmWorkshopQuestion *question;
      guint n;

      if (session == NULL)
        continue;
      if (position >= session->questions->len)
        g_ptr_array_add (session->questions,
                         gcm_workshop_question_new ((const char *) sqlite3_column_text (choices, 2),
                                                    (const char *) sqlite3_column_text (choices, 3),
                                                    NULL, 0));
      question = g_ptr_array_index (session->questions, session->questions->len - 1);
      n = gcm_workshop_question_get_n_choices (question);
      if (sqlite3_column_type (choices, 4) == SQLITE_NULL || n >= GCM_WORKSHOP_MAX_CHOICES)
        continue;
      question->choices = g_renew (char *, question->choices, n + 2);
      question->choices[n] = gcm_sqlite_dup_text (choices, 5);
      question->choices[n + 1] = NULL;
      if (sqlite3_column_int (choices, 6))
        question->right |= 1u << n;
      question->tallies[n] = MIN ((guint) MAX (sqlite3_column_int (choices, 7), 0),
                                  GCM_WORKSHOP_MAX_TALLY);
    }
  if (only != 0 && sessions->len == 0)
    {
      g_set_error (error, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND,
                   _("There is no workshop session %lld."), (long long) only);
      return NULL;
    }
  return g_steal_pointer (&sessions);
}

static void
list_job (GTask   *task,
          sqlite3 *user)
{
  GError *error = NULL;
  GPtrArray *sessions = read_sessions (user, 0, &error);

  gcm_store_task_return_pointer (task, sessions, (GDestroyNotify) g_ptr_array_unref, error);
}

/**
 * gcm_workshop_list_async:
 *
 * Reads every saved workshop session with its questions and counts, newest first.
 */
void
gcm_workshop_list_async (GcmStore            *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));

  gcm_store_worker_run (_gcm_store_get_user_worker (store), store, gcm_workshop_list_async, NULL,
                        NULL, list_job, cancellable, callback, user_data);
}

/**
 * gcm_workshop_list_finish:
 *
 * Returns: (transfer full) (element-type GcmWorkshopSession): the sessions, or %NULL with
 *   @error set
 */
GPtrArray *
gcm_workshop_list_finish (GcmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/**
 * gcm_workshop_load:
 *
 * Reads one saved session, blocking, on a connection of its own.
 *
 * Returns: (transfer full): the session, or %NULL with @error set
 */
GcmWorkshopSession *
gcm_workshop_load (GcmStore  *store,
                   gint64     session_id,
                   GError   **error)
{
  g_autoptr(sqlite3) user = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (session_id > 0, NULL);

  if (!(user = gcm_store_open_user_db (store, TRUE, error)) ||
      !(sessions = read_sessions (user, session_id, error)))
    return NULL;
  return g_ptr_array_steal_index (sessions, 0);
}
