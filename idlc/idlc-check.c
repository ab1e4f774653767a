/* idlc-check.c - the semantic stage: runs the passes in order on one
 * compilation's AST (idlc-check.h says what it leaves on the tree)
 *
 *   1. scopes and symbol tables (idlc-check-scope.c)
 *   2. interface bases, inheritance cycles (idlc-check-scope.c)
 *   3. names used as types, constants, unions, operations, type cycles
 *      (idlc-check-types.c)
 *   4. repository ids and pragmas (idlc-check-names.c)
 *   5. C names (idlc-check-cnames.c): computed here, once, for every back end */
#include "idlc-check-private.h"

/**
 * idlc_check:
 * @ast: a parsed compilation (its includes inlined, as the parser leaves them)
 * @diag: where the errors go
 *
 * Returns: %TRUE if @ast is a valid IDL compilation, annotated in place.
 */
gboolean
idlc_check (IdlcAst *ast, IdlcDiag *diag)
{
  g_return_val_if_fail (ast != NULL && diag != NULL, FALSE);
  guint errors = idlc_diag_get_n_errors (diag);
  Checker c = { .ast = ast, .diag = diag };

  c.scopes = g_hash_table_new (NULL, NULL);
  c.owned = g_ptr_array_new ();
  c.order = g_hash_table_new (NULL, NULL);
  c.forwards = g_ptr_array_new ();
  c.pragmas = g_ptr_array_new ();
  c.visiting = g_hash_table_new (NULL, NULL);
  c.folded = g_hash_table_new (NULL, NULL);

  idlc_check_declare_all (&c);
  idlc_check_resolve_bases (&c);
  idlc_check_types (&c);
  idlc_check_repo_ids (&c);
  idlc_check_c_names (&c);

  g_hash_table_unref (c.folded);
  g_hash_table_unref (c.visiting);
  g_ptr_array_unref (c.pragmas);
  g_ptr_array_unref (c.forwards);
  g_hash_table_unref (c.order);
  g_hash_table_unref (c.scopes);
  idlc_check_scopes_free (&c);
  return idlc_diag_get_n_errors (diag) == errors;
}
