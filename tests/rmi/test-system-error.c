/* tests/rmi/test-system-error.c - system exception codes and their repository ids */
#include "gorb-test.h"

#include <gorb.h>
#include <string.h>

static void
test_every_code_round_trips_through_its_repo_id (void)
{
  for (int code = GORB_SYSTEM_ERROR_UNKNOWN; code <= GORB_SYSTEM_ERROR_PROTOCOL; code++)
    {
      const char *id = gorb_system_error_to_repo_id ((GorbSystemError) code);
      CU_ASSERT_PTR_NOT_NULL_FATAL (id);
      CU_ASSERT_TRUE (g_str_has_prefix (id, "IDL:"));
      CU_ASSERT_EQUAL ((int) gorb_system_error_from_repo_id (id), (int) code);
    }
}

static void
test_corba_names_are_kept (void)
{
  CU_ASSERT_STRING_EQUAL (gorb_system_error_to_repo_id (GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST),
                          "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0");
  CU_ASSERT_STRING_EQUAL (gorb_system_error_to_repo_id (GORB_SYSTEM_ERROR_BAD_OPERATION),
                          "IDL:omg.org/CORBA/BAD_OPERATION:1.0");
}

static void
test_unknown_ids_and_codes_fall_back_to_unknown (void)
{
  CU_ASSERT_EQUAL (gorb_system_error_from_repo_id ("IDL:omg.org/CORBA/NEWER_THING:1.0"),
                   GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_EQUAL (gorb_system_error_from_repo_id (""), GORB_SYSTEM_ERROR_UNKNOWN);
  CU_ASSERT_STRING_EQUAL (gorb_system_error_to_repo_id ((GorbSystemError) 9999),
                          "IDL:omg.org/CORBA/UNKNOWN:1.0");
}

static void
test_domain_name (void)
{
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_SYSTEM_ERROR), "gorb-system-error-quark");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_MARSHAL_ERROR), "gorb-marshal-error-quark");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_TRANSPORT_ERROR), "gorb-transport-error-quark");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_WIRE_ERROR), "gorb-wire-error-quark");
  CU_ASSERT_STRING_EQUAL (g_quark_to_string (GORB_REF_ERROR), "gorb-ref-error-quark");
}

static CU_TestInfo system_error_tests[] = {
  { "every code round-trips through its repository id",
    test_every_code_round_trips_through_its_repo_id },
  { "CORBA names are kept", test_corba_names_are_kept },
  { "unknown ids and codes fall back to UNKNOWN", test_unknown_ids_and_codes_fall_back_to_unknown },
  { "domain names", test_domain_name },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/system-error", NULL, NULL, NULL, NULL, system_error_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
