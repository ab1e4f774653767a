/* tests/naming/test-naming-daemon.c - gorb-naming, one daemon on ipc://:
 * every operation and every error, list and its iterators (10,000
 * bindings, destroy, idle timeout), the initial reference, a restart that
 * keeps the graph and the references, and start-up errors */
#include "naming-test-util.h"

#include "person-list-servant.h"

#include <gio/gio.h>
#include <string.h>
#include <sys/wait.h>

static struct
{
  char *tmp_dir;
  char *endpoint;
  char *store;
  GorbTestDaemon *daemon;
  char *root_text;
  GorbOrb *orb;
  GorbNamingContext *root;
  DemoPersonListServant *servant; /* exported by fx.orb: a bindable object */
} fx;

static const char *const daemon_args[] = { "--iterator-timeout", "1", "--sync", "normal", NULL };

static int
start (void)
{
  fx.daemon = naming_test_daemon_start (fx.endpoint, fx.store, daemon_args, &fx.root_text);
  if (fx.daemon == NULL)
    return -1;
  g_clear_object (&fx.root);
  fx.root = naming_test_resolve_context (fx.orb, fx.root_text);
  return fx.root != NULL ? 0 : -1;
}

static int
init_suite (void)
{
  g_autoptr (GError) error = NULL;

  fx.tmp_dir = g_dir_make_tmp ("gorb-naming-XXXXXX", &error);
  if (fx.tmp_dir == NULL)
    return -1;
  fx.endpoint = g_strdup_printf ("ipc://%s/naming", fx.tmp_dir);
  fx.store = g_build_filename (fx.tmp_dir, "state", "naming.db", NULL);
  fx.orb = naming_test_orb_new (NAMING_TEST_CALL_TIMEOUT_MS);
  if (fx.orb == NULL)
    return -1;
  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  fx.servant = demo_person_list_servant_new ("bound");
  return start ();
}

static int
cleanup_suite (void)
{
  gboolean clean;

  g_clear_object (&fx.root);
  if (fx.orb != NULL)
    gorb_orb_shutdown (fx.orb);
  g_clear_object (&fx.orb);
  g_clear_object (&fx.servant);
  clean = gorb_test_daemon_stop (g_steal_pointer (&fx.daemon));
  gorb_test_remove_tree (fx.tmp_dir);
  g_clear_pointer (&fx.tmp_dir, g_free);
  g_clear_pointer (&fx.endpoint, g_free);
  g_clear_pointer (&fx.store, g_free);
  g_clear_pointer (&fx.root_text, g_free);
  return clean ? 0 : -1;
}

static void
assert_not_found (GError *error, GorbNamingNotFoundReason why, const char *rest)
{
  const GorbNamingNotFound *members;

  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_FOUND_ERROR, 0);
  members = gorb_naming_not_found_error_get_members (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (members);
  CU_ASSERT_EQUAL (members->why, why);
  CU_ASSERT_TRUE (naming_test_name_is (&members->rest_of_name, rest));
}

/* ---- operations ---- */

static void
test_bind_resolve_rebind_unbind (void)
{
  g_autoptr (GorbNamingName) n = naming_test_name ("obj.kind");
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) found = NULL;
  g_autoptr (DemoPersonListServant) other = demo_person_list_servant_new ("other");

  CU_ASSERT_TRUE (gorb_naming_context_bind (fx.root, n, G_OBJECT (fx.servant), &error));
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_context_resolve (fx.root, n, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant); /* our own object comes back as itself */
  g_clear_object (&found);

  CU_ASSERT_FALSE (gorb_naming_context_bind (fx.root, n, G_OBJECT (other), &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_ALREADY_BOUND_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_context_rebind (fx.root, n, G_OBJECT (other), &error));
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_context_resolve_str (fx.root, "obj.kind", &error);
  CU_ASSERT_PTR_EQUAL (found, other);
  g_clear_object (&found);

  CU_ASSERT_TRUE (gorb_naming_context_unbind (fx.root, n, &error));
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_context_resolve (fx.root, n, &error);
  CU_ASSERT_PTR_NULL (found);
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, "obj.kind");
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_unbind (fx.root, n, &error));
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, "obj.kind");
}

static void
test_contexts_and_compound_names (void)
{
  g_autoptr (GorbNamingName) dir = naming_test_name ("dir");
  g_autoptr (GorbNamingName) leaf = naming_test_name ("dir/sub.k/leaf");
  g_autoptr (GorbNamingName) sub = naming_test_name ("dir/sub.k");
  g_autoptr (GorbNamingName) alias = naming_test_name ("alias");
  g_autoptr (GorbNamingName) single_leaf = naming_test_name ("leaf");
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) dir_ctx = NULL;
  g_autoptr (GObject) sub_ctx = NULL;
  g_autoptr (GObject) fresh = NULL;
  g_autoptr (GObject) found = NULL;

  dir_ctx = gorb_naming_context_bind_new_context (fx.root, dir, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (GORB_IS_NAMING_CONTEXT_PROXY (dir_ctx));
  sub_ctx = gorb_naming_context_bind_new_context (fx.root, sub, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_context_bind (fx.root, leaf, G_OBJECT (fx.servant), &error));
  GORB_ASSERT_NO_ERROR (error);

  /* the same binding, from the root and from the context on the way */
  found = gorb_naming_context_resolve_str (fx.root, "dir/sub.k/leaf", &error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);
  g_clear_object (&found);
  found = gorb_naming_context_resolve (GORB_NAMING_CONTEXT (sub_ctx), single_leaf, &error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);
  g_clear_object (&found);
  found = gorb_naming_context_resolve (fx.root, sub, &error);
  CU_ASSERT_PTR_EQUAL (found, sub_ctx); /* one proxy per object */
  g_clear_object (&found);

  /* new_context: bound nowhere, then bound with bind_context and rebind_context */
  fresh = gorb_naming_context_new_context (fx.root, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE_FATAL (GORB_IS_NAMING_CONTEXT (fresh));
  CU_ASSERT_TRUE (gorb_naming_context_bind_context (fx.root, alias, fresh, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_naming_context_bind_context (fx.root, alias, fresh, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_ALREADY_BOUND_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_context_rebind_context (fx.root, alias, sub_ctx, &error));
  GORB_ASSERT_NO_ERROR (error);
  found = gorb_naming_context_resolve_str (fx.root, "alias/leaf", &error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);
  g_clear_object (&found);

  /* bind_new_context on a bound name */
  found = gorb_naming_context_bind_new_context (fx.root, dir, &error);
  CU_ASSERT_PTR_NULL (found);
  GORB_ASSERT_ERROR (error, GORB_NAMING_ALREADY_BOUND_ERROR, 0);
  g_clear_error (&error);

  /* destroy: not while it has bindings, never the root, then it is gone */
  CU_ASSERT_FALSE (gorb_naming_context_destroy (GORB_NAMING_CONTEXT (sub_ctx), &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_NOT_EMPTY_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_destroy (fx.root, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_PERMISSION);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_context_unbind (fx.root, leaf, &error));
  CU_ASSERT_TRUE (gorb_naming_context_destroy (GORB_NAMING_CONTEXT (sub_ctx), &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_naming_context_bind (GORB_NAMING_CONTEXT (sub_ctx), single_leaf,
                                             G_OBJECT (fx.servant), &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  g_clear_error (&error);
  /* the binding to it dangles: resolving through it is missing_node */
  found = gorb_naming_context_resolve_str (fx.root, "dir/sub.k/leaf", &error);
  CU_ASSERT_PTR_NULL (found);
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, "sub.k/leaf");
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_context_unbind (fx.root, alias, &error));
}

static void
test_not_found_reasons (void)
{
  g_autoptr (GorbNamingName) obj = naming_test_name ("nf-obj");
  g_autoptr (GorbNamingName) ctx = naming_test_name ("nf-ctx");
  g_autoptr (GorbNamingName) through_obj = naming_test_name ("nf-obj/x");
  g_autoptr (GorbNamingName) missing = naming_test_name ("nf-ctx/x/y");
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) context = NULL;
  GObject *found;

  CU_ASSERT_TRUE (gorb_naming_context_bind (fx.root, obj, G_OBJECT (fx.servant), &error));
  context = gorb_naming_context_bind_new_context (fx.root, ctx, &error);
  GORB_ASSERT_NO_ERROR (error);

  found = gorb_naming_context_resolve (fx.root, missing, &error);
  CU_ASSERT_PTR_NULL (found);
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, "x/y");
  g_clear_error (&error);
  found = gorb_naming_context_resolve (fx.root, through_obj, &error);
  CU_ASSERT_PTR_NULL (found);
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT, "nf-obj/x");
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_bind (fx.root, through_obj, G_OBJECT (fx.servant), &error));
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT, "nf-obj/x");
  g_clear_error (&error);
  /* rebind of a context binding, rebind_context of an object binding */
  CU_ASSERT_FALSE (gorb_naming_context_rebind (fx.root, ctx, G_OBJECT (fx.servant), &error));
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_OBJECT, "nf-ctx");
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_rebind_context (fx.root, obj, context, &error));
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT, "nf-obj");
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_unbind (fx.root, missing, &error));
  assert_not_found (error, GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE, "x/y");
}

static void
test_invalid_names_and_bad_references (void)
{
  GorbNamingNameComponent empty_id[] = { { "a", "" }, { "", "kind" } };
  GorbNamingName empty = { NULL, 0 };
  GorbNamingName with_empty_id = { empty_id, 2 };
  g_autoptr (GorbNamingName) n = naming_test_name ("bad-ref");
  g_autoptr (GError) error = NULL;
  GorbNamingName parsed = { 0 };
  GObject *found;

  CU_ASSERT_FALSE (gorb_naming_context_bind (fx.root, &empty, G_OBJECT (fx.servant), &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);
  found = gorb_naming_context_resolve (fx.root, &with_empty_id, &error);
  CU_ASSERT_PTR_NULL (found);
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  CU_ASSERT_PTR_NOT_NULL (
      strstr (gorb_naming_invalid_name_error_get_members (error)->reason, "component 2"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_unbind (fx.root, &empty, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);
  found = gorb_naming_context_resolve_str (fx.root, "a/b.c.d", &error);
  CU_ASSERT_PTR_NULL (found);
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "byte 6"));
  g_clear_error (&error);

  /* to_name / to_string on the daemon */
  CU_ASSERT_TRUE (gorb_naming_context_to_name (fx.root, "a\\/b.k/c", &parsed, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (parsed.len, 2);
  {
    g_autofree char *text = gorb_naming_context_to_string (fx.root, &parsed, &error);
    CU_ASSERT_STRING_EQUAL (text, "a\\/b.k/c");
  }
  gorb_value_clear (&gorb_naming_name_desc, &parsed);
  CU_ASSERT_FALSE (gorb_naming_context_to_name (fx.root, "x\\y", &parsed, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (gorb_naming_context_to_string (fx.root, &empty, &error));
  GORB_ASSERT_ERROR (error, GORB_NAMING_INVALID_NAME_ERROR, 0);
  g_clear_error (&error);

  /* a nil reference; an object that is not a context bound as one */
  CU_ASSERT_FALSE (gorb_naming_context_bind (fx.root, n, NULL, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "nil"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (gorb_naming_context_bind_context (fx.root, n, G_OBJECT (fx.servant), &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "IDL:Demo/PersonList:1.0"));
  g_clear_error (&error);
  found = gorb_naming_context_resolve (fx.root, n, &error);
  CU_ASSERT_PTR_NULL (found); /* neither was bound */
  g_clear_error (&error);
}

/* ---- list and iterators ---- */

static void
test_list_small_and_iterator (void)
{
  g_autoptr (GorbNamingName) dir = naming_test_name ("lst");
  g_autoptr (GObject) context = NULL;
  g_autoptr (GObject) iterator = NULL;
  g_autoptr (GError) error = NULL;
  GorbNamingBindingList list = { 0 };
  GorbNamingBinding one = { 0 };
  GorbNamingContext *ctx;

  context = gorb_naming_context_bind_new_context (fx.root, dir, &error);
  GORB_ASSERT_NO_ERROR (error);
  ctx = GORB_NAMING_CONTEXT (context);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("e%u", i);
      g_autoptr (GorbNamingName) n = naming_test_name (text);

      if (i == 4)
        {
          g_autoptr (GObject) sub = gorb_naming_context_bind_new_context (ctx, n, &error);

          CU_ASSERT_TRUE (sub != NULL || error != NULL);
        }
      else
        gorb_naming_context_bind (ctx, n, G_OBJECT (fx.servant), &error);
      GORB_ASSERT_NO_ERROR (error);
    }
  /* all at once: no iterator */
  CU_ASSERT_TRUE (gorb_naming_context_list (ctx, 10, &list, &iterator, &error));
  CU_ASSERT_EQUAL (list.len, 5);
  CU_ASSERT_PTR_NULL (iterator);
  CU_ASSERT_TRUE (naming_test_name_is (&list.data[0].binding_name, "e0"));
  CU_ASSERT_EQUAL (list.data[0].binding_type, GORB_NAMING_BINDING_TYPE_NOBJECT);
  CU_ASSERT_EQUAL (list.data[4].binding_type, GORB_NAMING_BINDING_TYPE_NCONTEXT);
  gorb_value_clear (&gorb_naming_binding_list_desc, &list);

  /* two, then the iterator */
  CU_ASSERT_TRUE (gorb_naming_context_list (ctx, 2, &list, &iterator, &error));
  CU_ASSERT_EQUAL (list.len, 2);
  CU_ASSERT_TRUE_FATAL (GORB_IS_NAMING_BINDING_ITERATOR (iterator));
  gorb_value_clear (&gorb_naming_binding_list_desc, &list);
  CU_ASSERT_TRUE (gorb_naming_binding_iterator_next_one (GORB_NAMING_BINDING_ITERATOR (iterator),
                                                         &one, &error));
  CU_ASSERT_TRUE (naming_test_name_is (&one.binding_name, "e2"));
  gorb_naming_binding_clear (&one);
  CU_ASSERT_FALSE (gorb_naming_binding_iterator_next_n (GORB_NAMING_BINDING_ITERATOR (iterator), 0,
                                                        &list, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM);
  g_clear_error (&error);
  CU_ASSERT_TRUE (gorb_naming_binding_iterator_next_n (GORB_NAMING_BINDING_ITERATOR (iterator), 10,
                                                       &list, &error));
  CU_ASSERT_EQUAL (list.len, 2);
  gorb_value_clear (&gorb_naming_binding_list_desc, &list);
  CU_ASSERT_FALSE (gorb_naming_binding_iterator_next_n (GORB_NAMING_BINDING_ITERATOR (iterator), 10,
                                                        &list, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (list.len, 0);
  CU_ASSERT_FALSE (gorb_naming_binding_iterator_next_one (GORB_NAMING_BINDING_ITERATOR (iterator),
                                                          &one, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (
      gorb_naming_binding_iterator_destroy (GORB_NAMING_BINDING_ITERATOR (iterator), &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (gorb_naming_binding_iterator_next_one (GORB_NAMING_BINDING_ITERATOR (iterator),
                                                          &one, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
  g_clear_error (&error);
  g_clear_object (&iterator);

  /* list (0): everything through the iterator */
  CU_ASSERT_TRUE (gorb_naming_context_list (ctx, 0, &list, &iterator, &error));
  CU_ASSERT_EQUAL (list.len, 0);
  CU_ASSERT_PTR_NOT_NULL (iterator);
  gorb_naming_binding_iterator_destroy (GORB_NAMING_BINDING_ITERATOR (iterator), &error);
  GORB_ASSERT_NO_ERROR (error);
}

static void
on_bound (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *counts = user_data; /* [0]: done, [1]: failed */
  g_autoptr (GError) error = NULL;

  if (!gorb_naming_context_bind_finish (GORB_NAMING_CONTEXT (source), result, &error))
    {
      if (counts[1]++ == 0)
        g_printerr ("\n  bind: %s\n", error->message);
    }
  counts[0]++;
}

#define N_BIG 10000
#define WINDOW 64

static void
test_list_ten_thousand (void)
{
  g_autoptr (GorbNamingName) dir = naming_test_name ("big");
  g_autoptr (GObject) context = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify) naming_test_name_free);
  guint counts[2] = { 0, 0 };
  guint sent = 0;
  guint n;

  context = gorb_naming_context_bind_new_context (fx.root, dir, &error);
  GORB_ASSERT_NO_ERROR (error);
  /* pipelined binds, WINDOW in flight */
  while (counts[0] < N_BIG)
    {
      while (sent < N_BIG && sent - counts[0] < WINDOW)
        {
          g_autofree char *text = g_strdup_printf ("n%05u.big", sent++);
          GorbNamingName *name = naming_test_name (text);

          g_ptr_array_add (names, name);
          gorb_naming_context_bind_async (GORB_NAMING_CONTEXT (context), name,
                                          G_OBJECT (fx.servant), NULL, on_bound, counts);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_ptr_array_unref (names);
  CU_ASSERT_EQUAL (counts[1], 0);

  n = naming_test_count_bindings (GORB_NAMING_CONTEXT (context), seen, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (n, N_BIG);
  CU_ASSERT_EQUAL (g_hash_table_size (seen), N_BIG);
  CU_ASSERT_TRUE (g_hash_table_contains (seen, "n00000.big"));
  CU_ASSERT_TRUE (g_hash_table_contains (seen, "n09999.big"));
}

/* The daemon runs with --iterator-timeout 1: an iterator left alone goes.
 * Pings (LOCATE_REQUEST) do not count as use. */
static void
test_iterator_idle_timeout (void)
{
  g_autoptr (GorbNamingName) dir = naming_test_name ("lst");
  g_autoptr (GObject) context = gorb_naming_context_resolve (fx.root, dir, NULL);
  g_autoptr (GObject) iterator = NULL;
  g_autoptr (GError) error = NULL;
  GorbNamingBindingList list = { 0 };
  gint64 deadline = g_get_monotonic_time () + NAMING_TEST_WAIT_MS * 1000;
  gboolean alive = TRUE;

  CU_ASSERT_PTR_NOT_NULL_FATAL (context);
  CU_ASSERT_TRUE (
      gorb_naming_context_list (GORB_NAMING_CONTEXT (context), 1, &list, &iterator, &error));
  gorb_value_clear (&gorb_naming_binding_list_desc, &list);
  CU_ASSERT_TRUE_FATAL (GORB_IS_PROXY (iterator));
  while (alive && g_get_monotonic_time () < deadline)
    {
      g_usleep (200 * 1000);
      alive = gorb_proxy_ping (GORB_PROXY (iterator), &error);
      if (!alive)
        GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
      g_clear_error (&error);
    }
  CU_ASSERT_FALSE (alive);
  CU_ASSERT_FALSE (gorb_naming_binding_iterator_next_n (GORB_NAMING_BINDING_ITERATOR (iterator), 1,
                                                        &list, &error));
  GORB_ASSERT_ERROR (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
}

/* ---- the daemon ---- */

static void
test_initial_reference (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref
      = gorb_orb_dup_initial_reference (fx.orb, fx.endpoint, GORB_NAMING_INITIAL_NAME, &error);
  g_autofree char *text = NULL;

  GORB_ASSERT_NO_ERROR (error);
  text = gorb_ref_to_string (ref);
  CU_ASSERT_STRING_EQUAL (text, fx.root_text);
}

/* SIGTERM exits 0; the same store on the same endpoint has the same
 * graph, and references from before (root, a context) work again. */
static void
test_restart_keeps_graph_and_references (void)
{
  g_autoptr (GorbNamingName) dir = naming_test_name ("persist");
  g_autoptr (GorbNamingName) leaf = naming_test_name ("x.y");
  g_autoptr (GObject) context = NULL;
  g_autoptr (GObject) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_root = g_strdup (fx.root_text);
  GorbNamingContext *old_root_proxy = g_object_ref (fx.root);

  context = gorb_naming_context_bind_new_context (fx.root, dir, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_naming_context_bind (GORB_NAMING_CONTEXT (context), leaf,
                                            G_OBJECT (fx.servant), &error));
  CU_ASSERT_TRUE (gorb_test_daemon_stop (g_steal_pointer (&fx.daemon)));
  g_clear_pointer (&fx.root_text, g_free);
  CU_ASSERT_EQUAL_FATAL (start (), 0);
  CU_ASSERT_STRING_EQUAL (fx.root_text, old_root);

  found = gorb_naming_context_resolve (GORB_NAMING_CONTEXT (context), leaf, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);
  g_clear_object (&found);
  found = gorb_naming_context_resolve_str (old_root_proxy, "persist/x.y", &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (found, fx.servant);
  g_object_unref (old_root_proxy);
}

/* Runs gorb-naming with @args and returns its stderr; it must exit 1. */
static char *
run_failing (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) GORB_NAMING_DAEMON);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  CU_ASSERT_TRUE (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                NULL, NULL, &err, &status, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  return err;
}

/* A TCP port on 127.0.0.1 that a socket of ours listens on. */
static GSocket *
listen_somewhere (char **endpoint)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  GSocket *socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  CU_ASSERT_TRUE_FATAL (socket != NULL && g_socket_bind (socket, any, FALSE, &error)
                        && g_socket_listen (socket, &error));
  bound = g_socket_get_local_address (socket, &error);
  *endpoint = g_strdup_printf ("tcp://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return socket;
}

static void
test_startup_errors (void)
{
  g_autofree char *bad_store = g_build_filename (fx.tmp_dir, "garbage.db", NULL);
  g_autofree char *other_ep = g_strdup_printf ("ipc://%s/other", fx.tmp_dir);
  g_autofree char *other_store = g_build_filename (fx.tmp_dir, "other.db", NULL);
  g_autofree char *taken = NULL;
  g_autoptr (GSocket) socket = listen_somewhere (&taken);
  const char *garbage[] = { "--endpoint", other_ep, "--store", bad_store, NULL };
  const char *in_use[] = { "--endpoint", other_ep, "--store", fx.store, NULL };
  const char *ep_in_use[] = { "--endpoint", taken, "--store", other_store, NULL };
  g_autofree char *err = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (socket); /* held open: its port is taken */
  g_file_set_contents (bad_store, "this is not a database, not at all; it is much too long", -1,
                       NULL);
  err = run_failing (garbage);
  CU_ASSERT_PTR_NOT_NULL (strstr (err, bad_store));
  CU_ASSERT_PTR_NOT_NULL (strstr (err, "not a database"));
  g_clear_pointer (&err, g_free);
  err = run_failing (in_use); /* the running daemon holds it */
  CU_ASSERT_PTR_NOT_NULL (strstr (err, fx.store));
  CU_ASSERT_PTR_NOT_NULL (strstr (err, "in use"));
  g_clear_pointer (&err, g_free);
  err = run_failing (ep_in_use);
  CU_ASSERT_PTR_NOT_NULL (strstr (err, "gorb-naming:"));
}

static CU_TestInfo tests[] = {
  { "bind, resolve, rebind, unbind", test_bind_resolve_rebind_unbind },
  { "contexts, compound names, destroy", test_contexts_and_compound_names },
  { "NotFound: missing_node, not_context, not_object", test_not_found_reasons },
  { "invalid names, bad references", test_invalid_names_and_bad_references },
  { "list and an iterator", test_list_small_and_iterator },
  { "list 10,000 bindings through an iterator", test_list_ten_thousand },
  { "an idle iterator is destroyed", test_iterator_idle_timeout },
  { "the root is the initial reference NameService", test_initial_reference },
  { "start-up errors: bad store, store in use, endpoint in use", test_startup_errors },
  { "a restart keeps the graph and the references", test_restart_keeps_graph_and_references },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "naming/daemon", init_suite, cleanup_suite, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
