/* callback-server.c - the test server of Callbacks.idl (gorb-test-callback-server)
 *
 *   gorb-test-callback-server [--gorb-* options]
 *
 * Exports one Test::Callbacks servant, prints its stringified reference as
 * the first line on stdout and serves until SIGTERM or SIGINT. The servant
 * calls out (call_me_back) and blocks (sleep_ms), so it runs on the ORB's
 * thread pool.
 */
#include "callbacks-stubs.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#define TEST_TYPE_CALLBACKS_SERVANT (test_callbacks_servant_get_type ())
G_DECLARE_FINAL_TYPE (TestCallbacksServant, test_callbacks_servant, TEST, CALLBACKS_SERVANT,
                      GObject)

struct _TestCallbacksServant
{
  GObject parent_instance;
  gint bumps;  /* atomic */
  gint sleeps; /* atomic */
  GMutex lock; /* guards n_notes and last_note */
  gint32 n_notes;
  char *last_note; /* owned, nullable */
};

static void test_callbacks_servant_iface_init (TestCallbacksInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCallbacksServant, test_callbacks_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEST_TYPE_CALLBACKS,
                                                      test_callbacks_servant_iface_init))

/* Calls the client's listener back while the client waits for this call. */
static gboolean
servant_call_me_back (TestCallbacks *callbacks, TestListener *l, const char *text, GError **error)
{
  if (l == NULL)
    {
      g_set_error_literal (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                           "call_me_back needs a listener, not a nil reference");
      return FALSE;
    }
  return test_listener_notify (l, text, error);
}

static gboolean
servant_sleep_ms (TestCallbacks *callbacks, gint32 ms, GError **error)
{
  if (ms < 0 || ms > 60000)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "sleep_ms: %d is not in 0..60000", ms);
      return FALSE;
    }
  g_atomic_int_inc (&TEST_CALLBACKS_SERVANT (callbacks)->sleeps);
  g_usleep ((gulong) ms * 1000);
  return TRUE;
}

static gint32
servant_bump (TestCallbacks *callbacks, GError **error)
{
  TestCallbacksServant *self = TEST_CALLBACKS_SERVANT (callbacks);
  return g_atomic_int_add (&self->bumps, 1) + 1;
}

static gint32
servant_bumps (TestCallbacks *callbacks, GError **error)
{
  TestCallbacksServant *self = TEST_CALLBACKS_SERVANT (callbacks);
  return g_atomic_int_get (&self->bumps);
}

static gboolean
servant_note (TestCallbacks *callbacks, const char *text, GError **error)
{
  TestCallbacksServant *self = TEST_CALLBACKS_SERVANT (callbacks);

  g_mutex_lock (&self->lock);
  self->n_notes++;
  g_free (self->last_note);
  self->last_note = g_strdup (text);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gint32
servant_notes (TestCallbacks *callbacks, char **last, GError **error)
{
  TestCallbacksServant *self = TEST_CALLBACKS_SERVANT (callbacks);
  gint32 n;

  g_mutex_lock (&self->lock);
  n = self->n_notes;
  *last = g_strdup (self->last_note != NULL ? self->last_note : "");
  g_mutex_unlock (&self->lock);
  return n;
}

static gint32
servant_sleeps (TestCallbacks *callbacks, GError **error)
{
  return g_atomic_int_get (&TEST_CALLBACKS_SERVANT (callbacks)->sleeps);
}

static void
test_callbacks_servant_iface_init (TestCallbacksInterface *iface)
{
  iface->call_me_back = servant_call_me_back;
  iface->sleep_ms = servant_sleep_ms;
  iface->bump = servant_bump;
  iface->bumps = servant_bumps;
  iface->note = servant_note;
  iface->notes = servant_notes;
  iface->sleeps = servant_sleeps;
}

static void
test_callbacks_servant_finalize (GObject *object)
{
  TestCallbacksServant *self = TEST_CALLBACKS_SERVANT (object);

  g_mutex_clear (&self->lock);
  g_free (self->last_note);
  G_OBJECT_CLASS (test_callbacks_servant_parent_class)->finalize (object);
}

static void
test_callbacks_servant_class_init (TestCallbacksServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_callbacks_servant_finalize;
}

static void
test_callbacks_servant_init (TestCallbacksServant *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
on_stop_signal (gpointer orb)
{
  gorb_orb_shutdown (orb);
  return G_SOURCE_CONTINUE; /* removed by main() */
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (TestCallbacksServant) servant = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;
  guint sigterm_id, sigint_id;

  orb = gorb_orb_new (&argc, &argv, &error);
  if (orb == NULL)
    {
      g_printerr ("gorb-test-callback-server: %s\n", error->message);
      return 2;
    }
  g_type_ensure (TEST_TYPE_LISTENER); /* arriving listeners become TestListenerProxy */
  servant = g_object_new (TEST_TYPE_CALLBACKS_SERVANT, NULL);
  ref = gorb_orb_export (orb, G_OBJECT (servant), GORB_THREAD_POLICY_POOL, &error);
  if (ref == NULL)
    {
      g_printerr ("gorb-test-callback-server: cannot export: %s\n", error->message);
      return 1;
    }
  text = gorb_ref_to_string (ref);
  printf ("%s\n", text);
  fflush (stdout);

  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, orb);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, orb);
  gorb_orb_run (orb);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  gorb_orb_unexport (orb, G_OBJECT (servant));
  return 0;
}
