/* bench-gallery.c — the Cases gallery on 5,000 cases with photos, next to a bare GtkGridView
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set-up: 4,999 generated cases (plus the fixture's own), each with a 1600 × 1200 JPEG photo,
 * are published with the real green-customs-publish and imported into a real store, so the
 * gallery reads them as the app does. While the photos are written, each is also scaled to the
 * cover size into a PNG: the bare grid's ready-made textures.
 *
 * Each run is a process of its own, so its resident size is its own:
 *   bare          a GtkGridView over the same 5,000 rows, each cell a picture and a title, its
 *                 texture read from the ready-made PNG on bind (no photo is ever decoded);
 *   gallery-cold  the gallery with an empty thumbnail cache;
 *   gallery-warm  the gallery again, on the cache the cold run filled.
 * Each reports the time from showing the grid to the first frame on which every cell in view
 * has its picture, then scrolls the whole grid a page at a time (letting each page's pictures
 * arrive) and reports the resident size (VmRSS) at the end.
 *
 * Each kind runs three times, interleaved, as the machine may be busy; the median first screen
 * counts, and the resident size of the first round, the one that scrolls.
 *
 * Targets: first screen and RSS of the gallery, cold and warm, within 1.5× of the bare grid.
 */

#define G_LOG_DOMAIN "BenchGallery"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gcm-case-gallery.h"
#include "gcm-importer.h"
#include "gcm-test-utils.h"

#define PHOTO_WIDTH   1600
#define PHOTO_HEIGHT  1200
/* The gallery's cover box is 240 × 140; covering it keeps the photo's 4:3. */
#define THUMB_WIDTH   240
#define THUMB_HEIGHT  180
#define WINDOW_WIDTH  1280
#define WINDOW_HEIGHT 800
#define TARGET_RATIO  1.5

static const char * const conventions[] = { "basel", "rotterdam", "stockholm", "montreal", "cites" };
static const char * const modus[] = {
  "Hidden among declared goods", "False description", "Mislabelled cylinders",
  "Double-layer container", "Transit through a third country",
};

/* Set-up */

static char *
photo_name (guint i)
{
  return g_strdup_printf ("generated-%04u", i);
}

/* A picture with a photo's kind of content — gradients, edges, texture — so that its JPEG is of
 * a photo's size; every one different, as a content hash must be. */
static void
draw_photo (GdkPixbuf *pixbuf,
            guint      i)
{
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 seed = 2654435761u * (i + 1);
  int r0 = 60 + (i * 37) % 160, g0 = 60 + (i * 53) % 160, b0 = 60 + (i * 91) % 160;
  int box_x = (int) (i * 131 % (PHOTO_WIDTH - 500)), box_y = (int) (i * 71 % (PHOTO_HEIGHT - 400));

  for (int y = 0; y < PHOTO_HEIGHT; y++)
    {
      guchar *row = pixels + (gsize) y * stride;

      for (int x = 0; x < PHOTO_WIDTH; x++)
        {
          gboolean in_box = x >= box_x && x < box_x + 480 && y >= box_y && y < box_y + 360;
          int noise;

          seed = seed * 1103515245u + 12345u;
          noise = (int) ((seed >> 16) & 31) - 16;
          row[x * 3 + 0] = CLAMP (r0 + x / 16 + noise + (in_box ? 60 : 0), 0, 255);
          row[x * 3 + 1] = CLAMP (g0 + y / 12 + noise + (((x / 40) + (y / 40)) % 2) * 12, 0, 255);
          row[x * 3 + 2] = CLAMP (b0 + (x + y) / 24 + noise - (in_box ? 40 : 0), 0, 255);
        }
    }
}

static void
write_case (const char *source,
            guint       i)
{
  g_autofree char *name = photo_name (i);
  int year = 2000 + (int) (i % 25);
  g_autofree char *file = g_strdup_printf ("%s/cases/%04d-%s.md", source, year, name);
  g_autofree char *text = g_strdup_printf (
    "---\n"
    "id: case/%04d-%s\n"
    "title: Generated seizure %u at port %u\n"
    "summary: A generated case, one of thousands in the gallery benchmark.\n"
    "conventions: [%s]\n"
    "date: \"%04d-%02u\"\n"
    "place: Port %u\n"
    "commodity: Goods of lot %u\n"
    "modus_operandi:\n  - %s\n"
    "risk_indicators:\n  - Declared value below the market price\n"
    "sources: [S1]\n"
    "photos:\n"
    "  - file: cases/%s.jpg\n"
    "    caption: The goods of lot %u as found.\n"
    "    credit: Benchmark Customs\n"
    "    licence: CC-BY-4.0\n"
    "---\n\n"
    "Officers opened lot %u and found the goods described.\n",
    year, name, i, i % 97, conventions[i % G_N_ELEMENTS (conventions)], year, 1 + i % 12, i % 97,
    i, modus[i % G_N_ELEMENTS (modus)], name, i, i);

  gcm_test_write_file (file, text, -1);
}

/* Photos are written by child processes, so their pixels never count in this one. */
static void
write_photos (const char *source,
              const char *thumbs,
              guint       first,
              guint       n_cases,
              guint       step)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PHOTO_WIDTH, PHOTO_HEIGHT);

  for (guint i = first; i < n_cases; i += step)
    {
      g_autofree char *name = photo_name (i);
      g_autofree char *jpeg = g_strdup_printf ("%s/media/cases/%s.jpg", source, name);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", thumbs, name);
      g_autoptr(GdkPixbuf) thumb = NULL;

      draw_photo (pixbuf, i);
      if (!gdk_pixbuf_save (pixbuf, jpeg, "jpeg", NULL, "quality", "85", NULL))
        _exit (1);
      thumb = gdk_pixbuf_scale_simple (pixbuf, THUMB_WIDTH, THUMB_HEIGHT, GDK_INTERP_BILINEAR);
      if (!gdk_pixbuf_save (thumb, png, "png", NULL, NULL))
        _exit (1);
    }
  _exit (0);
}

static guint64
photos_size (const char *source,
             guint       n_cases)
{
  guint64 total = 0;

  for (guint i = 1; i < n_cases; i++)
    {
      g_autofree char *name = photo_name (i);
      g_autofree char *jpeg = g_strdup_printf ("%s/media/cases/%s.jpg", source, name);
      GStatBuf st;

      if (g_stat (jpeg, &st) == 0)
        total += (guint64) st.st_size;
    }
  return total;
}

/* The library: source, signed feed, ready-made thumbnails. Kept in @dir, and reused when it is
 * already there (--library), since writing 5,000 photos takes minutes. */
static void
make_library (const char *dir,
              guint       n_cases,
              char      **feed_out,
              char      **public_key_out)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "content-min", NULL);
  g_autofree char *source = g_build_filename (dir, "source", NULL);
  g_autofree char *thumbs = g_build_filename (dir, "thumbs", NULL);
  g_autofree char *media = g_build_filename (source, "media", "cases", NULL);
  g_autofree char *feed = g_build_filename (dir, "feed", NULL);
  g_autofree char *done = g_build_filename (dir, "done", NULL);
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *standard_error = NULL;
  pid_t workers[2];
  gint64 start;

  *feed_out = g_strdup (feed);
  *public_key_out = g_build_filename (dir, "test.pub", NULL);
  if (g_file_test (done, G_FILE_TEST_EXISTS))
    return;

  start = g_get_monotonic_time ();
  g_mkdir_with_parents (dir, 0700);
  gcm_test_rm_rf (source);
  gcm_test_copy_tree (fixture, source);
  g_mkdir_with_parents (media, 0700);
  g_mkdir_with_parents (thumbs, 0700);
  /* The fixture's case is case 0; generated ones are 1 … n - 1. */
  for (guint i = 1; i < n_cases; i++)
    write_case (source, i);
  for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
    {
      workers[w] = fork ();
      g_assert_cmpint (workers[w], >=, 0);
      if (workers[w] == 0)
        write_photos (source, thumbs, 1 + w, n_cases, G_N_ELEMENTS (workers));
    }
  for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
    {
      int status;

      g_assert_cmpint (waitpid (workers[w], &status, 0), ==, workers[w]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  g_print ("wrote %u photos of %d x %d px (%.0f MiB of JPEG) in %.1f s\n", n_cases - 1,
           PHOTO_WIDTH, PHOTO_HEIGHT, photos_size (source, n_cases) / 1048576.0,
           (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  gcm_test_make_keys (dir, &public_key, &secret_key);
  gcm_test_rm_rf (feed);
  if (gcm_test_publish_full (source, feed, secret_key, 1, &standard_error) != 0)
    g_error ("publishing failed: %s", standard_error);
  g_print ("published %u cases in %.1f s\n", n_cases, (g_get_monotonic_time () - start) / 1e6);
  gcm_test_write_file (done, "", 0);
}

static void
import_library (const char *feed,
                const char *public_key,
                const char *data_dir)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) gcm_minisign_key_free);
  g_autoptr(GcmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_ptr_array_add (keys, gcm_minisign_key_new_from_file (public_key, &error));
  g_assert_no_error (error);
  store = gcm_store_new (data_dir, &error);
  g_assert_no_error (error);
  if (!gcm_importer_import_path (store, feed, keys, NULL, NULL, NULL, NULL, &error))
    g_error ("importing failed: %s", error->message);
  g_print ("imported in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  while (G_OBJECT (store)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* One run, in this process */

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

typedef struct
{
  GtkWidget     *grid;
  GtkWidget     *scroller;
  GcmCaseGallery *gallery;     /* NULL for the bare grid */
  gboolean       painted_ready; /* a frame was painted with every cell in view complete */
} Run;

static void
count_pictures (GtkWidget       *widget,
                graphene_rect_t *view,
                GtkWidget       *scroller,
                guint           *in_view,
                guint           *ready)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_PICTURE (child))
        {
          if (gtk_widget_compute_bounds (child, scroller, &bounds) &&
              graphene_rect_intersection (&bounds, view, NULL) && bounds.size.height > 0)
            {
              (*in_view)++;
              if (gtk_picture_get_paintable (GTK_PICTURE (child)) != NULL)
                (*ready)++;
            }
          continue;
        }
      count_pictures (child, view, scroller, in_view, ready);
    }
}

static gboolean
view_is_complete (Run *run)
{
  graphene_rect_t view;
  guint in_view = 0, ready = 0;

  if (run->gallery != NULL && !gcm_case_gallery_is_loaded (run->gallery))
    return FALSE;
  graphene_rect_init (&view, 0, 0, gtk_widget_get_width (run->scroller),
                      gtk_widget_get_height (run->scroller));
  count_pictures (run->grid, &view, run->scroller, &in_view, &ready);
  return in_view > 0 && ready == in_view;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  if (view_is_complete (run))
    run->painted_ready = TRUE;
}

static gboolean
all_pictures_ready (Run *run)
{
  graphene_rect_t everywhere;
  guint in_view = 0, ready = 0;

  graphene_rect_init (&everywhere, -1e6, -1e6, 2e6, 2e6);
  count_pictures (run->grid, &everywhere, run->scroller, &in_view, &ready);
  return ready == in_view;
}

static gboolean keep_waking (gpointer user_data);

static void
wait_for_all_pictures (Run    *run,
                       double  seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (100, keep_waking, NULL);

  while (!all_pictures_ready (run) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
keep_waking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Until a frame shows every cell in view with its picture; FALSE after @seconds. */
static gboolean
wait_for_complete_frame (Run    *run,
                         double  seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  /* Wakes the loop up now and then, so the deadline is seen even when nothing happens. */
  guint wake = g_timeout_add (100, keep_waking, NULL);

  run->painted_ready = FALSE;
  gtk_widget_queue_draw (run->grid);
  while (!run->painted_ready && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return run->painted_ready;
}

static guint
scroll_through (Run *run)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (run->scroller));
  guint pages = 0;

  for (;;)
    {
      double value = gtk_adjustment_get_value (adjustment);
      double last = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      if (value >= last - 0.5)
        break;
      gtk_adjustment_set_value (adjustment, MIN (value + gtk_adjustment_get_page_size (adjustment), last));
      pages++;
      /* A page whose pictures do not all come is still scrolled past, as a user would. */
      wait_for_complete_frame (run, 10);
    }
  return pages;
}

/* The bare grid's cells: a picture and a title, nothing else. */

static void
bare_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 160, 140);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static const char *bare_thumbs;
static guint bare_n_photos;

static void
bare_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  guint i = gtk_list_item_get_position (list_item) % bare_n_photos + 1;
  g_autofree char *name = photo_name (i);
  g_autofree char *path = g_strdup_printf ("%s/%s.png", bare_thumbs, name);
  g_autofree char *title = g_strdup_printf ("Generated seizure %u", i);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, NULL);

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), title);
}

static void
bare_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  gtk_picture_set_paintable (GTK_PICTURE (gtk_widget_get_first_child (gtk_list_item_get_child (list_item))),
                             NULL);
}

static GtkWidget *
bare_grid_new (const char *thumbs,
               guint       n_cases,
               GtkWidget **grid)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkStringList *rows = gtk_string_list_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  for (guint i = 0; i < n_cases; i++)
    gtk_string_list_append (rows, "");
  g_signal_connect (factory, "setup", G_CALLBACK (bare_setup_cb), NULL);
  bare_thumbs = thumbs;
  bare_n_photos = n_cases - 1;
  g_signal_connect (factory, "bind", G_CALLBACK (bare_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (bare_unbind_cb), NULL);
  *grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (rows))), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (*grid), 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), *grid);
  return scroller;
}

static gboolean
is_grid_view (GtkWidget *widget)
{
  return GTK_IS_GRID_VIEW (widget);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 gboolean (*match) (GtkWidget *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = match (child) ? child : find_descendant (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
run_child (const char *mode,
           const char *data_dir,
           const char *thumbs,
           guint       n_cases,
           gboolean    scroll)
{
  g_autoptr(GcmStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *content;
  Run run = { 0 };
  gint64 start;
  double first_ms;
  gboolean complete;
  guint pages;

  gtk_init ();
  adw_init ();
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);

  if (g_str_equal (mode, "bare"))
    {
      start = g_get_monotonic_time ();
      content = bare_grid_new (thumbs, n_cases, &run.grid);
      run.scroller = content;
      gtk_window_set_child (window, content);
      gtk_window_present (window);
    }
  else
    {
      /* The app has its store open before the Cases page is shown. */
      store = gcm_store_new (data_dir, &error);
      g_assert_no_error (error);
      settings = g_settings_new ("org.greencustoms.Manual");
      start = g_get_monotonic_time ();
      content = gcm_case_gallery_new (store, settings);
      run.gallery = GCM_CASE_GALLERY (content);
      gtk_window_set_child (window, content);
      gtk_window_present (window);
      gcm_case_gallery_reload (run.gallery);
      run.grid = find_descendant (content, is_grid_view);
      run.scroller = gtk_widget_get_parent (run.grid);
    }
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &run);
  complete = wait_for_complete_frame (&run, 60);
  first_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!complete)
    g_error ("%s: the first screen never completed", mode);

  pages = scroll ? scroll_through (&run) : 0;
  /* Let what was released on the way be freed. */
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (10000);
    }
  if (!scroll)
    /* The cells bound around the screen get their thumbnails too, as they would if the user
     * stayed; so a warm run after this one finds them. Not timed. */
    wait_for_all_pictures (&run, 60);
  g_print ("RESULT %s %.1f %" G_GINT64_FORMAT " %u\n", mode, first_ms, rss_kib (), pages);
  gtk_window_destroy (window);
  return 0;
}

/* The runs, each in a process of its own */

typedef struct
{
  double first_ms;
  gint64 rss_kib;
  guint  pages;
} Figures;

static Figures
spawn_run (const char *mode,
           const char *data_dir,
           const char *thumbs,
           const char *cache,
           guint       n_cases,
           gboolean    scroll)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *cases = g_strdup_printf ("%u", n_cases);
  const char *argv[] = { self, "--child", mode, "--data", data_dir, "--thumbs", thumbs,
                         "--cases", cases, scroll ? NULL : "--no-scroll", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache, TRUE);
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  Figures figures = { 0 };
  int status;
  char name[32];

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("the %s run failed: %s", mode, error->message);
  line = strstr (output, "RESULT ");
  if (line == NULL ||
      sscanf (line, "RESULT %31s %lf %" G_GINT64_FORMAT " %u", name, &figures.first_ms,
              &figures.rss_kib, &figures.pages) != 4)
    g_error ("the %s run printed no figures: %s", mode, output);
  return figures;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
report (const char *what,
        Figures    *run,
        Figures    *bare)
{
  double time_ratio = run->first_ms / bare->first_ms;
  double rss_ratio = (double) run->rss_kib / bare->rss_kib;
  gboolean met = time_ratio <= TARGET_RATIO && rss_ratio <= TARGET_RATIO;

  g_print ("%-13s first screen %7.1f ms (%.2fx)   RSS after scrolling %6.1f MiB (%.2fx)   %s\n",
           what, run->first_ms, time_ratio, run->rss_kib / 1024.0, rss_ratio,
           met ? "ok" : "TARGET MISSED");
  return met;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *child = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *thumbs = NULL;
  g_autofree char *library = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *public_key = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  gint n_cases = 5000;
  gint rounds = 3;
  gboolean no_scroll = FALSE;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Runs of each kind; the median first screen counts", "N" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Keep the imported store here", "DIR" },
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the library", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Keep the generated library here", "DIR" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { "no-scroll", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &no_scroll, NULL, NULL },
    { "thumbs", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &thumbs, NULL, NULL },
    { NULL }
  };
  GArray *times[3] = { g_array_new (FALSE, FALSE, sizeof (double)),
                       g_array_new (FALSE, FALSE, sizeof (double)),
                       g_array_new (FALSE, FALSE, sizeof (double)) };
  Figures runs[3], bare, cold, warm;
  gboolean met;

  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (child != NULL)
    return run_child (child, data_dir, thumbs, (guint) n_cases, !no_scroll);

  dir = gcm_test_make_tmpdir ("bench-gallery");
  if (library == NULL)
    library = g_build_filename (dir, "library", NULL);
  make_library (library, (guint) n_cases, &feed, &public_key);
  thumbs = g_build_filename (library, "thumbs", NULL);
  if (data_dir == NULL)
    data_dir = g_build_filename (dir, "data", NULL);
  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    import_library (feed, public_key, data_dir);

  /* The machine is shared: each kind runs several times, interleaved, and the median first
   * screen counts. Only the first round scrolls, for the resident size. */
  for (int r = 0; r < MAX (rounds, 1); r++)
    {
      g_autofree char *name = g_strdup_printf ("cache-%d", r);
      g_autofree char *cache = g_build_filename (dir, name, NULL);
      Figures figures[3];

      figures[0] = spawn_run ("bare", data_dir, thumbs, cache, (guint) n_cases, r == 0);
      figures[1] = spawn_run ("gallery-cold", data_dir, thumbs, cache, (guint) n_cases, r == 0);
      figures[2] = spawn_run ("gallery-warm", data_dir, thumbs, cache, (guint) n_cases, r == 0);
      g_print ("round %d: first screen bare %.1f ms, gallery cold %.1f ms, warm %.1f ms\n", r + 1,
               figures[0].first_ms, figures[1].first_ms, figures[2].first_ms);
      for (guint k = 0; k < 3; k++)
        {
          g_array_append_val (times[k], figures[k].first_ms);
          if (r == 0)
            runs[k] = figures[k];
        }
    }
  for (guint k = 0; k < 3; k++)
    runs[k].first_ms = median (times[k]);
  bare = runs[0];
  cold = runs[1];
  warm = runs[2];

  g_print ("%u cases, window %d x %d, %u pages scrolled (bare grid: %u)\n", n_cases, WINDOW_WIDTH,
           WINDOW_HEIGHT, cold.pages, bare.pages);
  g_print ("%-13s first screen %7.1f ms           RSS after scrolling %6.1f MiB\n", "bare grid",
           bare.first_ms, bare.rss_kib / 1024.0);
  met = report ("gallery cold", &cold, &bare);
  met = report ("gallery warm", &warm, &bare) && met;
  g_print ("targets: first screen and RSS within %.1fx of the bare grid\n", TARGET_RATIO);

  for (guint k = 0; k < 3; k++)
    g_array_unref (times[k]);
  gcm_test_rm_rf (dir);
  return met ? 0 : 1;
}
