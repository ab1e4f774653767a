/* bench-naming.c - the naming service (peer=gorb): resolve latency and binds/s, from one
 * client and from several at once, against a real gorb-naming daemon.
 *
 *   gorb-bench-naming [GORB_NAMING_PROGRAM]
 *
 * Starts gorb-naming itself (tcp://127.0.0.1:0, a store in a temporary directory), binds one
 * name to a reference, then runs, first with 1 client, then with BENCH_NAMING_CLIENTS:
 *
 *   naming-resolve  gorb_naming_resolve_path() of "bench/people/target.list" (three
 *                   components): the string parsed, one round trip, the reference decoded into
 *                   the proxy the client already holds
 *   naming-bind     gorb_naming_bind_path() of a new name "bench/cN/nM" in the client's own
 *                   context: one round trip and one write to the daemon's store
 *
 * Each client is a thread with its own ORB (so its own connection). Every call is timed on its
 * own; median and p99 (nearest rank) over all clients' timed calls; calls_per_s = timed calls
 * of all clients / wall time from the common start to the last client's end. One line each:
 *
 *   peer=gorb workload=naming-resolve clients=1 n=.. median_us=.. p99_us=.. calls_per_s=..
 *   peer=gorb workload=naming-bind clients=4 n=.. median_us=.. p99_us=.. calls_per_s=..
 *
 * Counts from the environment (defaults in brackets): BENCH_NAMING_WARM [200 calls per client,
 * untimed], BENCH_NAMING_RESOLVE_N [5000 per client], BENCH_NAMING_BIND_N [1000 per client],
 * BENCH_NAMING_CLIENTS [4]. The daemon is stopped (SIGTERM, by pid) and its directory removed
 * at the end, or on failure.
 */
#include "gorb-bench.h"

#include <gorb-naming.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PEER "gorb"
#define TARGET "bench/people/target.list"
#define START_TIMEOUT_MS 10000

typedef enum
{
  WORK_RESOLVE,
  WORK_BIND,
} Work;

typedef struct
{
  guint warm, resolve_n, bind_n, clients;
} Config;

static struct
{
  GPid pid;
  char *dir; /* owned: the daemon's store */
} daemon_state;

/* ---- the daemon ---- */

static void
stop_daemon (void)
{
  if (daemon_state.pid > 0)
    {
      int status;

      kill (daemon_state.pid, SIGTERM);
      waitpid (daemon_state.pid, &status, 0);
      daemon_state.pid = 0;
    }
  if (daemon_state.dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", daemon_state.dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
      g_clear_pointer (&daemon_state.dir, g_free);
    }
}

static G_NORETURN void fail (const char *workload, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
fail (const char *workload, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  stop_daemon ();
  gorb_bench_fail (PEER, workload, "%s", message);
}

/* Starts gorb-naming and returns its first line, the root context's reference. */
static char *
start_daemon (const char *program)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *store = NULL;
  GString *line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_MS * 1000;
  int out_fd;

  daemon_state.dir = g_dir_make_tmp ("gorb-bench-naming-XXXXXX", &error);
  if (daemon_state.dir == NULL)
    fail ("naming", "%s", error->message);
  store = g_build_filename (daemon_state.dir, "store", NULL);
  {
    const char *argv[] = { program, "--endpoint", "tcp://127.0.0.1:0", "--store", store, NULL };

    if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                   NULL, &daemon_state.pid, NULL, &out_fd, NULL, &error))
      fail ("naming", "starting %s: %s", program, error->message);
  }
  for (;;)
    {
      char c;
      ssize_t n;

      if (g_get_monotonic_time () > deadline)
        fail ("naming", "no reference from %s within %d ms", program, START_TIMEOUT_MS);
      n = read (out_fd, &c, 1); /* blocking: the daemon prints its line at once, or exits */
      if (n <= 0)
        fail ("naming", "%s exited before printing its reference", program);
      if (c == '\n')
        break;
      g_string_append_c (line, c);
    }
  /* the rest of its stdout (the endpoint line) is left unread: a pipe holds it */
  return g_string_free (line, FALSE);
}

/* ---- the clients ---- */

typedef struct
{
  const Config *cfg;
  Work work;
  guint index;
  guint run; /* which run_workload(): a fresh context for each */
  const char *root_ref;
  pthread_barrier_t *ready; /* all connected and warmed up: the timed part starts */
  gint64 *start_ns;
  guint64 *samples; /* owned by the caller: this client's timed calls, in ns */
  guint64 end_ns;
  gboolean started; /* past the barrier */
  GError *error;
} Client;

static gboolean
client_run (Client *c, GorbOrb *orb)
{
  g_autoptr (GorbNamingContext) root = NULL;
  g_autoptr (GorbNamingContext) own = NULL;
  g_autoptr (GObject) held = NULL;
  g_autofree char *dir = g_strdup_printf ("bench/run%u/c%u", c->run, c->index);
  guint n = c->work == WORK_BIND ? c->cfg->bind_n : c->cfg->resolve_n;

  root = gorb_naming_connect (orb, c->root_ref, &c->error);
  if (root == NULL)
    return FALSE;
  own = gorb_naming_mkdir_path (root, dir, TRUE, &c->error);
  if (own == NULL)
    return FALSE;
  /* the proxy a real client would keep: resolves reuse it */
  held = gorb_naming_resolve_path (root, TARGET, &c->error);
  if (held == NULL)
    return FALSE;

  for (guint i = 0; i < c->cfg->warm + n; i++)
    {
      guint64 t0;
      gboolean ok;

      if (i == c->cfg->warm)
        {
          if (pthread_barrier_wait (c->ready) == PTHREAD_BARRIER_SERIAL_THREAD)
            *c->start_ns = (gint64) gorb_bench_now_ns ();
          pthread_barrier_wait (c->ready); /* the start is set */
          c->started = TRUE;
        }
      t0 = gorb_bench_now_ns ();
      if (c->work == WORK_RESOLVE)
        {
          GObject *object = gorb_naming_resolve_path (root, TARGET, &c->error);

          ok = object != NULL;
          if (ok)
            g_object_unref (object);
        }
      else
        {
          char name[32];

          g_snprintf (name, sizeof name, "n%u", i);
          ok = gorb_naming_bind_path (own, name, held, &c->error);
        }
      if (i >= c->cfg->warm)
        c->samples[i - c->cfg->warm] = gorb_bench_now_ns () - t0;
      if (!ok)
        return FALSE;
    }
  c->end_ns = gorb_bench_now_ns ();
  return TRUE;
}

static gpointer
client_thread (gpointer data)
{
  Client *c = data;
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GorbOrb) orb = NULL;

  gorb_orb_config_init (&config);
  orb = gorb_orb_new_with_config (&config, &c->error);
  if ((orb == NULL || !client_run (c, orb)) && !c->started)
    {
      /* let the others through the barrier: they finish, the failure is reported */
      pthread_barrier_wait (c->ready);
      pthread_barrier_wait (c->ready);
    }
  return NULL;
}

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
run_workload (const Config *cfg, Work work, guint clients, const char *root_ref)
{
  static guint runs;
  const char *workload = work == WORK_BIND ? "naming-bind" : "naming-resolve";
  guint n = work == WORK_BIND ? cfg->bind_n : cfg->resolve_n;
  g_autofree guint64 *samples = g_new0 (guint64, (gsize) n * clients);
  g_autofree Client *c = g_new0 (Client, clients);
  g_autofree GThread **threads = g_new0 (GThread *, clients);
  pthread_barrier_t ready;
  gint64 start_ns = 0;
  guint64 end_ns = 0;
  gsize total = (gsize) n * clients;
  double secs;

  pthread_barrier_init (&ready, NULL, clients);
  for (guint i = 0; i < clients; i++)
    {
      c[i] = (Client){ cfg, work, i, runs, root_ref, &ready, &start_ns, samples + (gsize) i * n };
      threads[i] = g_thread_new ("bench-naming", client_thread, &c[i]);
    }
  for (guint i = 0; i < clients; i++)
    g_thread_join (threads[i]);
  pthread_barrier_destroy (&ready);
  runs++;
  for (guint i = 0; i < clients; i++)
    {
      if (c[i].error != NULL)
        fail (workload, "client %u of %u: %s", i, clients, c[i].error->message);
      end_ns = MAX (end_ns, c[i].end_ns);
    }
  qsort (samples, total, sizeof *samples, compare_u64);
  secs = (double) (end_ns - (guint64) start_ns) / 1e9;
  printf ("peer=%s workload=%s clients=%u n=%zu median_us=%.1f p99_us=%.1f calls_per_s=%.0f\n",
          PEER, workload, clients, total, gorb_bench_percentile (samples, total, 50) / 1e3,
          gorb_bench_percentile (samples, total, 99) / 1e3, secs > 0 ? (double) total / secs : 0);
  fflush (stdout);
}

/* ---- main ---- */

static guint
env_uint (const char *name, guint fallback, guint min)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXUINT32 / 64, &value, NULL))
    fail ("naming", "%s='%s': expected a number of at least %u", name, text, min);
  return (guint) value;
}

int
main (int argc, char **argv)
{
  const char *program = argc > 1 ? argv[1] : GORB_NAMING_PROGRAM;
  Config cfg;
  g_autofree char *root_ref = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GorbNamingContext) root = NULL;
  g_autoptr (GorbNamingContext) people = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autoptr (GObject) target = NULL;
  g_auto (GorbOrbConfig) config = { 0 };
  const char *const endpoints[] = { "tcp://127.0.0.1:1", NULL };
  guint8 key[GORB_OBJECT_KEY_SIZE];
  GorbIncarnationId incarnation;

  if (argc > 2)
    {
      g_printerr ("usage: gorb-bench-naming [GORB_NAMING_PROGRAM]\n");
      return 2;
    }
  cfg.warm = env_uint ("BENCH_NAMING_WARM", 200, 0);
  cfg.resolve_n = env_uint ("BENCH_NAMING_RESOLVE_N", 5000, 1);
  cfg.bind_n = env_uint ("BENCH_NAMING_BIND_N", 1000, 1);
  cfg.clients = env_uint ("BENCH_NAMING_CLIENTS", 4, 1);
  if (cfg.clients > GORB_BENCH_W4_MAX_THREADS)
    fail ("naming", "BENCH_NAMING_CLIENTS: at most %d", GORB_BENCH_W4_MAX_THREADS);

  root_ref = start_daemon (program);
  /* The target: a reference to an object nobody serves (the daemon never calls it). */
  gorb_orb_config_init (&config);
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb != NULL)
    root = gorb_naming_connect (orb, root_ref, &error);
  if (root != NULL)
    people = gorb_naming_mkdir_path (root, "bench/people", TRUE, &error);
  if (people == NULL)
    fail ("naming", "setting up: %s", error->message);
  gorb_incarnation_id_generate (&incarnation);
  gorb_object_key_make (&incarnation, 1, key);
  ref = gorb_ref_new ("IDL:Demo/PersonList:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  target = gorb_orb_resolve (orb, ref, &error);
  if (target == NULL || !gorb_naming_bind_path (root, TARGET, target, &error))
    fail ("naming", "binding %s: %s", TARGET, error->message);

  run_workload (&cfg, WORK_RESOLVE, 1, root_ref);
  run_workload (&cfg, WORK_RESOLVE, cfg.clients, root_ref);
  run_workload (&cfg, WORK_BIND, 1, root_ref);
  run_workload (&cfg, WORK_BIND, cfg.clients, root_ref);

  g_clear_object (&target);
  g_clear_object (&people);
  g_clear_object (&root);
  g_clear_object (&orb);
  stop_daemon ();
  return 0;
}
