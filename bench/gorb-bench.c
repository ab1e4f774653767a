/* gorb-bench.c - the harness of the RPC benchmarks; see gorb-bench.h for the rules. */
#include "gorb-bench.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

GQuark
gorb_bench_error_quark (void)
{
  return g_quark_from_static_string ("gorb-bench-error-quark");
}

/* ---- configuration ---- */

static G_NORETURN void config_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
config_fail (const char *format, ...)
{
  va_list ap;

  fputs ("gorb-bench: bad environment: ", stderr);
  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (1);
}

static const char *
env_value (const char *name)
{
  const char *v = g_getenv (name);
  return v != NULL && *v != '\0' ? v : NULL;
}

static guint
env_uint (const char *name, guint fallback, guint min, guint max)
{
  const char *v = env_value (name);
  g_autoptr (GError) error = NULL;
  guint64 x;

  if (v == NULL)
    return fallback;
  if (!g_ascii_string_to_unsigned (v, 10, min, max, &x, &error))
    config_fail ("%s=%s: %s", name, v, error->message);
  return (guint) x;
}

static double
env_positive_double (const char *name, double fallback)
{
  const char *v = env_value (name);
  char *end;
  double x;

  if (v == NULL)
    return fallback;
  x = g_ascii_strtod (v, &end);
  if (*end != '\0' || !isfinite (x) || x <= 0)
    config_fail ("%s=%s: not a positive number", name, v);
  return x;
}

static char **
parse_workloads (void)
{
  const char *v = env_value ("BENCH_WORKLOADS");
  g_auto (GStrv) parts = g_strsplit (v != NULL ? v : "W1,W2,W3,W4,W5", ",", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *w = g_ascii_strup (g_strstrip (parts[i]), -1);
      if (*w == '\0')
        {
          g_free (w);
          continue;
        }
      if (strlen (w) != 2 || w[0] != 'W' || w[1] < '1' || w[1] > '5')
        config_fail ("BENCH_WORKLOADS=%s: unknown workload \"%s\" (W1..W5)", v, parts[i]);
      g_ptr_array_add (out, w);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
parse_w2 (GorbBenchConfig *cfg)
{
  const char *v = env_value ("BENCH_W2_SIZES");
  g_auto (GStrv) parts = g_strsplit (v != NULL ? v : "1024,65536,1048576", ",", -1);
  double scale = env_positive_double ("BENCH_W2_SCALE", 1.0);

  cfg->w2_count = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *s = g_strstrip (parts[i]);
      g_autoptr (GError) error = NULL;
      GorbBenchW2Size *e;
      guint64 size;

      if (*s == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (s, 10, 1, 256 * 1024 * 1024, &size, &error))
        config_fail ("BENCH_W2_SIZES=%s: \"%s\": %s", v, s, error->message);
      if (cfg->w2_count == GORB_BENCH_W2_MAX_SIZES)
        config_fail ("BENCH_W2_SIZES=%s: more than %d sizes", v, GORB_BENCH_W2_MAX_SIZES);
      e = &cfg->w2[cfg->w2_count++];
      e->size = size;
      /* the counts of the next default size up */
      e->warm = size <= 1024 ? 1000 : size <= 65536 ? 200 : 20;
      e->n = size <= 1024 ? 10000 : size <= 65536 ? 2000 : 200;
      e->warm = (guint) (e->warm * scale);
      e->n = MAX (1, (guint) (e->n * scale));
    }
}

void
gorb_bench_config_init (GorbBenchConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->workloads = parse_workloads ();
  cfg->w1_warm = env_uint ("BENCH_W1_WARM", 2000, 0, G_MAXUINT32 / 2);
  cfg->w1_n = env_uint ("BENCH_W1_N", 20000, 1, G_MAXUINT32 / 2);
  parse_w2 (cfg);
  cfg->w3_warm = env_uint ("BENCH_W3_WARM", 500, 0, G_MAXUINT32 / 2);
  cfg->w3_n = env_uint ("BENCH_W3_N", 5000, 1, G_MAXUINT32 / 2);
  cfg->w4_threads = env_uint ("BENCH_W4_THREADS", 4, 1, GORB_BENCH_W4_MAX_THREADS);
  cfg->w4_warm = env_uint ("BENCH_W4_WARM", 200, 0, G_MAXUINT32 / 2);
  cfg->w4_secs = env_positive_double ("BENCH_W4_SECS", 5.0);
  cfg->w5_warm = env_uint ("BENCH_W5_WARM", 5000, 0, G_MAXUINT32 / 2);
  cfg->w5_n = env_uint ("BENCH_W5_N", 50000, 1, G_MAXUINT32 / 2);
  cfg->w5_window = env_uint ("BENCH_W5_WINDOW", 64, 1, 100000);
}

void
gorb_bench_config_clear (GorbBenchConfig *cfg)
{
  g_clear_pointer (&cfg->workloads, g_strfreev);
}

gboolean
gorb_bench_config_wants (const GorbBenchConfig *cfg, const char *workload)
{
  return g_strv_contains ((const char *const *) cfg->workloads, workload);
}

/* ---- clock, statistics, failure ---- */

guint64
gorb_bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

double
gorb_bench_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (double) ru.ru_utime.tv_sec + (double) ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

guint64
gorb_bench_percentile (const guint64 *sorted, gsize n, guint pct)
{
  gsize rank = (gsize) (((guint64) n * pct + 99) / 100); /* ceil (n * pct / 100) */

  return sorted[CLAMP (rank, 1, n) - 1];
}

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

void
gorb_bench_fail (const char *peer, const char *workload, const char *format, ...)
{
  va_list ap;
  char *what;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_strdelimit (what, "\"\n", '\'');
  fflush (stdout);
  fprintf (stderr, "peer=%s workload=%s FAILED: %s\n", peer, workload, what);
  printf ("peer=%s workload=%s error=\"%s\"\n", peer, workload, what);
  fflush (stdout);
  g_free (what);
  exit (1);
}

/* ---- test data ---- */

void
gorb_bench_fill_payload (guint8 *data, gsize size)
{
  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 131 + 7);
}

GorbBenchPerson *
gorb_bench_people_new (guint n)
{
  GorbBenchPerson *people = g_new0 (GorbBenchPerson, n);

  for (guint i = 0; i < n; i++)
    {
      people[i].name = g_strdup_printf ("name-%05u", i);
      people[i].place = g_strdup_printf ("city-%05u", (guint) ((guint64) i * 7919 % 100000));
      people[i].year = (gint32) (1900 + i);
    }
  return people;
}

void
gorb_bench_people_free (GorbBenchPerson *people, guint n)
{
  if (people == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_free (people[i].name);
      g_free (people[i].place);
    }
  g_free (people);
}

gboolean
gorb_bench_people_equal (const GorbBenchPerson *a, const GorbBenchPerson *b, guint n)
{
  for (guint i = 0; i < n; i++)
    if (a[i].year != b[i].year || strcmp (a[i].name, b[i].name) != 0
        || strcmp (a[i].place, b[i].place) != 0)
      return FALSE;
  return TRUE;
}

static guint8 *
put_u32 (guint8 *out, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (out, &v, 4);
  return out + 4;
}

static guint8 *
put_string (guint8 *out, const char *s)
{
  gsize len = strlen (s);

  out = put_u32 (out, (guint32) len);
  memcpy (out, s, len);
  return out + len;
}

gsize
gorb_bench_people_packed_size (const GorbBenchPerson *people, guint n)
{
  gsize size = 4;

  for (guint i = 0; i < n; i++)
    size += 12 + strlen (people[i].name) + strlen (people[i].place);
  return size;
}

gsize
gorb_bench_people_pack (const GorbBenchPerson *people, guint n, guint8 *out)
{
  guint8 *o = put_u32 (out, n);

  for (guint i = 0; i < n; i++)
    {
      o = put_u32 (o, (guint32) people[i].year);
      o = put_string (o, people[i].name);
      o = put_string (o, people[i].place);
    }
  return (gsize) (o - out);
}

typedef struct
{
  const guint8 *p, *end;
} Input;

static gboolean
get_u32 (Input *in, guint32 *v)
{
  if (in->end - in->p < 4)
    return FALSE;
  memcpy (v, in->p, 4);
  *v = GUINT32_FROM_LE (*v);
  in->p += 4;
  return TRUE;
}

static char *
get_string (Input *in)
{
  guint32 len;
  char *s;

  if (!get_u32 (in, &len) || (gsize) (in->end - in->p) < len)
    return NULL;
  s = g_malloc (len + 1);
  memcpy (s, in->p, len);
  s[len] = '\0';
  in->p += len;
  return s;
}

GorbBenchPerson *
gorb_bench_people_unpack (const guint8 *data, gsize size, guint *n)
{
  Input in = { data, data + size };
  GorbBenchPerson *people;
  guint32 count, year;

  if (!get_u32 (&in, &count) || count > (size - 4) / 12)
    return NULL;
  people = g_new0 (GorbBenchPerson, count);
  for (guint i = 0; i < count; i++)
    {
      if (!get_u32 (&in, &year) || (people[i].name = get_string (&in)) == NULL
          || (people[i].place = get_string (&in)) == NULL)
        {
          gorb_bench_people_free (people, i + 1);
          return NULL;
        }
      people[i].year = (gint32) year;
    }
  if (in.p != in.end)
    {
      gorb_bench_people_free (people, count);
      return NULL;
    }
  *n = count;
  return people;
}

/* ---- W1-W3 ---- */

void
gorb_bench_run_loop (const GorbBenchLoop *loop)
{
  g_autofree char *what = g_strdup_printf ("%s%s%s", loop->workload, loop->label ? " " : "",
                                           loop->label ? loop->label : "");
  guint64 *samples = g_new (guint64, loop->n);
  guint total = loop->warm + loop->n;
  guint64 start = 0, end = 0;
  double median_us, p99_us;

  for (guint i = 0; i < total; i++)
    {
      GError *error = NULL;
      guint64 t0 = gorb_bench_now_ns ();

      if (!loop->call (loop->data, &error))
        gorb_bench_fail (loop->peer, what, "call %u of %u (%u warm-up): %s", i + 1, total,
                         loop->warm, error->message);
      end = gorb_bench_now_ns ();
      if (i >= loop->warm)
        {
          if (i == loop->warm)
            start = t0;
          samples[i - loop->warm] = end - t0;
        }
      if ((i == 0 || i == loop->warm || i == total - 1) && loop->check != NULL
          && !loop->check (loop->data, &error))
        gorb_bench_fail (loop->peer, what, "reply to call %u of %u: %s", i + 1, total,
                         error->message);
      if (loop->release != NULL)
        loop->release (loop->data);
    }

  qsort (samples, loop->n, sizeof *samples, compare_u64);
  median_us = gorb_bench_percentile (samples, loop->n, 50) / 1e3;
  p99_us = gorb_bench_percentile (samples, loop->n, 99) / 1e3;
  printf ("peer=%s workload=%s n=%u median_us=%.2f p99_us=%.2f calls_per_s=%.0f", loop->peer, what,
          loop->n, median_us, p99_us, loop->n / ((end - start) / 1e9));
  if (loop->payload > 0)
    printf (" MB_per_s=%.1f", loop->payload / median_us); /* bytes per µs = MB/s */
  putchar ('\n');
  fflush (stdout);
  g_free (samples);
}

/* ---- W4 ---- */

typedef struct
{
  const GorbBenchConfig *cfg;
  const GorbBenchParallel *parallel;
  guint index;
  pthread_barrier_t *ready, *go;
  const guint64 *deadline;
  guint64 calls, end_ns;
  GError *error;
} W4Thread;

static gpointer
w4_thread (gpointer data)
{
  W4Thread *t = data;
  const GorbBenchParallel *par = t->parallel;
  gpointer conn = par->open (par->data, t->index, &t->error);

  if (conn == NULL && t->error == NULL)
    t->error = g_error_new_literal (GORB_BENCH_ERROR, 0, "cannot open a connection");
  for (guint i = 0; t->error == NULL && i < t->cfg->w4_warm; i++)
    if (!par->ping (conn, &t->error) && t->error == NULL)
      t->error = g_error_new_literal (GORB_BENCH_ERROR, 0, "warm-up call failed");
  pthread_barrier_wait (t->ready);
  pthread_barrier_wait (t->go); /* *t->deadline is set before this */
  if (t->error == NULL)
    while (gorb_bench_now_ns () < *t->deadline)
      {
        if (!par->ping (conn, &t->error))
          {
            if (t->error == NULL)
              t->error = g_error_new_literal (GORB_BENCH_ERROR, 0, "call failed");
            break;
          }
        t->calls++;
      }
  t->end_ns = gorb_bench_now_ns ();
  if (conn != NULL)
    par->close (conn);
  return NULL;
}

static G_NORETURN void
w4_fail (const GorbBenchParallel *par, const W4Thread *threads, guint n)
{
  for (guint i = 0; i < n; i++)
    if (threads[i].error != NULL)
      gorb_bench_fail (par->peer, "W4", "client thread %u: %s", i, threads[i].error->message);
  gorb_bench_fail (par->peer, "W4", "failed"); /* not reached */
}

void
gorb_bench_run_w4 (const GorbBenchConfig *cfg, const GorbBenchParallel *parallel)
{
  guint n = cfg->w4_threads;
  W4Thread *threads = g_new0 (W4Thread, n);
  GThread **handles = g_new (GThread *, n);
  pthread_barrier_t ready, go;
  guint64 deadline = 0, start, end = 0, calls = 0;
  gboolean failed = FALSE;
  double cpu0, cpu1;

  pthread_barrier_init (&ready, NULL, n + 1);
  pthread_barrier_init (&go, NULL, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("bench-w4-%u", i);
      threads[i] = (W4Thread){ cfg, parallel, i, &ready, &go, &deadline, 0, 0, NULL };
      handles[i] = g_thread_new (name, w4_thread, &threads[i]);
    }
  pthread_barrier_wait (&ready); /* every client connected and warmed up */
  for (guint i = 0; i < n; i++)
    failed |= threads[i].error != NULL;
  cpu0 = gorb_bench_cpu_s ();
  start = gorb_bench_now_ns ();
  deadline = failed ? 0 : start + (guint64) (cfg->w4_secs * 1e9);
  pthread_barrier_wait (&go);
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (handles[i]);
      calls += threads[i].calls;
      end = MAX (end, threads[i].end_ns);
      failed |= threads[i].error != NULL;
    }
  cpu1 = gorb_bench_cpu_s ();
  pthread_barrier_destroy (&ready);
  pthread_barrier_destroy (&go);
  if (failed)
    w4_fail (parallel, threads, n);

  printf ("peer=%s workload=W4 threads=%u secs=%g calls=%" G_GUINT64_FORMAT
          " calls_per_s=%.0f client_cpu_s=%.2f\n",
          parallel->peer, n, cfg->w4_secs, calls, calls / ((end - start) / 1e9), cpu1 - cpu0);
  fflush (stdout);
  g_free (handles);
  g_free (threads);
}

/* ---- W5 ---- */

static void
pipeline_run (const GorbBenchPipeline *p, guint n, guint window, const char *phase)
{
  guint issued = 0, done = 0;
  GError *error = NULL;

  while (done < n)
    {
      while (issued < n && issued - done < window)
        {
          if (!p->issue (p->data, &error))
            gorb_bench_fail (p->peer, "W5", "%s: issuing call %u of %u: %s", phase, issued + 1, n,
                             error->message);
          issued++;
        }
      if (!p->complete (p->data, &error))
        gorb_bench_fail (p->peer, "W5", "%s: completing call %u of %u: %s", phase, done + 1, n,
                         error->message);
      done++;
    }
}

void
gorb_bench_run_w5 (const GorbBenchConfig *cfg, const GorbBenchPipeline *pipeline)
{
  guint64 start;
  double secs;

  if (cfg->w5_warm > 0)
    pipeline_run (pipeline, cfg->w5_warm, cfg->w5_window, "warm-up");
  start = gorb_bench_now_ns ();
  pipeline_run (pipeline, cfg->w5_n, cfg->w5_window, "timed");
  secs = (gorb_bench_now_ns () - start) / 1e9;
  printf ("peer=%s workload=W5 window=%u n=%u calls_per_s=%.0f\n", pipeline->peer, cfg->w5_window,
          cfg->w5_n, cfg->w5_n / secs);
  fflush (stdout);
}
