/* proxy-test-server.h - a hand-made gorb server for the proxy tests: a raw
 * GorbListener that records every message and answers with hand-built
 * reply headers and bodies, so the client half is tested on its own
 *
 * It serves the PersonList operations of body-test-util.h plus two local
 * ones (proxy_test_ops): getPerson ("nobody" raises NotFound), number (42),
 * swap, clear (a NO_PERMISSION system exception), addPerson, log; twice
 * (in long x) returns 2x; echo (in Object o) returns o (the request body
 * sent back as the reply body). LOCATE_REQUEST: OBJECT_HERE for
 * proxy_test_key(), UNKNOWN_OBJECT otherwise.
 */
#pragma once

#include "body-test-util.h"

G_BEGIN_DECLS

enum
{
  PROXY_OP_TWICE,
  PROXY_OP_ECHO,
  N_PROXY_OPS
};
extern const GorbOperationDesc proxy_test_ops[N_PROXY_OPS];

typedef struct
{
  GorbMessageType type;
  guint64 request_id;
  gboolean response_expected;
  GorbEncoding encoding;
  guint32 timeout_ms;
  char *operation; /* owned */
} ProxyTestSeen;

typedef struct _ProxyTestServer ProxyTestServer;

ProxyTestServer *proxy_test_server_new (void);
void proxy_test_server_free (ProxyTestServer *server);
const char *proxy_test_server_get_endpoint (ProxyTestServer *server);

/* A reference to the served object (the one known key) at this server. */
GorbRef *proxy_test_server_dup_ref (ProxyTestServer *server);
const guint8 *proxy_test_key (void); /* GORB_OBJECT_KEY_SIZE bytes */

/* Behaviour, for the requests that arrive from now on */
void proxy_test_server_set_silent (ProxyTestServer *server, gboolean silent);
void proxy_test_server_set_drop_first (ProxyTestServer *server, gboolean drop_first);
void proxy_test_server_set_forward (ProxyTestServer *server, GorbRef *forward);

/* Answers the first request it kept unanswered while silent, with "number"
 * = @value whatever its operation. Returns its request id. */
guint64 proxy_test_server_answer_held (ProxyTestServer *server, gint32 value);

/* Records; each waits up to 5 s for the count to be reached, then returns
 * what it has. */
guint proxy_test_server_wait_seen (ProxyTestServer *server, GorbMessageType type, guint n);
ProxyTestSeen *proxy_test_server_get_seen (ProxyTestServer *server, GorbMessageType type,
                                           guint index); /* borrowed; NULL past the end */
guint proxy_test_server_wait_acked (ProxyTestServer *server, guint n_ids);
GArray *proxy_test_server_dup_acked (ProxyTestServer *server);     /* guint64 ids, in order */
GArray *proxy_test_server_dup_ack_sizes (ProxyTestServer *server); /* guint ids per ACK */
void proxy_test_server_reset (ProxyTestServer *server);

G_END_DECLS
