/* gorb-orb.h - GorbOrb: one process's broker of remote objects
 *
 * An ORB owns: its identity (a 128-bit client id and an epoch, on every
 * request it sends), its configuration (gorb-orb-config.h), the remote
 * reference module's two tables (exported servants by object key; live
 * proxies by object key, weakly, so one remote object has one proxy per
 * process), the listeners its exported objects are reached through (bound on
 * first export: the configured endpoints, else tcp://127.0.0.1:0), the
 * servant thread pool, the server's reply cache (at-most-once), and each
 * calling thread's channels (one per thread and endpoint, see
 * gorb-transport.h).
 *
 * Threads: exporting, resolving and calling are safe from any thread. A
 * servant's methods run where its GorbThreadPolicy says. Async results are
 * delivered in the caller's thread-default GMainContext, as GTask does.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib-object.h>

#include "ref/gorb-ref.h"
#include "rmi/gorb-orb-config.h"
#include "wire/gorb-wire.h"

G_BEGIN_DECLS

/**
 * GorbThreadPolicy:
 * @GORB_THREAD_POLICY_POOL: the servant's methods run on the ORB's thread
 *   pool, several at once (the default: methods may block or call out; a
 *   nested or callback call never deadlocks)
 * @GORB_THREAD_POLICY_LISTENER: they run on the listener thread that read
 *   the request, with no thread hand-off: for quick methods that never block
 *   and never call out
 * @GORB_THREAD_POLICY_SERIALIZED: they run on the pool, one call at a time,
 *   in arrival order
 */
typedef enum
{
  GORB_THREAD_POLICY_POOL,
  GORB_THREAD_POLICY_LISTENER,
  GORB_THREAD_POLICY_SERIALIZED,
} GorbThreadPolicy;

#define GORB_TYPE_ORB (gorb_orb_get_type ())
G_DECLARE_FINAL_TYPE (GorbOrb, gorb_orb, GORB, ORB, GObject)

GorbOrb *gorb_orb_new (int *argc, char ***argv, GError **error);
GorbOrb *gorb_orb_new_with_config (const GorbOrbConfig *config, GError **error);
const GorbOrbConfig *gorb_orb_get_config (GorbOrb *self);
const GorbClientId *gorb_orb_get_id (GorbOrb *self);
guint32 gorb_orb_get_epoch (GorbOrb *self);

/* Server side */
GorbRef *gorb_orb_export (GorbOrb *self, GObject *servant, GorbThreadPolicy policy, GError **error);
GorbRef *gorb_orb_export_permanent (GorbOrb *self, GObject *servant, GorbThreadPolicy policy,
                                    GError **error);
GorbRef *gorb_orb_export_persistent (GorbOrb *self, GObject *servant,
                                     const GorbIncarnationId *incarnation, guint64 object_number,
                                     GorbThreadPolicy policy, GError **error);
gboolean gorb_orb_unexport (GorbOrb *self, GObject *servant);
GStrv gorb_orb_dup_endpoints (GorbOrb *self);

/* Client side */
GObject *gorb_orb_resolve (GorbOrb *self, GorbRef *ref, GError **error);
GObject *gorb_orb_resolve_string (GorbOrb *self, const char *text, GError **error);
GorbRef *gorb_orb_dup_ref (GorbOrb *self, GObject *object, GError **error);
char *gorb_orb_object_to_string (GorbOrb *self, GObject *object, GError **error);

/* Initial references: a server names a reference (the naming service's
 * root context as "NameService", say); a client that knows only the
 * server's endpoint asks for it by that name. On the wire, a
 * LOCATE_REQUEST whose object key is the name's bytes, answered with
 * OBJECT_FORWARD and the reference (docs/protocol.md). */
#define GORB_INITIAL_REFERENCE_MAX_NAME 64
gboolean gorb_orb_set_initial_reference (GorbOrb *self, const char *name, GorbRef *ref,
                                         GError **error);
GorbRef *gorb_orb_dup_initial_reference (GorbOrb *self, const char *endpoint, const char *name,
                                         GError **error);

/* Running */
void gorb_orb_run (GorbOrb *self);
void gorb_orb_run_until_signalled (GorbOrb *self);
void gorb_orb_shutdown (GorbOrb *self);

G_END_DECLS
