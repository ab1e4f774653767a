/* naming-client-util.h - what the client-side naming suites share: a
 * gorb-naming daemon of their own, and references to objects nobody serves */
#pragma once

#include "gorb-test-daemon.h"

#include <gorb.h>

G_BEGIN_DECLS

typedef struct
{
  GorbTestDaemon *daemon;
  char *dir;      /* owned: a temporary directory (the store, the ipc socket) */
  char *endpoint; /* owned: ipc://<dir>/naming */
  char *root_ref; /* owned: the root context's reference, the daemon's first line */
} NamingClientDaemon;

/* Starts the daemon (GORB_NAMING_DAEMON) on ipc:// in a new temporary
 * directory, its store there too. */
gboolean naming_client_daemon_start (NamingClientDaemon *daemon, GError **error);
/* Stops it by pid and removes the directory; a zeroed or stopped daemon is ignored. */
void naming_client_daemon_stop (NamingClientDaemon *daemon);

/* The stringified reference of an object of @repo_id that does not exist
 * at @endpoint (a server that answers: the ORBs that get the reference
 * send it distributed-GC calls, which must not hang): something to bind. */
char *naming_client_fake_ref (const char *endpoint, const char *repo_id);

G_END_DECLS
