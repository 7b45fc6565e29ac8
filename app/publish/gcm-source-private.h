/* gcm-source-private.h — shared by the files of GcmSource only
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <sys/stat.h>

#include "gcm-source.h"
#include "gcm-yaml.h"

G_BEGIN_DECLS

struct _GcmSource
{
  GObject     parent_instance;

  char       *directory;
  char       *feed_id;
  char       *title;
  char       *language;
  GPtrArray  *chapters;     /* GcmSourceChapter */
  GPtrArray  *items;        /* GcmSourceItem */
  GHashTable *sources;      /* source id → JsonObject (borrowed from sources_doc) */
  GcmYamlDocument *sources_doc;
  GHashTable *ids;          /* item id → GcmSourceItem */
  GHashTable *used_media;   /* path under media/ → GcmSourceMedia, or NULL when refused */
  GString    *problems;

  /* Some item file was refused before its id was known, so a link to a missing id may only
   * name that item: "names no item" would be a follow-on error. */
  gboolean    ids_incomplete;

  /* Checked once every item is loaded: item links and quiz sources. */
  GPtrArray  *pending_links;
  /* Translation files found beside their originals, read once every original is loaded. */
  GPtrArray  *translations;  /* GcmSourceTranslation */
  gboolean    strict;        /* a stale translation is an error, not a warning */
  GPtrArray  *warnings;      /* printed once the source is accepted */
};

typedef struct
{
  char *file;       /* e.g. sections/basel/01-scope.ko.md */
  char *original;   /* sections/basel/01-scope.md */
  char *lang;       /* ko */
} GcmSourceTranslation;

typedef struct
{
  char *file;
  int   line;
  char *target;
  char *what;
} GcmSourcePendingLink;

/* One item file being checked. */
typedef struct
{
  GcmSource       *source;
  GcmYamlDocument *doc;
  const char      *file;
  JsonObject      *fields;
  GcmSourceItem   *item;
} GcmSourceCtx;

static inline gboolean
is_word_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static inline gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static inline const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gboolean
is_symlink (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

/* gcm-source.c: the loader */
GcmYamlDocument *_gcm_source_read_item_file  (GcmSource     *self,
                                              const char    *relative,
                                              char         **contents,
                                              const char   **body,
                                              int           *body_line);

/* gcm-source-translations.c */
gboolean    _gcm_source_is_translation_name (const char    *name,
                                             const char    *suffix);
void        _gcm_source_add_translation     (GcmSource     *self,
                                             const char    *folder,
                                             const char    *name,
                                             const char    *suffix);
void        _gcm_source_load_translations   (GcmSource     *self);
void        _gcm_source_load_pack_translations (GcmSource  *self);
void        _gcm_source_translation_free    (GcmSourceTranslation *translation);

G_GNUC_PRINTF (4, 5)
void        _gcm_source_problem              (GcmSource     *self,
                                              const char    *file,
                                              int            line,
                                              const char    *format,
                                              ...);
GBytes     *_gcm_source_read_regular_file    (const char    *path,
                                              gsize          cap,
                                              GError       **error);

/* gcm-source-fields.c: the checks of every item */
int         _gcm_source_field_line           (GcmSourceCtx  *ctx,
                                              const char    *name);
void        _gcm_source_use_media            (GcmSourceCtx  *ctx,
                                              const char    *path,
                                              int            line);
void        _gcm_source_add_pending_link     (GcmSourceCtx  *ctx,
                                              int            line,
                                              const char    *target,
                                              const char    *what);
const char *_gcm_source_want_string          (GcmSourceCtx  *ctx,
                                              const char    *name,
                                              gboolean       required);
JsonArray  *_gcm_source_want_string_list     (GcmSourceCtx  *ctx,
                                              JsonObject    *object,
                                              const char    *name,
                                              gboolean       required);
void        _gcm_source_check_unknown_fields (GcmSourceCtx  *ctx,
                                              GcmItemKind    kind);
void        _gcm_source_check_markdown       (GcmSourceCtx  *ctx,
                                              const char    *markdown,
                                              int            first_line);
void        _gcm_source_check_common         (GcmSourceCtx  *ctx,
                                              GcmItemKind    kind);

/* gcm-source-kinds.c: the checks of one kind */
void        _gcm_source_check_kind           (GcmSourceCtx  *ctx,
                                              GcmItemKind    kind);
gboolean    _gcm_source_kind_needs_text      (GcmItemKind    kind);

G_END_DECLS
