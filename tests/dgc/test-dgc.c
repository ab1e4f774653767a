/* tests/dgc/test-dgc.c - distributed GC with real processes: leases kept,
 * renewed, let go; killed clients; several holders; references in transit;
 * 10,000 proxies renewed by one message per period; faults injected
 *
 * Every test starts its own server (gorb-test-dgc-server, lease 1 s, pins
 * 3 s) and, where it needs a third process, more of them: process C holds
 * references through DgcTest::Factory.hold(). The test process is client
 * A. No timing assertions: waits poll with generous deadlines; "stays
 * alive" is checked after several lease periods.
 */
#include "DgcTest.h"
#include "dgc.h"
#include "gorb-dgc-private.h"
#include "gorb-test-daemon.h"
#include "gorb-test.h"
#include "naming-test-util.h"

#include <signal.h>

#define LEASE_MS 1000
#define PIN_MS 3000
#define DEADLINE_MS 20000

static struct
{
  GorbTestDaemon *server;
  GorbOrb *orb;
  DgcTestFactory *factory;
  GorbRef *factory_ref;
  GPtrArray *others; /* GorbTestDaemon *: processes C */
} fx;

static GorbOrb *
new_orb (void)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.lease_ms = LEASE_MS;
  config.dgc_pin_ms = PIN_MS;
  config.call_timeout_ms = 10000;
  orb = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  return orb;
}

static GorbTestDaemon *
start_server (const char *extra, const char *extra_value, GorbRef **ref)
{
  g_autofree char *lease = g_strdup_printf ("%u", LEASE_MS);
  g_autofree char *pin = g_strdup_printf ("%u", PIN_MS);
  const char *argv[] = { GORB_DGC_SERVER, "--gorb-lease-ms", lease, "--gorb-dgc-pin-ms", pin,
                         extra,           extra_value,       NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  GorbTestDaemon *daemon = gorb_test_daemon_start (argv, &line, &error);

  GORB_ASSERT_NO_ERROR (error);
  *ref = gorb_ref_parse (line, &error);
  GORB_ASSERT_NO_ERROR (error);
  return daemon;
}

static DgcTestFactory *
factory_of (GorbRef *ref)
{
  g_autoptr (GError) error = NULL;
  GObject *object = gorb_orb_resolve (fx.orb, ref, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (DGC_TEST_IS_FACTORY (object));
  return DGC_TEST_FACTORY (object);
}

/* A process C: another server, whose factory holds references. */
static DgcTestFactory *
start_other (const char *extra, const char *extra_value)
{
  g_autoptr (GorbRef) ref = NULL;

  g_ptr_array_add (fx.others, start_server (extra, extra_value, &ref));
  return factory_of (ref);
}

static void
setup (void)
{
  g_type_ensure (DGC_TEST_TYPE_THING);
  g_type_ensure (DGC_TEST_TYPE_FACTORY);
  fx.orb = new_orb ();
  fx.others = g_ptr_array_new ();
  fx.server = start_server (NULL, NULL, &fx.factory_ref);
  fx.factory = factory_of (fx.factory_ref);
}

static void
teardown (void)
{
  g_clear_object (&fx.factory);
  g_clear_pointer (&fx.factory_ref, gorb_ref_unref);
  for (guint i = 0; i < fx.others->len; i++)
    gorb_test_daemon_stop (fx.others->pdata[i]);
  g_ptr_array_unref (fx.others);
  gorb_test_daemon_stop (fx.server);
  gorb_orb_shutdown (fx.orb);
  g_clear_object (&fx.orb);
}

static gint32
alive (void)
{
  g_autoptr (GError) error = NULL;
  gint32 n = dgc_test_factory_alive (fx.factory, &error);

  GORB_ASSERT_NO_ERROR (error);
  return n;
}

static gboolean
wait_alive (gint32 n)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_MS * 1000;

  while (alive () != n)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (20000);
    }
  return TRUE;
}

static DgcTestThing *
make_thing (void)
{
  g_autoptr (GError) error = NULL;
  DgcTestThing *thing = (DgcTestThing *) dgc_test_factory_make (fx.factory, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (DGC_TEST_IS_THING (thing));
  return thing;
}

static gboolean
thing_answers (DgcTestThing *thing)
{
  g_autoptr (GError) error = NULL;
  gint32 id = dgc_test_thing_id (thing, &error);

  if (error != NULL)
    g_printerr ("\n  thing failed: %s\n", error->message);
  return id > 0;
}

static gint32
factory_call (gint32 (*func) (DgcTestFactory *, GError **), DgcTestFactory *factory)
{
  g_autoptr (GError) error = NULL;
  gint32 n = func (factory, &error);

  GORB_ASSERT_NO_ERROR (error);
  return n;
}

static void
test_proxy_keeps_object_alive (void)
{
  g_autoptr (DgcTestThing) thing = make_thing ();

  g_usleep (4 * LEASE_MS * 1000); /* four lease periods: renewed, never collected */
  CU_ASSERT_TRUE (thing_answers (thing));
  CU_ASSERT_EQUAL (alive (), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_unreferenced, fx.factory), 0);
}

static void
test_dropped_proxy_is_collected (void)
{
  DgcTestThing *thing = make_thing ();

  CU_ASSERT_TRUE (thing_answers (thing));
  g_object_unref (thing); /* one clean */
  CU_ASSERT_TRUE (wait_alive (0));
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_unreferenced, fx.factory), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
}

static void
hold_in (DgcTestFactory *other, DgcTestThing *thing)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (dgc_test_factory_hold (other, G_OBJECT (thing), &error));
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_killed_client_lets_go_after_lease (void)
{
  g_autoptr (DgcTestFactory) other = start_other (NULL, NULL);
  DgcTestThing *thing = make_thing ();

  hold_in (other, thing);
  g_object_unref (thing);
  g_usleep (3 * LEASE_MS * 1000); /* C renews */
  CU_ASSERT_EQUAL (alive (), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_call_held, other), 1);
  gorb_test_daemon_kill (fx.others->pdata[0]); /* SIGKILL: no clean, renewals stop */
  g_ptr_array_remove_index (fx.others, 0);
  CU_ASSERT_TRUE (wait_alive (0));
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
}

static void
test_several_holders_last_one_collects (void)
{
  g_autoptr (DgcTestFactory) c1 = start_other (NULL, NULL);
  g_autoptr (DgcTestFactory) c2 = start_other (NULL, NULL);
  DgcTestThing *thing = make_thing ();

  hold_in (c1, thing);
  hold_in (c2, thing);
  g_object_unref (thing);
  g_usleep (2 * LEASE_MS * 1000);
  CU_ASSERT_EQUAL (alive (), 1);
  factory_call ((gint32 (*) (DgcTestFactory *, GError **)) dgc_test_factory_drop_held, c1);
  g_usleep (2 * LEASE_MS * 1000);
  CU_ASSERT_EQUAL (alive (), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_call_held, c2), 1);
  factory_call ((gint32 (*) (DgcTestFactory *, GError **)) dgc_test_factory_drop_held, c2);
  CU_ASSERT_TRUE (wait_alive (0));
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_unreferenced, fx.factory), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
}

static void
test_reference_in_transit_is_not_collected (void)
{
  /* C's dirty waits 2 s (its DGC thread sleeps): A hands C the reference
   * and drops its own proxy at once; only A's in-transit pin keeps the
   * object alive until C's dirty arrives */
  g_autoptr (DgcTestFactory) other = start_other ("--delay-dirty-ms", "2000");
  DgcTestThing *thing = make_thing ();

  hold_in (other, thing);
  g_object_unref (thing);
  g_usleep (5 * LEASE_MS * 1000);
  CU_ASSERT_EQUAL (alive (), 1);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_call_held, other), 1);
  factory_call ((gint32 (*) (DgcTestFactory *, GError **)) dgc_test_factory_drop_held, other);
  CU_ASSERT_TRUE (wait_alive (0));
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
}

static GorbDgcCollector *
server_collector (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = gorb_orb_dup_initial_reference (
      fx.orb, gorb_ref_get_endpoint (fx.factory_ref), GORB_DGC_COLLECTOR_INITIAL_NAME, &error);
  GObject *object;

  GORB_ASSERT_NO_ERROR (error);
  object = gorb_orb_resolve (fx.orb, ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (GORB_IS_DGC_COLLECTOR (object));
  return GORB_DGC_COLLECTOR (object);
}

static void
server_stats (GorbDgcCollector *collector, GorbDgcStats *stats)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_dgc_collector_stats (collector, stats, &error));
  GORB_ASSERT_NO_ERROR (error);
}

#define N_PROXIES 10000

static void
test_many_proxies_renew_with_one_message (void)
{
  g_autoptr (GPtrArray) things = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GorbDgcCollector) collector = server_collector ();
  g_auto (GorbDgcStats) before = { 0 };
  g_auto (GorbDgcStats) after = { 0 };
  GorbOrbDgcStats mine0, mine1;
  gint64 t0, t1;
  guint64 periods;

  for (guint i = 0; i < N_PROXIES; i++)
    g_ptr_array_add (things, make_thing ());
  g_usleep (LEASE_MS * 1000); /* the first dirties are out */
  gorb_orb_get_dgc_stats (fx.orb, &mine0);
  server_stats (collector, &before);
  t0 = g_get_monotonic_time ();
  g_usleep (4 * LEASE_MS * 1000);
  gorb_orb_get_dgc_stats (fx.orb, &mine1);
  server_stats (collector, &after);
  t1 = g_get_monotonic_time ();
  periods = (guint64) ((t1 - t0) / (LEASE_MS * 500)); /* renewal periods elapsed */
  g_printerr ("\n  %u proxies: %" G_GUINT64_FORMAT " renewals (%" G_GUINT64_FORMAT
              " dirty calls at the server) in %" G_GUINT64_FORMAT " periods\n",
              mine1.proxies, mine1.renewals_sent - mine0.renewals_sent,
              after.dirty_calls - before.dirty_calls, periods);
  CU_ASSERT_EQUAL (mine1.proxies, N_PROXIES + 1); /* and the factory */
  CU_ASSERT_EQUAL (mine1.servers, 1);
  CU_ASSERT_EQUAL (after.holders, N_PROXIES); /* the factory is permanent: no lease */
  /* one message per server per period (give or take the edges) */
  CU_ASSERT_TRUE (mine1.renewals_sent - mine0.renewals_sent <= periods + 1);
  CU_ASSERT_TRUE (mine1.renewals_sent - mine0.renewals_sent >= periods - 2);
  CU_ASSERT_EQUAL (mine1.dirty_sent - mine0.dirty_sent, mine1.renewals_sent - mine0.renewals_sent);
  CU_ASSERT_TRUE (after.dirty_calls - before.dirty_calls <= periods + 1);
  CU_ASSERT_EQUAL (alive (), N_PROXIES);
  g_clear_pointer (&things, g_ptr_array_unref); /* batched cleans */
  CU_ASSERT_TRUE (wait_alive (0));
  gorb_orb_get_dgc_stats (fx.orb, &mine0);
  g_printerr ("  dropped: %" G_GUINT64_FORMAT " clean messages\n",
              mine0.clean_sent - mine1.clean_sent);
  CU_ASSERT_TRUE (mine0.clean_sent - mine1.clean_sent < 100);
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
}

/* Faults: a fixed-seed random fate for every dirty and clean A sends */
static GRand *fault_rand;
static gint n_faults[5];

static GorbDgcFault
random_fault (gboolean dirty, guint64 seq, gpointer user_data)
{
  gint32 r = g_rand_int_range (fault_rand, 0, 100);
  GorbDgcFault f = r < 10   ? GORB_DGC_FAULT_DROP
                   : r < 20 ? GORB_DGC_FAULT_DROP_REPLY
                   : r < 30 ? GORB_DGC_FAULT_DUPLICATE
                   : r < 40 ? GORB_DGC_FAULT_DELAY
                            : GORB_DGC_FAULT_NONE;

  g_atomic_int_inc (&n_faults[f]);
  return f;
}

static void
test_faults_never_collect_early_nor_leak (void)
{
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 end;

  fault_rand = g_rand_new_with_seed (42);
  gorb_dgc_set_fault_func (fx.orb, random_fault, NULL);
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (kept, make_thing ());
  /* 6 s of churn: things made and dropped at once or soon, while the kept
   * ones are renewed through dropped, duplicated and reordered messages */
  end = g_get_monotonic_time () + 6 * G_TIME_SPAN_SECOND;
  for (guint round = 0; g_get_monotonic_time () < end; round++)
    {
      g_autoptr (DgcTestThing) churn = make_thing ();

      CU_ASSERT_PTR_NOT_NULL (churn);
      if (round % 3 == 0)
        g_usleep (30000);
      for (guint i = 0; i < kept->len; i++)
        if (!thing_answers (kept->pdata[i]))
          {
            CU_FAIL ("a held object was collected");
            break;
          }
      g_usleep (50000);
    }
  g_printerr ("\n  faults: %d none, %d dropped, %d replies dropped, %d duplicated, %d delayed\n",
              n_faults[0], n_faults[1], n_faults[2], n_faults[3], n_faults[4]);
  CU_ASSERT_TRUE (n_faults[GORB_DGC_FAULT_DROP] > 0 && n_faults[GORB_DGC_FAULT_DELAY] > 0);
  /* all let go, faults still on: everything goes, by clean or by expiry */
  g_clear_pointer (&kept, g_ptr_array_unref);
  CU_ASSERT_TRUE (wait_alive (0));
  CU_ASSERT_EQUAL (factory_call (dgc_test_factory_max_unreferenced, fx.factory), 1);
  gorb_dgc_set_fault_func (fx.orb, NULL, NULL);
  g_rand_free (fault_rand);
}

static GObject *
resolve_path (GorbNamingContext *root, const char *name)
{
  g_autoptr (GError) error = NULL;
  GObject *object = gorb_naming_resolve_path (root, name, &error);

  GORB_ASSERT_NO_ERROR (error);
  return object;
}

static void
naming_call (gboolean (*func) (GorbNamingContext *, const char *, GObject *, GError **),
             GorbNamingContext *root, const char *name, gpointer object)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (func (root, name, object, &error));
  GORB_ASSERT_NO_ERROR (error);
}

/* An object bound in the naming service is kept alive by the daemon's own
 * lease, also across a restart of the daemon; unbinding (or rebinding the
 * name to another object) lets it go. */
/* A gorb-naming daemon in @dir (its store, its ipc endpoint in
 * *@endpoint), with this suite's lease and pin times; its root in *@root. */
static GorbTestDaemon *
start_naming (const char *dir, char **endpoint, GorbNamingContext **root)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *store = g_build_filename (dir, "naming.db", NULL);
  g_autofree char *lease = g_strdup_printf ("%u", LEASE_MS);
  g_autofree char *pin = g_strdup_printf ("%u", PIN_MS);
  /* the daemon keeps a lease on what it sends in a reply for its pin time */
  const char *extra[]
      = { "--sync", "normal", "--gorb-lease-ms", lease, "--gorb-dgc-pin-ms", pin, NULL };
  g_autofree char *root_text = NULL;
  GorbTestDaemon *naming;

  if (*endpoint == NULL)
    *endpoint = g_strdup_printf ("ipc://%s/naming", dir);
  naming = naming_test_daemon_start (*endpoint, store, extra, &root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (naming);
  if (root != NULL)
    {
      *root = gorb_naming_connect (fx.orb, root_text, &error);
      GORB_ASSERT_NO_ERROR (error);
    }
  return naming;
}

static void
test_naming_daemon_holds_what_is_bound (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gorb-dgc-naming-XXXXXX", &error);
  g_autofree char *endpoint = NULL;
  g_autoptr (GorbNamingContext) root = NULL;
  GorbTestDaemon *naming = start_naming (dir, &endpoint, &root);
  DgcTestThing *a = make_thing ();
  DgcTestThing *b = make_thing ();
  GObject *held_a, *held_b;

  GORB_ASSERT_NO_ERROR (error);

  naming_call (gorb_naming_bind_path, root, "one", a);
  naming_call (gorb_naming_bind_path, root, "two", a);
  naming_call (gorb_naming_rebind_path, root, "two", b); /* a stays held for "one" */
  g_object_unref (a);                                    /* this process lets go of both: cleans */
  g_object_unref (b);
  g_usleep (4 * LEASE_MS * 1000); /* four lease periods: only the daemon holds them */
  CU_ASSERT_EQUAL (alive (), 2);

  /* a restart: this process holds them meanwhile; the new daemon takes
   * its leases from the store, and then this process lets go again */
  held_a = resolve_path (root, "one");
  held_b = resolve_path (root, "two");
  CU_ASSERT_TRUE (gorb_test_daemon_stop (naming));
  naming = start_naming (dir, &endpoint, NULL);
  g_usleep (2 * LEASE_MS * 1000);
  g_object_unref (held_a);
  g_object_unref (held_b);
  g_usleep (4 * LEASE_MS * 1000);
  CU_ASSERT_EQUAL (alive (), 2);
  held_a = resolve_path (root, "one");
  CU_ASSERT_TRUE (thing_answers (DGC_TEST_THING (held_a)));
  g_object_unref (held_a);

  /* unbinding lets go: "one" held a, "two" holds b */
  CU_ASSERT_TRUE (gorb_naming_unbind_path (root, "one", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (wait_alive (1));
  CU_ASSERT_TRUE (gorb_naming_unbind_path (root, "two", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (wait_alive (0));

  g_clear_object (&root);
  CU_ASSERT_TRUE (gorb_test_daemon_stop (naming));
  gorb_test_remove_tree (dir);
}

/* A binding iterator the client lets go of (without destroy()) is
 * collected by the daemon: calls through its reference then fail. */
static void
test_naming_iterator_dropped_is_collected (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gorb-dgc-iterator-XXXXXX", &error);
  g_autofree char *endpoint = NULL;
  g_autoptr (GorbNamingContext) root = NULL;
  GorbTestDaemon *naming = start_naming (dir, &endpoint, &root);
  GorbNamingBindingList first = { 0 };
  g_autoptr (GorbRef) ref = NULL;
  GObject *iterator = NULL;
  gboolean gone = FALSE;
  gint64 deadline;

  GORB_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autoptr (GorbNamingContext) made = gorb_naming_mkdir_path (root, name, FALSE, &error);

      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL (made);
    }
  CU_ASSERT_TRUE (gorb_naming_context_list (root, 2, &first, &iterator, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (first.len, 2);
  gorb_value_clear (&gorb_naming_binding_list_desc, &first);
  CU_ASSERT_FATAL (GORB_IS_NAMING_BINDING_ITERATOR (iterator));
  ref = gorb_orb_dup_ref (fx.orb, iterator, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&iterator); /* a clean, then the daemon lets it go */

  /* a proxy made again only reaches it while it is not collected (its
   * dirty would keep it), so each round makes one, calls, and drops it */
  deadline = g_get_monotonic_time () + DEADLINE_MS * 1000;
  while (!gone && g_get_monotonic_time () < deadline)
    {
      g_autoptr (GObject) again = gorb_orb_resolve (fx.orb, ref, &error);
      GorbNamingBinding b = { 0 };

      GORB_ASSERT_NO_ERROR (error);
      gorb_naming_binding_iterator_next_one (GORB_NAMING_BINDING_ITERATOR (again), &b, &error);
      gorb_value_clear (&gorb_naming_binding_desc, &b);
      gone = g_error_matches (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
      g_clear_error (&error);
      g_clear_object (&again);
      if (!gone)
        g_usleep (3 * LEASE_MS * 1000);
    }
  CU_ASSERT_TRUE (gone);

  g_clear_object (&root);
  CU_ASSERT_TRUE (gorb_test_daemon_stop (naming));
  gorb_test_remove_tree (dir);
}

/* Servers that never answer (nothing listens where their references
 * point: each dirty to them waits out the DGC call timeout, half the
 * lease) do not hold up the renewals of a server that does. */
static void
test_unanswering_servers_do_not_hold_up_renewals (void)
{
  g_autoptr (GPtrArray) dead = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_dir_make_tmp ("gorb-dgc-dead-XXXXXX", NULL);
  g_autofree char *nowhere = g_strdup_printf ("ipc://%s/nobody", dir);
  const char *endpoints[] = { nowhere, NULL };
  DgcTestThing *thing = make_thing ();

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr (GError) error = NULL;
      GorbIncarnationId incarnation;
      guint8 key[GORB_OBJECT_KEY_SIZE];
      g_autoptr (GorbRef) ref = NULL;

      gorb_incarnation_id_generate (&incarnation); /* one collector each */
      gorb_object_key_make (&incarnation, 1, key);
      ref = gorb_ref_new (gorb_ref_get_repo_id (fx.factory_ref), key, sizeof key, GORB_ENCODING_CDR,
                          endpoints);
      g_ptr_array_add (dead, gorb_orb_resolve (fx.orb, ref, &error));
      GORB_ASSERT_NO_ERROR (error);
    }
  g_usleep (6 * LEASE_MS * 1000); /* six lease periods of failing dirties */
  CU_ASSERT_EQUAL (alive (), 1);
  CU_ASSERT_TRUE (thing_answers (thing));
  g_clear_pointer (&dead, g_ptr_array_unref);
  g_object_unref (thing);
  CU_ASSERT_TRUE (wait_alive (0));
  gorb_test_remove_tree (dir);
}

static CU_TestInfo dgc_tests[] = {
  { "a proxy keeps its object alive across lease periods", test_proxy_keeps_object_alive },
  { "dropping the proxy collects the object, unreferenced once", test_dropped_proxy_is_collected },
  { "a SIGKILLed client lets go after its lease", test_killed_client_lets_go_after_lease },
  { "several holders: collected when the last lets go", test_several_holders_last_one_collects },
  { "a reference in transit (A to C) is not collected early",
    test_reference_in_transit_is_not_collected },
  { "10000 proxies renew with one message per period", test_many_proxies_renew_with_one_message },
  { "dropped, duplicated, reordered dirty/clean: no early collection, no leak",
    test_faults_never_collect_early_nor_leak },
  { "servers that do not answer do not hold up renewals",
    test_unanswering_servers_do_not_hold_up_renewals },
  { "an object bound in the naming service is held by the daemon's lease",
    test_naming_daemon_holds_what_is_bound },
  { "a binding iterator the client drops is collected by the daemon",
    test_naming_iterator_dropped_is_collected },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "dgc/processes", NULL, NULL, setup, teardown, dgc_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  signal (SIGPIPE, SIG_IGN);
  return gorb_test_run (suites);
}
