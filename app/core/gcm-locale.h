/* gcm-locale.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void                gcm_locale_init                   (void);
const char * const *gcm_locale_get_content_languages  (void);
const char         *gcm_locale_pick_content_language  (const char         *setting,
                                                       const char * const *names);
void                gcm_locale_set_content_language   (const char         *lang);
const char         *gcm_locale_get_content_language   (void);

G_END_DECLS
