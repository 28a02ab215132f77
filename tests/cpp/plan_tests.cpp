// plan.hpp: the personalised plan — modifiers, monotonic windows, sources, bad input.
#include "plan/plan_data.hpp"
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <random>
#include <set>
#include <thread>

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;

namespace {

const entry& get(const plan& p, std::string_view code) {
    const entry* e = p.find(code);
    BOOST_TEST_REQUIRE(e != nullptr, "missing entry " << code);
    return *e;
}

std::chrono::minutes end_of(const plan& p, std::string_view code) { return get(p, code).end.value(); }

std::chrono::minutes stage_until(const plan& p, std::string_view restriction, std::string_view stage_code) {
    for (const stage& s : get(p, restriction).stages) {
        if (s.code == stage_code) return s.until;
    }
    BOOST_FAIL("missing stage " << stage_code);
    return {};
}

// Every number a window has, by a key that is stable across treatments.
std::map<std::string, std::chrono::minutes> numbers(const plan& p) {
    std::map<std::string, std::chrono::minutes> out;
    for (const entry& e : p.entries()) {
        const std::string c(e.code);
        out[c + ":onset"] = e.onset;
        if (e.end) out[c + ":end"] = *e.end;
        if (e.abnormal_after) out[c + ":abnormal"] = *e.abnormal_after;
        for (const stage& s : e.stages) out[std::string(s.code)] = s.until;
    }
    return out;
}

std::vector<needle_depth> depths_for(device d, area a = area::face) {
    std::vector<needle_depth> out;
    for (int um = 100; um <= 3000; um += 50) {
        treatment t = example(needle_depth::from_micrometres(um));
        t.device = d;
        t.area = a;
        try {
            check_treatment(t);
            out.push_back(t.depth);
        } catch (const invalid_value&) {
        }
    }
    return out;
}

}  // namespace

// Views into a temporary plan would dangle, so the accessors refuse rvalues at compile time.
template <class P>
concept viewable = requires(P&& p) {
    std::forward<P>(p).entries();
    std::forward<P>(p).find("effect.redness");
    std::forward<P>(p).notes();
    std::forward<P>(p).tier();
};
static_assert(viewable<const aftercare::plan&> && viewable<aftercare::plan&>);
static_assert(!viewable<aftercare::plan> && !viewable<const aftercare::plan>);  // temporaries

BOOST_AUTO_TEST_SUITE(plan_tests)

BOOST_AUTO_TEST_CASE(example_pen_treatment_has_every_kind_of_entry) {
    const aftercare::plan p = make_plan(example());
    BOOST_TEST(p.tier() == "moderate");
    std::set<entry_kind> kinds;
    for (const entry& e : p.entries()) kinds.insert(e.kind);
    BOOST_TEST(kinds.size() == 5u);  // no indication: milestones still come from /milestones
    for (std::string_view code : {"effect.redness", "effect.swelling", "effect.sensitivity", "effect.peeling", "effect.pinpoint_bleeding",
                                  "effect.bruising", "effect.itching", "restriction.makeup", "restriction.sun", "restriction.actives",
                                  "restriction.exercise", "restriction.swimming_heat", "restriction.alcohol", "restriction.touching",
                                  "restriction.procedures", "care.first_wash", "care.cleanse", "care.moisturise", "care.sunscreen",
                                  "care.sunscreen_reapply", "care.pillowcase", "milestone.normal_skincare", "red_flag.airway"}) {
        BOOST_TEST(p.find(code) != nullptr, code);
    }
    BOOST_TEST(p.find("care.antiviral") == nullptr);  // no cold-sore history
    BOOST_TEST(p.find("care.elevate_head") == nullptr);  // not RF
}

// The default protocol's values for the example, as docs/clinical-basis.md tabulates them. A change
// to the data must be deliberate: this pins it.
BOOST_AUTO_TEST_CASE(example_windows_match_the_protocol_table) {
    const aftercare::plan p = make_plan(example());
    const entry& redness = get(p, "effect.redness");
    BOOST_TEST(redness.onset.count() == 0);
    BOOST_TEST((redness.end == 48h));
    BOOST_TEST((redness.abnormal_after == 168h));
    BOOST_TEST((redness.likely == likelihood::expected));
    BOOST_TEST((redness.end_range == std::pair<std::chrono::minutes, std::chrono::minutes>{3h, 168h}));
    BOOST_TEST((stage_until(p, "restriction.makeup", "restriction.makeup.none") == 24h));
    BOOST_TEST((stage_until(p, "restriction.makeup", "restriction.makeup.mineral_only") == 48h));
    BOOST_TEST((stage_until(p, "restriction.sun", "restriction.sun.strict") == 240h));
    BOOST_TEST((end_of(p, "restriction.sun") == 336h));
    BOOST_TEST((end_of(p, "restriction.actives") == 168h));
    BOOST_TEST((get(p, "care.first_wash").onset == 6h));
    BOOST_TEST((get(p, "care.cleanse").onset == 24h));  // a reference: when nothing-on-skin lifts
    BOOST_TEST((get(p, "care.sunscreen_reapply").end == 240h));  // a reference to the strict-sun stage
}

BOOST_AUTO_TEST_CASE(absolute_times_follow_treated_at) {
    const aftercare::plan p = make_plan(example());
    const auto t0 = *example().treated_at;
    for (const entry& e : p.entries()) {
        BOOST_TEST((e.start == t0 + e.onset));
        if (e.end) BOOST_TEST((e.finish == t0 + *e.end));
        for (const stage& s : e.stages) BOOST_TEST((s.until_at == t0 + s.until));
    }
    treatment relative = example();
    relative.treated_at.reset();
    const aftercare::plan relative_plan = make_plan(relative);
    for (const entry& e : relative_plan.entries()) {
        BOOST_TEST(!e.start.has_value());
        BOOST_TEST(!e.finish.has_value());
    }
}

// --- each modifier ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rf_lengthens_redness_and_makeup_and_adds_head_elevation) {
    treatment pen = example(1.0_mm), rf = pen;
    rf.device = device::rf;
    const aftercare::plan a = make_plan(pen), b = make_plan(rf);
    BOOST_TEST((end_of(b, "effect.redness") == 72h));
    BOOST_TEST((end_of(a, "effect.redness") == 48h));
    BOOST_TEST((stage_until(b, "restriction.makeup", "restriction.makeup.none") == 48h));
    BOOST_TEST((stage_until(b, "restriction.makeup", "restriction.makeup.mineral_only") == 72h));
    BOOST_TEST(b.find("care.elevate_head") != nullptr);
    BOOST_TEST((get(b, "care.sunscreen").onset == 48h));
    BOOST_TEST(!get(b, "effect.redness").notes.empty());  // says why
    BOOST_TEST(get(a, "effect.redness").notes.empty());
}

BOOST_AUTO_TEST_CASE(prp_adds_a_day_of_redness_and_a_provider_note) {
    treatment t = example(), prp = t;
    prp.adjuncts = {adjunct::prp};
    BOOST_TEST((end_of(make_plan(prp), "effect.redness") == end_of(make_plan(t), "effect.redness") + 24h));
    const aftercare::plan p = make_plan(prp);
    BOOST_TEST(std::any_of(p.notes().begin(), p.notes().end(), [](const plan_note& n) { return n.code == "note.prp_provider"; }));
}

BOOST_AUTO_TEST_CASE(periorbital_bruises_more) {
    treatment face = example(0.5_mm), eyes = face;
    eyes.area = area::periorbital;
    const aftercare::plan pf = make_plan(face);
    const entry& a = get(pf, "effect.bruising");
    const aftercare::plan pe = make_plan(eyes);
    const entry& b = get(pe, "effect.bruising");
    BOOST_TEST((*b.likely > *a.likely));
    BOOST_TEST((*b.end > *a.end));
    BOOST_TEST((end_of(pe, "effect.swelling") >= 72h));
    BOOST_TEST(std::any_of(pe.notes().begin(), pe.notes().end(), [](const plan_note& n) { return n.code == "note.orbital_rim"; }));
}

BOOST_AUTO_TEST_CASE(scalp_and_body_swell_longer) {
    treatment t = example(0.5_mm);
    const auto face = end_of(make_plan(t), "effect.swelling");
    t.area = area::scalp;
    BOOST_TEST((end_of(make_plan(t), "effect.swelling") == 96h));
    const aftercare::plan scalp = make_plan(t);
    BOOST_TEST((get(scalp, "effect.itching").likely == likelihood::common));
    for (area a : {area::back, area::abdomen, area::thighs, area::arms}) {
        t.area = a;
        BOOST_TEST((end_of(make_plan(t), "effect.swelling") == 120h));
        BOOST_TEST((end_of(make_plan(t), "effect.swelling") > face));
    }
}

BOOST_AUTO_TEST_CASE(darker_skin_and_pigmentation_history_extend_sun_protection) {
    treatment t = example(0.5_mm);
    for (int s = 1; s <= 3; ++s) {
        t.skin_type = skin_type{s};
        BOOST_TEST((stage_until(make_plan(t), "restriction.sun", "restriction.sun.strict") == 72h));
        BOOST_TEST((end_of(make_plan(t), "restriction.sun") == 336h));
    }
    for (int s = 4; s <= 6; ++s) {
        t.skin_type = skin_type{s};
        BOOST_TEST((stage_until(make_plan(t), "restriction.sun", "restriction.sun.strict") == 336h));
        BOOST_TEST((end_of(make_plan(t), "restriction.sun") == 672h));
        const aftercare::plan p = make_plan(t);
        BOOST_TEST((get(p, "care.sunscreen").end == 672h));  // sunscreen follows the restriction
    }
    t.skin_type = skin_type{2};
    t.history = {history_flag::pigmentation_history};
    BOOST_TEST((end_of(make_plan(t), "restriction.sun") == 672h));
}

BOOST_AUTO_TEST_CASE(cold_sore_history_adds_the_antiviral_reminder) {
    treatment t = example();
    t.history = {history_flag::cold_sore_history};
    const aftercare::plan p = make_plan(t);
    const entry& e = get(p, "care.antiviral");
    BOOST_TEST((e.remind == reminder_mode::daily));
    BOOST_TEST(!e.sources.empty());
}

BOOST_AUTO_TEST_CASE(home_roller_gets_the_shallow_plan_and_a_stop_note) {
    treatment t = example(0.25_mm);
    t.device = device::home_roller;
    const aftercare::plan p = make_plan(t);
    BOOST_TEST(p.tier() == "cosmetic");
    BOOST_TEST(p.find("restriction.nothing_on_skin") == nullptr);  // lifts at once: serum straight away
    BOOST_TEST((get(p, "restriction.makeup").stages.size() == 1u));  // no mineral-only stage
    BOOST_TEST((get(p, "care.first_wash").onset == 0h));
    BOOST_TEST(std::any_of(p.notes().begin(), p.notes().end(), [](const plan_note& n) { return n.code == "note.home_device"; }));
}

BOOST_AUTO_TEST_CASE(areas_without_data_say_so) {
    treatment t = example();
    t.area = area::hands;
    const aftercare::plan p = make_plan(t);
    BOOST_TEST(std::any_of(p.notes().begin(), p.notes().end(), [](const plan_note& n) { return n.code == "note.area_no_data"; }));
}

// --- the course ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(next_session_and_final_assessment_come_from_the_indication) {
    treatment t = example();
    t.indication = indication::acne_scars;
    const aftercare::plan p = make_plan(t);
    const entry& next = get(p, "milestone.next_session");
    BOOST_TEST((next.onset == 672h));
    BOOST_TEST((next.end == 1008h));
    BOOST_TEST((get(p, "milestone.final_assessment").onset == 2 * 672h + 2160h));  // 2 sessions left, then 3 months
    t.session = 3;
    const aftercare::plan last = make_plan(t);
    BOOST_TEST(last.find("milestone.next_session") == nullptr);
    BOOST_TEST((get(last, "milestone.final_assessment").onset == 2160h));
    t.session = 7;  // beyond the course: still an assessment, no next session
    const aftercare::plan beyond = make_plan(t);
    BOOST_TEST(beyond.find("milestone.next_session") == nullptr);
    const aftercare::plan none = make_plan(example());
    BOOST_TEST(none.find("milestone.final_assessment") == nullptr);
}

BOOST_AUTO_TEST_CASE(darker_skin_never_gets_intervals_below_four_weeks_except_the_studied_hair_protocol) {
    treatment t = example();
    t.skin_type = skin_type{5};
    t.indication = indication::stretch_marks;
    auto next = [&] {
        const aftercare::plan p = make_plan(t);
        return p.find("milestone.next_session")->onset;
    };
    BOOST_TEST((next() == 672h));
    t.indication = indication::hair_loss;
    t.area = area::scalp;
    BOOST_TEST((next() == 168h));
    t.skin_type = skin_type{2};
    t.indication = indication::pigmentation;
    t.area = area::face;
    BOOST_TEST((next() == 720h));
}

// --- properties over a seeded grid ------------------------------------------------------------

// Deeper is never shorter: for every device, area and skin type, every window is non-decreasing in depth.
// (Violations are collected and reported together: one assertion per combination keeps the suite fast
// under the sanitizers.)
BOOST_DATA_TEST_CASE(windows_are_monotonic_in_depth,
                     bdata::make(std::vector<int>{0, 1, 2}) * bdata::xrange(10) * bdata::xrange(1, 7), dev, ar, skin) {
    treatment t = example();
    t.device = static_cast<device>(dev);
    t.area = static_cast<area>(ar);
    t.skin_type = skin_type{skin};
    std::mt19937 rng(static_cast<unsigned>(dev * 100 + ar * 10 + skin));  // seeded: reproducible extras
    if (rng() % 2) t.adjuncts = {adjunct::prp};
    if (rng() % 3 == 0) t.history = {history_flag::pigmentation_history};
    t.indication = static_cast<indication>(rng() % 6);
    std::map<std::string, std::chrono::minutes> previous;
    std::vector<std::string> violations;
    std::size_t compared = 0;
    for (needle_depth d : depths_for(t.device, t.area)) {
        t.depth = d;
        const auto now = numbers(make_plan(t));
        for (const auto& [key, value] : previous) {
            const auto it = now.find(key);
            if (it == now.end()) continue;  // an entry present only at shallow depth cannot shorten
            ++compared;
            if (it->second < value) violations.push_back(key + " at " + to_string(d) + " mm");
        }
        for (const auto& [key, value] : now) previous[key] = value;
    }
    BOOST_TEST(compared > 500u);
    BOOST_TEST(violations.empty(), "shorter when deeper: " << violations.size() << (violations.empty() ? "" : ", first " + violations.front()));
}

// RF is never shorter than a pen at the same depth.
BOOST_DATA_TEST_CASE(rf_is_never_shorter_than_pen, bdata::xrange(10) * bdata::xrange(1, 7), ar, skin) {
    treatment pen = example();
    pen.area = static_cast<area>(ar);
    pen.skin_type = skin_type{skin};
    std::vector<std::string> violations;
    std::size_t compared = 0;
    const std::vector<needle_depth> pen_depths = depths_for(device::pen, pen.area);
    for (needle_depth d : depths_for(device::rf, pen.area)) {
        if (std::find(pen_depths.begin(), pen_depths.end(), d) == pen_depths.end()) continue;  // deeper than plain needling goes
        pen.depth = d;
        treatment rf = pen;
        rf.device = device::rf;
        const auto a = numbers(make_plan(pen)), b = numbers(make_plan(rf));
        for (const auto& [key, value] : a) {
            const auto it = b.find(key);
            ++compared;
            if (it == b.end()) violations.push_back(key + " missing for rf at " + to_string(d) + " mm");
            else if (it->second < value) violations.push_back(key + " at " + to_string(d) + " mm");
        }
    }
    BOOST_TEST(compared > 500u);
    BOOST_TEST(violations.empty(), "rf shorter than pen: " << violations.size() << (violations.empty() ? "" : ", first " + violations.front()));
}

BOOST_DATA_TEST_CASE(every_entry_is_well_formed_and_sourced, bdata::make(std::vector<int>{0, 1, 2}) * bdata::xrange(10), dev, ar) {
    treatment t = example();
    t.device = static_cast<device>(dev);
    t.area = static_cast<area>(ar);
    t.history = {history_flag::cold_sore_history, history_flag::pigmentation_history};
    t.indication = indication::acne_scars;
    std::vector<std::string> problems;
    std::size_t checked = 0;
    auto require = [&](bool ok, const entry& e, needle_depth d, const char* what) {
        ++checked;
        if (!ok) problems.push_back(std::string(e.code) + " at " + to_string(d) + " mm: " + what);
    };
    for (needle_depth d : depths_for(t.device, t.area)) {
        t.depth = d;
        const aftercare::plan p = make_plan(t);
        std::set<std::string_view> codes;
        for (const entry& e : p.entries()) {
            require(codes.insert(e.code).second, e, d, "duplicate code");
            require(!e.title.empty(), e, d, "no title");
            require(!e.sources.empty(), e, d, "no sources");
            for (auto key : e.sources) require(p.protocol().find_source(key) != nullptr, e, d, "unknown source");
            require(std::set<std::string_view>(e.sources.begin(), e.sources.end()).size() == e.sources.size(), e, d, "repeated source");
            if (e.end) require(*e.end >= e.onset, e, d, "ends before it starts");
            if (e.kind == entry_kind::effect) {
                require(e.abnormal_after && e.end && *e.abnormal_after >= *e.end && e.likely, e, d, "effect window incomplete");
            }
            if (e.kind == entry_kind::restriction) {
                require(!e.stages.empty(), e, d, "no stages");
                for (std::size_t i = 1; i < e.stages.size(); ++i) require(e.stages[i].until > e.stages[i - 1].until, e, d, "empty stage kept");
                require(!e.stages.empty() && e.stages.back().until == *e.end, e, d, "last stage is not the lift");
            }
            if (e.kind == entry_kind::red_flag) require(e.level && !e.advice.empty(), e, d, "red flag without level or advice");
        }
    }
    BOOST_TEST(checked > 1000u);
    BOOST_TEST(problems.empty(), problems.size() << " problems" << (problems.empty() ? "" : ", first: " + problems.front()));
}

// --- bad input ---------------------------------------------------------------------------

struct bad_treatment {
    const char* name;
    std::function<void(treatment&)> change;
    const char* field;
    const char* message;
};
std::ostream& operator<<(std::ostream& os, const bad_treatment& b) { return os << b.name; }

const bad_treatment bad_treatments[] = {
    {"zero depth", [](treatment& t) { t.depth = 0.0_mm; }, "depth", "depth 0.0 mm is outside 0.1–3.0 mm"},
    {"negative depth", [](treatment& t) { t.depth = needle_depth::from_mm(-1); }, "depth", "depth -1.0 mm is outside 0.1–3.0 mm"},
    {"too deep", [](treatment& t) { t.depth = 4.0_mm; }, "depth", "depth 4.0 mm is outside 0.1–3.0 mm"},
    {"just too deep", [](treatment& t) { t.depth = needle_depth::from_micrometres(3001); }, "depth", "depth 3.001 mm is outside 0.1–3.0 mm"},
    {"home roller too deep", [](treatment& t) { t.device = device::home_roller; t.depth = 0.75_mm; }, "depth",
     "depth 0.75 mm is too deep for a home_roller (at most 0.5 mm)"},
    {"rf too shallow", [](treatment& t) { t.device = device::rf; t.depth = 0.25_mm; }, "depth",
     "depth 0.25 mm is too shallow for rf (at least 0.5 mm)"},
    {"skin type 0", [](treatment& t) { t.skin_type = skin_type{0}; }, "skin_type", "skin_type 0 is outside Fitzpatrick I–VI (1–6)"},
    {"skin type 7", [](treatment& t) { t.skin_type = skin_type{7}; }, "skin_type", "skin_type 7 is outside Fitzpatrick I–VI (1–6)"},
    {"session 0", [](treatment& t) { t.session = 0; }, "session", "session 0 is not 1 or more"},
    {"device out of range", [](treatment& t) { t.device = static_cast<device>(7); }, "device", "device 7 is not one of home_roller, pen, rf"},
    {"area out of range", [](treatment& t) { t.area = static_cast<area>(42); }, "area", "area 42 is not one of face"},
};

BOOST_DATA_TEST_CASE(bad_treatments_are_rejected_with_the_field_named, bdata::make(bad_treatments), b) {
    treatment t = example();
    b.change(t);
    const auto e = expect_throw<invalid_value>([&] { (void)make_plan(t); });
    BOOST_TEST(e.field() == b.field);
    BOOST_TEST(std::string(e.what()).starts_with(b.message), e.what());
    (void)expect_throw<invalid_value>([&] { check_treatment(t); });
}

BOOST_AUTO_TEST_CASE(boundaries_of_depth_are_inclusive) {
    treatment t = example(0.1_mm);
    auto tier = [&] {
        const aftercare::plan p = make_plan(t);
        return std::string(p.tier());
    };
    BOOST_TEST(tier() == "cosmetic");
    t.device = device::rf;  // plain needling stops at 2.5 mm; RF reaches the deepest tier's end
    t.depth = 3.0_mm;
    BOOST_TEST(tier() == "deep");
    t.device = device::pen;
    t.device = device::home_roller;
    t.depth = 0.5_mm;
    BOOST_TEST(tier() == "light");
    t.device = device::rf;
    BOOST_TEST(tier() == "light");
}

// --- value semantics and threads -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(copies_share_data_and_outlive_the_original) {
    std::optional<aftercare::plan> original(make_plan(example()));
    const aftercare::plan copy = *original;
    const entry* before = copy.find("effect.redness");
    original.reset();
    BOOST_TEST(before == copy.find("effect.redness"));
    BOOST_TEST(before->title == "Redness");
    BOOST_TEST(!before->sources.empty());
    BOOST_TEST((copy.treatment() == example()));
}

BOOST_AUTO_TEST_CASE(make_plan_is_pure_and_thread_safe) {
    const auto expected = numbers(make_plan(example()));
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int k = 0; k < 200; ++k) {
                if (numbers(make_plan(example())) != expected) ++mismatches;
            }
        });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(mismatches.load() == 0);
}

// --- issue 10: RF sun, makeup by area, the scalp, depth limits and cautions, the next session ----

namespace {

const detail::protocol_data& pdata() { return default_protocol().data(); }

const detail::entry_def& def(std::string_view code) {
    const std::uint16_t i = pdata().find_entry(code);
    BOOST_TEST_REQUIRE(i != detail::no_index, "no entry " << code);
    return pdata().entries[i];
}

bool has_note(const plan& p, std::string_view code) {
    return std::any_of(p.notes().begin(), p.notes().end(), [&](const plan_note& n) { return n.code == code; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(rf_lengthens_sun_avoidance_to_its_modifiers) {
    for (needle_depth d : {0.5_mm, 1.0_mm, 2.0_mm}) {
        treatment rf = example(d);
        rf.device = device::rf;
        const plan p = make_plan(rf);
        for (const detail::modifier& m : def("restriction.sun").modifiers) {
            if (!m.when.devices.contains(device::rf)) continue;
            const std::string_view stage = def("restriction.sun").stages[m.stage].code;
            BOOST_TEST(stage_until(p, "restriction.sun", stage) >= m.amount, stage << " at " << to_string(d));
        }
        BOOST_TEST(stage_until(p, "restriction.sun", "restriction.sun.strict") > stage_until(make_plan(example(d)), "restriction.sun", "restriction.sun.strict"));
    }
}

BOOST_AUTO_TEST_CASE(makeup_is_restricted_only_where_makeup_is_worn) {
    const detail::condition& where = def("restriction.makeup").when;
    BOOST_TEST(!where.areas.empty());
    for (area a : all_values<area>()) {
        treatment t = example(1.0_mm);
        t.area = a;
        const plan p = make_plan(t);
        BOOST_TEST((p.find("restriction.makeup") != nullptr) == where.areas.contains(a), to_string(a));
    }
    BOOST_TEST(!where.areas.contains(area::scalp));
}

BOOST_AUTO_TEST_CASE(the_scalp_has_its_own_first_wash_minoxidil_and_hat_advice) {
    treatment scalp = example(1.5_mm);
    scalp.area = area::scalp;
    const plan p = make_plan(scalp);
    const plan face = make_plan(example(1.5_mm));
    // The first hair wash: the scalp modifier's value, later than the face's first wash.
    const detail::modifier& wash = def("care.first_wash").modifiers.front();
    BOOST_TEST(wash.when.areas.contains(area::scalp));
    BOOST_TEST(get(p, "care.first_wash").onset == std::max(wash.amount, get(face, "care.first_wash").onset));
    BOOST_TEST(get(p, "care.first_wash").onset > get(face, "care.first_wash").onset);
    BOOST_TEST(stage_until(p, "restriction.nothing_on_skin", "restriction.nothing_on_skin.water_only") >= get(p, "care.first_wash").onset);
    // Minoxidil waits; hats come off at first and are advised in the sun after.
    for (std::string_view code : {"restriction.minoxidil", "restriction.headwear", "care.scalp_hat"}) {
        BOOST_TEST(p.find(code) != nullptr, code);
        BOOST_TEST(face.find(code) == nullptr, code);
    }
    BOOST_TEST(end_of(p, "restriction.minoxidil") == def("restriction.minoxidil").stages.front().until.literal.at(0));
    const entry& hat = get(p, "care.scalp_hat");
    BOOST_TEST(hat.onset == end_of(p, "restriction.headwear"));
    BOOST_TEST(*hat.end == stage_until(p, "restriction.sun", "restriction.sun.strict"));
    BOOST_TEST(has_note(p, "note.scalp"));
}

BOOST_AUTO_TEST_CASE(a_next_session_window_without_an_indication) {
    const plan p = make_plan(example(1.0_mm));
    const entry& next = get(p, "milestone.next_session");
    BOOST_TEST(next.onset == pdata().course.default_interval->at(0));
    BOOST_TEST(next.end.value() == pdata().course.default_interval_max->at(0));
    BOOST_TEST(p.find("milestone.final_assessment") == nullptr);
    BOOST_TEST(!next.sources.empty());
}

BOOST_AUTO_TEST_CASE(depth_limits_per_device_and_area_at_and_just_past_the_limit) {
    auto rejects = [](treatment t) {
        try {
            (void)make_plan(t);
            return std::string();
        } catch (const invalid_value& e) {
            BOOST_TEST(e.field() == "depth");
            return std::string(e.what());
        }
    };
    const needle_depth pen_max = *pdata().device_depth[static_cast<std::size_t>(device::pen)].max;
    treatment pen = example(pen_max);
    pen.area = area::neck;
    BOOST_TEST(rejects(pen).empty());
    pen.depth = needle_depth::from_micrometres(pen_max.micrometres() + 1);
    BOOST_TEST(rejects(pen).find("too deep for a pen") != std::string::npos);
    for (area a : {area::periorbital, area::scalp}) {
        const needle_depth limit = *pdata().area_depth[static_cast<std::size_t>(a)].max;
        treatment t = example(limit);
        t.area = a;
        t.device = device::rf;
        BOOST_TEST(rejects(t).empty(), to_string(a));
        t.depth = needle_depth::from_micrometres(limit.micrometres() + 1);
        const std::string message = rejects(t);
        BOOST_TEST(message.find("too deep for the " + std::string(to_string(a)) + " area") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_CASE(depth_cautions_appear_just_past_their_depth) {
    int checked = 0;
    for (const detail::note_def& n : pdata().notes) {
        if (!n.when.depth_over) continue;
        treatment t = example(*n.when.depth_over);
        if (!n.when.areas.empty()) t.area = *n.when.areas.begin();
        if (!n.when.devices.empty()) t.device = *n.when.devices.begin();
        BOOST_TEST_CONTEXT(n.code) {
            BOOST_TEST(!has_note(make_plan(t), n.code));  // at the depth: not deeper than it
            t.depth = needle_depth::from_micrometres(n.when.depth_over->micrometres() + 1);
            BOOST_TEST(has_note(make_plan(t), n.code));
        }
        ++checked;
    }
    BOOST_TEST(checked >= 4);
}

BOOST_AUTO_TEST_CASE(depth_conditions_are_parsed_strictly) {
    const std::string text = read_file(AFTERCARE_DEFAULT_PROTOCOL_FILE);
    auto error_of = [&](const std::string& from, const std::string& to) {
        std::string changed = text;
        const auto at = changed.find(from);
        BOOST_TEST_REQUIRE(at != std::string::npos);
        changed.replace(at, from.size(), to);
        try {
            (void)parse_protocol(changed, "clinic.json");
            return std::string();
        } catch (const protocol_error& e) {
            return std::string(e.what());
        }
    };
    BOOST_TEST(error_of(R"("depth_mm": {"over": 1.5})", R"("depth_mm": {"over": 1.5, "max": 1.0})").find("expected max > over") != std::string::npos);
    BOOST_TEST(error_of(R"("depth_mm": {"over": 1.5})", R"("depth_mm": {})").find("expected \"over\", \"max\" or both") != std::string::npos);
    BOOST_TEST(error_of(R"("when": {"area": ["scalp"]},
          "stage": "water_only")", R"("when": {"area": ["scalp"], "depth_mm": {"max": 1.0}},
          "stage": "water_only")").find("a modifier cannot depend on depth_mm") != std::string::npos);
    BOOST_TEST(error_of(R"("periorbital": {
        "max": 1.5,)", R"("periorbital": {
        "min": 0.5, "max": 1.5,)").find("an area limit has only") != std::string::npos);
}

// make_plan copies the tier's entries for a treatment no modifier touches, and re-evaluates only the
// entries a modifier touches (and those referring to them) otherwise; the plans are those of the
// general path (every window evaluated), JSON byte for byte, over 3,000 seeded treatments
// (devices, depths, areas, skin types, adjuncts, indications, sessions, histories, with and
// without a time), in English and in a translation (whose copied entries are its own words).
BOOST_AUTO_TEST_CASE(copied_entries_are_the_evaluated_plan) {
    std::mt19937 rng(21);
    const protocol spanish = localize(default_protocol(), "es");
    std::size_t copied = 0, compared = 0;
    while (compared < 3000) {
        const std::optional<treatment> t = random_treatment(rng);
        if (!t) continue;
        for (const protocol* p : {&default_protocol(), &spanish}) {
            const plan fast = make_plan(*t, *p), evaluated = detail::make_plan_evaluated(*t, *p);
            BOOST_TEST_REQUIRE(to_json(fast) == to_json(evaluated), to_string(t->device) << " " << to_string(t->depth) << " mm "
                                                                       << to_string(t->area) << " skin type " << t->skin_type.value());
            BOOST_TEST(fast.entries().size() == evaluated.entries().size());
            ++compared;
        }
        bool any = false;
        const detail::protocol_data& d = default_protocol().data();
        for (std::uint16_t k : d.modified_entries) {
            for (const auto& m : d.entries[k].modifiers) any = any || m.when.matches(*t);
        }
        copied += any ? 0 : 1;
    }
    BOOST_TEST(copied > 50u);  // both paths taken (the draws often add a history, RF or skin types IV–VI)
    BOOST_TEST(copied < 1400u);
    BOOST_TEST(spanish.data().bases_of == &spanish.data());
    const plan es = make_plan(example(), spanish), en = make_plan(example());
    BOOST_TEST(es.entries()[0].title != en.entries()[0].title);
}

BOOST_AUTO_TEST_SUITE_END()
