// libFuzzer target: reports_from_json either reads reports that triage() then accepts or rejects
// with aftercare::invalid_value, or throws aftercare::invalid_value itself — never crashes.
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
    try {
        const auto reports = aftercare::reports_from_json(text, zone, "fuzz.json");
        const aftercare::assessment a = aftercare::triage(plan, reports);
        (void)aftercare::to_json(a);
        (void)aftercare::to_text(a);
    } catch (const aftercare::invalid_value& e) {
        if (e.what()[0] == '\0') std::abort();
    }
    return 0;
}
