/* The C interface from a real C caller (C11, -Wall -Wextra -pedantic -Werror, ASan + UBSan):
 *  1. plans, schedules, triage and screening for a table of treatments across zones, each output
 *     byte-identical to what the `aftercare` command prints for the same input;
 *  2. bad input (NULLs, text that is not JSON, wrong shapes, unknown codes and zones, bad formats)
 *     at every entry point: a status and an error naming the field, never a crash or a leak;
 *  3. a host zone source (callbacks) giving the same output as the OS database, its failures,
 *     and its release once nothing uses it;
 *  4. many threads on the same handles.
 * Usage: c_api_test PATH_TO_aftercare_COMMAND WORK_DIR */
#define _POSIX_C_SOURCE 200809L
#include <aftercare/aftercare.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

static int failures = 0;
static int checks = 0;
#define CHECK(cond, what)                                                                  \
    do {                                                                                   \
        ++checks;                                                                          \
        if (!(cond)) {                                                                     \
            ++failures;                                                                    \
            fprintf(stderr, "FAIL %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, (what));   \
        }                                                                                  \
    } while (0)

static const char* command;
static const char* work_dir;

/* The whole standard output of a shell command (the caller frees it). */
static char* run(const char* cmd) {
    FILE* p = popen(cmd, "r");
    size_t cap = 1 << 16, n = 0;
    char* buf = malloc(cap);
    if (p == NULL || buf == NULL) {
        fprintf(stderr, "cannot run %s\n", cmd);
        exit(2);
    }
    for (;;) {
        if (n + 4096 > cap) {
            char* bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) exit(2);
            buf = bigger;
        }
        const size_t got = fread(buf + n, 1, 4096, p);
        n += got;
        if (got == 0) break;
    }
    buf[n] = '\0';
    if (pclose(p) != 0) {
        fprintf(stderr, "command failed: %s\n", cmd);
        ++failures;
    }
    return buf;
}

static void write_file(const char* path, const char* text) {
    FILE* f = fopen(path, "wb");
    if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
}

/* Where two texts first differ, for the failure message. */
static void same(const char* ours, const char* theirs, const char* what) {
    const int equal = strcmp(ours, theirs) == 0;
    CHECK(equal, what);
    if (!equal) {
        size_t i = 0;
        while (ours[i] != '\0' && ours[i] == theirs[i]) ++i;
        fprintf(stderr, "  first difference at byte %zu: ours \"%.40s\" command \"%.40s\"\n", i, ours + i, theirs + i);
    }
}

/* --- 1. the table, against the command ------------------------------------------------------ */

struct treatment_case {
    const char* json; /* with %s for treated_at and time_zone */
    const char* args; /* the same treatment as command-line options */
    const char* preferences;
    const char* pref_args;
};

static const struct treatment_case treatments[] = {
    {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"indication\": \"acne_scars\", \"treated_at\": \"%s\", \"time_zone\": \"%s\"}",
     "--device pen --depth 1.0 --skin-type 3 --indication acne_scars", NULL, ""},
    {"{\"device\": \"rf\", \"depth_mm\": 2.5, \"area\": \"neck\", \"skin_type\": \"V\", \"adjuncts\": [\"prp\"], \"history\": [\"cold_sore_history\"],"
     " \"session\": 2, \"indication\": \"wrinkles\", \"treated_at\": \"%s\", \"time_zone\": \"%s\"}",
     "--device rf --depth 2.5 --area neck --skin-type V --adjunct prp --history cold_sore_history --session 2 --indication wrinkles",
     "{\"wake\": \"06:15\", \"bed\": \"23:50\"}", "--wake 06:15 --bed 23:50"},
    {"{\"device\": \"home_roller\", \"depth_mm\": 0.25, \"area\": \"face\", \"skin_type\": 2, \"treated_at\": \"%s\", \"time_zone\": \"%s\"}",
     "--device home_roller --depth 0.25 --skin-type 2", "{\"morning\": \"08:10\", \"evening\": \"20:05\"}", "--morning 08:10 --evening 20:05"},
};

static const char* zones[] = {"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
                              "Pacific/Chatham", "America/Sao_Paulo", "Europe/Kyiv"};
static const char* times[] = {"2026-03-27T23:30", "2026-10-23T21:00"};
static const char* format_names[] = {"json", "text", "ics"};

static aftercare_plan* plan_for(const char* json) {
    aftercare_plan* plan = NULL;
    aftercare_error* err = NULL;
    const aftercare_status s = aftercare_plan_new(NULL, json, strlen(json), &plan, &err);
    CHECK(s == AFTERCARE_OK, aftercare_error_message(err));
    aftercare_error_free(err);
    return plan;
}

static void table(void) {
    char json[1024], cmd[2048], what[256];
    size_t n = 0;
    for (size_t t = 0; t < sizeof treatments / sizeof treatments[0]; ++t) {
        for (size_t z = 0; z < sizeof zones / sizeof zones[0]; ++z) {
            for (size_t w = 0; w < sizeof times / sizeof times[0]; ++w) {
                const struct treatment_case* c = &treatments[t];
                snprintf(json, sizeof json, c->json, times[w], zones[z]);
                aftercare_plan* plan = plan_for(json);
                if (plan == NULL) continue;
                aftercare_schedule* s = NULL;
                aftercare_error* err = NULL;
                const char* prefs = c->preferences;
                CHECK(aftercare_schedule_new(plan, prefs, prefs ? strlen(prefs) : 0, &s, &err) == AFTERCARE_OK, aftercare_error_message(err));
                aftercare_error_free(err);
                for (int f = AFTERCARE_FORMAT_JSON; f <= AFTERCARE_FORMAT_ICS; ++f) {
                    char* ours = NULL;
                    size_t length = 0;
                    err = NULL;
                    CHECK(aftercare_schedule_write(s, (aftercare_format)f, &ours, &length, &err) == AFTERCARE_OK, aftercare_error_message(err));
                    aftercare_error_free(err);
                    snprintf(cmd, sizeof cmd, "'%s' plan %s %s --treated-at %s --tz %s --format %s", command, c->args, c->pref_args, times[w],
                             zones[z], format_names[f]);
                    char* theirs = run(cmd);
                    snprintf(what, sizeof what, "schedule %zu %s %s %s", t, zones[z], times[w], format_names[f]);
                    if (ours != NULL) {
                        same(ours, theirs, what);
                        CHECK(length == strlen(ours), what);
                    }
                    aftercare_free(ours);
                    free(theirs);
                    ++n;
                }
                /* triage and screening of the same treatment */
                {
                    const char* reports = "{\"reports\": [{\"symptom\": \"redness\", \"hours_after\": 30, \"severity\": \"mild\"},"
                                          " {\"symptom\": \"swelling\", \"hours_after\": 80, \"signs\": [\"spreading\"]}]}";
                    char path[1024];
                    snprintf(path, sizeof path, "%s/reports.json", work_dir);
                    write_file(path, reports);
                    for (int f = AFTERCARE_FORMAT_JSON; f <= AFTERCARE_FORMAT_TEXT; ++f) {
                        char* ours = NULL;
                        err = NULL;
                        CHECK(aftercare_triage(plan, reports, strlen(reports), "2026-12-30T10:00", (aftercare_format)f, &ours, NULL, &err) == AFTERCARE_OK,
                              aftercare_error_message(err));
                        aftercare_error_free(err);
                        snprintf(cmd, sizeof cmd, "'%s' triage %s --treated-at %s --tz %s --reports '%s' --as-of 2026-12-30T10:00 --format %s",
                                 command, c->args, times[w], zones[z], path, format_names[f]);
                        char* theirs = run(cmd);
                        snprintf(what, sizeof what, "triage %zu %s %s %s", t, zones[z], times[w], format_names[f]);
                        if (ours != NULL) same(ours, theirs, what);
                        aftercare_free(ours);
                        free(theirs);
                    }
                    const char* history = "{\"conditions\": [\"active_acne\"], \"isotretinoin_stopped\": \"2025-09-01\"}";
                    char* ours = NULL;
                    err = NULL;
                    CHECK(aftercare_screen(NULL, json, strlen(json), history, strlen(history), AFTERCARE_FORMAT_JSON, &ours, NULL, &err) == AFTERCARE_OK,
                          aftercare_error_message(err));
                    aftercare_error_free(err);
                    snprintf(cmd, sizeof cmd, "'%s' screen %s --treated-at %s --tz %s --condition active_acne --isotretinoin-stopped 2025-09-01 --format json",
                             command, c->args, times[w], zones[z]);
                    char* theirs = run(cmd);
                    snprintf(what, sizeof what, "screen %zu %s %s", t, zones[z], times[w]);
                    if (ours != NULL) same(ours, theirs, what);
                    aftercare_free(ours);
                    free(theirs);
                }
                aftercare_schedule_free(s);
                aftercare_plan_free(plan);
            }
        }
    }
    printf("table: %zu schedule outputs identical to the command's\n", n);
}

/* --- 2. bad input at every entry point ------------------------------------------------------- */

/* Expects `s` to be `want` with an error that says what is wrong; frees the error. */
static void expect_error(aftercare_status s, aftercare_error** perr, aftercare_status want, const char* field, const char* what) {
    aftercare_error* err = *perr; /* read after the call (the arguments' order is unspecified) */
    *perr = NULL;
    CHECK(s == want, what);
    CHECK(err != NULL, what);
    if (err == NULL) return;
    CHECK(aftercare_error_status(err) == s, what);
    CHECK(strncmp(aftercare_error_id(err), "aftercare.", 10) == 0, aftercare_error_id(err));
    CHECK(aftercare_error_message(err)[0] != '\0', what);
    CHECK(strchr(aftercare_error_message(err), '\n') == NULL, aftercare_error_message(err));
    if (field != NULL) CHECK(strcmp(aftercare_error_field(err), field) == 0, aftercare_error_field(err));
    aftercare_error_free(err);
}

#define PUS "{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": 1}]}"

static void bad_input(void) {
    static const struct {
        const char* json;
        aftercare_status status;
        const char* field;
    } bad_treatments[] = {
        {"", AFTERCARE_INVALID_JSON, NULL},
        {"{\"device\": \"pen\",", AFTERCARE_INVALID_JSON, NULL},
        {"[1, 2]", AFTERCARE_INVALID_VALUE, "treatment"},
        {"{\"device\": \"laser\", \"depth_mm\": 1.0, \"skin_type\": 3}", AFTERCARE_INVALID_VALUE, "/device"},
        {"{\"device\": \"pen\", \"depth_mm\": \"deep\", \"skin_type\": 3}", AFTERCARE_INVALID_VALUE, "/depth_mm"},
        {"{\"device\": \"pen\", \"depth_mm\": 9.5, \"skin_type\": 3}", AFTERCARE_INVALID_VALUE, "/depth_mm"},
        {"{\"device\": \"pen\", \"depth_mm\": 1e308, \"skin_type\": 3}", AFTERCARE_INVALID_VALUE, "/depth_mm"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 7}", AFTERCARE_INVALID_VALUE, "/skin_type"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": \"VII\"}", AFTERCARE_INVALID_VALUE, "/skin_type"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0}", AFTERCARE_INVALID_VALUE, "treatment"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"colour\": \"red\"}", AFTERCARE_INVALID_VALUE, "/colour"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"adjuncts\": \"prp\"}", AFTERCARE_INVALID_VALUE, "/adjuncts"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"history\": [\"x\"]}", AFTERCARE_INVALID_VALUE, "/history/0"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"session\": 0}", AFTERCARE_INVALID_VALUE, "/session"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-11-21T14:00\"}", AFTERCARE_INVALID_VALUE, "/treated_at"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-02-30T14:00\", \"time_zone\": \"UTC\"}", AFTERCARE_INVALID_VALUE, "/treated_at"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"time_zone\": \"Mars/Base\"}", AFTERCARE_TIME_ZONE, "/time_zone"},
        {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"time_zone\": 5}", AFTERCARE_INVALID_VALUE, "/time_zone"},
        {"{\"device\": \"\\u00ff\xff\", \"depth_mm\": 1.0, \"skin_type\": 3}", AFTERCARE_INVALID_JSON, NULL},
    };
    for (size_t i = 0; i < sizeof bad_treatments / sizeof bad_treatments[0]; ++i) {
        const char* j = bad_treatments[i].json;
        aftercare_plan* plan = NULL;
        aftercare_error* err = NULL;
        expect_error(aftercare_plan_new(NULL, j, strlen(j), &plan, &err), &err, bad_treatments[i].status, bad_treatments[i].field, j);
        CHECK(plan == NULL, j);
        char* out = NULL;
        err = NULL;
        expect_error(aftercare_screen(NULL, j, strlen(j), NULL, 0, AFTERCARE_FORMAT_JSON, &out, NULL, &err), &err, bad_treatments[i].status,
                     bad_treatments[i].field, j);
        CHECK(out == NULL, j);
    }
    /* A length shorter than the text: only that much is read. */
    {
        const char* j = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3}garbage";
        aftercare_plan* plan = NULL;
        CHECK(aftercare_plan_new(NULL, j, strlen(j) - 7, &plan, NULL) == AFTERCARE_OK, "length");
        aftercare_plan_free(plan);
    }

    aftercare_plan* plan = plan_for("{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}");
    aftercare_plan* relative = plan_for("{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3}");
    aftercare_error* err = NULL;
    aftercare_schedule* s = NULL;
    char* out = NULL;

    /* NULLs */
    err = NULL; expect_error(aftercare_plan_new(NULL, NULL, 0, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "treatment_json", "plan_new NULL");
    err = NULL; expect_error(aftercare_plan_new(NULL, "{}", 2, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "out", "plan_new out NULL");
    err = NULL; expect_error(aftercare_plan_write(NULL, AFTERCARE_FORMAT_JSON, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "plan", "plan_write NULL");
    err = NULL; expect_error(aftercare_schedule_new(NULL, NULL, 0, &s, &err), &err, AFTERCARE_INVALID_ARGUMENT, "plan", "schedule_new NULL");
    err = NULL; expect_error(aftercare_schedule_write(NULL, AFTERCARE_FORMAT_JSON, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "schedule", "schedule_write NULL");
    err = NULL; expect_error(aftercare_triage(plan, NULL, 0, NULL, AFTERCARE_FORMAT_JSON, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "reports_json", "triage NULL");
    err = NULL; expect_error(aftercare_protocol_parse(NULL, 0, NULL, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "json", "protocol NULL");
    err = NULL; expect_error(aftercare_zone_period_at(NULL, 0, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "name", "period NULL");
    CHECK(aftercare_plan_new(NULL, NULL, 0, NULL, NULL) == AFTERCARE_INVALID_ARGUMENT, "error NULL is fine");
    CHECK(out == NULL && s == NULL, "nothing written on failure");

    /* formats */
    err = NULL; expect_error(aftercare_plan_write(plan, AFTERCARE_FORMAT_ICS, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "format", "plan ics");
    err = NULL; expect_error(aftercare_plan_write(plan, (aftercare_format)99, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "format", "plan 99");
    err = NULL; expect_error(aftercare_triage(plan, "{}", 2, NULL, AFTERCARE_FORMAT_HTML, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "format", "triage html");
    {
        char* page = NULL;
        size_t n = 0;
        CHECK(aftercare_plan_write(plan, AFTERCARE_FORMAT_HTML, &page, &n, NULL) == AFTERCARE_OK, "plan html");
        CHECK(page != NULL && strncmp(page, "<!DOCTYPE html>", 15) == 0 && strlen(page) == n, "plan html is a whole page");
        CHECK(page != NULL && strstr(page, "<html lang=\"en\"") != NULL && strstr(page, "<script") == NULL, "plan html: lang, no script");
        aftercare_free(page);
    }
    err = NULL; expect_error(aftercare_triage(plan, "{}", 2, NULL, AFTERCARE_FORMAT_ICS, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "format", "triage ics");
    err = NULL; expect_error(aftercare_screen(NULL, "{}", 2, NULL, 0, (aftercare_format)-1, &out, NULL, &err), &err, AFTERCARE_INVALID_ARGUMENT, "format", "screen -1");

    /* preferences */
    static const char* bad_prefs[][2] = {{"{\"wake\": \"25:00\"}", "/wake"}, {"{\"wake\": 7}", "/wake"}, {"{\"nap\": \"13:00\"}", "/nap"},
                                         {"{\"wake\": \"23:00\", \"bed\": \"22:00\"}", "/wake"}, {"{\"midday\": \"03:00\"}", "/midday"},
                                         {"[", NULL}, {"null", "preferences"}};
    for (size_t i = 0; i < sizeof bad_prefs / sizeof bad_prefs[0]; ++i) {
        err = NULL;
        const aftercare_status st = aftercare_schedule_new(plan, bad_prefs[i][0], strlen(bad_prefs[i][0]), &s, &err);
        expect_error(st, &err, bad_prefs[i][1] == NULL ? AFTERCARE_INVALID_JSON : AFTERCARE_INVALID_VALUE, bad_prefs[i][1], bad_prefs[i][0]);
        CHECK(s == NULL, bad_prefs[i][0]);
    }
    /* ICS needs a treatment time */
    CHECK(aftercare_schedule_new(relative, NULL, 0, &s, NULL) == AFTERCARE_OK, "relative schedule");
    err = NULL; expect_error(aftercare_schedule_write(s, AFTERCARE_FORMAT_ICS, &out, NULL, &err), &err, AFTERCARE_INVALID_VALUE, "/treated_at", "ics relative");
    aftercare_schedule_free(s);
    s = NULL;

    /* reports */
    static const char* bad_reports[][2] = {{"{\"reports\": []}", "/reports"}, {"{\"reports\": [{\"symptom\": \"hiccups\", \"hours_after\": 1}]}", "/reports/0/symptom"},
                                           {"{\"reports\": [{\"symptom\": \"pus\"}]}", "/reports/0"}, {"{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": -1}]}", "/reports/0/hours_after"},
                                           {"{\"reports\": [{\"symptom\": \"pus\", \"seen_at\": \"2026-11-01T10:00\"}]}", NULL},
                                           {"{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": 2000}]}", NULL},
                                           {"{\"r\": 1}", "/r"}, {"{\"reports\"", NULL}};
    for (size_t i = 0; i < sizeof bad_reports / sizeof bad_reports[0]; ++i) {
        err = NULL;
        const aftercare_status st = aftercare_triage(plan, bad_reports[i][0], strlen(bad_reports[i][0]), "2026-12-01T10:00", AFTERCARE_FORMAT_JSON, &out, NULL, &err);
        CHECK(st == AFTERCARE_INVALID_VALUE || st == AFTERCARE_INVALID_JSON, bad_reports[i][0]);
        expect_error(st, &err, st, bad_reports[i][1], bad_reports[i][0]);
        CHECK(out == NULL, bad_reports[i][0]);
    }
    err = NULL; expect_error(aftercare_triage(plan, PUS, strlen(PUS), "noon", AFTERCARE_FORMAT_JSON, &out, NULL, &err),
                             &err, AFTERCARE_INVALID_VALUE, "as_of", "as_of");
    err = NULL; expect_error(aftercare_triage(relative, PUS, strlen(PUS), "2026-12-01T10:00", AFTERCARE_FORMAT_JSON, &out, NULL, &err),
                             &err, AFTERCARE_INVALID_VALUE, "as_of", "as_of without a treatment time");

    /* history */
    static const char* bad_history[][2] = {{"{\"conditions\": [\"flu\"]}", "/conditions/0"}, {"{\"birth_date\": \"1990-13-01\"}", "/birth_date"},
                                           {"{\"as_of\": 20261121}", "/as_of"}, {"{\"isotretinoin_stopped\": \"2027-01-01\"}", "/isotretinoin_stopped"},
                                           {"{\"x\": 1}", "/x"}, {"{", NULL}};
    const char* tj = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}";
    for (size_t i = 0; i < sizeof bad_history / sizeof bad_history[0]; ++i) {
        err = NULL;
        const aftercare_status st = aftercare_screen(NULL, tj, strlen(tj), bad_history[i][0], strlen(bad_history[i][0]), AFTERCARE_FORMAT_JSON, &out, NULL, &err);
        expect_error(st, &err, bad_history[i][1] == NULL ? AFTERCARE_INVALID_JSON : AFTERCARE_INVALID_VALUE, bad_history[i][1], bad_history[i][0]);
    }
    err = NULL; expect_error(aftercare_screen(NULL, "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3}", 50, NULL, 0, AFTERCARE_FORMAT_JSON, &out, NULL, &err),
                             &err, AFTERCARE_INVALID_VALUE, "/as_of", "screen without a date");

    /* protocols */
    aftercare_protocol* proto = NULL;
    err = NULL; expect_error(aftercare_protocol_parse("{\"id\": 1}", 9, "clinic.json", &proto, &err), &err, AFTERCARE_PROTOCOL, NULL, "bad protocol");
    err = NULL; expect_error(aftercare_protocol_parse("{", 1, NULL, &proto, &err), &err, AFTERCARE_PROTOCOL, NULL, "protocol not JSON");
    CHECK(proto == NULL, "no protocol");
    CHECK(aftercare_protocol_default(&proto, NULL) == AFTERCARE_OK, "default protocol");
    CHECK(strcmp(aftercare_protocol_id(proto), "aftercare.microneedling.default") == 0, aftercare_protocol_id(proto));
    aftercare_plan* p2 = NULL;
    CHECK(aftercare_plan_new(proto, tj, strlen(tj), &p2, NULL) == AFTERCARE_OK, "plan from a protocol handle");
    aftercare_protocol_free(proto); /* the plan keeps what it needs */
    CHECK(aftercare_plan_write(p2, AFTERCARE_FORMAT_TEXT, &out, NULL, NULL) == AFTERCARE_OK && strstr(out, "Europe/London") != NULL, "plan text");
    aftercare_free(out);
    out = NULL;
    aftercare_plan_free(p2);

    /* zones */
    aftercare_zone_period period;
    err = NULL; expect_error(aftercare_zone_period_at("Mars/Base", 0, &period, &err), &err, AFTERCARE_TIME_ZONE, "name", "unknown zone");
    CHECK(aftercare_zone_period_at("Europe/London", 1785000000, &period, NULL) == AFTERCARE_OK, "London summer");
    CHECK(period.utc_offset == 3600 && period.dst_minutes != 0 && strcmp(period.abbreviation, "BST") == 0, period.abbreviation);
    CHECK(period.begin <= 1785000000 && 1785000000 < period.end, "period holds the instant");

    /* the free functions accept NULL */
    aftercare_free(NULL);
    aftercare_error_free(NULL);
    aftercare_plan_free(NULL);
    aftercare_schedule_free(NULL);
    aftercare_protocol_free(NULL);
    aftercare_plan_free(relative);
    aftercare_plan_free(plan);
}

/* --- 3. a host zone source ------------------------------------------------------------------- */

struct host_state {
    int released;
    int calls;
    int fail_after; /* period_at fails from this call on; -1 never */
    mtx_t lock;
};

/* India has kept +05:30 since 1945: one period, as the host's platform would report it. The
 * zone keeps the name it was asked by (as the OS database keeps a link's own name). */
static int host_find(void* context, const char* name, char* canonical, size_t capacity) {
    (void)context;
    if ((strcmp(name, "Asia/Kolkata") != 0 && strcmp(name, "Asia/Calcutta") != 0) || capacity < strlen(name) + 1) return 1;
    memcpy(canonical, name, strlen(name) + 1);
    return 0;
}

static int host_period(void* context, const char* name, int64_t utc, aftercare_zone_period* out) {
    struct host_state* st = context;
    (void)utc;
    mtx_lock(&st->lock);
    const int call = st->calls++;
    mtx_unlock(&st->lock);
    if (st->fail_after >= 0 && call >= st->fail_after) return 1;
    if (strcmp(name, "Asia/Kolkata") != 0 && strcmp(name, "Asia/Calcutta") != 0) return 1;
    out->begin = INT64_MIN;
    out->end = INT64_MAX;
    out->utc_offset = 5 * 3600 + 30 * 60;
    out->dst_minutes = 0;
    strcpy(out->abbreviation, "IST");
    return 0;
}

static void host_release(void* context) { ((struct host_state*)context)->released += 1; }

static char* schedule_output(const char* json, aftercare_format format) {
    aftercare_plan* plan = NULL;
    aftercare_schedule* s = NULL;
    char* out = NULL;
    aftercare_error* err = NULL;
    if (aftercare_plan_new(NULL, json, strlen(json), &plan, &err) == AFTERCARE_OK && aftercare_schedule_new(plan, NULL, 0, &s, &err) == AFTERCARE_OK) {
        aftercare_schedule_write(s, format, &out, NULL, &err);
    }
    if (err != NULL) fprintf(stderr, "  %s\n", aftercare_error_message(err));
    aftercare_error_free(err);
    aftercare_schedule_free(s);
    aftercare_plan_free(plan);
    return out;
}

static void host_zones(void) {
    const char* json = "{\"device\": \"pen\", \"depth_mm\": 1.5, \"skin_type\": 5, \"indication\": \"texture\", \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Asia/Calcutta\"}";
    char* os_json = schedule_output(json, AFTERCARE_FORMAT_JSON);
    char* os_ics = schedule_output(json, AFTERCARE_FORMAT_ICS);

    struct host_state st;
    memset(&st, 0, sizeof st);
    st.fail_after = -1;
    mtx_init(&st.lock, mtx_plain);
    aftercare_zone_source src;
    memset(&src, 0, sizeof src);
    src.size = sizeof src;
    src.context = &st;
    src.find_zone = host_find;
    src.period_at = host_period;
    src.resolve_local = NULL; /* derived from period_at */
    src.release = host_release;

    aftercare_error* err = NULL;
    aftercare_zone_source bad = src;
    bad.size = 8;
    expect_error(aftercare_set_zone_source(&bad, &err), &err, AFTERCARE_INVALID_ARGUMENT, "size", "short struct");
    bad = src;
    bad.period_at = NULL;
    err = NULL;
    expect_error(aftercare_set_zone_source(&bad, &err), &err, AFTERCARE_INVALID_ARGUMENT, "period_at", "no period_at");

    CHECK(aftercare_set_zone_source(&src, NULL) == AFTERCARE_OK, "set source");
    char* host_json = schedule_output(json, AFTERCARE_FORMAT_JSON);
    char* host_ics = schedule_output(json, AFTERCARE_FORMAT_ICS);
    CHECK(st.calls > 0, "the host source was asked");
    if (os_json && host_json) same(host_json, os_json, "host source JSON = OS JSON");
    if (os_ics && host_ics) same(host_ics, os_ics, "host source ICS = OS ICS");

    /* a zone the host does not know */
    const char* london = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}";
    aftercare_plan* plan = NULL;
    err = NULL;
    expect_error(aftercare_plan_new(NULL, london, strlen(london), &plan, &err), &err, AFTERCARE_TIME_ZONE, "/time_zone", "host does not know London");

    /* a plan made with the host's zone, then the host fails: a status, not a crash */
    CHECK(aftercare_plan_new(NULL, json, strlen(json), &plan, NULL) == AFTERCARE_OK, "plan with host zone");
    st.fail_after = st.calls;
    aftercare_schedule* s = NULL;
    err = NULL;
    expect_error(aftercare_schedule_new(plan, NULL, 0, &s, &err), &err, AFTERCARE_TIME_ZONE, "time_zone", "host fails");
    CHECK(s == NULL, "no schedule");
    st.fail_after = -1;

    /* back to the OS database: the source is released once the last plan made with it goes */
    CHECK(aftercare_set_zone_source(NULL, NULL) == AFTERCARE_OK, "reset source");
    CHECK(st.released == 0, "still used by a plan");
    aftercare_plan_free(plan);
    CHECK(st.released == 1, "released");
    char* again = schedule_output(london, AFTERCARE_FORMAT_ICS);
    CHECK(again != NULL, "OS database again");

    aftercare_free(again);
    aftercare_free(os_json);
    aftercare_free(os_ics);
    aftercare_free(host_json);
    aftercare_free(host_ics);
    mtx_destroy(&st.lock);
    printf("host zone source: output identical to the OS database's\n");
}

/* --- 4. threads -------------------------------------------------------------------------------- */

struct job {
    const aftercare_plan* plan;
    const char* expected;
    int ok;
};

static int worker(void* arg) {
    struct job* j = arg;
    j->ok = 1;
    for (int i = 0; i < 20; ++i) {
        aftercare_schedule* s = NULL;
        char* out = NULL;
        if (aftercare_schedule_new(j->plan, NULL, 0, &s, NULL) != AFTERCARE_OK || aftercare_schedule_write(s, AFTERCARE_FORMAT_ICS, &out, NULL, NULL) != AFTERCARE_OK ||
            strcmp(out, j->expected) != 0) {
            j->ok = 0;
        }
        aftercare_free(out);
        aftercare_schedule_free(s);
    }
    return 0;
}

#ifdef AFTERCARE_TEST_PTHREADS
/* Under ThreadSanitizer (the tsan preset): GCC 12's libtsan does not intercept glibc's C11
 * thrd_create, so a thread it starts has no TSan state and crashes in __tsan_func_entry; threads
 * from pthread_create are intercepted. */
#include <pthread.h>
typedef pthread_t test_thread;
static void* pthread_worker(void* arg) {
    worker(arg);
    return NULL;
}
#define START_THREAD(t, arg) (pthread_create(&(t), NULL, pthread_worker, (arg)) == 0)
#define JOIN_THREAD(t) pthread_join((t), NULL)
#else
typedef thrd_t test_thread;
#define START_THREAD(t, arg) (thrd_create(&(t), worker, (arg)) == thrd_success)
#define JOIN_THREAD(t) thrd_join((t), NULL)
#endif

static void threads(void) {
    const char* json = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-10-23T21:00\", \"time_zone\": \"America/New_York\"}";
    char* expected = schedule_output(json, AFTERCARE_FORMAT_ICS);
    aftercare_plan* plan = plan_for(json);
    struct job jobs[4];
    test_thread t[4];
    for (int i = 0; i < 4; ++i) {
        jobs[i].plan = plan;
        jobs[i].expected = expected;
        jobs[i].ok = 0;
        CHECK(START_THREAD(t[i], &jobs[i]), "thread");
    }
    for (int i = 0; i < 4; ++i) {
        JOIN_THREAD(t[i]);
        CHECK(jobs[i].ok, "same output on every thread");
    }
    aftercare_plan_free(plan);
    aftercare_free(expected);
    printf("threads: 4 x 20 schedules from one plan, identical\n");
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s AFTERCARE_COMMAND WORK_DIR\n", argv[0]);
        return 2;
    }
    command = argv[1];
    work_dir = argv[2];
    CHECK(aftercare_abi_version() == AFTERCARE_ABI_VERSION, "ABI version");
    CHECK(strlen(aftercare_version()) >= 5, aftercare_version());
    table();
    bad_input();
    host_zones();
    threads();
    printf("%d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
