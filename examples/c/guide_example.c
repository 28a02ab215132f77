/* docs/guide-apps.md's C example: a plan and its reminders from a treatment in JSON, and what an
 * error carries. Built with -std=c11 -Wall -Wextra -pedantic -Werror in the tests (c.guide_example),
 * its output compared with guide_example.output. */
#include <aftercare/aftercare.h>

#include <stdio.h>
#include <string.h>

/* Prints the first `lines` lines of `text`. */
static void head(const char* text, int lines) {
    for (const char* p = text; *p != '\0' && lines > 0; ++p) {
        putchar(*p);
        if (*p == '\n') --lines;
    }
}

int main(void) {
    if (aftercare_abi_version() != AFTERCARE_ABI_VERSION) {
        fprintf(stderr, "built for ABI %d, loaded %d\n", AFTERCARE_ABI_VERSION, aftercare_abi_version());
        return 1;
    }
    const char* treatment =
        "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"indication\": \"acne_scars\","
        " \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}";
    aftercare_plan* plan = NULL;           /* ours: aftercare_plan_free     */
    aftercare_schedule* schedule = NULL;   /* ours: aftercare_schedule_free */
    char* text = NULL;                     /* ours: aftercare_free          */
    aftercare_error* error = NULL;         /* ours: aftercare_error_free    */
    int rc = 1;
    if (aftercare_plan_new(NULL, treatment, strlen(treatment), &plan, &error) == AFTERCARE_OK &&
        aftercare_schedule_new(plan, "{\"wake\": \"06:30\"}", 17, &schedule, &error) == AFTERCARE_OK &&
        aftercare_schedule_write(schedule, AFTERCARE_FORMAT_TEXT, &text, NULL, &error) == AFTERCARE_OK) {
        head(text, 6);
        rc = 0;
    } else {
        fprintf(stderr, "%s\n", aftercare_error_message(error));
    }
    aftercare_free(text);
    aftercare_schedule_free(schedule);
    aftercare_plan_free(plan);
    aftercare_error_free(error);

    /* A depth beyond every tier: the status says what kind of failure, the error object the rest. */
    const char* too_deep = "{\"device\": \"pen\", \"depth_mm\": 4.0, \"skin_type\": 3}";
    error = NULL;
    const aftercare_status s = aftercare_plan_new(NULL, too_deep, strlen(too_deep), &plan, &error);
    printf("\nstatus %d (%s)\nfield   %s\nvalue   %s\nallowed %s\nmessage %s\n", (int)s, aftercare_error_id(error),
           aftercare_error_field(error), aftercare_error_value(error), aftercare_error_allowed(error), aftercare_error_message(error));
    aftercare_error_free(error);
    return rc;
}
