/* transport-test-util.h - echo servers, child-process servers and thread counts for the transport
 * tests */
#pragma once

#include "gorb-test.h"
#include "gorb.h"

G_BEGIN_DECLS

/* Upper bound on any wait in these tests: reaching it means a hang, it
 * says nothing about speed. */
#define TEST_HANG_MS 10000

typedef enum
{
  ECHO_NOW,    /* reply on the listener thread, from the func */
  ECHO_LATER,  /* reply from another thread (as a pool servant would) */
  ECHO_BURST,  /* reply @burst times to each request, from the func */
  ECHO_SILENT, /* never reply */
} EchoMode;

/* A header of "to-nobody" (ECHO_NOW) first replies to a peer that does not
 * exist (dropped and counted), then echoes as usual. */
#define ECHO_TO_NOBODY "to-nobody"

typedef struct
{
  GorbListener *listener; /* owned */
  EchoMode mode;
  guint burst;
  gint n_requests;      /* atomic */
  gint n_null_bodies;   /* atomic */
  gint n_wrong_thread;  /* atomic: func off the listener thread, or a later reply on it */
  gint n_send_failures; /* atomic */
  gint max_body_size;   /* atomic: largest body the func saw */
  GAsyncQueue *later;   /* ECHO_LATER: requests for @replier */
  GThread *replier;
} EchoServer;

EchoServer *echo_server_new (const char *endpoint, EchoMode mode, GError **error);
void echo_server_free (EchoServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EchoServer, echo_server_free)

/* Connect and listen, asserting that they work. */
GorbChannel *connect_to (const char *endpoint);
EchoServer *serve (const char *endpoint, EchoMode mode);

GBytes *bytes_printf (const char *format, ...) G_GNUC_PRINTF (1, 2);
GBytes *random_bytes (gsize size);
gboolean bytes_has_prefix (GBytes *bytes, const char *prefix);
gint64 deadline_in_ms (int ms);
gboolean round_trip (GorbChannel *channel, GBytes *header, GBytes *body, GBytes **reply_header,
                     GBytes **reply_body, GError **error);
/* Sends "<what>-<n>" until a reply starting with @what comes back (as the
 * ORB retransmits), each attempt waiting up to a second, until @give_up. */
gboolean round_trip_retrying (GorbChannel *channel, const char *what, gint64 give_up);
/* Waits (bounded) until *@counter reaches @value. */
gboolean wait_for_int (const gint *counter, gint value);
gboolean wait_for_dropped (GorbListener *listener, guint64 value);

guint count_threads (void);
guint count_fds (void);
/* Waits (bounded) until count_fds() is at most @value: ZeroMQ closes the
 * files of a closed socket from its reaper thread, a little later. */
gboolean wait_for_fds_at_most (guint value);

/* A server in a child process: this test binary run as `--serve ENDPOINT`. */
typedef struct
{
  GPid pid;
  char *endpoint; /* owned: the endpoint it bound */
} ChildServer;

gboolean child_server_start (ChildServer *child, const char *endpoint, GError **error);
void child_server_kill (ChildServer *child);
int child_server_main (const char *endpoint);

G_END_DECLS
