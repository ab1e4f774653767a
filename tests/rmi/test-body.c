/* tests/rmi/test-body.c - request and reply bodies: exact CDR bytes and XML
 * documents, round trips of every operation, and bad input */
#include "body-test-util.h"

#include <string.h>

typedef struct
{
  GorbEncoding encoding;
  GorbByteOrder order;
  const char *name;
} Codec;

static const Codec codecs[] = {
  { GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG, "CDR big endian" },
  { GORB_ENCODING_CDR, GORB_BYTE_ORDER_LITTLE, "CDR little endian" },
  { GORB_ENCODING_XML, GORB_BYTE_ORDER_NATIVE, "XML" },
};

static const GorbOperationDesc *const add_person = &test_person_list_ops[OP_ADD_PERSON];
static const GorbOperationDesc *const get_person = &test_person_list_ops[OP_GET_PERSON];
static const GorbOperationDesc *const swap = &test_person_list_ops[OP_SWAP];

static gboolean
is_filled (gconstpointer p, gsize n, guint8 byte)
{
  for (gsize i = 0; i < n; i++)
    if (((const guint8 *) p)[i] != byte)
      return FALSE;
  return TRUE;
}

static void
person_set (TestPerson *p, const char *name, const char *place, gint32 year)
{
  p->name = g_strdup (name);
  p->place = g_strdup (place);
  p->year = year;
}

/* A value of each type the operations use */
static void
sample_fill (const GorbTypeDesc *type, gpointer value)
{
  if (type == &gorb_type_string)
    *(char **) value = g_strdup ("Smith & <Jones>");
  else if (type == &gorb_type_long)
    *(gint32 *) value = -7;
  else if (type == &test_person_desc)
    person_set (value, "Smith", "London", 1934);
  else if (type == &test_person_seq_desc)
    test_person_seq_fill (value, 3);
  else if (type == &test_shape_desc)
    {
      TestShape *s = value;
      s->_d = 3;
      s->_u.label = g_strdup ("square");
    }
  else
    CU_FAIL_FATAL ("no sample for this type");
}

/* Storage for each parameter of @op, zeroed */
static gpointer *
args_new (const GorbOperationDesc *op)
{
  gpointer *args = g_new0 (gpointer, TEST_MAX_PARAMS);

  for (guint i = 0; i < op->n_params; i++)
    args[i] = g_malloc0 (op->params[i].type->size);
  return args;
}

static void
args_free (const GorbOperationDesc *op, gpointer *args)
{
  for (guint i = 0; i < op->n_params; i++)
    {
      gorb_value_clear (op->params[i].type, args[i]);
      g_free (args[i]);
    }
  g_free (args);
}

/* Exact bytes and documents */

static void
assert_hex (GBytes *body, const char *hex, const char *what)
{
  g_autoptr (GBytes) expected = cdr_test_hex (hex);

  cdr_test_assert_bytes (body, expected, what);
}

static void
assert_text (GBytes *body, const char *expected)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (body);
  const char *text = g_bytes_get_data (body, NULL);
  if (strcmp (text, expected) != 0)
    g_printerr ("\n  got:\n%s\n  expected:\n%s\n", text, expected);
  CU_ASSERT_STRING_EQUAL (text, expected);
  CU_ASSERT_EQUAL (g_bytes_get_size (body), strlen (expected));
}

/* Person {"Smith", "London", 1934} from offset 0: name (length 6, 5
 * bytes and a NUL, ends at 10), 2 bytes of padding, place (length 7, ends
 * at 23), 1 byte of padding, year at 24. */
static const char *const smith_hex[] = {
  [GORB_BYTE_ORDER_BIG] = "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e",
  [GORB_BYTE_ORDER_LITTLE] = "06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000",
};

static void
test_add_person_cdr_is_exact (void)
{
  TestPerson p = { "Smith", "London", 1934 };
  gpointer args[] = { &p };

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) request
          = gorb_body_encode_request (add_person, args, GORB_ENCODING_CDR, order, &error);
      g_autoptr (GBytes) reply
          = gorb_body_encode_reply (add_person, NULL, args, GORB_ENCODING_CDR, order, &error);
      TestPerson back;
      gpointer back_args[] = { &back };

      GORB_ASSERT_NO_ERROR (error);
      assert_hex (request, smith_hex[order], "addPerson request");
      CU_ASSERT_PTR_NOT_NULL_FATAL (reply);
      CU_ASSERT_EQUAL (g_bytes_get_size (reply), 0); /* void, no out parameters */
      CU_ASSERT_TRUE (gorb_body_decode_request (add_person, request, GORB_ENCODING_CDR, order,
                                                back_args, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &p, &back));
      gorb_value_clear (&test_person_desc, &back);
      CU_ASSERT_TRUE (
          gorb_body_decode_reply (add_person, reply, GORB_ENCODING_CDR, order, NULL, NULL, &error));
      GORB_ASSERT_NO_ERROR (error);
    }
}

static void
test_get_person_cdr_is_exact (void)
{
  static const char *const request_hex[] = {
    [GORB_BYTE_ORDER_BIG] = "00000006 536d69746800",
    [GORB_BYTE_ORDER_LITTLE] = "06000000 536d69746800",
  };
  /* the out Person alone: "Jones" ends at 10, pad 2, "Paris" ends at 22, pad 2 */
  static const char *const reply_hex[] = {
    [GORB_BYTE_ORDER_BIG] = "00000006 4a6f6e657300 0000 00000006 506172697300 0000 000007a8",
    [GORB_BYTE_ORDER_LITTLE] = "06000000 4a6f6e657300 0000 06000000 506172697300 0000 a8070000",
  };
  char *name = "Smith";
  TestPerson p = { "Jones", "Paris", 1960 };
  gpointer args[] = { &name, &p };

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) request
          = gorb_body_encode_request (get_person, args, GORB_ENCODING_CDR, order, &error);
      g_autoptr (GBytes) reply
          = gorb_body_encode_reply (get_person, NULL, args, GORB_ENCODING_CDR, order, &error);

      GORB_ASSERT_NO_ERROR (error);
      assert_hex (request, request_hex[order], "getPerson request");
      assert_hex (reply, reply_hex[order], "getPerson reply");
    }
}

/* swap's reply: the result, then the inout a, then the out all; the
 * double of the result is aligned to 8 from the body's first byte. */
static const char *const swap_reply_hex[] = {
  [GORB_BYTE_ORDER_BIG] = "00000009 00000000 3ff8000000000000" /* Shape: _d 9, other 1.5 */
                          "00000003 426f00 00 00000005 526f6d6500 000000 000007d0" /* a */
                          "00000001"                                               /* all */
                          "00000003 437900 00 00000005 4f736c6f00 000000 000007cf",
  [GORB_BYTE_ORDER_LITTLE] = "09000000 00000000 000000000000f83f"
                             "03000000 426f00 00 05000000 526f6d6500 000000 d0070000"
                             "01000000"
                             "03000000 437900 00 05000000 4f736c6f00 000000 cf070000",
};

/* The values swap_reply_hex holds; clear them with swap_values_clear() */
static void
swap_reply_values (TestShape *result, TestPerson *a, TestPersonSeq *all)
{
  result->_d = 9;
  result->_u.other = 1.5;
  person_set (a, "Bo", "Rome", 2000);
  all->len = 1;
  all->data = g_new0 (TestPerson, 1);
  person_set (&all->data[0], "Cy", "Oslo", 1999);
}

static void
swap_values_clear (TestShape *result, TestPerson *a, TestPersonSeq *all)
{
  gorb_value_clear (&test_shape_desc, result);
  gorb_value_clear (&test_person_desc, a);
  gorb_value_clear (&test_person_seq_desc, all);
}

static void
test_swap_cdr_is_exact (void)
{
  static const char *const request_hex[] = {
    [GORB_BYTE_ORDER_BIG] = "00000006 536d69746800 0000 00000007 4c6f6e646f6e00 00 0000078e"
                            "00000007",
    [GORB_BYTE_ORDER_LITTLE] = "06000000 536d69746800 0000 07000000 4c6f6e646f6e00 00 8e070000"
                               "07000000",
  };
  TestPerson a = { "Smith", "London", 1934 };
  gint32 k = 7;
  TestPersonSeq all = { NULL, 0 };
  gpointer args[] = { &a, &k, &all };

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) request
          = gorb_body_encode_request (swap, args, GORB_ENCODING_CDR, order, &error);
      TestShape result = { 0 }, result_back;
      TestPerson a_out = { 0 }, a_back;
      TestPersonSeq all_out = { 0 }, all_back;
      gint32 k_back = 0;
      gpointer out_args[] = { &a_out, &k, &all_out };
      gpointer back_args[] = { &a_back, &k_back, &all_back };

      GORB_ASSERT_NO_ERROR (error);
      assert_hex (request, request_hex[order], "swap request");

      swap_reply_values (&result, &a_out, &all_out);
      g_autoptr (GBytes) reply
          = gorb_body_encode_reply (swap, &result, out_args, GORB_ENCODING_CDR, order, &error);
      GORB_ASSERT_NO_ERROR (error);
      assert_hex (reply, swap_reply_hex[order], "swap reply");

      CU_ASSERT_TRUE (gorb_body_decode_reply (swap, reply, GORB_ENCODING_CDR, order, &result_back,
                                              back_args, &error));
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_TRUE (gorb_value_equal (&test_shape_desc, &result, &result_back));
      CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &a_out, &a_back));
      CU_ASSERT_TRUE (gorb_value_equal (&test_person_seq_desc, &all_out, &all_back));
      CU_ASSERT_EQUAL (k_back, 0); /* an in parameter: left alone */
      swap_values_clear (&result, &a_out, &all_out);
      swap_values_clear (&result_back, &a_back, &all_back);
    }
}

static void
test_request_document_is_exact (void)
{
  TestPerson p = { "Smith", "London", 1934 };
  gpointer args[] = { &p };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc
      = gorb_body_encode_request (add_person, args, GORB_ENCODING_XML, 0, &error);
  g_autoptr (GBytes) empty = gorb_body_encode_request (&test_person_list_ops[OP_NUMBER], NULL,
                                                       GORB_ENCODING_XML, 0, &error);

  GORB_ASSERT_NO_ERROR (error);
  assert_text (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<request operation=\"addPerson\">\n"
                    "  <p>\n"
                    "    <name>Smith</name>\n"
                    "    <place>London</place>\n"
                    "    <year>1934</year>\n"
                    "  </p>\n"
                    "</request>\n");
  assert_text (empty, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<request operation=\"number\"/>\n");
}

static void
test_reply_document_is_exact (void)
{
  TestShape result = { 0 };
  TestPerson a = { 0 };
  TestPersonSeq all = { 0 };
  gint32 k = 7;
  gpointer args[] = { &a, &k, &all };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc = NULL;

  swap_reply_values (&result, &a, &all);
  doc = gorb_body_encode_reply (swap, &result, args, GORB_ENCODING_XML, 0, &error);
  GORB_ASSERT_NO_ERROR (error);
  assert_text (doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<reply operation=\"swap\">\n"
                    "  <_return>\n"
                    "    <_d>9</_d>\n"
                    "    <other>1.5</other>\n"
                    "  </_return>\n"
                    "  <a>\n"
                    "    <name>Bo</name>\n"
                    "    <place>Rome</place>\n"
                    "    <year>2000</year>\n"
                    "  </a>\n"
                    "  <all>\n"
                    "    <item>\n"
                    "      <name>Cy</name>\n"
                    "      <place>Oslo</place>\n"
                    "      <year>1999</year>\n"
                    "    </item>\n"
                    "  </all>\n"
                    "</reply>\n");
  swap_values_clear (&result, &a, &all);
}

/* Round trips */

static void
round_trip_request (const GorbOperationDesc *op, const Codec *codec)
{
  gpointer *src = args_new (op), *dst = args_new (op);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  for (guint i = 0; i < op->n_params; i++)
    if (op->params[i].direction != GORB_PARAM_OUT)
      sample_fill (op->params[i].type, src[i]);
    else
      memset (dst[i], 0xa5, op->params[i].type->size); /* must be left alone */
  body = gorb_body_encode_request (op, src, codec->encoding, codec->order, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_body_decode_request (op, body, codec->encoding, codec->order, dst, &error));
  GORB_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < op->n_params; i++)
    {
      const GorbParamDesc *p = &op->params[i];
      if (p->direction != GORB_PARAM_OUT)
        {
          CU_ASSERT_TRUE (gorb_value_equal (p->type, src[i], dst[i]));
        }
      else
        {
          CU_ASSERT_TRUE (is_filled (dst[i], p->type->size, 0xa5));
          memset (dst[i], 0, p->type->size);
        }
    }
  args_free (op, src);
  args_free (op, dst);
}

static void
round_trip_reply (const GorbOperationDesc *op, const Codec *codec)
{
  gpointer *src = args_new (op), *dst = args_new (op);
  g_autofree gpointer result = op->result != NULL ? g_malloc0 (op->result->size) : NULL;
  g_autofree gpointer result_back = op->result != NULL ? g_malloc0 (op->result->size) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  if (result != NULL)
    sample_fill (op->result, result);
  for (guint i = 0; i < op->n_params; i++)
    if (op->params[i].direction != GORB_PARAM_IN)
      sample_fill (op->params[i].type, src[i]);
    else
      memset (dst[i], 0xa5, op->params[i].type->size);
  body = gorb_body_encode_reply (op, result, src, codec->encoding, codec->order, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (
      gorb_body_decode_reply (op, body, codec->encoding, codec->order, result_back, dst, &error));
  GORB_ASSERT_NO_ERROR (error);
  if (result != NULL)
    {
      CU_ASSERT_TRUE (gorb_value_equal (op->result, result, result_back));
      gorb_value_clear (op->result, result);
      gorb_value_clear (op->result, result_back);
    }
  for (guint i = 0; i < op->n_params; i++)
    {
      const GorbParamDesc *p = &op->params[i];
      if (p->direction != GORB_PARAM_IN)
        {
          CU_ASSERT_TRUE (gorb_value_equal (p->type, src[i], dst[i]));
        }
      else
        {
          CU_ASSERT_TRUE (is_filled (dst[i], p->type->size, 0xa5));
          memset (dst[i], 0, p->type->size);
        }
    }
  args_free (op, src);
  args_free (op, dst);
}

static void
test_every_operation_round_trips (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    for (guint i = 0; i < N_OPS; i++)
      {
        const GorbOperationDesc *op = &test_person_list_ops[i];
        g_autoptr (GError) error = NULL;

        CU_ASSERT_TRUE (gorb_operation_desc_validate (op, &error));
        GORB_ASSERT_NO_ERROR (error);
        round_trip_request (op, &codecs[c]);
        round_trip_reply (op, &codecs[c]); /* a oneway one's is empty */
      }
}

static void
test_operations_are_found_by_name (void)
{
  for (guint i = 0; i < N_OPS; i++)
    CU_ASSERT_PTR_EQUAL (
        gorb_interface_find_operation (&test_person_list_iface, test_person_list_ops[i].name),
        &test_person_list_ops[i]);
  CU_ASSERT_TRUE (gorb_interface_is_a (&test_person_list_iface, "IDL:Test/PersonList:1.0"));
}

/* Values that cannot be encoded */

static void
test_encode_errors_name_the_parameter (void)
{
  TestPerson p = { NULL, "London", 1934 };
  gpointer args[] = { &p };
  TestShape result = { 2, { 0 } }; /* label, NULL */
  TestPerson a = { "Bo", "Rome", 2000 };
  TestPersonSeq all = { NULL, 0 };
  gint32 k = 0;
  gpointer swap_args[] = { &a, &k, &all };

  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) error2 = NULL;
      GBytes *body = gorb_body_encode_request (add_person, args, codecs[c].encoding,
                                               codecs[c].order, &error);

      CU_ASSERT_PTR_NULL (body);
      cdr_test_assert_error (error, GORB_MARSHAL_ERROR_INVALID_VALUE, "'addPerson.p.name'", NULL);
      body = gorb_body_encode_reply (swap, &result, swap_args, codecs[c].encoding, codecs[c].order,
                                     &error2);
      CU_ASSERT_PTR_NULL (body);
      cdr_test_assert_error (error2, GORB_MARSHAL_ERROR_INVALID_VALUE, "'swap._return.label'",
                             NULL);
    }
}

/* Bad CDR */

static void
assert_swap_outputs_cleared (const TestShape *result, const TestPerson *a, const TestPersonSeq *all)
{
  CU_ASSERT_TRUE (is_filled (result, sizeof *result, 0));
  CU_ASSERT_TRUE (is_filled (a, sizeof *a, 0));
  CU_ASSERT_TRUE (is_filled (all, sizeof *all, 0));
}

static void
test_truncated_swap_replies_fail_cleanly (void)
{
  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GBytes) full = cdr_test_hex (swap_reply_hex[order]);
      gsize n = g_bytes_get_size (full);

      CU_ASSERT_EQUAL (n, 68);
      for (gsize len = 0; len < n; len++)
        {
          g_autoptr (GBytes) cut = g_bytes_new_from_bytes (full, 0, len);
          g_autoptr (GError) error = NULL;
          TestShape result;
          TestPerson a;
          TestPersonSeq all;
          gint32 k = 42;
          gpointer args[] = { &a, &k, &all };

          memset (&result, 0xa5, sizeof result); /* storage never read */
          memset (&a, 0xa5, sizeof a);
          memset (&all, 0xa5, sizeof all);
          CU_ASSERT_FALSE (
              gorb_body_decode_reply (swap, cut, GORB_ENCODING_CDR, order, &result, args, &error));
          CU_ASSERT_PTR_NOT_NULL_FATAL (error);
          CU_ASSERT_EQUAL (error->domain, GORB_MARSHAL_ERROR);
          CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "'swap"));
          assert_swap_outputs_cleared (&result, &a, &all);
          CU_ASSERT_EQUAL (k, 42);
        }
    }
}

static void
test_decode_errors_name_the_parameter (void)
{
  g_autoptr (GBytes) full = cdr_test_hex (smith_hex[GORB_BYTE_ORDER_BIG]);
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (full, 0, 20); /* inside "London" */
  g_autoptr (GBytes) reply = cdr_test_hex (swap_reply_hex[GORB_BYTE_ORDER_LITTLE]);
  g_autoptr (GBytes) cut_reply = g_bytes_new_from_bytes (reply, 0, 12); /* inside the double */
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  TestPerson p;
  TestShape result;
  TestPerson a;
  TestPersonSeq all;
  gpointer args[] = { &p };
  gpointer swap_args[] = { &a, NULL, &all };

  CU_ASSERT_FALSE (gorb_body_decode_request (add_person, cut, GORB_ENCODING_CDR,
                                             GORB_BYTE_ORDER_BIG, args, &error));
  cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 12",
                         "in 'addPerson.p.place'", NULL);
  CU_ASSERT_FALSE (gorb_body_decode_reply (swap, cut_reply, GORB_ENCODING_CDR,
                                           GORB_BYTE_ORDER_LITTLE, &result, swap_args, &error2));
  cdr_test_assert_error (error2, GORB_MARSHAL_ERROR_TRUNCATED, "at offset 8",
                         "in 'swap._return.other'", NULL);
}

static void
test_trailing_bytes_are_refused (void)
{
  g_autoptr (GBytes) request = cdr_test_hex ("00000006 536d69746800 00"); /* getPerson */
  g_autoptr (GBytes) number = cdr_test_hex ("00");
  g_autofree char *reply_hex = g_strconcat (swap_reply_hex[GORB_BYTE_ORDER_BIG], "00000000", NULL);
  g_autoptr (GBytes) reply = cdr_test_hex (reply_hex);
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  char *name = (char *) "untouched";
  gpointer args[] = { &name, NULL };
  TestShape result;
  TestPerson a;
  TestPersonSeq all;
  gpointer swap_args[] = { &a, NULL, &all };
  gint32 count = 5;

  CU_ASSERT_FALSE (gorb_body_decode_request (get_person, request, GORB_ENCODING_CDR,
                                             GORB_BYTE_ORDER_BIG, args, &e1));
  cdr_test_assert_error (e1, GORB_MARSHAL_ERROR_TRAILING, "1 byte left over", "at offset 10",
                         "in 'getPerson'", NULL);
  CU_ASSERT_PTR_NULL (name); /* decoded, then freed again */
  CU_ASSERT_FALSE (gorb_body_decode_request (&test_person_list_ops[OP_NUMBER], number,
                                             GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG, NULL, &e2));
  cdr_test_assert_error (e2, GORB_MARSHAL_ERROR_TRAILING, "at offset 0", "in 'number'", NULL);
  CU_ASSERT_FALSE (gorb_body_decode_reply (swap, reply, GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG,
                                           &result, swap_args, &e3));
  cdr_test_assert_error (e3, GORB_MARSHAL_ERROR_TRAILING, "4 bytes left over", "at offset 68",
                         "in 'swap'", NULL);
  assert_swap_outputs_cleared (&result, &a, &all);
  CU_ASSERT_FALSE (gorb_body_decode_reply (&test_person_list_ops[OP_NUMBER], request,
                                           GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG, &count, NULL,
                                           &e4));
  cdr_test_assert_error (e4, GORB_MARSHAL_ERROR_TRAILING, "7 bytes left over", NULL);
  CU_ASSERT_EQUAL (count, 0);
}

/* Bad XML */

#define XML_DECL "<?xml version=\"1.0\"?>\n"
#define SMITH_XML "<p><name>Smith</name><place>London</place><year>1934</year></p>"

static void
assert_bad_request (const GorbOperationDesc *op, const char *doc, GorbMarshalError code,
                    const char *needle)
{
  g_autoptr (GBytes) body = g_bytes_new_static (doc, strlen (doc));
  g_autoptr (GError) error = NULL;
  gpointer *args = args_new (op);

  for (guint i = 0; i < op->n_params; i++)
    if (op->params[i].direction != GORB_PARAM_OUT)
      memset (args[i], 0xa5, op->params[i].type->size);
  CU_ASSERT_FALSE (gorb_body_decode_request (op, body, GORB_ENCODING_XML, 0, args, &error));
  cdr_test_assert_error (error, code, needle, NULL);
  for (guint i = 0; i < op->n_params; i++)
    CU_ASSERT_TRUE (is_filled (args[i], op->params[i].type->size, 0));
  args_free (op, args);
}

static void
test_bad_request_documents_are_refused (void)
{
  const GorbOperationDesc *number = &test_person_list_ops[OP_NUMBER];

  assert_bad_request (add_person, "", GORB_MARSHAL_ERROR_BAD_XML, "empty document");
  assert_bad_request (add_person, "not XML at all", GORB_MARSHAL_ERROR_BAD_XML, "malformed XML");
  assert_bad_request (add_person, XML_DECL "<reply operation=\"addPerson\">" SMITH_XML "</reply>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "expected root element 'request' but found 'reply' at line 2 in 'addPerson'");
  assert_bad_request (add_person, "<request operation=\"getPerson\">" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "request for operation 'getPerson' where one for 'addPerson' was expected");
  assert_bad_request (add_person, "<request>" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "element 'request' lacks its attribute 'operation'");
  assert_bad_request (add_person,
                      "<request operation=\"addPerson\" id=\"1\">" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected attribute 'id'");
  assert_bad_request (add_person, "<request xmlns=\"urn:x\" operation=\"addPerson\"/>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "in namespace 'urn:x'");
  assert_bad_request (add_person, "<request operation=\"addPerson\"/>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "expected element 'p' but found the end of 'request'");
  assert_bad_request (add_person, "<request operation=\"addPerson\">" SMITH_XML "<q/></request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT,
                      "unexpected element 'q' at the end of 'request'");
  assert_bad_request (add_person,
                      "<request operation=\"addPerson\"><person><name>Smith</name><place>London"
                      "</place><year>1934</year></person></request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "expected element 'p' but found 'person'");
  assert_bad_request (add_person, "<request operation=\"addPerson\">hello" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected text between elements");
  assert_bad_request (add_person,
                      "<request operation=\"addPerson\"><p><name>Smith</name><place>London"
                      "</place><year>MCMXXXIV</year></p></request>",
                      GORB_MARSHAL_ERROR_BAD_VALUE, "in 'addPerson.p.year'");
  assert_bad_request (add_person,
                      "<!DOCTYPE request [<!ENTITY x \"y\">]>"
                      "<request operation=\"addPerson\">" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_FORBIDDEN_XML, "document type declarations are refused");
  assert_bad_request (add_person,
                      "<!DOCTYPE request SYSTEM \"file:///etc/passwd\">"
                      "<request operation=\"addPerson\">" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_FORBIDDEN_XML, "document type declarations are refused");
  /* getPerson sends its in name, never its out p */
  assert_bad_request (get_person, "<request operation=\"getPerson\">" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "expected element 'name' but found 'p'");
  assert_bad_request (get_person,
                      "<request operation=\"getPerson\"><name>Smith</name>" SMITH_XML "</request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected element 'p'");
  assert_bad_request (number, "<request operation=\"number\"><_return>1</_return></request>",
                      GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected element '_return'");
  /* a fails after a was decoded: a is freed and zeroed again */
  assert_bad_request (swap,
                      "<request operation=\"swap\"><a><name>Bo</name><place>Rome</place><year>1"
                      "</year></a><k>seven</k></request>",
                      GORB_MARSHAL_ERROR_BAD_VALUE, "in 'swap.k'");
}

static void
test_bad_reply_documents_are_refused (void)
{
  static const char *const docs[] = {
    /* no result */
    "<reply operation=\"swap\"><a><name>Bo</name><place>Rome</place><year>1</year></a>"
    "<all/></reply>",
    /* result after a */
    "<reply operation=\"swap\"><a><name>Bo</name><place>Rome</place><year>1</year></a>"
    "<_return><_d>1</_d><radius>2</radius></_return><all/></reply>",
    /* a request */
    "<request operation=\"swap\"><_return><_d>1</_d><radius>2</radius></_return>"
    "<a><name>Bo</name><place>Rome</place><year>1</year></a><all/></request>",
    /* no all */
    "<reply operation=\"swap\"><_return><_d>1</_d><radius>2</radius></_return>"
    "<a><name>Bo</name><place>Rome</place><year>1</year></a></reply>",
    /* all is cut short inside its second item */
    "<reply operation=\"swap\"><_return><_d>2</_d><label>x</label></_return>"
    "<a><name>Bo</name><place>Rome</place><year>1</year></a>"
    "<all><item><name>A</name><place>B</place><year>1</year></item><item><name>C</name></item>"
    "</all></reply>",
  };
  static const char *const needles[] = {
    "expected element '_return' but found 'a' at line 1 in 'swap'",
    "expected element '_return' but found 'a'",
    "expected root element 'reply' but found 'request'",
    "expected element 'all' but found the end of 'reply'",
    "expected element 'place' but found the end of 'item' at line 1 in 'swap.all[1]'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (docs[i], strlen (docs[i]));
      g_autoptr (GError) error = NULL;
      TestShape result;
      TestPerson a;
      TestPersonSeq all;
      gpointer args[] = { &a, NULL, &all };

      memset (&result, 0xa5, sizeof result);
      memset (&a, 0xa5, sizeof a);
      memset (&all, 0xa5, sizeof all);
      CU_ASSERT_FALSE (
          gorb_body_decode_reply (swap, body, GORB_ENCODING_XML, 0, &result, args, &error));
      cdr_test_assert_error (error, GORB_MARSHAL_ERROR_BAD_ELEMENT, needles[i], NULL);
      assert_swap_outputs_cleared (&result, &a, &all);
    }
}

static void
test_comments_and_schema_hints_are_allowed (void)
{
  static const char doc[] = "<?xml version=\"1.0\"?>\n<!-- a call -->\n"
                            "<request operation=\"addPerson\" "
                            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                            "xsi:noNamespaceSchemaLocation=\"person-list.xsd\">\n"
                            "  <!-- the person --><?pi x?>\n" SMITH_XML "\n</request>\n";
  g_autoptr (GBytes) body = g_bytes_new_static (doc, strlen (doc));
  g_autoptr (GError) error = NULL;
  TestPerson p, expected = { "Smith", "London", 1934 };
  gpointer args[] = { &p };

  CU_ASSERT_TRUE (gorb_body_decode_request (add_person, body, GORB_ENCODING_XML, 0, args, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_value_equal (&test_person_desc, &p, &expected));
  gorb_value_clear (&test_person_desc, &p);
}

static CU_TestInfo exact_tests[] = {
  { "addPerson request and reply, CDR, both byte orders", test_add_person_cdr_is_exact },
  { "getPerson request and reply, CDR, both byte orders", test_get_person_cdr_is_exact },
  { "swap request and reply, CDR, both byte orders", test_swap_cdr_is_exact },
  { "request document is exact", test_request_document_is_exact },
  { "reply document is exact", test_reply_document_is_exact },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo round_trip_tests[] = {
  { "every operation round-trips in every encoding", test_every_operation_round_trips },
  { "operations are found by name", test_operations_are_found_by_name },
  { "comments and schema hints are allowed", test_comments_and_schema_hints_are_allowed },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo bad_tests[] = {
  { "encode errors name the parameter", test_encode_errors_name_the_parameter },
  { "truncated swap replies fail cleanly at every length",
    test_truncated_swap_replies_fail_cleanly },
  { "decode errors name the parameter", test_decode_errors_name_the_parameter },
  { "trailing bytes are refused", test_trailing_bytes_are_refused },
  { "bad request documents are refused", test_bad_request_documents_are_refused },
  { "bad reply documents are refused", test_bad_reply_documents_are_refused },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/body-exact", NULL, NULL, NULL, NULL, exact_tests },
  { "rmi/body-round-trip", NULL, NULL, NULL, NULL, round_trip_tests },
  { "rmi/body-bad", NULL, NULL, NULL, NULL, bad_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
