/* naming-holds.c - proxies for the objects bound in the daemon */
#include "naming-holds.h"

#include <string.h>

struct _NamingHolds
{
  GorbOrb *orb;        /* owned */
  GMutex lock;         /* guards objects; held across a store change and its hold change */
  GHashTable *objects; /* owned: binding key -> GObject * (owned) */
};

/* Unambiguous for any id and kind: the id's length comes first. */
static char *
binding_key (gint64 context, const char *id, const char *kind)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%zu:%s:%s", context, strlen (id), id, kind);
}

NamingHolds *
naming_holds_new (GorbOrb *orb)
{
  NamingHolds *holds = g_new0 (NamingHolds, 1);

  holds->orb = g_object_ref (orb);
  g_mutex_init (&holds->lock);
  holds->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return holds;
}

void
naming_holds_free (NamingHolds *holds)
{
  if (holds == NULL)
    return;
  g_hash_table_destroy (holds->objects); /* the proxies go: their cleans are queued */
  g_mutex_clear (&holds->lock);
  g_object_unref (holds->orb);
  g_free (holds);
}

gboolean
naming_holds_load (NamingHolds *holds, NamingStore *store, GError **error)
{
  g_autoptr (GPtrArray) bindings = naming_store_dup_object_bindings (store, error);

  if (bindings == NULL)
    return FALSE;
  naming_holds_lock (holds);
  for (guint i = 0; i < bindings->len; i++)
    {
      const NamingObjectBinding *binding = bindings->pdata[i];
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GObject) object = gorb_orb_resolve_string (holds->orb, binding->ref, &local_error);

      if (object == NULL)
        g_warning ("cannot hold the object bound as '%s' in context %" G_GINT64_FORMAT ": %s",
                   binding->id, binding->context, local_error->message);
      else
        naming_holds_set (holds, binding->context, binding->id, binding->kind, object);
    }
  naming_holds_unlock (holds);
  g_debug ("holding %u bound objects", bindings->len);
  return TRUE;
}

void
naming_holds_lock (NamingHolds *holds)
{
  g_mutex_lock (&holds->lock);
}

void
naming_holds_unlock (NamingHolds *holds)
{
  g_mutex_unlock (&holds->lock);
}

void
naming_holds_set (NamingHolds *holds, gint64 context, const char *id, const char *kind,
                  GObject *object)
{
  char *key = binding_key (context, id, kind);

  if (object != NULL)
    g_hash_table_replace (holds->objects, key, g_object_ref (object));
  else
    {
      g_hash_table_remove (holds->objects, key);
      g_free (key);
    }
}
