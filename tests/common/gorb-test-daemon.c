/* gorb-test-daemon.c - spawn a server program, read its first line, stop it by pid */
#include "gorb-test-daemon.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define STOP_GRACE_MS 5000 /* SIGTERM, then this long before SIGKILL */

struct _GorbTestDaemon
{
  GPid pid;
  int stdout_fd; /* the read end of the daemon's stdout; kept open so it never gets SIGPIPE */
  char *name;    /* argv[0], for messages */
};

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL); /* no orphaned server if the test dies */
}

/* Reads up to the first '\n' (not included) before @deadline (monotonic µs). */
static char *
read_first_line (int fd, gint64 deadline, const char *name, GError **error)
{
  GString *line = g_string_new (NULL);

  for (;;)
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      char c;
      ssize_t n;
      int rc;

      if (left_ms <= 0)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "'%s' printed no line within %d ms (got '%s')", name,
                       GORB_TEST_DAEMON_START_TIMEOUT_MS, line->str);
          break;
        }
      rc = poll (&pfd, 1, (int) MIN (left_ms, G_MAXINT));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc < 0)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "poll: %s", g_strerror (errno));
          break;
        }
      if (rc == 0)
        continue;
      n = read (fd, &c, 1); /* one byte at a time: nothing after the line is taken */
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "'%s' closed its stdout (exited?) before printing a line (got '%s')", name,
                       line->str);
          break;
        }
      if (c == '\n')
        return g_string_free (line, FALSE);
      g_string_append_c (line, c);
    }
  g_string_free (line, TRUE);
  return NULL;
}

/* Waits up to @timeout_ms for the daemon to exit; TRUE and its wait status if it did. */
static gboolean
wait_for_exit (GPid pid, guint timeout_ms, int *status)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      pid_t r = waitpid (pid, status, WNOHANG);
      if (r == pid)
        return TRUE;
      if (r < 0 && errno != EINTR)
        return TRUE; /* not our child any more: nothing to wait for */
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (10000);
    }
}

static void
daemon_free (GorbTestDaemon *daemon)
{
  if (daemon->stdout_fd >= 0)
    close (daemon->stdout_fd);
  g_free (daemon->name);
  g_free (daemon);
}

/**
 * gorb_test_daemon_start:
 * @argv: (array zero-terminated=1): the program (a path) and its arguments
 * @first_line: (out) (transfer full) (optional): the first line it printed
 *   on stdout, without the newline
 * @error: spawning failed, the program exited or closed its stdout before
 *   printing a line, or printed none within
 *   %GORB_TEST_DAEMON_START_TIMEOUT_MS (the program is then killed)
 *
 * Returns: (transfer full) (nullable): the running daemon; stop it with
 *   gorb_test_daemon_stop() or gorb_test_daemon_kill()
 */
GorbTestDaemon *
gorb_test_daemon_start (const char *const *argv, char **first_line, GError **error)
{
  GorbTestDaemon *daemon;
  g_autofree char *line = NULL;
  GPid pid;
  int out_fd;
  int status;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                                 NULL, &pid, NULL, &out_fd, NULL, error))
    return NULL;
  daemon = g_new0 (GorbTestDaemon, 1);
  daemon->pid = pid;
  daemon->stdout_fd = out_fd;
  daemon->name = g_path_get_basename (argv[0]);

  line
      = read_first_line (out_fd, g_get_monotonic_time () + GORB_TEST_DAEMON_START_TIMEOUT_MS * 1000,
                         daemon->name, error);
  if (line == NULL)
    {
      kill (pid, SIGKILL);
      wait_for_exit (pid, STOP_GRACE_MS, &status);
      daemon_free (daemon);
      return NULL;
    }
  if (first_line != NULL)
    *first_line = g_steal_pointer (&line);
  return daemon;
}

GPid
gorb_test_daemon_get_pid (GorbTestDaemon *daemon)
{
  g_return_val_if_fail (daemon != NULL, 0);
  return daemon->pid;
}

/**
 * gorb_test_daemon_stop:
 * @daemon: (transfer full) (nullable): a daemon
 *
 * Sends SIGTERM, waits up to 5 s for the daemon to exit, else sends SIGKILL;
 * reaps it and frees @daemon.
 *
 * Returns: %TRUE if it exited on its own with status 0 (a clean shutdown);
 *   %FALSE if it had to be killed, crashed or exited with another status
 *   (which is printed on stderr)
 */
gboolean
gorb_test_daemon_stop (GorbTestDaemon *daemon)
{
  int status = 0;
  gboolean clean;

  if (daemon == NULL)
    return TRUE;
  kill (daemon->pid, SIGTERM);
  if (!wait_for_exit (daemon->pid, STOP_GRACE_MS, &status))
    {
      g_printerr ("\n  %s (pid %d) ignored SIGTERM for %d ms: killing it\n", daemon->name,
                  (int) daemon->pid, STOP_GRACE_MS);
      kill (daemon->pid, SIGKILL);
      wait_for_exit (daemon->pid, G_MAXUINT / 1000, &status);
      daemon_free (daemon);
      return FALSE;
    }
  clean = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  if (!clean)
    g_printerr ("\n  %s (pid %d) did not exit cleanly on SIGTERM: %s %d\n", daemon->name,
                (int) daemon->pid, WIFSIGNALED (status) ? "signal" : "status",
                WIFSIGNALED (status) ? WTERMSIG (status) : WEXITSTATUS (status));
  daemon_free (daemon);
  return clean;
}

/**
 * gorb_test_daemon_kill:
 * @daemon: (transfer full) (nullable): a daemon
 *
 * Sends SIGKILL (a crash, as far as its peers can tell), reaps it and frees
 * @daemon.
 */
void
gorb_test_daemon_kill (GorbTestDaemon *daemon)
{
  int status;

  if (daemon == NULL)
    return;
  kill (daemon->pid, SIGKILL);
  wait_for_exit (daemon->pid, G_MAXUINT / 1000, &status);
  daemon_free (daemon);
}
