/* gorb-json-write.c - a C value as JSON text (mapping: gorb-json.h)
 *
 * Written by hand rather than through JsonGenerator, which prints doubles
 * with 17 digits ("0.10000000000000001") and floats widened to double
 * ("0.10000000149011612"): here every number is the shortest decimal that
 * reads back bit for bit. Objects and arrays are indented by two spaces a
 * level; an array of numbers, strings or enumerators stays on one line. */
#include "gorb-json.h"

#include <math.h>
#include <string.h>

typedef struct
{
  GString *out;
  GString *path; /* "$.people[3]": where we are, for messages */
  guint depth;
  GError **error;
} Writer;

static gboolean fail (Writer *w, GorbJsonError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Writer *w, GorbJsonError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (w->error, GORB_JSON_ERROR, code, "%s: %s", w->path->str, message);
  return FALSE;
}

static void
newline (Writer *w, guint level)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (w->out, "  ");
}

static void
append_escaped (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest "%.Ng" that reads back as @d (after a conversion to float if
 * @is_float), as gorb-xml-write.c does; -0 keeps its sign as "-0.0" (json-glib
 * reads "-0" as the integer 0). */
static void
append_floating (GString *out, gdouble d, gboolean is_float)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int min_digits = is_float ? 6 : 15, max_digits = is_float ? 9 : 17;

  if (isnan (d))
    {
      g_string_append (out, "\"NaN\"");
      return;
    }
  if (isinf (d))
    {
      g_string_append (out, d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
      return;
    }
  if (d == 0)
    {
      g_string_append (out, signbit (d) ? "-0.0" : "0");
      return;
    }
  if (fpclassify (is_float ? (gfloat) d : d) == FP_SUBNORMAL)
    min_digits = 1;
  for (int digits = min_digits; digits <= max_digits; digits++)
    {
      char format[8];
      gdouble back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, d);
      back = g_ascii_strtod (buf, NULL);
      if (is_float ? (gfloat) back == (gfloat) d : back == d)
        break;
    }
  g_string_append (out, buf);
}

/* 2^53: beyond it a JSON reader that uses doubles loses digits. */
#define EXACT_LIMIT (G_GUINT64_CONSTANT (1) << 53)

static void
append_integer (GString *out, gboolean negative, guint64 mag)
{
  if (mag > EXACT_LIMIT)
    g_string_append_printf (out, "\"%s%" G_GUINT64_FORMAT "\"", negative ? "-" : "", mag);
  else
    g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, negative ? "-" : "", mag);
}

static void
append_char (GString *out, guint8 c)
{
  char utf8[8];
  gint n;

  if (c == 0)
    {
      g_string_append (out, "\"\"");
      return;
    }
  n = g_unichar_to_utf8 (c, utf8); /* 0x80..0xFF: Latin-1 */
  append_escaped (out, utf8, (gsize) n);
}

static gboolean write_value (Writer *w, const GorbTypeDesc *type, gconstpointer value);

static gboolean
write_named (Writer *w, const char *name, const GorbTypeDesc *type, gconstpointer value,
             gboolean first)
{
  gsize path_len = w->path->len;
  gboolean ok;

  g_string_append_c (w->out, first ? '{' : ',');
  newline (w, w->depth + 1);
  append_escaped (w->out, name, strlen (name));
  g_string_append (w->out, ": ");
  g_string_append_printf (w->path, ".%s", name);
  w->depth++;
  ok = write_value (w, type, value);
  w->depth--;
  g_string_truncate (w->path, path_len);
  return ok;
}

static void
close_object (Writer *w)
{
  newline (w, w->depth);
  g_string_append_c (w->out, '}');
}

static gboolean
write_union (Writer *w, const GorbTypeDesc *type, gconstpointer value)
{
  const GorbMemberDesc *c;
  gint64 d;

  if (!gorb_union_get_discriminator (type, value, &d)
      || (c = gorb_union_find_case (type, d)) == NULL)
    return fail (w, GORB_JSON_ERROR_BAD_VALUE,
                 "discriminator %" G_GINT64_FORMAT " selects no case of %s", d, type->name);
  if (!write_named (w, "_d", type->content, value, TRUE)
      || !write_named (w, c->name, c->type, (const guint8 *) value + c->offset, FALSE))
    return FALSE;
  close_object (w);
  return TRUE;
}

/* Elements written on one line: numbers, booleans, chars, strings, enums. */
static gboolean
is_scalar (const GorbTypeDesc *type)
{
  GorbTypeKind kind = gorb_type_desc_resolve (type)->kind;
  return kind <= GORB_TK_ENUM;
}

static gboolean
write_elements (Writer *w, const GorbTypeDesc *elem, const guint8 *data, gsize len)
{
  gboolean inline_items = is_scalar (elem);
  gsize path_len = w->path->len;

  if (gorb_type_desc_resolve (elem)->kind == GORB_TK_OCTET)
    {
      g_autofree char *text = g_base64_encode (data, len);
      g_string_append_printf (w->out, "\"%s\"", text);
      return TRUE;
    }
  g_string_append_c (w->out, '[');
  w->depth++;
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append (w->out, inline_items ? ", " : ",");
      if (!inline_items)
        newline (w, w->depth);
      g_string_append_printf (w->path, "[%" G_GSIZE_FORMAT "]", i);
      if (!write_value (w, elem, data + i * elem->size))
        return FALSE;
      g_string_truncate (w->path, path_len);
    }
  w->depth--;
  if (!inline_items && len > 0)
    newline (w, w->depth);
  g_string_append_c (w->out, ']');
  return TRUE;
}

static gboolean
write_objref (Writer *w, GObject *object)
{
  GorbRef *ref;

  if (object == NULL)
    {
      g_string_append (w->out, "null");
      return TRUE;
    }
  ref = gorb_json_objref_get_ref (object);
  if (ref == NULL)
    return fail (w, GORB_JSON_ERROR_BAD_VALUE, "an object that is not a reference");
  g_autofree char *text = gorb_ref_to_string (ref);
  append_escaped (w->out, text, strlen (text));
  return TRUE;
}

static gboolean
write_value (Writer *w, const GorbTypeDesc *type, gconstpointer value)
{
  if (w->depth > 2 * GORB_MARSHAL_MAX_DEPTH)
    return fail (w, GORB_JSON_ERROR_TOO_DEEP, "nested too deep");
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      g_string_append (w->out, *(const gboolean *) value ? "true" : "false");
      return TRUE;
    case GORB_TK_OCTET:
      append_integer (w->out, FALSE, *(const guint8 *) value);
      return TRUE;
    case GORB_TK_SHORT:
      {
        gint16 v = *(const gint16 *) value;
        append_integer (w->out, v < 0, (guint64) ABS ((gint32) v));
        return TRUE;
      }
    case GORB_TK_USHORT:
      append_integer (w->out, FALSE, *(const guint16 *) value);
      return TRUE;
    case GORB_TK_LONG:
      {
        gint32 v = *(const gint32 *) value;
        append_integer (w->out, v < 0, (guint64) ABS ((gint64) v));
        return TRUE;
      }
    case GORB_TK_ULONG:
      append_integer (w->out, FALSE, *(const guint32 *) value);
      return TRUE;
    case GORB_TK_LONGLONG:
      {
        gint64 v = *(const gint64 *) value;
        append_integer (w->out, v < 0, v < 0 ? (guint64) 0 - (guint64) v : (guint64) v);
        return TRUE;
      }
    case GORB_TK_ULONGLONG:
      append_integer (w->out, FALSE, *(const guint64 *) value);
      return TRUE;
    case GORB_TK_FLOAT:
      append_floating (w->out, *(const gfloat *) value, TRUE);
      return TRUE;
    case GORB_TK_DOUBLE:
      append_floating (w->out, *(const gdouble *) value, FALSE);
      return TRUE;
    case GORB_TK_CHAR:
      append_char (w->out, *(const guint8 *) value);
      return TRUE;
    case GORB_TK_STRING:
      {
        const char *s = *(char *const *) value;
        if (s == NULL)
          return fail (w, GORB_JSON_ERROR_BAD_VALUE, "NULL string");
        if (!g_utf8_validate (s, -1, NULL))
          return fail (w, GORB_JSON_ERROR_NOT_UTF8, "string is not UTF-8: JSON cannot carry it");
        append_escaped (w->out, s, strlen (s));
        return TRUE;
      }
    case GORB_TK_ENUM:
      {
        guint32 v = *(const guint32 *) value;
        if (v >= type->n_members)
          return fail (w, GORB_JSON_ERROR_BAD_VALUE, "enum value %u out of range", v);
        append_escaped (w->out, type->enumerators[v], strlen (type->enumerators[v]));
        return TRUE;
      }
    case GORB_TK_OBJREF:
      return write_objref (w, *(GObject *const *) value);
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        if (!write_named (w, type->members[i].name, type->members[i].type,
                          (const guint8 *) value + type->members[i].offset, i == 0))
          return FALSE;
      close_object (w);
      return TRUE;
    case GORB_TK_UNION:
      return write_union (w, type, value);
    case GORB_TK_SEQUENCE:
      {
        const GorbSequence *seq = value;
        return write_elements (w, type->content, seq->data, seq->len);
      }
    case GORB_TK_ARRAY:
      return write_elements (w, type->content, value, type->bound);
    case GORB_TK_ALIAS:
      break;
    }
  return fail (w, GORB_JSON_ERROR_FAILED, "descriptor of kind %s cannot be written",
               gorb_type_kind_to_string (type->kind));
}

/**
 * gorb_json_write_value:
 * @type: the value's descriptor
 * @value: a value of @type (object references: gorb_json_objref_new() objects)
 * @error: return location for a %GORB_JSON_ERROR
 *
 * Errors: NOT_UTF8 for a string that is not UTF-8; BAD_VALUE for a value no
 * codec would encode (an enum out of range, a union whose discriminator
 * selects no case, an object that is not a reference).
 *
 * Returns: (transfer full) (nullable): @value as JSON text, ending in a
 *   newline
 */
char *
gorb_json_write_value (const GorbTypeDesc *type, gconstpointer value, GError **error)
{
  g_autoptr (GString) path = g_string_new ("$");
  g_autoptr (GString) out = g_string_new (NULL);
  Writer w = { out, path, 0, error };

  g_return_val_if_fail (type != NULL && value != NULL, NULL);
  if (!write_value (&w, type, value))
    return NULL;
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
