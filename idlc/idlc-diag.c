/* idlc-diag.c - diagnostics of the IDL compiler
 *
 * Invariants: after IDLC_DIAG_MAX_ERRORS errors the next one is replaced by a
 * single "too many errors" and everything after it is dropped; sources are
 * kept (one copy per file name) so that printing can quote the line. */
#include "idlc-diag.h"

#include <stdarg.h>
#include <string.h>

struct _IdlcDiag
{
  GPtrArray *items;    /* owned IdlcDiagnostic * */
  GHashTable *sources; /* owned: file name -> text */
  guint n_errors;
  gboolean stopped; /* "too many errors" was reported */
};

static void
diagnostic_free (gpointer data)
{
  IdlcDiagnostic *d = data;
  g_free (d->file);
  g_free (d->message);
  g_free (d);
}

IdlcDiag *
idlc_diag_new (void)
{
  IdlcDiag *diag = g_new0 (IdlcDiag, 1);
  diag->items = g_ptr_array_new_with_free_func (diagnostic_free);
  diag->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return diag;
}

void
idlc_diag_free (IdlcDiag *diag)
{
  if (diag == NULL)
    return;
  g_ptr_array_unref (diag->items);
  g_hash_table_unref (diag->sources);
  g_free (diag);
}

/**
 * idlc_diag_add_source:
 * @text: (transfer full): the file's contents, NUL-terminated
 *
 * Keeps @text for quoting. A file added twice keeps its first text.
 *
 * Returns: (transfer none): the text kept for @file
 */
const char *
idlc_diag_add_source (IdlcDiag *diag, const char *file, char *text)
{
  const char *kept = g_hash_table_lookup (diag->sources, file);
  if (kept != NULL)
    {
      g_free (text);
      return kept;
    }
  g_hash_table_insert (diag->sources, g_strdup (file), text);
  return text;
}

const char *
idlc_diag_get_source (IdlcDiag *diag, const char *file)
{
  return g_hash_table_lookup (diag->sources, file);
}

static void
add_item (IdlcDiag *diag, IdlcSeverity severity, const IdlcLoc *loc, char *message)
{
  IdlcDiagnostic *d = g_new0 (IdlcDiagnostic, 1);
  d->severity = severity;
  if (loc != NULL && loc->file != NULL)
    {
      d->file = g_strdup (loc->file);
      d->line = loc->line;
      d->column = loc->column;
    }
  d->message = message;
  g_ptr_array_add (diag->items, d);
}

void
idlc_diag_report (IdlcDiag *diag, IdlcSeverity severity, const IdlcLoc *loc, const char *format,
                  ...)
{
  va_list args;

  if (diag->stopped)
    return;
  if (severity == IDLC_SEVERITY_ERROR && diag->n_errors == IDLC_DIAG_MAX_ERRORS)
    {
      diag->stopped = TRUE;
      diag->n_errors++;
      add_item (diag, IDLC_SEVERITY_ERROR, loc,
                g_strdup_printf ("too many errors (%d), stopping", IDLC_DIAG_MAX_ERRORS));
      return;
    }
  if (severity == IDLC_SEVERITY_ERROR)
    diag->n_errors++;
  va_start (args, format);
  add_item (diag, severity, loc, g_strdup_vprintf (format, args));
  va_end (args);
}

guint
idlc_diag_get_n_errors (IdlcDiag *diag)
{
  return diag->n_errors;
}

/* TRUE once "too many errors" was reported: callers stop working. */
gboolean
idlc_diag_is_stopped (IdlcDiag *diag)
{
  return diag->stopped;
}

guint
idlc_diag_get_n_items (IdlcDiag *diag)
{
  return diag->items->len;
}

const IdlcDiagnostic *
idlc_diag_get_item (IdlcDiag *diag, guint index)
{
  g_return_val_if_fail (index < diag->items->len, NULL);
  return g_ptr_array_index (diag->items, index);
}

static void
append_source_line (IdlcDiag *diag, GString *out, const IdlcDiagnostic *d)
{
  const char *text = g_hash_table_lookup (diag->sources, d->file);
  if (text == NULL || d->line == 0)
    return;
  for (guint line = 1; line < d->line && *text != '\0'; text++)
    if (*text == '\n')
      line++;
  const char *end = strchr (text, '\n');
  gsize len = end ? (gsize) (end - text) : strlen (text);
  if (len > 0 && text[len - 1] == '\r')
    len--;
  g_string_append_printf (out, "  %.*s\n  ", (int) len, text);
  for (guint i = 0; i + 1 < d->column && i < len; i++)
    g_string_append_c (out, text[i] == '\t' ? '\t' : ' ');
  g_string_append (out, "^\n");
}

/* Appends every diagnostic to @out, one per line, with the offending line
 * and a caret under it when @with_source is set. */
void
idlc_diag_format (IdlcDiag *diag, GString *out, gboolean with_source)
{
  static const char *const names[] = { "error", "warning", "note" };

  for (guint i = 0; i < diag->items->len; i++)
    {
      const IdlcDiagnostic *d = g_ptr_array_index (diag->items, i);
      if (d->file != NULL)
        g_string_append_printf (out, "%s:%u:%u: ", d->file, d->line, d->column);
      g_string_append_printf (out, "%s: %s\n", names[d->severity], d->message);
      if (with_source && d->file != NULL)
        append_source_line (diag, out, d);
    }
}

void
idlc_diag_print (IdlcDiag *diag, FILE *stream)
{
  g_autoptr (GString) out = g_string_new (NULL);
  idlc_diag_format (diag, out, TRUE);
  fputs (out->str, stream);
}
