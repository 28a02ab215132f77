// io/text.hpp: the readable plan.
#include "../test_support.hpp"
#include "io/text_toolkit.hpp"

using namespace aftercare;
using namespace aftercare::test;

BOOST_AUTO_TEST_SUITE(text_tests)

BOOST_AUTO_TEST_CASE(has_every_section_and_the_disclaimer) {
    const std::string s = to_text(make_plan(example()), {.zone = locate_zone("Europe/London")});
    for (const char* heading : {"What to expect", "What to avoid, and when it lifts", "What to do", "Timeline", "Red flags", "Sources"}) {
        BOOST_TEST(s.find(std::string("\n") + heading + "\n") != std::string::npos, heading);
    }
    BOOST_TEST(s.find("Not medical advice") != std::string::npos);
    BOOST_TEST(s.find("aftercare.microneedling.default") != std::string::npos);
    BOOST_TEST(s.find("[CHU21]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(timeline_uses_local_dates_and_is_in_order) {
    const std::string s = to_text(make_plan(example()), {.zone = locate_zone("America/New_York")});
    // 14:00 UTC is 09:00 in New York; makeup (mineral) at +24 h is Sun 22 Nov 09:00 there.
    BOOST_TEST(s.find("Sun 22 Nov 09:00 (+24 h) Mineral makeup is fine from now") != std::string::npos);
    const auto first = s.find("(+0 h)"), later = s.find("(+14 d)");
    BOOST_TEST((first != std::string::npos && later != std::string::npos && first < later));
}

BOOST_AUTO_TEST_CASE(relative_plan_uses_hours) {
    treatment t = example();
    t.treated_at.reset();
    const std::string s = to_text(make_plan(t), {.sources = false});
    BOOST_TEST(s.find("+24 h Mineral makeup is fine from now") != std::string::npos);
    BOOST_TEST(s.find("\nSources\n") == std::string::npos);
}

// The one text toolkit (src/io/text_toolkit.hpp) every writer uses.
BOOST_AUTO_TEST_CASE(toolkit_durations_and_dates) {
    using std::chrono::minutes;
    using std::chrono::seconds;
    BOOST_TEST(detail::hours_text(minutes{72 * 60}) == "3 d");
    BOOST_TEST(detail::hours_text(minutes{24 * 60}) == "24 h");  // one day reads as hours
    BOOST_TEST(detail::hours_text(minutes{90}) == "1.5 h");
    BOOST_TEST(detail::hours_text(minutes{0}) == "0 h");
    BOOST_TEST(detail::duration_text(seconds{5400}) == "1 h 30 min");
    BOOST_TEST(detail::duration_text(seconds{-1}) == "-1 s");
    BOOST_TEST(detail::duration_text(seconds{0}) == "0 h");
    const date::local_days day{date::year{2026} / 11 / 22};
    BOOST_TEST(detail::day_text(day) == "Sun 22 Nov 2026");
    BOOST_TEST(detail::short_day_text(day + date::days{10}) == "Wed 2 Dec");
    BOOST_TEST(detail::local_text(day + std::chrono::hours{7} + minutes{30}) == "Sun 22 Nov 2026 07:30");
    BOOST_TEST(detail::short_local_text(day) == "Sun 22 Nov 00:00");
}

BOOST_AUTO_TEST_CASE(toolkit_wrap) {
    BOOST_TEST(detail::wrap("one two three four", 9) == "one two\nthree\nfour\n");
    BOOST_TEST(detail::wrap("one two three", 11, "  - ", "    ") == "  - one two\n    three\n");
    BOOST_TEST(detail::wrap("a verylongwordthatdoesnotfit b", 8) == "a\nverylongwordthatdoesnotfit\nb\n");
    BOOST_TEST(detail::wrap("café crème brûlée", 11) == "café crème\nbrûlée\n");  // columns, not bytes
    BOOST_TEST(detail::wrap("", 10, "> ") == "> \n");
}

BOOST_AUTO_TEST_SUITE_END()
