/* gcm-item-kind.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one list of item kinds: their names in the feed, their labels and icons, where the
 * authoring source keeps them, the fields a source file of each kind may carry and the ones
 * the search index reads. Also the code families of `codes:` (hs, un, cas). Every other part
 * of the app asks this registry instead of comparing kind or field strings.
 */

#define G_LOG_DOMAIN "GcmItemKind"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gcm-item-kind.h"
#include "gcm-registry-private.h"

typedef struct
{
  const char *name;          /* in the feed and the database */
  const char *label;         /* one item, with the context "item kind" */
  const char *plural_label;  /* a list of them */
  const char *icon_name;
  const char *folder;        /* in the authoring source (data/content/README.md) */
  const char *suffix;        /* of its files there */
  gboolean    needs_sources; /* a quiz is sourced by the items its questions name */
  gboolean    listed;        /* read from a list of its own; keys and risk rules are tools */
  const char * const *fields;         /* besides common_fields; NULL-terminated */
  const char * const *indexed_fields; /* searched as the body, after the Markdown body */
} KindInfo;

/* Every kind may carry these. */
static const char * const common_fields[] = {
  "id", "title", "summary", "conventions", "keywords", "codes", "sources", "version", NULL
};

static const char * const no_fields[] = { NULL };
static const char * const case_fields[] = {
  "date", "place", "commodity", "modus_operandi", "risk_indicators", "quantity", "reported_at",
  "photos", NULL
};
static const char * const case_indexed[] = {
  "commodity", "place", "date", "quantity", "modus_operandi", "risk_indicators", NULL
};
static const char * const procedure_fields[] = {
  "applies_to", "hazards", "protective_equipment", "steps", "body", NULL
};
static const char * const procedure_indexed[] = {
  "applies_to", "hazards", "protective_equipment", "steps", NULL
};
/* Quiz answers and explanations are never indexed: searching would give them away. */
static const char * const quiz_fields[] = { "related", "questions", NULL };
static const char * const key_fields[] = { "start", "nodes", "outcomes", NULL };
static const char * const risk_fields[] = { "rules", NULL };

static const KindInfo kinds[GCM_ITEM_KIND_COUNT] = {
  [GCM_ITEM_KIND_SECTION]   = { "section", NC_("item kind", "Section"), N_("Sections"),
                                "accessories-dictionary-symbolic", "sections", ".md", TRUE, TRUE,
                                no_fields, no_fields },
  [GCM_ITEM_KIND_CASE]      = { "case", NC_("item kind", "Case"), N_("Cases"),
                                "camera-photo-symbolic", "cases", ".md", TRUE, TRUE,
                                case_fields, case_indexed },
  [GCM_ITEM_KIND_PROCEDURE] = { "procedure", NC_("item kind", "Procedure"), N_("Procedures"),
                                "view-list-bullet-symbolic", "procedures", ".yaml", TRUE, TRUE,
                                procedure_fields, procedure_indexed },
  [GCM_ITEM_KIND_QUIZ]      = { "quiz", NC_("item kind", "Quiz"), N_("Quizzes"),
                                "dialog-question-symbolic", "quizzes", ".yaml", FALSE, TRUE,
                                quiz_fields, no_fields },
  [GCM_ITEM_KIND_KEY]       = { "key", NC_("item kind", "Identification Key"),
                                N_("Identification Keys"), "system-search-symbolic", "keys",
                                ".yaml", TRUE, FALSE, key_fields, no_fields },
  [GCM_ITEM_KIND_RISK]      = { "risk", NC_("item kind", "Risk Indicators"), N_("Risk Indicators"),
                                "dialog-warning-symbolic", "risk", ".yaml", TRUE, FALSE,
                                risk_fields, no_fields },
};

static const char * const kind_names[GCM_ITEM_KIND_COUNT + 1] = {
  "section", "case", "procedure", "quiz", "key", "risk", NULL
};

typedef struct
{
  const char *name;           /* the key under `codes:`, and the `hs:` search filter */
  const char *edition_field;  /* the key that names the code list's edition, or NULL */
  gboolean    hierarchical;   /* a short code stands for all the codes under it */
} CodeFamilyInfo;

static const CodeFamilyInfo code_families[GCM_CODE_FAMILY_COUNT] = {
  [GCM_CODE_FAMILY_HS]  = { "hs", "hs_edition", TRUE },
  [GCM_CODE_FAMILY_UN]  = { "un", NULL, FALSE },
  [GCM_CODE_FAMILY_CAS] = { "cas", NULL, FALSE },
};

/* The keys `codes:` may hold: each family, followed by its edition key. */
static const char * const code_fields[] = { "hs", "hs_edition", "un", "cas", NULL };

gboolean
gcm_item_kind_from_string (const char  *name,
                           GcmItemKind *kind)
{
  int i = gcm_registry_lookup (kind_names, name);

  if (i >= 0 && kind != NULL)
    *kind = i;
  return i >= 0;
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

/**
 * gcm_item_kind_get_names:
 *
 * Returns: (array zero-terminated=1) (transfer none): the names of every kind, in order
 */
const char * const *
gcm_item_kind_get_names (void)
{
  return kind_names;
}

/**
 * gcm_item_kind_get_source_folder:
 *
 * Returns: the folder of the authoring source that holds items of @kind: “cases”. Sections
 *   are one folder deeper, in a folder per chapter.
 */
const char *
gcm_item_kind_get_source_folder (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].folder;
}

/**
 * gcm_item_kind_get_source_suffix:
 *
 * Returns: how a source file of @kind is named: “.md” (front matter and Markdown) or “.yaml”
 */
const char *
gcm_item_kind_get_source_suffix (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].suffix;
}

/**
 * gcm_item_kind_get_common_fields:
 *
 * Returns: (array zero-terminated=1) (transfer none): the fields every kind may carry
 */
const char * const *
gcm_item_kind_get_common_fields (void)
{
  return common_fields;
}

/**
 * gcm_item_kind_get_fields:
 *
 * Returns: (array zero-terminated=1) (transfer none): the fields only @kind may carry, besides
 *   the common ones
 */
const char * const *
gcm_item_kind_get_fields (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].fields;
}

/* Whether a source file of @kind may carry @field, common or its own. */
gboolean
gcm_item_kind_has_field (GcmItemKind  kind,
                         const char  *field)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, FALSE);
  return field != NULL &&
         (g_strv_contains (common_fields, field) || g_strv_contains (kinds[kind].fields, field));
}

/**
 * gcm_item_kind_get_indexed_fields:
 *
 * Returns: (array zero-terminated=1) (transfer none): the fields of @kind, besides the common
 *   ones and the Markdown body, whose text search finds, in the order the index holds them
 */
const char * const *
gcm_item_kind_get_indexed_fields (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, NULL);
  return kinds[kind].indexed_fields;
}

/* Whether an item of @kind must cite `sources`. */
gboolean
gcm_item_kind_needs_sources (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, FALSE);
  return kinds[kind].needs_sources;
}

/**
 * gcm_code_family_from_string:
 * @name: a family name, not necessarily NUL-terminated
 * @length: the bytes of @name, or -1
 *
 * Compares ignoring ASCII case, as typed filters (`HS:2903`) are.
 */
gboolean
gcm_code_family_from_string (const char    *name,
                             gssize         length,
                             GcmCodeFamily *family)
{
  if (name == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (name);
  for (guint i = 0; i < G_N_ELEMENTS (code_families); i++)
    {
      if (strlen (code_families[i].name) == (gsize) length &&
          g_ascii_strncasecmp (name, code_families[i].name, length) == 0)
        {
          if (family != NULL)
            *family = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
gcm_code_family_to_string (GcmCodeFamily family)
{
  g_return_val_if_fail (family < GCM_CODE_FAMILY_COUNT, NULL);
  return code_families[family].name;
}

/**
 * gcm_code_family_get_edition_field:
 *
 * Returns: (nullable): the `codes:` key naming which edition of @family's list the codes come
 *   from (“hs_edition”), or %NULL when the family has none
 */
const char *
gcm_code_family_get_edition_field (GcmCodeFamily family)
{
  g_return_val_if_fail (family < GCM_CODE_FAMILY_COUNT, NULL);
  return code_families[family].edition_field;
}

/* An HS heading stands for all its subheadings: `hs:2903` finds hs:2903.41. */
gboolean
gcm_code_family_is_hierarchical (GcmCodeFamily family)
{
  g_return_val_if_fail (family < GCM_CODE_FAMILY_COUNT, FALSE);
  return code_families[family].hierarchical;
}

/**
 * gcm_code_family_get_fields:
 *
 * Returns: (array zero-terminated=1) (transfer none): every key `codes:` may hold: each family,
 *   followed by its edition key
 */
const char * const *
gcm_code_family_get_fields (void)
{
  return code_fields;
}

/* Whether the sidebar lists the items of @kind; keys and risk rules open as tools instead. */
gboolean
gcm_item_kind_is_listed (GcmItemKind kind)
{
  g_return_val_if_fail (kind < GCM_ITEM_KIND_COUNT, FALSE);
  return kinds[kind].listed;
}
