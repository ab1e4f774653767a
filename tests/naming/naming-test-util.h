/* naming-test-util.h - what the naming tests share: starting gorb-naming
 * (GORB_NAMING_DAEMON) on a store, a client ORB, names from strings */
#pragma once

#include "gorb-test.h"
#include "gorb-test-daemon.h"

#include "gorb-naming.h"

G_BEGIN_DECLS

#define NAMING_TEST_CALL_TIMEOUT_MS 20000
#define NAMING_TEST_WAIT_MS 60000 /* the most a test waits for something to happen */

GorbTestDaemon *naming_test_daemon_start (const char *endpoint, const char *store,
                                          const char *const *extra_args, char **root_text);
GorbOrb *naming_test_orb_new (guint call_timeout_ms);
GorbNamingContext *naming_test_resolve_context (GorbOrb *orb, const char *text);
GorbNamingName *naming_test_name (const char *text);
void naming_test_name_free (GorbNamingName *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GorbNamingName, naming_test_name_free)
gboolean naming_test_name_is (const GorbNamingName *name, const char *text);
guint naming_test_count_bindings (GorbNamingContext *context, GHashTable *seen, GError **error);

G_END_DECLS
