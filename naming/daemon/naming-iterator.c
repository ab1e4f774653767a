/* naming-iterator.c - BindingIterator: a snapshot handed out in order
 *
 * An iterator goes when its client calls destroy(), when it has not been
 * used for the idle timeout, or when distributed GC finds that no client
 * holds it any more (GorbUnreferenced), whichever comes first. */
#include "naming-iterator.h"

struct _NamingIteratorServant
{
  GObject parent_instance;
  GorbOrb *orb;                   /* weak: the ORB outlives its servants */
  GMutex lock;                    /* guards what follows */
  GorbNamingBindingList bindings; /* owned: the snapshot */
  guint32 next;                   /* index of the next binding to hand out */
  gint64 last_used;               /* monotonic µs of the last call */
  gint64 idle_us;                 /* construct-only */
  GSource *timeout;               /* owned: the idle check, until unexported */
  gboolean gone;                  /* unexported */
};

static void naming_iterator_servant_iface_init (GorbNamingBindingIteratorInterface *iface);
static void naming_iterator_unreferenced_init (GorbUnreferencedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NamingIteratorServant, naming_iterator_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GORB_TYPE_NAMING_BINDING_ITERATOR,
                                                      naming_iterator_servant_iface_init)
                                   G_IMPLEMENT_INTERFACE (GORB_TYPE_UNREFERENCED,
                                                          naming_iterator_unreferenced_init))

/* Unexports @self (once); the timeout source goes with it. */
static void
retire (NamingIteratorServant *self)
{
  GSource *timeout;

  g_mutex_lock (&self->lock);
  if (self->gone)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->gone = TRUE;
  timeout = g_steal_pointer (&self->timeout);
  g_mutex_unlock (&self->lock);
  if (timeout != NULL)
    {
      g_source_destroy (timeout);
      g_source_unref (timeout);
    }
  gorb_orb_unexport (self->orb, G_OBJECT (self));
}

/* Marks a call; FALSE if @self is already retired (a call that raced the
 * timeout: it answers OBJECT_NOT_EXIST as a later one would). */
static gboolean
touch (NamingIteratorServant *self, GError **error)
{
  gboolean gone;

  g_mutex_lock (&self->lock);
  self->last_used = g_get_monotonic_time ();
  gone = self->gone;
  g_mutex_unlock (&self->lock);
  if (gone)
    g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST,
                 "the binding iterator was destroyed");
  return !gone;
}

static gboolean
on_idle_check (gpointer user_data)
{
  NamingIteratorServant *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 idle;
  GSource *timeout;

  g_mutex_lock (&self->lock);
  idle = now - self->last_used;
  timeout = self->timeout;
  if (idle < self->idle_us && timeout != NULL)
    {
      g_source_set_ready_time (timeout, now + (self->idle_us - idle));
      g_mutex_unlock (&self->lock);
      return G_SOURCE_CONTINUE;
    }
  g_mutex_unlock (&self->lock);
  g_debug ("binding iterator idle for %" G_GINT64_FORMAT " ms: destroying it", idle / 1000);
  retire (self);
  return G_SOURCE_REMOVE;
}

static gboolean
dispatch_ready (GSource *source, GSourceFunc callback, gpointer user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs ready_time_funcs = { NULL, NULL, dispatch_ready, NULL, NULL, NULL };

static void
copy_binding (const GorbNamingBinding *src, GorbNamingBinding *dest)
{
  gorb_naming_binding_copy (src, dest);
}

static gboolean
iterator_next_one (GorbNamingBindingIterator *iterator, GorbNamingBinding *b, GError **error)
{
  NamingIteratorServant *self = NAMING_ITERATOR_SERVANT (iterator);
  gboolean found = FALSE;

  if (!touch (self, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  if (self->next < self->bindings.len)
    {
      copy_binding (&self->bindings.data[self->next++], b);
      found = TRUE;
    }
  g_mutex_unlock (&self->lock);
  return found;
}

static gboolean
iterator_next_n (GorbNamingBindingIterator *iterator, guint32 how_many, GorbNamingBindingList *bl,
                 GError **error)
{
  NamingIteratorServant *self = NAMING_ITERATOR_SERVANT (iterator);
  guint32 n;

  if (how_many == 0)
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "next_n: how_many must be at least 1");
      return FALSE;
    }
  if (!touch (self, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  n = MIN (how_many, self->bindings.len - self->next);
  bl->len = n;
  bl->data = n > 0 ? g_new0 (GorbNamingBinding, n) : NULL;
  for (guint32 i = 0; i < n; i++)
    copy_binding (&self->bindings.data[self->next + i], &bl->data[i]);
  self->next += n;
  g_mutex_unlock (&self->lock);
  return n > 0;
}

static gboolean
iterator_destroy (GorbNamingBindingIterator *iterator, GError **error)
{
  NamingIteratorServant *self = NAMING_ITERATOR_SERVANT (iterator);

  if (!touch (self, error))
    return FALSE;
  retire (self);
  return TRUE;
}

static void
naming_iterator_servant_iface_init (GorbNamingBindingIteratorInterface *iface)
{
  iface->next_one = iterator_next_one;
  iface->next_n = iterator_next_n;
  iface->destroy = iterator_destroy;
}

/* Distributed GC: the client that got the iterator let go of it (or never
 * took it): it goes as destroy() would make it go. */
static void
iterator_unreferenced (GorbUnreferenced *unreferenced)
{
  g_debug ("binding iterator unreferenced: destroying it");
  retire (NAMING_ITERATOR_SERVANT (unreferenced));
}

static void
naming_iterator_unreferenced_init (GorbUnreferencedInterface *iface)
{
  iface->unreferenced = iterator_unreferenced;
}

static void
naming_iterator_servant_finalize (GObject *object)
{
  NamingIteratorServant *self = NAMING_ITERATOR_SERVANT (object);

  g_assert (self->timeout == NULL);
  gorb_value_clear (&gorb_naming_binding_list_desc, &self->bindings);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (naming_iterator_servant_parent_class)->finalize (object);
}

static void
naming_iterator_servant_class_init (NamingIteratorServantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = naming_iterator_servant_finalize;
}

static void
naming_iterator_servant_init (NamingIteratorServant *self)
{
  g_mutex_init (&self->lock);
}

/**
 * naming_iterator_servant_new:
 * @orb: the ORB to export it on
 * @context: where its idle check runs
 * @rest: (transfer full): the bindings to hand out; left empty
 * @idle_timeout_s: unexported after this long without a call
 * @error: those of gorb_orb_export()
 *
 * Returns: (transfer full): the exported iterator
 */
NamingIteratorServant *
naming_iterator_servant_new (GorbOrb *orb, GMainContext *context, GorbNamingBindingList *rest,
                             guint idle_timeout_s, GError **error)
{
  g_autoptr (NamingIteratorServant) self = g_object_new (NAMING_TYPE_ITERATOR_SERVANT, NULL);
  g_autoptr (GorbRef) ref = NULL;
  GSource *timeout;

  self->orb = orb;
  self->bindings = *rest;
  rest->data = NULL;
  rest->len = 0;
  self->idle_us = (gint64) idle_timeout_s * G_USEC_PER_SEC;
  self->last_used = g_get_monotonic_time ();
  ref = gorb_orb_export (orb, G_OBJECT (self), GORB_THREAD_POLICY_POOL, error);
  if (ref == NULL)
    {
      self->gone = TRUE;
      return NULL;
    }
  /* The source holds a reference: it runs until retire() destroys it. */
  timeout = g_source_new (&ready_time_funcs, sizeof (GSource));
  g_source_set_name (timeout, "gorb-naming iterator idle check");
  g_source_set_callback (timeout, on_idle_check, g_object_ref (self), g_object_unref);
  g_source_set_ready_time (timeout, self->last_used + self->idle_us);
  g_mutex_lock (&self->lock);
  self->timeout = timeout;
  g_mutex_unlock (&self->lock);
  g_source_attach (timeout, context);
  return g_steal_pointer (&self);
}
