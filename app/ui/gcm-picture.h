/* gcm-picture.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GCM_TYPE_PICTURE (gcm_picture_get_type ())

G_DECLARE_FINAL_TYPE (GcmPicture, gcm_picture, GCM, PICTURE, GtkWidget)

GtkWidget *gcm_picture_new         (const char *alternative_text);
void       gcm_picture_set_texture (GcmPicture *self,
                                    GdkTexture *texture,
                                    int         natural_width,
                                    int         natural_height);
void       gcm_picture_load_file   (GcmPicture   *self,
                                    const char   *path,
                                    int           max_width,
                                    int           max_height,
                                    GCancellable *cancellable);

G_END_DECLS
