/* gcm-item-kind.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of content (DESIGN §4), in the order the sidebar lists them. */
typedef enum
{
  GCM_ITEM_KIND_SECTION,
  GCM_ITEM_KIND_CASE,
  GCM_ITEM_KIND_PROCEDURE,
  GCM_ITEM_KIND_QUIZ,
  GCM_ITEM_KIND_KEY,        /* an identify-and-handle decision tree */
  GCM_ITEM_KIND_RISK,       /* risk indicators as rules over a declaration */
  GCM_ITEM_KIND_PATH,       /* a learning path: steps through other items, in order */
} GcmItemKind;

#define GCM_ITEM_KIND_COUNT 7

/* The families of codes an item may carry under `codes:`, in the order they are listed. */
typedef enum
{
  GCM_CODE_FAMILY_HS,
  GCM_CODE_FAMILY_UN,
  GCM_CODE_FAMILY_CAS,
} GcmCodeFamily;

#define GCM_CODE_FAMILY_COUNT 3

gboolean            gcm_item_kind_from_string           (const char    *name,
                                                         GcmItemKind   *kind);
const char         *gcm_item_kind_to_string             (GcmItemKind    kind);
const char         *gcm_item_kind_get_label             (GcmItemKind    kind);
const char         *gcm_item_kind_get_plural_label      (GcmItemKind    kind);
const char         *gcm_item_kind_get_icon_name         (GcmItemKind    kind);
const char * const *gcm_item_kind_get_names             (void);
const char         *gcm_item_kind_get_source_folder     (GcmItemKind    kind);
const char         *gcm_item_kind_get_source_suffix     (GcmItemKind    kind);
const char * const *gcm_item_kind_get_common_fields     (void);
const char * const *gcm_item_kind_get_fields            (GcmItemKind    kind);
gboolean            gcm_item_kind_has_field             (GcmItemKind    kind,
                                                         const char    *field);
const char * const *gcm_item_kind_get_indexed_fields    (GcmItemKind    kind);
gboolean            gcm_item_kind_needs_sources         (GcmItemKind    kind);
gboolean            gcm_item_kind_is_listed             (GcmItemKind    kind);

gboolean            gcm_code_family_from_string         (const char    *name,
                                                         gssize         length,
                                                         GcmCodeFamily *family);
const char         *gcm_code_family_to_string           (GcmCodeFamily  family);
const char         *gcm_code_family_get_edition_field   (GcmCodeFamily  family);
gboolean            gcm_code_family_is_hierarchical     (GcmCodeFamily  family);
const char * const *gcm_code_family_get_fields          (void);

G_END_DECLS
