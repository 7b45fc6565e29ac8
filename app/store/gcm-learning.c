/* gcm-learning.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a learner did and what comes next: quiz attempts and their answers, the review log FSRS
 * replays, sections read by chapter, and the questions due. The review schedule is never
 * stored: it is replayed from review_log each time, so a change to the scheduler or to a
 * question reschedules without a migration.
 *
 * A question is known by its quiz and its id; its fingerprint says which wording was answered.
 * When the current wording differs from the last one logged the question is new again (its old
 * rows stay), and it is due at once. A question no longer in its quiz is never due again; a
 * quiz withdrawn keeps its attempts and is listed by the title saved with them.
 */

#define G_LOG_DOMAIN "GcmLearning"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-content-schema.h"
#include "gcm-learning.h"
#include "gcm-locale.h"
#include "gcm-manifest.h"
#include "gcm-quiz-question.h"
#include "gcm-sqlite.h"
#include "gcm-store-private.h"
#include "gcm-user-data.h"

#define N_RECENT 5

struct _GcmLearningRecord
{
  gatomicrefcount  ref;
  GcmStore        *store;
  gint64           id;     /* quiz_attempt.id, set on the user worker; 0 for reviews */
};

/* What content.db holds for the learner, read on the content worker. */
typedef struct
{
  gint64      serial;
  GPtrArray  *chapters;   /* (element-type GcmLearningChapter) */
  GHashTable *sections;   /* chapter id → GPtrArray of char* pairs id, title */
  GPtrArray  *quizzes;    /* (element-type GcmLearningQuiz) */
  gint64      now;
} Snapshot;

typedef struct
{
  GcmLearningRecord *record;
  char              *quiz_id;
  char              *title;
  char              *question_id;
  char              *fingerprint;
  char              *answer;
  guint32            seed;
  gboolean           retry;
  gboolean           right;
  GcmGrade           grade;
  guint              elapsed_ms;
  guint              score;
  guint              total;
  gint64             serial;
  gint64             now;
} WriteData;

/* Helpers */

void
gcm_learning_quiz_free (GcmLearningQuiz *quiz)
{
  if (quiz == NULL)
    return;
  g_free (quiz->id);
  g_free (quiz->title);
  g_clear_pointer (&quiz->questions, g_ptr_array_unref);
  g_clear_pointer (&quiz->media_files, g_hash_table_unref);
  g_free (quiz);
}

static void
due_free (GcmLearningDue *due)
{
  g_free (due->quiz_id);
  g_free (due->quiz_title);
  g_clear_object (&due->question);
  g_free (due);
}

static void
chapter_free (GcmLearningChapter *chapter)
{
  g_free (chapter->id);
  g_free (chapter->title);
  g_free (chapter->next_id);
  g_free (chapter->next_title);
  g_free (chapter);
}

static void
quiz_progress_free (GcmLearningQuizProgress *quiz)
{
  g_free (quiz->id);
  g_free (quiz->title);
  g_free (quiz);
}

static void
score_free (GcmLearningScore *score)
{
  g_free (score->quiz_id);
  g_free (score->title);
  g_free (score);
}

void
gcm_learning_progress_free (GcmLearningProgress *progress)
{
  if (progress == NULL)
    return;
  g_clear_pointer (&progress->chapters, g_ptr_array_unref);
  g_clear_pointer (&progress->quizzes, g_ptr_array_unref);
  g_clear_pointer (&progress->recent, g_ptr_array_unref);
  g_clear_pointer (&progress->due, g_ptr_array_unref);
  g_clear_pointer (&progress->media_files, g_hash_table_unref);
  g_free (progress);
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->chapters, g_ptr_array_unref);
  g_clear_pointer (&snapshot->sections, g_hash_table_unref);
  g_clear_pointer (&snapshot->quizzes, g_ptr_array_unref);
  g_free (snapshot);
}

static void
write_data_free (WriteData *data)
{
  g_clear_pointer (&data->record, gcm_learning_record_unref);
  g_free (data->quiz_id);
  g_free (data->title);
  g_free (data->question_id);
  g_free (data->fingerprint);
  g_free (data->answer);
  g_free (data);
}

/**
 * gcm_learning_withdrawn_label:
 *
 * Returns: what a quiz withdrawn from the manual is shown with
 */
const char *
gcm_learning_withdrawn_label (void)
{
  return _("No longer in the manual");
}

static int
percent (guint score,
         guint total)
{
  return total > 0 ? (int) (score * 100 / total) : 0;
}

/* Reading content.db */

static gint64
read_serial (sqlite3 *content)
{
  g_autoptr(sqlite3_stmt) stmt = gcm_sqlite_prepare (content, "SELECT serial FROM feed_state"
                                                              " WHERE id = 1", "", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The quiz @id's questions and media; %NULL with @error set when it is not installed. */
static GcmLearningQuiz *
read_quiz (GcmStore    *store,
           sqlite3     *content,
           gint64       rowid,
           const char  *id,
           const char  *title,
           const char  *json,
           GError     **error)
{
  g_autoptr(GcmLearningQuiz) quiz = g_new0 (GcmLearningQuiz, 1);

  quiz->id = g_strdup (id);
  quiz->title = g_strdup (title);
  quiz->questions = _gcm_store_read_quiz_questions (json, title, gcm_locale_get_content_language (),
                                                    error);
  if (quiz->questions == NULL)
    return NULL;
  quiz->media_files = _gcm_store_read_item_media (store, content, rowid, error);
  if (quiz->media_files == NULL)
    return NULL;
  return g_steal_pointer (&quiz);
}

/* (element-type GcmLearningQuiz): every installed quiz, or the one named @only. Quizzes whose
 * questions cannot be read are left out: the rest of the learner's page still works. */
static GPtrArray *
read_quizzes (GcmStore    *store,
              sqlite3     *content,
              const char  *only,
              GError     **error)
{
  g_autoptr(GPtrArray) quizzes = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_learning_quiz_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  /* The title in the reader's language where a translation has one. */
  stmt = gcm_sqlite_prepare (content, "SELECT rowid, id,"
                                      " coalesce((SELECT t.title FROM item_title t"
                                      "           WHERE t.item = item.rowid AND t.lang = ?2), title),"
                                      " json FROM item WHERE kind = 'quiz'"
                                      " AND (?1 IS NULL OR id = ?1) ORDER BY title, id",
                             "Cannot read the quizzes", error);
  if (stmt == NULL)
    return NULL;
  gcm_sqlite_bind_text (stmt, 1, only);
  gcm_sqlite_bind_text (stmt, 2, gcm_locale_get_content_language ());
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      GcmLearningQuiz *quiz;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read the quizzes", error))
        return NULL;
      if (!has_row)
        break;
      quiz = read_quiz (store, content, sqlite3_column_int64 (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3),
                        only != NULL ? error : &local_error);
      if (quiz == NULL && only != NULL)
        return NULL;
      if (quiz == NULL)
        {
          g_warning ("Quiz %s left out: %s", sqlite3_column_text (stmt, 1), local_error->message);
          continue;
        }
      g_ptr_array_add (quizzes, quiz);
    }
  return g_steal_pointer (&quizzes);
}

static Snapshot *
read_snapshot (GcmStore  *store,
               sqlite3   *content,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) chapters = NULL;
  g_autoptr(sqlite3_stmt) sections = NULL;
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->serial = read_serial (content);
  snapshot->chapters = g_ptr_array_new_with_free_func ((GDestroyNotify) chapter_free);
  snapshot->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  chapters = gcm_sqlite_prepare (content, "SELECT id, title FROM chapter ORDER BY ord, id",
                                 "Cannot read the chapters", error);
  sections = gcm_sqlite_prepare (content, "SELECT chapter, id, title FROM item"
                                          " WHERE kind = 'section' AND chapter IS NOT NULL"
                                          " ORDER BY ord, id",
                                 "Cannot read the chapters", error);
  if (chapters == NULL || sections == NULL ||
      !(snapshot->quizzes = read_quizzes (store, content, NULL, error)))
    {
      snapshot_free (snapshot);
      return NULL;
    }
  while (sqlite3_step (chapters) == SQLITE_ROW)
    {
      GcmLearningChapter *chapter = g_new0 (GcmLearningChapter, 1);

      chapter->id = gcm_sqlite_dup_text (chapters, 0);
      chapter->title = gcm_sqlite_dup_text (chapters, 1);
      g_ptr_array_add (snapshot->chapters, chapter);
    }
  while (sqlite3_step (sections) == SQLITE_ROW)
    {
      const char *chapter = (const char *) sqlite3_column_text (sections, 0);
      GPtrArray *list = g_hash_table_lookup (snapshot->sections, chapter);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (snapshot->sections, g_strdup (chapter), list);
        }
      g_ptr_array_add (list, gcm_sqlite_dup_text (sections, 1));
      g_ptr_array_add (list, gcm_sqlite_dup_text (sections, 2));
    }
  return snapshot;
}

/* Reading user.db and putting both together */

/* Replays the log of one question from its last change of wording; *@changed when it was
 * answered before in another wording only. */
static void
replay_question (sqlite3         *user,
                 sqlite3_stmt    *stmt,
                 const char      *quiz_id,
                 GcmQuizQuestion *question,
                 GcmFsrsCard     *card,
                 gboolean        *changed)
{
  const char *fingerprint = gcm_quiz_question_get_fingerprint (question);
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (GcmReviewEntry));
  gboolean any = FALSE;

  sqlite3_reset (stmt);
  gcm_sqlite_bind_text (stmt, 1, quiz_id);
  gcm_sqlite_bind_text (stmt, 2, gcm_quiz_question_get_id (question));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GcmReviewEntry entry = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2) };

      any = TRUE;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), fingerprint) != 0)
        g_array_set_size (log, 0);   /* another wording: what came before no longer counts */
      else if (entry.grade >= GCM_GRADE_AGAIN && entry.grade <= GCM_GRADE_EASY)
        g_array_append_val (log, entry);
    }
  gcm_fsrs_card_init (card);
  gcm_fsrs_replay (card, (const GcmReviewEntry *) log->data, log->len);
  *changed = any && log->len == 0;
}

static GcmLearningQuizProgress *
quiz_progress_new (const char *id,
                   const char *title,
                   gboolean    withdrawn)
{
  GcmLearningQuizProgress *quiz = g_new0 (GcmLearningQuizProgress, 1);

  quiz->id = g_strdup (id);
  quiz->title = g_strdup (title);
  quiz->withdrawn = withdrawn;
  quiz->best = quiz->last = -1;
  return quiz;
}

static gboolean
read_attempts (sqlite3             *user,
               GcmLearningProgress *progress,
               GHashTable          *by_id,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = FALSE;

  /* Newest first, so the first row of a quiz is its last score. */
  stmt = gcm_sqlite_prepare (user, "SELECT quiz_id, title, score, total, finished FROM quiz_attempt"
                                   " WHERE finished IS NOT NULL ORDER BY finished DESC, id DESC",
                             "Cannot read your quiz scores", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *quiz_id;
      GcmLearningQuizProgress *quiz;
      guint score, total;
      int pct;

      if (!gcm_sqlite_step (stmt, &has_row, "Cannot read your quiz scores", error))
        return FALSE;
      if (!has_row)
        break;
      quiz_id = (const char *) sqlite3_column_text (stmt, 0);
      score = sqlite3_column_int (stmt, 2);
      total = sqlite3_column_int (stmt, 3);
      pct = percent (score, total);
      quiz = g_hash_table_lookup (by_id, quiz_id);
      if (quiz == NULL)
        {
          quiz = quiz_progress_new (quiz_id, (const char *) sqlite3_column_text (stmt, 1), TRUE);
          g_ptr_array_add (progress->quizzes, quiz);
          g_hash_table_insert (by_id, quiz->id, quiz);
        }
      if (quiz->n_attempts++ == 0)
        quiz->last = pct;
      quiz->best = MAX (quiz->best, pct);
      if (progress->recent->len < N_RECENT)
        {
          GcmLearningScore *recent = g_new0 (GcmLearningScore, 1);

          recent->quiz_id = g_strdup (quiz_id);
          recent->title = g_strdup (quiz->title);
          recent->score = score;
          recent->total = total;
          recent->finished = sqlite3_column_int64 (stmt, 4);
          g_ptr_array_add (progress->recent, recent);
        }
    }
  return TRUE;
}

static void
fill_chapters (Snapshot            *snapshot,
               GHashTable          *completed,
               GcmLearningProgress *progress)
{
  for (guint i = 0; i < snapshot->chapters->len; i++)
    {
      GcmLearningChapter *chapter = g_ptr_array_index (snapshot->chapters, i);
      GPtrArray *sections = g_hash_table_lookup (snapshot->sections, chapter->id);

      for (guint j = 0; sections != NULL && j + 1 < sections->len; j += 2)
        {
          const char *id = g_ptr_array_index (sections, j);

          chapter->n_sections++;
          if (g_hash_table_contains (completed, id))
            chapter->n_read++;
          else if (chapter->next_id == NULL)
            {
              chapter->next_id = g_strdup (id);
              chapter->next_title = g_strdup (g_ptr_array_index (sections, j + 1));
            }
        }
    }
  progress->chapters = g_steal_pointer (&snapshot->chapters);
}

static gint
compare_due (gconstpointer a,
             gconstpointer b)
{
  const GcmLearningDue *da = *(GcmLearningDue * const *) a;
  const GcmLearningDue *db = *(GcmLearningDue * const *) b;

  return da->card.due < db->card.due ? -1 : da->card.due > db->card.due;
}

/* Mixes the due questions across quizzes: a stable shuffle by question, so a learner does
 * not meet one quiz's questions in a block, yet the order does not change between reads. */
static gint
compare_mixed (gconstpointer a,
               gconstpointer b)
{
  const GcmLearningDue *da = *(GcmLearningDue * const *) a;
  const GcmLearningDue *db = *(GcmLearningDue * const *) b;
  guint ha = g_str_hash (gcm_quiz_question_get_fingerprint (da->question));
  guint hb = g_str_hash (gcm_quiz_question_get_fingerprint (db->question));

  return ha < hb ? -1 : ha > hb;
}

static GcmLearningProgress *
build_progress (sqlite3   *user,
                Snapshot  *snapshot,
                GError   **error)
{
  g_autoptr(GcmLearningProgress) progress = g_new0 (GcmLearningProgress, 1);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) completed = gcm_user_data_dup_completed (user);
  g_autoptr(sqlite3_stmt) log = NULL;

  progress->quizzes = g_ptr_array_new_with_free_func ((GDestroyNotify) quiz_progress_free);
  progress->recent = g_ptr_array_new_with_free_func ((GDestroyNotify) score_free);
  progress->due = g_ptr_array_new_with_free_func ((GDestroyNotify) due_free);
  progress->media_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fill_chapters (snapshot, completed, progress);

  log = gcm_sqlite_prepare (user, "SELECT fingerprint, reviewed, grade FROM review_log"
                                  " WHERE quiz_id = ?1 AND question_id = ?2"
                                  " ORDER BY reviewed, id",
                            "Cannot read your reviews", error);
  if (log == NULL)
    return NULL;
  for (guint i = 0; i < snapshot->quizzes->len; i++)
    {
      GcmLearningQuiz *quiz = g_ptr_array_index (snapshot->quizzes, i);
      GcmLearningQuizProgress *entry = quiz_progress_new (quiz->id, quiz->title, FALSE);
      GHashTableIter iter;
      gpointer path, file;

      entry->n_questions = quiz->questions->len;
      g_ptr_array_add (progress->quizzes, entry);
      g_hash_table_insert (by_id, entry->id, entry);
      for (guint j = 0; j < quiz->questions->len; j++)
        {
          GcmQuizQuestion *question = g_ptr_array_index (quiz->questions, j);
          GcmFsrsCard card;
          gboolean changed = FALSE;
          GcmLearningDue *due;

          replay_question (user, log, quiz->id, question, &card, &changed);
          /* Never answered: the quiz itself is the first meeting, not a review. */
          if (!changed && (card.reps == 0 || !gcm_fsrs_card_is_due (&card, snapshot->now)))
            continue;
          due = g_new0 (GcmLearningDue, 1);
          due->quiz_id = g_strdup (quiz->id);
          due->quiz_title = g_strdup (quiz->title);
          due->question = g_object_ref (question);
          due->card = card;
          due->changed = changed;
          g_ptr_array_add (progress->due, due);
          entry->n_due++;
        }
      g_hash_table_iter_init (&iter, quiz->media_files);
      while (g_hash_table_iter_next (&iter, &path, &file))
        if (!g_hash_table_contains (progress->media_files, path))
          g_hash_table_insert (progress->media_files, g_strdup (path), g_strdup (file));
    }
  if (!read_attempts (user, progress, by_id, error))
    return NULL;
  g_ptr_array_sort (progress->due, compare_due);
  g_ptr_array_sort (progress->due, compare_mixed);
  return g_steal_pointer (&progress);
}

/* Reads on the workers */

static void
progress_user_job (GTask   *task,
                   sqlite3 *user)
{
  GError *error = NULL;
  GcmLearningProgress *progress = build_progress (user, g_task_get_task_data (task), &error);

  gcm_store_task_return_pointer (task, progress, (GDestroyNotify) gcm_learning_progress_free,
                                 error);
}

static void
progress_content_job (GTask   *task,
                      sqlite3 *content)
{
  Snapshot *snapshot;
  gint64 now = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  GError *error = NULL;

  if ((snapshot = read_snapshot (g_task_get_source_object (task), content, &error)) != NULL)
    {
      snapshot->now = now;
      g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
    }
  _gcm_store_continue_on_user (task, snapshot != NULL, error, progress_user_job);
}

/**
 * gcm_learning_progress_async:
 * @now: Unix time: what "today" means for the questions due
 *
 * Reads the learner's progress: chapters read, quiz scores, recent attempts, reviews due.
 */
void
gcm_learning_progress_async (GcmStore            *store,
                             gint64               now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));

  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_learning_progress_async,
                        GSIZE_TO_POINTER ((gsize) now), NULL, progress_content_job,
                        cancellable, callback, user_data);
}

/**
 * gcm_learning_progress_finish:
 *
 * Returns: (transfer full): the progress, or %NULL with @error set
 */
GcmLearningProgress *
gcm_learning_progress_finish (GcmStore      *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/**
 * gcm_learning_progress:
 *
 * As gcm_learning_progress_async(), blocking, on connections of its own.
 *
 * Returns: (transfer full): the progress, or %NULL with @error set
 */
GcmLearningProgress *
gcm_learning_progress (GcmStore  *store,
                       gint64     now,
                       GError   **error)
{
  g_autoptr(sqlite3) content = NULL;
  g_autoptr(sqlite3) user = NULL;
  Snapshot *snapshot;
  GcmLearningProgress *progress;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);

  if (!(content = gcm_store_open_content_db (store, TRUE, error)) ||
      !(user = gcm_store_open_user_db (store, TRUE, error)) ||
      !(snapshot = read_snapshot (store, content, error)))
    return NULL;
  snapshot->now = now;
  progress = build_progress (user, snapshot, error);
  snapshot_free (snapshot);
  return progress;
}

static void
load_quiz_job (GTask   *task,
               sqlite3 *content)
{
  g_autoptr(GPtrArray) quizzes = NULL;
  GError *error = NULL;
  const char *id = g_task_get_task_data (task);

  if (!(quizzes = read_quizzes (g_task_get_source_object (task), content, id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (quizzes->len == 0)
    {
      g_task_return_new_error (task, GCM_STORE_ERROR, GCM_STORE_ERROR_NOT_FOUND,
                               _("This quiz is no longer in the manual."));
      return;
    }
  ((GcmLearningQuiz *) quizzes->pdata[0])->serial = read_serial (content);
  g_task_return_pointer (task, g_ptr_array_steal_index (quizzes, 0),
                         (GDestroyNotify) gcm_learning_quiz_free);
}

/**
 * gcm_learning_load_quiz_async:
 *
 * Reads an installed quiz's questions and media, to take it.
 */
void
gcm_learning_load_quiz_async (GcmStore            *store,
                              const char          *quiz_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GCM_IS_STORE (store));
  g_return_if_fail (quiz_id != NULL);

  gcm_store_worker_run (_gcm_store_get_content_worker (store), store, gcm_learning_load_quiz_async,
                        g_strdup (quiz_id), g_free, load_quiz_job, cancellable, callback, user_data);
}

/**
 * gcm_learning_load_quiz_finish:
 *
 * Returns: (transfer full): the quiz, or %NULL with @error set
 */
GcmLearningQuiz *
gcm_learning_load_quiz_finish (GcmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return gcm_store_task_propagate_pointer (store, result, error);
}

/* Writes */

GcmLearningRecord *
gcm_learning_record_ref (GcmLearningRecord *record)
{
  g_atomic_ref_count_inc (&record->ref);
  return record;
}

void
gcm_learning_record_unref (GcmLearningRecord *record)
{
  if (record != NULL && g_atomic_ref_count_dec (&record->ref))
    {
      g_object_unref (record->store);
      g_free (record);
    }
}

static GcmLearningRecord *
record_new (GcmStore *store)
{
  GcmLearningRecord *record = g_new0 (GcmLearningRecord, 1);

  g_atomic_ref_count_init (&record->ref);
  record->store = g_object_ref (store);
  return record;
}

/**
 * gcm_learning_record_review:
 *
 * Returns: (transfer full): a record whose answers go to the review log only
 */
GcmLearningRecord *
gcm_learning_record_review (GcmStore *store)
{
  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  return record_new (store);
}

/**
 * gcm_learning_record_get_id:
 *
 * Returns: the attempt's row, once written (0 before, and for reviews); read it only in a
 *   write's callback
 */
gint64
gcm_learning_record_get_id (GcmLearningRecord *record)
{
  return record->id;
}

static void
push_write (GcmLearningRecord   *record,
            WriteData           *data,
            gpointer             source_tag,
            GcmStoreJob          job,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  data->record = gcm_learning_record_ref (record);
  gcm_store_worker_run (_gcm_store_get_user_worker (record->store), record->store, source_tag,
                        data, (GDestroyNotify) write_data_free, job, NULL, callback, user_data);
}

static void
begin_job (GTask   *task,
           sqlite3 *user)
{
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;

  stmt = gcm_sqlite_prepare (user, "INSERT INTO quiz_attempt (quiz_id, started, seed, retry,"
                                   " content_serial, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             "Cannot save your quiz", &error);
  if (stmt != NULL)
    {
      gcm_sqlite_bind_text (stmt, 1, data->quiz_id);
      sqlite3_bind_int64 (stmt, 2, data->now);
      sqlite3_bind_int64 (stmt, 3, data->seed);
      sqlite3_bind_int (stmt, 4, data->retry);
      sqlite3_bind_int64 (stmt, 5, data->serial);
      gcm_sqlite_bind_text (stmt, 6, data->title);
    }
  if (stmt == NULL || !gcm_sqlite_step_done (stmt, "Cannot save your quiz", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->record->id = sqlite3_last_insert_rowid (user);
  g_task_return_boolean (task, TRUE);
}

/**
 * gcm_learning_record_begin:
 * @callback: (nullable): called when the start is written
 *
 * Records the start of an attempt at a quiz.
 *
 * Returns: (transfer full): the attempt, for its answers and its end
 */
GcmLearningRecord *
gcm_learning_record_begin (GcmStore            *store,
                           const char          *quiz_id,
                           const char          *title,
                           guint32              seed,
                           gboolean             retry,
                           gint64               content_serial,
                           gint64               now,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GcmLearningRecord *record;
  WriteData *data;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (quiz_id != NULL, NULL);

  record = record_new (store);
  data = g_new0 (WriteData, 1);
  data->quiz_id = g_strdup (quiz_id);
  data->title = g_strdup (title != NULL ? title : "");
  data->seed = seed;
  data->retry = retry;
  data->serial = content_serial;
  data->now = now;
  push_write (record, data, gcm_learning_record_begin, begin_job, callback, user_data);
  return record;
}

static gboolean
append_review (sqlite3    *user,
               WriteData  *data,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gcm_sqlite_prepare (user, "INSERT INTO review_log (quiz_id, question_id, fingerprint,"
                                   " reviewed, grade) VALUES (?1, ?2, ?3, ?4, ?5)",
                             "Cannot save your answer", error);
  if (stmt == NULL)
    return FALSE;
  gcm_sqlite_bind_text (stmt, 1, data->quiz_id);
  gcm_sqlite_bind_text (stmt, 2, data->question_id);
  gcm_sqlite_bind_text (stmt, 3, data->fingerprint);
  sqlite3_bind_int64 (stmt, 4, data->now);
  sqlite3_bind_int (stmt, 5, data->grade);
  return gcm_sqlite_step_done (stmt, "Cannot save your answer", error);
}

static gboolean
insert_answer (sqlite3    *user,
               WriteData  *data,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gcm_sqlite_prepare (user, "INSERT OR REPLACE INTO quiz_answer (attempt, question_id,"
                                   " answer, correct, fingerprint, elapsed_ms, answered)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             "Cannot save your answer", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->record->id);
  gcm_sqlite_bind_text (stmt, 2, data->question_id);
  gcm_sqlite_bind_text (stmt, 3, data->answer);
  sqlite3_bind_int (stmt, 4, data->right);
  gcm_sqlite_bind_text (stmt, 5, data->fingerprint);
  sqlite3_bind_int64 (stmt, 6, data->elapsed_ms);
  sqlite3_bind_int64 (stmt, 7, data->now);
  return gcm_sqlite_step_done (stmt, "Cannot save your answer", error);
}

static void
answer_job (GTask   *task,
            sqlite3 *user)
{
  WriteData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean in_attempt = data->record->id != 0;
  g_auto(GcmSqliteTransaction) transaction = { 0 };
  gboolean ok;

  /* The answer and its review row together, or neither. */
  ok = gcm_sqlite_begin (&transaction, user, &error) &&
       (!in_attempt || insert_answer (user, data, &error)) &&
       append_review (user, data, &error) &&
       gcm_sqlite_commit (&transaction, &error);
  gcm_store_task_return_boolean (task, ok, error);
}

/**
 * gcm_learning_record_answer:
 * @answer: the chosen choices, as the text of their ids (`0,2`)
 * @second_try: the question was missed earlier in this sitting
 * @callback: (nullable): called when it is written
 *
 * Records an answer and appends its grade to the review log.
 */
void
gcm_learning_record_answer (GcmLearningRecord   *record,
                            const char          *quiz_id,
                            GcmQuizQuestion     *question,
                            const char          *answer,
                            gboolean             right,
                            gboolean             second_try,
                            guint                elapsed_ms,
                            gint64               now,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  WriteData *data;

  g_return_if_fail (record != NULL);
  g_return_if_fail (GCM_IS_QUIZ_QUESTION (question));

  data = g_new0 (WriteData, 1);
  data->quiz_id = g_strdup (quiz_id);
  data->question_id = g_strdup (gcm_quiz_question_get_id (question));
  data->fingerprint = g_strdup (gcm_quiz_question_get_fingerprint (question));
  data->answer = g_strdup (answer != NULL ? answer : "");
  data->right = right;
  data->grade = gcm_fsrs_grade_for_answer (right, second_try, elapsed_ms);
  data->elapsed_ms = elapsed_ms;
  data->now = now;
  push_write (record, data, gcm_learning_record_answer, answer_job, callback, user_data);
}

static void
end_job (GTask   *task,
         sqlite3 *user)
{
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gboolean ok;

  stmt = gcm_sqlite_prepare (user, "UPDATE quiz_attempt SET finished = ?2, score = ?3, total = ?4"
                                   " WHERE id = ?1",
                             "Cannot save your score", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, data->record->id);
      sqlite3_bind_int64 (stmt, 2, data->now);
      sqlite3_bind_int (stmt, 3, data->score);
      sqlite3_bind_int (stmt, 4, data->total);
    }
  /* Stepped before @error is passed on: arguments have no order of evaluation. */
  ok = stmt != NULL && gcm_sqlite_step_done (stmt, "Cannot save your score", &error);
  gcm_store_task_return_boolean (task, ok, error);
}

/**
 * gcm_learning_record_end:
 * @score: questions right
 * @total: questions asked
 * @callback: (nullable): called when it is written
 *
 * Records the end of an attempt and its score.
 */
void
gcm_learning_record_end (GcmLearningRecord   *record,
                         guint                score,
                         guint                total,
                         gint64               now,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  WriteData *data;

  g_return_if_fail (record != NULL);

  data = g_new0 (WriteData, 1);
  data->score = score;
  data->total = total;
  data->now = now;
  push_write (record, data, gcm_learning_record_end, end_job, callback, user_data);
}

gboolean
gcm_learning_write_finish (GcmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return gcm_store_task_propagate_boolean (store, result, error);
}
