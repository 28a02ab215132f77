// Helpers shared by the test suites.
#pragma once

#include <aftercare/aftercare.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <functional>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace aftercare::test {

using namespace std::chrono_literals;
using namespace aftercare::literals;

/// A pen treatment at `depth` on the face, skin type III, ended 2026-11-21 14:00 UTC.
inline treatment example(needle_depth depth = 1.0_mm) {
    treatment t;
    t.device = device::pen;
    t.depth = depth;
    t.area = area::face;
    t.skin_type = skin_type{3};
    t.treated_at = date::sys_days{date::November / 21 / 2026} + 14h;
    return t;
}

/// A wall-clock time, for tables of local times.
inline date::local_seconds local(int y, unsigned m, unsigned d, int hh, int mm) {
    return date::local_days{date::year{y} / date::month{m} / date::day{d}} + std::chrono::hours{hh} + std::chrono::minutes{mm};
}

/// A wall-clock time on a day the clocks change, how the library resolves it, and the instant it
/// must give (RFC 3339 in the zone). Real transitions of 2026 in four kinds of zone.
struct dst_case {
    const char* zone;
    date::local_seconds wall;
    local_resolution kind;
    const char* expected;
};

inline std::ostream& operator<<(std::ostream& os, const dst_case& c) { return os << c.zone << ' ' << c.expected; }

inline const dst_case dst_cases[] = {
    // Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT
    {"Europe/London", local(2026, 3, 29, 1, 30), local_resolution::nonexistent_moved_forward, "2026-03-29T02:30:00+01:00"},
    {"Europe/London", local(2026, 10, 25, 1, 30), local_resolution::ambiguous_took_earlier, "2026-10-25T01:30:00+01:00"},
    // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST
    {"America/New_York", local(2026, 3, 8, 2, 30), local_resolution::nonexistent_moved_forward, "2026-03-08T03:30:00-04:00"},
    {"America/New_York", local(2026, 11, 1, 1, 30), local_resolution::ambiguous_took_earlier, "2026-11-01T01:30:00-04:00"},
    // Australia/Lord_Howe: a 30-minute shift. 2026-10-04 02:00 -> 02:30; 2026-04-05 02:00 -> 01:30
    {"Australia/Lord_Howe", local(2026, 10, 4, 2, 15), local_resolution::nonexistent_moved_forward, "2026-10-04T02:45:00+11:00"},
    {"Australia/Lord_Howe", local(2026, 4, 5, 1, 45), local_resolution::ambiguous_took_earlier, "2026-04-05T01:45:00+11:00"},
    // Asia/Tokyo has no daylight saving: every local time is unique.
    {"Asia/Tokyo", local(2026, 3, 29, 1, 30), local_resolution::unique, "2026-03-29T01:30:00+09:00"},
    {"Asia/Tokyo", local(2026, 10, 25, 1, 30), local_resolution::unique, "2026-10-25T01:30:00+09:00"},
};

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `f`, which must throw E; returns the exception for further checks.
template <class E, class F>
E expect_throw(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e;
    }
    BOOST_FAIL("expected an exception that was not thrown");
    throw;  // unreachable
}

/// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
inline std::size_t line_of(std::string_view text, std::string_view needle) {
    const auto pos = text.find(needle);
    if (pos == std::string_view::npos) return 0;
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n')) + 1;
}

/// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const auto pos = text.find(from);
    BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "fixture text not found: " << from);
    text.replace(pos, from.size(), to);
    return text;
}

// A random treatment the protocol accepts (or nullopt), from one seeded generator.
inline std::optional<treatment> random_treatment(std::mt19937& rng) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    treatment t;
    t.device = all_values<device>()[pick(all_values<device>().size())];
    static constexpr double depths[] = {0.1, 0.25, 0.3, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0};
    t.depth = needle_depth::from_mm(depths[pick(std::size(depths))]);
    t.area = all_values<area>()[pick(all_values<area>().size())];
    t.skin_type = skin_type{static_cast<int>(1 + pick(6))};
    if (pick(3) == 0) t.adjuncts.insert(adjunct::prp);
    if (pick(4) != 0) t.indication = all_values<indication>()[pick(all_values<indication>().size())];
    t.session = static_cast<int>(1 + pick(6));
    for (auto h : all_values<history_flag>()) {
        if (pick(4) == 0) t.history.insert(h);
    }
    static const date::sys_seconds times[] = {
        date::sys_days{date::November / 21 / 2026} + 14h,
        date::sys_days{date::October / 24 / 2026} + 20h + 17min,  // the night before London's clocks go back
        date::sys_days{date::March / 28 / 2026} + 23h + 59min + 30s,
        date::sys_days{date::July / 1 / 2026} + 6h + 45min,
    };
    if (pick(5) != 0) t.treated_at = times[pick(std::size(times))];
    try {
        check_treatment(t);
    } catch (const invalid_value&) {
        return std::nullopt;
    }
    return t;
}

}  // namespace aftercare::test
