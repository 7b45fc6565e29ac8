/* gcm-item-kind.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one list of item kinds: their names in the feed, their labels and their icons. Every
 * other part of the app asks this registry instead of comparing kind strings.
 */

#define G_LOG_DOMAIN "GcmItemKind"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-item-kind.h"

typedef struct
{
  const char *name;          /* in the feed and the database */
  const char *label;         /* one item, with the context "item kind" */
  const char *plural_label;  /* a list of them */
  const char *icon_name;
} KindInfo;

static const KindInfo kinds[GCM_ITEM_KIND_COUNT] = {
  [GCM_ITEM_KIND_SECTION]   = { "section", NC_("item kind", "Section"), N_("Sections"),
                                "accessories-dictionary-symbolic" },
  [GCM_ITEM_KIND_CASE]      = { "case", NC_("item kind", "Case"), N_("Cases"),
                                "camera-photo-symbolic" },
  [GCM_ITEM_KIND_PROCEDURE] = { "procedure", NC_("item kind", "Procedure"), N_("Procedures"),
                                "view-list-bullet-symbolic" },
  [GCM_ITEM_KIND_QUIZ]      = { "quiz", NC_("item kind", "Quiz"), N_("Quizzes"),
                                "dialog-question-symbolic" },
};

gboolean
gcm_item_kind_from_string (const char  *name,
                           GcmItemKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (name, kinds[i].name) == 0)
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
gcm_item_kind_to_string (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].name;
}

/**
 * gcm_item_kind_get_label:
 *
 * Returns: what one item of @kind is called, translated: “Case”
 */
const char *
gcm_item_kind_get_label (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "item kind", kinds[kind].label);
}

/**
 * gcm_item_kind_get_plural_label:
 *
 * Returns: the title of the list of all items of @kind, translated: “Cases”
 */
const char *
gcm_item_kind_get_plural_label (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].plural_label);
}

const char *
gcm_item_kind_get_icon_name (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].icon_name;
}
