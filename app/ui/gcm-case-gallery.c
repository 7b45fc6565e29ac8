/* gcm-case-gallery.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Cases list as a grid of cards: each card a cover photo, the title, date and place, and
 * badges for the agreements the case falls under. The rows come from the store's case list,
 * read and parsed on its workers; the grid recycles its cells (bind/unbind), and a cell's cover
 * is decoded off the main thread at the size shown by the thumbnail cache — a cell that is
 * unbound cancels its load, so fast scrolling through thousands of cases decodes only what stays
 * on screen. A neutral placeholder stands in until the cover is ready.
 *
 * Filters narrow by agreement, modus operandi and year; the sort is by date. Cases installed
 * since the gallery was last opened (GSettings `cases-seen`) carry a "New" badge for this visit.
 */

#define G_LOG_DOMAIN "GcmCaseGallery"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gcm-browse.h"
#include "gcm-case-card.h"
#include "gcm-case-date.h"
#include "gcm-case-gallery.h"
#include "gcm-convention.h"
#include "gcm-thumbnail-cache.h"

#define COVER_WIDTH  240
#define COVER_HEIGHT 140

struct _GcmCaseGallery
{
  GtkWidget           parent_instance;

  GcmStore           *store;
  GSettings          *settings;
  GCancellable       *cancellable;
  GListStore         *cards;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;

  GtkWidget          *box;
  GtkWidget          *count_label;
  GtkWidget          *filters;
  GtkDropDown        *convention_drop;
  GtkDropDown        *modus_drop;
  GtkDropDown        *year_drop;
  GtkDropDown        *sort_drop;
  GtkWidget          *stack;
  GtkGridView        *grid;
  AdwStatusPage      *empty;
  GtkWidget          *clear_button;

  GPtrArray          *convention_ids;   /* what each convention drop-down position stands for */
  GPtrArray          *modus_values;
  GArray             *years;
  char               *convention;       /* NULL for all */
  char               *modus;
  int                 year;             /* 0 for all */
  gboolean            oldest_first;
  gboolean            loaded;
  gboolean            loading;          /* a reload is under way */
  gboolean            syncing;          /* drop-downs set by code, not by the user */
  gint64              seen_before;      /* cases-seen as it was when the gallery opened */
};

G_DEFINE_FINAL_TYPE (GcmCaseGallery, gcm_case_gallery, GTK_TYPE_WIDGET)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filtering and sorting */

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GcmCaseGallery *self = user_data;
  GcmCaseCard *card = item;

  if (self->convention != NULL && !strv_has (gcm_case_card_get_conventions (card), self->convention))
    return FALSE;
  if (self->modus != NULL && !strv_has (gcm_case_card_get_modus_operandi (card), self->modus))
    return FALSE;
  if (self->year != 0 && gcm_case_card_get_year (card) != self->year)
    return FALSE;
  return TRUE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  GcmCaseGallery *self = user_data;
  GcmCaseCard *ca = (GcmCaseCard *) a, *cb = (GcmCaseCard *) b;
  /* ISO dates sort as text; ids start with the year, so they break ties the same way. */
  int order = g_strcmp0 (gcm_case_card_get_date (ca), gcm_case_card_get_date (cb));

  if (order == 0)
    order = g_strcmp0 (gcm_case_card_get_id (ca), gcm_case_card_get_id (cb));
  return self->oldest_first ? order : -order;
}

static void
update_state (GcmCaseGallery *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  gboolean filtered = self->convention != NULL || self->modus != NULL || self->year != 0;
  g_autofree char *count = NULL;

  if (filtered)
    /* Translators: the cases shown after filtering, of all cases */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", total),
                             shown, total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
  gtk_label_set_text (GTK_LABEL (self->count_label), self->loaded ? count : "");
  gtk_widget_set_visible (self->filters, total > 0);

  if (shown > 0 || !self->loaded)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "grid");
      return;
    }
  if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty, "folder-pictures-symbolic");
      adw_status_page_set_title (self->empty, _("No Cases Yet"));
      adw_status_page_set_description (self->empty,
                                       _("Seizure cases come with content updates from "
                                         "headquarters."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty, "edit-find-symbolic");
      adw_status_page_set_title (self->empty, _("No Cases Match"));
      adw_status_page_set_description (self->empty,
                                       _("No case matches all of the filters chosen."));
    }
  gtk_widget_set_visible (self->clear_button, total > 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static void
refilter (GcmCaseGallery *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* The filter drop-downs, filled from the cases installed */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

static void
fill_filters (GcmCaseGallery *self)
{
  g_autoptr(GHashTable) conventions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) modus = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) years = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GtkStringList) convention_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) modus_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) year_labels = gtk_string_list_new (NULL);
  const char * const *names = gcm_convention_get_names ();
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GcmCaseCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);
      const char * const *values = gcm_case_card_get_conventions (card);

      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        g_hash_table_add (conventions, (gpointer) values[j]);
      values = gcm_case_card_get_modus_operandi (card);
      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        g_hash_table_add (modus, (gpointer) values[j]);
      if (gcm_case_card_get_year (card) > 0)
        g_hash_table_add (years, GINT_TO_POINTER (gcm_case_card_get_year (card)));
    }

  /* Agreements in their fixed order, only those some case falls under. */
  g_ptr_array_set_size (self->convention_ids, 0);
  g_ptr_array_add (self->convention_ids, NULL);
  gtk_string_list_append (convention_labels, _("All Agreements"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      GcmConvention convention;

      if (!g_hash_table_contains (conventions, names[i]) ||
          !gcm_convention_from_string (names[i], &convention))
        continue;
      g_ptr_array_add (self->convention_ids, g_strdup (names[i]));
      gtk_string_list_append (convention_labels, gcm_convention_get_short_label (convention));
    }

  g_ptr_array_set_size (self->modus_values, 0);
  g_ptr_array_add (self->modus_values, NULL);
  gtk_string_list_append (modus_labels, _("Any Modus Operandi"));
  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

    g_hash_table_iter_init (&iter, modus);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (sorted, key);
    g_ptr_array_sort (sorted, compare_strings);
    for (guint i = 0; i < sorted->len; i++)
      {
        g_ptr_array_add (self->modus_values, g_strdup (g_ptr_array_index (sorted, i)));
        gtk_string_list_append (modus_labels, g_ptr_array_index (sorted, i));
      }
  }

  g_array_set_size (self->years, 0);
  {
    int all = 0;

    g_array_append_val (self->years, all);
  }
  gtk_string_list_append (year_labels, _("Any Year"));
  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);

      g_array_append_val (self->years, year);
    }
  g_array_sort (self->years, compare_years_desc);
  /* "Any" sorted to the end: put it back first. */
  g_array_remove_index (self->years, self->years->len - 1);
  {
    int all = 0;

    g_array_prepend_val (self->years, all);
  }
  for (guint i = 1; i < self->years->len; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", g_array_index (self->years, int, i));

      gtk_string_list_append (year_labels, label);
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->convention_drop, G_LIST_MODEL (convention_labels));
  gtk_drop_down_set_model (self->modus_drop, G_LIST_MODEL (modus_labels));
  gtk_drop_down_set_model (self->year_drop, G_LIST_MODEL (year_labels));
  self->syncing = FALSE;
  gcm_case_gallery_set_filter (self, self->convention, self->modus, self->year);
}

static void
on_filter_changed_cb (GcmCaseGallery *self)
{
  guint c = gtk_drop_down_get_selected (self->convention_drop);
  guint m = gtk_drop_down_get_selected (self->modus_drop);
  guint y = gtk_drop_down_get_selected (self->year_drop);

  if (self->syncing)
    return;
  g_free (self->convention);
  self->convention = c < self->convention_ids->len
                       ? g_strdup (g_ptr_array_index (self->convention_ids, c)) : NULL;
  g_free (self->modus);
  self->modus = m < self->modus_values->len ? g_strdup (g_ptr_array_index (self->modus_values, m))
                                            : NULL;
  self->year = y < self->years->len ? g_array_index (self->years, int, y) : 0;
  refilter (self);
}

static void
on_sort_changed_cb (GcmCaseGallery *self)
{
  gcm_case_gallery_set_oldest_first (self, gtk_drop_down_get_selected (self->sort_drop) == 1);
}

static void
on_clear_clicked_cb (GcmCaseGallery *self)
{
  gcm_case_gallery_set_filter (self, NULL, NULL, 0);
}

/* Cards */

typedef struct
{
  GtkWidget *cover;
  GtkWidget *badge;
  GtkWidget *title;
  GtkWidget *meta;
  GtkWidget *conventions;
} CardWidgets;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GcmCaseGallery           *self)
{
  CardWidgets *w = g_new0 (CardWidgets, 1);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "case-card");
  gtk_widget_set_size_request (card, 160, -1);

  w->cover = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (w->cover), TRUE);
  gtk_widget_set_size_request (w->cover, -1, COVER_HEIGHT);
  gtk_widget_add_css_class (w->cover, "case-cover");
  gtk_widget_set_overflow (w->cover, GTK_OVERFLOW_HIDDEN);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), w->cover);

  /* Translators: the badge of a case installed since the gallery was last opened */
  w->badge = gtk_label_new (_("New"));
  gtk_widget_add_css_class (w->badge, "case-new-badge");
  gtk_widget_set_halign (w->badge, GTK_ALIGN_START);
  gtk_widget_set_valign (w->badge, GTK_ALIGN_START);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), w->badge);
  gtk_box_append (GTK_BOX (card), overlay);

  gtk_widget_add_css_class (text, "case-text");
  w->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (w->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (w->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (w->title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (w->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (w->title), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (w->title), 24);
  gtk_widget_add_css_class (w->title, "heading");
  gtk_box_append (GTK_BOX (text), w->title);
  w->meta = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (w->meta), TRUE);
  gtk_label_set_lines (GTK_LABEL (w->meta), 2);
  gtk_label_set_ellipsize (GTK_LABEL (w->meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (w->meta), 0);
  gtk_widget_add_css_class (w->meta, "caption");
  gtk_widget_add_css_class (w->meta, "dim-label");
  gtk_box_append (GTK_BOX (text), w->meta);
  w->conventions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (text), w->conventions);
  gtk_box_append (GTK_BOX (card), text);

  g_object_set_data_full (G_OBJECT (card), "gcm-card-widgets", w, g_free);
  gtk_list_item_set_child (list_item, card);
}

static void
cover_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) cover = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gcm_thumbnail_cache_load_finish (GCM_THUMBNAIL_CACHE (object), result, &error);
  if (texture == NULL)
    {
      /* Cancelled by unbind, or a cover that cannot be read: the placeholder stays, and the
       * log says which picture is broken (a message, since a broken picture is not the app's). */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot show a case's cover: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (GTK_PICTURE (cover), GDK_PAINTABLE (texture));
}

/* Nothing is new on the very first opening, when all the bundled cases arrived at once. */
static gboolean
card_is_new (GcmCaseGallery *self,
             GcmCaseCard    *card)
{
  return self->seen_before != 0 && gcm_case_card_get_arrived (card) > self->seen_before;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         GcmCaseGallery           *self)
{
  GtkWidget *card = gtk_list_item_get_child (list_item);
  CardWidgets *w = g_object_get_data (G_OBJECT (card), "gcm-card-widgets");
  GcmCaseCard *item = gtk_list_item_get_item (list_item);
  const char * const *conventions = gcm_case_card_get_conventions (item);
  g_autofree char *date = gcm_case_card_get_date (item) != NULL
                          ? gcm_case_date_format (gcm_case_card_get_date (item)) : NULL;
  const char *place = gcm_case_card_get_place (item);
  g_autofree char *meta = NULL;
  g_autofree char *label = NULL;
  GtkWidget *child;
  gboolean is_new = card_is_new (self, item);

  gtk_label_set_text (GTK_LABEL (w->title), gcm_case_card_get_title (item));
  if (date != NULL && place != NULL)
    meta = g_strdup_printf ("%s · %s", date, place);
  else
    meta = g_strdup (date != NULL ? date : place != NULL ? place : "");
  gtk_label_set_text (GTK_LABEL (w->meta), meta);
  gtk_widget_set_visible (w->badge, is_new);

  /* A recycled cell keeps its badges: each bind relabels them and hides the ones left over,
   * so scrolling makes no widgets once every cell has its most. */
  child = gtk_widget_get_first_child (w->conventions);
  for (guint i = 0; conventions != NULL && conventions[i] != NULL; i++)
    {
      GcmConvention convention;

      if (!gcm_convention_from_string (conventions[i], &convention))
        continue;
      if (child == NULL)
        {
          child = gtk_label_new (NULL);
          gtk_widget_add_css_class (child, "convention-badge");
          gtk_box_append (GTK_BOX (w->conventions), child);
        }
      gtk_label_set_text (GTK_LABEL (child), gcm_convention_get_short_label (convention));
      gtk_widget_set_visible (child, TRUE);
      child = gtk_widget_get_next_sibling (child);
    }
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);

  /* The whole card is one name for a screen reader: title, then date and place. */
  label = is_new ? g_strdup_printf (_("%s, %s, new"), gcm_case_card_get_title (item), meta)
                 : g_strdup_printf ("%s, %s", gcm_case_card_get_title (item), meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gcm_case_card_get_summary (item), -1);
  /* GTK 4.8 has no accessible label for a list item; the focusable cell is the card's parent. */
  if (gtk_widget_get_parent (card) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gcm_case_card_get_summary (item), -1);

  gtk_picture_set_paintable (GTK_PICTURE (w->cover), NULL);
  gtk_picture_set_alternative_text (GTK_PICTURE (w->cover), gcm_case_card_get_cover_caption (item));
  if (gcm_case_card_get_cover_path (item) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (gcm_case_card_get_cover_path (item));
      GCancellable *cancellable = g_cancellable_new ();

      g_object_set_data_full (G_OBJECT (list_item), "gcm-cancellable", cancellable, g_object_unref);
      gcm_thumbnail_cache_load_async (gcm_thumbnail_cache_get_default (), file,
                                      gcm_case_card_get_cover_sha256 (item), COVER_WIDTH,
                                      COVER_HEIGHT, gtk_widget_get_scale_factor (card),
                                      cancellable, cover_cb, g_object_ref (w->cover));
    }
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GcmCaseGallery           *self)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (list_item), "gcm-cancellable");
  GtkWidget *card = gtk_list_item_get_child (list_item);
  CardWidgets *w = g_object_get_data (G_OBJECT (card), "gcm-card-widgets");

  /* The cell goes to another case: its old cover must not land on it. */
  g_cancellable_cancel (cancellable);
  g_object_set_data (G_OBJECT (list_item), "gcm-cancellable", NULL);
  gtk_picture_set_paintable (GTK_PICTURE (w->cover), NULL);
}

static void
on_activate_cb (GtkGridView    *grid,
                guint           position,
                GcmCaseGallery *self)
{
  g_autoptr(GcmCaseCard) card = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (card != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, gcm_case_card_get_id (card));
}

/* Loading */

static void
cases_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GcmCaseGallery) self = user_data;
  g_autoptr(GListModel) cards = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  cards = gcm_store_list_cases_finish (GCM_STORE (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->loading = FALSE;
  if (cards == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot read the cases: %s", error->message);
          self->loaded = TRUE;
          g_list_store_remove_all (self->cards);
          update_state (self);
          adw_status_page_set_title (self->empty, _("The Cases Could Not Be Opened"));
          adw_status_page_set_description (self->empty, error->message);
        }
      return;
    }
  n = g_list_model_get_n_items (cards);
  self->loaded = TRUE;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (cards, i));
    g_list_store_splice (self->cards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cards)),
                         items->pdata, items->len);
  }
  fill_filters (self);
  update_state (self);
}

/**
 * gcm_case_gallery_reload:
 *
 * Reads the cases again, as when the gallery is opened: cases installed since the last opening
 * are badged "New" until the next one.
 */
void
gcm_case_gallery_reload (GcmCaseGallery *self)
{
  g_return_if_fail (GCM_IS_CASE_GALLERY (self));

  self->seen_before = g_settings_get_int64 (self->settings, "cases-seen");
  g_settings_set_int64 (self->settings, "cases-seen", g_get_real_time () / G_USEC_PER_SEC);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  gcm_store_list_cases_async (self->store, self->cancellable, cases_loaded_cb, g_object_ref (self));
}

GListModel *
gcm_case_gallery_get_model (GcmCaseGallery *self)
{
  g_return_val_if_fail (GCM_IS_CASE_GALLERY (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

gboolean
gcm_case_gallery_is_loaded (GcmCaseGallery *self)
{
  g_return_val_if_fail (GCM_IS_CASE_GALLERY (self), FALSE);
  return self->loaded && !self->loading;
}

static guint
position_of_string (GPtrArray  *values,
                    const char *value)
{
  for (guint i = 1; value != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return i;
  return 0;
}

void
gcm_case_gallery_set_filter (GcmCaseGallery *self,
                             const char     *convention,
                             const char     *modus_operandi,
                             int             year)
{
  guint year_position = 0;
  char *c = g_strdup (convention), *m = g_strdup (modus_operandi);
  gboolean changed;

  g_return_if_fail (GCM_IS_CASE_GALLERY (self));

  changed = g_strcmp0 (self->convention, c) != 0 || g_strcmp0 (self->modus, m) != 0 ||
            self->year != year;
  g_free (self->convention);
  self->convention = c;
  g_free (self->modus);
  self->modus = m;
  self->year = year;
  for (guint i = 1; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      year_position = i;

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->convention_drop, position_of_string (self->convention_ids, c));
  gtk_drop_down_set_selected (self->modus_drop, position_of_string (self->modus_values, m));
  gtk_drop_down_set_selected (self->year_drop, year_position);
  self->syncing = FALSE;
  /* The same filters again (as after loading) keep what is shown: refiltering would make the
   * grid drop and rebuild every cell. */
  if (changed)
    refilter (self);
  else
    update_state (self);
}

void
gcm_case_gallery_set_oldest_first (GcmCaseGallery *self,
                                   gboolean        oldest_first)
{
  g_return_if_fail (GCM_IS_CASE_GALLERY (self));

  self->oldest_first = oldest_first;
  if (gtk_drop_down_get_selected (self->sort_drop) != (oldest_first ? 1u : 0u))
    gtk_drop_down_set_selected (self->sort_drop, oldest_first ? 1 : 0);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_INVERTED);
}

/* New since the gallery was last opened. */
gboolean
gcm_case_gallery_is_new (GcmCaseGallery *self,
                         const char     *id)
{
  guint n;

  g_return_val_if_fail (GCM_IS_CASE_GALLERY (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GcmCaseCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (gcm_case_card_get_id (card), id) == 0)
        return card_is_new (self, card);
    }
  return FALSE;
}

/* GObject */

static GtkDropDown *
filter_drop_down (const char *label)
{
  GtkDropDown *drop = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));

  gtk_widget_set_tooltip_text (GTK_WIDGET (drop), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* GTK 4.8 gives the drop-down's own button no name; a screen reader lands on that button. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
  return drop;
}

static void
gcm_case_gallery_dispose (GObject *object)
{
  GcmCaseGallery *self = GCM_CASE_GALLERY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->sorted);
  g_clear_object (&self->cards);
  g_clear_pointer (&self->convention_ids, g_ptr_array_unref);
  g_clear_pointer (&self->modus_values, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->convention, g_free);
  g_clear_pointer (&self->modus, g_free);
  G_OBJECT_CLASS (gcm_case_gallery_parent_class)->dispose (object);
}

static void
gcm_case_gallery_class_init (GcmCaseGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gcm_case_gallery_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  /**
   * GcmCaseGallery::case-activated:
   * @id: the case to open
   */
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gcm_case_gallery_init (GcmCaseGallery *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;
  GtkWidget *header, *title, *scroller, *clamp;

  self->convention_ids = g_ptr_array_new_with_free_func (g_free);
  self->modus_values = g_ptr_array_new_with_free_func (g_free);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->cards = g_list_store_new (GCM_TYPE_CASE_CARD);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->cards)),
                                              GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (header, 24);
  gtk_widget_set_margin_start (header, 18);
  gtk_widget_set_margin_end (header, 18);
  title = gtk_label_new (_("Cases"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (header), title);
  self->count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_box_append (GTK_BOX (header), self->count_label);

  /* The filters wrap onto more lines on a narrow window. */
  self->filters = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->filters), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->filters), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->filters), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->filters), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->filters), 6);
  self->convention_drop = filter_drop_down (_("Agreement"));
  self->modus_drop = filter_drop_down (_("Modus Operandi"));
  self->year_drop = filter_drop_down (_("Year"));
  self->sort_drop = filter_drop_down (_("Sort"));
  gtk_string_list_append (sorts, _("Newest First"));
  gtk_string_list_append (sorts, _("Oldest First"));
  gtk_drop_down_set_model (self->sort_drop, G_LIST_MODEL (sorts));
  g_signal_connect_swapped (self->convention_drop, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->modus_drop, "notify::selected", G_CALLBACK (on_filter_changed_cb),
                            self);
  g_signal_connect_swapped (self->year_drop, "notify::selected", G_CALLBACK (on_filter_changed_cb),
                            self);
  g_signal_connect_swapped (self->sort_drop, "notify::selected", G_CALLBACK (on_sort_changed_cb),
                            self);
  gtk_flow_box_append (GTK_FLOW_BOX (self->filters), GTK_WIDGET (self->convention_drop));
  gtk_flow_box_append (GTK_FLOW_BOX (self->filters), GTK_WIDGET (self->modus_drop));
  gtk_flow_box_append (GTK_FLOW_BOX (self->filters), GTK_WIDGET (self->year_drop));
  gtk_flow_box_append (GTK_FLOW_BOX (self->filters), GTK_WIDGET (self->sort_drop));
  gtk_box_append (GTK_BOX (header), self->filters);
  gtk_box_append (GTK_BOX (self->box), header);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  self->grid = GTK_GRID_VIEW (gtk_grid_view_new (selection, factory));
  gtk_grid_view_set_min_columns (self->grid, 1);
  gtk_grid_view_set_max_columns (self->grid, 6);
  gtk_grid_view_set_single_click_activate (self->grid, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "case-grid");
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases"), -1);
  g_signal_connect (self->grid, "activate", G_CALLBACK (on_activate_cb), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (scroller, TRUE);

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_widget_set_halign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear_button, "pill");
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  adw_status_page_set_child (self->empty, self->clear_button);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "grid");
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->empty), "empty");
  clamp = self->stack;
  gtk_box_append (GTK_BOX (self->box), clamp);
  update_state (self);
}

GtkWidget *
gcm_case_gallery_new (GcmStore  *store,
                      GSettings *settings)
{
  GcmCaseGallery *self;

  g_return_val_if_fail (GCM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GCM_TYPE_CASE_GALLERY, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
