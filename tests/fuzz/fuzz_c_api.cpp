// libFuzzer target: the C interface's JSON entry points (aftercare.h). The input is tried as a
// treatment (aftercare_plan_new, aftercare_screen), as reminder preferences, as symptom reports and
// as a patient history. Every call returns a status; a failure comes with an error whose message is
// one non-empty line; a success gives output; AFTERCARE_INTERNAL (an exception the library did not
// expect) counts as a crash.
#include <aftercare/aftercare.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

void must(aftercare_status s, aftercare_error* e, char* out = nullptr) {
    if (s == AFTERCARE_INTERNAL || s == AFTERCARE_NO_MEMORY) std::abort();
    if (s != AFTERCARE_OK) {
        const char* m = aftercare_error_message(e);
        if (e == nullptr || m[0] == '\0' || std::strchr(m, '\n') != nullptr || aftercare_error_status(e) != s) std::abort();
    } else if (e != nullptr || (out != nullptr && out[0] == '\0')) {
        std::abort();
    }
    aftercare_error_free(e);
    aftercare_free(out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static aftercare_plan* const plan = [] {
        aftercare_plan* p = nullptr;
        const char* t = R"({"device": "pen", "depth_mm": 1.0, "skin_type": 3, "treated_at": "2026-11-21T14:00", "time_zone": "Europe/London"})";
        if (aftercare_plan_new(nullptr, t, std::strlen(t), &p, nullptr) != AFTERCARE_OK) std::abort();
        return p;
    }();
    const char* text = reinterpret_cast<const char*>(data);
    aftercare_error* e = nullptr;

    aftercare_plan* p = nullptr;
    const aftercare_status made = aftercare_plan_new(nullptr, text, size, &p, &e);
    must(made, e);
    if (made == AFTERCARE_OK) {
        char* out = nullptr;
        e = nullptr;
        {
        const aftercare_status st = aftercare_plan_write(p, AFTERCARE_FORMAT_JSON, &out, nullptr, &e);  // before reading e and out
        must(st, e, out);
    }
        aftercare_plan_free(p);
    }

    aftercare_schedule* s = nullptr;
    e = nullptr;
    const aftercare_status scheduled = aftercare_schedule_new(plan, text, size, &s, &e);
    must(scheduled, e);
    if (scheduled == AFTERCARE_OK) {
        char* out = nullptr;
        e = nullptr;
        {
        const aftercare_status st = aftercare_schedule_write(s, AFTERCARE_FORMAT_ICS, &out, nullptr, &e);  // before reading e and out
        must(st, e, out);
    }
        aftercare_schedule_free(s);
    }

    char* out = nullptr;
    e = nullptr;
    {
        const aftercare_status st = aftercare_triage(plan, text, size, "2027-01-01T00:00", AFTERCARE_FORMAT_JSON, &out, nullptr, &e);  // before reading e and out
        must(st, e, out);
    }

    const char* t = R"({"device": "rf", "depth_mm": 2.0, "skin_type": "IV", "treated_at": "2026-11-21T14:00", "time_zone": "Asia/Tokyo"})";
    out = nullptr;
    e = nullptr;
    {
        const aftercare_status st = aftercare_screen(nullptr, t, std::strlen(t), text, size, AFTERCARE_FORMAT_TEXT, &out, nullptr, &e);  // before reading e and out
        must(st, e, out);
    }
    out = nullptr;
    e = nullptr;
    {
        const aftercare_status st = aftercare_screen(nullptr, text, size, nullptr, 0, AFTERCARE_FORMAT_JSON, &out, nullptr, &e);  // before reading e and out
        must(st, e, out);
    }
    return 0;
}
