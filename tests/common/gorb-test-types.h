/* gorb-test-types.h - hand-written C types and descriptors for
 * gorb-test-types.idl, used by the marshalling tests, fuzzers and benches.
 * They are what gorb-idlc will emit for that file. */
#pragma once

#include <gorb.h>

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *place;
  gint32 year;
} TestPerson;

typedef GORB_SEQUENCE (TestPerson) TestPersonSeq;
typedef GORB_SEQUENCE (guint8) TestOctetSeq;
typedef GORB_SEQUENCE (gint32) TestLongSeq;
typedef GORB_SEQUENCE (gdouble) TestDoubleSeq;
typedef GORB_SEQUENCE (char *) TestStringSeq;

typedef enum
{
  TEST_COLOR_RED,
  TEST_COLOR_GREEN,
  TEST_COLOR_BLUE,
} TestColor;
G_STATIC_ASSERT (sizeof (TestColor) == 4);

typedef struct
{
  gboolean b;
  guint8 o;
  gchar c;
  gint16 s;
  guint16 us;
  gint32 l;
  guint32 ul;
  gint64 ll;
  guint64 ull;
  gfloat f;
  gdouble d;
} TestBasics;

typedef struct
{
  gint32 _d;
  union
  {
    gint32 radius;
    char *label;
    gdouble other;
  } _u;
} TestShape;

typedef struct
{
  TestColor _d;
  union
  {
    TestPerson who;
    TestLongSeq numbers;
  } _u;
} TestChoice;

typedef struct
{
  gboolean _d;
  union
  {
    char *yes;
    gint16 no;
  } _u;
} TestFlag;

typedef gint32 TestYear;
typedef char *TestShortName;
typedef TestLongSeq TestFewLongs;
typedef gint32 TestMatrix[2][3];
typedef TestPerson TestPair[2];
typedef GORB_SEQUENCE (TestStringSeq) TestStringTable;

typedef struct
{
  TestShortName short_name;
  TestOctetSeq blob;
  TestFewLongs few;
  TestMatrix grid;
  TestPair couple;
  TestColor hue;
  TestShape outline;
  TestYear born;
  TestStringTable table;
  TestBasics primitives;
} TestEverything;

typedef struct _TestNode TestNode;
struct _TestNode
{
  char *label;
  GORB_SEQUENCE (TestNode) children;
};

/* C side only: struct RefHolder { Object ref; long tag; } (an object
 * reference is a GObject *: a proxy, a servant, or NULL for nil) */
typedef struct
{
  GObject *ref;
  gint32 tag;
} TestRefHolder;

extern const GorbTypeDesc test_person_desc;
extern const GorbTypeDesc test_person_seq_desc;
extern const GorbTypeDesc test_octet_seq_desc;
extern const GorbTypeDesc test_long_seq_desc;
extern const GorbTypeDesc test_double_seq_desc;
extern const GorbTypeDesc test_string_seq_desc;
extern const GorbTypeDesc test_color_desc;
extern const GorbTypeDesc test_basics_desc;
extern const GorbTypeDesc test_shape_desc;
extern const GorbTypeDesc test_choice_desc;
extern const GorbTypeDesc test_flag_desc;
extern const GorbTypeDesc test_year_desc;
extern const GorbTypeDesc test_short_name_desc;
extern const GorbTypeDesc test_few_longs_desc;
extern const GorbTypeDesc test_matrix_row_desc; /* anonymous long[3] */
extern const GorbTypeDesc test_matrix_desc;
extern const GorbTypeDesc test_pair_desc;
extern const GorbTypeDesc test_string_table_desc;
extern const GorbTypeDesc test_everything_desc;
extern const GorbTypeDesc test_node_desc;
extern const GorbTypeDesc test_node_seq_desc;
extern const GorbTypeDesc test_ref_holder_desc;

/* Every named descriptor above, NULL-terminated (fuzzers pick from it). */
extern const GorbTypeDesc *const test_all_types[];

/* Fills a value with something of every kind; clear with gorb_value_clear(). */
void test_everything_fill (TestEverything *value);
void test_person_seq_fill (TestPersonSeq *value, guint n);

G_END_DECLS
