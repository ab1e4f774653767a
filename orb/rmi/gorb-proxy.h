/* gorb-proxy.h - GorbProxy: the local stand-in for a remote object
 *
 * Generated proxy classes (DemoPersonListProxy) derive from GorbProxy and
 * implement their GInterface by calling gorb_proxy_invoke() with the
 * operation's descriptor; a reference whose repository id has no registered
 * class becomes a plain GorbProxy, usable for dynamic invocation. Proxies are
 * made by the ORB (gorb_orb_resolve), one per remote object per process.
 *
 * Calls: gorb_proxy_invoke() blocks the calling thread, which sends on its
 * own channel and waits for the reply itself (no other thread of ours takes
 * part); requests that get no answer are sent again with the same request id
 * every retransmit interval until the deadline (the server's reply cache
 * makes that at-most-once); the deadline is the proxy's timeout (else the
 * ORB's). gorb_proxy_invoke_async() sends at once and completes in the
 * caller's thread-default GMainContext; cancelling it sends CANCEL and
 * completes with G_IO_ERROR_CANCELLED. A oneway operation returns once the
 * request is sent.
 *
 * Errors: the operation's user exceptions in their own domains; failures a
 * local call does not have as GORB_SYSTEM_ERROR codes: TIMEOUT (no reply by
 * the deadline), TRANSIENT (could not send), OBJECT_NOT_EXIST,
 * BAD_OPERATION, MARSHAL, and whatever system exception the server sent.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ref/gorb-ref.h"
#include "rmi/gorb-interface.h"
#include "wire/gorb-wire.h"

G_BEGIN_DECLS

typedef struct _GorbOrb GorbOrb;

#define GORB_TYPE_PROXY (gorb_proxy_get_type ())
G_DECLARE_DERIVABLE_TYPE (GorbProxy, gorb_proxy, GORB, PROXY, GObject)

struct _GorbProxyClass
{
  GObjectClass parent_class;
  gpointer padding[8];
};

GorbOrb *gorb_proxy_get_orb (GorbProxy *self);
GorbRef *gorb_proxy_get_ref (GorbProxy *self);
guint gorb_proxy_get_timeout (GorbProxy *self);
void gorb_proxy_set_timeout (GorbProxy *self, guint timeout_ms);
GorbEncoding gorb_proxy_get_encoding (GorbProxy *self);
void gorb_proxy_set_encoding (GorbProxy *self, GorbEncoding encoding);

gboolean gorb_proxy_invoke (GorbProxy *self, const GorbOperationDesc *op, gpointer const *args,
                            gpointer result, GError **error);
void gorb_proxy_invoke_async (GorbProxy *self, const GorbOperationDesc *op, gpointer const *args,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean gorb_proxy_invoke_finish (GorbProxy *self, GAsyncResult *result, gpointer result_value,
                                   gpointer const *args, GError **error);
gboolean gorb_proxy_ping (GorbProxy *self, GError **error);

G_END_DECLS
