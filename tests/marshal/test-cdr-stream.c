/* tests/marshal/test-cdr-stream.c - the CDR writer and reader: primitives,
 * alignment from the origin, growth, encapsulations (alignment restarts)
 */
#include "cdr-test-util.h"

#include <string.h>

#define S(literal) ((char *) (literal))

/* The writer and reader API */

static void
test_writer_primitives_align_from_origin (void)
{
  const GorbByteOrder orders[] = { GORB_BYTE_ORDER_BIG, GORB_BYTE_ORDER_LITTLE };
  const char *expected[] = {
    "01 7a 0000 00000001 ffff 000000000000 fffffffffffffffe 3ff0000000000000 40000000 00000000 "
    "0000000000000009 00000003 616200",
    "01 7a 0000 01000000 ffff 000000000000 feffffffffffffff 000000000000f03f 00000040 00000000 "
    "0900000000000000 03000000 616200",
  };

  for (guint i = 0; i < 2; i++)
    {
      GorbCdrWriter w;
      g_autoptr (GBytes) want = cdr_test_hex (expected[i]);
      g_autoptr (GBytes) got = NULL;

      gorb_cdr_writer_init (&w, orders[i]);
      gorb_cdr_write_boolean (&w, 42); /* any true value is 1 */
      gorb_cdr_write_char (&w, 'z');
      gorb_cdr_write_ulong (&w, 1); /* 2 bytes of padding */
      gorb_cdr_write_short (&w, -1);
      gorb_cdr_write_longlong (&w, -2); /* 6 bytes of padding */
      gorb_cdr_write_double (&w, 1.0);
      gorb_cdr_write_float (&w, 2.0f);
      gorb_cdr_write_ulonglong (&w, 9); /* 4 bytes of padding */
      gorb_cdr_write_raw (&w, NULL, 0);
      gorb_cdr_write_string_len (&w, "abc", 2);
      got = gorb_cdr_writer_steal_bytes (&w);
      cdr_test_assert_bytes (got, want, "writer primitives");
      CU_ASSERT_PTR_NULL (w.data);
      CU_ASSERT_EQUAL (w.len, 0);
      gorb_cdr_writer_clear (&w);
    }
}

static void
test_reader_primitives (void)
{
  g_autoptr (GBytes) be = cdr_test_hex ("01 7a 1234 fffe7960 0102030405060708 3fc00000 "
                                        "00000000 bfb999999999999a 00000003 686900 ab");
  g_autoptr (GBytes) le = cdr_test_hex ("01 7a 3412 6079feff 0807060504030201 0000c03f "
                                        "00000000 9a9999999999b9bf 03000000 686900 ab");
  GBytes *inputs[] = { be, le };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *s = NULL;
      GorbCdrReader r;
      gboolean b = FALSE;
      gchar c = 0;
      guint16 us = 0;
      gint32 l = 0;
      guint64 ull = 0;
      gfloat f = 0;
      gdouble d = 0;
      guint8 o = 0;

      gorb_cdr_reader_init (&r, g_bytes_get_data (inputs[i], NULL), g_bytes_get_size (inputs[i]),
                            i == 0 ? GORB_BYTE_ORDER_BIG : GORB_BYTE_ORDER_LITTLE);
      CU_ASSERT_TRUE (gorb_cdr_read_boolean (&r, &b, &error) && b == TRUE);
      CU_ASSERT_TRUE (gorb_cdr_read_char (&r, &c, &error) && c == 'z');
      CU_ASSERT_TRUE (gorb_cdr_read_ushort (&r, &us, &error) && us == 0x1234);
      CU_ASSERT_TRUE (gorb_cdr_read_long (&r, &l, &error) && l == -100000);
      CU_ASSERT_TRUE (gorb_cdr_read_ulonglong (&r, &ull, &error)
                      && ull == G_GUINT64_CONSTANT (0x0102030405060708));
      CU_ASSERT_TRUE (gorb_cdr_read_float (&r, &f, &error) && f == 1.5f);
      CU_ASSERT_TRUE (gorb_cdr_read_double (&r, &d, &error) && d == -0.1);
      CU_ASSERT_TRUE (gorb_cdr_read_string (&r, 0, &s, &error));
      CU_ASSERT_STRING_EQUAL (s, "hi");
      CU_ASSERT_TRUE (gorb_cdr_read_octet (&r, &o, &error) && o == 0xab);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r), 0);
    }
}

static void
test_writer_grows_and_resets (void)
{
  GorbCdrWriter w;
  guint8 *data;
  gsize len = 0;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  for (guint32 i = 0; i < 100000; i++)
    gorb_cdr_write_ulong (&w, i);
  CU_ASSERT_EQUAL (w.len, 400000);
  CU_ASSERT_TRUE (w.capacity >= w.len && w.capacity < 2 * w.len);
  CU_ASSERT_EQUAL (w.data[399999], (guint8) 99999);
  gorb_cdr_writer_reset (&w);
  CU_ASSERT_EQUAL (w.len, 0);
  CU_ASSERT_PTR_NOT_NULL (w.data); /* the buffer is kept */
  gorb_cdr_write_octet (&w, 7);
  gorb_cdr_writer_align (&w, 8);
  data = gorb_cdr_writer_steal_data (&w, &len);
  CU_ASSERT_EQUAL (len, 8);
  CU_ASSERT_EQUAL (memcmp (data, "\x07\0\0\0\0\0\0\0", 8), 0);
  g_free (data);
  CU_ASSERT_PTR_NULL (gorb_cdr_writer_steal_data (&w, &len));
  CU_ASSERT_EQUAL (len, 0);
  gorb_cdr_writer_clear (&w);
}

static void
test_write_value_appends_at_alignment (void)
{
  TestPerson smith = { S ("Smith"), S ("London"), 1934 };
  g_autoptr (GBytes) want
      = cdr_test_hex ("ff 000000 00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e");
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  GorbCdrWriter w;
  GorbCdrReader r;
  TestPerson back;
  guint8 o = 0;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 0xff);
  CU_ASSERT_TRUE (gorb_cdr_write_value (&w, &test_person_desc, &smith, &error));
  GORB_ASSERT_NO_ERROR (error);
  got = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (got, want, "octet then Person");

  gorb_cdr_reader_init (&r, g_bytes_get_data (got, NULL), g_bytes_get_size (got),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_TRUE (gorb_cdr_read_octet (&r, &o, &error));
  CU_ASSERT_TRUE (gorb_cdr_read_value (&r, &test_person_desc, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &smith, &back));
  gorb_value_clear (&test_person_desc, &back);
}

/* Encapsulations */

static void
test_encapsulations_restart_alignment (void)
{
  /* outer (BE): encapsulation at 0, then a long. inner1 (LE) starts at
   * outer offset 4, so its double at inner offset 8 sits at outer offset 12:
   * aligned for the encapsulation, not for the outer stream. inner2 (BE) is
   * nested in inner1. */
  g_autoptr (GBytes) want = cdr_test_hex ("0000001c "
                                          "01 00000000000000 000000000000f03f "
                                          "08000000 00 000000 01020304 "
                                          "00000063");
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  GorbCdrWriter outer, inner1, inner2;
  GorbCdrReader r, r1, r2;
  gdouble d = 0;
  gint32 l = 0;

  gorb_cdr_writer_init_encapsulation (&inner2, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_long (&inner2, 0x01020304);
  gorb_cdr_writer_init_encapsulation (&inner1, GORB_BYTE_ORDER_LITTLE);
  gorb_cdr_write_double (&inner1, 1.0);
  gorb_cdr_write_encapsulation (&inner1, &inner2);
  gorb_cdr_writer_init (&outer, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_encapsulation (&outer, &inner1);
  gorb_cdr_write_long (&outer, 99);
  got = gorb_cdr_writer_steal_bytes (&outer);
  cdr_test_assert_bytes (got, want, "nested encapsulations");
  gorb_cdr_writer_clear (&inner1);
  gorb_cdr_writer_clear (&inner2);

  gorb_cdr_reader_init (&r, g_bytes_get_data (want, NULL), g_bytes_get_size (want),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_TRUE_FATAL (gorb_cdr_read_encapsulation (&r, &r1, &error));
  CU_ASSERT_EQUAL (r1.order, GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_EQUAL (r1.base_offset, 4);
  CU_ASSERT_TRUE (gorb_cdr_read_double (&r1, &d, &error) && d == 1.0);
  CU_ASSERT_TRUE_FATAL (gorb_cdr_read_encapsulation (&r1, &r2, &error));
  CU_ASSERT_EQUAL (r2.order, GORB_BYTE_ORDER_BIG);
  CU_ASSERT_EQUAL (r2.base_offset, 24);
  CU_ASSERT_EQUAL (r2.depth, 2);
  CU_ASSERT_TRUE (gorb_cdr_read_long (&r2, &l, &error) && l == 0x01020304);
  CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r2), 0);
  CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r1), 0);
  CU_ASSERT_TRUE (gorb_cdr_read_long (&r, &l, &error) && l == 99);
  CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r), 0);
  GORB_ASSERT_NO_ERROR (error);

  /* a raw encapsulation, as in an IOR profile */
  CU_ASSERT_TRUE (gorb_cdr_reader_init_encapsulation (
      &r1, (const guint8 *) g_bytes_get_data (want, NULL) + 4, 28, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (r1.order, GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_TRUE (gorb_cdr_read_double (&r1, &d, &error) && d == 1.0);
}

static void
test_encapsulated_value (void)
{
  TestPerson smith = { S ("Smith"), S ("London"), 1934 };
  g_autoptr (GBytes) want
      = cdr_test_hex ("01 000000 06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000");
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  GorbCdrWriter w;
  GorbCdrReader r;
  TestPerson back;

  /* the byte-order octet counts for alignment: the length is padded to 4 */
  gorb_cdr_writer_init_encapsulation (&w, GORB_BYTE_ORDER_LITTLE);
  CU_ASSERT_TRUE (gorb_cdr_write_value (&w, &test_person_desc, &smith, &error));
  got = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (got, want, "Person in a little-endian encapsulation");
  CU_ASSERT_TRUE (gorb_cdr_reader_init_encapsulation (&r, g_bytes_get_data (got, NULL),
                                                      g_bytes_get_size (got), &error));
  CU_ASSERT_TRUE (gorb_cdr_read_value (&r, &test_person_desc, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &smith, &back));
  gorb_value_clear (&test_person_desc, &back);
}

static CU_TestInfo stream_tests[] = {
  { "writer primitives align from the origin", test_writer_primitives_align_from_origin },
  { "reader primitives in both orders", test_reader_primitives },
  { "writer grows, resets, gives its data away", test_writer_grows_and_resets },
  { "write_value appends at the stream's alignment", test_write_value_appends_at_alignment },
  { "encapsulations restart alignment", test_encapsulations_restart_alignment },
  { "a value in an encapsulation", test_encapsulated_value },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/cdr/streams", NULL, NULL, NULL, NULL, stream_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
