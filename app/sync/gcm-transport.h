/* gcm-transport.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Transfers at once, on one connection each where the server has no HTTP/2. */
#define GCM_TRANSPORT_PARALLEL_TRANSFERS 4

/* What a conditional GET remembers of the last answer. */
typedef struct
{
  char *etag;
  char *last_modified;
} GcmTransportValidators;

typedef struct
{
  char   *sha256;
  gint64  size;
} GcmTransportObject;

typedef void (*GcmTransportProgress) (gint64   done,
                                      gint64   total,
                                      gpointer user_data);

#define GCM_TYPE_TRANSPORT (gcm_transport_get_type ())
G_DECLARE_FINAL_TYPE (GcmTransport, gcm_transport, GCM, TRANSPORT, GObject)

GcmTransport *gcm_transport_new            (const char              *base_url,
                                            GError                 **error);
GBytes       *gcm_transport_get            (GcmTransport            *self,
                                            const char              *path,
                                            gint64                   cap,
                                            gboolean                 exact,
                                            GcmTransportValidators  *validators,
                                            gboolean                *not_modified,
                                            gint64                  *server_date,
                                            GCancellable            *cancellable,
                                            GError                 **error);
gboolean      gcm_transport_get_objects    (GcmTransport            *self,
                                            GPtrArray               *objects,
                                            const char              *staging_dir,
                                            const char              *objects_dir,
                                            GcmTransportProgress     progress,
                                            gpointer                 progress_data,
                                            GCancellable            *cancellable,
                                            GError                 **error);
guint64       gcm_transport_get_bytes_received (GcmTransport        *self);
guint         gcm_transport_get_requests   (GcmTransport            *self);

void          gcm_transport_validators_clear (GcmTransportValidators *validators);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GcmTransportValidators, gcm_transport_validators_clear)

G_END_DECLS
