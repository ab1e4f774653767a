/* gorb-reply-cache-private.h - the server's reply cache: at-most-once
 * execution of requests that expect a response
 *
 * Entries are keyed by (client id, request id). A request's life:
 *
 *   gorb_reply_cache_begin()   on arrival (listener thread): NEW makes an
 *                              IN_PROGRESS entry and hands out its ticket;
 *                              a duplicate gets IN_PROGRESS (ignore it: the
 *                              client retransmits again) or DONE with the
 *                              cached reply frames (send them again)
 *   gorb_reply_cache_start()   when the servant is about to run (any
 *                              thread): FALSE if the entry was cancelled or
 *                              dropped meanwhile (then do not run)
 *   gorb_reply_cache_finish()  with the reply frames: the entry is DONE
 *   gorb_reply_cache_forget()  instead of finish, when nothing ran and
 *                              nothing is to be cached (refused, expired)
 *
 * Pruning: gorb_reply_cache_ack() drops a DONE entry the client has the
 * reply of; DONE entries older than max_age_ms (since their reply was
 * stored) and, past max_entries DONE entries, the oldest go first.
 * IN_PROGRESS entries are never pruned by age or count: the requests being
 * run are bounded by the pool's queue, and dropping one would let a
 * duplicate run the servant twice.
 *
 * Reincarnation: the cache remembers the newest epoch of each client id it
 * holds entries for. A request with a newer epoch drops that client's older
 * entries (their jobs, if not started, will not run: orphans are
 * abandoned); a request with an older epoch is STALE (drop it). A client's
 * epoch is forgotten together with its last entry.
 *
 * Tickets tell entries of one (client, request id) apart over time (a
 * cancelled request retransmitted gets a new entry): start, finish and
 * forget act only on the entry their ticket names.
 *
 * Every function takes the cache's mutex; any thread. Times are
 * g_get_monotonic_time() microseconds, passed in so tests drive the clock.
 */
#pragma once

#include "gorb.h"

G_BEGIN_DECLS

typedef struct _GorbReplyCache GorbReplyCache;

typedef enum
{
  GORB_REPLY_CACHE_NEW,         /* first sight: an IN_PROGRESS entry was made; run it */
  GORB_REPLY_CACHE_IN_PROGRESS, /* a duplicate of a request not answered yet: ignore it */
  GORB_REPLY_CACHE_DONE,        /* a duplicate of an answered request: send the cached reply */
  GORB_REPLY_CACHE_STALE,       /* from an older epoch than the client's newest: drop it */
} GorbReplyCacheVerdict;

GorbReplyCache *gorb_reply_cache_new (guint max_age_ms, guint max_entries);
void gorb_reply_cache_free (GorbReplyCache *cache);

GorbReplyCacheVerdict gorb_reply_cache_begin (GorbReplyCache *cache, const GorbClientId *client,
                                              guint32 epoch, guint64 request_id, gint64 now_us,
                                              guint64 *ticket, GBytes **header, GBytes **body);
gboolean gorb_reply_cache_start (GorbReplyCache *cache, const GorbClientId *client,
                                 guint64 request_id, guint64 ticket);
void gorb_reply_cache_finish (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id,
                              guint64 ticket, GBytes *header, GBytes *body, gint64 now_us);
void gorb_reply_cache_forget (GorbReplyCache *cache, const GorbClientId *client, guint64 request_id,
                              guint64 ticket);

gboolean gorb_reply_cache_cancel (GorbReplyCache *cache, const GorbClientId *client,
                                  guint64 request_id);
gboolean gorb_reply_cache_ack (GorbReplyCache *cache, const GorbClientId *client,
                               guint64 request_id);
void gorb_reply_cache_expire (GorbReplyCache *cache, gint64 now_us);

guint gorb_reply_cache_get_size (GorbReplyCache *cache);
guint gorb_reply_cache_get_n_clients (GorbReplyCache *cache);

G_END_DECLS
