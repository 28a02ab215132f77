// error.hpp: one error channel with stable ids.
#include "test_support.hpp"

using namespace aftercare;
using namespace aftercare::test;

static_assert(std::is_base_of_v<std::invalid_argument, error>);
static_assert(std::is_base_of_v<error, invalid_value> && std::is_base_of_v<error, protocol_error>);
static_assert(std::is_base_of_v<invalid_value, time_zone_error>);
static_assert(!std::is_default_constructible_v<error>);

BOOST_AUTO_TEST_SUITE(error_tests)

BOOST_AUTO_TEST_CASE(ids_are_stable) {
    BOOST_TEST(invalid_value("f", "v", "a", "m").id() == "aftercare.invalid_value");
    BOOST_TEST(time_zone_error("--tz", "Mars/Base").id() == "aftercare.time_zone_error");
    BOOST_TEST(protocol_error("x.json", 1, 2, "/a", "b").id() == "aftercare.protocol_error");
}

BOOST_AUTO_TEST_CASE(protocol_error_reads_like_a_compiler_diagnostic) {
    const protocol_error e("clinic.json", 41, 27, "/effects/0/onset_h", "expected hours >= 0, got number -4");
    BOOST_TEST(std::string(e.what()) == "clinic.json:41:27: /effects/0/onset_h: expected hours >= 0, got number -4");
    BOOST_TEST(e.line() == 41u);
    BOOST_TEST(e.column() == 27u);
    BOOST_TEST(e.pointer() == "/effects/0/onset_h");
    const protocol_error whole("x.json", 0, 0, "", "cannot read the file");
    BOOST_TEST(std::string(whole.what()) == "x.json: (document): cannot read the file");
}

BOOST_AUTO_TEST_CASE(time_zone_error_names_field_and_value) {
    const time_zone_error e("--tz", "Mars/Base");
    BOOST_TEST(e.field() == "--tz");
    BOOST_TEST(e.value() == "Mars/Base");
    BOOST_TEST(std::string(e.what()).find("Mars/Base") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
