/* gcm-item-markdown.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Composes the page of any item as one Markdown text: a case's facts and photos, a procedure's
 * hazards and numbered steps, a quiz's questions, then the body and the sources. The reader then
 * renders every kind with the same document view, and pages stay native widgets. Its headings
 * and labels are the app's words, so they are translated.
 */

#define G_LOG_DOMAIN "GcmItemMarkdown"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gcm-item-kind.h"
#include "gcm-item-markdown.h"
#include "gcm-json-utils.h"

/* Array elements of the expected type, or NULL: the item comes from the network. */
static JsonObject *
object_element (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_element (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Content text goes into Markdown; characters Markdown would read as syntax are escaped. */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *p = text;

  /* At the start of a line, leading blanks would make a code block and a list marker a list. */
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '+' || *p == '-')
    g_string_append_c (out, '\\');
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;
      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          p = q;
        }
    }

  for (; *p; p++)
    {
      if (strchr ("\\`*_[]<>#|!&~", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

/* Text inside a link title in double quotes. */
static void
append_title (GString    *out,
              const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '&')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
}

/* A link destination in angle brackets, so spaces and brackets in file names are kept. */
static void
append_destination (GString    *out,
                    const char *scheme,
                    const char *target)
{
  g_string_append_printf (out, "<%s", scheme);
  for (const char *p = target; *p; p++)
    {
      if (*p == '<' || *p == '>' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p != '\n' && *p != '\r')
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '>');
}

static void
append_list_section (GString    *out,
                     JsonObject *item,
                     const char *member,
                     const char *heading)
{
  JsonArray *array = gcm_json_get_array (item, member);

  if (array == NULL || json_array_get_length (array) == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", heading);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *text = string_element (array, i);
      if (text == NULL)
        continue;
      g_string_append (out, "- ");
      append_escaped (out, text);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_case (GString    *out,
             JsonObject *item)
{
  static const struct { const char *member; const char *label; } facts[] = {
    { "date", N_("Date") },
    { "place", N_("Place") },
    { "commodity", N_("Commodity") },
    { "quantity", N_("Quantity") },
    /* Translators: where a case was reported, such as a workshop */
    { "reported_at", N_("Reported at") },
  };
  JsonArray *photos = gcm_json_get_array (item, "photos");

  g_string_append (out, "| | |\n|---|---|\n");
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      const char *value = gcm_json_get_string (item, facts[i].member);
      if (value == NULL)
        continue;
      g_string_append (out, "| **");
      append_escaped (out, _(facts[i].label));
      g_string_append (out, "** | ");
      append_escaped (out, value);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; photos != NULL && i < json_array_get_length (photos); i++)
    {
      JsonObject *photo = object_element (photos, i);
      const char *file = photo ? gcm_json_get_string (photo, "file") : NULL;
      const char *caption = photo ? gcm_json_get_string (photo, "caption") : NULL;
      const char *credit = photo ? gcm_json_get_string (photo, "credit") : NULL;
      const char *licence = photo ? gcm_json_get_string (photo, "licence") : NULL;

      if (file == NULL)
        continue;
      g_string_append (out, "![");
      append_escaped (out, caption ? caption : "");
      g_string_append (out, "](");
      append_destination (out, "media:", file);
      g_string_append (out, " \"");
      append_title (out, caption ? caption : "");
      if (credit != NULL)
        {
          g_string_append (out, " — ");
          append_title (out, credit);
        }
      if (licence != NULL)
        {
          g_string_append (out, ", ");
          append_title (out, licence);
        }
      g_string_append (out, "\")\n\n");
    }

  append_list_section (out, item, "modus_operandi", _("Modus operandi"));
  append_list_section (out, item, "risk_indicators", _("Risk indicators"));
}

static void
append_procedure (GString    *out,
                  JsonObject *item)
{
  JsonArray *steps = gcm_json_get_array (item, "steps");

  append_list_section (out, item, "applies_to", _("Applies to"));
  append_list_section (out, item, "hazards", _("Hazards"));
  append_list_section (out, item, "protective_equipment", _("Protective equipment"));

  if (steps == NULL)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Steps"));
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = object_element (steps, i);
      const char *text = step ? gcm_json_get_string (step, "text") : NULL;
      const char *warning = step ? gcm_json_get_string (step, "warning") : NULL;

      if (text == NULL)
        continue;
      g_string_append_printf (out, "%u. ", i + 1);
      append_escaped (out, text);
      g_string_append (out, "\n\n");
      if (warning != NULL)
        {
          g_string_append_printf (out, "   > **%s** ", _("Warning"));
          append_escaped (out, warning);
          g_string_append (out, "\n\n");
        }
    }
}

static void
append_quiz (GString    *out,
             JsonObject *item)
{
  JsonArray *questions = gcm_json_get_array (item, "questions");
  guint count = questions ? json_array_get_length (questions) : 0;

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "This quiz has %u question.",
                                            "This quiz has %u questions.", count), count);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < count; i++)
    {
      JsonObject *question = object_element (questions, i);
      const char *prompt = question ? gcm_json_get_string (question, "prompt") : NULL;
      const char *image = question ? gcm_json_get_string (question, "image") : NULL;
      JsonArray *choices = question ? gcm_json_get_array (question, "choices") : NULL;

      if (prompt == NULL)
        continue;
      /* Translators: a heading; %u is the question's number */
      g_string_append (out, "### ");
      g_string_append_printf (out, _("Question %u"), i + 1);
      g_string_append (out, "\n\n");
      append_escaped (out, prompt);
      g_string_append (out, "\n\n");
      if (image != NULL)
        {
          g_string_append (out, "![");
          g_string_append_printf (out, _("Picture for question %u"), i + 1);
          g_string_append (out, "](");
          append_destination (out, "media:", image);
          g_string_append (out, ")\n\n");
        }
      if (choices == NULL)
        g_string_append_printf (out, "- %s\n- %s\n", _("True"), _("False"));
      for (guint j = 0; choices != NULL && j < json_array_get_length (choices); j++)
        {
          const char *choice = string_element (choices, j);
          if (choice == NULL)
            continue;
          g_string_append (out, "- ");
          append_escaped (out, choice);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_sources (GString    *out,
                JsonObject *item)
{
  JsonArray *sources = gcm_json_get_array (item, "sources");

  if (sources == NULL || json_array_get_length (sources) == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Sources"));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = object_element (sources, i);
      const char *title = source ? gcm_json_get_string (source, "title") : NULL;
      const char *url = source ? gcm_json_get_string (source, "url") : NULL;

      if (title == NULL)
        continue;
      g_string_append (out, "- ");
      if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
        {
          g_string_append_c (out, '[');
          append_escaped (out, title);
          g_string_append (out, "](");
          append_destination (out, "", url);
          g_string_append_c (out, ')');
        }
      else
        append_escaped (out, title);
      g_string_append_c (out, '\n');
    }
}

/**
 * gcm_item_markdown_compose:
 * @item: an item object as the feed delivers it
 *
 * Returns: (transfer full): the Markdown of the item's page, without its title
 */
char *
gcm_item_markdown_compose (JsonObject *item)
{
  GString *out = g_string_new (NULL);
  const char *body = gcm_json_get_string (item, "body");
  GcmItemKind kind = GCM_ITEM_KIND_SECTION;

  g_return_val_if_fail (item != NULL, NULL);

  gcm_item_kind_from_string (gcm_json_get_string (item, "kind"), &kind);
  switch (kind)
    {
    case GCM_ITEM_KIND_CASE:
      append_case (out, item);
      break;
    case GCM_ITEM_KIND_PROCEDURE:
      append_procedure (out, item);
      break;
    case GCM_ITEM_KIND_QUIZ:
      append_quiz (out, item);
      break;
    case GCM_ITEM_KIND_SECTION:
    default:
      break;
    }

  if (body != NULL)
    {
      g_string_append (out, body);
      g_string_append (out, "\n\n");
    }
  append_sources (out, item);
  return g_string_free (out, FALSE);
}
