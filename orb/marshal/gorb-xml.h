/* gorb-xml.h - the XML encoding of values, and XML Schemas for their types
 *
 * One element per value, named after the IDL member (or, for a whole value,
 * after its type); sequence and array elements are <item>; a union holds a
 * <_d> element (the discriminator; IDL names cannot begin with '_') followed
 * by the element of the selected case. Booleans are true/false, enums their
 * enumerator's name, floating point numbers round-trip exactly ("NaN", "INF",
 * "-INF" as in XML Schema). Documents are parsed without DTDs, entities or
 * network access: a document that has any is refused.
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
