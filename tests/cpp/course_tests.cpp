// course.hpp: session windows derived from the protocol's course data (interval, maximum, modifiers),
// the count, changes by session, re-screening, milestones and the final assessment, reminders, bad
// input, and the writers (JSON parsed back, the calendar's structure).
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

namespace aftercare {
// Boost.Test prints the samples of a data test case: codes read better than numbers.
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, indication v) { return os << to_string(v); }
}  // namespace aftercare

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;
using std::chrono::minutes;

namespace {

const detail::protocol_data& data() { return default_protocol().data(); }

treatment for_indication(indication i, int skin = 3) {
    treatment t = example(1.5_mm);
    t.indication = i;
    t.skin_type = skin_type{skin};
    if (i == indication::hair_loss) t.area = area::scalp;
    return t;
}

// The interval the plan gives this treatment for its next session (the protocol's value with modifiers).
std::pair<minutes, std::optional<minutes>> plan_interval(const treatment& t) {
    treatment first = t;
    first.session = 1;
    const plan p = make_plan(first);
    const entry* next = p.find("milestone.next_session");
    BOOST_TEST_REQUIRE(next != nullptr);
    return {next->onset, next->end};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(course_tests)

BOOST_DATA_TEST_CASE(windows_follow_the_plan_interval_for_every_indication,
                     bdata::make({indication::acne_scars, indication::wrinkles, indication::texture, indication::stretch_marks,
                                  indication::hair_loss, indication::pigmentation}) *
                         bdata::make({3, 5}),
                     ind, skin) {
    const treatment t = for_indication(ind, skin);
    const course c = plan_course(t);
    const detail::indication_def& def = data().course.indications[static_cast<std::size_t>(ind)];
    const std::size_t tier = data().tier_index(t.depth);
    BOOST_TEST(c.total_sessions == def.sessions.at(tier));
    BOOST_TEST_REQUIRE(c.sessions.size() == static_cast<std::size_t>(c.total_sessions));
    const auto [interval, latest] = plan_interval(t);
    BOOST_TEST(c.sessions.front().typical == minutes{0});
    BOOST_TEST(c.sessions.front().rescreen.empty());
    for (std::size_t i = 1; i < c.sessions.size(); ++i) {
        const course_session& s = c.sessions[i];
        BOOST_TEST(s.number == static_cast<int>(i) + 1);
        BOOST_TEST(s.earliest == c.sessions[i - 1].typical + interval);
        BOOST_TEST(s.typical == s.earliest);
        BOOST_TEST(s.latest == c.sessions[i - 1].typical + latest.value_or(interval));
        BOOST_TEST(s.earliest <= s.latest);
        BOOST_TEST(s.rescreen.size() == data().course.rescreen_conditions.size());
        BOOST_TEST(s.rescreen_procedures == data().course.rescreen_procedures);
        BOOST_TEST((s.typical_at == *t.treated_at + s.typical));
    }
    // The final assessment is assess_after_last after the last session's typical time; milestones in order.
    BOOST_TEST_REQUIRE(!c.milestones.empty());
    const auto final_it = std::find_if(c.milestones.begin(), c.milestones.end(),
                                       [](const course_milestone& m) { return m.code == "milestone.final_assessment"; });
    BOOST_TEST_REQUIRE((final_it != c.milestones.end()));
    BOOST_TEST(final_it->at == c.sessions.back().typical + minutes{def.assess_after_last.at(tier)});
    BOOST_TEST(std::is_sorted(c.milestones.begin(), c.milestones.end(), [](const auto& a, const auto& b) { return a.at < b.at; }));
    // Two reminders per later session: book it when the one before happens, and when its window opens.
    BOOST_TEST(c.reminders.size() == 2 * (c.sessions.size() - 1));
    for (const course_reminder& r : c.reminders) {
        const course_session& s = c.sessions.at(static_cast<std::size_t>(r.session - 1));
        BOOST_TEST((r.at == (r.code == "course.book_session" ? c.sessions.at(static_cast<std::size_t>(r.session - 2)).typical : s.earliest)));
    }
}

BOOST_AUTO_TEST_CASE(skin_types_iv_to_vi_never_get_sessions_closer_than_the_modifier) {
    const detail::modifier& m = data().course.modifiers.front();
    for (int skin = 1; skin <= 6; ++skin) {
        const course c = plan_course(for_indication(indication::acne_scars, skin), default_protocol(), 3);
        const minutes gap = c.sessions[1].earliest - c.sessions[0].typical;
        BOOST_TEST_CONTEXT("skin type " << skin) {
            if (m.when.matches(for_indication(indication::acne_scars, skin))) BOOST_TEST(gap >= m.amount);
        }
    }
}

BOOST_AUTO_TEST_CASE(changes_appear_from_their_session_for_matching_treatments) {
    for (const detail::course_change_def& ch : data().course.changes) {
        BOOST_TEST_CONTEXT(ch.code) {
            treatment t = for_indication(ch.when.indications.empty() ? indication::acne_scars : *ch.when.indications.begin(),
                                         ch.when.skin_types != 0 ? 5 : 3);
            if (!ch.when.devices.empty()) t.device = *ch.when.devices.begin();
            if (!ch.when.adjuncts.empty()) t.adjuncts = ch.when.adjuncts;
            BOOST_TEST_REQUIRE(ch.when.matches(t));
            const course c = plan_course(t, default_protocol(), 4);
            for (const course_session& s : c.sessions) {
                const bool listed = std::any_of(s.changes.begin(), s.changes.end(), [&](const course_note& n) { return n.code == ch.code; });
                BOOST_TEST(listed == (s.number >= ch.from_session), "session " << s.number);
            }
        }
    }
    // Not for other treatments: no acne-scar depth change for a wrinkle course.
    const course wrinkles = plan_course(for_indication(indication::wrinkles), default_protocol(), 4);
    for (const course_session& s : wrinkles.sessions) {
        for (const course_note& n : s.changes) BOOST_TEST(n.code != "course.change.depth");
    }
}

BOOST_AUTO_TEST_CASE(without_an_indication_the_default_interval_and_no_final_assessment) {
    treatment t = example(1.0_mm);
    BOOST_CHECK_THROW((void)plan_course(t), invalid_value);
    const course c = plan_course(t, default_protocol(), 3);
    BOOST_TEST(c.sessions.size() == 3u);
    BOOST_TEST(c.sessions[1].earliest == data().course.default_interval->at(0));
    BOOST_TEST(c.sessions[1].latest == data().course.default_interval_max->at(0));
    for (const course_milestone& m : c.milestones) BOOST_TEST(m.code != "milestone.final_assessment");
}

BOOST_AUTO_TEST_CASE(a_course_from_a_later_session) {
    treatment t = for_indication(indication::acne_scars);
    t.session = 2;
    const course c = plan_course(t, default_protocol(), 3);
    BOOST_TEST_REQUIRE(c.sessions.size() == 2u);
    BOOST_TEST(c.sessions[0].number == 2);
    BOOST_TEST(c.sessions[1].number == 3);
    BOOST_TEST(c.sessions[0].typical == minutes{0});
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_field) {
    treatment t = for_indication(indication::acne_scars);
    for (int n : {0, 61, -3}) {
        try {
            (void)plan_course(t, default_protocol(), n);
            BOOST_FAIL("no error for " << n);
        } catch (const invalid_value& e) {
            BOOST_TEST(e.field() == "sessions");
            BOOST_TEST(std::string(e.what()).find(std::to_string(n)) != std::string::npos);
        }
    }
    t.session = 3;
    BOOST_CHECK_THROW((void)plan_course(t, default_protocol(), 2), invalid_value);  // fewer than this session
    BOOST_TEST(plan_course(t, default_protocol(), 60).sessions.size() == 58u);       // the upper bound is inclusive
    t.depth = 9.0_mm;
    BOOST_CHECK_THROW((void)plan_course(t, default_protocol(), 3), invalid_value);
}

BOOST_AUTO_TEST_CASE(json_text_and_calendar) {
    const course c = plan_course(for_indication(indication::acne_scars), default_protocol(), 3);
    const auto* zone = locate_zone("Europe/Kyiv");
    const auto doc = nlohmann::json::parse(to_json(c, {.zone = zone}));
    BOOST_TEST(doc.at("schema") == "aftercare.course/1");
    BOOST_TEST(doc.at("sessions").size() == 3u);
    BOOST_TEST(doc.at("sessions")[1].at("earliest_h").get<double>() == static_cast<double>(c.sessions[1].earliest.count()) / 60.0);
    BOOST_TEST(doc.at("sessions")[1].at("earliest").get<std::string>().ends_with("+02:00"));
    BOOST_TEST(std::any_of(doc.at("milestones").begin(), doc.at("milestones").end(),
                           [](const auto& m) { return m.at("code") == "milestone.final_assessment"; }));
    for (const auto& s : doc.at("sessions")[1].at("changes")) {
        for (const auto& k : s.at("sources")) BOOST_TEST(doc.at("sources").contains(k.get<std::string>()));
    }
    const std::string text = to_text(c, {.zone = zone});
    BOOST_TEST(text.find("Session 3: from ") != std::string::npos);
    const std::string_view rescreen = data().course.rescreen_text;
    BOOST_TEST(text.find(rescreen.substr(0, rescreen.find(' ', 20))) != std::string::npos);  // its first words (the text is wrapped)
    const std::string ics = to_ics(c, {.zone = zone});
    BOOST_TEST(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    BOOST_TEST(ics.ends_with("END:VCALENDAR\r\n"));
    std::size_t events = 0;
    for (std::size_t pos = 0; (pos = ics.find("BEGIN:VEVENT", pos)) != std::string::npos; ++pos) ++events;
    BOOST_TEST(events == (c.sessions.size() - 1) + c.milestones.size() + c.reminders.size());
    treatment untimed = for_indication(indication::acne_scars);
    untimed.treated_at.reset();
    const course relative = plan_course(untimed, default_protocol(), 2);
    BOOST_TEST(!relative.sessions[1].earliest_at.has_value());
    BOOST_CHECK_THROW((void)to_ics(relative), invalid_value);
    BOOST_TEST(to_text(relative).find("after session 1") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
