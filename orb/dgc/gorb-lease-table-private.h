/* gorb-lease-table-private.h - which clients hold a lease on which exported
 * object, and which objects are pinned in transit (the server half of the
 * distributed GC; docs/dgc.md)
 *
 * A plain struct with its own mutex; every call takes the time (monotonic
 * µs) as an argument, so tests drive time. Only collectable exports are in
 * the table (permanent ones never are).
 *
 * An object is *referenced* while it has a live holder (a client whose
 * lease has not expired), a pin (a reference to it sent in a reply and not
 * yet acknowledged by the receiver's dirty, or sent elsewhere, until the
 * pin timeout) or is *fresh* (exported or handed out locally, and no dirty
 * came since, until the pin timeout). Every call that may change that
 * records the key; gorb_lease_table_take_changes() hands the keys over, and
 * the server then asks gorb_lease_table_is_referenced() under its own lock
 * (lock order: server, then table), so that state applied is the latest.
 *
 * Sequence numbers: per (client, object), the highest seen in a dirty or a
 * clean. A dirty or clean whose number is not higher is late (or a
 * duplicate) and ignored. A clean leaves a tombstone (the client, its
 * number, not alive) for pin_ms, long after any late dirty can arrive
 * (dirty calls carry a deadline shorter than that: the dispatcher drops
 * them past it).
 */
#pragma once

#include "gorb.h"

G_BEGIN_DECLS

typedef struct _GorbLeaseTable GorbLeaseTable;

typedef struct
{
  guint objects;          /* collectable objects in the table */
  guint unreferenced;     /* of which not referenced */
  guint holders;          /* live (client, object) leases */
  guint clients;          /* distinct clients among them */
  guint pins;             /* objects with a pin or fresh */
  guint64 dirty_calls;    /* gorb_lease_table_begin_call (TRUE) */
  guint64 clean_calls;    /* gorb_lease_table_begin_call (FALSE) */
  guint64 leases_granted; /* (client, object) dirties accepted */
  guint64 leases_expired; /* (client, object) leases that ran out */
  guint64 late_ignored;   /* dirties and cleans ignored for their sequence number */
} GorbLeaseTableStats;

GorbLeaseTable *gorb_lease_table_new (guint lease_ms, guint pin_ms);
void gorb_lease_table_free (GorbLeaseTable *table);
guint gorb_lease_table_get_lease_ms (GorbLeaseTable *table);
guint gorb_lease_table_get_pin_ms (GorbLeaseTable *table);

void gorb_lease_table_add (GorbLeaseTable *table, const guint8 *key, gint64 now_us);
void gorb_lease_table_remove (GorbLeaseTable *table, const guint8 *key);
void gorb_lease_table_refresh (GorbLeaseTable *table, const guint8 *key, gint64 now_us);
void gorb_lease_table_pin (GorbLeaseTable *table, const guint8 *key, const GorbClientId *client,
                           guint64 request_id, gint64 now_us);

void gorb_lease_table_begin_call (GorbLeaseTable *table, gboolean dirty);
gboolean gorb_lease_table_dirty (GorbLeaseTable *table, const guint8 *key,
                                 const GorbClientId *client, guint64 seq, gint64 now_us);
void gorb_lease_table_clean (GorbLeaseTable *table, const guint8 *key, const GorbClientId *client,
                             guint64 seq, gboolean strong, gint64 now_us);
void gorb_lease_table_ack (GorbLeaseTable *table, const GorbClientId *client, guint64 request_id);
void gorb_lease_table_expire (GorbLeaseTable *table, gint64 now_us);

gboolean gorb_lease_table_is_referenced (GorbLeaseTable *table, const guint8 *key, gint64 now_us);
GArray *gorb_lease_table_take_changes (GorbLeaseTable *table);
guint gorb_lease_table_count_holders (GorbLeaseTable *table, const guint8 *key);
void gorb_lease_table_get_stats (GorbLeaseTable *table, GorbLeaseTableStats *stats);

G_END_DECLS
