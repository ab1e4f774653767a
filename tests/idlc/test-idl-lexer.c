/* tests/idlc/test-idl-lexer.c - the IDL lexer: tokens, locations, literals,
 * comments and the preprocessor */
#include "gorb-test.h"
#include "idlc-lexer.h"

#include <glib/gstdio.h>

static struct
{
  IdlcDiag *diag;
  GStringChunk *strings;
  IdlcLexer *lexer;
  char *tmpdir;
} fx;

static void
setup (void)
{
  fx.diag = idlc_diag_new ();
  fx.strings = g_string_chunk_new (256);
  fx.lexer = NULL;
  fx.tmpdir = NULL;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static void
teardown (void)
{
  idlc_lexer_free (fx.lexer);
  idlc_diag_free (fx.diag);
  g_string_chunk_free (fx.strings);
  if (fx.tmpdir != NULL)
    remove_tree (fx.tmpdir);
  g_free (fx.tmpdir);
}

static void
lex_string (const char *text)
{
  fx.lexer = idlc_lexer_new (fx.diag, fx.strings, NULL, FALSE);
  idlc_lexer_push_string (fx.lexer, "t.idl", text, strlen (text));
}

/* every token as "line:col kind[=text]", space separated */
static char *
tokens (void)
{
  GString *out = g_string_new (NULL);
  IdlcToken t;
  do
    {
      idlc_lexer_next (fx.lexer, &t);
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%u:%u ", t.loc.line, t.loc.column);
      if (t.kind < 256)
        g_string_append_c (out, (char) t.kind);
      else if (t.kind == IDLC_TK_INT || t.kind == IDLC_TK_CHAR)
        g_string_append_printf (out, "int=%" G_GUINT64_FORMAT, t.ival);
      else if (t.kind == IDLC_TK_FLOAT)
        g_string_append_printf (out, "float=%g", t.fval);
      else if (t.kind == IDLC_TK_STRING)
        {
          g_autofree char *e = g_strescape (t.text, NULL);
          g_string_append_printf (out, "str=\"%s\"", e);
        }
      else if (t.kind == IDLC_TK_IDENT)
        g_string_append_printf (out, "id=%s", t.text);
      else if (t.kind == IDLC_TK_PRAGMA)
        g_string_append_printf (out, "pragma=%s", t.text);
      else if (t.kind == IDLC_TK_UNSUPPORTED)
        g_string_append_printf (out, "unsupported=%s", t.text);
      else
        g_string_append (out, idlc_token_kind_name (t.kind));
    }
  while (t.kind != IDLC_TK_EOF);
  return g_string_free (out, FALSE);
}

static char *
diagnostics (void)
{
  GString *out = g_string_new (NULL);
  idlc_diag_format (fx.diag, out, FALSE);
  return g_string_free (out, FALSE);
}

#define ASSERT_TOKENS(text_, expected_)                                                            \
  G_STMT_START                                                                                     \
  {                                                                                                \
    lex_string (text_);                                                                            \
    g_autofree char *got_ = tokens ();                                                             \
    if (g_strcmp0 (got_, (expected_)) != 0)                                                        \
      g_printerr ("\n  got:      %s\n  expected: %s\n", got_, (expected_));                        \
    CU_ASSERT_STRING_EQUAL (got_, (expected_));                                                    \
  }                                                                                                \
  G_STMT_END

#define ASSERT_DIAG(expected_)                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *got_ = diagnostics ();                                                        \
    if (g_strcmp0 (got_, (expected_)) != 0)                                                        \
      g_printerr ("\n  got:      %s\n  expected: %s\n", got_, (expected_));                        \
    CU_ASSERT_STRING_EQUAL (got_, (expected_));                                                    \
  }                                                                                                \
  G_STMT_END

static void
test_punctuation_and_locations (void)
{
  ASSERT_TOKENS ("a::b <<>>\n  {x[2]};",
                 "1:1 id=a 1:2 :: 1:4 id=b 1:6 << 1:8 >> 2:3 { 2:4 id=x 2:5 [ 2:6 int=2 2:7 ] "
                 "2:8 } 2:9 ; 2:10 end of file");
  ASSERT_DIAG ("");
}

static void
test_keywords_are_case_sensitive_and_escapable (void)
{
  ASSERT_TOKENS ("module Module _module any _any",
                 "1:1 module 1:8 id=Module 1:15 id=module 1:23 unsupported=any 1:27 id=any 1:31 "
                 "end of file");
}

static void
test_integer_literals (void)
{
  ASSERT_TOKENS ("10 010 0x1F 0 18446744073709551615",
                 "1:1 int=10 1:4 int=8 1:8 int=31 1:13 int=0 1:15 int=18446744073709551615 1:35 "
                 "end of file");
  ASSERT_DIAG ("");
}

static void
test_integer_too_large (void)
{
  ASSERT_TOKENS ("18446744073709551616;", "1:21 ; 1:22 end of file");
  ASSERT_DIAG ("t.idl:1:1: error: integer literal '18446744073709551616' is too large\n");
}

static void
test_floating_literals (void)
{
  ASSERT_TOKENS ("1.5 .25 2e3 1.5E-1", "1:1 float=1.5 1:5 float=0.25 1:9 float=2000 1:13 "
                                       "float=0.15 1:19 end of file");
}

static void
test_char_and_string_literals (void)
{
  ASSERT_TOKENS ("'a' '\\n' '\\x41' '\\101' \"a\\tb\\\"c\"",
                 "1:1 int=97 1:5 int=10 1:10 int=65 1:17 int=65 1:24 str=\"a\\tb\\\"c\" 1:33 end "
                 "of file");
  ASSERT_DIAG ("");
}

static void
test_comments_are_skipped_and_kept_as_doc (void)
{
  IdlcToken t;
  lex_string ("// one\n// two\nstruct /* no */ S; // trailing\n\n/* a\n * b */\n\nx");
  idlc_lexer_next (fx.lexer, &t);
  CU_ASSERT_EQUAL (t.kind, IDLC_TK_STRUCT);
  CU_ASSERT_STRING_EQUAL (t.doc, "one\ntwo");
  idlc_lexer_next (fx.lexer, &t);
  CU_ASSERT_STRING_EQUAL (t.text, "S");
  CU_ASSERT_PTR_NULL (t.doc); /* same line as 'struct': not a doc comment */
  idlc_lexer_next (fx.lexer, &t);
  idlc_lexer_next (fx.lexer, &t);
  CU_ASSERT_STRING_EQUAL (t.text, "x");
  CU_ASSERT_EQUAL (t.loc.line, 8);
  CU_ASSERT_PTR_NULL (t.doc); /* a blank line between */
}

/* `///` and `//!` are doc comments without their marker; a comment after a
 * token on its line trails it and comes with the next token. */
static void
test_doc_markers_and_trailing_comments (void)
{
  IdlcToken t;
  lex_string ("/// three\n//! bang\nlong x;  // the x\n/**< odd */ y; ///< the y\n");
  idlc_lexer_next (fx.lexer, &t);
  CU_ASSERT_STRING_EQUAL (t.doc, "three\nbang");
  CU_ASSERT_PTR_NULL (t.trailing);
  idlc_lexer_next (fx.lexer, &t); /* x */
  CU_ASSERT_PTR_NULL (t.trailing);
  idlc_lexer_next (fx.lexer, &t); /* ; */
  idlc_lexer_next (fx.lexer, &t); /* y: the comment before it is a doc one */
  CU_ASSERT_STRING_EQUAL (t.text, "y");
  CU_ASSERT_STRING_EQUAL (t.trailing, "the x");
  CU_ASSERT_STRING_EQUAL (t.doc, "< odd");
  idlc_lexer_next (fx.lexer, &t); /* ; */
  idlc_lexer_next (fx.lexer, &t); /* end of file */
  CU_ASSERT_EQUAL (t.kind, IDLC_TK_EOF);
  CU_ASSERT_STRING_EQUAL (t.trailing, "the y");
  CU_ASSERT_PTR_NULL (t.doc);
}

static void
test_unterminated_comment (void)
{
  ASSERT_TOKENS ("x\n  /* never closed\n", "1:1 id=x 2:19 end of file");
  ASSERT_DIAG ("t.idl:2:3: error: unterminated comment\n");
}

static void
test_unterminated_string (void)
{
  ASSERT_TOKENS ("const string s = \"abc\n;", "1:1 const 1:7 string 1:14 id=s 1:16 = 2:1 ; 2:2 "
                                              "end of file");
  ASSERT_DIAG ("t.idl:1:18: error: unterminated string literal\n");
}

static void
test_bad_character (void)
{
  ASSERT_TOKENS ("a @ b\x01", "1:1 id=a 1:5 id=b 1:7 end of file");
  ASSERT_DIAG ("t.idl:1:3: error: unexpected character '@'\n"
               "t.idl:1:6: error: unexpected character '\\x01'\n");
}

static void
test_conditionals (void)
{
  ASSERT_TOKENS ("#define A 2\n"
                 "#if 0\nno\n#endif\n"
                 "#ifdef A\nyes1\n#else\nno\n#endif\n"
                 "#ifndef B\nyes2\n#endif\n"
                 "#if defined(A) && !defined B || 0\nyes3\n#elif 1\nno\n#endif\n"
                 "#if A\nyes4\n#endif\n"
                 "#undef A\n#ifdef A\nno\n#endif\n"
                 "#pragma prefix \"x\" // c\n",
                 "6:1 id=yes1 11:1 id=yes2 14:1 id=yes3 19:1 id=yes4 25:1 pragma=prefix \"x\" "
                 "26:1 end of file");
  ASSERT_DIAG ("");
}

static void
test_unterminated_conditional (void)
{
  ASSERT_TOKENS ("#ifdef X\nfoo\n", "3:1 end of file");
  ASSERT_DIAG ("t.idl:1:1: error: unterminated conditional directive\n");
}

static void
write_file (const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (fx.tmpdir, name, NULL);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, text, -1, NULL));
}

static void
test_include_reads_guarded_file_once (void)
{
  fx.tmpdir = g_dir_make_tmp ("idlc-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (fx.tmpdir, "sub", NULL);
  g_mkdir (sub, 0700);
  write_file ("g.idl", "// guard\n#ifndef G\n#define G\ng\n#endif // G\n");
  write_file ("sub/s.idl", "s\n");
  write_file ("main.idl", "#include \"g.idl\"\n#include <g.idl>\n#include <s.idl>\nm\n");
  const char *dirs[] = { sub, NULL };
  g_autofree char *main_path = g_build_filename (fx.tmpdir, "main.idl", NULL);
  fx.lexer = idlc_lexer_new (fx.diag, fx.strings, dirs, TRUE);
  CU_ASSERT_TRUE (idlc_lexer_push_file (fx.lexer, main_path));
  g_autofree char *got = tokens ();
  CU_ASSERT_STRING_EQUAL (got, "4:1 id=g 1:1 id=s 4:1 id=m 5:1 end of file");
  ASSERT_DIAG ("");
}

static void
test_include_not_found_shows_chain (void)
{
  fx.tmpdir = g_dir_make_tmp ("idlc-XXXXXX", NULL);
  write_file ("a.idl", "#include \"b.idl\"\n");
  write_file ("b.idl", "x\n#include <missing.idl>\n");
  g_autofree char *a = g_build_filename (fx.tmpdir, "a.idl", NULL);
  g_autofree char *b = g_build_filename (fx.tmpdir, "b.idl", NULL);
  fx.lexer = idlc_lexer_new (fx.diag, fx.strings, NULL, TRUE);
  idlc_lexer_push_file (fx.lexer, a);
  g_autofree char *got = tokens ();
  g_autofree char *expected
      = g_strdup_printf ("%s:2:10: error: cannot find include file 'missing.idl'\n"
                         "%s:1:10: note: '%s' was included from here\n",
                         b, a, b);
  CU_ASSERT_PTR_NOT_NULL (got); /* the tokens before the error */
  ASSERT_DIAG (expected);
}

static void
test_include_refused_when_not_allowed (void)
{
  ASSERT_TOKENS ("#include \"/etc/passwd\"\n", "2:1 end of file");
  ASSERT_DIAG ("t.idl:1:10: error: #include is not allowed here\n");
}

static CU_TestInfo lexer_tests[] = {
  { "punctuation and locations", test_punctuation_and_locations },
  { "keywords are case-sensitive and escapable", test_keywords_are_case_sensitive_and_escapable },
  { "integer literals", test_integer_literals },
  { "integer too large", test_integer_too_large },
  { "floating literals", test_floating_literals },
  { "char and string literals", test_char_and_string_literals },
  { "comments are skipped and kept as doc", test_comments_are_skipped_and_kept_as_doc },
  { "doc markers and trailing comments", test_doc_markers_and_trailing_comments },
  { "unterminated comment", test_unterminated_comment },
  { "unterminated string", test_unterminated_string },
  { "bad character", test_bad_character },
  { "conditionals", test_conditionals },
  { "unterminated conditional", test_unterminated_conditional },
  { "include reads a guarded file once", test_include_reads_guarded_file_once },
  { "include not found shows the chain", test_include_not_found_shows_chain },
  { "include refused when not allowed", test_include_refused_when_not_allowed },
  CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
  { "idlc/lexer", NULL, NULL, setup, teardown, lexer_tests },
  CU_SUITE_INFO_NULL,
};

int
main (void)
{
  return gorb_test_run (suites);
}
