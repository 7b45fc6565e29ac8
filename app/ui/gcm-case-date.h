/* gcm-case-date.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gcm_case_date_format (const char *date);

G_END_DECLS
