/* idlc-lexer-private.h - what the lexer (idlc-lexer.c) and its preprocessor
 * (idlc-preproc.c) share */
#pragma once

#include "idlc-lexer.h"

G_BEGIN_DECLS

#define MAX_INCLUDE_DEPTH 64

typedef struct
{
  IdlcLoc loc;
  gboolean parent_active;
  gboolean active;
  gboolean taken; /* some branch was active */
  gboolean seen_else;
} Cond;

typedef enum
{
  GUARD_NONE_YET, /* nothing significant seen */
  GUARD_OPEN,     /* first directive was #ifndef X */
  GUARD_CLOSED,   /* its #endif was seen, nothing since */
  GUARD_NO,
} GuardState;

typedef struct
{
  const char *name; /* in strings */
  char *path;       /* owned: file to resolve includes from, or NULL */
  const char *p, *end, *line_start;
  guint line;
  gboolean bol;   /* only blanks and comments so far on this line */
  gboolean blank; /* only blanks so far on this line */
  GArray *conds;  /* Cond */
  IdlcLoc included_from;
  GuardState guard;
  const char *guard_macro; /* in strings */
} Source;

struct _IdlcLexer
{
  IdlcDiag *diag;        /* borrowed */
  GStringChunk *strings; /* borrowed: token texts live here */
  GStrv include_dirs;
  gboolean allow_includes;
  GPtrArray *stack;   /* owned Source * */
  GHashTable *macros; /* owned: name -> value */
  GHashTable *guards; /* owned: canonical path -> guard macro (in strings) */
  GPtrArray *files;   /* owned: const char * (in strings): every file read, each once */
  GString *doc;       /* comments waiting for the next token */
  GString *trailing;  /* the comment after the last token on its line, for the next token */
  const Source *last_source;
  guint last_line; /* line of the last token, for trailing comments */
  IdlcLoc eof_loc;
};

Source *idlc_lexer_top (IdlcLexer *lexer);
gboolean idlc_lexer_push_path (IdlcLexer *lexer, const char *path, const IdlcLoc *from);
IdlcLoc idlc_lexer_loc_at (const Source *s, const char *p);
gboolean idlc_lexer_is_active (const Source *s);
void idlc_lexer_newline (Source *s, const char *after);
gboolean idlc_lexer_directive (IdlcLexer *lexer, Source *s, IdlcToken *token);

G_END_DECLS
