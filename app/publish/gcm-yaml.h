/* gcm-yaml.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GCM_YAML_ERROR (gcm_yaml_error_quark ())

/* Item JSON nests at most one level deeper than its YAML, well inside what json-glib and the
 * client parse safely; the authoring format needs four. */
#define GCM_YAML_MAX_DEPTH 32

typedef enum
{
  GCM_YAML_ERROR_SYNTAX,
  GCM_YAML_ERROR_UNSUPPORTED,
} GcmYamlError;

#define GCM_TYPE_YAML_DOCUMENT (gcm_yaml_document_get_type ())

G_DECLARE_FINAL_TYPE (GcmYamlDocument, gcm_yaml_document, GCM, YAML_DOCUMENT, GObject)

GQuark           gcm_yaml_error_quark          (void);
GcmYamlDocument *gcm_yaml_document_new_from_data (const char      *data,
                                                  gssize           length,
                                                  int              first_line,
                                                  GError         **error);
JsonNode        *gcm_yaml_document_get_root      (GcmYamlDocument *self);
int              gcm_yaml_document_get_line      (GcmYamlDocument *self,
                                                  JsonNode        *node);
int              gcm_yaml_document_get_key_line  (GcmYamlDocument *self,
                                                  JsonObject      *object,
                                                  const char      *member);

G_END_DECLS
