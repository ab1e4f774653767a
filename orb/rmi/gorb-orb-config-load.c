/* gorb-orb-config-load.c - where a GorbOrbConfig comes from: the key file,
 * the environment and the --gorb-* options, layered in that order
 *
 * Loading never half-applies: every layer is applied to a copy, which
 * replaces the caller's config only once everything has parsed and
 * validated. The options are parsed by one GOptionGroup, the one a program
 * adds to its own GOptionContext; gorb_orb_config_load() picks the
 * --gorb-* arguments out of argv and parses them with it.
 */
#include "gorb-orb-config-private.h"

#include <string.h>

#define CONFIG_ENV "GORB_CONFIG"
#define CONFIG_OPTION "gorb-config"
#define OPTION_PREFIX "--gorb-"

/* --gorb-* values, staged until the post-parse hook layers them on top of
 * the key file and the environment. */
typedef struct
{
  GorbOrbConfig *target; /* borrowed: the config the post-parse hook replaces */
  GorbOrbConfig args;    /* owned: the values of the options given */
  guint32 given;         /* bit i: gorb_config_settings[i] was given as an option */
  GPtrArray *endpoints;  /* owned: --gorb-endpoint values, in order */
  char *config_path;     /* owned: --gorb-config, or NULL */
} OptionState;
G_STATIC_ASSERT (GORB_CONFIG_N_SETTINGS <= 32); /* OptionState.given */

static gboolean
is_known_option (const char *option) /* without "--" */
{
  return strcmp (option, CONFIG_OPTION) == 0 || gorb_config_setting_by_option (option) != NULL;
}

/* The 1-based line of the last "@key =" in [@group] of a key file's text, 0
 * if none: GKeyFile keeps no line numbers, and an error without one sends
 * the user hunting. The last, because GKeyFile keeps the last duplicate. */
static guint
find_key_line (const char *data, const char *group, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean in_group = FALSE;
  guint found = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *end;

      if (*line == '[')
        {
          end = strchr (line, ']');
          in_group = end != NULL && (gsize) (end - line - 1) == strlen (group)
                     && strncmp (line + 1, group, end - line - 1) == 0;
          continue;
        }
      if (!in_group || *line == '#' || (end = strchr (line, '=')) == NULL)
        continue;
      *end = '\0';
      if (strcmp (g_strchomp (line), key) == 0)
        found = i + 1;
    }
  return found;
}

static gboolean
load_key_file (GorbOrbConfig *config, const char *path, const char *path_source, GError **error)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  g_auto (GStrv) keys = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_FILE, "%s: %s", path_source,
                   local->message);
      return FALSE;
    }
  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_FILE, "%s: %s", path,
                   local->message);
      return FALSE;
    }
  if (!g_key_file_has_group (key_file, GORB_CONFIG_GROUP))
    return TRUE; /* the file may configure other programs only */

  keys = g_key_file_get_keys (key_file, GORB_CONFIG_GROUP, NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++) /* in file order: the first fault is reported */
    {
      const GorbConfigSetting *s = gorb_config_setting_by_key (keys[i]);
      guint line = find_key_line (data, GORB_CONFIG_GROUP, keys[i]);
      g_autofree char *where = line > 0 ? g_strdup_printf ("%s:%u", path, line) : g_strdup (path);
      g_autofree char *source = g_strdup_printf ("%s: %s", where, keys[i]);

      if (s == NULL)
        {
          g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_UNKNOWN_KEY,
                       "%s: unknown key '%s' in group [" GORB_CONFIG_GROUP "]", where, keys[i]);
          return FALSE;
        }
      if (s->kind == GORB_CONFIG_KIND_ENDPOINTS)
        {
          gsize n_items;
          g_auto (GStrv) items
              = g_key_file_get_string_list (key_file, GORB_CONFIG_GROUP, keys[i], &n_items, &local);
          if (items == NULL && local != NULL)
            {
              g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE, "%s: %s",
                           source, local->message);
              return FALSE;
            }
          if (!gorb_config_set_endpoints (config, source, (const char *const *) items, n_items,
                                          error))
            return FALSE;
        }
      else
        {
          g_autofree char *value
              = g_key_file_get_string (key_file, GORB_CONFIG_GROUP, keys[i], &local);
          if (value == NULL)
            {
              g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE, "%s: %s",
                           source, local->message);
              return FALSE;
            }
          if (!gorb_config_apply_value (config, s, source, value, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_environment (GorbOrbConfig *config, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    {
      const char *value = g_getenv (gorb_config_settings[i].env);

      if (value != NULL && *value != '\0' /* an empty variable counts as unset */
          && !gorb_config_apply_value (config, &gorb_config_settings[i],
                                       gorb_config_settings[i].env, value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_options (GorbOrbConfig *config, OptionState *state, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    {
      const GorbConfigSetting *s = &gorb_config_settings[i];

      if ((state->given & (1u << i)) == 0)
        continue;
      switch (s->kind)
        {
        case GORB_CONFIG_KIND_ENDPOINTS: /* each was checked when given; this checks how many */
          if (!gorb_config_set_endpoints (config, OPTION_PREFIX "endpoint",
                                          (const char *const *) state->endpoints->pdata,
                                          state->endpoints->len, error))
            return FALSE;
          break;
        case GORB_CONFIG_KIND_ENCODING:
          config->encoding = state->args.encoding;
          break;
        case GORB_CONFIG_KIND_UINT:
        case GORB_CONFIG_KIND_UINT64:
          gorb_config_set_number (config, s, gorb_config_get_number (&state->args, s));
          break;
        case GORB_CONFIG_KIND_NAMING:
          g_free (config->naming);
          config->naming = g_strdup (state->args.naming);
          break;
        }
    }
  return TRUE;
}

/* defaults (state->target) < key file < environment < options, into
 * state->target if all of it is valid */
static gboolean
apply_layers (OptionState *state, GError **error)
{
  g_auto (GorbOrbConfig) work = { 0 };
  const char *path = state->config_path;
  const char *path_source = OPTION_PREFIX "config";

  gorb_orb_config_copy (state->target, &work);
  if (path == NULL)
    {
      path = g_getenv (CONFIG_ENV);
      path_source = CONFIG_ENV;
    }
  if (path != NULL && *path != '\0' && !load_key_file (&work, path, path_source, error))
    return FALSE;
  if (!apply_environment (&work, error) || !apply_options (&work, state, error)
      || !gorb_orb_config_validate (&work, error))
    return FALSE;
  gorb_orb_config_clear (state->target);
  *state->target = work;
  memset (&work, 0, sizeof work); /* moved */
  return TRUE;
}

static void
option_state_reset (OptionState *state)
{
  gorb_orb_config_clear (&state->args);
  gorb_orb_config_init (&state->args);
  state->given = 0;
  g_ptr_array_set_size (state->endpoints, 0);
  g_clear_pointer (&state->config_path, g_free);
}

static void
option_state_free (gpointer data)
{
  OptionState *state = data;

  gorb_orb_config_clear (&state->args);
  g_ptr_array_unref (state->endpoints);
  g_free (state->config_path);
  g_free (state);
}

static gboolean
on_option (const char *option_name, const char *value, gpointer data, GError **error)
{
  OptionState *state = data;
  const char *name = option_name + 2; /* GOption passes "--name" */
  const GorbConfigSetting *s = gorb_config_setting_by_option (name);

  if (strcmp (name, CONFIG_OPTION) == 0)
    {
      if (*value == '\0')
        {
          g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                       "%s: empty file name", option_name);
          return FALSE;
        }
      g_free (state->config_path);
      state->config_path = g_strdup (value);
      return TRUE;
    }
  g_return_val_if_fail (s != NULL, FALSE); /* GOption only calls us for our entries */
  state->given |= 1u << (s - gorb_config_settings);
  if (s->kind
      == GORB_CONFIG_KIND_ENDPOINTS) /* repeatable: collect; apply_options replaces the list */
    {
      g_autofree char *endpoint = g_strstrip (g_strdup (value));

      if (!gorb_config_check_endpoint (option_name, endpoint, error))
        return FALSE;
      g_ptr_array_add (state->endpoints, g_steal_pointer (&endpoint));
      return TRUE;
    }
  return gorb_config_apply_value (&state->args, s, option_name, value, error);
}

static gboolean
on_pre_parse (GOptionContext *context, GOptionGroup *group, gpointer data, GError **error)
{
  option_state_reset (data); /* a context may be parsed more than once */
  return TRUE;
}

static gboolean
on_post_parse (GOptionContext *context, GOptionGroup *group, gpointer data, GError **error)
{
  return apply_layers (data, error);
}

static GOptionGroup *
create_option_group (GorbOrbConfig *config, OptionState **state_out)
{
  OptionState *state = g_new0 (OptionState, 1);
  GOptionEntry entries[G_N_ELEMENTS (gorb_config_settings) + 2];
  GOptionGroup *group;
  guint n = 0;

  state->target = config;
  gorb_orb_config_init (&state->args);
  state->endpoints = g_ptr_array_new_with_free_func (g_free);

  /* NOALIAS: the group is called "gorb", so GOption would also accept
   * --gorb-gorb-encoding otherwise. FILENAME: file names and endpoints pass
   * through in the locale's bytes, unconverted. */
  entries[n++] = (GOptionEntry){ CONFIG_OPTION,
                                 0,
                                 G_OPTION_FLAG_NOALIAS | G_OPTION_FLAG_FILENAME,
                                 G_OPTION_ARG_CALLBACK,
                                 (gpointer) on_option,
                                 "Read the [orb] group of FILE (default: $GORB_CONFIG)",
                                 "FILE" };
  for (guint i = 0; i < G_N_ELEMENTS (gorb_config_settings); i++)
    {
      const GorbConfigSetting *s = &gorb_config_settings[i];
      int flags = G_OPTION_FLAG_NOALIAS;

      if (s->kind == GORB_CONFIG_KIND_ENDPOINTS || s->kind == GORB_CONFIG_KIND_NAMING)
        flags |= G_OPTION_FLAG_FILENAME;
      entries[n++] = (GOptionEntry){
        s->option,         0, flags, G_OPTION_ARG_CALLBACK, (gpointer) on_option, s->description,
        s->arg_description
      };
    }
  entries[n] = (GOptionEntry){ NULL };

  group = g_option_group_new ("gorb", "gorb ORB Options:", "Show gorb ORB options", state,
                              option_state_free);
  g_option_group_add_entries (group, entries); /* copies the array; the strings are static */
  g_option_group_set_parse_hooks (group, on_pre_parse, on_post_parse);
  if (state_out != NULL)
    *state_out = state;
  return group;
}

/**
 * gorb_orb_config_get_option_group:
 * @config: an initialized config, which must outlive the option context
 *
 * For a program that parses its own options with a #GOptionContext: add
 * the returned group to the context, and g_option_context_parse() accepts
 * the `--gorb-*` options (`--help-gorb` lists them) and, once the whole
 * command line has parsed, loads @config exactly as gorb_orb_config_load()
 * does (key file < environment < options, on top of what @config holds),
 * failing the parse with a %GORB_CONFIG_ERROR if anything is invalid. An
 * unknown `--gorb-*` option is then the context's business
 * (%G_OPTION_ERROR_UNKNOWN_OPTION unless it ignores unknown options).
 *
 * Returns: (transfer full): a new option group, named "gorb"
 */
GOptionGroup *
gorb_orb_config_get_option_group (GorbOrbConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return create_option_group (config, NULL);
}

/**
 * gorb_orb_config_load:
 * @config: an initialized config; the values it holds are the defaults
 *   the sources override
 * @argc: (inout) (optional): the number of arguments in @argv
 * @argv: (inout) (array length=argc) (optional): the command line, as
 *   main() received it
 * @error: return location for a #GError
 *
 * Loads @config from, in increasing precedence, the key file named by
 * `--gorb-config FILE` or `$GORB_CONFIG` (its `[orb]` group; other groups
 * are left to other programs), the `GORB_*` environment variables (read
 * with g_getenv(): call this before starting threads that change the
 * environment) and the `--gorb-*` options in @argv.
 *
 * Options take their value as `--gorb-x VALUE` or `--gorb-x=VALUE`;
 * `--gorb-endpoint` may be repeated, and the endpoints given replace those
 * from the file or the environment. Options are looked for up to the first
 * `--`. Those consumed are removed from @argv (which stays %NULL-terminated
 * if it was) and @argc is decreased, like gtk_init(); the strings are not
 * freed. The program's own arguments, `--` and everything after it stay in
 * place and in order.
 *
 * On error, @config, @argc and @argv are left unchanged.
 *
 * Errors:
 *  - %GORB_CONFIG_ERROR_INVALID_VALUE for a value that does not parse or is
 *    out of range, or an option without a value; the message names the
 *    source and the value (`GORB_CALL_TIMEOUT_MS: 'abc' is not a number`,
 *    `--gorb-encoding: 'json' is not one of cdr, xml`,
 *    `orb.conf:4: call-timeout-ms: 'abc' is not a number`)
 *  - %GORB_CONFIG_ERROR_UNKNOWN_KEY for a key of the `[orb]` group or a
 *    `--gorb-*` option gorb does not know
 *    (`orb.conf:3: unknown key 'call-timeot-ms' in group [orb]`,
 *    `--gorb-bogus: unknown option`)
 *  - %GORB_CONFIG_ERROR_FILE if the key file cannot be read or is not a key
 *    file
 *
 * Returns: %TRUE on success
 */
gboolean
gorb_orb_config_load (GorbOrbConfig *config, int *argc, char ***argv, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char **options = NULL; /* borrowed strings: argv[0] and the --gorb-* ones */
  g_autofree gboolean *consumed = NULL;
  int n_args = argc != NULL && argv != NULL && *argv != NULL ? *argc : 0;
  int n_options = 0;
  OptionState *state;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (n_args >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  options = g_new0 (char *, n_args + 2);
  consumed = g_new0 (gboolean, n_args + 1);
  options[n_options++] = n_args > 0 ? (*argv)[0] : (char *) "gorb";
  for (int i = 1; i < n_args; i++)
    {
      const char *arg = (*argv)[i];
      const char *eq = strchr (arg, '=');
      g_autofree char *name = NULL;

      if (strcmp (arg, "--") == 0)
        break;
      if (!g_str_has_prefix (arg, OPTION_PREFIX))
        continue;
      name = eq != NULL ? g_strndup (arg, eq - arg) : g_strdup (arg);
      if (!is_known_option (name + 2))
        {
          g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_UNKNOWN_KEY,
                       "%s: unknown option", name);
          return FALSE;
        }
      options[n_options++] = (*argv)[i];
      consumed[i] = TRUE;
      if (eq != NULL)
        continue;
      if (i + 1 == n_args)
        {
          g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE,
                       "%s: missing value", name);
          return FALSE;
        }
      options[n_options++] = (*argv)[++i]; /* whatever it is, as GOption takes it */
      consumed[i] = TRUE;
    }

  /* One definition of each option: parse them with the same group a
   * program would add to its own context. */
  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_main_group (context, create_option_group (config, &state));
  if (n_options == 1)
    {
      /* no option: skip the parse (and its g_set_prgname()), keep the layering */
      if (!apply_layers (state, error))
        return FALSE;
    }
  else
    {
      g_autoptr (GError) local = NULL;
      int n = n_options;
      char **parsed = options;

      if (!g_option_context_parse (context, &n, &parsed, &local))
        {
          if (local->domain == GORB_CONFIG_ERROR)
            g_propagate_error (error, g_steal_pointer (&local));
          else /* cannot happen with the names and values checked above */
            g_set_error (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE, "%s",
                         local->message);
          return FALSE;
        }
    }

  if (n_args > 0)
    {
      int kept = 1;

      for (int i = 1; i < n_args; i++)
        if (!consumed[i])
          (*argv)[kept++] = (*argv)[i];
      if (kept < n_args)
        (*argv)[kept] = NULL;
      *argc = kept;
    }
  return TRUE;
}
