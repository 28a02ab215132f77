/* A C consumer of the *installed* aftercare (tests/package/run.cmake): linked against the shared
 * libaftercare_c (CMake aftercare::c, pkg-config aftercare-c) and, as c-static-consumer, against the
 * static libaftercare (aftercare::aftercare, which has the C interface too). Prints one line. */
#include <aftercare/aftercare.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    const char* t = "{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"treated_at\": \"2026-11-21T14:00\", \"time_zone\": \"Europe/London\"}";
    aftercare_plan* plan = NULL;
    aftercare_schedule* s = NULL;
    char* ics = NULL;
    size_t n = 0;
    int ok = aftercare_abi_version() == AFTERCARE_ABI_VERSION && aftercare_plan_new(NULL, t, strlen(t), &plan, NULL) == AFTERCARE_OK &&
             aftercare_schedule_new(plan, NULL, 0, &s, NULL) == AFTERCARE_OK &&
             aftercare_schedule_write(s, AFTERCARE_FORMAT_ICS, &ics, &n, NULL) == AFTERCARE_OK && strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0;
    if (ok) printf("c consumer ok: ABI %d, %zu bytes of iCalendar\n", aftercare_abi_version(), n);
    aftercare_free(ics);
    aftercare_schedule_free(s);
    aftercare_plan_free(plan);
    return ok ? 0 : 1;
}
