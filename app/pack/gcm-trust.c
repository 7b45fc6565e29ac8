/* gcm-trust.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trust a feed is opened with: by location (the installed bundle) or by key. The keys are
 * those installed in data/keys/ (PKGDATADIR/keys), those of the GSettings key "trusted-keys",
 * and any the command line adds. An empty key set trusts nothing, never everything.
 */

#define G_LOG_DOMAIN "GcmTrust"

#include "config.h"

#include <string.h>

#include "gcm-trust.h"

struct _GcmTrust
{
  gatomicrefcount  ref_count;
  GcmTrustMode     mode;
  GPtrArray       *keys;   /* (element-type GcmMinisignKey) */
};

G_DEFINE_BOXED_TYPE (GcmTrust, gcm_trust, gcm_trust_ref, gcm_trust_unref)

static GcmTrust *
trust_new (GcmTrustMode mode)
{
  GcmTrust *trust = g_new0 (GcmTrust, 1);

  g_atomic_ref_count_init (&trust->ref_count);
  trust->mode = mode;
  trust->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  return trust;
}

GcmTrust *
gcm_trust_new_by_location (void)
{
  return trust_new (GCM_TRUST_BY_LOCATION);
}

GcmTrust *
gcm_trust_new_by_key (void)
{
  return trust_new (GCM_TRUST_BY_KEY);
}

/* Copies @keys; %NULL means trusted by location, as gcm_feed_open() has always read it. */
GcmTrust *
gcm_trust_new_for_keys (GPtrArray *keys)
{
  GcmTrust *trust;

  if (keys == NULL)
    return gcm_trust_new_by_location ();
  trust = gcm_trust_new_by_key ();
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (trust->keys, g_memdup2 (g_ptr_array_index (keys, i), sizeof (GcmMinisignKey)));
  return trust;
}

GcmTrust *
gcm_trust_ref (GcmTrust *trust)
{
  g_return_val_if_fail (trust != NULL, NULL);
  g_atomic_ref_count_inc (&trust->ref_count);
  return trust;
}

void
gcm_trust_unref (GcmTrust *trust)
{
  g_return_if_fail (trust != NULL);
  if (!g_atomic_ref_count_dec (&trust->ref_count))
    return;
  g_ptr_array_unref (trust->keys);
  g_free (trust);
}

GcmTrustMode
gcm_trust_get_mode (GcmTrust *trust)
{
  return trust->mode;
}

/* Returns: (transfer none) (element-type GcmMinisignKey) */
GPtrArray *
gcm_trust_get_keys (GcmTrust *trust)
{
  return trust->keys;
}

static void
add_key (GcmTrust       *trust,
         GcmMinisignKey *key)
{
  for (guint i = 0; i < trust->keys->len; i++)
    {
      const GcmMinisignKey *known = g_ptr_array_index (trust->keys, i);
      if (memcmp (known, key, sizeof *key) == 0)
        {
          gcm_minisign_key_free (key);
          return;
        }
    }
  g_ptr_array_add (trust->keys, key);
}

gboolean
gcm_trust_add_key_text (GcmTrust    *trust,
                        const char  *text,
                        GError     **error)
{
  GcmMinisignKey *key = gcm_minisign_key_new_from_text (text, -1, error);

  if (key == NULL)
    return FALSE;
  add_key (trust, key);
  return TRUE;
}

gboolean
gcm_trust_add_key_file (GcmTrust    *trust,
                        const char  *path,
                        GError     **error)
{
  GcmMinisignKey *key = gcm_minisign_key_new_from_file (path, error);

  if (key == NULL)
    return FALSE;
  add_key (trust, key);
  return TRUE;
}

/* GCM_KEYS_DIR lets the tests and a build tree point elsewhere. */
const char *
gcm_trust_installed_keys_dir (void)
{
  const char *dir = g_getenv ("GCM_KEYS_DIR");

  return dir != NULL ? dir : PKGDATADIR "/keys";
}

/* Every *.pub of @keys_dir; a malformed one is skipped with a warning, not fatal. */
void
gcm_trust_add_installed (GcmTrust   *trust,
                         const char *keys_dir)
{
  g_autoptr(GDir) dir = g_dir_open (keys_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (keys_dir, name, NULL);
      g_autoptr(GError) error = NULL;

      if (g_str_has_suffix (name, ".pub") && !gcm_trust_add_key_file (trust, path, &error))
        g_message ("Ignoring the malformed key %s: %s", path, error->message);
    }
}

void
gcm_trust_add_settings (GcmTrust  *trust,
                        GSettings *settings)
{
  g_auto(GStrv) texts = NULL;

  if (settings == NULL)
    return;
  texts = g_settings_get_strv (settings, "trusted-keys");
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!gcm_trust_add_key_text (trust, texts[i], &error))
        g_message ("Ignoring a malformed key in trusted-keys: %s", error->message);
    }
}
