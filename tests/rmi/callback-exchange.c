/* callback-exchange.c - the Test::Exchange servant of gorb-test-callback-server:
 * it implements Test::Named too (Exchange's parent), each operation as
 * Callbacks.idl says, so that the client (test-callbacks-idl.c) can check
 * what came back. Its methods run on the ORB's thread pool. */
#include "callback-exchange.h"

struct _TestExchangeServant
{
  GObject parent_instance;
  gint level; /* atomic */
};

static void named_iface_init (TestNamedInterface *iface);
static void exchange_iface_init (TestExchangeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestExchangeServant, test_exchange_servant, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEST_TYPE_NAMED, named_iface_init)
                                   G_IMPLEMENT_INTERFACE (TEST_TYPE_EXCHANGE, exchange_iface_init))

/* ---- Test::Named ---- */

static char *
servant_get_name (TestNamed *named, GError **error)
{
  return g_strdup ("exchange");
}

static char *
servant_greet (TestNamed *named, const char *whom, GError **error)
{
  return g_strdup_printf ("hello %s from exchange", whom);
}

static void
named_iface_init (TestNamedInterface *iface)
{
  iface->get_name = servant_get_name;
  iface->greet = servant_greet;
}

/* ---- Test::Exchange ---- */

static gint32
servant_get_level (TestExchange *exchange, GError **error)
{
  return g_atomic_int_get (&TEST_EXCHANGE_SERVANT (exchange)->level);
}

static gboolean
servant_set_level (TestExchange *exchange, gint32 value, GError **error)
{
  g_atomic_int_set (&TEST_EXCHANGE_SERVANT (exchange)->level, value);
  return TRUE;
}

/* The inout values are the request's (owned by the ORB): replaced in place. */
static gboolean
servant_update (TestExchange *exchange, char **text, TestEntry *e, TestEntrySeq *entries,
                GError **error)
{
  char *appended = g_strconcat (*text, "!", NULL);
  g_free (*text);
  *text = appended;

  appended = g_strconcat (e->key, "+", NULL);
  g_free (e->key);
  e->key = appended;
  e->value++;

  for (guint32 i = 0; i < entries->len; i++)
    entries->data[i].value *= 2;
  entries->data = g_renew (TestEntry, entries->data, entries->len + 1);
  entries->data[entries->len].key = g_strdup ("n");
  entries->data[entries->len].value = (gint32) entries->len;
  entries->len++;
  return TRUE;
}

/* A listener that arrived: a proxy of the client's (TestListenerProxy, or
 * TestCountingListenerProxy for a derived one), or nil. */
static gboolean
notify_listener (GObject *l, const char *text, GError **error)
{
  if (l == NULL || !TEST_IS_LISTENER (l))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_BAD_PARAM,
                   "a Test::Listener is needed, not %s",
                   l != NULL ? G_OBJECT_TYPE_NAME (l) : "nil");
      return FALSE;
    }
  return test_listener_notify (TEST_LISTENER (l), text, error);
}

static GObject *
servant_relay (TestExchange *exchange, GObject *l, const char *text, GObject **same, GObject **swap,
               GError **error)
{
  GObject *was;

  if (!notify_listener (l, text, error) || (*swap != NULL && !notify_listener (*swap, text, error)))
    return NULL;
  *same = g_object_ref (l);
  was = *swap; /* the result takes the inout value's reference */
  *swap = g_object_ref (l);
  return was;
}

static gint32
servant_notify_counted (TestExchange *exchange, GObject *l, const char *text, GError **error)
{
  if (!notify_listener (l, text, error))
    return 0;
  if (!TEST_IS_COUNTING_LISTENER (l))
    return -1;
  return test_counting_listener_get_count (TEST_COUNTING_LISTENER (l), error);
}

static gint32
servant_check (TestExchange *exchange, gint32 code, GError **error)
{
  if (code < 0)
    {
      test_refused_error_set (error, "negative", code, "code %d is negative", code);
      return 0;
    }
  return code;
}

static gboolean
servant_set_level_later (TestExchange *exchange, gint32 level, GError **error)
{
  return servant_set_level (exchange, level, error);
}

static void
exchange_iface_init (TestExchangeInterface *iface)
{
  iface->get_level = servant_get_level;
  iface->set_level = servant_set_level;
  iface->update = servant_update;
  iface->relay = servant_relay;
  iface->notify_counted = servant_notify_counted;
  iface->check = servant_check;
  iface->set_level_later = servant_set_level_later;
}

static void
test_exchange_servant_class_init (TestExchangeServantClass *klass)
{
}

static void
test_exchange_servant_init (TestExchangeServant *self)
{
}

TestExchangeServant *
test_exchange_servant_new (void)
{
  return g_object_new (TEST_TYPE_EXCHANGE_SERVANT, NULL);
}
