/* idlc-lexer.h - IDL tokens, comments and the small preprocessor
 *
 * Chars are their own tokens; longer ones start at 256. Each token carries
 * its location, the doc comment written right before it and the comment
 * that trails the previous token on the same line (`long x;  // the x`).
 * The markers of doc comments are dropped: `///`, `//!`, `/ **`, and the
 * `<` of a trailing `///<`. */
#pragma once

#include "idlc-diag.h"

G_BEGIN_DECLS

typedef enum
{
  IDLC_TK_EOF = 256,
  IDLC_TK_IDENT,       /* text: the name, without IDL's escaping '_' */
  IDLC_TK_INT,         /* ival */
  IDLC_TK_FLOAT,       /* fval; text: as written */
  IDLC_TK_CHAR,        /* ival: the character */
  IDLC_TK_STRING,      /* text: decoded */
  IDLC_TK_SCOPE,       /* :: */
  IDLC_TK_SHL,         /* << */
  IDLC_TK_SHR,         /* >> */
  IDLC_TK_PRAGMA,      /* text: the line after '#pragma', trimmed */
  IDLC_TK_UNSUPPORTED, /* a keyword gorb does not support yet; text: it */
  /* keywords, in the order of keywords[] in idlc-lexer.c */
  IDLC_TK_MODULE,
  IDLC_TK_INTERFACE,
  IDLC_TK_STRUCT,
  IDLC_TK_UNION,
  IDLC_TK_SWITCH,
  IDLC_TK_CASE,
  IDLC_TK_DEFAULT,
  IDLC_TK_ENUM,
  IDLC_TK_TYPEDEF,
  IDLC_TK_EXCEPTION,
  IDLC_TK_CONST,
  IDLC_TK_ATTRIBUTE,
  IDLC_TK_READONLY,
  IDLC_TK_ONEWAY,
  IDLC_TK_IN,
  IDLC_TK_OUT,
  IDLC_TK_INOUT,
  IDLC_TK_RAISES,
  IDLC_TK_CONTEXT,
  IDLC_TK_VOID,
  IDLC_TK_SHORT,
  IDLC_TK_LONG,
  IDLC_TK_UNSIGNED,
  IDLC_TK_FLOAT_KW,
  IDLC_TK_DOUBLE,
  IDLC_TK_CHAR_KW,
  IDLC_TK_BOOLEAN,
  IDLC_TK_OCTET,
  IDLC_TK_STRING_KW,
  IDLC_TK_SEQUENCE,
  IDLC_TK_OBJECT,
  IDLC_TK_TRUE,
  IDLC_TK_FALSE,
} IdlcTokenKind;

typedef struct
{
  int kind; /* a char or an IdlcTokenKind */
  IdlcLoc loc;
  const char *text;     /* in the lexer's string chunk; NULL for chars */
  const char *doc;      /* comments right before the token, or NULL */
  const char *trailing; /* a comment after the previous token on its line, or NULL:
                         * the parser gives it to the declaration that token ended */
  guint64 ival;
  double fval;
} IdlcToken;

typedef struct _IdlcLexer IdlcLexer;

IdlcLexer *idlc_lexer_new (IdlcDiag *diag, GStringChunk *strings, const char *const *include_dirs,
                           gboolean allow_includes);
void idlc_lexer_free (IdlcLexer *lexer);
gboolean idlc_lexer_push_file (IdlcLexer *lexer, const char *path);
void idlc_lexer_push_string (IdlcLexer *lexer, const char *name, const char *text, gsize len);
void idlc_lexer_next (IdlcLexer *lexer, IdlcToken *token);
GPtrArray *idlc_lexer_get_files (IdlcLexer *lexer);
char *idlc_token_describe (const IdlcToken *token);
const char *idlc_token_kind_name (int kind);

G_END_DECLS
