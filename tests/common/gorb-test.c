/* gorb-test.c - the shared CUnit runner */
#include "gorb-test.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

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

int
gorb_test_spawn_sync (const char *const *argv, GBytes *input, GBytes **out, char **err)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out_bytes = NULL;
  g_autoptr (GBytes) err_bytes = NULL;
  g_autofree char *input_path = NULL;
  gsize len;
  const char *data;

  /* @input from a file, not a pipe: a program that exits before reading
   * all of it loses nothing of what it wrote (no broken pipe) */
  if (input != NULL)
    {
      int fd = g_file_open_tmp ("gorb-test-input-XXXXXX", &input_path, &error);

      CU_ASSERT_TRUE_FATAL (fd >= 0);
      close (fd);
      data = g_bytes_get_data (input, &len);
      CU_ASSERT_TRUE_FATAL (g_file_set_contents (input_path, data != NULL ? data : "", len, NULL));
      g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
    }
  /* without @input, standard input is /dev/null */
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_printerr ("\n  cannot run %s: %s\n", argv[0], error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (process);
  if (!g_subprocess_communicate (process, NULL, NULL, &out_bytes, &err_bytes, &error))
    g_printerr ("\n  talking to %s: %s\n", argv[0], error->message);
  g_subprocess_wait (process, NULL, NULL);
  if (input_path != NULL)
    g_unlink (input_path);
  if (out != NULL)
    *out = out_bytes != NULL ? g_bytes_ref (out_bytes) : g_bytes_new (NULL, 0);
  if (err != NULL)
    {
      data = err_bytes != NULL ? g_bytes_get_data (err_bytes, &len) : NULL;
      *err = data != NULL ? g_strndup (data, len) : g_strdup ("");
    }
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}
