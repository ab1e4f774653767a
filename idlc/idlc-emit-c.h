/* idlc-emit-c.h - the C back end: a checked AST to <base>.h and <base>.c
 *
 * Emits the data types of the main file (idlc_ast_is_main_file()): structs,
 * unions, enums, typedefs (sequences, bounded strings, arrays), exceptions
 * (members, GError domain, GorbExceptionDesc) and consts, each with its
 * GorbTypeDesc, as in the Person.h and Person.c of samples/personlist/Person.idl.
 * Definitions from #include'd files are referenced: their header is
 * #included. Reads the AST only (the names are the check stage's). Interfaces
 * (idlc-emit-c-iface.c): the GInterface, the calls with their _async and
 * _finish forms, the descriptors, the proxy class and the skeleton. */
#pragma once

#include "idlc-ast.h"

G_BEGIN_DECLS

void idlc_emit_c (const IdlcAst *ast, const char *idl_path, GString *header, GString *source);
gboolean idlc_emit_c_write (const IdlcAst *ast, const char *idl_path, const char *outdir,
                            GError **error);
char *idlc_emit_c_base_name (const char *idl_path);

G_END_DECLS
