// io/text.hpp: the readable plan.
#include "../test_support.hpp"

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
    BOOST_TEST(s.find("Sun 22 Nov 09:00  (+24 h)  Mineral makeup is fine from now") != std::string::npos);
    const auto first = s.find("(+0 h)"), later = s.find("(+14 d)");
    BOOST_TEST((first != std::string::npos && later != std::string::npos && first < later));
}

BOOST_AUTO_TEST_CASE(relative_plan_uses_hours) {
    treatment t = example();
    t.treated_at.reset();
    const std::string s = to_text(make_plan(t), {.sources = false});
    BOOST_TEST(s.find("+24 h  Mineral makeup is fine from now") != std::string::npos);
    BOOST_TEST(s.find("\nSources\n") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
