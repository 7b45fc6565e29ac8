/* gcm-image-loader.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        gcm_image_load_async  (GFile               *file,
                                   int                  max_width,
                                   int                  max_height,
                                   int                  scale_factor,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GdkTexture *gcm_image_load_finish (GAsyncResult        *result,
                                   int                 *natural_width,
                                   int                 *natural_height,
                                   GError             **error);

G_END_DECLS
