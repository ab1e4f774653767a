/* naming-iterator.h - a BindingIterator servant: the bindings list() did not
 * return at once, a snapshot taken by that list(), handed out in order
 *
 * It is exported (transient) when made, and unexported by destroy() or
 * once it has not been called for its idle timeout (checked from the
 * thread-default main context of the thread that made it, which must be
 * iterated: the daemon's gorb_orb_run()). Then calls to it fail with
 * OBJECT_NOT_EXIST.
 */
#pragma once

#include "gorb-naming.h"

G_BEGIN_DECLS

#define NAMING_TYPE_ITERATOR_SERVANT (naming_iterator_servant_get_type ())
G_DECLARE_FINAL_TYPE (NamingIteratorServant, naming_iterator_servant, NAMING, ITERATOR_SERVANT,
                      GObject)

NamingIteratorServant *naming_iterator_servant_new (GorbOrb *orb, GMainContext *context,
                                                    GorbNamingBindingList *rest,
                                                    guint idle_timeout_s, GError **error);

G_END_DECLS
