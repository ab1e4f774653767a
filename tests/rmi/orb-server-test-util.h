/* orb-server-test-util.h - what the server tests share: a small interface
 * written by hand (descriptors, GInterfaces, skeletons, a servant) and a
 * raw client that speaks the wire protocol over a transport channel
 *
 *   exception Oops { string why; long code; };
 *   interface Counter {
 *     long add (in long n);                     // the running total
 *     void fail (in string why) raises (Oops);  // Oops { why, 7 }
 *     oneway void poke ();
 *     long slow (in long ms);                   // sleeps ms, returns ms
 *     void sysfail (in long code);              // code >= 0: GORB_SYSTEM_ERROR code;
 *                                               // else a G_IO_ERROR
 *     string echo (in string s, out long len);  // s reversed; len = strlen (s)
 *     void quit ();                             // gorb_orb_shutdown (its ORB)
 *   };
 *   interface Counter2 : Counter { long twice (in long n); };
 */
#pragma once

#include "gorb-test.h"
#include "rmi/gorb-orb-server-private.h"

G_BEGIN_DECLS

/* Oops */
typedef struct
{
  char *why;
  gint32 code;
} TestOopsPrivate;

#define TEST_OOPS (test_oops_quark ())
GQuark test_oops_quark (void);
TestOopsPrivate *test_oops_members (const GError *error);
extern const GorbExceptionDesc test_oops_exc;

enum
{
  COUNTER_ADD,
  COUNTER_FAIL,
  COUNTER_POKE,
  COUNTER_SLOW,
  COUNTER_SYSFAIL,
  COUNTER_ECHO,
  COUNTER_QUIT,
  N_COUNTER_OPS
};
extern const GorbOperationDesc test_counter_ops[N_COUNTER_OPS];
extern const GorbInterfaceDesc test_counter_iface;
extern const GorbOperationDesc test_counter2_twice;
extern const GorbInterfaceDesc test_counter2_iface;
extern const GorbSkeleton test_counter_skeleton;
extern const GorbSkeleton test_counter2_skeleton;

#define TEST_TYPE_COUNTER (test_counter_get_type ())
G_DECLARE_INTERFACE (TestCounter, test_counter, TEST, COUNTER, GObject)
struct _TestCounterInterface
{
  GTypeInterface g_iface;
};

#define TEST_TYPE_COUNTER2 (test_counter2_get_type ())
G_DECLARE_INTERFACE (TestCounter2, test_counter2, TEST, COUNTER2, GObject)
struct _TestCounter2Interface
{
  GTypeInterface g_iface;
};

/* The servant of both: records where and how its methods ran. */
#define TEST_TYPE_COUNTER_IMPL (test_counter_impl_get_type ())
G_DECLARE_FINAL_TYPE (TestCounterImpl, test_counter_impl, TEST, COUNTER_IMPL, GObject)
#define TEST_TYPE_COUNTER2_IMPL (test_counter2_impl_get_type ())
G_DECLARE_FINAL_TYPE (TestCounter2Impl, test_counter2_impl, TEST, COUNTER2_IMPL, GObject)

typedef struct
{
  GMutex lock;
  GCond cond;
  gint32 total;
  guint n_calls; /* every method */
  guint n_pokes;
  guint inflight;              /* slow() calls running now */
  guint max_inflight;          /* the most that ran at once */
  gboolean on_listener_thread; /* where the last call ran */
  gboolean on_server_thread;   /* gorb_orb_server_is_server_thread () there */
  GThread *last_thread;
  GArray *slow_order; /* gint32: the ms argument of each slow() call, in the order they ran */
  GorbOrb *orb;       /* not owned: for quit () */
} TestCounterState;

TestCounterState *test_counter_impl_get_state (GObject *servant);
GObject *test_counter_impl_new (GorbOrb *orb);
GObject *test_counter2_impl_new (GorbOrb *orb);
void test_register_skeletons (void);

/* Waits until @state->n_calls reaches @n (up to 5 s). */
gboolean test_counter_wait_calls (TestCounterState *state, guint n);
/* Waits until @state->inflight reaches @n (up to 5 s). */
gboolean test_counter_wait_inflight (TestCounterState *state, guint n);

/* The raw client: one channel of the calling thread to @endpoint */
typedef struct
{
  GorbChannel *channel;
  GorbClientId id;
  guint32 epoch;
  GorbEncoding encoding;
  GorbByteOrder order;
  guint32 timeout_ms;
} TestClient;

void test_client_init (TestClient *client, const char *endpoint);
void test_client_clear (TestClient *client);
GBytes *test_client_header (TestClient *client, GorbMessageType type, guint64 request_id,
                            const guint8 *key, gsize key_len, const char *operation,
                            gboolean response_expected);
/* Sends a request for @op with @args (encoded in the client's encoding and order) */
void test_client_send_request (TestClient *client, guint64 request_id, const GorbRef *ref,
                               const GorbOperationDesc *op, gpointer const *args);
void test_client_send_raw (TestClient *client, GBytes *header, GBytes *body);
/* Receives one message (up to @timeout_ms); FALSE if none came */
gboolean test_client_receive (TestClient *client, guint timeout_ms, GBytes **header, GBytes **body);
/* Receives a REPLY to @request_id and checks its header: echoed ids, the
 * client's encoding and order; returns its status (-1 if none came) */
gint test_client_receive_reply (TestClient *client, guint64 request_id, GBytes **body);
/* Receives the reply of a system exception and returns it as an error */
GError *test_client_receive_system_exception (TestClient *client, guint64 request_id,
                                              GorbCompletionStatus *completion);
/* A whole add() call: the new total, or G_MININT32 on any failure */
gint32 test_client_add (TestClient *client, guint64 request_id, const GorbRef *ref, gint32 n);
/* TRUE if nothing arrives within @timeout_ms */
gboolean test_client_expect_silence (TestClient *client, guint timeout_ms);

/* Threads of this process (/proc/self/task) */
guint test_count_threads (void);
/* Waits up to 5 s for the thread count to come down to @n; returns the last count */
guint test_wait_threads (guint n);

/* An ORB whose server listens on @endpoint, with test-friendly settings */
GorbOrb *test_orb_new (const char *endpoint, guint pool_threads, guint pool_queue_max,
                       guint reply_cache_ms, guint reply_cache_max);

G_END_DECLS
