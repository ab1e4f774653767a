/* gorb-json-read.c - JSON text to a C value, strictly (mapping: gorb-json.h)
 *
 * Two passes: a scan of the raw text refuses what json-glib would mishandle
 * and what is not JSON at all though its scanner takes it
 * (gorb-json-scan.c), then json-glib builds the tree, which is walked with
 * the descriptor. The value being filled is always one gorb_value_clear()
 * can free: it starts zeroed, a sequence gets its zeroed buffer and length
 * before its elements, a union its discriminator before its case. */
#include "gorb-json-private.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* clang-format off */
G_DEFINE_QUARK (gorb-json-error-quark, gorb_json_error)
/* clang-format on */

/* ---- the walk ---- */

typedef struct
{
  const char *name; /* a member; NULL: element @index */
  guint index;
} Segment;

typedef struct
{
  Segment segments[GORB_MARSHAL_MAX_DEPTH];
  guint depth;
  GError **error;
} Reader;

static gboolean fail (Reader *r, GorbJsonError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Reader *r, GorbJsonError code, const char *format, ...)
{
  g_autoptr (GString) path = g_string_new ("$");
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  for (guint i = 0; i < r->depth; i++)
    if (r->segments[i].name != NULL)
      g_string_append_printf (path, ".%s", r->segments[i].name);
    else
      g_string_append_printf (path, "[%u]", r->segments[i].index);
  g_set_error (r->error, GORB_JSON_ERROR, code, "%s: %s", path->str, message);
  return FALSE;
}

static gboolean
push (Reader *r, const char *name, guint index)
{
  if (r->depth >= GORB_MARSHAL_MAX_DEPTH)
    return fail (r, GORB_JSON_ERROR_TOO_DEEP, "nested deeper than %d members and elements",
                 GORB_MARSHAL_MAX_DEPTH);
  r->segments[r->depth++] = (Segment){ name, index };
  return TRUE;
}

static void
pop (Reader *r)
{
  r->depth--;
}

/* "a string", "an array", "true"...: what the JSON has, for messages. */
static char *
describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup ("an object");
    case JSON_NODE_ARRAY:
      return g_strdup ("an array");
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("the number %" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("the number %g", json_node_get_double (node));
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        return g_strdup_printf ("the string \"%.40s%s\"", s, strlen (s) > 40 ? "…" : "");
      }
    default:
      return g_strdup ("a value");
    }
}

static gboolean
wrong_type (Reader *r, JsonNode *node, const char *expected)
{
  g_autofree char *got = describe (node);
  return fail (r, GORB_JSON_ERROR_WRONG_TYPE, "expected %s, got %s", expected, got);
}

static gboolean
holds (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* An integer: a number, or (@allow_string) a decimal string; as a sign and
 * a magnitude, so that the whole of gint64 and guint64 fits. */
static gboolean
get_integer (Reader *r, JsonNode *node, gboolean allow_string, gboolean *negative, guint64 *mag)
{
  if (holds (node, G_TYPE_INT64))
    {
      gint64 v = json_node_get_int (node);
      *negative = v < 0;
      *mag = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
      return TRUE;
    }
  if (holds (node, G_TYPE_DOUBLE))
    {
      gdouble d = json_node_get_double (node);
      if (!isfinite (d) || floor (d) != d)
        return wrong_type (r, node, "an integer");
      if (fabs (d) >= 18446744073709551616.0)
        return fail (r, GORB_JSON_ERROR_OUT_OF_RANGE, "%g does not fit in 64 bits", d);
      *negative = d < 0;
      *mag = (guint64) fabs (d);
      return TRUE;
    }
  if (allow_string && holds (node, G_TYPE_STRING))
    {
      const char *s = json_node_get_string (node), *digits = s;
      char *end = NULL;
      *negative = s[0] == '-';
      digits += *negative ? 1 : 0;
      if (!g_ascii_isdigit (digits[0]))
        return fail (r, GORB_JSON_ERROR_BAD_VALUE, "\"%.40s\" is not a decimal integer", s);
      errno = 0;
      *mag = g_ascii_strtoull (digits, &end, 10);
      if (*end != '\0')
        return fail (r, GORB_JSON_ERROR_BAD_VALUE, "\"%.40s\" is not a decimal integer", s);
      if (errno == ERANGE)
        return fail (r, GORB_JSON_ERROR_OUT_OF_RANGE, "%.40s does not fit in 64 bits", s);
      return TRUE;
    }
  return wrong_type (r, node, allow_string ? "an integer or a decimal string" : "an integer");
}

typedef struct
{
  gint64 min;
  guint64 max;
} Range;

static const Range *
range_of (GorbTypeKind kind)
{
  static const Range ranges[] = {
    [GORB_TK_OCTET] = { 0, G_MAXUINT8 },      [GORB_TK_SHORT] = { G_MININT16, G_MAXINT16 },
    [GORB_TK_USHORT] = { 0, G_MAXUINT16 },    [GORB_TK_LONG] = { G_MININT32, G_MAXINT32 },
    [GORB_TK_ULONG] = { 0, G_MAXUINT32 },     [GORB_TK_LONGLONG] = { G_MININT64, G_MAXINT64 },
    [GORB_TK_ULONGLONG] = { 0, G_MAXUINT64 },
  };
  return &ranges[kind];
}

static gboolean
read_integer (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  const Range *range = range_of (type->kind);
  gboolean wide = type->kind == GORB_TK_LONGLONG || type->kind == GORB_TK_ULONGLONG;
  gboolean negative = FALSE;
  guint64 mag = 0;

  if (!get_integer (r, node, wide, &negative, &mag))
    return FALSE;
  if (negative ? mag > (guint64) 0 - (guint64) range->min : mag > range->max)
    return fail (r, GORB_JSON_ERROR_OUT_OF_RANGE,
                 "%s%" G_GUINT64_FORMAT " is out of range for %s (%" G_GINT64_FORMAT
                 "..%" G_GUINT64_FORMAT ")",
                 negative ? "-" : "", mag, gorb_type_kind_to_string (type->kind), range->min,
                 range->max);
  guint64 bits = negative ? (guint64) 0 - mag : mag; /* two's complement */
  switch (type->kind)
    {
    case GORB_TK_OCTET:
      *(guint8 *) value = (guint8) bits;
      break;
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
      *(guint16 *) value = (guint16) bits;
      break;
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
      *(guint32 *) value = (guint32) bits;
      break;
    default:
      *(guint64 *) value = bits;
      break;
    }
  return TRUE;
}

static gboolean
read_floating (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  gdouble d;

  if (holds (node, G_TYPE_INT64) || holds (node, G_TYPE_DOUBLE))
    d = json_node_get_double (node);
  else if (holds (node, G_TYPE_STRING) && strcmp (json_node_get_string (node), "NaN") == 0)
    d = NAN;
  else if (holds (node, G_TYPE_STRING) && strcmp (json_node_get_string (node), "Infinity") == 0)
    d = INFINITY;
  else if (holds (node, G_TYPE_STRING) && strcmp (json_node_get_string (node), "-Infinity") == 0)
    d = -INFINITY;
  else
    return wrong_type (r, node, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
  if (type->kind == GORB_TK_DOUBLE)
    {
      *(gdouble *) value = d;
      return TRUE;
    }
  if (isfinite (d) && isinf ((gfloat) d))
    return fail (r, GORB_JSON_ERROR_OUT_OF_RANGE, "%g is out of range for float", d);
  *(gfloat *) value = (gfloat) d;
  return TRUE;
}

static gboolean
read_char (Reader *r, JsonNode *node, gpointer value)
{
  const char *s;
  gunichar c;

  if (!holds (node, G_TYPE_STRING))
    return wrong_type (r, node, "a string of one character");
  s = json_node_get_string (node);
  if (s[0] == '\0')
    {
      *(guint8 *) value = 0;
      return TRUE;
    }
  c = g_utf8_get_char (s);
  if (*g_utf8_next_char (s) != '\0')
    return fail (r, GORB_JSON_ERROR_BAD_VALUE, "a char is one character, not \"%.40s\"", s);
  if (c > 0xff)
    return fail (r, GORB_JSON_ERROR_OUT_OF_RANGE, "U+%04X is not a char (U+0000..U+00FF, one byte)",
                 (guint) c);
  *(guint8 *) value = (guint8) c;
  return TRUE;
}

static gboolean
read_string (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  const char *s;
  gsize len;

  if (!holds (node, G_TYPE_STRING))
    return wrong_type (r, node, "a string");
  s = json_node_get_string (node);
  len = strlen (s);
  if (!g_utf8_validate_len (s, len, NULL)) /* the scan should have refused its source */
    return fail (r, GORB_JSON_ERROR_NOT_UTF8, "string is not UTF-8");
  if (type->bound != 0 && len > type->bound)
    return fail (r, GORB_JSON_ERROR_BAD_LENGTH,
                 "string of %" G_GSIZE_FORMAT " bytes exceeds its bound %u", len, type->bound);
  *(char **) value = g_strdup (s);
  return TRUE;
}

static gboolean
read_enum (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  const char *s;

  if (!holds (node, G_TYPE_STRING))
    return wrong_type (r, node, "an enumerator's name (a string)");
  s = json_node_get_string (node);
  for (guint i = 0; i < type->n_members; i++)
    if (strcmp (type->enumerators[i], s) == 0)
      {
        *(guint32 *) value = i;
        return TRUE;
      }
  g_autoptr (GString) names = g_string_new (NULL); /* the table is not NULL-terminated */
  for (guint i = 0; i < type->n_members; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", type->enumerators[i]);
  return fail (r, GORB_JSON_ERROR_BAD_VALUE, "'%.40s' is not an enumerator of %s (%s)", s,
               type->name != NULL ? type->name : "the enum", names->str);
}

static gboolean
read_objref (Reader *r, JsonNode *node, gpointer value)
{
  g_autoptr (GError) ref_error = NULL;
  g_autoptr (GorbRef) ref = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE; /* nil */
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (r, node, "a gorb: object reference (a string) or null");
  ref = gorb_ref_parse (json_node_get_string (node), &ref_error);
  if (ref == NULL)
    return fail (r, GORB_JSON_ERROR_BAD_VALUE, "%s", ref_error->message);
  *(GObject **) value = gorb_json_objref_new (ref);
  return TRUE;
}

static gboolean read_value (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value);

static gboolean
read_member (Reader *r, const char *name, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  if (!push (r, name, 0))
    return FALSE;
  if (!read_value (r, type, node, value))
    return FALSE;
  pop (r);
  return TRUE;
}

static gboolean
read_struct (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, "an object");
  object = json_node_get_object (node);
  g_autoptr (GList) keys = json_object_get_members (object);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      gboolean known = FALSE;
      for (guint i = 0; i < type->n_members && !known; i++)
        known = strcmp (type->members[i].name, k->data) == 0;
      if (!known)
        {
          g_autoptr (GString) names = g_string_new (NULL);
          for (guint i = 0; i < type->n_members; i++)
            g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", type->members[i].name);
          return fail (r, GORB_JSON_ERROR_UNKNOWN_MEMBER, "unknown member '%.40s' (%s has %s)",
                       (const char *) k->data, type->name, names->str);
        }
    }
  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      JsonNode *member = json_object_get_member (object, m->name);
      if (member == NULL)
        return fail (r, GORB_JSON_ERROR_MISSING_MEMBER, "missing member '%s' of %s", m->name,
                     type->name);
      if (!read_member (r, m->name, m->type, member, (guint8 *) value + m->offset))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_union (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  const GorbMemberDesc *c;
  JsonObject *object;
  JsonNode *d_node;
  gint64 d;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, "an object {\"_d\": discriminator, \"<case>\": value}");
  object = json_node_get_object (node);
  d_node = json_object_get_member (object, "_d");
  if (d_node == NULL)
    return fail (r, GORB_JSON_ERROR_MISSING_MEMBER, "missing the discriminator '_d' of %s",
                 type->name);
  if (!read_member (r, "_d", type->content, d_node, value))
    return FALSE;
  gorb_union_get_discriminator (type, value, &d);
  c = gorb_union_find_case (type, d);
  if (c == NULL)
    {
      g_autofree char *got = describe (d_node);
      return fail (r, GORB_JSON_ERROR_BAD_VALUE, "discriminator %s selects no case of %s", got,
                   type->name);
    }
  g_autoptr (GList) keys = json_object_get_members (object);
  for (GList *k = keys; k != NULL; k = k->next)
    if (strcmp (k->data, "_d") != 0 && strcmp (k->data, c->name) != 0)
      return fail (r, GORB_JSON_ERROR_UNKNOWN_MEMBER,
                   "unknown member '%.40s': this discriminator selects '%s'",
                   (const char *) k->data, c->name);
  JsonNode *member = json_object_get_member (object, c->name);
  if (member == NULL)
    return fail (r, GORB_JSON_ERROR_MISSING_MEMBER,
                 "missing member '%s' (the discriminator "
                 "selects it)",
                 c->name);
  return read_member (r, c->name, c->type, member, (guint8 *) value + c->offset);
}

/* Strict base64: the alphabet, '=' padding only at the end, a multiple of 4. */
static gboolean
read_base64 (Reader *r, const char *s, guint8 **data, gsize *len)
{
  gsize n = strlen (s), pad = 0;

  for (gsize i = 0; i < n; i++)
    {
      char c = s[i];
      if (c == '=' && i + 2 >= n && n % 4 == 0 && (i == n - 1 || s[n - 1] == '='))
        pad++;
      else if (!(g_ascii_isalnum (c) || c == '+' || c == '/') || pad > 0)
        return fail (r, GORB_JSON_ERROR_BAD_VALUE, "bad base64 at character %" G_GSIZE_FORMAT,
                     i + 1);
    }
  if (n % 4 != 0)
    return fail (r, GORB_JSON_ERROR_BAD_VALUE,
                 "bad base64: %" G_GSIZE_FORMAT " characters, not a multiple of 4", n);
  *data = n > 0 ? g_base64_decode (s, len) : NULL;
  if (n == 0)
    *len = 0;
  return TRUE;
}

/* A sequence (@array FALSE) or an array of @type->bound elements. */
static gboolean
read_elements (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value, gboolean array)
{
  const GorbTypeDesc *elem = type->content;
  gboolean octets = gorb_type_desc_resolve (elem)->kind == GORB_TK_OCTET;
  g_autofree guint8 *decoded = NULL;
  JsonArray *items = NULL;
  gsize len;
  guint8 *data;

  if (octets && holds (node, G_TYPE_STRING))
    {
      if (!read_base64 (r, json_node_get_string (node), &decoded, &len))
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      items = json_node_get_array (node);
      len = json_array_get_length (items);
    }
  else
    return wrong_type (r, node, octets ? "an array or a base64 string" : "an array");
  if (array && len != type->bound)
    return fail (r, GORB_JSON_ERROR_BAD_LENGTH, "%" G_GSIZE_FORMAT " elements for an array of %u",
                 len, type->bound);
  if (!array && type->bound != 0 && len > type->bound)
    return fail (r, GORB_JSON_ERROR_BAD_LENGTH,
                 "%" G_GSIZE_FORMAT " elements exceed the sequence's bound %u", len, type->bound);
  if (!array && len > G_MAXUINT32)
    return fail (r, GORB_JSON_ERROR_BAD_LENGTH, "too many elements");
  if (array)
    data = value;
  else
    {
      GorbSequence *seq = value;
      seq->data = len > 0 ? g_malloc0_n (len, elem->size) : NULL;
      seq->len = (guint32) len;
      data = seq->data;
    }
  if (decoded != NULL)
    {
      memcpy (data, decoded, len);
      return TRUE;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (!push (r, NULL, (guint) i))
        return FALSE;
      if (!read_value (r, elem, json_array_get_element (items, (guint) i), data + i * elem->size))
        return FALSE;
      pop (r);
    }
  return TRUE;
}

static gboolean
read_value (Reader *r, const GorbTypeDesc *type, JsonNode *node, gpointer value)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      if (!holds (node, G_TYPE_BOOLEAN))
        return wrong_type (r, node, "true or false");
      *(gboolean *) value = json_node_get_boolean (node);
      return TRUE;
    case GORB_TK_OCTET:
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
      return read_integer (r, type, node, value);
    case GORB_TK_FLOAT:
    case GORB_TK_DOUBLE:
      return read_floating (r, type, node, value);
    case GORB_TK_CHAR:
      return read_char (r, node, value);
    case GORB_TK_STRING:
      return read_string (r, type, node, value);
    case GORB_TK_ENUM:
      return read_enum (r, type, node, value);
    case GORB_TK_OBJREF:
      return read_objref (r, node, value);
    case GORB_TK_STRUCT:
      return read_struct (r, type, node, value);
    case GORB_TK_UNION:
      return read_union (r, type, node, value);
    case GORB_TK_SEQUENCE:
      return read_elements (r, type, node, value, FALSE);
    case GORB_TK_ARRAY:
      return read_elements (r, type, node, value, TRUE);
    case GORB_TK_ALIAS:
      break;
    }
  return fail (r, GORB_JSON_ERROR_FAILED, "descriptor of kind %s cannot be read",
               gorb_type_kind_to_string (type->kind));
}

/**
 * gorb_json_read_value:
 * @type: the value's descriptor
 * @text: (array length=len): JSON text, one value
 * @len: its length in bytes
 * @value: (out caller-allocates): zeroed storage of @type->size bytes
 * @error: return location for a %GORB_JSON_ERROR
 *
 * Reads @text as a value of @type (mapping: gorb-json.h). Object references
 * become gorb_json_objref_new() objects.
 *
 * Errors: SYNTAX (with line and column), TOO_DEEP and the value errors of
 * #GorbJsonError, each with the JSON path of the value.
 *
 * Returns: %TRUE on success; on failure @value is left cleared
 */
gboolean
gorb_json_read_value (const GorbTypeDesc *type, const char *text, gsize len, gpointer value,
                      GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) json_error = NULL;
  Reader r = { .depth = 0, .error = error };
  JsonNode *root;

  g_return_val_if_fail (type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  if (len > G_MAXSSIZE)
    return gorb_json_syntax_error (error, "", 0, "input too large");
  if (!gorb_json_prescan (text != NULL ? text : "", len, error))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text != NULL ? text : "", (gssize) len, &json_error))
    return gorb_json_parse_error (error, json_error);
  root = json_parser_get_root (parser);
  if (root == NULL)
    return gorb_json_syntax_error (error, "", 0, "no value (the input is empty)");
  if (!read_value (&r, type, root, value))
    {
      gorb_value_clear (type, value);
      memset (value, 0, type->size);
      return FALSE;
    }
  return TRUE;
}
