/* gorb-lease-table.c - GorbLeaseTable: holders, pins and sequence numbers
 * per collectable export (see gorb-lease-table-private.h)
 *
 * Layout: objects maps a key to a LeaseObject, which keeps its holders in
 * a small array (one entry per client that ever dirtied or cleaned it and
 * is not forgotten yet: few, so a scan beats a hash); pins maps (client,
 * request id) to the keys a reply to that request carried. One sweep
 * (gorb_lease_table_expire(), from the ORB's DGC thread) expires leases,
 * pins, fresh marks and tombstones: no per-object timer.
 */
#include "gorb-lease-table-private.h"

#include <string.h>

typedef struct
{
  GorbClientId client;
  guint64 seq;      /* the highest sequence number seen from it for this object */
  gint64 expiry_us; /* alive: end of the lease; tombstone: when it is forgotten */
  gboolean alive;   /* FALSE: a tombstone, left by a clean */
} Holder;

typedef struct
{
  guint8 key[GORB_OBJECT_KEY_SIZE];
  GArray *holders;    /* owned, nullable: Holder */
  guint n_alive;      /* holders alive */
  guint n_pins;       /* pins on it (a key twice in one reply counts twice) */
  gint64 fresh_until; /* exported or handed out locally and not dirtied since; 0: not */
} LeaseObject;

typedef struct
{
  GorbClientId client; /* the receiver; zero for a pin only time ends */
  guint64 request_id;  /* the request answered; a counter for a timeout-only pin */
} PinKey;

typedef struct
{
  PinKey id;
  gint64 expiry_us;
  GArray *keys; /* owned: GORB_OBJECT_KEY_SIZE-byte keys */
} Pin;

struct _GorbLeaseTable
{
  guint lease_ms;      /* construct-time */
  guint pin_ms;        /* construct-time */
  GMutex lock;         /* guards everything below */
  GHashTable *objects; /* owned: key (in the object) -> LeaseObject (owned) */
  GHashTable *pins;    /* owned: PinKey (in the pin) -> Pin (owned) */
  GArray *changes;     /* keys whose referenced state may have changed */
  guint64 next_local_pin;
  GorbLeaseTableStats stats; /* counters only */
};

static guint
pin_key_hash (gconstpointer p)
{
  const PinKey *k = p;
  guint32 h;

  memcpy (&h, k->client.bytes, sizeof h);
  return h ^ (guint) k->request_id ^ (guint) (k->request_id >> 32);
}

static gboolean
pin_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (PinKey)) == 0;
}

static void
object_free (gpointer data)
{
  LeaseObject *object = data;

  if (object->holders != NULL)
    g_array_unref (object->holders);
  g_free (object);
}

static void
pin_free (gpointer data)
{
  Pin *pin = data;

  g_array_unref (pin->keys);
  g_free (pin);
}

/**
 * gorb_lease_table_new:
 * @lease_ms: the lease granted on a dirty
 * @pin_ms: how long a reference in transit stays pinned, and a tombstone
 *   kept
 *
 * Returns: (transfer full): an empty table; free with gorb_lease_table_free()
 */
GorbLeaseTable *
gorb_lease_table_new (guint lease_ms, guint pin_ms)
{
  GorbLeaseTable *table = g_new0 (GorbLeaseTable, 1);

  table->lease_ms = lease_ms;
  table->pin_ms = pin_ms;
  g_mutex_init (&table->lock);
  table->objects
      = g_hash_table_new_full (gorb_object_key_hash, gorb_object_key_equal, NULL, object_free);
  table->pins = g_hash_table_new_full (pin_key_hash, pin_key_equal, NULL, pin_free);
  table->changes = g_array_new (FALSE, FALSE, GORB_OBJECT_KEY_SIZE);
  table->next_local_pin = 1;
  return table;
}

void
gorb_lease_table_free (GorbLeaseTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_destroy (table->pins);
  g_hash_table_destroy (table->objects);
  g_array_unref (table->changes);
  g_mutex_clear (&table->lock);
  g_free (table);
}

guint
gorb_lease_table_get_lease_ms (GorbLeaseTable *table)
{
  return table->lease_ms;
}

guint
gorb_lease_table_get_pin_ms (GorbLeaseTable *table)
{
  return table->pin_ms;
}

/* Locked. */
static void
note_change (GorbLeaseTable *table, const guint8 *key)
{
  g_array_append_vals (table->changes, key, 1);
}

static gboolean
is_referenced (const LeaseObject *object, gint64 now_us)
{
  return object->n_alive > 0 || object->n_pins > 0 || object->fresh_until > now_us;
}

/**
 * gorb_lease_table_add:
 * @table: a table
 * @key: the key of a new collectable export
 * @now_us: the time
 *
 * Adds the object, fresh: referenced until the first dirty for it, or for
 * pin_ms at most (so no client can miss it before it dirties).
 */
void
gorb_lease_table_add (GorbLeaseTable *table, const guint8 *key, gint64 now_us)
{
  LeaseObject *object;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  if (object == NULL)
    {
      object = g_new0 (LeaseObject, 1);
      memcpy (object->key, key, sizeof object->key);
      g_hash_table_insert (table->objects, object->key, object);
    }
  object->fresh_until = now_us + (gint64) table->pin_ms * 1000;
  g_mutex_unlock (&table->lock);
}

/* Drops an object (unexported, or its servant finalized); its pins stay
 * until they expire or are acknowledged, and count nothing. */
void
gorb_lease_table_remove (GorbLeaseTable *table, const guint8 *key)
{
  g_mutex_lock (&table->lock);
  g_hash_table_remove (table->objects, key);
  g_mutex_unlock (&table->lock);
}

/**
 * gorb_lease_table_refresh:
 * @table: a table
 * @key: an object's key
 * @now_us: the time
 *
 * Its reference was handed out outside a message (exported again, made
 * into a string): fresh again, as after gorb_lease_table_add().
 */
void
gorb_lease_table_refresh (GorbLeaseTable *table, const guint8 *key, gint64 now_us)
{
  LeaseObject *object;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  if (object != NULL)
    {
      if (!is_referenced (object, now_us))
        note_change (table, key);
      object->fresh_until = now_us + (gint64) table->pin_ms * 1000;
    }
  g_mutex_unlock (&table->lock);
}

/**
 * gorb_lease_table_pin:
 * @table: a table
 * @key: an object's key
 * @client: (nullable): the client a reply carrying the reference goes to,
 *   or %NULL for a reference sent in a request (the receiver is unknown:
 *   only time ends that pin)
 * @request_id: the request answered (with @client)
 * @now_us: the time
 *
 * Pins the object until @client acknowledges @request_id in a dirty
 * (gorb_lease_table_ack()) or pin_ms pass.
 */
void
gorb_lease_table_pin (GorbLeaseTable *table, const guint8 *key, const GorbClientId *client,
                      guint64 request_id, gint64 now_us)
{
  PinKey id = { 0 };
  LeaseObject *object;
  Pin *pin;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  if (object == NULL)
    goto out;
  if (client != NULL)
    {
      id.client = *client;
      id.request_id = request_id;
    }
  else
    id.request_id = table->next_local_pin++;
  pin = g_hash_table_lookup (table->pins, &id);
  if (pin == NULL)
    {
      pin = g_new0 (Pin, 1);
      pin->id = id;
      pin->keys = g_array_new (FALSE, FALSE, GORB_OBJECT_KEY_SIZE);
      g_hash_table_insert (table->pins, &pin->id, pin);
    }
  pin->expiry_us = now_us + (gint64) table->pin_ms * 1000;
  g_array_append_vals (pin->keys, key, 1);
  if (!is_referenced (object, now_us))
    note_change (table, key);
  object->n_pins++;
out:
  g_mutex_unlock (&table->lock);
}

/* Counts one dirty (@dirty) or clean call, whatever it names. */
void
gorb_lease_table_begin_call (GorbLeaseTable *table, gboolean dirty)
{
  g_mutex_lock (&table->lock);
  if (dirty)
    table->stats.dirty_calls++;
  else
    table->stats.clean_calls++;
  g_mutex_unlock (&table->lock);
}

static Holder *
find_holder (LeaseObject *object, const GorbClientId *client)
{
  if (object->holders == NULL)
    return NULL;
  for (guint i = 0; i < object->holders->len; i++)
    {
      Holder *h = &g_array_index (object->holders, Holder, i);
      if (memcmp (h->client.bytes, client->bytes, sizeof h->client.bytes) == 0)
        return h;
    }
  return NULL;
}

static Holder *
add_holder (LeaseObject *object, const GorbClientId *client)
{
  Holder h = { .client = *client };

  if (object->holders == NULL)
    object->holders = g_array_sized_new (FALSE, FALSE, sizeof (Holder), 1);
  g_array_append_val (object->holders, h);
  return &g_array_index (object->holders, Holder, object->holders->len - 1);
}

/**
 * gorb_lease_table_dirty:
 * @table: a table
 * @key: an object's key
 * @client: the client asking
 * @seq: its sequence number
 * @now_us: the time
 *
 * Grants @client a lease of lease_ms on the object, unless @seq is not
 * higher than the last seen from @client for it (a late or duplicated
 * dirty: ignored, but the object is known). An accepted dirty ends the
 * object's freshness.
 *
 * Returns: %FALSE if the object is not in the table
 */
gboolean
gorb_lease_table_dirty (GorbLeaseTable *table, const guint8 *key, const GorbClientId *client,
                        guint64 seq, gint64 now_us)
{
  LeaseObject *object;
  Holder *holder;
  gboolean known = FALSE;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  if (object == NULL)
    goto out;
  known = TRUE;
  holder = find_holder (object, client);
  if (holder != NULL && seq <= holder->seq)
    {
      table->stats.late_ignored++;
      goto out;
    }
  if (!is_referenced (object, now_us))
    note_change (table, key);
  if (holder == NULL)
    holder = add_holder (object, client);
  holder->seq = seq;
  holder->expiry_us = now_us + (gint64) table->lease_ms * 1000;
  if (!holder->alive)
    object->n_alive++;
  holder->alive = TRUE;
  object->fresh_until = 0;
  table->stats.leases_granted++;
out:
  g_mutex_unlock (&table->lock);
  return known;
}

/* Locked: the holder at @i is no longer alive (cleaned, or expired). */
static void
holder_gone (GorbLeaseTable *table, LeaseObject *object, Holder *holder, gint64 now_us)
{
  holder->alive = FALSE;
  holder->expiry_us = now_us + (gint64) table->pin_ms * 1000; /* as a tombstone */
  object->n_alive--;
  if (!is_referenced (object, now_us))
    note_change (table, object->key);
}

/**
 * gorb_lease_table_clean:
 * @table: a table
 * @key: an object's key
 * @client: the client that let go
 * @seq: its sequence number
 * @strong: a dirty for the object may have failed (kept as any clean is:
 *   gorb keeps a tombstone for every clean)
 * @now_us: the time
 *
 * Ends @client's lease on the object, unless @seq is not higher than the
 * last seen from it (a late or duplicated clean: ignored). Leaves a
 * tombstone, so a dirty sent before this clean and arriving after it is
 * ignored too.
 */
void
gorb_lease_table_clean (GorbLeaseTable *table, const guint8 *key, const GorbClientId *client,
                        guint64 seq, gboolean strong, gint64 now_us)
{
  LeaseObject *object;
  Holder *holder;

  (void) strong;
  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  if (object == NULL)
    goto out;
  holder = find_holder (object, client);
  if (holder != NULL && seq <= holder->seq)
    {
      table->stats.late_ignored++;
      goto out;
    }
  if (holder == NULL)
    holder = add_holder (object, client); /* a clean that overtook its dirty */
  holder->seq = seq;
  if (holder->alive)
    holder_gone (table, object, holder, now_us);
  else
    holder->expiry_us = now_us + (gint64) table->pin_ms * 1000;
out:
  g_mutex_unlock (&table->lock);
}

/* Locked: drops one pin's hold on its objects. */
static void
unpin (GorbLeaseTable *table, Pin *pin, gint64 now_us)
{
  for (guint i = 0; i < pin->keys->len; i++)
    {
      const guint8 *key = (const guint8 *) pin->keys->data + (gsize) i * GORB_OBJECT_KEY_SIZE;
      LeaseObject *object = g_hash_table_lookup (table->objects, key);

      if (object == NULL || object->n_pins == 0)
        continue;
      object->n_pins--;
      if (!is_referenced (object, now_us))
        note_change (table, key);
    }
}

/**
 * gorb_lease_table_ack:
 * @table: a table
 * @client: a client
 * @request_id: one of its requests whose reply carried references
 *
 * @client has dirtied (or already held) the references the reply to
 * @request_id carried: their pins go. Call it after the dirty's keys.
 */
void
gorb_lease_table_ack (GorbLeaseTable *table, const GorbClientId *client, guint64 request_id)
{
  PinKey id = { .client = *client, .request_id = request_id };
  Pin *pin;

  g_mutex_lock (&table->lock);
  pin = g_hash_table_lookup (table->pins, &id);
  if (pin != NULL)
    {
      unpin (table, pin, g_get_monotonic_time ());
      g_hash_table_remove (table->pins, &id);
    }
  g_mutex_unlock (&table->lock);
}

/**
 * gorb_lease_table_expire:
 * @table: a table
 * @now_us: the time
 *
 * Ends the leases, pins and freshness that ran out by @now_us, and forgets
 * old tombstones. O(holders + pins): called every few seconds.
 */
void
gorb_lease_table_expire (GorbLeaseTable *table, gint64 now_us)
{
  GHashTableIter iter;
  LeaseObject *object;
  Pin *pin;

  g_mutex_lock (&table->lock);
  g_hash_table_iter_init (&iter, table->pins);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pin))
    if (pin->expiry_us <= now_us)
      {
        unpin (table, pin, now_us);
        g_hash_table_iter_remove (&iter);
      }
  g_hash_table_iter_init (&iter, table->objects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      gboolean was_fresh = object->fresh_until != 0;

      if (was_fresh && object->fresh_until <= now_us)
        {
          object->fresh_until = 0;
          if (!is_referenced (object, now_us))
            note_change (table, object->key);
        }
      if (object->holders == NULL)
        continue;
      for (guint i = object->holders->len; i-- > 0;)
        {
          Holder *h = &g_array_index (object->holders, Holder, i);

          if (h->expiry_us > now_us)
            continue;
          if (h->alive)
            {
              table->stats.leases_expired++;
              holder_gone (table, object, h, now_us);
            }
          else
            g_array_remove_index_fast (object->holders, i);
        }
      if (object->holders->len == 0)
        g_clear_pointer (&object->holders, g_array_unref);
    }
  g_mutex_unlock (&table->lock);
}

/**
 * gorb_lease_table_is_referenced:
 * @table: a table
 * @key: an object's key
 * @now_us: the time
 *
 * Returns: %TRUE if the object has a live holder, a pin or is fresh, or is
 *   not in the table (then nothing here may collect it)
 */
gboolean
gorb_lease_table_is_referenced (GorbLeaseTable *table, const guint8 *key, gint64 now_us)
{
  LeaseObject *object;
  gboolean referenced;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  referenced = object == NULL || is_referenced (object, now_us);
  g_mutex_unlock (&table->lock);
  return referenced;
}

/**
 * gorb_lease_table_take_changes:
 * @table: a table
 *
 * Returns: (transfer full): the keys (%GORB_OBJECT_KEY_SIZE bytes each,
 *   maybe repeated) whose referenced state may have changed since the last
 *   call
 */
GArray *
gorb_lease_table_take_changes (GorbLeaseTable *table)
{
  GArray *changes;

  g_mutex_lock (&table->lock);
  changes = table->changes;
  table->changes = g_array_new (FALSE, FALSE, GORB_OBJECT_KEY_SIZE);
  g_mutex_unlock (&table->lock);
  return changes;
}

/* The live holders of one object (tests). */
guint
gorb_lease_table_count_holders (GorbLeaseTable *table, const guint8 *key)
{
  LeaseObject *object;
  guint n;

  g_mutex_lock (&table->lock);
  object = g_hash_table_lookup (table->objects, key);
  n = object != NULL ? object->n_alive : 0;
  g_mutex_unlock (&table->lock);
  return n;
}

void
gorb_lease_table_get_stats (GorbLeaseTable *table, GorbLeaseTableStats *stats)
{
  g_autoptr (GHashTable) clients = g_hash_table_new (pin_key_hash, pin_key_equal);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  LeaseObject *object;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&table->lock);
  *stats = table->stats;
  stats->objects = g_hash_table_size (table->objects);
  stats->unreferenced = stats->holders = stats->pins = 0;
  g_hash_table_iter_init (&iter, table->objects);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &object))
    {
      if (!is_referenced (object, now))
        stats->unreferenced++;
      if (object->n_pins > 0 || object->fresh_until > now)
        stats->pins++;
      stats->holders += object->n_alive;
      for (guint i = 0; object->holders != NULL && i < object->holders->len; i++)
        {
          Holder *h = &g_array_index (object->holders, Holder, i);
          PinKey *id;

          if (!h->alive)
            continue;
          id = g_new0 (PinKey, 1);
          id->client = h->client;
          g_ptr_array_add (ids, id);
          g_hash_table_add (clients, id);
        }
    }
  g_mutex_unlock (&table->lock);
  stats->clients = g_hash_table_size (clients);
  g_hash_table_remove_all (clients);
  g_ptr_array_unref (ids);
}
