// io/json.hpp: the plan document others read. (Its schema is checked by jsonschema in tests/python.)
#include "../test_support.hpp"

#include <nlohmann/json.hpp>

using namespace aftercare;
using namespace aftercare::test;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(json_tests)

BOOST_AUTO_TEST_CASE(document_carries_schema_protocol_and_treatment) {
    const auto* london = locate_zone("Europe/London");
    treatment t = example();
    t.indication = indication::acne_scars;
    const json doc = json::parse(to_json(make_plan(t), {.zone = london}));
    BOOST_TEST(doc["schema"] == "aftercare.plan/1");
    BOOST_TEST(doc["protocol"]["id"] == "aftercare.microneedling.default");
    BOOST_TEST(doc["protocol"]["version"] == std::string(default_protocol().version()));
    BOOST_TEST(doc["treatment"]["device"] == "pen");
    BOOST_TEST(doc["treatment"]["depth_mm"] == 1.0);
    BOOST_TEST(doc["treatment"]["skin_type"] == 3);
    BOOST_TEST(doc["treatment"]["indication"] == "acne_scars");
    BOOST_TEST(doc["treatment"]["treated_at"] == "2026-11-21T14:00:00+00:00");
    BOOST_TEST(doc["time_zone"] == "Europe/London");
    BOOST_TEST(doc["tier"] == "moderate");
}

BOOST_AUTO_TEST_CASE(entries_have_the_keys_of_their_kind) {
    const plan p = make_plan(example());
    const json doc = json::parse(to_json(p));
    BOOST_TEST(doc["entries"].size() == p.entries().size());
    for (const auto& e : doc["entries"]) {
        BOOST_TEST_CONTEXT(e["code"]) {
            BOOST_TEST(e.contains("onset_h"));
            BOOST_TEST(!e["sources"].empty());
            const std::string kind = e["kind"];
            if (kind == "effect") {
                BOOST_TEST((e.contains("typical_end_h") && e.contains("abnormal_after_h") && e.contains("likelihood")));
                BOOST_TEST(!e.contains("until_h"));
            }
            if (kind == "restriction") BOOST_TEST((e.contains("until_h") && e.contains("stages") && !e.contains("typical_end_h")));
            if (kind == "red_flag") BOOST_TEST((e.contains("level") && e.contains("advice")));
            BOOST_TEST(e.contains("start"));  // treated_at is known
        }
    }
}

BOOST_AUTO_TEST_CASE(hours_are_numbers_and_times_carry_the_local_offset) {
    treatment t = example();
    t.treated_at = to_utc(parse_local_time("2026-07-01T14:00", "t"), *locate_zone("Europe/London"));  // BST
    const json doc = json::parse(to_json(make_plan(t), {.zone = locate_zone("Europe/London")}));
    for (const auto& e : doc["entries"]) {
        if (e["code"] == "effect.redness") {
            BOOST_TEST(e["typical_end_h"].is_number_integer());
            BOOST_TEST(e["typical_end_h"] == 48);
            BOOST_TEST(e["start"] == "2026-07-01T14:00:00+01:00");
            BOOST_TEST(e["end"] == "2026-07-03T14:00:00+01:00");
        }
    }
    const json utc = json::parse(to_json(make_plan(t)));
    BOOST_TEST(utc["treatment"]["treated_at"] == "2026-07-01T13:00:00Z");
    BOOST_TEST(utc["time_zone"].is_null());
}

BOOST_AUTO_TEST_CASE(every_cited_key_is_in_the_sources_map) {
    const json doc = json::parse(to_json(make_plan(example())));
    std::size_t n = 0;
    for (const auto& e : doc["entries"]) {
        for (const auto& k : e["sources"]) {
            BOOST_TEST(doc["sources"].contains(k.get<std::string>()));
            ++n;
        }
    }
    BOOST_TEST(n > 50u);
    for (const auto& [key, s] : doc["sources"].items()) {
        BOOST_TEST((s.contains("citation") && s.contains("url") && s.contains("tier")));
    }
}

BOOST_AUTO_TEST_CASE(relative_plan_has_no_instants) {
    treatment t = example();
    t.treated_at.reset();
    const json doc = json::parse(to_json(make_plan(t)));
    BOOST_TEST(doc["treatment"]["treated_at"].is_null());
    for (const auto& e : doc["entries"]) BOOST_TEST((!e.contains("start") && !e.contains("end")));
}

BOOST_AUTO_TEST_CASE(one_line_when_asked) {
    const std::string s = to_json(make_plan(example()), {.indent = -1});
    BOOST_TEST(s.find('\n') == std::string::npos);
    BOOST_TEST(json::parse(s)["schema"] == "aftercare.plan/1");
}

BOOST_AUTO_TEST_SUITE_END()
