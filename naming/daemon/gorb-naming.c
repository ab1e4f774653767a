/* gorb-naming.c - the naming daemon: serves the contexts of one store
 *
 *   gorb-naming [--endpoint EP] [--store PATH] [--sync normal|full]
 *               [--probe-interval S] [--probe-failures N]
 *               [--iterator-timeout S] [--verbose] [--gorb-* ...]
 *
 * Prints the root context's reference, then `endpoint EP` (the bound
 * endpoint, with the real port of a tcp://…:0 one), on stdout, and serves
 * until SIGTERM or SIGINT. docs/naming.md has the details.
 */
#include "naming-context.h"
#include "naming-probe.h"
#include "naming-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_ITERATOR_TIMEOUT_S 300
#define DEFAULT_PROBE_FAILURES 3
#define DEFAULT_CALL_TIMEOUT_MS 10000 /* federation: how long a call to another daemon may take */

typedef struct
{
  char *endpoint;
  char *store;
  char *sync;
  double probe_interval;
  int probe_failures;
  int iterator_timeout;
  gboolean verbose;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->endpoint);
  g_free (options->store);
  g_free (options->sync);
}

static gboolean
parse_options (int *argc, char ***argv, Options *options, GorbOrbConfig *config, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "endpoint", 'e', 0, G_OPTION_ARG_STRING, &options->endpoint,
      "Where to listen (default " GORB_NAMING_DEFAULT_ENDPOINT "; port 0: any free port)", "EP" },
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &options->store,
      "The database (default $XDG_STATE_HOME/gorb/naming.db)", "PATH" },
    { "sync", 0, 0, G_OPTION_ARG_STRING, &options->sync,
      "full (default: commits survive a power loss) or normal (they survive a crash)", "MODE" },
    { "probe-interval", 0, 0, G_OPTION_ARG_DOUBLE, &options->probe_interval,
      "Ping bound objects every S seconds (default: never)", "S" },
    { "probe-failures", 0, 0, G_OPTION_ARG_INT, &options->probe_failures,
      "Unbind an object after N failed pings in a row (default 3)", "N" },
    { "iterator-timeout", 0, 0, G_OPTION_ARG_INT, &options->iterator_timeout,
      "Destroy a binding iterator unused for S seconds (default 300)", "S" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose, "Log debug messages", NULL },
    { NULL },
  };

  context = g_option_context_new ("- the gorb naming service");
  g_option_context_set_summary (context,
                                "Serves a graph of naming contexts, kept in an SQLite store.\n"
                                "Prints the root context's reference and the endpoint on "
                                "stdout.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gorb_orb_config_get_option_group (config));
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->sync != NULL && g_strcmp0 (options->sync, "full") != 0
      && g_strcmp0 (options->sync, "normal") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--sync: '%s' is neither 'full' nor 'normal'", options->sync);
      return FALSE;
    }
  if (options->probe_interval < 0 || options->probe_failures < 1 || options->iterator_timeout < 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--probe-interval must be positive, --probe-failures and "
                   "--iterator-timeout at least 1");
      return FALSE;
    }
  return TRUE;
}

/* The store's path, its directory made if need be. */
static char *
store_path (const char *option, GError **error)
{
  g_autofree char *path
      = option != NULL ? g_strdup (option)
                       : g_build_filename (g_get_user_state_dir (), "gorb", "naming.db", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot make the store's directory '%s': %s", dir, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&path);
}

static int
run (int argc, char **argv)
{
  g_auto (GorbOrbConfig) config;
  Options options = { .probe_failures = DEFAULT_PROBE_FAILURES,
                      .iterator_timeout = DEFAULT_ITERATOR_TIMEOUT_S };
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GorbRef) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *root_text = NULL;
  g_auto (GStrv) endpoints = NULL;
  NamingStore *store = NULL;
  NamingServer *server = NULL;
  NamingProbe *probe = NULL;
  NamingHolds *holds = NULL;
  int status = 1;

  gorb_orb_config_init (&config);
  config.call_timeout_ms = DEFAULT_CALL_TIMEOUT_MS;
  if (!parse_options (&argc, &argv, &options, &config, &error))
    {
      g_printerr ("gorb-naming: %s\n", error->message);
      options_clear (&options);
      return 2;
    }
  if (options.verbose)
    g_log_set_debug_enabled (TRUE);
  g_strfreev (config.endpoints);
  config.endpoints = g_new0 (char *, 2);
  config.endpoints[0]
      = g_strdup (options.endpoint != NULL ? options.endpoint : GORB_NAMING_DEFAULT_ENDPOINT);

  path = store_path (options.store, &error);
  if (path != NULL)
    store = naming_store_open (
        path, g_strcmp0 (options.sync, "normal") == 0 ? NAMING_SYNC_NORMAL : NAMING_SYNC_FULL,
        &error);
  if (store == NULL)
    goto out;
  g_type_ensure (GORB_TYPE_NAMING_CONTEXT);
  g_type_ensure (GORB_TYPE_NAMING_BINDING_ITERATOR);
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb == NULL)
    goto out;
  holds = naming_holds_new (orb);
  if (!naming_holds_load (holds, store, &error))
    goto out;
  server = naming_server_new (orb, store, holds, (guint) options.iterator_timeout);
  if (!naming_server_export_all (server, &error))
    goto out;
  root = naming_server_dup_root_ref (server);
  if (!gorb_orb_set_initial_reference (orb, GORB_NAMING_INITIAL_NAME, root, &error))
    goto out;
  if (options.probe_interval > 0)
    {
      probe = naming_probe_start (store, holds, options.probe_interval,
                                  (guint) options.probe_failures, &error);
      if (probe == NULL)
        goto out;
    }

  endpoints = gorb_orb_dup_endpoints (orb);
  root_text = gorb_ref_to_string (root);
  printf ("%s\nendpoint %s\n", root_text, endpoints[0] != NULL ? endpoints[0] : "?");
  fflush (stdout);
  g_message ("serving store '%s' on %s%s", path, endpoints[0] != NULL ? endpoints[0] : "?",
             probe != NULL ? " (probing bound objects)" : "");

  gorb_orb_run_until_signalled (orb); /* until SIGTERM or SIGINT */
  status = 0;

out:
  if (error != NULL)
    g_printerr ("gorb-naming: %s\n", error->message);
  naming_probe_stop (probe);
  if (orb != NULL)
    gorb_orb_shutdown (orb);
  naming_server_free (server);
  naming_holds_free (holds);
  g_clear_object (&orb);
  naming_store_close (store);
  options_clear (&options);
  return status;
}

int
main (int argc, char **argv)
{
  return run (argc, argv);
}
