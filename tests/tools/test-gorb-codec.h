/* test-gorb-codec.h - what the `gorb encode`/`decode` test files share:
 * running the built gorb as a real process */
#pragma once

#include "gorb-test.h"

#include <gorb.h>

G_BEGIN_DECLS

#define TEST_TYPES_IDL GORB_TEST_SOURCE_DIR "/common/gorb-test-types.idl"
#define TOOLS_TYPES_IDL GORB_TEST_SOURCE_DIR "/tools/tools-types.idl"

typedef struct
{
  int status;  /* the exit status; -1 if it did not exit normally */
  GBytes *out; /* standard output */
  char *err;   /* standard error, NUL-terminated */
} ToolRun;

/* Runs `gorb ARG...` (NULL-terminated) with @input on standard input. */
ToolRun *tool_run (GBytes *input, const char *arg, ...) G_GNUC_NULL_TERMINATED;
void tool_run_free (ToolRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToolRun, tool_run_free)

/* `gorb COMMAND --idl IDL --type TYPE [ARG...]` (NULL-terminated) with
 * @input on standard input. */
ToolRun *tool_codec (const char *command, const char *idl, const char *type, GBytes *input,
                     ...) G_GNUC_NULL_TERMINATED;

/* @text as bytes, without its NUL. */
GBytes *text_bytes (const char *text);

/* Asserts that @run failed with @status and that stderr says @substring. */
void tool_assert_fails (ToolRun *run, int status, const char *substring);

/* The suite of error cases (test-gorb-codec-errors.c). */
extern CU_TestInfo tool_error_tests[];

G_END_DECLS
