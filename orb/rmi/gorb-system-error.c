/* gorb-system-error.c - the system exception domain and its repository ids */
#include "gorb-system-error.h"

#include <string.h>

/* the quark's name is dashed: clang-format would space the dashes */
/* clang-format off */
G_DEFINE_QUARK (gorb-system-error-quark, gorb_system_error)
/* clang-format on */

static const char *const system_repo_ids[] = {
  /* index = code */
  "IDL:omg.org/CORBA/UNKNOWN:1.0",          "IDL:omg.org/CORBA/COMM_FAILURE:1.0",
  "IDL:omg.org/CORBA/TRANSIENT:1.0",        "IDL:omg.org/CORBA/TIMEOUT:1.0",
  "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0", "IDL:omg.org/CORBA/BAD_OPERATION:1.0",
  "IDL:omg.org/CORBA/MARSHAL:1.0",          "IDL:omg.org/CORBA/BAD_PARAM:1.0",
  "IDL:omg.org/CORBA/NO_PERMISSION:1.0",    "IDL:omg.org/CORBA/INTERNAL:1.0",
  "IDL:omg.org/CORBA/NO_IMPLEMENT:1.0",     "IDL:omg.org/CORBA/INV_OBJREF:1.0",
  "IDL:omg.org/CORBA/NO_RESOURCES:1.0",     "IDL:omg.org/CORBA/BAD_INV_ORDER:1.0",
  "IDL:gorb.org/Gorb/PROTOCOL:1.0",
};
G_STATIC_ASSERT (G_N_ELEMENTS (system_repo_ids) == GORB_SYSTEM_ERROR_PROTOCOL + 1);

/**
 * gorb_system_error_to_repo_id:
 * @code: a #GorbSystemError
 *
 * Returns: (transfer none): the repository id that carries @code on the
 *   wire; UNKNOWN's for a code out of range.
 */
const char *
gorb_system_error_to_repo_id (GorbSystemError code)
{
  if ((guint) code >= G_N_ELEMENTS (system_repo_ids))
    code = GORB_SYSTEM_ERROR_UNKNOWN;
  return system_repo_ids[code];
}

/**
 * gorb_system_error_from_repo_id:
 * @repo_id: a repository id from the wire
 *
 * Returns: its code; %GORB_SYSTEM_ERROR_UNKNOWN for an id this side does not
 *   know (a newer peer's), so an unknown system exception still fails the
 *   call.
 */
GorbSystemError
gorb_system_error_from_repo_id (const char *repo_id)
{
  g_return_val_if_fail (repo_id != NULL, GORB_SYSTEM_ERROR_UNKNOWN);
  for (guint i = 0; i < G_N_ELEMENTS (system_repo_ids); i++)
    if (strcmp (system_repo_ids[i], repo_id) == 0)
      return (GorbSystemError) i;
  return GORB_SYSTEM_ERROR_UNKNOWN;
}
