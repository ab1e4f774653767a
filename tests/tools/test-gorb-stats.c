/* tests/tools/test-gorb-stats.c - `gorb stats` run as a real process
 * against a real server: gorb-personlist-server, whose list this test
 * holds a proxy for (so the server has granted it a lease), asked through
 * its endpoint and through its reference, as text and as JSON; and the
 * failures: an endpoint nobody listens on, usage errors. */
#include "gorb-test-daemon.h"
#include "gorb-test.h"

#include "Person.h"

#include <gio/gio.h>
#include <gorb.h>
#include <json-glib/json-glib.h>
#include <string.h>

#ifndef GORB_TOOL
#error "GORB_TOOL must name the gorb program"
#endif
#ifndef GORB_PERSONLIST_SERVER
#error "GORB_PERSONLIST_SERVER must name the gorb-personlist-server program"
#endif

#define SERVER_LEASE_MS 5000 /* long enough that no lease runs out during the test */
#define SERVER_LEASE_MS_TEXT "5000"
#define DIRTY_WAIT_MS 10000 /* how long the test's dirty may take to go through */

static const char *const server_fields[] = {
  "lease_ms",       "pin_ms",         "exported",     "permanent",   "unreferenced",
  "holders",        "clients",        "pins",         "dirty_calls", "clean_calls",
  "leases_granted", "leases_expired", "late_ignored", "collected",   NULL,
};
static const char *const client_fields[] = {
  "proxies",    "servers",      "dirty_sent",   "renewals_sent",
  "clean_sent", "dirty_failed", "clean_failed", NULL,
};

static struct
{
  char *tmp_dir;
  char *endpoint; /* where the server listens */
  char *ref_text; /* its list's reference */
  GorbTestDaemon *daemon;
  GorbOrb *orb;  /* the test's client ORB */
  GObject *list; /* a proxy for the server's list: a lease held */
} fx;

typedef struct
{
  int status; /* exit status, -1 if killed */
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs `gorb ARG…` and collects its output and exit status. */
static Run *
run_tool (const char *arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GBytes) out = NULL;
  Run *run = g_new0 (Run, 1);
  va_list args;
  gsize len;
  const char *data;

  g_ptr_array_add (argv, (gpointer) GORB_TOOL);
  va_start (args, arg);
  for (const char *a = arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run->status = gorb_test_spawn_sync ((const char *const *) argv->pdata, NULL, &out, &run->err);
  data = g_bytes_get_data (out, &len);
  run->out = g_strndup (data != NULL ? data : "", len);
  return run;
}

/* The text output as "half.name" -> value; %NULL (and a failure) if a line
 * is neither a header nor `name value`. */
static GHashTable *
parse_text (const char *out)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  const char *half = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = NULL;

      if (*lines[i] == '\0')
        continue;
      if (strcmp (lines[i], "server:") == 0 || strcmp (lines[i], "client:") == 0)
        {
          half = lines[i][0] == 's' ? "server" : "client";
          continue;
        }
      words = g_strsplit (lines[i], " ", -1);
      if (half == NULL || g_strv_length (words) != 2 || !g_ascii_isdigit (*words[1]))
        {
          g_printerr ("\n  unexpected line '%s'\n", lines[i]);
          CU_FAIL ("a line is neither a header nor `name value`");
          return NULL;
        }
      g_hash_table_insert (values, g_strdup_printf ("%s.%s", half, words[0]), g_strdup (words[1]));
    }
  return g_steal_pointer (&values);
}

/* The JSON output in the same form. */
static GHashTable *
parse_json (const char *out)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *const halves[] = { "server", "client" };
  JsonObject *root;

  json_parser_load_from_data (parser, out, -1, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  CU_ASSERT_EQUAL (json_object_get_size (root), 3);
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member_with_default (root, "endpoint", ""),
                          fx.endpoint);
  for (gsize h = 0; h < G_N_ELEMENTS (halves); h++)
    {
      JsonNode *node = json_object_get_member (root, halves[h]);
      g_autoptr (GList) members = NULL;

      CU_ASSERT_TRUE_FATAL (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
      members = json_object_get_members (json_node_get_object (node));
      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *value = json_object_get_member (json_node_get_object (node), m->data);

          CU_ASSERT_TRUE_FATAL (JSON_NODE_HOLDS_VALUE (value)
                                && json_node_get_value_type (value) == G_TYPE_INT64);
          g_hash_table_insert (values, g_strdup_printf ("%s.%s", halves[h], (char *) m->data),
                               g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value)));
        }
    }
  return g_steal_pointer (&values);
}

static guint64
value_of (GHashTable *values, const char *name)
{
  const char *text = g_hash_table_lookup (values, name);

  if (text == NULL)
    {
      g_printerr ("\n  no '%s'\n", name);
      CU_FAIL ("a field is missing");
      return 0;
    }
  return g_ascii_strtoull (text, NULL, 10);
}

/* Every field, nothing else, and the figures that must hold while this
 * test holds its lease. */
static void
assert_figures (GHashTable *values)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (values);
  CU_ASSERT_EQUAL (g_hash_table_size (values),
                   g_strv_length ((GStrv) server_fields) + g_strv_length ((GStrv) client_fields));
  for (guint i = 0; server_fields[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("server.", server_fields[i], NULL);
      CU_ASSERT_TRUE (g_hash_table_contains (values, name));
    }
  for (guint i = 0; client_fields[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("client.", client_fields[i], NULL);
      CU_ASSERT_TRUE (g_hash_table_contains (values, name));
    }
  CU_ASSERT_EQUAL (value_of (values, "server.lease_ms"), SERVER_LEASE_MS);
  CU_ASSERT_TRUE (value_of (values, "server.exported") >= 1);
  CU_ASSERT_TRUE (value_of (values, "server.holders") >= 1);
  CU_ASSERT_TRUE (value_of (values, "server.clients") >= 1);
  CU_ASSERT_TRUE (value_of (values, "server.dirty_calls") >= 1);
  CU_ASSERT_TRUE (value_of (values, "server.leases_granted") >= 1);
  CU_ASSERT_EQUAL (value_of (values, "server.permanent"), 0);
}

/* ---- suite ---- */

static int
suite_init (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GorbOrbConfig) config;
  const char *argv[] = { GORB_PERSONLIST_SERVER, "--gorb-endpoint", NULL, "--gorb-lease-ms",
                         SERVER_LEASE_MS_TEXT,   "stats-list",      NULL };
  gint64 deadline;
  GorbOrbDgcStats stats = { 0 };

  fx.tmp_dir = g_dir_make_tmp ("gorb-stats-XXXXXX", &error);
  if (fx.tmp_dir == NULL)
    {
      g_printerr ("\n  %s\n", error->message);
      return -1;
    }
  fx.endpoint = g_strdup_printf ("ipc://%s/server", fx.tmp_dir);
  argv[2] = fx.endpoint;
  fx.daemon = gorb_test_daemon_start (argv, &fx.ref_text, &error);
  if (fx.daemon == NULL)
    {
      g_printerr ("\n  starting the server on %s: %s\n", fx.endpoint, error->message);
      return -1;
    }

  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  gorb_orb_config_init (&config);
  config.call_timeout_ms = 10000;
  fx.orb = gorb_orb_new_with_config (&config, &error);
  if (fx.orb == NULL)
    {
      g_printerr ("\n  client ORB: %s\n", error->message);
      return -1;
    }
  fx.list = gorb_orb_resolve_string (fx.orb, fx.ref_text, &error);
  if (fx.list == NULL)
    {
      g_printerr ("\n  resolving '%s': %s\n", fx.ref_text, error->message);
      return -1;
    }
  /* the proxy's dirty goes from the ORB's DGC thread, soon: wait until it
   * went through, so that the server counts this process as a holder */
  deadline = g_get_monotonic_time () + DIRTY_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  do
    {
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
      gorb_orb_get_dgc_stats (fx.orb, &stats);
    }
  while (stats.dirty_sent <= stats.dirty_failed && g_get_monotonic_time () < deadline);
  if (stats.dirty_sent <= stats.dirty_failed)
    {
      g_printerr ("\n  no dirty went through in %d ms (%" G_GUINT64_FORMAT " failed)\n",
                  DIRTY_WAIT_MS, stats.dirty_failed);
      return -1;
    }
  return 0;
}

static int
suite_cleanup (void)
{
  gboolean ok = TRUE;

  g_clear_object (&fx.list);
  g_clear_object (&fx.orb);
  if (fx.daemon != NULL)
    ok = gorb_test_daemon_stop (fx.daemon);
  fx.daemon = NULL;
  gorb_test_remove_tree (fx.tmp_dir);
  g_clear_pointer (&fx.tmp_dir, g_free);
  g_clear_pointer (&fx.endpoint, g_free);
  g_clear_pointer (&fx.ref_text, g_free);
  return ok ? 0 : -1;
}

/* ---- tests ---- */

static void
test_endpoint_prints_every_figure (void)
{
  g_autoptr (Run) run = run_tool ("stats", fx.endpoint, NULL);
  g_autoptr (GHashTable) values = NULL;

  if (run->status != 0)
    g_printerr ("\n  %s", run->err);
  CU_ASSERT_EQUAL_FATAL (run->status, 0);
  CU_ASSERT_STRING_EQUAL (run->err, "");
  CU_ASSERT_TRUE (g_str_has_prefix (run->out, "server:\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (run->out, "\n\nclient:\n"));
  values = parse_text (run->out);
  assert_figures (values);
}

static void
test_reference_asks_its_endpoint (void)
{
  g_autoptr (Run) run = run_tool ("stats", fx.ref_text, NULL);
  g_autoptr (GHashTable) values = NULL;

  if (run->status != 0)
    g_printerr ("\n  %s", run->err);
  CU_ASSERT_EQUAL_FATAL (run->status, 0);
  values = parse_text (run->out);
  assert_figures (values);
}

/* The same figures as the text: the settings and gauges equal (nothing
 * changes them while the test holds its lease), the counters no lower. */
static void
test_json_has_the_same_figures (void)
{
  g_autoptr (Run) text_run = run_tool ("stats", fx.endpoint, NULL);
  g_autoptr (Run) json_run = run_tool ("stats", "--json", fx.endpoint, NULL);
  g_autoptr (GHashTable) text = NULL;
  g_autoptr (GHashTable) json = NULL;
  const char *const equal[]
      = { "server.lease_ms", "server.pin_ms",  "server.exported", "server.permanent",
          "server.holders",  "server.clients", "client.proxies",  "client.servers" };
  const char *const growing[]
      = { "server.dirty_calls", "server.leases_granted", "client.dirty_sent" };

  CU_ASSERT_EQUAL_FATAL (text_run->status, 0);
  if (json_run->status != 0)
    g_printerr ("\n  %s", json_run->err);
  CU_ASSERT_EQUAL_FATAL (json_run->status, 0);
  text = parse_text (text_run->out);
  json = parse_json (json_run->out);
  assert_figures (json);
  CU_ASSERT_PTR_NOT_NULL_FATAL (text);
  CU_ASSERT_EQUAL (g_hash_table_size (json), g_hash_table_size (text));
  for (gsize i = 0; i < G_N_ELEMENTS (equal); i++)
    CU_ASSERT_EQUAL (value_of (json, equal[i]), value_of (text, equal[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (growing); i++)
    CU_ASSERT_TRUE (value_of (json, growing[i]) >= value_of (text, growing[i]));
}

static void
test_unreachable_endpoint_fails (void)
{
  g_autofree char *nowhere = g_strdup_printf ("ipc://%s/nobody", fx.tmp_dir);
  g_autoptr (Run) run = run_tool ("stats", "--gorb-call-timeout-ms", "300", nowhere, NULL);

  CU_ASSERT_EQUAL (run->status, 1);
  CU_ASSERT_STRING_EQUAL (run->out, "");
  CU_ASSERT_TRUE (g_str_has_prefix (run->err, "gorb stats: "));
  CU_ASSERT_PTR_NOT_NULL (strstr (run->err, nowhere));
  CU_ASSERT_TRUE (g_str_has_suffix (run->err, "\n"));
  CU_ASSERT_PTR_EQUAL (strchr (run->err, '\n'), run->err + strlen (run->err) - 1); /* one line */
}

static void
test_bad_reference_fails (void)
{
  g_autoptr (Run) run = run_tool ("stats", "gorb:nonsense", NULL);

  CU_ASSERT_EQUAL (run->status, 1);
  CU_ASSERT_TRUE (g_str_has_prefix (run->err, "gorb stats: bad reference 'gorb:nonsense'"));
}

static void
test_usage_errors_exit_2 (void)
{
  g_autoptr (Run) none = run_tool ("stats", NULL);
  g_autoptr (Run) two = run_tool ("stats", fx.endpoint, fx.endpoint, NULL);
  g_autoptr (Run) unknown = run_tool ("stats", "--frobnicate", fx.endpoint, NULL);
  g_autoptr (Run) bad_orb = run_tool ("stats", "--gorb-call-timeout-ms", "soon", fx.endpoint, NULL);
  g_autoptr (Run) help = run_tool ("stats", "--help", NULL);

  CU_ASSERT_EQUAL (none->status, 2);
  CU_ASSERT_TRUE (g_str_has_prefix (none->err, "gorb stats: usage: "));
  CU_ASSERT_EQUAL (two->status, 2);
  CU_ASSERT_EQUAL (unknown->status, 2);
  CU_ASSERT_EQUAL (bad_orb->status, 2);
  CU_ASSERT_TRUE (g_str_has_prefix (bad_orb->err, "gorb stats: "));
  CU_ASSERT_EQUAL (help->status, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (help->out, "WHERE"));
  CU_ASSERT_PTR_NOT_NULL (strstr (help->out, "--json"));
}

static CU_TestInfo stats_tests[] = {
  { "an endpoint: every figure, grouped, as name value", test_endpoint_prints_every_figure },
  { "a gorb: reference: its endpoint is asked", test_reference_asks_its_endpoint },
  { "--json: one object with the same figures", test_json_has_the_same_figures },
  { "an unreachable endpoint: one line naming it, exit 1", test_unreachable_endpoint_fails },
  { "a reference that does not parse: exit 1", test_bad_reference_fails },
  { "usage errors exit 2, --help 0", test_usage_errors_exit_2 },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "tools/gorb-stats", suite_init, suite_cleanup, NULL, NULL, stats_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
