/* gorb-orb-config-private.h - the settings table and the value parsers,
 * shared by gorb-orb-config.c (the struct) and gorb-orb-config-load.c (the
 * sources)
 *
 * Every parser takes the source of the text it parses (a file and line, a
 * variable, an option, or a key for validation) and names it, with the
 * text, in its error: "GORB_POOL_THREADS: '0' is out of range (1..1024)".
 */
#pragma once

#include "gorb-orb-config.h"

G_BEGIN_DECLS

#define GORB_CONFIG_GROUP "orb" /* the key-file group */
#define GORB_CONFIG_N_SETTINGS 13

typedef enum
{
  GORB_CONFIG_KIND_ENDPOINTS, /* GStrv; ';'-separated in the key file and the environment */
  GORB_CONFIG_KIND_ENCODING,  /* GorbEncoding, by name */
  GORB_CONFIG_KIND_UINT,      /* guint */
  GORB_CONFIG_KIND_UINT64,    /* guint64 */
  GORB_CONFIG_KIND_NAMING,    /* char *: an endpoint or a gorb: reference; "" means none */
} GorbConfigKind;

typedef struct
{
  const char *key;    /* in the [orb] group */
  const char *env;    /* environment variable */
  const char *option; /* long option, without the leading "--" */
  GorbConfigKind kind;
  gsize offset; /* of the field in GorbOrbConfig */
  guint64 min;  /* numbers: the range */
  guint64 max;
  gboolean zero_ok; /* numbers: 0 is allowed too, below min (it means "automatic") */
  const char *arg_description;
  const char *description;
} GorbConfigSetting;

/* in the order of the fields; an index is a bit in a mask of settings given */
G_GNUC_INTERNAL extern const GorbConfigSetting gorb_config_settings[GORB_CONFIG_N_SETTINGS];

G_GNUC_INTERNAL const GorbConfigSetting *gorb_config_setting_by_key (const char *key);
G_GNUC_INTERNAL const GorbConfigSetting *gorb_config_setting_by_option (const char *option);

G_GNUC_INTERNAL guint64 gorb_config_get_number (const GorbOrbConfig *config,
                                                const GorbConfigSetting *s);
G_GNUC_INTERNAL void gorb_config_set_number (GorbOrbConfig *config, const GorbConfigSetting *s,
                                             guint64 value);

G_GNUC_INTERNAL gboolean gorb_config_check_endpoint (const char *source, const char *endpoint,
                                                     GError **error);
G_GNUC_INTERNAL gboolean gorb_config_set_endpoints (GorbOrbConfig *config, const char *source,
                                                    const char *const *items, gsize n_items,
                                                    GError **error);
G_GNUC_INTERNAL gboolean gorb_config_apply_value (GorbOrbConfig *config, const GorbConfigSetting *s,
                                                  const char *source, const char *text,
                                                  GError **error);

G_END_DECLS
