/* tests/naming/test-naming-cluster.c - gorb-naming with other processes:
 * 16 concurrent clients × 500 names, SIGKILL of the daemon under that
 * load (every acknowledged bind survives), federation across two daemons
 * (one of them down), and the probe unbinding a dead server's object */
#include "naming-test-util.h"

#include "person-list-servant.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#ifndef GORB_NAMING_LOAD_CLIENT
#error "GORB_NAMING_LOAD_CLIENT must name the gorb-test-naming-client program"
#endif
#ifndef GORB_PERSONLIST_SERVER
#error "GORB_PERSONLIST_SERVER must name the gorb-personlist-server program"
#endif

#define N_CLIENTS 16
#define N_NAMES 500

static struct
{
  char *tmp_dir;
  GorbOrb *orb;
  guint serial;
} fx;

static int
init_suite (void)
{
  fx.tmp_dir = g_dir_make_tmp ("gorb-naming-XXXXXX", NULL);
  fx.orb = naming_test_orb_new (NAMING_TEST_CALL_TIMEOUT_MS);
  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  return fx.tmp_dir != NULL && fx.orb != NULL ? 0 : -1;
}

static int
cleanup_suite (void)
{
  if (fx.orb != NULL)
    gorb_orb_shutdown (fx.orb);
  g_clear_object (&fx.orb);
  gorb_test_remove_tree (fx.tmp_dir);
  g_clear_pointer (&fx.tmp_dir, g_free);
  return 0;
}

/* A fresh endpoint and store in the suite's directory. */
static void
new_place (const char *what, char **endpoint, char **store)
{
  fx.serial++;
  *endpoint = g_strdup_printf ("ipc://%s/%s-%u", fx.tmp_dir, what, fx.serial);
  *store = g_strdup_printf ("%s/%s-%u.db", fx.tmp_dir, what, fx.serial);
}

static GSubprocess *
spawn_client (const char *root_text, const char *prefix, const char *timeout_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u", N_NAMES);
  GSubprocess *client
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, GORB_NAMING_LOAD_CLIENT,
                          root_text, prefix, count, timeout_ms, NULL);

  GORB_ASSERT_NO_ERROR (error);
  return client;
}

/* Waits for @client; adds the names it said were bound to @acked. */
static gboolean
collect (GSubprocess *client, GHashTable *acked, guint *resolved)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;

  CU_ASSERT_TRUE (g_subprocess_communicate_utf8 (client, NULL, NULL, &out, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "bound "))
        {
          CU_ASSERT_TRUE (g_hash_table_add (acked, g_strdup (lines[i] + 6)));
        }
      else if (g_str_has_prefix (lines[i], "resolved ") && resolved != NULL)
        *resolved = (guint) atoi (lines[i] + 9);
    }
  return g_subprocess_get_if_exited (client) && g_subprocess_get_exit_status (client) == 0;
}

static void
test_sixteen_clients (void)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *store = NULL;
  g_autofree char *root_text = NULL;
  g_autoptr (GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GorbNamingContext) root = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *clients[N_CLIENTS];
  GorbTestDaemon *daemon;
  GHashTableIter iter;
  gpointer name;
  guint n;

  new_place ("load", &endpoint, &store);
  daemon = naming_test_daemon_start (endpoint, store, NULL, &root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("c%02u", i);
      clients[i] = spawn_client (root_text, prefix, "30000");
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      guint resolved = 0;

      CU_ASSERT_TRUE (collect (clients[i], acked, &resolved));
      CU_ASSERT_EQUAL (resolved, N_NAMES);
      g_object_unref (clients[i]);
    }
  CU_ASSERT_EQUAL (g_hash_table_size (acked), N_CLIENTS * N_NAMES);

  root = naming_test_resolve_context (fx.orb, root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (root);
  n = naming_test_count_bindings (root, listed, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (n, N_CLIENTS * N_NAMES); /* G_MAXUINT if one was listed twice */
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (listed, name))
      {
        g_printerr ("\n  '%s' was acknowledged but is not listed\n", (char *) name);
        CU_FAIL ("an acknowledged name is missing");
        break;
      }
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon));
}

/* SIGKILL once client 0 has bound 100 names; after a restart on the same
 * store, every name a client saw acknowledged is there. */
static void
test_sigkill_under_load (void)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *store = NULL;
  g_autofree char *root_text = NULL;
  g_autofree char *root_text_again = NULL;
  g_autoptr (GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GorbNamingContext) root = NULL;
  g_autoptr (GorbNamingName) marker = naming_test_name ("k00-100");
  g_autoptr (GError) error = NULL;
  GSubprocess *clients[N_CLIENTS];
  GorbTestDaemon *daemon;
  gint64 deadline = g_get_monotonic_time () + NAMING_TEST_WAIT_MS * 1000;
  gboolean seen = FALSE;
  GHashTableIter iter;
  gpointer name;
  guint missing = 0;

  new_place ("kill", &endpoint, &store);
  daemon = naming_test_daemon_start (endpoint, store, NULL, &root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon);
  root = naming_test_resolve_context (fx.orb, root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (root);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("k%02u", i);
      clients[i] = spawn_client (root_text, prefix, "3000");
    }
  while (!seen && g_get_monotonic_time () < deadline)
    {
      g_autoptr (GObject) found = gorb_naming_context_resolve (root, marker, NULL);
      seen = found != NULL;
      if (!seen)
        g_usleep (20 * 1000);
    }
  CU_ASSERT_TRUE (seen);
  gorb_test_daemon_kill (daemon);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      collect (clients[i], acked, NULL); /* most fail: their daemon died */
      g_object_unref (clients[i]);
    }
  CU_ASSERT_TRUE (g_hash_table_size (acked) >= 100);

  daemon = naming_test_daemon_start (endpoint, store, NULL, &root_text_again);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon);
  CU_ASSERT_STRING_EQUAL (root_text_again, root_text);
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_autoptr (GorbNamingName) n = naming_test_name (name);
      g_autoptr (GObject) found = gorb_naming_context_resolve (root, n, &error);

      if (found == NULL)
        {
          if (missing++ == 0)
            g_printerr ("\n  acknowledged '%s' is lost: %s\n", (char *) name, error->message);
          g_clear_error (&error);
        }
    }
  CU_ASSERT_EQUAL (missing, 0);
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon));
}

static void
test_federation (void)
{
  g_autofree char *ep_a = NULL, *store_a = NULL, *root_a = NULL;
  g_autofree char *ep_b = NULL, *store_b = NULL, *root_b = NULL, *root_b_again = NULL;
  const char *args_a[] = { "--gorb-call-timeout-ms", "2000", NULL };
  g_autoptr (DemoPersonListServant) servant = demo_person_list_servant_new ("fed");
  g_autoptr (GorbNamingContext) a = NULL;
  g_autoptr (GorbNamingContext) b = NULL;
  g_autoptr (GorbNamingName) fed = naming_test_name ("fed");
  g_autoptr (GorbNamingName) shared = naming_test_name ("shared");
  g_autoptr (GorbNamingName) obj_in_b = naming_test_name ("shared/obj");
  g_autoptr (GorbNamingName) obj_via_a = naming_test_name ("fed/shared/obj");
  g_autoptr (GorbNamingName) new_via_a = naming_test_name ("fed/shared/new");
  g_autoptr (GorbNamingName) new_in_b = naming_test_name ("shared/new");
  g_autoptr (GorbNamingName) ctx_via_a = naming_test_name ("fed/made");
  g_autoptr (GorbNamingName) missing_via_a = naming_test_name ("fed/nope/x");
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) found = NULL;
  g_autoptr (GObject) made = NULL;
  g_autoptr (GObject) shared_ctx = NULL;
  GorbTestDaemon *daemon_a, *daemon_b;
  const GorbNamingCannotProceed *cp;

  new_place ("fed-a", &ep_a, &store_a);
  new_place ("fed-b", &ep_b, &store_b);
  daemon_a = naming_test_daemon_start (ep_a, store_a, args_a, &root_a);
  daemon_b = naming_test_daemon_start (ep_b, store_b, NULL, &root_b);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon_a);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon_b);
  a = naming_test_resolve_context (fx.orb, root_a);
  b = naming_test_resolve_context (fx.orb, root_b);
  CU_ASSERT_TRUE_FATAL (a != NULL && b != NULL);

  shared_ctx = gorb_naming_context_bind_new_context (b, shared, &error);
  CU_ASSERT_TRUE (gorb_naming_context_bind (b, obj_in_b, G_OBJECT (servant), &error));
  CU_ASSERT_TRUE (gorb_naming_context_bind_context (a, fed, G_OBJECT (b), &error));
  GORB_ASSERT_NO_ERROR (error);

  /* through A into B: resolve, bind, unbind, bind_new_context, NotFound */
  found = gorb_naming_context_resolve (a, obj_via_a, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, servant);
  g_clear_object (&found);
  CU_ASSERT_TRUE (gorb_naming_context_bind (a, new_via_a, G_OBJECT (servant), &error));
  found = gorb_naming_context_resolve (b, new_in_b, &error);
  CU_ASSERT_PTR_EQUAL (found, servant);
  g_clear_object (&found);
  CU_ASSERT_TRUE (gorb_naming_context_unbind (a, new_via_a, &error));
  GORB_ASSERT_NO_ERROR (error);
  made = gorb_naming_context_bind_new_context (a, ctx_via_a, &error);
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_context_resolve_str (b, "made", &error);
  CU_ASSERT_PTR_EQUAL (found, made);
  g_clear_object (&found);
  found = gorb_naming_context_resolve (a, missing_via_a, &error);
  CU_ASSERT_PTR_NULL (found);
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
  CU_ASSERT_TRUE (naming_test_name_is (
      &gorb_naming_not_found_error_get_members (error)->rest_of_name, "nope/x"));
  g_clear_error (&error);
  /* list follows: "fed" resolves to B's root, whose bindings are B's */
  found = gorb_naming_context_resolve (a, fed, &error);
  CU_ASSERT_PTR_EQUAL (found, b);
  CU_ASSERT_EQUAL (naming_test_count_bindings (GORB_NAMING_CONTEXT (found), NULL, &error), 2);
  g_clear_object (&found);

  /* B down: CannotProceed at B's root, with what was left to do there */
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon_b));
  found = gorb_naming_context_resolve (a, obj_via_a, &error);
  CU_ASSERT_PTR_NULL (found);
  GORB_ASSERT_ERROR (error, GORB_NAMING_CANNOT_PROCEED_ERROR, 0);
  cp = gorb_naming_cannot_proceed_error_get_members (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (cp);
  CU_ASSERT_PTR_EQUAL (cp->cxt, b);
  CU_ASSERT_TRUE (naming_test_name_is (&cp->rest_of_name, "shared/obj"));
  CU_ASSERT_PTR_NOT_NULL (strstr (cp->reason, ep_b));
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_bind (a, new_via_a, G_OBJECT (servant), &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_CANNOT_PROCEED_ERROR, 0);
  g_clear_error (&error);
  found = gorb_naming_context_resolve (a, fed, &error); /* the link itself is A's */
  CU_ASSERT_PTR_EQUAL (found, b);
  g_clear_object (&found);

  /* B back on the same endpoint and store: the link works again */
  daemon_b = naming_test_daemon_start (ep_b, store_b, NULL, &root_b_again);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon_b);
  found = gorb_naming_context_resolve (a, obj_via_a, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, servant);
  g_clear_object (&found);
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon_a));
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon_b));
}

static GObject *
start_person_list (GorbTestDaemon **server)
{
  const char *argv[]
      = { GORB_PERSONLIST_SERVER, "--gorb-endpoint", "tcp://127.0.0.1:0", "probed", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *ref = NULL;

  *server = gorb_test_daemon_start (argv, &ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  return gorb_orb_resolve_string (fx.orb, ref, &error);
}

static void
test_probe_unbinds_dead_objects (void)
{
  g_autofree char *endpoint = NULL, *store = NULL, *root_text = NULL;
  const char *args[] = { "--probe-interval", "0.5", "--probe-failures", "3", NULL };
  g_autoptr (GorbNamingContext) root = NULL;
  g_autoptr (GorbNamingName) live = naming_test_name ("live");
  g_autoptr (GorbNamingName) dead = naming_test_name ("dead.svc");
  g_autoptr (GObject) live_obj = NULL;
  g_autoptr (GObject) dead_obj = NULL;
  g_autoptr (GError) error = NULL;
  GorbTestDaemon *live_server, *dead_server, *daemon;
  gint64 deadline = g_get_monotonic_time () + NAMING_TEST_WAIT_MS * 1000;
  gboolean gone = FALSE;

  new_place ("probe", &endpoint, &store);
  daemon = naming_test_daemon_start (endpoint, store, args, &root_text);
  CU_ASSERT_PTR_NOT_NULL_FATAL (daemon);
  root = naming_test_resolve_context (fx.orb, root_text);
  live_obj = start_person_list (&live_server);
  dead_obj = start_person_list (&dead_server);
  CU_ASSERT_TRUE_FATAL (root != NULL && live_obj != NULL && dead_obj != NULL);
  CU_ASSERT_TRUE (gorb_naming_context_bind (root, live, live_obj, &error));
  CU_ASSERT_TRUE (gorb_naming_context_bind (root, dead, dead_obj, &error));
  GORB_ASSERT_NO_ERROR (error);

  gorb_test_daemon_kill (dead_server);
  while (!gone && g_get_monotonic_time () < deadline)
    {
      g_autoptr (GObject) found = gorb_naming_context_resolve (root, dead, &error);

      gone = found == NULL && g_error_matches (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
      g_clear_error (&error);
      if (!gone)
        g_usleep (100 * 1000);
    }
  CU_ASSERT_TRUE (gone);
  {
    g_autoptr (GObject) found = gorb_naming_context_resolve (root, live, &error);
    GORB_ASSERT_NO_ERROR (error);
    CU_ASSERT_PTR_EQUAL (found, live_obj);
  }
  CU_ASSERT_TRUE (gorb_test_daemon_stop (live_server));
  CU_ASSERT_TRUE (gorb_test_daemon_stop (daemon));
}

static CU_TestInfo tests[] = {
  { "16 clients × 500 names: none lost, none twice", test_sixteen_clients },
  { "SIGKILL under load: every acknowledged bind survives", test_sigkill_under_load },
  { "federation across two daemons, one of them down", test_federation },
  { "the probe unbinds a dead server's object", test_probe_unbinds_dead_objects },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "naming/cluster", init_suite, cleanup_suite, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
