/* gorb-orb.c - GorbOrb: identity, configuration, run and shutdown; the
 * server and client halves do the work (gorb-orb-server.c,
 * gorb-orb-client.c)
 *
 * Identity. The id is 128 random bits (the same source as incarnation ids:
 * getrandom(2)), drawn per ORB, so two ORBs never share one. The epoch
 * says which incarnation of a client id sent a request: it is the wall
 * clock in seconds when the ORB was made, but at least one more than the
 * last epoch this process handed out, so ORBs made in the same second
 * still differ and epochs only grow within a process (a restarted process
 * starts from the clock again, later than its predecessor unless it made
 * more than one ORB a second for longer than it was down). The incarnation
 * id, the prefix of every key this ORB exports, is another 128 random bits.
 *
 * Shutdown (gorb_orb_shutdown()) is idempotent and callable from any
 * thread, including a g_unix_signal_add() handler and a servant: it quits
 * gorb_orb_run()'s loop, then shuts the server down (stop accepting, close
 * the listeners, drain the pool, drop the exports), then the client. From a
 * servant (a listener or pool thread of this ORB) the blocking part cannot
 * wait for its own thread: the server only stops there, and gorb_orb_run()
 * finishes the teardown when its loop returns (or dispose does).
 */
#include "gorb-orb-server-private.h"
#include "gorb-dgc-private.h"

#include <glib-unix.h>
#include <signal.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (GorbOrb, gorb_orb, G_TYPE_OBJECT)

static guint32 last_epoch; /* atomic: the last epoch handed out in this process */

static guint32
next_epoch (void)
{
  guint32 now = (guint32) (g_get_real_time () / G_USEC_PER_SEC);

  for (;;)
    {
      guint32 last = (guint32) g_atomic_int_get ((gint *) &last_epoch);
      guint32 epoch = MAX (now, last + 1);

      if (g_atomic_int_compare_and_exchange ((gint *) &last_epoch, (gint) last, (gint) epoch))
        return epoch;
    }
}

/* The blocking half of a shutdown, on a thread that is not the server's. */
static void
teardown (GorbOrb *self)
{
  if (gorb_orb_server_is_server_thread (self->server))
    {
      gorb_orb_server_stop (self->server);
      return;
    }
  if (self->dgc != NULL)
    gorb_dgc_stop (self->dgc); /* first: it works on the exports and the connections */
  gorb_orb_server_shutdown (self->server);
  if (self->client != NULL)
    gorb_orb_client_shutdown (self->client);
}

static void
gorb_orb_dispose (GObject *object)
{
  GorbOrb *self = GORB_ORB (object);

  g_mutex_lock (&self->lock);
  self->shutting_down = TRUE;
  g_mutex_unlock (&self->lock);
  if (self->server != NULL)
    teardown (self);
  G_OBJECT_CLASS (gorb_orb_parent_class)->dispose (object);
}

static void
gorb_orb_finalize (GObject *object)
{
  GorbOrb *self = GORB_ORB (object);

  if (self->dgc != NULL)
    gorb_dgc_stop (self->dgc);
  g_clear_pointer (&self->server, gorb_orb_server_free);
  g_clear_pointer (&self->client, gorb_orb_client_free);
  g_clear_pointer (&self->dgc, gorb_dgc_free);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  gorb_orb_config_clear (&self->config);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gorb_orb_parent_class)->finalize (object);
}

static void
gorb_orb_class_init (GorbOrbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gorb_orb_dispose;
  object_class->finalize = gorb_orb_finalize;
}

static void
gorb_orb_init (GorbOrb *self)
{
  g_mutex_init (&self->lock);
  gorb_orb_config_init (&self->config);
}

/**
 * gorb_orb_new:
 * @argc: (inout) (optional): the program's argument count
 * @argv: (inout) (array length=argc) (optional): its arguments; the
 *   `--gorb-*` options are removed
 * @error: return location for a #GError
 *
 * Makes an ORB configured from the defaults, the key file, the GORB_*
 * environment variables and the `--gorb-*` options (gorb_orb_config_load()).
 *
 * Errors: a %GORB_CONFIG_ERROR for a setting that is unknown or out of
 * range, or a key file that cannot be read.
 *
 * Returns: (transfer full): the ORB, or %NULL on error
 */
GorbOrb *
gorb_orb_new (int *argc, char ***argv, GError **error)
{
  g_auto (GorbOrbConfig) config = { 0 };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gorb_orb_config_init (&config);
  if (!gorb_orb_config_load (&config, argc, argv, error))
    return NULL;
  return gorb_orb_new_with_config (&config, error);
}

/**
 * gorb_orb_new_with_config:
 * @config: a configuration (copied)
 * @error: return location for a #GError
 *
 * Makes an ORB with a new identity (a random 128-bit id, a fresh epoch and
 * a random incarnation id). Nothing is bound and no thread is started
 * until the first export (server) or call (client).
 *
 * Errors: %GORB_CONFIG_ERROR_INVALID_VALUE if @config has a field out of
 * range (gorb_orb_config_validate()).
 *
 * Returns: (transfer full): the ORB, or %NULL on error
 */
GorbOrb *
gorb_orb_new_with_config (const GorbOrbConfig *config, GError **error)
{
  GorbIncarnationId random_id;
  GorbOrb *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gorb_orb_config_validate (config, error))
    return NULL;
  self = g_object_new (GORB_TYPE_ORB, NULL);
  gorb_orb_config_clear (&self->config);
  gorb_orb_config_copy (config, &self->config);
  gorb_incarnation_id_generate (&random_id);
  G_STATIC_ASSERT (sizeof random_id.bytes == sizeof self->id.bytes);
  memcpy (self->id.bytes, random_id.bytes, sizeof self->id.bytes);
  self->epoch = next_epoch ();
  gorb_incarnation_id_generate (&self->incarnation);
  self->dgc = gorb_dgc_new (self);
  self->server = gorb_orb_server_new (self);
  self->client = gorb_orb_client_new (self);
  gorb_dgc_attach_client (self->dgc, self->client);
  return self;
}

/**
 * gorb_orb_get_config:
 * @self: an ORB
 *
 * Returns: (transfer none): its configuration, read-only
 */
const GorbOrbConfig *
gorb_orb_get_config (GorbOrb *self)
{
  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  return &self->config;
}

/**
 * gorb_orb_get_id:
 * @self: an ORB
 *
 * Returns: (transfer none): its 128-bit id, carried by every request it
 *   sends (the client id)
 */
const GorbClientId *
gorb_orb_get_id (GorbOrb *self)
{
  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  return &self->id;
}

/**
 * gorb_orb_get_epoch:
 * @self: an ORB
 *
 * Returns: its epoch, carried by every request it sends: differs for each
 *   ORB the process makes, and grows
 */
guint32
gorb_orb_get_epoch (GorbOrb *self)
{
  g_return_val_if_fail (GORB_IS_ORB (self), 0);
  return self->epoch;
}

/**
 * gorb_orb_export:
 * @self: an ORB
 * @servant: an object implementing an IDL interface whose skeleton is
 *   registered (gorb_skeleton_register())
 * @policy: where its methods run
 * @error: return location for a #GError
 *
 * Makes @servant callable from other processes: gives it an object key,
 * keeps a strong reference to it while clients hold it (distributed GC,
 * gorb-dgc.h: then the ORB lets go, and the export lasts as long as local
 * code holds @servant) until it is unexported (or the ORB shuts down), and
 * binds the ORB's endpoints if this is the first export.
 * Exporting the same servant again returns the same reference (and keeps
 * the first policy). Any thread.
 *
 * Errors: %GORB_SYSTEM_ERROR_BAD_PARAM if @servant implements no
 * registered interface; %GORB_SYSTEM_ERROR_BAD_INV_ORDER after
 * gorb_orb_shutdown(); %GORB_SYSTEM_ERROR_NO_RESOURCES if the servant
 * thread pool cannot start; a %GORB_TRANSPORT_ERROR if an endpoint cannot
 * be bound (e.g. %GORB_TRANSPORT_ERROR_ADDRESS_IN_USE).
 *
 * Returns: (transfer full): the reference of @servant, or %NULL on error
 */
GorbRef *
gorb_orb_export (GorbOrb *self, GObject *servant, GorbThreadPolicy policy, GError **error)
{
  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (servant), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return gorb_orb_server_export (self->server, servant, NULL, policy, FALSE, error);
}

/**
 * gorb_orb_export_permanent:
 * @self: an ORB
 * @servant: an object implementing an IDL interface whose skeleton is
 *   registered
 * @policy: where its methods run
 * @error: return location for a #GError
 *
 * Exports @servant as gorb_orb_export() does, but never collects it: the
 * ORB holds it until it is unexported or the ORB shuts down, whether or
 * not clients hold leases on it (a service's root object, for example).
 * Exporting an exported servant again returns its reference and leaves it
 * as it was exported first.
 *
 * Errors: those of gorb_orb_export().
 *
 * Returns: (transfer full): the reference of @servant, or %NULL on error
 */
GorbRef *
gorb_orb_export_permanent (GorbOrb *self, GObject *servant, GorbThreadPolicy policy, GError **error)
{
  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (servant), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return gorb_orb_server_export (self->server, servant, NULL, policy, TRUE, error);
}

/**
 * gorb_orb_export_persistent:
 * @self: an ORB
 * @servant: an object implementing an IDL interface whose skeleton is
 *   registered
 * @incarnation: the key's incarnation id: one the application keeps (in
 *   its store) from one run to the next, never this ORB's own
 * @object_number: the key's object number, unique within @incarnation,
 *   not 0 (in every incarnation, object 0 is the ORB's distributed-GC
 *   collector)
 * @policy: where its methods run
 * @error: return location for a #GError
 *
 * Exports @servant as gorb_orb_export() does, but under the object key
 * (@incarnation, @object_number) instead of a new one: a server that
 * comes back on the same endpoint with the same keys serves the
 * references its clients kept (a persistent object, such as a naming
 * context). Such exports are permanent (gorb_orb_export_permanent()).
 * Exporting the same servant again under the same key returns
 * its reference. Any thread.
 *
 * Errors: those of gorb_orb_export(); %GORB_SYSTEM_ERROR_BAD_PARAM if
 * another servant is exported under that key, if @servant is exported
 * under another key, if @object_number is 0, or if @incarnation is this
 * ORB's own.
 *
 * Returns: (transfer full): the reference of @servant, or %NULL on error
 */
GorbRef *
gorb_orb_export_persistent (GorbOrb *self, GObject *servant, const GorbIncarnationId *incarnation,
                            guint64 object_number, GorbThreadPolicy policy, GError **error)
{
  guint8 key[GORB_OBJECT_KEY_SIZE];

  g_return_val_if_fail (GORB_IS_ORB (self), NULL);
  g_return_val_if_fail (G_IS_OBJECT (servant), NULL);
  g_return_val_if_fail (incarnation != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (object_number == 0)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot export an object of type '%s' persistently as object number 0: "
                   "it is reserved for the ORB's own collector (distributed GC)",
                   G_OBJECT_TYPE_NAME (servant));
      return NULL;
    }
  if (memcmp (incarnation->bytes, self->incarnation.bytes, sizeof incarnation->bytes) == 0)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "cannot export an object of type '%s' persistently: the incarnation id "
                   "is this ORB's own",
                   G_OBJECT_TYPE_NAME (servant));
      return NULL;
    }
  gorb_object_key_make (incarnation, object_number, key);
  return gorb_orb_server_export (self->server, servant, key, policy, TRUE, error);
}

/**
 * gorb_orb_unexport:
 * @self: an ORB
 * @servant: an exported servant
 *
 * Stops serving @servant: later calls to it fail with
 * %GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST, calls still waiting for a thread
 * too; a call already running finishes. The ORB drops its reference to
 * @servant once no call holds it. Its key is never reused. Any thread.
 *
 * Returns: %TRUE if @servant was exported
 */
gboolean
gorb_orb_unexport (GorbOrb *self, GObject *servant)
{
  g_return_val_if_fail (GORB_IS_ORB (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (servant), FALSE);

  return gorb_orb_server_unexport (self->server, servant);
}

/**
 * gorb_orb_dup_endpoints:
 * @self: an ORB
 *
 * Returns: (transfer full): the endpoints its server is bound to, with the
 *   real port of a `tcp://…:0` one; empty before the first export. Free
 *   with g_strfreev().
 */
GStrv
gorb_orb_dup_endpoints (GorbOrb *self)
{
  g_return_val_if_fail (GORB_IS_ORB (self), NULL);

  return gorb_orb_server_dup_endpoints (self->server);
}

/**
 * gorb_orb_run:
 * @self: an ORB
 *
 * Runs a #GMainLoop on the calling thread's thread-default #GMainContext
 * until gorb_orb_shutdown() (from any thread, a signal handler installed
 * with g_unix_signal_add() or a servant), then finishes the shutdown.
 * Returns at once if the ORB is already shut down. The servants do not
 * need it (they run on the listener and pool threads); it is the main
 * loop of a server program, and serves the async calls and sources of that
 * context meanwhile.
 */
void
gorb_orb_run (GorbOrb *self)
{
  g_autoptr (GMainContext) context = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  gboolean run;

  g_return_if_fail (GORB_IS_ORB (self));

  context = g_main_context_ref_thread_default ();
  loop = g_main_loop_new (context, FALSE);
  g_mutex_lock (&self->lock);
  if (self->loop != NULL)
    {
      g_mutex_unlock (&self->lock);
      g_critical ("%s: the ORB is already running", G_STRFUNC);
      return;
    }
  run = !self->shutting_down;
  if (run)
    self->loop = g_main_loop_ref (loop);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  if (run)
    g_main_loop_run (loop);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_mutex_unlock (&self->lock);
  teardown (self); /* the blocking half of a shutdown asked for by a servant */
  g_object_unref (self);
}

static gboolean
on_stop_signal (gpointer orb)
{
  gorb_orb_shutdown (orb);
  return G_SOURCE_CONTINUE; /* removed when the run ends: a second signal is harmless */
}

/**
 * gorb_orb_run_until_signalled:
 * @self: an ORB
 *
 * gorb_orb_run(), with SIGTERM and SIGINT shutting the ORB down (handled
 * on the thread-default #GMainContext, as g_unix_signal_source_new()
 * does): the whole main loop of a server program that a service manager
 * or a test stops by its pid. The handlers are removed when it returns.
 */
void
gorb_orb_run_until_signalled (GorbOrb *self)
{
  g_autoptr (GMainContext) context = NULL;
  const int signals[] = { SIGTERM, SIGINT };
  GSource *sources[G_N_ELEMENTS (signals)];

  g_return_if_fail (GORB_IS_ORB (self));

  context = g_main_context_ref_thread_default ();
  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      sources[i] = g_unix_signal_source_new (signals[i]);
      g_source_set_callback (sources[i], on_stop_signal, self, NULL);
      g_source_attach (sources[i], context);
    }
  gorb_orb_run (self);
  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_source_destroy (sources[i]);
      g_source_unref (sources[i]);
    }
}

/**
 * gorb_orb_shutdown:
 * @self: an ORB
 *
 * Shuts the ORB down: quits gorb_orb_run(), stops accepting requests,
 * closes the listeners, waits for the calls running on the pool (queued
 * ones are dropped), drops the exported servants, then shuts the client
 * half down. Idempotent; any thread, including a signal handler installed
 * with g_unix_signal_add() and a servant of this ORB (then the server only
 * stops accepting at once, and the rest is done when gorb_orb_run()
 * returns or the ORB is disposed). Afterwards exports fail with
 * %GORB_SYSTEM_ERROR_BAD_INV_ORDER.
 */
void
gorb_orb_shutdown (GorbOrb *self)
{
  GMainLoop *loop;

  g_return_if_fail (GORB_IS_ORB (self));

  g_object_ref (self); /* dropping the exports may drop the last reference */
  g_mutex_lock (&self->lock);
  self->shutting_down = TRUE;
  loop = self->loop != NULL ? g_main_loop_ref (self->loop) : NULL;
  g_mutex_unlock (&self->lock);
  if (loop != NULL)
    {
      g_main_loop_quit (loop);
      g_main_loop_unref (loop);
    }
  teardown (self);
  g_object_unref (self);
}
