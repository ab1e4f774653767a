/* idlc-diag.h - the IDL compiler's diagnostics: collected, counted, printed
 * as `file:line:col: error: message` with the source line and a caret */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct
{
  const char *file; /* borrowed: lives as long as the AST or the IdlcDiag */
  guint line;       /* 1-based */
  guint column;     /* 1-based, in bytes */
} IdlcLoc;

typedef enum
{
  IDLC_SEVERITY_ERROR,
  IDLC_SEVERITY_WARNING,
  IDLC_SEVERITY_NOTE,
} IdlcSeverity;

typedef struct
{
  IdlcSeverity severity;
  char *file; /* owned; NULL for a diagnostic without a location */
  guint line;
  guint column;
  char *message; /* owned */
} IdlcDiagnostic;

typedef struct _IdlcDiag IdlcDiag;

#define IDLC_DIAG_MAX_ERRORS 20

IdlcDiag *idlc_diag_new (void);
void idlc_diag_free (IdlcDiag *diag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdlcDiag, idlc_diag_free)

const char *idlc_diag_add_source (IdlcDiag *diag, const char *file, char *text);
const char *idlc_diag_get_source (IdlcDiag *diag, const char *file);

void idlc_diag_report (IdlcDiag *diag, IdlcSeverity severity, const IdlcLoc *loc,
                       const char *format, ...) G_GNUC_PRINTF (4, 5);
#define idlc_diag_error(d, loc, ...) idlc_diag_report ((d), IDLC_SEVERITY_ERROR, (loc), __VA_ARGS__)
#define idlc_diag_note(d, loc, ...) idlc_diag_report ((d), IDLC_SEVERITY_NOTE, (loc), __VA_ARGS__)

guint idlc_diag_get_n_errors (IdlcDiag *diag);
gboolean idlc_diag_is_stopped (IdlcDiag *diag);
guint idlc_diag_get_n_items (IdlcDiag *diag);
const IdlcDiagnostic *idlc_diag_get_item (IdlcDiag *diag, guint index);

void idlc_diag_format (IdlcDiag *diag, GString *out, gboolean with_source);
void idlc_diag_print (IdlcDiag *diag, FILE *stream);

G_END_DECLS
