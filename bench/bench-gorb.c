/* bench-gorb.c - the RPC workloads W1-W5 of DESIGN.md through gorb (peer=gorb): generated-style
 * stubs (bench-service.{h,c}, from Bench.idl), a GorbOrb on each side, CDR, the ZeroMQ
 * transport over TCP; measured by the same harness as the raw ZeroMQ floor (gorb-bench.h).
 *
 *   gorb-bench-gorb server ENDPOINT   exports a Bench::Service servant on ENDPOINT (port 0
 *                                     picks a free one), prints its gorb: reference on stdout
 *                                     first and serves until SIGTERM or SIGINT
 *   gorb-bench-gorb client REFERENCE  runs the workloads of gorb-bench.h against it:
 *                                     W1 ping, W2 echo, W3 echoPeople, W4 ping from several
 *                                     threads (the ORB gives each thread its own channel, so
 *                                     each its own connection), W5 ping_async, many in flight
 */
#include "bench-service.h"
#include "gorb-bench.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define PEER "gorb"
#define COMPLETE_TIMEOUT_MS 30000 /* W5: the longest wait for one completion */

/* The harness's persons are the IDL's Bench::Person, field for field. */
G_STATIC_ASSERT (sizeof (BenchPerson) == sizeof (GorbBenchPerson));
G_STATIC_ASSERT (G_STRUCT_OFFSET (BenchPerson, name) == G_STRUCT_OFFSET (GorbBenchPerson, name));
G_STATIC_ASSERT (G_STRUCT_OFFSET (BenchPerson, place) == G_STRUCT_OFFSET (GorbBenchPerson, place));
G_STATIC_ASSERT (G_STRUCT_OFFSET (BenchPerson, year) == G_STRUCT_OFFSET (GorbBenchPerson, year));

/* ---- server ---- */

#define BENCH_TYPE_SERVANT (bench_servant_get_type ())
G_DECLARE_FINAL_TYPE (BenchServant, bench_servant, BENCH, SERVANT, GObject)

struct _BenchServant
{
  GObject parent_instance;
};

static void bench_servant_iface_init (BenchServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchServant, bench_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BENCH_TYPE_SERVICE, bench_servant_iface_init))

static gboolean
servant_ping (BenchService *self, GError **error)
{
  return TRUE;
}

static gboolean
servant_echo (BenchService *self, const BenchOctets *data, BenchOctets *result, GError **error)
{
  gorb_value_copy (&bench_octets_desc, data, result);
  return TRUE;
}

static gboolean
servant_echo_people (BenchService *self, const BenchPersonSeq *people, BenchPersonSeq *result,
                     GError **error)
{
  gorb_value_copy (&bench_person_seq_desc, people, result);
  return TRUE;
}

static void
bench_servant_iface_init (BenchServiceInterface *iface)
{
  iface->ping = servant_ping;
  iface->echo = servant_echo;
  iface->echo_people = servant_echo_people;
}

static void
bench_servant_class_init (BenchServantClass *klass)
{
}

static void
bench_servant_init (BenchServant *self)
{
}

static gboolean
on_stop_signal (gpointer orb)
{
  gorb_orb_shutdown (orb);
  return G_SOURCE_CONTINUE; /* removed by serve() */
}

static int
serve (const char *endpoint)
{
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (BenchServant) servant = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;
  const char *endpoints[] = { endpoint, NULL };
  guint sigterm_id, sigint_id;

  gorb_orb_config_init (&config);
  config.endpoints = g_strdupv ((char **) endpoints);
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb == NULL)
    {
      fprintf (stderr, "gorb-bench-gorb: %s\n", error->message);
      return 1;
    }
  /* Every method is quick and never blocks or calls out, so all of them run on the listener
   * thread that read the request (GORB_THREAD_POLICY_LISTENER): no hand-off to a pool thread
   * on the way in or out, as DESIGN.md asks of a quick servant method. A servant whose
   * methods could block would take the default POOL policy instead. */
  servant = g_object_new (BENCH_TYPE_SERVANT, NULL);
  ref = gorb_orb_export (orb, G_OBJECT (servant), GORB_THREAD_POLICY_LISTENER, &error);
  if (ref == NULL)
    {
      fprintf (stderr, "gorb-bench-gorb: cannot export: %s\n", error->message);
      return 1;
    }
  text = gorb_ref_to_string (ref);
  printf ("%s\n", text);
  fflush (stdout);
  fprintf (stderr, "gorb-bench-gorb: serving %s\n", gorb_ref_get_endpoint (ref));

  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, orb);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, orb);
  gorb_orb_run (orb);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  gorb_orb_unexport (orb, G_OBJECT (servant));
  return 0;
}

/* ---- client ---- */

typedef struct
{
  BenchService *service; /* the proxy */
  /* W2: the request, built once, and the last reply */
  BenchOctets request;
  BenchOctets reply;
  /* W3: the persons sent (the harness's, viewed as Bench::Person) and the last reply */
  GorbBenchPerson *people;
  BenchPersonSeq people_seq;
  BenchPersonSeq people_back;
  /* W5 */
  guint completed, consumed;
  GError *async_error; /* the first failure of a pipelined call */
} Client;

static gboolean
w1_call (gpointer data, GError **error)
{
  return bench_service_ping (((Client *) data)->service, error);
}

static gboolean
w2_call (gpointer data, GError **error)
{
  Client *c = data;

  if (!bench_service_echo (c->service, &c->request, &c->reply, error))
    return FALSE;
  if (c->reply.len != c->request.len)
    {
      g_set_error (error, GORB_BENCH_ERROR, 0, "echo of %u bytes came back with %u", c->request.len,
                   c->reply.len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
w2_check (gpointer data, GError **error)
{
  Client *c = data;

  if (memcmp (c->reply.data, c->request.data, c->request.len) != 0)
    {
      g_set_error_literal (error, GORB_BENCH_ERROR, 0, "the echo differs from the request");
      return FALSE;
    }
  return TRUE;
}

static void
w2_release (gpointer data)
{
  gorb_value_clear (&bench_octets_desc, &((Client *) data)->reply);
}

static void
run_w2 (Client *c, const GorbBenchConfig *cfg)
{
  for (guint k = 0; k < cfg->w2_count; k++)
    {
      const GorbBenchW2Size *s = &cfg->w2[k];
      g_autofree char *label = g_strdup_printf ("size=%zu", s->size);
      GorbBenchLoop loop
          = { PEER, "W2", label, s->warm, s->n, s->size, w2_call, w2_check, w2_release, c };

      c->request.len = (guint32) s->size;
      c->request.data = g_malloc (s->size);
      gorb_bench_fill_payload (c->request.data, s->size);
      gorb_bench_run_loop (&loop);
      gorb_value_clear (&bench_octets_desc, &c->request);
    }
}

static gboolean
w3_call (gpointer data, GError **error)
{
  Client *c = data;

  if (!bench_service_echo_people (c->service, &c->people_seq, &c->people_back, error))
    return FALSE;
  if (c->people_back.len != GORB_BENCH_PERSONS)
    {
      g_set_error (error, GORB_BENCH_ERROR, 0, "expected %d persons, got %u", GORB_BENCH_PERSONS,
                   c->people_back.len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
w3_check (gpointer data, GError **error)
{
  Client *c = data;

  if (!gorb_bench_people_equal (c->people, (const GorbBenchPerson *) c->people_back.data,
                                GORB_BENCH_PERSONS))
    {
      g_set_error_literal (error, GORB_BENCH_ERROR, 0, "the persons differ from those sent");
      return FALSE;
    }
  return TRUE;
}

static void
w3_release (gpointer data)
{
  gorb_value_clear (&bench_person_seq_desc, &((Client *) data)->people_back);
}

/* W4: the proxy is shared; each thread's calls go through that thread's own channel */

static gpointer
w4_open (gpointer data, guint index, GError **error)
{
  return g_object_ref (((Client *) data)->service);
}

static gboolean
w4_ping (gpointer connection, GError **error)
{
  return bench_service_ping (connection, error);
}

static void
w4_close (gpointer connection)
{
  g_object_unref (connection);
}

/* W5: ping_async completes in this thread's default GMainContext */

static void
on_ping_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *c = user_data;
  GError *error = NULL;

  if (!bench_service_ping_finish (BENCH_SERVICE (source), result, &error))
    {
      if (c->async_error == NULL)
        c->async_error = error;
      else
        g_error_free (error);
    }
  c->completed++;
}

static gboolean
w5_issue (gpointer data, GError **error)
{
  Client *c = data;

  bench_service_ping_async (c->service, NULL, on_ping_done, c);
  return TRUE;
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
w5_complete (gpointer data, GError **error)
{
  Client *c = data;
  gint64 deadline = g_get_monotonic_time () + (gint64) COMPLETE_TIMEOUT_MS * 1000;
  guint wake = 0;

  while (c->completed == c->consumed && c->async_error == NULL)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        {
          if (wake == 0) /* idle: block, but wake up to see the deadline */
            wake = g_timeout_add (100, on_wake, NULL);
          if (g_get_monotonic_time () >= deadline)
            {
              g_source_remove (wake);
              g_set_error (error, GORB_BENCH_ERROR, 0, "no call completed within %d ms",
                           COMPLETE_TIMEOUT_MS);
              return FALSE;
            }
          g_main_context_iteration (NULL, TRUE);
        }
    }
  if (wake != 0)
    g_source_remove (wake);
  if (c->async_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&c->async_error));
      return FALSE;
    }
  c->consumed++;
  return TRUE;
}

static int
run_client (const char *reference)
{
  GorbBenchConfig cfg;
  Client c = { 0 };
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  GObject *object;

  gorb_bench_config_init (&cfg);
  gorb_orb_config_init (&config); /* the defaults: CDR, 30 s call timeout */
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb == NULL)
    gorb_bench_fail (PEER, "-", "%s", error->message);
  g_type_ensure (BENCH_TYPE_SERVICE);
  object = gorb_orb_resolve_string (orb, reference, &error);
  if (object == NULL)
    gorb_bench_fail (PEER, "-", "%s", error->message);
  if (!BENCH_IS_SERVICE (object))
    gorb_bench_fail (PEER, "-", "the reference is not a Bench::Service");
  c.service = BENCH_SERVICE (object);

  if (gorb_bench_config_wants (&cfg, "W1"))
    {
      GorbBenchLoop loop = { PEER, "W1", NULL, cfg.w1_warm, cfg.w1_n, 0, w1_call, NULL, NULL, &c };
      gorb_bench_run_loop (&loop);
    }
  if (gorb_bench_config_wants (&cfg, "W2"))
    run_w2 (&c, &cfg);
  if (gorb_bench_config_wants (&cfg, "W3"))
    {
      GorbBenchLoop loop = { PEER, "W3",    "persons=100", cfg.w3_warm, cfg.w3_n,
                             0,    w3_call, w3_check,      w3_release,  &c };
      c.people = gorb_bench_people_new (GORB_BENCH_PERSONS);
      c.people_seq.data = (BenchPerson *) c.people; /* borrowed: the harness frees them */
      c.people_seq.len = GORB_BENCH_PERSONS;
      gorb_bench_run_loop (&loop);
      gorb_bench_people_free (c.people, GORB_BENCH_PERSONS);
    }
  if (gorb_bench_config_wants (&cfg, "W4"))
    {
      GorbBenchParallel parallel = { PEER, w4_open, w4_ping, w4_close, &c };
      gorb_bench_run_w4 (&cfg, &parallel);
    }
  if (gorb_bench_config_wants (&cfg, "W5"))
    {
      GorbBenchPipeline pipeline = { PEER, w5_issue, w5_complete, &c };
      gorb_bench_run_w5 (&cfg, &pipeline);
    }

  g_object_unref (c.service);
  gorb_bench_config_clear (&cfg);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "server") == 0)
    return serve (argv[2]);
  if (argc == 3 && strcmp (argv[1], "client") == 0)
    return run_client (argv[2]);
  fprintf (stderr,
           "usage: %s server ENDPOINT    (e.g. tcp://127.0.0.1:0)\n"
           "       %s client REFERENCE   (the gorb: line the server printed)\n",
           argv[0], argv[0]);
  return 2;
}
