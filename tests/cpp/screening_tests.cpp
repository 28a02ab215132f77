// screening.hpp: every condition follows its protocol rule, device-dependent rules, waits and
// `until` dates at, just inside and just past each boundary (calendar months, month ends, leap
// years), highest-decision-wins, future dates and bad input, thread safety, the exporters.
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <atomic>
#include <thread>

namespace aftercare {
// Boost.Test prints the values of a failed check: codes read better than numbers.
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, device v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, decision v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, evidence_basis v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, aftercare::condition v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, procedure v) { return os << to_string(v); }
}  // namespace aftercare

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;

namespace {

constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }
date::year_month_day plus_days(date::year_month_day d, int n) { return date::year_month_day{date::sys_days{d} + date::days{n}}; }

const date::year_month_day today = ymd(2026, 11, 21);

const detail::protocol_data& data() { return default_protocol().data(); }

treatment with_device(device d, int skin = 3) {
    treatment t = example(1.0_mm);
    t.device = d;
    t.skin_type = skin_type{skin};
    return t;
}

patient_history with(std::initializer_list<aftercare::condition> cs) {
    patient_history h;
    for (auto c : cs) h.conditions.insert(c);
    return h;
}

const screening_finding& find(const eligibility& e, std::string_view code) {
    for (const screening_finding& f : e.findings) {
        if (f.code == code) return f;
    }
    BOOST_FAIL("no finding " << code);
    throw;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(screening_tests)

// --- every condition, as the protocol says, for every device ----------------------------------

BOOST_DATA_TEST_CASE(every_condition_follows_its_rule, bdata::make({device::home_roller, device::pen, device::rf}), dev) {
    treatment t = with_device(dev, 3);
    if (dev == device::home_roller) t.depth = 0.25_mm;
    for (aftercare::condition c : all_values<aftercare::condition>()) {
        BOOST_TEST_CONTEXT(to_string(c) << " with " << to_string(dev)) {
            const eligibility e = screen(with({c}), t, today);
            BOOST_REQUIRE(e.findings.size() == 1u);
            const screening_finding& f = e.findings.front();
            const auto& rules = data().screening.conditions[static_cast<std::size_t>(c)];
            const auto rule = std::find_if(rules.begin(), rules.end(), [&](const detail::screening_rule& r) { return r.when.always() || r.when.matches(t); });
            BOOST_REQUIRE(rule != rules.end());
            BOOST_TEST(f.code == to_string(c));
            BOOST_TEST(f.decision == rule->verdict);
            BOOST_TEST(e.decision == f.decision);
            BOOST_TEST(f.reason == rule->reason);
            BOOST_TEST(!f.advice.empty());
            BOOST_TEST(!f.sources.empty());
            BOOST_TEST(f.until.has_value() == (rule->wait && rule->wait_from_as_of));
        }
    }
}

BOOST_AUTO_TEST_CASE(pinned_decisions_of_the_default_protocol) {
    const treatment pen = with_device(device::pen);
    const treatment rf = with_device(device::rf);
    auto decision_for = [&](aftercare::condition c, const treatment& t) { return screen(with({c}), t, today).decision; };
    using C = aftercare::condition;
    BOOST_TEST(decision_for(C::skin_cancer, pen) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::bleeding_disorder, pen) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::immunosuppressed, pen) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::metal_allergy, pen) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::pregnancy, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::breastfeeding, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::anticoagulants, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::eczema, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::active_acne, pen) == decision::defer);
    BOOST_TEST(decision_for(C::open_wound, pen) == decision::defer);
    BOOST_TEST(decision_for(C::active_cold_sore, pen) == decision::defer);
    BOOST_TEST(decision_for(C::isotretinoin, pen) == decision::defer);
    BOOST_TEST(decision_for(C::rosacea, pen) == decision::caution);
    BOOST_TEST(decision_for(C::vitiligo, pen) == decision::caution);
    BOOST_TEST(decision_for(C::cold_sore_history, pen) == decision::caution);
    // RF-only rules.
    BOOST_TEST(decision_for(C::pacemaker, pen) == decision::proceed);
    BOOST_TEST(decision_for(C::pacemaker, rf) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::metal_implant, pen) == decision::proceed);
    BOOST_TEST(decision_for(C::metal_implant, rf) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::keloid_history, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::keloid_history, rf) == decision::do_not_treat);

    const eligibility hsv = screen(with({C::cold_sore_history}), pen, today);
    BOOST_TEST(hsv.findings.front().advice.find("antiviral") != std::string_view::npos);
    const eligibility pregnant = screen(with({C::pregnancy}), pen, today);
    BOOST_TEST(pregnant.findings.front().advice.find("obstetrician") != std::string_view::npos);
    BOOST_TEST(pregnant.findings.front().note.find("§8 item 9") != std::string_view::npos);
    const eligibility iso = screen(with({C::isotretinoin}), pen, today);
    BOOST_TEST(!iso.earliest.has_value());  // current use: no date until the course ends
}

BOOST_AUTO_TEST_CASE(pinned_decisions_of_the_conditions_added_for_issue_10) {
    const treatment pen = with_device(device::pen);
    const treatment rf = with_device(device::rf);
    auto decision_for = [&](aftercare::condition c, const treatment& t) { return screen(with({c}), t, today).decision; };
    using C = aftercare::condition;
    BOOST_TEST(decision_for(C::scleroderma, pen) == decision::needs_clearance);
    BOOST_TEST(decision_for(C::tattoo_in_area, pen) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::raised_moles, pen) == decision::caution);
    // Diabetes: controlled is a caution, poorly controlled an exclusion.
    BOOST_TEST(decision_for(C::diabetes_controlled, pen) == decision::caution);
    BOOST_TEST(decision_for(C::diabetes_uncontrolled, pen) == decision::do_not_treat);
    // A gold allergy matters for gold-plated RF tips, not for stainless steel; any metal allergy always.
    BOOST_TEST(decision_for(C::gold_allergy, rf) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::gold_allergy, pen) == decision::caution);
    BOOST_TEST(decision_for(C::metal_allergy, rf) == decision::do_not_treat);
    BOOST_TEST(decision_for(C::metal_allergy, pen) == decision::do_not_treat);
    // An anticoagulant history on the treatment counts as the condition.
    treatment thinner = pen;
    thinner.history = {history_flag::anticoagulants};
    const eligibility e = screen(patient_history{}, thinner, today);
    BOOST_TEST_REQUIRE(e.findings.size() == 1u);
    BOOST_TEST(e.findings.front().code == "anticoagulants");
}

BOOST_DATA_TEST_CASE(every_procedure_waits_at_inside_and_past_its_end,
                     bdata::make({procedure::botulinum_toxin, procedure::filler, procedure::ablative_laser, procedure::non_ablative_laser,
                                  procedure::medium_deep_peel, procedure::facial_surgery}),
                     what) {
    const treatment pen = with_device(device::pen);  // the face
    const auto& rules = data().screening.procedures[static_cast<std::size_t>(what)];
    BOOST_TEST_REQUIRE(!rules.empty());
    const auto rule = std::find_if(rules.begin(), rules.end(), [&](const detail::screening_rule& r) { return r.when.always() || r.when.matches(pen); });
    BOOST_TEST_REQUIRE((rule != rules.end()));
    BOOST_TEST_REQUIRE(rule->wait.has_value());
    const wait_period wait{rule->wait->at(0), rule->wait_unit};
    const date::year_month_day done = ymd(2026, 8, 31);
    const date::year_month_day end = add_wait(done, wait);
    patient_history h;
    h.procedures = {{what, done}};
    BOOST_TEST_CONTEXT(to_string(what) << " until " << format_date(end)) {
        for (const date::year_month_day d : {done, plus_days(end, -1)}) {
            const eligibility inside = screen(h, pen, d);
            BOOST_TEST(inside.decision == decision::defer);
            BOOST_TEST(inside.findings.front().code == to_string(what));
            BOOST_TEST((inside.findings.front().until == end));
            BOOST_TEST((inside.earliest == end));
        }
        for (const date::year_month_day d : {end, plus_days(end, 1)}) {
            const eligibility past = screen(h, pen, d);
            BOOST_TEST(past.decision == rule->after_verdict);
            BOOST_TEST(!past.findings.front().until.has_value());
        }
        // The latest of two dates counts.
        h.procedures.push_back({what, plus_days(done, 10)});
        BOOST_TEST((screen(h, pen, plus_days(done, 10)).earliest == add_wait(plus_days(done, 10), wait)));
        // A date after the screening day cannot have happened yet.
        BOOST_CHECK_THROW((void)screen(h, pen, plus_days(done, 9)), invalid_value);
    }
}

BOOST_AUTO_TEST_CASE(procedures_combine_into_the_earliest_date_and_facial_surgery_is_for_the_face) {
    const treatment pen = with_device(device::pen);
    patient_history h;
    h.procedures = {{procedure::botulinum_toxin, today}, {procedure::ablative_laser, today}};
    const eligibility e = screen(h, pen, today);
    BOOST_TEST(e.decision == decision::defer);
    BOOST_TEST(e.findings.size() == 2u);
    BOOST_TEST((e.earliest == std::max(e.findings[0].until.value(), e.findings[1].until.value())));
    treatment abdomen = pen;
    abdomen.area = area::abdomen;
    patient_history surgery;
    surgery.procedures = {{procedure::facial_surgery, today}};
    BOOST_TEST(screen(surgery, abdomen, today).decision == decision::proceed);
    BOOST_TEST(screen(surgery, pen, today).decision == decision::defer);
    // A protocol without procedure rules cannot screen a procedure.
    std::string text = read_file(AFTERCARE_DEFAULT_PROTOCOL_FILE);
    const auto start = text.find("\"procedures\": {");
    const auto stop = text.find("\"isotretinoin_stopped\": {");
    BOOST_TEST_REQUIRE((start != std::string::npos && stop != std::string::npos && start < stop));
    text.erase(start, stop - start);
    const protocol without = parse_protocol(text, "without.json");
    BOOST_CHECK_THROW((void)screen(h, pen, today, without), invalid_value);
    BOOST_TEST(screen(patient_history{}, pen, today, without).decision == decision::proceed);
}

BOOST_AUTO_TEST_CASE(cold_sore_history_on_the_treatment_counts) {
    treatment t = with_device(device::pen);
    t.history = {history_flag::cold_sore_history};
    const eligibility e = screen({}, t, today);
    BOOST_TEST(e.decision == decision::caution);
    BOOST_REQUIRE(e.findings.size() == 1u);
    BOOST_TEST(e.findings.front().code == "cold_sore_history");
    BOOST_TEST(screen(with({aftercare::condition::cold_sore_history}), t, today).findings.size() == 1u);  // once
}

BOOST_AUTO_TEST_CASE(rules_about_the_treatment_itself) {
    const eligibility rf6 = screen({}, with_device(device::rf, 6), today);
    BOOST_TEST(rf6.decision == decision::caution);
    BOOST_TEST(find(rf6, "rf_skin_type_vi").decision == decision::caution);
    BOOST_TEST(screen({}, with_device(device::rf, 5), today).findings.empty());
    BOOST_TEST(screen({}, with_device(device::pen, 6), today).findings.empty());
    const eligibility nothing = screen({}, with_device(device::pen), today);
    BOOST_TEST(nothing.decision == decision::proceed);
    BOOST_TEST(nothing.findings.empty());
    BOOST_TEST(!nothing.earliest.has_value());
}

// --- the highest decision wins; the earliest date -----------------------------------------------

BOOST_AUTO_TEST_CASE(the_highest_decision_wins) {
    using C = aftercare::condition;
    const treatment pen = with_device(device::pen);
    const eligibility e = screen(with({C::cold_sore_history, C::tan, C::skin_cancer, C::pregnancy}), pen, today);
    BOOST_TEST(e.decision == decision::do_not_treat);
    BOOST_REQUIRE(e.findings.size() == 4u);
    BOOST_TEST(e.findings[0].code == "skin_cancer");
    BOOST_TEST(e.findings[1].code == "tan");
    BOOST_TEST(e.findings[2].code == "pregnancy");
    BOOST_TEST(e.findings[3].code == "cold_sore_history");
    BOOST_TEST(!e.earliest.has_value());  // do not treat: no date
    BOOST_TEST(screen(with({C::cold_sore_history, C::pregnancy}), pen, today).decision == decision::needs_clearance);
}

BOOST_AUTO_TEST_CASE(earliest_is_the_last_until_of_the_deferring_findings) {
    using C = aftercare::condition;
    const treatment pen = with_device(device::pen);
    patient_history h = with({C::tan, C::cold_sore_history});
    h.isotretinoin_stopped = ymd(2026, 7, 31);
    const eligibility e = screen(h, pen, today);
    BOOST_TEST(e.decision == decision::defer);
    BOOST_TEST((find(e, "tan").until == ymd(2026, 12, 5)));
    BOOST_TEST((find(e, "isotretinoin_stopped").until == ymd(2027, 1, 31)));
    BOOST_TEST((e.earliest == ymd(2027, 1, 31)));
    // One deferring finding without a date: no overall date.
    h.conditions.insert(C::sunburn);
    const eligibility s = screen(h, pen, today);
    BOOST_TEST(s.decision == decision::defer);
    BOOST_TEST(!s.earliest.has_value());
}

// --- waits: at, just inside and just past each boundary ----------------------------------------

BOOST_AUTO_TEST_CASE(add_wait_counts_calendar_months_and_never_short) {
    using U = wait_period::unit;
    struct row {
        date::year_month_day from;
        wait_period wait;
        date::year_month_day expected;
    };
    const row rows[] = {
        {ymd(2026, 5, 21), {6, U::months}, ymd(2026, 11, 21)},
        {ymd(2026, 12, 15), {3, U::months}, ymd(2027, 3, 15)},   // across a year end
        {ymd(2026, 8, 31), {6, U::months}, ymd(2027, 3, 1)},     // no 31 February: the 1st of March
        {ymd(2027, 8, 31), {6, U::months}, ymd(2028, 3, 1)},     // leap year, still no 31 February
        {ymd(2027, 8, 29), {6, U::months}, ymd(2028, 2, 29)},    // 29 February exists in 2028
        {ymd(2028, 8, 29), {6, U::months}, ymd(2029, 3, 1)},     // but not in 2029
        {ymd(2026, 1, 31), {1, U::months}, ymd(2026, 3, 1)},
        {ymd(2026, 3, 31), {1, U::months}, ymd(2026, 5, 1)},     // no 31 April
        {ymd(2024, 2, 29), {1, U::years}, ymd(2025, 3, 1)},
        {ymd(2024, 2, 29), {4, U::years}, ymd(2028, 2, 29)},
        {ymd(2004, 2, 29), {22, U::years}, ymd(2026, 3, 1)},
        {ymd(2026, 12, 25), {14, U::days}, ymd(2027, 1, 8)},
        {ymd(2028, 2, 28), {1, U::days}, ymd(2028, 2, 29)},
        {ymd(2026, 11, 21), {12, U::months}, ymd(2027, 11, 21)},
    };
    for (const row& r : rows) {
        BOOST_TEST((add_wait(r.from, r.wait) == r.expected), format_date(r.from) << " + " << r.wait.count);
        // Never short of the full wait: at least as many days as the shortest such span.
        BOOST_TEST((date::sys_days{add_wait(r.from, r.wait)} > date::sys_days{r.from}));
    }
}

BOOST_AUTO_TEST_CASE(isotretinoin_wait_at_inside_and_past_its_end) {
    const treatment pen = with_device(device::pen);
    const detail::screening_rule& rule = *data().screening.isotretinoin_stopped;
    const wait_period wait{rule.wait->at(0), rule.wait_unit};
    const date::year_month_day stopped = ymd(2026, 5, 21);
    const date::year_month_day end = add_wait(stopped, wait);  // 2026-11-21 with the default 6 months
    BOOST_TEST((end == ymd(2026, 11, 21)));
    patient_history h;
    h.isotretinoin_stopped = stopped;
    const eligibility inside = screen(h, pen, plus_days(end, -1));
    BOOST_TEST(inside.decision == rule.verdict);
    BOOST_TEST((inside.findings.front().until == end));
    BOOST_TEST((inside.earliest == end));
    for (const date::year_month_day d : {end, plus_days(end, 1)}) {
        const eligibility past = screen(h, pen, d);
        BOOST_TEST(past.decision == rule.after_verdict);
        BOOST_TEST(!past.findings.front().until.has_value());
        BOOST_TEST(past.findings.front().reason == rule.after_reason);
    }
    // Stopped today: the full wait from today.
    h.isotretinoin_stopped = today;
    BOOST_TEST((screen(h, pen, today).findings.front().until == add_wait(today, wait)));
}

BOOST_AUTO_TEST_CASE(radiotherapy_wait_then_clearance) {
    const treatment pen = with_device(device::pen);
    const detail::screening_rule& rule = *data().screening.radiotherapy;
    patient_history h;
    h.radiotherapy_ended = ymd(2026, 8, 31);
    const date::year_month_day end = add_wait(*h.radiotherapy_ended, {rule.wait->at(0), rule.wait_unit});
    BOOST_TEST((end == ymd(2026, 12, 1)));  // 3 months: no 31 November
    const eligibility inside = screen(h, pen, plus_days(end, -1));
    BOOST_TEST(inside.decision == decision::defer);
    BOOST_TEST((inside.earliest == end));
    const eligibility after = screen(h, pen, end);
    BOOST_TEST(after.decision == decision::needs_clearance);  // no authoritative interval: a doctor decides
    BOOST_TEST(after.findings.front().basis == evidence_basis::gap);
}

BOOST_AUTO_TEST_CASE(age_boundary_and_leap_birthdays) {
    const treatment pen = with_device(device::pen);
    patient_history h;
    h.birth_date = ymd(2004, 11, 21);
    const eligibility day_before = screen(h, pen, ymd(2026, 11, 20));
    BOOST_TEST(day_before.decision == decision::needs_clearance);
    BOOST_TEST((day_before.findings.front().until == ymd(2026, 11, 21)));
    BOOST_TEST(!day_before.earliest.has_value());  // not a deferral
    BOOST_TEST(screen(h, pen, ymd(2026, 11, 21)).decision == decision::proceed);  // the 22nd birthday
    BOOST_TEST(screen(h, pen, ymd(2026, 11, 22)).decision == decision::proceed);
    h.birth_date = ymd(2004, 2, 29);
    BOOST_TEST(screen(h, pen, ymd(2026, 2, 28)).decision == decision::needs_clearance);
    BOOST_TEST(screen(h, pen, ymd(2026, 3, 1)).decision == decision::proceed);
}

BOOST_AUTO_TEST_CASE(tan_counts_from_the_screening_date_and_a_scar_has_no_date) {
    using C = aftercare::condition;
    const treatment pen = with_device(device::pen);
    const eligibility tan = screen(with({C::tan}), pen, ymd(2026, 12, 25));
    BOOST_TEST((tan.findings.front().until == ymd(2027, 1, 8)));
    BOOST_TEST((tan.findings.front().wait == wait_period{14, wait_period::unit::days}));
    const eligibility scar = screen(with({C::recent_scar}), pen, today);
    BOOST_TEST(scar.decision == decision::defer);
    BOOST_TEST(!scar.findings.front().until.has_value());
    BOOST_TEST((scar.findings.front().wait == wait_period{12, wait_period::unit::months}));
    BOOST_TEST(!scar.earliest.has_value());
}

// --- bad input ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(dates_in_the_future_are_rejected) {
    const treatment pen = with_device(device::pen);
    for (const char* field : {"isotretinoin_stopped", "radiotherapy_ended", "birth_date"}) {
        patient_history h;
        auto& slot = std::string_view(field) == "isotretinoin_stopped" ? h.isotretinoin_stopped
                     : std::string_view(field) == "radiotherapy_ended" ? h.radiotherapy_ended
                                                                        : h.birth_date;
        slot = today;
        BOOST_CHECK_NO_THROW((void)screen(h, pen, today));  // the same day is not the future
        slot = plus_days(today, 1);
        const auto e = expect_throw<invalid_value>([&] { (void)screen(h, pen, today); });
        BOOST_TEST(e.field() == field);
        BOOST_TEST(std::string(e.what()) == std::string(field) + " 2026-11-22 is in the future (after the screening date 2026-11-21)");
    }
}

BOOST_AUTO_TEST_CASE(impossible_and_contradictory_input_is_rejected) {
    const treatment pen = with_device(device::pen);
    patient_history h;
    h.birth_date = ymd(2026, 2, 30);
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)screen(h, pen, today); }).allowed() == "a real calendar date");
    h.birth_date = ymd(1876, 11, 21);
    BOOST_TEST(std::string(expect_throw<invalid_value>([&] { (void)screen(h, pen, today); }).what()).find("more than 150 years") != std::string::npos);
    h.birth_date = ymd(1876, 11, 22);
    BOOST_CHECK_NO_THROW((void)screen(h, pen, today));
    h = with({aftercare::condition::isotretinoin});
    h.isotretinoin_stopped = ymd(2026, 1, 1);
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)screen(h, pen, today); }).field() == "isotretinoin_stopped");
    h = {};
    h.conditions.insert(static_cast<aftercare::condition>(30));
    const auto e = expect_throw<invalid_value>([&] { (void)screen(h, pen, today); });
    BOOST_TEST(e.field() == "condition");
    BOOST_TEST(e.allowed().find("active_acne, open_wound") != std::string::npos);
    BOOST_TEST(std::string(expect_throw<invalid_value>([] { (void)parse_code<aftercare::condition>("pregnant"); }).what()).find("pregnancy") !=
               std::string::npos);
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)screen({}, pen, ymd(2026, 13, 1)); }).field() == "as_of");
    treatment bad = pen;
    bad.depth = needle_depth{};
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)screen({}, bad, today); }).field() == "depth");
    const protocol bare = load_protocol(std::string(AFTERCARE_TEST_DATA_DIR) + "/minimal_protocol.json");
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)screen({}, pen, today, bare); }).field() == "protocol");
}

BOOST_AUTO_TEST_CASE(the_protocol_section_is_parsed_strictly) {
    const std::string text(default_protocol_text());
    struct bad {
        const char* from;
        const char* to;
        const char* message;
    };
    const bad cases[] = {
        {"\"decision\": \"caution\",\n          \"reason\": \"Papulopustular", "\"decision\": \"maybe\",\n          \"reason\": \"Papulopustular",
         "/screening/conditions/rosacea/0/decision: expected one of proceed, caution, needs_clearance, defer, do_not_treat"},
        {"\"active_acne\": [", "\"active_acnee\": [", "/screening/conditions/active_acnee: unknown condition \"active_acnee\""},
        {"\"value\": 6,\n        \"range\": [0, 12],", "\"value\": 6,\n        \"range\": [7, 12],", "value 6 is outside its range 7–12"},
        {"\"wait_from\": \"screening_date\",", "\"wait_from\": \"birthday\",", "/screening/conditions/tan/0/wait_from: expected \"screening_date\""},
        {"\"raise_levels\": 1,", "\"raise_levels\": 0,", "/triage/severe/raise_levels: expected a whole number of levels from 1 to 4"},
        {"\"level\": \"monitor\",\n      \"title\": \"Should be settling by now\"", "\"level\": \"urgent\",\n      \"title\": \"Should be settling by now\"",
         "/triage/overdue/level: expected a level at least that of \"settling\""},
        {"\"title\": \"Pacemaker\",\n          \"decision\": \"proceed\",", "\"title\": \"Pacemaker\",\n          \"when\": {\"device\": [\"pen\"]},\n          \"decision\": \"proceed\",",
         "/screening/conditions/pacemaker/1: the last rule applies to every other treatment"},
        {"\"code\": \"rf_skin_type_vi\",", "\"code\": \"tan\",", "duplicate code \"tan\""},
        {"\"code\": \"rf_skin_type_vi\",", "\"code\": \"filler\",", "duplicate code \"filler\""},
        {"\"filler\": [", "\"fillers\": [", "/screening/procedures/fillers: unknown procedure \"fillers\""},
        {"\"after\": {\"decision\": \"proceed\", \"reason\": \"The wait after ablative laser has passed.\", \"advice\": \"No further wait.\"},\n", "",
         "/screening/procedures/ablative_laser/0: missing key \"after\""},
        {"\"decision\": \"proceed\",\n          \"reason\": \"The wait after facial surgery is for treatment of the face and neck.\",",
         "\"decision\": \"proceed\",\n          \"after\": {\"decision\": \"proceed\", \"reason\": \"r\", \"advice\": \"a\"},\n          \"reason\": \"The wait after facial surgery is for treatment of the face and neck.\",",
         "\"after\" needs a wait"},
    };
    for (const bad& c : cases) {
        BOOST_TEST_CONTEXT(c.message) {
            const auto e = expect_throw<protocol_error>([&] { (void)parse_protocol(replace_once(text, c.from, c.to), "p.json"); });
            BOOST_TEST(std::string(e.what()).find(c.message) != std::string::npos, e.what());
            BOOST_TEST(e.line() > 0u);
        }
    }
    // A condition without a rule.
    const auto missing = expect_throw<protocol_error>([&] {
        (void)parse_protocol(replace_once(text, "\"vitiligo\": [", "\"vitiligo_gone\": ["), "p.json");
    });
    BOOST_TEST(std::string(missing.what()).find("unknown condition") != std::string::npos);
    // Every procedure needs a rule list when the section is there.
    const std::string start = "\"botulinum_toxin\": [", stop = "\"filler\": [";
    std::string without_toxin = text;
    const auto a = without_toxin.find(start), b = without_toxin.find(stop);
    BOOST_TEST_REQUIRE((a != std::string::npos && b != std::string::npos && a < b));
    without_toxin.erase(a, b - a);
    const auto no_toxin = expect_throw<protocol_error>([&] { (void)parse_protocol(without_toxin, "p.json"); });
    BOOST_TEST(std::string(no_toxin.what()).find("missing procedure \"botulinum_toxin\"; every procedure needs a rule") != std::string::npos,
               no_toxin.what());
}

BOOST_AUTO_TEST_CASE(screen_is_thread_safe) {
    using C = aftercare::condition;
    const treatment rf = with_device(device::rf, 6);
    patient_history h = with({C::tan, C::keloid_history, C::cold_sore_history, C::pregnancy});
    h.isotretinoin_stopped = ymd(2026, 8, 31);
    h.birth_date = ymd(2005, 1, 1);
    const eligibility reference = screen(h, rf, today);
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int k = 0; k < 300; ++k) {
                const eligibility e = screen(h, rf, today);
                if (e.decision != reference.decision || e.findings.size() != reference.findings.size()) ++mismatches;
            }
        });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(mismatches.load() == 0);
    BOOST_TEST(reference.decision == decision::do_not_treat);
}

BOOST_AUTO_TEST_CASE(json_and_text) {
    using C = aftercare::condition;
    patient_history h = with({C::cold_sore_history, C::tan, C::recent_scar});
    h.isotretinoin_stopped = ymd(2026, 7, 31);
    const eligibility e = screen(h, with_device(device::pen), today);
    const std::string json = to_json(e);
    for (std::string_view part : {R"("schema": "aftercare.screening/1")", R"("decision": "defer")", R"("earliest": null)", R"("as_of": "2026-11-21")",
                                  R"("until": "2027-01-31")", R"("unit": "months")", R"("code": "cold_sore_history")", R"("ISO17": {)"}) {
        BOOST_TEST(json.find(part) != std::string::npos, part);
    }
    const std::string text = to_text(e);
    for (std::string_view part : {"Screening: DEFER", "DEFER: Isotretinoin (course ended) [isotretinoin_stopped] — until 2027-01-31",
                                  "Wait: 12 months", "CAUTION: History of cold sores", "Sources"}) {
        BOOST_TEST(text.find(part) != std::string::npos, part);
    }
}

BOOST_AUTO_TEST_CASE(value_types) {
    static_assert(std::equality_comparable<patient_history>);
    static_assert(std::is_trivially_copyable_v<wait_period>);
    static_assert(to_string(decision::needs_clearance) == "needs_clearance");
    static_assert(to_string(aftercare::condition::metal_implant) == "metal_implant");
    static_assert(all_values<aftercare::condition>().size() == 30 && all_values<procedure>().size() == 6);
    BOOST_TEST((from_string<decision>("defer") == decision::defer));
    BOOST_TEST(decision::proceed < decision::caution);
    BOOST_TEST(decision::defer < decision::do_not_treat);
}

BOOST_AUTO_TEST_SUITE_END()
