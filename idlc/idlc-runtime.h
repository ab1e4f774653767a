/* idlc-runtime.h - type descriptors built at run time from a checked IDL tree
 *
 * What `gorb encode`/`gorb decode` use instead of generated code: for one
 * named data type of a checked IdlcAst, the GorbTypeDesc tree of that type
 * and of everything it contains, allocated at run time, with exactly the
 * sizes, alignments and member offsets of the C layout the C back end
 * (idlc-emit-c*.c) generates for it on this machine, so that libgorb's codecs
 * work on a zeroed buffer of the root's size as they work on the generated
 * C type. Names and repository ids are those of the generated descriptors
 * (members and cases carry their C names: the IDL name, with a trailing '_'
 * for a C keyword).
 *
 * Invariants: the tree (descriptors, member and enumerator tables, strings)
 * belongs to one IdlcRuntimeType and goes with idlc_runtime_type_free(); the
 * basic types are libgorb's static descriptors; the AST may be freed once
 * the tree is built. Recursive types (a struct holding a sequence of
 * itself) are cycles in the tree, as in generated code; typedef chains are
 * kept as chains of GORB_TK_ALIAS. A tree always passes
 * gorb_type_desc_validate().
 */
#pragma once

#include "idlc-ast.h"

#include <gorb.h>

G_BEGIN_DECLS

#define IDLC_RUNTIME_ERROR (idlc_runtime_error_quark ())

typedef enum
{
  IDLC_RUNTIME_ERROR_FAILED,      /* keep first */
  IDLC_RUNTIME_ERROR_NOT_FOUND,   /* no definition has that scoped name */
  IDLC_RUNTIME_ERROR_NOT_A_TYPE,  /* the name is a module, interface, constant... */
  IDLC_RUNTIME_ERROR_UNSUPPORTED, /* an exception without members, a type nested too deep */
  IDLC_RUNTIME_ERROR_TOO_LARGE,   /* the C value would exceed IDLC_RUNTIME_MAX_SIZE */
  /* append new codes below */
} IdlcRuntimeError;

/* The largest C value a run-time type may describe (arrays multiply fast). */
#define IDLC_RUNTIME_MAX_SIZE (64u * 1024 * 1024)

GQuark idlc_runtime_error_quark (void);

typedef struct _IdlcRuntimeType IdlcRuntimeType;

IdlcRuntimeType *idlc_runtime_type_new (const IdlcAst *ast, const char *name, GError **error);
const GorbTypeDesc *idlc_runtime_type_get_desc (const IdlcRuntimeType *type);
void idlc_runtime_type_free (IdlcRuntimeType *type);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdlcRuntimeType, idlc_runtime_type_free)

const IdlcNode *idlc_runtime_find (const IdlcAst *ast, const char *name);
GPtrArray *idlc_runtime_list_types (const IdlcAst *ast, gboolean main_file_only);
const char *idlc_runtime_suggest_type (const IdlcAst *ast, const char *name);

G_END_DECLS
