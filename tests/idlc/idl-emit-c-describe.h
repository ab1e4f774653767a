/* idl-emit-c-describe.h - a descriptor as text, for comparing the generated
 * descriptors with the hand-written ones (test-idl-emit-c.c and its helper
 * idl-emit-c-helper.c, which links the generated ones) */
#pragma once

#include <gorb.h>

/* Appends @type: its fields, members and enumerators; named types met
 * below the top are written by name only (recursive types end). */
static inline void
describe_type (const GorbTypeDesc *type, GString *out, guint depth)
{
  if (depth > 0 && type->name != NULL)
    {
      g_string_append_printf (out, "%s", type->name);
      return;
    }
  g_string_append_printf (out, "{%s size=%u align=%u name=%s id=%s bound=%u n=%u",
                          gorb_type_kind_to_string (type->kind), type->size, type->align,
                          type->name ? type->name : "-", type->repo_id ? type->repo_id : "-",
                          type->bound, type->n_members);
  if (type->content != NULL)
    {
      g_string_append (out, " content=");
      describe_type (type->content, out, depth + 1);
    }
  for (guint i = 0; type->members != NULL && i < type->n_members; i++)
    {
      const GorbMemberDesc *m = &type->members[i];
      g_string_append_printf (out, " [%s@%u label=%" G_GINT64_FORMAT "%s ", m->name, m->offset,
                              m->label, m->is_default ? " default" : "");
      describe_type (m->type, out, depth + 1);
      g_string_append (out, "]");
    }
  for (guint i = 0; type->enumerators != NULL && i < type->n_members; i++)
    g_string_append_printf (out, " %s", type->enumerators[i]);
  g_string_append (out, "}");
}
