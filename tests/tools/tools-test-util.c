/* tools-test-util.c - a value of any type, for the gorb tool's tests */
#include "tools-test-util.h"

#include <string.h>

static void fill (const GorbTypeDesc *type, gpointer value, guint seed, guint depth);

/* A discriminator value that selects @c (for the default case, one that no
 * label has); FALSE if there is none. */
static gboolean
discriminator_for (const GorbTypeDesc *type, const GorbMemberDesc *c, gint64 *d)
{
  if (!c->is_default)
    {
      *d = c->label;
      return TRUE;
    }
  /* a char discriminator starts at 'x': XML cannot carry most control chars */
  gint64 first = gorb_type_desc_resolve (type->content)->kind == GORB_TK_CHAR ? 'x' : 0;
  for (gint64 candidate = first; candidate < first + 1000; candidate++)
    if (gorb_union_find_case (type, candidate) == c)
      {
        *d = candidate;
        return TRUE;
      }
  return FALSE;
}

static void
fill_union (const GorbTypeDesc *type, gpointer value, guint seed, guint depth)
{
  for (guint i = 0; i < type->n_members; i++)
    {
      const GorbMemberDesc *c = &type->members[(seed + i) % type->n_members];
      gint64 d;
      if (!discriminator_for (type, c, &d))
        continue;
      gorb_union_set_discriminator (type, value, d);
      fill (c->type, (guint8 *) value + c->offset, seed + 1, depth + 1);
      return;
    }
}

static void
fill_string (const GorbTypeDesc *type, gpointer value, guint seed)
{
  char *s = seed % 4 == 3 ? g_strdup_printf ("é\"\\\n%u", seed) : g_strdup_printf ("s%u", seed);
  if (type->bound != 0 && strlen (s) > type->bound)
    s[type->bound] = '\0'; /* ASCII from here on, or a cut "é": keep it short */
  if (!g_utf8_validate (s, -1, NULL))
    s[0] = '\0';
  *(char **) value = s;
}

static void
fill (const GorbTypeDesc *type, gpointer value, guint seed, guint depth)
{
  type = gorb_type_desc_resolve (type);
  switch (type->kind)
    {
    case GORB_TK_BOOLEAN:
      *(gboolean *) value = seed % 2;
      break;
    case GORB_TK_OCTET:
      *(guint8 *) value = (guint8) (seed * 37 + 200);
      break;
    case GORB_TK_CHAR:
      *(guint8 *) value = seed % 5 == 4 ? 0xe9 : (guint8) ('a' + seed % 26);
      break;
    case GORB_TK_SHORT:
      *(gint16 *) value = (gint16) (-(gint32) seed * 101 - 1);
      break;
    case GORB_TK_USHORT:
      *(guint16 *) value = (guint16) (65535 - seed);
      break;
    case GORB_TK_LONG:
      *(gint32 *) value = -(gint32) seed * 100003 - 7;
      break;
    case GORB_TK_ULONG:
      *(guint32 *) value = 4000000000u - seed;
      break;
    case GORB_TK_LONGLONG:
      *(gint64 *) value = seed % 2 ? G_MININT64 + seed : (gint64) seed * 1000;
      break;
    case GORB_TK_ULONGLONG:
      *(guint64 *) value = seed % 2 ? G_MAXUINT64 - seed : seed;
      break;
    case GORB_TK_FLOAT:
      *(gfloat *) value = (gfloat) seed + 0.1f;
      break;
    case GORB_TK_DOUBLE:
      *(gdouble *) value = -(gdouble) seed / 3.0;
      break;
    case GORB_TK_STRING:
      fill_string (type, value, seed);
      break;
    case GORB_TK_ENUM:
      *(guint32 *) value = seed % type->n_members;
      break;
    case GORB_TK_STRUCT:
      for (guint i = 0; i < type->n_members; i++)
        fill (type->members[i].type, (guint8 *) value + type->members[i].offset, seed + i + 1,
              depth + 1);
      break;
    case GORB_TK_UNION:
      fill_union (type, value, seed, depth);
      break;
    case GORB_TK_SEQUENCE:
      {
        GorbSequence *seq = value;
        guint len = depth < 4 ? seed % 3 + 1 : 0;
        if (type->bound != 0)
          len = MIN (len, type->bound);
        seq->len = len;
        seq->data = len > 0 ? g_malloc0_n (len, type->content->size) : NULL;
        for (guint i = 0; i < len; i++)
          fill (type->content, (guint8 *) seq->data + i * type->content->size, seed + i, depth + 1);
        break;
      }
    case GORB_TK_ARRAY:
      for (guint i = 0; i < type->bound; i++)
        fill (type->content, (guint8 *) value + i * type->content->size, seed + i, depth + 1);
      break;
    default:
      break;
    }
}

void
tools_test_fill (const GorbTypeDesc *type, gpointer value, guint seed)
{
  fill (type, value, seed, 0);
}
