/* tests/wire/test-wire.c - the message header: byte-exact vectors for every
 * type in both byte orders, round trips, and every way a frame can be bad
 */
#include "cdr-test-util.h"
#include "gorb-wire.h"

#include <string.h>

static const guint8 test_key[3] = { 0x01, 0x02, 0x03 };

/* The fields the vectors share; offsets as in gorb-wire.h */
static GorbMessageHeader
make_header (GorbMessageType type, GorbByteOrder order)
{
  GorbMessageHeader h = { 0 };

  h.type = type;
  h.byte_order = order;
  h.encoding = GORB_ENCODING_CDR;
  h.version_major = 1;
  h.request_id = G_GUINT64_CONSTANT (0x0102030405060708);
  for (guint i = 0; i < 16; i++)
    h.client_id.bytes[i] = (guint8) (i * 0x11);
  h.client_epoch = 0x0a0b0c0d;
  h.timeout_ms = 5000;
  if (type == GORB_MESSAGE_REQUEST || type == GORB_MESSAGE_LOCATE_REQUEST)
    {
      h.object_key = test_key;
      h.object_key_len = sizeof test_key;
      h.operation = type == GORB_MESSAGE_REQUEST ? "ping" : "";
    }
  return h;
}

static void
assert_same_header (const GorbMessageHeader *got, const GorbMessageHeader *want)
{
  CU_ASSERT_EQUAL (got->type, want->type);
  CU_ASSERT_EQUAL (got->byte_order, want->byte_order);
  CU_ASSERT_EQUAL (got->encoding, want->encoding);
  CU_ASSERT_EQUAL (!!got->response_expected, !!want->response_expected);
  CU_ASSERT_EQUAL (got->version_major, GORB_WIRE_VERSION_MAJOR);
  CU_ASSERT_EQUAL (got->version_minor, GORB_WIRE_VERSION_MINOR);
  CU_ASSERT_EQUAL (got->request_id, want->request_id);
  CU_ASSERT_EQUAL (memcmp (got->client_id.bytes, want->client_id.bytes, 16), 0);
  CU_ASSERT_EQUAL (got->client_epoch, want->client_epoch);
  CU_ASSERT_EQUAL (got->timeout_ms, want->timeout_ms);
  CU_ASSERT_EQUAL (got->object_key_len, want->object_key_len);
  if (want->object_key_len > 0)
    CU_ASSERT_EQUAL (memcmp (got->object_key, want->object_key, want->object_key_len), 0);
  if (want->operation != NULL)
    {
      CU_ASSERT_PTR_NOT_NULL_FATAL (got->operation);
      CU_ASSERT_STRING_EQUAL (got->operation, want->operation);
    }
  else
    CU_ASSERT_PTR_NULL (got->operation);
  CU_ASSERT_EQUAL (got->status, want->status);
}

/* Asserts that decoding @bytes fails with @code and a message containing
 * @needle, and leaves the header alone. */
static void
assert_read_fails (GBytes *bytes, GorbWireError code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  GorbMessageHeader h;
  GorbMessageHeader before;

  memset (&h, 0xa5, sizeof h);
  before = h;
  CU_ASSERT_FALSE (
      gorb_wire_read_header (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &h, &error));
  GORB_ASSERT_ERROR (error, GORB_WIRE_ERROR, (gint) code);
  if (strstr (error->message, needle) == NULL)
    g_printerr ("\n  message \"%s\" does not mention \"%s\"\n", error->message, needle);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, needle));
  CU_ASSERT_EQUAL (memcmp (&h, &before, sizeof h), 0);
}

/* Byte-exact vectors, by hand */

#define FIXED_BE(flags, type)                                                                      \
  "474f5242 01 00 " flags " " type " 0102030405060708 00112233445566778899aabbccddeeff "           \
  "0a0b0c0d 00001388 "
#define FIXED_LE(flags, type)                                                                      \
  "474f5242 01 00 " flags " " type " 0807060504030201 00112233445566778899aabbccddeeff "           \
  "0d0c0b0a 88130000 "

static const struct
{
  GorbMessageType type;
  GorbByteOrder order;
  GorbEncoding encoding;
  gboolean response_expected;
  guint32 status;
  const char *hex;
} vectors[] = {
  /* 40: key length, 44: key, 47: pad, 48: operation length, 52: "ping" NUL */
  { GORB_MESSAGE_REQUEST, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, TRUE, 0,
    FIXED_BE ("04", "00") "00000003 010203 00 00000005 70696e6700" },
  { GORB_MESSAGE_REQUEST, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_CDR, TRUE, 0,
    FIXED_LE ("05", "00") "03000000 010203 00 05000000 70696e6700" },
  { GORB_MESSAGE_REQUEST, GORB_BYTE_ORDER_BIG, GORB_ENCODING_XML, FALSE, 0,
    FIXED_BE ("02", "00") "00000003 010203 00 00000005 70696e6700" },
  { GORB_MESSAGE_REQUEST, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_XML, TRUE, 0,
    FIXED_LE ("07", "00") "03000000 010203 00 05000000 70696e6700" },
  /* 40: status */
  { GORB_MESSAGE_REPLY, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, FALSE, GORB_REPLY_SYSTEM_EXCEPTION,
    FIXED_BE ("00", "01") "00000002" },
  { GORB_MESSAGE_REPLY, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_XML, FALSE,
    GORB_REPLY_LOCATION_FORWARD, FIXED_LE ("03", "01") "03000000" },
  /* nothing after the fixed part */
  { GORB_MESSAGE_ACK, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, FALSE, 0, FIXED_BE ("00", "02") },
  { GORB_MESSAGE_ACK, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_CDR, FALSE, 0, FIXED_LE ("01", "02") },
  { GORB_MESSAGE_CANCEL, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, FALSE, 0, FIXED_BE ("00", "03") },
  { GORB_MESSAGE_CANCEL, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_CDR, FALSE, 0,
    FIXED_LE ("01", "03") },
  /* 40: key length, 44: key, 47: pad, 48: operation length 1, 52: NUL */
  { GORB_MESSAGE_LOCATE_REQUEST, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, TRUE, 0,
    FIXED_BE ("04", "04") "00000003 010203 00 00000001 00" },
  { GORB_MESSAGE_LOCATE_REQUEST, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_CDR, TRUE, 0,
    FIXED_LE ("05", "04") "03000000 010203 00 01000000 00" },
  { GORB_MESSAGE_LOCATE_REPLY, GORB_BYTE_ORDER_BIG, GORB_ENCODING_CDR, FALSE,
    GORB_LOCATE_OBJECT_HERE, FIXED_BE ("00", "05") "00000001" },
  { GORB_MESSAGE_LOCATE_REPLY, GORB_BYTE_ORDER_LITTLE, GORB_ENCODING_CDR, FALSE,
    GORB_LOCATE_OBJECT_FORWARD, FIXED_LE ("01", "05") "02000000" },
};

static GorbMessageHeader
vector_header (guint i)
{
  GorbMessageHeader h = make_header (vectors[i].type, vectors[i].order);

  h.encoding = vectors[i].encoding;
  h.response_expected = vectors[i].response_expected;
  h.status = vectors[i].status;
  return h;
}

static void
test_vectors_encode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      GorbMessageHeader h = vector_header (i);
      g_autoptr (GBytes) want = cdr_test_hex (vectors[i].hex);
      g_autoptr (GBytes) got = gorb_wire_encode_header (&h);
      g_autofree char *what = g_strdup_printf ("%s %s", gorb_message_type_to_string (h.type),
                                               h.byte_order ? "LE" : "BE");

      cdr_test_assert_bytes (got, want, what);
    }
}

static void
test_vectors_decode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      GorbMessageHeader want = vector_header (i);
      g_autoptr (GBytes) bytes = cdr_test_hex (vectors[i].hex);
      g_autoptr (GError) error = NULL;
      GorbMessageHeader got;
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      guint64 id = 0;
      GorbMessageType type = 99;

      if (want.type == GORB_MESSAGE_LOCATE_REQUEST)
        want.operation = "";
      else if (want.type != GORB_MESSAGE_REQUEST)
        want.operation = NULL;
      CU_ASSERT_TRUE (gorb_wire_read_header (data, len, &got, &error));
      GORB_ASSERT_NO_ERROR (error);
      assert_same_header (&got, &want);
      if (want.object_key_len > 0) /* borrowed from the frame */
        CU_ASSERT_PTR_EQUAL (got.object_key, data + 44);
      if (want.operation != NULL)
        CU_ASSERT_PTR_EQUAL (got.operation, (const char *) data + 52);
      CU_ASSERT_TRUE (gorb_wire_peek_request_id (data, len, &id, &type));
      CU_ASSERT_EQUAL (id, want.request_id);
      CU_ASSERT_EQUAL (type, want.type);
    }
}

/* The header docs/protocol.md shows: Bank::Account::deposit, little endian */
static void
test_protocol_doc_example (void)
{
  static const guint8 incarnation_bytes[16] = { 0x9e, 0x1b, 0x7c, 0x44, 0xd2, 0x05, 0x4f, 0x6a,
                                                0x8b, 0x3e, 0x51, 0xc0, 0x7d, 0x29, 0xa4, 0xf6 };
  static const guint8 client[16] = { 0x5f, 0x3c, 0x9a, 0x71, 0x0e, 0x42, 0x4b, 0x8d,
                                     0xa1, 0x66, 0x2f, 0x03, 0xc4, 0xd9, 0xe8, 0x10 };
  g_autoptr (GBytes) want = cdr_test_hex (
      /*  0 */ "474f5242 01 00 05 00"
               /*  8 */ " 2a00000000000000"
               /* 16 */ " 5f3c9a710e424b8da1662f03c4d9e810"
               /* 32 */ " 03000000 30750000"
               /* 40 */ " 18000000"
               /* 44 */ " 9e1b7c44d2054f6a8b3e51c07d29a4f6 0000000000000007"
               /* 68 */ " 08000000 6465706f73697400");
  g_autoptr (GBytes) got = NULL;
  GorbMessageHeader h = { 0 };
  guint8 key[24];

  memcpy (key, incarnation_bytes, 16);
  key[16] = key[17] = key[18] = key[19] = key[20] = key[21] = key[22] = 0;
  key[23] = 7;
  h.type = GORB_MESSAGE_REQUEST;
  h.byte_order = GORB_BYTE_ORDER_LITTLE;
  h.encoding = GORB_ENCODING_CDR;
  h.response_expected = TRUE;
  h.request_id = 42;
  memcpy (h.client_id.bytes, client, 16);
  h.client_epoch = 3;
  h.timeout_ms = 30000;
  h.object_key = key;
  h.object_key_len = sizeof key;
  h.operation = "deposit";
  got = gorb_wire_encode_header (&h);
  cdr_test_assert_bytes (got, want, "docs/protocol.md example");
  CU_ASSERT_EQUAL (g_bytes_get_size (got), 80);
}

static void
test_write_after_other_frames_content (void)
{
  GorbMessageHeader h = make_header (GORB_MESSAGE_REPLY, GORB_BYTE_ORDER_BIG);
  g_autoptr (GBytes) want = cdr_test_hex ("0102030405060708" FIXED_BE ("00", "01") "00000000");
  g_autoptr (GBytes) got = NULL;
  GorbCdrWriter w;

  /* a header may follow 8-aligned content (e.g. a transport's own prefix) */
  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_ulonglong (&w, G_GUINT64_CONSTANT (0x0102030405060708));
  gorb_wire_write_header (&w, &h);
  got = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (got, want, "header after 8 bytes");
}

/* Round trips */

static void
test_round_trips (void)
{
  static const guint key_lens[] = { 0, 1, 2, 3, 4, 5, 24, GORB_WIRE_MAX_KEY_SIZE };
  static const guint op_lens[] = { 0, 1, 2, 3, 4, 7, GORB_WIRE_MAX_OPERATION_SIZE };
  guint8 key[GORB_WIRE_MAX_KEY_SIZE];
  char op[GORB_WIRE_MAX_OPERATION_SIZE + 1];
  guint n = 0;

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) (255 - i);
  for (GorbMessageType type = GORB_MESSAGE_REQUEST; type <= GORB_MESSAGE_LOCATE_REPLY; type++)
    for (guint order = 0; order < 2; order++)
      for (guint flags = 0; flags < 4; flags++)
        for (guint k = 0; k < G_N_ELEMENTS (key_lens); k++)
          for (guint o = 0; o < G_N_ELEMENTS (op_lens); o++)
            {
              GorbMessageHeader h = make_header (type, (GorbByteOrder) order);
              g_autoptr (GBytes) bytes = NULL;
              g_autoptr (GError) error = NULL;
              GorbMessageHeader back;

              h.encoding = (flags & 1) ? GORB_ENCODING_XML : GORB_ENCODING_CDR;
              h.response_expected = (flags & 2) != 0;
              h.request_id = G_MAXUINT64 - n;
              h.client_epoch = G_MAXUINT32 - n;
              h.timeout_ms = n++;
              if (type == GORB_MESSAGE_REQUEST || type == GORB_MESSAGE_LOCATE_REQUEST)
                {
                  h.object_key = key;
                  h.object_key_len = key_lens[k];
                  memset (op, 'a' + (int) (o % 26), op_lens[o]);
                  op[op_lens[o]] = '\0';
                  h.operation = type == GORB_MESSAGE_REQUEST ? op : "";
                }
              else if (type == GORB_MESSAGE_REPLY)
                h.status = n % 4;
              else if (type == GORB_MESSAGE_LOCATE_REPLY)
                h.status = n % 3;
              bytes = gorb_wire_encode_header (&h);
              CU_ASSERT_TRUE_FATAL (gorb_wire_read_header (
                  g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &back, &error));
              GORB_ASSERT_NO_ERROR (error);
              assert_same_header (&back, &h);
            }
}

static void
test_minor_version_accepted (void)
{
  g_autoptr (GBytes) bytes
      = cdr_test_hex (FIXED_BE ("04", "00") "00000003 010203 00 00000005 70696e6700");
  g_autoptr (GError) error = NULL;
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GorbMessageHeader h;

  data[5] = 7; /* version 1.7 */
  CU_ASSERT_TRUE (gorb_wire_read_header (data, g_bytes_get_size (bytes), &h, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (h.version_major, 1);
  CU_ASSERT_EQUAL (h.version_minor, 7);
  CU_ASSERT_STRING_EQUAL (h.operation, "ping");
  g_free (data);
}

static void
test_type_names (void)
{
  CU_ASSERT_STRING_EQUAL (gorb_message_type_to_string (GORB_MESSAGE_REQUEST), "request");
  CU_ASSERT_STRING_EQUAL (gorb_message_type_to_string (GORB_MESSAGE_LOCATE_REPLY), "locate-reply");
  CU_ASSERT_STRING_EQUAL (gorb_message_type_to_string ((GorbMessageType) 6), "unknown");
  /* clang-format must not space the dashes of G_DEFINE_QUARK's name */
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_WIRE_ERROR), "gorb-wire-error-quark");
}

/* Bad input */

#define REQUEST_BE FIXED_BE ("04", "00") "00000003 010203 00 00000005 70696e6700"

/* The request vector with @n bytes at @offset replaced by @hex */
static GBytes *
patched (const char *base_hex, gsize offset, const char *hex)
{
  g_autoptr (GBytes) base = cdr_test_hex (base_hex);
  g_autoptr (GBytes) patch = cdr_test_hex (hex);
  GByteArray *out = g_byte_array_new ();
  gsize n = g_bytes_get_size (patch);

  g_byte_array_append (out, g_bytes_get_data (base, NULL), g_bytes_get_size (base));
  if (offset + n > out->len)
    g_byte_array_set_size (out, (guint) (offset + n));
  memcpy (out->data + offset, g_bytes_get_data (patch, NULL), n);
  return g_byte_array_free_to_bytes (out);
}

static void
test_every_truncation_fails (void)
{
  const char *bases[]
      = { REQUEST_BE, FIXED_LE ("05", "00") "03000000 010203 00 05000000 70696e6700",
          FIXED_BE ("00", "01") "00000002",
          FIXED_LE ("05", "04") "03000000 010203 00 01000000 00" };

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      g_autoptr (GBytes) full = cdr_test_hex (bases[b]);
      gsize len = g_bytes_get_size (full);

      for (gsize n = 0; n < len; n++)
        {
          g_autoptr (GBytes) cut = g_bytes_new_from_bytes (full, 0, n);
          assert_read_fails (cut, GORB_WIRE_ERROR_MALFORMED, "header truncated");
        }
    }
}

static void
test_truncation_messages (void)
{
  g_autoptr (GBytes) full = cdr_test_hex (REQUEST_BE);
  static const struct
  {
    gsize len;
    const char *message;
  } cases[] = {
    { 0, "header truncated: magic at offset 0 needs 4 bytes, 0 left" },
    { 3, "header truncated: magic at offset 0 needs 4 bytes, 3 left" },
    { 5, "header truncated: version at offset 4 needs 2 bytes, 1 left" },
    { 12, "header truncated: request id at offset 8 needs 8 bytes, 4 left" },
    { 39, "header truncated: timeout at offset 36 needs 4 bytes, 3 left" },
    { 40, "header truncated: object key length at offset 40 needs 4 bytes, 0 left" },
    { 46, "header truncated: object key at offset 44 needs 3 bytes, 2 left" },
    { 47, "header truncated: operation length at offset 48 needs 4 bytes, 0 left" },
    { 51, "header truncated: operation length at offset 48 needs 4 bytes, 3 left" },
    { 56, "header truncated: operation at offset 52 needs 5 bytes, 4 left" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (full, 0, cases[i].len);
      assert_read_fails (cut, GORB_WIRE_ERROR_MALFORMED, cases[i].message);
    }
}

static void
test_bad_fixed_part (void)
{
  static const struct
  {
    gsize offset;
    const char *patch;
    GorbWireError code;
    const char *message;
  } cases[] = {
    { 0, "474f5258", GORB_WIRE_ERROR_BAD_MAGIC, "bad magic 'GORX' at offset 0" },
    { 0, "004f0a42", GORB_WIRE_ERROR_BAD_MAGIC, "bad magic '\\x00O\\x0aB' at offset 0" },
    { 0, "47494f50", GORB_WIRE_ERROR_BAD_MAGIC, "bad magic 'GIOP' at offset 0" },
    { 4, "0200", GORB_WIRE_ERROR_BAD_VERSION, "unsupported protocol version 2.0 at offset 4" },
    { 4, "0009", GORB_WIRE_ERROR_BAD_VERSION, "unsupported protocol version 0.9 at offset 4" },
    { 6, "0c", GORB_WIRE_ERROR_BAD_TYPE, "unknown flags 0x08 at offset 6" },
    { 6, "84", GORB_WIRE_ERROR_BAD_TYPE, "unknown flags 0x80 at offset 6" },
    { 7, "06", GORB_WIRE_ERROR_BAD_TYPE, "unknown message type 6 at offset 7" },
    { 7, "ff", GORB_WIRE_ERROR_BAD_TYPE, "unknown message type 255 at offset 7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = patched (REQUEST_BE, cases[i].offset, cases[i].patch);
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (bytes, 0, 8); /* the fixed part is cut */

      assert_read_fails (bytes, cases[i].code, cases[i].message);
      assert_read_fails (cut, cases[i].code, cases[i].message); /* found before the truncation */
    }
  {
    g_autoptr (GBytes) two = cdr_test_hex ("4758");
    assert_read_fails (two, GORB_WIRE_ERROR_BAD_MAGIC, "bad magic 'GX' at offset 0");
  }
}

static void
test_bad_tails (void)
{
  static const struct
  {
    const char *base;
    gsize offset;
    const char *patch;
    const char *message;
  } cases[] = {
    { REQUEST_BE, 40, "00000101", "object key of 257 bytes at offset 40 exceeds the limit of 256" },
    { REQUEST_BE, 40, "ffffffff", "object key of 4294967295 bytes at offset 40 exceeds" },
    { REQUEST_BE, 40, "00000100", "header truncated: object key at offset 44 needs 256 bytes" },
    { REQUEST_BE, 48, "00000000", "operation length 0 at offset 48 leaves no room for the NUL" },
    { REQUEST_BE, 48, "00000402", "operation of 1025 characters at offset 48 exceeds the limit" },
    { REQUEST_BE, 48, "ffffffff", "operation of 4294967294 characters at offset 48 exceeds" },
    { REQUEST_BE, 48, "00000006", "header truncated: operation at offset 52 needs 6 bytes" },
    { REQUEST_BE, 52, "70696e6767", "operation at offset 52 does not end with a NUL" },
    { REQUEST_BE, 52, "7000", "operation at offset 52 has a NUL at offset 53" },
    { REQUEST_BE, 57, "00", "1 trailing bytes after the header at offset 57" },
    { FIXED_BE ("00", "04") "00000000 00000002 6100", 0, "474f5242",
      "locate request with an operation of 1 characters at offset 48: it must be empty" },
    { FIXED_BE ("00", "01") "00000004", 0, "474f5242", "unknown reply status 4 at offset 40" },
    { FIXED_BE ("00", "05") "00000003", 0, "474f5242", "unknown locate status 3 at offset 40" },
    { FIXED_BE ("00", "01") "00000000", 44, "00",
      "1 trailing bytes after the header at offset 44" },
    { FIXED_BE ("00", "02"), 40, "00000000", "4 trailing bytes after the header at offset 40" },
    { FIXED_BE ("00", "03"), 40, "00", "1 trailing bytes after the header at offset 40" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = patched (cases[i].base, cases[i].offset, cases[i].patch);
      assert_read_fails (bytes, GORB_WIRE_ERROR_MALFORMED, cases[i].message);
    }
}

static void
test_limits_accepted (void)
{
  GorbMessageHeader h = make_header (GORB_MESSAGE_REQUEST, GORB_BYTE_ORDER_LITTLE);
  guint8 key[GORB_WIRE_MAX_KEY_SIZE] = { 0 };
  char op[GORB_WIRE_MAX_OPERATION_SIZE + 1];
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  GorbMessageHeader back;

  memset (op, 'x', GORB_WIRE_MAX_OPERATION_SIZE);
  op[GORB_WIRE_MAX_OPERATION_SIZE] = '\0';
  h.object_key = key;
  h.object_key_len = sizeof key;
  h.operation = op;
  bytes = gorb_wire_encode_header (&h);
  CU_ASSERT_EQUAL (g_bytes_get_size (bytes), 40 + 4 + 256 + 4 + 1025);
  CU_ASSERT_TRUE (gorb_wire_read_header (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &back, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (strlen (back.operation), GORB_WIRE_MAX_OPERATION_SIZE);
}

static void
test_peek (void)
{
  g_autoptr (GBytes) full = cdr_test_hex (REQUEST_BE);
  const guint8 *data = g_bytes_get_data (full, NULL);
  gsize len = g_bytes_get_size (full);
  GorbMessageType type = 99;
  guint64 id = 0;

  /* any tail, even none, as long as the fixed part is there */
  for (gsize n = GORB_WIRE_FIXED_HEADER_SIZE; n <= len + 3; n++)
    {
      g_autofree guint8 *copy = g_malloc0 (n);
      memcpy (copy, data, MIN (n, len));
      id = 0;
      type = 99;
      CU_ASSERT_TRUE (gorb_wire_peek_request_id (copy, n, &id, &type));
      CU_ASSERT_EQUAL (id, G_GUINT64_CONSTANT (0x0102030405060708));
      CU_ASSERT_EQUAL (type, GORB_MESSAGE_REQUEST);
    }
  for (gsize n = 0; n < GORB_WIRE_FIXED_HEADER_SIZE; n++)
    CU_ASSERT_FALSE (gorb_wire_peek_request_id (data, n, &id, &type));

  {
    /* a broken tail and unknown flags: still readable, in the right order */
    g_autoptr (GBytes) broken = patched (FIXED_LE ("0d", "04") "ffffffff", 0, "474f5242");
    CU_ASSERT_TRUE (gorb_wire_peek_request_id (g_bytes_get_data (broken, NULL),
                                               g_bytes_get_size (broken), &id, &type));
    CU_ASSERT_EQUAL (id, G_GUINT64_CONSTANT (0x0102030405060708));
    CU_ASSERT_EQUAL (type, GORB_MESSAGE_LOCATE_REQUEST);
    CU_ASSERT_TRUE (gorb_wire_peek_request_id (g_bytes_get_data (broken, NULL),
                                               g_bytes_get_size (broken), NULL, NULL));
  }
  {
    static const struct
    {
      gsize offset;
      const char *patch;
    } refused[] = { { 0, "474f5258" }, { 4, "02" }, { 4, "00" }, { 7, "06" } };
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr (GBytes) bad = patched (REQUEST_BE, refused[i].offset, refused[i].patch);
        id = 7;
        type = 99;
        CU_ASSERT_FALSE (gorb_wire_peek_request_id (g_bytes_get_data (bad, NULL),
                                                    g_bytes_get_size (bad), &id, &type));
        CU_ASSERT_EQUAL (id, 7);
        CU_ASSERT_EQUAL (type, 99);
      }
  }
}

static void
test_errors_are_optional (void)
{
  g_autoptr (GBytes) bytes = patched (REQUEST_BE, 52, "7000");
  GorbMessageHeader h;

  CU_ASSERT_FALSE (
      gorb_wire_read_header (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &h, NULL));
  CU_ASSERT_FALSE (gorb_wire_read_header (NULL, 0, &h, NULL));
}

static CU_TestInfo vector_tests[] = {
  { "every type, both orders, encodes to the bytes by hand", test_vectors_encode },
  { "the bytes by hand decode, borrowing key and operation", test_vectors_decode },
  { "the docs/protocol.md example header", test_protocol_doc_example },
  { "a header after 8-aligned content", test_write_after_other_frames_content },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo round_trip_tests[] = {
  { "types, orders, flags, key and operation sizes", test_round_trips },
  { "a key and an operation at their limits", test_limits_accepted },
  { "minor version 1.7 is accepted", test_minor_version_accepted },
  { "message type and error domain names", test_type_names },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo bad_tests[] = {
  { "every truncation of a header fails", test_every_truncation_fails },
  { "truncations name the field and its offset", test_truncation_messages },
  { "bad magic, version, flags, type", test_bad_fixed_part },
  { "bad key, operation, status, trailing bytes", test_bad_tails },
  { "peek reads the id of a broken request", test_peek },
  { "errors are optional", test_errors_are_optional },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "wire/vectors", NULL, NULL, NULL, NULL, vector_tests },
  { "wire/round-trips", NULL, NULL, NULL, NULL, round_trip_tests },
  { "wire/bad-input", NULL, NULL, NULL, NULL, bad_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
