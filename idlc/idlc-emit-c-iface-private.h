/* idlc-emit-c-iface-private.h - what idlc-emit-c-iface.c (the model of an
 * interface's operations, the header, the descriptors, the GInterface and the
 * calls) shares with idlc-emit-c-iface-code.c (_async/_finish, the proxy and
 * the skeleton) */
#pragma once

#include "idlc-emit-c-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;   /* IDL */
  const char *c_name; /* C */
  const IdlcType *type;
  IdlcFlags dir; /* IDLC_FLAG_IN, _OUT or _INOUT */
} Param;

typedef struct
{
  const IdlcNode *node; /* the operation, or the attribute declarator */
  const IdlcNode *attr; /* the attribute, or NULL */
  gboolean setter;
  char *wire;             /* "getPerson", "_get_listname" */
  char *vfunc;            /* get_person */
  const char *func;       /* demo_person_list_get_person */
  char *tag;              /* DEMO_PERSON_LIST_OP_GET_PERSON */
  const IdlcType *result; /* NULL for void */
  GArray *params;         /* Param */
} Op;

typedef enum
{
  R_NONE,
  R_SCALAR,
  R_STRING,
  R_OBJREF,
  R_AGGREGATE,
} ResultKind;

typedef enum
{
  SIG_CALL,   /* the vfunc and the blocking call */
  SIG_ASYNC,  /* in and inout values, then cancellable, callback, user_data */
  SIG_FINISH, /* the GAsyncResult, out and inout values */
} SigForm;

GArray *iface_collect_ops (const IdlcNode *iface);
void iface_collect_ancestors (const IdlcNode *iface, GPtrArray *out);
ResultKind iface_result_kind (const IdlcType *t);
char *iface_result_ctype (const IdlcType *t);
const char *iface_result_fail (const IdlcType *t);
void iface_signature (GString *out, const IdlcNode *iface, const Op *op, SigForm form);
void iface_param_arg (GString *out, const Param *p);
void iface_arg_checks (GString *c, const Op *op, SigForm form, const char *fail);
void iface_zero_outs (GString *c, const Op *op, SigForm form);
char *iface_macro (const IdlcNode *iface, const char *infix);

void iface_emit_async_helpers (EmitC *e);
void iface_emit_async (EmitC *e, const IdlcNode *n, const Op *op);
void iface_emit_proxy (EmitC *e, const IdlcNode *n, GArray *ops);
void iface_emit_skeleton (EmitC *e, const IdlcNode *n, GArray *ops);

G_END_DECLS
