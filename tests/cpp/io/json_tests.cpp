// io/json.hpp: the plan document others read. (Its schema is checked by jsonschema in tests/python.)
#include "../test_support.hpp"
#include "io/json_reference.hpp"
#include "io/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <cstring>
#include <random>
#include <vector>

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


// --- the DOM-free writer: the same bytes nlohmann's dump gives ------------------------------

namespace {

const date::time_zone* random_zone(std::mt19937& rng) {
    static const char* names[] = {"Europe/London", "Europe/Kyiv", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
                                  "Australia/Lord_Howe", "Pacific/Chatham", "UTC"};
    const std::size_t k = rng() % (std::size(names) + 1);
    return k == std::size(names) ? nullptr : locate_zone(names[k]);
}

// The seeded grid: (treatment, zone, indent) triples, the same on every run.
struct grid_case {
    treatment t;
    const date::time_zone* zone;
    int indent;
};

std::vector<grid_case> grid(std::uint32_t seed, std::size_t n) {
    std::mt19937 rng(seed);
    std::vector<grid_case> out;
    static constexpr int indents[] = {-1, 0, 2, 4};
    while (out.size() < n) {
        if (auto t = random_treatment(rng)) out.push_back({*t, random_zone(rng), indents[rng() % 4]});
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(writer_matches_the_dom_for_plans) {
    std::size_t compared = 0;
    for (const grid_case& c : grid(11, 400)) {
        const plan p = make_plan(c.t);
        const json_options o{.zone = c.zone, .indent = c.indent};
        const std::string dom = reference::to_json_dom(p, o), direct = to_json(p, o);
        BOOST_TEST_CONTEXT("seed 11, case " << compared << ", indent " << c.indent) { BOOST_TEST(direct == dom); }
        ++compared;
    }
    BOOST_TEST(compared == 400u);
}

BOOST_AUTO_TEST_CASE(writer_matches_the_dom_for_schedules) {
    std::size_t compared = 0;
    for (const grid_case& c : grid(12, 200)) {
        if (!c.t.treated_at || c.zone == nullptr) continue;
        const plan p = make_plan(c.t);
        const reminder_schedule s = schedule(p, preferences{.zone = c.zone, .morning = {}, .midday = {}, .evening = {}, .bedtime = {}, .horizon = {}});
        for (const date::time_zone* entries_zone : {static_cast<const date::time_zone*>(nullptr), locate_zone("Asia/Tokyo")}) {
            const json_options o{.zone = entries_zone, .indent = c.indent};
            BOOST_TEST(to_json(s, o) == reference::to_json_dom(s, o));
            ++compared;
        }
    }
    BOOST_TEST(compared > 100u);
}

BOOST_AUTO_TEST_CASE(writer_matches_the_dom_for_triage_and_screening) {
    std::mt19937 rng(13);
    std::size_t compared = 0;
    for (const grid_case& c : grid(13, 200)) {
        const plan p = make_plan(c.t);
        std::vector<symptom_report> reports;
        for (std::size_t k = rng() % 5; k > 0; --k) {
            symptom_report r;
            r.symptom = all_values<symptom>()[rng() % all_values<symptom>().size()];
            r.seen = std::chrono::seconds{static_cast<long>(rng() % (400 * 3600))};  // some not whole hours
            if (rng() % 2 == 0) r.severity = all_values<severity>()[rng() % 3];
            for (auto g : all_values<sign>()) {
                if (rng() % 4 == 0) r.signs.insert(g);
            }
            reports.push_back(r);
        }
        const json_options o{.zone = c.zone, .indent = c.indent};
        const assessment a = triage(p, reports);
        BOOST_TEST(to_json(a, o) == reference::to_json_dom(a, o));

        patient_history h;
        for (auto k : all_values<aftercare::condition>()) {
            if (rng() % 12 == 0) h.conditions.insert(k);
        }
        if (h.conditions.contains(aftercare::condition::isotretinoin)) h.conditions.erase(aftercare::condition::isotretinoin);
        if (rng() % 3 == 0) h.isotretinoin_stopped = date::year{2026} / date::month{static_cast<unsigned>(1 + rng() % 12)} / date::day{static_cast<unsigned>(1 + rng() % 28)};
        if (rng() % 4 == 0) h.radiotherapy_ended = date::year{2025} / date::month{static_cast<unsigned>(1 + rng() % 12)} / date::day{static_cast<unsigned>(1 + rng() % 28)};
        if (rng() % 3 == 0) h.birth_date = date::year{static_cast<int>(1950 + rng() % 65)} / date::June / date::day{static_cast<unsigned>(1 + rng() % 28)};
        try {
            const eligibility e = screen(h, c.t, date::year{2026} / date::November / date::day{20});
            BOOST_TEST(to_json(e, o) == reference::to_json_dom(e, o));
        } catch (const invalid_value&) {
            continue;  // a history the screening rejects (before any JSON)
        }
        ++compared;
    }
    BOOST_TEST(compared > 100u);
}

BOOST_AUTO_TEST_CASE(writer_escapes_and_replaces_as_nlohmann_does) {
    // Every control byte, quotes, backslashes, 0x7f, valid UTF-8 of each length, and invalid
    // sequences: lone continuation bytes, overlongs, surrogates, truncations at the end.
    std::vector<std::string> samples = {"", "plain", "quote \" back \\ slash", "\x7f", "\xC3\xA9t\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80",
                                        "\x80", "a\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x28\xA1", "\xF4\x90\x80\x80", "\xF0\x9F\x98",
                                        "x\xFFy", "\xE2\x80"};
    for (int c = 0; c < 0x20; ++c) samples.push_back(std::string("<") + static_cast<char>(c) + ">");
    std::mt19937 rng(14);
    for (int i = 0; i < 2000; ++i) {
        std::string s(rng() % 12, '\0');
        for (char& ch : s) ch = static_cast<char>(rng() % 4 == 0 ? 0x80 + rng() % 0x80 : rng() % 0x100);
        samples.push_back(s);
    }
    // Longer text, mostly plain, with a byte that needs a look here and there: the writer's runs of
    // 16 and 8 bytes, the tails read from the string's last 8 bytes (after an escape too: "\"#").
    const std::string looks = "\"\\\x01\x1f\n#\xC3\xA9\xE2\x80\x94\xFF\xC0";
    for (int i = 0; i < 4000; ++i) {
        std::string s(rng() % 72, '\0');
        for (char& ch : s) ch = rng() % 10 == 0 ? looks[rng() % looks.size()] : static_cast<char>(0x20 + rng() % 0x5F);
        samples.push_back(s);
    }
    for (const std::string& s : samples) {
        detail::json_writer w(-1);
        w.string(s);
        const std::string ours = std::move(w).take();
        BOOST_TEST(ours == nlohmann::ordered_json(s).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
        detail::json_writer k(2);  // the same bytes as a key
        k.begin_object();
        k.key(s);
        k.integer(1);
        k.end_object();
        const std::string as_key = std::move(k).take();
        BOOST_TEST(as_key == (nlohmann::ordered_json{{s, 1}}).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    }
}

BOOST_AUTO_TEST_CASE(writer_numbers_and_nesting_match_nlohmann) {
    std::mt19937_64 rng(15);
    std::uniform_real_distribution<double> wide(-1e6, 1e6);
    for (int indent : {-1, 0, 1, 3}) {
        nlohmann::ordered_json dom = nlohmann::ordered_json::object();
        detail::json_writer w(indent);
        w.begin_object();
        w.key("empty_object");
        w.begin_object();
        w.end_object();
        dom["empty_object"] = nlohmann::ordered_json::object();
        w.key("empty_array");
        w.begin_array();
        w.end_array();
        dom["empty_array"] = nlohmann::ordered_json::array();
        w.key("numbers");
        w.begin_array();
        nlohmann::ordered_json numbers = nlohmann::ordered_json::array();
        for (double v : {0.0, -0.0, 1.0, 0.5, 1.0 / 3.0, 1e-5, 1e21, 123456789012345678.0, 1e15, 1e16, -2.5e-7}) {
            w.number(v);
            numbers.push_back(v);
        }
        for (int i = 0; i < 200; ++i) {
            const double v = i % 2 ? wide(rng) : std::ldexp(wide(rng), static_cast<int>(rng() % 200) - 100);
            w.number(v);
            numbers.push_back(v);
        }
        for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42}, std::numeric_limits<std::int64_t>::min(),
                               std::numeric_limits<std::int64_t>::max()}) {
            w.integer(v);
            numbers.push_back(v);
        }
        w.boolean(true);
        w.boolean(false);
        w.null();
        numbers.push_back(true);
        numbers.push_back(false);
        numbers.push_back(nullptr);
        w.end_array();
        dom["numbers"] = numbers;
        w.key("nested");
        w.begin_array();
        w.begin_object();
        w.member("k", "v");
        w.key("deeper");
        w.begin_array();
        w.begin_array();
        w.end_array();
        w.end_array();
        w.end_object();
        w.end_array();
        dom["nested"] = nlohmann::ordered_json::array({{{"k", "v"}, {"deeper", nlohmann::ordered_json::array({nlohmann::ordered_json::array()})}}});
        w.end_object();
        BOOST_TEST(std::move(w).take() == dom.dump(indent) + (indent >= 0 ? "\n" : ""));
    }
}

BOOST_AUTO_TEST_CASE(writer_instants_match_format_rfc3339) {
    std::mt19937_64 rng(16);
    const date::time_zone* zones[] = {nullptr, locate_zone("Europe/London"), locate_zone("America/St_Johns"), locate_zone("Asia/Kathmandu"),
                                      locate_zone("Pacific/Chatham"), locate_zone("America/Sao_Paulo")};
    for (const date::time_zone* z : zones) {
        // One writer for a run of instants: nearby ones (the writer remembers the zone's period) and
        // far ones (1900–2100), so the remembered period is both reused and left.
        detail::json_writer w(-1);
        std::string expected = "[";
        w.begin_array();
        for (int i = 0; i < 3000; ++i) {
            const date::sys_seconds t{std::chrono::seconds{static_cast<std::int64_t>(rng() % 6'311'390'400ULL) - 2'208'988'800LL}};
            for (const date::sys_seconds u : {t, t + 3600s, t - 86400s, t + 1s}) {
                w.instant(u, z);
                expected += (expected.size() > 1 ? ",\"" : "\"") + format_rfc3339(u, z) + "\"";
            }
        }
        // The ends of the writer's own civil arithmetic: year 0 (a leap year) before and after
        // 1 March, 9999 and 10000, either side of the epoch, 29 February of 1900 (not leap) and 2000.
        using date::sys_days;
        for (const date::sys_seconds u : {date::sys_seconds{sys_days{date::year{0} / 1 / 1}}, sys_days{date::year{0} / 2 / 29} + 86399s,
                                          date::sys_seconds{sys_days{date::year{0} / 3 / 1}}, sys_days{date::year{9999} / 12 / 31} + 86399s,
                                          date::sys_seconds{sys_days{date::year{10000} / 1 / 1}}, date::sys_seconds{sys_days{date::year{-1} / 6 / 1}},
                                          date::sys_seconds{-1s}, date::sys_seconds{0s}, sys_days{date::year{1900} / 2 / 28} + 86400s,
                                          sys_days{date::year{2000} / 2 / 29} + 3600s}) {
            w.instant(u, z);
            expected += ",\"" + format_rfc3339(u, z) + "\"";
        }
        w.end_array();
        BOOST_TEST(std::move(w).take() == expected + "]");
    }
}

BOOST_AUTO_TEST_SUITE_END()
