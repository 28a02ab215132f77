// types.hpp: codes, value types, the treatment.
#include "test_support.hpp"

#include <boost/test/data/test_case.hpp>

#include <type_traits>

using namespace aftercare;
using namespace aftercare::test;

// The properties value types promise (after date's day.pass.cpp).
static_assert(std::is_trivially_copyable_v<needle_depth>);
static_assert(std::is_nothrow_default_constructible_v<needle_depth>);
static_assert(!std::is_convertible_v<double, needle_depth>);
static_assert(!std::is_convertible_v<int, needle_depth>);
static_assert(std::is_trivially_copyable_v<skin_type>);
static_assert(!std::is_convertible_v<int, skin_type>);
static_assert(std::is_nothrow_constructible_v<skin_type, int>);
static_assert(!std::is_convertible_v<skin_type, int>);
static_assert(std::is_trivially_copyable_v<enum_set<symptom>>);
static_assert(sizeof(enum_set<symptom>) == 4);
static_assert(std::regular<needle_depth> && std::regular<skin_type> && std::regular<enum_set<area>>);
static_assert(std::regular<treatment>);
static_assert((1.0_mm).micrometres() == 1000 && (0.25_mm).micrometres() == 250 && (2_mm).micrometres() == 2000);
static_assert(1.0_mm < 1.5_mm && 1.0_mm == needle_depth::from_micrometres(1000));
static_assert(skin_type{3}.ok() && !skin_type{0}.ok() && !skin_type{7}.ok() && !skin_type{}.ok());
static_assert(to_string(device::home_roller) == "home_roller" && to_string(triage_level::contact_clinic) == "contact_clinic");
static_assert(from_string<area>("periorbital") == area::periorbital && !from_string<area>("eyelid"));
static_assert(all_values<device>().size() == 3 && all_values<symptom>().size() == 22 && all_values<sign>().size() == 5);

BOOST_AUTO_TEST_SUITE(types_tests)

template <class E>
void check_round_trip() {
    for (E e : all_values<E>()) {
        BOOST_TEST(!to_string(e).empty());
        BOOST_TEST((from_string<E>(to_string(e)) == e));
        BOOST_TEST((parse_code<E>(to_string(e)) == e));
    }
}

BOOST_AUTO_TEST_CASE(every_code_round_trips) {
    check_round_trip<device>();
    check_round_trip<area>();
    check_round_trip<indication>();
    check_round_trip<adjunct>();
    check_round_trip<history_flag>();
    check_round_trip<entry_kind>();
    check_round_trip<likelihood>();
    check_round_trip<evidence_basis>();
    check_round_trip<reminder_mode>();
    check_round_trip<routine_slot>();
    check_round_trip<triage_level>();
    check_round_trip<severity>();
    check_round_trip<symptom>();
    check_round_trip<sign>();
}

BOOST_AUTO_TEST_CASE(unknown_code_names_the_field_and_lists_what_is_allowed) {
    const auto e = expect_throw<invalid_value>([] { (void)parse_code<device>("laser"); });
    BOOST_TEST(e.field() == "device");
    BOOST_TEST(e.value() == "laser");
    BOOST_TEST(e.allowed() == "home_roller, pen, rf");
    BOOST_TEST(std::string(e.what()) == "device 'laser' is not one of home_roller, pen, rf");
    BOOST_TEST(e.id() == "aftercare.invalid_value");
}

BOOST_AUTO_TEST_CASE(codes_are_case_sensitive) {
    BOOST_TEST(!from_string<device>("Pen").has_value());
    BOOST_TEST(!from_string<device>("").has_value());
}

BOOST_AUTO_TEST_CASE(depth_from_mm_rounds_to_micrometres) {
    BOOST_TEST(needle_depth::from_mm(1.0).micrometres() == 1000);
    BOOST_TEST(needle_depth::from_mm(0.1 + 0.2).micrometres() == 300);  // not 300.00000000000006
    BOOST_TEST(needle_depth::from_mm(1.4999).micrometres() == 1500);
    BOOST_TEST(needle_depth::from_mm(-0.5).micrometres() == -500);
    BOOST_TEST(needle_depth::from_mm(2.5).mm() == 2.5);
}

BOOST_AUTO_TEST_CASE(depth_from_mm_rejects_non_finite) {
    for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 1e12}) {
        const auto e = expect_throw<invalid_value>([&] { (void)needle_depth::from_mm(bad); });
        BOOST_TEST(e.field() == "depth");
    }
}

BOOST_AUTO_TEST_CASE(depth_and_skin_type_text) {
    BOOST_TEST(to_string(1.0_mm) == "1.0");
    BOOST_TEST(to_string(0.25_mm) == "0.25");
    BOOST_TEST(to_string(needle_depth::from_micrometres(125)) == "0.125");
    BOOST_TEST(to_string(needle_depth::from_micrometres(-500)) == "-0.5");
    BOOST_TEST(to_string(skin_type{4}) == "IV");
    BOOST_TEST(to_string(skin_type{9}) == "9");
}

BOOST_AUTO_TEST_CASE(skin_type_from_text) {
    BOOST_TEST(parse_skin_type("IV").value() == 4);
    BOOST_TEST(parse_skin_type("6").value() == 6);
    for (const char* bad : {"VII", "0", "7", "iv", "", "3 ", "III."}) {
        const auto e = expect_throw<invalid_value>([&] { (void)parse_skin_type(bad); });
        BOOST_TEST(e.field() == "skin_type");
        BOOST_TEST(e.value() == bad);
    }
}

BOOST_AUTO_TEST_CASE(enum_set_behaves_as_a_set) {
    enum_set<symptom> s{symptom::pus, symptom::redness, symptom::pus};
    BOOST_TEST(s.size() == 2u);
    BOOST_TEST(s.contains(symptom::pus));
    BOOST_TEST(!s.contains(symptom::rash));
    std::vector<symptom> order(s.begin(), s.end());
    BOOST_TEST((order == std::vector<symptom>{symptom::redness, symptom::pus}));  // enumerator order
    s.erase(symptom::pus);
    BOOST_TEST(s.size() == 1u);
    BOOST_TEST(s.intersects({symptom::redness, symptom::rash}));
    BOOST_TEST(!s.intersects({symptom::rash}));
    BOOST_TEST(enum_set<symptom>({symptom::redness, symptom::rash}).contains_all(s));
    BOOST_TEST(enum_set<symptom>{}.empty());
}

BOOST_AUTO_TEST_SUITE_END()
