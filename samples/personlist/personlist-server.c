/* personlist-server.c - serves one Demo::PersonList
 *
 *   gorb-personlist-server [--gorb-endpoint ENDPOINT ...] [LISTNAME]
 *
 * Makes an ORB (any --gorb-* option configures it, see gorb-orb-config.h;
 * --gorb-endpoint says where it listens, by default tcp://127.0.0.1 on a
 * free port), exports one in-memory list, prints the list's stringified
 * reference as the first line on stdout and serves until SIGTERM or SIGINT.
 */
#include "person-list-servant.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

static gboolean
on_stop_signal (gpointer orb)
{
  gorb_orb_shutdown (orb);  /* gorb_orb_run() returns */
  return G_SOURCE_CONTINUE; /* removed by main(): a second signal is harmless */
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (DemoPersonListServant) servant = NULL;
  g_autoptr (GorbRef) ref = NULL;
  g_autofree char *text = NULL;
  guint sigterm_id, sigint_id;

  orb = gorb_orb_new (&argc, &argv, &error); /* takes the --gorb-* options out of argv */
  if (orb == NULL)
    {
      g_printerr ("gorb-personlist-server: %s\n", error->message);
      return 2;
    }
  if (argc > 2)
    {
      g_printerr ("usage: gorb-personlist-server [--gorb-endpoint ENDPOINT ...] [LISTNAME]\n");
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
  text = gorb_ref_to_string (ref); /* gorb:IDL:Demo/PersonList:1.0;key=...;enc=cdr;ep=... */
  printf ("%s\n", text);
  fflush (stdout);

  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, orb);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, orb);
  gorb_orb_run (orb);
  g_clear_handle_id (&sigterm_id, g_source_remove);
  g_clear_handle_id (&sigint_id, g_source_remove);
  gorb_orb_unexport (orb, G_OBJECT (servant));
  return 0;
}
