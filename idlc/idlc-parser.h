/* idlc-parser.h - IDL text to syntax tree (recursive descent, CORBA 3 subset) */
#pragma once

#include "idlc-ast.h"

G_BEGIN_DECLS

typedef enum
{
  IDLC_PARSE_NONE = 0,
  IDLC_PARSE_NO_INCLUDES = 1 << 0, /* #include is an error (fuzzing, untrusted text) */
} IdlcParseFlags;

IdlcAst *idlc_parse_file (const char *path, const char *const *include_dirs, IdlcDiag *diag);
IdlcAst *idlc_parse_string (const char *name, const char *text, gssize len,
                            const char *const *include_dirs, IdlcParseFlags flags, IdlcDiag *diag);

G_END_DECLS
