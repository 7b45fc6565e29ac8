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

#include "gcm-case-date.h"
#include "gcm-item.h"
#include "gcm-item-markdown.h"

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
append_list_section (GString            *out,
                     const char * const *list,
                     const char         *heading)
{
  if (list == NULL || list[0] == NULL)
    return;
  g_string_append_printf (out, "## %s\n\n", heading);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_string_append (out, "- ");
      append_escaped (out, list[i]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_case (GString *out,
             GcmItem *item)
{
  g_autofree char *date = gcm_item_get_date (item) != NULL
                          ? gcm_case_date_format (gcm_item_get_date (item)) : NULL;
  const struct { const char *value; const char *label; } facts[] = {
    { date, N_("Date") },
    { gcm_item_get_place (item), N_("Place") },
    { gcm_item_get_commodity (item), N_("Commodity") },
    { gcm_item_get_quantity (item), N_("Quantity") },
    /* Translators: where a case was reported, such as a workshop */
    { gcm_item_get_reported_at (item), N_("Reported at") },
  };
  GPtrArray *photos = gcm_item_get_photos (item);

  g_string_append (out, "| | |\n|---|---|\n");
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      const char *value = facts[i].value;
      if (value == NULL)
        continue;
      g_string_append (out, "| **");
      append_escaped (out, _(facts[i].label));
      g_string_append (out, "** | ");
      append_escaped (out, value);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < photos->len; i++)
    {
      GcmItemPhoto *photo = g_ptr_array_index (photos, i);
      const char *file = photo->file;
      const char *caption = photo->caption;
      const char *credit = photo->credit;
      const char *licence = photo->licence;

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

  append_list_section (out, gcm_item_get_modus_operandi (item), _("Modus operandi"));
  append_list_section (out, gcm_item_get_risk_indicators (item), _("Risk indicators"));
}

static void
append_procedure (GString *out,
                  GcmItem *item)
{
  GPtrArray *steps = gcm_item_get_steps (item);

  append_list_section (out, gcm_item_get_applies_to (item), _("Applies to"));
  append_list_section (out, gcm_item_get_hazards (item), _("Hazards"));
  append_list_section (out, gcm_item_get_protective_equipment (item), _("Protective equipment"));

  if (steps->len == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Steps"));
  for (guint i = 0; i < steps->len; i++)
    {
      GcmItemStep *step = g_ptr_array_index (steps, i);
      const char *text = step->text;
      const char *warning = step->warning;

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
append_quiz (GString *out,
             GcmItem *item)
{
  GPtrArray *questions = gcm_item_get_questions (item);
  guint count = questions->len;

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "This quiz has %u question.",
                                            "This quiz has %u questions.", count), count);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < count; i++)
    {
      GcmItemQuestion *question = g_ptr_array_index (questions, i);
      const char *prompt = question->prompt;
      const char *image = question->image;
      GStrv choices = question->choices;

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
      for (guint j = 0; choices != NULL && choices[j] != NULL; j++)
        {
          g_string_append (out, "- ");
          append_escaped (out, choices[j]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_sources (GString *out,
                GcmItem *item)
{
  GPtrArray *sources = gcm_item_get_sources (item);

  if (sources->len == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Sources"));
  for (guint i = 0; i < sources->len; i++)
    {
      GcmItemSource *source = g_ptr_array_index (sources, i);
      const char *title = source->title;
      const char *url = source->url;

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

static char *
compose (GcmItem  *item,
         gboolean  native_parts)
{
  GString *out;
  const char *body;

  out = g_string_new (NULL);
  body = gcm_item_get_body (item);
  switch (gcm_item_get_kind (item))
    {
    case GCM_ITEM_KIND_CASE:
      if (!native_parts)
        append_case (out, item);
      break;
    case GCM_ITEM_KIND_PROCEDURE:
      if (!native_parts)
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

/**
 * gcm_item_markdown_compose:
 * @item: the item
 *
 * Returns: (transfer full): the Markdown of the item's page, without its title
 */
char *
gcm_item_markdown_compose (GcmItem *item)
{
  g_return_val_if_fail (GCM_IS_ITEM (item), NULL);
  return compose (item, FALSE);
}

/**
 * gcm_item_markdown_compose_story:
 *
 * The page without what the item page shows as native widgets: a case's facts and photos and a
 * procedure's hazards and steps; what is left is the story and the sources.
 *
 * Returns: (transfer full): the Markdown of the rest of the item's page
 */
char *
gcm_item_markdown_compose_story (GcmItem *item)
{
  g_return_val_if_fail (GCM_IS_ITEM (item), NULL);
  return compose (item, TRUE);
}
