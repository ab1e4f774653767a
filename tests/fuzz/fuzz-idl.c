/* fuzz-idl.c - libFuzzer target for the IDL front end: the input is one IDL
 * file (includes refused). Whatever it holds, parsing must end with a tree,
 * and errors only as diagnostics; the dump and the diagnostics must print. */
#include "idlc-parser.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_string ("fuzz.idl", (const char *) data, (gssize) size, NULL,
                                               IDLC_PARSE_NO_INCLUDES, diag);
  g_autoptr (GString) out = g_string_new (NULL);

  if (ast == NULL || idlc_diag_get_n_errors (diag) > IDLC_DIAG_MAX_ERRORS + 1)
    abort ();
  idlc_ast_dump (ast, out);
  idlc_diag_format (diag, out, TRUE);
  return 0;
}
