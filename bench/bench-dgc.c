/* bench-dgc.c - the cost of distributed GC (gorb-bench-dgc)
 *
 *   gorb-bench-dgc     (BENCH_DGC_N [100000], BENCH_DGC_LEASE_MS [2000],
 *                       BENCH_DGC_PERIODS [4], BENCH_DGC_CHURN_SECS [3])
 *
 * Two ORBs in one process, over tcp://127.0.0.1: a server exports N
 * collectable objects, a client makes a proxy for each and holds them.
 * Prints one line:
 *
 *   peer=gorb workload=DGC n=… server_bytes_per_object=… client_bytes_per_proxy=…
 *     renewals_per_period=… server_dirty_per_period=… renewal_kib=…
 *     cpu_ms_per_renewal=… create_drop_per_s=… messages_per_create_drop=…
 *
 * Memory: the growth of the resident set while exporting (server side:
 * servant, export, reference, lease-table entry) and while making the
 * proxies (client side: the proxy, its table entries, its DGC entry).
 * Renewal: over BENCH_DGC_PERIODS half-lease periods, the renewal messages
 * the client sent and the dirty calls the server got, and the CPU time of
 * the whole process (both ends: encode, send, decode, table updates) per
 * renewal. Churn: for BENCH_DGC_CHURN_SECS, rounds of 1000 new objects
 * exported, resolved, held 20 ms (so their dirty goes), dropped (so their
 * clean goes), collected; the rate of such objects and the DGC messages
 * each cost.
 */
#include "BenchDgc.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define BENCH_DGC_TYPE_THING_SERVANT (bench_dgc_thing_servant_get_type ())
G_DECLARE_FINAL_TYPE (BenchDgcThingServant, bench_dgc_thing_servant, BENCH_DGC, THING_SERVANT,
                      GObject)

struct _BenchDgcThingServant
{
  GObject parent_instance;
};

static gint32
thing_id (BenchDgcThing *thing, GError **error)
{
  return 1;
}

static void
thing_iface_init (BenchDgcThingInterface *iface)
{
  iface->id = thing_id;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchDgcThingServant, bench_dgc_thing_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BENCH_DGC_TYPE_THING, thing_iface_init))

static void
bench_dgc_thing_servant_class_init (BenchDgcThingServantClass *klass)
{
}

static void
bench_dgc_thing_servant_init (BenchDgcThingServant *self)
{
}

static guint
env_uint (const char *name, guint fallback)
{
  const char *v = g_getenv (name);
  return v != NULL && *v != '\0' ? (guint) strtoul (v, NULL, 10) : fallback;
}

static gint64
rss_bytes (void)
{
  FILE *f = fopen ("/proc/self/statm", "r");
  long size = 0, resident = 0;

  if (f == NULL)
    return 0;
  if (fscanf (f, "%ld %ld", &size, &resident) != 2)
    resident = 0;
  fclose (f);
  return (gint64) resident * sysconf (_SC_PAGESIZE);
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (double) ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double) ru.ru_stime.tv_sec
         + ru.ru_stime.tv_usec / 1e6;
}

static GorbOrb *
new_orb (guint lease_ms, gboolean server)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.lease_ms = lease_ms;
  if (server)
    config.endpoints = g_strsplit ("tcp://127.0.0.1:0", ";", -1);
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb == NULL)
    g_error ("%s", error->message);
  return orb;
}

static GorbRef *
export_thing (GorbOrb *orb)
{
  g_autoptr (GObject) servant = g_object_new (BENCH_DGC_TYPE_THING_SERVANT, NULL);
  g_autoptr (GError) error = NULL;
  GorbRef *ref = gorb_orb_export (orb, servant, GORB_THREAD_POLICY_LISTENER, &error);

  if (ref == NULL)
    g_error ("%s", error->message);
  return ref; /* only the ORB holds the servant now */
}

static void
wait_for (GorbOrb *orb, guint holders, guint exported)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  GorbOrbDgcStats s;

  for (;;)
    {
      gorb_orb_get_dgc_stats (orb, &s);
      if (s.holders == holders && (exported == G_MAXUINT || s.exported == exported))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out: %u holders, %u exported", s.holders, s.exported);
      g_usleep (5000);
    }
}

int
main (void)
{
  guint n = env_uint ("BENCH_DGC_N", 100000);
  guint lease_ms = env_uint ("BENCH_DGC_LEASE_MS", 2000);
  guint periods = env_uint ("BENCH_DGC_PERIODS", 4);
  guint churn_secs = env_uint ("BENCH_DGC_CHURN_SECS", 3);
  g_autoptr (GorbOrb) server = new_orb (lease_ms, TRUE);
  g_autoptr (GorbOrb) client = new_orb (lease_ms, FALSE);
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) gorb_ref_unref);
  g_autoptr (GPtrArray) proxies = g_ptr_array_new_with_free_func (g_object_unref);
  GorbOrbDgcStats c0, c1, s0, s1;
  gint64 rss0, rss1, rss2, t0, t1;
  double cpu0, cpu1, churn_rate, window_periods;
  guint64 churned = 0, churn_msgs;

  g_type_ensure (BENCH_DGC_TYPE_THING);
  g_ptr_array_add (refs, export_thing (server)); /* binds the listener first */
  rss0 = rss_bytes ();
  for (guint i = 1; i < n; i++)
    g_ptr_array_add (refs, export_thing (server));
  rss1 = rss_bytes ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      GObject *proxy = gorb_orb_resolve (client, refs->pdata[i], &error);

      if (proxy == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (proxies, proxy);
    }
  rss2 = rss_bytes ();
  wait_for (server, n, G_MAXUINT);

  /* renewals over a window of @periods half leases */
  g_usleep ((gulong) lease_ms * 250);
  gorb_orb_get_dgc_stats (client, &c0);
  gorb_orb_get_dgc_stats (server, &s0);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  g_usleep ((gulong) periods * lease_ms * 500);
  t1 = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();
  gorb_orb_get_dgc_stats (client, &c1);
  gorb_orb_get_dgc_stats (server, &s1);
  window_periods = (double) (t1 - t0) / (lease_ms * 500.0);

  /* let go of everything, then churn */
  g_clear_pointer (&proxies, g_ptr_array_unref);
  g_clear_pointer (&refs, g_ptr_array_unref);
  wait_for (server, 0, 0);
  {
    GorbOrbDgcStats before, after;
    gint64 end;

    gorb_orb_get_dgc_stats (client, &before);
    t0 = g_get_monotonic_time ();
    end = t0 + (gint64) churn_secs * G_TIME_SPAN_SECOND;
    while (g_get_monotonic_time () < end)
      {
        g_autoptr (GPtrArray) round = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; i < 1000; i++)
          {
            g_autoptr (GorbRef) ref = export_thing (server);
            g_ptr_array_add (round, gorb_orb_resolve (client, ref, NULL));
          }
        g_usleep (20000);
        churned += round->len;
      }
    wait_for (server, 0, 0);
    churn_rate = churned / ((g_get_monotonic_time () - t0) / 1e6);
    gorb_orb_get_dgc_stats (client, &after);
    churn_msgs = (after.dirty_sent - before.dirty_sent) + (after.clean_sent - before.clean_sent);
  }

  {
    double elapsed_periods = window_periods;
    guint64 renewals = c1.renewals_sent - c0.renewals_sent;

    printf ("peer=gorb workload=DGC n=%u lease_ms=%u server_bytes_per_object=%.0f "
            "client_bytes_per_proxy=%.0f renewals_per_period=%.2f server_dirty_per_period=%.2f "
            "renewal_kib=%.1f cpu_ms_per_renewal=%.2f create_drop_per_s=%.0f "
            "messages_per_create_drop=%.4f\n",
            n, lease_ms, (double) (rss1 - rss0) / (n - 1), (double) (rss2 - rss1) / n,
            renewals / elapsed_periods, (s1.dirty_calls - s0.dirty_calls) / elapsed_periods,
            n * 8 / 1024.0, renewals > 0 ? (cpu1 - cpu0) * 1000 / renewals : 0.0, churn_rate,
            churned > 0 ? (double) churn_msgs / churned : 0.0);
  }
  gorb_orb_shutdown (client);
  gorb_orb_shutdown (server);
  return 0;
}
