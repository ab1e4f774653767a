/* gorb-dgc-client.c - the client half of the distributed GC (docs/dgc.md):
 * the leases this ORB holds, per server, and the dirty and clean messages
 * that take and give them back (the thread that sends them: gorb-dgc.c)
 *
 * Per server (endpoint and incarnation: one collector) the
 * set of objects this ORB holds leases on, one small Entry each, keyed by
 * object number; nothing else per proxy. A proxy coming to life (the proxy
 * table's one proxy for its object) registers its object: a new entry is
 * dirtied within DIRTY_BATCH_US, with every other new one of that server,
 * in one message. Every half lease, one dirty per server renews all of its
 * entries. The last proxy of an object going queues a clean, batched the
 * same way, unless the object's reference went out in a message less than
 * pin_ms ago (another process may still be about to dirty it: the lease is
 * kept until then). One sequence number per message, from one counter per
 * ORB, so a server can order every dirty and clean of this client.
 *
 * Failures. A dirty that fails marks its objects (their clean will be
 * strong) and is retried, as a renewal of all entries, with backoff; the
 * acknowledgements it carried go again. A clean that fails is retried with
 * backoff until the server's lease has surely run out. A server that says
 * an object is unknown (collected) has it dropped from the renewals.
 *
 * Threads. Proxies register and go on any thread, under the GorbDgc's
 * lock, never blocking; the messages are sent by the DGC thread only.
 */
#include "gorb-dgc-send-private.h"

#include <string.h>

#define DIRTY_BATCH_US (10 * G_TIME_SPAN_MILLISECOND)
#define MIN_BACKOFF_US (50 * G_TIME_SPAN_MILLISECOND)

enum
{
  ENTRY_NEW,      /* no dirty sent yet */
  ENTRY_HELD,     /* dirtied (or in the dirty in flight): renewed */
  ENTRY_CLEAN,    /* no proxy left: a clean is queued */
  ENTRY_CLEANING, /* in the clean in flight */
  ENTRY_GONE,     /* the server knows no such object */
};

enum
{
  FLAG_DIRTY_FAILED = 1 << 0, /* a dirty naming it failed: its clean is strong */
  FLAG_REDIRTY = 1 << 1,      /* a proxy came back while its clean was in flight */
};

typedef struct
{
  guint64 number;
  gint64 pinned_until; /* its reference went out: keep the lease until then */
  guint32 proxies;     /* registered proxies (0, 1, or 2 while one replaces another) */
  guint8 state;
  guint8 flags;
} Entry;

typedef struct
{
  gboolean dirty;
  GArray *numbers;
  GArray *acks;
  guint64 seq;
  gboolean strong;
} Delayed;

static guint
entry_hash (gconstpointer p)
{
  guint64 n = ((const Entry *) p)->number;
  return (guint) (n ^ (n >> 32));
}

static gboolean
entry_equal (gconstpointer a, gconstpointer b)
{
  return ((const Entry *) a)->number == ((const Entry *) b)->number;
}

guint
gorb_dgc_remote_hash (gconstpointer p)
{
  const GorbDgcRemote *s = p;
  guint32 h;

  memcpy (&h, s->incarnation.bytes, sizeof h);
  return h ^ g_str_hash (s->endpoint);
}

gboolean
gorb_dgc_remote_equal (gconstpointer a, gconstpointer b)
{
  const GorbDgcRemote *x = a, *y = b;
  return memcmp (x->incarnation.bytes, y->incarnation.bytes, sizeof x->incarnation.bytes) == 0
         && strcmp (x->endpoint, y->endpoint) == 0;
}

static void
delayed_free (gpointer data)
{
  Delayed *d = data;

  g_array_unref (d->numbers);
  g_clear_pointer (&d->acks, g_array_unref);
  g_free (d);
}

void
gorb_dgc_remote_free (gpointer data)
{
  GorbDgcRemote *s = data;

  g_hash_table_destroy (s->entries);
  g_array_unref (s->acks);
  g_ptr_array_unref (s->delayed);
  g_free (s->endpoint);
  g_free (s);
}

/* Client half: registering */

/* Locked. The server of @ref's object and its number, or %NULL if the
 * reference is not one the DGC covers. */
static GorbDgcRemote *
find_server_locked (GorbDgc *dgc, GorbRef *ref, gboolean create, guint64 *number)
{
  gsize key_len;
  const guint8 *key = gorb_ref_get_key (ref, &key_len);
  GorbDgcRemote probe, *server;
  guint64 be;

  if (key_len != GORB_OBJECT_KEY_SIZE)
    return NULL;
  memcpy (&be, key + GORB_OBJECT_KEY_SIZE - 8, 8);
  *number = GUINT64_FROM_BE (be);
  if (*number == 0)
    return NULL;
  memcpy (probe.incarnation.bytes, key, sizeof probe.incarnation.bytes);
  probe.endpoint = (char *) gorb_ref_get_endpoint (ref);
  server = g_hash_table_lookup (dgc->servers, &probe);
  if (server != NULL || !create)
    return server;
  server = g_new0 (GorbDgcRemote, 1);
  server->incarnation = probe.incarnation;
  server->endpoint = g_strdup (probe.endpoint);
  server->entries = g_hash_table_new_full (entry_hash, entry_equal, g_free, NULL);
  server->acks = g_array_new (FALSE, FALSE, sizeof (guint64));
  server->delayed = g_ptr_array_new_with_free_func (delayed_free);
  g_hash_table_add (dgc->servers, server);
  return server;
}

static Entry *
lookup_entry (GorbDgcRemote *server, guint64 number)
{
  Entry probe = { .number = number };
  return g_hash_table_lookup (server->entries, &probe);
}

static void
schedule (gint64 *at, gint64 when)
{
  if (*at == 0 || when < *at)
    *at = when;
}

/* Locked: removes an entry. */
static void
drop_entry (GorbDgc *dgc, GorbDgcRemote *server, Entry *entry)
{
  if (entry->state == ENTRY_NEW)
    server->n_new--;
  else if (entry->state == ENTRY_CLEAN)
    server->n_clean--;
  dgc->n_entries--;
  g_hash_table_remove (server->entries, entry);
}

/**
 * gorb_dgc_register:
 * @dgc: the ORB's DGC
 * @ref: the reference of a proxy that came to life
 *
 * The proxy holds a lease from now on: a dirty goes within DIRTY_BATCH_US
 * (never from this thread). Any thread.
 */
void
gorb_dgc_register (GorbDgc *dgc, GorbRef *ref)
{
  GorbDgcRemote *server;
  Entry *entry;
  guint64 number;

  if (!dgc->enabled || g_atomic_int_get (&dgc->stopping))
    return;
  g_mutex_lock (&dgc->lock);
  server = find_server_locked (dgc, ref, TRUE, &number);
  if (server == NULL)
    goto out;
  entry = lookup_entry (server, number);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->number = number;
      entry->state = ENTRY_NEW;
      g_hash_table_add (server->entries, entry);
      server->n_new++;
      dgc->n_entries++;
      schedule (&server->dirty_at, g_get_monotonic_time () + DIRTY_BATCH_US);
      gorb_dgc_ensure_thread_locked (dgc);
      g_cond_broadcast (&dgc->cond);
    }
  else if (entry->state == ENTRY_CLEAN) /* not sent yet: the lease just goes on */
    {
      entry->state = ENTRY_HELD;
      server->n_clean--;
    }
  else if (entry->state == ENTRY_CLEANING)
    entry->flags |= FLAG_REDIRTY;
  entry->proxies++;
out:
  g_mutex_unlock (&dgc->lock);
}

/**
 * gorb_dgc_unregister:
 * @dgc: the ORB's DGC
 * @ref: the reference of a registered proxy that was finalized
 *
 * Queues a clean once no proxy is left (and its reference is not in
 * transit). Any thread.
 */
void
gorb_dgc_unregister (GorbDgc *dgc, GorbRef *ref)
{
  GorbDgcRemote *server;
  Entry *entry;
  guint64 number;
  gint64 now = g_get_monotonic_time ();

  if (!dgc->enabled)
    return;
  g_mutex_lock (&dgc->lock);
  server = find_server_locked (dgc, ref, FALSE, &number);
  entry = server != NULL ? lookup_entry (server, number) : NULL;
  if (entry == NULL || entry->proxies == 0 || --entry->proxies > 0)
    goto out;
  if (entry->pinned_until > now && entry->state != ENTRY_GONE)
    ; /* in transit: dirtied if new, held until the pin runs out, then cleaned */
  else if (entry->state == ENTRY_NEW || entry->state == ENTRY_GONE)
    drop_entry (dgc, server, entry); /* nothing to clean */
  else if (entry->state == ENTRY_HELD && entry->pinned_until <= now)
    {
      entry->state = ENTRY_CLEAN;
      server->n_clean++;
      schedule (&server->clean_at, now + DIRTY_BATCH_US);
      g_cond_broadcast (&dgc->cond);
    }
  /* HELD and pinned: the renewal after the pin queues the clean */
out:
  g_mutex_unlock (&dgc->lock);
}

/* A registered proxy's reference goes out in a message: keep its lease for
 * pin_ms even if the proxy goes, so the receiver can dirty it first. */
void
gorb_dgc_sent (GorbDgc *dgc, GorbRef *ref)
{
  GorbDgcRemote *server;
  Entry *entry;
  guint64 number;

  if (!dgc->enabled)
    return;
  g_mutex_lock (&dgc->lock);
  server = find_server_locked (dgc, ref, FALSE, &number);
  entry = server != NULL ? lookup_entry (server, number) : NULL;
  if (entry != NULL)
    entry->pinned_until = g_get_monotonic_time () + (gint64) dgc->pin_ms * 1000;
  g_mutex_unlock (&dgc->lock);
}

/* The reply to our request @request_id carried @ref (now resolved to a
 * proxy): tell its server, in the next dirty, so it unpins the object. */
void
gorb_dgc_ack (GorbDgc *dgc, GorbRef *ref, guint64 request_id)
{
  GorbDgcRemote *server;
  guint64 number;

  if (!dgc->enabled || g_atomic_int_get (&dgc->stopping))
    return;
  g_mutex_lock (&dgc->lock);
  server = find_server_locked (dgc, ref, TRUE, &number);
  if (server != NULL)
    {
      if (server->acks->len == 0
          || g_array_index (server->acks, guint64, server->acks->len - 1) != request_id)
        g_array_append_val (server->acks, request_id);
      schedule (&server->dirty_at, g_get_monotonic_time () + DIRTY_BATCH_US);
      gorb_dgc_ensure_thread_locked (dgc);
      g_cond_broadcast (&dgc->cond);
    }
  g_mutex_unlock (&dgc->lock);
}

void
gorb_dgc_get_client_stats (GorbDgc *dgc, GorbOrbDgcStats *stats)
{
  g_mutex_lock (&dgc->lock);
  stats->proxies = dgc->n_entries;
  stats->servers = g_hash_table_size (dgc->servers);
  stats->dirty_sent = dgc->dirty_sent;
  stats->renewals_sent = dgc->renewals_sent;
  stats->clean_sent = dgc->clean_sent;
  stats->dirty_failed = dgc->dirty_failed;
  stats->clean_failed = dgc->clean_failed;
  g_mutex_unlock (&dgc->lock);
}

/* Client half: the messages, sent from the DGC thread */

static gint64
backoff_us (GorbDgc *dgc, guint failures)
{
  gint64 limit = (gint64) dgc->lease_ms * 1000 / 4;
  gint64 b = MIN_BACKOFF_US << MIN (failures, 16);

  return MAX (MIN (b, limit), MIN_BACKOFF_US);
}

/* Unlocked: one message, through the test fault hook. */
static gboolean
send_message (GorbDgc *dgc, GorbDgcRemote *server, gboolean dirty, GArray *numbers, GArray *acks,
              guint64 seq, gboolean strong, GorbDgcLease *lease, GError **error)
{
  const GorbOperationDesc *op = &gorb_dgc_collector_desc.operations[dirty ? 0 : 1];
  GorbDgcObjectNumbers objects = { (guint64 *) (void *) numbers->data, numbers->len };
  GorbDgcRequestIds ack_ids
      = { acks != NULL ? (guint64 *) (void *) acks->data : NULL, acks != NULL ? acks->len : 0 };
  guint32 lease_ms = dgc->lease_ms;
  gpointer dirty_args[] = { &objects, &seq, &lease_ms, &ack_ids };
  gpointer clean_args[] = { &objects, &seq, &strong };

  return gorb_dgc_send_call (dgc->life, dgc->client, server->endpoint, &server->incarnation, op,
                             dirty ? dirty_args : clean_args, dirty ? (gpointer) lease : NULL,
                             dgc->timeout_ms, &dgc->stopping, error);
}

/* Unlocked: a message, or what the fault hook makes of it. */
static gboolean
deliver (GorbDgc *dgc, GorbDgcRemote *server, GorbDgcFault fault, gboolean dirty, GArray *numbers,
         GArray *acks, guint64 seq, gboolean strong, GorbDgcLease *lease, GError **error)
{
  gboolean ok;

  if (fault == GORB_DGC_FAULT_DROP)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT, "dropped (test fault)");
      return FALSE;
    }
  if (fault == GORB_DGC_FAULT_DELAY)
    {
      Delayed *d = g_new0 (Delayed, 1);

      d->dirty = dirty;
      d->numbers = g_array_ref (numbers);
      d->acks = acks != NULL ? g_array_ref (acks) : NULL;
      d->seq = seq;
      d->strong = strong;
      g_mutex_lock (&dgc->lock);
      g_ptr_array_add (server->delayed, d);
      g_mutex_unlock (&dgc->lock);
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT, "delayed (test fault)");
      return FALSE;
    }
  ok = send_message (dgc, server, dirty, numbers, acks, seq, strong, lease, error);
  if (fault == GORB_DGC_FAULT_DUPLICATE)
    {
      GorbDgcLease again = { 0 };
      send_message (dgc, server, dirty, numbers, acks, seq, strong, &again, NULL);
      gorb_dgc_lease_clear (&again);
    }
  if (ok && fault == GORB_DGC_FAULT_DROP_REPLY)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_TIMEOUT, "reply dropped (test)");
      return FALSE;
    }
  /* messages held back go after this one: reordered */
  for (;;)
    {
      Delayed *d = NULL;

      g_mutex_lock (&dgc->lock);
      if (server->delayed->len > 0)
        d = g_ptr_array_steal_index (server->delayed, 0);
      g_mutex_unlock (&dgc->lock);
      if (d == NULL)
        break;
      {
        GorbDgcLease late = { 0 };
        send_message (dgc, server, d->dirty, d->numbers, d->acks, d->seq, d->strong, &late, NULL);
        gorb_dgc_lease_clear (&late);
      }
      delayed_free (d);
    }
  return ok;
}

static GorbDgcFault
ask_fault (GorbDgc *dgc, gboolean dirty, guint64 seq)
{
  GorbDgcFaultFunc func;
  gpointer data;

  g_mutex_lock (&dgc->lock);
  func = dgc->fault;
  data = dgc->fault_data;
  g_mutex_unlock (&dgc->lock);
  return func != NULL ? func (dirty, seq, data) : GORB_DGC_FAULT_NONE;
}

/* Locked (unlocks for the call): the new entries and acks (@renewal
 * FALSE) or every held entry (@renewal TRUE), in one dirty. */
void
gorb_dgc_dirty_locked (GorbDgc *dgc, GorbDgcRemote *server, gboolean renewal, gint64 now)
{
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GArray) acks = g_steal_pointer (&server->acks);
  g_autoptr (GError) error = NULL;
  g_auto (GorbDgcLease) lease = { 0 };
  GHashTableIter iter;
  Entry *entry;
  guint64 seq;
  gboolean ok;

  server->acks = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_hash_table_iter_init (&iter, server->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    {
      if (renewal && entry->state == ENTRY_HELD && entry->proxies == 0
          && entry->pinned_until <= now)
        {
          entry->state = ENTRY_CLEAN; /* its pin ran out: let go now */
          server->n_clean++;
          schedule (&server->clean_at, now);
          continue;
        }
      if (entry->state == ENTRY_NEW || (renewal && entry->state == ENTRY_HELD))
        {
          g_array_append_val (numbers, entry->number);
          if (entry->state == ENTRY_NEW)
            server->n_new--;
          entry->state = ENTRY_HELD;
        }
    }
  server->dirty_at = 0;
  if (renewal)
    server->renew_at = 0;
  if (numbers->len == 0 && acks->len == 0)
    {
      if (server->renew_at == 0 && g_hash_table_size (server->entries) > 0)
        server->renew_at = now + (gint64) dgc->lease_ms * 500;
      return;
    }
  seq = ++dgc->next_seq;
  g_mutex_unlock (&dgc->lock);

  ok = deliver (dgc, server, ask_fault (dgc, TRUE, seq), TRUE, numbers, acks, seq, FALSE, &lease,
                &error);

  g_mutex_lock (&dgc->lock);
  dgc->dirty_sent++;
  if (renewal)
    dgc->renewals_sent++;
  if (ok)
    {
      guint granted = lease.duration_ms != 0 ? lease.duration_ms : dgc->lease_ms;

      server->failures = 0;
      server->held_until = MAX (server->held_until, now + (gint64) granted * 1000);
      if (renewal || server->renew_at == 0)
        server->renew_at = now + (gint64) granted * 500; /* at half the lease */
      for (guint32 i = 0; i < lease.unknown.len; i++)
        {
          entry = lookup_entry (server, lease.unknown.data[i]);
          if (entry == NULL)
            continue;
          if (entry->proxies == 0 && entry->state != ENTRY_CLEANING)
            drop_entry (dgc, server, entry);
          else if (entry->state == ENTRY_HELD)
            entry->state = ENTRY_GONE;
        }
      return;
    }
  g_debug ("dirty to %s failed: %s", server->endpoint, error->message);
  dgc->dirty_failed++;
  server->failures++;
  for (guint i = 0; i < numbers->len; i++)
    if ((entry = lookup_entry (server, g_array_index (numbers, guint64, i))) != NULL)
      entry->flags |= FLAG_DIRTY_FAILED;
  g_array_prepend_vals (server->acks, acks->data, acks->len); /* they go again */
  /* retried as a renewal of everything held (a new sequence number) */
  server->renew_at = g_get_monotonic_time () + backoff_us (dgc, server->failures);
}

/* Locked (unlocks for the call): the queued cleans, in one message. */
void
gorb_dgc_clean_locked (GorbDgc *dgc, GorbDgcRemote *server, gint64 now)
{
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  Entry *entry;
  gboolean strong = FALSE, ok;
  guint64 seq;

  g_hash_table_iter_init (&iter, server->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    if (entry->state == ENTRY_CLEAN)
      {
        g_array_append_val (numbers, entry->number);
        strong |= (entry->flags & FLAG_DIRTY_FAILED) != 0;
        entry->state = ENTRY_CLEANING;
        server->n_clean--;
      }
  server->clean_at = 0;
  if (numbers->len == 0)
    return;
  seq = ++dgc->next_seq;
  g_mutex_unlock (&dgc->lock);

  ok = deliver (dgc, server, ask_fault (dgc, FALSE, seq), FALSE, numbers, NULL, seq, strong, NULL,
                &error);

  g_mutex_lock (&dgc->lock);
  dgc->clean_sent++;
  if (!ok)
    {
      g_debug ("clean to %s failed: %s", server->endpoint, error->message);
      dgc->clean_failed++;
      server->clean_failures++;
    }
  else
    server->clean_failures = 0;
  for (guint i = 0; i < numbers->len; i++)
    {
      entry = lookup_entry (server, g_array_index (numbers, guint64, i));
      if (entry == NULL || entry->state != ENTRY_CLEANING)
        continue;
      if (entry->proxies > 0 || (entry->flags & FLAG_REDIRTY) != 0)
        {
          entry->flags &= ~FLAG_REDIRTY; /* a proxy came back: a new dirty, a higher number */
          entry->state = ENTRY_NEW;
          server->n_new++;
          schedule (&server->dirty_at, now + DIRTY_BATCH_US);
        }
      else if (ok || now > server->held_until) /* done, or the lease ran out anyway */
        {
          entry->state = ENTRY_CLEAN; /* for drop_entry's count */
          server->n_clean++;
          drop_entry (dgc, server, entry);
        }
      else
        {
          entry->state = ENTRY_CLEAN;
          server->n_clean++;
          schedule (&server->clean_at, now + backoff_us (dgc, server->clean_failures));
        }
    }
}
