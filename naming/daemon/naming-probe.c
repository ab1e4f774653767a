/* naming-probe.c - ping bound objects, unbind the dead ones */
#include "naming-probe.h"

#define MAX_PING_TIMEOUT_MS 5000

struct _NamingProbe
{
  NamingStore *store; /* borrowed: outlives the probe */
  NamingHolds *holds; /* borrowed: outlives the probe */
  GorbOrb *orb;       /* owned: the probe's client ORB */
  gint64 interval_us;
  guint failures;
  GThread *thread;
  GMutex lock; /* guards stopping, with wake */
  GCond wake;
  gboolean stopping;
  GHashTable *counts; /* probe thread only: binding key -> GUINT_TO_POINTER (failures in a row) */
};

static char *
binding_key (const NamingObjectBinding *binding)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s", binding->context, binding->id,
                          binding->kind, binding->ref);
}

static gboolean
is_failure (const GError *error)
{
  return error->domain == GORB_SYSTEM_ERROR
         && (error->code == GORB_SYSTEM_ERROR_TRANSIENT
             || error->code == GORB_SYSTEM_ERROR_COMM_FAILURE
             || error->code == GORB_SYSTEM_ERROR_TIMEOUT
             || error->code == GORB_SYSTEM_ERROR_OBJECT_NOT_EXIST);
}

static void
unbind_dead (NamingProbe *probe, const NamingObjectBinding *binding, guint count,
             const GError *last)
{
  g_autoptr (GError) error = NULL;
  GorbNamingNameComponent component = { binding->id, binding->kind };
  GorbNamingName name = { &component, 1 };
  g_autofree char *text = gorb_naming_name_to_string (&name, NULL);
  g_autofree char *context = g_strdup_printf ("%" G_GINT64_FORMAT, binding->context);
  NamingStoreResult result;

  naming_holds_lock (probe->holds);
  result = naming_store_unbind_if (probe->store, binding->context, binding->id, binding->kind,
                                   binding->ref, &error);
  if (result == NAMING_STORE_OK)
    naming_holds_set (probe->holds, binding->context, binding->id, binding->kind, NULL);
  naming_holds_unlock (probe->holds);
  switch (result)
    {
    case NAMING_STORE_OK:
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "GORB_NAMING_CONTEXT", context,
                        "GORB_NAMING_NAME", text, "GORB_NAMING_REF", binding->ref, "MESSAGE",
                        "probe: unbound '%s' in context %s: %u failed probes in a row, the "
                        "last: %s",
                        text, context, count, last->message);
      break;
    case NAMING_STORE_FAILED:
      g_warning ("probe: cannot unbind '%s' in context %s: %s", text, context, error->message);
      break;
    default: /* rebound or unbound meanwhile: nothing to do */
      break;
    }
}

static void
probe_round (NamingProbe *probe)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bindings = naming_store_dup_object_bindings (probe->store, &error);
  g_autoptr (GHashTable) counts = NULL;

  if (bindings == NULL)
    {
      g_warning ("probe: %s", error->message);
      return;
    }
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < bindings->len; i++)
    {
      const NamingObjectBinding *binding = g_ptr_array_index (bindings, i);
      g_autoptr (GError) ping_error = NULL;
      g_autoptr (GObject) object = NULL;
      char *key = binding_key (binding);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (probe->counts, key));
      gboolean stopping;

      g_mutex_lock (&probe->lock);
      stopping = probe->stopping;
      g_mutex_unlock (&probe->lock);
      if (stopping)
        {
          g_free (key);
          return;
        }
      object = gorb_orb_resolve_string (probe->orb, binding->ref, &ping_error);
      if (object != NULL && GORB_IS_PROXY (object))
        gorb_proxy_ping (GORB_PROXY (object), &ping_error);
      if (ping_error == NULL)
        count = 0;
      else if (is_failure (ping_error))
        count++;
      g_debug ("probe: context %" G_GINT64_FORMAT " '%s': %s", binding->context, binding->id,
               ping_error == NULL ? "alive" : ping_error->message);
      if (count >= probe->failures)
        {
          unbind_dead (probe, binding, count, ping_error);
          g_free (key);
          continue;
        }
      g_hash_table_replace (counts, key, GUINT_TO_POINTER (count));
    }
  g_hash_table_unref (probe->counts); /* bindings gone meanwhile are forgotten */
  probe->counts = g_steal_pointer (&counts);
}

static gpointer
probe_thread (gpointer data)
{
  NamingProbe *probe = data;

  for (;;)
    {
      gint64 deadline = g_get_monotonic_time () + probe->interval_us;
      gboolean stopping;

      g_mutex_lock (&probe->lock);
      while (!probe->stopping && g_cond_wait_until (&probe->wake, &probe->lock, deadline))
        ;
      stopping = probe->stopping;
      g_mutex_unlock (&probe->lock);
      if (stopping)
        break;
      probe_round (probe);
    }
  return NULL;
}

/**
 * naming_probe_start:
 * @interval_s: seconds between rounds (and the most one ping waits, up to
 *   5 s)
 * @failures: failed probes in a row that unbind, at least 1
 *
 * Returns: (transfer full): the running probe; stop it with
 *   naming_probe_stop()
 */
NamingProbe *
naming_probe_start (NamingStore *store, NamingHolds *holds, double interval_s, guint failures,
                    GError **error)
{
  g_auto (GorbOrbConfig) config;
  NamingProbe *probe;
  GorbOrb *orb;

  g_return_val_if_fail (interval_s > 0 && failures > 0, NULL);
  gorb_orb_config_init (&config);
  config.call_timeout_ms = (guint) CLAMP (interval_s * 1000, 100, MAX_PING_TIMEOUT_MS);
  config.dgc_client = 0; /* its proxies only ping: the daemon's ORB holds the leases */
  orb = gorb_orb_new_with_config (&config, error);
  if (orb == NULL)
    return NULL;
  probe = g_new0 (NamingProbe, 1);
  probe->store = store;
  probe->holds = holds;
  probe->orb = orb;
  probe->interval_us = (gint64) (interval_s * G_USEC_PER_SEC);
  probe->failures = failures;
  probe->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&probe->lock);
  g_cond_init (&probe->wake);
  probe->thread = g_thread_new ("gorb-naming-probe", probe_thread, probe);
  return probe;
}

/* Stops the probe (a ping under way finishes first) and frees it. */
void
naming_probe_stop (NamingProbe *probe)
{
  if (probe == NULL)
    return;
  g_mutex_lock (&probe->lock);
  probe->stopping = TRUE;
  g_cond_signal (&probe->wake);
  g_mutex_unlock (&probe->lock);
  g_thread_join (probe->thread);
  gorb_orb_shutdown (probe->orb);
  g_object_unref (probe->orb);
  g_hash_table_unref (probe->counts);
  g_mutex_clear (&probe->lock);
  g_cond_clear (&probe->wake);
  g_free (probe);
}
