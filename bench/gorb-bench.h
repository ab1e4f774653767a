/* gorb-bench.h - the harness of the RPC benchmarks (W1-W5 of DESIGN.md, Performance).
 *
 * Shared by every RPC benchmark of bench/ (the raw ZeroMQ floor now, the ORB later) so that
 * all of them count, time and print alike, by the same rules as the peer benchmarks:
 *
 *   - every call is timed on its own with CLOCK_MONOTONIC;
 *   - median and p99 by the nearest-rank method over the timed calls;
 *   - calls_per_s (W1-W3) = timed calls / wall time of the timed loop;
 *   - MB_per_s (W2) = payload bytes one way / median round trip, 1 MB = 10^6 B;
 *   - the reply is verified on the first call and on the first and last timed calls,
 *     outside the timing;
 *   - one line per result on stdout:
 *
 *   peer=NAME workload=W1 n=20000 median_us=.. p99_us=.. calls_per_s=..
 *   peer=NAME workload=W2 size=1024 n=.. median_us=.. p99_us=.. calls_per_s=.. MB_per_s=..
 *   peer=NAME workload=W3 persons=100 n=.. median_us=.. p99_us=.. calls_per_s=..
 *   peer=NAME workload=W4 threads=4 secs=5 calls=.. calls_per_s=.. client_cpu_s=..
 *   peer=NAME workload=W5 window=64 n=.. calls_per_s=..
 *
 * (client_cpu_s: user + system CPU of the whole client process during the timed part of W4.)
 * A failure prints `peer=NAME workload=Wn error="..."` on stdout, the same on stderr, and
 * exits with status 1.
 *
 * Counts come from the environment (defaults in brackets):
 *   BENCH_WORKLOADS  ["W1,W2,W3,W4,W5"]
 *   BENCH_W1_WARM / BENCH_W1_N  [2000 / 20000]
 *   BENCH_W2_SIZES   ["1024,65536,1048576"]; warm-up + timed calls 1000+10000 up to 1 KiB,
 *                    200+2000 up to 64 KiB, 20+200 above; all scaled by BENCH_W2_SCALE [1.0]
 *   BENCH_W3_WARM / BENCH_W3_N  [500 / 5000]
 *   BENCH_W4_THREADS [4], BENCH_W4_SECS [5], BENCH_W4_WARM [200 calls per thread]
 *   BENCH_W5_WARM / BENCH_W5_N [5000 / 50000], BENCH_W5_WINDOW [64 calls in flight]
 * A malformed value is an error, not a default.
 */
#ifndef GORB_BENCH_H
#define GORB_BENCH_H

#include <glib.h>

G_BEGIN_DECLS

/* The domain of the harness's own errors and of the benchmarks' (code 0). */
#define GORB_BENCH_ERROR (gorb_bench_error_quark ())
GQuark gorb_bench_error_quark (void);

#define GORB_BENCH_PERSONS 100 /* W3: persons per call */
#define GORB_BENCH_W2_MAX_SIZES 16
#define GORB_BENCH_W4_MAX_THREADS 64

typedef struct
{
  gsize size;
  guint warm, n;
} GorbBenchW2Size;

typedef struct
{
  char **workloads; /* NULL-terminated, each one of W1..W5 */
  guint w1_warm, w1_n;
  GorbBenchW2Size w2[GORB_BENCH_W2_MAX_SIZES];
  guint w2_count;
  guint w3_warm, w3_n;
  guint w4_threads, w4_warm;
  double w4_secs;
  guint w5_warm, w5_n, w5_window;
} GorbBenchConfig;

/* Reads the BENCH_* variables; a malformed one fails the process. */
void gorb_bench_config_init (GorbBenchConfig *cfg);
void gorb_bench_config_clear (GorbBenchConfig *cfg);
gboolean gorb_bench_config_wants (const GorbBenchConfig *cfg, const char *workload);

guint64 gorb_bench_now_ns (void);
/* User + system CPU seconds of the whole process so far. */
double gorb_bench_cpu_s (void);
/* Nearest-rank percentile (pct in 1..100) of n > 0 samples sorted ascending. */
guint64 gorb_bench_percentile (const guint64 *sorted, gsize n, guint pct);

/* Prints the error line for peer/workload on stdout and stderr and exits with status 1. */
G_NORETURN void gorb_bench_fail (const char *peer, const char *workload, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* ---- test data ---- */

/* W2 payload: byte i is (i * 131 + 7) mod 256. */
void gorb_bench_fill_payload (guint8 *data, gsize size);

typedef struct
{
  char *name;  /* "name-%05d" of i */
  char *place; /* "city-%05d" of i * 7919 % 100000 */
  gint32 year; /* 1900 + i */
} GorbBenchPerson;

/* n persons of the W3 data set, each string g_malloc'd (free with gorb_bench_people_free). */
GorbBenchPerson *gorb_bench_people_new (guint n);
void gorb_bench_people_free (GorbBenchPerson *people, guint n);
gboolean gorb_bench_people_equal (const GorbBenchPerson *a, const GorbBenchPerson *b, guint n);

/* The hand-rolled codec of the raw floors (no IDL, no alignment): little-endian
 *   u32 count, then per person: i32 year, u32 length + name bytes, u32 length + place bytes.
 * gorb_bench_people_pack writes gorb_bench_people_packed_size bytes to out; unpack allocates
 * every string (as an ORB would) and returns NULL on malformed input. */
gsize gorb_bench_people_packed_size (const GorbBenchPerson *people, guint n);
gsize gorb_bench_people_pack (const GorbBenchPerson *people, guint n, guint8 *out);
GorbBenchPerson *gorb_bench_people_unpack (const guint8 *data, gsize size, guint *n);

/* ---- W1-W3: a loop of timed calls ---- */

typedef struct
{
  const char *peer;     /* peer=... */
  const char *workload; /* "W1", "W2", "W3" */
  const char *label;    /* printed after the workload ("size=1024", "persons=100"), or NULL */
  guint warm, n;
  gsize payload; /* W2: bytes one way, gives MB_per_s; 0 for none */
  /* One round trip; the only timed part. */
  gboolean (*call) (gpointer data, GError **error);
  /* Verifies the reply of the last call, untimed; NULL for none. */
  gboolean (*check) (gpointer data, GError **error);
  /* Drops the reply of the last call, untimed; NULL for none. */
  void (*release) (gpointer data);
  gpointer data;
} GorbBenchLoop;

/* Runs loop->warm untimed then loop->n timed calls and prints the result line. */
void gorb_bench_run_loop (const GorbBenchLoop *loop);

/* ---- W4: concurrent clients, each with its own connection ---- */

typedef struct
{
  const char *peer;
  /* Opens the connection of one client thread (index 0..threads-1); runs in that thread. */
  gpointer (*open) (gpointer data, guint index, GError **error);
  gboolean (*ping) (gpointer connection, GError **error);
  void (*close) (gpointer connection);
  gpointer data;
} GorbBenchParallel;

/* cfg->w4_threads threads: open, cfg->w4_warm pings, then ping until cfg->w4_secs have passed. */
void gorb_bench_run_w4 (const GorbBenchConfig *cfg, const GorbBenchParallel *parallel);

/* ---- W5: pipelined calls from one client ---- */

typedef struct
{
  const char *peer;
  /* Starts one call without waiting for its reply. */
  gboolean (*issue) (gpointer data, GError **error);
  /* Waits until one more call has completed (in any order) and verifies its reply. */
  gboolean (*complete) (gpointer data, GError **error);
  gpointer data;
} GorbBenchPipeline;

/* Keeps cfg->w5_window calls in flight: cfg->w5_warm untimed, then cfg->w5_n timed by the
 * wall clock of the whole run. */
void gorb_bench_run_w5 (const GorbBenchConfig *cfg, const GorbBenchPipeline *pipeline);

G_END_DECLS

#endif /* GORB_BENCH_H */
