/* gorb-json-private.h - what gorb-json-read.c and gorb-json-scan.c share */
#pragma once

#include "gorb-json.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Refuses, with line and column, what is not JSON or what json-glib would
 * mishandle in @text (@len bytes). */
gboolean gorb_json_prescan (const char *text, gsize len, GError **error);

/* Sets a GORB_JSON_ERROR_SYNTAX error at @offset of @text ("bad JSON at
 * line L, column C: …"); returns FALSE. */
gboolean gorb_json_syntax_error (GError **error, const char *text, gsize offset, const char *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/* json-glib's parse error, as a GORB_JSON_ERROR_SYNTAX with line and
 * column; returns FALSE. */
gboolean gorb_json_parse_error (GError **error, const GError *json_error);

G_END_DECLS
