/* gorb-ref-string.c - the stringified form of an object reference
 *
 *   gorb:<repo id>;key=<hex>;enc=<cdr|xml>;ep=<endpoint>[;ep=<endpoint>]...
 *
 * The formatter and the parser are each other's exact inverse: the parser
 * accepts only what the formatter writes (fields in order, lower-case key
 * digits, upper-case escapes and only where needed, nothing around), so a
 * reference has exactly one spelling and a string that parses prints back
 * unchanged. Errors name the 1-based column of the fault. Only the public
 * GorbRef API is used here.
 */
#include "gorb-ref.h"

#include <string.h>

static const char *const encoding_names[] = { "cdr", "xml" };
G_STATIC_ASSERT (G_N_ELEMENTS (encoding_names) == GORB_ENCODING_XML + 1);

/* [A-Za-z0-9:/._~@-]: g_uri_escape_string (s, ":/@", FALSE) leaves these */
static inline gboolean
is_plain (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (":/._~@-", c) != NULL);
}

static void
append_escaped (GString *out, const char *s)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      if (is_plain (*p))
        g_string_append_c (out, (char) *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 15]);
        }
    }
}

/**
 * gorb_ref_to_string:
 * @ref: (nullable): a reference
 *
 * Formats @ref as one line, `gorb:<repo id>;key=<hex>;enc=<cdr|xml>;ep=<endpoint>`
 * with one `;ep=` per endpoint, characters outside `[A-Za-z0-9:/._~@-]` of
 * the repository id and the endpoints %-escaped with upper-case hex digits
 * (as g_uri_escape_string() does). gorb_ref_parse() gives @ref back.
 *
 * Returns: (transfer full) (nullable): the string, or %NULL for the nil
 *   reference (which has no stringified form)
 */
char *
gorb_ref_to_string (const GorbRef *ref)
{
  const char *const *endpoints;
  const guint8 *key;
  gsize key_len = 0;
  GString *out;

  if (ref == NULL)
    return NULL;
  key = gorb_ref_get_key (ref, &key_len);
  endpoints = gorb_ref_get_endpoints (ref);
  out = g_string_sized_new (64 + 2 * key_len);
  g_string_append (out, "gorb:");
  append_escaped (out, gorb_ref_get_repo_id (ref));
  g_string_append (out, ";key=");
  for (gsize i = 0; i < key_len; i++)
    {
      g_string_append_c (out, "0123456789abcdef"[key[i] >> 4]);
      g_string_append_c (out, "0123456789abcdef"[key[i] & 15]);
    }
  g_string_append (out, ";enc=");
  g_string_append (out, encoding_names[gorb_ref_get_encoding (ref)]);
  for (guint i = 0; endpoints[i] != NULL; i++)
    {
      g_string_append (out, ";ep=");
      append_escaped (out, endpoints[i]);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *text;
  gsize pos; /* columns are pos + 1 */
} Parser;

static gboolean parse_fail (Parser *p, GError **error, GorbRefError code, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static gboolean
parse_fail (Parser *p, GError **error, GorbRefError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GORB_REF_ERROR, code, "%s at column %" G_GSIZE_FORMAT, message, p->pos + 1);
  return FALSE;
}

static gboolean
expect (Parser *p, const char *literal, const char *alternative, GError **error)
{
  gsize n = strlen (literal);

  if (strncmp (p->text + p->pos, literal, n) != 0)
    return parse_fail (p, error, GORB_REF_ERROR_SYNTAX, "expected '%s'%s", literal,
                       alternative != NULL ? alternative : "");
  p->pos += n;
  return TRUE;
}

/* Reads a %-escaped value up to the next ';' or the end into @out, refusing
 * any spelling gorb_ref_to_string() would not write. */
static gboolean
parse_escaped (Parser *p, const char *what, GString *out, GError **error)
{
  const char *s = p->text;

  g_string_truncate (out, 0);
  for (; s[p->pos] != '\0' && s[p->pos] != ';'; p->pos++)
    {
      guchar c = (guchar) s[p->pos];
      int hi, lo;

      if (is_plain (c))
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (c != '%')
        return parse_fail (p, error, GORB_REF_ERROR_SYNTAX,
                           g_ascii_isprint (c)
                               ? "unexpected character '%c' in the %s (write %%%02X)"
                               : "unexpected byte 0x%02x in the %s (write %%%02X)",
                           c, what, c);
      hi = g_ascii_isupper (s[p->pos + 1]) || g_ascii_isdigit (s[p->pos + 1])
               ? g_ascii_xdigit_value (s[p->pos + 1])
               : -1;
      lo = hi >= 0 && (g_ascii_isupper (s[p->pos + 2]) || g_ascii_isdigit (s[p->pos + 2]))
               ? g_ascii_xdigit_value (s[p->pos + 2])
               : -1;
      if (hi < 0 || lo < 0)
        return parse_fail (p, error, GORB_REF_ERROR_SYNTAX,
                           "expected two upper-case hex digits after '%%' in the %s", what);
      c = (guchar) (hi << 4 | lo);
      if (c == '\0' || is_plain (c))
        return parse_fail (p, error, GORB_REF_ERROR_SYNTAX,
                           "needless or forbidden escape %%%c%c in the %s", s[p->pos + 1],
                           s[p->pos + 2], what);
      g_string_append_c (out, (char) c);
      p->pos += 2;
    }
  return TRUE;
}

static gboolean
parse_key (Parser *p, GByteArray *key, GError **error)
{
  gsize start = p->pos;
  gsize n;

  while (g_ascii_isdigit (p->text[p->pos]) || (p->text[p->pos] >= 'a' && p->text[p->pos] <= 'f'))
    p->pos++;
  if (p->text[p->pos] != ';' && p->text[p->pos] != '\0')
    return parse_fail (p, error, GORB_REF_ERROR_SYNTAX, "expected a lower-case hex digit");
  n = p->pos - start;
  p->pos = start; /* errors below point at the key */
  if (n == 0)
    return parse_fail (p, error, GORB_REF_ERROR_INVALID, "empty object key");
  if (n % 2 != 0)
    return parse_fail (p, error, GORB_REF_ERROR_SYNTAX,
                       "odd number of hex digits (%" G_GSIZE_FORMAT ") in the object key", n);
  if (n / 2 > GORB_WIRE_MAX_KEY_SIZE)
    return parse_fail (p, error, GORB_REF_ERROR_INVALID,
                       "object key of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d", n / 2,
                       GORB_WIRE_MAX_KEY_SIZE);
  for (gsize i = 0; i < n; i += 2)
    {
      guint8 byte = (guint8) (g_ascii_xdigit_value (p->text[start + i]) << 4
                              | g_ascii_xdigit_value (p->text[start + i + 1]));
      g_byte_array_append (key, &byte, 1);
    }
  p->pos = start + n;
  return TRUE;
}

static gboolean
parse_encoding (Parser *p, GorbEncoding *encoding, GError **error)
{
  gsize n = strcspn (p->text + p->pos, ";");

  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (n == strlen (encoding_names[i]) && strncmp (p->text + p->pos, encoding_names[i], n) == 0)
      {
        *encoding = (GorbEncoding) i;
        p->pos += n;
        return TRUE;
      }
  {
    g_autofree char *value = g_strndup (p->text + p->pos, MIN (n, 32));
    g_autofree char *shown = g_strescape (value, NULL);
    return parse_fail (p, error, GORB_REF_ERROR_INVALID,
                       "unknown encoding '%s%s' (expected 'cdr' or 'xml')", shown,
                       n > 32 ? "..." : "");
  }
}

/* Checks an unescaped string field's size; the error points at @start. */
static gboolean
check_string (Parser *p, gsize start, const char *what, const GString *value, GError **error)
{
  gsize end = p->pos;

  p->pos = start;
  if (value->len == 0)
    return parse_fail (p, error, GORB_REF_ERROR_INVALID, "empty %s", what);
  if (value->len > GORB_REF_MAX_STRING_SIZE)
    return parse_fail (p, error, GORB_REF_ERROR_INVALID,
                       "%s of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d", what, value->len,
                       GORB_REF_MAX_STRING_SIZE);
  p->pos = end;
  return TRUE;
}

/**
 * gorb_ref_parse:
 * @text: a stringified reference, as gorb_ref_to_string() writes it
 * @error: return location for a #GError
 *
 * Parses a stringified reference exactly: the fields in their order
 * (`gorb:`, repository id, `;key=`, `;enc=`, one or more `;ep=`), the key in
 * lower-case hex, escapes in upper-case hex and only where
 * gorb_ref_to_string() writes them, nothing before or after (no
 * whitespace). Every message ends with the 1-based column of the fault.
 *
 * Errors: %GORB_REF_ERROR_SYNTAX for a missing or unknown field ("expected
 * ';key=' at column 29"), a bad character or escape, a key of an odd number
 * of digits or with other characters than `0-9a-f`;
 * %GORB_REF_ERROR_INVALID for an empty repository id, key or endpoint, no
 * endpoint, more than %GORB_REF_MAX_ENDPOINTS, an encoding other than `cdr`
 * or `xml`, a key longer than %GORB_WIRE_MAX_KEY_SIZE bytes or a string
 * longer than %GORB_REF_MAX_STRING_SIZE bytes.
 *
 * Returns: (transfer full): the reference, or %NULL on error
 */
GorbRef *
gorb_ref_parse (const char *text, GError **error)
{
  Parser p = { text, 0 };
  g_autoptr (GString) repo_id = g_string_new (NULL);
  g_autoptr (GByteArray) key = g_byte_array_new ();
  g_autoptr (GPtrArray) endpoints = g_ptr_array_new_with_free_func (g_free);
  GorbEncoding encoding = GORB_ENCODING_CDR;
  g_autoptr (GString) endpoint = g_string_new (NULL);
  gsize start;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!expect (&p, "gorb:", NULL, error))
    return NULL;
  start = p.pos;
  if (!parse_escaped (&p, "repository id", repo_id, error)
      || !check_string (&p, start, "repository id", repo_id, error)
      || !expect (&p, ";key=", NULL, error) || !parse_key (&p, key, error)
      || !expect (&p, ";enc=", NULL, error) || !parse_encoding (&p, &encoding, error))
    return NULL;
  if (text[p.pos] == '\0')
    {
      parse_fail (&p, error, GORB_REF_ERROR_INVALID, "no endpoint");
      return NULL;
    }
  while (text[p.pos] != '\0')
    {
      if (!expect (&p, ";ep=", endpoints->len > 0 ? " or the end" : NULL, error))
        return NULL;
      start = p.pos;
      if (endpoints->len == GORB_REF_MAX_ENDPOINTS)
        {
          parse_fail (&p, error, GORB_REF_ERROR_INVALID, "more than %d endpoints",
                      GORB_REF_MAX_ENDPOINTS);
          return NULL;
        }
      if (!parse_escaped (&p, "endpoint", endpoint, error)
          || !check_string (&p, start, "endpoint", endpoint, error))
        return NULL;
      g_ptr_array_add (endpoints, g_strndup (endpoint->str, endpoint->len));
    }
  g_ptr_array_add (endpoints, NULL);
  /* every bound gorb_ref_new() checks was checked above, with a message */
  return gorb_ref_new (repo_id->str, key->data, key->len, encoding,
                       (const char *const *) endpoints->pdata);
}
