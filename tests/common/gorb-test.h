/* gorb-test.h - the main() every CUnit test executable shares */
#pragma once

#include <CUnit/Basic.h>
#include <glib.h>

G_BEGIN_DECLS

/* Makes GLib criticals and warnings fatal, runs @suites verbosely and
 * returns 0 only if there were no failure records (failed suite set-ups
 * included). */
int gorb_test_run (CU_SuiteInfo *suites);

/* Removes @dir and everything under it (a test's temporary directory);
 * symbolic links are removed, not followed. %NULL is ignored. */
void gorb_test_remove_tree (const char *dir);

/* Runs the program @argv (NULL-terminated) to its end, with @input
 * (nullable) on its standard input. Returns its exit status, -1 if it did
 * not exit normally. @out and @err (optional) get its standard output and
 * standard error, never %NULL (@err NUL-terminated). A program that cannot
 * be started fails the test. */
int gorb_test_spawn_sync (const char *const *argv, GBytes *input, GBytes **out, char **err);

/* Asserts that @error is set with @domain/@code; prints its message. */
#define GORB_ASSERT_ERROR(err_, domain_, code_)                                                    \
  G_STMT_START                                                                                     \
  {                                                                                                \
    CU_ASSERT_PTR_NOT_NULL_FATAL (err_);                                                           \
    if (!g_error_matches ((err_), (domain_), (code_)))                                             \
      g_printerr ("\n  unexpected error %s:%d: %s\n", g_quark_to_string ((err_)->domain),          \
                  (err_)->code, (err_)->message);                                                  \
    CU_ASSERT_TRUE (g_error_matches ((err_), (domain_), (code_)));                                 \
  }                                                                                                \
  G_STMT_END

#define GORB_ASSERT_NO_ERROR(err_)                                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if ((err_) != NULL)                                                                            \
      g_printerr ("\n  unexpected error: %s\n", (err_)->message);                                  \
    CU_ASSERT_PTR_NULL_FATAL (err_);                                                               \
  }                                                                                                \
  G_STMT_END

/* G_DEFINE_EXTENDED_ERROR for the tests' hand-written exception domains.
 * Its casts to the private type are of data GLib allocates suitably
 * aligned in front of the GError; clang's -Wcast-align cannot know that
 * (the generated code does the same, idlc-emit-c-source.c). */
#define GORB_TEST_DEFINE_EXTENDED_ERROR(ErrorType, error_type)                                     \
  _Pragma ("GCC diagnostic push") _Pragma ("GCC diagnostic ignored \"-Wcast-align\"")              \
      G_DEFINE_EXTENDED_ERROR (ErrorType, error_type) _Pragma ("GCC diagnostic pop")

G_END_DECLS
