/* person-list-servant.c - a servant for Demo::PersonList: the persons in a
 * hash table by name, behind a mutex
 *
 * A servant is a plain GObject implementing the generated GInterface; it
 * knows nothing about the ORB. Its methods may run on several ORB threads
 * at once (the default thread policy), hence the lock.
 */
#include "person-list-servant.h"

struct _DemoPersonListServant
{
  GObject parent_instance;
  char *listname;      /* owned, construct-only */
  GMutex lock;         /* guards persons */
  GHashTable *persons; /* owned: name (owned) -> DemoPerson * (owned) */
};

static void demo_person_list_servant_iface_init (DemoPersonListInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DemoPersonListServant, demo_person_list_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DEMO_TYPE_PERSON_LIST,
                                                      demo_person_list_servant_iface_init))

static void
person_free (gpointer person)
{
  demo_person_clear (person);
  g_free (person);
}

static char *
servant_get_listname (DemoPersonList *list, GError **error)
{
  DemoPersonListServant *self = DEMO_PERSON_LIST_SERVANT (list);

  return g_strdup (self->listname);
}

/* A person already listed under that name is replaced. */
static gboolean
servant_add_person (DemoPersonList *list, const DemoPerson *p, GError **error)
{
  DemoPersonListServant *self = DEMO_PERSON_LIST_SERVANT (list);
  DemoPerson *copy = g_new (DemoPerson, 1);

  demo_person_copy (p, copy);
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->persons, g_strdup (p->name), copy);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
servant_get_person (DemoPersonList *list, const char *name, DemoPerson *p, GError **error)
{
  DemoPersonListServant *self = DEMO_PERSON_LIST_SERVANT (list);
  const DemoPerson *found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_lookup (self->persons, name);
  if (found != NULL)
    demo_person_copy (found, p); /* copied under the lock: an add may replace it */
  g_mutex_unlock (&self->lock);
  if (found == NULL)
    {
      demo_not_found_error_set (error, name, "no person named '%s' in '%s'", name, self->listname);
      return FALSE;
    }
  return TRUE;
}

static gint32
servant_number (DemoPersonList *list, GError **error)
{
  DemoPersonListServant *self = DEMO_PERSON_LIST_SERVANT (list);
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->persons);
  g_mutex_unlock (&self->lock);
  return (gint32) MIN (n, (guint) G_MAXINT32);
}

static void
demo_person_list_servant_iface_init (DemoPersonListInterface *iface)
{
  iface->get_listname = servant_get_listname;
  iface->add_person = servant_add_person;
  iface->get_person = servant_get_person;
  iface->number = servant_number;
}

static void
demo_person_list_servant_finalize (GObject *object)
{
  DemoPersonListServant *self = DEMO_PERSON_LIST_SERVANT (object);

  g_hash_table_unref (self->persons);
  g_mutex_clear (&self->lock);
  g_free (self->listname);
  G_OBJECT_CLASS (demo_person_list_servant_parent_class)->finalize (object);
}

static void
demo_person_list_servant_class_init (DemoPersonListServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = demo_person_list_servant_finalize;
}

static void
demo_person_list_servant_init (DemoPersonListServant *self)
{
  g_mutex_init (&self->lock);
  self->persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, person_free);
}

/**
 * demo_person_list_servant_new:
 * @listname: (transfer none): what the `listname` attribute answers
 *
 * Returns: (transfer full): an empty list
 */
DemoPersonListServant *
demo_person_list_servant_new (const char *listname)
{
  DemoPersonListServant *self;

  g_return_val_if_fail (listname != NULL, NULL);
  self = g_object_new (DEMO_TYPE_PERSON_LIST_SERVANT, NULL);
  self->listname = g_strdup (listname);
  return self;
}
