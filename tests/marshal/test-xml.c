/* tests/marshal/test-xml.c - the XML codec: exact documents and round trips C -> XML -> C */
#include "gorb-test.h"
#include "gorb-test-types.h"
#include "gorb-test-objref.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Encodes @value, decodes the document again and checks that the value
 * came back equal; returns the document for further checks. */
static GBytes *
round_trip (const GorbTypeDesc *type, gconstpointer value)
{
  g_autoptr (GError) error = NULL;
  g_autofree gpointer back = g_malloc0 (type->size);
  GBytes *doc = gorb_xml_encode (type, value, NULL, &error);
  gsize len;
  const char *data;

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (doc);
  data = g_bytes_get_data (doc, &len);
  CU_ASSERT_TRUE (gorb_xml_decode (type, data, len, NULL, back, &error));
  GORB_ASSERT_NO_ERROR (error);
  if (!gorb_value_equal (type, value, back))
    g_printerr ("\n  not equal after a round trip:\n%s\n", data);
  CU_ASSERT_TRUE (gorb_value_equal (type, value, back));
  gorb_value_clear (type, back);
  return doc;
}

static void
test_person_document_is_exact (void)
{
  TestPerson p = { "Smith", "London", 1934 };
  g_autoptr (GBytes) doc = round_trip (&test_person_desc, &p);

  CU_ASSERT_STRING_EQUAL (g_bytes_get_data (doc, NULL),
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<Person>\n"
                          "  <name>Smith</name>\n"
                          "  <place>London</place>\n"
                          "  <year>1934</year>\n"
                          "</Person>\n");
}

static void
test_root_name_is_chosen_by_the_caller (void)
{
  TestPerson p = { "Smith", "London", 1934 }, back;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc = gorb_xml_encode (&test_person_desc, &p, "author", &error);
  gsize len;
  const char *data = g_bytes_get_data (doc, &len);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (strstr (data, "<author>\n  <name>Smith</name>"));
  CU_ASSERT_TRUE (gorb_xml_decode (&test_person_desc, data, len, "author", &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &p, &back));
  gorb_value_clear (&test_person_desc, &back);
}

static void
test_everything_round_trips (void)
{
  TestEverything v;

  test_everything_fill (&v);
  g_autoptr (GBytes) doc = round_trip (&test_everything_desc, &v);
  const char *text = g_bytes_get_data (doc, NULL);
  /* readable: enums by name, shortest exact floats, nested arrays as items */
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<hue>BLUE</hue>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<f>1.5</f>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<d>-0.1</d>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<b>true</b>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<outline>\n    <_d>2</_d>\n    <label>square</label>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<ull>18446744073709551615</ull>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<item/>")); /* the empty string and sequence */
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_person_seq_of_100_round_trips (void)
{
  TestPersonSeq seq;

  test_person_seq_fill (&seq, 100);
  g_autoptr (GBytes) doc = round_trip (&test_person_seq_desc, &seq);
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<PersonSeq>\n  <item>\n"));
  gorb_value_clear (&test_person_seq_desc, &seq);

  TestPersonSeq empty = { NULL, 0 };
  g_autoptr (GBytes) doc2 = round_trip (&test_person_seq_desc, &empty);
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc2, NULL), "<PersonSeq/>"));
}

/* A tree @depth levels deep whose nodes have @width children each. */
static void
node_fill (TestNode *node, guint depth, guint width, const char *label)
{
  node->label = g_strdup (label);
  node->children.len = depth > 1 ? width : 0;
  node->children.data = depth > 1 ? g_new0 (TestNode, width) : NULL;
  for (guint i = 0; i < node->children.len; i++)
    {
      g_autofree char *child = g_strdup_printf ("%s.%u", label, i);
      node_fill (&node->children.data[i], depth - 1, width, child);
    }
}

static void
test_node_trees_round_trip (void)
{
  /* 32 nested nodes take 64 path levels: the deepest chain allowed */
  static const guint shapes[][2] = { { 1, 0 }, { 3, 3 }, { 5, 2 }, { 32, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      TestNode tree;
      node_fill (&tree, shapes[i][0], shapes[i][1], "root");
      g_bytes_unref (round_trip (&test_node_desc, &tree));
      gorb_value_clear (&test_node_desc, &tree);
    }
}

static void
test_every_union_case_round_trips (void)
{
  TestShape shapes[] = {
    { ._d = 1, ._u.radius = -7 },
    { ._d = 2, ._u.label = "two" },
    { ._d = 3, ._u.label = "three (same case, another label)" },
    { ._d = 42, ._u.other = 2.5 }, /* default */
    { ._d = -1, ._u.other = -0.0 },
  };
  TestFlag flags[] = { { ._d = TRUE, ._u.yes = "yes" }, { ._d = FALSE, ._u.no = -3 } };
  TestChoice red = { ._d = TEST_COLOR_RED, ._u.who = { "Smith", "London", 1934 } };
  gint32 numbers[] = { 1, 2, 3 };
  TestChoice green = { ._d = TEST_COLOR_GREEN };
  TestChoice green_empty = { ._d = TEST_COLOR_GREEN };

  green._u.numbers.data = numbers;
  green._u.numbers.len = G_N_ELEMENTS (numbers);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    g_bytes_unref (round_trip (&test_shape_desc, &shapes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr (GBytes) doc = round_trip (&test_flag_desc, &flags[i]);
      CU_ASSERT_PTR_NOT_NULL (
          strstr (g_bytes_get_data (doc, NULL),
                  i == 0 ? "<_d>true</_d>\n  <yes>yes</yes>" : "<_d>false</_d>\n  <no>-3</no>"));
    }
  g_autoptr (GBytes) doc = round_trip (&test_choice_desc, &red);
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<_d>RED</_d>\n  <who>"));
  g_bytes_unref (round_trip (&test_choice_desc, &green));
  g_bytes_unref (round_trip (&test_choice_desc, &green_empty));
}

static void
test_object_references_round_trip (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder nil = { NULL, 1 };
  TestRefHolder ref = { NULL, 2 };
  g_autoptr (GBytes) nil_doc = round_trip (&test_ref_holder_desc, &nil); /* no hooks needed */
  g_autoptr (GBytes) ref_doc = NULL;

  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (nil_doc, NULL), "<ref/>"));
  test_objrefs_push (objrefs);
  ref.ref = test_objrefs_get (objrefs, "gorb:IDL:Test/Person:1.0;key=0001;enc=xml;"
                                       "ep=tcp://127.0.0.1:5555");
  ref_doc = round_trip (&test_ref_holder_desc, &ref);
  test_objrefs_pop ();
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (ref_doc, NULL),
                                  "<ref>gorb:IDL:Test/Person:1.0;key=0001;enc=xml;"
                                  "ep=tcp://127.0.0.1:5555</ref>"));
}

static void
test_strings_keep_every_character (void)
{
  static const char *const strings[] = {
    "",
    "<&>\"'",
    "]]>",
    "a\rb",
    "\r\n",
    "\r",
    "tab\there\t",
    "  leading and trailing  ",
    " ",
    "\n\nnewlines\n",
    "Z\xc3\xbcrich \xe2\x80\x94 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x8e\x89",
    "&amp; is not decoded twice",
    "\xc2\x85 NEL and \xe2\x80\xa8 LS are kept",
    "\xef\xbf\xbd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      TestPerson p = { (char *) strings[i], (char *) strings[i], (gint32) i };
      g_bytes_unref (round_trip (&test_person_desc, &p));
    }
  TestPerson cr = { "a\rb", "", 0 };
  g_autoptr (GBytes) doc = round_trip (&test_person_desc, &cr);
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<name>a&#13;b</name>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<place/>"));
}

static void
test_chars_round_trip (void)
{
  static const guint8 chars[] = { 'z', 0xE9, ' ', '<', '&', '\t', '\n', '\r', 0x7F, 0x80, 0xFF };

  for (guint i = 0; i < G_N_ELEMENTS (chars); i++)
    {
      TestBasics b = { .c = (gchar) chars[i] };
      g_autoptr (GBytes) doc = round_trip (&test_basics_desc, &b);
      if (chars[i] == 0xE9) /* Latin-1 e acute, as UTF-8 */
        CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<c>\xc3\xa9</c>"));
      if (chars[i] == 'z')
        CU_ASSERT_PTR_NOT_NULL (strstr (g_bytes_get_data (doc, NULL), "<c>z</c>"));
    }
}

static void
test_floating_point_is_bit_exact (void)
{
  const gfloat floats[]
      = { NAN,     INFINITY, -INFINITY,   -0.0f, 0.0f,        FLT_MAX,     -FLT_MAX,
          FLT_MIN, 1e-45f,   FLT_EPSILON, 0.1f,  1.0f / 3.0f, 16777217.0f, 3.14159274f };
  const gdouble doubles[] = { NAN,     INFINITY, -INFINITY,   -0.0,        0.0,  1e-310,
                              DBL_MAX, -DBL_MAX, DBL_MIN,     4.9e-324,    0.1,  0.1 + 0.2,
                              1.0 / 3, 1e300,    DBL_EPSILON, 123456789.0, 1e22, -2.5e-8 };
  const char *const texts[] = { "<f>NaN</f>", "<f>INF</f>", "<f>-INF</f>", "<f>-0</f>" };

  for (guint i = 0; i < G_N_ELEMENTS (floats); i++)
    {
      TestBasics b = { .c = 'x', .f = floats[i] }, back;
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) doc = gorb_xml_encode (&test_basics_desc, &b, NULL, &error);
      gsize len;
      const char *data = g_bytes_get_data (doc, &len);

      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (gorb_xml_decode (&test_basics_desc, data, len, NULL, &back, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (memcmp (&b.f, &back.f, sizeof b.f), 0);
      if (i < G_N_ELEMENTS (texts))
        CU_ASSERT_PTR_NOT_NULL (strstr (data, texts[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      TestBasics b = { .c = 'x', .d = doubles[i] }, back;
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) doc = gorb_xml_encode (&test_basics_desc, &b, NULL, &error);
      gsize len;
      const char *data = g_bytes_get_data (doc, &len);

      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (gorb_xml_decode (&test_basics_desc, data, len, NULL, &back, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (memcmp (&b.d, &back.d, sizeof b.d), 0);
      if (doubles[i] == 1e-310)
        CU_ASSERT_PTR_NOT_NULL (strstr (data, "<d>1e-310</d>"));
    }
}

static void
test_hand_written_document_decodes (void)
{
  static const char doc[]
      = "<?xml version='1.0'?>\n"
        "<!-- a person, written by hand -->\n"
        "<Person xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'\n"
        "        xsi:noNamespaceSchemaLocation='person.xsd'>\n"
        "\t<!-- name first -->\n"
        "  <name>Sm<!-- split -->ith</name>   <place><![CDATA[Lon]]>don</place>\n"
        "\n"
        "  <year>\n"
        "     1934\t\r\n"
        "  </year>  <?editor keep?>\n"
        "</Person>\n"
        "<!-- the end -->\n";
  TestPerson expected = { "Smith", "London", 1934 }, back;
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_xml_decode (&test_person_desc, doc, strlen (doc), NULL, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &expected, &back));
  gorb_value_clear (&test_person_desc, &back);
}

static void
test_lexical_variants_decode (void)
{
  static const char doc[] = "<Basics><b> 1 </b><o>+7</o><c> </c><s>-0</s><us>007</us>"
                            "<l>+12</l><ul>\n4294967295\n</ul><ll>-9223372036854775808</ll>"
                            "<ull>0</ull><f>-INF</f><d>.5e1</d></Basics>";
  TestBasics back;
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_xml_decode (&test_basics_desc, doc, strlen (doc), NULL, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (back.b);
  CU_ASSERT_EQUAL (back.o, 7);
  CU_ASSERT_EQUAL (back.c, ' ');
  CU_ASSERT_EQUAL (back.s, 0);
  CU_ASSERT_EQUAL (back.us, 7);
  CU_ASSERT_EQUAL (back.l, 12);
  CU_ASSERT_EQUAL (back.ul, G_MAXUINT32);
  CU_ASSERT_EQUAL (back.ll, G_MININT64);
  CU_ASSERT_TRUE (isinf (back.f) && back.f < 0);
  CU_ASSERT_EQUAL (back.d, 5.0);
}

static void
test_values_nest_in_a_caller_document (void)
{
  TestPerson p = { "Smith", "London", 1934 }, back;
  TestColor color = TEST_COLOR_GREEN, color_back;
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNodePtr request = xmlNewDocNode (doc, NULL, (const xmlChar *) "request", NULL);
  xmlNodePtr a, b;

  xmlDocSetRootElement (doc, request);
  a = gorb_xml_write_value (request, "who", &test_person_desc, &p, &error);
  GORB_ASSERT_NO_ERROR (error);
  b = gorb_xml_write_value (request, NULL, &test_color_desc, &color, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (b);
  CU_ASSERT_STRING_EQUAL ((const char *) a->name, "who");
  CU_ASSERT_STRING_EQUAL ((const char *) b->name, "Color");
  CU_ASSERT_PTR_EQUAL (request->children, a);
  CU_ASSERT_TRUE (gorb_xml_read_value (a, &test_person_desc, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &p, &back));
  CU_ASSERT_TRUE (gorb_xml_read_value (b, &test_color_desc, &color_back, &error));
  CU_ASSERT_EQUAL (color_back, TEST_COLOR_GREEN);
  gorb_value_clear (&test_person_desc, &back);

  /* unlinked element */
  xmlNodePtr loose = gorb_xml_write_value (NULL, "p", &test_person_desc, &p, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (loose);
  CU_ASSERT_TRUE (gorb_xml_read_value (loose, &test_person_desc, &back, &error));
  gorb_value_clear (&test_person_desc, &back);
  xmlFreeNode (loose);
  xmlFreeDoc (doc);
}

static void
test_other_encodings_and_character_references_parse (void)
{
  static const char doc[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                            "<Person><name>Jos\xe9</name><place>&lt;&#x263A;&gt;</place>"
                            "<year>1</year></Person>";
  g_autoptr (GError) error = NULL;
  TestPerson back;

  CU_ASSERT_TRUE (gorb_xml_decode (&test_person_desc, doc, strlen (doc), NULL, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (back.name, "Jos\xc3\xa9");
  CU_ASSERT_STRING_EQUAL (back.place, "<\xe2\x98\xba>");
  gorb_value_clear (&test_person_desc, &back);
}

static gpointer
round_trip_many (gpointer data)
{
  TestEverything v, back;
  guint failures = 0;

  test_everything_fill (&v);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (GBytes) doc = gorb_xml_encode (&test_everything_desc, &v, NULL, NULL);
      gsize len;
      const char *text = doc != NULL ? g_bytes_get_data (doc, &len) : NULL;
      if (text == NULL || !gorb_xml_decode (&test_everything_desc, text, len, NULL, &back, NULL))
        failures++;
      else if (!gorb_value_equal (&test_everything_desc, &v, &back))
        failures++;
      gorb_value_clear (&test_everything_desc, &back);
      /* the parser's error path, with its per-thread error handler */
      if (gorb_xml_decode (&test_everything_desc, "<Everything><x>", 15, NULL, &back, NULL))
        failures++;
    }
  gorb_value_clear (&test_everything_desc, &v);
  return GUINT_TO_POINTER (failures);
}

static void
test_threads_encode_and_decode_at_once (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("xml", round_trip_many, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    CU_ASSERT_EQUAL (GPOINTER_TO_UINT (g_thread_join (threads[i])), 0);
}

static CU_TestInfo xml_tests[] = {
  { "Person document is exact", test_person_document_is_exact },
  { "root name is chosen by the caller", test_root_name_is_chosen_by_the_caller },
  { "Everything round-trips", test_everything_round_trips },
  { "PersonSeq of 100 round-trips", test_person_seq_of_100_round_trips },
  { "Node trees round-trip", test_node_trees_round_trip },
  { "every union case round-trips", test_every_union_case_round_trips },
  { "object references round-trip", test_object_references_round_trip },
  { "strings keep every character", test_strings_keep_every_character },
  { "chars round-trip", test_chars_round_trip },
  { "floating point is bit-exact", test_floating_point_is_bit_exact },
  { "hand-written document decodes", test_hand_written_document_decodes },
  { "lexical variants decode", test_lexical_variants_decode },
  { "values nest in a caller's document", test_values_nest_in_a_caller_document },
  { "other encodings and character references parse",
    test_other_encodings_and_character_references_parse },
  { "threads encode and decode at once", test_threads_encode_and_decode_at_once },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/xml", NULL, NULL, NULL, NULL, xml_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
