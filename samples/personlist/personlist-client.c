/* personlist-client.c - calls every operation of a Demo::PersonList
 *
 *   gorb-personlist-client [--gorb-* options] REFERENCE
 *   gorb-personlist-client [--gorb-naming WHERE] NAME
 *
 * REFERENCE is the gorb: line gorb-personlist-server printed; NAME (e.g.
 * demo/people/friends.list) is the name the server bound itself under with
 * --bind, resolved in the naming service --gorb-naming names (a gorb:
 * reference or an endpoint of gorb-naming), else $GORB_NAMING, else
 * tcp://127.0.0.1:2809. The client
 * adds two persons, counts them, looks one up, reads the list's name, looks
 * up someone who is not there (the server answers with the NotFound
 * exception and its member) and makes one asynchronous call, printing each
 * result. It exits with status 0 only if every result is the expected one.
 */
#include "Person.h"

#include <gorb-naming.h>
#include <stdio.h>
#include <string.h>

static guint n_wrong;

/* Prints one result line and counts it if it is not the expected one. */
static void report (gboolean right, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
report (gboolean right, const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  vprintf (format, ap);
  va_end (ap);
  printf ("%s\n", right ? "" : "   <-- WRONG");
  fflush (stdout);
  if (!right)
    n_wrong++;
}

static gboolean
same_person (const DemoPerson *a, const DemoPerson *b)
{
  return strcmp (a->name, b->name) == 0 && strcmp (a->place, b->place) == 0 && a->year == b->year;
}

typedef struct
{
  GMainLoop *loop;
  DemoPerson person;
  GError *error;
  gboolean ok;
} AsyncCall;

/* Runs in this thread's GMainContext (the default one), from the main loop. */
static void
on_get_person_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncCall *call = user_data;

  call->ok = demo_person_list_get_person_finish (DEMO_PERSON_LIST (source), result, &call->person,
                                                 &call->error);
  g_main_loop_quit (call->loop);
}

static void
run (DemoPersonList *list)
{
  const DemoPerson smith = { .name = "Smith", .place = "London", .year = 1934 };
  const DemoPerson miller = { .name = "Miller", .place = "Vienna", .year = 1962 };
  g_auto (DemoPerson) found = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *listname = NULL;
  AsyncCall call = { 0 };
  gint32 n;

  /* addPerson: an in struct */
  if (demo_person_list_add_person (list, &smith, &error))
    report (TRUE, "addPerson {\"%s\", \"%s\", %d}: ok", smith.name, smith.place, smith.year);
  else
    report (FALSE, "addPerson Smith: %s", error->message);
  g_clear_error (&error);
  if (demo_person_list_add_person (list, &miller, &error))
    report (TRUE, "addPerson {\"%s\", \"%s\", %d}: ok", miller.name, miller.place, miller.year);
  else
    report (FALSE, "addPerson Miller: %s", error->message);
  g_clear_error (&error);

  /* number: a long result (0 with an error on failure) */
  n = demo_person_list_number (list, &error);
  if (error == NULL)
    report (n == 2, "number: %d", n);
  else
    report (FALSE, "number: %s", error->message);
  g_clear_error (&error);

  /* getPerson: an out struct */
  if (demo_person_list_get_person (list, "Smith", &found, &error))
    report (same_person (&found, &smith), "getPerson \"Smith\": {\"%s\", \"%s\", %d}", found.name,
            found.place, found.year);
  else
    report (FALSE, "getPerson \"Smith\": %s", error->message);
  g_clear_error (&error);
  demo_person_clear (&found);

  /* the readonly attribute listname: a string result, ours to free */
  listname = demo_person_list_get_listname (list, &error);
  if (listname != NULL)
    report (*listname != '\0', "listname: \"%s\"", listname);
  else
    report (FALSE, "listname: %s", error->message);
  g_clear_error (&error);

  /* getPerson of someone not listed: the NotFound exception, with its member */
  if (demo_person_list_get_person (list, "Nobody", &found, &error))
    report (FALSE, "getPerson \"Nobody\": found {\"%s\", \"%s\", %d}", found.name, found.place,
            found.year);
  else if (g_error_matches (error, DEMO_NOT_FOUND_ERROR, 0))
    {
      const DemoNotFound *not_found = demo_not_found_error_get_members (error);
      report (strcmp (not_found->name, "Nobody") == 0,
              "getPerson \"Nobody\": Demo::NotFound { name = \"%s\" } (%s)", not_found->name,
              error->message);
    }
  else
    report (FALSE, "getPerson \"Nobody\": unexpected error: %s", error->message);
  g_clear_error (&error);

  /* the same call, deferred: _async returns at once, the callback runs in
   * this thread's main loop and calls _finish */
  call.loop = g_main_loop_new (NULL, FALSE);
  demo_person_list_get_person_async (list, "Miller", NULL, on_get_person_done, &call);
  g_main_loop_run (call.loop);
  g_main_loop_unref (call.loop);
  if (call.ok)
    report (same_person (&call.person, &miller),
            "getPerson \"Miller\" (async): {\"%s\", \"%s\", %d}", call.person.name,
            call.person.place, call.person.year);
  else
    report (FALSE, "getPerson \"Miller\" (async): %s", call.error->message);
  g_clear_error (&call.error);
  demo_person_clear (&call.person);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GorbOrb) orb = NULL;
  g_autoptr (GObject) object = NULL;

  orb = gorb_orb_new (&argc, &argv, &error);
  if (orb == NULL)
    {
      g_printerr ("gorb-personlist-client: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("usage: gorb-personlist-client [--gorb-* options] REFERENCE\n"
                  "       gorb-personlist-client [--gorb-naming WHERE] NAME\n");
      return 2;
    }

  /* Registers DemoPersonList with the ORB, so that the reference becomes a
   * DemoPersonListProxy (else it would be a plain GorbProxy). */
  g_type_ensure (DEMO_TYPE_PERSON_LIST);
  if (g_str_has_prefix (argv[1], "gorb:"))
    {
      object = gorb_orb_resolve_string (orb, argv[1], &error);
      if (object != NULL && !DEMO_IS_PERSON_LIST (object))
        {
          g_printerr ("gorb-personlist-client: the reference is not a Demo::PersonList\n");
          return 1;
        }
    }
  else
    {
      g_autoptr (GorbNamingContext) naming = gorb_naming_connect (orb, NULL, &error);

      /* The binder's version check: anything but a Demo::PersonList:1.0 (or
       * an interface derived from it) bound there is an error here, not a
       * proxy whose first call would fail. */
      if (naming != NULL)
        object = gorb_naming_resolve_typed (naming, argv[1], DEMO_TYPE_PERSON_LIST, &error);
      if (object != NULL)
        printf ("resolved '%s'\n", argv[1]);
    }
  if (object == NULL)
    {
      g_printerr ("gorb-personlist-client: %s\n", error->message);
      return 1;
    }

  run (DEMO_PERSON_LIST (object));
  if (n_wrong > 0)
    {
      printf ("%u result(s) WRONG\n", n_wrong);
      return 1;
    }
  printf ("all results right\n");
  return 0;
}
