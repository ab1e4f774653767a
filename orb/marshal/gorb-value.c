/* gorb-value.c - clear, copy and compare C values through their descriptors
 *
 * These trust the value: it is local C data, not input, so they follow it as
 * deep as it goes (the codecs never produce a value nested deeper than
 * GORB_MARSHAL_MAX_DEPTH, and refuse to encode one).
 */
#include "gorb-marshal-private.h"
#include "gorb-value.h"

#include <glib-object.h>
#include <string.h>

static void
clear_value (const GorbTypeDesc *type, gpointer value)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_STRING:
      g_clear_pointer ((char **) value, g_free);
      break;
    case GORB_TK_OBJREF:
      g_clear_object ((GObject **) value);
      break;
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        clear_value (type->members[i].type, (guint8 *) value + type->members[i].offset);
      break;
    case GORB_TK_UNION:
      {
        gint64 d;
        const GorbMemberDesc *c;
        if (gorb_union_get_discriminator (type, value, &d)
            && (c = gorb_union_find_case (type, d)) != NULL)
          clear_value (c->type, (guint8 *) value + c->offset);
        break;
      }
    case GORB_TK_SEQUENCE:
      {
        GorbSequence *seq = value;
        const GorbTypeDesc *elem = type->content;
        if (seq->data != NULL && !gorb_type_desc_is_primitive (elem))
          for (guint32 i = 0; i < seq->len; i++)
            clear_value (elem, (guint8 *) seq->data + (gsize) i * elem->size);
        g_clear_pointer (&seq->data, g_free);
        seq->len = 0;
        break;
      }
    case GORB_TK_ARRAY:
      if (!gorb_type_desc_is_primitive (type->content))
        for (guint32 i = 0; i < type->bound; i++)
          clear_value (type->content, (guint8 *) value + (gsize) i * type->content->size);
      break;
    default:
      break;
    }
}

/**
 * gorb_value_clear:
 * @type: the value's descriptor
 * @value: (not nullable): a value of @type
 *
 * Frees what @value owns (strings, sequence buffers, recursively) and leaves
 * those fields %NULL/empty; @value itself is not freed. Safe on a zeroed
 * value and on a value a decoder gave up on half way.
 */
void
gorb_value_clear (const GorbTypeDesc *type, gpointer value)
{
  g_return_if_fail (type != NULL && value != NULL);
  clear_value (type, value);
}

/**
 * gorb_value_new0:
 *
 * Returns: (transfer full): a zeroed value of @type on the heap; free it
 *   with gorb_value_free().
 */
gpointer
gorb_value_new0 (const GorbTypeDesc *type)
{
  g_return_val_if_fail (type != NULL, NULL);
  return g_malloc0 (type->size);
}

/**
 * gorb_value_free:
 * @value: (transfer full) (nullable): a value from gorb_value_new0()
 *
 * Clears @value and frees it.
 */
void
gorb_value_free (const GorbTypeDesc *type, gpointer value)
{
  g_return_if_fail (type != NULL);
  if (value == NULL)
    return;
  clear_value (type, value);
  g_free (value);
}

static void
copy_value (const GorbTypeDesc *type, gconstpointer src, gpointer dest)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_STRING:
      *(char **) dest = g_strdup (*(char *const *) src);
      break;
    case GORB_TK_OBJREF:
      {
        GObject *object = *(GObject *const *) src;
        *(GObject **) dest = object != NULL ? g_object_ref (object) : NULL;
        break;
      }
    case GORB_TK_STRUCT:
      memcpy (dest, src, type->size); /* padding and primitives at once */
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          if (!gorb_type_desc_is_primitive (m->type))
            copy_value (m->type, (const guint8 *) src + m->offset, (guint8 *) dest + m->offset);
        }
      break;
    case GORB_TK_UNION:
      {
        gint64 d;
        const GorbMemberDesc *c;
        memcpy (dest, src, type->size);
        if (gorb_union_get_discriminator (type, src, &d)
            && (c = gorb_union_find_case (type, d)) != NULL)
          copy_value (c->type, (const guint8 *) src + c->offset, (guint8 *) dest + c->offset);
        break;
      }
    case GORB_TK_SEQUENCE:
      {
        const GorbSequence *s = src;
        GorbSequence *d = dest;
        const GorbTypeDesc *elem = type->content;
        d->len = s->len;
        d->data = NULL;
        if (s->len == 0 || s->data == NULL)
          {
            d->len = 0;
            break;
          }
        if (gorb_type_desc_is_primitive (elem))
          {
            d->data = g_memdup2 (s->data, (gsize) s->len * elem->size);
            break;
          }
        d->data = g_malloc0_n (s->len, elem->size);
        for (guint32 i = 0; i < s->len; i++)
          copy_value (elem, (const guint8 *) s->data + (gsize) i * elem->size,
                      (guint8 *) d->data + (gsize) i * elem->size);
        break;
      }
    case GORB_TK_ARRAY:
      if (gorb_type_desc_is_primitive (type->content))
        memcpy (dest, src, type->size);
      else
        for (guint32 i = 0; i < type->bound; i++)
          copy_value (type->content, (const guint8 *) src + (gsize) i * type->content->size,
                      (guint8 *) dest + (gsize) i * type->content->size);
      break;
    default:
      memcpy (dest, src, type->size);
      break;
    }
}

/**
 * gorb_value_copy:
 * @src: a value of @type
 * @dest: (out caller-allocates): where the deep copy goes; overwritten
 *   without being cleared
 *
 * Deep-copies @src into @dest. Clear @dest with gorb_value_clear().
 */
void
gorb_value_copy (const GorbTypeDesc *type, gconstpointer src, gpointer dest)
{
  g_return_if_fail (type != NULL && src != NULL && dest != NULL);
  copy_value (type, src, dest);
}

static gboolean
equal_value (const GorbTypeDesc *type, gconstpointer a, gconstpointer b)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      return !*(const gboolean *) a == !*(const gboolean *) b;
    case GORB_TK_STRING:
      return g_strcmp0 (*(char *const *) a, *(char *const *) b) == 0;
    case GORB_TK_OBJREF: /* the same object, not the same remote object */
      return *(GObject *const *) a == *(GObject *const *) b;
    case GORB_TK_FLOAT:
      return *(const gfloat *) a == *(const gfloat *) b
             || memcmp (a, b, sizeof (gfloat)) == 0; /* same NaN */
    case GORB_TK_DOUBLE:
      return *(const gdouble *) a == *(const gdouble *) b || memcmp (a, b, sizeof (gdouble)) == 0;
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        {
          const GorbMemberDesc *m = &type->members[i];
          if (!equal_value (m->type, (const guint8 *) a + m->offset,
                            (const guint8 *) b + m->offset))
            return FALSE;
        }
      return TRUE;
    case GORB_TK_UNION:
      {
        gint64 da, db;
        const GorbMemberDesc *c;
        if (!gorb_union_get_discriminator (type, a, &da)
            || !gorb_union_get_discriminator (type, b, &db) || da != db)
          return FALSE;
        c = gorb_union_find_case (type, da);
        return c == NULL
               || equal_value (c->type, (const guint8 *) a + c->offset,
                               (const guint8 *) b + c->offset);
      }
    case GORB_TK_SEQUENCE:
      {
        const GorbSequence *sa = a, *sb = b;
        const GorbTypeDesc *elem = type->content;
        if (sa->len != sb->len)
          return FALSE;
        for (guint32 i = 0; i < sa->len; i++)
          if (!equal_value (elem, (const guint8 *) sa->data + (gsize) i * elem->size,
                            (const guint8 *) sb->data + (gsize) i * elem->size))
            return FALSE;
        return TRUE;
      }
    case GORB_TK_ARRAY:
      for (guint32 i = 0; i < type->bound; i++)
        if (!equal_value (type->content, (const guint8 *) a + (gsize) i * type->content->size,
                          (const guint8 *) b + (gsize) i * type->content->size))
          return FALSE;
      return TRUE;
    default:
      return memcmp (a, b, type->size) == 0;
    }
}

/**
 * gorb_value_equal:
 *
 * Returns: whether @a and @b hold the same value of @type (strings by
 *   content, booleans by truth, floats by value, NaNs by bits).
 */
gboolean
gorb_value_equal (const GorbTypeDesc *type, gconstpointer a, gconstpointer b)
{
  g_return_val_if_fail (type != NULL && a != NULL && b != NULL, FALSE);
  return equal_value (type, a, b);
}
