/* gorb-marshal-error.c - the marshalling error domain and the shared path helpers */
#include "gorb-marshal-private.h"

/* the quark's name is dashed: clang-format would space the dashes */
/* clang-format off */
G_DEFINE_QUARK (gorb-marshal-error-quark, gorb_marshal_error)
/* clang-format on */

gboolean
gorb_marshal_path_too_deep (GorbMarshalPath *path, GError **error)
{
  return gorb_marshal_fail (error, path, GORB_MARSHAL_ERROR_TOO_DEEP, NULL,
                            "nesting deeper than %d levels", GORB_MARSHAL_MAX_DEPTH);
}

char *
gorb_marshal_path_to_string (const GorbMarshalPath *path)
{
  GString *s = g_string_new (NULL);

  if (path->root_name != NULL && path->root_scope != NULL)
    g_string_append_printf (s, "%s.%s", path->root_scope, path->root_name);
  else if (path->root_name != NULL)
    g_string_append (s, path->root_name);
  else if (path->root != NULL && path->root->name != NULL)
    g_string_append (s, gorb_type_desc_get_short_name (path->root));
  else
    g_string_append (s, "value");
  for (guint i = 0; i < path->depth; i++)
    {
      const GorbPathSegment *seg = &path->segments[i];
      if (seg->name != NULL)
        g_string_append_printf (s, ".%s", seg->name);
      else
        g_string_append_printf (s, "[%u]", seg->index);
    }
  return g_string_free (s, FALSE);
}

gboolean
gorb_marshal_fail (GError **error, const GorbMarshalPath *path, GorbMarshalError code,
                   const char *location, const char *format, ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *where = path != NULL ? gorb_marshal_path_to_string (path) : NULL;
  if (location != NULL && where != NULL)
    g_set_error (error, GORB_MARSHAL_ERROR, code, "%s at %s in '%s'", message, location, where);
  else if (where != NULL)
    g_set_error (error, GORB_MARSHAL_ERROR, code, "%s in '%s'", message, where);
  else if (location != NULL)
    g_set_error (error, GORB_MARSHAL_ERROR, code, "%s at %s", message, location);
  else
    g_set_error_literal (error, GORB_MARSHAL_ERROR, code, message);
  return FALSE;
}
