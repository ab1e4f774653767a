/* gorb-naming-name.c - the string form of a name (NamingContextExt's)
 *
 *   name      = component *( "/" component )
 *   component = id [ "." kind ]
 *   id, kind  = *( char | "\" ( "/" | "." | "\" ) )   (char: any byte but / . \)
 *
 * The id is never empty; a kind may be ("id." is "id"). Positions in errors
 * are 1-based byte offsets into the text.
 */
#include "gorb-naming.h"

#include <string.h>

/* clang-format off */
G_DEFINE_QUARK (gorb-naming-error-quark, gorb_naming_error)
/* clang-format on */

static void invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
invalid (GError **error, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  gorb_naming_invalid_name_error_set (error, reason, "invalid name: %s", reason);
}

/* Appends @text to @out with '/', '.' and '\' escaped. */
static void
append_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '.' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/**
 * gorb_naming_name_parse:
 * @text: a name in its string form (`a/b.kind/c`)
 * @name: (out caller-allocates): the name; cleared first, left empty on
 *   error. Clear with gorb_value_clear (&gorb_naming_name_desc, name).
 * @error: %GORB_NAMING_INVALID_NAME_ERROR: an empty name, an empty id, a
 *   second unescaped '.' in a component, a '\' before anything but '/',
 *   '.' or '\', or a '\' at the end; the reason gives the byte (1-based)
 *
 * Returns: %TRUE if @text parsed
 */
gboolean
gorb_naming_name_parse (const char *text, GorbNamingName *name, GError **error)
{
  g_autoptr (GArray) components = NULL;
  g_autoptr (GString) id = g_string_new (NULL);
  g_autoptr (GString) kind = g_string_new (NULL);
  gboolean in_kind = FALSE;
  gsize start = 0; /* offset where the current component starts */

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name->data = NULL;
  name->len = 0;
  if (*text == '\0')
    {
      invalid (error, "the name is empty");
      return FALSE;
    }
  components = g_array_new (FALSE, TRUE, sizeof (GorbNamingNameComponent));
  g_array_set_clear_func (components, (GDestroyNotify) gorb_naming_name_component_clear);
  for (gsize i = 0;; i++)
    {
      char c = text[i];

      if (c == '\0' || c == '/')
        {
          GorbNamingNameComponent component;

          if (id->len == 0)
            {
              invalid (error, "component %u (at byte %" G_GSIZE_FORMAT ") has an empty id",
                       components->len + 1, start + 1);
              return FALSE;
            }
          component.id = g_strndup (id->str, id->len);
          component.kind = g_strndup (kind->str, kind->len);
          g_array_append_val (components, component);
          g_string_truncate (id, 0);
          g_string_truncate (kind, 0);
          in_kind = FALSE;
          start = i + 1;
          if (c == '\0')
            break;
          continue;
        }
      if (c == '.')
        {
          if (in_kind)
            {
              invalid (error, "unescaped second '.' at byte %" G_GSIZE_FORMAT, i + 1);
              return FALSE;
            }
          in_kind = TRUE;
          continue;
        }
      if (c == '\\')
        {
          char next = text[i + 1];

          if (next == '\0')
            {
              invalid (error, "'\\' at the end (byte %" G_GSIZE_FORMAT ")", i + 1);
              return FALSE;
            }
          if (next != '/' && next != '.' && next != '\\')
            {
              invalid (error,
                       "'\\' at byte %" G_GSIZE_FORMAT " escapes '%c': only '/', '.' and '\\' "
                       "can be escaped",
                       i + 1, next);
              return FALSE;
            }
          c = next;
          i++;
        }
      g_string_append_c (in_kind ? kind : id, c);
    }
  name->len = components->len;
  name->data = (GorbNamingNameComponent *) g_array_steal (components, NULL);
  return TRUE;
}

/**
 * gorb_naming_name_check:
 * @name: a name
 * @error: %GORB_NAMING_INVALID_NAME_ERROR if @name is empty or a
 *   component's id is empty (the reason says which, 1-based)
 *
 * Returns: %TRUE if @name is valid
 */
gboolean
gorb_naming_name_check (const GorbNamingName *name, GError **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name->len == 0)
    {
      invalid (error, "the name is empty");
      return FALSE;
    }
  for (guint32 i = 0; i < name->len; i++)
    if (name->data[i].id == NULL || name->data[i].id[0] == '\0')
      {
        invalid (error, "component %u has an empty id", i + 1);
        return FALSE;
      }
  return TRUE;
}

/**
 * gorb_naming_name_to_string:
 * @name: a name
 * @error: %GORB_NAMING_INVALID_NAME_ERROR as gorb_naming_name_check()
 *
 * Returns: (transfer full): the string form of @name, which
 *   gorb_naming_name_parse() turns back into an equal name; %NULL on error
 */
char *
gorb_naming_name_to_string (const GorbNamingName *name, GError **error)
{
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gorb_naming_name_check (name, error))
    return NULL;
  out = g_string_new (NULL);
  for (guint32 i = 0; i < name->len; i++)
    {
      const GorbNamingNameComponent *component = &name->data[i];

      if (i > 0)
        g_string_append_c (out, '/');
      append_escaped (out, component->id);
      if (component->kind != NULL && component->kind[0] != '\0')
        {
          g_string_append_c (out, '.');
          append_escaped (out, component->kind);
        }
    }
  return g_string_free (out, FALSE);
}
