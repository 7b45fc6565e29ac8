/* gcm-test-utils.h
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *gcm_test_make_tmpdir      (const char *name);
void      gcm_test_rm_rf            (const char *path);
void      gcm_test_make_keys        (const char *dir,
                                     char      **public_key,
                                     char      **secret_key);
gboolean  gcm_test_publish          (const char *source,
                                     const char *output,
                                     const char *secret_key,
                                     gint64      serial,
                                     char      **standard_error);
void      gcm_test_copy_tree        (const char *from,
                                     const char *to);

G_END_DECLS
