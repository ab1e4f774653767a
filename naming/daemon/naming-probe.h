/* naming-probe.h - the binder's probe: pings the objects bound by reference
 * and unbinds those that fail a number of probes in a row
 *
 * One thread, with its own client ORB (so pings have their own deadline
 * and never wait behind the servants' calls): every interval it reads the
 * object bindings that name an object by reference (not contexts: a
 * federation link to a daemon that is down for a while must survive it),
 * pings each (LOCATE_REQUEST), and counts failures that say the object is
 * gone or unreachable (TRANSIENT, COMM_FAILURE, TIMEOUT, OBJECT_NOT_EXIST).
 * A success resets the count; after @failures in a row the binding is
 * removed, in a transaction, if it still names the same reference, and
 * the removal is logged. Its client ORB holds no leases (the daemon's
 * ORB does, naming-holds.h); the hold on a removed binding's object goes.
 */
#pragma once

#include "naming-holds.h"

G_BEGIN_DECLS

typedef struct _NamingProbe NamingProbe;

NamingProbe *naming_probe_start (NamingStore *store, NamingHolds *holds, double interval_s,
                                 guint failures, GError **error);
void naming_probe_stop (NamingProbe *probe);

G_END_DECLS
