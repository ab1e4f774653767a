/* gorb-cmd-naming.c - `gorb naming`: the naming service from the shell
 *
 *   gorb naming [--naming WHERE] [--gorb-* …] COMMAND [OPTION…] ARG…
 *
 * One subcommand per libgorb-naming helper (gorb-naming.h). Output is made
 * for scripts: `ls` prints one binding per line, `resolve` the bare `gorb:`
 * reference. A failure is one line `gorb naming: COMMAND 'NAME': what
 * happened (the exception's details)` on stderr and exit status 1; a usage
 * error exits with 2.
 */
#include "gorb-tool.h"

#include <gorb-naming.h>
#include <stdio.h>
#include <string.h>

#define COMMAND "naming"

typedef struct
{
  GorbOrb *orb;            /* owned */
  GorbNamingContext *root; /* owned: where names start */
} Session;

typedef int (*SubcommandFunc) (Session *session, int argc, char **argv);

typedef struct
{
  const char *name;
  const char *args;    /* for the usage line */
  const char *summary; /* one line */
  SubcommandFunc run;
  const GOptionEntry *entries; /* its options, or NULL */
} Subcommand;

/* ---- errors ---- */

static const char *
not_found_reason (GorbNamingNotFoundReason why)
{
  switch (why)
    {
    case GORB_NAMING_NOT_FOUND_REASON_MISSING_NODE:
      return "missing_node";
    case GORB_NAMING_NOT_FOUND_REASON_NOT_CONTEXT:
      return "not_context";
    case GORB_NAMING_NOT_FOUND_REASON_NOT_OBJECT:
      return "not_object";
    }
  return "?";
}

static char *
name_text (const GorbNamingName *name)
{
  char *text = name->len > 0 ? gorb_naming_name_to_string (name, NULL) : NULL;

  return text != NULL ? text : g_strdup ("");
}

/* What an exception of the naming service carries, in words. */
static char *
describe_members (const GError *error)
{
  const GorbNamingNotFound *not_found = gorb_naming_not_found_error_get_members (error);
  const GorbNamingCannotProceed *cannot = gorb_naming_cannot_proceed_error_get_members (error);
  const GorbNamingInvalidName *invalid = gorb_naming_invalid_name_error_get_members (error);

  if (not_found != NULL)
    {
      g_autofree char *rest = name_text (&not_found->rest_of_name);

      return g_strdup_printf ("NotFound: %s, rest of name '%s'", not_found_reason (not_found->why),
                              rest);
    }
  if (cannot != NULL)
    {
      g_autofree char *rest = name_text (&cannot->rest_of_name);
      g_autofree char *where = NULL;

      if (cannot->cxt != NULL && GORB_IS_PROXY (cannot->cxt))
        where = gorb_ref_to_string (gorb_proxy_get_ref (GORB_PROXY (cannot->cxt)));
      if (strstr (error->message, cannot->reason) != NULL) /* the daemon's message has it */
        return g_strdup_printf ("CannotProceed at %s, rest of name '%s'",
                                where != NULL ? where : "a nil context", rest);
      return g_strdup_printf ("CannotProceed at %s: %s, rest of name '%s'",
                              where != NULL ? where : "a nil context", cannot->reason, rest);
    }
  if (invalid != NULL)
    return strstr (error->message, invalid->reason) != NULL
               ? g_strdup ("InvalidName")
               : g_strdup_printf ("InvalidName: %s", invalid->reason);
  if (error->domain == GORB_NAMING_ALREADY_BOUND_ERROR)
    return g_strdup ("AlreadyBound");
  if (error->domain == GORB_NAMING_NOT_EMPTY_ERROR)
    return g_strdup ("NotEmpty");
  if (error->domain == GORB_SYSTEM_ERROR)
    return g_strdup (gorb_system_error_to_repo_id (error->code));
  return NULL;
}

/* `gorb naming: VERB 'NAME': MESSAGE (DETAILS)`; returns 1. */
static int
fail (const char *verb, const char *name, const GError *error)
{
  g_autofree char *details = describe_members (error);
  g_autoptr (GString) line = g_string_new (NULL);

  if (verb != NULL)
    g_string_append (line, verb);
  if (name != NULL)
    g_string_append_printf (line, " '%s'", name);
  if (line->len > 0)
    g_string_append (line, ": ");
  if (error->message != NULL && *error->message != '\0')
    {
      g_string_append (line, error->message);
      if (details != NULL)
        g_string_append_printf (line, " (%s)", details);
    }
  else
    g_string_append (line, details != NULL ? details : "failed");
  return gorb_tool_fail (COMMAND, "%s", line->str);
}

/* ---- ls ---- */

static gboolean opt_recursive;

static const GOptionEntry ls_entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &opt_recursive,
    "list the contexts below too (those of other daemons included)", NULL },
  G_OPTION_ENTRY_NULL,
};

typedef struct
{
  char *text; /* owned: the component in string form */
  const GorbNamingBinding *binding;
} Entry;

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Entry *) a)->text, ((const Entry *) b)->text);
}

/* Prints the bindings of @context, sorted, each after @prefix; with -r,
 * those below too (a context met twice is listed once). Failures below the
 * top are reported and listing goes on; returns the exit status. */
static int
list_tree (GorbNamingContext *context, const char *prefix, GHashTable *visited, guint depth)
{
  GorbNamingBindingList bindings = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  int status = GORB_TOOL_OK;

  if (!gorb_naming_list_path (context, NULL, &bindings, &error))
    return fail ("ls", *prefix != '\0' ? prefix : NULL, error);
  for (guint32 i = 0; i < bindings.len; i++)
    {
      Entry entry = { name_text (&bindings.data[i].binding_name), &bindings.data[i] };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      gboolean is_context = entry->binding->binding_type == GORB_NAMING_BINDING_TYPE_NCONTEXT;
      g_autofree char *path = g_strconcat (prefix, entry->text, is_context ? "/" : "", NULL);

      printf ("%s\n", path);
      if (opt_recursive && is_context && depth < 256)
        {
          g_autoptr (GError) child_error = NULL;
          g_autoptr (GObject) child = NULL;

          child
              = gorb_naming_context_resolve (context, &entry->binding->binding_name, &child_error);
          if (child == NULL || !GORB_IS_NAMING_CONTEXT (child))
            {
              if (child_error == NULL)
                g_set_error (&child_error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT,
                             "bound as a context to something else");
              status = fail ("ls", path, child_error);
            }
          else if (!g_hash_table_contains (visited, child))
            {
              g_hash_table_add (visited, g_object_ref (child));
              fflush (stdout);
              if (list_tree (GORB_NAMING_CONTEXT (child), path, visited, depth + 1) != 0)
                status = GORB_TOOL_FAILED;
            }
        }
    }
  for (guint i = 0; i < entries->len; i++)
    g_free (g_array_index (entries, Entry, i).text);
  gorb_value_clear (&gorb_naming_binding_list_desc, &bindings);
  fflush (stdout);
  return status;
}

static int
run_ls (Session *session, int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "";
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;
  g_autoptr (GHashTable) visited = NULL;
  g_autofree char *prefix = NULL;

  if (*name == '\0')
    object = g_object_ref (G_OBJECT (session->root));
  else
    object = gorb_naming_resolve_path (session->root, name, &error);
  if (object == NULL)
    return fail ("ls", name, error);
  if (!GORB_IS_NAMING_CONTEXT (object))
    {
      /* like ls of a file: the name itself */
      printf ("%s\n", name);
      return GORB_TOOL_OK;
    }
  visited = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  g_hash_table_add (visited, g_object_ref (object));
  prefix = opt_recursive && *name != '\0' && !g_str_has_suffix (name, "/")
               ? g_strconcat (name, "/", NULL)
               : g_strdup (opt_recursive ? name : "");
  return list_tree (GORB_NAMING_CONTEXT (object), prefix, visited, 0);
}

/* ---- bind, rebind, unbind ---- */

static gboolean opt_context;

static const GOptionEntry bind_entries[] = {
  { "context", 'c', 0, G_OPTION_ARG_NONE, &opt_context,
    "bind REF as a context: names through NAME are resolved in it (federation)", NULL },
  G_OPTION_ENTRY_NULL,
};

static int
bind_or_rebind (Session *session, const char *verb, gboolean rebind, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;
  gboolean ok;

  object = gorb_orb_resolve_string (session->orb, argv[2], &error);
  if (object == NULL)
    {
      g_prefix_error (&error, "bad reference '%s': ", argv[2]);
      return fail (verb, argv[1], error);
    }
  if (opt_context && !GORB_IS_NAMING_CONTEXT (object))
    {
      g_set_error (&error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_NOT_A_CONTEXT,
                   "-c: the reference is to a %s, not a naming context",
                   gorb_ref_get_repo_id (gorb_proxy_get_ref (GORB_PROXY (object))));
      return fail (verb, argv[1], error);
    }
  if (opt_context)
    ok = gorb_naming_bind_context_path (session->root, argv[1], GORB_NAMING_CONTEXT (object),
                                        rebind, &error);
  else if (rebind)
    ok = gorb_naming_rebind_path (session->root, argv[1], object, &error);
  else
    ok = gorb_naming_bind_path (session->root, argv[1], object, &error);
  return ok ? GORB_TOOL_OK : fail (verb, argv[1], error);
}

static int
run_bind (Session *session, int argc, char **argv)
{
  return bind_or_rebind (session, "bind", FALSE, argc, argv);
}

static int
run_rebind (Session *session, int argc, char **argv)
{
  return bind_or_rebind (session, "rebind", TRUE, argc, argv);
}

static int
run_unbind (Session *session, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  if (!gorb_naming_unbind_path (session->root, argv[1], &error))
    return fail ("unbind", argv[1], error);
  return GORB_TOOL_OK;
}

/* ---- mkdir ---- */

static gboolean opt_parents;

static const GOptionEntry mkdir_entries[] = {
  { "parents", 'p', 0, G_OPTION_ARG_NONE, &opt_parents,
    "make missing contexts on the way too; an existing context is no error", NULL },
  G_OPTION_ENTRY_NULL,
};

static int
run_mkdir (Session *session, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbNamingContext) made = NULL;

  made = gorb_naming_mkdir_path (session->root, argv[1], opt_parents, &error);
  return made != NULL ? GORB_TOOL_OK : fail ("mkdir", argv[1], error);
}

/* ---- resolve ---- */

static char *opt_type;

static const GOptionEntry resolve_entries[] = {
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_type,
    "fail unless the object is of this repository id (or derives from it)", "REPO_ID" },
  G_OPTION_ENTRY_NULL,
};

static int
run_resolve (Session *session, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;
  g_autofree char *text = NULL;

  if (opt_type != NULL)
    object = gorb_naming_resolve_repo_id (session->root, argv[1], opt_type, &error);
  else
    object = gorb_naming_resolve_path (session->root, argv[1], &error);
  if (object != NULL)
    text = gorb_orb_object_to_string (session->orb, object, &error);
  if (text == NULL)
    return fail ("resolve", argv[1], error);
  printf ("%s\n", text);
  return GORB_TOOL_OK;
}

/* ---- rm ---- */

static int
run_rm (Session *session, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  if (!opt_recursive)
    {
      g_autoptr (GObject) object = gorb_naming_resolve_path (session->root, argv[1], &error);

      if (object == NULL)
        return fail ("rm", argv[1], error);
      if (GORB_IS_NAMING_CONTEXT (object))
        {
          g_set_error (&error, GORB_NAMING_ERROR, GORB_NAMING_ERROR_FAILED,
                       "is a context: `rm -r` removes it and what is below, "
                       "`unbind` only its binding");
          return fail ("rm", argv[1], error);
        }
      if (!gorb_naming_unbind_path (session->root, argv[1], &error))
        return fail ("rm", argv[1], error);
      return GORB_TOOL_OK;
    }
  if (!gorb_naming_remove_tree (session->root, argv[1], &error))
    return fail ("rm", argv[1], error);
  return GORB_TOOL_OK;
}

static const GOptionEntry rm_entries[] = {
  { "recursive", 'r', 0, G_OPTION_ARG_NONE, &opt_recursive,
    "remove a context and, of the same daemon, every context below it", NULL },
  G_OPTION_ENTRY_NULL,
};

/* ---- the table ---- */

static const Subcommand subcommands[] = {
  { "ls", "[-r] [NAME]", "list a context: `name` for an object, `name/` for a context", run_ls,
    ls_entries },
  { "bind", "[-c] NAME REF", "bind NAME to the object of a gorb: reference", run_bind,
    bind_entries },
  { "rebind", "[-c] NAME REF", "the same, replacing a binding of NAME", run_rebind, bind_entries },
  { "unbind", "NAME", "remove the binding of NAME (not what it names)", run_unbind, NULL },
  { "mkdir", "[-p] NAME", "bind a new context to NAME", run_mkdir, mkdir_entries },
  { "resolve", "[--type REPO_ID] NAME", "print the gorb: reference bound to NAME", run_resolve,
    resolve_entries },
  { "rm", "[-r] NAME", "unbind an object; -r: a context and the contexts below", run_rm,
    rm_entries },
};

static char *
describe_subcommands (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", subcommands[i].name, subcommands[i].args);

      g_string_append_printf (text, "  %-30s %s\n", usage, subcommands[i].summary);
    }
  g_string_append (text,
                   "\nNAME: a name in string form, `a/b.kind/c` (`\\` escapes `/`, `.`, `\\`).\n"
                   "REF: a `gorb:` object reference.\n"
                   "WHERE: a `gorb:` reference to a context or an endpoint of gorb-naming;\n"
                   "  by default $" GORB_NAMING_ENV ", else " GORB_NAMING_DEFAULT_ENDPOINT ".\n"
                   "Any --gorb-* option configures the ORB (--gorb-call-timeout-ms 2000).");
  return g_string_free (text, FALSE);
}

/* Parses the subcommand's options and checks its number of operands. */
static gboolean
parse_subcommand (const Subcommand *sub, int *argc, char ***argv, GError **error)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", sub->name, sub->args);
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  int operands;

  g_option_context_set_summary (context, sub->summary);
  if (sub->entries != NULL)
    g_option_context_add_main_entries (context, sub->entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  operands = *argc - 1;
  if (strcmp (sub->name, "ls") == 0                                          ? operands > 1
      : strcmp (sub->name, "bind") == 0 || strcmp (sub->name, "rebind") == 0 ? operands != 2
                                                                             : operands != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "usage: gorb naming %s %s",
                   sub->name, sub->args);
      return FALSE;
    }
  return TRUE;
}

static void
reset_options (void)
{
  opt_recursive = FALSE;
  opt_context = FALSE;
  opt_parents = FALSE;
  g_clear_pointer (&opt_type, g_free);
}

int
gorb_cmd_naming (int argc, char **argv)
{
  g_autofree char *where = NULL;
  const GOptionEntry entries[] = {
    { "naming", 'n', 0, G_OPTION_ARG_STRING, &where,
      "the naming service: a gorb: reference or an endpoint", "WHERE" },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("COMMAND [OPTION…] [ARG…]");
  g_autofree char *description = describe_subcommands ();
  g_autoptr (GError) error = NULL;
  const Subcommand *sub = NULL;
  Session session = { 0 };
  int status;

  session.orb = gorb_orb_new (&argc, &argv, &error); /* takes the --gorb-* options out */
  if (session.orb == NULL)
    {
      gorb_tool_fail (COMMAND, "%s", error->message);
      return GORB_TOOL_USAGE;
    }
  g_option_context_set_summary (context, "Lists, binds and resolves names of gorb-naming.");
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_strict_posix (context, TRUE); /* stop at the subcommand */
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_clear_object (&session.orb);
      return gorb_tool_fail_error (COMMAND, error);
    }
  for (gsize i = 0; argc >= 2 && i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      sub = &subcommands[i];
  if (sub == NULL)
    {
      if (argc < 2)
        gorb_tool_fail (COMMAND, "no command given (`gorb naming --help` lists them)");
      else
        gorb_tool_fail (COMMAND, "unknown command '%s' (`gorb naming --help` lists them)", argv[1]);
      g_clear_object (&session.orb);
      return GORB_TOOL_USAGE;
    }
  argc--;
  argv++;
  reset_options ();
  if (!parse_subcommand (sub, &argc, &argv, &error))
    {
      reset_options ();
      g_clear_object (&session.orb);
      return gorb_tool_fail_error (COMMAND, error);
    }

  session.root = gorb_naming_connect (session.orb, where, &error);
  if (session.root == NULL)
    status = fail (NULL, NULL, error);
  else
    status = sub->run (&session, argc, argv);
  fflush (stdout);
  reset_options ();
  g_clear_object (&session.root);
  g_clear_object (&session.orb);
  return status;
}
