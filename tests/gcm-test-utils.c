/* gcm-test-utils.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the tests: temporary folders, real minisign keys and the real publisher.
 */

#include "config.h"

#include "gcm-test-utils.h"

char *
gcm_test_make_tmpdir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("gcm-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
gcm_test_rm_rf (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
gcm_test_copy_tree (const char *from,
                    const char *to)
{
  const char *argv[] = { "cp", "-R", from, to, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* A real minisign key pair without a password, made by the minisign tool. */
void
gcm_test_make_keys (const char  *dir,
                    char       **public_key,
                    char       **secret_key)
{
  g_autofree char *pub = g_build_filename (dir, "test.pub", NULL);
  g_autofree char *sec = g_build_filename (dir, "test.key", NULL);
  const char *argv[] = { "minisign", "-G", "-W", "-f", "-p", pub, "-s", sec, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  *public_key = g_steal_pointer (&pub);
  *secret_key = g_steal_pointer (&sec);
}

/* Runs the real green-customs-publish; the path comes from the test environment. */
gboolean
gcm_test_publish (const char  *source,
                  const char  *output,
                  const char  *secret_key,
                  gint64       serial,
                  char       **standard_error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *publish = g_getenv ("GCM_PUBLISH");
  int status = 0;

  g_assert_nonnull (publish);
  g_ptr_array_add (argv, g_strdup (publish));
  g_ptr_array_add (argv, g_strdup ("--source"));
  g_ptr_array_add (argv, g_strdup (source));
  g_ptr_array_add (argv, g_strdup ("--output"));
  g_ptr_array_add (argv, g_strdup (output));
  if (secret_key != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--key"));
      g_ptr_array_add (argv, g_strdup (secret_key));
    }
  if (serial > 0)
    {
      g_ptr_array_add (argv, g_strdup ("--serial"));
      g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, serial));
    }
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, standard_error, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}
