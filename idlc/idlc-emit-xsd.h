/* idlc-emit-xsd.h - the IDL compiler's XML Schema back end: one schema per
 * IDL file for the XML encoding of its types (the mapping of
 * orb/marshal/gorb-xml.h, as gorb_xml_schema_for_type() writes it) */
#pragma once

#include "idlc-ast.h"

G_BEGIN_DECLS

char *idlc_emit_xsd (const IdlcAst *ast, const char *source_name);

G_END_DECLS
