/* aftercare.h — the C interface to aftercare, for apps (Swift, Kotlin/JNI, Dart FFI, JavaScript).
 *
 * One plain C11 header. JSON in, JSON (or text, or iCalendar) out, with the same schemas the
 * `aftercare` command writes; no C++ type and no exception crosses it.
 *
 *     aftercare_plan* plan = NULL;
 *     aftercare_error* err = NULL;
 *     const char* t = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3,"
 *                     " \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}";
 *     if (aftercare_plan_new(NULL, t, strlen(t), &plan, &err) != AFTERCARE_OK) {
 *         fprintf(stderr, "%s: %s\n", aftercare_error_field(err), aftercare_error_message(err));
 *         aftercare_error_free(err);
 *         return 1;
 *     }
 *     aftercare_schedule* s = NULL;
 *     char* ics = NULL;
 *     if (aftercare_schedule_new(plan, NULL, 0, &s, &err) == AFTERCARE_OK &&
 *         aftercare_schedule_write(s, AFTERCARE_FORMAT_ICS, &ics, NULL, &err) == AFTERCARE_OK) {
 *         fputs(ics, stdout);            // what `aftercare plan ... --format ics` prints
 *     }
 *     aftercare_free(ics);
 *     aftercare_schedule_free(s);
 *     aftercare_plan_free(plan);
 *
 * Conventions (the same for every function; docs/guide-apps.md shows them from Swift, Kotlin, Dart):
 *  - A function that can fail returns an aftercare_status; AFTERCARE_OK (0) is success. On failure
 *    nothing is written to the out parameters except `*error`: when `error` is not NULL it receives
 *    a new aftercare_error (free it with aftercare_error_free). Pass NULL to ignore the detail.
 *  - Who frees what: every pointer the library hands out through an out parameter is the caller's
 *    and is freed with exactly one call: handles with their _free function, text with
 *    aftercare_free, errors with aftercare_error_free. All of them accept NULL. Every `const char*`
 *    a function *returns* belongs to the object it was asked about (or is static) and lives as long
 *    as that object.
 *  - Text in and out is UTF-8. Inputs come with their length in bytes (no NUL needed); outputs are
 *    NUL-terminated, and their length (without the NUL) goes to `*length` when it is not NULL.
 *  - Handles are immutable once made. Every function may be called from any thread at the same
 *    time, on the same handles too. The zone source (below) is process-wide.
 *  - Times in JSON are local wall-clock times ("2026-11-21T14:00") in the treatment's IANA zone;
 *    results carry RFC 3339 instants with offsets, as the command's do.
 *
 * The ABI version (aftercare_abi_version, AFTERCARE_ABI_VERSION) is one integer. It goes up by one
 * whenever a change could break a program built against an earlier header: a function removed or
 * its parameters changed, a struct's existing members moved or retyped, a status or format value
 * given another meaning. Adding functions, adding status or format values, and adding members at
 * the end of a struct that carries its own size do not change it. The shared library's SONAME is
 * libaftercare_c.so.ABI, so a program never loads an incompatible one. Compare
 * aftercare_abi_version() with AFTERCARE_ABI_VERSION at startup when loading it dynamically.
 */
#ifndef AFTERCARE_H
#define AFTERCARE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(AFTERCARE_C_BUILDING)
#define AFTERCARE_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define AFTERCARE_API __attribute__((visibility("default")))
#else
#define AFTERCARE_API
#endif

/* --- versions -------------------------------------------------------------------------------- */

#define AFTERCARE_ABI_VERSION 1

/** The ABI version of the loaded library (see the rule above). */
AFTERCARE_API int aftercare_abi_version(void);

/** The library's version, "0.1.0" (static). */
AFTERCARE_API const char* aftercare_version(void);

/* --- status codes and errors ----------------------------------------------------------------- */

typedef enum aftercare_status {
    AFTERCARE_OK = 0,
    AFTERCARE_INVALID_ARGUMENT = 1, /* a NULL where a value is required, or an unknown format       */
    AFTERCARE_INVALID_JSON = 2,     /* text that is not JSON (a syntax error, a number beyond double) */
    AFTERCARE_INVALID_VALUE = 3,    /* a member, type or value the document may not have: the error
                                       names the field (a JSON pointer), the value and what is allowed */
    AFTERCARE_TIME_ZONE = 4,        /* a zone the zone source does not know, or cannot answer for    */
    AFTERCARE_PROTOCOL = 5,         /* a protocol document that does not load                        */
    AFTERCARE_UNSUPPORTED = 6,      /* a format this object cannot be written as                     */
    AFTERCARE_NO_MEMORY = 7,
    AFTERCARE_INTERNAL = 8          /* a bug: please report it with the message                      */
} aftercare_status;

typedef struct aftercare_error aftercare_error;

/** The status the failing call returned. */
AFTERCARE_API aftercare_status aftercare_error_status(const aftercare_error* error);
/** Stable identifier of the error kind, never translated: "aftercare.invalid_value",
 *  "aftercare.time_zone_error", "aftercare.protocol_error", "aftercare.invalid_argument",
 *  "aftercare.unsupported", "aftercare.no_memory", "aftercare.internal". */
AFTERCARE_API const char* aftercare_error_id(const aftercare_error* error);
/** The field at fault: a JSON pointer into the input ("/depth_mm", "/reports/0/symptom") or a
 *  parameter name ("format"); "" when there is none. */
AFTERCARE_API const char* aftercare_error_field(const aftercare_error* error);
/** A short prefix of the offending value as text; "" when there is none. */
AFTERCARE_API const char* aftercare_error_value(const aftercare_error* error);
/** What would have been accepted ("0.1–3.0 mm", "one of home_roller, pen, rf"); "" when unknown. */
AFTERCARE_API const char* aftercare_error_allowed(const aftercare_error* error);
/** The whole message, one line, English. */
AFTERCARE_API const char* aftercare_error_message(const aftercare_error* error);
AFTERCARE_API void aftercare_error_free(aftercare_error* error);

/** Frees text the library returned (NULL is fine). */
AFTERCARE_API void aftercare_free(char* text);

/* --- output formats -------------------------------------------------------------------------- */

typedef enum aftercare_format {
    AFTERCARE_FORMAT_JSON = 0, /* the docs/schema documents, 2-space indent, as the command       */
    AFTERCARE_FORMAT_TEXT = 1, /* readable text, '\n' line ends, as the command                  */
    AFTERCARE_FORMAT_ICS = 2,  /* iCalendar (RFC 5545, CRLF): schedules only                     */
    AFTERCARE_FORMAT_HTML = 3  /* the printable handout (patient's copy, A4): plans and schedules   */
} aftercare_format;

/* --- protocols ------------------------------------------------------------------------------- */

typedef struct aftercare_protocol aftercare_protocol;

/** The embedded default protocol (data/protocols/microneedling.json). */
AFTERCARE_API aftercare_status aftercare_protocol_default(aftercare_protocol** out, aftercare_error** error);
/** A protocol from its JSON text (docs/protocol-format.md). `origin` names it in messages
 *  ("clinic.json"); NULL reads "<string>". Fails with AFTERCARE_PROTOCOL. */
AFTERCARE_API aftercare_status aftercare_protocol_parse(const char* json, size_t length, const char* origin,
                                                        aftercare_protocol** out, aftercare_error** error);
/** The protocol's id and version ("aftercare.microneedling.default", "1.0.0"), owned by the protocol. */
AFTERCARE_API const char* aftercare_protocol_id(const aftercare_protocol* protocol);
AFTERCARE_API const char* aftercare_protocol_version(const aftercare_protocol* protocol);
AFTERCARE_API void aftercare_protocol_free(aftercare_protocol* protocol);

/* --- plans ----------------------------------------------------------------------------------- */

typedef struct aftercare_plan aftercare_plan;

/** The plan for a treatment given as JSON (docs/schema/treatment.schema.json):
 *
 *      {"device": "pen", "depth_mm": 1.0, "area": "face", "skin_type": 3, "adjuncts": ["prp"],
 *       "indication": "acne_scars", "session": 1, "history": ["cold_sore_history"],
 *       "treated_at": "2026-11-21T14:00", "time_zone": "Europe/London"}
 *
 *  device, depth_mm and skin_type are required; treated_at needs time_zone. `protocol` NULL means
 *  the embedded default. The plan keeps what it needs of the protocol: free them in any order. */
AFTERCARE_API aftercare_status aftercare_plan_new(const aftercare_protocol* protocol, const char* treatment_json,
                                                  size_t length, aftercare_plan** out, aftercare_error** error);
/** The plan as JSON (aftercare.plan/1) or text, in the treatment's zone. */
AFTERCARE_API aftercare_status aftercare_plan_write(const aftercare_plan* plan, aftercare_format format, char** out,
                                                    size_t* length, aftercare_error** error);
AFTERCARE_API void aftercare_plan_free(aftercare_plan* plan);

/* --- reminder schedules ---------------------------------------------------------------------- */

typedef struct aftercare_schedule aftercare_schedule;

/** The plan's reminders at the patient's local times. `preferences_json` may be NULL (the
 *  defaults) or {"wake": "07:00", "bed": "22:30", "morning": "07:30", "midday": "13:00",
 *  "evening": "21:00", "bedtime": "22:00"}, every member optional (docs/reminders.md). */
AFTERCARE_API aftercare_status aftercare_schedule_new(const aftercare_plan* plan, const char* preferences_json,
                                                      size_t length, aftercare_schedule** out, aftercare_error** error);
/** JSON (the plan with reminder_settings, reminders and series: `aftercare plan --format json`),
 *  text, or ICS. ICS needs a treatment time. */
AFTERCARE_API aftercare_status aftercare_schedule_write(const aftercare_schedule* schedule, aftercare_format format,
                                                        char** out, size_t* length, aftercare_error** error);
AFTERCARE_API void aftercare_schedule_free(aftercare_schedule* schedule);

/* --- triage and screening -------------------------------------------------------------------- */

/** Triage of symptom reports against the plan, written as JSON (aftercare.triage/1) or text:
 *
 *      {"reports": [{"symptom": "redness", "seen_at": "2026-11-29T09:00", "severity": "mild",
 *                    "signs": ["warm"]}, {"symptom": "pus", "hours_after": 30}]}
 *
 *  seen_at is local in the plan's zone. `as_of` (local time "YYYY-MM-DDTHH:MM", or NULL) rejects
 *  reports seen after it, as `aftercare triage --as-of` does. At least one report is required. */
AFTERCARE_API aftercare_status aftercare_triage(const aftercare_plan* plan, const char* reports_json, size_t length,
                                                const char* as_of, aftercare_format format, char** out,
                                                size_t* length_out, aftercare_error** error);

/** Eligibility screening before a treatment, written as JSON (aftercare.screening/1) or text.
 *  The treatment is as for aftercare_plan_new; the history is
 *
 *      {"conditions": ["active_acne"], "isotretinoin_stopped": "2026-09-01",
 *       "radiotherapy_ended": "2025-01-10", "birth_date": "1990-05-01", "as_of": "2026-11-21"}
 *
 *  every member optional; as_of defaults to the local date of treated_at and is required without
 *  one. `protocol` NULL means the embedded default. */
AFTERCARE_API aftercare_status aftercare_screen(const aftercare_protocol* protocol, const char* treatment_json,
                                                size_t treatment_length, const char* history_json, size_t history_length,
                                                aftercare_format format, char** out, size_t* length_out,
                                                aftercare_error** error);

/* --- time zones the host supplies ------------------------------------------------------------ */

/** A period of constant UTC offset: begin <= t < end, in seconds since 1970-01-01T00:00:00Z
 *  (INT64_MIN / INT64_MAX when unbounded). */
typedef struct aftercare_zone_period {
    int64_t begin;
    int64_t end;
    int32_t utc_offset;    /* seconds east of UTC: 3600 for BST                                   */
    int32_t dst_minutes;   /* nonzero while daylight saving time is in force (60 for BST), else 0;
                              the library uses only whether it is zero (the OS database gives 1)   */
    char abbreviation[16]; /* "BST", NUL-terminated (longer ones are cut)                          */
} aftercare_zone_period;

/** How a local wall-clock time resolves, as date::local_info: */
typedef enum aftercare_local_kind {
    AFTERCARE_LOCAL_UNIQUE = 0,      /* `first` holds it                                             */
    AFTERCARE_LOCAL_NONEXISTENT = 1, /* in a gap: `first` is the period before it, `second` after    */
    AFTERCARE_LOCAL_AMBIGUOUS = 2    /* repeated: `first` is the earlier period, `second` the later   */
} aftercare_local_kind;

typedef struct aftercare_local_info {
    int32_t kind; /* an aftercare_local_kind */
    aftercare_zone_period first;
    aftercare_zone_period second;
} aftercare_local_info;

/** A zone source the host app supplies (the platform's own zone data: Foundation's TimeZone,
 *  java.time's ZoneRules, Intl). The library calls it from any thread, possibly at the same time;
 *  each callback returns 0 on success and anything else when it cannot answer (the call that
 *  needed it then fails with AFTERCARE_TIME_ZONE). */
typedef struct aftercare_zone_source {
    /** sizeof(aftercare_zone_source), so later versions can add members at the end. */
    size_t size;
    /** Passed to every callback as it is. */
    void* context;
    /** Whether the source knows zone `name`: 0 and the name results are to carry NUL-terminated in
     *  `canonical` (at most `capacity` bytes), else nonzero. Write `name` itself to match the OS
     *  database, which keeps a link's own name ("Asia/Calcutta"); or a link's target. */
    int (*find_zone)(void* context, const char* name, char* canonical, size_t capacity);
    /** The period of zone `name` (a canonical name) that holds instant `utc` (seconds since the
     *  epoch). Required. */
    int (*period_at)(void* context, const char* name, int64_t utc, aftercare_zone_period* out);
    /** How local time `local` (seconds since 1970-01-01T00:00 on the wall clock) resolves. May be
     *  NULL: the library then derives it from period_at, as date does. */
    int (*resolve_local)(void* context, const char* name, int64_t local, aftercare_local_info* out);
    /** Called once when the library stops using the source (replaced, and every plan and schedule
     *  made with it freed). May be NULL. */
    void (*release)(void* context);
} aftercare_zone_source;

/** Makes `source` the process-wide zone source for zones named from now on (plans and schedules
 *  already made keep theirs); NULL goes back to the OS tz database. The library copies the
 *  struct. Call it at startup, before other threads use the library. */
AFTERCARE_API aftercare_status aftercare_set_zone_source(const aftercare_zone_source* source, aftercare_error** error);

/** The period of zone `name` holding instant `utc`, from the current zone source: what every
 *  conversion in the library is built on. */
AFTERCARE_API aftercare_status aftercare_zone_period_at(const char* name, int64_t utc, aftercare_zone_period* out,
                                                        aftercare_error** error);

#ifdef __cplusplus
}
#endif

#endif /* AFTERCARE_H */
