/* gorb-marshal-error.h - the GError domain of every codec (CDR, XML, GVariant) */
#pragma once

#if !defined(GORB_INSIDE) && !defined(GORB_COMPILATION)
#error "Only <gorb.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define GORB_MARSHAL_ERROR (gorb_marshal_error_quark ())

/* Codes are append-only. Every message says what failed and where: the byte
 * offset (CDR), the line (XML) and the path of the member ("Person.place",
 * "seq[3].name"). */
typedef enum
{
  GORB_MARSHAL_ERROR_FAILED,     /* keep first: the fallback */
  GORB_MARSHAL_ERROR_TRUNCATED,  /* the input ended before the value did */
  GORB_MARSHAL_ERROR_BAD_LENGTH, /* a length past what is left, or past the type's bound */
  GORB_MARSHAL_ERROR_BAD_VALUE,  /* boolean, enum, char or number outside its type */
  GORB_MARSHAL_ERROR_BAD_STRING, /* string without its NUL, with a NUL inside, or not representable
                                  */
  GORB_MARSHAL_ERROR_BAD_UNION,  /* a union discriminator that selects no case */
  GORB_MARSHAL_ERROR_TOO_DEEP,   /* nesting past GORB_MARSHAL_MAX_DEPTH */
  GORB_MARSHAL_ERROR_TRAILING,   /* bytes left over after the value */
  GORB_MARSHAL_ERROR_BAD_XML,    /* the XML is not well-formed */
  GORB_MARSHAL_ERROR_FORBIDDEN_XML,  /* DTD, entity declaration or reference: refused */
  GORB_MARSHAL_ERROR_BAD_ELEMENT,    /* a wrong, missing or extra XML element */
  GORB_MARSHAL_ERROR_TYPE_MISMATCH,  /* a GVariant of the wrong type */
  GORB_MARSHAL_ERROR_INVALID_VALUE,  /* the C value cannot be encoded (NULL string, len past bound)
                                      */
  GORB_MARSHAL_ERROR_BAD_DESCRIPTOR, /* a descriptor that is inconsistent; append new codes below */
} GorbMarshalError;

GQuark gorb_marshal_error_quark (void);

G_END_DECLS
