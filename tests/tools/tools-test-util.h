/* tools-test-util.h - what the gorb tool's tests share: a value of any type */
#pragma once

#include <gorb.h>

G_BEGIN_DECLS

/* Fills zeroed @value of @type with something of every part, varied by
 * @seed: every member, a case of each union (the default case too), one to
 * three elements per sequence (none below a few levels, so that recursive
 * types end), strings within their bounds, 64-bit numbers past 2^53.
 * Object references stay nil. Clear with gorb_value_clear(). */
void tools_test_fill (const GorbTypeDesc *type, gpointer value, guint seed);

G_END_DECLS
