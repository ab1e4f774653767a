/* gorb-dgc.c - GorbDgc: the ORB's one distributed-GC thread, its life
 * cycle, and the loop that runs both halves' work (docs/dgc.md; the
 * client half's bookkeeping and messages: gorb-dgc-client.c; the server
 * half's: gorb-dgc-server.c)
 *
 * Threads. Proxies register and go on any thread, under @lock, never
 * blocking. The DGC thread (started on the first collectable export or the
 * first lease) sweeps the server's lease table, applies its changes
 * (gorb-dgc-server.c), and hands each server whose messages are due to a
 * small pool of sender threads (one server at a time per sender, at most
 * GORB_DGC_SENDERS at once), so that servers that do not answer cannot
 * hold up the renewals of those that do. It never holds a strong
 * reference to the ORB except around server work, taken from a weak one;
 * the senders never do. gorb_dgc_stop() returns once no sender is sending.
 */
#include "gorb-dgc-send-private.h"
#include "gorb-orb-server-private.h"

/* Sender threads per ORB. Servers not known to answer (suspects: never
 * answered a dirty yet, or their last message failed; they may make a
 * sender wait out the whole call timeout) get all but one of them, so the
 * servers that answer always have one. */
#define GORB_DGC_SENDERS 4

GorbDgc *
gorb_dgc_new (GorbOrb *orb)
{
  GorbDgc *dgc = g_new0 (GorbDgc, 1);
  guint timeout = orb->config.call_timeout_ms;

  g_atomic_ref_count_init (&dgc->ref_count);
  g_weak_ref_init (&dgc->orb, orb);
  dgc->lease_ms = orb->config.lease_ms;
  dgc->pin_ms = gorb_orb_config_get_dgc_pin_ms (&orb->config);
  /* a dirty must be answered well within the lease (and within the
   * tombstones' life, pin_ms, so a late one is dropped by its deadline) */
  dgc->timeout_ms = MIN (timeout != 0 ? timeout : G_MAXUINT, MAX (dgc->lease_ms / 2, 50));
  dgc->timeout_ms = MIN (dgc->timeout_ms, MAX (dgc->pin_ms / 2, 50));
  dgc->enabled = orb->config.dgc_client != 0;
  g_mutex_init (&dgc->lock);
  g_cond_init (&dgc->cond);
  dgc->servers = g_hash_table_new_full (gorb_dgc_remote_hash, gorb_dgc_remote_equal,
                                        gorb_dgc_remote_free, NULL);
  return dgc;
}

static void
dgc_unref (GorbDgc *dgc)
{
  if (!g_atomic_ref_count_dec (&dgc->ref_count))
    return;
  g_hash_table_destroy (dgc->servers);
  if (dgc->life != NULL)
    gorb_client_life_unref (dgc->life);
  g_weak_ref_clear (&dgc->orb);
  g_cond_clear (&dgc->cond);
  g_mutex_clear (&dgc->lock);
  g_free (dgc);
}

/**
 * gorb_dgc_stop:
 * @dgc: the ORB's DGC
 *
 * Stops the DGC thread and waits for it, unless this is that thread (the
 * ORB finalized by server work): then it ends when that work returns.
 * Nothing is sent afterwards. Idempotent.
 */
void
gorb_dgc_stop (GorbDgc *dgc)
{
  GThread *thread;

  g_mutex_lock (&dgc->lock);
  g_atomic_int_set (&dgc->stopping, TRUE);
  thread = g_steal_pointer (&dgc->thread);
  g_cond_broadcast (&dgc->cond);
  /* a sender notices the stop within its wait slice; one still queued
   * skips its work */
  while (dgc->n_sending > 0)
    g_cond_wait (&dgc->cond, &dgc->lock);
  g_mutex_unlock (&dgc->lock);
  if (thread == NULL)
    return;
  if (thread == g_thread_self ())
    g_thread_unref (thread); /* it holds its own reference to @dgc */
  else
    g_thread_join (thread);
}

/* The client half the thread calls through (set once, after gorb_dgc_new()). */
void
gorb_dgc_attach_client (GorbDgc *dgc, GorbOrbClient *client)
{
  dgc->client = client;
  dgc->life = gorb_client_life_ref (gorb_orb_client_get_life (client));
}

void
gorb_dgc_free (GorbDgc *dgc)
{
  if (dgc == NULL)
    return;
  gorb_dgc_stop (dgc);
  dgc_unref (dgc);
}

static gpointer thread_func (gpointer data);

/* Locked. */
void
gorb_dgc_ensure_thread_locked (GorbDgc *dgc)
{
  if (dgc->thread != NULL || g_atomic_int_get (&dgc->stopping))
    return;
  g_atomic_ref_count_inc (&dgc->ref_count);
  dgc->thread = g_thread_new ("gorb-dgc", thread_func, dgc);
}

/* A collectable export exists: sweep the lease table from now on. */
void
gorb_dgc_start_server (GorbDgc *dgc)
{
  g_mutex_lock (&dgc->lock);
  if (!dgc->serving)
    {
      dgc->serving = TRUE;
      dgc->next_sweep = g_get_monotonic_time ();
      gorb_dgc_ensure_thread_locked (dgc);
      g_cond_broadcast (&dgc->cond);
    }
  g_mutex_unlock (&dgc->lock);
}

/* The lease table has changes to apply (a clean, an ack): at once. */
void
gorb_dgc_wake (GorbDgc *dgc)
{
  g_mutex_lock (&dgc->lock);
  dgc->server_work = TRUE;
  gorb_dgc_ensure_thread_locked (dgc);
  g_cond_broadcast (&dgc->cond);
  g_mutex_unlock (&dgc->lock);
}

void
gorb_dgc_set_fault_func (GorbOrb *orb, GorbDgcFaultFunc func, gpointer user_data)
{
  g_mutex_lock (&orb->dgc->lock);
  orb->dgc->fault = func;
  orb->dgc->fault_data = user_data;
  g_mutex_unlock (&orb->dgc->lock);
}

/* The DGC thread */

static gint64
sweep_interval_us (GorbDgc *dgc)
{
  gint64 ms = MIN (dgc->lease_ms, dgc->pin_ms) / 4;
  return CLAMP (ms, 10, 5000) * 1000;
}

/* Server work (sweeps, applying the collector's changes), with a strong
 * reference to the ORB taken from the weak one: none if it is going. */
static void
server_work (GorbDgc *dgc, gboolean sweep)
{
  GorbOrb *orb = g_weak_ref_get (&dgc->orb);

  if (orb == NULL)
    return;
  if (sweep)
    gorb_dgc_server_sweep (orb->server);
  else
    gorb_dgc_server_apply (orb->server);
  g_object_unref (orb); /* may be the last: then the ORB stops us (without a join) */
}

/* A sender thread: the due messages of one server. */
static void
send_func (gpointer data, gpointer user_data)
{
  GorbDgcRemote *server = data;
  GorbDgc *dgc = user_data;

  g_mutex_lock (&dgc->lock);
  if (!g_atomic_int_get (&dgc->stopping))
    {
      gint64 now = g_get_monotonic_time ();

      if (server->dirty_at != 0 && now >= server->dirty_at)
        gorb_dgc_dirty_locked (dgc, server, FALSE, now);
      else if (server->renew_at != 0 && now >= server->renew_at)
        gorb_dgc_dirty_locked (dgc, server, TRUE, now);
      now = g_get_monotonic_time ();
      if (server->clean_at != 0 && now >= server->clean_at && !g_atomic_int_get (&dgc->stopping))
        gorb_dgc_clean_locked (dgc, server, now);
    }
  server->busy = FALSE;
  if (server->suspect)
    dgc->n_suspects--;
  dgc->n_sending--;
  g_cond_broadcast (&dgc->cond);
  g_mutex_unlock (&dgc->lock);
  dgc_unref (dgc);
}

static gboolean
is_due (const GorbDgcRemote *server, gint64 now)
{
  return (server->dirty_at != 0 && now >= server->dirty_at)
         || (server->renew_at != 0 && now >= server->renew_at)
         || (server->clean_at != 0 && now >= server->clean_at);
}

static gpointer
thread_func (gpointer data)
{
  GorbDgc *dgc = data;
  GThreadPool *senders = g_thread_pool_new (send_func, dgc, GORB_DGC_SENDERS, FALSE, NULL);

  g_mutex_lock (&dgc->lock);
  while (!g_atomic_int_get (&dgc->stopping))
    {
      g_autoptr (GPtrArray) servers = NULL;
      gint64 now = g_get_monotonic_time ();
      gint64 next = now + 3600 * G_TIME_SPAN_SECOND;
      gboolean sweep = dgc->serving && now >= dgc->next_sweep;

      if (sweep || dgc->server_work)
        {
          dgc->server_work = FALSE;
          if (sweep)
            dgc->next_sweep = now + sweep_interval_us (dgc);
          g_mutex_unlock (&dgc->lock);
          server_work (dgc, sweep);
          g_mutex_lock (&dgc->lock);
          continue;
        }
      /* servers are freed only here, and never while a sender has one */
      servers = g_ptr_array_new ();
      {
        GHashTableIter iter;
        gpointer server;

        g_hash_table_iter_init (&iter, dgc->servers);
        while (g_hash_table_iter_next (&iter, &server, NULL))
          g_ptr_array_add (servers, server);
      }
      now = g_get_monotonic_time ();
      for (guint i = 0; i < servers->len && !g_atomic_int_get (&dgc->stopping); i++)
        {
          GorbDgcRemote *server = servers->pdata[i];

          /* untried or failing: may make a sender wait out its timeout */
          gboolean suspect
              = server->held_until == 0 || server->failures > 0 || server->clean_failures > 0;

          if (server->busy)
            continue; /* its sender wakes us when it is done */
          if (is_due (server, now) && suspect && dgc->n_suspects >= GORB_DGC_SENDERS - 1)
            continue; /* a suspect's sender wakes us when it is done */
          if (is_due (server, now))
            {
              server->busy = TRUE;
              server->suspect = suspect;
              if (suspect)
                dgc->n_suspects++;
              dgc->n_sending++;
              g_atomic_ref_count_inc (&dgc->ref_count);
              g_thread_pool_push (senders, server, NULL);
            }
          else if (g_hash_table_size (server->entries) == 0 && server->acks->len == 0)
            g_hash_table_remove (dgc->servers, server);
          else
            {
              if (server->dirty_at != 0)
                next = MIN (next, server->dirty_at);
              if (server->renew_at != 0)
                next = MIN (next, server->renew_at);
              if (server->clean_at != 0)
                next = MIN (next, server->clean_at);
            }
        }
      if (dgc->serving)
        next = MIN (next, dgc->next_sweep);
      if (!dgc->server_work && !g_atomic_int_get (&dgc->stopping))
        g_cond_wait_until (&dgc->cond, &dgc->lock, next);
    }
  g_mutex_unlock (&dgc->lock);
  g_thread_pool_free (senders, FALSE, TRUE); /* queued ones skip their work: stopping */
  dgc_unref (dgc);
  return NULL;
}
