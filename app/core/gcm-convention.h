/* gcm-convention.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The agreements an item may be about (DESIGN §4), in the order the manual treats them. */
typedef enum
{
  GCM_CONVENTION_BASEL,
  GCM_CONVENTION_ROTTERDAM,
  GCM_CONVENTION_STOCKHOLM,
  GCM_CONVENTION_MONTREAL,
  GCM_CONVENTION_CITES,
  GCM_CONVENTION_GENERAL,
} GcmConvention;

#define GCM_CONVENTION_COUNT 6

gboolean     gcm_convention_from_string     (const char    *name,
                                             GcmConvention *convention);
const char  *gcm_convention_to_string       (GcmConvention  convention);
const char  *gcm_convention_get_short_label (GcmConvention  convention);
const char * const *gcm_convention_get_names (void);

G_END_DECLS
