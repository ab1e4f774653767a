/* tests/ref/test-ref.c - object references: the stringified form (round
 * trips, exact text, every parse error and its column), the CDR form (exact
 * bytes, every truncation), object keys, incarnation ids, identity
 */
#include "cdr-test-util.h"
#include "gorb-ref.h"

#include <string.h>

static const guint8 key123[3] = { 0x01, 0x02, 0x03 };

static GorbRef *
make_ref (const char *repo_id, GorbEncoding encoding, const char *const *endpoints)
{
  return gorb_ref_new (repo_id, key123, sizeof key123, encoding, endpoints);
}

static void
assert_same_ref (const GorbRef *a, const GorbRef *b)
{
  gsize na = 0, nb = 0;
  const guint8 *ka = gorb_ref_get_key (a, &na);
  const guint8 *kb = gorb_ref_get_key (b, &nb);
  const char *const *ea = gorb_ref_get_endpoints (a);
  const char *const *eb = gorb_ref_get_endpoints (b);

  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (a), gorb_ref_get_repo_id (b));
  CU_ASSERT_TRUE (na == nb && memcmp (ka, kb, na) == 0);
  CU_ASSERT_EQUAL (gorb_ref_get_encoding (a), gorb_ref_get_encoding (b));
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) ea, (const char *const *) eb));
}

/* Construction and identity */

static void
test_new_and_getters (void)
{
  const char *eps[] = { "tcp://127.0.0.1:5555", "ipc:///tmp/act", NULL };
  g_autoptr (GorbRef) ref = make_ref ("IDL:Demo/PersonList:1.0", GORB_ENCODING_XML, eps);
  gsize len = 0;

  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (ref), "IDL:Demo/PersonList:1.0");
  CU_ASSERT_EQUAL (memcmp (gorb_ref_get_key (ref, &len), key123, 3), 0);
  CU_ASSERT_EQUAL (len, 3);
  CU_ASSERT_PTR_NOT_NULL (gorb_ref_get_key (ref, NULL));
  CU_ASSERT_EQUAL (gorb_ref_get_encoding (ref), GORB_ENCODING_XML);
  CU_ASSERT_TRUE (g_strv_equal (gorb_ref_get_endpoints (ref), eps));
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_endpoint (ref), "tcp://127.0.0.1:5555");
  CU_ASSERT_PTR_NOT_EQUAL (gorb_ref_get_endpoint (ref), eps[0]); /* copied */
}

static void
test_boxed_refcount (void)
{
  const char *eps[] = { "inproc://a", NULL };
  GorbRef *ref = make_ref ("IDL:A:1.0", GORB_ENCODING_CDR, eps);
  GorbRef *copy = g_boxed_copy (GORB_TYPE_REF, ref);

  CU_ASSERT_PTR_EQUAL (copy, ref); /* immutable: a copy is a reference */
  CU_ASSERT_TRUE (G_TYPE_IS_BOXED (GORB_TYPE_REF));
  CU_ASSERT_STRING_EQUAL (g_type_name (GORB_TYPE_REF), "GorbRef");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_REF_ERROR), "gorb-ref-error-quark");
  g_boxed_free (GORB_TYPE_REF, copy);
  CU_ASSERT_PTR_EQUAL (gorb_ref_ref (ref), ref);
  gorb_ref_unref (ref);
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_endpoint (ref), "inproc://a");
  gorb_ref_unref (ref);
}

static void
test_equal_and_hash_by_key (void)
{
  const char *here[] = { "tcp://127.0.0.1:1", NULL };
  const char *there[] = { "ipc:///tmp/x", "inproc://y", NULL };
  static const guint8 other_key[3] = { 0x01, 0x02, 0x04 };
  g_autoptr (GorbRef) a = make_ref ("IDL:A:1.0", GORB_ENCODING_CDR, here);
  g_autoptr (GorbRef) b = make_ref ("IDL:B:1.0", GORB_ENCODING_XML, there);
  g_autoptr (GorbRef) c = gorb_ref_new ("IDL:A:1.0", other_key, 3, GORB_ENCODING_CDR, here);
  g_autoptr (GorbRef) d = gorb_ref_new ("IDL:A:1.0", key123, 2, GORB_ENCODING_CDR, here);
  g_autoptr (GorbRef) moved = gorb_ref_with_endpoints (a, there);
  g_autoptr (GHashTable) table = g_hash_table_new (gorb_ref_hash, gorb_ref_equal);

  CU_ASSERT_TRUE (gorb_ref_equal (a, b));
  CU_ASSERT_EQUAL (gorb_ref_hash (a), gorb_ref_hash (b));
  CU_ASSERT_FALSE (gorb_ref_equal (a, c));
  CU_ASSERT_FALSE (gorb_ref_equal (a, d)); /* a prefix is another key */
  CU_ASSERT_TRUE (gorb_ref_equal (NULL, NULL));
  CU_ASSERT_FALSE (gorb_ref_equal (a, NULL));
  CU_ASSERT_FALSE (gorb_ref_equal (NULL, a));
  CU_ASSERT_EQUAL (gorb_ref_hash (NULL), 0);

  CU_ASSERT_TRUE (gorb_ref_equal (moved, a));
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (moved), "IDL:A:1.0");
  CU_ASSERT_TRUE (g_strv_equal (gorb_ref_get_endpoints (moved), there));

  g_hash_table_add (table, a);
  CU_ASSERT_PTR_EQUAL (g_hash_table_lookup (table, moved), a);
  CU_ASSERT_PTR_NULL (g_hash_table_lookup (table, c));
}

/* Object keys and incarnation ids */

static void
test_object_key_make_split (void)
{
  GorbIncarnationId inc;
  GorbIncarnationId back;
  guint8 key[GORB_OBJECT_KEY_SIZE];
  guint64 number = 0;
  g_autoptr (GBytes) want = cdr_test_hex ("000102030405060708090a0b0c0d0e0f 0102030405060708");
  g_autoptr (GBytes) got = NULL;

  for (guint i = 0; i < 16; i++)
    inc.bytes[i] = (guint8) i;
  gorb_object_key_make (&inc, G_GUINT64_CONSTANT (0x0102030405060708), key);
  got = g_bytes_new (key, sizeof key);
  cdr_test_assert_bytes (got, want, "key: incarnation, then the number in big endian");
  CU_ASSERT_TRUE (gorb_object_key_split (key, sizeof key, &back, &number));
  CU_ASSERT_EQUAL (memcmp (back.bytes, inc.bytes, 16), 0);
  CU_ASSERT_EQUAL (number, G_GUINT64_CONSTANT (0x0102030405060708));
  CU_ASSERT_TRUE (gorb_object_key_split (key, sizeof key, NULL, NULL));
  number = 9;
  CU_ASSERT_FALSE (gorb_object_key_split (key, sizeof key - 1, &back, &number));
  CU_ASSERT_FALSE (gorb_object_key_split (key123, sizeof key123, NULL, &number));
  CU_ASSERT_FALSE (gorb_object_key_split (NULL, 0, NULL, &number));
  CU_ASSERT_EQUAL (number, 9);

  /* keys as hash-table keys: equal keys, equal hashes; another number differs */
  {
    guint8 same[GORB_OBJECT_KEY_SIZE], other[GORB_OBJECT_KEY_SIZE];

    gorb_object_key_make (&inc, G_GUINT64_CONSTANT (0x0102030405060708), same);
    gorb_object_key_make (&inc, 7, other);
    CU_ASSERT_TRUE (gorb_object_key_equal (key, same));
    CU_ASSERT_EQUAL (gorb_object_key_hash (key), gorb_object_key_hash (same));
    CU_ASSERT_FALSE (gorb_object_key_equal (key, other));
    CU_ASSERT_NOT_EQUAL (gorb_object_key_hash (key), gorb_object_key_hash (other));
  }
}

static void
test_incarnation_ids_differ (void)
{
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  static const guint8 zero[16] = { 0 };
  guint bits_set = 0;

  for (guint i = 0; i < 1000; i++)
    {
      GorbIncarnationId id;
      gorb_incarnation_id_generate (&id);
      CU_ASSERT_NOT_EQUAL (memcmp (id.bytes, zero, 16), 0);
      for (guint b = 0; b < 16; b++)
        bits_set += (guint) __builtin_popcount (id.bytes[b]);
      CU_ASSERT_TRUE (g_hash_table_add (seen, g_bytes_new (id.bytes, 16)));
    }
  /* 128000 random bits: about half set, far inside +-2% */
  CU_ASSERT_TRUE (bits_set > 62000 && bits_set < 66000);
}

/* The stringified form */

static void
test_exact_string (void)
{
  const char *eps[] = { "tcp://127.0.0.1:5555", "ipc:///tmp/gorb act;1", NULL };
  GorbIncarnationId inc;
  guint8 key[GORB_OBJECT_KEY_SIZE];
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 16; i++)
    inc.bytes[i] = (guint8) (0xf0 + i);
  gorb_object_key_make (&inc, 1, key);
  ref = gorb_ref_new ("IDL:Demo/PersonList:1.0", key, sizeof key, GORB_ENCODING_CDR, eps);
  text = gorb_ref_to_string (ref);
  CU_ASSERT_STRING_EQUAL (text, "gorb:IDL:Demo/PersonList:1.0"
                                ";key=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0000000000000001"
                                ";enc=cdr;ep=tcp://127.0.0.1:5555;ep=ipc:///tmp/gorb%20act%3B1");
  CU_ASSERT_PTR_NULL (gorb_ref_to_string (NULL));
}

static void
test_string_round_trips (void)
{
  static const char *const repo_ids[] = {
    "IDL:Demo/PersonList:1.0",
    "IDL:odd;name%with spaces/and=equals:1.0",
    "IDL:~user@host/x-y_z.w:2.3",
    "IDL:\xc3\xa9t\xc3\xa9/\x01\x7f:1.0",
  };
  static const char *const eps1[] = { "tcp://127.0.0.1:5555", NULL };
  static const char *const eps3[]
      = { "tcp://[::1]:7000", "ipc:///tmp/a b/%sock;1", "inproc://gorb-naming", NULL };
  const char *const *eps[] = { eps1, eps3 };
  guint8 long_key[GORB_WIRE_MAX_KEY_SIZE];

  for (guint i = 0; i < sizeof long_key; i++)
    long_key[i] = (guint8) i;
  for (guint r = 0; r < G_N_ELEMENTS (repo_ids); r++)
    for (guint e = 0; e < G_N_ELEMENTS (eps); e++)
      for (guint enc = 0; enc < 2; enc++)
        for (guint k = 1; k <= sizeof long_key; k += 85)
          {
            g_autoptr (GorbRef) ref
                = gorb_ref_new (repo_ids[r], long_key, k, (GorbEncoding) enc, eps[e]);
            g_autofree char *text = gorb_ref_to_string (ref);
            g_autoptr (GError) error = NULL;
            g_autoptr (GorbRef) back = gorb_ref_parse (text, &error);
            g_autofree char *again = NULL;

            GORB_ASSERT_NO_ERROR (error);
            assert_same_ref (back, ref);
            again = gorb_ref_to_string (back);
            CU_ASSERT_STRING_EQUAL (again, text);
            CU_ASSERT_PTR_NULL (strchr (text + 5, ' '));
          }
}

static void
test_escaping_is_g_uri_escape_string (void)
{
  char all[256];
  const char *eps[] = { all, NULL };
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) back = NULL;

  for (guint i = 1; i < 256; i++)
    all[i - 1] = (char) i;
  all[255] = '\0';
  ref = make_ref ("IDL:X:1.0", GORB_ENCODING_CDR, eps);
  text = gorb_ref_to_string (ref);
  escaped = g_uri_escape_string (all, ":/@", FALSE);
  want = g_strconcat ("gorb:IDL:X:1.0;key=010203;enc=cdr;ep=", escaped, NULL);
  CU_ASSERT_STRING_EQUAL (text, want);
  back = gorb_ref_parse (text, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_endpoint (back), all);
}

static char *
repeat (char c, gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

static void
test_parse_errors (void)
{
  /* "gorb:IDL:X:1.0" is 14 columns: ';' at 15, key digits from 20, enc
   * value from 27, first endpoint value from 34, end of it at 43 */
  g_autofree char *key_257 = repeat ('a', 514);
  g_autofree char *ep_1025 = repeat ('e', 1025);
  g_autofree char *repo_1025 = repeat ('r', 1025);
  g_autofree char *long_key
      = g_strconcat ("gorb:IDL:X:1.0;key=", key_257, ";enc=cdr;ep=tcp://h:1", NULL);
  g_autofree char *long_ep = g_strconcat ("gorb:IDL:X:1.0;key=00;enc=cdr;ep=", ep_1025, NULL);
  g_autofree char *long_repo = g_strconcat ("gorb:", repo_1025, ";key=00;enc=cdr;ep=a", NULL);
  GString *many = g_string_new ("gorb:IDL:X:1.0;key=00;enc=cdr");
  g_autofree char *many_eps = NULL;
  const struct
  {
    const char *text;
    GorbRefError code;
    const char *message;
  } cases[] = {
    { "", GORB_REF_ERROR_SYNTAX, "expected 'gorb:' at column 1" },
    { "corb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected 'gorb:' at column 1" },
    { " gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected 'gorb:' at column 1" },
    { "gorb:IDL:X:1.0", GORB_REF_ERROR_SYNTAX, "expected ';key=' at column 15" },
    { "gorb:IDL:X:1.0;kee=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected ';key=' at column 15" },
    { "gorb:IDL:X:1.0;enc=cdr;key=00;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected ';key=' at column 15" },
    { "gorb:;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_INVALID,
      "empty repository id at column 6" },
    { "gorb:IDL:X 1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "unexpected character ' ' in the repository id (write %20) at column 11" },
    { "gorb:IDL:X\t1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "unexpected byte 0x09 in the repository id (write %09) at column 11" },
    { "gorb:IDL:X%3b1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected two upper-case hex digits after '%' in the repository id at column 11" },
    { "gorb:IDL:X%3", GORB_REF_ERROR_SYNTAX,
      "expected two upper-case hex digits after '%' in the repository id at column 11" },
    { "gorb:IDL:X%41:1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "needless or forbidden escape %41 in the repository id at column 11" },
    { "gorb:IDL:X%00:1.0;key=00;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "needless or forbidden escape %00 in the repository id at column 11" },
    { long_repo, GORB_REF_ERROR_INVALID,
      "repository id of 1025 bytes exceeds the limit of 1024 at column 6" },
    { "gorb:IDL:X:1.0;key=;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_INVALID,
      "empty object key at column 20" },
    { "gorb:IDL:X:1.0;key=0a1;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "odd number of hex digits (3) in the object key at column 20" },
    { "gorb:IDL:X:1.0;key=0A;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected a lower-case hex digit at column 21" },
    { "gorb:IDL:X:1.0;key=00 ;enc=cdr;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected a lower-case hex digit at column 22" },
    { long_key, GORB_REF_ERROR_INVALID,
      "object key of 257 bytes exceeds the limit of 256 at column 20" },
    { "gorb:IDL:X:1.0;key=00;ep=tcp://h:1", GORB_REF_ERROR_SYNTAX,
      "expected ';enc=' at column 22" },
    { "gorb:IDL:X:1.0;key=00", GORB_REF_ERROR_SYNTAX, "expected ';enc=' at column 22" },
    { "gorb:IDL:X:1.0;key=00;enc=bin;ep=tcp://h:1", GORB_REF_ERROR_INVALID,
      "unknown encoding 'bin' (expected 'cdr' or 'xml') at column 27" },
    { "gorb:IDL:X:1.0;key=00;enc=CDR;ep=tcp://h:1", GORB_REF_ERROR_INVALID,
      "unknown encoding 'CDR' (expected 'cdr' or 'xml') at column 27" },
    { "gorb:IDL:X:1.0;key=00;enc=;ep=tcp://h:1", GORB_REF_ERROR_INVALID,
      "unknown encoding '' (expected 'cdr' or 'xml') at column 27" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr", GORB_REF_ERROR_INVALID, "no endpoint at column 30" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;", GORB_REF_ERROR_SYNTAX, "expected ';ep=' at column 30" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;port=1", GORB_REF_ERROR_SYNTAX,
      "expected ';ep=' at column 30" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=", GORB_REF_ERROR_INVALID, "empty endpoint at column 34" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1;", GORB_REF_ERROR_SYNTAX,
      "expected ';ep=' or the end at column 43" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1;ttl=5", GORB_REF_ERROR_SYNTAX,
      "expected ';ep=' or the end at column 43" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1;ep=", GORB_REF_ERROR_INVALID,
      "empty endpoint at column 47" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1\n", GORB_REF_ERROR_SYNTAX,
      "unexpected byte 0x0a in the endpoint (write %0A) at column 43" },
    { "gorb:IDL:X:1.0;key=00;enc=cdr;ep=tcp://h:1 ", GORB_REF_ERROR_SYNTAX,
      "unexpected character ' ' in the endpoint (write %20) at column 43" },
    { long_ep, GORB_REF_ERROR_INVALID,
      "endpoint of 1025 bytes exceeds the limit of 1024 at column 34" },
    { NULL, GORB_REF_ERROR_INVALID, "more than 16 endpoints at column 242" },
  };

  /* 17 endpoints ";ep=tcp://h:1" of 13 columns each: the 17th value at 30 + 16 * 13 + 4 */
  for (guint i = 0; i < 17; i++)
    g_string_append (many, ";ep=tcp://h:1");
  many_eps = g_string_free (many, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text = cases[i].text != NULL ? cases[i].text : many_eps;
      g_autoptr (GError) error = NULL;
      g_autoptr (GorbRef) ref = gorb_ref_parse (text, &error);

      CU_ASSERT_PTR_NULL (ref);
      GORB_ASSERT_ERROR (error, GORB_REF_ERROR, (gint) cases[i].code);
      if (strcmp (error->message, cases[i].message) != 0)
        g_printerr ("\n  case %u: message \"%s\", expected \"%s\"\n", i, error->message,
                    cases[i].message);
      CU_ASSERT_STRING_EQUAL (error->message, cases[i].message);
    }
}

static void
test_parse_limits_accepted (void)
{
  g_autofree char *key_256 = repeat ('f', 512);
  g_autofree char *ep_1024 = repeat ('e', 1024);
  GString *text = g_string_new ("gorb:IDL:X:1.0;key=");
  g_autofree char *s = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *again = NULL;
  gsize len = 0;

  g_string_append (text, key_256);
  g_string_append (text, ";enc=xml");
  for (guint i = 0; i < GORB_REF_MAX_ENDPOINTS; i++)
    g_string_append_printf (text, ";ep=%s", ep_1024);
  s = g_string_free (text, FALSE);
  ref = gorb_ref_parse (s, &error);
  GORB_ASSERT_NO_ERROR (error);
  gorb_ref_get_key (ref, &len);
  CU_ASSERT_EQUAL (len, GORB_WIRE_MAX_KEY_SIZE);
  CU_ASSERT_EQUAL (g_strv_length ((char **) gorb_ref_get_endpoints (ref)), 16);
  again = gorb_ref_to_string (ref);
  CU_ASSERT_STRING_EQUAL (again, s);
}

/* The CDR form */

/* "IDL:A:1.0", key 01 02 03, xml, "tcp://h:1" and "inproc://x" */
#define CDR_REF_BE                                                                                 \
  "0000000a 49444c3a413a312e3000 0000 00000003 010203 01 00000002 "                                \
  "0000000a 7463703a2f2f683a3100 0000 0000000b 696e70726f633a2f2f7800"
#define CDR_REF_LE                                                                                 \
  "0a000000 49444c3a413a312e3000 0000 03000000 010203 01 02000000 "                                \
  "0a000000 7463703a2f2f683a3100 0000 0b000000 696e70726f633a2f2f7800"
#define CDR_NIL_BE "00000001 00 000000 00000000 00 000000 00000000"

static GorbRef *
cdr_test_ref (void)
{
  const char *eps[] = { "tcp://h:1", "inproc://x", NULL };

  return make_ref ("IDL:A:1.0", GORB_ENCODING_XML, eps);
}

static void
test_cdr_exact_bytes (void)
{
  g_autoptr (GorbRef) ref = cdr_test_ref ();
  const char *hex[] = { CDR_REF_BE, CDR_REF_LE };

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr (GBytes) want = cdr_test_hex (hex[order]);
      g_autoptr (GBytes) got = NULL;
      g_autoptr (GError) error = NULL;
      GorbRef *back = NULL;
      GorbCdrWriter w;
      GorbCdrReader r;

      gorb_cdr_writer_init (&w, (GorbByteOrder) order);
      gorb_ref_write_cdr (&w, ref);
      got = gorb_cdr_writer_steal_bytes (&w);
      cdr_test_assert_bytes (got, want, order ? "ref LE" : "ref BE");
      gorb_cdr_reader_init (&r, g_bytes_get_data (want, NULL), g_bytes_get_size (want),
                            (GorbByteOrder) order);
      CU_ASSERT_TRUE (gorb_ref_read_cdr (&r, &back, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (back);
      assert_same_ref (back, ref);
      CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r), 0);
      gorb_ref_unref (back);
    }
}

static void
test_cdr_nil (void)
{
  g_autoptr (GBytes) want = cdr_test_hex ("ff"
                                          "000000" CDR_NIL_BE);
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GError) error = NULL;
  GorbRef *back = (GorbRef *) 0x1;
  GorbCdrWriter w;
  GorbCdrReader r;
  guint8 o = 0;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 0xff);
  gorb_ref_write_cdr (&w, NULL);
  got = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (got, want, "nil after an octet");
  gorb_cdr_reader_init (&r, g_bytes_get_data (got, NULL), g_bytes_get_size (got),
                        GORB_BYTE_ORDER_BIG);
  CU_ASSERT_TRUE (gorb_cdr_read_octet (&r, &o, &error));
  CU_ASSERT_TRUE (gorb_ref_read_cdr (&r, &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (back);
}

static void
test_cdr_round_trips (void)
{
  const char *eps[GORB_REF_MAX_ENDPOINTS + 1] = { NULL };
  g_autofree char *long_ep = repeat ('p', GORB_REF_MAX_STRING_SIZE);
  guint8 key[GORB_WIRE_MAX_KEY_SIZE];

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) (i * 7);
  for (guint n = 1; n <= GORB_REF_MAX_ENDPOINTS; n++)
    {
      eps[n - 1] = n % 2 ? long_ep : "ipc:///tmp/a;b";
      for (guint order = 0; order < 2; order++)
        for (guint lead = 0; lead < 8; lead++) /* every alignment of the start */
          {
            g_autoptr (GorbRef) ref
                = gorb_ref_new ("IDL:odd;repo%id 1:1.0", key, n * 16, (GorbEncoding) (n % 2), eps);
            g_autoptr (GBytes) bytes = NULL;
            g_autoptr (GError) error = NULL;
            GorbRef *back = NULL;
            GorbCdrWriter w;
            GorbCdrReader r;

            gorb_cdr_writer_init (&w, (GorbByteOrder) order);
            for (guint i = 0; i < lead; i++)
              gorb_cdr_write_octet (&w, 0xee);
            gorb_ref_write_cdr (&w, ref);
            bytes = gorb_cdr_writer_steal_bytes (&w);
            gorb_cdr_reader_init (&r, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  (GorbByteOrder) order);
            r.pos = lead;
            CU_ASSERT_TRUE_FATAL (gorb_ref_read_cdr (&r, &back, &error));
            GORB_ASSERT_NO_ERROR (error);
            assert_same_ref (back, ref);
            CU_ASSERT_EQUAL (gorb_cdr_reader_get_remaining (&r), 0);
            gorb_ref_unref (back);
          }
    }
}

static void
test_cdr_every_truncation_fails (void)
{
  const char *hex[] = { CDR_REF_BE, CDR_REF_LE, CDR_NIL_BE };

  for (guint h = 0; h < G_N_ELEMENTS (hex); h++)
    {
      g_autoptr (GBytes) full = cdr_test_hex (hex[h]);
      const guint8 *data = g_bytes_get_data (full, NULL);

      for (gsize n = 0; n < g_bytes_get_size (full); n++)
        {
          g_autoptr (GError) error = NULL;
          GorbRef *back = (GorbRef *) 0x1;
          GorbCdrReader r;

          gorb_cdr_reader_init (&r, data, n, h == 1 ? GORB_BYTE_ORDER_LITTLE : GORB_BYTE_ORDER_BIG);
          CU_ASSERT_FALSE (gorb_ref_read_cdr (&r, &back, &error));
          CU_ASSERT_PTR_EQUAL (back, (GorbRef *) 0x1);
          CU_ASSERT_PTR_NOT_NULL_FATAL (error);
          CU_ASSERT_TRUE (
              g_error_matches (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TRUNCATED)
              || g_error_matches (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_LENGTH));
          CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "at offset"));
        }
    }
}

static void
test_cdr_bad_refs (void)
{
  g_autofree char *ep_1025 = NULL;
  GString *long_ep = g_string_new (CDR_NIL_BE);
  const struct
  {
    const char *hex;
    GorbMarshalError code;
    const char *needle;
  } cases[] = {
    { "0000000a 49444c3a413a312e3000 0000 00000101", GORB_MARSHAL_ERROR_BAD_LENGTH,
      "object key of 257 bytes exceeds the limit of 256 at offset 16" },
    { "0000000a 49444c3a413a312e3000 0000 00000003 010203 02", GORB_MARSHAL_ERROR_BAD_VALUE,
      "unknown encoding 2 in an object reference at offset 23" },
    { "0000000a 49444c3a413a312e3000 0000 00000003 010203 00 00000011",
      GORB_MARSHAL_ERROR_BAD_LENGTH,
      "object reference with 17 endpoints exceeds the limit of 16 at offset 24" },
    { "0000000a 49444c3a413a312e3000 0000 00000003 010203 00 00000001 00000001 00",
      GORB_MARSHAL_ERROR_BAD_VALUE, "empty endpoint at offset 28" },
    { "0000000a 49444c3a413a312e3000 0000 00000003 010203 00 00000001 00000002 6161",
      GORB_MARSHAL_ERROR_BAD_STRING, "at offset 28" },
    { "0000000a 49444c3a413a312e3000 0000 00000000 00 000000 00000001 00000002 6100",
      GORB_MARSHAL_ERROR_BAD_VALUE,
      "object reference with an empty object key is neither nil nor complete at offset 0" },
    { "0000000a 49444c3a413a312e3000 0000 00000003 010203 00 00000000",
      GORB_MARSHAL_ERROR_BAD_VALUE,
      "object reference with no endpoint is neither nil nor complete at offset 0" },
    { "00000001 00 000000 00000003 010203 00 00000001 00000002 6100", GORB_MARSHAL_ERROR_BAD_VALUE,
      "object reference with an empty repository id is neither nil nor complete at offset 0" },
    { "00000001 00 000000 00000000 00 000000 00000001 00000002 6100", GORB_MARSHAL_ERROR_BAD_VALUE,
      "an empty repository id" },
    { "00000402", GORB_MARSHAL_ERROR_BAD_LENGTH, "exceeds its bound of 1024" },
    { NULL, GORB_MARSHAL_ERROR_BAD_LENGTH, "exceeds its bound of 1024" },
  };

  /* a nil whose endpoint list holds a 1025-byte string */
  g_string_truncate (long_ep, long_ep->len - 8);
  g_string_append (long_ep, "00000001 00000402 ");
  for (guint i = 0; i < 1025; i++)
    g_string_append (long_ep, "65");
  g_string_append (long_ep, "00");
  ep_1025 = g_string_free (long_ep, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = cdr_test_hex (cases[i].hex != NULL ? cases[i].hex : ep_1025);
      g_autoptr (GError) error = NULL;
      GorbRef *back = (GorbRef *) 0x1;
      GorbCdrReader r;

      gorb_cdr_reader_init (&r, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            GORB_BYTE_ORDER_BIG);
      CU_ASSERT_FALSE (gorb_ref_read_cdr (&r, &back, &error));
      CU_ASSERT_PTR_EQUAL (back, (GorbRef *) 0x1);
      cdr_test_assert_error (error, cases[i].code, cases[i].needle, NULL);
    }
}

static CU_TestInfo ref_tests[] = {
  { "new copies, getters", test_new_and_getters },
  { "a boxed type: copy is a reference", test_boxed_refcount },
  { "equal and hash by key only", test_equal_and_hash_by_key },
  { "object key: incarnation then big-endian number", test_object_key_make_split },
  { "incarnation ids differ and look random", test_incarnation_ids_differ },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo string_tests[] = {
  { "the exact string of one reference", test_exact_string },
  { "round trips: endpoints, encodings, odd characters", test_string_round_trips },
  { "escaping is g_uri_escape_string's, every byte", test_escaping_is_g_uri_escape_string },
  { "every parse error names its column", test_parse_errors },
  { "limits are accepted", test_parse_limits_accepted },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo cdr_tests[] = {
  { "exact bytes in both orders", test_cdr_exact_bytes },
  { "nil is NULL", test_cdr_nil },
  { "round trips at every alignment", test_cdr_round_trips },
  { "every truncation fails cleanly", test_cdr_every_truncation_fails },
  { "bad references", test_cdr_bad_refs },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "ref/refs", NULL, NULL, NULL, NULL, ref_tests },
  { "ref/string", NULL, NULL, NULL, NULL, string_tests },
  { "ref/cdr", NULL, NULL, NULL, NULL, cdr_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
