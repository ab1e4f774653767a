/* gorb-idlc.c - the IDL compiler's command line; for now the front end only:
 *   gorb-idlc [-I DIR]... --check FILE.idl
 *   gorb-idlc [-I DIR]... --dump-ast FILE.idl
 * --check parses and checks; --dump-ast also prints the checked tree (with
 * repository ids and C names). Exits 1 with the diagnostics on stderr on
 * errors. */
#include "idlc-check.h"
#include "idlc-parser.h"

#include <stdlib.h>
#include <string.h>

static int
usage (void)
{
  g_printerr ("usage: gorb-idlc [-I DIR]... --check|--dump-ast FILE.idl\n");
  return 2;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) include_dirs = g_ptr_array_new ();
  const char *file = NULL;
  gboolean dump = FALSE, check = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-I") == 0 && i + 1 < argc)
        g_ptr_array_add (include_dirs, argv[++i]);
      else if (strncmp (argv[i], "-I", 2) == 0 && argv[i][2] != '\0')
        g_ptr_array_add (include_dirs, argv[i] + 2);
      else if (strcmp (argv[i], "--dump-ast") == 0)
        dump = TRUE;
      else if (strcmp (argv[i], "--check") == 0)
        check = TRUE;
      else if (argv[i][0] == '-' || file != NULL)
        return usage ();
      else
        file = argv[i];
    }
  if (file == NULL || (!dump && !check))
    return usage ();
  g_ptr_array_add (include_dirs, NULL);

  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_file (file, (const char *const *) include_dirs->pdata, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  idlc_diag_print (diag, stderr);
  if (idlc_diag_get_n_errors (diag) > 0)
    return 1;
  if (!dump)
    return 0;
  g_autoptr (GString) out = g_string_new (NULL);
  idlc_ast_dump (ast, out);
  fputs (out->str, stdout);
  return 0;
}
