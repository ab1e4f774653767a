/* naming-load-client.c - one client of the naming load tests
 *
 *   gorb-test-naming-client ROOT_REF PREFIX COUNT TIMEOUT_MS
 *
 * Binds PREFIX-0 … PREFIX-(COUNT-1) under the root, each to a reference of
 * its own (a made-up object: distinct keys, nothing listens), printing
 * "bound NAME" once each bind is acknowledged; then resolves them all and
 * checks each gives its own reference back, printing "resolved N".
 * Exits 1 at the first error (on stderr).
 */
#include "gorb-naming.h"

#include <stdio.h>
#include <stdlib.h>

static GObject *
made_up_object (GorbOrb *orb, const GorbIncarnationId *incarnation, guint i)
{
  const char *endpoints[] = { "tcp://127.0.0.1:1", NULL };
  guint8 key[GORB_OBJECT_KEY_SIZE];
  g_autoptr (GorbRef) ref = NULL;

  gorb_object_key_make (incarnation, i, key);
  ref = gorb_ref_new ("IDL:Demo/PersonList:1.0", key, sizeof key, GORB_ENCODING_CDR, endpoints);
  return gorb_orb_resolve (orb, ref, NULL);
}

int
main (int argc, char **argv)
{
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GObject) root = NULL;
  GorbIncarnationId incarnation;
  guint count, resolved = 0;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s ROOT_REF PREFIX COUNT TIMEOUT_MS\n", argv[0]);
      return 2;
    }
  count = (guint) atoi (argv[3]);
  gorb_orb_config_init (&config);
  config.call_timeout_ms = (guint) atoi (argv[4]);
  orb = gorb_orb_new_with_config (&config, &error);
  g_type_ensure (GORB_TYPE_NAMING_CONTEXT);
  root = orb != NULL ? gorb_orb_resolve_string (orb, argv[1], &error) : NULL;
  if (root == NULL || !GORB_IS_NAMING_CONTEXT (root))
    {
      fprintf (stderr, "%s: %s\n", argv[2], error != NULL ? error->message : "not a context");
      return 1;
    }
  gorb_incarnation_id_generate (&incarnation);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", argv[2], i);
      GorbNamingNameComponent component = { text, "" };
      GorbNamingName name = { &component, 1 };
      g_autoptr (GObject) object = made_up_object (orb, &incarnation, i);

      if (!gorb_naming_context_bind (GORB_NAMING_CONTEXT (root), &name, object, &error))
        {
          fprintf (stderr, "%s: bind '%s': %s\n", argv[2], text, error->message);
          return 1;
        }
      printf ("bound %s\n", text);
      fflush (stdout);
    }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", argv[2], i);
      GorbNamingNameComponent component = { text, "" };
      GorbNamingName name = { &component, 1 };
      g_autoptr (GObject) expected = made_up_object (orb, &incarnation, i);
      g_autoptr (GObject) found
          = gorb_naming_context_resolve (GORB_NAMING_CONTEXT (root), &name, &error);

      if (found == NULL)
        {
          fprintf (stderr, "%s: resolve '%s': %s\n", argv[2], text, error->message);
          return 1;
        }
      if (found == expected) /* the same key gives the same proxy */
        resolved++;
    }
  printf ("resolved %u\n", resolved);
  gorb_orb_shutdown (orb);
  return resolved == count ? 0 : 1;
}
