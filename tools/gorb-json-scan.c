/* gorb-json-scan.c - the first pass of reading JSON: the raw text
 * checked against JSON's grammar before json-glib parses it
 * (gorb-json-read.c), and json-glib's parse errors in our words
 *
 * json-glib 1.6's scanner takes more than JSON and mishandles some of it:
 * deep nesting overflows its recursive parser, integers beyond 64 bits
 * wrap silently, "\u0000" truncates a string, huge exponents become inf,
 * a lone surrogate escape becomes bytes that are not UTF-8, and it reads
 * comments, 010 as octal and 0x10. All of that is refused here, with the
 * line and column. */
#include "gorb-json-private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void
locate (const char *text, gsize offset, guint *line, guint *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = 1;
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) text[i] & 0xc0) != 0x80) /* count characters, not bytes */
      (*column)++;
}

gboolean
gorb_json_syntax_error (GError **error, const char *text, gsize offset, const char *format, ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  locate (text, offset, &line, &column);
  g_set_error (error, GORB_JSON_ERROR, GORB_JSON_ERROR_SYNTAX, "bad JSON at line %u, column %u: %s",
               line, column, message);
  return FALSE;
}

/* A number token at @start, JSON's grammar exactly:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? then not a letter, digit or
 * '.'. json-glib's scanner also takes 010 (octal 8), 0x10, 0b1, $10, .5 and
 * 1., and lets a hexadecimal literal past 64 bits wrap. Integers must fit in
 * 64 bits, others in a double. *@end: where the token ends. */
static gboolean
scan_number (const char *text, gsize len, gsize start, gsize *end, GError **error)
{
  gsize i = start;
  gboolean is_integer = TRUE;

#define DIGIT_AT(k) ((k) < len && g_ascii_isdigit (text[k]))
  if (text[i] == '-')
    i++;
  if (!DIGIT_AT (i))
    return gorb_json_syntax_error (error, text, i, "a digit must follow '-'");
  if (text[i] == '0')
    i++;
  else
    while (DIGIT_AT (i))
      i++;
  if (i < len && text[i] == '.')
    {
      is_integer = FALSE;
      i++;
      if (!DIGIT_AT (i))
        return gorb_json_syntax_error (error, text, i, "a digit must follow '.'");
      while (DIGIT_AT (i))
        i++;
    }
  if (i < len && (text[i] == 'e' || text[i] == 'E'))
    {
      is_integer = FALSE;
      i++;
      if (i < len && (text[i] == '+' || text[i] == '-'))
        i++;
      if (!DIGIT_AT (i))
        return gorb_json_syntax_error (error, text, i, "a digit must follow the exponent's 'e'");
      while (DIGIT_AT (i))
        i++;
    }
#undef DIGIT_AT
  if (i < len && (g_ascii_isalnum (text[i]) || text[i] == '.' || text[i] == '_'))
    return gorb_json_syntax_error (
        error, text, start, "not a JSON number (no leading zeros, octal, hexadecimal or binary)");
  *end = i;

  g_autofree char *token = g_strndup (text + start, i - start);
  const char *more = strlen (token) > 40 ? "…" : "";
  errno = 0;
  if (is_integer)
    {
      g_ascii_strtoll (token, NULL, 10);
      if (errno == ERANGE)
        return gorb_json_syntax_error (
            error, text, start,
            "integer %.40s%s does not fit in 64 bits (write an unsigned long "
            "long as a decimal string)",
            token, more);
    }
  else
    {
      gdouble d = g_ascii_strtod (token, NULL);
      if (errno == ERANGE && isinf (d))
        return gorb_json_syntax_error (
            error, text, start, "number %.40s%s is beyond the range of a double", token, more);
    }
  return TRUE;
}

/* A "\uXXXX" escape at @i (the backslash): its code unit, or -1. */
static gint
escaped_unit (const char *text, gsize len, gsize i)
{
  gint unit = 0;

  if (i + 6 > len || text[i] != '\\' || text[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      if (!g_ascii_isxdigit (text[k]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (text[k]);
    }
  return unit;
}

/* A string from its opening quote at *@i to its closing one (*@i is left
 * there). Refused: "\u0000"; a "\uD800".."\uDFFF" that is not half of a
 * pair, and escapes JSON does not have (json-glib reads "\370" as the octal
 * byte 0xF8), which json-glib would turn into bytes that are not UTF-8. */
static gboolean
scan_string (const char *text, gsize len, gsize *i, GError **error)
{
  gsize k = *i + 1;

  for (; k < len && text[k] != '"'; k++)
    if (text[k] == '\\')
      {
        gint unit = escaped_unit (text, len, k);

        if (unit == 0)
          return gorb_json_syntax_error (error, text, k,
                                         "\\u0000 in a string (strings cannot "
                                         "hold NUL; the NUL char is \"\")");
        if (unit >= 0xd800 && unit <= 0xdbff)
          {
            gint low = escaped_unit (text, len, k + 6);
            if (low < 0xdc00 || low > 0xdfff)
              return gorb_json_syntax_error (
                  error, text, k, "\\u%04X is half of a surrogate pair without its other half",
                  (guint) unit);
            k += 11; /* both escapes */
            continue;
          }
        if (unit >= 0xdc00 && unit <= 0xdfff)
          return gorb_json_syntax_error (
              error, text, k, "\\u%04X is half of a surrogate pair without its other half",
              (guint) unit);
        if (unit > 0)
          {
            k += 5;
            continue;
          }
        if (k + 1 >= len || strchr ("\"\\/bfnrt", text[k + 1]) == NULL || text[k + 1] == '\0')
          return gorb_json_syntax_error (error, text, k,
                                         "bad escape: only \\\", \\\\, \\/, \\b, \\f, \\n, \\r, "
                                         "\\t and \\u followed by four hexadecimal digits");
        k++;
      }
  *i = k;
  return TRUE;
}

/* What json-glib would take but JSON does not have, refused with where it
 * is: outside strings only whitespace, the six structural characters, true,
 * false, null and numbers (not comments, identifiers, octal, hex ...). */
gboolean
gorb_json_prescan (const char *text, gsize len, GError **error)
{
  const char *bad;
  guint depth = 0;

  if (!g_utf8_validate_len (text, len, &bad))
    return gorb_json_syntax_error (error, text, (gsize) (bad - text), "%s",
                                   *bad == '\0' ? "NUL byte in the input" : "invalid UTF-8");
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == '"')
        {
          if (!scan_string (text, len, &i, error))
            return FALSE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > GORB_JSON_MAX_NESTING)
            {
              gorb_json_syntax_error (error, text, i, "nested deeper than %d levels",
                                      GORB_JSON_MAX_NESTING);
              (*error)->code = GORB_JSON_ERROR_TOO_DEEP;
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth = depth > 0 ? depth - 1 : 0;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i + 1; /* set by scan_number(); GCC cannot tell */
          if (!scan_number (text, len, i, &end, error))
            return FALSE;
          i = end - 1;
        }
      else if (g_ascii_isalpha (c))
        {
          static const char *const literals[] = { "true", "false", "null" };
          gsize end = i;
          gboolean known = FALSE;

          while (end < len && (g_ascii_isalnum (text[end]) || text[end] == '_'))
            end++;
          for (guint k = 0; k < G_N_ELEMENTS (literals) && !known; k++)
            known = end - i == strlen (literals[k]) && memcmp (text + i, literals[k], end - i) == 0;
          if (!known)
            return gorb_json_syntax_error (error, text, i,
                                           "unexpected '%.*s' (not true, false or null)",
                                           (int) MIN (end - i, 40), text + i);
          i = end - 1;
        }
      else if (c != ',' && c != ':' && c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return gorb_json_syntax_error (error, text, i, "unexpected character '%.*s'",
                                       (int) (g_utf8_next_char (text + i) - (text + i)), text + i);
    }
  return TRUE;
}

/* json-glib says "<data>:LINE:COL: Parse error: WHAT". */
gboolean
gorb_json_parse_error (GError **error, const GError *json_error)
{
  guint line, column;
  int consumed = 0;
  const char *msg = json_error->message;

  if (sscanf (msg, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      msg += consumed;
      if (g_str_has_prefix (msg, "Parse error: "))
        msg += strlen ("Parse error: ");
      g_set_error (error, GORB_JSON_ERROR, GORB_JSON_ERROR_SYNTAX,
                   "bad JSON at line %u, column %u: %s", line, column, msg);
    }
  else
    g_set_error (error, GORB_JSON_ERROR, GORB_JSON_ERROR_SYNTAX, "bad JSON: %s", msg);
  return FALSE;
}
