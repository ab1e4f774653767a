/* gorb-orb-config.c - the ORB's configuration as a struct: defaults, copy,
 * validation, the key-file writer, and the settings table with the value
 * parsers every source shares (the sources are in gorb-orb-config-load.c)
 *
 * One table, gorb_config_settings[], names every setting once: its key-file
 * key, environment variable, option, field, kind and range. The key file,
 * the environment, the options (through the one GOptionGroup both
 * gorb_orb_config_load() and programs use), gorb_orb_config_validate() and
 * gorb_orb_config_to_key_file_data() all read it, so a setting cannot be
 * known to one source and not another.
 */
#include "gorb-orb-config-private.h"

#include <string.h>

#include "ref/gorb-ref.h"
#include "transport/gorb-transport.h"

/* the quark's name is dashed: clang-format would space the dashes */
/* clang-format off */
G_DEFINE_QUARK (gorb-config-error-quark, gorb_config_error)
/* clang-format on */

#define DAY_MS G_GUINT64_CONSTANT (86400000)
#define RETRANSMIT_MIN_MS 10

#define FIELD(f) G_STRUCT_OFFSET (GorbOrbConfig, f)

const GorbConfigSetting gorb_config_settings[] = {
  { "endpoints", "GORB_ENDPOINTS", "gorb-endpoint", GORB_CONFIG_KIND_ENDPOINTS, FIELD (endpoints),
    0, 0, FALSE, "ENDPOINT",
    "Listen on ENDPOINT (repeatable; default: tcp://127.0.0.1:0 on first export)" },
  { "encoding", "GORB_ENCODING", "gorb-encoding", GORB_CONFIG_KIND_ENCODING, FIELD (encoding), 0, 0,
    FALSE, "cdr|xml", "Encoding of requests (default: cdr)" },
  { "call-timeout-ms", "GORB_CALL_TIMEOUT_MS", "gorb-call-timeout-ms", GORB_CONFIG_KIND_UINT,
    FIELD (call_timeout_ms), 0, DAY_MS, FALSE, "MS", "Call timeout, 0 for none (default: 30000)" },
  { "retransmit-ms", "GORB_RETRANSMIT_MS", "gorb-retransmit-ms", GORB_CONFIG_KIND_UINT,
    FIELD (retransmit_ms), RETRANSMIT_MIN_MS, DAY_MS, TRUE, "MS",
    "Retransmission interval, 0 for a quarter of the call timeout (default: 0)" },
  { "pool-threads", "GORB_POOL_THREADS", "gorb-pool-threads", GORB_CONFIG_KIND_UINT,
    FIELD (pool_threads), 1, 1024, FALSE, "N", "Servant thread pool size (default: 8)" },
  { "pool-queue-max", "GORB_POOL_QUEUE_MAX", "gorb-pool-queue-max", GORB_CONFIG_KIND_UINT,
    FIELD (pool_queue_max), 1, 10000000, FALSE, "N",
    "Requests waiting for a pool thread at most (default: 10000)" },
  { "reply-cache-ms", "GORB_REPLY_CACHE_MS", "gorb-reply-cache-ms", GORB_CONFIG_KIND_UINT,
    FIELD (reply_cache_ms), 100, DAY_MS, FALSE, "MS",
    "How long replies are kept for duplicate requests (default: 60000)" },
  { "reply-cache-max", "GORB_REPLY_CACHE_MAX", "gorb-reply-cache-max", GORB_CONFIG_KIND_UINT,
    FIELD (reply_cache_max), 1, 10000000, FALSE, "N", "Replies kept at most (default: 10000)" },
  { "max-message-size", "GORB_MAX_MESSAGE_SIZE", "gorb-max-message-size", GORB_CONFIG_KIND_UINT64,
    FIELD (max_message_size), 1024, G_GUINT64_CONSTANT (1) << 32, FALSE, "BYTES",
    "Largest message sent or accepted (default: 268435456)" },
  { "lease-ms", "GORB_LEASE_MS", "gorb-lease-ms", GORB_CONFIG_KIND_UINT, FIELD (lease_ms), 100,
    DAY_MS, FALSE, "MS", "Distributed GC lease (default: 60000)" },
  { "dgc-pin-ms", "GORB_DGC_PIN_MS", "gorb-dgc-pin-ms", GORB_CONFIG_KIND_UINT, FIELD (dgc_pin_ms),
    100, DAY_MS, TRUE, "MS",
    "How long a reference in transit keeps its object alive, 0 for twice the lease (default: 0)" },
  { "dgc-client", "GORB_DGC_CLIENT", "gorb-dgc-client", GORB_CONFIG_KIND_UINT, FIELD (dgc_client),
    0, 1, FALSE, "0|1", "Hold leases on remote objects (send dirty and clean) (default: 1)" },
  { "naming", "GORB_NAMING", "gorb-naming", GORB_CONFIG_KIND_NAMING, FIELD (naming), 0, 0, FALSE,
    "ENDPOINT|REF", "Naming service: an endpoint or a gorb: reference (default: none)" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (gorb_config_settings) == GORB_CONFIG_N_SETTINGS);

static const char *const encoding_names[] = { "cdr", "xml" }; /* index = GorbEncoding */
G_STATIC_ASSERT (G_N_ELEMENTS (encoding_names) == GORB_ENCODING_XML + 1);

const GorbConfigSetting *
gorb_config_setting_by_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    if (strcmp (gorb_config_settings[i].key, key) == 0)
      return &gorb_config_settings[i];
  return NULL;
}

const GorbConfigSetting *
gorb_config_setting_by_option (const char *option) /* without "--" */
{
  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    if (strcmp (gorb_config_settings[i].option, option) == 0)
      return &gorb_config_settings[i];
  return NULL;
}

guint64
gorb_config_get_number (const GorbOrbConfig *config, const GorbConfigSetting *s)
{
  if (s->kind == GORB_CONFIG_KIND_UINT64)
    return G_STRUCT_MEMBER (guint64, config, s->offset);
  return G_STRUCT_MEMBER (guint, config, s->offset);
}

/* @value must be in @s's range: a guint field gets it truncated otherwise */
void
gorb_config_set_number (GorbOrbConfig *config, const GorbConfigSetting *s, guint64 value)
{
  if (s->kind == GORB_CONFIG_KIND_UINT64)
    G_STRUCT_MEMBER (guint64, config, s->offset) = value;
  else
    G_STRUCT_MEMBER (guint, config, s->offset) = (guint) value;
}

static gboolean
number_in_range (const GorbConfigSetting *s, guint64 value)
{
  return (value == 0 && s->zero_ok) || (value >= s->min && value <= s->max);
}

static gboolean
fail_out_of_range (const GorbConfigSetting *s, const char *source, const char *text, GError **error)
{
  g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
               "%s: '%s' is out of range (%s%" G_GUINT64_FORMAT "..%" G_GUINT64_FORMAT ")", source,
               text, s->zero_ok ? "0 or " : "", s->min, s->max);
  return FALSE;
}

static gboolean
parse_number (const GorbConfigSetting *s, const char *source, const char *text, guint64 *out,
              GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr (GError) local = NULL;
  guint64 value;

  if (!g_ascii_string_to_unsigned (stripped, 10, s->zero_ok ? 0 : s->min, s->max, &value, &local))
    {
      if (g_error_matches (local, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        return fail_out_of_range (s, source, text, error);
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                   "%s: '%s' is not a number", source, text);
      return FALSE;
    }
  if (!number_in_range (s, value)) /* below min, above 0 */
    return fail_out_of_range (s, source, text, error);
  *out = value;
  return TRUE;
}

static gboolean
parse_encoding (const char *source, const char *text, GorbEncoding *out, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (g_ascii_strcasecmp (stripped, encoding_names[i]) == 0)
      {
        *out = (GorbEncoding) i;
        return TRUE;
      }
  g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
               "%s: '%s' is not one of cdr, xml", source, text);
  return FALSE;
}

/* An endpoint some transport carries, with an address after its scheme, short enough
 * to go into the references the ORB hands out. */
gboolean
gorb_config_check_endpoint (const char *source, const char *endpoint, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GorbTransport) transport = NULL;
  const char *sep;

  if (*endpoint == '\0')
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE, "%s: empty endpoint",
                   source);
      return FALSE;
    }
  if (strlen (endpoint) > GORB_REF_MAX_STRING_SIZE)
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                   "%s: endpoint '%.32s...' is longer than %d bytes", source, endpoint,
                   GORB_REF_MAX_STRING_SIZE);
      return FALSE;
    }
  transport = gorb_transport_for_endpoint (endpoint, &local);
  if (transport == NULL)
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE, "%s: %s", source,
                   local->message);
      return FALSE;
    }
  sep = strstr (endpoint, "://");
  if (sep == NULL || sep[3] == '\0')
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                   "%s: endpoint '%s' has no address", source, endpoint);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_naming (const char *source, const char *naming, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GorbRef) ref = NULL;

  if (!g_str_has_prefix (naming, "gorb:"))
    return gorb_config_check_endpoint (source, naming, error);
  ref = gorb_ref_parse (naming, &local);
  if (ref == NULL)
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                   "%s: '%s' is not a reference: %s", source, naming, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Replaces @config's endpoints by @items (stripped; empty ones skipped, so
 * that "a;b;" and "" work); no items leaves none. */
gboolean
gorb_config_set_endpoints (GorbOrbConfig *config, const char *source, const char *const *items,
                           gsize n_items, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < n_items; i++)
    {
      g_autofree char *endpoint = g_strstrip (g_strdup (items[i]));

      if (*endpoint == '\0')
        continue;
      if (!gorb_config_check_endpoint (source, endpoint, error))
        return FALSE;
      g_ptr_array_add (list, g_steal_pointer (&endpoint));
    }
  if (list->len > GORB_REF_MAX_ENDPOINTS)
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                   "%s: more than %d endpoints", source, GORB_REF_MAX_ENDPOINTS);
      return FALSE;
    }
  g_clear_pointer (&config->endpoints, g_strfreev);
  if (list->len > 0)
    {
      g_ptr_array_add (list, NULL);
      config->endpoints = (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
    }
  return TRUE;
}

/* Parses @text, read from @source (named in errors), into @s's field of @config. */
gboolean
gorb_config_apply_value (GorbOrbConfig *config, const GorbConfigSetting *s, const char *source,
                         const char *text, GError **error)
{
  switch (s->kind)
    {
    case GORB_CONFIG_KIND_ENDPOINTS:
      {
        g_auto (GStrv) items = g_strsplit (text, ";", -1);
        return gorb_config_set_endpoints (config, source, (const char *const *) items,
                                          g_strv_length (items), error);
      }
    case GORB_CONFIG_KIND_ENCODING:
      return parse_encoding (source, text, &config->encoding, error);
    case GORB_CONFIG_KIND_UINT:
    case GORB_CONFIG_KIND_UINT64:
      {
        guint64 value;
        if (!parse_number (s, source, text, &value, error))
          return FALSE;
        gorb_config_set_number (config, s, value);
        return TRUE;
      }
    case GORB_CONFIG_KIND_NAMING:
      {
        g_autofree char *naming = g_strstrip (g_strdup (text));
        if (*naming != '\0' && !check_naming (source, naming, error))
          return FALSE;
        g_free (config->naming);
        config->naming = *naming != '\0' ? g_steal_pointer (&naming) : NULL;
        return TRUE;
      }
    }
  g_return_val_if_reached (FALSE);
}

/**
 * gorb_orb_config_init:
 * @config: (out caller-allocates): a config to fill
 *
 * Fills @config with the defaults: no endpoints (the ORB binds
 * %GORB_ORB_CONFIG_DEFAULT_ENDPOINT on its first export), CDR, a 30 s call
 * timeout, automatic retransmission, 8 pool threads with a queue of 10000,
 * replies cached for 60 s up to 10000, 256 MiB messages, a 60 s lease
 * (references in transit pinned for twice that), leases held on remote
 * objects, and no naming service. Whatever @config held before is overwritten, not
 * freed.
 */
void
gorb_orb_config_init (GorbOrbConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->endpoints = NULL;
  config->encoding = GORB_ENCODING_CDR;
  config->call_timeout_ms = GORB_ORB_CONFIG_DEFAULT_CALL_TIMEOUT_MS;
  config->retransmit_ms = GORB_ORB_CONFIG_DEFAULT_RETRANSMIT_MS;
  config->pool_threads = GORB_ORB_CONFIG_DEFAULT_POOL_THREADS;
  config->pool_queue_max = GORB_ORB_CONFIG_DEFAULT_POOL_QUEUE_MAX;
  config->reply_cache_ms = GORB_ORB_CONFIG_DEFAULT_REPLY_CACHE_MS;
  config->reply_cache_max = GORB_ORB_CONFIG_DEFAULT_REPLY_CACHE_MAX;
  config->max_message_size = GORB_ORB_CONFIG_DEFAULT_MAX_MESSAGE_SIZE;
  config->lease_ms = GORB_ORB_CONFIG_DEFAULT_LEASE_MS;
  config->dgc_pin_ms = GORB_ORB_CONFIG_DEFAULT_DGC_PIN_MS;
  config->dgc_client = GORB_ORB_CONFIG_DEFAULT_DGC_CLIENT;
  config->naming = NULL;
}

/**
 * gorb_orb_config_clear:
 * @config: a config from gorb_orb_config_init() (or all zeros)
 *
 * Frees the strings @config owns and sets those pointers to %NULL; the
 * numbers are left as they are. Clearing twice is harmless.
 */
void
gorb_orb_config_clear (GorbOrbConfig *config)
{
  g_return_if_fail (config != NULL);

  g_clear_pointer (&config->endpoints, g_strfreev);
  g_clear_pointer (&config->naming, g_free);
}

/**
 * gorb_orb_config_copy:
 * @src: a config
 * @dest: (out caller-allocates): where to copy it; whatever it held is
 *   overwritten, not freed (gorb_orb_config_clear() it first)
 *
 * Makes @dest a deep copy of @src.
 */
void
gorb_orb_config_copy (const GorbOrbConfig *src, GorbOrbConfig *dest)
{
  g_return_if_fail (src != NULL && dest != NULL && src != dest);

  *dest = *src;
  dest->endpoints = g_strdupv (src->endpoints);
  dest->naming = g_strdup (src->naming);
}

/**
 * gorb_orb_config_equal:
 * @a: a config
 * @b: another config
 *
 * Returns: whether every field of @a equals that of @b (a %NULL endpoint
 *   list equals an empty one)
 */
gboolean
gorb_orb_config_equal (const GorbOrbConfig *a, const GorbOrbConfig *b)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strv_equal (a->endpoints != NULL ? (const char *const *) a->endpoints : none,
                       b->endpoints != NULL ? (const char *const *) b->endpoints : none)
         && a->encoding == b->encoding && a->call_timeout_ms == b->call_timeout_ms
         && a->retransmit_ms == b->retransmit_ms && a->pool_threads == b->pool_threads
         && a->pool_queue_max == b->pool_queue_max && a->reply_cache_ms == b->reply_cache_ms
         && a->reply_cache_max == b->reply_cache_max && a->max_message_size == b->max_message_size
         && a->lease_ms == b->lease_ms && a->dgc_pin_ms == b->dgc_pin_ms
         && a->dgc_client == b->dgc_client && g_strcmp0 (a->naming, b->naming) == 0;
}

/**
 * gorb_orb_config_validate:
 * @config: a config
 * @error: return location for a #GError
 *
 * Checks every field against its range (see #GorbOrbConfig), each endpoint
 * (a transport carries its scheme, it has an address) and the naming
 * service (an endpoint, or a `gorb:` reference that parses). For a config
 * filled in by code; gorb_orb_config_load() calls it too.
 *
 * Errors: %GORB_CONFIG_ERROR_INVALID_VALUE for the first field out of range,
 * the message naming its key-file key and value
 * (`pool-threads: '0' is out of range (1..1024)`).
 *
 * Returns: %TRUE if @config is valid
 */
gboolean
gorb_orb_config_validate (const GorbOrbConfig *config, GError **error)
{
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    {
      const GorbConfigSetting *s = &gorb_config_settings[i];

      switch (s->kind)
        {
        case GORB_CONFIG_KIND_ENDPOINTS:
          if (config->endpoints == NULL)
            break;
          for (guint j = 0; config->endpoints[j] != NULL; j++)
            if (!gorb_config_check_endpoint (s->key, config->endpoints[j], error))
              return FALSE;
          if (g_strv_length (config->endpoints) > GORB_REF_MAX_ENDPOINTS)
            {
              g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                           "%s: more than %d endpoints", s->key, GORB_REF_MAX_ENDPOINTS);
              return FALSE;
            }
          break;
        case GORB_CONFIG_KIND_ENCODING:
          if ((guint) config->encoding >= G_N_ELEMENTS (encoding_names))
            {
              g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                           "%s: '%d' is not one of cdr, xml", s->key, (int) config->encoding);
              return FALSE;
            }
          break;
        case GORB_CONFIG_KIND_UINT:
        case GORB_CONFIG_KIND_UINT64:
          if (!number_in_range (s, gorb_config_get_number (config, s)))
            {
              char text[24];
              g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT,
                          gorb_config_get_number (config, s));
              return fail_out_of_range (s, s->key, text, error);
            }
          break;
        case GORB_CONFIG_KIND_NAMING:
          if (config->naming != NULL && !check_naming (s->key, config->naming, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/**
 * gorb_orb_config_get_retransmit_interval_ms:
 * @config: a valid config
 *
 * The at-most-once retransmission interval the ORB uses: @retransmit_ms if
 * set; else (0, automatic) a quarter of @call_timeout_ms, so that a call is
 * sent up to four times before it times out, but at least 10 ms; with no
 * call timeout, a quarter of the default one (7500 ms).
 *
 * Returns: the interval in milliseconds, never 0
 */
guint
gorb_orb_config_get_retransmit_interval_ms (const GorbOrbConfig *config)
{
  guint timeout;

  g_return_val_if_fail (config != NULL, GORB_ORB_CONFIG_DEFAULT_CALL_TIMEOUT_MS / 4);

  if (config->retransmit_ms != 0)
    return config->retransmit_ms;
  timeout = config->call_timeout_ms != 0 ? config->call_timeout_ms
                                         : GORB_ORB_CONFIG_DEFAULT_CALL_TIMEOUT_MS;
  return MAX (timeout / 4, RETRANSMIT_MIN_MS);
}

/**
 * gorb_orb_config_get_dgc_pin_ms:
 * @config: a valid config
 *
 * How long a reference in transit keeps its object alive (and a clean's
 * tombstone is kept): @dgc_pin_ms if set, else twice @lease_ms.
 *
 * Returns: the pin timeout in milliseconds, never 0
 */
guint
gorb_orb_config_get_dgc_pin_ms (const GorbOrbConfig *config)
{
  g_return_val_if_fail (config != NULL, 2 * GORB_ORB_CONFIG_DEFAULT_LEASE_MS);

  if (config->dgc_pin_ms != 0)
    return config->dgc_pin_ms;
  return (guint) MIN ((guint64) config->lease_ms * 2, DAY_MS);
}

/**
 * gorb_orb_config_to_key_file_data:
 * @config: a config
 *
 * Writes @config as a key file: an `[orb]` group with every key, the
 * endpoints as a ';'-separated list (empty for none) and `naming=` empty
 * for none. Loading it back gives a config equal to @config
 * (gorb_orb_config_equal()).
 *
 * Returns: (transfer full): the text of the key file; free with g_free()
 */
char *
gorb_orb_config_to_key_file_data (const GorbOrbConfig *config)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();

  g_return_val_if_fail (config != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    {
      const GorbConfigSetting *s = &gorb_config_settings[i];

      switch (s->kind)
        {
        case GORB_CONFIG_KIND_ENDPOINTS:
          if (config->endpoints != NULL && config->endpoints[0] != NULL)
            g_key_file_set_string_list (key_file, GORB_CONFIG_GROUP, s->key,
                                        (const char *const *) config->endpoints,
                                        g_strv_length (config->endpoints));
          else
            g_key_file_set_string (key_file, GORB_CONFIG_GROUP, s->key, "");
          break;
        case GORB_CONFIG_KIND_ENCODING:
          if ((guint) config->encoding < G_N_ELEMENTS (encoding_names))
            g_key_file_set_string (key_file, GORB_CONFIG_GROUP, s->key,
                                   encoding_names[config->encoding]);
          else /* an invalid config: written so that it fails to load */
            g_key_file_set_integer (key_file, GORB_CONFIG_GROUP, s->key, (int) config->encoding);
          break;
        case GORB_CONFIG_KIND_UINT:
        case GORB_CONFIG_KIND_UINT64:
          g_key_file_set_uint64 (key_file, GORB_CONFIG_GROUP, s->key,
                                 gorb_config_get_number (config, s));
          break;
        case GORB_CONFIG_KIND_NAMING:
          g_key_file_set_string (key_file, GORB_CONFIG_GROUP, s->key,
                                 config->naming != NULL ? config->naming : "");
          break;
        }
    }
  g_key_file_set_comment (key_file, GORB_CONFIG_GROUP, NULL,
                          " gorb ORB configuration; see docs/configuration.md", NULL);
  return g_key_file_to_data (key_file, NULL, NULL);
}
