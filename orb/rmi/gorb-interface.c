/* gorb-interface.c - interface descriptors: operation look-up, inheritance
 * and the consistency checks on an operation
 *
 * Descriptors are static data from gorb-idlc, trusted by every other
 * function: gorb_operation_desc_validate() is for tests and for descriptors
 * built at run time. The walks over @parents stop at
 * GORB_INTERFACE_MAX_DEPTH levels, so a cyclic hand-made descriptor ends
 * the search instead of the stack.
 */
#include "gorb-interface.h"
#include "marshal/gorb-marshal-error.h"

#include <string.h>

#define GORB_INTERFACE_MAX_DEPTH 64

static const GorbOperationDesc *
find_operation (const GorbInterfaceDesc *iface, const char *name, guint depth)
{
  if (depth >= GORB_INTERFACE_MAX_DEPTH)
    return NULL;
  for (guint i = 0; i < iface->n_operations; i++)
    if (strcmp (iface->operations[i].name, name) == 0)
      return &iface->operations[i];
  for (guint i = 0; i < iface->n_parents; i++)
    {
      const GorbOperationDesc *op = find_operation (iface->parents[i], name, depth + 1);
      if (op != NULL)
        return op;
    }
  return NULL;
}

/**
 * gorb_interface_find_operation:
 * @iface: an interface descriptor
 * @name: an operation name as the wire carries it ("addPerson",
 *   "_get_listname")
 *
 * Looks @name up among the operations of @iface, then among those of its
 * parents, depth first in the order @parents lists them: the first
 * definition found wins.
 *
 * Returns: (transfer none) (nullable): the operation, or %NULL if neither
 *   @iface nor any ancestor has one of that name
 */
const GorbOperationDesc *
gorb_interface_find_operation (const GorbInterfaceDesc *iface, const char *name)
{
  g_return_val_if_fail (iface != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_operation (iface, name, 0);
}

static gboolean
is_a (const GorbInterfaceDesc *iface, const char *repo_id, guint depth)
{
  if (depth >= GORB_INTERFACE_MAX_DEPTH)
    return FALSE;
  if (strcmp (iface->repo_id, repo_id) == 0)
    return TRUE;
  for (guint i = 0; i < iface->n_parents; i++)
    if (is_a (iface->parents[i], repo_id, depth + 1))
      return TRUE;
  return FALSE;
}

/**
 * gorb_interface_is_a:
 * @iface: an interface descriptor
 * @repo_id: a repository id ("IDL:Demo/PersonList:1.0")
 *
 * Returns: %TRUE if @repo_id is that of @iface or of one of its ancestors
 *   (the version must match too: ids are compared as strings)
 */
gboolean
gorb_interface_is_a (const GorbInterfaceDesc *iface, const char *repo_id)
{
  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (repo_id != NULL, FALSE);

  return is_a (iface, repo_id, 0);
}

G_GNUC_PRINTF (3, 4)
static gboolean
bad_operation (GError **error, const char *op_name, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GORB_MARSHAL_ERROR, GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, "operation '%s': %s",
               op_name != NULL ? op_name : "(unnamed)", message);
  return FALSE;
}

/* An IDL identifier (escapes removed): a letter, then letters, digits and
 * underscores. Parameter names are XML element names too. */
static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* @what names the type's place ("parameter 'p'") in the message */
static gboolean
validate_type (const GorbOperationDesc *op, const GorbTypeDesc *type, const char *what,
               GError **error)
{
  g_autoptr (GError) local = NULL;

  if (type == NULL)
    return bad_operation (error, op->name, "%s has no type", what);
  if (!gorb_type_desc_validate (type, &local))
    return bad_operation (error, op->name, "%s: %s", what, local->message);
  return TRUE;
}

static gboolean
validate_exception (const GorbOperationDesc *op, guint i, GError **error)
{
  const GorbExceptionDesc *exc = op->raises[i];
  g_autofree char *what = NULL;

  if (exc == NULL || exc->repo_id == NULL || exc->domain == NULL)
    return bad_operation (error, op->name, "exception %u has no repository id or domain", i);
  what = g_strdup_printf ("exception '%s'", exc->repo_id);
  if ((exc->type == NULL) != (exc->get_members == NULL))
    return bad_operation (error, op->name,
                          "%s needs both a members type and get_members, or neither", what);
  if (exc->type != NULL)
    {
      if (!validate_type (op, exc->type, what, error))
        return FALSE;
      if (exc->type->kind != GORB_TK_STRUCT)
        return bad_operation (error, op->name, "%s: its members type is a %s, not a struct", what,
                              gorb_type_kind_to_string (exc->type->kind));
    }
  for (guint j = 0; j < i; j++)
    {
      const GorbExceptionDesc *other = op->raises[j];
      if (strcmp (other->repo_id, exc->repo_id) == 0)
        return bad_operation (error, op->name, "%s is raised twice", what);
      if (other->domain () == exc->domain ())
        return bad_operation (error, op->name, "%s has the GError domain of '%s'", what,
                              other->repo_id);
    }
  return TRUE;
}

/**
 * gorb_operation_desc_validate:
 * @op: an operation descriptor
 * @error: return location for a %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR error
 *
 * Checks that a (hand-written or generated) operation descriptor is
 * consistent: a name; parameters with names (IDL identifiers), unique, of
 * valid types (see
 * gorb_type_desc_validate()) and a known direction; a valid result type;
 * raised exceptions with a repository id and a domain, a struct of members
 * and its accessor (or neither), none twice (by repository id or by
 * domain); a oneway operation has only in parameters, no result and raises
 * nothing. The codecs trust descriptors and do not call this.
 *
 * Errors: %GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, the message naming the
 * operation ("operation 'addPerson': parameter 'p' appears twice").
 *
 * Returns: %TRUE if @op is consistent
 */
gboolean
gorb_operation_desc_validate (const GorbOperationDesc *op, GError **error)
{
  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (op->name == NULL || op->name[0] == '\0')
    return bad_operation (error, NULL, "an operation needs a name");
  if (op->n_params > 0 && op->params == NULL)
    return bad_operation (error, op->name, "%u parameters but no parameter table", op->n_params);
  for (guint i = 0; i < op->n_params; i++)
    {
      const GorbParamDesc *p = &op->params[i];
      g_autofree char *what = NULL;

      if (p->name == NULL || p->name[0] == '\0')
        return bad_operation (error, op->name, "parameter %u has no name", i);
      if (!is_identifier (p->name))
        return bad_operation (error, op->name, "parameter name '%s' is not an IDL identifier",
                              p->name);
      for (guint j = 0; j < i; j++)
        if (strcmp (op->params[j].name, p->name) == 0)
          return bad_operation (error, op->name, "parameter '%s' appears twice", p->name);
      what = g_strdup_printf ("parameter '%s'", p->name);
      if (!validate_type (op, p->type, what, error))
        return FALSE;
      if ((guint) p->direction > GORB_PARAM_INOUT)
        return bad_operation (error, op->name, "parameter '%s' has unknown direction %d", p->name,
                              (int) p->direction);
      if (op->oneway && p->direction != GORB_PARAM_IN)
        return bad_operation (error, op->name,
                              "a oneway operation has only in parameters, but '%s' is %s", p->name,
                              p->direction == GORB_PARAM_OUT ? "out" : "inout");
    }
  if (op->result != NULL && !validate_type (op, op->result, "the result", error))
    return FALSE;
  if (op->oneway && op->result != NULL)
    return bad_operation (error, op->name, "a oneway operation has no result");
  if (op->n_raises > 0 && op->raises == NULL)
    return bad_operation (error, op->name, "%u exceptions but no exception table", op->n_raises);
  if (op->oneway && op->n_raises > 0)
    return bad_operation (error, op->name, "a oneway operation raises no exception");
  for (guint i = 0; i < op->n_raises; i++)
    if (!validate_exception (op, i, error))
      return FALSE;
  return TRUE;
}
