/* callbacks-stubs.h - the C binding of Callbacks.idl (module Test), in the
 * shape gorb-idlc emits (the Person.h it generates for
 * samples/personlist/Person.idl shows the full pattern); the _async forms
 * are left out: the tests do not use them.
 *
 * An object reference parameter (`in Listener l`) is a GObject-based
 * TestListener *: a proxy, a local servant, or %NULL (nil), borrowed.
 */
#pragma once

#include <gorb.h>

G_BEGIN_DECLS

/* ---- interface Test::Listener ---- */

#define TEST_TYPE_LISTENER (test_listener_get_type ())
G_DECLARE_INTERFACE (TestListener, test_listener, TEST, LISTENER, GObject)

struct _TestListenerInterface
{
  GTypeInterface parent_iface;

  gboolean (*notify) (TestListener *self, const char *text, GError **error);
};

extern const GorbInterfaceDesc test_listener_desc; /* "IDL:Test/Listener:1.0" */
extern const GorbTypeDesc test_listener_ref_desc;  /* a Test::Listener reference */
extern const GorbSkeleton test_listener_skeleton;

gboolean test_listener_notify (TestListener *self, const char *text, GError **error);

#define TEST_TYPE_LISTENER_PROXY (test_listener_proxy_get_type ())
G_DECLARE_FINAL_TYPE (TestListenerProxy, test_listener_proxy, TEST, LISTENER_PROXY, GorbProxy)

/* ---- interface Test::Callbacks ---- */

#define TEST_TYPE_CALLBACKS (test_callbacks_get_type ())
G_DECLARE_INTERFACE (TestCallbacks, test_callbacks, TEST, CALLBACKS, GObject)

struct _TestCallbacksInterface
{
  GTypeInterface parent_iface;

  gboolean (*call_me_back) (TestCallbacks *self, TestListener *l, const char *text, GError **error);
  gboolean (*sleep_ms) (TestCallbacks *self, gint32 ms, GError **error);
  gint32 (*bump) (TestCallbacks *self, GError **error);
  gint32 (*bumps) (TestCallbacks *self, GError **error);
  gboolean (*note) (TestCallbacks *self, const char *text, GError **error);
  gint32 (*notes) (TestCallbacks *self, char **last, GError **error);
  gint32 (*sleeps) (TestCallbacks *self, GError **error);
};

extern const GorbInterfaceDesc test_callbacks_desc; /* "IDL:Test/Callbacks:1.0" */
extern const GorbSkeleton test_callbacks_skeleton;

/* @l: (transfer none) (nullable) */
gboolean test_callbacks_call_me_back (TestCallbacks *self, TestListener *l, const char *text,
                                      GError **error);
gboolean test_callbacks_sleep_ms (TestCallbacks *self, gint32 ms, GError **error);
/* 0 on failure: test @error */
gint32 test_callbacks_bump (TestCallbacks *self, GError **error);
gint32 test_callbacks_bumps (TestCallbacks *self, GError **error);
/* oneway: returns once the request is sent (a proxy) or the servant ran (local) */
gboolean test_callbacks_note (TestCallbacks *self, const char *text, GError **error);
/* @last: (out) (transfer full): set to NULL, then to the last note on success */
gint32 test_callbacks_notes (TestCallbacks *self, char **last, GError **error);
gint32 test_callbacks_sleeps (TestCallbacks *self, GError **error);

#define TEST_TYPE_CALLBACKS_PROXY (test_callbacks_proxy_get_type ())
G_DECLARE_FINAL_TYPE (TestCallbacksProxy, test_callbacks_proxy, TEST, CALLBACKS_PROXY, GorbProxy)

G_END_DECLS
