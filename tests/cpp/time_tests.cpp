// time.hpp: zones, the daylight-saving rule, parsing and RFC 3339.
#include "test_support.hpp"

#include "time/zone_cache.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;


BOOST_AUTO_TEST_SUITE(time_tests)

BOOST_DATA_TEST_CASE(dst_rule_gap_moves_forward_overlap_takes_earlier, bdata::make(dst_cases), c) {
    const date::time_zone* zone = locate_zone(c.zone);
    BOOST_TEST((classify(c.wall, *zone) == c.kind));
    const date::sys_seconds t = to_utc(c.wall, *zone);
    BOOST_TEST(format_rfc3339(t, zone) == c.expected);
    if (c.kind == local_resolution::unique) {
        BOOST_TEST((to_local(t, *zone) == c.wall));  // round trip
    }
    if (c.kind == local_resolution::ambiguous_took_earlier) {
        // the other reading is later, and reads the same on the wall clock
        const date::local_info info = zone->get_info(c.wall);
        const date::sys_seconds later{c.wall.time_since_epoch() - info.second.offset};
        BOOST_TEST((later > t));
        BOOST_TEST((to_local(later, *zone) == c.wall));
    }
}

BOOST_AUTO_TEST_CASE(gap_moves_forward_by_the_gap_length) {
    const auto* zone = locate_zone("Australia/Lord_Howe");
    const auto wall = local(2026, 10, 4, 2, 10);
    BOOST_TEST((to_local(to_utc(wall, *zone), *zone) - wall == std::chrono::minutes{30}));
    const auto* london = locate_zone("Europe/London");
    const auto wall2 = local(2026, 3, 29, 1, 10);
    BOOST_TEST((to_local(to_utc(wall2, *london), *london) - wall2 == std::chrono::hours{1}));
}

BOOST_AUTO_TEST_CASE(unknown_zone_is_a_typed_error) {
    const auto e = expect_throw<time_zone_error>([] { (void)locate_zone("Mars/Olympus_Mons", "--tz"); });
    BOOST_TEST(e.field() == "--tz");
    BOOST_TEST(e.value() == "Mars/Olympus_Mons");
    (void)expect_throw<time_zone_error>([] { (void)locate_zone(""); });
}

BOOST_AUTO_TEST_CASE(rfc3339_in_utc_and_with_negative_offsets) {
    const date::sys_seconds t = date::sys_days{date::November / 21 / 2026} + std::chrono::hours{14};
    BOOST_TEST(format_rfc3339(t) == "2026-11-21T14:00:00Z");
    BOOST_TEST(format_rfc3339(t, locate_zone("America/St_Johns")) == "2026-11-21T10:30:00-03:30");
    BOOST_TEST(format_rfc3339(t, locate_zone("Asia/Kathmandu")) == "2026-11-21T19:45:00+05:45");
    BOOST_TEST(format_rfc3339(t, locate_zone("UTC")) == "2026-11-21T14:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(parse_local_time_is_strict) {
    BOOST_TEST((parse_local_time("2026-11-21T14:00", "t") == local(2026, 11, 21, 14, 0)));
    BOOST_TEST((parse_local_time("2026-11-21 14:00:30", "t") == local(2026, 11, 21, 14, 0) + std::chrono::seconds{30}));
    for (const char* bad : {"2026-11-21", "2026-11-21T24:00", "2026-02-30T10:00", "2026-11-21T14:60", "2026-11-21T14:00Z",
                            "2026-11-21T14:00+01:00", "21/11/2026 14:00", "", "2026-1-21T14:00", "2026-11-21T14:00:5"}) {
        const auto e = expect_throw<invalid_value>([&] { (void)parse_local_time(bad, "--treated-at"); });
        BOOST_TEST(e.field() == "--treated-at");
        BOOST_TEST(e.value() == bad);
    }
}

BOOST_AUTO_TEST_CASE(parse_time_of_day_and_date) {
    BOOST_TEST((parse_time_of_day("07:05", "--wake") == std::chrono::minutes{7 * 60 + 5}));
    BOOST_TEST((parse_time_of_day("23:59", "--wake") == std::chrono::minutes{23 * 60 + 59}));
    for (const char* bad : {"7:00", "24:00", "12:60", "12-00", "", "12:00:00"}) {
        (void)expect_throw<invalid_value>([&] { (void)parse_time_of_day(bad, "--wake"); });
    }
    BOOST_TEST(format_time_of_day(std::chrono::minutes{7 * 60 + 5}) == "07:05");
    BOOST_TEST((parse_date("2024-02-29", "d") == date::year{2024} / date::February / date::day{29}));
    (void)expect_throw<invalid_value>([] { (void)parse_date("2026-02-29", "--birth-date"); });
}

BOOST_AUTO_TEST_CASE(nothing_depends_on_the_machine_zone) {
    // to_utc and format only use the zone they are given; TZ (UTC or Europe/Kyiv in `make test`)
    // must not matter. The expected values are fixed, so a TZ leak would fail one of the runs.
    const auto* london = locate_zone("Europe/London");
    BOOST_TEST(format_rfc3339(to_utc(local(2026, 7, 1, 9, 0), *london), london) == "2026-07-01T09:00:00+01:00");
    BOOST_TEST(format_rfc3339(to_utc(local(2026, 7, 1, 9, 0), *london)) == "2026-07-01T08:00:00Z");
}

// schedule()'s window of a zone's periods (src/time/zone_cache.hpp) gives what the exact functions
// give: every quarter hour, both ways, across the clock changes of zones with half-hour, 30-minute
// DST and day-skipping histories; inside the window (a year), past its end (a ten-year window is
// cut to the eight periods read) and before it; the wall-clock times in gaps and repeats included.
BOOST_AUTO_TEST_CASE(zone_window_converts_as_the_exact_functions) {
    using namespace std::chrono;
    for (const char* name : {"Europe/London", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Apia", "Asia/Kolkata",
                             "America/Santiago", "UTC"}) {
        const zone_rules& rules = os_zone_rules(*locate_zone(name));
        for (const auto years : {1, 10}) {
            const date::sys_seconds from = date::sys_days{date::year{2011} / 3 / 1};
            const date::sys_seconds to = from + date::days{365 * years};
            detail::zone_cache cache(rules);
            const date::sys_seconds before = from - date::days{4};
            for (date::sys_seconds t = before; t < from + date::days{365 * 2 + 7}; t += minutes{15}) {
                if (cache.to_local(t) != to_local(t, rules)) {
                    BOOST_ERROR(name << " to_local before cover " << format_rfc3339(t));
                    break;
                }
            }
            cache.cover(from, to);
            std::size_t mismatches = 0;
            for (date::sys_seconds t = before; t < from + date::days{365 * 2 + 7}; t += minutes{15}) {
                const date::local_seconds local{t.time_since_epoch()};  // every wall-clock reading too
                mismatches += cache.to_local(t) != to_local(t, rules);
                mismatches += cache.to_utc(local) != to_utc(local, rules);
            }
            BOOST_TEST(mismatches == 0u, name << " over " << years << " years");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
