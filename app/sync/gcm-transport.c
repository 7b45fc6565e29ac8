/* gcm-transport.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP(S) and file transfers of the feed (DESIGN §5) on one curl multi handle, driven by the one
 * worker thread that calls in: a few transfers at once, multiplexed over HTTP/2 where the server
 * offers it. A server is not trusted with anything: every URL is built here from the feed's base
 * and a path the caller made from a serial or a validated hash; redirects are followed by hand,
 * only to the same protocol and only where a feed URL could point; sizes are capped in the write
 * callback (libcurl 7.88 does not stop chunked or compressed bodies at MAXFILESIZE), and no
 * compression is asked for. Objects go to staging/<sha>.part, resume by Range, are checked
 * against their SHA-256, synced and renamed into objects/.
 */

#define G_LOG_DOMAIN "GcmTransport"

#define _GNU_SOURCE   /* sync_file_range() */

#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gcm-feed-error.h"
#include "gcm-feed.h"
#include "gcm-sha256.h"
#include "gcm-sync-error.h"
#include "gcm-transport.h"

#define PARALLEL_TRANSFERS GCM_TRANSPORT_PARALLEL_TRANSFERS
#define MAX_REDIRECTS      3
#define ERROR_BODY_CAP     (64 * 1024)
/* What one read from the socket may bring (libcurl's default is 16 KiB). */
#define RECEIVE_BUFFER     (256 * 1024)
/* An object's bytes reach its part in writes of this size: fewer system calls, and whole pages,
 * which the kernel need not zero first. An object no larger, fetched from its start, is kept
 * whole and handed to the verifier, which hashes it and writes it out while the next ones come
 * in. */
#define WRITE_BUFFER       (1024 * 1024)
/* Objects handed over and not yet answered; the next transfer waits while there are as many. */
#define VERIFY_QUEUE_MAX   8

struct _GcmTransport
{
  GObject   parent_instance;

  char     *base_url;     /* without a trailing slash */
  char     *scheme;       /* "https", "http" (this computer only) or "file" */
  char     *proxy;        /* NULL: libcurl's own choice from the environment */
  CURLM    *multi;
  GPtrArray *spare_easies; /* of transfers that ended, for the next ones */
  GPtrArray *spare_buffers; /* write buffers of parts closed, for the next ones */
  long      connect_timeout;
  long      low_speed_time;
  long      low_speed_limit;
  gint      cancelled;    /* atomic */
  guint64   bytes_received;
  guint     requests;

  /* Objects received whole are hashed on a thread of their own while the next ones come in. */
  GThreadPool *verifier;
  GAsyncQueue *verified;  /* of VerifyJob, answered */

  gint64    progress_done;
  gint64    progress_total;
  GcmTransportProgress progress;
  gpointer  progress_data;
};

G_DEFINE_FINAL_TYPE (GcmTransport, gcm_transport, G_TYPE_OBJECT)

typedef enum
{
  DONE_OK,
  DONE_RESTART,
  DONE_FAILED,
  DONE_VERIFYING,   /* received whole; its hash is being checked on the verifier thread */
} DoneAction;

typedef struct
{
  GcmTransport       *self;
  CURL               *easy;
  char               *url;
  guint               redirects;
  gint64              cap;
  gboolean            exact;
  struct curl_slist  *headers;
  char                errbuf[CURL_ERROR_SIZE];

  /* In memory (current.minisig, manifests) */
  GByteArray         *body;
  GcmTransportValidators *validators;
  gboolean            not_modified;
  gint64              server_date;

  /* To a file (objects) */
  GcmTransportObject *object;
  char               *part_path;
  char               *dest_path;
  int                 fd;
  guint8             *buffer;     /* WRITE_BUFFER bytes not yet in the part */
  gsize               buffered;
  gboolean            whole;      /* the object is kept in the buffer until it is complete */
  gint64              offset;     /* bytes of the part before this request */
  gboolean            retried;

  gboolean            complete;   /* checked, waiting to move into objects/ */
  long                status;     /* of the answer being received, 0 until known */
  gint64              received;
  gint64              discarded;
  gboolean            too_large;
  gboolean            range_ignored;
  GError             *error;
} Transfer;

/* Helpers */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host[0] == '[' ? host + 1 : host);
  if (bare[0] != '\0' && bare[strlen (bare) - 1] == ']')
    bare[strlen (bare) - 1] = '\0';
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char *
dup_scheme (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL ? g_ascii_strdown (g_uri_get_scheme (uri), -1) : NULL;
}

/**
 * gcm_transport_url_is_allowed:
 *
 * A feed may be at an `https` URL, at a plain `http` one on this computer only (a local mirror,
 * the tests), or in a local folder (`file`).
 */
static gboolean
gcm_transport_url_is_allowed (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "https") == 0 && host != NULL && *host)
    return TRUE;
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host))
    return TRUE;
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0 && (host == NULL || *host == '\0'))
    return TRUE;
  g_set_error (error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_URL,
               _("The headquarters address “%s” is not a secure https address, so nothing was downloaded."),
               url != NULL ? url : "");
  return FALSE;
}

void
gcm_transport_validators_clear (GcmTransportValidators *validators)
{
  g_clear_pointer (&validators->etag, g_free);
  g_clear_pointer (&validators->last_modified, g_free);
}

static void
transfer_free (Transfer *t)
{
  if (t->easy != NULL)
    curl_easy_cleanup (t->easy);
  curl_slist_free_all (t->headers);
  g_free (t->url);
  if (t->body != NULL)
    g_byte_array_unref (t->body);
  g_free (t->part_path);
  g_free (t->dest_path);
  if (t->fd >= 0)
    close (t->fd);
  g_free (t->buffer);
  g_clear_error (&t->error);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transfer, transfer_free)

static Transfer *
transfer_new (GcmTransport *self,
              const char   *path)
{
  Transfer *t = g_new0 (Transfer, 1);

  t->self = self;
  t->fd = -1;
  t->url = g_strconcat (self->base_url, "/", path, NULL);
  return t;
}

static gboolean
status_has_body (long status)
{
  /* file:// has no status */
  return status == 0 || status == 200 || status == 206;
}

static void
set_write_error (Transfer *t,
                 int       saved_errno)
{
  if (t->error == NULL)
    g_set_error (&t->error, GCM_FEED_ERROR,
                 saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                 "Cannot write %s: %s", t->part_path, g_strerror (saved_errno));
}

/* 0, or the errno of the write that failed. */
static int
write_fully (int           fd,
             const guint8 *data,
             gsize         n)
{
  for (gsize written = 0; written < n;)
    {
      ssize_t w = write (fd, data + written, n - written);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        return errno;
      written += (size_t) w;
    }
  return 0;
}

static gboolean
write_all (Transfer     *t,
           const guint8 *data,
           gsize         n)
{
  int saved_errno = write_fully (t->fd, data, n);

  if (saved_errno != 0)
    set_write_error (t, saved_errno);
  return saved_errno == 0;
}

/* What is buffered goes to the part: when the buffer is full, and when a request ends, so that
 * an interrupted download keeps all it received for the resume. */
static gboolean
flush_part (Transfer *t)
{
  gsize n = t->buffered;

  t->buffered = 0;
  return n == 0 || write_all (t, t->buffer, n);
}

static size_t
write_cb (char   *ptr,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *t = user_data;
  GcmTransport *self = t->self;
  size_t n = size * nmemb;
  long status;

  if (t->status == 0)
    curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &t->status);
  status = t->status;
  self->bytes_received += n;
  if (!status_has_body (status))
    {
      /* An error page or a redirect's body: read and dropped, but not without end. */
      t->discarded += n;
      return t->discarded > ERROR_BODY_CAP ? 0 : n;
    }
  if (t->offset > 0 && status == 200)
    {
      t->range_ignored = TRUE;
      return 0;
    }
  if (t->offset + t->received + (gint64) n > t->cap)
    {
      t->too_large = TRUE;
      return 0;
    }

  if (t->object != NULL && t->whole)
    {
      /* The cap above keeps it within the object's size, and so within the buffer. */
      memcpy (t->buffer + t->buffered, ptr, n);
      t->buffered += n;
    }
  else if (t->object != NULL)
    {
      /* Written out a buffer at a time; hashed once whole, on the verifier thread. */
      for (size_t taken = 0; taken < n;)
        {
          size_t chunk = MIN (n - taken, WRITE_BUFFER - t->buffered);

          if (t->buffered == 0 && chunk == WRITE_BUFFER)
            {
              /* A whole buffer's worth goes straight to the part. */
              if (!write_all (t, (const guint8 *) ptr + taken, chunk))
                return 0;
            }
          else
            {
              memcpy (t->buffer + t->buffered, ptr + taken, chunk);
              t->buffered += chunk;
              if (t->buffered == WRITE_BUFFER && !flush_part (t))
                return 0;
            }
          taken += chunk;
        }
    }
  else
    g_byte_array_append (t->body, (const guint8 *) ptr, (guint) n);

  t->received += (gint64) n;
  if (t->object != NULL && self->progress != NULL)
    {
      self->progress_done += (gint64) n;
      self->progress (self->progress_done, self->progress_total, self->progress_data);
    }
  return n;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *t = user_data;

  return g_atomic_int_get (&t->self->cancelled) ? 1 : 0;
}

static void
setup_easy (Transfer *t)
{
  GcmTransport *self = t->self;
  CURL *e;

  if (t->easy == NULL && self->spare_easies->len > 0)
    t->easy = g_ptr_array_steal_index_fast (self->spare_easies, self->spare_easies->len - 1);
  if (t->easy == NULL)
    t->easy = curl_easy_init ();
  else
    curl_easy_reset (t->easy);
  e = t->easy;
  t->errbuf[0] = '\0';

  curl_easy_setopt (e, CURLOPT_URL, t->url);
  curl_easy_setopt (e, CURLOPT_PRIVATE, t);
  curl_easy_setopt (e, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt (e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (e, CURLOPT_PROTOCOLS_STR, self->scheme);
  curl_easy_setopt (e, CURLOPT_REDIR_PROTOCOLS_STR, self->scheme);
  curl_easy_setopt (e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (e, CURLOPT_CONNECTTIMEOUT, self->connect_timeout);
  curl_easy_setopt (e, CURLOPT_LOW_SPEED_LIMIT, self->low_speed_limit);
  curl_easy_setopt (e, CURLOPT_LOW_SPEED_TIME, self->low_speed_time);
  curl_easy_setopt (e, CURLOPT_PIPEWAIT, g_str_equal (self->scheme, "https") ? 1L : 0L);
  curl_easy_setopt (e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (e, CURLOPT_USERAGENT, "green-customs-manual/" PACKAGE_VERSION);
  curl_easy_setopt (e, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (e, CURLOPT_BUFFERSIZE, (long) RECEIVE_BUFFER);
  curl_easy_setopt (e, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (e, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (e, CURLOPT_XFERINFODATA, t);
  /* Stops a body of announced length early; the write callback stops all others. */
  curl_easy_setopt (e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) (t->cap - t->offset));
  if (self->proxy != NULL)
    curl_easy_setopt (e, CURLOPT_PROXY, self->proxy);
  if (t->offset > 0)
    curl_easy_setopt (e, CURLOPT_RESUME_FROM_LARGE, (curl_off_t) t->offset);

  curl_slist_free_all (t->headers);
  t->headers = NULL;
  if (t->validators != NULL && t->validators->etag != NULL)
    {
      g_autofree char *header = g_strconcat ("If-None-Match: ", t->validators->etag, NULL);
      t->headers = curl_slist_append (t->headers, header);
    }
  /* The date only where there is no ETag: libcurl itself takes a 200 whose Last-Modified is
   * older than the date asked for as "not modified", and a pointer republished with an older
   * mtime (a copy, a restored backup, another mirror) would then never be seen. */
  if (t->validators != NULL && t->validators->etag == NULL &&
      t->validators->last_modified != NULL)
    {
      time_t when = curl_getdate (t->validators->last_modified, NULL);
      if (when > 0)
        {
          curl_easy_setopt (e, CURLOPT_TIMECONDITION, (long) CURL_TIMECOND_IFMODSINCE);
          curl_easy_setopt (e, CURLOPT_TIMEVALUE_LARGE, (curl_off_t) when);
        }
    }
  if (t->headers != NULL)
    curl_easy_setopt (e, CURLOPT_HTTPHEADER, t->headers);

  t->status = 0;
  t->received = 0;
  t->discarded = 0;
  t->too_large = FALSE;
  t->range_ignored = FALSE;
  t->self->requests++;
}

static char *
dup_header (CURL       *easy,
            const char *name)
{
  struct curl_header *header = NULL;

  if (curl_easy_header (easy, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header != NULL)
    return g_strdup (header->value);
  return NULL;
}

/* The part of an object left by an earlier, interrupted sync is kept, and the next request asks
 * for the rest; the whole is hashed when complete. */
static gboolean
open_part (Transfer  *t,
           gboolean   from_start,
           GError   **error)
{
  struct stat st;

  if (t->fd >= 0)
    close (t->fd);
  t->buffered = 0;
  if (t->buffer == NULL)
    t->buffer = t->self->spare_buffers->len > 0 ?
                g_ptr_array_steal_index_fast (t->self->spare_buffers, t->self->spare_buffers->len - 1) :
                g_malloc (WRITE_BUFFER);
  /* Bytes counted as done (the part's size as estimated, or what came since) are counted again
   * from what the part really holds. */
  t->self->progress_done -= t->offset + t->received;
  t->offset = 0;
  t->received = 0;
  t->fd = g_open (t->part_path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (t->fd < 0 || fstat (t->fd, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GCM_FEED_ERROR,
                   saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                   "Cannot open %s: %s", t->part_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "%s is not a file", t->part_path);
      return FALSE;
    }
  /* A new part is not truncated: ext4 writes a file truncated to nothing out when it is closed,
   * which would cost a write-back per object. */
  if ((from_start || st.st_size > t->object->size) && st.st_size > 0)
    {
      if (ftruncate (t->fd, 0) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot empty %s: %s",
                       t->part_path, g_strerror (saved_errno));
          return FALSE;
        }
      st.st_size = 0;
    }
  t->offset = st.st_size;
  if (t->offset > 0 && lseek (t->fd, t->offset, SEEK_SET) != t->offset)
    {
      g_set_error (error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot resume %s", t->part_path);
      return FALSE;
    }
  t->self->progress_done += t->offset;
  t->whole = t->offset == 0 && t->object->size <= WRITE_BUFFER;
  return TRUE;
}

/* The verifier: one thread that hashes the objects received whole, so that hashing the one does
 * not hold up receiving the next. An object kept in memory it hashes and, when it matches,
 * writes to its part; a larger or resumed one it reads back from its part (from the page cache,
 * just written). It touches nothing of the transfer but what the job hands it. */
typedef struct
{
  Transfer *transfer;   /* only handed back; not touched on the thread */
  char     *part_path;
  char      sha256[65];
  gint64    size;
  int       fd;         /* with @buffer: the part, open, to write it to */
  guint8   *buffer;     /* the whole object, or NULL to read the part back */
  gsize     length;
  gboolean  matches;
  GError   *error;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  if (job->fd >= 0)
    close (job->fd);
  g_free (job->buffer);
  g_free (job->part_path);
  g_clear_error (&job->error);
  g_free (job);
}

/* Hashes @job's object in memory, and writes it to its part only when it matches. */
static void
verify_buffer (VerifyJob *job)
{
  g_autoptr(GcmSha256) checksum = gcm_sha256_new ();
  char actual[GCM_SHA256_HEX_SIZE] = "";
  int saved_errno;

  gcm_sha256_update (checksum, job->buffer, job->length);
  gcm_sha256_get_hex (checksum, actual);
  job->matches = (gint64) job->length == job->size && g_str_equal (actual, job->sha256);
  if (job->matches && (saved_errno = write_fully (job->fd, job->buffer, job->length)) != 0)
    {
      g_set_error (&job->error, GCM_FEED_ERROR,
                   saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                   "Cannot write %s: %s", job->part_path, g_strerror (saved_errno));
      job->matches = FALSE;
    }
  /* As for a part read back below. */
  if (job->matches)
    sync_file_range (job->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  close (job->fd);
  job->fd = -1;
}

static void
verify_cb (gpointer data,
           gpointer user_data)
{
  VerifyJob *job = data;
  GcmTransport *self = user_data;
  g_autoptr(GcmSha256) checksum = NULL;
  char actual[GCM_SHA256_HEX_SIZE] = "";
  g_autofree guint8 *buffer = NULL;
  gint64 total = 0;
  int fd;

  if (job->buffer != NULL)
    {
      verify_buffer (job);
      g_async_queue_push (self->verified, job);
      curl_multi_wakeup (self->multi);
      return;
    }

  checksum = gcm_sha256_new ();
  buffer = g_malloc (WRITE_BUFFER);
  fd = g_open (job->part_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (&job->error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot read %s: %s",
                   job->part_path, g_strerror (saved_errno));
    }
  while (fd >= 0 && total <= job->size)
    {
      ssize_t n = read (fd, buffer, WRITE_BUFFER);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (&job->error, GCM_FEED_ERROR, GCM_FEED_ERROR_IO, "Cannot read %s: %s",
                       job->part_path, g_strerror (saved_errno));
          break;
        }
      if (n == 0)
        break;
      gcm_sha256_update (checksum, buffer, n);
      total += n;
    }
  if (fd >= 0)
    {
      /* Start writing the part out now, as dpkg does, so that the one sync before the parts
       * are renamed finds little left to wait for. */
      sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
      close (fd);
    }
  gcm_sha256_get_hex (checksum, actual);
  job->matches = job->error == NULL && total == job->size && g_str_equal (actual, job->sha256);
  g_async_queue_push (self->verified, job);
  curl_multi_wakeup (self->multi);
}

/* Size here, hash on the verifier. A checked part waits under its .part name;
 * gcm_transport_get_objects() syncs all parts at once and only then renames them into objects/,
 * so a crash never leaves a torn file under an object's name, for the price of two syncs rather
 * than two per object. */
static DoneAction
finish_object (Transfer *t)
{
  GcmTransport *self = t->self;
  VerifyJob *job;

  if (t->offset + t->received != t->object->size)
    {
      g_set_error (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_INCOMPLETE,
                   _("The download from headquarters was cut off before it was complete, so the update was not installed; try again to resume it."));
      return DONE_FAILED;
    }
  job = g_new0 (VerifyJob, 1);
  job->fd = -1;
  if (t->whole)
    {
      job->fd = t->fd;
      job->buffer = g_steal_pointer (&t->buffer);
      job->length = t->buffered;
      t->buffered = 0;
    }
  else
    {
      close (t->fd);
      g_ptr_array_add (self->spare_buffers, g_steal_pointer (&t->buffer));
    }
  t->fd = -1;

  if (self->verifier == NULL)
    self->verifier = g_thread_pool_new_full (verify_cb, self, (GDestroyNotify) verify_job_free,
                                             1, TRUE, NULL);
  job->transfer = t;
  job->part_path = g_strdup (t->part_path);
  g_strlcpy (job->sha256, t->object->sha256, sizeof job->sha256);
  job->size = t->object->size;
  g_thread_pool_push (self->verifier, job, NULL);
  return DONE_VERIFYING;
}

/* The verifier's answer for @job's transfer. */
static DoneAction
verified (VerifyJob *job)
{
  Transfer *t = job->transfer;

  if (job->matches)
    {
      t->complete = TRUE;
      return DONE_OK;
    }
  /* A resumed part may have been spliced from another file; start over once. */
  if (t->offset > 0 && !t->retried)
    {
      t->retried = TRUE;
      return open_part (t, TRUE, &t->error) ? DONE_RESTART : DONE_FAILED;
    }
  if (job->error != NULL)
    {
      t->error = g_steal_pointer (&job->error);
      return DONE_FAILED;
    }
  g_unlink (t->part_path);
  g_set_error (&t->error, GCM_FEED_ERROR, GCM_FEED_ERROR_HASH_MISMATCH,
               "object %.12s… does not match its hash", t->object->sha256);
  return DONE_FAILED;
}

/* The checked parts reach the disk, then move into objects/, and the moves reach it too. */
static gboolean
commit_objects (GPtrArray   *transfers,
                const char  *staging_dir,
                const char  *objects_dir,
                GError     **error)
{
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean any = FALSE;

  for (guint i = 0; i < transfers->len && !any; i++)
    any = ((Transfer *) g_ptr_array_index (transfers, i))->complete;
  if (!any)
    return TRUE;
  if (!gcm_feed_sync_folder (staging_dir, error))
    return FALSE;
  for (guint i = 0; i < transfers->len; i++)
    {
      Transfer *t = g_ptr_array_index (transfers, i);
      g_autofree char *dir = NULL;

      if (!t->complete)
        continue;
      /* Each of the 256 folders is made once. */
      dir = g_path_get_dirname (t->dest_path);
      if (g_hash_table_contains (made, dir))
        g_clear_pointer (&dir, g_free);
      else if (g_mkdir_with_parents (dir, 0700) == 0)
        g_hash_table_add (made, g_steal_pointer (&dir));
      if (dir != NULL || g_rename (t->part_path, t->dest_path) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, GCM_FEED_ERROR,
                       saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                       "Cannot save %s: %s", t->dest_path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return gcm_feed_sync_folder (objects_dir, error);
}

static DoneAction
transfer_done (Transfer *t,
               CURLcode  rc)
{
  GcmTransport *self = t->self;
  long status = 0;

  curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &status);
  {
    long header_size = 0;
    curl_easy_getinfo (t->easy, CURLINFO_HEADER_SIZE, &header_size);
    self->bytes_received += (guint64) header_size;
  }
  {
    double total = 0, connect = 0, start = 0;
    curl_easy_getinfo (t->easy, CURLINFO_TOTAL_TIME, &total);
    curl_easy_getinfo (t->easy, CURLINFO_CONNECT_TIME, &connect);
    curl_easy_getinfo (t->easy, CURLINFO_STARTTRANSFER_TIME, &start);
    g_debug ("%s: curl %d (%s), HTTP %ld, %" G_GINT64_FORMAT " bytes, %.3f s (connect %.3f, first byte %.3f)", t->url, rc,
             t->errbuf[0] ? t->errbuf : curl_easy_strerror (rc), status, t->received, total, connect, start);
  }

  /* What came is kept, whatever comes next: a complete object to check, a part to resume. An
   * object kept whole goes to the verifier, or is written out if this transfer goes no
   * further. */
  if (t->object != NULL && t->fd >= 0 && !t->whole)
    flush_part (t);
  if (t->error != NULL)
    return DONE_FAILED;
  if (g_atomic_int_get (&self->cancelled))
    {
      g_set_error_literal (&t->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return DONE_FAILED;
    }
  if (t->object != NULL && (t->range_ignored || rc == CURLE_RANGE_ERROR ||
                         (t->offset > 0 && status == 200)) && !t->retried)
    {
      /* The server does not resume: fetch the whole object. */
      t->retried = TRUE;
      return open_part (t, TRUE, &t->error) ? DONE_RESTART : DONE_FAILED;
    }
  if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED)
    {
      if (t->object != NULL)
        g_unlink (t->part_path);
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_TOO_LARGE,
                           _("The headquarters server sent more data than the update announced, so it was not installed."));
      return DONE_FAILED;
    }
  if (rc == CURLE_OPERATION_TIMEDOUT)
    {
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_TIMEOUT,
                           _("The headquarters server stopped sending data, so the update was stopped; try again later."));
      return DONE_FAILED;
    }
  if (rc == CURLE_UNSUPPORTED_PROTOCOL)
    {
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_REDIRECT,
                           _("The headquarters server sent the app to an address it may not use, so nothing was installed."));
      return DONE_FAILED;
    }
  if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING)
    {
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_INCOMPLETE,
                           _("The download from headquarters was cut off before it was complete, so the update was not installed; try again to resume it."));
      return DONE_FAILED;
    }
  if (rc == CURLE_FILE_COULDNT_READ_FILE && g_str_equal (self->scheme, "file"))
    {
      g_set_error_literal (&t->error, GCM_FEED_ERROR, GCM_FEED_ERROR_MISSING, t->url);
      return DONE_FAILED;
    }
  if (rc != CURLE_OK)
    {
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_NETWORK,
                           _("The headquarters server could not be reached; check the network connection and try again."));
      return DONE_FAILED;
    }

  if (status >= 300 && status < 400 && status != 304)
    {
      char *location = NULL;
      g_autofree char *scheme = NULL;

      curl_easy_getinfo (t->easy, CURLINFO_REDIRECT_URL, &location);
      scheme = location != NULL ? dup_scheme (location) : NULL;
      if (location == NULL || t->redirects >= MAX_REDIRECTS ||
          g_strcmp0 (scheme, self->scheme) != 0 || !gcm_transport_url_is_allowed (location, NULL))
        {
          g_debug ("Refusing the redirect of %s to %s", t->url, location ? location : "(none)");
          g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_REDIRECT,
                               _("The headquarters server sent the app to an address it may not use, so nothing was installed."));
          return DONE_FAILED;
        }
      t->redirects++;
      g_free (t->url);
      t->url = g_strdup (location);
      return DONE_RESTART;
    }
  if (status == 304 && t->object == NULL && t->validators != NULL)
    {
      t->not_modified = TRUE;
      return DONE_OK;
    }
  if (!status_has_body (status))
    {
      if (status == 404 || status == 410)
        g_set_error (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_HTTP,
                     _("The headquarters server does not have the update files (error %ld), so nothing was installed."), status);
      else
        g_set_error (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_HTTP,
                     _("The headquarters server answered with an error (%ld), so nothing was installed; try again later."), status);
      return DONE_FAILED;
    }

  if (t->object != NULL)
    return finish_object (t);

  if (t->exact && t->received != t->cap)
    {
      g_set_error_literal (&t->error, GCM_SYNC_ERROR, GCM_SYNC_ERROR_INCOMPLETE,
                           _("The download from headquarters was cut off before it was complete, so the update was not installed; try again to resume it."));
      return DONE_FAILED;
    }
  if (t->validators != NULL)
    {
      gcm_transport_validators_clear (t->validators);
      t->validators->etag = dup_header (t->easy, "ETag");
      t->validators->last_modified = dup_header (t->easy, "Last-Modified");
    }
  return DONE_OK;
}

static void
read_server_date (Transfer *t)
{
  g_autofree char *date = dup_header (t->easy, "Date");

  if (date != NULL)
    t->server_date = curl_getdate (date, NULL);
}

/* Runs @transfers, a few at a time, to their end or to the first failure. */
static gboolean
run_transfers (GcmTransport  *self,
               GPtrArray     *transfers,
               GCancellable  *cancellable,
               GError       **error)
{
  guint next = 0, active = 0, verifying = 0;
  Transfer *failed = NULL;
  VerifyJob *job;

  if (self->verified == NULL)
    self->verified = g_async_queue_new_full ((GDestroyNotify) verify_job_free);

  while ((next < transfers->len || active > 0 || verifying > 0) && failed == NULL)
    {
      CURLMsg *msg;
      int running, queued;
      gboolean finished_one = FALSE;

      while (active < PARALLEL_TRANSFERS && next < transfers->len &&
             verifying < VERIFY_QUEUE_MAX && failed == NULL)
        {
          Transfer *t = g_ptr_array_index (transfers, next++);

          /* A part is opened only when its transfer starts: a large feed must not hold a file
           * open per object. One complete already needs no request. */
          if (t->object != NULL)
            {
              DoneAction action = DONE_RESTART;

              if (!open_part (t, FALSE, &t->error))
                action = DONE_FAILED;
              else if (t->offset == t->object->size)
                action = finish_object (t);
              if (action == DONE_FAILED)
                failed = t;
              if (action == DONE_VERIFYING)
                verifying++;
              if (action != DONE_RESTART)
                continue;
            }
          setup_easy (t);
          curl_multi_add_handle (self->multi, t->easy);
          active++;
        }
      if (failed != NULL)
        break;

      curl_multi_perform (self->multi, &running);
      while ((msg = curl_multi_info_read (self->multi, &queued)) != NULL)
        {
          Transfer *t = NULL;
          DoneAction action;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &t);
          read_server_date (t);
          curl_multi_remove_handle (self->multi, t->easy);
          finished_one = TRUE;
          action = transfer_done (t, msg->data.result);
          if (action == DONE_RESTART)
            {
              setup_easy (t);
              curl_multi_add_handle (self->multi, t->easy);
              continue;
            }
          active--;
          if (action == DONE_FAILED)
            {
              if (failed == NULL)
                failed = t;
              continue;
            }
          if (action == DONE_VERIFYING)
            verifying++;
          /* Its handle serves the next transfer, buffers and all. */
          g_ptr_array_add (self->spare_easies, g_steal_pointer (&t->easy));
        }

      /* The verifier's answers: complete, or (a resumed part gone wrong) once more from the
       * start. */
      while (failed == NULL && (job = g_async_queue_try_pop (self->verified)) != NULL)
        {
          Transfer *t = job->transfer;

          verifying--;
          finished_one = TRUE;
          switch (verified (job))
            {
            case DONE_RESTART:
              setup_easy (t);
              curl_multi_add_handle (self->multi, t->easy);
              active++;
              break;
            case DONE_FAILED:
              failed = t;
              break;
            default:
              break;
            }
          if (job->buffer != NULL)
            g_ptr_array_add (self->spare_buffers, g_steal_pointer (&job->buffer));
          verify_job_free (job);
        }

      /* A transfer that ended makes room for the next at once; otherwise wait for the sockets
       * or the verifier. */
      if (failed == NULL && !finished_one && (active > 0 || verifying > 0))
        curl_multi_poll (self->multi, NULL, 0, 500, NULL);
      if (failed == NULL && g_cancellable_is_cancelled (cancellable))
        break;
    }

  /* What still runs after a failure or a cancel is dropped; parts stay for a resume, and a part
   * the verifier has passed already is kept as complete. */
  if (self->verifier != NULL)
    {
      g_thread_pool_free (self->verifier, TRUE, TRUE);
      self->verifier = NULL;
    }
  while ((job = g_async_queue_try_pop (self->verified)) != NULL)
    {
      if (job->matches)
        job->transfer->complete = TRUE;
      verify_job_free (job);
    }
  for (guint i = 0; i < transfers->len; i++)
    {
      Transfer *t = g_ptr_array_index (transfers, i);
      if (t->easy != NULL)
        curl_multi_remove_handle (self->multi, t->easy);
      if (t->object != NULL && t->fd >= 0)
        flush_part (t);
    }
  if (failed != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failed->error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

static void
cancelled_cb (GCancellable *cancellable,
              GcmTransport *self)
{
  g_atomic_int_set (&self->cancelled, 1);
  curl_multi_wakeup (self->multi);
}

/* GObject */

static void
gcm_transport_finalize (GObject *object)
{
  GcmTransport *self = GCM_TRANSPORT (object);

  g_ptr_array_unref (self->spare_easies);
  g_ptr_array_unref (self->spare_buffers);
  g_clear_pointer (&self->verified, g_async_queue_unref);
  curl_multi_cleanup (self->multi);
  g_free (self->base_url);
  g_free (self->scheme);
  g_free (self->proxy);

  G_OBJECT_CLASS (gcm_transport_parent_class)->finalize (object);
}

static void
gcm_transport_class_init (GcmTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gcm_transport_finalize;
  curl_global_init (CURL_GLOBAL_DEFAULT);
  /* With CURLOPT_NOSIGNAL a peer that hangs up must not kill the app. */
  signal (SIGPIPE, SIG_IGN);
}

static long
env_seconds (const char *name,
             long        fallback)
{
  const char *value = g_getenv (name);
  gint64 seconds;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, 3600, &seconds, NULL))
    return fallback;
  return (long) seconds;
}

static void
gcm_transport_init (GcmTransport *self)
{
  self->multi = curl_multi_init ();
  self->spare_easies = g_ptr_array_new_with_free_func ((GDestroyNotify) curl_easy_cleanup);
  self->spare_buffers = g_ptr_array_new_with_free_func (g_free);
  curl_multi_setopt (self->multi, CURLMOPT_PIPELINING, (long) CURLPIPE_MULTIPLEX);
  curl_multi_setopt (self->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) PARALLEL_TRANSFERS);
  /* GCM_SYNC_LOW_SPEED_TIME lets the tests see a stalled server given up in seconds. */
  self->connect_timeout = env_seconds ("GCM_SYNC_CONNECT_TIMEOUT", 20);
  self->low_speed_time = env_seconds ("GCM_SYNC_LOW_SPEED_TIME", 60);
  self->low_speed_limit = 1024;
}

/* Public API */

/**
 * gcm_transport_new:
 * @base_url: the folder that holds `v1/`
 *
 * Looks up the system proxy, which may block: call it on the worker.
 */
GcmTransport *
gcm_transport_new (const char  *base_url,
                   GError     **error)
{
  g_autoptr(GcmTransport) self = NULL;
  g_autofree char *scheme = NULL;

  if (!gcm_transport_url_is_allowed (base_url, error))
    return NULL;

  self = g_object_new (GCM_TYPE_TRANSPORT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/") && strlen (self->base_url) > strlen ("file:///"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->scheme = dup_scheme (base_url);

  /* GNOME keeps its proxy settings in GSettings, not in the environment libcurl reads. */
  if (g_str_equal (self->scheme, "https"))
    {
      g_auto(GStrv) proxies = g_proxy_resolver_lookup (g_proxy_resolver_get_default (), base_url,
                                                       NULL, NULL);
      if (proxies != NULL && proxies[0] != NULL && !g_str_equal (proxies[0], "direct://"))
        {
          if (g_str_has_prefix (proxies[0], "socks://"))
            self->proxy = g_strconcat ("socks5h://", proxies[0] + strlen ("socks://"), NULL);
          else
            self->proxy = g_strdup (proxies[0]);
        }
    }
  return g_steal_pointer (&self);
}

guint64
gcm_transport_get_bytes_received (GcmTransport *self)
{
  return self->bytes_received;
}

guint
gcm_transport_get_requests (GcmTransport *self)
{
  return self->requests;
}

/**
 * gcm_transport_get:
 * @path: below the base URL, made by the caller from a serial or a validated hash
 * @cap: the most bytes accepted; with @exact, the only length accepted
 * @validators: (nullable) (inout): for a conditional GET; updated from a 200 answer
 * @not_modified: (out) (optional): set when the server answered 304
 * @server_date: (out) (optional): the server's Date, or 0
 *
 * Returns: (transfer full): the body (empty after a 304), or %NULL with @error set
 */
GBytes *
gcm_transport_get (GcmTransport            *self,
                   const char              *path,
                   gint64                   cap,
                   gboolean                 exact,
                   GcmTransportValidators  *validators,
                   gboolean                *not_modified,
                   gint64                  *server_date,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) transfer_free);
  Transfer *t = transfer_new (self, path);
  gulong handler = 0;
  gboolean ok;

  g_return_val_if_fail (GCM_IS_TRANSPORT (self), NULL);

  t->cap = cap;
  t->exact = exact;
  t->body = g_byte_array_new ();
  t->validators = g_str_equal (self->scheme, "file") ? NULL : validators;
  g_ptr_array_add (transfers, t);

  g_atomic_int_set (&self->cancelled, 0);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
  ok = run_transfers (self, transfers, cancellable, error);
  g_cancellable_disconnect (cancellable, handler);
  if (!ok)
    return NULL;

  if (not_modified != NULL)
    *not_modified = t->not_modified;
  if (server_date != NULL)
    *server_date = t->server_date;
  return g_bytes_new (t->body->data, t->body->len);
}

/**
 * gcm_transport_get_objects:
 * @objects: (element-type GcmTransportObject): what to fetch, each hash validated
 * @staging_dir: where the parts wait, `<sha>.part`
 * @objects_dir: where complete objects go, `<aa>/<sha>`
 * @progress: (nullable): called on this thread with the bytes done of the signed total
 *
 * Blocking. Parts of objects that did not complete stay for the next call to resume.
 */
gboolean
gcm_transport_get_objects (GcmTransport          *self,
                           GPtrArray             *objects,
                           const char            *staging_dir,
                           const char            *objects_dir,
                           GcmTransportProgress   progress,
                           gpointer               progress_data,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) transfer_free);
  g_autoptr(GError) commit_error = NULL;
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) staged = NULL;
  const char *name;
  gulong handler = 0;
  gboolean ok;

  g_return_val_if_fail (GCM_IS_TRANSPORT (self), FALSE);

  if (g_mkdir_with_parents (staging_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GCM_FEED_ERROR,
                   saved_errno == ENOSPC ? GCM_FEED_ERROR_NO_SPACE : GCM_FEED_ERROR_IO,
                   "Cannot create %s: %s", staging_dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The parts an earlier sync left, read once rather than looked for once per object. */
  staged = g_dir_open (staging_dir, 0, NULL);
  while (staged != NULL && (name = g_dir_read_name (staged)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      g_hash_table_add (parts, g_strdup (name));

  self->progress = progress;
  self->progress_data = progress_data;
  self->progress_done = 0;
  self->progress_total = 0;
  for (guint i = 0; i < objects->len; i++)
    self->progress_total += ((GcmTransportObject *) g_ptr_array_index (objects, i))->size;

  for (guint i = 0; i < objects->len; i++)
    {
      GcmTransportObject *object = g_ptr_array_index (objects, i);
      char prefix[3] = { object->sha256[0], object->sha256[1], '\0' };
      g_autofree char *path = g_build_path ("/", "v1", "objects", prefix, object->sha256, NULL);
      g_autofree char *part_name = g_strconcat (object->sha256, ".part", NULL);
      Transfer *t = transfer_new (self, path);
      GStatBuf st;

      t->object = object;
      t->cap = object->size;
      t->part_path = g_build_filename (staging_dir, part_name, NULL);
      t->dest_path = g_build_filename (objects_dir, prefix, object->sha256, NULL);
      /* What an earlier sync left counts as done from the start; open_part() corrects it. */
      if (g_hash_table_contains (parts, part_name) &&
          g_stat (t->part_path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size <= object->size)
        t->offset = st.st_size;
      self->progress_done += t->offset;
      g_ptr_array_add (transfers, t);
    }
  if (progress != NULL)
    progress (self->progress_done, self->progress_total, progress_data);

  g_atomic_int_set (&self->cancelled, 0);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
  ok = run_transfers (self, transfers, cancellable, error);
  g_cancellable_disconnect (cancellable, handler);
  self->progress = NULL;

  /* What completed is kept even when another object failed: the next sync needs it too. */
  if (!commit_objects (transfers, staging_dir, objects_dir, ok ? error : &commit_error))
    return FALSE;
  return ok;
}
