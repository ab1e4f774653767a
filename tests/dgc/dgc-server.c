/* dgc-server.c - the distributed-GC tests' server (gorb-test-dgc-server)
 *
 *   gorb-test-dgc-server [--delay-dirty-ms N] [--gorb-* options]
 *
 * Exports one DgcTest::Factory permanently, prints its reference as the
 * first line on stdout and serves until SIGTERM or SIGINT. Things it makes
 * are held by its ORB only (collectable); each counts its unreferenced
 * calls. With --delay-dirty-ms, the first dirty this process sends waits
 * that long first (its DGC thread sleeps): a dirty "still in flight".
 */
#include "DgcTest.h"
#include "gorb-dgc-private.h"

#include <stdio.h>
#include <stdlib.h>

static gint n_alive, n_made, n_unreferenced, max_unreferenced; /* atomic */

#define TEST_TYPE_THING_SERVANT (test_thing_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestThingServant, test_thing_servant, TEST, THING_SERVANT, GObject)

struct _TestThingServant
{
  GObject parent_instance;
  gint32 id;
  gint unreferenced; /* atomic */
};

static gint32
thing_id (DgcTestThing *thing, GError **error)
{
  return TEST_THING_SERVANT (thing)->id;
}

static void
thing_iface_init (DgcTestThingInterface *iface)
{
  iface->id = thing_id;
}

static void
thing_unreferenced (GorbUnreferenced *u)
{
  TestThingServant *self = TEST_THING_SERVANT (u);
  gint n = g_atomic_int_add (&self->unreferenced, 1) + 1;
  gint max;

  g_atomic_int_inc (&n_unreferenced);
  while (n > (max = g_atomic_int_get (&max_unreferenced))
         && !g_atomic_int_compare_and_exchange (&max_unreferenced, max, n))
    ;
}

static void
unreferenced_iface_init (GorbUnreferencedInterface *iface)
{
  iface->unreferenced = thing_unreferenced;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestThingServant, test_thing_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DGC_TEST_TYPE_THING, thing_iface_init)
                                   G_IMPLEMENT_INTERFACE (GORB_TYPE_UNREFERENCED,
                                                          unreferenced_iface_init))

static void
test_thing_servant_finalize (GObject *object)
{
  g_atomic_int_add (&n_alive, -1);
  G_OBJECT_CLASS (test_thing_servant_parent_class)->finalize (object);
}

static void
test_thing_servant_class_init (TestThingServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_thing_servant_finalize;
}

static void
test_thing_servant_init (TestThingServant *self)
{
  g_atomic_int_inc (&n_alive);
  self->id = g_atomic_int_add (&n_made, 1) + 1;
}

#define TEST_TYPE_FACTORY_SERVANT (test_factory_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestFactoryServant, test_factory_servant, TEST, FACTORY_SERVANT, GObject)

struct _TestFactoryServant
{
  GObject parent_instance;
  GMutex lock;
  GPtrArray *held; /* owned DgcTestThing (proxies, mostly) */
};

static GObject *
factory_make (DgcTestFactory *f, GError **error)
{
  return g_object_new (TEST_TYPE_THING_SERVANT, NULL); /* exported on the fly by the reply */
}

static gint32
factory_alive (DgcTestFactory *f, GError **error)
{
  return g_atomic_int_get (&n_alive);
}

static gint32
factory_made (DgcTestFactory *f, GError **error)
{
  return g_atomic_int_get (&n_made);
}

static gint32
factory_unreferenced (DgcTestFactory *f, GError **error)
{
  return g_atomic_int_get (&n_unreferenced);
}

static gint32
factory_max_unreferenced (DgcTestFactory *f, GError **error)
{
  return g_atomic_int_get (&max_unreferenced);
}

static gboolean
factory_hold (DgcTestFactory *f, GObject *t, GError **error)
{
  TestFactoryServant *self = TEST_FACTORY_SERVANT (f);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->held, g_object_ref (t));
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gint32
factory_call_held (DgcTestFactory *f, GError **error)
{
  TestFactoryServant *self = TEST_FACTORY_SERVANT (f);
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  gint32 ok = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->held->len; i++)
    g_ptr_array_add (held, g_object_ref (self->held->pdata[i]));
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < held->len; i++)
    {
      g_autoptr (GError) local = NULL;
      if (dgc_test_thing_id (held->pdata[i], &local) > 0)
        ok++;
      else
        g_printerr ("gorb-test-dgc-server: a held thing failed: %s\n", local->message);
    }
  return ok;
}

static gboolean
factory_drop_held (DgcTestFactory *f, GError **error)
{
  TestFactoryServant *self = TEST_FACTORY_SERVANT (f);
  g_autoptr (GPtrArray) held = NULL;

  g_mutex_lock (&self->lock);
  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->lock);
  return TRUE; /* the proxies go here, unlocked */
}

static void
factory_iface_init (DgcTestFactoryInterface *iface)
{
  iface->make = factory_make;
  iface->alive = factory_alive;
  iface->made = factory_made;
  iface->unreferenced = factory_unreferenced;
  iface->max_unreferenced = factory_max_unreferenced;
  iface->hold = factory_hold;
  iface->call_held = factory_call_held;
  iface->drop_held = factory_drop_held;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFactoryServant, test_factory_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DGC_TEST_TYPE_FACTORY, factory_iface_init))

static void
test_factory_servant_finalize (GObject *object)
{
  TestFactoryServant *self = TEST_FACTORY_SERVANT (object);

  g_ptr_array_unref (self->held);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (test_factory_servant_parent_class)->finalize (object);
}

static void
test_factory_servant_class_init (TestFactoryServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_factory_servant_finalize;
}

static void
test_factory_servant_init (TestFactoryServant *self)
{
  g_mutex_init (&self->lock);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}

static guint delay_dirty_ms;

static GorbDgcFault
delay_dirty (gboolean dirty, guint64 seq, gpointer user_data)
{
  static gboolean delayed; /* the DGC thread only */

  /* the first dirty only: later ones must renew in time */
  if (dirty && !delayed)
    g_usleep ((gulong) delay_dirty_ms * 1000);
  delayed |= dirty;
  return GORB_DGC_FAULT_NONE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GObject) factory = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;

  orb = gorb_orb_new (&argc, &argv, &error);
  if (orb == NULL)
    {
      g_printerr ("gorb-test-dgc-server: %s\n", error->message);
      return 2;
    }
  if (argc == 3 && g_str_equal (argv[1], "--delay-dirty-ms"))
    {
      delay_dirty_ms = (guint) atoi (argv[2]);
      gorb_dgc_set_fault_func (orb, delay_dirty, NULL);
    }
  g_type_ensure (DGC_TEST_TYPE_THING);
  factory = g_object_new (TEST_TYPE_FACTORY_SERVANT, NULL);
  ref = gorb_orb_export_permanent (orb, factory, GORB_THREAD_POLICY_POOL, &error);
  if (ref == NULL)
    {
      g_printerr ("gorb-test-dgc-server: cannot export: %s\n", error->message);
      return 1;
    }
  text = gorb_ref_to_string (ref);
  printf ("%s\n", text);
  fflush (stdout);
  gorb_orb_run_until_signalled (orb); /* until SIGTERM or SIGINT */
  factory_drop_held (DGC_TEST_FACTORY (factory), NULL);
  return 0;
}
