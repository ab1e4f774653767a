/* tests/marshal/test-objref.c - object references in values: the per-thread
 * hook stack, nil without hooks, the errors without hooks, hook errors, and
 * the ownership of GObject values
 *
 * Round trips through the stand-in hooks of gorb-test-objref.h; the ORB's
 * real hooks are tested end to end in tests/rmi/.
 */
#include "cdr-test-util.h"
#include "gorb-test-objref.h"

#include <string.h>

#define EXAMPLE_REF "gorb:IDL:A:1.0;key=010203;enc=xml;ep=tcp://h:1;ep=inproc://x"
/* EXAMPLE_REF in CDR, big endian (docs/protocol.md), then tag 1 */
#define EXAMPLE_HOLDER_HEX                                                                         \
  "0000000a 49444c3a413a312e3000 0000 00000003 010203 01 00000002"                                 \
  " 0000000a 7463703a2f2f683a3100 0000 0000000b 696e70726f633a2f2f7800 00 00000001"

static GError *
cdr_decode_fails (const char *hex, GorbMarshalError code)
{
  g_autoptr (GBytes) input = cdr_test_hex (hex);
  TestRefHolder back = { (GObject *) 0x1, -1 };
  GError *error = NULL;

  CU_ASSERT_FALSE (gorb_cdr_decode (&test_ref_holder_desc, g_bytes_get_data (input, NULL),
                                    g_bytes_get_size (input), GORB_BYTE_ORDER_BIG, &back, &error));
  CU_ASSERT_PTR_NULL (back.ref);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (error->domain == GORB_MARSHAL_ERROR)
    cdr_test_assert_error (error, code, NULL);
  return error;
}

static void
assert_message_has (const GError *error, const char *part)
{
  if (strstr (error->message, part) == NULL)
    g_printerr ("\n  '%s' not in: %s\n", part, error->message);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, part));
}

/* The hook stack */

static const GorbObjrefHooks *
hooks_of (TestObjrefs *objrefs)
{
  const GorbObjrefHooks *hooks;

  test_objrefs_push (objrefs);
  hooks = gorb_objref_hooks_get (NULL);
  test_objrefs_pop ();
  return hooks;
}

static gpointer
get_hooks_thread (gpointer data)
{
  return (gpointer) gorb_objref_hooks_get (NULL);
}

static void
test_hooks_nest_per_thread (void)
{
  g_autoptr (TestObjrefs) a = test_objrefs_new ();
  g_autoptr (TestObjrefs) b = test_objrefs_new ();
  const GorbObjrefHooks *hooks = hooks_of (a);
  gpointer data = &data;
  GThread *thread;

  CU_ASSERT_PTR_NULL (gorb_objref_hooks_get (&data));
  CU_ASSERT_PTR_NULL (data);
  test_objrefs_push (a);
  test_objrefs_push (b);
  CU_ASSERT_PTR_EQUAL (gorb_objref_hooks_get (&data), hooks);
  CU_ASSERT_PTR_EQUAL (data, b);
  /* another thread has a stack of its own */
  thread = g_thread_new ("objref-hooks", get_hooks_thread, NULL);
  CU_ASSERT_PTR_NULL (g_thread_join (thread));
  test_objrefs_pop ();
  CU_ASSERT_PTR_EQUAL (gorb_objref_hooks_get (&data), hooks);
  CU_ASSERT_PTR_EQUAL (data, a);
  test_objrefs_pop ();
  CU_ASSERT_PTR_NULL (gorb_objref_hooks_get (&data));
}

static void
test_nil_cdr_form (void)
{
  GorbCdrWriter w;
  g_autoptr (GBytes) expected = cdr_test_hex ("ff 000000 00000001 00 000000 00000000 00 000000"
                                              " 00000000");
  g_autoptr (GBytes) actual = NULL;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 0xff); /* the form is aligned like any value */
  gorb_objref_write_nil_cdr (&w);
  actual = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (actual, expected, "nil");
  /* the same bytes as the reference module's nil */
  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 0xff);
  gorb_ref_write_cdr (&w, NULL);
  g_autoptr (GBytes) from_ref = gorb_cdr_writer_steal_bytes (&w);
  cdr_test_assert_bytes (from_ref, expected, "gorb_ref_write_cdr (NULL)");
}

/* Without hooks */

static void
test_nil_needs_no_hooks (void)
{
  TestRefHolder nil = { NULL, 7 }, back = { NULL, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) cdr
      = gorb_cdr_encode (&test_ref_holder_desc, &nil, GORB_BYTE_ORDER_LITTLE, &error);
  g_autoptr (GBytes) xml = gorb_xml_encode (&test_ref_holder_desc, &nil, NULL, &error);
  g_autoptr (GVariant) variant = gorb_value_to_variant (&test_ref_holder_desc, &nil, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_cdr_decode (&test_ref_holder_desc, g_bytes_get_data (cdr, NULL),
                                   g_bytes_get_size (cdr), GORB_BYTE_ORDER_LITTLE, &back, &error));
  CU_ASSERT_TRUE (back.ref == NULL && back.tag == 7);
  CU_ASSERT_TRUE (gorb_xml_decode (&test_ref_holder_desc, g_bytes_get_data (xml, NULL),
                                   g_bytes_get_size (xml), NULL, &back, &error));
  CU_ASSERT_TRUE (back.ref == NULL && back.tag == 7);
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_ref_holder_desc, variant, &back, &error));
  CU_ASSERT_TRUE (back.ref == NULL && back.tag == 7);
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_objects_need_hooks (void)
{
  g_autoptr (GObject) object = g_object_new (G_TYPE_OBJECT, NULL);
  TestRefHolder holder = { object, 1 };
  g_autoptr (GError) cdr_error = NULL;
  g_autoptr (GError) xml_error = NULL;
  g_autoptr (GError) variant_error = NULL;
  GorbCdrWriter w;

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_BIG);
  gorb_cdr_write_octet (&w, 1);
  CU_ASSERT_FALSE (gorb_cdr_write_value (&w, &test_ref_holder_desc, &holder, &cdr_error));
  CU_ASSERT_EQUAL (w.len, 1); /* left as it was */
  gorb_cdr_writer_clear (&w);
  cdr_test_assert_error (cdr_error, GORB_MARSHAL_ERROR_INVALID_VALUE,
                         "no ORB to export an object reference (a GObject)", "at offset 1",
                         "in 'RefHolder.ref'", NULL);

  CU_ASSERT_PTR_NULL (gorb_xml_encode (&test_ref_holder_desc, &holder, NULL, &xml_error));
  cdr_test_assert_error (xml_error, GORB_MARSHAL_ERROR_INVALID_VALUE, "no ORB to export",
                         "in 'RefHolder.ref'", NULL);
  CU_ASSERT_PTR_NULL (gorb_value_to_variant (&test_ref_holder_desc, &holder, &variant_error));
  cdr_test_assert_error (variant_error, GORB_MARSHAL_ERROR_INVALID_VALUE, "no ORB to export",
                         "in 'RefHolder.ref'", NULL);
}

static void
test_references_need_hooks (void)
{
  static const char doc[] = "<?xml version=\"1.0\"?>\n<RefHolder>\n  <ref>" EXAMPLE_REF
                            "</ref>\n  <tag>1</tag>\n</RefHolder>\n";
  g_autoptr (GError) cdr_error
      = cdr_decode_fails (EXAMPLE_HOLDER_HEX, GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GError) keyed
      = cdr_decode_fails ("00000001 00 000000 00000001 01", GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GError) bad_encoding
      = cdr_decode_fails ("00000001 00 000000 00000000 07", GORB_MARSHAL_ERROR_BAD_VALUE);
  g_autoptr (GError) xml_error = NULL;
  g_autoptr (GError) variant_error = NULL;
  TestRefHolder back = { NULL, 0 };

  cdr_test_assert_error (cdr_error, GORB_MARSHAL_ERROR_BAD_VALUE,
                         "no ORB to resolve an object reference to 'IDL:A:1.0'",
                         "at offset 0 in 'RefHolder.ref'", NULL);
  cdr_test_assert_error (keyed, GORB_MARSHAL_ERROR_BAD_VALUE,
                         "no ORB to resolve a non-nil object reference",
                         "at offset 0 in 'RefHolder.ref'", NULL);
  cdr_test_assert_error (bad_encoding, GORB_MARSHAL_ERROR_BAD_VALUE, "unknown encoding 7",
                         "at offset 12 in 'RefHolder.ref'", NULL);

  CU_ASSERT_FALSE (
      gorb_xml_decode (&test_ref_holder_desc, doc, sizeof doc - 1, NULL, &back, &xml_error));
  cdr_test_assert_error (xml_error, GORB_MARSHAL_ERROR_BAD_VALUE,
                         "no ORB to resolve object reference 'gorb:IDL:A:1.0;", "at line 3",
                         "in 'RefHolder.ref'", NULL);
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new ("(si)", EXAMPLE_REF, 1));
  CU_ASSERT_FALSE (gorb_value_from_variant (&test_ref_holder_desc, variant, &back, &variant_error));
  cdr_test_assert_error (variant_error, GORB_MARSHAL_ERROR_BAD_VALUE, "no ORB to resolve",
                         "in 'RefHolder.ref'", NULL);
  CU_ASSERT_PTR_NULL (back.ref);
}

/* Through hooks */

static void
test_round_trips_through_hooks (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder holder = { NULL, 3 }, back = { NULL, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) cdr = NULL;
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GVariant) variant = NULL;
  g_autoptr (GBytes) expected = cdr_test_hex (EXAMPLE_HOLDER_HEX);

  holder.ref = test_objrefs_get (objrefs, EXAMPLE_REF);
  holder.tag = 1;
  test_objrefs_push (objrefs);
  cdr = gorb_cdr_encode (&test_ref_holder_desc, &holder, GORB_BYTE_ORDER_BIG, &error);
  xml = gorb_xml_encode (&test_ref_holder_desc, &holder, NULL, &error);
  variant = gorb_value_to_variant (&test_ref_holder_desc, &holder, &error);
  GORB_ASSERT_NO_ERROR (error);
  cdr_test_assert_bytes (cdr, expected, "RefHolder through hooks");

  CU_ASSERT_TRUE (gorb_cdr_decode (&test_ref_holder_desc, g_bytes_get_data (cdr, NULL),
                                   g_bytes_get_size (cdr), GORB_BYTE_ORDER_BIG, &back, &error));
  CU_ASSERT_PTR_EQUAL (back.ref, holder.ref); /* the table's one object */
  gorb_value_clear (&test_ref_holder_desc, &back);
  CU_ASSERT_TRUE (gorb_xml_decode (&test_ref_holder_desc, g_bytes_get_data (xml, NULL),
                                   g_bytes_get_size (xml), NULL, &back, &error));
  CU_ASSERT_PTR_EQUAL (back.ref, holder.ref);
  gorb_value_clear (&test_ref_holder_desc, &back);
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_ref_holder_desc, variant, &back, &error));
  CU_ASSERT_PTR_EQUAL (back.ref, holder.ref);
  gorb_value_clear (&test_ref_holder_desc, &back);
  test_objrefs_pop ();
  GORB_ASSERT_NO_ERROR (error);
  /* three encodings, three decodings */
  CU_ASSERT_EQUAL (test_objrefs_get_n_calls (objrefs), 6);
  /* the table holds the only reference left */
  CU_ASSERT_EQUAL (G_OBJECT (holder.ref)->ref_count, 1);
}

static void
test_nil_never_reaches_the_hooks (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  TestRefHolder nil = { NULL, 1 };
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GVariant) variant = NULL;

  test_objrefs_push (objrefs);
  xml = gorb_xml_encode (&test_ref_holder_desc, &nil, NULL, NULL);
  variant = gorb_value_to_variant (&test_ref_holder_desc, &nil, NULL);
  g_bytes_unref (gorb_cdr_encode (&test_ref_holder_desc, &nil, GORB_BYTE_ORDER_BIG, NULL));
  CU_ASSERT_TRUE (gorb_xml_decode (&test_ref_holder_desc, g_bytes_get_data (xml, NULL),
                                   g_bytes_get_size (xml), NULL, &nil, NULL));
  CU_ASSERT_TRUE (gorb_value_from_variant (&test_ref_holder_desc, variant, &nil, NULL));
  test_objrefs_pop ();
  CU_ASSERT_PTR_NULL (nil.ref);
  CU_ASSERT_EQUAL (test_objrefs_get_n_calls (objrefs), 0);
}

static void
test_hook_errors_keep_their_domain (void)
{
  g_autoptr (TestObjrefs) objrefs = test_objrefs_new ();
  g_autoptr (GObject) stranger = g_object_new (G_TYPE_OBJECT, NULL);
  TestRefHolder holder = { stranger, 1 }, back = { NULL, 0 };
  g_autoptr (GError) not_ours = NULL;
  g_autoptr (GError) unparsable = NULL;
  g_autoptr (GError) incomplete = NULL;
  g_autoptr (GError) bad_text = NULL;

  test_objrefs_push (objrefs);
  /* the hook's own error, with the member path appended */
  CU_ASSERT_PTR_NULL (
      gorb_cdr_encode (&test_ref_holder_desc, &holder, GORB_BYTE_ORDER_BIG, &not_ours));
  cdr_test_assert_error (not_ours, GORB_MARSHAL_ERROR_INVALID_VALUE,
                         "not a test object reference in 'RefHolder.ref'", NULL);
  /* an error of another domain stays in it */
  holder.ref = test_objrefs_get (objrefs, "gorb:nonsense");
  CU_ASSERT_PTR_NULL (
      gorb_cdr_encode (&test_ref_holder_desc, &holder, GORB_BYTE_ORDER_BIG, &unparsable));
  GORB_ASSERT_ERROR (unparsable, GORB_REF_ERROR, GORB_REF_ERROR_SYNTAX);
  assert_message_has (unparsable, "in 'RefHolder.ref'");
  /* gorb_ref_read_cdr's errors name the offset; the path is appended */
  incomplete = cdr_decode_fails ("00000005 49444c3a00 000000 00000000 00 000000 00000000",
                                 GORB_MARSHAL_ERROR_BAD_VALUE);
  cdr_test_assert_error (incomplete, GORB_MARSHAL_ERROR_BAD_VALUE, "neither nil nor complete",
                         "at offset 0 in 'RefHolder.ref'", NULL);
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new ("(si)", "gorb:x", 1));
  CU_ASSERT_FALSE (gorb_value_from_variant (&test_ref_holder_desc, variant, &back, &bad_text));
  GORB_ASSERT_ERROR (bad_text, GORB_REF_ERROR, GORB_REF_ERROR_SYNTAX);
  assert_message_has (bad_text, "in 'RefHolder.ref'");
  test_objrefs_pop ();
}

/* Ownership */

static void
test_values_own_a_reference (void)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  TestRefHolder holder = { g_object_ref (a), 1 }, copy, other = { b, 1 }, nil = { NULL, 1 };

  gorb_value_copy (&test_ref_holder_desc, &holder, &copy);
  CU_ASSERT_PTR_EQUAL (copy.ref, a);
  CU_ASSERT_EQUAL (a->ref_count, 3);
  CU_ASSERT_TRUE (gorb_value_equal (&test_ref_holder_desc, &holder, &copy));
  CU_ASSERT_FALSE (gorb_value_equal (&test_ref_holder_desc, &holder, &other));
  CU_ASSERT_FALSE (gorb_value_equal (&test_ref_holder_desc, &holder, &nil));
  gorb_value_clear (&test_ref_holder_desc, &copy);
  CU_ASSERT_PTR_NULL (copy.ref);
  gorb_value_clear (&test_ref_holder_desc, &holder);
  CU_ASSERT_EQUAL (a->ref_count, 1);
  gorb_value_copy (&test_ref_holder_desc, &nil, &copy);
  CU_ASSERT_PTR_NULL (copy.ref);
}

static CU_TestInfo hook_tests[] = {
  { "hooks nest, per thread", test_hooks_nest_per_thread },
  { "the nil CDR form is gorb_ref_write_cdr's", test_nil_cdr_form },
  { "nil needs no hooks", test_nil_needs_no_hooks },
  { "objects need hooks to encode", test_objects_need_hooks },
  { "references need hooks to decode", test_references_need_hooks },
  { "round trips through hooks", test_round_trips_through_hooks },
  { "nil never reaches the hooks", test_nil_never_reaches_the_hooks },
  { "hook errors keep their domain", test_hook_errors_keep_their_domain },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo value_tests[] = {
  { "values own a reference", test_values_own_a_reference },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "marshal/objref/hooks", NULL, NULL, NULL, NULL, hook_tests },
  { "marshal/objref/values", NULL, NULL, NULL, NULL, value_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
