// libFuzzer target: check-in answers from plain JSON and from a FHIR QuestionnaireResponse either are
// read and assessed (or rejected by assess_check_in) with aftercare::invalid_value, or throw it — never crash.
#include <aftercare/aftercare.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const aftercare::plan plan = [] {
        using namespace aftercare::literals;
        aftercare::treatment t;
        t.depth = 1.0_mm;
        t.skin_type = aftercare::skin_type{3};
        t.treated_at = date::sys_days{date::November / 21 / 2026} + std::chrono::hours{14};
        return aftercare::make_plan(t);
    }();
    static const date::time_zone* zone = aftercare::locate_zone("Europe/London");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int fhir = 0; fhir < 2; ++fhir) {
        try {
            const aftercare::check_in_answers a = fhir != 0 ? aftercare::answers_from_fhir(plan, text, "fuzz.json")
                                                            : aftercare::answers_from_json(plan, text, zone, "fuzz.json");
            const aftercare::check_in_assessment r = aftercare::assess_check_in(plan, a);
            (void)aftercare::to_json(r);
        } catch (const aftercare::invalid_value& e) {
            if (e.what()[0] == '\0') std::abort();
        }
    }
    return 0;
}
