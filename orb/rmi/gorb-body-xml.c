/* gorb-body-xml.c - the document-level part of the XML bodies (root element,
 * attributes, the walk over the root's children) and the end check of CDR
 * bodies, shared by gorb-body.c and gorb-body-exception.c
 *
 * The values inside are the XML codec's business (gorb_xml_write_value(),
 * gorb_xml_read_value()); what is here follows the same rules: elements in
 * no namespace, between them only whitespace, comments and processing
 * instructions, every error a GORB_MARSHAL_ERROR naming the line.
 */
#include "gorb-body-private.h"

#include <stdarg.h>
#include <string.h>

gboolean
gorb_body_xml_fail (GError **error, const GorbMarshalPath *path, GorbMarshalError code,
                    const xmlNode *node, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *location = NULL;
  va_list args;
  long line;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  line = node != NULL ? xmlGetLineNo (node) : -1;
  location = line > 0 ? g_strdup_printf ("line %ld", line) : NULL;
  return gorb_marshal_fail (error, path, code, location, "%s", message);
}

xmlDocPtr
gorb_body_xml_new (const char *root_name, xmlNodePtr *root)
{
  xmlDocPtr doc;

  gorb_xml_init ();
  doc = xmlNewDoc ((const xmlChar *) "1.0");
  *root = xmlNewDocNode (doc, NULL, (const xmlChar *) root_name, NULL);
  xmlDocSetRootElement (doc, *root);
  return doc;
}

static void
free_xml_buffer (gpointer buffer)
{
  xmlFree (buffer);
}

GBytes *
gorb_body_xml_finish (xmlDocPtr doc, GError **error)
{
  xmlChar *buffer = NULL;
  int size = 0;

  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  if (buffer == NULL || size < 0)
    {
      xmlFree (buffer);
      g_set_error_literal (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_FAILED,
                           "libxml2 could not serialize the document");
      return NULL;
    }
  return g_bytes_new_with_free_func (buffer, (gsize) size, free_xml_buffer, buffer);
}

static gboolean
is_schema_hint (const xmlAttr *a)
{
  return a->ns != NULL && xmlStrEqual (a->ns->href, (const xmlChar *) GORB_XML_XSI_NS)
         && (xmlStrEqual (a->name, (const xmlChar *) "noNamespaceSchemaLocation")
             || xmlStrEqual (a->name, (const xmlChar *) "schemaLocation"));
}

static gboolean
check_attributes (xmlNodePtr root, const char *const *attributes, const GorbMarshalPath *path,
                  GError **error)
{
  for (const xmlAttr *a = root->properties; a != NULL; a = a->next)
    {
      gboolean known = FALSE;

      if (is_schema_hint (a))
        continue;
      for (guint i = 0; a->ns == NULL && attributes[i] != NULL; i++)
        known = known || xmlStrEqual (a->name, (const xmlChar *) attributes[i]);
      if (!known)
        return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, root,
                                   "unexpected attribute '%s' on element '%s'",
                                   (const char *) a->name, (const char *) root->name);
    }
  for (guint i = 0; attributes[i] != NULL; i++)
    if (!xmlHasNsProp (root, (const xmlChar *) attributes[i], NULL))
      return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, root,
                                 "element '%s' lacks its attribute '%s'", (const char *) root->name,
                                 attributes[i]);
  return TRUE;
}

xmlDocPtr
gorb_body_xml_open (GBytes *body, const char *root_name, const char *const *attributes,
                    const GorbMarshalPath *path, xmlNodePtr *root, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  xmlDocPtr doc;
  xmlNodePtr r;

  doc = gorb_xml_parse (data != NULL ? data : "", len, error);
  if (doc == NULL)
    return NULL;
  r = xmlDocGetRootElement (doc);
  if (r == NULL || !xmlStrEqual (r->name, (const xmlChar *) root_name))
    gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, r,
                        "expected root element '%s' but found '%s'", root_name,
                        r != NULL ? (const char *) r->name : "none");
  else if (r->ns != NULL)
    gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, r,
                        "element '%s' is in namespace '%s'; gorb elements are in none",
                        (const char *) r->name, (const char *) r->ns->href);
  else if (check_attributes (r, attributes, path, error))
    {
      *root = r;
      return doc;
    }
  xmlFreeDoc (doc);
  return NULL;
}

char *
gorb_body_xml_get_attribute (xmlNodePtr elem, const char *name)
{
  return (char *) xmlGetNoNsProp (elem, (const xmlChar *) name);
}

static gboolean
is_blank (const xmlChar *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return FALSE;
  return TRUE;
}

/* The next element from @cursor on (NULL at the end of the parent). */
static gboolean
next_element (xmlNodePtr cursor, const GorbMarshalPath *path, xmlNodePtr *out, GError **error)
{
  xmlNodePtr n;

  for (n = cursor; n != NULL; n = n->next)
    {
      if (n->type == XML_ELEMENT_NODE)
        break;
      if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE
          || ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
              && is_blank (n->content)))
        continue;
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, n,
                                   "unexpected text between elements");
      return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, n,
                                 "unexpected XML node of type %d", (int) n->type);
    }
  *out = n;
  return TRUE;
}

gboolean
gorb_body_xml_expect_element (xmlNodePtr parent, xmlNodePtr *cursor, const char *name,
                              const GorbMarshalPath *path, xmlNodePtr *out, GError **error)
{
  xmlNodePtr elem;

  if (!next_element (*cursor, path, &elem, error))
    return FALSE;
  if (elem == NULL)
    return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, parent,
                               "expected element '%s' but found the end of '%s'", name,
                               (const char *) parent->name);
  if (!xmlStrEqual (elem->name, (const xmlChar *) name))
    return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, elem,
                               "expected element '%s' but found '%s'", name,
                               (const char *) elem->name);
  *out = elem;
  *cursor = elem->next;
  return TRUE;
}

gboolean
gorb_body_xml_expect_end (xmlNodePtr parent, xmlNodePtr cursor, const GorbMarshalPath *path,
                          GError **error)
{
  xmlNodePtr extra;

  if (!next_element (cursor, path, &extra, error))
    return FALSE;
  if (extra != NULL)
    return gorb_body_xml_fail (error, path, GORB_MARSHAL_ERROR_BAD_ELEMENT, extra,
                               "unexpected element '%s' at the end of '%s'",
                               (const char *) extra->name, (const char *) parent->name);
  return TRUE;
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
static gboolean
is_xml_char (gunichar c)
{
  return (c >= 0x20 && c <= 0xD7FF) || c == 0x9 || c == 0xA || c == 0xD
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

char *
gorb_body_xml_dup_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *s = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_xml_char (c))
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
      else
        g_string_append_unichar (s, 0xFFFD);
    }
  return g_string_free (s, FALSE);
}

gboolean
gorb_body_cdr_check_end (const GorbCdrReader *reader, const GorbMarshalPath *path, GError **error)
{
  gsize left = reader->len - reader->pos;

  if (G_LIKELY (left == 0))
    return TRUE;
  return gorb_cdr_reader_fail (reader, reader->pos, path, error, GORB_MARSHAL_ERROR_TRAILING,
                               "%" G_GSIZE_FORMAT " byte%s left over after the body", left,
                               left == 1 ? "" : "s");
}
