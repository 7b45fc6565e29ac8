/* gcm-convention.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one list of the agreements the manual covers, with their names in the feed and their
 * labels.
 */

#define G_LOG_DOMAIN "GcmConvention"

#include "config.h"

#include <glib/gi18n.h>

#include "gcm-convention.h"
#include "gcm-registry-private.h"

typedef struct
{
  const char *name;          /* in the feed, the database and `convention:` queries */
  const char *short_label;   /* for filters and badges */
} ConventionInfo;

static const ConventionInfo conventions[GCM_CONVENTION_COUNT] = {
  [GCM_CONVENTION_BASEL]     = { "basel", N_("Basel") },
  [GCM_CONVENTION_ROTTERDAM] = { "rotterdam", N_("Rotterdam") },
  [GCM_CONVENTION_STOCKHOLM] = { "stockholm", N_("Stockholm") },
  [GCM_CONVENTION_MONTREAL]  = { "montreal", N_("Montreal") },
  [GCM_CONVENTION_CITES]     = { "cites", N_("CITES") },
  /* Translators: items that concern every agreement, such as container safety */
  [GCM_CONVENTION_GENERAL]   = { "general", N_("General") },
};

static const char * const convention_names[GCM_CONVENTION_COUNT + 1] = {
  "basel", "rotterdam", "stockholm", "montreal", "cites", "general", NULL
};

gboolean
gcm_convention_from_string (const char    *name,
                            GcmConvention *convention)
{
  int i = gcm_registry_lookup (convention_names, name);

  if (i >= 0 && convention != NULL)
    *convention = i;
  return i >= 0;
}

const char *
gcm_convention_to_string (GcmConvention convention)
{
  g_return_val_if_fail (convention < GCM_CONVENTION_COUNT, NULL);
  return conventions[convention].name;
}

/**
 * gcm_convention_get_short_label:
 *
 * Returns: the agreement's short name, translated: “Basel”
 */
const char *
gcm_convention_get_short_label (GcmConvention convention)
{
  g_return_val_if_fail (convention < GCM_CONVENTION_COUNT, NULL);
  return g_dgettext (GETTEXT_PACKAGE, conventions[convention].short_label);
}

/**
 * gcm_convention_get_names:
 *
 * Returns: (array zero-terminated=1) (transfer none): the names of every agreement, in order
 */
const char * const *
gcm_convention_get_names (void)
{
  return convention_names;
}
