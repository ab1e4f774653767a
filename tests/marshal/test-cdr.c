/* tests/marshal/test-cdr.c - CDR values: byte-exact vectors of every kind in
 * both byte orders, decoding, round trips, large octet runs
 *
 * The expected bytes are written out by hand, one field per group and the
 * padding as its own group, so a wrong alignment shows in the diff.
 */
#include "cdr-test-util.h"
#include "gorb-test-objref.h"

#include <string.h>

#define S(literal) ((char *) (literal))

/* Local types: what the shared test IDL does not have. */

typedef struct
{
  guint8 o;
  gdouble d;
} OctetDouble; /* struct { octet o; double d; } */

static const GorbMemberDesc octet_double_members[] = {
  GORB_MEMBER (OctetDouble, o, &gorb_type_octet),
  GORB_MEMBER (OctetDouble, d, &gorb_type_double),
};
static const GorbTypeDesc octet_double_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (OctetDouble),
  .align = _Alignof(OctetDouble),
  .name = "Test::OctetDouble",
  .n_members = G_N_ELEMENTS (octet_double_members),
  .members = octet_double_members,
};

typedef struct
{
  guint8 o;
  gdouble d[2];
  gint16 s[3];
} OctetDoubles; /* struct { octet o; double d[2]; short s[3]; } */

static const GorbTypeDesc double2_desc = {
  .kind = GORB_TK_ARRAY,
  .size = sizeof (gdouble[2]),
  .align = _Alignof(gdouble),
  .content = &gorb_type_double,
  .bound = 2,
};
static const GorbTypeDesc short3_desc = {
  .kind = GORB_TK_ARRAY,
  .size = sizeof (gint16[3]),
  .align = _Alignof(gint16),
  .content = &gorb_type_short,
  .bound = 3,
};
static const GorbMemberDesc octet_doubles_members[] = {
  GORB_MEMBER (OctetDoubles, o, &gorb_type_octet),
  GORB_MEMBER (OctetDoubles, d, &double2_desc),
  GORB_MEMBER (OctetDoubles, s, &short3_desc),
};
static const GorbTypeDesc octet_doubles_desc = {
  .kind = GORB_TK_STRUCT,
  .size = sizeof (OctetDoubles),
  .align = _Alignof(OctetDoubles),
  .name = "Test::OctetDoubles",
  .n_members = G_N_ELEMENTS (octet_doubles_members),
  .members = octet_doubles_members,
};

#define LOCAL_SEQ(var, elem)                                                                       \
  static const GorbTypeDesc var = {                                                                \
    .kind = GORB_TK_SEQUENCE,                                                                      \
    .size = sizeof (GorbSequence),                                                                 \
    .align = _Alignof(GorbSequence),                                                               \
    .content = elem,                                                                               \
  }
LOCAL_SEQ (short_seq_desc, &gorb_type_short);
LOCAL_SEQ (ulonglong_seq_desc, &gorb_type_ulonglong);
LOCAL_SEQ (float_seq_desc, &gorb_type_float);
LOCAL_SEQ (boolean_seq_desc, &gorb_type_boolean);
LOCAL_SEQ (color_seq_desc, &test_color_desc);

/* Encodes @value in both orders and compares with the vectors, then
 * decodes the vectors and compares with @value. */
static void
check_vector (const GorbTypeDesc *type, gconstpointer value, const char *be_hex, const char *le_hex)
{
  const char *hexes[] = { be_hex, le_hex };
  const GorbByteOrder orders[] = { GORB_BYTE_ORDER_BIG, GORB_BYTE_ORDER_LITTLE };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) expected = cdr_test_hex (hexes[i]);
      g_autoptr (GBytes) actual = gorb_cdr_encode (type, value, orders[i], &error);
      g_autofree char *what = g_strdup_printf (
          "%s, %s endian", type->name ? type->name : gorb_type_kind_to_string (type->kind),
          i == 0 ? "big" : "little");
      gpointer decoded;
      gboolean ok;

      GORB_ASSERT_NO_ERROR (error);
      cdr_test_assert_bytes (actual, expected, what);

      decoded = gorb_value_new0 (type);
      ok = gorb_cdr_decode (type, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected),
                            orders[i], decoded, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (ok);
      if (!gorb_value_equal (type, value, decoded))
        g_printerr ("\n  %s: decoded value differs\n", what);
      CU_ASSERT_TRUE (gorb_value_equal (type, value, decoded));
      gorb_value_free (type, decoded);
    }
}

/* Encodes, decodes and compares, in both orders; returns the big-endian
 * size. */
static gsize
round_trip (const GorbTypeDesc *type, gconstpointer value)
{
  gsize be_size = 0;

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = gorb_cdr_encode (type, value, order, &error);
      gpointer decoded;
      gboolean ok;

      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (bytes);
      if (order == GORB_BYTE_ORDER_BIG)
        be_size = g_bytes_get_size (bytes);
      else
        CU_ASSERT_EQUAL (g_bytes_get_size (bytes), be_size);
      decoded = gorb_value_new0 (type);
      ok = gorb_cdr_decode (type, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), order,
                            decoded, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (ok);
      CU_ASSERT_TRUE (gorb_value_equal (type, value, decoded));
      gorb_value_free (type, decoded);
    }
  return be_size;
}

/* Primitives */

static void
test_primitive_vectors (void)
{
  gboolean t = TRUE, f = FALSE;
  guint8 octet = 0xab;
  gchar c = 'z';
  gint16 s = -2;
  guint16 us = 0x1234;
  gint32 l = -100000;
  guint32 ul = 0x01020304;
  gint64 ll = G_GINT64_CONSTANT (0x0102030405060708);
  gint64 ll_min = G_MININT64;
  guint64 ull = G_GUINT64_CONSTANT (0xfedcba9876543210);
  gfloat fl = 1.5f;
  gdouble d = -0.1;

  check_vector (&gorb_type_boolean, &t, "01", "01");
  check_vector (&gorb_type_boolean, &f, "00", "00");
  check_vector (&gorb_type_octet, &octet, "ab", "ab");
  check_vector (&gorb_type_char, &c, "7a", "7a");
  check_vector (&gorb_type_short, &s, "fffe", "feff");
  check_vector (&gorb_type_ushort, &us, "1234", "3412");
  check_vector (&gorb_type_long, &l, "fffe7960", "6079feff");
  check_vector (&gorb_type_ulong, &ul, "01020304", "04030201");
  check_vector (&gorb_type_longlong, &ll, "0102030405060708", "0807060504030201");
  check_vector (&gorb_type_longlong, &ll_min, "8000000000000000", "0000000000000080");
  check_vector (&gorb_type_ulonglong, &ull, "fedcba9876543210", "1032547698badcfe");
  check_vector (&gorb_type_float, &fl, "3fc00000", "0000c03f");
  check_vector (&gorb_type_double, &d, "bfb999999999999a", "9a9999999999b9bf");
}

static void
test_string_vectors (void)
{
  char *smith = S ("Smith"), *empty = S (""), *bound = S ("12345678");

  check_vector (&gorb_type_string, &smith, "00000006 536d69746800", "06000000 536d69746800");
  check_vector (&gorb_type_string, &empty, "00000001 00", "01000000 00");
  /* string<8> at its bound */
  check_vector (&test_short_name_desc, &bound, "00000009 3132333435363738 00",
                "09000000 3132333435363738 00");
}

static void
test_objref_vectors (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder nil = { NULL, 5 };
  TestRefHolder ref = { NULL, 5 };

  /* nil is the nil reference's CDR form { "", {}, 0, {} } (as
   * gorb_ref_write_cdr writes it), with or without an ORB's hooks */
  check_vector (&test_ref_holder_desc, &nil,
                "00000001 00 000000 00000000 00 000000 00000000 00000005",
                "01000000 00 000000 00000000 00 000000 00000000 05000000");
  test_objrefs_push (objrefs);
  check_vector (&test_ref_holder_desc, &nil,
                "00000001 00 000000 00000000 00 000000 00000000 00000005",
                "01000000 00 000000 00000000 00 000000 00000000 05000000");
  /* an object goes through the hooks: here, the example of docs/protocol.md */
  ref.ref = test_objrefs_get (objrefs, "gorb:IDL:A:1.0;key=010203;enc=xml;ep=tcp://h:1;"
                                       "ep=inproc://x");
  check_vector (&test_ref_holder_desc, &ref,
                "0000000a 49444c3a413a312e3000 0000 00000003 010203 01 00000002"
                " 0000000a 7463703a2f2f683a3100 0000 0000000b 696e70726f633a2f2f7800 00"
                " 00000005",
                "0a000000 49444c3a413a312e3000 0000 03000000 010203 01 02000000"
                " 0a000000 7463703a2f2f683a3100 0000 0b000000 696e70726f633a2f2f7800 00"
                " 05000000");
  test_objrefs_pop ();
}

static void
test_enum_and_alias_vectors (void)
{
  TestColor green = TEST_COLOR_GREEN, blue = TEST_COLOR_BLUE;
  TestYear year = 1999;

  check_vector (&test_color_desc, &green, "00000001", "01000000");
  check_vector (&test_color_desc, &blue, "00000002", "02000000");
  check_vector (&test_year_desc, &year, "000007cf", "cf070000");
}

/* Structs */

static void
test_struct_vectors (void)
{
  OctetDouble od = { 0xab, 1.0 };
  TestPerson smith = { S ("Smith"), S ("London"), 1934 };
  TestEverything everything;

  check_vector (&octet_double_desc, &od, "ab 00000000000000 3ff0000000000000",
                "ab 00000000000000 000000000000f03f");
  check_vector (&test_person_desc, &smith,
                "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e",
                "06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000");

  test_everything_fill (&everything);
  check_vector (&test_basics_desc, &everything.primitives,
                "01 ab 7a 00 fffe ffff fffe7960 ee6b2800 8000000000000000 ffffffffffffffff "
                "3fc00000 00000000 bfb999999999999a",
                "01 ab 7a 00 feff ffff 6079feff 00286bee 0000000000000080 ffffffffffffffff "
                "0000c03f 00000000 9a9999999999b9bf");
  gorb_value_clear (&test_everything_desc, &everything);
}

static void
test_everything_vector (void)
{
  TestEverything v;

  test_everything_fill (&v);
  check_vector (&test_everything_desc, &v,
                /* short_name */
                "00000005 676f726200 000000 "
                /* blob */ "00000005 0001feff7f 000000 "
                /* few */ "00000003 ffffffff 00000000 7fffffff "
                /* matrix */ "00000000 00000001 00000002 0000000a 0000000b 0000000c "
                /* pair[0] */ "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e "
                /* pair[1] */ "00000006 4a6f6e657300 0000 00000006 506172697300 0000 000007a8 "
                /* color */ "00000002 "
                /* shape */ "00000002 00000007 73717561726500 "
                /* born */ "00 000007cf "
                /* table */ "00000002 00000002 00000002 6100 0000 00000001 00 000000 00000000 "
                /* basics */ "01 ab 7a 00 fffe ffff fffe7960 ee6b2800 00000000 8000000000000000 "
                "ffffffffffffffff 3fc00000 00000000 bfb999999999999a",
                /* short_name */
                "05000000 676f726200 000000 "
                /* blob */ "05000000 0001feff7f 000000 "
                /* few */ "03000000 ffffffff 00000000 ffffff7f "
                /* matrix */ "00000000 01000000 02000000 0a000000 0b000000 0c000000 "
                /* pair[0] */ "06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000 "
                /* pair[1] */ "06000000 4a6f6e657300 0000 06000000 506172697300 0000 a8070000 "
                /* color */ "02000000 "
                /* shape */ "02000000 07000000 73717561726500 "
                /* born */ "00 cf070000 "
                /* table */ "02000000 02000000 02000000 6100 0000 01000000 00 000000 00000000 "
                /* basics */ "01 ab 7a 00 feff ffff 6079feff 00286bee 00000000 0000000000000080 "
                "ffffffffffffffff 0000c03f 00000000 9a9999999999b9bf");
  gorb_value_clear (&test_everything_desc, &v);
}

/* Sequences and arrays */

static void
test_sequence_vectors (void)
{
  gint32 longs[] = { 1, -1 };
  gdouble doubles[] = { 1.0, -0.5 };
  guint8 octets[] = { 1, 2, 3 };
  char *strings[] = { S ("a"), S ("") };
  gint16 shorts[] = { 1, -2, 0x1234 };
  guint64 ulls[] = { 1, G_GUINT64_CONSTANT (0x0102030405060708) };
  gfloat floats[] = { 1.5f };
  gboolean booleans[] = { TRUE, FALSE, TRUE };
  TestColor colors[] = { TEST_COLOR_BLUE, TEST_COLOR_RED };
  gint32 few[] = { 1, 2, 3, 4 };
  TestLongSeq long_seq = { longs, 2 };
  TestDoubleSeq double_seq = { doubles, 2 };
  TestDoubleSeq empty_seq = { NULL, 0 };
  TestOctetSeq octet_seq = { octets, 3 };
  TestStringSeq string_seq = { strings, 2 };
  GorbSequence short_seq = { shorts, 3 };
  GorbSequence ull_seq = { ulls, 2 };
  GorbSequence float_seq = { floats, 1 };
  GorbSequence boolean_seq = { booleans, 3 };
  GorbSequence color_seq = { colors, 2 };
  TestFewLongs few_seq = { few, 4 }; /* at its bound */

  check_vector (&test_long_seq_desc, &long_seq, "00000002 00000001 ffffffff",
                "02000000 01000000 ffffffff");
  /* the count is a ulong, so doubles need 4 bytes of padding */
  check_vector (&test_double_seq_desc, &double_seq,
                "00000002 00000000 3ff0000000000000 bfe0000000000000",
                "02000000 00000000 000000000000f03f 000000000000e0bf");
  /* no element, no padding (as omniORB) */
  check_vector (&test_double_seq_desc, &empty_seq, "00000000", "00000000");
  check_vector (&test_octet_seq_desc, &octet_seq, "00000003 010203", "03000000 010203");
  check_vector (&test_string_seq_desc, &string_seq, "00000002 00000002 6100 0000 00000001 00",
                "02000000 02000000 6100 0000 01000000 00");
  check_vector (&short_seq_desc, &short_seq, "00000003 0001 fffe 1234", "03000000 0100 feff 3412");
  check_vector (&ulonglong_seq_desc, &ull_seq,
                "00000002 00000000 0000000000000001 0102030405060708",
                "02000000 00000000 0100000000000000 0807060504030201");
  check_vector (&float_seq_desc, &float_seq, "00000001 3fc00000", "01000000 0000c03f");
  check_vector (&boolean_seq_desc, &boolean_seq, "00000003 010001", "03000000 010001");
  check_vector (&color_seq_desc, &color_seq, "00000002 00000002 00000000",
                "02000000 02000000 00000000");
  check_vector (&test_few_longs_desc, &few_seq, "00000004 00000001 00000002 00000003 00000004",
                "04000000 01000000 02000000 03000000 04000000");
}

static void
test_array_vectors (void)
{
  TestMatrix matrix = { { 0, 1, 2 }, { 10, 11, 12 } };
  TestPair pair = { { S ("Smith"), S ("London"), 1934 }, { S ("Jones"), S ("Paris"), 1960 } };
  OctetDoubles ods = { 0xab, { 1.0, 2.0 }, { 1, -2, 3 } };

  check_vector (&test_matrix_desc, &matrix, "00000000 00000001 00000002 0000000a 0000000b 0000000c",
                "00000000 01000000 02000000 0a000000 0b000000 0c000000");
  check_vector (&test_pair_desc, &pair,
                "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e "
                "00000006 4a6f6e657300 0000 00000006 506172697300 0000 000007a8",
                "06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000 "
                "06000000 4a6f6e657300 0000 06000000 506172697300 0000 a8070000");
  check_vector (&octet_doubles_desc, &ods,
                "ab 00000000000000 3ff0000000000000 4000000000000000 0001 fffe 0003",
                "ab 00000000000000 000000000000f03f 0000000000000040 0100 feff 0300");
}

/* Unions */

static void
test_union_vectors (void)
{
  TestShape radius = { ._d = 1, ._u.radius = 7 };
  TestShape label2 = { ._d = 2, ._u.label = S ("sq") };
  TestShape label3 = { ._d = 3, ._u.label = S ("sq3") }; /* the second label of a case */
  TestShape other = { ._d = 9, ._u.other = 2.5 };        /* the default case */
  TestChoice red = { ._d = TEST_COLOR_RED, ._u.who = { S ("Smith"), S ("London"), 1934 } };
  gint32 numbers[] = { 1, 2, 3 };
  TestChoice green = { ._d = TEST_COLOR_GREEN, ._u.numbers = { numbers, 3 } };
  TestFlag yes = { ._d = TRUE, ._u.yes = S ("y") };
  TestFlag no = { ._d = FALSE, ._u.no = -1 };

  check_vector (&test_shape_desc, &radius, "00000001 00000007", "01000000 07000000");
  check_vector (&test_shape_desc, &label2, "00000002 00000003 737100", "02000000 03000000 737100");
  check_vector (&test_shape_desc, &label3, "00000003 00000004 73713300",
                "03000000 04000000 73713300");
  check_vector (&test_shape_desc, &other, "00000009 00000000 4004000000000000",
                "09000000 00000000 0000000000000440");
  check_vector (&test_choice_desc, &red,
                "00000000 00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e",
                "00000000 06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000");
  check_vector (&test_choice_desc, &green, "00000001 00000003 00000001 00000002 00000003",
                "01000000 03000000 01000000 02000000 03000000");
  check_vector (&test_flag_desc, &yes, "01 000000 00000002 7900", "01 000000 02000000 7900");
  check_vector (&test_flag_desc, &no, "00 00 ffff", "00 00 ffff");
}

static void
test_node_vector (void)
{
  TestNode *root = cdr_test_node_new ("root", 2);

  root->children.data[0].label = g_strdup ("a");
  cdr_test_node_chain (&root->children.data[0], 1);
  g_free (root->children.data[0].children.data[0].label);
  root->children.data[0].children.data[0].label = g_strdup ("a1");
  root->children.data[1].label = g_strdup ("b");
  check_vector (&test_node_desc, root,
                "00000005 726f6f7400 000000 00000002 "
                "00000002 6100 0000 00000001 00000003 613100 00 00000000 "
                "00000002 6200 0000 00000000",
                "05000000 726f6f7400 000000 02000000 "
                "02000000 6100 0000 01000000 03000000 613100 00 00000000 "
                "02000000 6200 0000 00000000");
  gorb_value_free (&test_node_desc, root);
}

/* Round trips */

static void
test_everything_round_trips (void)
{
  TestEverything v;

  test_everything_fill (&v);
  CU_ASSERT_EQUAL (round_trip (&test_everything_desc, &v), 224);
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_person_seq_round_trips (void)
{
  TestPersonSeq seq;

  test_person_seq_fill (&seq, 100);
  /* count, then per person: 4 + 11 + 1 pad, 4 + 11 + 1 pad, 4 */
  CU_ASSERT_EQUAL (round_trip (&test_person_seq_desc, &seq), 4 + 100 * 36);
  gorb_value_clear (&test_person_seq_desc, &seq);
}

static void
test_node_trees_round_trip (void)
{
  TestNode *leaf = cdr_test_node_new ("leaf", 0);
  TestNode *wide = cdr_test_node_new ("wide", 0);
  TestNode *deep = cdr_test_node_new ("deep", 0);

  round_trip (&test_node_desc, leaf);
  cdr_test_node_tree (wide, 4, 4);
  round_trip (&test_node_desc, wide);
  /* the deepest chain within GORB_MARSHAL_MAX_DEPTH: two path levels per node */
  cdr_test_node_chain (deep, GORB_MARSHAL_MAX_DEPTH / 2 - 1);
  round_trip (&test_node_desc, deep);
  gorb_value_free (&test_node_desc, leaf);
  gorb_value_free (&test_node_desc, wide);
  gorb_value_free (&test_node_desc, deep);
}

static void
test_unions_round_trip (void)
{
  TestShape shape = { 0 };
  TestChoice choice = { 0 };
  TestFlag flag = { 0 };
  const gint32 discriminators[] = { 1, 2, 3, 0, -5, G_MAXINT32 };

  for (guint i = 0; i < G_N_ELEMENTS (discriminators); i++)
    {
      shape._d = discriminators[i];
      if (shape._d == 1)
        shape._u.radius = -7;
      else if (shape._d == 2 || shape._d == 3)
        shape._u.label = S ("label");
      else
        shape._u.other = -1e300;
      round_trip (&test_shape_desc, &shape);
    }
  choice._d = TEST_COLOR_RED;
  choice._u.who = (TestPerson){ S (""), S ("x"), -1 };
  round_trip (&test_choice_desc, &choice);
  choice._d = TEST_COLOR_GREEN;
  choice._u.numbers = (TestLongSeq){ NULL, 0 };
  round_trip (&test_choice_desc, &choice);
  flag._d = TRUE;
  flag._u.yes = S ("yes");
  round_trip (&test_flag_desc, &flag);
  flag._d = FALSE;
  flag._u.no = G_MININT16;
  round_trip (&test_flag_desc, &flag);
}

static void
test_bounded_types_at_their_bound (void)
{
  gint32 few[] = { G_MININT32, -1, 0, G_MAXINT32 };
  TestFewLongs few_seq = { few, 4 };
  TestEverything v;

  round_trip (&test_few_longs_desc, &few_seq);
  test_everything_fill (&v);
  g_free (v.short_name);
  v.short_name = g_strdup ("abcdefgh");
  g_free (v.few.data);
  v.few.data = g_memdup2 (few, sizeof few);
  v.few.len = 4;
  round_trip (&test_everything_desc, &v);
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_primitive_sequences_swap (void)
{
  /* long enough for the vectorized swap loops and their tails */
  const guint n = 1027;
  TestDoubleSeq doubles = { g_new (gdouble, n), n };
  TestLongSeq longs = { g_new (gint32, n), n };
  GorbSequence shorts = { g_new (gint16, n), n };

  for (guint i = 0; i < n; i++)
    {
      doubles.data[i] = i * 1.25 - 100;
      longs.data[i] = (gint32) (i * 2654435761u);
      ((gint16 *) shorts.data)[i] = (gint16) (i * 40503u);
    }
  CU_ASSERT_EQUAL (round_trip (&test_double_seq_desc, &doubles), 8 + 8 * n);
  CU_ASSERT_EQUAL (round_trip (&test_long_seq_desc, &longs), 4 + 4 * n);
  CU_ASSERT_EQUAL (round_trip (&short_seq_desc, &shorts), 4 + 2 * n);
  g_free (doubles.data);
  g_free (longs.data);
  g_free (shorts.data);
}

static void
test_large_octet_sequence (void)
{
  const guint32 n = (1 << 20) + 3;
  TestOctetSeq blob = { g_malloc (n), n };
  GorbCdrWriter writer;
  GorbCdrReader reader;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const guint8 *data, *raw = NULL;
  guint32 count = 0;
  guint8 octet = 0;
  gsize len;

  for (guint32 i = 0; i < n; i++)
    blob.data[i] = (guint8) (i * 7 + (i >> 8));
  CU_ASSERT_EQUAL (round_trip (&test_octet_seq_desc, &blob), 4 + (gsize) n);

  /* gorb_cdr_write_octets gives the same bytes as the value codec */
  gorb_cdr_writer_init (&writer, GORB_BYTE_ORDER_LITTLE);
  gorb_cdr_write_octet (&writer, 0xee);
  gorb_cdr_write_octets (&writer, blob.data, n);
  bytes = gorb_cdr_writer_steal_bytes (&writer);
  data = g_bytes_get_data (bytes, &len);
  CU_ASSERT_EQUAL (len, 8 + (gsize) n); /* octet, 3 bytes of padding, count */
  CU_ASSERT_EQUAL (memcmp (data, "\xee\0\0\0\x03\0\x10\0", 8), 0);
  CU_ASSERT_EQUAL (memcmp (data + 8, blob.data, n), 0);
  gorb_cdr_reader_init (&reader, data, len, GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_TRUE (gorb_cdr_read_octet (&reader, &octet, &error) && octet == 0xee);
  CU_ASSERT_TRUE (gorb_cdr_reader_align (&reader, 4, &error));
  CU_ASSERT_EQUAL (reader.pos, 4);
  CU_ASSERT_TRUE (gorb_cdr_read_ulong (&reader, &count, &error));
  CU_ASSERT_EQUAL (count, n);
  CU_ASSERT_TRUE (gorb_cdr_read_raw (&reader, count, &raw, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (raw, data + 8); /* no copy */
  CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&reader), 0);
  g_free (blob.data);
}

static CU_TestInfo vector_tests[] = {
  { "primitives", test_primitive_vectors },
  { "strings, bounded at the bound", test_string_vectors },
  { "object references: nil, and a reference through hooks", test_objref_vectors },
  { "enums and typedefs", test_enum_and_alias_vectors },
  { "structs pad members", test_struct_vectors },
  { "Everything", test_everything_vector },
  { "sequences", test_sequence_vectors },
  { "arrays", test_array_vectors },
  { "unions: every case, multi-label, default", test_union_vectors },
  { "recursive Node", test_node_vector },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo round_trip_tests[] = {
  { "Everything", test_everything_round_trips },
  { "PersonSeq of 100", test_person_seq_round_trips },
  { "Node trees", test_node_trees_round_trip },
  { "unions", test_unions_round_trip },
  { "bounded types at their bound", test_bounded_types_at_their_bound },
  { "primitive sequences in both orders", test_primitive_sequences_swap },
  { "large octet sequence", test_large_octet_sequence },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/cdr/vectors", NULL, NULL, NULL, NULL, vector_tests },
  { "marshal/cdr/round-trips", NULL, NULL, NULL, NULL, round_trip_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
