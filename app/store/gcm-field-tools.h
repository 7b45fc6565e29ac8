/* gcm-field-tools.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gcm-decision-key.h"
#include "gcm-risk-rules.h"
#include "gcm-store.h"

G_BEGIN_DECLS

/* One installed identification key, ready to walk. */
typedef struct
{
  char           *id;
  char           *title;
  char           *summary;
  GcmDecisionKey *key;
  GHashTable     *media_files;   /* media path → its file in objects/ */
} GcmFieldKey;

typedef enum
{
  GCM_FIELD_TOOLS_KEYS = 1 << 0,
  GCM_FIELD_TOOLS_RISK = 1 << 1,
} GcmFieldToolsFlags;

/* What the field tools run on, read in one go from content.db. */
typedef struct
{
  GPtrArray    *keys;        /* (element-type GcmFieldKey): by title; empty unless asked for */
  GcmRiskRules *rules;       /* every risk item's rules; empty unless asked for */
  GHashTable   *titles;      /* item id → title, for every installed item the keys or rules name */
  guint         n_refused;   /* keys and risk items that could not be read, and were left out */
} GcmFieldTools;

void                gcm_field_tools_free         (GcmFieldTools       *tools);
const GcmFieldKey  *gcm_field_tools_find_key     (GcmFieldTools       *tools,
                                                  const char          *key_id);
const char         *gcm_field_tools_lookup_title (GcmFieldTools       *tools,
                                                  const char          *item_id);

/* Blocking, on a connection of its own: for the command line. */
GcmFieldTools      *gcm_field_tools_load         (GcmStore            *store,
                                                  GcmFieldToolsFlags   what,
                                                  GError             **error);

/* On the content worker. */
void                gcm_field_tools_load_async   (GcmStore            *store,
                                                  GcmFieldToolsFlags   what,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GcmFieldTools      *gcm_field_tools_load_finish  (GcmStore            *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmFieldTools, gcm_field_tools_free)

G_END_DECLS
