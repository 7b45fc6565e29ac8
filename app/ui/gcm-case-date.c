/* gcm-case-date.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case's date as the reader says it. The source writes dates as "2017", "2019-06",
 * "2019-06-14" or a span "2019-11 to 2019-12"; the page shows "November – December 2019", or
 * "2019년 11월–12월" in Korean. Anything else is shown as written.
 */

#define G_LOG_DOMAIN "GcmCaseDate"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-case-date.h"

/* A year, a month of it (1–12) or a day of that month; 0 where the source does not say. */
typedef struct
{
  int year, month, day;
} CaseDate;

/* Reads exactly @digits digits, and moves @text past them. */
static gboolean
read_number (const char **text,
             guint        digits,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < digits; i++, (*text)++)
    {
      if (!g_ascii_isdigit (**text))
        return FALSE;
      *value = *value * 10 + g_ascii_digit_value (**text);
    }
  return TRUE;
}

static gboolean
parse_date (const char *text,
            CaseDate   *date)
{
  *date = (CaseDate) { 0 };
  if (!read_number (&text, 4, &date->year) || date->year < 1)
    return FALSE;
  if (*text == '-' && (text++, !read_number (&text, 2, &date->month) ||
                       date->month < 1 || date->month > 12))
    return FALSE;
  if (date->month != 0 && *text == '-' &&
      (text++, !read_number (&text, 2, &date->day) ||
       !g_date_valid_dmy (date->day, date->month, date->year)))
    return FALSE;
  return *text == '\0';
}

/* Where a date stands: alone, or as the first or last end of a span within one year, which
 * names the year once (at its end in English, at its start in Korean). */
typedef enum
{
  DATE_ALONE,
  DATE_FIRST_OF_YEAR,
  DATE_LAST_OF_YEAR,
} DateRole;

static char *
format_date (const CaseDate *date,
             DateRole        role)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (date->year, MAX (date->month, 1),
                                                   MAX (date->day, 1), 0, 0, 0);
  const char *format;

  /* Translators: formats of a case's date, in g_date_time_format() notation. A year alone:
   * "2017". */
  if (date->month == 0)
    format = C_("case date", "%Y");
  /* Translators: a month alone, "November 2019"; the first and last of a span within one
   * year, as in "November – December 2019". */
  else if (date->day == 0)
    format = role == DATE_ALONE ? C_("case date", "%B %Y")
             : role == DATE_FIRST_OF_YEAR ? C_("first month of a span", "%B")
             : C_("last month of a span", "%B %Y");
  /* Translators: a day alone, "14 June 2019"; the first and last of a span within one year,
   * as in "14 June – 2 July 2019". */
  else
    format = role == DATE_ALONE ? C_("case date", "%-d %B %Y")
             : role == DATE_FIRST_OF_YEAR ? C_("first day of a span", "%-d %B")
             : C_("last day of a span", "%-d %B %Y");
  return g_date_time_format (time, format);
}

/**
 * gcm_case_date_format:
 * @date: a case's date as its source writes it
 *
 * Returns: (transfer full): @date in the reader's language
 */
char *
gcm_case_date_format (const char *date)
{
  g_auto(GStrv) ends = NULL;
  CaseDate first, last;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean within_year;

  g_return_val_if_fail (date != NULL, NULL);

  ends = g_strsplit (date, " to ", 2);
  if (ends[0] == NULL || !parse_date (ends[0], &first) || (ends[1] != NULL && !parse_date (ends[1], &last)))
    return g_strdup (date);
  if (ends[1] == NULL)
    return format_date (&first, DATE_ALONE);

  within_year = first.year == last.year && first.month != 0 && last.month != 0;
  from = format_date (&first, within_year ? DATE_FIRST_OF_YEAR : DATE_ALONE);
  to = format_date (&last, within_year ? DATE_LAST_OF_YEAR : DATE_ALONE);
  /* Translators: a span of two dates, "November – December 2019" */
  return g_strdup_printf (C_("case date", "%s – %s"), from, to);
}
