/* gorb-orb-config.h - the ORB's configuration: one plain struct, filled from
 * defaults, a key file, GORB_* environment variables and --gorb-* options
 *
 * Sources, in increasing precedence (a later one overrides an earlier one
 * field by field):
 *
 *   1. the values the GorbOrbConfig holds when loading starts (the
 *      documented defaults after gorb_orb_config_init(), or a program's own)
 *   2. the [orb] group of a key file named by --gorb-config FILE or, failing
 *      that, GORB_CONFIG (keys named like the fields, '_' written '-')
 *   3. environment variables GORB_<FIELD> (unset or empty ones are ignored)
 *   4. command-line options --gorb-<field> VALUE or --gorb-<field>=VALUE
 *      (--gorb-endpoint, singular, may be repeated)
 *
 * Every value read is checked as it is read, and an error names where it
 * came from and what it was; a key or option gorb does not know is an error
 * too (a typo must not pass silently). docs/configuration.md lists every
 * setting with its key, variable, option, default and range.
 *
 * Invariant: a GorbOrbConfig that gorb_orb_config_load() returned, or that
 * gorb_orb_config_validate() accepted, has every field in range; endpoints
 * is %NULL or a non-empty list and naming is %NULL or non-empty.
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib.h>

#include "wire/gorb-wire.h"

G_BEGIN_DECLS

#define GORB_CONFIG_ERROR (gorb_config_error_quark ())

typedef enum
{
  GORB_CONFIG_ERROR_INVALID_VALUE, /* a value that does not parse or is out of range */
  GORB_CONFIG_ERROR_UNKNOWN_KEY,   /* a key in [orb] or a --gorb-* option gorb does not know */
  GORB_CONFIG_ERROR_FILE,          /* the key file cannot be read or is not a key file */
  /* append new codes below */
} GorbConfigError;

GQuark gorb_config_error_quark (void);

/* Defaults (gorb_orb_config_init) */
#define GORB_ORB_CONFIG_DEFAULT_CALL_TIMEOUT_MS 30000
#define GORB_ORB_CONFIG_DEFAULT_RETRANSMIT_MS 0 /* automatic, see below */
#define GORB_ORB_CONFIG_DEFAULT_POOL_THREADS 8
#define GORB_ORB_CONFIG_DEFAULT_POOL_QUEUE_MAX 10000
#define GORB_ORB_CONFIG_DEFAULT_REPLY_CACHE_MS 60000
#define GORB_ORB_CONFIG_DEFAULT_REPLY_CACHE_MAX 10000
#define GORB_ORB_CONFIG_DEFAULT_MAX_MESSAGE_SIZE (G_GUINT64_CONSTANT (256) << 20)
#define GORB_ORB_CONFIG_DEFAULT_LEASE_MS 60000
#define GORB_ORB_CONFIG_DEFAULT_DGC_PIN_MS 0 /* automatic: twice the lease */
#define GORB_ORB_CONFIG_DEFAULT_DGC_CLIENT 1
/* Where the ORB's server listens when no endpoint is configured */
#define GORB_ORB_CONFIG_DEFAULT_ENDPOINT "tcp://127.0.0.1:0"

/**
 * GorbOrbConfig:
 * @endpoints: (nullable) (array zero-terminated=1): where the ORB's server
 *   listens, at most %GORB_REF_MAX_ENDPOINTS; %NULL: it binds
 *   %GORB_ORB_CONFIG_DEFAULT_ENDPOINT on the first export
 * @encoding: the encoding of requests this ORB sends (its proxies' default)
 * @call_timeout_ms: how long a call may take, 0 for no limit; 0..86400000
 * @retransmit_ms: at-most-once retransmission interval: a request without a
 *   reply is sent again (same request id) after this long; 0 (default):
 *   automatic, see gorb_orb_config_get_retransmit_interval_ms(); a value at
 *   or above @call_timeout_ms means never; 0 or 10..86400000
 * @pool_threads: threads of the servant thread pool; 1..1024
 * @pool_queue_max: requests waiting for a pool thread; one more is refused
 *   with %GORB_SYSTEM_ERROR_NO_RESOURCES; 1..10000000
 * @reply_cache_ms: how long a server keeps a reply for a duplicate request
 *   (unless acknowledged earlier); 100..86400000
 * @reply_cache_max: replies the server keeps at most (oldest dropped
 *   first); 1..10000000
 * @max_message_size: largest frame sent or accepted, in bytes;
 *   1024..4294967296
 * @lease_ms: DGC lease a server grants (clients renew at half); 100..86400000
 * @dgc_pin_ms: how long a reference in transit (sent in a reply or an
 *   argument, not yet dirtied by its receiver) keeps its object alive; also
 *   how long a clean is remembered against a late dirty; 0 (default):
 *   twice @lease_ms; 0 or 100..86400000
 * @dgc_client: 1 (default): hold leases on the remote objects this ORB has
 *   proxies for (send dirty and clean); 0: send none (the objects must then
 *   be permanent); 0..1
 * @naming: (nullable): the naming service: an endpoint or a `gorb:`
 *   reference; %NULL: none
 *
 * A plain struct, on the stack or inside another: gorb_orb_config_init()
 * fills the defaults, gorb_orb_config_clear() frees the strings. Pointers
 * are owned by the struct (g_strfreev(), g_free()).
 */
typedef struct
{
  GStrv endpoints;
  GorbEncoding encoding;
  guint call_timeout_ms;
  guint retransmit_ms;
  guint pool_threads;
  guint pool_queue_max;
  guint reply_cache_ms;
  guint reply_cache_max;
  guint64 max_message_size;
  guint lease_ms;
  guint dgc_pin_ms;
  guint dgc_client;
  char *naming;

  /*< private >*/
  gpointer padding[5];
} GorbOrbConfig;

void gorb_orb_config_init (GorbOrbConfig *config);
void gorb_orb_config_clear (GorbOrbConfig *config);
void gorb_orb_config_copy (const GorbOrbConfig *src, GorbOrbConfig *dest);
gboolean gorb_orb_config_equal (const GorbOrbConfig *a, const GorbOrbConfig *b);
gboolean gorb_orb_config_validate (const GorbOrbConfig *config, GError **error);
guint gorb_orb_config_get_retransmit_interval_ms (const GorbOrbConfig *config);
guint gorb_orb_config_get_dgc_pin_ms (const GorbOrbConfig *config);

gboolean gorb_orb_config_load (GorbOrbConfig *config, int *argc, char ***argv, GError **error);
GOptionGroup *gorb_orb_config_get_option_group (GorbOrbConfig *config);
char *gorb_orb_config_to_key_file_data (const GorbOrbConfig *config);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GorbOrbConfig, gorb_orb_config_clear)

G_END_DECLS
