/* tests/idlc/test-idl-emit-xsd.c - the XML Schema back end: a golden file,
 * agreement with the runtime (what gorb_xml_encode() writes validates with
 * `xmllint --schema` against the compiler's schema), broken documents are
 * refused, and real IDL files give schemas xmllint compiles.
 *
 * GORB_UPDATE_GOLDEN=1 in the environment rewrites the golden file
 * (tests/idlc/golden/gorb-test-types.xsd) instead of comparing with it. */
#include "gorb-test.h"
#include "gorb-test-types.h"
#include "gorb-test-xmllint.h"
#include "idlc-check.h"
#include "idlc-emit-xsd.h"
#include "idlc-parser.h"

#include <glib/gstdio.h>
#include <string.h>

#define TEST_TYPES_IDL GORB_SOURCE_DIR "/tests/common/gorb-test-types.idl"
#define GOLDEN_XSD GORB_SOURCE_DIR "/tests/idlc/golden/gorb-test-types.xsd"
#define COS_NAMING_IDL "/usr/share/idl/omniORB/COS/CosNaming.idl"

static struct
{
  GorbTestXmllint x; /* xmllint and the temporary directory */
  char *test_types;  /* owned: the compiler's schema for gorb-test-types.idl */
} fx;

/* The schema of the IDL file @path, or NULL (with the diagnostics shown)
 * if it does not compile. */
static char *
emit_file (const char *path, const char *const *include_dirs)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_file (path, include_dirs, diag);
  g_autofree char *base = g_path_get_basename (path);

  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  if (idlc_diag_get_n_errors (diag) > 0)
    {
      idlc_diag_print (diag, stderr);
      return NULL;
    }
  return idlc_emit_xsd (ast, base);
}

static int
suite_init (void)
{
  if (!gorb_test_xmllint_init (&fx.x, "gorb-idl-xsd-XXXXXX"))
    return -1;
  fx.test_types = emit_file (TEST_TYPES_IDL, NULL);
  return fx.test_types != NULL ? 0 : -1;
}

static int
suite_cleanup (void)
{
  gorb_test_xmllint_clear (&fx.x);
  g_clear_pointer (&fx.test_types, g_free);
  return 0;
}

static gboolean
xmllint_validates (const char *schema, const char *doc, gsize doc_len, gboolean expect_valid)
{
  return gorb_test_xmllint_validates (&fx.x, schema, doc, doc_len, expect_valid);
}

static void
test_golden (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *golden = NULL;
  g_autofree char *again = emit_file (TEST_TYPES_IDL, NULL);

  CU_ASSERT_STRING_EQUAL (again, fx.test_types); /* deterministic */
  if (g_strcmp0 (g_getenv ("GORB_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (GOLDEN_XSD, fx.test_types, -1, &error);
      GORB_ASSERT_NO_ERROR (error);
      g_print ("\n  rewrote " GOLDEN_XSD "\n");
      return;
    }
  g_file_get_contents (GOLDEN_XSD, &golden, NULL, &error);
  GORB_ASSERT_NO_ERROR (error);
  if (strcmp (golden, fx.test_types) != 0)
    g_printerr ("\n  %s differs from the output (GORB_UPDATE_GOLDEN=1 rewrites it):\n%s\n",
                GOLDEN_XSD, fx.test_types);
  CU_ASSERT_STRING_EQUAL (golden, fx.test_types);
}

/* What gorb_xml_encode() writes for @value of @type, with its default root
 * element, validates against the compiler's schema. */
static void
check_valid (const GorbTypeDesc *type, gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc = gorb_xml_encode (type, value, NULL, &error);

  GORB_ASSERT_NO_ERROR (error);
  gboolean valid = xmllint_validates (fx.test_types, g_bytes_get_data (doc, NULL),
                                      g_bytes_get_size (doc), TRUE);
  if (!valid)
    g_printerr ("  (type %s)\n", type->name);
  CU_ASSERT_TRUE (valid);
}

/* A value of each type of test_all_types (but RefHolder, which is not in
 * the IDL file), the members of Everything standing for their types. */
static void
test_runtime_documents_validate (void)
{
  TestEverything v;
  TestPersonSeq people;
  gint32 longs[] = { 1, -2 };
  double doubles[] = { 0.5, -0.0 };
  char *strings[] = { "x", "" };
  TestLongSeq long_seq = { longs, 2 };
  TestDoubleSeq double_seq = { doubles, 2 };
  TestStringSeq string_seq = { strings, 2 };
  TestChoice red = { ._d = TEST_COLOR_RED, ._u.who = { "Smith", "London", 1934 } };
  TestChoice green = { ._d = TEST_COLOR_GREEN, ._u.numbers = { longs, 2 } };
  TestFlag yes = { ._d = TRUE, ._u.yes = "y" }, no = { ._d = FALSE, ._u.no = -3 };
  TestNode leaf = { "leaf" }, root = { "root", { &leaf, 1 } };
  GorbSequence nodes = { &root, 1 };
  guint n_checked = 0;

  test_everything_fill (&v);
  test_person_seq_fill (&people, 3);
  for (guint i = 0; i < test_everything_desc.n_members; i++)
    {
      const GorbMemberDesc *m = &test_everything_desc.members[i];
      check_valid (m->type, (const char *) &v + m->offset);
    }
  const struct
  {
    const GorbTypeDesc *type;
    gconstpointer value;
  } others[] = {
    { &test_person_desc, &v.couple[0] },
    { &test_person_seq_desc, &people },
    { &test_long_seq_desc, &long_seq },
    { &test_double_seq_desc, &double_seq },
    { &test_string_seq_desc, &string_seq },
    { &test_choice_desc, &red },
    { &test_choice_desc, &green },
    { &test_flag_desc, &yes },
    { &test_flag_desc, &no },
    { &test_everything_desc, &v },
    { &test_node_desc, &root },
    { &test_node_seq_desc, &nodes },
  };
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    check_valid (others[i].type, others[i].value);

  /* every type of the file (all but RefHolder) was covered */
  for (const GorbTypeDesc *const *t = test_all_types; *t != NULL; t++)
    {
      gboolean seen = *t == &test_ref_holder_desc;
      for (guint i = 0; i < test_everything_desc.n_members && !seen; i++)
        seen = test_everything_desc.members[i].type == *t;
      for (guint i = 0; i < G_N_ELEMENTS (others) && !seen; i++)
        seen = others[i].type == *t;
      if (!seen)
        g_printerr ("\n  no value for %s\n", (*t)->name);
      CU_ASSERT_TRUE (seen);
      n_checked++;
    }
  CU_ASSERT_EQUAL (n_checked, 21);
  gorb_value_clear (&test_everything_desc, &v);
  gorb_value_clear (&test_person_seq_desc, &people);
}

/* xmllint refuses the encoding of @value once @old is replaced by
 * @replacement. */
/* The compiler's schema of the whole test IDL, whatever the type. */
static char *
compiler_schema (const GorbTypeDesc *type, gpointer data)
{
  return g_strdup (fx.test_types);
}

static void
test_broken_documents_are_refused (void)
{
  gorb_test_xmllint_check_broken (&fx.x, compiler_schema, NULL);
}

/* The schema of @idl compiles and @doc, a document of one of its types,
 * validates against it. */
static void
check_real_file (const char *idl, const char *const *include_dirs, const char *doc)
{
  g_autofree char *schema = emit_file (idl, include_dirs);

  CU_ASSERT_PTR_NOT_NULL_FATAL (schema);
  CU_ASSERT_TRUE (xmllint_validates (schema, doc, strlen (doc), TRUE));
}

static void
test_person_idl (void)
{
  check_real_file (GORB_SOURCE_DIR "/samples/personlist/Person.idl", NULL,
                   "<NotFound><name>Smith</name></NotFound>");
  check_real_file (GORB_SOURCE_DIR "/samples/personlist/Person.idl", NULL,
                   "<Person><name>a</name><place>b</place><year>1</year></Person>");
}

static void
test_cos_naming_idl (void)
{
  static const char *const dirs[] = { "/usr/share/idl/omniORB", NULL };

  if (!g_file_test (COS_NAMING_IDL, G_FILE_TEST_EXISTS))
    {
      g_print ("\n  skipped: " COS_NAMING_IDL " missing (install omniorb-idl)\n");
      return;
    }
  check_real_file (COS_NAMING_IDL, dirs,
                   "<Binding><binding_name><item><id>a</id><kind/></item></binding_name>"
                   "<binding_type>ncontext</binding_type></Binding>");
}

/* Doc comments, in-place declarations, arrays of members, interfaces. */
static void
test_constructs (void)
{
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = idlc_parse_string (
      "t.idl",
      "module M {\n"
      "  /** A <point> & more */\n"
      "  struct P { long xy[2]; struct In { char c; } inner; Object o; };\n"
      "  interface I { typedef sequence<I, 3> ISeq; exception E { ISeq s; }; };\n"
      "  enum K { A, B };\n"
      "  union U switch (K) { case A: string<4> a; default: P p; };\n"
      "  typedef P Q;\n"
      "};\n"
      "module N { struct P { long z; }; };\n",
      -1, NULL, IDLC_PARSE_NO_INCLUDES, diag);
  idlc_diag_print (diag, stderr);
  CU_ASSERT_EQUAL_FATAL (idlc_diag_get_n_errors (diag), 0);
  CU_ASSERT_TRUE_FATAL (idlc_check (ast, diag));
  g_autofree char *schema = idlc_emit_xsd (ast, "t.idl");
  static const char *const expected[] = {
    "<xs:documentation>A &lt;point&gt; &amp; more</xs:documentation>",
    "<xs:complexType name=\"M.P.In\">",
    "<xs:element name=\"inner\" type=\"M.P.In\"/>",
    "<xs:element name=\"o\" type=\"xs:string\"/>",
    "<xs:element name=\"item\" type=\"xs:int\" minOccurs=\"2\" maxOccurs=\"2\"/>",
    "<xs:element name=\"item\" type=\"xs:string\" minOccurs=\"0\" maxOccurs=\"3\"/>",
    "<xs:complexType name=\"M.I.E\">",
    "<xs:element name=\"_d\" type=\"M.K\"/>",
    "<xs:maxLength value=\"4\"/>",
    "<xs:extension base=\"M.P\"/>",
    "<xs:element name=\"Q\" type=\"M.Q\"/>",
    "<!-- no global element for N.P: M.P has the name 'P' -->",
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (strstr (schema, expected[i]) == NULL)
        g_printerr ("\n  missing %s in\n%s\n", expected[i], schema);
      CU_ASSERT_PTR_NOT_NULL (strstr (schema, expected[i]));
    }
  CU_ASSERT_TRUE (
      xmllint_validates (schema,
                         "<Q><xy><item>1</item><item>2</item></xy><inner><c>x</c></inner>"
                         "<o/></Q>",
                         strlen ("<Q><xy><item>1</item><item>2</item></xy><inner><c>x</c>"
                                 "</inner><o/></Q>"),
                         TRUE));
}

/* Only the main file's types are defined; an included file's schema is
 * xs:include'd by its name and the two validate together. */
static void
test_includes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a_idl = g_build_filename (fx.x.dir, "a.idl", NULL);
  g_autofree char *b_idl = g_build_filename (fx.x.dir, "b.idl", NULL);
  g_autofree char *a_xsd = g_build_filename (fx.x.dir, "a.xsd", NULL);
  const char *const dirs[] = { fx.x.dir, NULL };
  static const char doc[] = "<T><s><x>1</x></s><u><x>2</x></u></T>";

  g_file_set_contents (a_idl, "module A { struct S { long x; }; };\n", -1, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_file_set_contents (b_idl,
                       "#include \"a.idl\"\n"
                       "module B { typedef A::S U; struct T { A::S s; U u; }; };\n",
                       -1, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_autofree char *a_schema = emit_file (a_idl, dirs);
  g_autofree char *b_schema = emit_file (b_idl, dirs);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a_schema);
  CU_ASSERT_PTR_NOT_NULL_FATAL (b_schema);
  g_file_set_contents (a_xsd, a_schema, -1, &error);
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_PTR_NULL (strstr (b_schema, "name=\"A.S\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (b_schema, "-->\n  <xs:include schemaLocation=\"a.xsd\"/>\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (b_schema, "<xs:element name=\"s\" type=\"A.S\"/>"));
  CU_ASSERT_TRUE (xmllint_validates (b_schema, doc, strlen (doc), TRUE));
  g_unlink (a_idl);
  g_unlink (b_idl);
}

static CU_TestInfo xsd_tests[] = {
  { "only the main file, includes by xs:include", test_includes },
  { "golden gorb-test-types.xsd", test_golden },
  { "runtime documents validate", test_runtime_documents_validate },
  { "broken documents are refused", test_broken_documents_are_refused },
  { "constructs", test_constructs },
  { "Person.idl", test_person_idl },
  { "CosNaming.idl", test_cos_naming_idl },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/emit-xsd", suite_init, suite_cleanup, NULL, NULL, xsd_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
