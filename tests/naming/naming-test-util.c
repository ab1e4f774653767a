/* naming-test-util.c - starting gorb-naming, client ORBs, names */
#include "naming-test-util.h"

#ifndef GORB_NAMING_DAEMON
#error "GORB_NAMING_DAEMON must name the gorb-naming program"
#endif

/**
 * naming_test_daemon_start:
 * @extra_args: (nullable): more options
 * @root_text: (out) (optional): the root context's reference (line 1)
 *
 * Returns: (nullable): the daemon; %NULL (with a message) if it did not start
 */
GorbTestDaemon *
naming_test_daemon_start (const char *endpoint, const char *store, const char *const *extra_args,
                          char **root_text)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GorbTestDaemon *daemon;

  g_ptr_array_add (argv, (gpointer) GORB_NAMING_DAEMON);
  g_ptr_array_add (argv, (gpointer) "--endpoint");
  g_ptr_array_add (argv, (gpointer) endpoint);
  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, (gpointer) store);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  daemon = gorb_test_daemon_start ((const char *const *) argv->pdata, root_text, &error);
  if (daemon == NULL)
    g_printerr ("\n  starting gorb-naming on %s: %s\n", endpoint, error->message);
  return daemon;
}

GorbOrb *
naming_test_orb_new (guint call_timeout_ms)
{
  g_auto (GorbOrbConfig) config;
  g_autoptr (GError) error = NULL;
  GorbOrb *orb;

  g_type_ensure (GORB_TYPE_NAMING_CONTEXT);
  g_type_ensure (GORB_TYPE_NAMING_BINDING_ITERATOR);
  gorb_orb_config_init (&config);
  config.call_timeout_ms = call_timeout_ms;
  orb = gorb_orb_new_with_config (&config, &error);
  if (orb == NULL)
    g_printerr ("\n  client ORB: %s\n", error->message);
  return orb;
}

GorbNamingContext *
naming_test_resolve_context (GorbOrb *orb, const char *text)
{
  g_autoptr (GError) error = NULL;
  GObject *object = gorb_orb_resolve_string (orb, text, &error);

  if (object == NULL)
    {
      g_printerr ("\n  resolving '%s': %s\n", text, error->message);
      return NULL;
    }
  if (!GORB_IS_NAMING_CONTEXT (object))
    {
      g_printerr ("\n  '%s' is a %s\n", text, G_OBJECT_TYPE_NAME (object));
      g_object_unref (object);
      return NULL;
    }
  return GORB_NAMING_CONTEXT (object);
}

/* A name from its string form, which must parse. */
GorbNamingName *
naming_test_name (const char *text)
{
  g_autoptr (GError) error = NULL;
  GorbNamingName *name = g_new0 (GorbNamingName, 1);

  if (!gorb_naming_name_parse (text, name, &error))
    g_error ("test name '%s': %s", text, error->message);
  return name;
}

void
naming_test_name_free (GorbNamingName *name)
{
  gorb_value_clear (&gorb_naming_name_desc, name);
  g_free (name);
}

gboolean
naming_test_name_is (const GorbNamingName *name, const char *text)
{
  g_autofree char *string = name->len > 0 ? gorb_naming_name_to_string (name, NULL) : g_strdup ("");
  gboolean same = g_strcmp0 (string, text) == 0;

  if (!same)
    g_printerr ("\n  name '%s', expected '%s'\n", string, text);
  return same;
}

/* Lists @context through list (100) and its iterator (next_n (1000)),
 * adding each binding's string form to @seen (if not NULL); returns the
 * number of bindings, G_MAXUINT on error or if one was seen twice. */
guint
naming_test_count_bindings (GorbNamingContext *context, GHashTable *seen, GError **error)
{
  GorbNamingBindingList list = { 0 };
  g_autoptr (GObject) iterator = NULL;
  guint n = 0;
  gboolean more = TRUE;
  gboolean twice = FALSE;

  if (!gorb_naming_context_list (context, 100, &list, &iterator, error))
    return G_MAXUINT;
  while (more)
    {
      for (guint32 i = 0; i < list.len; i++)
        {
          char *text = gorb_naming_name_to_string (&list.data[i].binding_name, NULL);

          if (seen != NULL && !g_hash_table_add (seen, text))
            twice = TRUE;
          else if (seen == NULL)
            g_free (text);
          n++;
        }
      gorb_value_clear (&gorb_naming_binding_list_desc, &list);
      more = iterator != NULL
             && gorb_naming_binding_iterator_next_n (GORB_NAMING_BINDING_ITERATOR (iterator), 1000,
                                                     &list, error);
      if (*error != NULL)
        return G_MAXUINT;
    }
  if (iterator != NULL
      && !gorb_naming_binding_iterator_destroy (GORB_NAMING_BINDING_ITERATOR (iterator), error))
    return G_MAXUINT;
  return twice ? G_MAXUINT : n;
}
