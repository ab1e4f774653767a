/* idlc-ast.h - the IDL syntax tree, as written (reopened modules stay
 * separate nodes; names are not resolved: that is idlc-check.c's job)
 *
 * Everything (nodes, types, expressions, strings) lives in the IdlcAst's
 * arena and goes with idlc_ast_free(). */
#pragma once

#include "idlc-diag.h"

G_BEGIN_DECLS

typedef enum
{
  IDLC_NODE_MODULE,    /* name; children: definitions */
  IDLC_NODE_INTERFACE, /* name; names: bases; children: exports */
  IDLC_NODE_FORWARD,   /* name: `interface X;` */
  IDLC_NODE_STRUCT,    /* name; children: members */
  IDLC_NODE_STRUCT_FORWARD,
  IDLC_NODE_UNION, /* name; type: switch type; children: cases */
  IDLC_NODE_UNION_FORWARD,
  IDLC_NODE_CASE,       /* labels (NULL = default); type; children: one declarator */
  IDLC_NODE_ENUM,       /* name; children: enumerators */
  IDLC_NODE_ENUMERATOR, /* name */
  IDLC_NODE_TYPEDEF,    /* type; children: declarators */
  IDLC_NODE_EXCEPTION,  /* name; children: members */
  IDLC_NODE_MEMBER,     /* type; children: declarators */
  IDLC_NODE_DECLARATOR, /* name; dims: array sizes */
  IDLC_NODE_CONST,      /* name; type; value */
  IDLC_NODE_OPERATION,  /* name; type: result; flags ONEWAY; children: params; names: raises */
  IDLC_NODE_PARAM,      /* name; type; flags IN/OUT/INOUT */
  IDLC_NODE_ATTRIBUTE,  /* type; flags READONLY; children: declarators */
  IDLC_NODE_PRAGMA,     /* pragma; name: subject (ID, version); text: prefix, id or version */
} IdlcNodeKind;

typedef enum
{
  IDLC_FLAG_ONEWAY = 1 << 0,
  IDLC_FLAG_READONLY = 1 << 1,
  IDLC_FLAG_IN = 1 << 2,
  IDLC_FLAG_OUT = 1 << 3,
  IDLC_FLAG_INOUT = IDLC_FLAG_IN | IDLC_FLAG_OUT,
} IdlcFlags;

typedef enum
{
  IDLC_PRAGMA_PREFIX,  /* text: the prefix */
  IDLC_PRAGMA_ID,      /* name: scoped name; text: the repository id */
  IDLC_PRAGMA_VERSION, /* name: scoped name; text: "M.m" */
  IDLC_PRAGMA_OTHER,   /* text: the whole line; ignored, as CORBA says */
} IdlcPragmaKind;

typedef enum
{
  IDLC_BASE_SHORT,
  IDLC_BASE_USHORT,
  IDLC_BASE_LONG,
  IDLC_BASE_ULONG,
  IDLC_BASE_LONGLONG,
  IDLC_BASE_ULONGLONG,
  IDLC_BASE_FLOAT,
  IDLC_BASE_DOUBLE,
  IDLC_BASE_CHAR,
  IDLC_BASE_BOOLEAN,
  IDLC_BASE_OCTET,
  IDLC_BASE_VOID,
  IDLC_BASE_OBJECT,
} IdlcBaseKind;

typedef enum
{
  IDLC_TYPE_BASE,     /* base */
  IDLC_TYPE_STRING,   /* bound or NULL */
  IDLC_TYPE_SEQUENCE, /* element; bound or NULL */
  IDLC_TYPE_NAMED,    /* name: scoped name as written, "::A::B" or "B" */
  IDLC_TYPE_DECL,     /* decl: a struct, union or enum declared in place */
} IdlcTypeKind;

typedef enum
{
  IDLC_EXPR_INT,    /* ival */
  IDLC_EXPR_FLOAT,  /* text as written */
  IDLC_EXPR_CHAR,   /* ival */
  IDLC_EXPR_STRING, /* text, decoded */
  IDLC_EXPR_BOOL,   /* ival */
  IDLC_EXPR_NAME,   /* text: scoped name */
  IDLC_EXPR_UNARY,  /* op: '-', '+', '~'; lhs */
  IDLC_EXPR_BINARY, /* op: '|' '^' '&' IDLC_TK_SHL IDLC_TK_SHR '+' '-' '*' '/' '%'; lhs, rhs */
} IdlcExprKind;

typedef struct _IdlcNode IdlcNode;
typedef struct _IdlcType IdlcType;
typedef struct _IdlcExpr IdlcExpr;

/* The value of a constant expression, as idlc-check.c folds it. */
typedef enum
{
  IDLC_VALUE_NONE, /* not folded (or folding failed) */
  IDLC_VALUE_INT,  /* negative, u: the value is -u if negative, else u */
  IDLC_VALUE_FLOAT,
  IDLC_VALUE_CHAR,   /* u */
  IDLC_VALUE_BOOL,   /* u: 0 or 1 */
  IDLC_VALUE_STRING, /* s */
  IDLC_VALUE_ENUM,   /* enumerator; u: its ordinal */
} IdlcValueKind;

typedef struct
{
  IdlcValueKind kind;
  gboolean negative;
  guint64 u;
  double f;
  const char *s;
  IdlcNode *enumerator;
} IdlcValue;

struct _IdlcExpr
{
  IdlcExprKind kind;
  IdlcLoc loc;
  int op;
  guint64 ival;
  const char *text;
  IdlcExpr *lhs, *rhs;
  /* filled in by idlc_check () */
  IdlcNode *resolved; /* IDLC_EXPR_NAME: the const or enumerator named */
  IdlcValue value;    /* roots (const values, labels, bounds, dims): the folded value */
};

struct _IdlcType
{
  IdlcTypeKind kind;
  IdlcLoc loc;
  IdlcBaseKind base;
  IdlcExpr *bound;
  IdlcType *element;
  const char *name;
  IdlcNode *decl;
  /* filled in by idlc_check () */
  IdlcNode *resolved; /* IDLC_TYPE_NAMED: the declaration named (definition, not forward) */
};

struct _IdlcNode
{
  IdlcNodeKind kind;
  IdlcLoc loc;
  const char *name;    /* NULL for nodes without one */
  const char *doc;     /* the comments right before the declaration, or NULL */
  IdlcType *type;      /* see IdlcNodeKind */
  GPtrArray *children; /* IdlcNode *, never NULL */
  GPtrArray *names;    /* const char * scoped names: bases, raises; never NULL */
  GPtrArray *labels;   /* IdlcExpr * (NULL = default); never NULL */
  GPtrArray *dims;     /* IdlcExpr *; never NULL */
  IdlcExpr *value;
  IdlcFlags flags;
  IdlcPragmaKind pragma;
  const char *text;

  /* Filled in by idlc_check () (see idlc-check.h); NULL before. */
  IdlcNode *parent;           /* the syntactic parent (declarator -> typedef); NULL at top level */
  IdlcNode *definition;       /* forwards and reopened modules: the defining node; else itself */
  GPtrArray *targets;         /* IdlcNode *: what each of names resolved to (NULL if unresolved) */
  const char *scoped_name;    /* "Demo::PersonList" */
  const char *repo_id;        /* "IDL:Demo/PersonList:1.0" */
  const char *c_type;         /* DemoPersonList */
  const char *c_lower;        /* demo_person_list; operations: demo_person_list_get_person;
                               * attribute declarators: the getter */
  const char *c_upper;        /* DEMO_PERSON_LIST; consts and enumerators: their macro/value name */
  const char *c_type_macro;   /* interfaces: DEMO_TYPE_PERSON_LIST */
  const char *c_macro_module; /* the MODULE argument of G_DECLARE_*: DEMO */
  const char *c_desc;         /* demo_person_desc */
  const char *c_error;        /* exceptions: DEMO_NOT_FOUND_ERROR */
  const char *c_name;         /* members, cases, params, operations, attributes: the C identifier */
  const char *c_setter;       /* writable attribute declarators: demo_person_list_set_x */
};

typedef struct
{
  GPtrArray *definitions; /* IdlcNode *: the top level, in order */
  const char *main_file;  /* the file being compiled, as its nodes' loc.file (interned in
                           * @strings: compare pointers); the rest came from #include */
  GStringChunk *strings;  /* every string of the tree */
  GPtrArray *blocks;      /* owned: the nodes, types and expressions */
  GPtrArray *arrays;      /* owned: the nodes' arrays */
  GPtrArray *files;       /* owned: const char * (in @strings): every file read, the main
                           * one first, each once (gorb-idlc --depfile) */
} IdlcAst;

IdlcAst *idlc_ast_new (void);
void idlc_ast_free (IdlcAst *ast);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdlcAst, idlc_ast_free)

IdlcNode *idlc_ast_new_node (IdlcAst *ast, IdlcNodeKind kind, const IdlcLoc *loc);
IdlcType *idlc_ast_new_type (IdlcAst *ast, IdlcTypeKind kind, const IdlcLoc *loc);
IdlcExpr *idlc_ast_new_expr (IdlcAst *ast, IdlcExprKind kind, const IdlcLoc *loc);
const char *idlc_ast_intern (IdlcAst *ast, const char *text);
gboolean idlc_ast_is_main_file (const IdlcAst *ast, const IdlcNode *node);
GPtrArray *idlc_ast_new_array (IdlcAst *ast);

void idlc_ast_dump (const IdlcAst *ast, GString *out);
void idlc_type_format (const IdlcType *type, GString *out);
void idlc_expr_format (const IdlcExpr *expr, GString *out);

G_END_DECLS
