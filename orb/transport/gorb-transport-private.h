/* gorb-transport-private.h - what the base types offer to implementations
 *
 * The "protected" half of gorb-transport.h: a transport implementation sets
 * the endpoint it really reached or bound, counts what it drops, marks its
 * listener thread and hands each message to the listener's func through
 * gorb_listener_dispatch(), which stops calling it once the listener is
 * closed. The base types keep the func, the user data and its destroy
 * notify, the owner thread of a channel and the drop counter, so every
 * implementation gets the same contract checks (gorb-transport.c).
 */
#pragma once

#include "gorb.h"

G_BEGIN_DECLS

/* Sets the endpoint gorb_channel_get_endpoint() reports; call before
 * returning the channel from connect(). */
void gorb_channel_set_endpoint (GorbChannel *self, const char *endpoint);

/* Sets the endpoint gorb_listener_get_endpoint() reports (the bound one:
 * tcp://127.0.0.1:0 becomes the real port); call before the thread starts. */
void gorb_listener_set_endpoint (GorbListener *self, const char *endpoint);

/* Stores the func called for each message; the base calls @destroy on
 * @user_data once the listener is closed (or finalized). */
void gorb_listener_set_func (GorbListener *self, GorbListenerFunc func, gpointer user_data,
                             GDestroyNotify destroy);

/* Called by the implementation on its listener thread before it serves, so
 * that gorb_listener_is_listener_thread() is true there (thread-local). */
void gorb_listener_mark_thread (GorbListener *self);

/* Calls the func unless the listener is closed; listener thread only.
 * Returns FALSE if the listener is closed (stop serving). */
gboolean gorb_listener_dispatch (GorbListener *self, GBytes *peer, GBytes *header, GBytes *body);

/* Adds @n to the drop counter; any thread. */
void gorb_listener_count_dropped (GorbListener *self, guint n);

/* TRUE once gorb_listener_close() has begun; any thread. */
gboolean gorb_listener_is_closed (GorbListener *self);

/* Sets @error to GORB_TRANSPORT_ERROR_TOO_LARGE and returns FALSE if @bytes
 * is longer than @max (0: no limit). */
gboolean gorb_transport_check_size (GBytes *bytes, guint64 max, const char *what, GError **error);

/* The ZeroMQ transport, a process-wide singleton (gorb-zmq-transport.c). */
GorbTransport *gorb_zmq_transport_get_default (void);

G_END_DECLS
