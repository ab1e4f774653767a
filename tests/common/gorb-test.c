/* gorb-test.c - the shared CUnit runner */
#include "gorb-test.h"

#include <glib/gstdio.h>

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

void
gorb_test_remove_tree (const char *dir)
{
  GDir *d;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            gorb_test_remove_tree (path);
          else
            g_unlink (path);
        }
      g_dir_close (d);
    }
  g_rmdir (dir);
}
