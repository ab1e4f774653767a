/* gorb-cmd-stats.c - `gorb stats`: the distributed-GC figures of a process
 *
 *   gorb stats [--json] [--gorb-* …] WHERE
 *
 * WHERE is an endpoint of any gorb process (`tcp://host:port`,
 * `ipc://path`) or a `gorb:` reference to one of its objects (its first
 * endpoint is asked). The process's ORB hands out its collector
 * (Gorb::Dgc::Collector, orb/dgc/dgc.idl) as the initial reference
 * GORB_DGC_COLLECTOR_INITIAL_NAME; `stats()` on it returns both halves of
 * its distributed GC (docs/dgc.md). Output is made for scripts: a header
 * line per half (`server:`, `client:`), then one `name value` per line in
 * the order of the IDL struct; with --json, one object with a member per
 * half. A failure is one line `gorb stats: …` on stderr and exit status 1;
 * a usage error exits with 2.
 */
#include "gorb-tool.h"

#include "dgc.h" /* the generated binding of orb/dgc/dgc.idl, built into libgorb */

#include <gorb.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#define COMMAND "stats"

typedef struct
{
  const char *name;
  gsize offset;  /* in GorbDgcStats */
  gboolean wide; /* guint64, else guint32 */
} Field;

#define FIELD32(f)                                                                                 \
  {                                                                                                \
#f, G_STRUCT_OFFSET(GorbDgcStats, f), FALSE                                                    \
  }
#define FIELD64(f)                                                                                 \
  {                                                                                                \
#f, G_STRUCT_OFFSET(GorbDgcStats, f), TRUE                                                     \
  }

/* Every member of Gorb::Dgc::Stats, in the IDL's order; the client half
 * starts at CLIENT_FIRST. */
static const Field fields[] = {
  FIELD32 (lease_ms),     FIELD32 (pin_ms),         FIELD32 (exported),
  FIELD32 (permanent),    FIELD32 (unreferenced),   FIELD32 (holders),
  FIELD32 (clients),      FIELD32 (pins),           FIELD64 (dirty_calls),
  FIELD64 (clean_calls),  FIELD64 (leases_granted), FIELD64 (leases_expired),
  FIELD64 (late_ignored), FIELD64 (collected),      FIELD32 (proxies),
  FIELD32 (servers),      FIELD64 (dirty_sent),     FIELD64 (renewals_sent),
  FIELD64 (clean_sent),   FIELD64 (dirty_failed),   FIELD64 (clean_failed),
};
#define CLIENT_FIRST 14 /* proxies */
G_STATIC_ASSERT (G_N_ELEMENTS (fields) == 21);

static guint64
field_value (const GorbDgcStats *stats, const Field *field)
{
  const guint8 *p = (const guint8 *) stats + field->offset;
  guint64 wide;
  guint32 narrow;

  if (field->wide)
    {
      memcpy (&wide, p, sizeof wide);
      return wide;
    }
  memcpy (&narrow, p, sizeof narrow);
  return narrow;
}

static const char *
half_name (gsize i)
{
  return i < CLIENT_FIRST ? "server" : "client";
}

static void
print_text (const GorbDgcStats *stats)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i == 0 || i == CLIENT_FIRST)
        printf ("%s%s:\n", i == 0 ? "" : "\n", half_name (i));
      printf ("%s %" G_GUINT64_FORMAT "\n", fields[i].name, field_value (stats, &fields[i]));
    }
}

static void
print_json (const GorbDgcStats *stats, const char *endpoint)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "endpoint");
  json_builder_add_string_value (builder, endpoint);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i == 0 || i == CLIENT_FIRST)
        {
          if (i != 0)
            json_builder_end_object (builder);
          json_builder_set_member_name (builder, half_name (i));
          json_builder_begin_object (builder);
        }
      json_builder_set_member_name (builder, fields[i].name);
      /* counters stay far below 2^63; JSON readers using doubles are exact to 2^53 */
      json_builder_add_int_value (builder, (gint64) field_value (stats, &fields[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* The endpoint WHERE names: itself, or a reference's first endpoint. */
static char *
endpoint_of (const char *where, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;
  const char *endpoint;

  if (!g_str_has_prefix (where, "gorb:"))
    return g_strdup (where);
  ref = gorb_ref_parse (where, error);
  if (ref == NULL)
    return NULL;
  endpoint = gorb_ref_get_endpoint (ref);
  if (endpoint == NULL || *endpoint == '\0')
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_INV_OBJREF,
                   "the reference has no endpoint");
      return NULL;
    }
  return g_strdup (endpoint);
}

/* Asks the collector at @endpoint for its figures. */
static gboolean
fetch_stats (GorbOrb *orb, const char *endpoint, GorbDgcStats *stats, GError **error)
{
  g_autoptr (GorbRef) ref = NULL;
  g_autoptr (GObject) collector = NULL;

  ref = gorb_orb_dup_initial_reference (orb, endpoint, GORB_DGC_COLLECTOR_INITIAL_NAME, error);
  if (ref == NULL)
    return FALSE;
  collector = gorb_orb_resolve (orb, ref, error);
  if (collector == NULL)
    return FALSE;
  if (!GORB_IS_DGC_COLLECTOR (collector))
    {
      g_set_error (error, GORB_SYSTEM_ERROR, GORB_SYSTEM_ERROR_INV_OBJREF, "'%s' is not a %s",
                   GORB_DGC_COLLECTOR_INITIAL_NAME, gorb_dgc_collector_desc.repo_id);
      return FALSE;
    }
  return gorb_dgc_collector_stats (GORB_DGC_COLLECTOR (collector), stats, error);
}

int
gorb_cmd_stats (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "print one JSON object", NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("WHERE");
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autofree char *endpoint = NULL;
  g_auto (GorbDgcStats) stats = { 0 };

  orb = gorb_orb_new (&argc, &argv, &error); /* takes the --gorb-* options out */
  if (orb == NULL)
    {
      gorb_tool_fail (COMMAND, "%s", error->message);
      return GORB_TOOL_USAGE;
    }
  g_option_context_set_summary (context,
                                "Prints the distributed-GC figures of the gorb process at WHERE.");
  g_option_context_set_description (
      context, "WHERE: an endpoint (tcp://host:port, ipc://path) or a gorb: reference\n"
               "  (its endpoint is asked).\n"
               "Any --gorb-* option configures the ORB (--gorb-call-timeout-ms 2000).\n"
               "docs/dgc.md says what the figures mean.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return gorb_tool_fail_error (COMMAND, error);
  if (argc != 2)
    {
      gorb_tool_fail (COMMAND, "usage: gorb stats [--json] WHERE");
      return GORB_TOOL_USAGE;
    }

  endpoint = endpoint_of (argv[1], &error);
  if (endpoint == NULL)
    return gorb_tool_fail (COMMAND, "bad reference '%s': %s", argv[1], error->message);
  g_type_ensure (GORB_TYPE_DGC_COLLECTOR_PROXY);
  if (!fetch_stats (orb, endpoint, &stats, &error))
    return strstr (error->message, endpoint) != NULL /* the ORB's messages name it */
               ? gorb_tool_fail (COMMAND, "%s", error->message)
               : gorb_tool_fail (COMMAND, "%s: %s", endpoint, error->message);
  if (json)
    print_json (&stats, endpoint);
  else
    print_text (&stats);
  fflush (stdout);
  return GORB_TOOL_OK;
}
