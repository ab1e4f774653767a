/* gorb-cdr-private.h - the CDR writer's and reader's hot path, shared by
 * gorb-cdr-writer.c, gorb-cdr-reader.c and gorb-cdr-value.c
 *
 * Invariants: writer->len <= writer->capacity; reader->pos <= reader->len.
 * Alignment is computed as (origin - pos) & (align - 1), which is the
 * padding needed to reach a multiple of @align from @origin in modular
 * arithmetic, so it holds whether @origin is before or after @pos. Every
 * alignment is a power of two no larger than 8.
 *
 * The hot path is static inline so that the value codec (another
 * translation unit of a shared library) does not pay a call per primitive;
 * the rest is out of line and G_GNUC_INTERNAL (hidden, so no PLT either).
 */
#pragma once

#include "gorb-cdr.h"
#include "gorb-marshal-private.h"

#include <string.h>

G_BEGIN_DECLS

/* Writer */

G_GNUC_INTERNAL void gorb_cdr_writer_grow (GorbCdrWriter *writer, gsize needed);

/* Makes room for @n more bytes, so that the writes that follow do not grow
 * the buffer one after the other. */
static inline void
gorb_cdr_writer_reserve (GorbCdrWriter *writer, gsize n)
{
  if (G_UNLIKELY (writer->capacity - writer->len < n))
    gorb_cdr_writer_grow (writer, n);
}

/* Pads to @align (zero bytes) and reserves @n more bytes; returns where
 * they go. */
static inline guint8 *
gorb_cdr_writer_put (GorbCdrWriter *writer, gsize align, gsize n)
{
  gsize pad = (writer->origin - writer->len) & (align - 1);
  guint8 *p;

  if (G_UNLIKELY (writer->capacity - writer->len < pad + n))
    gorb_cdr_writer_grow (writer, pad + n);
  p = writer->data + writer->len;
  for (gsize i = 0; i < pad; i++)
    p[i] = 0;
  writer->len += pad + n;
  return p + pad;
}

static inline void
gorb_cdr_writer_put8 (GorbCdrWriter *writer, guint8 v)
{
  *gorb_cdr_writer_put (writer, 1, 1) = v;
}

static inline void
gorb_cdr_writer_put16 (GorbCdrWriter *writer, guint16 v)
{
  if (writer->swap)
    v = GUINT16_SWAP_LE_BE (v);
  memcpy (gorb_cdr_writer_put (writer, 2, 2), &v, 2);
}

static inline void
gorb_cdr_writer_put32 (GorbCdrWriter *writer, guint32 v)
{
  if (writer->swap)
    v = GUINT32_SWAP_LE_BE (v);
  memcpy (gorb_cdr_writer_put (writer, 4, 4), &v, 4);
}

static inline void
gorb_cdr_writer_put64 (GorbCdrWriter *writer, guint64 v)
{
  if (writer->swap)
    v = GUINT64_SWAP_LE_BE (v);
  memcpy (gorb_cdr_writer_put (writer, 8, 8), &v, 8);
}

/* A string of @len bytes (no NUL among them): length, bytes, NUL. The
 * caller has checked that len + 1 fits a ulong. */
static inline void
gorb_cdr_writer_put_string (GorbCdrWriter *writer, const char *value, gsize len)
{
  guint32 n = (guint32) len + 1;
  guint8 *p;

  if (writer->swap)
    n = GUINT32_SWAP_LE_BE (n);
  p = gorb_cdr_writer_put (writer, 4, 4 + len + 1);
  memcpy (p, &n, 4);
  memcpy (p + 4, value, len);
  p[4 + len] = 0;
}

G_GNUC_INTERNAL void gorb_cdr_copy_elements (gpointer dst, gconstpointer src, gsize n, gsize size,
                                             gboolean swap);

/* @n elements of @size bytes (1, 2, 4 or 8), native order in @src, aligned
 * to @size: one copy, or one swapping pass. @n > 0. */
G_GNUC_INTERNAL void gorb_cdr_writer_put_array (GorbCdrWriter *writer, gconstpointer src, gsize n,
                                                gsize size);

/* Reader */

G_GNUC_INTERNAL gboolean gorb_cdr_reader_fail (const GorbCdrReader *reader, gsize pos,
                                               const GorbMarshalPath *path, GError **error,
                                               GorbMarshalError code, const char *format, ...)
    G_GNUC_PRINTF (6, 7);
G_GNUC_INTERNAL gboolean gorb_cdr_reader_fail_truncated (const GorbCdrReader *reader, gsize pos,
                                                         gsize n, const GorbMarshalPath *path,
                                                         GError **error);

/* Aligns to @align and takes @n bytes; NULL (and a TRUNCATED error naming
 * @path) if the input ends first. */
static inline const guint8 *
gorb_cdr_reader_take (GorbCdrReader *reader, gsize align, gsize n, const GorbMarshalPath *path,
                      GError **error)
{
  gsize at = reader->pos + ((reader->origin - reader->pos) & (align - 1));

  if (G_UNLIKELY (at > reader->len || reader->len - at < n))
    {
      gorb_cdr_reader_fail_truncated (reader, at, n, path, error);
      return NULL;
    }
  reader->pos = at + n;
  return reader->data + at;
}

static inline gboolean
gorb_cdr_reader_get8 (GorbCdrReader *reader, guint8 *v, const GorbMarshalPath *path, GError **error)
{
  const guint8 *p = gorb_cdr_reader_take (reader, 1, 1, path, error);

  if (G_UNLIKELY (p == NULL))
    return FALSE;
  *v = *p;
  return TRUE;
}

static inline gboolean
gorb_cdr_reader_get16 (GorbCdrReader *reader, guint16 *v, const GorbMarshalPath *path,
                       GError **error)
{
  const guint8 *p = gorb_cdr_reader_take (reader, 2, 2, path, error);
  guint16 x;

  if (G_UNLIKELY (p == NULL))
    return FALSE;
  memcpy (&x, p, 2);
  *v = reader->swap ? GUINT16_SWAP_LE_BE (x) : x;
  return TRUE;
}

static inline gboolean
gorb_cdr_reader_get32 (GorbCdrReader *reader, guint32 *v, const GorbMarshalPath *path,
                       GError **error)
{
  const guint8 *p = gorb_cdr_reader_take (reader, 4, 4, path, error);
  guint32 x;

  if (G_UNLIKELY (p == NULL))
    return FALSE;
  memcpy (&x, p, 4);
  *v = reader->swap ? GUINT32_SWAP_LE_BE (x) : x;
  return TRUE;
}

static inline gboolean
gorb_cdr_reader_get64 (GorbCdrReader *reader, guint64 *v, const GorbMarshalPath *path,
                       GError **error)
{
  const guint8 *p = gorb_cdr_reader_take (reader, 8, 8, path, error);
  guint64 x;

  if (G_UNLIKELY (p == NULL))
    return FALSE;
  memcpy (&x, p, 8);
  *v = reader->swap ? GUINT64_SWAP_LE_BE (x) : x;
  return TRUE;
}

/* A boolean octet: 0 or 1, anything else is BAD_VALUE. */
G_GNUC_INTERNAL gboolean gorb_cdr_reader_get_boolean (GorbCdrReader *reader, gboolean *value,
                                                      const GorbMarshalPath *path, GError **error);

/* A string, bounded by @bound (0: unbounded); with @nil_if_empty (object
 * references) "" becomes NULL. *value is only set on success. */
G_GNUC_INTERNAL gboolean gorb_cdr_reader_get_string (GorbCdrReader *reader, guint32 bound,
                                                     gboolean nil_if_empty, char **value,
                                                     const GorbMarshalPath *path, GError **error);

/* @n elements of @size bytes (1, 2, 4 or 8) aligned to @size into @dst in
 * native order; @n > 0. */
G_GNUC_INTERNAL gboolean gorb_cdr_reader_get_array (GorbCdrReader *reader, gpointer dst, gsize n,
                                                    gsize size, const GorbMarshalPath *path,
                                                    GError **error);

/* Values, with the root of the member path named "<scope>.<name>" in
 * messages (gorb_marshal_path_init_named()); otherwise as
 * gorb_cdr_write_value() and gorb_cdr_read_value(), without their argument
 * checks. */
G_GNUC_INTERNAL gboolean gorb_cdr_write_value_named (GorbCdrWriter *writer,
                                                     const GorbTypeDesc *type, gconstpointer value,
                                                     const char *scope, const char *name,
                                                     GError **error);
G_GNUC_INTERNAL gboolean gorb_cdr_read_value_named (GorbCdrReader *reader, const GorbTypeDesc *type,
                                                    gpointer value, const char *scope,
                                                    const char *name, GError **error);

G_END_DECLS
