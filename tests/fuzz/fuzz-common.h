/* fuzz-common.h - how a fuzz input picks its type: the first byte indexes
 * test_all_types; the rest is the encoding to decode. */
#pragma once

#include "gorb-test-types.h"

#include <stdlib.h>

static inline guint
fuzz_n_types (void)
{
  guint n = 0;
  while (test_all_types[n] != NULL)
    n++;
  return n;
}

/* A decoded value must survive encode → decode unchanged: anything else is a
 * codec bug, reported to libFuzzer as a crash. */
static inline void
fuzz_require (gboolean condition, const char *what, const GError *error)
{
  if (!condition)
    {
      g_printerr ("fuzz: %s%s%s\n", what, error ? ": " : "", error ? error->message : "");
      abort ();
    }
}
