/* gorb-reply-cache.c - the server's reply cache (see gorb-reply-cache-private.h)
 *
 * Layout: one hash set of entries keyed by (client id, request id); a queue
 * of the DONE entries in the order their replies were stored (the oldest
 * at the head: age and count pruning pop the head); one ClientInfo per
 * client id with entries (its newest epoch and how many entries it has).
 * Each entry embeds its queue link, so dropping any entry is O(1); only a
 * reincarnation walks the table. Everything is under @lock.
 */
#include "gorb-reply-cache-private.h"

#include <string.h>

typedef struct
{
  GorbClientId id;
  guint32 epoch;   /* the newest seen */
  guint n_entries; /* entries of this client in the table */
} ClientInfo;

typedef struct
{
  GorbClientId client; /* key, with request_id */
  guint64 request_id;
  guint64 ticket;
  gboolean started;
  GBytes *header; /* owned, nullable: set once DONE */
  GBytes *body;   /* owned, nullable */
  gint64 done_us;
  GList link; /* in done_queue while DONE; data = the entry */
  ClientInfo *info;
} Entry;

struct _GorbReplyCache
{
  gint64 max_age_us;
  guint max_entries;

  GMutex lock;         /* guards everything below */
  GHashTable *entries; /* owned set of Entry (freed by remove) */
  GHashTable *clients; /* owned: GorbClientId * (in the info) -> ClientInfo (owned) */
  GQueue done_queue;   /* links embedded in the DONE entries, oldest first */
  guint64 next_ticket;
};

static guint
client_id_hash (gconstpointer key)
{
  const GorbClientId *id = key;
  guint32 h;

  memcpy (&h, id->bytes, sizeof h); /* random bits */
  return h;
}

static gboolean
client_id_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (GorbClientId)) == 0;
}

static guint
entry_hash (gconstpointer key)
{
  const Entry *e = key;

  return client_id_hash (&e->client)
         ^ (guint) (e->request_id * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) >> 32);
}

static gboolean
entry_equal (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->request_id == y->request_id && client_id_equal (&x->client, &y->client);
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_pointer (&e->header, g_bytes_unref);
  g_clear_pointer (&e->body, g_bytes_unref);
  g_free (e);
}

/**
 * gorb_reply_cache_new:
 * @max_age_ms: how long a stored reply is kept
 * @max_entries: how many stored replies are kept at most (at least 1)
 *
 * Returns: (transfer full): an empty cache; free with gorb_reply_cache_free()
 */
GorbReplyCache *
gorb_reply_cache_new (guint max_age_ms, guint max_entries)
{
  GorbReplyCache *cache = g_new0 (GorbReplyCache, 1);

  cache->max_age_us = (gint64) max_age_ms * 1000;
  cache->max_entries = MAX (max_entries, 1);
  g_mutex_init (&cache->lock);
  cache->entries = g_hash_table_new_full (entry_hash, entry_equal, entry_free, NULL);
  cache->clients = g_hash_table_new_full (client_id_hash, client_id_equal, NULL, g_free);
  g_queue_init (&cache->done_queue);
  cache->next_ticket = 1;
  return cache;
}

void
gorb_reply_cache_free (GorbReplyCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_destroy (cache->entries);
  g_hash_table_destroy (cache->clients);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

/* Locked. Unlinks and frees @e, and its client's info with its last entry. */
static void
remove_entry (GorbReplyCache *cache, Entry *e)
{
  ClientInfo *info = e->info;

  if (e->header != NULL)
    g_queue_unlink (&cache->done_queue, &e->link);
  g_hash_table_remove (cache->entries, e); /* frees e */
  if (--info->n_entries == 0)
    g_hash_table_remove (cache->clients, &info->id);
}

/* Locked. */
static Entry *
find_entry (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id)
{
  Entry probe;

  probe.client = *client;
  probe.request_id = request_id;
  return g_hash_table_lookup (cache->entries, &probe);
}

/* Locked. */
static void
expire_locked (GorbReplyCache *cache, gint64 now_us)
{
  for (GList *l; (l = cache->done_queue.head) != NULL;)
    {
      Entry *e = l->data;

      if (cache->done_queue.length <= cache->max_entries
          && now_us - e->done_us <= cache->max_age_us)
        break;
      remove_entry (cache, e);
    }
}

/* Locked. Drops @info's entries: the client has reincarnated. */
static void
drop_client_entries (GorbReplyCache *cache, ClientInfo *info)
{
  GHashTableIter iter;
  Entry *e;

  g_hash_table_iter_init (&iter, cache->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    if (e->info == info)
      {
        if (e->header != NULL)
          g_queue_unlink (&cache->done_queue, &e->link);
        info->n_entries--;
        g_hash_table_iter_remove (&iter); /* frees e */
      }
  /* the caller is about to add an entry: @info stays, with none */
}

/**
 * gorb_reply_cache_begin:
 * @cache: the cache
 * @client: the request's client id
 * @epoch: the request's client epoch
 * @request_id: the request id
 * @now_us: the monotonic time
 * @ticket: (out): on NEW, the new entry's ticket
 * @header: (out) (transfer full): on DONE, the cached reply's header frame
 * @body: (out) (transfer full) (nullable): on DONE, its body frame
 *
 * Looks a request that expects a response up, and reserves it if it is new.
 * Expired entries are dropped first.
 *
 * Returns: what to do with the request (see #GorbReplyCacheVerdict)
 */
GorbReplyCacheVerdict
gorb_reply_cache_begin (GorbReplyCache *cache, const GorbClientId *client, guint32 epoch,
                        guint64 request_id, gint64 now_us, guint64 *ticket, GBytes **header,
                        GBytes **body)
{
  GorbReplyCacheVerdict verdict;
  ClientInfo *info;
  Entry *e;

  g_return_val_if_fail (cache != NULL && client != NULL, GORB_REPLY_CACHE_STALE);
  g_return_val_if_fail (ticket != NULL && header != NULL && body != NULL, GORB_REPLY_CACHE_STALE);

  g_mutex_lock (&cache->lock);
  expire_locked (cache, now_us);
  info = g_hash_table_lookup (cache->clients, client);
  if (info != NULL && epoch < info->epoch)
    {
      verdict = GORB_REPLY_CACHE_STALE;
      goto out;
    }
  if (info != NULL && epoch > info->epoch)
    {
      drop_client_entries (cache, info);
      info->epoch = epoch;
    }
  e = info != NULL ? find_entry (cache, client, request_id) : NULL;
  if (e != NULL && e->header != NULL)
    {
      *header = g_bytes_ref (e->header);
      *body = e->body != NULL ? g_bytes_ref (e->body) : NULL;
      verdict = GORB_REPLY_CACHE_DONE;
      goto out;
    }
  if (e != NULL)
    {
      verdict = GORB_REPLY_CACHE_IN_PROGRESS;
      goto out;
    }
  if (info == NULL)
    {
      info = g_new0 (ClientInfo, 1);
      info->id = *client;
      info->epoch = epoch;
      g_hash_table_insert (cache->clients, &info->id, info);
    }
  e = g_new0 (Entry, 1);
  e->client = *client;
  e->request_id = request_id;
  e->ticket = cache->next_ticket++;
  e->link.data = e;
  e->info = info;
  info->n_entries++;
  g_hash_table_add (cache->entries, e);
  *ticket = e->ticket;
  verdict = GORB_REPLY_CACHE_NEW;
out:
  g_mutex_unlock (&cache->lock);
  return verdict;
}

/* Locked. The IN_PROGRESS entry @ticket names, or NULL. */
static Entry *
find_ticket (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id, guint64 ticket)
{
  Entry *e = find_entry (cache, client, request_id);

  return e != NULL && e->ticket == ticket && e->header == NULL ? e : NULL;
}

/**
 * gorb_reply_cache_start:
 * @cache: the cache
 * @client: the request's client id
 * @request_id: the request id
 * @ticket: what gorb_reply_cache_begin() returned for it
 *
 * Marks the request as started (a CANCEL can no longer drop it).
 *
 * Returns: %FALSE if its entry is gone (cancelled, or its client
 *   reincarnated): do not run it
 */
gboolean
gorb_reply_cache_start (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id,
                        guint64 ticket)
{
  Entry *e;

  g_return_val_if_fail (cache != NULL && client != NULL, FALSE);

  g_mutex_lock (&cache->lock);
  e = find_ticket (cache, client, request_id, ticket);
  if (e != NULL)
    e->started = TRUE;
  g_mutex_unlock (&cache->lock);
  return e != NULL;
}

/**
 * gorb_reply_cache_finish:
 * @cache: the cache
 * @client: the request's client id
 * @request_id: the request id
 * @ticket: what gorb_reply_cache_begin() returned for it
 * @header: (transfer none): the reply's header frame
 * @body: (transfer none) (nullable): its body frame
 * @now_us: the monotonic time
 *
 * Stores the reply: the entry is DONE, and duplicates get these frames.
 * Does nothing if the entry is gone. The oldest replies past the count
 * limit are dropped.
 */
void
gorb_reply_cache_finish (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id,
                         guint64 ticket, GBytes *header, GBytes *body, gint64 now_us)
{
  Entry *e;

  g_return_if_fail (cache != NULL && client != NULL && header != NULL);

  g_mutex_lock (&cache->lock);
  e = find_ticket (cache, client, request_id, ticket);
  if (e != NULL)
    {
      e->header = g_bytes_ref (header);
      e->body = body != NULL ? g_bytes_ref (body) : NULL;
      e->done_us = now_us;
      g_queue_push_tail_link (&cache->done_queue, &e->link);
      expire_locked (cache, now_us);
    }
  g_mutex_unlock (&cache->lock);
}

/**
 * gorb_reply_cache_forget:
 * @cache: the cache
 * @client: the request's client id
 * @request_id: the request id
 * @ticket: what gorb_reply_cache_begin() returned for it
 *
 * Drops the IN_PROGRESS entry @ticket names (a request refused or dropped
 * without running: a retransmission may try again). Does nothing if it is
 * gone.
 */
void
gorb_reply_cache_forget (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id,
                         guint64 ticket)
{
  Entry *e;

  g_return_if_fail (cache != NULL && client != NULL);

  g_mutex_lock (&cache->lock);
  e = find_ticket (cache, client, request_id, ticket);
  if (e != NULL)
    remove_entry (cache, e);
  g_mutex_unlock (&cache->lock);
}

/**
 * gorb_reply_cache_cancel:
 * @cache: the cache
 * @client: the client id of a CANCEL
 * @request_id: its request id
 *
 * Drops the entry of a request that has not started running, so that its
 * job, when its turn comes, does not run (gorb_reply_cache_start() says
 * %FALSE).
 *
 * Returns: %TRUE if such an entry was dropped; %FALSE if there is none or
 *   the request has started or is answered (a CANCEL is then ignored)
 */
gboolean
gorb_reply_cache_cancel (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id)
{
  gboolean dropped = FALSE;
  Entry *e;

  g_return_val_if_fail (cache != NULL && client != NULL, FALSE);

  g_mutex_lock (&cache->lock);
  e = find_entry (cache, client, request_id);
  if (e != NULL && e->header == NULL && !e->started)
    {
      remove_entry (cache, e);
      dropped = TRUE;
    }
  g_mutex_unlock (&cache->lock);
  return dropped;
}

/**
 * gorb_reply_cache_ack:
 * @cache: the cache
 * @client: the client id of an ACK
 * @request_id: a request id it acknowledges
 *
 * Drops the stored reply of a request the client has the reply of.
 *
 * Returns: %TRUE if a stored reply was dropped (an IN_PROGRESS entry is
 *   left alone)
 */
gboolean
gorb_reply_cache_ack (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id)
{
  gboolean dropped = FALSE;
  Entry *e;

  g_return_val_if_fail (cache != NULL && client != NULL, FALSE);

  g_mutex_lock (&cache->lock);
  e = find_entry (cache, client, request_id);
  if (e != NULL && e->header != NULL)
    {
      remove_entry (cache, e);
      dropped = TRUE;
    }
  g_mutex_unlock (&cache->lock);
  return dropped;
}

/**
 * gorb_reply_cache_expire:
 * @cache: the cache
 * @now_us: the monotonic time
 *
 * Drops the stored replies older than the cache's age limit. Begin and
 * finish do it too, so the server needs no timer: old replies go with the
 * next request, and an idle server holds at most max_entries of them.
 */
void
gorb_reply_cache_expire (GorbReplyCache *cache, gint64 now_us)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->lock);
  expire_locked (cache, now_us);
  g_mutex_unlock (&cache->lock);
}

/**
 * gorb_reply_cache_get_size:
 * @cache: the cache
 *
 * Returns: the number of entries, IN_PROGRESS and DONE
 */
guint
gorb_reply_cache_get_size (GorbReplyCache *cache)
{
  guint n;

  g_return_val_if_fail (cache != NULL, 0);

  g_mutex_lock (&cache->lock);
  n = g_hash_table_size (cache->entries);
  g_mutex_unlock (&cache->lock);
  return n;
}

/**
 * gorb_reply_cache_get_n_clients:
 * @cache: the cache
 *
 * Returns: the number of client ids the cache holds entries (and an epoch)
 *   for
 */
guint
gorb_reply_cache_get_n_clients (GorbReplyCache *cache)
{
  guint n;

  g_return_val_if_fail (cache != NULL, 0);

  g_mutex_lock (&cache->lock);
  n = g_hash_table_size (cache->clients);
  g_mutex_unlock (&cache->lock);
  return n;
}
