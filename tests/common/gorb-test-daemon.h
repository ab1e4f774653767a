/* gorb-test-daemon.h - a server program run by a test, as GTestDBus runs a
 * bus: spawned, its first stdout line read (its reference or endpoint),
 * stopped by its pid
 *
 * Suites that need a daemon start it in suite init and stop it in suite
 * cleanup. The daemon inherits stderr (its messages show in the test log);
 * its stdout after the first line is not read, so it must not print much
 * more than that line (a pipe holds 64 KiB). It is sent SIGKILL if the
 * thread that started it dies (PR_SET_PDEATHSIG), so a crashed test leaves
 * no server behind: start daemons from the main thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long gorb_test_daemon_start() waits for the first line. */
#define GORB_TEST_DAEMON_START_TIMEOUT_MS 10000

typedef struct _GorbTestDaemon GorbTestDaemon;

GorbTestDaemon *gorb_test_daemon_start (const char *const *argv, char **first_line, GError **error);
GPid gorb_test_daemon_get_pid (GorbTestDaemon *daemon);
gboolean gorb_test_daemon_stop (GorbTestDaemon *daemon);
void gorb_test_daemon_kill (GorbTestDaemon *daemon);

G_END_DECLS
