// Shared by the FuzzedDataProvider targets: a treatment, a zone and local times from fuzz bytes.
#pragma once

#include <aftercare/aftercare.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <string>

namespace fuzz {

inline const date::time_zone* pick_zone(FuzzedDataProvider& in) {
    // Zones with odd offsets, no DST, DST both ways, a 30-min DST shift and a date-line jump.
    static constexpr std::array<const char*, 9> names{"UTC", "Europe/London", "Europe/Kyiv", "America/New_York", "Australia/Lord_Howe",
                                                      "Asia/Kathmandu", "Pacific/Apia", "America/St_Johns", "Africa/Casablanca"};
    const std::size_t i = in.ConsumeIntegralInRange<std::size_t>(0, names.size());
    if (i == names.size()) return nullptr;
    return aftercare::locate_zone(names[i]);
}

/// Any instant, mostly near the library's range, sometimes far outside it.
inline date::sys_seconds pick_instant(FuzzedDataProvider& in) {
    if (in.ConsumeBool()) return date::sys_seconds{std::chrono::seconds{in.ConsumeIntegral<std::int64_t>() / 1000}};
    const auto lo = date::sys_days{date::year{1899} / 12 / 25}.time_since_epoch().count() * 86400LL;
    const auto hi = date::sys_days{date::year{2200} / 1 / 5}.time_since_epoch().count() * 86400LL;
    return date::sys_seconds{std::chrono::seconds{in.ConsumeIntegralInRange<std::int64_t>(lo, hi)}};
}

inline aftercare::treatment pick_treatment(FuzzedDataProvider& in) {
    aftercare::treatment t;
    t.device = static_cast<aftercare::device>(in.ConsumeIntegralInRange<int>(0, 3));
    t.depth = aftercare::needle_depth::from_micrometres(in.ConsumeIntegralInRange<std::int32_t>(-100, 4000));
    t.area = static_cast<aftercare::area>(in.ConsumeIntegralInRange<int>(0, 10));
    t.skin_type = aftercare::skin_type{in.ConsumeIntegralInRange<int>(0, 7)};
    if (in.ConsumeBool()) t.adjuncts.insert(aftercare::adjunct::prp);
    if (in.ConsumeBool()) t.indication = static_cast<aftercare::indication>(in.ConsumeIntegralInRange<int>(0, 6));
    t.session = in.ConsumeIntegralInRange<int>(-1, 12);
    if (in.ConsumeBool()) t.history.insert(aftercare::history_flag::cold_sore_history);
    if (in.ConsumeBool()) t.history.insert(aftercare::history_flag::pigmentation_history);
    if (in.ConsumeBool()) t.treated_at = pick_instant(in);
    return t;
}

/// The only exceptions a library call may throw on bad input.
#define FUZZ_EXPECT_ERRORS(body)                                      \
    try {                                                             \
        body                                                          \
    } catch (const aftercare::error& e) {                             \
        if (e.what()[0] == '\0') std::abort();                        \
    }

}  // namespace fuzz
