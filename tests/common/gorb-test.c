/* gorb-test.c - the shared CUnit runner */
#include "gorb-test.h"

int
gorb_test_run (CU_SuiteInfo *suites)
{
  unsigned int failures;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (CU_initialize_registry () != CUE_SUCCESS || CU_register_suites (suites) != CUE_SUCCESS)
    return 2;
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  failures = CU_get_number_of_failure_records (); /* includes failed suite inits */
  CU_cleanup_registry ();
  return failures == 0 ? 0 : 1;
}
