/* gcm-cli.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line of DESIGN §9, answered without opening a window: --version, --status,
 * --import DIR [--trust-key FILE], --sync [--feed URL] [--trust-key FILE], --search QUERY [--json],
 * --progress [--json], --risk-check FIELD=VALUE,… [--json] and --identify KEY. What reads content first installs
 * the bundled feed when it is newer, as the window does. Errors are one sentence on stderr.
 */

#define G_LOG_DOMAIN "GcmCli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gcm-learning.h"
#include <pango/pango.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gcm-application-private.h"
#include "gcm-locale.h"
#include "gcm-cli.h"
#include "gcm-certificate.h"
#include "gcm-path-progress.h"
#include "gcm-print-procedure.h"
#include "gcm-field-tools.h"
#include "gcm-key-walk.h"
#include "gcm-importer.h"
#include "gcm-json-utils.h"
#include "gcm-search.h"
#include "gcm-store.h"
#include "gcm-sync-job.h"
#include "gcm-workshop-cli.h"


static void
print_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  /* Redrawn in place on a terminal; a log gets one line per tenth. */
  gboolean tty = isatty (STDERR_FILENO);

  if (!tty && total > 10 && (done + 1) % (total / 10) != 0 && done + 1 != total)
    return;
  /* Translators: progress of an import on the command line */
  g_printerr (tty ? "\r" : "");
  g_printerr (_("Checking %u of %u items…"), done + 1, total);
  if (!tty)
    g_printerr ("\n");
}

static void
print_json (JsonBuilder *builder)
{
  g_autofree char *data = gcm_json_builder_to_data (builder, NULL);

  g_print ("%s\n", data);
}

static int
run_import (GcmStore   *store,
            const char *path,
            const char *trust_key)
{
  g_autoptr(GSettings) settings = _gcm_maybe_settings ();
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  keys = _gcm_load_trusted_keys (settings, trust_key, &error);
  if (keys == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!gcm_importer_import_path (store, path, keys, NULL, print_progress_cb, NULL, &result, &error))
    {
      g_printerr ("%s%s\n", isatty (STDERR_FILENO) ? "\n" : "", _gcm_error_sentence (error));
      g_debug ("Import failed: %s", error->message);
      return 1;
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (result.up_to_date)
    g_print (_("Already up to date (serial %lld).\n"), (long long) result.serial);
  else
    /* Translators: the result of an import; the numbers are item counts */
    g_print (_("Imported serial %lld: %u added, %u updated, %u removed, %u unchanged.\n"),
             (long long) result.serial, result.added, result.updated, result.removed, result.unchanged);
  return 0;
}

static void
sync_progress_cb (GcmSyncState state,
                  double       progress,
                  gpointer     user_data)
{
  GcmSyncState *last = user_data;
  gboolean tty = isatty (STDERR_FILENO);

  if (state == *last && (state != GCM_SYNC_STATE_DOWNLOADING || (!tty && progress < 1.0)))
    return;
  if (tty && *last == GCM_SYNC_STATE_DOWNLOADING)
    g_printerr (state == GCM_SYNC_STATE_DOWNLOADING ? "\r" : "\n");
  *last = state;
  switch (state)
    {
    case GCM_SYNC_STATE_CHECKING:
      g_printerr (_("Checking headquarters for an update…\n"));
      break;
    case GCM_SYNC_STATE_VERIFYING:
      g_printerr (_("Verifying the update…\n"));
      break;
    case GCM_SYNC_STATE_DOWNLOADING:
      /* Translators: progress of --sync, in percent */
      g_printerr (_("Downloading… %.0f%%"), progress * 100);
      if (!tty)
        g_printerr ("\n");
      break;
    case GCM_SYNC_STATE_INSTALLING:
      g_printerr (_("Installing the update…\n"));
      break;
    default:
      break;
    }
}

/* --sync [--feed URL] [--trust-key FILE]: exit 0 only when installed or up to date. */
static int
run_sync (GcmStore   *store,
          const char *feed,
          const char *trust_key)
{
  g_autoptr(GSettings) settings = _gcm_maybe_settings ();
  g_autoptr(GcmTrust) trust = gcm_trust_new_by_key ();
  g_autoptr(GcmSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GcmSyncState last = GCM_SYNC_STATE_IDLE;
  GcmSyncStats stats = { 0 };
  guint added = 0, updated = 0;

  gcm_trust_add_installed (trust, gcm_trust_installed_keys_dir ());
  gcm_trust_add_settings (trust, settings);
  if (trust_key != NULL && !gcm_trust_add_key_file (trust, trust_key, &error))
    {
      /* Translators: %s is a file name */
      g_printerr (_("The key file %s is not a minisign public key.\n"), trust_key);
      return 2;
    }
  url = feed != NULL ? g_strdup (feed) : settings != NULL ? g_settings_get_string (settings, "feed-url") : NULL;

  report = gcm_sync_job_run (store, url, trust, sync_progress_cb, &last, &stats, NULL, &error);
  if (isatty (STDERR_FILENO) && last == GCM_SYNC_STATE_DOWNLOADING)
    g_printerr ("\n");
  g_debug ("%u requests, %" G_GUINT64_FORMAT " bytes received", stats.requests, stats.bytes_received);
  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (report->up_to_date)
    {
      g_print (_("Already up to date (serial %lld).\n"), (long long) report->serial);
      return 0;
    }
  for (guint i = 0; i < GCM_ITEM_KIND_COUNT; i++)
    {
      added += report->added[i];
      updated += report->updated[i];
    }
  /* Translators: the result of --sync; the numbers are item counts */
  g_print (_("Installed serial %lld: %u added, %u updated, %u removed.\n"),
           (long long) report->serial, added, updated, report->removed);
  return 0;
}

/* Failing to install is not fatal here: the installed content, if any, is still read. */
static void
install_bundled_content (GcmStore *store)
{
  g_autoptr(GError) error = NULL;
  GcmImportResult result = { 0 };

  if (!_gcm_bundled_content_is_newer (store))
    return;
  g_printerr (_("Installing the bundled manual…\n"));
  if (!gcm_importer_import_path (store, _gcm_bundled_feed_dir (), NULL, NULL, print_progress_cb,
                                 NULL, &result, &error))
    {
      g_printerr ("%s", isatty (STDERR_FILENO) ? "\n" : "");
      /* Translators: %s is one sentence that says why */
      g_printerr (_("The bundled manual could not be installed: %s\n"),
                  _gcm_error_sentence (error));
      return;
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
}

static int
run_status (GcmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmStoreStatus) status = gcm_store_dup_status (store, &error);

  if (status == NULL)
    g_debug ("%s", error->message);
  if (status != NULL && status->feed != NULL)
    {
      g_autoptr(GDateTime) applied = g_date_time_new_from_unix_utc (status->applied_at);
      g_autofree char *when = g_date_time_format_iso8601 (applied);

      g_print (_("Feed: %s\n"), status->feed);
      g_print (_("Content serial: %lld\n"), (long long) status->serial);
      g_print (_("Last import: %s from %s\n"), when, status->origin);
    }
  else
    g_print (_("No content is installed yet.\n"));

  for (guint i = 0; status != NULL && i < status->kinds->len; i++)
    /* Translators: a line of --status: an item kind and how many there are */
    g_print (_("Items (%s): %d\n"), (const char *) g_ptr_array_index (status->kinds, i),
             (int) g_array_index (status->counts, guint, i));
  for (guint i = 0; status != NULL && i < status->languages->len; i++)
    /* Translators: a line of --status: a language code, items translated into it, all items,
     * and how many of those translations were made from an older original */
    g_print (_("Translated (%s): %u of %u items, %u out of date\n"),
             (const char *) g_ptr_array_index (status->languages, i),
             g_array_index (status->translated, guint, i), status->items,
             g_array_index (status->stale, guint, i));
  return 0;
}

static char *
single_line (const char *text)
{
  char *line = g_strdup (text ? text : "");

  g_strdelimit (line, "\t\n\r", ' ');
  return line;
}

static int
run_search (GcmStore   *store,
            const char *query,
            gboolean    json)
{
  g_autoptr(GcmSearch) search = gcm_search_new (gcm_store_get_content_path (store));
  g_autoptr(GcmSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean repaired = FALSE;
  guint n;

  results = gcm_search_query (search, query, 20, NULL, &error);
  /* A damaged content.db is rebuilt from objects/, and the search runs once more. */
  if (results == NULL && gcm_store_repair_content (store, &repaired, NULL) && repaired)
    {
      g_printerr (_("The manual was damaged and has been rebuilt from its saved copy.\n"));
      g_clear_error (&error);
      results = gcm_search_query (search, query, 20, NULL, &error);
    }
  if (results == NULL)
    {
      g_printerr (_("The search failed: %s\n"), error->message);
      return 1;
    }
  n = gcm_search_results_get_n_results (results);
  if (gcm_search_results_get_corrected (results) && !json)
    g_printerr (_("No results for “%s”; showing results for “%s”.\n"), query,
                gcm_search_results_get_suggestion (results));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gcm_json_add_string (builder, "query", query);
      gcm_json_add_string_or_null (builder, "suggestion",
                                   gcm_search_results_get_suggestion (results));
      gcm_json_add_boolean (builder, "corrected",
                            gcm_search_results_get_corrected (results));
      gcm_json_add_int (builder, "total", gcm_search_results_get_total (results));
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          const GcmSearchResult *r = gcm_search_results_get_result (results, i);
          g_autofree char *snippet = NULL;

          pango_parse_markup (r->snippet_markup, -1, 0, NULL, &snippet, NULL, NULL);
          json_builder_begin_object (builder);
          gcm_json_add_string (builder, "kind", r->kind);
          gcm_json_add_string (builder, "id", r->id);
          gcm_json_add_string (builder, "title", r->title);
          gcm_json_add_string (builder, "snippet", snippet ? snippet : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      const GcmSearchResult *r = gcm_search_results_get_result (results, i);
      g_autofree char *plain = NULL;
      g_autofree char *title = single_line (r->title);
      g_autofree char *snippet = NULL;

      pango_parse_markup (r->snippet_markup, -1, 0, NULL, &plain, NULL, NULL);
      snippet = single_line (plain);
      g_print ("%s\t%s\t%s\t%s\n", r->kind, r->id, title, snippet);
    }
  if (n < gcm_search_results_get_total (results))
    /* Translators: the first number is how many results are listed, the second how many
     * were found */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Showing %1$u of %2$u result.\n",
                             "Showing %1$u of %2$u results.\n",
                             gcm_search_results_get_total (results)),
                n, gcm_search_results_get_total (results));
  if (n == 0)
    {
      if (gcm_search_results_get_suggestion (results) != NULL)
        g_printerr (_("No results. Did you mean “%s”?\n"), gcm_search_results_get_suggestion (results));
      else
        g_printerr (_("No results.\n"));
    }
  return 0;
}

/* Field tools */

/* "hs=8549.10,origin=NG": a part without "=" goes on the value before it, so a description may
 * hold commas. */
static GHashTable *
parse_declaration (const char  *text,
                   char       **problem)
{
  g_autoptr(GHashTable) declaration = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  const char * const *fields = gcm_risk_rules_get_fields ();
  char *last = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      g_autofree char *field = NULL;

      if (equals == NULL)
        {
          if (last == NULL)
            {
              g_autofree char *known = g_strjoinv (", ", (char **) fields);
              /* Translators: %s is what was typed; the list is of field names */
              *problem = g_strdup_printf (_("--risk-check takes FIELD=VALUE pairs separated by "
                                            "commas, such as hs=8549.10,origin=NG; the fields "
                                            "are %s."), known);
              return NULL;
            }
          g_hash_table_insert (declaration, g_strdup (last),
                               g_strconcat (g_hash_table_lookup (declaration, last), ",", parts[i], NULL));
          continue;
        }
      field = g_strstrip (g_strndup (parts[i], equals - parts[i]));
      if (!g_strv_contains (fields, field))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) fields);
          /* Translators: the first %s is a field name that was typed, the second the list of
           * field names */
          *problem = g_strdup_printf (_("“%s” is not a field of a declaration; the fields are %s."),
                                      field, known);
          return NULL;
        }
      g_hash_table_insert (declaration, g_strdup (field), g_strdup (equals + 1));
      /* The key the table keeps, for the parts that follow. */
      g_hash_table_lookup_extended (declaration, field, (gpointer *) &last, NULL);
    }
  return g_steal_pointer (&declaration);
}

static const char *
severity_name (int severity)
{
  /* The names scripts read in --json; the text output translates them. */
  return severity >= 3 ? "high" : severity == 2 ? "medium" : "low";
}

static const char *
severity_label (int severity)
{
  return severity >= 3 ? _("High risk") : severity == 2 ? _("Risk") : _("Worth a look");
}

static void
add_flag_members (JsonBuilder *builder,
                  gpointer     item,
                  gpointer     user_data)
{
  GcmRiskFlag *flag = item;
  GcmFieldTools *tools = user_data;

  gcm_json_add_string (builder, "rule", flag->rule_id);
  gcm_json_add_string (builder, "severity", severity_name (flag->severity));
  gcm_json_add_string (builder, "title", flag->title);
  gcm_json_add_string (builder, "why", flag->why);
  gcm_json_add_string (builder, "reason", flag->reason);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint j = 0; flag->items != NULL && flag->items[j] != NULL; j++)
    {
      const char *title = gcm_field_tools_lookup_title (tools, flag->items[j]);

      if (title == NULL)
        continue;   /* withdrawn since the rule was published */
      json_builder_begin_object (builder);
      gcm_json_add_string (builder, "id", flag->items[j]);
      gcm_json_add_string (builder, "title", title);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_flags_json (GHashTable    *declaration,
                  GPtrArray     *flags,
                  GcmFieldTools *tools)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *fields = gcm_risk_rules_get_fields ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "declaration");
  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_hash_table_contains (declaration, fields[i]))
      {
        gcm_json_add_string (builder, fields[i],
                             g_hash_table_lookup (declaration, fields[i]));
      }
  json_builder_end_object (builder);
  gcm_json_add_object_array (builder, "flags", flags, add_flag_members, tools);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_flags (GPtrArray     *flags,
             GcmFieldTools *tools)
{
  if (flags->len == 0)
    g_print (_("None of the manual’s risk indicators applies. That is not a clearance: use your "
               "own judgement too.\n"));
  for (guint i = 0; i < flags->len; i++)
    {
      GcmRiskFlag *flag = g_ptr_array_index (flags, i);

      /* Translators: a flag of --risk-check: its severity and its title */
      g_print (_("%s: %s\n"), severity_label (flag->severity), flag->title);
      g_print ("  %s\n", flag->why);
      for (guint j = 0; flag->items != NULL && flag->items[j] != NULL; j++)
        {
          const char *title = gcm_field_tools_lookup_title (tools, flag->items[j]);
          if (title != NULL)
            g_print ("  - %s\t%s\n", flag->items[j], title);
        }
      if (i + 1 < flags->len)
        g_print ("\n");
    }
}

static int
run_risk_check (GcmStore   *store,
                const char *text,
                gboolean    json)
{
  g_autoptr(GcmFieldTools) tools = NULL;
  g_autoptr(GHashTable) declaration = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!(declaration = parse_declaration (text, &problem)))
    {
      g_printerr ("%s\n", problem);
      return 2;
    }
  if (!(tools = gcm_field_tools_load (store, GCM_FIELD_TOOLS_RISK, &error)))
    {
      g_printerr (_("The risk indicators could not be read: %s\n"), error->message);
      return 1;
    }
  if (gcm_risk_rules_get_n_rules (tools->rules) == 0)
    {
      g_printerr (_("No risk indicators are installed; update the content to get them.\n"));
      return 1;
    }
  flags = gcm_risk_rules_check (tools->rules, declaration);
  if (json)
    print_flags_json (declaration, flags, tools);
  else
    print_flags (flags, tools);
  return 0;
}

static void
print_outcome (const GcmKeyOutcome *outcome,
               GcmFieldTools       *tools)
{
  const char *procedure = gcm_field_tools_lookup_title (tools, outcome->procedure);

  /* Translators: the end of --identify: how urgent, and what it probably is */
  g_print (_("%s: %s\n"), gcm_urgency_get_label (outcome->urgency), outcome->title);
  g_print ("%s\n", outcome->summary);
  if (outcome->contact != NULL)
    g_print (_("Call: %s\n"), outcome->contact);
  if (procedure != NULL)
    /* Translators: the procedure an outcome of --identify leads to: its id and title */
    g_print (_("Procedure: %s\t%s\n"), outcome->procedure, procedure);
  for (guint i = 0; outcome->read != NULL && outcome->read[i] != NULL; i++)
    {
      const char *title = gcm_field_tools_lookup_title (tools, outcome->read[i]);
      if (title != NULL)
        /* Translators: further reading an outcome of --identify names: its id and title */
        g_print (_("Read: %s\t%s\n"), outcome->read[i], title);
    }
}

static void
print_question (const GcmKeyNode *node)
{
  g_print ("\n%s\n", node->question);
  if (node->hint != NULL)
    g_print ("  %s\n", node->hint);
  for (guint i = 0; i < node->n_options; i++)
    g_print ("  %u. %s\n", i + 1, node->options[i].text);
}

/* Reads one answer: an option's number, or b for back. Returns FALSE at the end of input. */
static gboolean
read_answer (guint     n_options,
             gboolean  can_go_back,
             guint    *option,
             gboolean *back)
{
  for (;;)
    {
      char line[256];
      guint64 number = 0;

      if (can_go_back)
        /* Translators: the prompt of --identify; %u is the number of options */
        g_print (_("Choose 1–%u, or b to go back: "), n_options);
      else
        g_print (_("Choose 1–%u: "), n_options);
      fflush (stdout);
      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_print ("\n");
          return FALSE;
        }
      g_strstrip (line);
      /* Piped answers show in the transcript as if typed. */
      if (!isatty (STDIN_FILENO))
        g_print ("%s\n", line);
      *back = can_go_back && (g_ascii_strcasecmp (line, "b") == 0);
      if (*back)
        return TRUE;
      if (g_ascii_string_to_unsigned (line, 10, 1, n_options, &number, NULL))
        {
          *option = (guint) number - 1;
          return TRUE;
        }
      g_printerr (_("Type a number from 1 to %u.\n"), n_options);
    }
}

static int
run_identify (GcmStore   *store,
              const char *key_id)
{
  g_autoptr(GcmFieldTools) tools = NULL;
  g_autoptr(GcmKeyWalk) walk = NULL;
  g_autoptr(GError) error = NULL;
  const GcmFieldKey *key;

  if (!(tools = gcm_field_tools_load (store, GCM_FIELD_TOOLS_KEYS, &error)))
    {
      g_printerr (_("The identification keys could not be read: %s\n"), error->message);
      return 1;
    }
  if (!(key = gcm_field_tools_find_key (tools, key_id)))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;
      g_autofree char *known = NULL;

      for (guint i = 0; i < tools->keys->len; i++)
        g_strv_builder_add (builder, ((GcmFieldKey *) g_ptr_array_index (tools->keys, i))->id);
      ids = g_strv_builder_end (builder);
      known = g_strjoinv (", ", ids);
      if (ids[0] == NULL)
        g_printerr (_("There is no identification key “%s”; no keys are installed.\n"), key_id);
      else
        /* Translators: %s is what was typed, then a list of key ids */
        g_printerr (_("There is no identification key “%s”; the installed keys are %s.\n"),
                    key_id, known);
      return 2;
    }

  walk = gcm_key_walk_new (key->key);
  g_print ("%s\n", key->title);
  while (gcm_key_walk_get_node (walk) != NULL)
    {
      const GcmKeyNode *node = gcm_key_walk_get_node (walk);
      guint option = 0;
      gboolean back = FALSE;

      print_question (node);
      if (!read_answer (node->n_options, gcm_key_walk_get_n_steps (walk) > 0, &option, &back))
        {
          g_printerr (_("The input ended before an answer was found.\n"));
          return 1;
        }
      if (back)
        gcm_key_walk_back (walk);
      else
        gcm_key_walk_choose (walk, option);
    }
  g_print ("\n");
  print_outcome (gcm_key_walk_get_outcome (walk), tools);
  return 0;
}

/* A quiz's score in percent, or null when it has none yet (-1). */
static void
add_score_json (JsonBuilder *builder,
                const char  *member,
                int          score)
{
  json_builder_set_member_name (builder, member);
  if (score >= 0)
    json_builder_add_int_value (builder, score);
  else
    json_builder_add_null_value (builder);
}

static void
add_chapter_members (JsonBuilder *builder,
                     gpointer     item,
                     gpointer     user_data)
{
  GcmLearningChapter *chapter = item;

  gcm_json_add_string (builder, "id", chapter->id);
  gcm_json_add_string (builder, "title", chapter->title);
  gcm_json_add_int (builder, "sections", chapter->n_sections);
  gcm_json_add_int (builder, "read", chapter->n_read);
}

static void
add_quiz_members (JsonBuilder *builder,
                  gpointer     item,
                  gpointer     user_data)
{
  GcmLearningQuizProgress *quiz = item;

  gcm_json_add_string (builder, "id", quiz->id);
  gcm_json_add_string (builder, "title", quiz->title);
  gcm_json_add_boolean (builder, "withdrawn", quiz->withdrawn);
  gcm_json_add_int (builder, "attempts", quiz->n_attempts);
  add_score_json (builder, "best", quiz->best);
  add_score_json (builder, "last", quiz->last);
  gcm_json_add_int (builder, "due", quiz->n_due);
}

/* --progress: sections read by chapter, then each quiz's best and last score and reviews due. */
static void
print_progress_json (GcmLearningProgress *progress)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  gcm_json_add_object_array (builder, "chapters", progress->chapters, add_chapter_members, NULL);
  gcm_json_add_object_array (builder, "quizzes", progress->quizzes, add_quiz_members, NULL);
  gcm_json_add_int (builder, "due", progress->due->len);
  json_builder_end_object (builder);
  print_json (builder);
}

static int
run_progress (GcmStore *store,
              gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GcmLearningProgress) progress =
    gcm_learning_progress (store, g_get_real_time () / G_USEC_PER_SEC, &error);

  if (progress == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (json)
    {
      print_progress_json (progress);
      return 0;
    }
  for (guint i = 0; i < progress->chapters->len; i++)
    {
      GcmLearningChapter *chapter = g_ptr_array_index (progress->chapters, i);

      /* Translators: a line of --progress: a chapter and the sections read in it */
      g_print (_("Chapter %s: %u of %u sections read\n"), chapter->title, chapter->n_read,
               chapter->n_sections);
    }
  for (guint i = 0; i < progress->quizzes->len; i++)
    {
      GcmLearningQuizProgress *quiz = g_ptr_array_index (progress->quizzes, i);
      g_autofree char *best = quiz->best >= 0 ? g_strdup_printf ("%d %%", quiz->best) : g_strdup ("—");
      g_autofree char *last = quiz->last >= 0 ? g_strdup_printf ("%d %%", quiz->last) : g_strdup ("—");

      /* Translators: a line of --progress: a quiz, its best and last scores, reviews due */
      g_print (_("Quiz %s: best %s, last %s, %u due%s%s\n"), quiz->title, best, last, quiz->n_due,
               quiz->withdrawn ? " — " : "", quiz->withdrawn ? gcm_learning_withdrawn_label () : "");
    }
  {
    g_autoptr(GcmPathProgress) path = gcm_path_progress_load (store, NULL, NULL);

    if (path != NULL && path->report->complete)
      /* Translators: a line of --progress: a learning path with every step done */
      g_print (_("Path %s: complete, %u of %u steps done\n"),
               gcm_learning_path_get_title (path->path), path->report->n_done, path->report->n_steps);
    else if (path != NULL)
      /* Translators: a line of --progress: a learning path, its next step and the steps done */
      g_print (_("Path %s: step %u of %u next, %u done\n"), gcm_learning_path_get_title (path->path),
               path->report->position, path->report->n_steps, path->report->n_done);
  }
  /* Translators: the last line of --progress */
  g_print (_("Reviews due today: %u\n"), progress->due->len);
  return 0;
}

/**
 * gcm_cli_run:
 * @options: the parsed command line
 *
 * Returns: the exit status, or -1 when the window should open
 */
int
gcm_cli_run (GVariantDict *options)
{
  g_autoptr(GcmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  const char *import_dir = NULL, *raw_search = NULL, *trust_key = NULL, *feed = NULL;
  const char *risk_check = NULL, *identify = NULL;
  const char *print_procedure = NULL, *certificate = NULL, *name = NULL, *pdf = NULL, *paper = NULL;
  g_autofree char *search = NULL;
  gboolean status = FALSE, json = FALSE, sync = FALSE, progress = FALSE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("green-customs-manual %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Results and titles in the language the settings or the locale choose. */
  {
    g_autoptr(GSettings) settings = _gcm_maybe_settings ();
    g_autofree char *lang = settings != NULL ? g_settings_get_string (settings, "content-language") : NULL;

    gcm_locale_set_content_language (lang);
  }

  g_variant_dict_lookup (options, "import", "^&ay", &import_dir);
  g_variant_dict_lookup (options, "search", "^&ay", &raw_search);
  g_variant_dict_lookup (options, "trust-key", "^&ay", &trust_key);
  status = g_variant_dict_contains (options, "status");
  progress = g_variant_dict_contains (options, "progress");
  json = g_variant_dict_contains (options, "json");
  sync = g_variant_dict_contains (options, "sync");
  g_variant_dict_lookup (options, "feed", "&s", &feed);
  g_variant_dict_lookup (options, "risk-check", "&s", &risk_check);
  g_variant_dict_lookup (options, "identify", "&s", &identify);
  g_variant_dict_lookup (options, "print-procedure", "&s", &print_procedure);
  g_variant_dict_lookup (options, "certificate", "&s", &certificate);
  g_variant_dict_lookup (options, "name", "&s", &name);
  g_variant_dict_lookup (options, "pdf", "^&ay", &pdf);
  g_variant_dict_lookup (options, "paper", "&s", &paper);
  if ((print_procedure != NULL || certificate != NULL) && pdf == NULL)
    {
      g_printerr (_("--print-procedure and --certificate write the file given by --pdf FILE.\n"));
      return 2;
    }
  if (certificate != NULL && name == NULL)
    {
      g_printerr (_("--certificate needs the learner's name: --name NAME.\n"));
      return 2;
    }

  /* The query arrives as bytes so that text that is not valid gets a sentence of our own. */
  if (raw_search != NULL)
    {
      search = g_locale_to_utf8 (raw_search, -1, NULL, NULL, NULL);
      if (search == NULL || !g_utf8_validate (search, -1, NULL))
        {
          g_printerr (_("%s: the text given to --search is not valid text in this system’s "
                        "character set; type it again.\n"), g_get_prgname ());
          return 2;
        }
    }

  if (feed != NULL && !sync)
    {
      g_printerr (_("--feed goes with --sync.\n"));
      return 2;
    }
  if (import_dir == NULL && search == NULL && !status && !sync && !progress && risk_check == NULL &&
      identify == NULL && print_procedure == NULL && certificate == NULL &&
      !gcm_workshop_cli_wanted (options))
    {
      if (json || trust_key != NULL)
        {
          g_printerr (_("--json goes with --search, --risk-check or --progress, and --trust-key with --import.\n"));
          return 2;
        }
      return -1;   /* go on and open the window */
    }

  directory = gcm_store_dup_default_directory ();
  store = gcm_store_new (directory, &error);
  if (store == NULL)
    {
      /* The store's message is the sentence: what is wrong and what to do */
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (gcm_workshop_cli_wanted (options))
    return gcm_workshop_cli_run (store, options);
  if (import_dir != NULL)
    return run_import (store, import_dir, trust_key);
  if (sync)
    return run_sync (store, feed, trust_key);

  /* What reads content sees the bundled manual, as the window does. */
  if (!gcm_store_is_read_only (store))
    install_bundled_content (store);
  else
    g_printerr ("%s\n", gcm_store_get_read_only_error (store)->message);
  if (status)
    return run_status (store);
  if (progress)
    return run_progress (store, json);
  if (!_gcm_has_content (store))
    {
      g_printerr (_("No manual is installed yet, so there is nothing to search. "
                    "Install a content feed with --import.\n"));
      return 1;
    }
  if (risk_check != NULL)
    return run_risk_check (store, risk_check, json);
  if (identify != NULL)
    return run_identify (store, identify);
  if (print_procedure != NULL)
    return gcm_print_procedure_run_cli (store, print_procedure, pdf, paper);
  if (certificate != NULL)
    return gcm_certificate_run_cli (store, certificate, name, pdf, paper);
  return run_search (store, search, json);
}
