/* gcm-search-provider.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gcm-store.h"

G_BEGIN_DECLS

#define GCM_TYPE_SEARCH_PROVIDER (gcm_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (GcmSearchProvider, gcm_search_provider, GCM, SEARCH_PROVIDER, GObject)

GcmSearchProvider *gcm_search_provider_new         (GApplication       *application);
gboolean           gcm_search_provider_register    (GcmSearchProvider  *self,
                                                    GDBusConnection    *connection,
                                                    const char         *object_path,
                                                    GError            **error);
void               gcm_search_provider_unregister  (GcmSearchProvider  *self);
void               gcm_search_provider_set_store   (GcmSearchProvider  *self,
                                                    GcmStore           *store);

G_END_DECLS
