/* tests/idlc/test-idlc-cli.c - the gorb-idlc program: --depfile (what a
 * build system needs to rerun it when an #include'd file changes), an -o
 * directory that does not exist yet, and the depfile gorb_idl_generate()
 * writes at build time */
#include "gorb-test.h"

#include <glib/gstdio.h>
#include <string.h>

#ifndef GORB_IDLC
#error "GORB_IDLC must name the gorb-idlc program"
#endif

static struct
{
  char *dir; /* owned: a temporary directory, removed after each test */
} fx;

static void
setup (void)
{
  fx.dir = g_dir_make_tmp ("gorb-idlc-cli-XXXXXX", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (fx.dir);
}

static void
teardown (void)
{
  gorb_test_remove_tree (fx.dir);
  g_clear_pointer (&fx.dir, g_free);
}

static void
write_file (const char *relative, const char *text)
{
  g_autofree char *path = g_build_filename (fx.dir, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  CU_ASSERT_EQUAL_FATAL (g_mkdir_with_parents (dir, 0700), 0);
  CU_ASSERT_TRUE (g_file_set_contents (path, text, -1, &error));
  GORB_ASSERT_NO_ERROR (error);
}

static char *
read_file (const char *relative)
{
  g_autofree char *path = g_build_filename (fx.dir, relative, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* Runs gorb-idlc in fx.dir with @args (NULL-terminated); returns its exit status. */
static int
run_idlc (char **err, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) GORB_IDLC);
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  CU_ASSERT_TRUE_FATAL (g_spawn_sync (fx.dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                                      NULL, NULL, err, &status, &error));
  GORB_ASSERT_NO_ERROR (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

/* The depfile names the outputs as targets, and the main file with every
 * file it includes (found next to it or through -I, each once). */
static void
test_depfile_lists_outputs_and_every_file_read (void)
{
  g_autofree char *err = NULL;
  g_autofree char *dep = NULL;

  write_file ("idl/main.idl", "#include \"near.idl\"\n#include <far.idl>\n#include \"near.idl\"\n"
                              "struct M { N n; F f; };\n");
  write_file ("idl/near.idl", "#ifndef NEAR\n#define NEAR\nstruct N { long x; };\n#endif\n");
  write_file ("inc/far.idl", "struct F { long y; };\n");
  CU_ASSERT_EQUAL (run_idlc (&err, "-I", "inc", "-o", "out", "--depfile", "deps/main.d", "--c",
                             "--xsd", "idl/main.idl", NULL),
                   0);
  CU_ASSERT_STRING_EQUAL (err, "");
  dep = read_file ("deps/main.d");
  CU_ASSERT_STRING_EQUAL (dep, "out/main.h out/main.c out/main.xsd: idl/main.idl idl/near.idl "
                               "inc/far.idl\n");
}

/* make's special characters in a path are escaped. */
static void
test_depfile_escapes_paths (void)
{
  g_autofree char *err = NULL;
  g_autofree char *dep = NULL;

  write_file ("a dir/x$#.idl", "struct X { long x; };\n");
  CU_ASSERT_EQUAL (run_idlc (&err, "-o", "o", "--depfile", "x.d", "--c", "a dir/x$#.idl", NULL), 0);
  dep = read_file ("x.d");
  CU_ASSERT_STRING_EQUAL (dep, "o/x$$\\#.h o/x$$\\#.c: a\\ dir/x$$\\#.idl\n");
}

/* A depfile needs outputs; none is written when the IDL has errors. */
static void
test_depfile_needs_an_output_and_a_valid_file (void)
{
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  write_file ("ok.idl", "struct X { long x; };\n");
  write_file ("bad.idl", "struct X { Nope x; };\n");
  CU_ASSERT_EQUAL (run_idlc (&err, "--depfile", "ok.d", "--check", "ok.idl", NULL), 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (err, "--depfile needs an output"));
  CU_ASSERT_EQUAL (run_idlc (&err2, "--depfile", "bad.d", "--c", "bad.idl", NULL), 1);
  g_autofree char *dep = read_file ("bad.d");
  CU_ASSERT_PTR_NULL (dep);
}

/* -o names a directory that does not exist yet: it is created, parents too. */
static void
test_missing_output_directory_is_created (void)
{
  g_autofree char *err = NULL;

  write_file ("x.idl", "struct X { long x; };\n");
  CU_ASSERT_EQUAL (run_idlc (&err, "-o", "new/deeper", "--c", "--xsd", "x.idl", NULL), 0);
  CU_ASSERT_STRING_EQUAL (err, "");
  g_autofree char *h = read_file ("new/deeper/x.h");
  g_autofree char *c = read_file ("new/deeper/x.c");
  g_autofree char *xsd = read_file ("new/deeper/x.xsd");
  CU_ASSERT_PTR_NOT_NULL (h);
  CU_ASSERT_PTR_NOT_NULL (c);
  CU_ASSERT_PTR_NOT_NULL (xsd);
}

/* An -o path that cannot be a directory is reported as such. */
static void
test_output_directory_that_cannot_be_made (void)
{
  g_autofree char *err = NULL;

  write_file ("x.idl", "struct X { long x; };\n");
  write_file ("file", "");
  CU_ASSERT_EQUAL (run_idlc (&err, "-o", "file/sub", "--c", "x.idl", NULL), 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (err, "cannot create the output directory 'file/sub'"));
}

/* gorb_idl_generate() passes --depfile: the depfile of depfile/Top.idl,
 * generated at build time (tests/idlc/CMakeLists.txt), names the file it
 * includes, with absolute paths. */
static void
test_generate_writes_a_depfile (void)
{
  g_autofree char *dep = NULL;
  g_autofree char *expected
      = g_strdup_printf ("%s/Top.h %s/Top.c: %s/tests/idlc/depfile/Top.idl "
                         "%s/tests/idlc/depfile/Leaf.idl\n",
                         GORB_GENERATED_DIR, GORB_GENERATED_DIR, GORB_SOURCE_DIR, GORB_SOURCE_DIR);

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (GORB_GENERATED_DIR "/Top.idl.d", &dep, NULL, NULL));
  CU_ASSERT_STRING_EQUAL (dep, expected);
}

static CU_TestInfo cli_tests[] = {
  { "the depfile lists the outputs and every file read",
    test_depfile_lists_outputs_and_every_file_read },
  { "the depfile escapes paths", test_depfile_escapes_paths },
  { "a depfile needs an output and a valid file", test_depfile_needs_an_output_and_a_valid_file },
  { "a missing output directory is created", test_missing_output_directory_is_created },
  { "an output directory that cannot be made", test_output_directory_that_cannot_be_made },
  { "gorb_idl_generate writes a depfile", test_generate_writes_a_depfile },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/cli", NULL, NULL, setup, teardown, cli_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
