/* gorb.c - the `gorb` command line: finds the command and runs it */
#include "gorb-tool.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const GorbToolCommand commands[] = {
  { "encode", "encode a JSON value of an IDL type as CDR or XML", gorb_cmd_encode },
  { "decode", "decode CDR or XML of an IDL type to a JSON value", gorb_cmd_decode },
  { "naming", "list, bind and resolve names of the naming service", gorb_cmd_naming },
  { "stats", "print the distributed-GC figures of a gorb process", gorb_cmd_stats },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: gorb COMMAND [OPTION…] [ARG…]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\n`gorb COMMAND --help` describes a command.\n");
}

int
gorb_tool_fail (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "gorb %s: %s\n", command, message);
  return GORB_TOOL_FAILED;
}

int
gorb_tool_fail_error (const char *command, const GError *error)
{
  if (error == NULL)
    return gorb_tool_fail (command, "failed");
  gorb_tool_fail (command, "%s", error->message);
  return error->domain == G_OPTION_ERROR ? GORB_TOOL_USAGE : GORB_TOOL_FAILED;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      print_usage (stderr);
      return GORB_TOOL_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return GORB_TOOL_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* what --help's "Usage:" line names (GOption takes the program name) */
        g_autofree char *prgname = g_strdup_printf ("gorb %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "gorb: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return GORB_TOOL_USAGE;
}
