/* gcm-html-entities.c
 *
 * Copyright 2026 The Green Customs Manual authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "GcmDocument"

#include "gcm-html-entities.h"

#include <stdlib.h>
#include <string.h>

/* md4c hands entities over verbatim. Numeric ones are decoded fully; named ones from this
 * list of the ones authors actually type. Anything else is shown as written, like a browser
 * does with an unknown name. Sorted for bsearch. */
static const struct
{
  const char *name;
  const char *utf8;
} named_entities[] = {
  { "AElig", "\xc3\x86" }, { "Aacute", "\xc3\x81" }, { "Agrave", "\xc3\x80" },
  { "Auml", "\xc3\x84" }, { "Ccedil", "\xc3\x87" }, { "Eacute", "\xc3\x89" },
  { "Egrave", "\xc3\x88" }, { "Ntilde", "\xc3\x91" }, { "Oacute", "\xc3\x93" },
  { "Ouml", "\xc3\x96" }, { "Uacute", "\xc3\x9a" }, { "Uuml", "\xc3\x9c" },
  { "aacute", "\xc3\xa1" }, { "acirc", "\xc3\xa2" }, { "aelig", "\xc3\xa6" },
  { "agrave", "\xc3\xa0" }, { "alpha", "\xce\xb1" }, { "amp", "&" },
  { "apos", "'" }, { "aring", "\xc3\xa5" }, { "asymp", "\xe2\x89\x88" },
  { "atilde", "\xc3\xa3" }, { "auml", "\xc3\xa4" }, { "bdquo", "\xe2\x80\x9e" },
  { "beta", "\xce\xb2" }, { "brvbar", "\xc2\xa6" }, { "bull", "\xe2\x80\xa2" },
  { "ccedil", "\xc3\xa7" }, { "cent", "\xc2\xa2" }, { "check", "\xe2\x9c\x93" },
  { "copy", "\xc2\xa9" }, { "dagger", "\xe2\x80\xa0" }, { "darr", "\xe2\x86\x93" },
  { "deg", "\xc2\xb0" }, { "delta", "\xce\xb4" }, { "divide", "\xc3\xb7" },
  { "eacute", "\xc3\xa9" }, { "ecirc", "\xc3\xaa" }, { "egrave", "\xc3\xa8" },
  { "emsp", "\xe2\x80\x83" }, { "ensp", "\xe2\x80\x82" }, { "euml", "\xc3\xab" },
  { "euro", "\xe2\x82\xac" }, { "frac12", "\xc2\xbd" }, { "frac14", "\xc2\xbc" },
  { "frac34", "\xc2\xbe" }, { "ge", "\xe2\x89\xa5" }, { "gt", ">" },
  { "harr", "\xe2\x86\x94" }, { "hellip", "\xe2\x80\xa6" }, { "iacute", "\xc3\xad" },
  { "icirc", "\xc3\xae" }, { "iexcl", "\xc2\xa1" }, { "igrave", "\xc3\xac" },
  { "infin", "\xe2\x88\x9e" }, { "iquest", "\xc2\xbf" }, { "iuml", "\xc3\xaf" },
  { "laquo", "\xc2\xab" }, { "larr", "\xe2\x86\x90" }, { "ldquo", "\xe2\x80\x9c" },
  { "le", "\xe2\x89\xa4" }, { "lsaquo", "\xe2\x80\xb9" }, { "lsquo", "\xe2\x80\x98" },
  { "lt", "<" }, { "mdash", "\xe2\x80\x94" }, { "micro", "\xc2\xb5" },
  { "middot", "\xc2\xb7" }, { "minus", "\xe2\x88\x92" }, { "mu", "\xce\xbc" },
  { "nbsp", "\xc2\xa0" }, { "ndash", "\xe2\x80\x93" }, { "ne", "\xe2\x89\xa0" },
  { "not", "\xc2\xac" }, { "ntilde", "\xc3\xb1" }, { "oacute", "\xc3\xb3" },
  { "ocirc", "\xc3\xb4" }, { "ograve", "\xc3\xb2" }, { "ordf", "\xc2\xaa" },
  { "ordm", "\xc2\xba" }, { "oslash", "\xc3\xb8" }, { "otilde", "\xc3\xb5" },
  { "ouml", "\xc3\xb6" }, { "para", "\xc2\xb6" }, { "permil", "\xe2\x80\xb0" },
  { "pi", "\xcf\x80" }, { "plusmn", "\xc2\xb1" }, { "pound", "\xc2\xa3" },
  { "prime", "\xe2\x80\xb2" }, { "quot", "\"" }, { "raquo", "\xc2\xbb" },
  { "rarr", "\xe2\x86\x92" }, { "rdquo", "\xe2\x80\x9d" }, { "reg", "\xc2\xae" },
  { "rsaquo", "\xe2\x80\xba" }, { "rsquo", "\xe2\x80\x99" }, { "sbquo", "\xe2\x80\x9a" },
  { "sect", "\xc2\xa7" }, { "shy", "\xc2\xad" }, { "sigma", "\xcf\x83" },
  { "sup1", "\xc2\xb9" }, { "sup2", "\xc2\xb2" }, { "sup3", "\xc2\xb3" },
  { "szlig", "\xc3\x9f" }, { "thinsp", "\xe2\x80\x89" }, { "times", "\xc3\x97" },
  { "trade", "\xe2\x84\xa2" }, { "uacute", "\xc3\xba" }, { "uarr", "\xe2\x86\x91" },
  { "ucirc", "\xc3\xbb" }, { "ugrave", "\xc3\xb9" }, { "uuml", "\xc3\xbc" },
  { "yen", "\xc2\xa5" }, { "zwj", "\xe2\x80\x8d" }, { "zwnj", "\xe2\x80\x8c" },
};

static int
compare_entity (const void *key,
                const void *element)
{
  const char *name = key;
  const char *const *entry = element;

  return strcmp (name, *entry);
}

/**
 * gcm_html_entity_append:
 * @out: where the decoded text goes
 * @entity: an entity as written, such as `&amp;`, `&#233;` or `&#x2014;`; not NUL-terminated
 * @size: the bytes of @entity
 *
 * Appends what @entity stands for, or @entity itself when it is none that the manual knows.
 */
void
gcm_html_entity_append (GString    *out,
                        const char *entity,
                        gsize       size)
{
  g_autofree char *body = NULL;

  /* "&…;" as md4c guarantees; anything else is kept as written */
  if (size < 3 || entity[0] != '&' || entity[size - 1] != ';')
    {
      g_string_append_len (out, entity, size);
      return;
    }

  body = g_strndup (entity + 1, size - 2);

  if (body[0] == '#')
    {
      gboolean hex = (body[1] == 'x' || body[1] == 'X');
      const char *digits = body + (hex ? 2 : 1);
      guint64 value = 0;
      char *end = NULL;

      if (*digits != '\0' && g_ascii_isxdigit (*digits))
        value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (end == NULL || *end != '\0')
        {
          g_string_append_len (out, entity, size);
          return;
        }

      /* CommonMark: NUL, surrogates and anything past Unicode become U+FFFD */
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;

      g_string_append_unichar (out, (gunichar) value);
      return;
    }
  else
    {
      const void *found = bsearch (body, named_entities, G_N_ELEMENTS (named_entities),
                                   sizeof named_entities[0], compare_entity);

      if (found != NULL)
        g_string_append (out, ((const char *const *) found)[1]);
      else
        g_string_append_len (out, entity, size);
    }
}
