/* gorb-xml-read.c - XML elements to C values
 *
 * The reader is strict: a struct holds exactly its members' elements, in
 * order; a sequence or array only <item> elements; a union <_d> and the
 * element of the case it selects. Between elements only comments,
 * processing instructions and whitespace may appear. Leaf text is taken as
 * it is for strings and chars; for booleans, numbers and enums surrounding
 * whitespace is dropped (XML Schema's "collapse"). Every error names the
 * line and the member path. Documents are parsed by gorb_xml_parse()
 * (gorb-xml-parse.c).
 */
#include "gorb-objref-private.h"
#include "gorb-xml-private.h"
#include "gorb-value.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

typedef struct
{
  GorbMarshalPath path;
} Reader;

static gboolean read_value (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value,
                            GError **error);

/* Fails with "<message> at line N in '<path>'", N being @node's line. */
G_GNUC_PRINTF (5, 6)
static gboolean
fail_at (Reader *r, const xmlNode *node, GError **error, GorbMarshalError code, const char *format,
         ...)
{
  va_list args;
  long line;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  line = node != NULL ? xmlGetLineNo (node) : -1;
  g_autofree char *location = line > 0 ? g_strdup_printf ("line %ld", line) : NULL;
  return gorb_marshal_fail (error, &r->path, code, location, "%s", message);
}

static gboolean
is_blank (const xmlChar *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return FALSE;
  return TRUE;
}

/* The first characters of @text, for messages: input can be huge. */
static char *
abbreviate (const char *text)
{
  const glong max = 24;
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, max + 1) <= max)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max);
  return g_strconcat (head, "...", NULL);
}

static gboolean
check_node_kind (Reader *r, const xmlNode *node, GError **error)
{
  if (node->type == XML_ENTITY_REF_NODE)
    return fail_at (r, node, error, GORB_MARSHAL_ERROR_FORBIDDEN_XML,
                    "entity reference '&%s;' is refused", (const char *) node->name);
  return fail_at (r, node, error, GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected XML node of type %d",
                  (int) node->type);
}

/* Finds the next element from *cursor on, skipping comments, processing
 * instructions and whitespace; *out is NULL at the end. @expected names
 * what the caller wants, for the message about stray text. */
static gboolean
next_element (Reader *r, xmlNodePtr *cursor, const char *expected, xmlNodePtr *out, GError **error)
{
  xmlNodePtr n;

  for (n = *cursor; n != NULL; n = n->next)
    {
      if (n->type == XML_ELEMENT_NODE)
        break;
      if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
        continue;
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (is_blank (n->content))
            continue;
          g_autofree char *text = abbreviate ((const char *) n->content);
          if (expected != NULL)
            return fail_at (r, n, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                            "unexpected text '%s' where element '%s' was expected", text, expected);
          return fail_at (r, n, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                          "unexpected text '%s' after the last element", text);
        }
      return check_node_kind (r, n, error);
    }
  *out = n;
  *cursor = n != NULL ? n->next : NULL;
  return TRUE;
}

/* Gorb elements are in no namespace and carry no attributes but the
 * schema location hints, which a person may add for an editor's sake. */
static gboolean
check_element (Reader *r, const xmlNode *elem, GError **error)
{
  if (elem->ns != NULL)
    return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "element '%s' is in namespace '%s'; gorb elements are in none",
                    (const char *) elem->name, (const char *) elem->ns->href);
  for (const xmlAttr *a = elem->properties; a != NULL; a = a->next)
    if (a->ns == NULL || !xmlStrEqual (a->ns->href, (const xmlChar *) GORB_XML_XSI_NS)
        || !(xmlStrEqual (a->name, (const xmlChar *) "noNamespaceSchemaLocation")
             || xmlStrEqual (a->name, (const xmlChar *) "schemaLocation")))
      return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "unexpected attribute '%s' on element '%s'", (const char *) a->name,
                      (const char *) elem->name);
  return TRUE;
}

/* The text of a leaf element: its text and CDATA children joined;
 * comments and processing instructions skipped, elements refused. */
static char *
dup_text (Reader *r, const xmlNode *elem, const char *kind_name, GError **error)
{
  GString *s = g_string_new (NULL);

  for (const xmlNode *n = elem->children; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        g_string_append (s, (const char *) n->content);
      else if (n->type != XML_COMMENT_NODE && n->type != XML_PI_NODE)
        {
          if (n->type == XML_ELEMENT_NODE)
            fail_at (r, n, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                     "unexpected element '%s' in a value of type %s", (const char *) n->name,
                     kind_name);
          else
            check_node_kind (r, n, error);
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  return g_string_free (s, FALSE);
}

/* XML Schema's whitespace collapse, for values that cannot hold spaces. */
static char *
strip_blanks (char *s)
{
  char *start = s, *end;

  while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
    start++;
  end = start + strlen (start);
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  *end = '\0';
  return start;
}

/* The decimal form of xs:float and xs:double; g_ascii_strtod() alone would
 * also take "inf", "nan" and hexadecimal. */
static gboolean
is_decimal_number (const char *p)
{
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

static gboolean
parse_floating (const char *s, gboolean is_float, gdouble *out)
{
  const char *end = NULL;

  if (strcmp (s, "NaN") == 0)
    *out = NAN;
  else if (strcmp (s, "INF") == 0 || strcmp (s, "+INF") == 0)
    *out = INFINITY;
  else if (strcmp (s, "-INF") == 0)
    *out = -INFINITY;
  else
    {
      if (!is_decimal_number (s))
        return FALSE;
      *out = g_ascii_strtod (s, (char **) &end);
      if (end == NULL || *end != '\0' || isinf (*out))
        return FALSE;
      /* past FLT_MAX by half an ulp or more, it would round to infinity */
      if (is_float && fabs (*out) >= 0x1.ffffffp+127)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_unsigned (const char *s, guint64 max, guint64 *out)
{
  if (*s == '+') /* as xs:unsignedInt allows; g_ascii_string_to_unsigned () does not */
    s++;
  return g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

static gboolean
read_scalar (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  const char *kind_name = gorb_type_kind_to_string (type->kind);
  g_autofree char *raw = dup_text (r, elem, kind_name, error);
  const char *s;
  gint64 i64;
  guint64 u64;
  gdouble d;

  if (raw == NULL)
    return FALSE;
  s = strip_blanks (raw);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      if (strcmp (s, "true") == 0 || strcmp (s, "1") == 0)
        *(gboolean *) value = TRUE;
      else if (strcmp (s, "false") == 0 || strcmp (s, "0") == 0)
        *(gboolean *) value = FALSE;
      else
        break;
      return TRUE;
    case GORB_TK_OCTET:
      if (!parse_unsigned (s, G_MAXUINT8, &u64))
        break;
      *(guint8 *) value = (guint8) u64;
      return TRUE;
    case GORB_TK_SHORT:
      if (!g_ascii_string_to_signed (s, 10, G_MININT16, G_MAXINT16, &i64, NULL))
        break;
      *(gint16 *) value = (gint16) i64;
      return TRUE;
    case GORB_TK_USHORT:
      if (!parse_unsigned (s, G_MAXUINT16, &u64))
        break;
      *(guint16 *) value = (guint16) u64;
      return TRUE;
    case GORB_TK_LONG:
      if (!g_ascii_string_to_signed (s, 10, G_MININT32, G_MAXINT32, &i64, NULL))
        break;
      *(gint32 *) value = (gint32) i64;
      return TRUE;
    case GORB_TK_ULONG:
      if (!parse_unsigned (s, G_MAXUINT32, &u64))
        break;
      *(guint32 *) value = (guint32) u64;
      return TRUE;
    case GORB_TK_LONGLONG:
      if (!g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, &i64, NULL))
        break;
      *(gint64 *) value = i64;
      return TRUE;
    case GORB_TK_ULONGLONG:
      if (!parse_unsigned (s, G_MAXUINT64, &u64))
        break;
      *(guint64 *) value = u64;
      return TRUE;
    case GORB_TK_FLOAT:
      if (!parse_floating (s, TRUE, &d))
        break;
      *(gfloat *) value = (gfloat) d;
      return TRUE;
    case GORB_TK_DOUBLE:
      if (!parse_floating (s, FALSE, &d))
        break;
      *(gdouble *) value = d;
      return TRUE;
    case GORB_TK_ENUM:
      for (guint32 i = 0; i < type->n_members; i++)
        if (strcmp (s, type->enumerators[i]) == 0)
          {
            *(guint32 *) value = i;
            return TRUE;
          }
      kind_name = type->name != NULL ? type->name : kind_name;
      break;
    default:
      g_assert_not_reached ();
    }
  g_autofree char *shown = abbreviate (s);
  return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_VALUE, "'%s' is not a valid %s", shown,
                  kind_name);
}

/* One character, U+0000..U+00FF (the char's byte, read as Latin-1). */
static gboolean
read_char (Reader *r, xmlNodePtr elem, gpointer value, GError **error)
{
  g_autofree char *s = dup_text (r, elem, "char", error);
  gunichar c;

  if (s == NULL)
    return FALSE;
  if (*s == '\0')
    return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_VALUE, "a char needs one character");
  c = g_utf8_get_char (s);
  if (*g_utf8_next_char (s) != '\0' || c > 0xFF)
    {
      g_autofree char *shown = abbreviate (s);
      return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_VALUE,
                      "'%s' is not one character from U+0000 to U+00FF", shown);
    }
  *(guint8 *) value = (guint8) c;
  return TRUE;
}

/* A string's text exactly as it is; a bound counts bytes, as in CDR. */
static gboolean
read_string (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  char *s = dup_text (r, elem, gorb_type_kind_to_string (type->kind), error);
  gsize len;

  if (s == NULL)
    return FALSE;
  len = strlen (s);
  if (type->bound != 0 && len > type->bound)
    {
      g_free (s);
      return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                      "string of %" G_GSIZE_FORMAT " bytes exceeds its bound of %u", len,
                      type->bound);
    }
  *(char **) value = s;
  return TRUE;
}

/* An object reference: its stringified form, taken exactly; empty is nil. */
static gboolean
read_objref (Reader *r, xmlNodePtr elem, GObject **value, GError **error)
{
  g_autofree char *text = dup_text (r, elem, gorb_type_kind_to_string (GORB_TK_OBJREF), error);
  g_autofree char *location = NULL;
  long line;

  if (text == NULL)
    return FALSE;
  line = xmlGetLineNo (elem);
  location = line > 0 ? g_strdup_printf ("line %ld", line) : NULL;
  return gorb_objref_decode_string (text, value, &r->path, location, error);
}

/* Finds the element @name at *cursor; @after is the element read before
 * it (or the parent), to say where the missing one was due. */
static gboolean
expect_element (Reader *r, xmlNodePtr parent, xmlNodePtr *cursor, const xmlNode *after,
                const char *name, xmlNodePtr *out, GError **error)
{
  if (!next_element (r, cursor, name, out, error))
    return FALSE;
  if (*out == NULL)
    return fail_at (r, after, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "expected element '%s' but found the end of '%s'", name,
                    (const char *) parent->name);
  if (!xmlStrEqual ((*out)->name, (const xmlChar *) name))
    return fail_at (r, *out, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "expected element '%s' but found '%s'", name, (const char *) (*out)->name);
  return TRUE;
}

static gboolean
expect_end (Reader *r, xmlNodePtr parent, xmlNodePtr *cursor, GError **error)
{
  xmlNodePtr extra;

  if (!next_element (r, cursor, NULL, &extra, error))
    return FALSE;
  if (extra != NULL)
    return fail_at (r, extra, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "unexpected element '%s' at the end of '%s'", (const char *) extra->name,
                    (const char *) parent->name);
  return TRUE;
}

/* gorb_marshal_path_push(), with the line of @elem in the message */
static gboolean
push (Reader *r, const xmlNode *elem, const char *name, GError **error)
{
  if (r->path.depth >= GORB_MARSHAL_MAX_DEPTH)
    return fail_at (r, elem, error, GORB_MARSHAL_ERROR_TOO_DEEP, "nesting deeper than %d levels",
                    GORB_MARSHAL_MAX_DEPTH);
  return gorb_marshal_path_push (&r->path, name, 0, error);
}

static gboolean
read_member (Reader *r, xmlNodePtr elem, const char *name, const GorbTypeDesc *type, gpointer value,
             GError **error)
{
  if (!push (r, elem, name, error))
    return FALSE;
  if (!read_value (r, elem, type, value, error))
    return FALSE;
  gorb_marshal_path_pop (&r->path);
  return TRUE;
}

static gboolean
read_struct (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  xmlNodePtr cursor = elem->children, child = elem;

  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      if (!expect_element (r, elem, &cursor, child, m->name, &child, error)
          || !read_member (r, child, m->name, m->type, (guint8 *) value + m->offset, error))
        return FALSE;
    }
  return expect_end (r, elem, &cursor, error);
}

static char *
describe_discriminator (const GorbTypeDesc *type, gint64 d)
{
  const GorbTypeDesc *dt = gorb_type_desc_resolve (type->content);

  if (dt->kind == GORB_TK_ENUM && d >= 0 && d < dt->n_members)
    return g_strdup (dt->enumerators[d]);
  if (dt->kind == GORB_TK_BOOLEAN)
    return g_strdup (d ? "true" : "false");
  return g_strdup_printf ("%" G_GINT64_FORMAT, d);
}

static gboolean
read_union (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  xmlNodePtr cursor = elem->children, d_elem, case_elem;
  const GorbMemberDesc *c;
  gint64 d;

  if (!expect_element (r, elem, &cursor, elem, "_d", &d_elem, error)
      || !read_member (r, d_elem, "_d", type->content, value, error))
    return FALSE;
  if (!gorb_union_get_discriminator (type, value, &d))
    return fail_at (r, d_elem, error, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR,
                    "union discriminator type is not integral");
  c = gorb_union_find_case (type, d);
  if (c == NULL)
    {
      g_autofree char *shown = describe_discriminator (type, d);
      return fail_at (r, d_elem, error, GORB_MARSHAL_ERROR_BAD_UNION,
                      "discriminator %s selects no case of the union", shown);
    }
  if (!expect_element (r, elem, &cursor, d_elem, c->name, &case_elem, error)
      || !read_member (r, case_elem, c->name, c->type, (guint8 *) value + c->offset, error))
    return FALSE;
  return expect_end (r, elem, &cursor, error);
}

/* Counts the <item> children of @elem, up to @limit: *extra is the first
 * item past it, *last the last item counted (or @elem). */
static gboolean
count_items (Reader *r, xmlNodePtr elem, guint32 limit, guint32 *n, xmlNodePtr *extra,
             xmlNodePtr *last, GError **error)
{
  xmlNodePtr cursor = elem->children, item;

  *n = 0;
  *extra = NULL;
  *last = elem;
  for (;;)
    {
      if (!next_element (r, &cursor, "item", &item, error))
        return FALSE;
      if (item == NULL)
        return TRUE;
      if (!xmlStrEqual (item->name, (const xmlChar *) "item"))
        return fail_at (r, item, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                        "expected element 'item' but found '%s'", (const char *) item->name);
      if (*n == limit)
        {
          *extra = item;
          return TRUE;
        }
      *last = item;
      (*n)++;
    }
}

static gboolean
read_items (Reader *r, xmlNodePtr elem, const GorbTypeDesc *elem_type, guint8 *data, guint32 n,
            GError **error)
{
  xmlNodePtr cursor = elem->children, item;

  if (!push (r, elem, NULL, error))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    {
      gorb_marshal_path_set_index (&r->path, i);
      if (!next_element (r, &cursor, "item", &item, error)
          || !read_value (r, item, elem_type, data + (gsize) i * elem_type->size, error))
        return FALSE;
    }
  gorb_marshal_path_pop (&r->path);
  return TRUE;
}

static gboolean
read_sequence (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  GorbSequence *seq = value;
  xmlNodePtr extra, last;
  guint32 n;

  /* Count (and check) the items first: the buffer is allocated once. */
  if (!count_items (r, elem, type->bound != 0 ? type->bound : G_MAXUINT32, &n, &extra, &last,
                    error))
    return FALSE;
  if (extra != NULL)
    return fail_at (r, extra, error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                    "sequence has more items than its bound of %u", type->bound);
  if (n == 0)
    return TRUE;
  seq->data = g_malloc0_n (n, type->content->size);
  seq->len = n; /* zeroed elements: a failure half way is cleared safely */
  return read_items (r, elem, type->content, seq->data, n, error);
}

static gboolean
read_array (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  xmlNodePtr extra, last;
  guint32 n;

  if (!count_items (r, elem, type->bound, &n, &extra, &last, error))
    return FALSE;
  if (extra != NULL)
    return fail_at (r, extra, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "array has more than its %u items", type->bound);
  if (n != type->bound)
    return fail_at (r, last, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "array has %u items but needs %u", n, type->bound);
  return read_items (r, elem, type->content, value, n, error);
}

static gboolean
read_value (Reader *r, xmlNodePtr elem, const GorbTypeDesc *type, gpointer value, GError **error)
{
  if (!check_element (r, elem, error))
    return FALSE;
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
    case GORB_TK_OCTET:
    case GORB_TK_SHORT:
    case GORB_TK_USHORT:
    case GORB_TK_LONG:
    case GORB_TK_ULONG:
    case GORB_TK_LONGLONG:
    case GORB_TK_ULONGLONG:
    case GORB_TK_FLOAT:
    case GORB_TK_DOUBLE:
    case GORB_TK_ENUM:
      return read_scalar (r, elem, type, value, error);
    case GORB_TK_CHAR:
      return read_char (r, elem, value, error);
    case GORB_TK_STRING:
      return read_string (r, elem, type, value, error);
    case GORB_TK_OBJREF:
      return read_objref (r, elem, value, error);
    case GORB_TK_STRUCT:
      return read_struct (r, elem, type, value, error);
    case GORB_TK_UNION:
      return read_union (r, elem, type, value, error);
    case GORB_TK_SEQUENCE:
      return read_sequence (r, elem, type, value, error);
    case GORB_TK_ARRAY:
      return read_array (r, elem, type, value, error);
    case GORB_TK_ALIAS:
    default:
      return fail_at (r, elem, error, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR,
                      "cannot decode a value of kind '%s'", gorb_type_kind_to_string (type->kind));
    }
}

/**
 * gorb_xml_read_value:
 * @element: the element that holds the value (its name is not checked)
 * @type: the value's descriptor
 * @value: (out caller-allocates): where the value goes; overwritten
 *   without being cleared
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Decodes the content of @element as a value of @type.
 *
 * Errors: %GORB_MARSHAL_ERROR_BAD_ELEMENT for a missing, extra or misnamed
 * element, stray text, an attribute or namespace, an array with the wrong
 * number of items; %GORB_MARSHAL_ERROR_BAD_VALUE for a boolean, number,
 * enum or char outside its type; %GORB_MARSHAL_ERROR_BAD_LENGTH for a
 * string or sequence past its bound; %GORB_MARSHAL_ERROR_BAD_UNION for a
 * discriminator that selects no case; %GORB_MARSHAL_ERROR_FORBIDDEN_XML for
 * an entity reference; %GORB_MARSHAL_ERROR_TOO_DEEP past
 * %GORB_MARSHAL_MAX_DEPTH levels. Messages name the line and member path.
 *
 * Returns: %TRUE on success; on failure @value is left cleared (zeroed,
 *   owning nothing)
 */
gboolean
gorb_xml_read_value (xmlNodePtr element, const GorbTypeDesc *type, gpointer value, GError **error)
{
  g_return_val_if_fail (element != NULL && type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gorb_xml_read_value_named (element, type, value, NULL, NULL, error);
}

/* gorb_xml_read_value(), with the root of the member path named
 * "<scope>.<name>" in messages. */
gboolean
gorb_xml_read_value_named (xmlNodePtr element, const GorbTypeDesc *type, gpointer value,
                           const char *scope, const char *name, GError **error)
{
  Reader r;

  memset (value, 0, type->size);
  gorb_marshal_path_init_named (&r.path, type, scope, name);
  if (element->type != XML_ELEMENT_NODE)
    return fail_at (&r, element, error, GORB_MARSHAL_ERROR_BAD_ELEMENT, "not an element");
  if (read_value (&r, element, type, value, error))
    return TRUE;
  gorb_value_clear (type, value);
  memset (value, 0, type->size);
  return FALSE;
}

/**
 * gorb_xml_decode:
 * @type: the value's descriptor
 * @data: (array length=len): an XML document
 * @len: its length in bytes
 * @root_name: (nullable): the name the root element must have; %NULL for
 *   the short name of @type
 * @value: (out caller-allocates): where the value goes; overwritten
 *   without being cleared
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Parses @data with gorb_xml_parse() and decodes its root element with
 * gorb_xml_read_value().
 *
 * Errors: those of gorb_xml_parse() and gorb_xml_read_value();
 * %GORB_MARSHAL_ERROR_BAD_ELEMENT for a root element of another name.
 *
 * Returns: %TRUE on success; on failure @value is left cleared
 */
gboolean
gorb_xml_decode (const GorbTypeDesc *type, const char *data, gsize len, const char *root_name,
                 gpointer value, GError **error)
{
  xmlDocPtr doc;
  xmlNodePtr root;
  gboolean ok;

  g_return_val_if_fail (type != NULL && value != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (value, 0, type->size);
  if (root_name == NULL)
    root_name = gorb_type_desc_get_short_name (type);
  doc = gorb_xml_parse (data, len, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *) root_name))
    {
      Reader r;
      gorb_marshal_path_init (&r.path, type);
      ok = fail_at (&r, root, error, GORB_MARSHAL_ERROR_BAD_ELEMENT,
                    "expected root element '%s' but found '%s'", root_name,
                    root != NULL ? (const char *) root->name : "none");
    }
  else
    ok = gorb_xml_read_value (root, type, value, error);
  xmlFreeDoc (doc);
  return ok;
}
