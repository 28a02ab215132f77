// libFuzzer target: a treatment, a zone, wake/bed and routine slots from FuzzedDataProvider ->
// make_plan -> schedule -> to_ics / to_json. Bad values must be aftercare errors; every schedule
// that is made must keep the reminder invariants (docs/reminders.md): sorted by instant, `local`
// is `at` on the zone's clock, nothing moved earlier than due, no reminder in quiet hours (a DST
// gap may push a wake-time reminder forward by the gap), and the .ics file folds at 75 octets.
#include "fuzz_common.hpp"

#include <string_view>

namespace {

std::optional<std::chrono::minutes> maybe_minutes(FuzzedDataProvider& in) {
    if (!in.ConsumeBool()) return std::nullopt;
    return std::chrono::minutes{in.ConsumeIntegralInRange<int>(-5, 24 * 60 + 5)};
}

void check(const aftercare::reminder_schedule& s, const aftercare::preferences& prefs) {
    using namespace std::chrono;
    const auto rs = s.reminders();
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const aftercare::reminder& r = rs[i];
        if (i > 0 && r.at < rs[i - 1].at) std::abort();  // sorted by instant
        if (r.at < r.due) std::abort();                   // a reminder only ever moves later
        if (prefs.zone != nullptr && r.local != aftercare::to_local(r.at, *prefs.zone)) std::abort();
        const auto tod = r.local - date::floor<date::days>(r.local);
        if (tod < prefs.wake || tod >= prefs.bed + minutes{60}) std::abort();  // waking hours (+ a DST gap)
    }
    const std::string ics = aftercare::to_ics(s);
    if (!ics.starts_with("BEGIN:VCALENDAR\r\n")) std::abort();
    std::size_t start = 0;
    while (start < ics.size()) {
        const std::size_t end = ics.find("\r\n", start);
        if (end == std::string::npos || end - start > 75) std::abort();
        start = end + 2;
    }
    (void)aftercare::to_json(s);
    (void)aftercare::to_text(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    FUZZ_EXPECT_ERRORS({
        const aftercare::treatment t = fuzz::pick_treatment(in);
        aftercare::preferences prefs;
        prefs.zone = fuzz::pick_zone(in);
        prefs.wake = std::chrono::minutes{in.ConsumeIntegralInRange<int>(-5, 24 * 60 + 5)};
        prefs.bed = std::chrono::minutes{in.ConsumeIntegralInRange<int>(-5, 24 * 60 + 5)};
        prefs.morning = maybe_minutes(in);
        prefs.midday = maybe_minutes(in);
        prefs.evening = maybe_minutes(in);
        prefs.bedtime = maybe_minutes(in);
        if (in.ConsumeBool()) prefs.horizon = std::chrono::minutes{in.ConsumeIntegral<std::int32_t>()};
        const aftercare::plan p = aftercare::make_plan(t);
        const aftercare::reminder_schedule s = aftercare::schedule(p, prefs);
        check(s, prefs);
    })
    return 0;
}
