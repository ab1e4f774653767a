/* idlc-preproc.c - the IDL lexer's small preprocessor: #include with search
 * paths, #define/#undef, #if/#ifdef/#ifndef/#elif/#else/#endif with simple
 * conditions (defined, integers, !, &&, ||), and #pragma lines handed to the
 * parser as tokens. Macros are never expanded in IDL text. */
#include "idlc-lexer-private.h"

#include <string.h>

#define SCAN_WORD_MAX 256

/* ---- the preprocessor ---- */

/* The rest of the directive line, comments removed; moves past the newline. */
static char *
take_line (Source *s)
{
  GString *line = g_string_new (NULL);
  while (s->p < s->end && *s->p != '\n')
    {
      if (s->p[0] == '/' && s->p + 1 < s->end && s->p[1] == '/')
        {
          while (s->p < s->end && *s->p != '\n')
            s->p++;
          break;
        }
      if (s->p[0] == '/' && s->p + 1 < s->end && s->p[1] == '*')
        {
          const char *q = s->p + 2;
          while (q + 1 < s->end && *q != '\n' && !(q[0] == '*' && q[1] == '/'))
            q++;
          if (q + 1 < s->end && q[0] == '*')
            {
              s->p = q + 2;
              g_string_append_c (line, ' ');
              continue;
            }
        }
      g_string_append_c (line, *s->p++);
    }
  if (s->p < s->end)
    idlc_lexer_newline (s, ++s->p);
  s->bol = s->blank = TRUE;
  return g_strstrip (g_string_free (line, FALSE));
}

/* The next name at *p (blanks skipped), in the caller's @word; "" if none. */
static const char *
scan_word (const char **p, char word[SCAN_WORD_MAX])
{
  gsize n = 0;
  while (**p == ' ' || **p == '\t')
    (*p)++;
  while ((g_ascii_isalnum (**p) || **p == '_') && n + 1 < SCAN_WORD_MAX)
    word[n++] = *(*p)++;
  word[n] = '\0';
  return word;
}

typedef struct
{
  IdlcLexer *lexer;
  const char *p;
  gboolean bad;
} CondParser;

static gint64 cond_or (CondParser *c);

static void
cond_space (CondParser *c)
{
  while (*c->p == ' ' || *c->p == '\t')
    c->p++;
}

/* primary -> '(' or ')' | 'defined' ['('] IDENT [')'] | INT | IDENT */
static gint64
cond_primary (CondParser *c)
{
  char buf[SCAN_WORD_MAX];
  cond_space (c);
  if (*c->p == '(')
    {
      c->p++;
      gint64 v = cond_or (c);
      cond_space (c);
      if (*c->p++ != ')')
        c->bad = TRUE;
      return v;
    }
  if (g_ascii_isdigit (*c->p))
    {
      char *end;
      gint64 v = g_ascii_strtoll (c->p, &end, 0);
      c->p = end;
      while (*c->p == 'L' || *c->p == 'l' || *c->p == 'U' || *c->p == 'u')
        c->p++;
      return v;
    }
  if (g_ascii_isalpha (*c->p) || *c->p == '_')
    {
      g_autofree char *name = g_strdup (scan_word (&c->p, buf));
      if (strcmp (name, "defined") == 0)
        {
          cond_space (c);
          gboolean paren = *c->p == '(';
          if (paren)
            c->p++;
          const char *word = scan_word (&c->p, buf);
          gboolean v = word[0] != '\0' && g_hash_table_contains (c->lexer->macros, word);
          cond_space (c);
          if (word[0] == '\0' || (paren && *c->p++ != ')'))
            c->bad = TRUE;
          return v;
        }
      const char *value = g_hash_table_lookup (c->lexer->macros, name);
      return value ? g_ascii_strtoll (value, NULL, 0) : 0;
    }
  c->bad = TRUE;
  return 0;
}

/* unary -> '!' unary | primary */
static gint64
cond_unary (CondParser *c)
{
  cond_space (c);
  if (*c->p == '!' && c->p[1] != '=')
    {
      c->p++;
      return !cond_unary (c);
    }
  return cond_primary (c);
}

/* and -> unary ('&&' unary)* */
static gint64
cond_and (CondParser *c)
{
  gint64 v = cond_unary (c);
  for (cond_space (c); c->p[0] == '&' && c->p[1] == '&'; cond_space (c))
    {
      c->p += 2;
      gint64 r = cond_unary (c);
      v = v && r;
    }
  return v;
}

/* or -> and ('||' and)* */
static gint64
cond_or (CondParser *c)
{
  gint64 v = cond_and (c);
  for (cond_space (c); c->p[0] == '|' && c->p[1] == '|'; cond_space (c))
    {
      c->p += 2;
      gint64 r = cond_and (c);
      v = v || r;
    }
  return v;
}

static gboolean
eval_condition (IdlcLexer *lexer, const IdlcLoc *loc, const char *text)
{
  CondParser c = { lexer, text, FALSE };
  gint64 v = cond_or (&c);
  cond_space (&c);
  if (c.bad || *c.p != '\0')
    {
      idlc_diag_error (lexer->diag, loc, "unsupported condition '%s' in #if", text);
      return FALSE;
    }
  return v != 0;
}

static char *
find_include (IdlcLexer *lexer, Source *s, const char *name)
{
  if (g_path_is_absolute (name))
    return g_file_test (name, G_FILE_TEST_IS_REGULAR) ? g_strdup (name) : NULL;
  if (s->path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (s->path);
      char *candidate = g_build_filename (dir, name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return candidate;
      g_free (candidate);
    }
  for (guint i = 0; lexer->include_dirs && lexer->include_dirs[i]; i++)
    {
      char *candidate = g_build_filename (lexer->include_dirs[i], name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return candidate;
      g_free (candidate);
    }
  return NULL;
}

static void
include_chain_notes (IdlcLexer *lexer)
{
  for (guint i = lexer->stack->len; i-- > 1;)
    {
      Source *s = g_ptr_array_index (lexer->stack, i);
      idlc_diag_note (lexer->diag, &s->included_from, "'%s' was included from here", s->name);
    }
}

static void
do_include (IdlcLexer *lexer, Source *s, const IdlcLoc *loc, const char *arg)
{
  char close = arg[0] == '"' ? '"' : arg[0] == '<' ? '>' : 0;
  const char *end = close ? strchr (arg + 1, close) : NULL;
  if (end == NULL || end[1] != '\0' || end == arg + 1)
    {
      idlc_diag_error (lexer->diag, loc, "expected \"FILE\" or <FILE> after #include");
      return;
    }
  g_autofree char *name = g_strndup (arg + 1, end - arg - 1);
  IdlcLoc at = *loc;
  at.column += (guint) strlen ("#include ");
  if (!lexer->allow_includes)
    {
      idlc_diag_error (lexer->diag, &at, "#include is not allowed here");
      return;
    }
  g_autofree char *path = find_include (lexer, s, name);
  if (path == NULL)
    {
      idlc_diag_error (lexer->diag, &at, "cannot find include file '%s'", name);
      include_chain_notes (lexer);
      return;
    }
  if (lexer->stack->len >= MAX_INCLUDE_DEPTH)
    {
      idlc_diag_error (lexer->diag, &at, "#include nested too deeply");
      include_chain_notes (lexer);
      return;
    }
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  const char *guard = g_hash_table_lookup (lexer->guards, canonical);
  if (guard != NULL && g_hash_table_contains (lexer->macros, guard))
    return; /* guarded and already read */
  idlc_lexer_push_path (lexer, path, &at);
}

static void
push_cond (Source *s, const IdlcLoc *loc, gboolean value)
{
  Cond c = { *loc, idlc_lexer_is_active (s), FALSE, value, FALSE };
  c.active = c.parent_active && value;
  c.taken = c.active;
  g_array_append_val (s->conds, c);
}

/* Handles the line starting with '#' at s->p. Returns TRUE and fills @token
 * for a #pragma, which the parser receives as a token. */
gboolean
idlc_lexer_directive (IdlcLexer *lexer, Source *s, IdlcToken *token)
{
  char buf[SCAN_WORD_MAX];
  IdlcLoc loc = idlc_lexer_loc_at (s, s->p);
  s->p++;
  g_autofree char *line = take_line (s);
  const char *rest = line;
  g_autofree char *word = g_strdup (scan_word (&rest, buf));
  while (*rest == ' ' || *rest == '\t')
    rest++;
  gboolean active = idlc_lexer_is_active (s);
  Cond *cond = s->conds->len ? &g_array_index (s->conds, Cond, s->conds->len - 1) : NULL;

  if (s->guard == GUARD_NONE_YET && strcmp (word, "ifndef") == 0)
    {
      s->guard = GUARD_OPEN;
      s->guard_macro = g_string_chunk_insert_const (lexer->strings, scan_word (&rest, buf));
      rest = line + strlen ("ifndef");
      while (*rest == ' ' || *rest == '\t')
        rest++;
    }
  else if (s->guard == GUARD_NONE_YET || s->guard == GUARD_CLOSED)
    s->guard = GUARD_NO;

  if (strcmp (word, "ifdef") == 0 || strcmp (word, "ifndef") == 0)
    {
      const char *name = scan_word (&rest, buf);
      if (name[0] == '\0' && active)
        idlc_diag_error (lexer->diag, &loc, "expected a name after #%s", word);
      gboolean defined = g_hash_table_contains (lexer->macros, name);
      push_cond (s, &loc, word[2] == 'd' ? defined : !defined);
    }
  else if (strcmp (word, "if") == 0)
    push_cond (s, &loc, active ? eval_condition (lexer, &loc, rest) : FALSE);
  else if (strcmp (word, "elif") == 0 || strcmp (word, "else") == 0 || strcmp (word, "endif") == 0)
    {
      if (cond == NULL)
        idlc_diag_error (lexer->diag, &loc, "#%s without #if", word);
      else if (word[1] == 'n')
        {
          g_array_set_size (s->conds, s->conds->len - 1);
          if (s->conds->len == 0 && s->guard == GUARD_OPEN)
            s->guard = GUARD_CLOSED;
        }
      else if (cond->seen_else)
        idlc_diag_error (lexer->diag, &loc, "#%s after #else", word);
      else
        {
          gboolean value
              = word[2] == 's'
                || (cond->parent_active && !cond->taken && eval_condition (lexer, &loc, rest));
          cond->seen_else = word[2] == 's';
          cond->active = cond->parent_active && !cond->taken && value;
          cond->taken |= cond->active;
        }
    }
  else if (!active)
    ; /* anything else in a skipped block is ignored */
  else if (strcmp (word, "define") == 0)
    {
      const char *name = scan_word (&rest, buf);
      if (name[0] == '\0')
        idlc_diag_error (lexer->diag, &loc, "expected a name after #define");
      else
        {
          g_autofree char *key = g_strdup (name);
          g_hash_table_replace (lexer->macros, g_steal_pointer (&key),
                                g_strdup (g_strstrip ((char *) rest)));
        }
    }
  else if (strcmp (word, "undef") == 0)
    g_hash_table_remove (lexer->macros, scan_word (&rest, buf));
  else if (strcmp (word, "include") == 0)
    do_include (lexer, s, &loc, rest);
  else if (strcmp (word, "pragma") == 0)
    {
      memset (token, 0, sizeof *token);
      token->kind = IDLC_TK_PRAGMA;
      token->loc = loc;
      token->text = g_string_chunk_insert (lexer->strings, rest);
      return TRUE;
    }
  else if (strcmp (word, "error") == 0)
    idlc_diag_error (lexer->diag, &loc, "#error %s", rest);
  else
    idlc_diag_error (lexer->diag, &loc, "unsupported preprocessor directive '#%s'", word);
  return FALSE;
}
