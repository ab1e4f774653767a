/* tests/rmi/test-body-exception.c - exception bodies: exact CDR bytes and XML
 * documents, round trips keeping members, code, message and completion,
 * unknown repository ids, and garbage */
#include "body-test-util.h"

#include <string.h>

static const GorbOperationDesc *const get_person = &test_person_list_ops[OP_GET_PERSON];
static const GorbOperationDesc *const clear_op = &test_person_list_ops[OP_CLEAR];

static void
assert_text (GBytes *body, const char *expected)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (body);
  const char *text = g_bytes_get_data (body, NULL);
  if (strcmp (text, expected) != 0)
    g_printerr ("\n  got:\n%s\n  expected:\n%s\n", text, expected);
  CU_ASSERT_STRING_EQUAL (text, expected);
}

static void
test_domains_are_named (void)
{
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (TEST_NOT_FOUND), "TestNotFound");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (TEST_BUSY), "test-busy-quark");
}

static void
test_raised_errors_find_their_exception (void)
{
  g_autoptr (GError) not_found = test_not_found_new ("Smith", 404, "no person 'Smith'");
  g_autoptr (GError) busy = g_error_new_literal (TEST_BUSY, 0, "busy");
  g_autoptr (GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED, "failed");

  CU_ASSERT_PTR_EQUAL (gorb_operation_find_exception (get_person, not_found), &test_not_found_exc);
  CU_ASSERT_PTR_NULL (gorb_operation_find_exception (get_person, busy)); /* clear's, not ours */
  CU_ASSERT_PTR_NULL (gorb_operation_find_exception (get_person, other));
  CU_ASSERT_PTR_EQUAL (gorb_operation_find_exception (clear_op, busy), &test_busy_exc);
}

/* Exact bytes and documents */

static void
test_user_exception_cdr_is_exact (void)
{
  /* repository id (length 22, ends at 26), pad 2, message (length 18, ends
   * at 50), pad 2, members: name (length 6, ends at 62), pad 2, code 404 */
  static const char *const hex[] = {
    [GORB_BYTE_ORDER_BIG] = "00000016 49444c3a546573742f4e6f74466f756e643a312e3000 0000"
                            "00000012 6e6f20706572736f6e2027536d6974682700 0000"
                            "00000006 536d69746800 0000 00000194",
    [GORB_BYTE_ORDER_LITTLE] = "16000000 49444c3a546573742f4e6f74466f756e643a312e3000 0000"
                               "12000000 6e6f20706572736f6e2027536d6974682700 0000"
                               "06000000 536d69746800 0000 94010000",
  };
  g_autoptr (GError) raised = test_not_found_new ("Smith", 404, "no person 'Smith'");

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) expected = cdr_test_hex (hex[order]);
      g_autoptr (GBytes) body = gorb_body_encode_user_exception (&test_not_found_exc, raised,
                                                                 GORB_ENCODING_CDR, order, &error);

      GORB_ASSERT_NO_ERROR (error);
      cdr_test_assert_bytes (body, expected, "NotFound");
    }
}

static void
test_system_exception_cdr_is_exact (void)
{
  /* repository id (length 36, ends at 40), minor 0, completion 1 (NO),
   * message (length 17) */
  static const char *const hex[] = {
    [GORB_BYTE_ORDER_BIG]
    = "00000024 49444c3a6f6d672e6f72672f434f5242412f4241445f4f5045524154494f4e3a312e3000"
      "00000000 00000001 00000011 6e6f206f7065726174696f6e2027782700",
    [GORB_BYTE_ORDER_LITTLE]
    = "24000000 49444c3a6f6d672e6f72672f434f5242412f4241445f4f5045524154494f4e3a312e3000"
      "00000000 01000000 11000000 6e6f206f7065726174696f6e2027782700",
  };

  for (int order = GORB_BYTE_ORDER_BIG; order <= GORB_BYTE_ORDER_LITTLE; order++)
    {
      g_autoptr (GBytes) expected = cdr_test_hex (hex[order]);
      g_autoptr (GBytes) body
          = gorb_body_encode_system_exception (GORB_SYSTEM_ERROR_BAD_OPERATION, GORB_COMPLETED_NO,
                                               "no operation 'x'", GORB_ENCODING_CDR, order);

      cdr_test_assert_bytes (body, expected, "BAD_OPERATION");
    }
}

static void
test_exception_documents_are_exact (void)
{
  g_autoptr (GError) raised = test_not_found_new ("Smith", 404, "no person 'Smith' & co");
  g_autoptr (GError) busy = g_error_new_literal (TEST_BUSY, 0, "busy");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) user
      = gorb_body_encode_user_exception (&test_not_found_exc, raised, GORB_ENCODING_XML, 0, &error);
  g_autoptr (GBytes) empty
      = gorb_body_encode_user_exception (&test_busy_exc, busy, GORB_ENCODING_XML, 0, &error);
  g_autoptr (GBytes) system = gorb_body_encode_system_exception (
      GORB_SYSTEM_ERROR_BAD_OPERATION, GORB_COMPLETED_NO, "no operation 'x'", GORB_ENCODING_XML, 0);
  g_autoptr (GBytes) no_message = gorb_body_encode_system_exception (
      GORB_SYSTEM_ERROR_TIMEOUT, GORB_COMPLETED_MAYBE, NULL, GORB_ENCODING_XML, 0);

  GORB_ASSERT_NO_ERROR (error);
  assert_text (user, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<user-exception repo-id=\"IDL:Test/NotFound:1.0\">\n"
                     "  <message>no person 'Smith' &amp; co</message>\n"
                     "  <members>\n"
                     "    <name>Smith</name>\n"
                     "    <code>404</code>\n"
                     "  </members>\n"
                     "</user-exception>\n");
  assert_text (empty, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<user-exception repo-id=\"IDL:Test/Busy:1.0\">\n"
                      "  <message>busy</message>\n"
                      "  <members/>\n"
                      "</user-exception>\n");
  assert_text (system, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<system-exception repo-id=\"IDL:omg.org/CORBA/BAD_OPERATION:1.0\" "
                       "minor=\"0\" completion=\"NO\">\n"
                       "  <message>no operation 'x'</message>\n"
                       "</system-exception>\n");
  assert_text (no_message, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<system-exception repo-id=\"IDL:omg.org/CORBA/TIMEOUT:1.0\" "
                           "minor=\"0\" completion=\"MAYBE\">\n"
                           "  <message/>\n"
                           "</system-exception>\n");
}

/* Round trips */

typedef struct
{
  GorbEncoding encoding;
  GorbByteOrder order;
} Codec;

static const Codec codecs[] = {
  { GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG },
  { GORB_ENCODING_CDR, GORB_BYTE_ORDER_LITTLE },
  { GORB_ENCODING_XML, GORB_BYTE_ORDER_NATIVE },
};

static void
test_user_exceptions_keep_their_members (void)
{
  g_autoptr (GError) raised = test_not_found_new ("Smith <&>", -1, "no person 'Smith'");

  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = gorb_body_encode_user_exception (
          &test_not_found_exc, raised, codecs[c].encoding, codecs[c].order, &error);
      GORB_ASSERT_NO_ERROR (error);
      g_autoptr (GError) back = gorb_body_decode_user_exception (
          get_person, body, codecs[c].encoding, codecs[c].order, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (back);
      CU_ASSERT_TRUE (g_error_matches (back, TEST_NOT_FOUND, 0));
      CU_ASSERT_STRING_EQUAL (back->message, "no person 'Smith'");
      CU_ASSERT_STRING_EQUAL (test_not_found_members (back)->name, "Smith <&>");
      CU_ASSERT_EQUAL (test_not_found_members (back)->code, -1);

      /* the domain's copy function copies the members */
      g_autoptr (GError) copy = g_error_copy (back);
      CU_ASSERT_TRUE (gorb_value_equal (&test_not_found_desc, test_not_found_members (copy),
                                        test_not_found_members (raised)));
      CU_ASSERT_PTR_NOT_EQUAL (test_not_found_members (copy)->name,
                               test_not_found_members (back)->name);
    }
}

static void
test_user_exceptions_without_members (void)
{
  g_autoptr (GError) busy = g_error_new_literal (TEST_BUSY, 0, "try later");

  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = gorb_body_encode_user_exception (
          &test_busy_exc, busy, codecs[c].encoding, codecs[c].order, &error);
      GORB_ASSERT_NO_ERROR (error);
      g_autoptr (GError) back = gorb_body_decode_user_exception (clear_op, body, codecs[c].encoding,
                                                                 codecs[c].order, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (back);
      CU_ASSERT_TRUE (g_error_matches (back, TEST_BUSY, 0));
      CU_ASSERT_STRING_EQUAL (back->message, "try later");
    }
}

static void
test_unknown_user_exceptions_are_unknown (void)
{
  g_autoptr (GError) busy = g_error_new_literal (TEST_BUSY, 0, "try later");

  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    {
      g_autoptr (GError) error = NULL;
      /* clear's exception, arriving for getPerson: a newer server's */
      g_autoptr (GBytes) body = gorb_body_encode_user_exception (
          &test_busy_exc, busy, codecs[c].encoding, codecs[c].order, &error);
      g_autoptr (GError) back = gorb_body_decode_user_exception (
          get_person, body, codecs[c].encoding, codecs[c].order, &error);
      g_autoptr (GError) back2 = gorb_body_decode_user_exception (
          &test_person_list_ops[OP_NUMBER], body, codecs[c].encoding, codecs[c].order, &error);

      GORB_ASSERT_NO_ERROR (error);
      GORB_ASSERT_ERROR (back, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
      CU_ASSERT_STRING_EQUAL (back->message,
                              "unknown user exception 'IDL:Test/Busy:1.0': try later");
      GORB_ASSERT_ERROR (back2, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
    }
  /* with members this side cannot read */
  g_autoptr (GError) raised = test_not_found_new ("Smith", 404, "gone");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body
      = gorb_body_encode_user_exception (&test_not_found_exc, raised, GORB_ENCODING_XML, 0, &error);
  g_autoptr (GError) back
      = gorb_body_decode_user_exception (clear_op, body, GORB_ENCODING_XML, 0, &error);
  GORB_ASSERT_NO_ERROR (error);
  GORB_ASSERT_ERROR (back, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_PTR_NOT_NULL (strstr (back->message, "'IDL:Test/NotFound:1.0'"));
}

static void
test_system_exceptions_keep_code_message_and_completion (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    for (int code = GORB_SYSTEM_ERROR_UNKNOWN; code <= GORB_SYSTEM_ERROR_PROTOCOL; code++)
      for (int completion = GORB_COMPLETED_YES; completion <= GORB_COMPLETED_MAYBE; completion++)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *message
              = g_strdup_printf ("failure %d <%d> & \"more\"\r\n", code, completion);
          g_autoptr (GBytes) body = gorb_body_encode_system_exception (
              code, completion, message, codecs[c].encoding, codecs[c].order);
          GorbCompletionStatus back_completion = 99;
          g_autoptr (GError) back = gorb_body_decode_system_exception (
              body, codecs[c].encoding, codecs[c].order, &back_completion, &error);

          GORB_ASSERT_NO_ERROR (error);
          GORB_ASSERT_ERROR (back, GORB_SYSTEM_ERROR, code);
          CU_ASSERT_STRING_EQUAL (back->message, message);
          CU_ASSERT_EQUAL ((int) back_completion, (int) completion);
        }
}

static void
test_system_exception_encoding_never_fails (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = gorb_body_encode_system_exception (
          (GorbSystemError) 9999, (GorbCompletionStatus) 7, "bad \x01 byte \xff here",
          codecs[c].encoding, codecs[c].order);
      GorbCompletionStatus completion;
      g_autoptr (GError) back = gorb_body_decode_system_exception (
          body, codecs[c].encoding, codecs[c].order, &completion, &error);

      GORB_ASSERT_NO_ERROR (error);
      GORB_ASSERT_ERROR (back, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
      CU_ASSERT_EQUAL (completion, GORB_COMPLETED_MAYBE);
      CU_ASSERT_TRUE (g_utf8_validate (back->message, -1, NULL));
      if (codecs[c].encoding == GORB_ENCODING_XML)
        CU_ASSERT_STRING_EQUAL (back->message, "bad \xef\xbf\xbd byte \xef\xbf\xbd here");
    }
}

static void
test_unknown_system_exceptions_are_unknown (void)
{
  /* "IDL:x:1.0" (length 10), minor 7, MAYBE, "later" */
  g_autoptr (GBytes) cdr
      = cdr_test_hex ("0000000a 49444c3a783a312e3000 0000 00000007 00000002 00000006 6c6174657200");
  static const char xml[] = "<system-exception repo-id=\"IDL:x:1.0\" minor=\"7\" "
                            "completion=\"MAYBE\"><message>later</message></system-exception>";
  g_autoptr (GBytes) xml_body = g_bytes_new_static (xml, strlen (xml));
  g_autoptr (GError) error = NULL;
  GorbCompletionStatus completion = GORB_COMPLETED_YES;
  g_autoptr (GError) back = gorb_body_decode_system_exception (
      cdr, GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG, &completion, &error);
  g_autoptr (GError) back_xml
      = gorb_body_decode_system_exception (xml_body, GORB_ENCODING_XML, 0, NULL, &error);

  GORB_ASSERT_NO_ERROR (error);
  GORB_ASSERT_ERROR (back, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_STRING_EQUAL (back->message, "unknown system exception 'IDL:x:1.0': later");
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_MAYBE);
  GORB_ASSERT_ERROR (back_xml, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_STRING_EQUAL (back_xml->message, "unknown system exception 'IDL:x:1.0': later");
}

/* Garbage */

static void
assert_bad_user (GBytes *body, GorbEncoding encoding, GorbMarshalError code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  GError *back
      = gorb_body_decode_user_exception (get_person, body, encoding, GORB_BYTE_ORDER_BIG, &error);

  CU_ASSERT_PTR_NULL (back);
  cdr_test_assert_error (error, code, needle, NULL);
}

static void
assert_bad_system (GBytes *body, GorbEncoding encoding, GorbMarshalError code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  GorbCompletionStatus completion = GORB_COMPLETED_YES;
  GError *back = gorb_body_decode_system_exception (body, encoding, GORB_BYTE_ORDER_BIG,
                                                    &completion, &error);

  CU_ASSERT_PTR_NULL (back);
  CU_ASSERT_EQUAL (completion, GORB_COMPLETED_MAYBE);
  cdr_test_assert_error (error, code, needle, NULL);
}

static void
assert_bad_user_xml (const char *doc, GorbMarshalError code, const char *needle)
{
  g_autoptr (GBytes) body = g_bytes_new_static (doc, strlen (doc));

  assert_bad_user (body, GORB_ENCODING_XML, code, needle);
}

static void
assert_bad_system_xml (const char *doc, GorbMarshalError code, const char *needle)
{
  g_autoptr (GBytes) body = g_bytes_new_static (doc, strlen (doc));

  assert_bad_system (body, GORB_ENCODING_XML, code, needle);
}

static void
test_truncated_exceptions_fail_cleanly (void)
{
  g_autoptr (GError) raised = test_not_found_new ("Smith", 404, "no person 'Smith'");
  g_autoptr (GBytes) user = gorb_body_encode_user_exception (
      &test_not_found_exc, raised, GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG, NULL);
  g_autoptr (GBytes) system
      = gorb_body_encode_system_exception (GORB_SYSTEM_ERROR_MARSHAL, GORB_COMPLETED_NO, "bad body",
                                           GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG);

  for (gsize len = 0; len < g_bytes_get_size (user); len++)
    {
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (user, 0, len);
      g_autoptr (GError) error = NULL;
      GError *back = gorb_body_decode_user_exception (get_person, cut, GORB_ENCODING_CDR,
                                                      GORB_BYTE_ORDER_BIG, &error);
      CU_ASSERT_PTR_NULL (back);
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      CU_ASSERT_EQUAL (error->domain, GORB_MARSHAL_ERROR);
    }
  for (gsize len = 0; len < g_bytes_get_size (system); len++)
    {
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (system, 0, len);
      g_autoptr (GError) error = NULL;
      GError *back = gorb_body_decode_system_exception (cut, GORB_ENCODING_CDR, GORB_BYTE_ORDER_BIG,
                                                        NULL, &error);
      CU_ASSERT_PTR_NULL (back);
      CU_ASSERT_PTR_NOT_NULL_FATAL (error);
      CU_ASSERT_EQUAL (error->domain, GORB_MARSHAL_ERROR);
    }
}

static void
test_garbage_cdr_exceptions_are_refused (void)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) garbage = cdr_test_hex ("deadbeef deadbeef deadbeef");
  g_autoptr (GBytes) zero_length = cdr_test_hex ("00000000");
  g_autoptr (GBytes) no_nul = cdr_test_hex ("00000002 4141");
  /* NotFound with a trailing byte */
  g_autoptr (GBytes) trailing
      = cdr_test_hex ("00000016 49444c3a546573742f4e6f74466f756e643a312e3000 0000"
                      "00000001 00 000000 00000006 536d69746800 0000 00000194 ff");
  /* MARSHAL with completion 3 */
  g_autoptr (GBytes) bad_completion
      = cdr_test_hex ("0000001e 49444c3a6f6d672e6f72672f434f5242412f4d41525348414c3a312e3000 0000"
                      "00000000 00000003 00000001 00");
  g_autoptr (GBytes) sys_trailing
      = cdr_test_hex ("0000001e 49444c3a6f6d672e6f72672f434f5242412f4d41525348414c3a312e3000 0000"
                      "00000000 00000001 00000001 00 00");

  assert_bad_user (empty, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_TRUNCATED,
                   "in 'user-exception.repo-id'");
  assert_bad_user (garbage, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_BAD_LENGTH,
                   "in 'user-exception.repo-id'");
  assert_bad_user (zero_length, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_BAD_STRING, "at offset 0");
  assert_bad_user (no_nul, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_BAD_STRING, "at offset 0");
  assert_bad_user (trailing, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_TRAILING,
                   "1 byte left over after the body at offset 52 in 'user-exception'");
  assert_bad_system (empty, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_TRUNCATED,
                     "in 'system-exception.repo-id'");
  assert_bad_system (garbage, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_BAD_LENGTH, "at offset 0");
  assert_bad_system (bad_completion, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_BAD_VALUE,
                     "completion status 3 is not 0 (YES), 1 (NO) or 2 (MAYBE) at offset 40 in "
                     "'system-exception.completion'");
  assert_bad_system (sys_trailing, GORB_ENCODING_CDR, GORB_MARSHAL_ERROR_TRAILING,
                     "1 byte left over after the body at offset 49 in 'system-exception'");
}

static void
test_garbage_xml_exceptions_are_refused (void)
{
  assert_bad_user_xml ("", GORB_MARSHAL_ERROR_BAD_XML, "empty document");
  assert_bad_user_xml ("\x01\x02\x03", GORB_MARSHAL_ERROR_BAD_XML, "malformed XML");
  assert_bad_user_xml ("<system-exception repo-id=\"IDL:Test/NotFound:1.0\"/>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT,
                       "expected root element 'user-exception' but found 'system-exception'");
  assert_bad_user_xml ("<user-exception><message/><members/></user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT, "lacks its attribute 'repo-id'");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><members/>"
                       "</user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT, "expected element 'message' but found");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message/>"
                       "</user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT,
                       "expected element 'members' but found the end of 'user-exception'");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message/><members>"
                       "<name>x</name></members></user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT, "expected element 'code'");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message/><members>"
                       "<name>x</name><code>many</code></members></user-exception>",
                       GORB_MARSHAL_ERROR_BAD_VALUE, "in 'NotFound.code'");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message/><members>"
                       "<name>x</name><code>1</code></members><extra/></user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected element 'extra'");
  assert_bad_user_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message><b/></message>"
                       "<members/></user-exception>",
                       GORB_MARSHAL_ERROR_BAD_ELEMENT, "in 'user-exception.message'");
  assert_bad_user_xml ("<!DOCTYPE user-exception [<!ENTITY a \"aaaa\">]>"
                       "<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message>&a;</message>"
                       "<members/></user-exception>",
                       GORB_MARSHAL_ERROR_FORBIDDEN_XML, "refused");

  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" minor=\"0\" "
                         "completion=\"PERHAPS\"><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_VALUE,
                         "completion status 'PERHAPS' is not YES, NO or MAYBE");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" "
                         "minor=\"-1\" completion=\"NO\"><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_VALUE,
                         "minor code '-1' is not an unsigned long at line 1 in "
                         "'system-exception.minor'");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" "
                         "minor=\"4294967296\" completion=\"NO\"><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_VALUE, "minor code '4294967296'");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" "
                         "completion=\"NO\"><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_ELEMENT, "lacks its attribute 'minor'");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" minor=\"0\" "
                         "completion=\"NO\" code=\"6\"><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected attribute 'code'");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" minor=\"0\" "
                         "completion=\"NO\"/>",
                         GORB_MARSHAL_ERROR_BAD_ELEMENT, "expected element 'message'");
  assert_bad_system_xml ("<system-exception repo-id=\"IDL:omg.org/CORBA/MARSHAL:1.0\" minor=\"0\" "
                         "completion=\"NO\"><message/><message/></system-exception>",
                         GORB_MARSHAL_ERROR_BAD_ELEMENT, "unexpected element 'message'");
  assert_bad_system_xml ("<user-exception repo-id=\"IDL:Test/NotFound:1.0\"><message/><members/>"
                         "</user-exception>",
                         GORB_MARSHAL_ERROR_BAD_ELEMENT,
                         "expected root element 'system-exception'");
  assert_bad_system_xml ("<system-exception", GORB_MARSHAL_ERROR_BAD_XML, "malformed XML");
}

static CU_TestInfo exception_tests[] = {
  { "exception domains are named", test_domains_are_named },
  { "raised errors find their exception", test_raised_errors_find_their_exception },
  { "user exception CDR is exact, both byte orders", test_user_exception_cdr_is_exact },
  { "system exception CDR is exact, both byte orders", test_system_exception_cdr_is_exact },
  { "exception documents are exact", test_exception_documents_are_exact },
  { "user exceptions keep their members", test_user_exceptions_keep_their_members },
  { "user exceptions without members", test_user_exceptions_without_members },
  { "unknown user exceptions are UNKNOWN", test_unknown_user_exceptions_are_unknown },
  { "system exceptions keep code, message and completion",
    test_system_exceptions_keep_code_message_and_completion },
  { "system exception encoding never fails", test_system_exception_encoding_never_fails },
  { "unknown system exceptions are UNKNOWN", test_unknown_system_exceptions_are_unknown },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo garbage_tests[] = {
  { "truncated exceptions fail cleanly at every length", test_truncated_exceptions_fail_cleanly },
  { "garbage CDR exceptions are refused", test_garbage_cdr_exceptions_are_refused },
  { "garbage XML exceptions are refused", test_garbage_xml_exceptions_are_refused },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/body-exception", NULL, NULL, NULL, NULL, exception_tests },
  { "rmi/body-exception-garbage", NULL, NULL, NULL, NULL, garbage_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
