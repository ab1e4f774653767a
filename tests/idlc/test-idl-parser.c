/* tests/idlc/test-idl-parser.c - the IDL parser: every construct to its
 * --dump-ast text, the project's IDL files, the CORBA services corpus, and
 * one test per diagnostic */
#include "gorb-test.h"
#include "idlc-parser.h"

#include <string.h>

#define OMNI_IDL "/usr/share/idl/omniORB"

static struct
{
  IdlcDiag *diag;
  IdlcAst *ast;
} fx;

static void
setup (void)
{
  fx.diag = idlc_diag_new ();
  fx.ast = NULL;
}

static void
teardown (void)
{
  idlc_ast_free (fx.ast);
  idlc_diag_free (fx.diag);
}

static char *
dump (void)
{
  GString *out = g_string_new (NULL);
  idlc_ast_dump (fx.ast, out);
  return g_string_free (out, FALSE);
}

static char *
diagnostics (gboolean with_source)
{
  GString *out = g_string_new (NULL);
  idlc_diag_format (fx.diag, out, with_source);
  return g_string_free (out, FALSE);
}

static void
parse (const char *text)
{
  fx.ast = idlc_parse_string ("t.idl", text, -1, NULL, IDLC_PARSE_NO_INCLUDES, fx.diag);
}

static void
assert_text (const char *got, const char *expected)
{
  if (g_strcmp0 (got, expected) != 0)
    g_printerr ("\n--- got:\n%s--- expected:\n%s---\n", got, expected);
  CU_ASSERT_STRING_EQUAL (got, expected);
}

static void
assert_parses_to (const char *text, const char *expected)
{
  parse (text);
  g_autofree char *diags = diagnostics (TRUE);
  assert_text (diags, "");
  g_autofree char *got = dump ();
  assert_text (got, expected);
}

static void
assert_diagnostics (const char *text, const char *expected)
{
  parse (text);
  g_autofree char *got = diagnostics (FALSE);
  assert_text (got, expected);
}

/* ---- constructs ---- */

static void
test_constants_keep_expression_trees (void)
{
  assert_parses_to ("const long A = 1 + 2 * 3 - (4 | 5 ^ 6 & 7) % 2;\n"
                    "const unsigned long long B = ~0x10 << 2 >> 1;\n"
                    "const double C = -1.5e3;\n"
                    "const char D = 'x';\n"
                    "const string E = \"ab\" \"c\\n\";\n"
                    "const boolean F = TRUE;\n"
                    "const long G = ::M::A / -A;\n"
                    "const short H = 017;\n",
                    "const long A = ((1 + (2 * 3)) - ((4 | (5 ^ (6 & 7))) % 2))\n"
                    "const unsigned long long B = (((~16) << 2) >> 1)\n"
                    "const double C = (-1.5e3)\n"
                    "const char D = 'x'\n"
                    "const string E = \"abc\\n\"\n"
                    "const boolean F = TRUE\n"
                    "const long G = (::M::A / (-A))\n"
                    "const short H = 15\n");
}

static void
test_typedefs_sequences_strings_arrays (void)
{
  assert_parses_to ("typedef string<8> S8, Grid[2][3];\n"
                    "typedef sequence<sequence<long, 4> > Nested;\n"
                    "typedef sequence<::A::B> Bs;\n"
                    "typedef struct Inner { octet o; } InnerAlias;\n"
                    "typedef unsigned short US; typedef long long LL; typedef float Fl;\n",
                    "typedef string<8> S8, Grid[2][3]\n"
                    "typedef sequence<sequence<long, 4>> Nested\n"
                    "typedef sequence<::A::B> Bs\n"
                    "struct Inner\n"
                    "  member octet o\n"
                    "typedef struct Inner InnerAlias\n"
                    "typedef unsigned short US\n"
                    "typedef long long LL\n"
                    "typedef float Fl\n");
}

static void
test_structs_unions_enums_exceptions (void)
{
  assert_parses_to (
      "struct P { string name; long a, b[2]; };\n"
      "struct Fwd; union FwdU;\n"
      "enum Color { RED, GREEN };\n"
      "union U switch (Color) { case RED: case GREEN: long l; default: short s[2]; };\n"
      "union V switch (unsigned short) { case 1: string a; };\n"
      "union W switch (boolean) { case TRUE: char c; };\n"
      "exception Oops { string why; };\n"
      "exception Empty {};\n",
      "struct P\n"
      "  member string name\n"
      "  member long a, b[2]\n"
      "struct Fwd (forward)\n"
      "union FwdU (forward)\n"
      "enum Color\n"
      "  enumerator RED\n"
      "  enumerator GREEN\n"
      "union U switch (Color)\n"
      "  case RED, GREEN: long l\n"
      "  case default: short s[2]\n"
      "union V switch (unsigned short)\n"
      "  case 1: string a\n"
      "union W switch (boolean)\n"
      "  case TRUE: char c\n"
      "exception Oops\n"
      "  member string why\n"
      "exception Empty\n");
}

static void
test_modules_and_interfaces (void)
{
  assert_parses_to ("module M {\n"
                    "  interface Base;\n"
                    "  interface I : Base, ::N::Other {\n"
                    "    readonly attribute long a, b;\n"
                    "    attribute string c;\n"
                    "    oneway void ping (in long x);\n"
                    "    long long f (inout float y, out double z) raises (Oops, ::M::Oops);\n"
                    "    Object h (in Object o);\n"
                    "    typedef long T; const long K = 1; exception E {};\n"
                    "  };\n"
                    "};\n"
                    "module M { module Inner { typedef char _module; }; };\n",
                    "module M\n"
                    "  interface Base (forward)\n"
                    "  interface I : Base, ::N::Other\n"
                    "    attribute readonly long a, b\n"
                    "    attribute string c\n"
                    "    operation oneway void ping\n"
                    "      param in long x\n"
                    "    operation long long f raises (Oops, ::M::Oops)\n"
                    "      param inout float y\n"
                    "      param out double z\n"
                    "    operation Object h\n"
                    "      param in Object o\n"
                    "    typedef long T\n"
                    "    const long K = 1\n"
                    "    exception E\n"
                    "module M\n"
                    "  module Inner\n"
                    "    typedef char module\n");
}

static void
test_pragmas_and_doc_comments (void)
{
  assert_parses_to ("#pragma prefix \"gorb.org\"\n"
                    "module P {\n"
                    "  // an interface\n"
                    "  interface J {\n"
                    "    /** the op\n"
                    "     *  second line */\n"
                    "    void op ();\n"
                    "  };\n"
                    "#pragma ID J \"IDL:my/J:1.0\"\n"
                    "#pragma version J 2.3\n"
                    "#pragma javaPackage \"x\"\n"
                    "};\n",
                    "pragma prefix \"gorb.org\"\n"
                    "module P\n"
                    "  doc \"an interface\"\n"
                    "  interface J\n"
                    "    doc \"the op\\nsecond line\"\n"
                    "    operation void op\n"
                    "  pragma ID J \"IDL:my/J:1.0\"\n"
                    "  pragma version J 2.3\n"
                    "  pragma other \"javaPackage \\\"x\\\"\"\n");
}

/* A comment after a declaration on its line documents that declaration
 * (after any comment before it); `///` loses its marker. */
static void
test_trailing_comments_document_the_declaration (void)
{
  assert_parses_to ("/// the struct\n"
                    "struct S {\n"
                    "  string name;  // the name\n"
                    "  // before\n"
                    "  long a, b;    // after\n"
                    "};  // still S\n"
                    "enum E { A,  // a\n"
                    "  B  // b\n"
                    "};\n"
                    "union U switch (long) { case 1: long x;  // one\n"
                    "};\n"
                    "interface I {\n"
                    "  void f (in long a,  // not a doc of f\n"
                    "          in long b);  // f\n"
                    "};\n",
                    "doc \"the struct\\nstill S\"\n"
                    "struct S\n"
                    "  doc \"the name\"\n"
                    "  member string name\n"
                    "  doc \"before\\nafter\"\n"
                    "  member long a, b\n"
                    "enum E\n"
                    "  doc \"a\"\n"
                    "  enumerator A\n"
                    "  doc \"b\"\n"
                    "  enumerator B\n"
                    "union U switch (long)\n"
                    "  doc \"one\"\n"
                    "  case 1: long x\n"
                    "interface I\n"
                    "  doc \"f\"\n"
                    "  operation void f\n"
                    "    param in long a\n"
                    "    param in long b\n");
}

static void
test_nodes_carry_locations (void)
{
  parse ("module M {\n  struct S { long x; };\n};\n");
  CU_ASSERT_EQUAL_FATAL (fx.ast->definitions->len, 1);
  IdlcNode *m = g_ptr_array_index (fx.ast->definitions, 0);
  IdlcNode *s = g_ptr_array_index (m->children, 0);
  IdlcNode *x = g_ptr_array_index (s->children, 0);
  CU_ASSERT_STRING_EQUAL (s->loc.file, "t.idl");
  CU_ASSERT_EQUAL (s->loc.line, 2);
  CU_ASSERT_EQUAL (s->loc.column, 3);
  CU_ASSERT_EQUAL (x->loc.column, 14);
}

/* ---- files ---- */

static void
assert_file_parses (const char *path, const char *const *dirs)
{
  fx.ast = idlc_parse_file (path, dirs, fx.diag);
  g_autofree char *diags = diagnostics (TRUE);
  assert_text (diags, "");
  CU_ASSERT_TRUE (fx.ast->definitions->len > 0);
}

static void
test_project_idl_files_parse (void)
{
  const char *files[] = { "samples/personlist/Person.idl", "tests/common/gorb-test-types.idl",
                          "tests/rmi/Callbacks.idl" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (GORB_SOURCE_DIR, files[i], NULL);
      teardown ();
      setup ();
      assert_file_parses (path, NULL);
    }
}

static const char *const omni_dirs[] = { OMNI_IDL, OMNI_IDL "/COS", NULL };

static void
test_cos_naming_parses (void)
{
  if (!g_file_test (OMNI_IDL "/COS/CosNaming.idl", G_FILE_TEST_EXISTS))
    {
      g_print ("\n  skipped: " OMNI_IDL "/COS/CosNaming.idl missing (install omniorb-idl)\n");
      return;
    }
  assert_file_parses (OMNI_IDL "/COS/CosNaming.idl", omni_dirs);
  g_autofree char *text = dump ();
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "pragma prefix \"omg.org\"\nmodule CosNaming\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "  interface NamingContext\n"));
}

/* Every COS file either parses or fails only on constructs refused on
 * purpose (or on an include the package does not ship). */
static void
test_cos_corpus_fails_only_on_refused_constructs (void)
{
  g_autoptr (GDir) dir = g_dir_open (OMNI_IDL "/COS", 0, NULL);
  if (dir == NULL)
    {
      g_print ("\n  skipped: " OMNI_IDL "/COS missing (install omniorb-idl)\n");
      return;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".idl"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  guint n_ok = 0, n_refused = 0;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (OMNI_IDL "/COS", names->pdata[i], NULL);
      g_autoptr (IdlcDiag) diag = idlc_diag_new ();
      g_autoptr (IdlcAst) ast = idlc_parse_file (path, omni_dirs, diag);
      gboolean refused = FALSE;

      CU_ASSERT_TRUE (ast != NULL || idlc_diag_get_n_items (diag) > 0); /* no silent failure */
      for (guint j = 0; j < idlc_diag_get_n_items (diag); j++)
        {
          const IdlcDiagnostic *d = idlc_diag_get_item (diag, j);
          if (d->severity != IDLC_SEVERITY_ERROR)
            continue;
          refused = TRUE;
          gboolean on_purpose = strstr (d->message, "is not supported by gorb yet") != NULL
                                || strstr (d->message, "too many errors") != NULL
                                || strcmp (d->message, "cannot find include file 'IOP.idl'") == 0;
          if (!on_purpose)
            g_printerr ("\n  %s:%u:%u: %s", d->file, d->line, d->column, d->message);
          CU_ASSERT_TRUE (on_purpose);
        }
      n_ok += !refused;
      n_refused += refused;
    }
  g_print ("\n  COS corpus: %u parse, %u refused (any, wchar, valuetype...)\n", n_ok, n_refused);
  CU_ASSERT_TRUE (n_ok >= 1);
}

/* ---- diagnostics ---- */

static void
test_missing_semicolon (void)
{
  assert_diagnostics ("struct S { long x };\nstruct T { long y; }\ntypedef long Z;",
                      "t.idl:1:19: error: expected ';' near '}'\n"
                      "t.idl:3:1: error: expected ';' near 'typedef'\n");
}

static void
test_unclosed_brace_names_its_opener (void)
{
  assert_diagnostics ("module M {\n  interface I {\n    void f ();\n",
                      "t.idl:4:1: error: expected '}' (to close 'interface' at line 2) near end "
                      "of file\n");
  teardown ();
  setup ();
  assert_diagnostics ("module Bank {\n  struct S {\n    long x;\n  interface I {};\n};\n",
                      "t.idl:4:3: error: expected '}' (to close 'struct' at line 2) near "
                      "'interface'\n");
}

static void
test_unsupported_constructs_are_named (void)
{
  assert_diagnostics ("struct S { any a; wstring w; long double d; };\n"
                      "valuetype V { };\n"
                      "interface I { void f () context (\"x\"); };\n"
                      "const fixed F = 1;\n",
                      "t.idl:1:12: error: 'any' is not supported by gorb yet\n"
                      "t.idl:1:19: error: 'wstring' is not supported by gorb yet\n"
                      "t.idl:1:30: error: 'long double' is not supported by gorb yet\n"
                      "t.idl:2:1: error: 'valuetype' is not supported by gorb yet\n"
                      "t.idl:3:25: error: 'context' is not supported by gorb yet\n"
                      "t.idl:4:7: error: 'fixed' is not supported by gorb yet\n");
}

static void
test_errors_show_line_and_caret (void)
{
  parse ("module M {\n\tstruct S { long 5; };\n};\n");
  g_autofree char *got = diagnostics (TRUE);
  assert_text (got, "t.idl:2:18: error: expected an identifier near '5'\n"
                    "  \tstruct S { long 5; };\n"
                    "  \t                ^\n");
}

static void
test_too_many_errors (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < 30; i++)
    g_string_append (text, "struct;\n");
  parse (text->str);
  CU_ASSERT_EQUAL (idlc_diag_get_n_items (fx.diag), 21);
  CU_ASSERT_EQUAL (idlc_diag_get_n_errors (fx.diag), 21);
  const IdlcDiagnostic *last = idlc_diag_get_item (fx.diag, 20);
  CU_ASSERT_STRING_EQUAL (last->message, "too many errors (20), stopping");
  CU_ASSERT_EQUAL (last->line, 21);
  const IdlcDiagnostic *first = idlc_diag_get_item (fx.diag, 0);
  CU_ASSERT_STRING_EQUAL (first->message, "expected an identifier near ';'");
}

static void
test_malformed_pragma (void)
{
  assert_diagnostics ("#pragma prefix omg\n#pragma version X 1\n",
                      "t.idl:1:1: error: malformed pragma: expected '#pragma prefix \"PREFIX\"'\n"
                      "t.idl:2:1: error: malformed pragma: expected '#pragma version NAME "
                      "MAJOR.MINOR'\n");
}

static void
test_deep_nesting_is_an_error_not_a_crash (void)
{
  g_autoptr (GString) text = g_string_new ("const long X = ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '(');
  parse (text->str);
  g_autofree char *got = diagnostics (FALSE);
  CU_ASSERT_PTR_NOT_NULL (strstr (got, "error: nesting too deep"));
}

static CU_TestInfo construct_tests[] = {
  { "constants keep expression trees", test_constants_keep_expression_trees },
  { "typedefs, sequences, strings, arrays", test_typedefs_sequences_strings_arrays },
  { "structs, unions, enums, exceptions", test_structs_unions_enums_exceptions },
  { "modules and interfaces", test_modules_and_interfaces },
  { "pragmas and doc comments", test_pragmas_and_doc_comments },
  { "trailing comments document the declaration", test_trailing_comments_document_the_declaration },
  { "nodes carry locations", test_nodes_carry_locations },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo file_tests[] = {
  { "project IDL files parse", test_project_idl_files_parse },
  { "CosNaming.idl parses", test_cos_naming_parses },
  { "COS corpus fails only on refused constructs",
    test_cos_corpus_fails_only_on_refused_constructs },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo diagnostic_tests[] = {
  { "missing semicolon", test_missing_semicolon },
  { "unclosed brace names its opener", test_unclosed_brace_names_its_opener },
  { "unsupported constructs are named", test_unsupported_constructs_are_named },
  { "errors show line and caret", test_errors_show_line_and_caret },
  { "too many errors", test_too_many_errors },
  { "malformed pragma", test_malformed_pragma },
  { "deep nesting is an error, not a crash", test_deep_nesting_is_an_error_not_a_crash },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/parser/constructs", NULL, NULL, setup, teardown, construct_tests },
  { "idlc/parser/files", NULL, NULL, setup, teardown, file_tests },
  { "idlc/parser/diagnostics", NULL, NULL, setup, teardown, diagnostic_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
