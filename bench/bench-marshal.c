/* bench-marshal.c - the marshalling benchmark: encode+decode of sequence<octet>
 * at 1 KiB / 64 KiB / 1 MiB against memcpy of the same size in the same run,
 * and of sequence<Person> of 100 in CDR and XML.
 *
 * One line per result:
 *   peer=gorb workload=M1 codec=cdr size=1024 n=.. median_us=.. MB_per_s=.. memcpy_MB_per_s=..
 * ratio_to_memcpy=.. peer=gorb workload=M2 codec=cdr persons=100 n=.. median_us=.. encode_us=..
 * decode_us=.. Each sample times one operation with CLOCK_MONOTONIC; medians by nearest rank.
 * Counts scale with BENCH_SCALE (default 1.0).
 */
#include "gorb-test-types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static guint64
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

static double
median_us (guint64 *samples, guint n)
{
  qsort (samples, n, sizeof *samples, compare_u64);
  return samples[(n + 1) / 2 - 1] / 1000.0; /* nearest rank */
}

static G_NORETURN void
die (const char *what, const GError *error)
{
  fprintf (stderr, "bench-marshal: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static guint
scaled (guint n)
{
  const char *s = g_getenv ("BENCH_SCALE");
  double f = s ? g_ascii_strtod (s, NULL) : 1.0;
  return MAX (1, (guint) (n * (f > 0 ? f : 1.0)));
}

/* One encode+decode of an octet sequence in CDR. */
static guint64
octets_cdr_once (const TestOctetSeq *in)
{
  g_autoptr (GError) error = NULL;
  GorbCdrWriter w;
  GorbCdrReader r;
  TestOctetSeq out;
  guint64 t0 = now_ns ();

  gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_NATIVE);
  if (!gorb_cdr_write_value (&w, &test_octet_seq_desc, in, &error))
    die ("encode", error);
  gorb_cdr_reader_init (&r, w.data, w.len, GORB_BYTE_ORDER_NATIVE);
  if (!gorb_cdr_read_value (&r, &test_octet_seq_desc, &out, &error))
    die ("decode", error);
  guint64 t = now_ns () - t0;
  if (out.len != in->len || memcmp (out.data, in->data, in->len) != 0)
    die ("octet round trip differs", NULL);
  gorb_value_clear (&test_octet_seq_desc, &out);
  gorb_cdr_writer_clear (&w);
  return t;
}

static guint64
memcpy_once (guint8 *dst, const guint8 *src, gsize size)
{
  guint64 t0 = now_ns ();
  memcpy (dst, src, size);
  __asm__ volatile("" : : "r"(dst) : "memory"); /* keep the copy */
  return now_ns () - t0;
}

static void
bench_octets (gsize size, guint n)
{
  TestOctetSeq in = { g_malloc (size), (guint32) size };
  guint8 *dst = g_malloc (size);
  guint64 *a = g_new (guint64, n), *b = g_new (guint64, n);
  guint warm = MAX (n / 10, 1);

  for (gsize i = 0; i < size; i++)
    in.data[i] = (guint8) (i * 31 + 7);
  for (guint i = 0; i < warm; i++)
    {
      octets_cdr_once (&in);
      memcpy_once (dst, in.data, size);
    }
  for (guint i = 0; i < n; i++) /* interleaved, so both see the same noise */
    {
      a[i] = octets_cdr_once (&in);
      b[i] = memcpy_once (dst, in.data, size);
    }
  double gorb_us = median_us (a, n), memcpy_us = median_us (b, n);
  double gorb_mbs = size / gorb_us, memcpy_mbs = size / memcpy_us;
  printf ("peer=gorb workload=M1 codec=cdr size=%zu n=%u median_us=%.2f MB_per_s=%.0f "
          "memcpy_median_us=%.3f memcpy_MB_per_s=%.0f ratio_to_memcpy=%.3f\n",
          size, n, gorb_us, gorb_mbs, memcpy_us, memcpy_mbs, gorb_mbs / memcpy_mbs);
  g_free (a);
  g_free (b);
  g_free (dst);
  g_free (in.data);
}

static void
bench_people_cdr (guint n)
{
  TestPersonSeq in, out;
  guint64 *enc = g_new (guint64, n), *dec = g_new (guint64, n), *both = g_new (guint64, n);
  g_autoptr (GError) error = NULL;

  test_person_seq_fill (&in, 100);
  for (guint i = 0; i < n + n / 10; i++)
    {
      GorbCdrWriter w;
      GorbCdrReader r;
      guint64 t0 = now_ns ();
      gorb_cdr_writer_init (&w, GORB_BYTE_ORDER_NATIVE);
      if (!gorb_cdr_write_value (&w, &test_person_seq_desc, &in, &error))
        die ("encode people", error);
      guint64 t1 = now_ns ();
      gorb_cdr_reader_init (&r, w.data, w.len, GORB_BYTE_ORDER_NATIVE);
      if (!gorb_cdr_read_value (&r, &test_person_seq_desc, &out, &error))
        die ("decode people", error);
      guint64 t2 = now_ns ();
      if (i == 0 && !gorb_value_equal (&test_person_seq_desc, &in, &out))
        die ("people round trip differs", NULL);
      gorb_value_clear (&test_person_seq_desc, &out);
      gorb_cdr_writer_clear (&w);
      if (i >= n / 10) /* the first tenth warms up */
        {
          enc[i - n / 10] = t1 - t0;
          dec[i - n / 10] = t2 - t1;
          both[i - n / 10] = t2 - t0;
        }
    }
  printf ("peer=gorb workload=M2 codec=cdr persons=100 n=%u median_us=%.2f encode_us=%.2f "
          "decode_us=%.2f\n",
          n, median_us (both, n), median_us (enc, n), median_us (dec, n));
  gorb_value_clear (&test_person_seq_desc, &in);
  g_free (enc);
  g_free (dec);
  g_free (both);
}

static void
bench_people_xml (guint n)
{
  TestPersonSeq in, out;
  guint64 *enc = g_new (guint64, n), *dec = g_new (guint64, n), *both = g_new (guint64, n);
  g_autoptr (GError) error = NULL;

  test_person_seq_fill (&in, 100);
  for (guint i = 0; i < n + n / 10; i++)
    {
      guint64 t0 = now_ns ();
      g_autoptr (GBytes) doc = gorb_xml_encode (&test_person_seq_desc, &in, NULL, &error);
      if (doc == NULL)
        die ("encode people (XML)", error);
      guint64 t1 = now_ns ();
      gsize len;
      const char *text = g_bytes_get_data (doc, &len);
      if (!gorb_xml_decode (&test_person_seq_desc, text, len, NULL, &out, &error))
        die ("decode people (XML)", error);
      guint64 t2 = now_ns ();
      if (i == 0 && !gorb_value_equal (&test_person_seq_desc, &in, &out))
        die ("people XML round trip differs", NULL);
      gorb_value_clear (&test_person_seq_desc, &out);
      if (i >= n / 10)
        {
          enc[i - n / 10] = t1 - t0;
          dec[i - n / 10] = t2 - t1;
          both[i - n / 10] = t2 - t0;
        }
    }
  printf ("peer=gorb workload=M2 codec=xml persons=100 n=%u median_us=%.2f encode_us=%.2f "
          "decode_us=%.2f\n",
          n, median_us (both, n), median_us (enc, n), median_us (dec, n));
  gorb_value_clear (&test_person_seq_desc, &in);
  g_free (enc);
  g_free (dec);
  g_free (both);
}

int
main (void)
{
  bench_octets (1024, scaled (20000));
  bench_octets (65536, scaled (4000));
  bench_octets (1048576, scaled (400));
  bench_people_cdr (scaled (5000));
  bench_people_xml (scaled (1000));
  return 0;
}
