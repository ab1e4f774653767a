/* tests/rmi/test-personlist.c - end to end: the PersonList sample's server
 * program (gorb-personlist-server) called through the generated proxy, over
 * tcp:// and ipc:// from another process and over inproc:// between two ORBs
 * of this process; both encodings, user and system exceptions, async calls,
 * dynamic invocation, proxy identity and collocation */
#include "gorb-test.h"
#include "gorb-test-daemon.h"

#include "Person.h"
#include "person-list-servant.h"

#include <glib/gstdio.h>
#include <string.h>

#ifndef GORB_PERSONLIST_SERVER
#error "GORB_PERSONLIST_SERVER must name the gorb-personlist-server program"
#endif

#define LISTNAME "e2e-list"
#define CALL_TIMEOUT_MS 10000
#define WAIT_MS 30000 /* the most any test waits for async completions */
#define N_IN_FLIGHT 1000
#define INPROC_ENDPOINT "inproc://gorb-test-personlist"
#define SPY_ENDPOINT "inproc://gorb-test-personlist-spy"

/* CUnit has no fixture pointer: one suite's state at a time */
static struct
{
  GorbTestDaemon *daemon;         /* tcp and ipc suites: the server process */
  char *tmp_dir;                  /* ipc suite: holds the socket */
  GorbOrb *server_orb;            /* inproc suite: the ORB that exports the servant */
  DemoPersonListServant *servant; /* inproc suite */
  char *ref_text;                 /* the list's stringified reference */
  GorbOrb *orb;                   /* the client ORB */
  DemoPersonList *list;           /* fx.orb's proxy for the list */
  guint serial;                   /* makes names unique within a run */
} fx;

/* ---- set-up ---- */

static GorbOrb *
new_client_orb (GError **error)
{
  g_auto (GorbOrbConfig) config;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = CALL_TIMEOUT_MS;
  return gorb_orb_new_with_config (&config, error);
}

static int
resolve_list (void)
{
  g_autoptr (GError) error = NULL;
  GObject *object;

  fx.orb = new_client_orb (&error);
  if (fx.orb == NULL)
    {
      g_printerr ("\n  client ORB: %s\n", error->message);
      return -1;
    }
  object = gorb_orb_resolve_string (fx.orb, fx.ref_text, &error);
  if (object == NULL)
    {
      g_printerr ("\n  resolving '%s': %s\n", fx.ref_text, error->message);
      return -1;
    }
  if (!DEMO_IS_PERSON_LIST_PROXY (object))
    {
      g_printerr ("\n  '%s' resolved to a %s, not a DemoPersonListProxy\n", fx.ref_text,
                  G_OBJECT_TYPE_NAME (object));
      g_object_unref (object);
      return -1;
    }
  fx.list = DEMO_PERSON_LIST (object);
  return 0;
}

/* Runs gorb-personlist-server listening on @endpoint and resolves its list. */
static int
start_server (const char *endpoint)
{
  const char *argv[] = { GORB_PERSONLIST_SERVER, "--gorb-endpoint", endpoint, LISTNAME, NULL };
  g_autoptr (GError) error = NULL;

  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  fx.daemon = gorb_test_daemon_start (argv, &fx.ref_text, &error);
  if (fx.daemon == NULL)
    {
      g_printerr ("\n  starting the server on %s: %s\n", endpoint, error->message);
      return -1;
    }
  return resolve_list ();
}

static int
init_tcp (void)
{
  return start_server ("tcp://127.0.0.1:0");
}

static int
init_ipc (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *endpoint = NULL;

  fx.tmp_dir = g_dir_make_tmp ("gorb-e2e-XXXXXX", &error);
  if (fx.tmp_dir == NULL)
    {
      g_printerr ("\n  %s\n", error->message);
      return -1;
    }
  endpoint = g_strdup_printf ("ipc://%s/personlist", fx.tmp_dir);
  return start_server (endpoint);
}

/* Both ORBs in this process: the server one exports a servant on inproc://,
 * the client one resolves its reference to a proxy (another ORB's object is
 * remote to it, whatever process it lives in). */
static int
init_inproc (void)
{
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = NULL;
  const char *endpoints[] = { INPROC_ENDPOINT, NULL };

  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  gorb_orb_config_init (&config);
  config.endpoints = g_strdupv ((char **) endpoints);
  fx.server_orb = gorb_orb_new_with_config (&config, &error);
  if (fx.server_orb == NULL)
    {
      g_printerr ("\n  server ORB: %s\n", error->message);
      return -1;
    }
  fx.servant = demo_person_list_servant_new (LISTNAME);
  ref = gorb_orb_export (fx.server_orb, G_OBJECT (fx.servant), GORB_THREAD_POLICY_POOL, &error);
  if (ref == NULL)
    {
      g_printerr ("\n  export: %s\n", error->message);
      return -1;
    }
  fx.ref_text = gorb_ref_to_string (ref);
  return resolve_list ();
}

static int
cleanup (void)
{
  gboolean clean;

  g_clear_object (&fx.list);
  g_clear_object (&fx.orb);
  if (fx.server_orb != NULL)
    {
      gorb_orb_unexport (fx.server_orb, G_OBJECT (fx.servant));
      gorb_orb_shutdown (fx.server_orb);
    }
  g_clear_object (&fx.server_orb);
  g_clear_object (&fx.servant);
  clean = gorb_test_daemon_stop (g_steal_pointer (&fx.daemon));
  if (fx.tmp_dir != NULL)
    {
      g_autofree char *socket = g_build_filename (fx.tmp_dir, "personlist", NULL);
      g_unlink (socket);
      g_rmdir (fx.tmp_dir);
    }
  g_clear_pointer (&fx.tmp_dir, g_free);
  g_clear_pointer (&fx.ref_text, g_free);
  return clean ? 0 : -1; /* a server that does not stop cleanly on SIGTERM fails the suite */
}

/* ---- helpers ---- */

static char *
unique_name (const char *base)
{
  return g_strdup_printf ("%s-%u", base, ++fx.serial);
}

static gboolean
same_person (const DemoPerson *a, const DemoPerson *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->place, b->place) == 0
         && a->year == b->year;
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates this thread's default GMainContext (where async results of calls
 * made from it arrive) until *@count reaches @target or WAIT_MS pass. */
static gboolean
iterate_until (const guint *count, guint target)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;
  guint wake = g_timeout_add (20, on_wake, NULL); /* so that the deadline is seen */

  while (*count < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return *count >= target;
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;
  guint wake = g_timeout_add (20, on_wake, NULL);

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return *slot;
}

/* Every operation once, checking each result; @list is a proxy or a servant. */
static void
check_every_operation (DemoPersonList *list)
{
  g_autofree char *smith_name = unique_name ("Smith");
  g_autofree char *miller_name = unique_name ("Miller");
  DemoPerson smith = { smith_name, "London", 1934 };
  DemoPerson miller = { miller_name, "Vienna", 1962 };
  g_auto (DemoPerson) found = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *listname = NULL;
  gint32 before, after;

  before = demo_person_list_number (list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (list, &smith, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (list, &miller, &error));
  GORB_ASSERT_NO_ERROR (error);
  after = demo_person_list_number (list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (after, before + 2);

  CU_ASSERT_TRUE (demo_person_list_get_person (list, smith_name, &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (same_person (&found, &smith));
  demo_person_clear (&found);
  CU_ASSERT_TRUE (demo_person_list_get_person (list, miller_name, &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (same_person (&found, &miller));
  demo_person_clear (&found);

  listname = demo_person_list_get_listname (list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (listname, LISTNAME);

  /* a user exception with data */
  CU_ASSERT_FALSE (demo_person_list_get_person (list, "Nobody", &found, &error));
  GORB_ASSERT_ERROR (error, DEMO_NOT_FOUND_ERROR, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL (demo_not_found_error_get_members (error));
  CU_ASSERT_STRING_EQUAL (demo_not_found_error_get_members (error)->name, "Nobody");
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "Nobody"));
  CU_ASSERT_PTR_NULL (found.name); /* a failed call leaves the out value zeroed */
}

/* Every operation in its _async form. */
static void
check_every_operation_async (DemoPersonList *list)
{
  g_autofree char *name = unique_name ("Async");
  DemoPerson person = { name, "Rome", 1970 };
  g_auto (DemoPerson) found = { 0 };
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *listname = NULL;
  gint32 before, after;

  demo_person_list_number_async (list, NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  before = demo_person_list_number_finish (list, result, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&result);

  demo_person_list_add_person_async (list, &person, NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  CU_ASSERT_TRUE (demo_person_list_add_person_finish (list, result, &error));
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&result);

  demo_person_list_number_async (list, NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  after = demo_person_list_number_finish (list, result, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (after, before + 1);
  g_clear_object (&result);

  demo_person_list_get_person_async (list, name, NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  CU_ASSERT_TRUE (demo_person_list_get_person_finish (list, result, &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (same_person (&found, &person));
  demo_person_clear (&found);
  g_clear_object (&result);

  demo_person_list_get_listname_async (list, NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  listname = demo_person_list_get_listname_finish (list, result, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (listname, LISTNAME);
  g_clear_object (&result);

  demo_person_list_get_person_async (list, "Nobody-async", NULL, on_result, &result);
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait_result (&result));
  CU_ASSERT_FALSE (demo_person_list_get_person_finish (list, result, &found, &error));
  GORB_ASSERT_ERROR (error, DEMO_NOT_FOUND_ERROR, 0);
  CU_ASSERT_STRING_EQUAL (demo_not_found_error_get_members (error)->name, "Nobody-async");
  g_clear_object (&result);
}

/* ---- tests shared by every suite ---- */

static void
test_every_operation (void)
{
  check_every_operation (fx.list);
}

static void
test_every_operation_async (void)
{
  check_every_operation_async (fx.list);
}

/* The proxy in XML: the same results (test_xml_goes_on_the_wire proves the
 * bytes are XML). */
static void
test_every_operation_in_xml (void)
{
  GorbProxy *proxy = GORB_PROXY (fx.list);

  CU_ASSERT_EQUAL (gorb_proxy_get_encoding (proxy), GORB_ENCODING_CDR);
  gorb_proxy_set_encoding (proxy, GORB_ENCODING_XML);
  CU_ASSERT_EQUAL (gorb_proxy_get_encoding (proxy), GORB_ENCODING_XML);
  check_every_operation (fx.list);
  check_every_operation_async (fx.list);
  gorb_proxy_set_encoding (proxy, GORB_ENCODING_CDR);
}

typedef struct
{
  guint done, right;
} Tally;

typedef struct
{
  Tally *tally;
  DemoPerson expected;
} Pending;

static void
on_get_person_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  g_auto (DemoPerson) found = { 0 };
  g_autoptr (GError) error = NULL;

  if (demo_person_list_get_person_finish (DEMO_PERSON_LIST (source), result, &found, &error)
      && same_person (&found, &pending->expected))
    pending->tally->right++;
  else if (error != NULL && pending->tally->right == pending->tally->done)
    g_printerr ("\n  first failed async call: %s\n", error->message);
  pending->tally->done++;
  demo_person_clear (&pending->expected);
  g_free (pending);
}

/* N_IN_FLIGHT calls sent before any reply is read; each gets its own answer. */
static void
test_thousand_async_calls_in_flight (void)
{
  DemoPerson people[10];
  g_autoptr (GError) error = NULL;
  Tally tally = { 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      people[i].name = unique_name ("Flight");
      people[i].place = g_strdup_printf ("place-%u", i);
      people[i].year = 1900 + (gint32) i;
      CU_ASSERT_TRUE (demo_person_list_add_person (fx.list, &people[i], &error));
      GORB_ASSERT_NO_ERROR (error);
    }
  for (guint i = 0; i < N_IN_FLIGHT; i++)
    {
      Pending *pending = g_new0 (Pending, 1);
      pending->tally = &tally;
      demo_person_copy (&people[i % 10], &pending->expected);
      demo_person_list_get_person_async (fx.list, people[i % 10].name, NULL, on_get_person_done,
                                         pending);
    }
  CU_ASSERT_EQUAL (tally.done, 0); /* none completes re-entrantly, from _async */
  CU_ASSERT_TRUE (iterate_until (&tally.done, N_IN_FLIGHT));
  CU_ASSERT_EQUAL (tally.done, N_IN_FLIGHT);
  CU_ASSERT_EQUAL (tally.right, N_IN_FLIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    demo_person_clear (&people[i]);
}

/* Resolving the same reference again gives the same proxy. */
static void
test_same_reference_same_proxy (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = gorb_ref_parse (fx.ref_text, &error);
  g_autoptr (GObject) again = NULL;
  g_autoptr (GObject) parsed = NULL;

  GORB_ASSERT_NO_ERROR (error);
  again = gorb_orb_resolve_string (fx.orb, fx.ref_text, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (again, fx.list);
  parsed = gorb_orb_resolve (fx.orb, ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (parsed, fx.list);
  CU_ASSERT_TRUE (gorb_ref_equal (gorb_proxy_get_ref (GORB_PROXY (fx.list)), ref));
  CU_ASSERT_PTR_EQUAL (gorb_proxy_get_orb (GORB_PROXY (fx.list)), fx.orb);
}

/* Proxies are held weakly by the ORB: once dropped, resolving the
 * reference again makes a working proxy anew. */
static void
test_dropped_proxy_is_made_again (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = new_client_orb (&error);
  GObject *object;

  GORB_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < 3; i++)
    {
      object = gorb_orb_resolve_string (orb, fx.ref_text, &error);
      GORB_ASSERT_NO_ERROR (error);
      CU_ASSERT_FATAL (DEMO_IS_PERSON_LIST (object));
      demo_person_list_number (DEMO_PERSON_LIST (object), &error);
      GORB_ASSERT_NO_ERROR (error);
      g_object_unref (object);
    }
}

/* A string that is no reference is refused with the parser's error. */
static void
test_garbage_reference_is_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = gorb_orb_resolve_string (fx.orb, "gorb:not a reference", &error);

  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_REF_ERROR, GORB_REF_ERROR_SYNTAX);
}

/* After its ORB is shut down, a proxy refuses calls with BAD_INV_ORDER. */
static void
test_call_after_shutdown_is_bad_inv_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = new_client_orb (&error);
  g_autoptr (GObject) object = NULL;

  GORB_ASSERT_NO_ERROR (error);
  object = gorb_orb_resolve_string (orb, fx.ref_text, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (DEMO_IS_PERSON_LIST (object));
  demo_person_list_number (DEMO_PERSON_LIST (object), &error);
  GORB_ASSERT_NO_ERROR (error);
  gorb_orb_shutdown (orb);
  demo_person_list_number (DEMO_PERSON_LIST (object), &error);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_INV_ORDER);
}

/* A reference with a key the server never gave out. */
static void
test_unknown_key_is_object_not_exist (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = gorb_ref_parse (fx.ref_text, &error);
  g_autoptr (GorbRef) wrong = NULL;
  g_autoptr (GObject) object = NULL;
  guint8 key[GORB_WIRE_MAX_KEY_SIZE];
  const guint8 *real_key;
  gsize len;

  GORB_ASSERT_NO_ERROR (error);
  real_key = gorb_ref_get_key (ref, &len);
  CU_ASSERT_FATAL (len > 0 && len <= sizeof key);
  memcpy (key, real_key, len);
  key[len - 1] ^= 0xff; /* another object number of the same server incarnation */
  wrong = gorb_ref_new (gorb_ref_get_repo_id (ref), key, len, gorb_ref_get_encoding (ref),
                        gorb_ref_get_endpoints (ref));
  object = gorb_orb_resolve (fx.orb, wrong, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (DEMO_IS_PERSON_LIST (object));
  CU_ASSERT_PTR_NOT_EQUAL (object, fx.list);
  CU_ASSERT_EQUAL (demo_person_list_number (DEMO_PERSON_LIST (object), &error), 0);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  g_clear_error (&error);

  /* a LOCATE_REQUEST says the same; the real object is there */
  CU_ASSERT_FALSE (gorb_proxy_ping (GORB_PROXY (object), &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_proxy_ping (GORB_PROXY (fx.list), &error));
  GORB_ASSERT_NO_ERROR (error);
}

/* Dynamic invocation on a plain GorbProxy (a repository id with no
 * registered class): a made-up operation is refused with BAD_OPERATION; a
 * descriptor that matches the real operation works. */
static void
test_dynamic_invocation_and_bad_operation (void)
{
  static const GorbOperationDesc made_up = { .name = "frobnicate", .result = &gorb_type_long };
  static const GorbOperationDesc number = { .name = "number", .result = &gorb_type_long };
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = new_client_orb (&error); /* its own proxy table */
  g_autoptr (GorbRef) ref = gorb_ref_parse (fx.ref_text, &error);
  g_autoptr (GorbRef) untyped = NULL;
  g_autoptr (GObject) object = NULL;
  const guint8 *key;
  gint32 result = -1, expected;
  gsize len;

  GORB_ASSERT_NO_ERROR (error);
  key = gorb_ref_get_key (ref, &len);
  untyped = gorb_ref_new ("IDL:Test/NoSuchInterface:1.0", key, len, gorb_ref_get_encoding (ref),
                          gorb_ref_get_endpoints (ref));
  object = gorb_orb_resolve (orb, untyped, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (G_OBJECT_TYPE (object) == GORB_TYPE_PROXY);

  CU_ASSERT_FALSE (gorb_proxy_invoke (GORB_PROXY (object), &made_up, NULL, &result, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_OPERATION);
  g_clear_error (&error);

  CU_ASSERT_TRUE (gorb_proxy_invoke (GORB_PROXY (object), &number, NULL, &result, &error));
  GORB_ASSERT_NO_ERROR (error);
  expected = demo_person_list_number (fx.list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (result, expected);
}

/* ---- the tcp suite only: the encoding on the wire ---- */

/* A man in the middle on inproc:// that relays each message to the server
 * and each reply back, noting their encoding flag and whether the body is
 * an XML document. It runs on its listener thread, where it also makes
 * (and closes) the channel it relays through. */
typedef struct
{
  const char *target; /* the server's endpoint */
  gint requests, xml_requests, cdr_requests;
  gint replies, xml_replies, cdr_replies;
  gint failures;
} Spy;

static gboolean
body_is_xml_document (GBytes *body)
{
  gsize len;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  return data != NULL && len >= 5 && (memcmp (data, "<?xml", 5) == 0 || data[0] == '<');
}

static void
spy_count (GorbMessageHeader *h, GBytes *body, gint *all, gint *xml, gint *cdr)
{
  g_atomic_int_inc (all);
  if (h->encoding == GORB_ENCODING_XML && body_is_xml_document (body))
    g_atomic_int_inc (xml);
  else if (h->encoding == GORB_ENCODING_CDR && !body_is_xml_document (body))
    g_atomic_int_inc (cdr);
}

static void
spy_relay (GorbListener *listener, GBytes *peer, GBytes *header, GBytes *body, gpointer user_data)
{
  Spy *spy = user_data;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbTransport) transport = NULL;
  g_autoptr (GorbChannel) channel = NULL;
  g_autoptr (GBytes) reply_header = NULL;
  g_autoptr (GBytes) reply_body = NULL;
  GorbMessageHeader h, r;
  gsize len;
  const guint8 *data = g_bytes_get_data (header, &len);

  if (!gorb_wire_read_header (data, len, &h, &error))
    goto failed;
  if (h.type == GORB_MESSAGE_REQUEST)
    spy_count (&h, body, &spy->requests, &spy->xml_requests, &spy->cdr_requests);
  if ((transport = gorb_transport_for_endpoint (spy->target, &error)) == NULL
      || (channel = gorb_transport_connect (transport, spy->target, &error)) == NULL
      || !gorb_channel_send (channel, header, body, deadline, &error))
    goto failed;
  if (h.type == GORB_MESSAGE_REQUEST && h.response_expected)
    {
      if (!gorb_channel_receive (channel, deadline, &reply_header, &reply_body, &error))
        goto failed;
      data = g_bytes_get_data (reply_header, &len);
      if (!gorb_wire_read_header (data, len, &r, &error))
        goto failed;
      spy_count (&r, reply_body, &spy->replies, &spy->xml_replies, &spy->cdr_replies);
      if (!gorb_listener_send (listener, peer, reply_header, reply_body, &error))
        goto failed;
    }
  gorb_channel_close (channel);
  return;

failed:
  g_printerr ("\n  spy: %s\n", error != NULL ? error->message : "failed");
  g_atomic_int_inc (&spy->failures);
  if (channel != NULL)
    gorb_channel_close (channel);
}

/* Proves that gorb_proxy_set_encoding (XML) puts XML documents on the wire
 * both ways, and that the default is CDR: the calls go through a spy that
 * reads the header flags and looks at the bodies. */
static void
test_xml_goes_on_the_wire (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = gorb_ref_parse (fx.ref_text, &error);
  g_autoptr (GorbRef) spied = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GorbTransport) transport = NULL;
  g_autoptr (GorbListener) listener = NULL;
  g_autoptr (GObject) object = NULL;
  g_auto (DemoPerson) found = { 0 };
  const char *spy_endpoints[] = { SPY_ENDPOINT, NULL };
  DemoPerson person = { "Xavier", "Lyon", 1980 };
  DemoPersonList *list;
  Spy spy = { 0 };

  GORB_ASSERT_NO_ERROR (error);
  spy.target = gorb_ref_get_endpoint (ref);
  transport = gorb_transport_for_endpoint (SPY_ENDPOINT, &error);
  GORB_ASSERT_NO_ERROR (error);
  listener = gorb_transport_listen (transport, SPY_ENDPOINT, spy_relay, &spy, NULL, &error);
  GORB_ASSERT_NO_ERROR (error);

  orb = new_client_orb (&error); /* a fresh proxy table: the key is that of fx.list */
  GORB_ASSERT_NO_ERROR (error);
  spied = gorb_ref_with_endpoints (ref, spy_endpoints);
  object = gorb_orb_resolve (orb, spied, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (DEMO_IS_PERSON_LIST (object));
  list = DEMO_PERSON_LIST (object);

  /* the default: CDR */
  CU_ASSERT_TRUE (demo_person_list_add_person (list, &person, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.requests), 1);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.cdr_requests), 1);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.cdr_replies), 1);

  /* XML: a request, a reply with an out struct, a user exception */
  gorb_proxy_set_encoding (GORB_PROXY (list), GORB_ENCODING_XML);
  CU_ASSERT_TRUE (demo_person_list_get_person (list, "Xavier", &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (same_person (&found, &person));
  demo_person_clear (&found);
  CU_ASSERT_FALSE (demo_person_list_get_person (list, "Nobody-xml", &found, &error));
  GORB_ASSERT_ERROR (error, DEMO_NOT_FOUND_ERROR, 0);
  CU_ASSERT_STRING_EQUAL (demo_not_found_error_get_members (error)->name, "Nobody-xml");

  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.requests), 3);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.xml_requests), 2);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.replies), 3);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.xml_replies), 2);
  CU_ASSERT_EQUAL (g_atomic_int_get (&spy.failures), 0);
  g_clear_object (&object);
  g_clear_object (&orb);
  gorb_listener_close (listener);
}

/* ---- the inproc suite only: collocation and the local path ---- */

/* An ORB resolving a reference to one of its own objects gets the servant
 * itself: no proxy, no marshalling. */
static void
test_own_reference_resolves_to_the_servant (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = gorb_orb_resolve_string (fx.server_orb, fx.ref_text, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (object, fx.servant);
  CU_ASSERT_FALSE (GORB_IS_PROXY (object));
}

/* The same calls on the servant directly (the _async forms run it in a GTask
 * thread): client code cannot tell a local object from a remote one. */
static void
test_local_servant_calls (void)
{
  check_every_operation (DEMO_PERSON_LIST (fx.servant));
  check_every_operation_async (DEMO_PERSON_LIST (fx.servant));
}

/* The generated binding's descriptors validate and its skeleton is registered. */
static void
test_binding_descriptors_validate (void)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_type_desc_validate (&demo_person_desc, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_type_desc_validate (&demo_not_found_desc, &error));
  GORB_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < demo_person_list_desc.n_operations; i++)
    {
      CU_ASSERT_TRUE (gorb_operation_desc_validate (&demo_person_list_desc.operations[i], &error));
      GORB_ASSERT_NO_ERROR (error);
    }
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup ("IDL:Demo/PersonList:1.0"),
                       &demo_person_list_skeleton);
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup_for_type (DEMO_TYPE_PERSON_LIST_SERVANT),
                       &demo_person_list_skeleton);
}

static CU_TestInfo remote_tests[] = {
  { "every operation", test_every_operation },
  { "every operation, async", test_every_operation_async },
  { "every operation in XML", test_every_operation_in_xml },
  { "1000 async calls in flight all complete right", test_thousand_async_calls_in_flight },
  { "the same reference gives the same proxy", test_same_reference_same_proxy },
  { "a dropped proxy is made again", test_dropped_proxy_is_made_again },
  { "a garbage reference is refused", test_garbage_reference_is_refused },
  { "a call after shutdown is BAD_INV_ORDER", test_call_after_shutdown_is_bad_inv_order },
  { "an unknown key is OBJECT_NOT_EXIST", test_unknown_key_is_object_not_exist },
  { "dynamic invocation; a made-up operation is BAD_OPERATION",
    test_dynamic_invocation_and_bad_operation },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo tcp_tests[] = {
  { "every operation", test_every_operation },
  { "every operation, async", test_every_operation_async },
  { "every operation in XML", test_every_operation_in_xml },
  { "XML goes on the wire both ways, CDR by default", test_xml_goes_on_the_wire },
  { "1000 async calls in flight all complete right", test_thousand_async_calls_in_flight },
  { "the same reference gives the same proxy", test_same_reference_same_proxy },
  { "a dropped proxy is made again", test_dropped_proxy_is_made_again },
  { "a garbage reference is refused", test_garbage_reference_is_refused },
  { "a call after shutdown is BAD_INV_ORDER", test_call_after_shutdown_is_bad_inv_order },
  { "an unknown key is OBJECT_NOT_EXIST", test_unknown_key_is_object_not_exist },
  { "dynamic invocation; a made-up operation is BAD_OPERATION",
    test_dynamic_invocation_and_bad_operation },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo inproc_tests[] = {
  { "the binding's descriptors validate", test_binding_descriptors_validate },
  { "every operation", test_every_operation },
  { "every operation, async", test_every_operation_async },
  { "every operation in XML", test_every_operation_in_xml },
  { "1000 async calls in flight all complete right", test_thousand_async_calls_in_flight },
  { "the same reference gives the same proxy", test_same_reference_same_proxy },
  { "an own reference resolves to the servant", test_own_reference_resolves_to_the_servant },
  { "calls on the local servant, sync and async", test_local_servant_calls },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "e2e/personlist over tcp://, two processes", init_tcp, cleanup, NULL, NULL, tcp_tests },
  { "e2e/personlist over ipc://, two processes", init_ipc, cleanup, NULL, NULL, remote_tests },
  { "e2e/personlist over inproc://, two ORBs", init_inproc, cleanup, NULL, NULL, inproc_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
