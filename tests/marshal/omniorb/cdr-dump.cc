// cdr-dump.cc - prints the CDR that omniORB produces for the values the gorb
// tests build (tests/marshal/test-cdr-omniorb.c compares them byte for byte).
//
// One line per value and stream: "<Value>.<be|le|encap> <hex>".
//
// be/le: a cdrMemoryStream, big or little endian (setByteSwapFlag). Its
//   alignment is relative to the start of its buffer (omniORB aligns the
//   buffer itself to 8 and computes padding from the write pointer), which
//   is gorb_cdr_encode()'s origin 0: no byte-order octet, first value at 0.
// encap: a cdrEncapsulationStream in the host's order. It writes the
//   byte-order octet first and aligns relative to that octet, as
//   gorb_cdr_writer_init_encapsulation() does; the test writes the value
//   after it and compares the whole buffer.
//
// Both streams are created with clearMemory set: CORBA leaves the value of
// padding bytes unspecified and omniORB does not write them, so without it
// the padding would be whatever malloc returned; gorb writes zeros.
#include <omniORB4/CORBA.h>

#include <cstdio>

#include "gorb-test-types.hh"

static void
print_hex (const char *name, const char *stream, const void *data, unsigned long len)
{
  const unsigned char *p = static_cast<const unsigned char *> (data);

  std::printf ("%s.%s ", name, stream);
  for (unsigned long i = 0; i < len; i++)
    std::printf ("%02x", p[i]);
  std::printf ("\n");
}

// Marshals with Marshal (a functor taking a cdrStream&) into all three streams.
template <typename Marshal>
static void
dump (const char *name, Marshal marshal)
{
  for (int little = 0; little < 2; little++)
    {
      cdrMemoryStream s ((CORBA::ULong) 0, (CORBA::Boolean) 1);
      s.setByteSwapFlag (little);
      marshal (s);
      print_hex (name, little ? "le" : "be", s.bufPtr (), s.bufSize ());
    }
  cdrEncapsulationStream e ((CORBA::ULong) 0, (CORBA::Boolean) 1);
  marshal (e);
  print_hex (name, "encap", e.bufPtr (), e.bufSize ());
}

template <typename T>
static void
dump_value (const char *name, const T &value)
{
  dump (name, [&value] (cdrStream &s) { value >>= s; });
}

static void
person_fill (Test::Person &p, const char *name, const char *place, CORBA::Long year)
{
  p.name = name;
  p.place = place;
  p.year = year;
}

// As test_person_seq_fill() in tests/common/gorb-test-types.c
static void
person_seq_fill (Test::PersonSeq &seq, unsigned n)
{
  seq.length (n);
  for (unsigned i = 0; i < n; i++)
    {
      char name[32], place[32];
      std::snprintf (name, sizeof name, "name%06u", i);
      std::snprintf (place, sizeof place, "place%05u", i);
      person_fill (seq[i], name, place, 1900 + (CORBA::Long) i);
    }
}

// As test_everything_fill() in tests/common/gorb-test-types.c
static void
basics_fill (Test::Basics &b)
{
  b.b = 1;
  b.o = 0xab;
  b.c = 'z';
  b.s = -2;
  b.us = 65535;
  b.l = -100000;
  b.ul = 4000000000u;
  b.ll = _CORBA_LONGLONG_CONST (-9223372036854775807) - 1;
  b.ull = _CORBA_LONGLONG_CONST (0xffffffffffffffff);
  b.f = 1.5f;
  b.d = -0.1;
}

static void
everything_fill (Test::Everything &v)
{
  static const CORBA::Octet blob[] = { 0x00, 0x01, 0xfe, 0xff, 0x7f };

  v.short_name = "gorb";
  v.blob.length (sizeof blob);
  for (unsigned i = 0; i < sizeof blob; i++)
    v.blob[i] = blob[i];
  v.few.length (3);
  v.few[0] = -1;
  v.few[1] = 0;
  v.few[2] = 2147483647;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
      v.grid[i][j] = i * 10 + j;
  person_fill (v.couple[0], "Smith", "London", 1934);
  person_fill (v.couple[1], "Jones", "Paris", 1960);
  v.hue = Test::BLUE;
  v.outline.label ("square");
  v.outline._d (2);
  v.born = 1999;
  v.table.length (2);
  v.table[0].length (2);
  v.table[0][0] = (const char *) "a";
  v.table[0][1] = (const char *) "";
  v.table[1].length (0);
  basics_fill (v.primitives);
}

// As fill_node() in test-cdr-omniorb.c: root(a(a1), b)
static void
node_fill (Test::Node &root)
{
  root.label = "root";
  root.children.length (2);
  root.children[0].label = "a";
  root.children[0].children.length (1);
  root.children[0].children[0].label = "a1";
  root.children[1].label = "b";
}

int
main (int argc, char **argv)
{
  // The ORB sets up the native code sets that string marshalling uses.
  CORBA::ORB_var orb = CORBA::ORB_init (argc, argv);

  {
    Test::Person p;
    person_fill (p, "Smith", "London", 1934);
    dump_value ("Person", p);
  }
  {
    Test::Basics b;
    basics_fill (b);
    dump_value ("Basics", b);
  }
  {
    Test::Everything v;
    everything_fill (v);
    dump_value ("Everything", v);
  }
  {
    Test::PersonSeq seq;
    person_seq_fill (seq, 3);
    dump_value ("PersonSeq3", seq);
  }
  {
    Test::Shape s;
    s.radius (7);
    dump_value ("ShapeRadius", s);
    s.label ("sq");
    s._d (2);
    dump_value ("ShapeLabel2", s);
    s.label ("sq3");
    s._d (3);
    dump_value ("ShapeLabel3", s);
    s.other (2.5);
    s._d (9);
    dump_value ("ShapeDefault", s);
  }
  {
    Test::Choice c;
    Test::Person p;
    person_fill (p, "Smith", "London", 1934);
    c.who (p);
    dump_value ("ChoiceRed", c);
    Test::LongSeq numbers;
    numbers.length (3);
    numbers[0] = 1;
    numbers[1] = 2;
    numbers[2] = 3;
    c.numbers (numbers);
    dump_value ("ChoiceGreen", c);
  }
  {
    Test::Flag f;
    f.yes ("y");
    dump_value ("FlagTrue", f);
    f.no (-1);
    dump_value ("FlagFalse", f);
  }
  {
    Test::Node n;
    node_fill (n);
    dump_value ("Node", n);
  }
  {
    Test::DoubleSeq d;
    dump_value ("DoubleSeqEmpty", d);
    d.length (2);
    d[0] = 1.0;
    d[1] = -0.5;
    dump_value ("DoubleSeq", d);
  }
  {
    Test::StringSeq s;
    s.length (2);
    s[0] = (const char *) "a";
    s[1] = (const char *) "";
    dump_value ("StringSeq", s);
  }
  {
    Test::Color c = Test::GREEN;
    dump ("Color", [c] (cdrStream &s) { c >>= s; });
  }
  dump ("ShortName", [] (cdrStream &s) { s.marshalString ("12345678", 8); });

  orb->destroy ();
  return 0;
}
