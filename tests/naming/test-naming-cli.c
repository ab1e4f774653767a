/* tests/naming/test-naming-cli.c - `gorb naming` as a process against a real
 * gorb-naming daemon: each subcommand's output and exit status, and its
 * one-line errors */
#include "gorb-test.h"
#include "naming-client-util.h"

#include <string.h>
#include <sys/wait.h>

#ifndef GORB_CLI
#error "GORB_CLI must name the gorb program"
#endif

static struct
{
  NamingClientDaemon naming;
  char *list_ref; /* a Demo::PersonList:1.0 nobody serves */
} fx;

typedef struct
{
  int status; /* the exit status, or -1 if it did not exit */
  char *out;  /* owned */
  char *err;  /* owned */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs `gorb naming ARGS…` (NULL-terminated) with @env_naming as
 * $GORB_NAMING (unset if NULL). */
static void
run_env (Run *run, const char *env_naming, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) GORB_CLI);
  g_ptr_array_add (argv, (gpointer) "naming");
  va_start (ap, env_naming);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  envp = env_naming != NULL ? g_environ_setenv (envp, "GORB_NAMING", env_naming, TRUE)
                            : g_environ_unsetenv (envp, "GORB_NAMING");
  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    {
      g_printerr ("\n  spawning %s: %s\n", GORB_CLI, error->message);
      run->status = -1;
      run->out = g_strdup ("");
      run->err = g_strdup ("");
      return;
    }
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (run->status != 0 && run->status != 1 && run->status != 2)
    g_printerr ("\n  gorb naming exited with %d: %s", run->status, run->err);
}

/* `gorb naming --naming <root reference> ARGS…`, two args at most. */
#define RUN(run, ...) run_env ((run), NULL, "--naming", fx.naming.root_ref, __VA_ARGS__, NULL)

static void
assert_has (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_printerr ("\n  '%s' not in '%s'\n", part, text);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, part));
}

/* A failure: status 1, one line `gorb naming: …` holding each of the parts. */
static void
assert_failed (const Run *run, const char *part1, const char *part2)
{
  CU_ASSERT_EQUAL (run->status, 1);
  CU_ASSERT_TRUE (g_str_has_prefix (run->err, "gorb naming: "));
  CU_ASSERT_TRUE (g_str_has_suffix (run->err, "\n")); /* one line */
  CU_ASSERT_PTR_EQUAL (strchr (run->err, '\n'), run->err + strlen (run->err) - 1);
  CU_ASSERT_STRING_EQUAL (run->out, "");
  if (part1 != NULL)
    assert_has (run->err, part1);
  if (part2 != NULL)
    assert_has (run->err, part2);
}

static void
assert_ok (const Run *run, const char *out)
{
  if (run->status != 0)
    g_printerr ("\n  gorb naming failed: %s", run->err);
  CU_ASSERT_EQUAL (run->status, 0);
  CU_ASSERT_STRING_EQUAL (run->err, "");
  if (out != NULL)
    CU_ASSERT_STRING_EQUAL (run->out, out);
}

static int
init_suite (void)
{
  g_autoptr (GError) error = NULL;

  if (!naming_client_daemon_start (&fx.naming, &error))
    {
      g_printerr ("\n  starting gorb-naming: %s\n", error->message);
      return -1;
    }
  fx.list_ref = naming_client_fake_ref (fx.naming.endpoint, "IDL:Demo/PersonList:1.0");
  return 0;
}

static int
clean_suite (void)
{
  naming_client_daemon_stop (&fx.naming);
  g_clear_pointer (&fx.list_ref, g_free);
  return 0;
}

static void
test_mkdir_bind_ls_resolve (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("%s\n", fx.list_ref);

  RUN (&run, "mkdir", "-p", "cli/people/more");
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "bind", "cli/people/friends.list", fx.list_ref);
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "bind", "cli/top\\/level", fx.list_ref); /* an id with a '/' */
  assert_ok (&run, "");
  run_clear (&run);

  RUN (&run, "ls", "cli");
  assert_ok (&run, "people/\ntop\\/level\n");
  run_clear (&run);
  RUN (&run, "ls", "-r", "cli");
  assert_ok (&run, "cli/people/\ncli/people/friends.list\ncli/people/more/\ncli/top\\/level\n");
  run_clear (&run);
  RUN (&run, "ls", "cli/people/friends.list"); /* an object: its name, as ls does */
  assert_ok (&run, "cli/people/friends.list\n");
  run_clear (&run);

  RUN (&run, "resolve", "cli/people/friends.list");
  assert_ok (&run, expected);
  run_clear (&run);
  RUN (&run, "resolve", "--type", "IDL:Demo/PersonList:1.0", "cli/people/friends.list");
  assert_ok (&run, expected);
  run_clear (&run);
}

static void
test_resolve_type_mismatch (void)
{
  g_auto (Run) run = { 0 };

  RUN (&run, "mkdir", "-p", "mismatch");
  run_clear (&run);
  RUN (&run, "rebind", "mismatch/list", fx.list_ref);
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "resolve", "--type", "IDL:Demo/PersonList:2.0", "mismatch/list");
  assert_failed (&run, "IDL:Demo/PersonList:1.0", "IDL:Demo/PersonList:2.0");
  assert_has (run.err, "version");
  run_clear (&run);
  RUN (&run, "resolve", "--type", "IDL:Demo/Other:1.0", "mismatch/list");
  assert_failed (&run, "IDL:Demo/PersonList:1.0", "IDL:Demo/Other:1.0");
}

static void
test_bind_twice_rebind_unbind (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *other = naming_client_fake_ref (fx.naming.endpoint, "IDL:Demo/PersonList:1.0");
  g_autofree char *expected = g_strdup_printf ("%s\n", other);

  RUN (&run, "bind", "twice", fx.list_ref);
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "bind", "twice", other);
  assert_failed (&run, "AlreadyBound", "'twice'");
  run_clear (&run);
  RUN (&run, "rebind", "twice", other);
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "resolve", "twice");
  assert_ok (&run, expected);
  run_clear (&run);
  RUN (&run, "unbind", "twice");
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "resolve", "twice");
  assert_failed (&run, "NotFound", "missing_node");
  run_clear (&run);
  RUN (&run, "unbind", "twice");
  assert_failed (&run, "NotFound", "'twice'");
}

static void
test_not_found_names_the_rest (void)
{
  g_auto (Run) run = { 0 };

  RUN (&run, "mkdir", "-p", "nf/here");
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "resolve", "nf/here/gone/deeper");
  assert_failed (&run, "missing_node", "rest of name 'gone/deeper'");
  run_clear (&run);
  RUN (&run, "ls", "nf/nothing");
  assert_failed (&run, "ls 'nf/nothing'", "NotFound");
}

static void
test_rm_and_rm_r (void)
{
  g_auto (Run) run = { 0 };

  RUN (&run, "mkdir", "-p", "rm/a/b");
  run_clear (&run);
  RUN (&run, "bind", "rm/a/b/x", fx.list_ref);
  run_clear (&run);
  RUN (&run, "bind", "rm/y", fx.list_ref);
  run_clear (&run);

  RUN (&run, "rm", "rm/a");
  assert_failed (&run, "is a context", "rm -r");
  run_clear (&run);
  RUN (&run, "rm", "rm/y");
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "rm", "-r", "rm");
  assert_ok (&run, "");
  run_clear (&run);
  RUN (&run, "resolve", "rm/a/b/x");
  assert_failed (&run, "NotFound", "'rm/a/b/x'");
  run_clear (&run);
  RUN (&run, "mkdir", "rm"); /* the name is free again */
  assert_ok (&run, "");
}

static void
test_bad_input (void)
{
  g_auto (Run) run = { 0 };

  RUN (&run, "resolve", "a//b");
  assert_failed (&run, "InvalidName", "'a//b'");
  run_clear (&run);
  RUN (&run, "bind", "badref", "gorb:not a reference");
  assert_failed (&run, "bind 'badref'", "bad reference 'gorb:not a reference'");
  run_clear (&run);
  RUN (&run, "bind", "notctx", fx.list_ref);
  run_clear (&run);
  RUN (&run, "bind", "-c", "notctx2", fx.list_ref);
  assert_failed (&run, "not a naming context", "IDL:Demo/PersonList:1.0");
  run_clear (&run);
}

static void
test_usage_errors_exit_2 (void)
{
  g_auto (Run) run = { 0 };

  run_env (&run, NULL, "--naming", fx.naming.root_ref, NULL);
  CU_ASSERT_EQUAL (run.status, 2);
  assert_has (run.err, "gorb naming: ");
  run_clear (&run);
  run_env (&run, NULL, "--naming", fx.naming.root_ref, "frobnicate", NULL);
  CU_ASSERT_EQUAL (run.status, 2);
  assert_has (run.err, "frobnicate");
  run_clear (&run);
  RUN (&run, "bind", "only-a-name");
  CU_ASSERT_EQUAL (run.status, 2);
  assert_has (run.err, "usage: gorb naming bind");
  run_clear (&run);
  RUN (&run, "ls", "--bogus");
  CU_ASSERT_EQUAL (run.status, 2);
  run_clear (&run);
  run_env (&run, NULL, "--help", NULL);
  CU_ASSERT_EQUAL (run.status, 0);
  assert_has (run.out, "resolve [--type REPO_ID] NAME");
}

static void
test_gorb_naming_variable_and_unreachable_daemon (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *nobody = g_strdup_printf ("ipc://%s/nobody", fx.naming.dir);

  RUN (&run, "mkdir", "-p", "env/x");
  run_clear (&run);
  run_env (&run, fx.naming.endpoint, "ls", "env", NULL); /* $GORB_NAMING: an endpoint */
  assert_ok (&run, "x/\n");
  run_clear (&run);
  run_env (&run, fx.naming.root_ref, "ls", "env", NULL); /* a reference */
  assert_ok (&run, "x/\n");
  run_clear (&run);

  run_env (&run, NULL, "--naming", nobody, "--gorb-call-timeout-ms", "300", "ls", NULL);
  assert_failed (&run, "no naming service at", nobody);
}

static CU_TestInfo cli_tests[] = {
  { "mkdir -p, bind, ls, ls -r, resolve", test_mkdir_bind_ls_resolve },
  { "resolve --type refuses another version or interface", test_resolve_type_mismatch },
  { "bind twice, rebind, unbind", test_bind_twice_rebind_unbind },
  { "NotFound names the rest of the name", test_not_found_names_the_rest },
  { "rm refuses a context, rm -r removes it", test_rm_and_rm_r },
  { "bad names and references", test_bad_input },
  { "usage errors exit with 2", test_usage_errors_exit_2 },
  { "$GORB_NAMING, and an unreachable daemon", test_gorb_naming_variable_and_unreachable_daemon },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "naming/cli", init_suite, clean_suite, NULL, NULL, cli_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
