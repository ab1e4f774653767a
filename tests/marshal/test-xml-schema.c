/* tests/marshal/test-xml-schema.c - generated XML Schemas: what gorb_xml_encode() writes
 * validates with `xmllint --schema`, and broken documents do not */
#include "gorb-test.h"
#include "gorb-test-types.h"
#include "gorb-test-objref.h"
#include "gorb-test-xmllint.h"

#include <glib/gstdio.h>
#include <string.h>

static GorbTestXmllint fx;

static int
suite_init (void)
{
  return gorb_test_xmllint_init (&fx, "gorb-xml-schema-XXXXXX") ? 0 : -1;
}

static int
suite_cleanup (void)
{
  gorb_test_xmllint_clear (&fx);
  return 0;
}

static gboolean
xmllint_validates (const char *schema, const char *doc, gsize doc_len, gboolean expect_valid)
{
  return gorb_test_xmllint_validates (&fx, schema, doc, doc_len, expect_valid);
}

/* The schema of @type and the encoding of @value validate together. */
static void
check_valid (const GorbTypeDesc *type, gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *schema = gorb_xml_schema_for_type (type, NULL);
  g_autoptr (GBytes) doc = gorb_xml_encode (type, value, NULL, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (schema);
  CU_ASSERT_TRUE (
      xmllint_validates (schema, g_bytes_get_data (doc, NULL), g_bytes_get_size (doc), TRUE));
}

static void
test_person_schema (void)
{
  TestPerson p = { "Smith", "London", 1934 };
  g_autofree char *schema = gorb_xml_schema_for_type (&test_person_desc, NULL);
  g_autofree char *renamed = gorb_xml_schema_for_type (&test_person_desc, "author");

  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:element name=\"Person\" type=\"Test.Person\"/>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:complexType name=\"Test.Person\">"));
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:element name=\"year\" type=\"xs:int\"/>"));
  CU_ASSERT_PTR_NULL (strstr (schema, "targetNamespace"));
  CU_ASSERT_PTR_NOT_NULL (strstr (renamed, "<xs:element name=\"author\" type=\"Test.Person\"/>"));
  check_valid (&test_person_desc, &p);
}

static void
test_person_seq_schema (void)
{
  TestPersonSeq seq, empty = { NULL, 0 };

  test_person_seq_fill (&seq, 5);
  check_valid (&test_person_seq_desc, &seq);
  check_valid (&test_person_seq_desc, &empty);
  gorb_value_clear (&test_person_seq_desc, &seq);
}

static void
test_everything_schema (void)
{
  TestEverything v;
  g_autofree char *schema = gorb_xml_schema_for_type (&test_everything_desc, NULL);

  test_everything_fill (&v);
  check_valid (&test_everything_desc, &v);
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:maxLength value=\"8\"/>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:enumeration value=\"GREEN\"/>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "maxOccurs=\"4\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "minOccurs=\"3\" maxOccurs=\"3\""));
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_basics_with_special_numbers_validate (void)
{
  TestBasics values[] = {
    { .b = TRUE,
      .o = 255,
      .c = (gchar) 0xE9,
      .s = G_MININT16,
      .us = G_MAXUINT16,
      .l = G_MININT32,
      .ul = G_MAXUINT32,
      .ll = G_MININT64,
      .ull = G_MAXUINT64,
      .f = G_MAXFLOAT,
      .d = 1e-310 },
    { .c = ' ', .f = -0.0f, .d = -G_MAXDOUBLE },
    { .c = '\r', .f = __builtin_nanf (""), .d = __builtin_inf () },
    { .c = '<', .f = -__builtin_inff (), .d = __builtin_nan ("") },
    { .c = '\t', .f = 1e-45f, .d = 4.9e-324 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    check_valid (&test_basics_desc, &values[i]);
}

static void
test_node_schema_is_recursive (void)
{
  TestNode leaf1 = { "leaf1" }, leaf2 = { "leaf2" };
  TestNode mid[] = { { "mid" }, { "mid2" } };
  TestNode root = { "root" };
  g_autofree char *schema = gorb_xml_schema_for_type (&test_node_desc, NULL);

  mid[0].children.data = &leaf1;
  mid[0].children.len = 1;
  mid[1].children.data = &leaf2;
  mid[1].children.len = 1;
  root.children.data = mid;
  root.children.len = 2;
  check_valid (&test_node_desc, &root);
  check_valid (&test_node_desc, &leaf1);
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:element name=\"item\" type=\"Test.Node\""));
}

static void
test_union_schemas (void)
{
  TestShape shapes[] = {
    { ._d = 1, ._u.radius = 3 },
    { ._d = 3, ._u.label = "three" },
    { ._d = -9, ._u.other = 0.5 },
  };
  gint32 numbers[] = { 4, 5 };
  TestChoice red = { ._d = TEST_COLOR_RED, ._u.who = { "Smith", "London", 1934 } };
  TestChoice green = { ._d = TEST_COLOR_GREEN, ._u.numbers = { numbers, 2 } };
  TestFlag flag = { ._d = FALSE, ._u.no = 1 };
  g_autofree char *schema = gorb_xml_schema_for_type (&test_shape_desc, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    check_valid (&test_shape_desc, &shapes[i]);
  check_valid (&test_choice_desc, &red);
  check_valid (&test_choice_desc, &green);
  check_valid (&test_flag_desc, &flag);
  /* the case with two labels is one element of the choice */
  CU_ASSERT_PTR_NOT_NULL (strstr (schema, "<xs:element name=\"label\""));
  CU_ASSERT_PTR_NULL (strstr (strstr (schema, "name=\"label\"") + 1, "name=\"label\""));
}

static void
test_ref_holder_schema (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder nil = { NULL, 1 }, ref = { NULL, 2 };

  check_valid (&test_ref_holder_desc, &nil);
  test_objrefs_push (objrefs);
  ref.ref = test_objrefs_get (objrefs, "gorb:IDL:x:1.0;key=01;enc=cdr;ep=tcp://127.0.0.1:1");
  check_valid (&test_ref_holder_desc, &ref);
  test_objrefs_pop ();
}

static void
test_other_named_types_validate (void)
{
  TestColor color = TEST_COLOR_RED;
  gint32 year = -44;
  char *short_name = "8 chars!";
  gint32 matrix[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
  TestPerson pair[2] = { { "a", "b", 1 }, { "c", "d", 2 } };

  check_valid (&test_color_desc, &color);
  check_valid (&test_year_desc, &year);
  check_valid (&test_short_name_desc, &short_name);
  check_valid (&test_matrix_desc, matrix);
  check_valid (&test_pair_desc, pair);
}

/* xmllint refuses @doc once @old is replaced by @replacement. */
static char *
runtime_schema (const GorbTypeDesc *type, gpointer data)
{
  return gorb_xml_schema_for_type (type, NULL);
}

static void
test_broken_documents_are_refused (void)
{
  gorb_test_xmllint_check_broken (&fx, runtime_schema, NULL);
}

static CU_TestInfo schema_tests[] = {
  { "Person", test_person_schema },
  { "PersonSeq", test_person_seq_schema },
  { "Everything", test_everything_schema },
  { "Basics with special numbers", test_basics_with_special_numbers_validate },
  { "Node is recursive", test_node_schema_is_recursive },
  { "unions: Shape, Choice, Flag", test_union_schemas },
  { "RefHolder", test_ref_holder_schema },
  { "typedefs, enums and arrays as roots", test_other_named_types_validate },
  { "broken documents are refused", test_broken_documents_are_refused },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/xml-schema", suite_init, suite_cleanup, NULL, NULL, schema_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
