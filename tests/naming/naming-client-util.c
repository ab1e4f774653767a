/* naming-client-util.c - a gorb-naming daemon per suite, fake references */
#include "naming-client-util.h"

#include "gorb-test.h"

#include <string.h>

#ifndef GORB_NAMING_DAEMON
#error "GORB_NAMING_DAEMON must name the gorb-naming program"
#endif

gboolean
naming_client_daemon_start (NamingClientDaemon *daemon, GError **error)
{
  g_autofree char *store = NULL;

  memset (daemon, 0, sizeof *daemon);
  daemon->dir = g_dir_make_tmp ("gorb-naming-client-XXXXXX", error);
  if (daemon->dir == NULL)
    return FALSE;
  daemon->endpoint = g_strdup_printf ("ipc://%s/naming", daemon->dir);
  store = g_build_filename (daemon->dir, "store", NULL);
  {
    const char *argv[]
        = { GORB_NAMING_DAEMON, "--endpoint", daemon->endpoint, "--store", store, NULL };

    daemon->daemon = gorb_test_daemon_start (argv, &daemon->root_ref, error);
  }
  if (daemon->daemon == NULL)
    {
      naming_client_daemon_stop (daemon);
      return FALSE;
    }
  return TRUE;
}

void
naming_client_daemon_stop (NamingClientDaemon *daemon)
{
  if (daemon->daemon != NULL)
    gorb_test_daemon_stop (daemon->daemon);
  daemon->daemon = NULL;
  gorb_test_remove_tree (daemon->dir);
  g_clear_pointer (&daemon->dir, g_free);
  g_clear_pointer (&daemon->endpoint, g_free);
  g_clear_pointer (&daemon->root_ref, g_free);
}

char *
naming_client_fake_ref (const char *endpoint, const char *repo_id)
{
  static guint64 number;
  const char *const endpoints[] = { endpoint, NULL };
  GorbIncarnationId incarnation;
  guint8 key[GORB_OBJECT_KEY_SIZE];
  g_autoptr (GorbRef) ref = NULL;

  gorb_incarnation_id_generate (&incarnation);
  gorb_object_key_make (&incarnation, ++number, key);
  ref = gorb_ref_new (repo_id, key, sizeof key, GORB_ENCODING_CDR, endpoints);
  return gorb_ref_to_string (ref);
}
