/* gorb-dgc-collector.c - the collector servant: Gorb::Dgc::Collector
 * (orb/dgc/dgc.idl), exported by every ORB at object number 0 of its
 * incarnation (and of every incarnation it exports persistent objects
 * under), with the LISTENER policy: its calls only update the lease table
 * and strengthen exports, so they never block; what may run application
 * code (unreferenced, finalization) is left to the DGC thread, woken here.
 *
 * The client is the one in the request header (gorb_dgc_get_current_request()),
 * never an argument; the incarnation is the one of the key the request was
 * sent to.
 */
#include "gorb-orb-server-private.h"
#include "dgc.h"

#include <string.h>

#define GORB_TYPE_DGC_COLLECTOR_SERVANT (gorb_dgc_collector_servant_get_type ())
G_DECLARE_FINAL_TYPE (GorbDgcCollectorServant, gorb_dgc_collector_servant, GORB,
                      DGC_COLLECTOR_SERVANT, GObject)

struct _GorbDgcCollectorServant
{
  GObject parent_instance;
  GorbOrb *orb; /* not owned: the ORB owns the server, which owns this servant */
};

static void collector_iface_init (GorbDgcCollectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GorbDgcCollectorServant, gorb_dgc_collector_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GORB_TYPE_DGC_COLLECTOR,
                                                      collector_iface_init))

static const GorbMessageHeader *
current_request (GError **error)
{
  const GorbMessageHeader *header = gorb_dgc_get_current_request ();

  if (header == NULL || header->object_key_len != GORB_OBJECT_KEY_SIZE)
    {
      g_set_error_literal (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_NO_PERMISSION,
                           "the collector is called only remotely");
      return NULL;
    }
  return header;
}

static gboolean
collector_dirty (GorbDgcCollector *collector, const GorbDgcObjectNumbers *objects, guint64 seq,
                 guint32 lease_ms, const GorbDgcRequestIds *acks, GorbDgcLease *result,
                 GError **error)
{
  GorbDgcCollectorServant *self = GORB_DGC_COLLECTOR_SERVANT (collector);
  GorbOrbServer *server = self->orb->server;
  const GorbMessageHeader *h = current_request (error);
  g_autoptr (GArray) unknown = g_array_new (FALSE, FALSE, sizeof (guint64));
  gint64 now = g_get_monotonic_time ();

  (void) lease_ms; /* the server's lease is granted, whatever is asked */
  if (h == NULL)
    return FALSE;
  gorb_lease_table_begin_call (server->leases, TRUE);
  for (guint32 i = 0; i < objects->len; i++)
    {
      guint8 key[GORB_OBJECT_KEY_SIZE];
      GorbExport *export;

      gorb_object_key_make ((const GorbIncarnationId *) h->object_key, objects->data[i], key);
      if (gorb_lease_table_dirty (server->leases, key, &h->client_id, seq, now))
        {
          gorb_dgc_server_strengthen (server, key);
          continue;
        }
      export = gorb_orb_server_find_export (server, key, sizeof key, NULL); /* a permanent one? */
      if (export == NULL || objects->data[i] == 0)
        g_array_append_val (unknown, objects->data[i]);
      gorb_export_unref (export);
    }
  for (guint32 i = 0; i < acks->len; i++)
    gorb_lease_table_ack (server->leases, &h->client_id, acks->data[i]);
  gorb_dgc_wake (self->orb->dgc); /* acks may have unpinned objects */
  result->duration_ms = gorb_lease_table_get_lease_ms (server->leases);
  result->unknown.len = unknown->len;
  result->unknown.data = (guint64 *) (void *) g_array_free (g_steal_pointer (&unknown), FALSE);
  return TRUE;
}

static gboolean
collector_clean (GorbDgcCollector *collector, const GorbDgcObjectNumbers *objects, guint64 seq,
                 gboolean strong, GError **error)
{
  GorbDgcCollectorServant *self = GORB_DGC_COLLECTOR_SERVANT (collector);
  GorbOrbServer *server = self->orb->server;
  const GorbMessageHeader *h = current_request (error);
  gint64 now = g_get_monotonic_time ();

  if (h == NULL)
    return FALSE;
  gorb_lease_table_begin_call (server->leases, FALSE);
  for (guint32 i = 0; i < objects->len; i++)
    {
      guint8 key[GORB_OBJECT_KEY_SIZE];

      gorb_object_key_make ((const GorbIncarnationId *) h->object_key, objects->data[i], key);
      gorb_lease_table_clean (server->leases, key, &h->client_id, seq, strong, now);
    }
  gorb_dgc_wake (self->orb->dgc); /* collection runs there, not on the listener */
  return TRUE;
}

static gboolean
collector_stats (GorbDgcCollector *collector, GorbDgcStats *result, GError **error)
{
  GorbDgcCollectorServant *self = GORB_DGC_COLLECTOR_SERVANT (collector);
  GorbOrbDgcStats s;

  gorb_orb_get_dgc_stats (self->orb, &s);
  result->lease_ms = s.lease_ms;
  result->pin_ms = s.pin_ms;
  result->exported = s.exported;
  result->permanent = s.permanent;
  result->unreferenced = s.unreferenced;
  result->holders = s.holders;
  result->clients = s.clients;
  result->pins = s.pins;
  result->dirty_calls = s.dirty_calls;
  result->clean_calls = s.clean_calls;
  result->leases_granted = s.leases_granted;
  result->leases_expired = s.leases_expired;
  result->late_ignored = s.late_ignored;
  result->collected = s.collected;
  result->proxies = s.proxies;
  result->servers = s.servers;
  result->dirty_sent = s.dirty_sent;
  result->renewals_sent = s.renewals_sent;
  result->clean_sent = s.clean_sent;
  result->dirty_failed = s.dirty_failed;
  result->clean_failed = s.clean_failed;
  return TRUE;
}

static void
collector_iface_init (GorbDgcCollectorInterface *iface)
{
  iface->dirty = collector_dirty;
  iface->clean = collector_clean;
  iface->stats = collector_stats;
}

static void
gorb_dgc_collector_servant_class_init (GorbDgcCollectorServantClass *klass)
{
}

static void
gorb_dgc_collector_servant_init (GorbDgcCollectorServant *self)
{
}

/* Returns: (transfer full): the collector servant of @orb */
GObject *
gorb_dgc_collector_servant_new (GorbOrb *orb)
{
  GorbDgcCollectorServant *self = g_object_new (GORB_TYPE_DGC_COLLECTOR_SERVANT, NULL);

  self->orb = orb;
  return G_OBJECT (self);
}

/**
 * gorb_orb_get_dgc_stats:
 * @self: an ORB
 * @stats: (out caller-allocates): its distributed-GC figures, as a server
 *   (exports, holders, pins, calls) and as a client (leases held, messages)
 *
 * What `gorb stats` shows (the collector's stats() operation answers the
 * same). Any thread.
 */
void
gorb_orb_get_dgc_stats (GorbOrb *self, GorbOrbDgcStats *stats)
{
  g_return_if_fail (GORB_IS_ORB (self));
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  gorb_dgc_server_get_stats (self->server, stats);
  gorb_dgc_get_client_stats (self->dgc, stats);
}

static GPrivate current_request_key;

/* Set by the dispatcher around a built-in servant's call (NULL after). */
void
gorb_dgc_set_current_request (const GorbMessageHeader *header)
{
  g_private_set (&current_request_key, (gpointer) header);
}

const GorbMessageHeader *
gorb_dgc_get_current_request (void)
{
  return g_private_get (&current_request_key);
}
