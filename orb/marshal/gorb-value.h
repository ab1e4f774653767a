/* gorb-value.h - ownership of C values described by a GorbTypeDesc: clear, free, copy, compare */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include "gorb-type.h"

G_BEGIN_DECLS

void gorb_value_clear (const GorbTypeDesc *type, gpointer value);
void gorb_value_free (const GorbTypeDesc *type, gpointer value);
gpointer gorb_value_new0 (const GorbTypeDesc *type);
void gorb_value_copy (const GorbTypeDesc *type, gconstpointer src, gpointer dest);
gboolean gorb_value_equal (const GorbTypeDesc *type, gconstpointer a, gconstpointer b);

G_END_DECLS
