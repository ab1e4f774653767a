/* gorb-tool.h - the `gorb` command line: one command per file
 *
 * `gorb COMMAND [OPTION…] [ARG…]`. Each command is a function taking the
 * arguments after the command name (argv[0] is the command's name) and
 * returning the process's exit status: 0 on success, 1 when the work
 * failed (the reason printed on stderr), 2 on a usage error. Commands print
 * their diagnostics through gorb_tool_fail() so that every message starts
 * with `gorb COMMAND: `.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum
{
  GORB_TOOL_OK = 0,
  GORB_TOOL_FAILED = 1,
  GORB_TOOL_USAGE = 2,
};

typedef int (*GorbToolFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *summary; /* one line, for `gorb --help` */
  GorbToolFunc run;
} GorbToolCommand;

/* The commands (tools/gorb-cmd-*.c) */
int gorb_cmd_encode (int argc, char **argv);
int gorb_cmd_decode (int argc, char **argv);
int gorb_cmd_naming (int argc, char **argv);
int gorb_cmd_stats (int argc, char **argv);

/* Prints `gorb COMMAND: MESSAGE` on stderr; returns GORB_TOOL_FAILED. */
int gorb_tool_fail (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Prints `gorb COMMAND: MESSAGE` for @error (if set) and returns
 * GORB_TOOL_USAGE for a GOptionContext error, GORB_TOOL_FAILED otherwise. */
int gorb_tool_fail_error (const char *command, const GError *error);

G_END_DECLS
