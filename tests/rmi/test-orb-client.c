/* tests/rmi/test-orb-client.c - the client half with a real server half:
 * collocation (an own reference resolves to the servant), references of
 * servants and proxies, the ORB's object-reference hooks, the proxy class
 * chosen by repository id, and connections left in other threads by an
 * ORB that is gone
 */
#include "gorb-test.h"
#include "gorb-test-types.h"
#include "gorb-orb-private.h"
#include "person-list-servant.h"

#include <string.h>

static struct
{
  GorbOrb *orb;   /* exports the servant */
  GorbOrb *other; /* another ORB of this process: a client of the first */
  GObject *servant;
  GorbRef *ref;
} fx;

static GorbOrb *
orb_new (GorbEncoding encoding)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = 5000;
  config.encoding = encoding;
  orb = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  return orb;
}

static void
setup (void)
{
  g_autoptr (GError) error = NULL;

  fx.orb = orb_new (GORB_ENCODING_CDR);
  fx.other = orb_new (GORB_ENCODING_CDR);
  fx.servant = G_OBJECT (demo_person_list_servant_new ("friends"));
  fx.ref = gorb_orb_export (fx.orb, fx.servant, GORB_THREAD_POLICY_POOL, &error);
  GORB_ASSERT_NO_ERROR (error);
}

static void
teardown (void)
{
  g_clear_pointer (&fx.ref, gorb_ref_unref);
  g_clear_object (&fx.other);
  g_clear_object (&fx.orb);
  g_clear_object (&fx.servant);
}

static void
test_own_reference_resolves_to_the_servant (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = gorb_orb_resolve (fx.orb, fx.ref, &error);
  g_autofree char *text = NULL;
  g_autoptr (GObject) again = NULL;

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (object, fx.servant);
  text = gorb_orb_object_to_string (fx.orb, fx.servant, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (g_str_has_prefix (text, "gorb:IDL:Demo/PersonList:1.0;key="));
  again = gorb_orb_resolve_string (fx.orb, text, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (again, fx.servant);
}

static void
test_other_orb_gets_the_registered_proxy_class (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = gorb_orb_resolve (fx.other, fx.ref, &error);
  g_autoptr (GorbRef) back = NULL;
  DemoPerson p = { "Smith", "London", 1934 };

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (DEMO_IS_PERSON_LIST_PROXY (object));
  CU_ASSERT_PTR_EQUAL (gorb_proxy_get_orb (GORB_PROXY (object)), fx.other);
  CU_ASSERT_TRUE (demo_person_list_add_person (DEMO_PERSON_LIST (object), &p, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (demo_person_list_number (DEMO_PERSON_LIST (object), &error), 1);
  GORB_ASSERT_NO_ERROR (error);
  /* a proxy's reference is its own, whichever ORB asks */
  back = gorb_orb_dup_ref (fx.orb, object, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (back, fx.ref));
  CU_ASSERT_TRUE (gorb_proxy_ping (GORB_PROXY (object), &error));
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_unknown_repository_id_gives_a_plain_proxy (void)
{
  g_autoptr (GError) error = NULL;
  const char *endpoints[] = { "tcp://127.0.0.1:9", NULL };
  guint8 key[GORB_OBJECT_KEY_SIZE] = { 7 };
  g_autoptr (GorbRef) ref
      = gorb_ref_new ("IDL:Nobody/Knows:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  g_autoptr (GObject) object = gorb_orb_resolve (fx.other, ref, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (G_OBJECT_TYPE (object), GORB_TYPE_PROXY);
  CU_ASSERT_TRUE (gorb_ref_equal (gorb_proxy_get_ref (GORB_PROXY (object)), ref));
}

static void
test_proxies_take_the_orb_encoding (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) xml_orb = orb_new (GORB_ENCODING_XML);
  g_autoptr (GObject) object = gorb_orb_resolve (xml_orb, fx.ref, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (gorb_proxy_get_encoding (GORB_PROXY (object)), GORB_ENCODING_XML);
  CU_ASSERT_EQUAL (demo_person_list_number (DEMO_PERSON_LIST (object), &error), 0);
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&object); /* before its ORB */
}

static void
test_dup_ref_exports_a_servant_on_the_fly (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) fresh = G_OBJECT (demo_person_list_servant_new ("new"));
  g_autoptr (GorbRef) ref = gorb_orb_dup_ref (fx.orb, fresh, &error);
  g_autoptr (GorbRef) again = NULL;
  g_autoptr (GObject) resolved = NULL;
  g_autoptr (GObject) plain = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GorbRef) none = NULL;

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ref);
  again = gorb_orb_dup_ref (fx.orb, fresh, &error);
  CU_ASSERT_TRUE (gorb_ref_equal (ref, again));
  resolved = gorb_orb_resolve (fx.orb, ref, &error);
  CU_ASSERT_PTR_EQUAL (resolved, fresh);
  /* an object that implements no registered interface cannot be */
  none = gorb_orb_dup_ref (fx.orb, plain, &error);
  CU_ASSERT_PTR_NULL (none);
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
}

/* A value holding an object reference, through the ORBs' hooks */
static void
test_hooks_export_and_resolve (void)
{
  g_autoptr (GError) error = NULL;
  TestRefHolder holder = { fx.servant, 9 }, here = { NULL, 0 }, there = { NULL, 0 };
  g_autoptr (GBytes) cdr = NULL;
  g_autoptr (GBytes) xml = NULL;

  gorb_orb_push_objref_hooks (fx.orb);
  cdr = gorb_cdr_encode (&test_ref_holder_desc, &holder, GORB_BYTE_ORDER_LITTLE, &error);
  xml = gorb_xml_encode (&test_ref_holder_desc, &holder, NULL, &error);
  GORB_ASSERT_NO_ERROR (error);
  /* in the exporting ORB: the servant itself */
  CU_ASSERT_TRUE (gorb_cdr_decode (&test_ref_holder_desc, g_bytes_get_data (cdr, NULL),
                                   g_bytes_get_size (cdr), GORB_BYTE_ORDER_LITTLE, &here, &error));
  gorb_orb_pop_objref_hooks (fx.orb);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (here.ref, fx.servant);
  CU_ASSERT_EQUAL (here.tag, 9);

  /* in another ORB: its proxy, the same one for CDR and XML */
  gorb_orb_push_objref_hooks (fx.other);
  CU_ASSERT_TRUE (gorb_cdr_decode (&test_ref_holder_desc, g_bytes_get_data (cdr, NULL),
                                   g_bytes_get_size (cdr), GORB_BYTE_ORDER_LITTLE, &there, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (DEMO_IS_PERSON_LIST_PROXY (there.ref));
  gorb_value_clear (&test_ref_holder_desc, &here);
  CU_ASSERT_TRUE (gorb_xml_decode (&test_ref_holder_desc, g_bytes_get_data (xml, NULL),
                                   g_bytes_get_size (xml), NULL, &here, &error));
  gorb_orb_pop_objref_hooks (fx.other);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (here.ref, there.ref);
  gorb_value_clear (&test_ref_holder_desc, &here);
  gorb_value_clear (&test_ref_holder_desc, &there);
}

/* Connections a thread keeps after their ORB is gone */

static struct
{
  GMutex lock;
  GCond cond;
  guint step;
  GorbProxy *first;  /* of fx.other */
  GorbProxy *second; /* of another ORB */
  gint32 results[2];
} th;

static void
wait_step (guint step)
{
  g_mutex_lock (&th.lock);
  while (th.step < step)
    g_cond_wait (&th.cond, &th.lock);
  g_mutex_unlock (&th.lock);
}

static void
set_step (guint step)
{
  g_mutex_lock (&th.lock);
  th.step = step;
  g_cond_broadcast (&th.cond);
  g_mutex_unlock (&th.lock);
}

static gpointer
caller_thread (gpointer data)
{
  th.results[0] = demo_person_list_number (DEMO_PERSON_LIST (th.first), NULL);
  set_step (1);
  wait_step (2); /* meanwhile, the first ORB goes */
  th.results[1] = demo_person_list_number (DEMO_PERSON_LIST (th.second), NULL);
  return NULL;
}

static void
test_a_thread_outlives_an_orb (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) third = orb_new (GORB_ENCODING_CDR);
  GThread *thread;

  th.step = 0;
  th.first = GORB_PROXY (gorb_orb_resolve (fx.other, fx.ref, &error));
  th.second = GORB_PROXY (gorb_orb_resolve (third, fx.ref, &error));
  GORB_ASSERT_NO_ERROR (error);
  thread = g_thread_new ("caller", caller_thread, NULL);
  wait_step (1);
  g_clear_object (&th.first);
  g_clear_object (&fx.other); /* its connection in the thread is left to the thread */
  set_step (2);
  g_thread_join (thread);
  CU_ASSERT_EQUAL (th.results[0], 0);
  CU_ASSERT_EQUAL (th.results[1], 0);
  g_clear_object (&th.second);
}

static GorbOrb *
orb_at (const char *endpoint)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = 5000;
  config.endpoints = g_strsplit (endpoint, " ", -1);
  orb = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  return orb;
}

static void
test_persistent_key_outlives_the_server_orb (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gorb-persist-XXXXXX", &error);
  g_autofree char *endpoint = g_strdup_printf ("ipc://%s/orb", dir);
  GorbIncarnationId incarnation;
  g_autoptr (GorbOrb) first = orb_at (endpoint);
  g_autoptr (GObject) servant = G_OBJECT (demo_person_list_servant_new ("kept"));
  g_autoptr (GObject) other_servant = G_OBJECT (demo_person_list_servant_new ("other"));
  g_autoptr (GorbRef) ref = NULL;
  g_autoptr (GorbRef) again = NULL;
  g_autoptr (GorbRef) second_ref = NULL;
  g_autoptr (GObject) proxy = NULL;
  g_autoptr (GObject) local = NULL;
  g_autoptr (GorbOrb) second = NULL;
  const guint8 *key;
  gsize key_len;
  GorbIncarnationId got;
  guint64 number = 0;
  DemoPerson p = { "Smith", "London", 1934 };

  GORB_ASSERT_NO_ERROR (error);
  gorb_incarnation_id_generate (&incarnation);
  ref = gorb_orb_export_persistent (first, servant, &incarnation, 7, GORB_THREAD_POLICY_POOL,
                                    &error);
  GORB_ASSERT_NO_ERROR (error);
  key = gorb_ref_get_key (ref, &key_len);
  CU_ASSERT_TRUE (gorb_object_key_split (key, key_len, &got, &number));
  CU_ASSERT_EQUAL (memcmp (got.bytes, incarnation.bytes, sizeof got.bytes), 0);
  CU_ASSERT_EQUAL (number, 7);

  /* the same servant and key again: the same reference */
  again = gorb_orb_export_persistent (first, servant, &incarnation, 7, GORB_THREAD_POLICY_POOL,
                                      &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (again, ref));
  /* another servant under that key, the servant under another key, the
   * ORB's own incarnation: refused */
  CU_ASSERT_PTR_NULL (gorb_orb_export_persistent (first, other_servant, &incarnation, 7,
                                                  GORB_THREAD_POLICY_POOL, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_orb_export_persistent (first, servant, &incarnation, 8,
                                                  GORB_THREAD_POLICY_POOL, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_orb_export_persistent (first, other_servant, &incarnation, 0,
                                                  GORB_THREAD_POLICY_POOL, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_orb_export_persistent (first, other_servant, &first->incarnation, 9,
                                                  GORB_THREAD_POLICY_POOL, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);

  /* a persistent key of this ORB resolves to the servant itself */
  local = gorb_orb_resolve (first, ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (local, servant);

  proxy = gorb_orb_resolve (fx.other, ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (DEMO_PERSON_LIST (proxy), &p, &error));
  GORB_ASSERT_NO_ERROR (error);

  /* the server ORB goes; a new one on the same endpoint serves a new
   * servant under the same key: the client's proxy reaches it */
  g_clear_object (&first);
  second = orb_at (endpoint);
  second_ref = gorb_orb_export_persistent (second, other_servant, &incarnation, 7,
                                           GORB_THREAD_POLICY_POOL, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (second_ref, ref));
  CU_ASSERT_EQUAL (demo_person_list_number (DEMO_PERSON_LIST (proxy), &error), 0);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (DEMO_PERSON_LIST (proxy), &p, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (demo_person_list_number (DEMO_PERSON_LIST (other_servant), &error), 1);
  g_clear_object (&second);
  gorb_test_remove_tree (dir);
}

static void
test_initial_references (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) endpoints = gorb_orb_dup_endpoints (fx.orb);
  g_autoptr (GorbOrb) xml = orb_new (GORB_ENCODING_XML);
  g_autoptr (GorbRef) got = NULL;
  g_autoptr (GorbRef) got_xml = NULL;
  g_autofree char *long_name = g_strnfill (GORB_INITIAL_REFERENCE_MAX_NAME + 1, 'x');

  CU_ASSERT_TRUE (gorb_orb_set_initial_reference (fx.orb, "Friends", fx.ref, &error));
  GORB_ASSERT_NO_ERROR (error);

  /* asked by name, at the endpoint, in CDR and in XML */
  got = gorb_orb_dup_initial_reference (fx.other, endpoints[0], "Friends", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (got, fx.ref));
  CU_ASSERT_STRING_EQUAL (gorb_ref_get_repo_id (got), "IDL:Demo/PersonList:1.0");
  got_xml = gorb_orb_dup_initial_reference (xml, endpoints[0], "Friends", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_ref_equal (got_xml, fx.ref));

  /* a name nobody set, a removed one */
  CU_ASSERT_PTR_NULL (gorb_orb_dup_initial_reference (fx.other, endpoints[0], "Enemies", &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "Enemies"));
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_orb_set_initial_reference (fx.orb, "Friends", NULL, &error));
  CU_ASSERT_PTR_NULL (gorb_orb_dup_initial_reference (fx.other, endpoints[0], "Friends", &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  g_clear_error (&error);

  /* bad names, on both sides */
  CU_ASSERT_FALSE (gorb_orb_set_initial_reference (fx.orb, "", fx.ref, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_orb_set_initial_reference (fx.orb, long_name, fx.ref, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_orb_dup_initial_reference (fx.other, endpoints[0], long_name, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);

  /* an endpoint no transport handles */
  CU_ASSERT_PTR_NULL (gorb_orb_dup_initial_reference (fx.other, "bogus://x", "Friends", &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_INV_OBJREF);
}

static void
test_short_key_resolves_to_a_proxy (void)
{
  const char *endpoints[] = { "tcp://127.0.0.1:9", NULL };
  const guint8 key[] = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref
      = gorb_ref_new ("IDL:Demo/PersonList:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  /* the exporting ORB looks the key up among its objects first */
  g_autoptr (GObject) object = gorb_orb_resolve (fx.orb, ref, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (GORB_IS_PROXY (object));
}

static CU_TestInfo client_tests[] = {
  { "an own reference resolves to the servant", test_own_reference_resolves_to_the_servant },
  { "another ORB gets the registered proxy class", test_other_orb_gets_the_registered_proxy_class },
  { "an unknown repository id gives a plain GorbProxy",
    test_unknown_repository_id_gives_a_plain_proxy },
  { "proxies take the ORB's encoding", test_proxies_take_the_orb_encoding },
  { "dup_ref exports a servant on the fly", test_dup_ref_exports_a_servant_on_the_fly },
  { "the hooks export and resolve", test_hooks_export_and_resolve },
  { "a thread outlives an ORB it called through", test_a_thread_outlives_an_orb },
  { "a persistent key outlives the server ORB", test_persistent_key_outlives_the_server_orb },
  { "initial references by name", test_initial_references },
  { "a reference with a short key resolves to a proxy", test_short_key_resolves_to_a_proxy },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/orb-client", NULL, NULL, setup, teardown, client_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
