/* gorb-idlc.c - the IDL compiler's command line:
 *   gorb-idlc [-I DIR]... --check FILE.idl
 *   gorb-idlc [-I DIR]... --dump-ast FILE.idl
 *   gorb-idlc [-I DIR]... [-o OUTDIR] [--depfile DEPFILE] --xsd FILE.idl
 *   gorb-idlc [-I DIR]... [-o OUTDIR] [--depfile DEPFILE] --c FILE.idl
 * --check parses and checks; --dump-ast also prints the checked tree (with
 * repository ids and C names). --xsd writes OUTDIR/FILE.xsd (default
 * OUTDIR: the current directory, created if missing), the XML Schema of the
 * file's types (idlc-emit-xsd.c), whole or not at all (written to a
 * temporary file and renamed). --c writes OUTDIR/<base>.h and <base>.c, the
 * C binding of the file (idlc-emit-c.c), likewise. --depfile then writes a
 * make-style dependency file: `<outputs>: <FILE.idl and every file it
 * #includes>`, for build systems to rerun gorb-idlc when an include changes.
 * Exits 1 with the diagnostics on stderr on errors. */
#include "idlc-check.h"
#include "idlc-emit-c.h"
#include "idlc-emit-xsd.h"
#include "idlc-parser.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int
usage (void)
{
  g_printerr ("usage: gorb-idlc [-I DIR]... [-o OUTDIR] [--depfile FILE] "
              "--check|--dump-ast|--xsd|--c FILE.idl\n");
  return 2;
}

/* Appends @path to a make rule, escaped as make (and CMake, Ninja) read it. */
static void
append_make_path (GString *out, const char *path)
{
  g_string_append_c (out, ' ');
  for (const char *p = path; *p; p++)
    {
      if (*p == ' ' || *p == '#' || *p == '\\')
        g_string_append_c (out, '\\');
      else if (*p == '$')
        g_string_append_c (out, '$');
      g_string_append_c (out, *p);
    }
}

/* Writes @depfile: `<outputs>: <every file read>`, atomically. */
static int
write_depfile (const IdlcAst *ast, GPtrArray *outputs, const char *depfile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) rule = g_string_new (NULL);
  g_autofree char *dir = g_path_get_dirname (depfile);

  for (guint i = 0; i < outputs->len; i++)
    append_make_path (rule, g_ptr_array_index (outputs, i));
  g_string_erase (rule, 0, 1);
  g_string_append_c (rule, ':');
  for (guint i = 0; i < ast->files->len; i++)
    append_make_path (rule, g_ptr_array_index (ast->files, i));
  g_string_append_c (rule, '\n');
  if (g_mkdir_with_parents (dir, 0777) != 0
      || !g_file_set_contents (depfile, rule->str, (gssize) rule->len, &error))
    {
      g_printerr ("gorb-idlc: cannot write '%s': %s\n", depfile,
                  error != NULL ? error->message : g_strerror (errno));
      return 1;
    }
  return 0;
}

/* Writes OUTDIR/<base of FILE>.xsd, atomically. */
static int
write_xsd (const IdlcAst *ast, const char *file, const char *outdir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = g_path_get_basename (file);
  if (g_str_has_suffix (base, ".idl"))
    base[strlen (base) - 4] = '\0';
  g_autofree char *name = g_strconcat (base, ".xsd", NULL);
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  g_autofree char *source = g_path_get_basename (file);
  g_autofree char *schema = idlc_emit_xsd (ast, source);

  /* g_file_set_contents() writes a temporary file and renames it */
  if (!g_file_set_contents (path, schema, -1, &error))
    {
      g_printerr ("gorb-idlc: cannot write '%s': %s\n", path, error->message);
      return 1;
    }
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) include_dirs = g_ptr_array_new ();
  g_autoptr (GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  const char *file = NULL, *outdir = ".", *depfile = NULL;
  gboolean xsd = FALSE, emit_c = FALSE;
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
      else if (strcmp (argv[i], "--xsd") == 0)
        xsd = TRUE;
      else if (strcmp (argv[i], "--c") == 0)
        emit_c = TRUE;
      else if (strcmp (argv[i], "-o") == 0 && i + 1 < argc)
        outdir = argv[++i];
      else if (strcmp (argv[i], "--depfile") == 0 && i + 1 < argc)
        depfile = argv[++i];
      else if (argv[i][0] == '-' || file != NULL)
        return usage ();
      else
        file = argv[i];
    }
  if (file == NULL || (!dump && !check && !xsd && !emit_c))
    return usage ();
  if (depfile != NULL && !xsd && !emit_c)
    {
      g_printerr ("gorb-idlc: --depfile needs an output: --c or --xsd\n");
      return 2;
    }
  g_ptr_array_add (include_dirs, NULL);

  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_file (file, (const char *const *) include_dirs->pdata, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  idlc_diag_print (diag, stderr);
  if (idlc_diag_get_n_errors (diag) > 0)
    return 1;
  if ((xsd || emit_c) && g_mkdir_with_parents (outdir, 0777) != 0)
    {
      g_printerr ("gorb-idlc: cannot create the output directory '%s': %s\n", outdir,
                  g_strerror (errno));
      return 1;
    }
  if (xsd && write_xsd (ast, file, outdir) != 0)
    return 1;
  g_autoptr (GError) error = NULL;
  if (emit_c && !idlc_emit_c_write (ast, file, outdir, &error))
    {
      g_printerr ("gorb-idlc: cannot write the C binding of '%s': %s\n", file, error->message);
      return 1;
    }
  g_autofree char *base = idlc_emit_c_base_name (file);
  const char *const suffixes[] = { ".h", ".c", ".xsd" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if ((i < 2 && emit_c) || (i == 2 && xsd))
      {
        g_autofree char *name = g_strconcat (base, suffixes[i], NULL);
        g_ptr_array_add (outputs, g_build_filename (outdir, name, NULL));
      }
  if (depfile != NULL && write_depfile (ast, outputs, depfile) != 0)
    return 1;
  if (!dump)
    return 0;
  g_autoptr (GString) out = g_string_new (NULL);
  idlc_ast_dump (ast, out);
  fputs (out->str, stdout);
  return 0;
}
