/* idlc-check.h - the IDL compiler's semantic stage: scopes, name resolution,
 * type rules, repository ids and C names, all at once on a parsed AST
 *
 * idlc_check() annotates the tree in place (the fields after "Filled in by
 * idlc_check ()" in idlc-ast.h) and reports problems to the IdlcDiag, several
 * per run. Afterwards, for a tree without errors:
 *
 *  - every IdlcNode has @parent (its syntactic parent) and @definition (for a
 *    forward declaration the full definition, or NULL if there is none; for a
 *    reopened module its first opening; else the node itself);
 *  - every IDLC_TYPE_NAMED type has @resolved (the struct, union, enum,
 *    interface, forward interface or typedef declarator it names), every
 *    IDLC_EXPR_NAME @resolved (a const or an enumerator), every node with
 *    @names (bases, raises) @targets, index by index;
 *  - every constant expression root (const values, case labels, bounds,
 *    array sizes) has @value folded, range-checked for its type;
 *  - named definitions have @scoped_name and @repo_id; types, interfaces,
 *    exceptions, consts and enumerators have their C names (idlc-check-names.c
 *    documents the rules), computed here once so that every back end agrees.
 *
 * The back ends only read these. Includes: nodes keep the file they come
 * from in @loc.file; a back end emits only the main file's definitions
 * (idlc_ast_is_main_file()).
 *
 * Relaxation: a name may be used before its declaration in the same
 * compilation (except for inheritance, which needs the base defined first).
 */
#pragma once

#include "idlc-ast.h"

G_BEGIN_DECLS

gboolean idlc_check (IdlcAst *ast, IdlcDiag *diag);
char *idlc_snake_case (const char *identifier);

G_END_DECLS
