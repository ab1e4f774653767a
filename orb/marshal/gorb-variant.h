/* gorb-variant.h - C values to and from GVariant, for dynamic invocation
 *
 * Mapping: boolean b, octet y, char y, short n, unsigned short q, long i,
 * unsigned long u, long long x, unsigned long long t, float d, double d,
 * string s, enum s (the enumerator's name), struct a tuple of its members,
 * union (<discriminator>v) with the selected case's value in the variant,
 * sequence and array a<element>, typedef its target, object reference s
 * (the stringified reference, "" for nil). A sequence that can contain
 * itself (the recursion of a recursive type) is av, each element in a
 * variant: struct Node { string label; sequence<Node> children; } is (sav).
 */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include "gorb-type.h"
#include "gorb-marshal-error.h"

G_BEGIN_DECLS

GVariantType *gorb_type_desc_dup_variant_type (const GorbTypeDesc *type);
GVariant *gorb_value_to_variant (const GorbTypeDesc *type, gconstpointer value, GError **error);
gboolean gorb_value_from_variant (const GorbTypeDesc *type, GVariant *variant, gpointer value,
                                  GError **error);

G_END_DECLS
