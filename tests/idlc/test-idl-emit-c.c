/* test-idl-emit-c.c - the C back end (idlc-emit-c.c)
 *
 * Golden test: tests/idlc/golden/types.idl must generate types.h and types.c
 * byte for byte. After an intended change to the output, regenerate them with
 *   GORB_UPDATE_GOLDEN=1 ctest -R test-idl-emit-c
 * and review the diff. (The build also compiles golden/types.c with the
 * project's warnings.)
 *
 * Compile-and-run: the build generates the C of tests/common/gorb-test-types.idl
 * into the helper program idl-emit-c-helper (the hand-written descriptors,
 * linked here, have the same names); every generated descriptor must describe
 * the same type as the hand-written one (describe_type), validate, and
 * decode then re-encode the CDR the hand-written one encodes to the same bytes.
 *
 * PersonList: the Person.h and Person.c that the build generates for the
 * sample (gorb_idl_generate in samples/personlist, with the gorb-idlc program)
 * must equal, byte for byte, what the back end emits here for Person.idl.
 */
#include "gorb-test-types.h"
#include "gorb-test.h"
#include "idl-emit-c-describe.h"
#include "idlc-check.h"
#include "idlc-emit-c.h"
#include "idlc-parser.h"

#include <glib/gstdio.h>
#include <string.h>

static void
emit (const char *idl, GString *h, GString *c)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_file (idl, NULL, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  idlc_diag_print (diag, stderr);
  CU_ASSERT_EQUAL_FATAL (idlc_diag_get_n_errors (diag), 0);
  idlc_emit_c (ast, idl, h, c);
}

static void
compare_golden (const char *path, const GString *got)
{
  g_autofree char *want = NULL;
  if (g_getenv ("GORB_UPDATE_GOLDEN") != NULL)
    {
      CU_ASSERT_TRUE (g_file_set_contents (path, got->str, (gssize) got->len, NULL));
      return;
    }
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &want, NULL, NULL));
  if (strcmp (want, got->str) != 0)
    g_printerr ("\n  %s differs from the output (GORB_UPDATE_GOLDEN=1 rewrites it)\n", path);
  CU_ASSERT_STRING_EQUAL (want, got->str);
}

static void
test_golden (void)
{
  g_autoptr (GString) h = g_string_new (NULL);
  g_autoptr (GString) c = g_string_new (NULL);
  emit (GORB_SOURCE_DIR "/tests/idlc/golden/types.idl", h, c);
  compare_golden (GORB_SOURCE_DIR "/tests/idlc/golden/types.h", h);
  compare_golden (GORB_SOURCE_DIR "/tests/idlc/golden/types.c", c);

  g_autoptr (GString) h2 = g_string_new (NULL);
  g_autoptr (GString) c2 = g_string_new (NULL);
  emit (GORB_SOURCE_DIR "/tests/idlc/golden/types.idl", h2, c2);
  CU_ASSERT_STRING_EQUAL (h->str, h2->str); /* deterministic */
  CU_ASSERT_STRING_EQUAL (c->str, c2->str);
}

/* Included definitions are referenced through their header, not emitted. */
static void
test_main_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("emit-c-XXXXXX", NULL);
  g_autofree char *inc = g_build_filename (dir, "base.idl", NULL);
  g_autofree char *main_idl = g_build_filename (dir, "top.idl", NULL);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (inc, "module M { struct A { long x; }; };", -1, NULL));
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (
      main_idl, "#include \"base.idl\"\nmodule M { struct B { A a; }; };", -1, NULL));
  g_autoptr (GString) h = g_string_new (NULL);
  g_autoptr (GString) c = g_string_new (NULL);
  emit (main_idl, h, c);
  CU_ASSERT_PTR_NOT_NULL (strstr (h->str, "#include \"base.h\"\n"));
  CU_ASSERT_PTR_NULL (strstr (h->str, "struct M::A"));
  CU_ASSERT_PTR_NULL (strstr (c->str, "m_a_desc ="));
  CU_ASSERT_PTR_NOT_NULL (strstr (h->str, "  MA a;\n} MB;"));
  CU_ASSERT_PTR_NOT_NULL (strstr (c->str, "GORB_MEMBER (MB, a, &m_a_desc)"));

  /* gorb-idlc --c writes both files; errors leave nothing behind */
  g_autofree char *cmd = g_strdup_printf ("%s/idlc/gorb-idlc -o %s --c %s",
                                          GORB_TEST_BUILD_DIR "/..", dir, main_idl);
  int status;
  CU_ASSERT_TRUE (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  CU_ASSERT_TRUE (g_spawn_check_wait_status (status, NULL));
  g_autofree char *top_h = g_build_filename (dir, "top.h", NULL);
  g_autofree char *top_c = g_build_filename (dir, "top.c", NULL);
  g_autofree char *got = NULL;
  CU_ASSERT_TRUE (g_file_get_contents (top_h, &got, NULL, NULL));
  CU_ASSERT_STRING_EQUAL (got, h->str);
  g_unlink (top_h);
  g_unlink (top_c);
  CU_ASSERT_TRUE_FATAL (
      g_file_set_contents (main_idl, "module M { struct B { Nope a; }; };", -1, NULL));
  CU_ASSERT_TRUE (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  CU_ASSERT_FALSE (g_spawn_check_wait_status (status, NULL));
  CU_ASSERT_FALSE (g_file_test (top_h, G_FILE_TEST_EXISTS));
  CU_ASSERT_FALSE (g_file_test (top_c, G_FILE_TEST_EXISTS));
  g_unlink (inc);
  g_unlink (main_idl);
  g_rmdir (dir);
}

static char *
run_helper (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) GORB_EMIT_C_HELPER);
  for (; *args; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  char *out = NULL;
  int status;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                                      NULL, &out, NULL, &status, &error));
  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("\n  helper %s: %s\n", (char *) argv->pdata[1], error->message);
  CU_ASSERT_TRUE (g_spawn_check_wait_status (status, NULL));
  if (out != NULL)
    g_strchomp (out);
  return out;
}

static void
test_descriptors (void)
{
  g_free (run_helper ((const char *const[]){ "validate", NULL }));
  for (guint i = 0; test_all_types[i] != NULL; i++)
    {
      const GorbTypeDesc *type = test_all_types[i];
      if (type == &test_ref_holder_desc) /* C side only */
        continue;
      g_autoptr (GString) want = g_string_new (NULL);
      describe_type (type, want, 0);
      g_autofree char *got = run_helper ((const char *const[]){ "describe", type->name, NULL });
      if (strcmp (want->str, got) != 0)
        g_printerr ("\n  hand-written: %s\n  generated:    %s\n", want->str, got);
      CU_ASSERT_STRING_EQUAL (want->str, got);
    }
}

static void
check_recode (const GorbTypeDesc *type, gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = gorb_cdr_encode (type, value, GORB_BYTE_ORDER_LITTLE, &error);
  GORB_ASSERT_NO_ERROR (error);
  gsize n;
  const guint8 *p = g_bytes_get_data (bytes, &n);
  g_autoptr (GString) hex = g_string_new (NULL);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (hex, "%02x", p[i]);
  g_autofree char *got = run_helper ((const char *const[]){ "recode", type->name, hex->str, NULL });
  CU_ASSERT_STRING_EQUAL (got, hex->str);
}

static void
test_cdr (void)
{
  TestEverything everything = { 0 };
  test_everything_fill (&everything);
  check_recode (&test_everything_desc, &everything);
  gorb_value_clear (&test_everything_desc, &everything);

  TestPersonSeq people = { 0 };
  test_person_seq_fill (&people, 3);
  check_recode (&test_person_seq_desc, &people);
  gorb_value_clear (&test_person_seq_desc, &people);

  TestNode leaves[2] = { { "a", { NULL, 0 } }, { "b", { NULL, 0 } } };
  TestNode root = { "root", { leaves, 2 } };
  check_recode (&test_node_desc, &root);

  gint32 numbers[] = { 1, -2, 3 };
  TestChoice choice = { TEST_COLOR_GREEN, { .numbers = { numbers, 3 } } };
  check_recode (&test_choice_desc, &choice);
  TestFlag flag = { FALSE, { .no = -5 } };
  check_recode (&test_flag_desc, &flag);
  TestShape shape = { 3, { .label = "three" } };
  check_recode (&test_shape_desc, &shape);
  shape._d = 9;
  shape._u.other = 2.5;
  check_recode (&test_shape_desc, &shape);
}

static void
compare_generated (const char *path, const GString *want)
{
  g_autofree char *got = NULL;
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &got, NULL, NULL));
  if (strcmp (want->str, got) != 0)
    g_printerr ("\n  %s differs from the emitted C\n", path);
  CU_ASSERT_STRING_EQUAL (want->str, got);
}

static void
test_person_list (void)
{
  g_autoptr (GString) h = g_string_new (NULL);
  g_autoptr (GString) c = g_string_new (NULL);
  emit (GORB_SOURCE_DIR "/samples/personlist/Person.idl", h, c);
  compare_generated (GORB_PERSONLIST_GENERATED "/Person.h", h);
  compare_generated (GORB_PERSONLIST_GENERATED "/Person.c", c);
}

static CU_TestInfo emit_tests[] = {
  { "golden types.idl", test_golden },
  { "main file only, includes referenced", test_main_file },
  { "descriptors equal the hand-written ones", test_descriptors },
  { "CDR equal to the hand-written descriptors'", test_cdr },
  { "the sample's generated Person.h, Person.c as emitted", test_person_list },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idl-emit-c", NULL, NULL, NULL, NULL, emit_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
