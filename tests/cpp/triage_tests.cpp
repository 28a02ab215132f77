// triage.hpp: window levels and every red-flag rule at, just inside and just past its boundaries
// (derived from the plan and the protocol, so they follow the data), pinned expectations of the
// default protocol, highest-level-wins, severity, bad input, thread safety, and the exporters.
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <atomic>
#include <concepts>
#include <thread>

namespace aftercare {
// Boost.Test prints the values of a failed check: codes read better than numbers.
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, triage_level v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, symptom v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, severity v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, sign v) { return os << to_string(v); }
}  // namespace aftercare

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;
using std::chrono::seconds;

namespace {

constexpr seconds one_second{1};

symptom_report at(symptom s, seconds after, std::optional<severity> sev = std::nullopt, enum_set<sign> signs = {}) {
    symptom_report r;
    r.symptom = s;
    r.seen = after;
    r.severity = sev;
    r.signs = signs;
    return r;
}

report_assessment one(const plan& p, const symptom_report& r) { return triage(p, {r}).reports.at(0); }

bool has(const report_assessment& ra, std::string_view rule) {
    return std::any_of(ra.matched.begin(), ra.matched.end(), [&](const triage_finding& f) { return f.rule == rule; });
}

const detail::protocol_data& data() { return default_protocol().data(); }

const detail::entry_def& def_of(std::string_view code) {
    const std::uint16_t i = data().find_entry(code);
    BOOST_TEST_REQUIRE(i != detail::no_index, "no entry " << code);
    return data().entries[i];
}

// Treatments that exercise every tier, device and modifier class of the default protocol.
std::vector<treatment> treatments() {
    std::vector<treatment> out;
    auto add = [&](device dev, needle_depth depth, area ar, bool prp = false) {
        treatment t = example(depth);
        t.device = dev;
        t.area = ar;
        if (prp) t.adjuncts = {adjunct::prp};
        out.push_back(t);
    };
    add(device::home_roller, 0.25_mm, area::face);
    add(device::pen, 0.25_mm, area::face);
    add(device::pen, 0.5_mm, area::neck);
    add(device::pen, 1.0_mm, area::face);
    add(device::pen, 1.0_mm, area::periorbital);
    add(device::pen, 1.5_mm, area::scalp);
    add(device::pen, 2.0_mm, area::abdomen, true);
    add(device::rf, 1.0_mm, area::face);
    add(device::rf, 3.0_mm, area::back, true);
    treatment thinner = example(1.0_mm);
    thinner.history = {history_flag::anticoagulants};
    out.push_back(thinner);
    add(device::home_roller, 0.5_mm, area::face);
    return out;
}

std::string name_of(const treatment& t) {
    return std::string(to_string(t.device)) + " " + to_string(t.depth) + " mm " + std::string(to_string(t.area)) + (t.adjuncts.empty() ? "" : " prp") +
           (t.history.empty() ? "" : " history");
}

/// The highest `past` rule of the plan for effect def `effect` that symptom `s` fires (first among
/// equals), or nullptr.
const detail::entry_def* past_rule(const plan& p, std::uint16_t effect, symptom s) {
    const detail::entry_def* best = nullptr;
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        const detail::entry_def& d = def_of(e.code);
        if (d.past_effect != effect || !d.signs_all.empty() || !d.signs_any.empty() || d.min_severity) continue;
        if (!d.symptoms.empty() && !d.symptoms.contains(s)) continue;
        if (best == nullptr || best->level < d.level) best = &d;
    }
    return best;
}

/// True when the plan has a red flag that symptom `s` fires at any time after treatment, without
/// signs or severity (after a home device, bruising is never "expected").
bool fires_at_any_time(const plan& p, symptom s) {
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        const detail::entry_def& d = def_of(e.code);
        if (d.symptoms.contains(s) && d.signs_all.empty() && d.signs_any.empty() && !d.min_severity && d.past_effect == detail::no_index &&
            e.onset == std::chrono::minutes{0} && !e.end) {
            return true;
        }
    }
    return false;
}

/// A report that satisfies every condition of red-flag rule `d` except the time.
symptom_report satisfying(const detail::entry_def& d, seconds after) {
    symptom_report r = at(d.symptoms.empty() ? symptom::redness : *d.symptoms.begin(), after, d.min_severity, d.signs_all);
    if (!d.signs_any.empty()) r.signs.insert(*d.signs_any.begin());
    return r;
}

// A protocol with a triage section but without red flags: the overdue and not_covered outcomes.
std::string minimal_with_triage() {
    std::string text = read_file(std::string(AFTERCARE_TEST_DATA_DIR) + "/minimal_protocol.json");
    const auto end = text.rfind('}');
    BOOST_TEST_REQUIRE(end != std::string::npos);
    const std::string outcome_tail = R"(, "basis": "synthesis", "sources": ["CLINIC_SOP"]})";
    auto outcome = [&](const char* level, const char* title) {
        return std::string(R"({"level": ")") + level + R"(", "title": ")" + title + R"(", "text": ")" + title + R"( text", "advice": ")" + title +
               R"( advice")" + outcome_tail;
    };
    const std::string section = std::string(R"(,
  "triage": {
    "actions": {"expected": "a0", "monitor": "a1", "contact_clinic": "a2", "urgent": "a3", "emergency": "a4", "sources": ["CLINIC_SOP"]},
    "early": )") + outcome("monitor", "early") + R"(,
    "expected": )" + outcome("expected", "expected") + R"(,
    "settling": )" + outcome("monitor", "settling") + R"(,
    "overdue": )" + outcome("urgent", "overdue") + R"(,
    "not_covered": )" + outcome("contact_clinic", "not covered") + R"(,
    "severe": {"raise_levels": 2, "title": "severe", "text": "severe text", "sources": ["CLINIC_SOP"]}
  }
)";
    text.insert(text.rfind('\n', end - 1), section);
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(triage_tests)

// --- the window levels, derived from each plan --------------------------------------------------

BOOST_DATA_TEST_CASE(window_levels_at_every_boundary, bdata::xrange(treatments().size()), index) {
    const treatment t = treatments()[index];
    BOOST_TEST_CONTEXT(name_of(t)) {
        const plan p = make_plan(t);
        const detail::triage_def& tr = data().triage;
        int checked = 0;
        for (symptom s : all_values<symptom>()) {
            const std::uint16_t effect = data().symptoms[static_cast<std::size_t>(s)].effect;
            if (effect == detail::no_index) continue;
            const entry* e = p.find(data().entries[effect].code);
            if (e == nullptr || fires_at_any_time(p, s)) continue;  // those rules have their own tests
            BOOST_TEST_CONTEXT(to_string(s) << " onset " << e->onset.count() << " end " << e->end->count() << " abnormal " << e->abnormal_after->count()) {
                const seconds onset = e->onset, end = *e->end, abnormal = *e->abnormal_after;
                auto check = [&](seconds when, const detail::triage_outcome& o) {
                    const report_assessment ra = one(p, at(s, when));
                    BOOST_TEST(ra.level == o.level, "at " << when.count() << " s");
                    BOOST_TEST(ra.decided.rule == o.code, "at " << when.count() << " s");
                    BOOST_TEST_REQUIRE(ra.window.has_value());
                    BOOST_TEST(ra.window->effect == e->code);
                };
                if (onset > seconds{0}) check(onset - one_second, tr.early);
                check(onset, tr.expected);
                check(end, tr.expected);
                if (end < abnormal) {
                    check(end + one_second, tr.settling);
                    check(abnormal, tr.settling);
                }
                const report_assessment past = one(p, at(s, abnormal + one_second));
                if (const detail::entry_def* rule = past_rule(p, effect, s)) {
                    BOOST_TEST(past.level == rule->level);
                    BOOST_TEST(past.decided.rule == rule->code);
                    BOOST_TEST(!has(past, "triage.overdue"));
                } else {
                    BOOST_TEST(past.decided.rule == "triage.overdue");
                }
                // The abnormal point itself is not yet past it.
                BOOST_TEST(one(p, at(s, abnormal)).level < triage_level::contact_clinic);
                ++checked;
            }
        }
        BOOST_TEST(checked >= 6);
    }
}

// --- every red-flag rule, derived from the protocol --------------------------------------------

BOOST_DATA_TEST_CASE(every_red_flag_at_inside_and_past_its_window, bdata::xrange(treatments().size()), index) {
    const treatment t = treatments()[index];
    BOOST_TEST_CONTEXT(name_of(t)) {
        const plan p = make_plan(t);
        int rules = 0;
        for (const entry& e : p.entries()) {
            if (e.kind != entry_kind::red_flag) continue;
            const detail::entry_def& d = def_of(e.code);
            BOOST_TEST_CONTEXT(e.code << " from " << e.onset.count() << " min") {
                auto fires = [&](seconds when) {
                    const report_assessment ra = one(p, satisfying(d, when));
                    if (has(ra, d.code)) BOOST_TEST(ra.level >= d.level);
                    return has(ra, d.code);
                };
                if (d.past_effect != detail::no_index) {
                    BOOST_TEST(!fires(e.onset));                   // at the abnormal point: not yet
                    BOOST_TEST(fires(e.onset + one_second));       // just past it
                    BOOST_TEST(fires(e.onset + std::chrono::days{60}));
                } else {
                    if (e.onset > seconds{0}) BOOST_TEST(!fires(e.onset - one_second));  // just before from_h
                    BOOST_TEST(fires(e.onset));                                            // from_h is inclusive
                    if (e.end) {
                        BOOST_TEST(fires(*e.end - one_second));  // just inside until_h
                        BOOST_TEST(!fires(*e.end));              // until_h is exclusive
                    } else {
                        BOOST_TEST(fires(e.onset + std::chrono::days{365}));  // no end: any time after
                    }
                }
                // Without its signs or its severity it does not fire.
                const seconds inside = d.past_effect != detail::no_index ? seconds{e.onset} + one_second : seconds{e.onset};
                if (!d.signs_all.empty() || !d.signs_any.empty()) {
                    symptom_report r = satisfying(d, inside);
                    r.signs = {};
                    BOOST_TEST(!has(one(p, r), d.code));
                }
                if (d.min_severity && *d.min_severity != severity::mild) {
                    symptom_report r = satisfying(d, inside);
                    r.severity = static_cast<severity>(static_cast<int>(*d.min_severity) - 1);
                    BOOST_TEST(!has(one(p, r), d.code));
                    r.severity.reset();
                    BOOST_TEST(!has(one(p, r), d.code));
                }
                // A symptom it does not name never fires it.
                if (!d.symptoms.empty() && d.symptoms.size() < all_values<symptom>().size()) {
                    symptom other = symptom::redness;
                    for (symptom s : all_values<symptom>()) {
                        if (!d.symptoms.contains(s)) {
                            other = s;
                            break;
                        }
                    }
                    symptom_report r = satisfying(d, inside);
                    r.symptom = other;
                    BOOST_TEST(!has(one(p, r), d.code));
                }
            }
            ++rules;
        }
        BOOST_TEST(rules >= 25);
    }
}

// --- pinned expectations of the default protocol (a 1.0 mm pen on the face) -------------------

BOOST_AUTO_TEST_CASE(pinned_windows_of_the_default_protocol) {
    const plan p = make_plan(example(1.0_mm));
    using namespace std::chrono_literals;
    struct row {
        symptom s;
        seconds when;
        triage_level level;
        std::string_view rule;
    };
    const row rows[] = {
        {symptom::redness, 0s, triage_level::expected, "triage.expected"},
        {symptom::redness, 48h, triage_level::expected, "triage.expected"},
        {symptom::redness, 48h + 1s, triage_level::monitor, "triage.settling"},
        {symptom::redness, 168h, triage_level::monitor, "triage.settling"},
        {symptom::redness, 168h + 1s, triage_level::contact_clinic, "red_flag.redness_persistent"},
        {symptom::bruising, 120h, triage_level::expected, "triage.expected"},
        {symptom::bruising, 240h, triage_level::monitor, "triage.settling"},
        {symptom::bruising, 240h + 1s, triage_level::contact_clinic, "red_flag.bruising_persistent"},
        {symptom::bleeding, 1h, triage_level::expected, "triage.expected"},
        {symptom::bleeding, 6h, triage_level::monitor, "triage.settling"},
        {symptom::bleeding, 6h + 1s, triage_level::contact_clinic, "red_flag.bleeding_persistent"},
        {symptom::peeling, 48h - 1s, triage_level::monitor, "triage.early"},
        {symptom::peeling, 48h, triage_level::expected, "triage.expected"},
        {symptom::peeling, 168h + 1s, triage_level::contact_clinic, "red_flag.peeling_persistent"},
        {symptom::itching, 12h, triage_level::monitor, "triage.early"},
        {symptom::bumps, 168h - 1s, triage_level::monitor, "red_flag.bumps_early"},
        {symptom::bumps, 168h, triage_level::contact_clinic, "red_flag.bumps_late"},
        {symptom::dark_patches, 10h, triage_level::monitor, "red_flag.dark_patches_early"},
        {symptom::dark_patches, 168h, triage_level::contact_clinic, "red_flag.dark_patches"},
        {symptom::grid_marks, 24h, triage_level::monitor, "red_flag.grid_marks_early"},
        {symptom::grid_marks, 168h, triage_level::contact_clinic, "red_flag.grid_marks"},
        {symptom::pus, 0s, triage_level::contact_clinic, "red_flag.pus"},
        {symptom::cold_sore, 72h, triage_level::contact_clinic, "red_flag.cold_sore"},
        {symptom::blisters, 24h, triage_level::contact_clinic, "red_flag.blisters"},
        {symptom::rash, 24h, triage_level::contact_clinic, "red_flag.rash"},
    };
    for (const row& r : rows) {
        BOOST_TEST_CONTEXT(to_string(r.s) << " at " << r.when.count() << " s") {
            const report_assessment ra = one(p, at(r.s, r.when));
            BOOST_TEST(ra.level == r.level);
            BOOST_TEST(ra.decided.rule == r.rule);
            BOOST_TEST(!ra.decided.reason.empty());
            BOOST_TEST(!ra.decided.advice.empty());
            BOOST_TEST(!ra.decided.sources.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(signs_that_are_red_flags_at_any_time) {
    const plan p = make_plan(example(1.0_mm));
    using namespace std::chrono_literals;
    for (seconds when : std::initializer_list<seconds>{0s, 1s, 10h, 47h, 200h, 2000h}) {
        BOOST_TEST_CONTEXT(when.count() << " s") {
            BOOST_TEST(one(p, at(symptom::pus, when)).level == triage_level::contact_clinic);
            BOOST_TEST(one(p, at(symptom::pus, when, {}, {sign::fever})).level == triage_level::urgent);
            BOOST_TEST(one(p, at(symptom::pus, when, {}, {sign::spreading})).level == triage_level::urgent);
            BOOST_TEST(one(p, at(symptom::redness, when, {}, {sign::spreading, sign::warm})).decided.rule == "red_flag.spreading_warm");
            BOOST_TEST(one(p, at(symptom::rash, when, {}, {sign::spreading})).level == triage_level::urgent);
            BOOST_TEST(one(p, at(symptom::swelling, when, {}, {sign::fever})).decided.rule == "red_flag.fever");
            BOOST_TEST(one(p, at(symptom::redness, when, {}, {sign::reappeared})).level >= triage_level::contact_clinic);
            BOOST_TEST(one(p, at(symptom::cold_sore, when)).level == triage_level::contact_clinic);
            BOOST_TEST(one(p, at(symptom::bruising, when, {}, {sign::spreading})).level >= triage_level::contact_clinic);
        }
    }
    // Pain that increases: from 48 h (inclusive), not before.
    BOOST_TEST(one(p, at(symptom::pain, 48h - 1s, {}, {sign::worsening})).level == triage_level::expected);
    BOOST_TEST(one(p, at(symptom::pain, 48h, {}, {sign::worsening})).decided.rule == "red_flag.worsening");
    // Bleeding that will not stop is urgent, inside the window too.
    BOOST_TEST(one(p, at(symptom::bleeding, 10min, severity::severe)).decided.rule == "red_flag.bleeding_severe");
    BOOST_TEST(one(p, at(symptom::bleeding, 10min, severity::severe)).level == triage_level::urgent);
}

BOOST_AUTO_TEST_CASE(airway_symptoms_are_an_emergency_at_any_time_for_every_treatment) {
    using namespace std::chrono_literals;
    for (const treatment& t : treatments()) {
        const plan p = make_plan(t);
        for (symptom s : {symptom::lip_swelling, symptom::breathing_difficulty}) {
            for (seconds when : std::initializer_list<seconds>{0s, 1s, 1h, 72h, 8760h}) {
                for (std::optional<severity> sev : {std::optional<severity>{}, std::optional{severity::mild}, std::optional{severity::severe}}) {
                    const report_assessment ra = one(p, at(s, when, sev));
                    BOOST_TEST(ra.level == triage_level::emergency, name_of(t) << " " << to_string(s) << " at " << when.count());
                    BOOST_TEST(ra.decided.rule == "red_flag.airway");
                    BOOST_TEST(!ra.raised_by_severity);  // capped: nothing above emergency
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(blisters_after_rf_are_urgent_and_after_a_pen_are_for_the_clinic) {
    using namespace std::chrono_literals;
    treatment rf = example(1.0_mm);
    rf.device = device::rf;
    const report_assessment after_rf = one(make_plan(rf), at(symptom::blisters, 24h));
    BOOST_TEST(after_rf.level == triage_level::urgent);
    BOOST_TEST(after_rf.decided.rule == "red_flag.rf_blisters");
    BOOST_TEST(has(after_rf, "red_flag.blisters"));
    const report_assessment after_pen = one(make_plan(example(1.0_mm)), at(symptom::blisters, 24h));
    BOOST_TEST(after_pen.level == triage_level::contact_clinic);
    BOOST_TEST(!has(after_pen, "red_flag.rf_blisters"));
}

// --- the symptoms and rules of issue 10, with boundaries from the protocol ---------------------

BOOST_DATA_TEST_CASE(every_symptom_is_covered_at_every_time, bdata::xrange(treatments().size()), index) {
    using namespace std::chrono_literals;
    const plan p = make_plan(treatments()[index]);
    for (symptom s : all_values<symptom>()) {
        for (seconds when : std::initializer_list<seconds>{0s, 1h, 47h, 72h, 167h, 168h, 169h, 400h, 8760h}) {
            const report_assessment ra = one(p, at(s, when));
            BOOST_TEST(!has(ra, "triage.not_covered"), name_of(treatments()[index]) << " " << to_string(s) << " at " << when.count());
        }
    }
}

BOOST_AUTO_TEST_CASE(injuries_koebner_and_fever_are_never_expected) {
    using namespace std::chrono_literals;
    for (const treatment& t : treatments()) {
        const plan p = make_plan(t);
        for (seconds when : std::initializer_list<seconds>{0s, 10h, 200h, 8760h}) {
            BOOST_TEST_CONTEXT(name_of(t) << " at " << when.count()) {
                const triage_level breakdown = t.device == device::rf ? def_of("red_flag.skin_breakdown_rf").level : def_of("red_flag.skin_breakdown").level;
                BOOST_TEST(one(p, at(symptom::skin_breakdown, when)).level == breakdown);
                BOOST_TEST(one(p, at(symptom::dent, when)).level == def_of("red_flag.dent").level);
                BOOST_TEST(one(p, at(symptom::new_patches, when)).level == def_of("red_flag.new_patches").level);
                BOOST_TEST(one(p, at(symptom::fever, when)).level == def_of("red_flag.fever_alone").level);
                BOOST_TEST(def_of("red_flag.fever_alone").level == def_of("red_flag.fever").level);  // alone as with a skin change
            }
        }
    }
    BOOST_TEST(def_of("red_flag.skin_breakdown_rf").level > def_of("red_flag.skin_breakdown").level);
}

BOOST_AUTO_TEST_CASE(numbness_is_expected_in_the_sensitivity_window_and_a_red_flag_past_it) {
    const plan p = make_plan(example(1.0_mm));
    const entry* e = p.find("effect.sensitivity");
    BOOST_TEST_REQUIRE(e != nullptr);
    const seconds abnormal = *e->abnormal_after;
    BOOST_TEST(one(p, at(symptom::numbness, e->onset)).level == triage_level::expected);
    BOOST_TEST(!has(one(p, at(symptom::numbness, abnormal)), "red_flag.numbness_persistent"));
    const report_assessment past = one(p, at(symptom::numbness, abnormal + one_second));
    BOOST_TEST(past.decided.rule == "red_flag.numbness_persistent");
    BOOST_TEST(past.level == def_of("red_flag.numbness_persistent").level);
}

BOOST_AUTO_TEST_CASE(swollen_glands_are_watched_for_a_week_then_go_to_the_clinic) {
    const plan p = make_plan(example(1.0_mm));
    const entry* late = p.find("red_flag.glands_persistent");
    BOOST_TEST_REQUIRE(late != nullptr);
    const seconds boundary = late->onset;
    BOOST_TEST(one(p, at(symptom::swollen_glands, seconds{0})).level == def_of("red_flag.glands_early").level);
    BOOST_TEST(one(p, at(symptom::swollen_glands, boundary - one_second)).decided.rule == "red_flag.glands_early");
    BOOST_TEST(one(p, at(symptom::swollen_glands, boundary)).decided.rule == "red_flag.glands_persistent");
    BOOST_TEST(one(p, at(symptom::swollen_glands, boundary + one_second)).level == triage_level::contact_clinic);
    // Warm or growing glands go to the clinic early; with a fever they are urgent.
    BOOST_TEST(one(p, at(symptom::swollen_glands, seconds{3600}, {}, {sign::warm})).level == triage_level::contact_clinic);
    BOOST_TEST(one(p, at(symptom::swollen_glands, seconds{3600}, {}, {sign::fever})).level == triage_level::urgent);
    BOOST_TEST(one(p, at(symptom::swollen_glands, seconds{3600}, severity::severe)).level >= triage_level::contact_clinic);
}

BOOST_AUTO_TEST_CASE(bleeding_that_goes_on_or_gets_worse_and_what_a_blood_thinner_changes) {
    using namespace std::chrono_literals;
    treatment thinner = example(1.0_mm);
    thinner.history = {history_flag::anticoagulants};
    const plan plain = make_plan(example(1.0_mm));
    const plan on_thinner = make_plan(thinner);
    const entry* bleeding = plain.find("effect.pinpoint_bleeding");
    BOOST_TEST_REQUIRE(bleeding != nullptr);
    const seconds abnormal = *bleeding->abnormal_after;
    // Within the window pinpoint bleeding is expected for both; just past it the clinic, or urgent on a thinner.
    BOOST_TEST(one(plain, at(symptom::bleeding, seconds{0})).level == triage_level::expected);
    BOOST_TEST(one(on_thinner, at(symptom::bleeding, seconds{0})).level == triage_level::expected);
    BOOST_TEST(one(on_thinner, at(symptom::bleeding, abnormal)).level < triage_level::urgent);
    BOOST_TEST(one(plain, at(symptom::bleeding, abnormal + one_second)).level == triage_level::contact_clinic);
    const report_assessment past = one(on_thinner, at(symptom::bleeding, abnormal + one_second));
    BOOST_TEST(past.level == def_of("red_flag.bleeding_anticoagulant").level);
    BOOST_TEST(past.decided.rule == "red_flag.bleeding_anticoagulant");
    // Getting worse: the clinic at any time, urgent on a thinner; will not stop: urgent for everyone.
    for (seconds when : std::initializer_list<seconds>{0s, 30min, 5h, 100h}) {
        BOOST_TEST(one(plain, at(symptom::bleeding, when, {}, {sign::worsening})).level == def_of("red_flag.bleeding_worsening").level);
        BOOST_TEST(one(on_thinner, at(symptom::bleeding, when, {}, {sign::worsening})).level ==
                   def_of("red_flag.bleeding_anticoagulant_worsening").level);
        BOOST_TEST(one(plain, at(symptom::bleeding, when, severity::severe)).level >= triage_level::urgent);
    }
    BOOST_TEST(def_of("red_flag.bleeding_worsening").level == triage_level::contact_clinic);
    // The plan says what a thinner changes.
    BOOST_TEST(std::any_of(on_thinner.notes().begin(), on_thinner.notes().end(), [](const plan_note& n) { return n.code == "note.anticoagulants"; }));
}

BOOST_AUTO_TEST_CASE(bruising_is_not_expected_after_very_shallow_needles_or_a_home_device) {
    using namespace std::chrono_literals;
    const detail::entry_def& shallow = def_of("red_flag.bruising_shallow");
    BOOST_TEST_REQUIRE(shallow.when.depth_max.has_value());
    const needle_depth limit = *shallow.when.depth_max;
    BOOST_TEST((limit == data().tiers.front().max_depth));  // the cosmetic tier's limit
    treatment pen = example(limit);
    const report_assessment at_limit = one(make_plan(pen), at(symptom::bruising, 24h));
    BOOST_TEST(at_limit.level == shallow.level);
    BOOST_TEST(has(at_limit, "red_flag.bruising_shallow"));
    pen.depth = needle_depth::from_micrometres(limit.micrometres() + 1);
    const report_assessment past_limit = one(make_plan(pen), at(symptom::bruising, 24h));
    BOOST_TEST(!has(past_limit, "red_flag.bruising_shallow"));
    BOOST_TEST(past_limit.level == triage_level::expected);
    // A home device: the clinic at any depth it allows, at any time.
    treatment roller = example(0.5_mm);
    roller.device = device::home_roller;
    for (seconds when : std::initializer_list<seconds>{0s, 24h, 300h}) {
        const report_assessment ra = one(make_plan(roller), at(symptom::bruising, when));
        BOOST_TEST(has(ra, "red_flag.bruising_home_device"));
        BOOST_TEST(ra.level >= def_of("red_flag.bruising_home_device").level);
    }
}

// --- highest level wins ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_highest_level_wins_across_reports_and_rules) {
    using namespace std::chrono_literals;
    const plan p = make_plan(example(1.0_mm));
    const assessment a = triage(p, {at(symptom::redness, 10h), at(symptom::pus, 30h), at(symptom::lip_swelling, 2h), at(symptom::peeling, 72h)});
    BOOST_TEST(a.level == triage_level::emergency);
    BOOST_REQUIRE(a.reports.size() == 4u);
    BOOST_TEST(a.reports[0].level == triage_level::expected);
    BOOST_TEST(a.reports[1].level == triage_level::contact_clinic);
    BOOST_TEST(a.reports[2].level == triage_level::emergency);
    BOOST_TEST(a.reports[3].level == triage_level::expected);

    // Within a report: every matching rule is listed, highest first; the first of a level decides.
    const report_assessment ra = one(p, at(symptom::redness, 20h, {}, {sign::spreading, sign::warm, sign::fever}));
    BOOST_TEST(ra.level == triage_level::urgent);
    BOOST_TEST(ra.decided.rule == "red_flag.spreading_warm");
    BOOST_TEST(has(ra, "red_flag.fever"));
    BOOST_TEST(has(ra, "red_flag.spreading"));
    BOOST_TEST(has(ra, "triage.expected"));
    BOOST_TEST(ra.matched.front().rule == ra.decided.rule);
    BOOST_TEST(std::is_sorted(ra.matched.begin(), ra.matched.end(), [](const triage_finding& x, const triage_finding& y) { return x.level > y.level; }));

    // Same level: the rule listed first in the protocol decides; red flags before window levels.
    const report_assessment tie = one(p, at(symptom::redness, 169h, {}, {sign::reappeared}));
    BOOST_TEST(tie.decided.rule == "red_flag.reappeared");
    BOOST_TEST(has(tie, "red_flag.redness_persistent"));
    BOOST_TEST(triage(p, std::span<const symptom_report>{}).level == triage_level::expected);
}

// --- severity ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(severe_raises_by_at_least_one_level) {
    using namespace std::chrono_literals;
    const plan p = make_plan(example(1.0_mm));
    const report_assessment itch = one(p, at(symptom::itching, 48h, severity::severe));
    BOOST_TEST(itch.level == triage_level::monitor);
    BOOST_TEST(itch.decided.rule == "triage.severe");
    BOOST_TEST(itch.raised_by_severity);
    BOOST_TEST(itch.decided.advice == data().triage.actions[static_cast<std::size_t>(triage_level::monitor)]);
    BOOST_TEST(has(itch, "triage.expected"));
    const report_assessment pus = one(p, at(symptom::pus, 30h, severity::severe));
    BOOST_TEST(pus.level == triage_level::urgent);
    BOOST_TEST(pus.raised_by_severity);
    // Excessive redness inside the window is for the clinic by its own rule (InMode), not by the raise.
    const report_assessment red = one(p, at(symptom::redness, 10h, severity::severe));
    BOOST_TEST(red.level == triage_level::contact_clinic);
    BOOST_TEST(red.decided.rule == "red_flag.excessive");
    BOOST_TEST(!red.raised_by_severity);
    BOOST_TEST(one(p, at(symptom::redness, 10h, severity::moderate)).level == triage_level::expected);
}

BOOST_DATA_TEST_CASE(severe_is_never_below_one_level_above_the_same_report_without_severity, bdata::xrange(treatments().size()), index) {
    using namespace std::chrono_literals;
    const plan p = make_plan(treatments()[index]);
    const std::vector<enum_set<sign>> sign_sets{{}, {sign::warm}, {sign::worsening}, {sign::spreading}, {sign::reappeared}, {sign::fever}};
    for (symptom s : all_values<symptom>()) {
        for (seconds when : std::initializer_list<seconds>{0s, 1h, 7h, 47h, 100h, 200h, 400h}) {
            for (const auto& signs : sign_sets) {
                const auto plain = one(p, at(s, when, std::nullopt, signs)).level;
                const auto mild = one(p, at(s, when, severity::mild, signs)).level;
                const auto moderate = one(p, at(s, when, severity::moderate, signs)).level;
                const auto severe = one(p, at(s, when, severity::severe, signs)).level;
                const auto floor = static_cast<triage_level>(std::min(static_cast<int>(plain) + 1, static_cast<int>(triage_level::emergency)));
                BOOST_TEST((mild == plain && moderate >= mild && severe >= floor), to_string(s) << " at " << when.count());
            }
        }
    }
}

// --- a clinic's protocol: overdue and not covered ---------------------------------------------

BOOST_AUTO_TEST_CASE(overdue_and_not_covered_come_from_the_triage_section) {
    using namespace std::chrono_literals;
    const protocol clinic = parse_protocol(minimal_with_triage(), "clinic.json");
    treatment t = example(1.0_mm);
    const plan p = make_plan(t, clinic);
    // effect.redness: typical end 48 h (deep tier), abnormal after 120 h, no "past" rule.
    BOOST_TEST(one(p, at(symptom::redness, 120h)).decided.rule == "triage.settling");
    const report_assessment overdue = one(p, at(symptom::redness, 120h + 1s));
    BOOST_TEST(overdue.decided.rule == "triage.overdue");
    BOOST_TEST(overdue.level == triage_level::urgent);
    BOOST_TEST(overdue.decided.advice == "overdue advice");
    const report_assessment pus = one(p, at(symptom::pus, 1h));
    BOOST_TEST(pus.decided.rule == "triage.not_covered");
    BOOST_TEST(pus.level == triage_level::contact_clinic);
    BOOST_TEST(!pus.window.has_value());
    // raise_levels 2: severe not-covered goes from contact_clinic to emergency.
    const report_assessment severe = one(p, at(symptom::pus, 1h, severity::severe));
    BOOST_TEST(severe.level == triage_level::emergency);
    BOOST_TEST(severe.decided.advice == "a4");

    // Without a triage section the protocol cannot triage.
    const protocol bare = load_protocol(std::string(AFTERCARE_TEST_DATA_DIR) + "/minimal_protocol.json");
    const auto e = expect_throw<invalid_value>([&] { (void)triage(make_plan(t, bare), {at(symptom::pus, 1h)}); });
    BOOST_TEST(e.field() == "protocol");
    BOOST_TEST(std::string(e.what()).find("no \"triage\" section") != std::string::npos);
}

// --- time and bad input -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seen_as_an_instant_or_as_hours_after) {
    using namespace std::chrono_literals;
    const treatment t = example(1.0_mm);
    const plan p = make_plan(t);
    symptom_report r = at(symptom::redness, 0s);
    r.seen = date::sys_days{date::November / 29 / 2026} + 9h;  // 7 d 19 h after 21 Nov 14:00
    const report_assessment ra = one(p, r);
    BOOST_TEST(ra.after == seconds{187h});
    BOOST_TEST((ra.seen_at == std::get<date::sys_seconds>(r.seen)));
    BOOST_TEST(ra.decided.rule == "red_flag.redness_persistent");
    // The same as hours after treatment.
    const report_assessment hours = one(p, at(symptom::redness, 187h));
    BOOST_TEST(hours.decided.rule == ra.decided.rule);
    BOOST_TEST((hours.seen_at == ra.seen_at));
    // Exactly at the end of treatment is fine.
    r.seen = *t.treated_at;
    BOOST_TEST(one(p, r).level == triage_level::expected);
    // A plan without a treatment time takes hours only.
    treatment relative = t;
    relative.treated_at.reset();
    const plan rp = make_plan(relative);
    const report_assessment rel = one(rp, at(symptom::redness, 187h));
    BOOST_TEST(rel.decided.rule == "red_flag.redness_persistent");
    BOOST_TEST(!rel.seen_at.has_value());
    r.seen = *t.treated_at + 5h;
    const auto e = expect_throw<invalid_value>([&] { (void)one(rp, r); });
    BOOST_TEST(e.field() == "reports[0].seen_at");
    BOOST_TEST(std::string(e.what()).find("no treatment time") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_time_before_the_treatment_or_after_as_of_is_rejected) {
    using namespace std::chrono_literals;
    const treatment t = example(1.0_mm);
    const plan p = make_plan(t);
    symptom_report r = at(symptom::redness, 0s);
    r.seen = *t.treated_at - 1s;
    const auto before = expect_throw<invalid_value>([&] { (void)triage(p, {at(symptom::pus, 1h), r}); });
    BOOST_TEST(before.field() == "reports[1].seen_at");
    BOOST_TEST(std::string(before.what()) ==
               "reports[1].seen_at 2026-11-21T13:59:59Z is before the end of treatment (2026-11-21T14:00:00Z)");
    const auto negative = expect_throw<invalid_value>([&] { (void)one(p, at(symptom::redness, -1s)); });
    BOOST_TEST(negative.field() == "reports[0].hours_after");
    BOOST_TEST(negative.value() == "-1 s");  // not "-0 h": the value as given, to the second
    BOOST_TEST(std::string(negative.what()) ==
               "reports[0].hours_after -1 s is before the end of treatment (expected 0 h or more)");
    const auto longer = expect_throw<invalid_value>([&] { (void)one(p, at(symptom::redness, -(90min + 5s))); });
    BOOST_TEST(longer.value() == "-1 h 30 min 5 s");

    triage_options opts;
    opts.as_of = *t.treated_at + 24h;
    BOOST_TEST(triage(p, {at(symptom::redness, 24h)}, opts).level == triage_level::expected);  // at as_of: fine
    const auto future = expect_throw<invalid_value>([&] { (void)triage(p, {at(symptom::redness, 24h + 1s)}, opts); });
    BOOST_TEST(std::string(future.what()).find("is in the future") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_codes_are_rejected_with_the_allowed_list) {
    using namespace std::chrono_literals;
    const plan p = make_plan(example(1.0_mm));
    symptom_report r = at(static_cast<symptom>(all_values<symptom>().size()), 1h);
    const auto bad_symptom = expect_throw<invalid_value>([&] { (void)one(p, r); });
    BOOST_TEST(bad_symptom.field() == "reports[0].symptom");
    BOOST_TEST(bad_symptom.allowed().find("redness, swelling, pain") != std::string::npos);
    BOOST_TEST(std::string(bad_symptom.what()).find("breathing_difficulty") != std::string::npos);
    r = at(symptom::redness, 1h);
    r.signs.insert(static_cast<sign>(9));
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)one(p, r); }).field() == "reports[0].sign");
    r = at(symptom::redness, 1h, static_cast<severity>(7));
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)one(p, r); }).allowed() == "mild, moderate, severe");
    // And the codes themselves.
    BOOST_TEST(parse_code<symptom>("grid_marks") == symptom::grid_marks);
    const auto e = expect_throw<invalid_value>([] { (void)parse_code<sign>("hot"); });
    BOOST_TEST(std::string(e.what()) == "sign 'hot' is not one of spreading, worsening, reappeared, warm, fever");
}

BOOST_AUTO_TEST_CASE(triage_is_thread_safe) {
    using namespace std::chrono_literals;
    const plan p = make_plan(example(1.0_mm));
    const std::vector<symptom_report> reports{at(symptom::redness, 170h, severity::mild, {sign::warm}), at(symptom::pus, 30h, severity::severe),
                                              at(symptom::bumps, 200h), at(symptom::peeling, 10h)};
    const assessment reference = triage(p, reports);
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int k = 0; k < 300; ++k) {
                const assessment a = triage(p, reports);
                for (std::size_t j = 0; j < reports.size(); ++j) {
                    if (a.reports[j].level != reference.reports[j].level || a.reports[j].decided.rule != reference.reports[j].decided.rule) ++mismatches;
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_CASE(value_types) {
    static_assert(std::is_nothrow_move_constructible_v<symptom_report>);
    static_assert(std::equality_comparable<symptom_report>);
    symptom_report a = at(symptom::redness, std::chrono::hours{3});
    symptom_report b = a;
    BOOST_TEST((a == b));
    b.signs.insert(sign::warm);
    BOOST_TEST(!(a == b));
    // An assessment keeps its plan (and protocol) alive.
    std::optional<assessment> kept;
    {
        const protocol own = parse_protocol(default_protocol_text(), "own.json");
        kept = triage(make_plan(example(1.0_mm), own), {a});
    }
    BOOST_TEST(kept->reports[0].decided.rule == "triage.expected");
    BOOST_TEST(kept->reports[0].decided.reason == data().triage.expected.text);
}

// --- exporters and the reports file ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(json_and_text) {
    using namespace std::chrono_literals;
    const plan p = make_plan(example(1.0_mm));
    const assessment a = triage(p, {at(symptom::redness, 187h, severity::mild, {sign::warm}), at(symptom::peeling, 72h, severity::severe)});
    const auto* london = locate_zone("Europe/London");
    const std::string json = to_json(a, {.zone = london});
    for (std::string_view part : {R"("schema": "aftercare.triage/1")", R"("level": "contact_clinic")", R"("rule": "red_flag.redness_persistent")",
                                  R"("seen_at": "2026-11-29T09:00:00+00:00")", R"("hours_after": 187)", R"("raised_by_severity": true)",
                                  R"("typical_end_h": 48)", R"("CHU21": {)"}) {
        BOOST_TEST(json.find(part) != std::string::npos, part);
    }
    const std::string text = to_text(a, {.zone = london});
    for (std::string_view part : {"Triage: CONTACT CLINIC", "Report 1: Redness, seen Sun 29 Nov 2026 09:00 (7 d 19 h after treatment)",
                                  "[red_flag.redness_persistent]", "Report 2:", "[triage.severe]", "Not medical advice"}) {
        BOOST_TEST(text.find(part) != std::string::npos, part);
    }
}

BOOST_AUTO_TEST_CASE(reports_from_json_reads_strictly) {
    const auto* london = locate_zone("Europe/London");
    const auto reports = reports_from_json(R"({"reports": [
        {"symptom": "redness", "seen_at": "2026-11-29T09:00", "severity": "mild", "signs": ["warm", "spreading"]},
        {"symptom": "pus", "hours_after": 30.5}]})",
                                           london, "r.json");
    BOOST_REQUIRE(reports.size() == 2u);
    BOOST_TEST((std::get<date::sys_seconds>(reports[0].seen) == date::sys_days{date::November / 29 / 2026} + std::chrono::hours{9}));
    BOOST_TEST((reports[0].signs == enum_set<sign>{sign::warm, sign::spreading}));
    BOOST_TEST((std::get<seconds>(reports[1].seen) == seconds{30 * 3600 + 1800}));
    BOOST_TEST(!reports[1].severity.has_value());

    struct bad {
        const char* text;
        const char* message;
    };
    const bad cases[] = {
        {"[1]", "r.json:1:1: (document): expected an object {\"reports\": [...]}"},
        {"{\"report\": []}", "r.json:1:2: /report: unknown key \"report\"; expected: reports"},
        {"{\"reports\": []}", "r.json:1:13: /reports: expected a non-empty array of reports"},
        {"{\"reports\": [{\"symptom\": \"rednes\", \"hours_after\": 1}]}",
         "r.json:1:26: /reports/0/symptom: symptom 'rednes' is not one of redness, swelling, pain, peeling, itching, bleeding, bruising, pus, "
         "blisters, rash, cold_sore, bumps, dark_patches, grid_marks, lip_swelling, breathing_difficulty"},
        {"{\"reports\": [{\"symptom\": \"pus\"}]}", "r.json:1:14: /reports/0: expected exactly one of \"seen_at\" (local time) or \"hours_after\""},
        {"{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": -1}]}", "/reports/0/hours_after: expected hours after treatment from 0 to 87840, got number -1"},
        {"{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": 1, \"colour\": 1}]}", "/reports/0/colour: unknown key \"colour\""},
        {"{\"reports\": [{\"symptom\": \"pus\", \"hours_after\": 1, \"signs\": [\"warm\", \"warm\"]}]}", "/reports/0/signs/1: duplicate sign \"warm\""},
        {"{\"reports\": [{\"symptom\": \"pus\", \"seen_at\": \"29/11/2026\"}]}", "seen_at '29/11/2026' is not a local time"},
        {"{\"reports\": [", "r.json:1:"},
        {"{\"reports\": [", ": not valid JSON: "},
    };
    for (const bad& c : cases) {
        const auto e = expect_throw<invalid_value>([&] { (void)reports_from_json(c.text, london, "r.json"); });
        BOOST_TEST(std::string(e.what()).find(c.message) != std::string::npos, e.what() << "\n  expected: " << c.message);
    }
    const auto no_zone = expect_throw<invalid_value>(
        [] { (void)reports_from_json(R"({"reports": [{"symptom": "pus", "seen_at": "2026-11-29T09:00"}]})", nullptr, "r.json"); });
    BOOST_TEST(std::string(no_zone.what()).find("needs a time zone") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
