/* gcm-workshop-csv.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workshop's class results as CSV (RFC 4180): a header, then one row per question with one
 * column per choice holding how many chose it. Lines end in CRLF; a field with a comma, a quote
 * or a line break is quoted and its quotes doubled. The text is UTF-8 as the manual gives it,
 * with a byte order mark so that spreadsheets do not read Korean text as Latin-1.
 */

#define G_LOG_DOMAIN "GcmWorkshopCsv"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gcm-workshop-csv.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/**
 * gcm_workshop_csv_append_field:
 * @row: a row being built: the fields written so far, joined by commas
 * @field: (nullable): the text, %NULL for an empty field
 *
 * Appends @field to @row, quoted when RFC 4180 asks for it.
 */
void
gcm_workshop_csv_append_field (GPtrArray  *row,
                               const char *field)
{
  GString *quoted;

  if (field == NULL || strpbrk (field, ",\"\r\n") == NULL)
    {
      g_ptr_array_add (row, g_strdup (field != NULL ? field : ""));
      return;
    }
  quoted = g_string_new ("\"");
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  g_ptr_array_add (row, g_string_free (quoted, FALSE));
}

/* Writes @row as a line of @csv and empties it for the next. */
static void
end_row (GString   *csv,
         GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, g_ptr_array_index (row, i));
    }
  g_string_append (csv, "\r\n");
  g_ptr_array_set_size (row, 0);
}

static void
append_count (GPtrArray *row,
              int        count)
{
  g_autofree char *text = count >= 0 ? g_strdup_printf ("%d", count) : NULL;

  gcm_workshop_csv_append_field (row, text);
}

/**
 * gcm_workshop_csv_write:
 *
 * Returns: (transfer full): the session's results as CSV text
 */
char *
gcm_workshop_csv_write (const GcmWorkshopSession *session)
{
  GString *csv = g_string_new (UTF8_BOM);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  guint columns = gcm_workshop_session_get_max_choices (session);

  /* Translators: column headings of a workshop's results exported as CSV */
  gcm_workshop_csv_append_field (row, _("Question ID"));
  gcm_workshop_csv_append_field (row, _("Question"));
  gcm_workshop_csv_append_field (row, _("Choices"));
  gcm_workshop_csv_append_field (row, _("Right Answer"));
  for (guint i = 0; i < columns; i++)
    {
      g_autofree char *letter = gcm_workshop_choice_letter (i);

      gcm_workshop_csv_append_field (row, letter);
    }
  gcm_workshop_csv_append_field (row, _("Answers"));
  gcm_workshop_csv_append_field (row, _("Right (%)"));
  end_row (csv, row);

  for (guint q = 0; q < session->questions->len; q++)
    {
      const GcmWorkshopQuestion *question = g_ptr_array_index (session->questions, q);
      guint n = gcm_workshop_question_get_n_choices (question);
      g_autoptr(GString) choices = g_string_new (NULL);
      g_autofree char *right = gcm_workshop_question_dup_right_letters (question);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (choices, "%s%c. %s", i > 0 ? "\n" : "", 'A' + (int) i,
                                question->choices[i]);
      gcm_workshop_csv_append_field (row, question->id);
      gcm_workshop_csv_append_field (row, question->prompt);
      gcm_workshop_csv_append_field (row, choices->str);
      gcm_workshop_csv_append_field (row, right);
      /* A question with fewer choices leaves the rest of its columns empty, not zero. */
      for (guint i = 0; i < columns; i++)
        append_count (row, i < n ? (int) question->tallies[i] : -1);
      append_count (row, (int) gcm_workshop_question_get_total (question));
      append_count (row, gcm_workshop_question_get_share_right (question));
      end_row (csv, row);
    }
  return g_string_free (csv, FALSE);
}
