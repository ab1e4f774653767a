/* idlc-check-private.h - what the semantic stage's files share: the checker,
 * its scopes, and the passes each file implements */
#pragma once

#include "idlc-check.h"

G_BEGIN_DECLS

typedef struct _Scope Scope;
struct _Scope
{
  IdlcNode *owner; /* the defining node; NULL for the global scope */
  Scope *parent;
  GHashTable *names;  /* name -> IdlcNode * (the definition once there is one) */
  GHashTable *folded; /* lower-cased name -> IdlcNode *: the case-insensitive clash rule */
};

typedef struct
{
  IdlcAst *ast;
  IdlcDiag *diag;
  Scope *global;
  GHashTable *scopes;   /* IdlcNode * (any opening of a module) -> Scope * */
  GPtrArray *owned;     /* Scope *: all of them */
  GHashTable *order;    /* IdlcNode * -> declaration order (1-based) */
  GPtrArray *forwards;  /* IdlcNode *: forward declarations, in order */
  GPtrArray *pragmas;   /* IdlcNode * pragma, Scope * where it stands: pairs */
  GHashTable *visiting; /* cycle detection */
  GHashTable *folded;   /* IdlcNode *: consts folded (or tried) */
} Checker;

/* idlc-check-scope.c */
void idlc_check_declare_all (Checker *c);
void idlc_check_resolve_bases (Checker *c);
Scope *idlc_check_scope_of (Checker *c, IdlcNode *node);
IdlcNode *idlc_check_resolve (Checker *c, Scope *from, const char *name, const IdlcLoc *loc);
void idlc_check_scopes_free (Checker *c);

/* idlc-check-types.c */
void idlc_check_types (Checker *c);
gboolean idlc_check_fold (Checker *c, Scope *scope, IdlcExpr *expr, IdlcType *type);

/* idlc-check-names.c */
void idlc_check_repo_ids (Checker *c);
void idlc_check_c_names (Checker *c);
char *idlc_snake_case (const char *identifier);

const char *idlc_node_what (const IdlcNode *node);

G_END_DECLS
