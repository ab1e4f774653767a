/* idlc-parser-private.h - what the parser's two files share: idlc-parser.c
 * (tokens, errors, recovery, declarations) and idlc-parser-types.c (pragmas,
 * names, constant expressions, type specs, members) */
#pragma once

#include "idlc-lexer.h"
#include "idlc-parser.h"

G_BEGIN_DECLS

#define IDLC_PARSER_MAX_DEPTH 200

typedef struct
{
  IdlcLexer *lexer;
  IdlcDiag *diag;
  IdlcAst *ast;
  IdlcToken tok;         /* the current token */
  GPtrArray *pragmas;    /* IdlcNode *: parsed, not yet placed */
  guint depth;           /* of recursion, bounded by IDLC_PARSER_MAX_DEPTH */
  gboolean eof_reported; /* a block left open at the end: report no outer ones */
} Parser;

/* idlc-parser.c */
void idlc_parser_next (Parser *p);
gboolean idlc_parser_test_next (Parser *p, int kind);
void idlc_parser_error_near (Parser *p, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean idlc_parser_expect (Parser *p, int kind);
void idlc_parser_take_trailing (Parser *p, IdlcNode *node);
gboolean idlc_parser_close_brace (Parser *p, const char *what, const IdlcLoc *open);
const char *idlc_parser_ident (Parser *p);
gboolean idlc_parser_enter (Parser *p);
void idlc_parser_recover (Parser *p);
IdlcNode *idlc_parser_definition (Parser *p);

/* idlc-parser-types.c */
void idlc_parser_pragma (Parser *p);
void idlc_parser_place_pragmas (Parser *p, GPtrArray *out);
const char *idlc_parser_scoped_name (Parser *p);
IdlcExpr *idlc_parser_const_exp (Parser *p);
IdlcType *idlc_parser_base_type (Parser *p, IdlcBaseKind base);
gboolean idlc_parser_starts_type (int kind);
IdlcType *idlc_parser_simple_type_spec (Parser *p);
IdlcType *idlc_parser_param_type_spec (Parser *p);
IdlcType *idlc_parser_type_spec (Parser *p);
gboolean idlc_parser_declarators (Parser *p, IdlcNode *owner, gboolean allow_arrays,
                                  gboolean just_one);
gboolean idlc_parser_members (Parser *p, IdlcNode *owner, const char *what);

G_END_DECLS
