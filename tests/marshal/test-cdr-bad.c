/* tests/marshal/test-cdr-bad.c - CDR input that must be refused, cleanly
 *
 * Every case asserts the error code and that the message names the byte
 * offset and the member path. Inputs are copied into buffers of exactly
 * their size, so a read past the end shows under ASan or valgrind; values
 * are poisoned before decoding and must come back zeroed.
 */
#include "cdr-test-util.h"
#include "gorb-test-objref.h"

#include <string.h>

#define S(literal) ((char *) (literal))
#define POISON 0xa5

/* Decodes @hex as @type (big endian) into a poisoned buffer, expects
 * failure with @code, checks the value was left zeroed, and returns the
 * error for more checks. */
static GError *
decode_fails (const GorbTypeDesc *type, GBytes *input, GorbByteOrder order, GorbMarshalError code)
{
  gsize len = g_bytes_get_size (input);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (input, NULL), len);
  g_autofree guint8 *value = g_malloc (type->size);
  g_autofree guint8 *zero = g_malloc0 (type->size);
  GError *error = NULL;

  memset (value, POISON, type->size);
  CU_ASSERT_FALSE (gorb_cdr_decode (type, copy, len, order, value, &error));
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  cdr_test_assert_error (error, code, NULL);
  CU_ASSERT_EQUAL (memcmp (value, zero, type->size), 0); /* cleared, owns nothing */
  return error;
}

static GError *
decode_hex_fails (const GorbTypeDesc *type, const char *hex, GorbMarshalError code)
{
  g_autoptr (GBytes) input = cdr_test_hex (hex);

  return decode_fails (type, input, GORB_BYTE_ORDER_BIG, code);
}

static GError *
encode_fails (const GorbTypeDesc *type, gconstpointer value, GorbMarshalError code)
{
  GError *error = NULL;
  GBytes *bytes = gorb_cdr_encode (type, value, GORB_BYTE_ORDER_BIG, &error);

  CU_ASSERT_PTR_NULL (bytes);
  if (bytes != NULL)
    g_bytes_unref (bytes);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  cdr_test_assert_error (error, code, NULL);
  return error;
}

/* Truncation */

static void
check_every_prefix_fails (const GorbTypeDesc *type, gconstpointer value)
{
  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) whole = gorb_cdr_encode (type, value, order, &error);
      gsize len = g_bytes_get_size (whole);

      GORB_ASSERT_NO_ERROR (error);
      for (gsize n = 0; n < len; n++)
        {
          g_autoptr (GBytes) prefix = g_bytes_new_from_bytes (whole, 0, n);
          g_autofree guint8 *value_out = g_malloc (type->size);
          g_autofree guint8 *zero = g_malloc0 (type->size);
          g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (prefix, NULL), n);
          g_autoptr (GError) prefix_error = NULL;
          gboolean ok;

          memset (value_out, POISON, type->size);
          ok = gorb_cdr_decode (type, copy, n, order, value_out, &prefix_error);
          CU_ASSERT_FALSE (ok);
          CU_ASSERT_PTR_NOT_NULL_FATAL (prefix_error);
          if (!g_error_matches (prefix_error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TRUNCATED)
              && !g_error_matches (prefix_error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_LENGTH))
            {
              g_printerr ("\n  prefix of %" G_GSIZE_FORMAT " bytes: %s\n", n,
                          prefix_error->message);
              CU_FAIL ("neither TRUNCATED nor BAD_LENGTH");
            }
          CU_ASSERT_PTR_NOT_NULL (strstr (prefix_error->message, "at offset "));
          CU_ASSERT_EQUAL (memcmp (value_out, zero, type->size), 0);
        }
    }
}

static void
test_every_prefix_of_everything_fails (void)
{
  TestEverything v;

  test_everything_fill (&v);
  check_every_prefix_fails (&test_everything_desc, &v);
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_every_prefix_of_other_values_fails (void)
{
  TestPersonSeq people;
  TestNode *tree = cdr_test_node_new ("root", 0);
  gint32 numbers[] = { 1, 2 };
  TestChoice green = { ._d = TEST_COLOR_GREEN, ._u.numbers = { numbers, 2 } };
  TestRefHolder nil = { NULL, 1 }, ref = { NULL, 1 };
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();

  test_person_seq_fill (&people, 3);
  check_every_prefix_fails (&test_person_seq_desc, &people);
  cdr_test_node_tree (tree, 3, 2);
  check_every_prefix_fails (&test_node_desc, tree);
  check_every_prefix_fails (&test_choice_desc, &green);
  check_every_prefix_fails (&test_ref_holder_desc, &nil); /* without hooks */
  test_objrefs_push (objrefs);
  ref.ref = test_objrefs_get (objrefs, "gorb:IDL:A:1.0;key=01;enc=cdr;ep=tcp://h:1");
  check_every_prefix_fails (&test_ref_holder_desc, &ref);
  test_objrefs_pop ();
  gorb_value_clear (&test_person_seq_desc, &people);
  gorb_value_free (&test_node_desc, tree);
}

static void
test_padding_before_elements_can_truncate (void)
{
  /* the count passes the minimum-size check (8 bytes for one double), but
   * the double is aligned to 8: 4 bytes of padding first */
  g_autoptr (GError) error = decode_hex_fails (&test_double_seq_desc, "00000001 3ff0000000000000",
                                               GORB_MARSHAL_ERROR_TRUNCATED);
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TRUNCATED, "at offset 8", "'DoubleSeq'", NULL);
}

static void
test_primitive_reads_truncate (void)
{
  static const guint8 bytes[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  g_autoptr (GError) error = NULL;
  GorbCdrReader r;
  gint32 l;
  gdouble d;
  guint8 o;
  const guint8 *raw;
  char *s = NULL;

  gorb_cdr_reader_init (&r, bytes, 3, GORB_BYTE_ORDER_BIG);
  CU_ASSERT_FALSE (gorb_cdr_read_long (&r, &l, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TRUNCATED, "at offset 0", "4 bytes needed",
                         NULL);
  g_clear_error (&error);

  gorb_cdr_reader_init (&r, bytes, 8, GORB_BYTE_ORDER_BIG);
  CU_ASSERT_TRUE (gorb_cdr_read_octet (&r, &o, NULL));
  CU_ASSERT_FALSE (gorb_cdr_read_double (&r, &d, &error)); /* aligned to 8: nothing left */
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TRUNCATED, "at offset 8", NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_cdr_read_raw (&r, 8, &raw, &error)); /* pos 1, 7 left */
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TRUNCATED, "at offset 1", NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_cdr_read_string (&r, 0, &s, &error)); /* length 0x05060708 */
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 4", NULL);
  CU_ASSERT_PTR_NULL (s);
}

/* Lengths the bytes left cannot back: refused before any allocation (an
 * allocation would have been followed by TRUNCATED, not BAD_LENGTH) */

static void
test_huge_sequence_counts (void)
{
  g_autoptr (GError) e1 = decode_hex_fails (&test_octet_seq_desc, "7fffffff 0102030405060708",
                                            GORB_MARSHAL_ERROR_BAD_LENGTH);
  g_autoptr (GError) e2 = decode_hex_fails (&test_person_seq_desc, "7fffffff 0102030405060708",
                                            GORB_MARSHAL_ERROR_BAD_LENGTH);
  g_autoptr (GError) e3
      = decode_hex_fails (&test_long_seq_desc, "ffffffff 00000001", GORB_MARSHAL_ERROR_BAD_LENGTH);
  g_autoptr (GError) e4 = decode_hex_fails (
      &test_string_table_desc, "00000001 7fffffff 00000001 00", GORB_MARSHAL_ERROR_BAD_LENGTH);
  /* 3 doubles need 24 bytes, 20 are left */
  g_autoptr (GError) e5 = decode_hex_fails (&test_double_seq_desc,
                                            "00000003 00000000 "
                                            "0000000000000000 0000000000000000",
                                            GORB_MARSHAL_ERROR_BAD_LENGTH);

  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_BAD_LENGTH, "2147483647", "8 bytes left",
                         "at offset 0 in 'OctetSeq'", NULL);
  cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 0 in 'PersonSeq'", NULL);
  cdr_test_assert_error (e3, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 0 in 'LongSeq'", NULL);
  cdr_test_assert_error (e4, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 4 in 'StringTable[0]'",
                         NULL);
  cdr_test_assert_error (e5, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 0 in 'DoubleSeq'", NULL);
}

static void
test_huge_count_inside_everything (void)
{
  TestEverything v;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) bad = NULL;
  g_autoptr (GBytes) whole = NULL;
  g_autoptr (GBytes) patched = NULL;
  guint8 *data;
  gsize len;

  test_everything_fill (&v);
  whole = gorb_cdr_encode (&test_everything_desc, &v, GORB_BYTE_ORDER_BIG, &error);
  gorb_value_clear (&test_everything_desc, &v);
  GORB_ASSERT_NO_ERROR (error);
  data = g_memdup2 (g_bytes_get_data (whole, &len), g_bytes_get_size (whole));
  memcpy (data + 12, "\x7f\xff\xff\xff", 4); /* blob's count */
  patched = g_bytes_new_take (data, len);
  bad = decode_fails (&test_everything_desc, patched, GORB_BYTE_ORDER_BIG,
                      GORB_MARSHAL_ERROR_BAD_LENGTH);
  cdr_test_assert_error (bad, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 12 in 'Everything.blob'",
                         NULL);
}

static void
test_string_length_past_the_end (void)
{
  g_autoptr (GError) error
      = decode_hex_fails (&test_person_desc, "00000006 536d69746800 0000 ffffffff 000000",
                          GORB_MARSHAL_ERROR_BAD_LENGTH);

  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH,
                         "string length 4294967295 exceeds the 3 bytes left at offset 12 in "
                         "'Person.place'",
                         NULL);
}

/* Values outside their type */

static void
test_bad_booleans (void)
{
  const char *basics_tail = "ab 7a 00 fffe ffff fffe7960 ee6b2800 8000000000000000 "
                            "ffffffffffffffff 3fc00000 00000000 bfb999999999999a";
  const char *bad[] = { "02", "ff" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *hex = g_strconcat (bad[i], basics_tail, NULL);
      g_autoptr (GError) e1
          = decode_hex_fails (&test_basics_desc, hex, GORB_MARSHAL_ERROR_BAD_VALUE);
      g_autofree char *flag = g_strdup_printf ("%s 00 ffff", bad[i]);
      g_autoptr (GError) e2
          = decode_hex_fails (&test_flag_desc, flag, GORB_MARSHAL_ERROR_BAD_VALUE);
      g_autoptr (GError) e3
          = decode_hex_fails (&gorb_type_boolean, bad[i], GORB_MARSHAL_ERROR_BAD_VALUE);

      cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_BAD_VALUE, "boolean", "at offset 0",
                             "'Basics.b'", NULL);
      cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_BAD_VALUE, "at offset 0 in 'Flag._d'", NULL);
      cdr_test_assert_error (e3, GORB_MARSHAL_ERROR_BAD_VALUE, "at offset 0 in 'boolean'", NULL);
    }
}

static void
test_bad_enum_ordinals (void)
{
  g_autoptr (GError) e1
      = decode_hex_fails (&test_color_desc, "00000003", GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GError) e2
      = decode_hex_fails (&test_color_desc, "ffffffff", GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GError) e3
      = decode_hex_fails (&test_choice_desc, "00000007 00000000", GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GBytes) le = cdr_test_hex ("03000000");
  g_autoptr (GError) e4
      = decode_fails (&test_color_desc, le, GORB_BYTE_ORDER_LITTLE, GORB_MARSHAL_ERROR_BAD_VALUE);

  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_BAD_VALUE, "enumerator 3", "at offset 0 in 'Color'",
                         NULL);
  cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_BAD_VALUE, "enumerator 4294967295", NULL);
  cdr_test_assert_error (e3, GORB_MARSHAL_ERROR_BAD_VALUE, "at offset 0 in 'Choice._d'", NULL);
  cdr_test_assert_error (e4, GORB_MARSHAL_ERROR_BAD_VALUE, "enumerator 3", NULL);
}

static void
test_bad_enum_inside_everything (void)
{
  TestEverything v;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) bad = NULL;
  g_autoptr (GBytes) whole = NULL;
  g_autoptr (GBytes) patched = NULL;
  guint8 *data;
  gsize len;

  test_everything_fill (&v);
  whole = gorb_cdr_encode (&test_everything_desc, &v, GORB_BYTE_ORDER_LITTLE, &error);
  gorb_value_clear (&test_everything_desc, &v);
  GORB_ASSERT_NO_ERROR (error);
  data = g_memdup2 (g_bytes_get_data (whole, &len), g_bytes_get_size (whole));
  CU_ASSERT_EQUAL (data[120], 2); /* BLUE */
  data[120] = 3;
  patched = g_bytes_new_take (data, len);
  bad = decode_fails (&test_everything_desc, patched, GORB_BYTE_ORDER_LITTLE,
                      GORB_MARSHAL_ERROR_BAD_VALUE);
  cdr_test_assert_error (bad, GORB_MARSHAL_ERROR_BAD_VALUE, "at offset 120 in 'Everything.hue'",
                         NULL);
}

static void
test_bad_strings (void)
{
  g_autoptr (GError) no_nul
      = decode_hex_fails (&gorb_type_string, "00000003 616263", GORB_MARSHAL_ERROR_BAD_STRING);
  g_autoptr (GError) inner_nul
      = decode_hex_fails (&gorb_type_string, "00000004 61006200", GORB_MARSHAL_ERROR_BAD_STRING);
  g_autoptr (GError) zero
      = decode_hex_fails (&gorb_type_string, "00000000", GORB_MARSHAL_ERROR_BAD_STRING);
  g_autoptr (GError) in_person = decode_hex_fails (
      &test_person_desc, "00000001 00 000000 00000002 6161 000000", GORB_MARSHAL_ERROR_BAD_STRING);
  g_autoptr (GError) objref = decode_hex_fails (&test_ref_holder_desc, "00000000 00000001",
                                                GORB_MARSHAL_ERROR_BAD_STRING);

  cdr_test_assert_error (no_nul, GORB_MARSHAL_ERROR_BAD_STRING, "does not end with a NUL",
                         "at offset 0 in 'string'", NULL);
  cdr_test_assert_error (inner_nul, GORB_MARSHAL_ERROR_BAD_STRING, "NUL at its byte 1",
                         "at offset 0", NULL);
  cdr_test_assert_error (zero, GORB_MARSHAL_ERROR_BAD_STRING, "length 0", "at offset 0", NULL);
  cdr_test_assert_error (in_person, GORB_MARSHAL_ERROR_BAD_STRING, "at offset 8 in 'Person.place'",
                         NULL);
  cdr_test_assert_error (objref, GORB_MARSHAL_ERROR_BAD_STRING, "at offset 0 in 'RefHolder.ref'",
                         NULL);
}

static void
test_union_discriminator_without_case (void)
{
  g_autoptr (GError) error
      = decode_hex_fails (&test_choice_desc, "00000002", GORB_MARSHAL_ERROR_BAD_UNION);
  g_autoptr (GBytes) le = cdr_test_hex ("02000000 00000000");
  g_autoptr (GError) le_error
      = decode_fails (&test_choice_desc, le, GORB_BYTE_ORDER_LITTLE, GORB_MARSHAL_ERROR_BAD_UNION);

  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_UNION, "discriminator 2",
                         "at offset 0 in 'Choice'", NULL);
  cdr_test_assert_error (le_error, GORB_MARSHAL_ERROR_BAD_UNION, "discriminator 2", NULL);
}

static void
test_bounds_are_enforced_on_decode (void)
{
  g_autoptr (GError) string = decode_hex_fails (
      &test_short_name_desc, "0000000a 313233343536373839 00", GORB_MARSHAL_ERROR_BAD_LENGTH);
  g_autoptr (GError) seq = decode_hex_fails (&test_few_longs_desc,
                                             "00000005 00000001 00000002 00000003 00000004 "
                                             "00000005",
                                             GORB_MARSHAL_ERROR_BAD_LENGTH);

  cdr_test_assert_error (string, GORB_MARSHAL_ERROR_BAD_LENGTH, "9 characters", "bound of 8",
                         "at offset 0 in 'ShortName'", NULL);
  cdr_test_assert_error (seq, GORB_MARSHAL_ERROR_BAD_LENGTH, "5 elements", "bound of 4",
                         "at offset 0 in 'FewLongs'", NULL);
}

/* Depth */

/* A Node chain of @levels nodes labelled "n", each with one child but the
 * last: 12 bytes per level. */
static GBytes *
node_chain_bytes (guint levels)
{
  GorbCdrWriter w;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  for (guint i = 0; i < levels; i++)
    {
      gorb_cdr_write_string (&w, "n");
      gorb_cdr_write_ulong (&w, i + 1 < levels ? 1 : 0);
    }
  return gorb_cdr_writer_steal_bytes (&w);
}

static void
test_node_past_the_depth_limit (void)
{
  g_autoptr (GBytes) deep = node_chain_bytes (1000);
  g_autoptr (GBytes) just_over = node_chain_bytes (GORB_MARSHAL_MAX_DEPTH / 2 + 1);
  g_autoptr (GBytes) just_in = node_chain_bytes (GORB_MARSHAL_MAX_DEPTH / 2);
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GError) ok_error = NULL;
  g_autofree char *offset = NULL;
  TestNode node;

  CU_ASSERT_EQUAL (g_bytes_get_size (deep), 12000);
  e1 = decode_fails (&test_node_desc, deep, GORB_BYTE_ORDER_BIG, GORB_MARSHAL_ERROR_TOO_DEEP);
  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_TOO_DEEP, "in 'Node.children[0].children[0]", NULL);
  /* level 32's label, the first thing past the limit */
  offset = g_strdup_printf ("at offset %u ", 12 * GORB_MARSHAL_MAX_DEPTH / 2);
  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_TOO_DEEP, offset, NULL);
  e2 = decode_fails (&test_node_desc, just_over, GORB_BYTE_ORDER_BIG, GORB_MARSHAL_ERROR_TOO_DEEP);

  CU_ASSERT_TRUE (gorb_cdr_decode (&test_node_desc, g_bytes_get_data (just_in, NULL),
                                   g_bytes_get_size (just_in), GORB_BYTE_ORDER_BIG, &node,
                                   &ok_error));
  GORB_ASSERT_NO_ERROR (ok_error);
  gorb_value_clear (&test_node_desc, &node);
}

static void
test_deep_node_is_refused_on_encode (void)
{
  TestNode *deep = cdr_test_node_new ("root", 0);
  g_autoptr (GError) error = NULL;

  cdr_test_node_chain (deep, 999);
  error = encode_fails (&test_node_desc, deep, GORB_MARSHAL_ERROR_TOO_DEEP);
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TOO_DEEP, "in 'Node.children[0]", NULL);
  gorb_value_free (&test_node_desc, deep);
}

/* Framing */

static void
test_trailing_bytes (void)
{
  g_autoptr (GError) error = decode_hex_fails (
      &test_person_desc, "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e 00",
      GORB_MARSHAL_ERROR_TRAILING);
  g_autoptr (GError) two
      = decode_hex_fails (&gorb_type_octet, "01 02 03", GORB_MARSHAL_ERROR_TRAILING);

  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_TRAILING, "1 byte left over",
                         "at offset 28 in 'Person'", NULL);
  cdr_test_assert_error (two, GORB_MARSHAL_ERROR_TRAILING, "2 bytes left over", "at offset 1",
                         NULL);
}

static void
test_bad_encapsulations (void)
{
  g_autoptr (GBytes) bad_order = cdr_test_hex ("00000004 02 000000");
  g_autoptr (GBytes) too_long = cdr_test_hex ("00000064 00 000000");
  g_autoptr (GBytes) empty = cdr_test_hex ("00000000");
  /* a good encapsulation at 4 with a bad boolean at its offset 1 */
  g_autoptr (GBytes) bad_inside = cdr_test_hex ("02000000 00 07");
  g_autoptr (GError) error = NULL;
  GorbCdrReader r, inner;
  gboolean b;

  gorb_cdr_reader_init (&r, g_bytes_get_data (bad_order, NULL), g_bytes_get_size (bad_order),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_FALSE (gorb_cdr_read_encapsulation (&r, &inner, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_VALUE, "byte-order octet 2", "at offset 4",
                         NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_cdr_reader_init_encapsulation (
      &inner, (const guint8 *) g_bytes_get_data (bad_order, NULL) + 4, 4, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_VALUE, "byte-order octet 2", "at offset 0",
                         NULL);
  g_clear_error (&error);

  gorb_cdr_reader_init (&r, g_bytes_get_data (too_long, NULL), g_bytes_get_size (too_long),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_FALSE (gorb_cdr_read_encapsulation (&r, &inner, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH, "length 100", "4 bytes left",
                         "at offset 0", NULL);
  g_clear_error (&error);

  gorb_cdr_reader_init (&r, g_bytes_get_data (empty, NULL), g_bytes_get_size (empty),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_FALSE (gorb_cdr_read_encapsulation (&r, &inner, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH, "length 0", NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_cdr_reader_init_encapsulation (&inner, NULL, 0, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 0", NULL);
  g_clear_error (&error);

  /* offsets inside an encapsulation count from the outermost input */
  gorb_cdr_reader_init (&r, g_bytes_get_data (bad_inside, NULL), g_bytes_get_size (bad_inside),
                        GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_TRUE_FATAL (gorb_cdr_read_encapsulation (&r, &inner, &error));
  CU_ASSERT_EQUAL (inner.order, GORB_BYTE_ORDER_BIG);
  CU_ASSERT_FALSE (gorb_cdr_read_value (&inner, &gorb_type_boolean, &b, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_VALUE, "at offset 5 in 'boolean'", NULL);
}

static void
test_errors_without_a_gerror (void)
{
  g_autoptr (GBytes) input = cdr_test_hex ("00000006 536d69746800 0000 ffffffff 000000");
  TestPerson p;
  TestPerson nameless = { NULL, S ("x"), 1 };

  CU_ASSERT_FALSE (gorb_cdr_decode (&test_person_desc, g_bytes_get_data (input, NULL),
                                    g_bytes_get_size (input), GORB_BYTE_ORDER_BIG, &p, NULL));
  CU_ASSERT_PTR_NULL (p.name);
  CU_ASSERT_PTR_NULL (gorb_cdr_encode (&test_person_desc, &nameless, GORB_BYTE_ORDER_BIG, NULL));
}

/* Encoding */

static void
test_encode_refuses_bad_values (void)
{
  TestPerson nameless = { NULL, S ("London"), 1934 };
  TestColor bad_color = 3;
  gint32 five[] = { 1, 2, 3, 4, 5 };
  TestFewLongs few = { five, 5 };
  TestLongSeq no_data = { NULL, 2 };
  char *long_name = S ("123456789");
  TestChoice blue = { ._d = TEST_COLOR_BLUE };
  TestEverything v;
  g_autoptr (GError) e1
      = encode_fails (&test_person_desc, &nameless, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e2
      = encode_fails (&test_color_desc, &bad_color, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e3
      = encode_fails (&test_few_longs_desc, &few, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e4
      = encode_fails (&test_long_seq_desc, &no_data, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e5
      = encode_fails (&test_short_name_desc, &long_name, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e6 = encode_fails (&test_choice_desc, &blue, GORB_MARSHAL_ERROR_INVALID_VALUE);
  g_autoptr (GError) e7 = NULL;

  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_INVALID_VALUE, "NULL", "at offset 0",
                         "in 'Person.name'", NULL);
  cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_INVALID_VALUE, "enumerator 3", "in 'Color'", NULL);
  cdr_test_assert_error (e3, GORB_MARSHAL_ERROR_INVALID_VALUE, "5 elements", "bound of 4",
                         "in 'FewLongs'", NULL);
  cdr_test_assert_error (e4, GORB_MARSHAL_ERROR_INVALID_VALUE, "no data", NULL);
  cdr_test_assert_error (e5, GORB_MARSHAL_ERROR_INVALID_VALUE, "bound of 8", "in 'ShortName'",
                         NULL);
  cdr_test_assert_error (e6, GORB_MARSHAL_ERROR_INVALID_VALUE, "discriminator 2", "in 'Choice'",
                         NULL);

  test_everything_fill (&v);
  v.hue = 7;
  e7 = encode_fails (&test_everything_desc, &v, GORB_MARSHAL_ERROR_INVALID_VALUE);
  cdr_test_assert_error (e7, GORB_MARSHAL_ERROR_INVALID_VALUE, "at offset 120",
                         "in 'Everything.hue'", NULL);
  v.hue = TEST_COLOR_RED;
  gorb_value_clear (&test_everything_desc, &v);
}

static void
test_failed_write_leaves_the_writer_as_it_was (void)
{
  TestPerson nameless = { S ("Smith"), NULL, 1934 };
  g_autoptr (GError) error = NULL;
  GorbCdrWriter w;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 1);
  CU_ASSERT_FALSE (gorb_cdr_write_value (&w, &test_person_desc, &nameless, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_INVALID_VALUE, "in 'Person.place'", NULL);
  CU_ASSERT_EQUAL (w.len, 1);
  gorb_cdr_writer_clear (&w);
}

static void
test_broken_descriptor (void)
{
  static const GorbTypeDesc bogus = { .kind = (GorbTypeKind) 99, .size = 4, .align = 4 };
  static const GorbTypeDesc endless = { .kind = GORB_TK_ALIAS, .size = 4, .align = 4 };
  guint32 value = 0;
  g_autoptr (GError) e1 = encode_fails (&bogus, &value, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR);
  g_autoptr (GError) e2
      = decode_hex_fails (&endless, "00000000", GORB_MARSHAL_ERROR_BAD_DESCRIPTOR);

  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, "invalid", NULL);
  cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, "at offset 0", NULL);
}

static CU_TestInfo truncation_tests[] = {
  { "every prefix of Everything fails", test_every_prefix_of_everything_fails },
  { "every prefix of other values fails", test_every_prefix_of_other_values_fails },
  { "padding before elements can truncate", test_padding_before_elements_can_truncate },
  { "primitive reads truncate", test_primitive_reads_truncate },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo length_tests[] = {
  { "huge sequence counts are refused before allocating", test_huge_sequence_counts },
  { "huge count inside Everything", test_huge_count_inside_everything },
  { "string length past the end", test_string_length_past_the_end },
  { "bounds are enforced on decode", test_bounds_are_enforced_on_decode },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo value_tests[] = {
  { "booleans other than 0 and 1", test_bad_booleans },
  { "enum ordinals out of range", test_bad_enum_ordinals },
  { "bad enum inside Everything", test_bad_enum_inside_everything },
  { "strings: no NUL, inner NUL, length 0", test_bad_strings },
  { "union discriminator without a case", test_union_discriminator_without_case },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo structure_tests[] = {
  { "Node past the depth limit", test_node_past_the_depth_limit },
  { "deep Node is refused on encode", test_deep_node_is_refused_on_encode },
  { "trailing bytes", test_trailing_bytes },
  { "bad encapsulations", test_bad_encapsulations },
  { "errors without a GError", test_errors_without_a_gerror },
  { "broken descriptors", test_broken_descriptor },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo encode_tests[] = {
  { "encode refuses values it cannot represent", test_encode_refuses_bad_values },
  { "a failed write leaves the writer as it was", test_failed_write_leaves_the_writer_as_it_was },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/cdr-bad/truncation", NULL, NULL, NULL, NULL, truncation_tests },
  { "marshal/cdr-bad/lengths", NULL, NULL, NULL, NULL, length_tests },
  { "marshal/cdr-bad/values", NULL, NULL, NULL, NULL, value_tests },
  { "marshal/cdr-bad/structure", NULL, NULL, NULL, NULL, structure_tests },
  { "marshal/cdr-bad/encode", NULL, NULL, NULL, NULL, encode_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
