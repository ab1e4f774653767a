/* gorb-cmd-codec.c - `gorb encode` and `gorb decode`, as protoc --encode/--decode
 *
 *   gorb encode --idl FILE [-I DIR]... --type Mod::Type [--format cdr|xml]
 *               [--byte-order little|big] [--hex] [--encapsulation]  < value.json
 *   gorb decode (the same options)                                    < bytes
 *
 * The IDL file is parsed and checked as gorb-idlc does (its diagnostics
 * printed as gorb-idlc prints them), the type's descriptor built at run time
 * (idlc-runtime.h), and the value goes through libgorb's own codecs: the
 * bytes are those the generated code would write. JSON: gorb-json.h;
 * docs/tools.md describes both commands. */
#include "gorb-json.h"
#include "gorb-tool.h"
#include "idlc-check.h"
#include "idlc-parser.h"
#include "idlc-runtime.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Standard input beyond this is refused rather than read. */
#define GORB_TOOL_MAX_INPUT (256u * 1024 * 1024)

/* Type names listed when --type names none. */
#define MAX_LISTED 30

typedef struct
{
  const char *command; /* "encode" or "decode" */
  char *idl;
  char **include_dirs;
  char *type;
  char *format;
  char *byte_order;
  gboolean hex;
  gboolean encapsulation;
  gboolean xml;        /* from format */
  GorbByteOrder order; /* from byte_order */
} Options;

static void
options_clear (Options *o)
{
  g_free (o->idl);
  g_strfreev (o->include_dirs);
  g_free (o->type);
  g_free (o->format);
  g_free (o->byte_order);
}

static int
usage_error (const char *command, const char *message)
{
  fprintf (stderr, "gorb %s: %s\nTry 'gorb %s --help'.\n", command, message, command);
  return GORB_TOOL_USAGE;
}

/* Returns -1 when the options are good, else the exit status. */
static int
parse_options (Options *o, int argc, char **argv)
{
  gboolean encode = strcmp (o->command, "encode") == 0;
  const GOptionEntry entries[] = {
    { "idl", 0, 0, G_OPTION_ARG_FILENAME, &o->idl, "The IDL file that defines the type", "FILE" },
    { "include", 'I', 0, G_OPTION_ARG_FILENAME_ARRAY, &o->include_dirs,
      "Look for #include'd IDL files in DIR (repeatable)", "DIR" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &o->type, "The type: Mod::Type or ::Mod::Type", "NAME" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->format, "cdr (the default) or xml", "FORMAT" },
    { "byte-order", 0, 0, G_OPTION_ARG_STRING, &o->byte_order,
      encode ? "CDR byte order: little (the default) or big"
             : "CDR byte order: little (the default) or big; with --encapsulation the data's "
               "own flag decides",
      "ORDER" },
    { "hex", 0, 0, G_OPTION_ARG_NONE, &o->hex,
      encode ? "Write the bytes as hex text" : "Read the bytes as hex text (whitespace allowed)",
      NULL },
    { "encapsulation", 0, 0, G_OPTION_ARG_NONE, &o->encapsulation,
      "CDR as an encapsulation: a byte-order octet first, alignment counted from it", NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autofree char *prgname = g_strconcat ("gorb ", o->command, NULL);
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_set_prgname (prgname);
  g_option_context_set_summary (
      context, encode ? "Reads a JSON value of the type on standard input and writes its\n"
                        "encoding (CDR or XML) on standard output."
                      : "Reads the encoding (CDR or XML) of a value of the type on standard\n"
                        "input and writes it as JSON on standard output.");
  g_option_context_set_description (
      context, "CDR is a plain stream whose alignment starts at its first byte, unless\n"
               "--encapsulation. Standard input is read whole, up to 256 MiB. decode refuses\n"
               "truncated input and trailing bytes. The JSON mapping is in docs/tools.md.\n"
               "Exit status: 0 done, 1 failed (the reason on stderr), 2 usage error.\n");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  for (int i = 0; i < argc; i++) /* -IDIR as gorb-idlc takes it: GOption wants -I DIR */
    if (strncmp (argv[i], "-I", 2) == 0 && argv[i][2] != '\0')
      {
        g_strv_builder_add (builder, "-I");
        g_strv_builder_add (builder, argv[i] + 2);
      }
    else
      g_strv_builder_add (builder, argv[i]);
  g_auto (GStrv) args = g_strv_builder_end (builder);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (o->command, error->message);
  if (g_strv_length (args) > 1)
    return usage_error (o->command, "unexpected argument (the input is read from stdin)");
  if (o->idl == NULL || o->type == NULL)
    return usage_error (o->command, "--idl FILE and --type NAME are required");
  if (o->format == NULL || strcmp (o->format, "cdr") == 0)
    o->xml = FALSE;
  else if (strcmp (o->format, "xml") == 0)
    o->xml = TRUE;
  else
    return usage_error (o->command, "--format must be cdr or xml");
  if (o->byte_order == NULL || strcmp (o->byte_order, "little") == 0)
    o->order = GORB_BYTE_ORDER_LITTLE;
  else if (strcmp (o->byte_order, "big") == 0)
    o->order = GORB_BYTE_ORDER_BIG;
  else
    return usage_error (o->command, "--byte-order must be little or big");
  if (o->xml && (o->encapsulation || o->byte_order != NULL))
    return usage_error (o->command, "--byte-order and --encapsulation apply to CDR only");
  return -1;
}

/* The IDL file, checked; NULL (the diagnostics printed) on errors. */
static IdlcAst *
load_idl (const Options *o)
{
  g_autoptr (GPtrArray) dirs = g_ptr_array_new ();
  g_autoptr (IdlcDiag) diag = idlc_diag_new ();
  g_autoptr (IdlcAst) ast = NULL;

  for (guint i = 0; o->include_dirs != NULL && o->include_dirs[i] != NULL; i++)
    g_ptr_array_add (dirs, o->include_dirs[i]);
  g_ptr_array_add (dirs, NULL);
  ast = idlc_parse_file (o->idl, (const char *const *) dirs->pdata, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    idlc_check (ast, diag);
  if (idlc_diag_get_n_errors (diag) == 0)
    return g_steal_pointer (&ast);
  idlc_diag_print (diag, stderr);
  return NULL;
}

static IdlcRuntimeType *
build_type (const Options *o, const IdlcAst *ast)
{
  g_autoptr (GError) error = NULL;
  IdlcRuntimeType *type = idlc_runtime_type_new (ast, o->type, &error);

  if (type != NULL)
    return type;
  if (!g_error_matches (error, IDLC_RUNTIME_ERROR, IDLC_RUNTIME_ERROR_NOT_FOUND))
    {
      gorb_tool_fail (o->command, "%s", error->message);
      return NULL;
    }
  const char *near = idlc_runtime_suggest_type (ast, o->type);
  g_autoptr (GPtrArray) names = idlc_runtime_list_types (ast, TRUE);
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; i < names->len && i < MAX_LISTED; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (names, i));
  if (names->len > MAX_LISTED)
    g_string_append_printf (list, " and %u more", names->len - MAX_LISTED);
  if (near != NULL)
    gorb_tool_fail (o->command, "no type '%s' in '%s'; did you mean '%s'?", o->type, o->idl, near);
  else
    gorb_tool_fail (o->command, "no type '%s' in '%s'", o->type, o->idl);
  if (names->len > 0)
    gorb_tool_fail (o->command, "the types of '%s': %s", o->idl, list->str);
  else
    gorb_tool_fail (o->command, "'%s' defines no data type", o->idl);
  return NULL;
}

/* All of standard input (binary: nothing is translated). */
static GBytes *
read_stdin (const char *command)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    {
      if (data->len + n > GORB_TOOL_MAX_INPUT)
        {
          gorb_tool_fail (command, "standard input exceeds %u MiB",
                          GORB_TOOL_MAX_INPUT / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  if (ferror (stdin))
    {
      gorb_tool_fail (command, "cannot read standard input: %s", g_strerror (errno));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
write_stdout (const char *command, gconstpointer data, gsize len)
{
  if ((len > 0 && fwrite (data, 1, len, stdout) != len) || fflush (stdout) != 0)
    {
      gorb_tool_fail (command, "cannot write standard output: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static char *
to_hex (const guint8 *data, gsize len)
{
  GString *out = g_string_sized_new (len * 2 + len / 32 + 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x%s", data[i], (i + 1) % 32 == 0 || i + 1 == len ? "\n" : "");
  return g_string_free (out, FALSE);
}

/* Hex text to bytes; whitespace anywhere is skipped. */
static GBytes *
from_hex (const char *command, const char *text, gsize len)
{
  g_autoptr (GByteArray) out = g_byte_array_sized_new ((guint) (len / 2));
  int high = -1;

  for (gsize i = 0; i < len; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);
      if (g_ascii_isspace (text[i]))
        continue;
      if (digit < 0)
        {
          guchar c = (guchar) text[i];
          gorb_tool_fail (command,
                          c >= 0x20 && c < 0x7f
                              ? "bad hex digit '%c' at offset %" G_GSIZE_FORMAT
                              : "bad hex digit (byte 0x%02x) at offset %" G_GSIZE_FORMAT,
                          c, i);
          return NULL;
        }
      if (high < 0)
        high = digit;
      else
        {
          guint8 byte = (guint8) (high << 4 | digit);
          g_byte_array_append (out, &byte, 1);
          high = -1;
        }
    }
  if (high >= 0)
    {
      gorb_tool_fail (command, "odd number of hex digits");
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
encode (const Options *o, const GorbTypeDesc *type, gconstpointer value, GError **error)
{
  GorbCdrWriter writer;

  if (o->xml)
    return gorb_xml_encode (type, value, NULL, error);
  if (o->encapsulation)
    gorb_cdr_writer_init_encapsulation (&writer, o->order);
  else
    gorb_cdr_writer_init (&writer, o->order);
  if (!gorb_cdr_write_value (&writer, type, value, error))
    {
      gorb_cdr_writer_clear (&writer);
      return NULL;
    }
  return gorb_cdr_writer_steal_bytes (&writer);
}

static gboolean
decode (const Options *o, const GorbTypeDesc *type, GBytes *input, gpointer value, GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (input, &len);
  GorbCdrReader reader;

  if (o->xml)
    return gorb_xml_decode (type, (const char *) data, len, NULL, value, error);
  if (!o->encapsulation)
    return gorb_cdr_decode (type, data, len, o->order, value, error);
  if (!gorb_cdr_reader_init_encapsulation (&reader, data, len, error)
      || !gorb_cdr_read_value (&reader, type, value, error))
    return FALSE;
  if (reader.pos == reader.len)
    return TRUE;
  gorb_value_clear (type, value);
  g_set_error (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_TRAILING,
               "%" G_GSIZE_FORMAT " byte%s left over after the value at offset %" G_GSIZE_FORMAT,
               reader.len - reader.pos, reader.len - reader.pos == 1 ? "" : "s", reader.pos);
  return FALSE;
}

static int
run_encode (const Options *o, const GorbTypeDesc *type, GBytes *input)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) output = NULL;
  gpointer value = gorb_value_new0 (type);
  gsize len;
  const char *text = g_bytes_get_data (input, &len);
  gboolean ok = gorb_json_read_value (type, text, len, value, &error);

  if (ok)
    {
      gorb_json_objref_hooks_push ();
      output = encode (o, type, value, &error);
      gorb_json_objref_hooks_pop ();
    }
  gorb_value_free (type, value);
  if (output == NULL)
    return gorb_tool_fail_error (o->command, error);
  const guint8 *bytes = g_bytes_get_data (output, &len);
  if (o->hex)
    {
      g_autofree char *hex = to_hex (bytes, len);
      return write_stdout (o->command, hex, strlen (hex)) ? GORB_TOOL_OK : GORB_TOOL_FAILED;
    }
  return write_stdout (o->command, bytes, len) ? GORB_TOOL_OK : GORB_TOOL_FAILED;
}

static int
run_decode (const Options *o, const GorbTypeDesc *type, GBytes *input)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *json = NULL;
  gpointer value;
  gboolean ok;

  if (o->hex)
    {
      gsize len;
      const char *text = g_bytes_get_data (input, &len);
      bytes = from_hex (o->command, text, len);
      if (bytes == NULL)
        return GORB_TOOL_FAILED;
    }
  else
    bytes = g_bytes_ref (input);
  value = gorb_value_new0 (type);
  gorb_json_objref_hooks_push ();
  ok = decode (o, type, bytes, value, &error);
  gorb_json_objref_hooks_pop ();
  if (ok)
    json = gorb_json_write_value (type, value, &error);
  gorb_value_free (type, value);
  if (json == NULL)
    return gorb_tool_fail_error (o->command, error);
  return write_stdout (o->command, json, strlen (json)) ? GORB_TOOL_OK : GORB_TOOL_FAILED;
}

static int
run (const char *command, int argc, char **argv)
{
  Options o = { .command = command };
  g_autoptr (IdlcAst) ast = NULL;
  g_autoptr (IdlcRuntimeType) type = NULL;
  g_autoptr (GBytes) input = NULL;
  int status = parse_options (&o, argc, argv);

  if (status < 0)
    {
      status = GORB_TOOL_FAILED;
      if ((ast = load_idl (&o)) != NULL && (type = build_type (&o, ast)) != NULL
          && (input = read_stdin (command)) != NULL)
        status = strcmp (command, "encode") == 0
                     ? run_encode (&o, idlc_runtime_type_get_desc (type), input)
                     : run_decode (&o, idlc_runtime_type_get_desc (type), input);
    }
  options_clear (&o);
  return status;
}

int
gorb_cmd_encode (int argc, char **argv)
{
  return run ("encode", argc, argv);
}

int
gorb_cmd_decode (int argc, char **argv)
{
  return run ("decode", argc, argv);
}
