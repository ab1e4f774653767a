/* gorb-xml.h - the XML encoding of values, and XML Schemas for their types
 *
 * One element per value, named after the IDL member (or, for a whole value,
 * after its type); sequence and array elements are <item>; a union holds a
 * <_d> element (the discriminator; IDL names cannot begin with '_') followed
 * by the element of the selected case. Booleans are true/false, enums their
 * enumerator's name, floating point numbers round-trip exactly ("NaN", "INF",
 * "-INF" as in XML Schema). Documents are parsed without DTDs, entities or
 * network access: a document that has any is refused.
 *
 * The mapping in detail (encoder output; the decoder also takes what the
 * notes in brackets say):
 *
 *   boolean         true | false                 [also 1 | 0]
 *   octet, integers decimal, no sign for >= 0     [leading '+', leading zeros]
 *   float, double   the shortest decimal that reads back bit for bit
 *                   ("1.5", "-0.1", "-0", "1e-310"), NaN, INF, -INF;
 *                   [decimal with optional exponent, +INF; a float beyond
 *                   FLT_MAX or a double beyond DBL_MAX is refused; every NaN
 *                   decodes to the quiet NaN: sign and payload are not kept]
 *   enum            the enumerator's name
 *   char            one character; bytes 0x80..0xFF are U+0080..U+00FF;
 *                   0x00..0x1F but TAB, LF, CR cannot be encoded
 *   string          its text exactly, no whitespace added or removed; CR
 *                   written "&#13;"; "" is an empty element <x/>; must be
 *                   UTF-8 made of XML 1.0 characters; a bound counts bytes
 *   object ref      the stringified reference (gorb-objref.h); nil is <x/>
 *   struct          one element per member, in IDL order
 *   union           <_d> written as its type is, then the case's element
 *   sequence, array <item> per element; an empty one is <x/>
 *   typedef         as its target
 *
 * The decoder drops whitespace around booleans, numbers and enums (XML
 * Schema's collapse), never around chars and strings. Between elements it
 * skips whitespace, comments and processing instructions, and joins CDATA
 * sections with text; anything else (stray text, attributes other than
 * xsi:schemaLocation and xsi:noNamespaceSchemaLocation, namespaced elements)
 * is an error. A whole document is UTF-8, indented by two spaces a level,
 * with an XML declaration; indentation only ever goes between elements.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <libxml/tree.h>

#include "gorb-type.h"
#include "gorb-marshal-error.h"

G_BEGIN_DECLS

xmlNodePtr gorb_xml_write_value (xmlNodePtr parent, const char *element_name,
                                 const GorbTypeDesc *type, gconstpointer value, GError **error);
gboolean gorb_xml_read_value (xmlNodePtr element, const GorbTypeDesc *type, gpointer value,
                              GError **error);

xmlDocPtr gorb_xml_parse (const char *data, gsize len, GError **error);

GBytes *gorb_xml_encode (const GorbTypeDesc *type, gconstpointer value, const char *root_name,
                         GError **error);
gboolean gorb_xml_decode (const GorbTypeDesc *type, const char *data, gsize len,
                          const char *root_name, gpointer value, GError **error);

char *gorb_xml_schema_for_type (const GorbTypeDesc *type, const char *root_name);

G_END_DECLS
