/* tests/rmi/test-orb-config.c - GorbOrbConfig: defaults, key file, environment,
 * options, their precedence, argv stripping, errors and the key-file round trip */
#include "gorb-test.h"

#include <glib/gstdio.h>
#include <gorb.h>
#include <string.h>

static const char *const env_names[] = {
  "GORB_CONFIG",          "GORB_ENDPOINTS",        "GORB_ENCODING",       "GORB_CALL_TIMEOUT_MS",
  "GORB_RETRANSMIT_MS",   "GORB_POOL_THREADS",     "GORB_POOL_QUEUE_MAX", "GORB_REPLY_CACHE_MS",
  "GORB_REPLY_CACHE_MAX", "GORB_MAX_MESSAGE_SIZE", "GORB_LEASE_MS",       "GORB_NAMING",
};

static struct
{
  char *dir;            /* a temporary directory for key files */
  GPtrArray *files;     /* paths written in it, removed by teardown */
  GorbOrbConfig config; /* initialized by setup */
} fx;

static void
unset_environment (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    g_unsetenv (env_names[i]);
}

static int
suite_init (void)
{
  fx.dir = g_dir_make_tmp ("gorb-orb-config-XXXXXX", NULL);
  return fx.dir != NULL ? 0 : -1;
}

static int
suite_cleanup (void)
{
  g_rmdir (fx.dir);
  g_clear_pointer (&fx.dir, g_free);
  return 0;
}

static void
setup (void)
{
  unset_environment ();
  fx.files = g_ptr_array_new_with_free_func (g_free);
  gorb_orb_config_init (&fx.config);
}

static void
teardown (void)
{
  unset_environment ();
  for (guint i = 0; i < fx.files->len; i++)
    g_unlink (fx.files->pdata[i]);
  g_clear_pointer (&fx.files, g_ptr_array_unref);
  gorb_orb_config_clear (&fx.config);
}

/* Writes @text to @name in the temporary directory; returns its path (borrowed). */
static const char *
write_file (const char *name, const char *text)
{
  char *path = g_build_filename (fx.dir, name, NULL);

  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, text, -1, NULL));
  g_ptr_array_add (fx.files, path);
  return path;
}

/* Loads fx.config from @args (NULL-terminated, without argv[0]). */
static gboolean
load_args (const char *const *args, GError **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  char **pointer;
  int argc;

  g_ptr_array_add (argv, (char *) "prog");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  argc = argv->len;
  g_ptr_array_add (argv, NULL);
  pointer = (char **) argv->pdata;
  return gorb_orb_config_load (&fx.config, &argc, &pointer, error);
}

/* A field as gorb_orb_config_to_key_file_data() writes it. */
static char *
field_text (const GorbOrbConfig *config, const char *key)
{
  g_autofree char *data = gorb_orb_config_to_key_file_data (config);
  g_autoptr (GKeyFile) key_file = g_key_file_new ();

  CU_ASSERT_TRUE_FATAL (g_key_file_load_from_data (key_file, data, -1, G_KEY_FILE_NONE, NULL));
  return g_key_file_get_value (key_file, "orb", key, NULL);
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;

  CU_ASSERT_PTR_NULL (fx.config.endpoints);
  CU_ASSERT_EQUAL (fx.config.encoding, GORB_ENCODING_CDR);
  CU_ASSERT_EQUAL (fx.config.call_timeout_ms, 30000);
  CU_ASSERT_EQUAL (fx.config.retransmit_ms, 0);
  CU_ASSERT_EQUAL (fx.config.pool_threads, 8);
  CU_ASSERT_EQUAL (fx.config.pool_queue_max, 10000);
  CU_ASSERT_EQUAL (fx.config.reply_cache_ms, 60000);
  CU_ASSERT_EQUAL (fx.config.reply_cache_max, 10000);
  CU_ASSERT_EQUAL (fx.config.max_message_size, 256u << 20);
  CU_ASSERT_EQUAL (fx.config.max_message_size, GORB_TRANSPORT_DEFAULT_MAX_MESSAGE_SIZE);
  CU_ASSERT_EQUAL (fx.config.lease_ms, 60000);
  CU_ASSERT_PTR_NULL (fx.config.naming);
  CU_ASSERT_TRUE (gorb_orb_config_validate (&fx.config, &error));
  GORB_ASSERT_NO_ERROR (error);

  /* nothing set anywhere: loading changes nothing */
  CU_ASSERT_TRUE (load_args (NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  {
    GorbOrbConfig defaults;
    gorb_orb_config_init (&defaults);
    CU_ASSERT_TRUE (gorb_orb_config_equal (&fx.config, &defaults));
    gorb_orb_config_clear (&defaults);
  }
}

static void
test_retransmit_interval_rule (void)
{
  CU_ASSERT_EQUAL (gorb_orb_config_get_retransmit_interval_ms (&fx.config), 7500);
  fx.config.call_timeout_ms = 2000;
  CU_ASSERT_EQUAL (gorb_orb_config_get_retransmit_interval_ms (&fx.config), 500);
  fx.config.call_timeout_ms = 20; /* a quarter is 5: the floor is 10 */
  CU_ASSERT_EQUAL (gorb_orb_config_get_retransmit_interval_ms (&fx.config), 10);
  fx.config.call_timeout_ms = 0; /* no timeout: a quarter of the default one */
  CU_ASSERT_EQUAL (gorb_orb_config_get_retransmit_interval_ms (&fx.config), 7500);
  fx.config.retransmit_ms = 1234; /* explicit wins */
  CU_ASSERT_EQUAL (gorb_orb_config_get_retransmit_interval_ms (&fx.config), 1234);
}

static const char all_keys_file[] = "# every key\n"
                                    "[orb]\n"
                                    "endpoints = tcp://127.0.0.1:0;ipc:///tmp/x\n"
                                    "encoding = xml\n"
                                    "call-timeout-ms = 5000\n"
                                    "retransmit-ms = 700\n"
                                    "pool-threads = 3\n"
                                    "pool-queue-max = 42\n"
                                    "reply-cache-ms = 1500\n"
                                    "reply-cache-max = 77\n"
                                    "max-message-size = 65536\n"
                                    "lease-ms = 9000\n"
                                    "naming = tcp://127.0.0.1:2809\n";

static void
check_all_keys_values (void)
{
  const char *const endpoints[] = { "tcp://127.0.0.1:0", "ipc:///tmp/x", NULL };

  CU_ASSERT_PTR_NOT_NULL_FATAL (fx.config.endpoints);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) fx.config.endpoints, endpoints));
  CU_ASSERT_EQUAL (fx.config.encoding, GORB_ENCODING_XML);
  CU_ASSERT_EQUAL (fx.config.call_timeout_ms, 5000);
  CU_ASSERT_EQUAL (fx.config.retransmit_ms, 700);
  CU_ASSERT_EQUAL (fx.config.pool_threads, 3);
  CU_ASSERT_EQUAL (fx.config.pool_queue_max, 42);
  CU_ASSERT_EQUAL (fx.config.reply_cache_ms, 1500);
  CU_ASSERT_EQUAL (fx.config.reply_cache_max, 77);
  CU_ASSERT_EQUAL (fx.config.max_message_size, 65536);
  CU_ASSERT_EQUAL (fx.config.lease_ms, 9000);
  CU_ASSERT_STRING_EQUAL (fx.config.naming, "tcp://127.0.0.1:2809");
}

static void
test_key_file_alone (void)
{
  g_autoptr (GError) error = NULL;
  const char *path = write_file ("orb.conf", all_keys_file);
  const char *args[] = { "--gorb-config", path, NULL };

  CU_ASSERT_TRUE (load_args (args, &error));
  GORB_ASSERT_NO_ERROR (error);
  check_all_keys_values ();

  /* the same file named by GORB_CONFIG */
  gorb_orb_config_clear (&fx.config);
  gorb_orb_config_init (&fx.config);
  g_setenv ("GORB_CONFIG", path, TRUE);
  CU_ASSERT_TRUE (gorb_orb_config_load (&fx.config, NULL, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  check_all_keys_values ();
}

static void
test_config_option_overrides_config_variable (void)
{
  g_autoptr (GError) error = NULL;
  const char *env_file = write_file ("env.conf", "[orb]\npool-threads = 5\nlease-ms = 5000\n");
  const char *arg_file = write_file ("arg.conf", "[orb]\npool-threads = 6\n");
  const char *args[] = { "--gorb-config=", NULL };
  g_autofree char *option = g_strconcat (args[0], arg_file, NULL);
  const char *args2[] = { option, NULL };

  g_setenv ("GORB_CONFIG", env_file, TRUE);
  CU_ASSERT_TRUE (load_args (args2, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (fx.config.pool_threads, 6);
  CU_ASSERT_EQUAL (fx.config.lease_ms, 60000); /* one file only: env.conf was not read */

  CU_ASSERT_FALSE (load_args (args, &error)); /* --gorb-config= names no file */
  GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "--gorb-config: empty file name"));
}

static void
test_environment_alone (void)
{
  g_autoptr (GError) error = NULL;

  g_setenv ("GORB_ENDPOINTS", "tcp://127.0.0.1:0; ipc:///tmp/x;", TRUE); /* spaces, trailing ; */
  g_setenv ("GORB_ENCODING", "XML", TRUE);                               /* any case */
  g_setenv ("GORB_CALL_TIMEOUT_MS", "5000", TRUE);
  g_setenv ("GORB_RETRANSMIT_MS", "700", TRUE);
  g_setenv ("GORB_POOL_THREADS", " 3 ", TRUE);
  g_setenv ("GORB_POOL_QUEUE_MAX", "42", TRUE);
  g_setenv ("GORB_REPLY_CACHE_MS", "1500", TRUE);
  g_setenv ("GORB_REPLY_CACHE_MAX", "77", TRUE);
  g_setenv ("GORB_MAX_MESSAGE_SIZE", "65536", TRUE);
  g_setenv ("GORB_LEASE_MS", "9000", TRUE);
  g_setenv ("GORB_NAMING", "tcp://127.0.0.1:2809", TRUE);
  CU_ASSERT_TRUE (gorb_orb_config_load (&fx.config, NULL, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  check_all_keys_values ();
}

static void
test_options_alone_in_both_forms (void)
{
  const char *separate[] = { "--gorb-endpoint",
                             "tcp://127.0.0.1:0",
                             "--gorb-endpoint",
                             "ipc:///tmp/x",
                             "--gorb-encoding",
                             "xml",
                             "--gorb-call-timeout-ms",
                             "5000",
                             "--gorb-retransmit-ms",
                             "700",
                             "--gorb-pool-threads",
                             "3",
                             "--gorb-pool-queue-max",
                             "42",
                             "--gorb-reply-cache-ms",
                             "1500",
                             "--gorb-reply-cache-max",
                             "77",
                             "--gorb-max-message-size",
                             "65536",
                             "--gorb-lease-ms",
                             "9000",
                             "--gorb-naming",
                             "tcp://127.0.0.1:2809",
                             NULL };
  const char *joined[] = { "--gorb-endpoint=tcp://127.0.0.1:0",
                           "--gorb-endpoint=ipc:///tmp/x",
                           "--gorb-encoding=xml",
                           "--gorb-call-timeout-ms=5000",
                           "--gorb-retransmit-ms=700",
                           "--gorb-pool-threads=3",
                           "--gorb-pool-queue-max=42",
                           "--gorb-reply-cache-ms=1500",
                           "--gorb-reply-cache-max=77",
                           "--gorb-max-message-size=65536",
                           "--gorb-lease-ms=9000",
                           "--gorb-naming=tcp://127.0.0.1:2809",
                           NULL };
  g_autoptr (GError) error = NULL;

  CU_ASSERT_TRUE (load_args (separate, &error));
  GORB_ASSERT_NO_ERROR (error);
  check_all_keys_values ();

  gorb_orb_config_clear (&fx.config);
  gorb_orb_config_init (&fx.config);
  CU_ASSERT_TRUE (load_args (joined, &error));
  GORB_ASSERT_NO_ERROR (error);
  check_all_keys_values ();
}

/* For each field, a distinct value per source; every combination of
 * sources must end with the value of the highest one present. */
static const struct
{
  const char *key, *env, *option;
  const char *values[3]; /* file, environment, option */
} precedence_fields[] = {
  { "endpoints",
    "GORB_ENDPOINTS",
    "--gorb-endpoint",
    { "tcp://127.0.0.1:1", "tcp://127.0.0.1:2", "tcp://127.0.0.1:3" } },
  { "encoding", "GORB_ENCODING", "--gorb-encoding", { "xml", "cdr", "xml" } },
  { "call-timeout-ms",
    "GORB_CALL_TIMEOUT_MS",
    "--gorb-call-timeout-ms",
    { "1001", "1002", "1003" } },
  { "retransmit-ms", "GORB_RETRANSMIT_MS", "--gorb-retransmit-ms", { "101", "102", "103" } },
  { "pool-threads", "GORB_POOL_THREADS", "--gorb-pool-threads", { "11", "12", "13" } },
  { "pool-queue-max", "GORB_POOL_QUEUE_MAX", "--gorb-pool-queue-max", { "21", "22", "23" } },
  { "reply-cache-ms", "GORB_REPLY_CACHE_MS", "--gorb-reply-cache-ms", { "2001", "2002", "2003" } },
  { "reply-cache-max", "GORB_REPLY_CACHE_MAX", "--gorb-reply-cache-max", { "31", "32", "33" } },
  { "max-message-size",
    "GORB_MAX_MESSAGE_SIZE",
    "--gorb-max-message-size",
    { "4096", "4294967296", "2048" } },
  { "lease-ms", "GORB_LEASE_MS", "--gorb-lease-ms", { "3001", "3002", "3003" } },
  { "naming",
    "GORB_NAMING",
    "--gorb-naming",
    { "ipc:///tmp/n1", "ipc:///tmp/n2", "ipc:///tmp/n3" } },
};

static void
test_precedence_field_by_field (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (precedence_fields); f++)
    {
      g_autofree char *default_text = field_text (&fx.config, precedence_fields[f].key);

      for (guint sources = 0; sources < 8; sources++) /* bit 0 file, 1 environment, 2 option */
        {
          const char *const *values = precedence_fields[f].values;
          g_autoptr (GError) error = NULL;
          g_autofree char *file_text = NULL;
          g_autofree char *option = NULL;
          g_autofree char *got = NULL;
          const char *expected = default_text;
          g_autofree char *expected_list = NULL;
          const char *args[2] = { NULL, NULL };

          unset_environment ();
          if (sources & 1)
            {
              file_text = g_strdup_printf ("[orb]\n%s = %s\n", precedence_fields[f].key, values[0]);
              g_setenv ("GORB_CONFIG", write_file ("precedence.conf", file_text), TRUE);
              expected = values[0];
            }
          if (sources & 2)
            {
              g_setenv (precedence_fields[f].env, values[1], TRUE);
              expected = values[1];
            }
          if (sources & 4)
            {
              option = g_strdup_printf ("%s=%s", precedence_fields[f].option, values[2]);
              args[0] = option;
              expected = values[2];
            }
          if (strcmp (precedence_fields[f].key, "endpoints") == 0 && expected != default_text)
            expected = expected_list = g_strconcat (expected, ";", NULL); /* a list */

          gorb_orb_config_clear (&fx.config);
          gorb_orb_config_init (&fx.config);
          CU_ASSERT_TRUE (load_args (args, &error));
          GORB_ASSERT_NO_ERROR (error);
          got = field_text (&fx.config, precedence_fields[f].key);
          if (g_strcmp0 (got, expected) != 0)
            g_printerr ("\n  %s, sources %u: got '%s', expected '%s'\n", precedence_fields[f].key,
                        sources, got, expected);
          CU_ASSERT_STRING_EQUAL (got, expected);
        }
    }
}

static void
test_argv_stripping (void)
{
  const char *original[] = { "prog",
                             "-v",
                             "--gorb-encoding",
                             "xml",
                             "input.txt",
                             "--gorb-call-timeout-ms=5",
                             "--output=x",
                             "--gorb-endpoint",
                             "inproc://a",
                             "--",
                             "--gorb-naming",
                             "not-an-endpoint",
                             NULL };
  const char *expected[]
      = { "prog", "-v", "input.txt", "--output=x", "--", "--gorb-naming", "not-an-endpoint", NULL };
  char *argv_storage[G_N_ELEMENTS (original)];
  char **argv = argv_storage;
  int argc = G_N_ELEMENTS (original) - 1;
  g_autoptr (GError) error = NULL;

  memcpy (argv_storage, original, sizeof original);
  CU_ASSERT_TRUE (gorb_orb_config_load (&fx.config, &argc, &argv, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (argc, G_N_ELEMENTS (expected) - 1);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) argv, expected));
  CU_ASSERT_EQUAL (fx.config.encoding, GORB_ENCODING_XML);
  CU_ASSERT_EQUAL (fx.config.call_timeout_ms, 5);
  CU_ASSERT_STRING_EQUAL (fx.config.endpoints[0], "inproc://a");
  CU_ASSERT_PTR_NULL (fx.config.naming); /* after "--": the program's */

  /* only the program's arguments: nothing changes */
  CU_ASSERT_TRUE (gorb_orb_config_load (&fx.config, &argc, &argv, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (argc, G_N_ELEMENTS (expected) - 1);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) argv, expected));
}

static void
test_repeated_endpoints_replace_lower_sources (void)
{
  const char *args[] = { "--gorb-endpoint", "ipc:///tmp/b", "--gorb-endpoint=tcp://127.0.0.1:7",
                         "--gorb-endpoint", "inproc://c",   NULL };
  const char *expected[] = { "ipc:///tmp/b", "tcp://127.0.0.1:7", "inproc://c", NULL };
  const char *from_env[] = { "tcp://127.0.0.1:1", "tcp://127.0.0.1:2", NULL };
  g_autoptr (GError) error = NULL;

  g_setenv ("GORB_ENDPOINTS", "tcp://127.0.0.1:1;tcp://127.0.0.1:2", TRUE);
  CU_ASSERT_TRUE (load_args (NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) fx.config.endpoints, from_env));

  CU_ASSERT_TRUE (load_args (args, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) fx.config.endpoints, expected));
}

static void
test_load_keeps_the_program_defaults (void)
{
  g_autoptr (GError) error = NULL;
  const char *path = write_file ("partial.conf", "[orb]\nlease-ms = 5000\n"
                                                 "[naming]\nstore = /var/lib/x\n"); /* not ours */

  fx.config.endpoints = g_strsplit ("tcp://*:2809", ";", -1);
  fx.config.pool_threads = 2;
  g_setenv ("GORB_CONFIG", path, TRUE);
  g_setenv ("GORB_ENCODING", "xml", TRUE);
  g_setenv ("GORB_POOL_THREADS", "", TRUE); /* empty: counts as unset */
  CU_ASSERT_TRUE (gorb_orb_config_load (&fx.config, NULL, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (fx.config.endpoints[0], "tcp://*:2809");
  CU_ASSERT_EQUAL (fx.config.pool_threads, 2);
  CU_ASSERT_EQUAL (fx.config.lease_ms, 5000);
  CU_ASSERT_EQUAL (fx.config.encoding, GORB_ENCODING_XML);
}

static void
test_empty_values_mean_none (void)
{
  g_autoptr (GError) error = NULL;
  const char *path = write_file ("empty.conf", "[orb]\nendpoints =\nnaming =\n");
  const char *args[] = { "--gorb-config", path, NULL };
  const char *clear_naming[] = { "--gorb-naming=", NULL };

  fx.config.endpoints = g_strsplit ("tcp://127.0.0.1:5", ";", -1);
  fx.config.naming = g_strdup ("tcp://127.0.0.1:2809");
  CU_ASSERT_TRUE (load_args (args, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (fx.config.endpoints);
  CU_ASSERT_PTR_NULL (fx.config.naming);

  g_setenv ("GORB_NAMING", "ipc:///tmp/naming", TRUE);
  CU_ASSERT_TRUE (load_args (clear_naming, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (fx.config.naming);
}

/* Each case: an environment variable, a key file (orb.conf, passed with
 * --gorb-config) and options, all optional; the error expected. */
static const struct
{
  const char *env, *env_value;
  const char *file;
  const char *args[4];
  int code;
  const char *message;
} error_cases[] = {
  { "GORB_CALL_TIMEOUT_MS",
    "abc",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_CALL_TIMEOUT_MS: 'abc' is not a number" },
  { "GORB_CALL_TIMEOUT_MS",
    "-5",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_CALL_TIMEOUT_MS: '-5' is not a number" },
  { "GORB_CALL_TIMEOUT_MS",
    "12ms",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_CALL_TIMEOUT_MS: '12ms' is not a number" },
  { "GORB_CALL_TIMEOUT_MS",
    "86400001",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_CALL_TIMEOUT_MS: '86400001' is out of range (0..86400000)" },
  { "GORB_POOL_THREADS",
    "0",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_POOL_THREADS: '0' is out of range (1..1024)" },
  { "GORB_POOL_THREADS",
    "99999999999999999999999",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_POOL_THREADS: '99999999999999999999999' is out of range" },
  { "GORB_RETRANSMIT_MS",
    "5",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_RETRANSMIT_MS: '5' is out of range (0 or 10..86400000)" },
  { "GORB_MAX_MESSAGE_SIZE",
    "1023",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_MAX_MESSAGE_SIZE: '1023' is out of range (1024..4294967296)" },
  { "GORB_ENCODING",
    "json",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_ENCODING: 'json' is not one of cdr, xml" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-encoding", "json", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "--gorb-encoding: 'json' is not one of cdr, xml" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-lease-ms=10", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "--gorb-lease-ms: '10' is out of range (100..86400000)" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-bogus=1", NULL },
    GORB_CONFIG_ERROR_UNKNOWN_KEY,
    "--gorb-bogus: unknown option" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-call-timeot-ms", "5", NULL },
    GORB_CONFIG_ERROR_UNKNOWN_KEY,
    "--gorb-call-timeot-ms: unknown option" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-gorb-encoding=xml", NULL },
    GORB_CONFIG_ERROR_UNKNOWN_KEY,
    "--gorb-gorb-encoding: unknown option" },
  { NULL,
    NULL,
    NULL,
    { "input", "--gorb-naming", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "--gorb-naming: missing value" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-endpoint", "tpc://127.0.0.1:1", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "--gorb-endpoint: no transport for scheme 'tpc'" },
  { NULL,
    NULL,
    NULL,
    { "--gorb-endpoint=", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "--gorb-endpoint: empty endpoint" },
  { "GORB_ENDPOINTS",
    "tcp://127.0.0.1:1;tcp://",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_ENDPOINTS: endpoint 'tcp://' has no address" },
  { "GORB_ENDPOINTS",
    "127.0.0.1:1",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_ENDPOINTS: endpoint '127.0.0.1:1' has no scheme" },
  { "GORB_NAMING",
    "gorb:IDL:X:1.0",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_NAMING: 'gorb:IDL:X:1.0' is not a reference: " },
  { "GORB_NAMING",
    "localhost:2809",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_NAMING: endpoint 'localhost:2809' has no scheme" },
  { NULL,
    NULL,
    "# a comment\n[orb]\ncall-timeot-ms = 5000\n",
    { NULL },
    GORB_CONFIG_ERROR_UNKNOWN_KEY,
    "orb.conf:3: unknown key 'call-timeot-ms' in group [orb]" },
  { NULL,
    NULL,
    "[orb]\nencoding = cdr\n\ncall-timeout-ms = abc\n",
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "orb.conf:4: call-timeout-ms: 'abc' is not a number" },
  { NULL,
    NULL,
    "[other]\ncall-timeout-ms = abc\n[orb]\npool-threads=2000\n",
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "orb.conf:4: pool-threads: '2000' is out of range (1..1024)" },
  { NULL,
    NULL,
    "[orb]\nendpoints = tcp://127.0.0.1:1;udp://x\n",
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "orb.conf:2: endpoints: no transport for scheme 'udp'" },
  { NULL,
    NULL,
    "[orb]\nencoding = json\n",
    { NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "orb.conf:2: encoding: 'json' is not one of cdr, xml" },
  { NULL,
    NULL,
    "[orb]\nthis line has no equals sign\n",
    { NULL },
    GORB_CONFIG_ERROR_FILE,
    "orb.conf: " },
  { NULL, NULL, "pool-threads = 3\n", { NULL }, GORB_CONFIG_ERROR_FILE, "orb.conf: " },
  { "GORB_CONFIG",
    "/nonexistent/gorb/orb.conf",
    NULL,
    { NULL },
    GORB_CONFIG_ERROR_FILE,
    "GORB_CONFIG: " },
  /* an invalid value is an error even where a higher source overrides it */
  { "GORB_ENCODING",
    "json",
    NULL,
    { "--gorb-encoding=xml", NULL },
    GORB_CONFIG_ERROR_INVALID_VALUE,
    "GORB_ENCODING: 'json'" },
};

static void
test_errors_name_source_and_value (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      char **argv_before;
      char **argv;
      int argc;
      GorbOrbConfig defaults;

      unset_environment ();
      if (error_cases[i].env != NULL)
        g_setenv (error_cases[i].env, error_cases[i].env_value, TRUE);
      g_ptr_array_add (args, (char *) "prog");
      if (error_cases[i].file != NULL)
        {
          g_ptr_array_add (args, (char *) "--gorb-config");
          g_ptr_array_add (args, (char *) write_file ("orb.conf", error_cases[i].file));
        }
      for (guint j = 0; error_cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (char *) error_cases[i].args[j]);
      argc = args->len;
      g_ptr_array_add (args, NULL);
      argv_before = g_memdup2 (args->pdata, args->len * sizeof (char *));
      argv = (char **) args->pdata;

      CU_ASSERT_FALSE (gorb_orb_config_load (&fx.config, &argc, &argv, &error));
      GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, error_cases[i].code);
      if (strstr (error->message, error_cases[i].message) == NULL)
        g_printerr ("\n  case %u: '%s' does not contain '%s'\n", i, error->message,
                    error_cases[i].message);
      CU_ASSERT_PTR_NOT_NULL (strstr (error->message, error_cases[i].message));

      /* nothing changed */
      CU_ASSERT_EQUAL (argc, (int) args->len - 1);
      CU_ASSERT_EQUAL (memcmp (argv_before, args->pdata, args->len * sizeof (char *)), 0);
      gorb_orb_config_init (&defaults);
      CU_ASSERT_TRUE (gorb_orb_config_equal (&fx.config, &defaults));
      gorb_orb_config_clear (&defaults);
      g_free (argv_before);
    }
}

static void
test_key_file_round_trip (void)
{
  GorbOrbConfig loaded;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;

  /* the defaults */
  data = gorb_orb_config_to_key_file_data (&fx.config);
  g_setenv ("GORB_CONFIG", write_file ("defaults.conf", data), TRUE);
  gorb_orb_config_init (&loaded);
  loaded.pool_threads = 99; /* overwritten by the file */
  CU_ASSERT_TRUE (gorb_orb_config_load (&loaded, NULL, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_orb_config_equal (&loaded, &fx.config));
  gorb_orb_config_clear (&loaded);

  /* every field off its default; an ';' in an endpoint, a gorb: reference */
  g_clear_pointer (&data, g_free);
  fx.config.endpoints = g_strsplit ("ipc:///tmp/a;b|tcp://127.0.0.1:9|inproc://x y", "|", -1);
  fx.config.encoding = GORB_ENCODING_XML;
  fx.config.call_timeout_ms = 0;
  fx.config.retransmit_ms = 10;
  fx.config.pool_threads = 1024;
  fx.config.pool_queue_max = 1;
  fx.config.reply_cache_ms = 86400000;
  fx.config.reply_cache_max = 10000000;
  fx.config.max_message_size = G_GUINT64_CONSTANT (1) << 32;
  fx.config.lease_ms = 100;
  fx.config.naming = g_strdup ("gorb:IDL:gorb.org/Naming/Context:1.0;key=0a0b;enc=cdr;"
                               "ep=tcp://127.0.0.1:2809");
  CU_ASSERT_TRUE (gorb_orb_config_validate (&fx.config, &error));
  GORB_ASSERT_NO_ERROR (error);
  data = gorb_orb_config_to_key_file_data (&fx.config);
  CU_ASSERT_PTR_NOT_NULL (strstr (data, "[orb]"));
  CU_ASSERT_PTR_NOT_NULL (strstr (data, "call-timeout-ms=0"));
  g_setenv ("GORB_CONFIG", write_file ("full.conf", data), TRUE);
  gorb_orb_config_init (&loaded);
  CU_ASSERT_TRUE (gorb_orb_config_load (&loaded, NULL, NULL, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (gorb_orb_config_equal (&loaded, &fx.config));
  CU_ASSERT_EQUAL (g_strv_length (loaded.endpoints), 3);
  CU_ASSERT_STRING_EQUAL (loaded.endpoints[0], "ipc:///tmp/a;b");
  CU_ASSERT_STRING_EQUAL (loaded.endpoints[2], "inproc://x y");
  gorb_orb_config_clear (&loaded);
}

static void
test_copy_and_equal (void)
{
  GorbOrbConfig copy;

  fx.config.endpoints = g_strsplit ("tcp://127.0.0.1:1", ";", -1);
  fx.config.naming = g_strdup ("tcp://127.0.0.1:2809");
  gorb_orb_config_copy (&fx.config, &copy);
  CU_ASSERT_TRUE (gorb_orb_config_equal (&fx.config, &copy));
  CU_ASSERT_PTR_NOT_EQUAL (copy.endpoints, fx.config.endpoints); /* deep */
  CU_ASSERT_PTR_NOT_EQUAL (copy.naming, fx.config.naming);
  copy.lease_ms++;
  CU_ASSERT_FALSE (gorb_orb_config_equal (&fx.config, &copy));
  copy.lease_ms--;
  g_clear_pointer (&copy.naming, g_free);
  CU_ASSERT_FALSE (gorb_orb_config_equal (&fx.config, &copy));
  gorb_orb_config_clear (&copy);
  gorb_orb_config_clear (&copy); /* twice is harmless */

  /* NULL and empty endpoint lists are equal */
  gorb_orb_config_init (&copy);
  g_clear_pointer (&fx.config.endpoints, g_strfreev);
  g_clear_pointer (&fx.config.naming, g_free);
  fx.config.endpoints = g_new0 (char *, 1);
  CU_ASSERT_TRUE (gorb_orb_config_equal (&fx.config, &copy));
  gorb_orb_config_clear (&copy);
}

/* Numeric fields by offset: the bounds validate accepts and just outside them. */
static const struct
{
  const char *key;
  gsize offset;
  gboolean is_64;
  guint64 lowest, highest; /* valid */
  gboolean zero_ok;        /* 0 valid, though below lowest */
} range_fields[] = {
  { "call-timeout-ms", G_STRUCT_OFFSET (GorbOrbConfig, call_timeout_ms), FALSE, 0, 86400000,
    FALSE },
  { "retransmit-ms", G_STRUCT_OFFSET (GorbOrbConfig, retransmit_ms), FALSE, 10, 86400000, TRUE },
  { "pool-threads", G_STRUCT_OFFSET (GorbOrbConfig, pool_threads), FALSE, 1, 1024, FALSE },
  { "pool-queue-max", G_STRUCT_OFFSET (GorbOrbConfig, pool_queue_max), FALSE, 1, 10000000, FALSE },
  { "reply-cache-ms", G_STRUCT_OFFSET (GorbOrbConfig, reply_cache_ms), FALSE, 100, 86400000,
    FALSE },
  { "reply-cache-max", G_STRUCT_OFFSET (GorbOrbConfig, reply_cache_max), FALSE, 1, 10000000,
    FALSE },
  { "max-message-size", G_STRUCT_OFFSET (GorbOrbConfig, max_message_size), TRUE, 1024,
    G_GUINT64_CONSTANT (1) << 32, FALSE },
  { "lease-ms", G_STRUCT_OFFSET (GorbOrbConfig, lease_ms), FALSE, 100, 86400000, FALSE },
};

static void
set_field (GorbOrbConfig *config, guint i, guint64 value)
{
  if (range_fields[i].is_64)
    G_STRUCT_MEMBER (guint64, config, range_fields[i].offset) = value;
  else
    G_STRUCT_MEMBER (guint, config, range_fields[i].offset) = (guint) value;
}

static void
expect_valid (gboolean valid, const char *key)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = gorb_orb_config_validate (&fx.config, &error);

  CU_ASSERT_EQUAL (ok, valid);
  if (valid)
    {
      GORB_ASSERT_NO_ERROR (error);
      return;
    }
  GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE);
  CU_ASSERT_TRUE (g_str_has_prefix (error->message, key)); /* names the key */
}

static void
test_validate_ranges (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (range_fields); i++)
    {
      GorbOrbConfig saved = fx.config;

      set_field (&fx.config, i, range_fields[i].lowest);
      expect_valid (TRUE, range_fields[i].key);
      set_field (&fx.config, i, range_fields[i].highest);
      expect_valid (TRUE, range_fields[i].key);
      set_field (&fx.config, i, range_fields[i].highest + 1);
      expect_valid (FALSE, range_fields[i].key);
      if (range_fields[i].lowest > 0)
        {
          set_field (&fx.config, i, range_fields[i].lowest - 1);
          expect_valid (range_fields[i].lowest - 1 == 0 && range_fields[i].zero_ok,
                        range_fields[i].key);
          set_field (&fx.config, i, 0);
          expect_valid (range_fields[i].zero_ok, range_fields[i].key);
        }
      fx.config = saved;
    }

  {
    g_autoptr (GError) error = NULL;

    fx.config.pool_threads = 0;
    CU_ASSERT_FALSE (gorb_orb_config_validate (&fx.config, &error));
    GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE);
    CU_ASSERT_STRING_EQUAL (error->message, "pool-threads: '0' is out of range (1..1024)");
    fx.config.pool_threads = 8;
  }

  fx.config.encoding = (GorbEncoding) 7;
  expect_valid (FALSE, "encoding");
  fx.config.encoding = GORB_ENCODING_XML;
  expect_valid (TRUE, "encoding");

  fx.config.endpoints = g_strsplit ("tcp://127.0.0.1:1;bogus", ";", -1);
  expect_valid (FALSE, "endpoints");
  g_strfreev (fx.config.endpoints);
  fx.config.endpoints = g_strsplit ("tcp://127.0.0.1:1;", ";", -1); /* an empty one */
  expect_valid (FALSE, "endpoints");
  g_strfreev (fx.config.endpoints);
  fx.config.endpoints = g_strsplit ("inproc://a;inproc://b;inproc://c;inproc://d;inproc://e;"
                                    "inproc://f;inproc://g;inproc://h;inproc://i;inproc://j;"
                                    "inproc://k;inproc://l;inproc://m;inproc://n;inproc://o;"
                                    "inproc://p",
                                    ";", -1);
  expect_valid (TRUE, "endpoints"); /* 16: as many as a reference carries */
  g_strfreev (fx.config.endpoints);
  fx.config.endpoints = g_strsplit ("inproc://a;inproc://b;inproc://c;inproc://d;inproc://e;"
                                    "inproc://f;inproc://g;inproc://h;inproc://i;inproc://j;"
                                    "inproc://k;inproc://l;inproc://m;inproc://n;inproc://o;"
                                    "inproc://p;inproc://q",
                                    ";", -1);
  expect_valid (FALSE, "endpoints");
  g_clear_pointer (&fx.config.endpoints, g_strfreev);

  fx.config.naming = g_strdup ("");
  expect_valid (FALSE, "naming");
  g_free (fx.config.naming);
  fx.config.naming = g_strdup ("gorb:nonsense");
  expect_valid (FALSE, "naming");
  g_free (fx.config.naming);
  fx.config.naming = g_strdup ("ipc:///run/gorb/naming");
  expect_valid (TRUE, "naming");
}

static void
test_option_group_in_a_program_context (void)
{
  gboolean verbose = FALSE;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Be verbose", NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "A name", "NAME" },
    G_OPTION_ENTRY_NULL,
  };
  const char *original[] = {
    "prog", "-v", "--gorb-call-timeout-ms", "5", "--name=x", "--gorb-endpoint=inproc://p",
    "rest", NULL,
  };
  const char *expected[] = { "prog", "rest", NULL };
  char *argv_storage[G_N_ELEMENTS (original)];
  char **argv = argv_storage;
  int argc = G_N_ELEMENTS (original) - 1;
  g_autoptr (GOptionContext) context = g_option_context_new ("- test");
  g_autoptr (GError) error = NULL;
  GOptionGroup *group = gorb_orb_config_get_option_group (&fx.config);
  g_autofree char *help = NULL;

  g_setenv ("GORB_ENCODING", "xml", TRUE);
  g_setenv ("GORB_CALL_TIMEOUT_MS", "7", TRUE); /* the option wins */
  memcpy (argv_storage, original, sizeof original);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, group);
  help = g_option_context_get_help (context, FALSE, group);
  CU_ASSERT_PTR_NOT_NULL (strstr (help, "--gorb-call-timeout-ms=MS"));
  CU_ASSERT_PTR_NOT_NULL (strstr (help, "--gorb-config=FILE"));

  CU_ASSERT_TRUE (g_option_context_parse (context, &argc, &argv, &error));
  GORB_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (verbose);
  CU_ASSERT_STRING_EQUAL (name, "x");
  CU_ASSERT_EQUAL (argc, 2);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) argv, expected));
  CU_ASSERT_EQUAL (fx.config.call_timeout_ms, 5);
  CU_ASSERT_EQUAL (fx.config.encoding, GORB_ENCODING_XML);
  CU_ASSERT_STRING_EQUAL (fx.config.endpoints[0], "inproc://p");

  /* a bad value fails the program's parse with our error */
  {
    const char *bad[] = { "prog", "--gorb-pool-threads=0", NULL };
    memcpy (argv_storage, bad, sizeof bad);
    argv = argv_storage;
    argc = 2;
    CU_ASSERT_FALSE (g_option_context_parse (context, &argc, &argv, &error));
    GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE);
    CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "--gorb-pool-threads: '0' is out of range"));
    CU_ASSERT_EQUAL (fx.config.pool_threads, 8); /* unchanged */
  }
  g_clear_error (&error);

  /* a bad environment fails it too, once the command line has parsed */
  {
    const char *plain[] = { "prog", NULL };
    memcpy (argv_storage, plain, sizeof plain);
    argv = argv_storage;
    argc = 1;
    g_setenv ("GORB_LEASE_MS", "soon", TRUE);
    CU_ASSERT_FALSE (g_option_context_parse (context, &argc, &argv, &error));
    GORB_ASSERT_ERROR (error, GORB_CONFIG_ERROR, GORB_CONFIG_ERROR_INVALID_VALUE);
    CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "GORB_LEASE_MS: 'soon' is not a number"));
  }
  g_clear_error (&error);
  g_unsetenv ("GORB_LEASE_MS");

  /* no --<group>-<option> aliases: the group is "gorb", its options are gorb-* already */
  {
    const char *alias[] = { "prog", "--gorb-gorb-encoding=cdr", NULL };
    memcpy (argv_storage, alias, sizeof alias);
    argv = argv_storage;
    argc = 2;
    CU_ASSERT_FALSE (g_option_context_parse (context, &argc, &argv, &error));
    GORB_ASSERT_ERROR (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION);
  }
}

static CU_TestInfo orb_config_tests[] = {
  { "defaults", test_defaults },
  { "automatic retransmission interval", test_retransmit_interval_rule },
  { "key file alone (--gorb-config, GORB_CONFIG)", test_key_file_alone },
  { "--gorb-config overrides GORB_CONFIG", test_config_option_overrides_config_variable },
  { "environment alone", test_environment_alone },
  { "options alone, --x v and --x=v", test_options_alone_in_both_forms },
  { "precedence field by field: defaults < file < environment < options",
    test_precedence_field_by_field },
  { "argv stripping keeps the program's arguments and --", test_argv_stripping },
  { "repeated --gorb-endpoint replaces lower sources",
    test_repeated_endpoints_replace_lower_sources },
  { "load keeps the program's defaults", test_load_keeps_the_program_defaults },
  { "empty values mean none", test_empty_values_mean_none },
  { "errors name their source and value", test_errors_name_source_and_value },
  { "key file round trip", test_key_file_round_trip },
  { "copy and equal", test_copy_and_equal },
  { "validate ranges", test_validate_ranges },
  { "option group in a program's GOptionContext", test_option_group_in_a_program_context },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "rmi/orb-config", suite_init, suite_cleanup, setup, teardown, orb_config_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
