/* gorb-dgc.h - distributed garbage collection: what applications see
 *
 * Objects exported with gorb_orb_export() (and servants exported on the fly
 * when passed in a call) are collectable: while some client process holds a
 * proxy for one (a lease, renewed at half its length) or a reference to it
 * is in transit, the ORB keeps the servant alive; when none is left, the
 * ORB lets go of its own reference and tells the servant, through
 * #GorbUnreferenced, if it implements it. The servant stays exported while
 * local code holds it (a later dirty makes the ORB hold it again); once it
 * is finalized, calls to it fail with %GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST.
 * gorb_orb_export_permanent() and gorb_orb_export_persistent() exports are
 * never collected. docs/dgc.md has the protocol and the settings.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GorbOrb GorbOrb;

#define GORB_TYPE_UNREFERENCED (gorb_unreferenced_get_type ())
G_DECLARE_INTERFACE (GorbUnreferenced, gorb_unreferenced, GORB, UNREFERENCED, GObject)

/**
 * GorbUnreferencedInterface:
 * @unreferenced: called once each time no client holds the object any more
 *   and no reference to it is in transit, after the ORB has let go of it
 *   (the RMI `Unreferenced` hook). It runs on the ORB's distributed-GC
 *   thread, with a reference held for the call: it must not block for
 *   long. Keeping a reference makes the object live on (still exported).
 */
struct _GorbUnreferencedInterface
{
  GTypeInterface parent_iface;
  void (*unreferenced) (GorbUnreferenced *self);
};

void gorb_unreferenced_unreferenced (GorbUnreferenced *self);

/**
 * GorbOrbDgcStats:
 * @lease_ms: the lease this ORB grants
 * @pin_ms: how long a reference in transit stays pinned
 * @exported: collectable exports
 * @permanent: permanent exports
 * @unreferenced: collectable exports that no client holds (weakly held)
 * @holders: live (client, object) leases granted by this ORB
 * @clients: distinct clients holding them
 * @pins: objects pinned in transit (or freshly exported)
 * @dirty_calls: dirty calls received
 * @clean_calls: clean calls received
 * @leases_granted: (client, object) leases granted or renewed
 * @leases_expired: (client, object) leases that ran out unrenewed
 * @late_ignored: dirty or clean entries ignored for their sequence number
 * @collected: times an object became unreferenced
 * @proxies: remote objects this ORB holds leases on (client side)
 * @servers: collectors it renews with
 * @dirty_sent: dirty messages sent, renewals included
 * @renewals_sent: of which renewals
 * @clean_sent: clean messages sent
 * @dirty_failed: dirty messages that failed
 * @clean_failed: clean messages that failed (they are retried)
 */
typedef struct
{
  guint lease_ms;
  guint pin_ms;
  guint exported;
  guint permanent;
  guint unreferenced;
  guint holders;
  guint clients;
  guint pins;
  guint64 dirty_calls;
  guint64 clean_calls;
  guint64 leases_granted;
  guint64 leases_expired;
  guint64 late_ignored;
  guint64 collected;
  guint proxies;
  guint servers;
  guint64 dirty_sent;
  guint64 renewals_sent;
  guint64 clean_sent;
  guint64 dirty_failed;
  guint64 clean_failed;
} GorbOrbDgcStats;

void gorb_orb_get_dgc_stats (GorbOrb *self, GorbOrbDgcStats *stats);

/* The name under which every ORB hands out its collector's reference
 * (gorb_orb_dup_initial_reference()); `gorb stats ENDPOINT` asks it. */
#define GORB_DGC_COLLECTOR_INITIAL_NAME "gorb.Collector"

G_END_DECLS
