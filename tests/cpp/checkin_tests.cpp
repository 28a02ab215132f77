// checkin.hpp: the questions follow the protocol's symptoms and signs; answers give the same triage as
// the equivalent reports; "I need help" is a clinic call; free text is never read; the non-response
// rules fire at, just before and just after each boundary (derived from the protocol data); errors.
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

namespace aftercare {
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, triage_level v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, follow_up_action v) { return os << to_string(v); }
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, question_kind v) { return os << to_string(v); }
}  // namespace aftercare

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;
using std::chrono::seconds;

namespace {

const detail::protocol_data& data() { return default_protocol().data(); }

check_in_answers answers(std::string code, seconds after, std::optional<check_in_status> status = std::nullopt, std::vector<symptom_report> symptoms = {}) {
    check_in_answers a;
    a.check_in = std::move(code);
    a.answered = after;
    a.status = status;
    a.symptoms = std::move(symptoms);
    return a;
}

symptom_report report(symptom s, std::optional<severity> v = std::nullopt, enum_set<sign> signs = {}) {
    symptom_report r;
    r.symptom = s;
    r.severity = v;
    r.signs = signs;
    return r;
}

preferences in_zone(const date::time_zone* zone) {
    preferences p;
    p.zone = zone;
    return p;
}

/// The instant of local time `at` on day `day` after the local day of treatment, in `zone`.
date::sys_seconds on_day(const plan& p, const date::time_zone* zone, int day, std::chrono::minutes at) {
    const date::local_days day0 = date::floor<date::days>(to_local(*p.treatment().treated_at, *zone));
    return to_utc(day0 + date::days{day} + at, *zone);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checkin_tests)

BOOST_AUTO_TEST_CASE(questions_cover_every_symptom_and_sign_with_stable_link_ids) {
    const plan p = make_plan(example());
    const auto all = check_in_questions(p);
    BOOST_TEST_REQUIRE(all.size() == data().check_ins.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        const questionnaire& q = all[i];
        const detail::check_in_def& c = data().check_ins[i];
        BOOST_TEST(q.check_in == c.code);
        BOOST_TEST(q.at == c.at.at(2));  // a 1.0 mm pen treatment is in the third tier
        BOOST_TEST_REQUIRE(q.items.size() >= 3u);
        BOOST_TEST(q.items.front().link_id == "status");
        BOOST_TEST(q.items.front().options.size() == 2u);
        BOOST_TEST(q.items.front().options[0].label == data().questions.fine_label);
        BOOST_TEST(q.items.front().options[1].label == data().questions.help_label);
        BOOST_TEST(q.items.back().link_id == "free_text");
        std::size_t asked = 0;
        for (symptom s : all_values<symptom>()) {
            if (!c.symptoms.empty() && !c.symptoms.contains(s)) continue;
            ++asked;
            const std::string id = "symptom." + std::string(to_string(s));
            const auto find = [&](const std::string& link) {
                return std::find_if(q.items.begin(), q.items.end(), [&](const question& x) { return x.link_id == link; });
            };
            const auto present = find(id), how_bad = find(id + ".severity"), signs = find(id + ".signs");
            BOOST_TEST_REQUIRE((present != q.items.end() && how_bad != q.items.end() && signs != q.items.end()), id);
            BOOST_TEST(present->text == data().symptoms[static_cast<std::size_t>(s)].title);
            BOOST_TEST(how_bad->enable_when == id);
            BOOST_TEST(how_bad->options.size() == all_values<severity>().size());
            BOOST_TEST(signs->repeats);
            BOOST_TEST_REQUIRE(signs->options.size() == all_values<sign>().size());
            for (sign g : all_values<sign>()) BOOST_TEST(signs->options[static_cast<std::size_t>(g)].label == data().signs[static_cast<std::size_t>(g)]);
            BOOST_TEST(!present->sources.empty());
        }
        BOOST_TEST(q.items.size() == 3 + 3 * asked);
    }
}

BOOST_AUTO_TEST_CASE(answers_are_triaged_like_the_same_reports) {
    const plan p = make_plan(example());
    const std::vector<std::vector<symptom_report>> cases{
        {report(symptom::redness, severity::mild)},
        {report(symptom::redness, severity::moderate, {sign::warm, sign::spreading})},
        {report(symptom::pus), report(symptom::swelling, severity::severe)},
        {report(symptom::bumps, std::nullopt, {sign::worsening})},
    };
    for (const auto& reports : cases) {
        for (const detail::check_in_def& c : data().check_ins) {
            const seconds after = std::chrono::duration_cast<seconds>(c.at.at(2)) + 3600s;
            const check_in_assessment a = assess_check_in(p, answers(std::string(c.code), after, check_in_status::fine, reports));
            std::vector<symptom_report> same = reports;
            for (auto& r : same) r.seen = after;
            const assessment t = triage(p, same);
            BOOST_TEST(a.level == t.level);
            BOOST_TEST_REQUIRE(a.triage.reports.size() == t.reports.size());
            for (std::size_t i = 0; i < t.reports.size(); ++i) {
                BOOST_TEST(a.triage.reports[i].level == t.reports[i].level);
                BOOST_TEST(a.triage.reports[i].decided.rule == t.reports[i].decided.rule);
                BOOST_TEST(a.triage.reports[i].after == after);
            }
            BOOST_TEST(!a.help);
        }
    }
}

BOOST_AUTO_TEST_CASE(help_is_a_clinic_call_with_or_without_detail) {
    const plan p = make_plan(example());
    const triage_level help_level = data().questions.help.level;
    const check_in_assessment alone = assess_check_in(p, answers("check_in.24h", 25h, check_in_status::help));
    BOOST_TEST(alone.level == help_level);
    BOOST_TEST(alone.help_without_detail);
    BOOST_TEST_REQUIRE(alone.help.has_value());
    BOOST_TEST(alone.help->rule == "check_in.help");
    BOOST_TEST(alone.triage.reports.empty());
    // Redness on day 1 is expected, but a patient who asks for help still gets the clinic.
    const check_in_assessment expected = assess_check_in(p, answers("check_in.24h", 25h, check_in_status::help, {report(symptom::redness, severity::mild)}));
    BOOST_TEST(expected.triage.level == triage_level::expected);
    BOOST_TEST(expected.level == help_level);
    BOOST_TEST(!expected.help_without_detail);
    // A red flag above the help level keeps its level.
    const check_in_assessment airway = assess_check_in(p, answers("check_in.24h", 25h, check_in_status::help, {report(symptom::breathing_difficulty)}));
    BOOST_TEST(airway.level == triage_level::emergency);
    // "All fine" with nothing reported, and no status at all, are expected.
    BOOST_TEST(assess_check_in(p, answers("check_in.24h", 25h, check_in_status::fine)).level == triage_level::expected);
    BOOST_TEST(assess_check_in(p, answers("check_in.24h", 25h)).level == triage_level::expected);
}

BOOST_AUTO_TEST_CASE(free_text_is_passed_through_never_read) {
    const plan p = make_plan(example());
    check_in_answers a = answers("check_in.72h", 73h, check_in_status::fine);
    a.free_text = "pus, fever and I cannot breathe \xe2\x80\x94 <b>help</b>";
    const check_in_assessment r = assess_check_in(p, a);
    BOOST_TEST(r.free_text == a.free_text);
    BOOST_TEST(r.level == triage_level::expected);  // the words are for a person, not for the rules
}

BOOST_AUTO_TEST_CASE(answers_from_json_and_from_a_questionnaire_response_agree) {
    const plan p = make_plan(example());
    const date::time_zone* london = locate_zone("Europe/London");
    const check_in_answers plain = answers_from_json(p, R"({"check_in": "check_in.72h", "answered_at": "2026-11-24T15:00", "status": "help",
        "symptoms": [{"symptom": "redness", "severity": "moderate", "signs": ["warm", "spreading"]}], "free_text": "itchy"})", london);
    const check_in_answers fhir = answers_from_fhir(p, R"({"resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "urn:aftercare:fhir/Questionnaire/check-in.72h|1.0.0", "authored": "2026-11-24T15:00:00+00:00",
        "item": [{"linkId": "status", "answer": [{"valueCoding": {"code": "help"}}]},
                 {"linkId": "symptoms", "item": [
                     {"linkId": "symptom.redness", "answer": [{"valueBoolean": true}]},
                     {"linkId": "symptom.redness.severity", "answer": [{"valueCoding": {"code": "moderate"}}]},
                     {"linkId": "symptom.redness.signs", "answer": [{"valueCoding": {"code": "spreading"}}, {"valueCoding": {"code": "warm"}}]},
                     {"linkId": "symptom.pus", "answer": [{"valueBoolean": false}]}]},
                 {"linkId": "free_text", "answer": [{"valueString": "itchy"}]}]})");
    BOOST_TEST((plain == fhir));
    BOOST_TEST(plain.symptoms.size() == 1u);
    BOOST_TEST((std::get<date::sys_seconds>(plain.answered) == date::sys_days{date::November / 24 / 2026} + 15h));
}

BOOST_AUTO_TEST_CASE(bad_answers_name_the_field) {
    const plan p = make_plan(example());
    const date::time_zone* london = locate_zone("Europe/London");
    auto message = [&](std::string_view text) { return std::string(expect_throw<invalid_value>([&] { (void)answers_from_json(p, text, london); }).what()); };
    BOOST_TEST(message(R"({"check_in": "check_in.5d", "hours_after": 3})").find("/check_in") != std::string::npos);
    BOOST_TEST(message(R"({"check_in": "check_in.24h", "hours_after": 3, "mood": 1})").find("unknown key \"mood\"") != std::string::npos);
    BOOST_TEST(message(R"({"check_in": "check_in.24h"})").find("answered_at") != std::string::npos);
    BOOST_TEST(message(R"({"check_in": "check_in.24h", "hours_after": 3, "status": "meh"})").find("fine, help") != std::string::npos);
    BOOST_TEST(message(R"({"check_in": "check_in.24h", "hours_after": 3, "symptoms": [{"symptom": "pus"}, {"symptom": "pus"}]})").find("twice") != std::string::npos);
    BOOST_TEST(message("{\"check_in\": ").find("not valid JSON") != std::string::npos);
    auto fhir = [&](std::string_view text) { return std::string(expect_throw<invalid_value>([&] { (void)answers_from_fhir(p, text); }).what()); };
    const std::string head = R"({"resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "urn:aftercare:fhir/Questionnaire/check-in.24h", )";
    BOOST_TEST(fhir(head + R"("authored": "2026-11-22T15:00:00"})").find("zone") != std::string::npos);
    BOOST_TEST(fhir(head + R"("authored": "2026-11-22T15:00:00Z", "item": [{"linkId": "mood"}]})").find("/item/0/linkId") != std::string::npos);
    BOOST_TEST(fhir(head + R"("authored": "2026-11-22T15:00:00Z", "item": [{"linkId": "symptom.pus.severity", "answer": [{"valueCoding": {"code": "mild"}}]}]})")
                   .find("not answered true") != std::string::npos);
    BOOST_TEST(fhir(R"({"resourceType": "QuestionnaireResponse", "status": "completed", "authored": "2026-11-22T15:00:00Z",
                        "questionnaire": "urn:aftercare:fhir/Questionnaire/check-in.24h|0.9"})").find("another protocol version") != std::string::npos);
    BOOST_TEST(fhir(R"({"resourceType": "Patient"})").find("QuestionnaireResponse") != std::string::npos);
    // The assessment itself.
    BOOST_TEST(std::string(expect_throw<invalid_value>([&] { (void)assess_check_in(p, answers("check_in.24h", -1s)); }).what()).find("before the end of treatment") != std::string::npos);
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)assess_check_in(p, answers("nope", 1s)); }).field() == "check_in");
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)assess_check_in(p, answers("check_in.24h", 1s, {}, {report(symptom::pus), report(symptom::pus)})); }).field() == "symptoms");
}

// --- nobody answers ------------------------------------------------------------------------------

const char* const zones[] = {"Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe"};

BOOST_DATA_TEST_CASE(non_response_rules_fire_at_each_boundary, bdata::make(zones), zone_name) {
    const date::time_zone* zone = locate_zone(zone_name);
    const plan p = make_plan(example());
    const reminder_schedule s = schedule(p, in_zone(zone));
    const detail::follow_up_def& f = data().follow_up;
    BOOST_TEST_REQUIRE(f.present);
    // The boundaries, from the protocol data: noon-style local times on days counted from the treatment day.
    const date::sys_seconds nudge = on_day(p, zone, f.nudge.day.at(2), f.nudge.at);
    const date::sys_seconds task = on_day(p, zone, f.clinic_task.day.at(2), f.clinic_task.at);
    const follow_up_times due = follow_up_due(s);
    BOOST_TEST_REQUIRE((due.nudge && due.clinic_task));
    BOOST_TEST((*due.nudge == nudge));
    BOOST_TEST((*due.clinic_task == task));
    const std::vector<std::string> none;
    auto action = [&](date::sys_seconds now) { return follow_up(p, s, none, now).action; };
    BOOST_TEST(action(nudge - 1s) == follow_up_action::none);
    BOOST_TEST(action(nudge) == follow_up_action::nudge);
    BOOST_TEST(action(nudge + 1s) == follow_up_action::nudge);
    BOOST_TEST(action(task - 1s) == follow_up_action::nudge);
    BOOST_TEST(action(task) == follow_up_action::clinic_task);
    BOOST_TEST(action(task + 1s) == follow_up_action::clinic_task);
    const follow_up_step before = follow_up(p, s, none, nudge - 1s);
    BOOST_TEST(before.next_action == follow_up_action::nudge);
    BOOST_TEST((before.next_due == nudge));
    const follow_up_step n = follow_up(p, s, none, nudge);
    BOOST_TEST((n.due == nudge));
    BOOST_TEST(n.code == "follow_up.nudge");
    BOOST_TEST(n.text == f.nudge.text);
    BOOST_TEST(!n.check_in.empty());  // the latest check-in shown before the nudge
    BOOST_TEST((n.next_due == task));
    BOOST_TEST(!n.sources.empty());
    // Any answer, to any check-in, stops the loop at every boundary.
    const std::vector<std::string> answered{std::string(data().check_ins.front().code)};
    for (const date::sys_seconds t : {nudge - 1s, nudge, task, task + 1s}) BOOST_TEST(follow_up(p, s, answered, t).action == follow_up_action::none);
}

BOOST_AUTO_TEST_CASE(the_nudge_waits_for_the_patients_wake_time) {
    const date::time_zone* london = locate_zone("Europe/London");
    const plan p = make_plan(example());
    const detail::follow_up_rule& n = data().follow_up.nudge;
    preferences late;
    late.zone = london;
    late.wake = n.at + 60min;  // quiet hours still running at the nudge's time
    late.bed = std::min(late.wake + 10h, std::chrono::minutes{23 * 60 + 59});
    const reminder_schedule s = schedule(p, late);
    BOOST_TEST((follow_up_due(s).nudge == on_day(p, london, n.day.at(2), late.wake)));
}

BOOST_AUTO_TEST_CASE(follow_up_refuses_what_it_cannot_answer) {
    const plan p = make_plan(example());
    const reminder_schedule s = schedule(p, in_zone(locate_zone("Europe/London")));
    const date::sys_seconds now = *p.treatment().treated_at + 100h;
    const std::vector<std::string> bad{"check_in.never"};
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)follow_up(p, s, bad, now); }).field() == "answered");
    const plan other = make_plan(example(0.5_mm));
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)follow_up(other, s, {}, now); }).field() == "schedule");
    treatment relative = example();
    relative.treated_at.reset();
    const plan rp = make_plan(relative);
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)follow_up(rp, schedule(rp), {}, now); }).field() == "treated_at");
}

BOOST_AUTO_TEST_SUITE_END()
