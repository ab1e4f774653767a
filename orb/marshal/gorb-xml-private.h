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

G_END_DECLS
