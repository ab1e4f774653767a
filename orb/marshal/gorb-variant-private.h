/* gorb-variant-private.h - what the GVariant codec's two halves share:
 * gorb-variant-type.c (GVariant types of descriptors, type checking) and
 * gorb-variant.c (values). */
#pragma once

#include "gorb-marshal-private.h"
#include "gorb-variant.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL gboolean gorb_variant_append_type_string (GString *out, const GorbTypeDesc *type,
                                                          guint depth);
G_GNUC_INTERNAL gboolean gorb_variant_check_type (const GorbTypeDesc *type, const GVariantType *vt,
                                                  GorbMarshalPath *path, GError **error);
G_GNUC_INTERNAL gboolean gorb_variant_fail_bad_descriptor (const GorbTypeDesc *type,
                                                           const GorbMarshalPath *path,
                                                           GError **error);
G_GNUC_INTERNAL const char *gorb_variant_fixed_element_type (const GorbTypeDesc *resolved);
G_GNUC_INTERNAL gboolean gorb_variant_sequence_is_recursive (const GorbTypeDesc *seq);

G_END_DECLS
