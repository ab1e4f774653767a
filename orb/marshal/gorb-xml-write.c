/* gorb-xml-write.c - C values to XML elements, through their descriptors
 *
 * The writer builds a libxml2 tree: one element per value, text only in
 * leaf elements, so libxml2's indentation (which it only adds between
 * element children) never touches a value. Everything that XML 1.0 cannot
 * carry is refused here, before a byte is written: a string that is not
 * UTF-8 or holds a character outside XML's Char production, a char that is
 * such a character, a union whose discriminator selects no case, a length
 * past a bound. libxml2 escapes '<', '>', '&' and CR ("&#13;", so that a CR
 * survives the line-end normalisation of the parser) when it serializes.
 */
#include "gorb-objref-private.h"
#include "gorb-xml-private.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

typedef struct
{
  GorbMarshalPath path;
  xmlDocPtr doc; /* borrowed; NULL when writing an unlinked element */
} Writer;

static gboolean write_contents (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type,
                                gconstpointer value, GError **error);

static xmlNodePtr
add_element (Writer *w, xmlNodePtr parent, const char *name)
{
  xmlNodePtr child = xmlNewDocNode (w->doc, NULL, (const xmlChar *) name, NULL);

  xmlAddChild (parent, child);
  return child;
}

/* Text is copied; an empty one adds nothing, so it reads back as <x/>. */
static void
add_text (Writer *w, xmlNodePtr elem, const char *text, gsize len)
{
  if (len > 0)
    xmlAddChild (elem, xmlNewDocTextLen (w->doc, (const xmlChar *) text, (int) len));
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
static gboolean
is_xml_char (gunichar c)
{
  return (c >= 0x20 && c <= 0xD7FF) || c == 0x9 || c == 0xA || c == 0xD
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Checks that @s can be the text of an element: UTF-8 made of XML
 * characters, shorter than libxml2's int lengths. Sets *len to its length
 * in bytes. */
static gboolean
check_text (Writer *w, const char *s, gsize *len, GError **error)
{
  const char *end;
  const guchar *p;

  if (!g_utf8_validate (s, -1, &end))
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_BAD_STRING, NULL,
                              "string is not valid UTF-8 (byte 0x%02x at offset %" G_GSIZE_FORMAT
                              ")",
                              (guint) * (const guchar *) end, (gsize) (end - s));
  *len = (gsize) (end - s);
  if (*len > G_MAXINT)
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                              "string of %" G_GSIZE_FORMAT " bytes is too long for XML", *len);
  /* g_utf8_validate() already refused surrogates and code points past
   * U+10FFFF: what is left to find are C0 controls and U+FFFE, U+FFFF. */
  for (p = (const guchar *) s; *p != '\0'; p++)
    {
      if (*p >= 0x20 && *p != 0xEF)
        continue;
      gunichar c = g_utf8_get_char ((const char *) p);
      if (!is_xml_char (c))
        return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_BAD_STRING, NULL,
                                  "string holds U+%04X at offset %" G_GSIZE_FORMAT
                                  ", which XML 1.0 cannot carry",
                                  (guint) c, (gsize) (p - (const guchar *) s));
    }
  return TRUE;
}

/* The shortest "%.Ng" that reads back as @d, read as the reader does
 * (g_ascii_strtod(), then a conversion to float if @is_float). For a normal
 * number the search starts at 15 digits (6 for a float): that grid is
 * coarser than an ulp, so if a form that short exists "%.15g" finds it
 * ("0.1", not "0.10000000000000001"). A subnormal has fewer significant
 * bits: its search starts at one digit ("1e-310"). */
static void
format_floating (char *buf, gsize size, gdouble d, gboolean is_float)
{
  int min_digits = is_float ? 6 : 15, max_digits = is_float ? 9 : 17;

  if (isnan (d))
    {
      g_strlcpy (buf, "NaN", size);
      return;
    }
  if (isinf (d))
    {
      g_strlcpy (buf, d > 0 ? "INF" : "-INF", size);
      return;
    }
  if (fpclassify (is_float ? (gfloat) d : d) == FP_SUBNORMAL)
    min_digits = 1;
  for (int digits = min_digits; digits <= max_digits; digits++)
    {
      char format[8];
      gdouble back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, (int) size, format, d);
      back = g_ascii_strtod (buf, NULL);
      if (is_float ? (gfloat) back == (gfloat) d : back == d)
        return;
    }
}

/* A char is one character: bytes 0x80..0xFF are the Latin-1 code points
 * U+0080..U+00FF, so they are written as two UTF-8 bytes. */
static gboolean
write_char (Writer *w, xmlNodePtr elem, guint8 c, GError **error)
{
  char buf[8];
  gint n;

  if (!is_xml_char (c))
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                              "char 0x%02x cannot be carried by XML 1.0", (guint) c);
  n = g_unichar_to_utf8 (c, buf);
  add_text (w, elem, buf, (gsize) n);
  return TRUE;
}

static gboolean
write_string (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type, const char *s, GError **error)
{
  gsize len = 0;

  if (s == NULL)
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                              "string is NULL");
  if (!check_text (w, s, &len, error))
    return FALSE;
  if (type->bound != 0 && len > type->bound)
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                              "string of %" G_GSIZE_FORMAT " bytes exceeds its bound of %u", len,
                              type->bound);
  add_text (w, elem, s, len);
  return TRUE;
}

/* Booleans, numbers, enums: the text of the element. */
static gboolean
write_scalar (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type, gconstpointer value,
              GError **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      g_strlcpy (buf, *(const gboolean *) value ? "true" : "false", sizeof buf);
      break;
    case GORB_TK_OCTET:
      g_snprintf (buf, sizeof buf, "%u", (guint) * (const guint8 *) value);
      break;
    case GORB_TK_SHORT:
      g_snprintf (buf, sizeof buf, "%d", (gint) * (const gint16 *) value);
      break;
    case GORB_TK_USHORT:
      g_snprintf (buf, sizeof buf, "%u", (guint) * (const guint16 *) value);
      break;
    case GORB_TK_LONG:
      g_snprintf (buf, sizeof buf, "%" G_GINT32_FORMAT, *(const gint32 *) value);
      break;
    case GORB_TK_ULONG:
      g_snprintf (buf, sizeof buf, "%" G_GUINT32_FORMAT, *(const guint32 *) value);
      break;
    case GORB_TK_LONGLONG:
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, *(const gint64 *) value);
      break;
    case GORB_TK_ULONGLONG:
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, *(const guint64 *) value);
      break;
    case GORB_TK_FLOAT:
      format_floating (buf, sizeof buf, *(const gfloat *) value, TRUE);
      break;
    case GORB_TK_DOUBLE:
      format_floating (buf, sizeof buf, *(const gdouble *) value, FALSE);
      break;
    case GORB_TK_ENUM:
      {
        guint32 e = *(const guint32 *) value;
        if (e >= type->n_members)
          return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                                    "enum value %u is not one of the %u enumerators of '%s'", e,
                                    type->n_members, type->name != NULL ? type->name : "enum");
        add_text (w, elem, type->enumerators[e], strlen (type->enumerators[e]));
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
  add_text (w, elem, buf, strlen (buf));
  return TRUE;
}

static gboolean
write_struct (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type, gconstpointer value,
              GError **error)
{
  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      xmlNodePtr child;

      if (!gorb_marshal_path_push (&w->path, m->name, 0, error))
        return FALSE;
      child = add_element (w, elem, m->name);
      if (!write_contents (w, child, m->type, (const guint8 *) value + m->offset, error))
        return FALSE;
      gorb_marshal_path_pop (&w->path);
    }
  return TRUE;
}

/* <_d> (the discriminator, written as its type is), then the selected case. */
static gboolean
write_union (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type, gconstpointer value,
             GError **error)
{
  const GorbMemberDesc *c;
  gint64 d;

  if (!gorb_union_get_discriminator (type, value, &d))
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, NULL,
                              "union discriminator type is not integral");
  c = gorb_union_find_case (type, d);
  if (c == NULL)
    return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                              "discriminator %" G_GINT64_FORMAT " selects no case of the union", d);
  if (!gorb_marshal_path_push (&w->path, "_d", 0, error))
    return FALSE;
  if (!write_contents (w, add_element (w, elem, "_d"), type->content, value, error))
    return FALSE;
  gorb_marshal_path_pop (&w->path);
  if (!gorb_marshal_path_push (&w->path, c->name, 0, error))
    return FALSE;
  if (!write_contents (w, add_element (w, elem, c->name), c->type,
                       (const guint8 *) value + c->offset, error))
    return FALSE;
  gorb_marshal_path_pop (&w->path);
  return TRUE;
}

/* Sequences and arrays: one <item> per element. */
static gboolean
write_items (Writer *w, xmlNodePtr elem, const GorbTypeDesc *elem_type, const guint8 *data,
             guint32 n, GError **error)
{
  if (n == 0)
    return TRUE;
  if (!gorb_marshal_path_push (&w->path, NULL, 0, error))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    {
      gorb_marshal_path_set_index (&w->path, i);
      if (!write_contents (w, add_element (w, elem, "item"), elem_type,
                           data + (gsize) i * elem_type->size, error))
        return FALSE;
    }
  gorb_marshal_path_pop (&w->path);
  return TRUE;
}

static gboolean
write_contents (Writer *w, xmlNodePtr elem, const GorbTypeDesc *type, gconstpointer value,
                GError **error)
{
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
      return write_scalar (w, elem, type, value, error);
    case GORB_TK_CHAR:
      return write_char (w, elem, *(const guint8 *) value, error);
    case GORB_TK_STRING:
      return write_string (w, elem, type, *(char *const *) value, error);
    case GORB_TK_OBJREF:
      {
        /* the stringified reference; nil (NULL) is the empty element */
        g_autofree char *text
            = gorb_objref_encode_string (*(GObject *const *) value, &w->path, NULL, error);
        return text != NULL && write_string (w, elem, type, text, error);
      }
    case GORB_TK_STRUCT:
      return write_struct (w, elem, type, value, error);
    case GORB_TK_UNION:
      return write_union (w, elem, type, value, error);
    case GORB_TK_SEQUENCE:
      {
        const GorbSequence *seq = value;
        if (type->bound != 0 && seq->len > type->bound)
          return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                                    "sequence of %u elements exceeds its bound of %u", seq->len,
                                    type->bound);
        if (seq->len > 0 && seq->data == NULL)
          return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_INVALID_VALUE, NULL,
                                    "sequence of %u elements has no data", seq->len);
        return write_items (w, elem, type->content, seq->data, seq->len, error);
      }
    case GORB_TK_ARRAY:
      return write_items (w, elem, type->content, value, type->bound, error);
    case GORB_TK_ALIAS:
    default:
      return gorb_marshal_fail (error, &w->path, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, NULL,
                                "cannot encode a value of kind '%s'",
                                gorb_type_kind_to_string (type->kind));
    }
}

/**
 * gorb_xml_write_value:
 * @parent: (nullable): the element to append the new element to, or %NULL
 *   for a new element linked nowhere (free it with xmlFreeNode())
 * @element_name: (nullable): the name of the new element; %NULL for the
 *   short name of @type ("Person" for "Test::Person")
 * @type: the value's descriptor
 * @value: a value of @type
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Appends to @parent one element holding @value, in the encoding described
 * in gorb-xml.h. On failure nothing is left in @parent.
 *
 * Errors: %GORB_MARSHAL_ERROR_INVALID_VALUE for a %NULL string, an enum
 * value that names no enumerator, a char XML cannot carry, a string or
 * sequence longer than its bound, a union whose discriminator selects no
 * case; %GORB_MARSHAL_ERROR_BAD_STRING for a string that is not UTF-8 or
 * holds characters XML 1.0 cannot carry; %GORB_MARSHAL_ERROR_TOO_DEEP past
 * %GORB_MARSHAL_MAX_DEPTH levels; %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR.
 *
 * Returns: (transfer none) (nullable): the new element, or %NULL on error
 */
xmlNodePtr
gorb_xml_write_value (xmlNodePtr parent, const char *element_name, const GorbTypeDesc *type,
                      gconstpointer value, GError **error)
{
  g_return_val_if_fail (type != NULL && value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (element_name == NULL)
    element_name = gorb_type_desc_get_short_name (type);
  g_return_val_if_fail (xmlValidateNCName ((const xmlChar *) element_name, 0) == 0, NULL);

  return gorb_xml_write_value_named (parent, element_name, type, value, NULL, NULL, error);
}

/* gorb_xml_write_value() with an @element_name, and the root of the member
 * path named "<scope>.<name>" in messages. */
xmlNodePtr
gorb_xml_write_value_named (xmlNodePtr parent, const char *element_name, const GorbTypeDesc *type,
                            gconstpointer value, const char *scope, const char *name,
                            GError **error)
{
  Writer w;
  xmlNodePtr elem;

  gorb_xml_init ();
  gorb_marshal_path_init_named (&w.path, type, scope, name);
  w.doc = parent != NULL ? parent->doc : NULL;
  elem = xmlNewDocNode (w.doc, NULL, (const xmlChar *) element_name, NULL);
  if (parent != NULL)
    xmlAddChild (parent, elem);
  if (!write_contents (&w, elem, type, value, error))
    {
      xmlUnlinkNode (elem);
      xmlFreeNode (elem);
      return NULL;
    }
  return elem;
}

static void
free_xml_buffer (gpointer buffer)
{
  xmlFree (buffer);
}

/**
 * gorb_xml_encode:
 * @type: the value's descriptor
 * @value: a value of @type
 * @root_name: (nullable): the name of the root element; %NULL for the short
 *   name of @type
 * @error: return location for a #GORB_MARSHAL_ERROR
 *
 * Encodes @value as a whole document: an XML declaration, then the root
 * element, indented by two spaces a level, in UTF-8.
 *
 * Errors: those of gorb_xml_write_value().
 *
 * Returns: (transfer full) (nullable): the document (the bytes are followed
 *   by a NUL that the size does not count), or %NULL on error
 */
GBytes *
gorb_xml_encode (const GorbTypeDesc *type, gconstpointer value, const char *root_name,
                 GError **error)
{
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlChar *buffer = NULL;
  int size = 0;

  g_return_val_if_fail (type != NULL && value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gorb_xml_init ();
  doc = xmlNewDoc ((const xmlChar *) "1.0");
  root = gorb_xml_write_value (NULL, root_name, type, value, error);
  if (root == NULL)
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  xmlDocSetRootElement (doc, root);
  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  if (buffer == NULL || size < 0)
    {
      g_set_error_literal (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_FAILED,
                           "libxml2 could not serialize the document");
      return NULL;
    }
  return g_bytes_new_with_free_func (buffer, (gsize) size, free_xml_buffer, buffer);
}
