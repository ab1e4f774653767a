/* tests/naming/test-naming-client.c - libgorb-naming's helpers against real
 * gorb-naming daemons: connecting, the typed resolve's version check,
 * bind/rebind/unbind, mkdir -p, listing through the iterator, rm -r */
#include "gorb-test.h"
#include "naming-client-util.h"
#include "person-list-servant.h"

#include <gorb-naming.h>
#include <string.h>

#include "naming-client-test.h"

#define N_MANY 3000 /* bindings listed through the iterator (batches of 256) */

static struct
{
  NamingClientDaemon naming; /* the daemon most tests use */
  NamingClientDaemon other;  /* a second one, for federation */
  GorbOrb *orb;
  GorbNamingContext *root; /* naming's root, connected by reference */
} fx;

static GorbOrb *
new_orb (guint call_timeout_ms)
{
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = call_timeout_ms;
  orb = gorb_orb_new_with_config (&config, &error); /* called from suite init: no CU_ASSERT */
  if (orb == NULL)
    g_error ("making an ORB: %s", error->message);
  return orb;
}

static int
init_suite (void)
{
  g_autoptr (GError) error = NULL;

  if (!naming_client_daemon_start (&fx.naming, &error)
      || !naming_client_daemon_start (&fx.other, &error))
    {
      g_printerr ("\n  starting gorb-naming: %s\n", error->message);
      return -1;
    }
  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  g_type_ensure (NAMING_TEST_TYPE_DERIVED);
  fx.orb = new_orb (10000);
  fx.root = gorb_naming_connect (fx.orb, fx.naming.root_ref, &error);
  if (fx.root == NULL)
    {
      g_printerr ("\n  connecting to '%s': %s\n", fx.naming.root_ref, error->message);
      return -1;
    }
  return 0;
}

static int
clean_suite (void)
{
  /* the ORB first: it holds leases on objects of the daemons */
  g_clear_object (&fx.root);
  g_clear_object (&fx.orb);
  naming_client_daemon_stop (&fx.naming);
  naming_client_daemon_stop (&fx.other);
  return 0;
}

/* A proxy for an object nobody serves, of @repo_id. */
static GObject *
fake_object (const char *repo_id)
{
  g_autofree char *text = naming_client_fake_ref (fx.naming.endpoint, repo_id);
  g_autoptr (GError) error = NULL;
  GObject *object = gorb_orb_resolve_string (fx.orb, text, &error);

  GORB_ASSERT_NO_ERROR (error);
  return object;
}

static void
bind_fake (const char *name, const char *repo_id)
{
  g_autoptr (GObject) object = fake_object (repo_id);
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_naming_rebind_path (fx.root, name, object, &error));
  GORB_ASSERT_NO_ERROR (error);
}

static void
mkdir_p (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) made = gorb_naming_mkdir_path (fx.root, name, TRUE, &error);

  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (made);
}

static void
assert_message_has (const GError *error, const char *part)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (strstr (error->message, part) == NULL)
    g_printerr ("\n  '%s' not in the message '%s'\n", part, error->message);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, part));
}

/* ---- connecting ---- */

static void
test_connect_by_reference_endpoint_and_env (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) by_endpoint = NULL;
  g_autoptr (GorbNamingContext) by_env = NULL;
  g_autoptr (GorbNamingContext) by_config = NULL;
  g_autoptr (GObject) seen = NULL;
  g_auto (GorbOrbConfig) config = { 0 };
  g_autoptr (GorbOrb) configured = NULL;

  /* by endpoint: the daemon's initial reference, the same root */
  by_endpoint = gorb_naming_connect (fx.orb, fx.naming.endpoint, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_bind_path (by_endpoint, "connect-seen", G_OBJECT (fx.root), &error));
  GORB_ASSERT_NO_ERROR (error);
  seen = gorb_naming_resolve_path (fx.root, "connect-seen", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (seen, fx.root); /* one proxy per object */
  CU_ASSERT_PTR_EQUAL (by_endpoint, fx.root);

  /* by $GORB_NAMING, with nothing else said */
  g_setenv (GORB_NAMING_ENV, fx.naming.endpoint, TRUE);
  by_env = gorb_naming_connect (fx.orb, NULL, &error);
  g_unsetenv (GORB_NAMING_ENV);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (by_env, fx.root);

  /* the ORB's configuration (--gorb-naming) comes before the environment */
  gorb_orb_config_init (&config);
  config.naming = g_strdup (fx.naming.root_ref);
  configured = gorb_orb_new_with_config (&config, &error);
  GORB_ASSERT_NO_ERROR (error);
  g_setenv (GORB_NAMING_ENV, "ipc:///nonexistent/naming", TRUE);
  by_config = gorb_naming_connect (configured, NULL, &error);
  g_unsetenv (GORB_NAMING_ENV);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_unbind_path (by_config, "connect-seen", &error));
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_connect_refuses_what_is_not_a_context (void)
{
  g_autofree char *text = naming_client_fake_ref (fx.naming.endpoint, "IDL:Demo/PersonList:1.0");
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) context = gorb_naming_connect (fx.orb, text, &error);

  CU_ASSERT_PTR_NULL (context);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT);
  assert_message_has (error, "IDL:Demo/PersonList:1.0");
  g_clear_error (&error);

  context = gorb_naming_connect (fx.orb, "gorb:not a reference", &error);
  CU_ASSERT_PTR_NULL (context);
  GORB_ASSERT_ERROR (error, GORB_REF_ERROR, GORB_REF_ERROR_SYNTAX);
}

static void
test_connect_to_nobody_fails_within_the_timeout (void)
{
  g_autoptr (GorbOrb) orb = new_orb (500);
  g_autofree char *endpoint = g_strdup_printf ("ipc://%s/nobody", fx.naming.dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) context = gorb_naming_connect (orb, endpoint, &error);

  CU_ASSERT_PTR_NULL (context);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_EQUAL (error->domain, GORB_SYSTEM_ERROR);
  assert_message_has (error, endpoint);
}

/* ---- the typed resolve ---- */

static void
test_resolve_typed_accepts_the_type (void)
{
  g_autoptr (DemoPersonListServant) servant = demo_person_list_servant_new ("typed");
  g_autoptr (GError) error = NULL;
  g_autoptr (DemoPersonList) list = NULL;
  g_autofree char *listname = NULL;

  mkdir_p ("typed");
  CU_ASSERT_TRUE (gorb_naming_rebind_path (fx.root, "typed/list", G_OBJECT (servant), &error));
  GORB_ASSERT_NO_ERROR (error);
  list = gorb_naming_resolve_typed (fx.root, "typed/list", DEMO_TYPE_PERSON_LIST, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (DEMO_IS_PERSON_LIST (list));
  listname = demo_person_list_get_listname (list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (listname, "typed");
  /* the daemon lets go of the servant before this ORB does */
  CU_ASSERT_TRUE (gorb_naming_unbind_path (fx.root, "typed/list", &error));
  GORB_ASSERT_NO_ERROR (error);
  gorb_orb_unexport (fx.orb, G_OBJECT (servant));
}

static void
test_resolve_typed_accepts_a_derived_interface (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;

  bind_fake ("typed-derived", "IDL:NamingTest/Derived:1.0");
  object = gorb_naming_resolve_typed (fx.root, "typed-derived", NAMING_TEST_TYPE_BASE, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (NAMING_TEST_IS_BASE (object));
  CU_ASSERT_TRUE (NAMING_TEST_IS_DERIVED (object));
}

static void
test_resolve_typed_refuses_another_version (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;

  bind_fake ("typed-v2", "IDL:Demo/PersonList:2.0");
  object = gorb_naming_resolve_typed (fx.root, "typed-v2", DEMO_TYPE_PERSON_LIST, &error);
  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH);
  assert_message_has (error, "IDL:Demo/PersonList:2.0");
  assert_message_has (error, "IDL:Demo/PersonList:1.0");
  assert_message_has (error, "version");
  assert_message_has (error, "typed-v2");
}

static void
test_resolve_typed_refuses_another_interface (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;

  /* a base is no derived, and a context no list */
  bind_fake ("typed-base", "IDL:NamingTest/Base:1.0");
  object = gorb_naming_resolve_typed (fx.root, "typed-base", NAMING_TEST_TYPE_DERIVED, &error);
  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH);
  assert_message_has (error, "IDL:NamingTest/Base:1.0");
  assert_message_has (error, "IDL:NamingTest/Derived:1.0");
  g_clear_error (&error);

  mkdir_p ("typed-context");
  object = gorb_naming_resolve_typed (fx.root, "typed-context", DEMO_TYPE_PERSON_LIST, &error);
  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_TYPE_MISMATCH);
  assert_message_has (error, "IDL:Gorb/Naming/Context:1.0");
  g_clear_error (&error);

  object = gorb_naming_resolve_repo_id (fx.root, "typed-base", "IDL:NamingTest/Base:1.0", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (object);
}

/* ---- bind, rebind, unbind, resolve ---- */

static void
test_bind_rebind_unbind (void)
{
  g_autoptr (GObject) first = fake_object ("IDL:Demo/PersonList:1.0");
  g_autoptr (GObject) second = fake_object ("IDL:Demo/PersonList:1.0");
  g_autoptr (GObject) found = NULL;
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (gorb_naming_bind_path (fx.root, "b.obj", first, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_naming_bind_path (fx.root, "b.obj", second, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_ALREADY_BOUND_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_rebind_path (fx.root, "b.obj", second, &error));
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_resolve_path (fx.root, "b.obj", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, second);
  CU_ASSERT_TRUE (gorb_naming_unbind_path (fx.root, "b.obj", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_naming_unbind_path (fx.root, "b.obj", &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
}

static void
test_resolve_missing_says_what_is_missing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;
  const GorbNamingNotFound *not_found;
  g_autofree char *rest = NULL;

  mkdir_p ("missing/here");
  object = gorb_naming_resolve_path (fx.root, "missing/here/nope/deeper", &error);
  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
  not_found = gorb_naming_not_found_error_get_members (error);
  CU_ASSERT_EQUAL (not_found->why, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE);
  rest = gorb_naming_name_to_string (&not_found->rest_of_name, NULL);
  CU_ASSERT_STRING_EQUAL (rest, "nope/deeper");
}

static void
test_bad_name_is_refused_here (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = gorb_naming_resolve_path (fx.root, "a//b", &error);

  CU_ASSERT_PTR_NULL (object);
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_bind_path (fx.root, "", G_OBJECT (fx.root), &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
}

/* ---- mkdir ---- */

static void
test_mkdir_with_and_without_parents (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) made = NULL;
  g_autoptr (GorbNamingContext) again = NULL;
  g_autoptr (GObject) found = NULL;

  made = gorb_naming_mkdir_path (fx.root, "mk/a/b/c", FALSE, &error);
  CU_ASSERT_PTR_NULL (made);
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
  g_clear_error (&error);

  made = gorb_naming_mkdir_path (fx.root, "mk/a/b/c", TRUE, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (GORB_IS_NAMING_CONTEXT (made));
  found = gorb_naming_resolve_path (fx.root, "mk/a/b/c", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, made);

  again = gorb_naming_mkdir_path (fx.root, "mk/a/b/c", TRUE, &error); /* exists: no error */
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (again, made);
  g_clear_object (&again);
  again = gorb_naming_mkdir_path (fx.root, "mk/a/b/c", FALSE, &error);
  CU_ASSERT_PTR_NULL (again);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ALREADY_BOUND_ERROR, 0);
  g_clear_error (&error);

  again = gorb_naming_mkdir_path (fx.root, "mk/a/d", FALSE, &error); /* the parent exists */
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&again);

  bind_fake ("mk/a/obj", "IDL:Demo/PersonList:1.0");
  again = gorb_naming_mkdir_path (fx.root, "mk/a/obj", TRUE, &error);
  CU_ASSERT_PTR_NULL (again);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT);
  g_clear_error (&error);
  again = gorb_naming_mkdir_path (fx.root, "mk/a/obj/below", TRUE, &error);
  CU_ASSERT_PTR_NULL (again);
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
}

/* ---- list ---- */

static void
test_list_thousands_through_the_iterator (void)
{
  g_autoptr (GObject) object = fake_object ("IDL:Demo/PersonList:1.0");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GorbNamingBindingList bindings = { 0 };
  g_autoptr (GError) error = NULL;
  guint n_contexts = 0;

  mkdir_p ("many/sub");
  for (guint i = 0; i < N_MANY; i++)
    {
      g_autofree char *name = g_strdup_printf ("many/n%05u.obj", i);

      if (!gorb_naming_bind_path (fx.root, name, object, &error))
        break;
    }
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE_FATAL (gorb_naming_list_path (fx.root, "many", &bindings, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (bindings.len, N_MANY + 1);
  for (guint32 i = 0; i < bindings.len; i++)
    {
      const GorbNamingBinding *b = &bindings.data[i];

      CU_ASSERT_EQUAL (b->binding_name.len, 1);
      if (b->binding_type == GORB_NAMING_BINDING_TYPE_NCONTEXT)
        {
          n_contexts++;
          CU_ASSERT_STRING_EQUAL (b->binding_name.data[0].id, "sub");
        }
      else
        CU_ASSERT_STRING_EQUAL (b->binding_name.data[0].kind, "obj");
      g_hash_table_add (seen, gorb_naming_name_to_string (&b->binding_name, NULL));
    }
  CU_ASSERT_EQUAL (n_contexts, 1);
  CU_ASSERT_EQUAL (g_hash_table_size (seen), N_MANY + 1); /* no binding twice */
  gorb_value_clear (&gorb_naming_binding_list_desc, &bindings);

  CU_ASSERT_TRUE (gorb_naming_list_path (fx.root, "many/sub", &bindings, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (bindings.len, 0);

  CU_ASSERT_FALSE (gorb_naming_list_path (fx.root, "many/n00000.obj", &bindings, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT);
  CU_ASSERT_EQUAL (bindings.len, 0);
}

/* ---- rm -r ---- */

static void
test_remove_tree (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) deep = NULL;
  g_autoptr (GorbNamingContext) kept = NULL;
  g_autoptr (GorbNamingContext) other_root = NULL;
  g_autoptr (GObject) object = NULL;
  GorbNamingBindingList bindings = { 0 };

  deep = gorb_naming_mkdir_path (fx.root, "tree/a/b", TRUE, &error);
  GORB_ASSERT_NO_ERROR (error);
  bind_fake ("tree/a/b/x", "IDL:Demo/PersonList:1.0");
  bind_fake ("tree/a/y", "IDL:Demo/PersonList:1.0");
  bind_fake ("tree/z", "IDL:Demo/PersonList:1.0");
  /* a context bound as an object, and one of another daemon: unbound, kept */
  kept = gorb_naming_mkdir_path (fx.root, "tree-kept", TRUE, &error);
  GORB_ASSERT_NO_ERROR (error);
  bind_fake ("tree-kept/inside", "IDL:Demo/PersonList:1.0");
  CU_ASSERT_TRUE (gorb_naming_bind_path (fx.root, "tree/a/alias", G_OBJECT (kept), &error));
  GORB_ASSERT_NO_ERROR (error);
  other_root = gorb_naming_connect (fx.orb, fx.other.root_ref, &error);
  GORB_ASSERT_NO_ERROR (error);
  object = fake_object ("IDL:Demo/PersonList:1.0");
  CU_ASSERT_TRUE (gorb_naming_rebind_path (other_root, "far", object, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_bind_context_path (fx.root, "tree/fed", other_root, FALSE, &error));
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&object);
  object = gorb_naming_resolve_path (fx.root, "tree/fed/far", &error); /* resolved through */
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE (gorb_naming_remove_tree (fx.root, "tree", &error));
  GORB_ASSERT_NO_ERROR (error);
  g_clear_object (&object);
  object = gorb_naming_resolve_path (fx.root, "tree", &error);
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
  g_clear_error (&error);
  /* the destroyed context is gone from the daemon */
  CU_ASSERT_FALSE (gorb_naming_list_path (deep, NULL, &bindings, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  g_clear_error (&error);
  /* the others are untouched */
  CU_ASSERT_TRUE (gorb_naming_list_path (kept, NULL, &bindings, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (bindings.len, 1);
  gorb_value_clear (&gorb_naming_binding_list_desc, &bindings);
  object = gorb_naming_resolve_path (other_root, "far", &error);
  GORB_ASSERT_NO_ERROR (error);
}

static void
test_remove_tree_of_an_object_binding_only_unbinds (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) kept = NULL;
  GorbNamingBindingList bindings = { 0 };

  kept = gorb_naming_mkdir_path (fx.root, "alias-target", TRUE, &error);
  GORB_ASSERT_NO_ERROR (error);
  bind_fake ("alias-target/inside", "IDL:Demo/PersonList:1.0");
  CU_ASSERT_TRUE (gorb_naming_bind_path (fx.root, "alias", G_OBJECT (kept), &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_remove_tree (fx.root, "alias", &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_list_path (fx.root, "alias-target", &bindings, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (bindings.len, 1);
  gorb_value_clear (&gorb_naming_binding_list_desc, &bindings);
  CU_ASSERT_FALSE (gorb_naming_remove_tree (fx.root, "alias", &error)); /* gone */
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
}

static CU_TestInfo connect_tests[] = {
  { "connect by reference, endpoint, $GORB_NAMING and config",
    test_connect_by_reference_endpoint_and_env },
  { "connect refuses what is not a context", test_connect_refuses_what_is_not_a_context },
  { "connect to nobody fails within the timeout", test_connect_to_nobody_fails_within_the_timeout },
  CU_TEST_INFO_NULL,
};

static CU_TestInfo helper_tests[] = {
  { "resolve_typed accepts the type", test_resolve_typed_accepts_the_type },
  { "resolve_typed accepts a derived interface", test_resolve_typed_accepts_a_derived_interface },
  { "resolve_typed refuses another version", test_resolve_typed_refuses_another_version },
  { "resolve_typed refuses another interface", test_resolve_typed_refuses_another_interface },
  { "bind, rebind, unbind", test_bind_rebind_unbind },
  { "resolve of a missing name says what is missing", test_resolve_missing_says_what_is_missing },
  { "a bad name is refused before sending", test_bad_name_is_refused_here },
  { "mkdir with and without parents", test_mkdir_with_and_without_parents },
  { "list thousands of bindings through the iterator", test_list_thousands_through_the_iterator },
  { "remove_tree destroys its contexts, keeps others", test_remove_tree },
  { "remove_tree of an object binding only unbinds",
    test_remove_tree_of_an_object_binding_only_unbinds },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "naming/client-connect", init_suite, clean_suite, NULL, NULL, connect_tests },
  { "naming/client-helpers", init_suite, clean_suite, NULL, NULL, helper_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
