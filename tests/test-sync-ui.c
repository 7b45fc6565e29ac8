/* test-sync-ui.c — what the window says about headquarters updates: the toast after an update,
 * the status line at the sidebar's foot, and which feed addresses Preferences accepts
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gcm-preferences-window.h"
#include "gcm-sync-status.h"

static void
test_report_toast (void)
{
  GcmSyncReport report = { .serial = 7 };
  g_autofree char *nothing = gcm_sync_report_describe (&report);
  g_autofree char *many = NULL;
  g_autofree char *one = NULL;
  g_autofree char *all = NULL;

  /* Nothing new: the caller says "Content is up to date" for a manual check. */
  g_assert_null (nothing);

  report.added[GCM_ITEM_KIND_CASE] = 12;
  report.updated[GCM_ITEM_KIND_SECTION] = 3;
  many = gcm_sync_report_describe (&report);
  g_assert_cmpstr (many, ==, "12 new cases, 3 sections updated");

  report = (GcmSyncReport) { .serial = 8 };
  report.added[GCM_ITEM_KIND_CASE] = 1;
  report.updated[GCM_ITEM_KIND_SECTION] = 1;
  one = gcm_sync_report_describe (&report);
  g_assert_cmpstr (one, ==, "1 new case, 1 section updated");

  report.added[GCM_ITEM_KIND_QUIZ] = 2;
  report.updated[GCM_ITEM_KIND_PROCEDURE] = 1;
  report.removed = 4;
  all = gcm_sync_report_describe (&report);
  g_assert_cmpstr (all, ==,
                   "1 new case, 2 new quizzes, 1 section updated, 1 procedure updated, "
                   "4 pages withdrawn");
}

static void
test_status_line (void)
{
  const gint64 now = 1764633600;
  struct {
    GcmSyncState  state;
    gint64        last_success;
    const char   *last_error;
    const char   *expected;
  } cases[] = {
    { GCM_SYNC_STATE_UP_TO_DATE, now - 2 * 3600 - 59, NULL, "Up to date · checked 2 hours ago" },
    { GCM_SYNC_STATE_UP_TO_DATE, now - 3600, NULL, "Up to date · checked 1 hour ago" },
    { GCM_SYNC_STATE_UP_TO_DATE, now - 30, NULL, "Up to date · checked just now" },
    { GCM_SYNC_STATE_UP_TO_DATE, now + 600, NULL, "Up to date · checked just now" },
    { GCM_SYNC_STATE_IDLE, now - 5 * 60, NULL, "Last checked 5 minutes ago" },
    { GCM_SYNC_STATE_IDLE, now - 3 * 86400, NULL, "Last checked 3 days ago" },
    { GCM_SYNC_STATE_IDLE, 0, NULL, "Not checked for updates yet" },
    { GCM_SYNC_STATE_CHECKING, now - 60, NULL, "Checking for updates…" },
    { GCM_SYNC_STATE_DOWNLOADING, now - 60, NULL, "Downloading the update…" },
    { GCM_SYNC_STATE_INSTALLING, now - 60, NULL, "Installing the update…" },
    { GCM_SYNC_STATE_FAILED, now - 60, "The update server could not be reached.",
      "The update server could not be reached." },
    /* After a failed check the error stays shown until a check succeeds. */
    { GCM_SYNC_STATE_IDLE, now - 60, "The feed is signed by a key that is not trusted.",
      "The feed is signed by a key that is not trusted." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = gcm_sync_status_describe (cases[i].state, cases[i].last_success,
                                                        cases[i].last_error, now);
      g_assert_cmpstr (line, ==, cases[i].expected);
    }
}

static void
test_feed_address (void)
{
  const char *accepted[] = {
    "", "  ", "https://hq.greencustoms.org/feed/", "HTTPS://hq.example.org",
    "http://127.0.0.1:8080/feed", "http://localhost/feed", "http://[::1]:8080/",
    "/media/usb/feed", "file:///media/usb/feed",
  };
  const char *refused[] = {
    "http://hq.greencustoms.org/feed/", "http://192.168.1.10/feed", "ftp://hq.example.org/feed",
    "hq.greencustoms.org/feed", "https://", "file://server/share/feed", "media/usb",
    "javascript:alert(1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *reason = NULL;

      if (!gcm_preferences_check_feed_address (accepted[i], &reason))
        g_error ("“%s” was refused: %s", accepted[i], reason);
      g_assert_null (reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *reason = NULL;

      if (gcm_preferences_check_feed_address (refused[i], &reason))
        g_error ("“%s” was accepted", refused[i]);
      /* One sentence that says why. */
      g_assert_nonnull (reason);
      g_assert_true (g_str_has_suffix (reason, "."));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-ui/report-toast", test_report_toast);
  g_test_add_func ("/sync-ui/status-line", test_status_line);
  g_test_add_func ("/sync-ui/feed-address", test_feed_address);

  return g_test_run ();
}
