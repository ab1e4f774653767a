/* personlist-server.c - serves one Demo::PersonList
 *
 *   gorb-personlist-server [--gorb-endpoint ENDPOINT ...] [--bind NAME] [LISTNAME]
 *
 * Makes an ORB (any --gorb-* option configures it, see gorb-orb-config.h;
 * --gorb-endpoint says where it listens, by default tcp://127.0.0.1 on a
 * free port), exports one in-memory list, prints the list's stringified
 * reference as the first line on stdout and serves until SIGTERM or SIGINT.
 *
 * With --bind NAME it also binds the list under NAME (a name in string
 * form, e.g. demo/people/friends.list) in the naming service: the one
 * --gorb-naming names (a gorb: reference or an endpoint of gorb-naming),
 * else $GORB_NAMING, else tcp://127.0.0.1:2809. The contexts on the way are
 * made if missing (mkdir -p) and an old binding of NAME is replaced, so a
 * restarted server takes its name back; the reference is printed once the
 * name is bound, and the name is unbound when the server stops.
 */
#include "person-list-servant.h"

#include <glib-unix.h>
#include <gorb-naming.h>
#include <signal.h>
#include <stdio.h>

typedef struct
{
  GorbOrb *orb;
  GorbNamingContext *naming; /* where bind_name was bound, or NULL */
  const char *bind_name;
} Server;

static gboolean
on_stop_signal (gpointer user_data)
{
  Server *server = user_data;
  g_autoptr (GError) error = NULL;

  /* Before the shutdown, after which the ORB makes no more calls. */
  if (server->naming != NULL
      && !gorb_naming_unbind_path (server->naming, server->bind_name, &error))
    g_printerr ("gorb-personlist-server: cannot unbind '%s': %s\n", server->bind_name,
                error->message);
  g_clear_object (&server->naming);
  gorb_orb_shutdown (server->orb); /* gorb_orb_run() returns */
  return G_SOURCE_CONTINUE;        /* removed by main(): a second signal is harmless */
}

/* Binds @list under @name: mkdir -p of the contexts before the last
 * component, then rebind. Returns the context names start from. */
static GorbNamingContext *
bind_in_naming (GorbOrb *orb, const char *name, GObject *list, GError **error)
{
  g_autoptr (GorbNamingContext) root = NULL;
  GorbNamingName parsed = { 0 };
  gboolean ok = TRUE;

  root = gorb_naming_connect (orb, NULL, error); /* --gorb-naming, $GORB_NAMING, the default */
  if (root == NULL)
    return NULL;
  if (!gorb_naming_name_parse (name, &parsed, error))
    return NULL;
  if (parsed.len > 1)
    {
      GorbNamingName parent = { .data = parsed.data, .len = parsed.len - 1 };
      g_autofree char *parent_text = gorb_naming_name_to_string (&parent, error);
      g_autoptr (GorbNamingContext) context = NULL;

      context
          = parent_text != NULL ? gorb_naming_mkdir_path (root, parent_text, TRUE, error) : NULL;
      ok = context != NULL;
    }
  gorb_value_clear (&gorb_naming_name_desc, &parsed);
  if (!ok || !gorb_naming_rebind_path (root, name, list, error))
    return NULL;
  return g_steal_pointer (&root);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (DemoPersonListServant) servant = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bind_name = NULL;
  Server server = { 0 };
  g_autoptr (GOptionContext) options = NULL;
  const GOptionEntry entries[] = {
    { "bind", 0, 0, G_OPTION_ARG_STRING, &bind_name,
      "bind the list under NAME in the naming service", "NAME" },
    G_OPTION_ENTRY_NULL,
  };
  guint sigterm_id, sigint_id;

  orb = gorb_orb_new (&argc, &argv, &error); /* takes the --gorb-* options out of argv */
  if (orb == NULL)
    {
      g_printerr ("gorb-personlist-server: %s\n", error->message);
      return 2;
    }
  options = g_option_context_new ("[LISTNAME]");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("usage: gorb-personlist-server [--gorb-endpoint ENDPOINT ...] [--bind NAME] "
                  "[LISTNAME]%s%s\n",
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return 2;
    }

  /* The servant is a plain GObject; exporting it makes it reachable and
   * gives its reference. Its methods lock their state, so the default
   * policy (a thread pool, several calls at once) suits it. */
  servant = demo_person_list_servant_new (argc == 2 ? argv[1] : "people");
  ref = gorb_orb_export (orb, G_OBJECT (servant), GORB_THREAD_POLICY_POOL, &error);
  if (ref == NULL)
    {
      g_printerr ("gorb-personlist-server: cannot export the list: %s\n", error->message);
      return 1;
    }
  if (bind_name != NULL)
    {
      server.naming = bind_in_naming (orb, bind_name, G_OBJECT (servant), &error);
      if (server.naming == NULL)
        {
          g_printerr ("gorb-personlist-server: cannot bind '%s': %s\n", bind_name, error->message);
          gorb_orb_unexport (orb, G_OBJECT (servant));
          return 1;
        }
    }
  text = gorb_ref_to_string (ref); /* gorb:IDL:Demo/PersonList:1.0;key=...;enc=cdr;ep=... */
  printf ("%s\n", text);
  fflush (stdout);

  server.orb = orb;
  server.bind_name = bind_name;
  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, &server);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, &server);
  gorb_orb_run (orb);
  g_clear_handle_id (&sigterm_id, g_source_remove);
  g_clear_handle_id (&sigint_id, g_source_remove);
  g_clear_object (&server.naming);
  gorb_orb_unexport (orb, G_OBJECT (servant));
  return 0;
}
