/* gorb-xml-private.h - what the XML writer, reader and schema generator share */
#pragma once

#include "gorb-marshal-private.h"
#include "gorb-xml.h"

G_BEGIN_DECLS

/* The one namespace a gorb document may use: for xsi:noNamespaceSchemaLocation
 * and xsi:schemaLocation hints, which decoders ignore. */
#define GORB_XML_XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* Initialises libxml2 once per process (xmlInitParser is not thread-safe
 * itself); every entry point that touches libxml2 calls it first. */
void gorb_xml_init (void);

/* Values, with the root of the member path named "<scope>.<name>" in
 * messages (gorb_marshal_path_init_named()); otherwise as
 * gorb_xml_write_value() (@element_name required) and gorb_xml_read_value(),
 * without their argument checks. */
G_GNUC_INTERNAL xmlNodePtr gorb_xml_write_value_named (xmlNodePtr parent, const char *element_name,
                                                       const GorbTypeDesc *type,
                                                       gconstpointer value, const char *scope,
                                                       const char *name, GError **error);
G_GNUC_INTERNAL gboolean gorb_xml_read_value_named (xmlNodePtr element, const GorbTypeDesc *type,
                                                    gpointer value, const char *scope,
                                                    const char *name, GError **error);

G_END_DECLS
