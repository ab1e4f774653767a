/* idlc-emit-c-private.h - what the C back end's files share: the emitter's
 * state and the C spelling of IDL types (idlc-emit-c-types.c) */
#pragma once

#include "idlc-emit-c.h"

G_BEGIN_DECLS

typedef struct
{
  const IdlcAst *ast;
  GString *h;             /* the header being written */
  GString *c;             /* the source being written */
  GHashTable *forwarded;  /* IdlcNode *: structs/unions whose `typedef struct _X X;` is out */
  gboolean async_helpers; /* the source has the _async/_finish helpers (idlc-emit-c-iface.c) */
} EmitC;

/* How a value of a type is passed in (exception members of _error_set). */
typedef enum
{
  EMIT_C_SCALAR,    /* by value, copied by assignment */
  EMIT_C_STRING,    /* const char *, deep-copied */
  EMIT_C_OBJREF,    /* GObject *, referenced */
  EMIT_C_AGGREGATE, /* by pointer, memcpy'd then deep-copied */
} EmitCPassing;

const IdlcNode *emit_c_resolve (const IdlcType *type);
char *emit_c_type (const IdlcType *type);
char *emit_c_size_type (const IdlcType *type);
char *emit_c_type_desc (EmitC *e, const IdlcType *type, const char *anon);
char *emit_c_array_desc (EmitC *e, const IdlcType *type, GPtrArray *dims, const char *anon);
EmitCPassing emit_c_passing (const IdlcType *type, const IdlcNode *declarator);
void emit_c_doc (GString *out, const char *doc, const char *indent);
void emit_c_decl (GString *out, const IdlcType *type, const IdlcNode *declarator);
void emit_c_label (GString *out, const IdlcExpr *label);
void emit_c_const_value (GString *out, const IdlcNode *node);

guint emit_c_n_declarators (const IdlcNode *n);
void emit_c_source_definition (EmitC *e, const IdlcNode *n);
void emit_c_interface (EmitC *e, const IdlcNode *n);

G_END_DECLS
