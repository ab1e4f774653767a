/* idlc-lexer.c - IDL tokens, comments and the small preprocessor
 *
 * Sources form a stack (the main file, then what it includes). A source's
 * text is owned by the IdlcDiag, so diagnostics can quote it. Conditionals
 * are per source: a file must close what it opens. A file whose whole text
 * sits under `#ifndef X / #define X … #endif` is remembered with X, and not
 * opened again while X is defined. */
#include "idlc-lexer-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const keywords[] = {
  "module", "interface", "struct",    "union",  "switch",    "case",     "default",
  "enum",   "typedef",   "exception", "const",  "attribute", "readonly", "oneway",
  "in",     "out",       "inout",     "raises", "context",   "void",     "short",
  "long",   "unsigned",  "float",     "double", "char",      "boolean",  "octet",
  "string", "sequence",  "Object",    "TRUE",   "FALSE",
};
G_STATIC_ASSERT (G_N_ELEMENTS (keywords) == IDLC_TK_FALSE - IDLC_TK_MODULE + 1);

/* CORBA 3 keywords for constructs gorb does not support yet */
static const char *const unsupported[] = {
  "any",       "valuetype", "fixed",      "wstring",   "wchar",     "native",      "abstract",
  "local",     "component", "typeprefix", "typeid",    "custom",    "truncatable", "supports",
  "public",    "private",   "factory",    "home",      "provides",  "uses",        "emits",
  "publishes", "consumes",  "primarykey", "finder",    "eventtype", "import",      "getraises",
  "setraises", "multiple",  "manages",    "ValueBase", "porttype",  "connector",
};

static void
source_free (gpointer data)
{
  Source *s = data;
  g_free (s->path);
  g_array_unref (s->conds);
  g_free (s);
}

IdlcLexer *
idlc_lexer_new (IdlcDiag *diag, GStringChunk *strings, const char *const *include_dirs,
                gboolean allow_includes)
{
  IdlcLexer *lexer = g_new0 (IdlcLexer, 1);
  lexer->diag = diag;
  lexer->strings = strings;
  lexer->include_dirs = g_strdupv ((char **) include_dirs);
  lexer->allow_includes = allow_includes;
  lexer->stack = g_ptr_array_new_with_free_func (source_free);
  lexer->macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lexer->guards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lexer->doc = g_string_new (NULL);
  lexer->trailing = g_string_new (NULL);
  lexer->files = g_ptr_array_new ();
  return lexer;
}

void
idlc_lexer_free (IdlcLexer *lexer)
{
  if (lexer == NULL)
    return;
  g_strfreev (lexer->include_dirs);
  g_ptr_array_unref (lexer->stack);
  g_hash_table_unref (lexer->macros);
  g_hash_table_unref (lexer->guards);
  g_string_free (lexer->doc, TRUE);
  g_string_free (lexer->trailing, TRUE);
  g_ptr_array_unref (lexer->files);
  g_free (lexer);
}

Source *
idlc_lexer_top (IdlcLexer *lexer)
{
  return lexer->stack->len ? g_ptr_array_index (lexer->stack, lexer->stack->len - 1) : NULL;
}

static void
push_text (IdlcLexer *lexer, const char *name, const char *path, const char *text, gsize len,
           const IdlcLoc *from)
{
  Source *s = g_new0 (Source, 1);
  s->name = g_string_chunk_insert_const (lexer->strings, name);
  s->path = g_strdup (path);
  s->p = s->line_start = text;
  s->end = text + len;
  s->line = 1;
  s->bol = s->blank = TRUE;
  s->conds = g_array_new (FALSE, FALSE, sizeof (Cond));
  if (from != NULL)
    s->included_from = *from;
  g_ptr_array_add (lexer->stack, s);
}

static void
add_file (IdlcLexer *lexer, const char *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < lexer->files->len; i++)
    {
      g_autofree char *other = g_canonicalize_filename (lexer->files->pdata[i], NULL);
      if (strcmp (canonical, other) == 0)
        return;
    }
  g_ptr_array_add (lexer->files, g_string_chunk_insert_const (lexer->strings, path));
}

/**
 * idlc_lexer_get_files:
 *
 * Returns: (transfer none) (element-type utf8): the files read so far (the
 *   first pushed first, then the includes as they were read), each once, as
 *   their paths were spelled; the strings live in the lexer's string chunk.
 */
GPtrArray *
idlc_lexer_get_files (IdlcLexer *lexer)
{
  return lexer->files;
}

gboolean
idlc_lexer_push_path (IdlcLexer *lexer, const char *path, const IdlcLoc *from)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  gsize len;

  const char *kept = idlc_diag_get_source (lexer->diag, path);
  if (kept == NULL)
    {
      if (!g_file_get_contents (path, &text, &len, &error))
        {
          IdlcLoc loc = { path, 0, 0 };
          idlc_diag_error (lexer->diag, from ? from : &loc, "cannot read '%s': %s", path,
                           error->message);
          return FALSE;
        }
      kept = idlc_diag_add_source (lexer->diag, path, text);
    }
  add_file (lexer, path);
  push_text (lexer, path, path, kept, strlen (kept), from);
  return TRUE;
}

gboolean
idlc_lexer_push_file (IdlcLexer *lexer, const char *path)
{
  return idlc_lexer_push_path (lexer, path, NULL);
}

/* @text need not be NUL-terminated; an embedded NUL is a bad character. */
void
idlc_lexer_push_string (IdlcLexer *lexer, const char *name, const char *text, gsize len)
{
  const char *kept = idlc_diag_add_source (lexer->diag, name, g_strndup (text, len));
  push_text (lexer, name, NULL, kept, strlen (kept), NULL);
  Source *s = idlc_lexer_top (lexer);
  s->end = kept + len; /* strndup stopped at a NUL: keep the real length for the check */
  if (strlen (kept) < len)
    s->end = kept + strlen (kept) + 1;
}

IdlcLoc
idlc_lexer_loc_at (const Source *s, const char *p)
{
  IdlcLoc loc = { s->name, s->line, (guint) (p - s->line_start) + 1 };
  return loc;
}

gboolean
idlc_lexer_is_active (const Source *s)
{
  return s->conds->len == 0 || g_array_index (s->conds, Cond, s->conds->len - 1).active;
}

void
idlc_lexer_newline (Source *s, const char *after)
{
  s->line++;
  s->line_start = after;
}

/* ---- comments ---- */

/* Appends the text of a comment (from after its opening "//" or "/" "*" to
 * its end) to @doc, without the markers of doc comments. */
static void
add_doc (GString *doc, const char *start, const char *end, gboolean block, gboolean trailing)
{
  g_auto (GStrv) lines = NULL;
  g_autofree char *body = NULL;

  if (!block)
    while (start < end && (*start == '/' || *start == '!')) /* ///, //! */
      start++;
  else if (start < end && (*start == '*' || *start == '!') && end - start > 1) /* / **, / *! */
    start++;
  if (trailing && start < end && *start == '<') /* ///<, / **< (Doxygen: the member before) */
    start++;
  body = g_strndup (start, end - start);
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (block && line[0] == '*' && line[1] != '/')
        line = g_strchug (line + 1);
      if (line[0] == '\0' && (doc->len == 0 || lines[i + 1] == NULL))
        continue;
      if (doc->len > 0)
        g_string_append_c (doc, '\n');
      g_string_append (doc, line);
    }
}

/* Skips blanks and comments; FALSE at the end of the source. */
static gboolean
skip_space (IdlcLexer *lexer, Source *s)
{
  while (s->p < s->end)
    {
      char c = *s->p;
      if (c == '\n')
        {
          if (s->blank)
            g_string_truncate (lexer->doc, 0); /* a blank line cuts a comment from what follows */
          idlc_lexer_newline (s, ++s->p);
          s->bol = s->blank = TRUE;
        }
      else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        s->p++;
      else if (c == '/' && s->p + 1 < s->end && (s->p[1] == '/' || s->p[1] == '*'))
        {
          gboolean trailing = lexer->last_source == s && lexer->last_line == s->line;
          const char *start = s->p + 2, *q = start;
          if (s->p[1] == '/')
            {
              while (q < s->end && *q != '\n')
                q++;
              add_doc (trailing ? lexer->trailing : lexer->doc, start, q, FALSE, trailing);
              s->p = q;
            }
          else
            {
              IdlcLoc loc = idlc_lexer_loc_at (s, s->p);
              while (q + 1 < s->end && !(q[0] == '*' && q[1] == '/'))
                if (*q++ == '\n')
                  idlc_lexer_newline (s, q);
              if (q + 1 >= s->end)
                {
                  idlc_diag_error (lexer->diag, &loc, "unterminated comment");
                  s->p = s->end;
                  return FALSE;
                }
              add_doc (trailing ? lexer->trailing : lexer->doc, start, q, TRUE, trailing);
              s->p = q + 2;
            }
          s->blank = FALSE;
        }
      else
        return TRUE;
    }
  return FALSE;
}

static void
finish_source (IdlcLexer *lexer, Source *s)
{
  if (s->conds->len > 0)
    {
      Cond *c = &g_array_index (s->conds, Cond, s->conds->len - 1);
      idlc_diag_error (lexer->diag, &c->loc, "unterminated conditional directive");
    }
  if (s->guard == GUARD_CLOSED && s->path != NULL)
    g_hash_table_replace (lexer->guards, g_canonicalize_filename (s->path, NULL),
                          (gpointer) s->guard_macro);
  lexer->eof_loc = idlc_lexer_loc_at (s, s->p);
  g_string_truncate (lexer->doc, 0);
  g_ptr_array_set_size (lexer->stack, lexer->stack->len - 1);
}

/* ---- tokens ---- */

static void
take_trailing (IdlcLexer *lexer, IdlcToken *token)
{
  if (lexer->trailing->len > 0)
    token->trailing = g_string_chunk_insert (lexer->strings, lexer->trailing->str);
  g_string_truncate (lexer->trailing, 0);
}

static int
lookup_keyword (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (word, keywords[i]) == 0)
      return IDLC_TK_MODULE + (int) i;
  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    if (strcmp (word, unsupported[i]) == 0)
      return IDLC_TK_UNSUPPORTED;
  return IDLC_TK_IDENT;
}

static int
hex_value (char c)
{
  return g_ascii_isdigit (c) ? c - '0' : g_ascii_isxdigit (c) ? g_ascii_tolower (c) - 'a' + 10 : -1;
}

/* One character of a char or string literal at s->p, escapes decoded;
 * -1 after reporting an error. */
static int
scan_char (IdlcLexer *lexer, Source *s)
{
  IdlcLoc loc = idlc_lexer_loc_at (s, s->p);
  if (*s->p != '\\')
    return (guchar) *s->p++;
  s->p++;
  if (s->p >= s->end)
    return -1;
  char c = *s->p++;
  switch (c)
    {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    case 'b':
      return '\b';
    case 'r':
      return '\r';
    case 'f':
      return '\f';
    case 'a':
      return '\a';
    case '\\':
    case '?':
    case '\'':
    case '"':
      return c;
    case 'x':
      {
        int v = 0, n = 0;
        while (n < 2 && s->p < s->end && hex_value (*s->p) >= 0)
          v = v * 16 + hex_value (*s->p++), n++;
        if (n > 0)
          return v;
        break;
      }
    default:
      if (c >= '0' && c <= '7')
        {
          int v = c - '0', n = 1;
          while (n < 3 && s->p < s->end && *s->p >= '0' && *s->p <= '7')
            v = v * 8 + (*s->p++ - '0'), n++;
          if (v <= 255)
            return v;
        }
      break;
    }
  idlc_diag_error (lexer->diag, &loc, "invalid escape sequence '\\%c'",
                   g_ascii_isprint (c) ? c : '?');
  return -1;
}

static gboolean
scan_quoted (IdlcLexer *lexer, Source *s, IdlcToken *token, char quote)
{
  GString *value = g_string_new (NULL);
  gboolean ok = TRUE;
  s->p++;
  while (s->p < s->end && *s->p != quote && *s->p != '\n')
    {
      int c = scan_char (lexer, s);
      if (c == 0)
        {
          idlc_diag_error (lexer->diag, &token->loc, "%s literal contains a NUL character",
                           quote == '"' ? "string" : "character");
          ok = FALSE;
        }
      else if (c < 0)
        ok = FALSE;
      else
        g_string_append_c (value, (char) c);
    }
  if (s->p >= s->end || *s->p != quote)
    {
      idlc_diag_error (lexer->diag, &token->loc, "unterminated %s literal",
                       quote == '"' ? "string" : "character");
      g_string_free (value, TRUE);
      return FALSE;
    }
  s->p++;
  if (quote == '\'' && ok && value->len != 1)
    {
      idlc_diag_error (lexer->diag, &token->loc, "character literal must hold one character");
      ok = FALSE;
    }
  token->kind = quote == '"' ? IDLC_TK_STRING : IDLC_TK_CHAR;
  token->ival = value->len ? (guchar) value->str[0] : 0;
  token->text = g_string_chunk_insert_len (lexer->strings, value->str, value->len);
  g_string_free (value, TRUE);
  return ok;
}

static gboolean
scan_number (IdlcLexer *lexer, Source *s, IdlcToken *token)
{
  const char *start = s->p, *p = s->p;
  gboolean is_float = FALSE;

  if (p[0] == '0' && p + 1 < s->end && (p[1] == 'x' || p[1] == 'X'))
    for (p += 2; p < s->end && g_ascii_isxdigit (*p);)
      p++;
  else
    {
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
      if (p < s->end && *p == '.')
        for (is_float = TRUE, p++; p < s->end && g_ascii_isdigit (*p);)
          p++;
      if (p < s->end && (*p == 'e' || *p == 'E'))
        {
          const char *q = p + 1;
          if (q < s->end && (*q == '+' || *q == '-'))
            q++;
          if (q < s->end && g_ascii_isdigit (*q))
            for (is_float = TRUE, p = q; p < s->end && g_ascii_isdigit (*p);)
              p++;
        }
    }
  s->p = p;
  g_autofree char *text = g_strndup (start, p - start);
  token->text = g_string_chunk_insert (lexer->strings, text);
  if (p < s->end && (*p == 'd' || *p == 'D'))
    {
      s->p++;
      idlc_diag_error (lexer->diag, &token->loc, "'fixed' is not supported by gorb yet");
      return FALSE;
    }
  if (p < s->end && (g_ascii_isalnum (*p) || *p == '_'))
    {
      idlc_diag_error (lexer->diag, &token->loc, "invalid suffix '%c' on number '%s'", *p, text);
      while (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '_'))
        s->p++;
      return FALSE;
    }
  if (is_float)
    {
      token->kind = IDLC_TK_FLOAT;
      token->fval = g_ascii_strtod (text, NULL);
      return TRUE;
    }
  token->kind = IDLC_TK_INT;
  errno = 0;
  char *end;
  token->ival
      = g_ascii_strtoull (text, &end, text[0] == '0' && text[1] != 'x' && text[1] != 'X' ? 8 : 0);
  if (errno != 0 || *end != '\0' || strcmp (text, "0x") == 0 || strcmp (text, "0X") == 0)
    {
      idlc_diag_error (lexer->diag, &token->loc,
                       errno == ERANGE ? "integer literal '%s' is too large"
                                       : "invalid integer literal '%s'",
                       text);
      return FALSE;
    }
  return TRUE;
}

/* Scans one token at s->p (not a blank, comment or directive); FALSE after
 * reporting an error, with s->p moved on. */
static gboolean
scan_token (IdlcLexer *lexer, Source *s, IdlcToken *token)
{
  const char *p = s->p;
  char c = *p;
  char next = p + 1 < s->end ? p[1] : '\0';

  if (g_ascii_isalpha (c) || c == '_')
    {
      if (c == 'L' && (next == '\'' || next == '"'))
        {
          idlc_diag_error (lexer->diag, &token->loc, "'%s' is not supported by gorb yet",
                           next == '"' ? "wstring" : "wchar");
          s->p++;
          scan_quoted (lexer, s, token, next);
          return FALSE;
        }
      while (p < s->end && (g_ascii_isalnum (*p) || *p == '_'))
        p++;
      g_autofree char *word = g_strndup (s->p, p - s->p);
      s->p = p;
      if (word[0] == '_')
        {
          token->kind = IDLC_TK_IDENT;
          token->text = g_string_chunk_insert_const (lexer->strings, word + 1);
          if (word[1] == '\0')
            {
              idlc_diag_error (lexer->diag, &token->loc, "expected an identifier after '_'");
              return FALSE;
            }
          return TRUE;
        }
      token->kind = lookup_keyword (word);
      token->text = g_string_chunk_insert_const (lexer->strings, word);
      return TRUE;
    }
  if (g_ascii_isdigit (c) || (c == '.' && g_ascii_isdigit (next)))
    return scan_number (lexer, s, token);
  if (c == '"' || c == '\'')
    return scan_quoted (lexer, s, token, c);
  if ((c == ':' && next == ':') || (c == '<' && next == '<') || (c == '>' && next == '>'))
    {
      token->kind = c == ':' ? IDLC_TK_SCOPE : c == '<' ? IDLC_TK_SHL : IDLC_TK_SHR;
      s->p += 2;
      return TRUE;
    }
  s->p++;
  if (c != '\0' && strchr (";{}()<>,:=+-*/%&|^~[]", c) != NULL)
    {
      token->kind = c;
      return TRUE;
    }
  if (g_ascii_isprint (c))
    idlc_diag_error (lexer->diag, &token->loc, "unexpected character '%c'", c);
  else
    idlc_diag_error (lexer->diag, &token->loc, "unexpected character '\\x%02x'", (guchar) c);
  return FALSE;
}

/**
 * idlc_lexer_next:
 * @token: (out caller-allocates): the next token; IDLC_TK_EOF at the end
 *
 * Errors go to the IdlcDiag and the lexer goes on after them.
 */
void
idlc_lexer_next (IdlcLexer *lexer, IdlcToken *token)
{
  Source *s;

  while ((s = idlc_lexer_top (lexer)) != NULL && !idlc_diag_is_stopped (lexer->diag))
    {
      if (!idlc_lexer_is_active (s))
        {
          while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\r'))
            s->p++;
          if (s->p < s->end && *s->p == '#')
            {
              if (idlc_lexer_directive (lexer, s, token))
                return;
            }
          else
            {
              while (s->p < s->end && *s->p != '\n')
                s->p++;
              if (s->p < s->end)
                idlc_lexer_newline (s, ++s->p);
            }
          if (s->p >= s->end)
            finish_source (lexer, s);
          continue;
        }
      if (!skip_space (lexer, s))
        {
          finish_source (lexer, s);
          continue;
        }
      if (*s->p == '#' && s->bol)
        {
          if (idlc_lexer_directive (lexer, s, token))
            return;
          continue;
        }
      memset (token, 0, sizeof *token);
      token->loc = idlc_lexer_loc_at (s, s->p);
      s->bol = s->blank = FALSE;
      if (s->guard == GUARD_NONE_YET || s->guard == GUARD_CLOSED)
        s->guard = GUARD_NO;
      if (!scan_token (lexer, s, token))
        continue;
      if (lexer->doc->len > 0)
        token->doc = g_string_chunk_insert (lexer->strings, lexer->doc->str);
      g_string_truncate (lexer->doc, 0);
      take_trailing (lexer, token);
      lexer->last_source = s;
      lexer->last_line = s->line;
      return;
    }
  memset (token, 0, sizeof *token);
  token->kind = IDLC_TK_EOF;
  token->loc = lexer->eof_loc;
  take_trailing (lexer, token); /* after the last declaration of the file */
}

const char *
idlc_token_kind_name (int kind)
{
  static const char *const names[] = { "end of file",
                                       "identifier",
                                       "integer literal",
                                       "floating-point literal",
                                       "character literal",
                                       "string literal",
                                       "::",
                                       "<<",
                                       ">>",
                                       "#pragma",
                                       "keyword" };
  if (kind >= IDLC_TK_MODULE && kind <= IDLC_TK_FALSE)
    return keywords[kind - IDLC_TK_MODULE];
  if (kind >= IDLC_TK_EOF && kind < IDLC_TK_MODULE)
    return names[kind - IDLC_TK_EOF];
  return NULL;
}

/* What "near '…'" shows for @token: its text, or "end of file". */
char *
idlc_token_describe (const IdlcToken *token)
{
  switch (token->kind)
    {
    case IDLC_TK_EOF:
      return g_strdup ("end of file");
    case IDLC_TK_STRING:
      {
        g_autofree char *escaped = g_strescape (token->text, NULL);
        return g_strdup_printf ("'\"%s\"'", escaped);
      }
    case IDLC_TK_CHAR:
      return g_strdup ("character literal");
    case IDLC_TK_INT:
    case IDLC_TK_FLOAT:
    case IDLC_TK_IDENT:
    case IDLC_TK_UNSUPPORTED:
      return g_strdup_printf ("'%s'", token->text);
    default:
      if (token->kind < 256)
        return g_strdup_printf ("'%c'", token->kind);
      if (token->kind >= IDLC_TK_MODULE)
        return g_strdup_printf ("'%s'", keywords[token->kind - IDLC_TK_MODULE]);
      return g_strdup_printf ("'%s'", idlc_token_kind_name (token->kind));
    }
}
