/* tests/marshal/test-xml-bad.c - the XML codec refuses bad input and unencodable values:
 * malformed XML, DTDs and entities (bombs, XXE), wrong elements, values out
 * of their types, depth; every error has its code and says where */
#include "gorb-test.h"
#include "gorb-test-types.h"

#include <string.h>

/* Decodes @doc as @type, expecting @code and a message that contains
 * @needle (and, when @line_needed, a line number); checks that the value
 * is left cleared. */
static void
check_decode_fails (const GorbTypeDesc *type, const char *doc, gsize len, GorbMarshalError code,
                    const char *needle, gboolean line_needed)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *value = g_malloc (type->size);
  g_autofree guint8 *zero = g_malloc0 (type->size);

  memset (value, 0xAA, type->size);
  CU_ASSERT_FALSE (gorb_xml_decode (type, doc, len, NULL, value, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_printerr ("\n  '%s' is not in the message '%s'\n", needle, error->message);
  CU_ASSERT_TRUE (needle == NULL || strstr (error->message, needle) != NULL);
  if (line_needed)
    CU_ASSERT_PTR_NOT_NULL (strstr (error->message, " at line "));
  CU_ASSERT_EQUAL (memcmp (value, zero, type->size), 0);
}

#define DECODE_FAILS(type, doc, code, needle)                                                      \
  check_decode_fails ((type), (doc), strlen (doc), GORB_MARSHAL_ERROR_##code, (needle), TRUE)

/* A valid Basics document with one piece of text replaced. */
static char *
basics_with (const char *old, const char *replacement)
{
  TestBasics b = { .c = 'c', .s = -2, .l = 5, .f = 1.5f, .d = 2.5 };
  g_autoptr (GBytes) doc = gorb_xml_encode (&test_basics_desc, &b, NULL, NULL);
  g_autoptr (GString) s = g_string_new (g_bytes_get_data (doc, NULL));

  CU_ASSERT_FATAL (g_string_replace (s, old, replacement, 1) == 1);
  return g_strdup (s->str);
}

static char *
everything_with (const char *old, const char *replacement)
{
  TestEverything v;
  g_autoptr (GBytes) doc = NULL;
  g_autoptr (GString) s = NULL;

  test_everything_fill (&v);
  doc = gorb_xml_encode (&test_everything_desc, &v, NULL, NULL);
  gorb_value_clear (&test_everything_desc, &v);
  s = g_string_new (g_bytes_get_data (doc, NULL));
  CU_ASSERT_FATAL (g_string_replace (s, old, replacement, 1) == 1);
  return g_strdup (s->str);
}

static void
test_malformed_xml_is_bad_xml (void)
{
  static const char *const docs[] = {
    "<Person>",
    "garbage",
    "<Person><name>x</name>",
    "<Person></Persn>",
    "<Person><name>x</name><place>y</place><year>1</year></Person><Person/>",
    "<?xml version='1.0'?>",
    "<Person><name>\x01</name></Person>",
    "<Person><name>\xff\xfe</name></Person>",
    "<Person><name>&#0;</name></Person>",
    "<Person><name>&undeclared;</name></Person>",
    "<a:Person><name/></a:Person>",
    "<Person a='1' a='2'/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    DECODE_FAILS (&test_person_desc, docs[i], BAD_XML, "malformed XML");
  check_decode_fails (&test_person_desc, "", 0, GORB_MARSHAL_ERROR_BAD_XML, "empty", FALSE);
  check_decode_fails (&test_person_desc, NULL, 0, GORB_MARSHAL_ERROR_BAD_XML, "empty", FALSE);
}

static void
test_every_truncation_is_bad_xml (void)
{
  TestEverything v;
  g_autoptr (GBytes) doc = NULL;
  gsize len;
  const char *data;

  test_everything_fill (&v);
  doc = gorb_xml_encode (&test_everything_desc, &v, NULL, NULL);
  gorb_value_clear (&test_everything_desc, &v);
  data = g_bytes_get_data (doc, &len);
  CU_ASSERT_EQUAL_FATAL (data[len - 1], '\n');
  /* without the final newline, the document is still whole */
  for (gsize cut = 0; cut < len - 1; cut++)
    check_decode_fails (&test_everything_desc, data, cut, GORB_MARSHAL_ERROR_BAD_XML, NULL,
                        cut > 0);
}

static void
test_billion_laughs_fails_fast (void)
{
  g_autoptr (GString) doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                                          " <!ENTITY lol \"lol\">\n");
  gint64 start;

  for (int i = 1; i <= 9; i++)
    {
      g_autofree char *prev = i == 1 ? g_strdup ("lol") : g_strdup_printf ("lol%d", i - 1);
      g_string_append_printf (doc, " <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (doc, "&%s;", prev);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<Person><name>&lol9;</name><place/><year>1</year></Person>\n");
  start = g_get_monotonic_time ();
  check_decode_fails (&test_person_desc, doc->str, doc->len, GORB_MARSHAL_ERROR_FORBIDDEN_XML,
                      "document type declarations are refused at line 2", FALSE);
  CU_ASSERT_TRUE (g_get_monotonic_time () - start < G_USEC_PER_SEC / 10);
}

static void
test_quadratic_blowup_is_refused (void)
{
  g_autoptr (GString) doc = g_string_new ("<!DOCTYPE Person [<!ENTITY a \"");

  for (int i = 0; i < 50000; i++)
    g_string_append_c (doc, 'a');
  g_string_append (doc, "\">]><Person><name>");
  for (int i = 0; i < 50000; i++)
    g_string_append (doc, "&a;");
  g_string_append (doc, "</name><place/><year>1</year></Person>");
  check_decode_fails (&test_person_desc, doc->str, doc->len, GORB_MARSHAL_ERROR_FORBIDDEN_XML,
                      "document type declarations are refused", FALSE);
}

static void
test_external_entities_are_refused (void)
{
  static const char *const docs[] = {
    /* XXE */
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE Person [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
    "<Person><name>&x;</name><place/><year>1</year></Person>",
    /* parameter entity, fetched at once in the internal subset */
    "<!DOCTYPE Person [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
    "<Person><name/><place/><year>1</year></Person>",
    /* external DTD */
    "<!DOCTYPE Person SYSTEM \"http://127.0.0.1:1/person.dtd\">\n"
    "<Person><name/><place/><year>1</year></Person>",
    "<!DOCTYPE Person PUBLIC \"-//x//y\" \"file:///etc/passwd\">"
    "<Person><name/><place/><year>1</year></Person>",
    /* even a harmless one */
    "<!DOCTYPE Person>\n<Person><name/><place/><year>1</year></Person>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    DECODE_FAILS (&test_person_desc, docs[i], FORBIDDEN_XML,
                  "document type declarations are refused");
}

static void
test_entity_reference_in_a_tree_is_refused (void)
{
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, (const xmlChar *) "Person", NULL);
  xmlNodePtr name = xmlNewChild (root, NULL, (const xmlChar *) "name", NULL);
  TestPerson back;

  xmlDocSetRootElement (doc, root);
  xmlAddChild (name, xmlNewReference (doc, (const xmlChar *) "&x;"));
  xmlNewChild (root, NULL, (const xmlChar *) "place", NULL);
  xmlNewChild (root, NULL, (const xmlChar *) "year", (const xmlChar *) "1");
  CU_ASSERT_FALSE (gorb_xml_read_value (root, &test_person_desc, &back, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_FORBIDDEN_XML);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'&x;'"));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "in 'Person.name'"));
  xmlFreeDoc (doc);
}

static void
test_wrong_elements_are_named (void)
{
  g_autoptr (GError) error = NULL;
  TestPerson back;
  static const char misspelled[] = "<Person>\n"
                                   "  <name>Smith</name>\n"
                                   "  <plase>London</plase>\n"
                                   "  <year>1934</year>\n"
                                   "</Person>\n";

  CU_ASSERT_FALSE (
      gorb_xml_decode (&test_person_desc, misspelled, strlen (misspelled), NULL, &back, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_ELEMENT);
  CU_ASSERT_STRING_EQUAL (error->message,
                          "expected element 'place' but found 'plase' at line 3 in 'Person'");

  DECODE_FAILS (&test_person_desc, "<People/>", BAD_ELEMENT,
                "expected root element 'Person' but found 'People' at line 1");
  DECODE_FAILS (&test_person_desc, "<Person>\n<name/>\n<place/>\n</Person>", BAD_ELEMENT,
                "expected element 'year' but found the end of 'Person' at line 3");
  DECODE_FAILS (&test_person_desc, "<Person/>", BAD_ELEMENT,
                "expected element 'name' but found the end of 'Person'");
  DECODE_FAILS (&test_person_desc, "<Person><name/><place/><year>1</year>\n<age>3</age></Person>",
                BAD_ELEMENT, "unexpected element 'age' at the end of 'Person' at line 2");
  DECODE_FAILS (&test_person_desc, "<Person><place/><name/><year>1</year></Person>", BAD_ELEMENT,
                "expected element 'name' but found 'place'");
  DECODE_FAILS (&test_person_desc, "<Person>hello<name/><place/><year>1</year></Person>",
                BAD_ELEMENT, "unexpected text 'hello' where element 'name' was expected");
  DECODE_FAILS (&test_person_desc, "<Person><name/><place/><year>1</year>bye</Person>", BAD_ELEMENT,
                "unexpected text 'bye'");
  DECODE_FAILS (&test_person_desc, "<Person><name><b>x</b></name><place/><year>1</year></Person>",
                BAD_ELEMENT, "unexpected element 'b' in a value of type string");
  DECODE_FAILS (&test_person_desc, "<Person xmlns='urn:x'><name/><place/><year>1</year></Person>",
                BAD_ELEMENT, "namespace 'urn:x'");
  DECODE_FAILS (&test_person_desc, "<Person><name lang='en'/><place/><year>1</year></Person>",
                BAD_ELEMENT, "unexpected attribute 'lang' on element 'name'");
  DECODE_FAILS (&test_person_seq_desc, "<PersonSeq><person/></PersonSeq>", BAD_ELEMENT,
                "expected element 'item' but found 'person'");
}

static void
test_values_outside_their_type_are_bad_value (void)
{
  static const struct
  {
    const char *old, *replacement, *path;
  } cases[] = {
    { "<b>false</b>", "<b>yes</b>", "'yes' is not a valid boolean at line 3 in 'Basics.b'" },
    { "<b>false</b>", "<b>TRUE</b>", "Basics.b" },
    { "<b>false</b>", "<b/>", "Basics.b" },
    { "<o>0</o>", "<o>256</o>", "'256' is not a valid octet" },
    { "<o>0</o>", "<o>-1</o>", "Basics.o" },
    { "<c>c</c>", "<c>ab</c>", "'ab' is not one character" },
    { "<c>c</c>", "<c/>", "Basics.c" },
    { "<c>c</c>", "<c>\xc4\x80</c>", "Basics.c" },
    { "<s>-2</s>", "<s>70000</s>", "'70000' is not a valid short at line 6 in 'Basics.s'" },
    { "<s>-2</s>", "<s>1 2</s>", "Basics.s" },
    { "<us>0</us>", "<us>-1</us>", "Basics.us" },
    { "<l>5</l>", "<l>12a</l>", "Basics.l" },
    { "<l>5</l>", "<l>0x10</l>", "Basics.l" },
    { "<l>5</l>", "<l>1.5</l>", "Basics.l" },
    { "<l>5</l>", "<l>2147483648</l>", "Basics.l" },
    { "<l>5</l>", "<l></l>", "Basics.l" },
    { "<ul>0</ul>", "<ul>4294967296</ul>", "'4294967296' is not a valid unsigned long" },
    { "<ll>0</ll>", "<ll>9223372036854775808</ll>", "Basics.ll" },
    { "<ull>0</ull>", "<ull>18446744073709551616</ull>", "Basics.ull" },
    { "<ull>0</ull>", "<ull>-0</ull>", "Basics.ull" },
    { "<f>1.5</f>", "<f>1e39</f>", "'1e39' is not a valid float at line 12 in 'Basics.f'" },
    { "<f>1.5</f>", "<f>-3.5e38</f>", "Basics.f" },
    { "<f>1.5</f>", "<f>inf</f>", "Basics.f" },
    { "<d>2.5</d>", "<d>1e309</d>", "Basics.d" },
    { "<d>2.5</d>", "<d>nan</d>", "Basics.d" },
    { "<d>2.5</d>", "<d>0x1p3</d>", "Basics.d" },
    { "<d>2.5</d>", "<d>1e</d>", "Basics.d" },
    { "<d>2.5</d>", "<d>.</d>", "Basics.d" },
    { "<d>2.5</d>", "<d>Infinity</d>", "Basics.d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *doc = basics_with (cases[i].old, cases[i].replacement);
      DECODE_FAILS (&test_basics_desc, doc, BAD_VALUE, cases[i].path);
    }
  g_autofree char *doc = everything_with ("<hue>BLUE</hue>", "<hue>PURPLE</hue>");
  DECODE_FAILS (&test_everything_desc, doc, BAD_VALUE, "'PURPLE' is not a valid Test::Color");
  g_free (doc);
  doc = everything_with ("<hue>BLUE</hue>", "<hue>blue</hue>");
  DECODE_FAILS (&test_everything_desc, doc, BAD_VALUE, "Everything.hue");
}

static void
test_bounds_and_counts_are_checked (void)
{
  g_autofree char *long_name
      = everything_with ("<short_name>gorb</short_name>", "<short_name>123456789</short_name>");
  g_autofree char *five = everything_with ("<item>2147483647</item>",
                                           "<item>2147483647</item><item>1</item><item>2</item>");
  g_autofree char *short_row = everything_with ("<item>2</item>\n", "");
  g_autofree char *long_row = everything_with ("<item>2</item>\n", "<item>2</item><item>3</item>");
  g_autofree char *three
      = everything_with ("</couple>", "<item><name/><place/><year>1</year></item>"
                                      "</couple>");

  DECODE_FAILS (&test_everything_desc, long_name, BAD_LENGTH,
                "string of 9 bytes exceeds its bound of 8 at line 3 in 'Everything.short_name'");
  DECODE_FAILS (&test_everything_desc, five, BAD_LENGTH,
                "sequence has more items than its bound of 4 at line 14 in 'Everything.few'");
  DECODE_FAILS (&test_everything_desc, short_row, BAD_ELEMENT,
                "array has 2 items but needs 3 at line 19 in 'Everything.grid[0]'");
  DECODE_FAILS (&test_everything_desc, long_row, BAD_ELEMENT,
                "array has more than its 3 items at line 20 in 'Everything.grid[0]'");
  DECODE_FAILS (&test_everything_desc, three, BAD_ELEMENT, "in 'Everything.couple'");
}

static void
test_unions_are_checked (void)
{
  DECODE_FAILS (&test_choice_desc, "<Choice>\n<_d>BLUE</_d>\n</Choice>", BAD_UNION,
                "discriminator BLUE selects no case of the union at line 2 in 'Choice'");
  DECODE_FAILS (&test_choice_desc, "<Choice>\n<_d>RED</_d>\n<numbers/></Choice>", BAD_ELEMENT,
                "expected element 'who' but found 'numbers' at line 3 in 'Choice'");
  DECODE_FAILS (&test_shape_desc, "<Shape><_d>1</_d><label>x</label></Shape>", BAD_ELEMENT,
                "expected element 'radius' but found 'label'");
  DECODE_FAILS (&test_shape_desc, "<Shape><_d>1</_d></Shape>", BAD_ELEMENT,
                "expected element 'radius' but found the end of 'Shape'");
  DECODE_FAILS (&test_shape_desc, "<Shape><radius>1</radius></Shape>", BAD_ELEMENT,
                "expected element '_d' but found 'radius'");
  DECODE_FAILS (&test_shape_desc, "<Shape><_d>x</_d><other>1</other></Shape>", BAD_VALUE,
                "in 'Shape._d'");
  DECODE_FAILS (&test_shape_desc, "<Shape><_d>2</_d><label/><label/></Shape>", BAD_ELEMENT,
                "unexpected element 'label' at the end of 'Shape'");
  DECODE_FAILS (&test_flag_desc, "<Flag><_d>true</_d><no>1</no></Flag>", BAD_ELEMENT,
                "expected element 'yes' but found 'no'");
}

/* <Node><label/><children><item>... @depth nodes deep */
static char *
nested_nodes (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i == 0 ? "<Node><label>n</label><children>\n"
                               : "<item><label>n</label><children>\n");
  for (guint i = depth; i-- > 0;)
    g_string_append (s, i == 0 ? "</children></Node>" : "</children></item>");
  return g_string_free (s, FALSE);
}

static void
test_depth_is_limited (void)
{
  g_autofree char *ok = nested_nodes (32);
  g_autofree char *deep = nested_nodes (33);
  g_autofree char *deeper = nested_nodes (100);
  g_autofree char *deepest = nested_nodes (5000);
  TestNode back;
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_xml_decode (&test_node_desc, ok, strlen (ok), NULL, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  gorb_value_clear (&test_node_desc, &back);
  DECODE_FAILS (&test_node_desc, deep, TOO_DEEP, "nesting deeper than 64 levels at line 33 in");
  DECODE_FAILS (&test_node_desc, deeper, TOO_DEEP, "Node.children[0].children[0]");
  /* libxml2's own limit comes first */
  DECODE_FAILS (&test_node_desc, deepest, BAD_XML, "malformed XML");
}

/* Encodes @value expecting @code and @needle in the message. */
static void
check_encode_fails (const GorbTypeDesc *type, gconstpointer value, GorbMarshalError code,
                    const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc = gorb_xml_encode (type, value, NULL, &error);

  CU_ASSERT_PTR_NULL (doc);
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_printerr ("\n  '%s' is not in the message '%s'\n", needle, error->message);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, needle));
}

static void
test_unencodable_values_are_refused (void)
{
  TestPerson bad_utf8 = { "ok",
                          "Lon\xff"
                          "don",
                          1 };
  TestPerson control = { "a\x01", "", 1 };
  TestPerson nonchar = { "\xef\xbf\xbe", "", 1 };
  TestPerson null_name = { NULL, "", 1 };
  TestBasics nul_char = { .c = 0 };
  TestBasics control_char = { .c = 0x1B };
  TestChoice blue = { ._d = TEST_COLOR_BLUE };
  TestColor purple = 7;
  TestPersonSeq no_data = { NULL, 3 };
  TestEverything v;
  TestNode deep;

  check_encode_fails (&test_person_desc, &bad_utf8, GORB_MARSHAL_ERROR_BAD_STRING,
                      "string is not valid UTF-8 (byte 0xff at offset 3) in 'Person.place'");
  check_encode_fails (&test_person_desc, &control, GORB_MARSHAL_ERROR_BAD_STRING,
                      "string holds U+0001 at offset 1, which XML 1.0 cannot carry in "
                      "'Person.name'");
  check_encode_fails (&test_person_desc, &nonchar, GORB_MARSHAL_ERROR_BAD_STRING, "U+FFFE");
  check_encode_fails (&test_person_desc, &null_name, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "string is NULL in 'Person.name'");
  check_encode_fails (&test_basics_desc, &nul_char, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "char 0x00 cannot be carried by XML 1.0 in 'Basics.c'");
  check_encode_fails (&test_basics_desc, &control_char, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "char 0x1b");
  check_encode_fails (&test_choice_desc, &blue, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "discriminator 2 selects no case of the union in 'Choice'");
  check_encode_fails (&test_color_desc, &purple, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "enum value 7 is not one of the 3 enumerators of 'Test::Color'");
  check_encode_fails (&test_person_seq_desc, &no_data, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "has no data");

  test_everything_fill (&v);
  g_free (v.short_name);
  v.short_name = g_strdup ("123456789");
  check_encode_fails (&test_everything_desc, &v, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "string of 9 bytes exceeds its bound of 8 in 'Everything.short_name'");
  g_free (v.short_name);
  v.short_name = g_strdup ("gorb");
  v.few.len = 5;
  v.few.data = g_renew (gint32, v.few.data, 5);
  check_encode_fails (&test_everything_desc, &v, GORB_MARSHAL_ERROR_INVALID_VALUE,
                      "sequence of 5 elements exceeds its bound of 4 in 'Everything.few'");
  gorb_value_clear (&test_everything_desc, &v);

  memset (&deep, 0, sizeof deep);
  deep.label = g_strdup ("0");
  TestNode *n = &deep;
  for (guint i = 1; i < 33; i++)
    {
      n->children.len = 1;
      n->children.data = g_new0 (TestNode, 1);
      n = &n->children.data[0];
      n->label = g_strdup ("n");
    }
  check_encode_fails (&test_node_desc, &deep, GORB_MARSHAL_ERROR_TOO_DEEP,
                      "nesting deeper than 64 levels in 'Node.children[0]");
  gorb_value_clear (&test_node_desc, &deep);
}

static void
test_failed_write_leaves_the_parent_alone (void)
{
  TestPerson ok = { "a", "b", 1 }, bad = { "a", "\x01", 2 };
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, (const xmlChar *) "args", NULL);

  xmlDocSetRootElement (doc, root);
  CU_ASSERT_PTR_NOT_NULL (gorb_xml_write_value (root, "first", &test_person_desc, &ok, &error));
  CU_ASSERT_PTR_NULL (gorb_xml_write_value (root, "second", &test_person_desc, &bad, &error));
  GORB_ASSERT_ERROR (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_STRING);
  CU_ASSERT_PTR_EQUAL (root->children, root->last);
  CU_ASSERT_STRING_EQUAL ((const char *) root->last->name, "first");
  xmlFreeDoc (doc);
}

static void
test_failure_half_way_leaves_the_value_cleared (void)
{
  TestPersonSeq seq;
  g_autoptr (GBytes) doc = NULL;
  g_autoptr (GString) s = NULL;

  test_person_seq_fill (&seq, 10);
  doc = gorb_xml_encode (&test_person_seq_desc, &seq, NULL, NULL);
  gorb_value_clear (&test_person_seq_desc, &seq);
  s = g_string_new (g_bytes_get_data (doc, NULL));
  g_string_replace (s, "<year>1905</year>", "<year>nineteen-oh-five</year>", 1);
  DECODE_FAILS (&test_person_seq_desc, s->str, BAD_VALUE,
                "'nineteen-oh-five' is not a valid long at line 31 in 'PersonSeq[5].year'");
}

static CU_TestInfo bad_tests[] = {
  { "malformed XML is BAD_XML", test_malformed_xml_is_bad_xml },
  { "every truncation is BAD_XML", test_every_truncation_is_bad_xml },
  { "billion laughs fails fast", test_billion_laughs_fails_fast },
  { "quadratic blowup is refused", test_quadratic_blowup_is_refused },
  { "external entities are refused", test_external_entities_are_refused },
  { "an entity reference in a tree is refused", test_entity_reference_in_a_tree_is_refused },
  { "wrong elements are named", test_wrong_elements_are_named },
  { "values outside their type are BAD_VALUE", test_values_outside_their_type_are_bad_value },
  { "bounds and counts are checked", test_bounds_and_counts_are_checked },
  { "unions are checked", test_unions_are_checked },
  { "depth is limited", test_depth_is_limited },
  { "unencodable values are refused", test_unencodable_values_are_refused },
  { "a failed write leaves the parent alone", test_failed_write_leaves_the_parent_alone },
  { "a failure half way leaves the value cleared", test_failure_half_way_leaves_the_value_cleared },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/xml-bad", NULL, NULL, NULL, NULL, bad_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
