/* test-idl-personlist.c - the C that gorb-idlc generates for
 * samples/personlist/Person.idl, compiled and run: a tiny servant implements
 * the generated DemoPersonList GInterface, one ORB exports it on inproc://,
 * a second ORB of this process resolves it to the generated
 * DemoPersonListProxy, and every operation goes through that proxy (blocking
 * and async), then through the local servant's async path. The generated
 * names equal the hand-written stubs': this program must not link
 * gorb-demo-personlist. */
#include "gorb-test.h"

#include "Person.h"

#include <string.h>

#define ENDPOINT "inproc://gorb-test-idl-personlist"
#define LISTNAME "generated-list"

/* ---- a tiny servant ---- */

#define TEST_TYPE_LIST_SERVANT (test_list_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestListServant, test_list_servant, TEST, LIST_SERVANT, GObject)

struct _TestListServant
{
  GObject parent_instance;
  GMutex lock;
  GArray *persons; /* DemoPerson, owned */
};

static void test_list_servant_iface_init (DemoPersonListInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestListServant, test_list_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DEMO_TYPE_PERSON_LIST,
                                                      test_list_servant_iface_init))

static char *
servant_get_listname (DemoPersonList *list, GError **error)
{
  return g_strdup (LISTNAME);
}

static gboolean
servant_add_person (DemoPersonList *list, const DemoPerson *p, GError **error)
{
  TestListServant *self = TEST_LIST_SERVANT (list);
  DemoPerson copy;

  demo_person_copy (p, &copy);
  g_mutex_lock (&self->lock);
  g_array_append_val (self->persons, copy);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
servant_get_person (DemoPersonList *list, const char *name, DemoPerson *p, GError **error)
{
  TestListServant *self = TEST_LIST_SERVANT (list);
  gboolean found = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->persons->len && !found; i++)
    if (strcmp (g_array_index (self->persons, DemoPerson, i).name, name) == 0)
      {
        demo_person_copy (&g_array_index (self->persons, DemoPerson, i), p);
        found = TRUE;
      }
  g_mutex_unlock (&self->lock);
  if (!found)
    demo_not_found_error_set (error, name, "no person named '%s'", name);
  return found;
}

static gint32
servant_number (DemoPersonList *list, GError **error)
{
  TestListServant *self = TEST_LIST_SERVANT (list);
  gint32 n;

  g_mutex_lock (&self->lock);
  n = (gint32) self->persons->len;
  g_mutex_unlock (&self->lock);
  return n;
}

static void
test_list_servant_iface_init (DemoPersonListInterface *iface)
{
  iface->get_listname = servant_get_listname;
  iface->add_person = servant_add_person;
  iface->get_person = servant_get_person;
  iface->number = servant_number;
}

static void
person_clear (gpointer p)
{
  demo_person_clear (p);
}

static void
test_list_servant_finalize (GObject *object)
{
  TestListServant *self = TEST_LIST_SERVANT (object);

  g_array_unref (self->persons);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (test_list_servant_parent_class)->finalize (object);
}

static void
test_list_servant_class_init (TestListServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_list_servant_finalize;
}

static void
test_list_servant_init (TestListServant *self)
{
  g_mutex_init (&self->lock);
  self->persons = g_array_new (FALSE, TRUE, sizeof (DemoPerson));
  g_array_set_clear_func (self->persons, person_clear);
}

/* ---- fixture ---- */

static struct
{
  GorbOrb *server_orb, *client_orb;
  TestListServant *servant;
  DemoPersonList *list; /* the client ORB's proxy */
} fx;

static int
init_orbs (void)
{
  g_auto (GorbOrbConfig) config;
  g_auto (GorbOrbConfig) client_config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbRef) ref = NULL;
  GObject *object;
  const char *endpoints[] = { ENDPOINT, NULL };

  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  gorb_orb_config_init (&config);
  config.endpoints = g_strdupv ((char **) endpoints);
  fx.server_orb = gorb_orb_new_with_config (&config, &error);
  if (fx.server_orb == NULL)
    {
      g_printerr ("\n  server ORB: %s\n", error->message);
      return -1;
    }
  fx.servant = g_object_new (TEST_TYPE_LIST_SERVANT, NULL);
  ref = gorb_orb_export (fx.server_orb, G_OBJECT (fx.servant), GORB_THREAD_POLICY_POOL, &error);
  if (ref == NULL)
    {
      g_printerr ("\n  export: %s\n", error->message);
      return -1;
    }
  gorb_orb_config_init (&client_config);
  fx.client_orb = gorb_orb_new_with_config (&client_config, &error);
  if (fx.client_orb == NULL)
    {
      g_printerr ("\n  client ORB: %s\n", error->message);
      return -1;
    }
  object = gorb_orb_resolve (fx.client_orb, ref, &error);
  if (object == NULL || !DEMO_IS_PERSON_LIST_PROXY (object))
    {
      g_printerr ("\n  resolve: %s\n", error ? error->message : G_OBJECT_TYPE_NAME (object));
      g_clear_object (&object);
      return -1;
    }
  fx.list = DEMO_PERSON_LIST (object);
  return 0;
}

static int
cleanup (void)
{
  g_clear_object (&fx.list);
  if (fx.client_orb != NULL)
    gorb_orb_shutdown (fx.client_orb);
  g_clear_object (&fx.client_orb);
  if (fx.server_orb != NULL)
    {
      gorb_orb_unexport (fx.server_orb, G_OBJECT (fx.servant));
      gorb_orb_shutdown (fx.server_orb);
    }
  g_clear_object (&fx.server_orb);
  g_clear_object (&fx.servant);
  return 0;
}

/* ---- tests ---- */

static void
test_descriptors (void)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_STRING_EQUAL (demo_person_list_desc.repo_id, "IDL:Demo/PersonList:1.0");
  CU_ASSERT_EQUAL (demo_person_list_desc.n_operations, 4);
  for (guint i = 0; i < demo_person_list_desc.n_operations; i++)
    {
      CU_ASSERT_TRUE (gorb_operation_desc_validate (&demo_person_list_desc.operations[i], &error));
      g_clear_error (&error);
    }
  CU_ASSERT_PTR_EQUAL (gorb_skeleton_lookup ("IDL:Demo/PersonList:1.0"),
                       &demo_person_list_skeleton);
  CU_ASSERT_PTR_NOT_NULL (gorb_interface_find_operation (&demo_person_list_desc, "_get_listname"));
}

static void
test_every_operation_sync (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  DemoPerson ada = { "Ada", "London", 1815 }, alan = { "Alan", "Wilmslow", 1912 };
  g_auto (DemoPerson) found = { 0 };
  const DemoNotFound *members;

  name = demo_person_list_get_listname (fx.list, &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (name, LISTNAME);
  CU_ASSERT_EQUAL (demo_person_list_number (fx.list, &error), 0);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (fx.list, &ada, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (demo_person_list_add_person (fx.list, &alan, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (demo_person_list_number (fx.list, &error), 2);
  GORB_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE (demo_person_list_get_person (fx.list, "Alan", &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (found.name, "Alan");
  CU_ASSERT_STRING_EQUAL (found.place, "Wilmslow");
  CU_ASSERT_EQUAL (found.year, 1912);
  demo_person_clear (&found);

  CU_ASSERT_FALSE (demo_person_list_get_person (fx.list, "Grace", &found, &error));
  GORB_ASSERT_ERROR (error, DEMO_NOT_FOUND_ERROR, 0);
  members = demo_not_found_error_get_members (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (members);
  CU_ASSERT_STRING_EQUAL (members->name, "Grace");
  CU_ASSERT_PTR_NULL (found.name);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Every operation's _async/_finish on @list (a proxy or the servant). */
static void
check_async (DemoPersonList *list)
{
  g_autoptr (GError) error = NULL;
  GAsyncResult *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL;
  DemoPerson grace = { "Grace", "Arlington", 1906 };
  g_auto (DemoPerson) found = { 0 };
  g_autofree char *name = NULL;
  gint32 before;

  before = demo_person_list_number (list, &error);
  GORB_ASSERT_NO_ERROR (error);
  demo_person_list_get_listname_async (list, NULL, on_done, &r1);
  demo_person_list_add_person_async (list, &grace, NULL, on_done, &r2);
  name = demo_person_list_get_listname_finish (list, wait_for (&r1), &error);
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (name, LISTNAME);
  CU_ASSERT_TRUE (demo_person_list_add_person_finish (list, wait_for (&r2), &error));
  GORB_ASSERT_NO_ERROR (error);

  demo_person_list_number_async (list, NULL, on_done, &r3);
  CU_ASSERT_EQUAL (demo_person_list_number_finish (list, wait_for (&r3), &error), before + 1);
  GORB_ASSERT_NO_ERROR (error);

  demo_person_list_get_person_async (list, "Grace", NULL, on_done, &r4);
  CU_ASSERT_TRUE (demo_person_list_get_person_finish (list, wait_for (&r4), &found, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (found.place, "Arlington");
  CU_ASSERT_EQUAL (found.year, 1906);
  demo_person_clear (&found); /* _finish zeroes @p without clearing it */

  demo_person_list_get_person_async (list, "Nobody", NULL, on_done, &r5);
  CU_ASSERT_FALSE (demo_person_list_get_person_finish (list, wait_for (&r5), &found, &error));
  GORB_ASSERT_ERROR (error, DEMO_NOT_FOUND_ERROR, 0);
  CU_ASSERT_STRING_EQUAL (demo_not_found_error_get_members (error)->name, "Nobody");
  CU_ASSERT_PTR_NULL (found.name);

  g_object_unref (r1);
  g_object_unref (r2);
  g_object_unref (r3);
  g_object_unref (r4);
  g_object_unref (r5);
}

static void
test_every_operation_async (void)
{
  check_async (fx.list);
}

static void
test_local_servant_async (void)
{
  check_async (DEMO_PERSON_LIST (fx.servant));
}

static CU_TestInfo tests[] = {
  { "the generated descriptors and skeleton", test_descriptors },
  { "every operation through the generated proxy", test_every_operation_sync },
  { "every operation async through the generated proxy", test_every_operation_async },
  { "every operation async on the local servant", test_local_servant_async },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/generated PersonList over inproc://, two ORBs", init_orbs, cleanup, NULL, NULL, tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
