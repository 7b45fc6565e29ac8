/* test-case-date.c — a case's date as the reader reads it, in English and in Korean.
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <glib.h>

#include "gcm-case-date.h"
#include "gcm-locale.h"

static void
assert_date (const char *source,
             const char *shown)
{
  g_autofree char *text = gcm_case_date_format (source);

  g_assert_cmpstr (text, ==, shown);
}

static void
test_english (void)
{
  assert_date ("2017", "2017");
  assert_date ("2019-06", "June 2019");
  assert_date ("2019-06-14", "14 June 2019");
  assert_date ("2019-11 to 2019-12", "November – December 2019");
  assert_date ("2006-09 to 2007-02", "September 2006 – February 2007");
  assert_date ("2019 to 2021", "2019 – 2021");
  assert_date ("2019-06-14 to 2019-07-02", "14 June – 2 July 2019");
}

/* What the source did not write as a date stays as written. */
static void
test_other_text (void)
{
  assert_date ("", "");
  assert_date ("late 2019", "late 2019");
  assert_date ("2019-13", "2019-13");
  assert_date ("2019-02-30", "2019-02-30");
  assert_date ("2019-06 to", "2019-06 to");
  assert_date ("2019-06 to 2019-07 to 2019-08", "2019-06 to 2019-07 to 2019-08");
  assert_date ("20190", "20190");
}

static void
test_korean (void)
{
  if (setlocale (LC_ALL, "ko_KR.UTF-8") == NULL)
    {
      g_test_skip ("the ko_KR.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "ko", TRUE);
  gcm_locale_init ();
  assert_date ("2017", "2017년");
  assert_date ("2019-06", "2019년 6월");
  assert_date ("2019-11 to 2019-12", "2019년 11월–12월");
  assert_date ("2006-09 to 2007-02", "2006년 9월–2007년 2월");
  assert_date ("2019-06-14", "2019년 6월 14일");
  assert_date ("2019-06-14 to 2019-07-02", "2019년 6월 14일–7월 2일");
  assert_date ("2019 to 2021", "2019년–2021년");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case-date/english", test_english);
  g_test_add_func ("/case-date/other-text", test_other_text);
  g_test_add_func ("/case-date/korean", test_korean);
  return g_test_run ();
}
