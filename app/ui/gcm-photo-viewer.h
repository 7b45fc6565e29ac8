/* gcm-photo-viewer.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One photo of a case, as the viewer shows it. */
typedef struct
{
  char *path;      /* the file on disk */
  char *caption;
  char *credit;    /* or NULL */
  char *licence;   /* or NULL */
} GcmViewerPhoto;

GcmViewerPhoto *gcm_viewer_photo_new  (const char     *path,
                                       const char     *caption,
                                       const char     *credit,
                                       const char     *licence);
void            gcm_viewer_photo_free (GcmViewerPhoto *photo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GcmViewerPhoto, gcm_viewer_photo_free)

#define GCM_TYPE_PHOTO_VIEWER (gcm_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (GcmPhotoViewer, gcm_photo_viewer, GCM, PHOTO_VIEWER, GtkWidget)

/* The most pixels a photo is decoded with along either side: a 20,000 px scan is shown from a
 * copy this size, so memory stays bounded whatever headquarters sends. */
#define GCM_PHOTO_VIEWER_MAX_PIXELS 8192

GtkWidget *gcm_photo_viewer_new       (void);
void       gcm_photo_viewer_set_photos (GcmPhotoViewer *self,
                                        GPtrArray      *photos,
                                        guint           index);
guint      gcm_photo_viewer_get_index (GcmPhotoViewer *self);
gboolean   gcm_photo_viewer_show_next (GcmPhotoViewer *self,
                                       int             step);
gboolean   gcm_photo_viewer_is_loaded (GcmPhotoViewer *self);

G_END_DECLS
