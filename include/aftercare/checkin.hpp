// aftercare/checkin.hpp — the check-in loop: the questions, the answers, and what to do when nobody answers.
//
// A check-in (reminders.hpp) asks the patient how the skin is. This header turns it into a loop, after
// the two-way texting (2wT) design (docs/check-ins.md; every number is protocol data with sources):
//
//  1. questions: check_in_questions(plan, "check_in.72h") — the one-tap status ("All fine" / "I need
//     help"), each symptom triage knows (present? how bad? with which signs?) and free text, with
//     stable link ids ("status", "symptom.redness", "symptom.redness.severity", "symptom.redness.signs",
//     "free_text"). io/fhir.hpp writes them as a FHIR Questionnaire, io/json.hpp as plain JSON.
//  2. answers: answers_from_json(...) or answers_from_fhir(...) (a QuestionnaireResponse) → check_in_answers;
//     assess_check_in(plan, answers) turns the symptoms into symptom reports and returns the triage
//     assessment. "I need help" is a clinic call (the protocol's questions.status.help_level); free text
//     is passed through for a person to read, never parsed for meaning.
//  3. nobody answers: follow_up(plan, schedule, answered, now) — a nudge to the patient, a task for the
//     clinic, or nothing. The library sends nothing: it tells the host what is due.
//
//     const aftercare::plan p = aftercare::make_plan(t);                     // t.treated_at: 2026-11-21 14:00 UTC
//     const aftercare::reminder_schedule s = aftercare::schedule(p, prefs);   // prefs.zone = london
//     aftercare::check_in_answers a;
//     a.check_in = "check_in.72h";
//     a.answered = date::sys_days{date::November / 24 / 2026} + std::chrono::hours{15};
//     a.status = aftercare::check_in_status::fine;
//     a.symptoms.push_back({.symptom = aftercare::symptom::redness, .severity = aftercare::severity::mild});
//     const aftercare::check_in_assessment r = aftercare::assess_check_in(p, a);
//     // r.level == monitor: redness is expected for 48 h after a 1.0 mm pen treatment; at 73 h it should be settling.
//     const aftercare::follow_up_step f = aftercare::follow_up(p, s, {}, date::sys_days{date::November / 24 / 2026} + std::chrono::hours{12});
//     // f.action == follow_up_action::nudge: no check-in answered by noon on day 3.
//
// Pure and thread-safe; nothing reads the clock.
#pragma once

#include <aftercare/detail/enum_codes.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/triage.hpp>
#include <aftercare/types.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace aftercare {

// =============================================================================================
// Interface
// =============================================================================================

/// The one-tap answer: 2wT's "0 = no problem" and "1 = I need help".
enum class check_in_status : std::uint8_t { fine, help };

/// What a question asks.
enum class question_kind : std::uint8_t { status, symptoms, present, severity, signs, free_text };

/// What is due when nobody has answered.
enum class follow_up_action : std::uint8_t { none, nudge, clinic_task };

namespace detail {
template <> struct code_table<check_in_status> {
    static constexpr std::string_view field = "status";
    static constexpr std::array<std::string_view, 2> codes{"fine", "help"};
};
template <> struct code_table<question_kind> {
    static constexpr std::string_view field = "question kind";
    static constexpr std::array<std::string_view, 6> codes{"status", "symptoms", "present", "severity", "signs", "free_text"};
};
template <> struct code_table<follow_up_action> {
    static constexpr std::string_view field = "action";
    static constexpr std::array<std::string_view, 3> codes{"none", "nudge", "clinic_task"};
};
}  // namespace detail

/// One answer option: its stable code ("help", "moderate", "spreading") and its words.
struct answer_option {
    std::string_view code;
    std::string_view label;
};

/// One question. `link_id` is stable (FHIR Questionnaire.item.linkId):
///
/// | kind      | link_id                   | answer                                        |
/// |-----------|---------------------------|-----------------------------------------------|
/// | status    | status                    | one of fine, help                             |
/// | symptoms  | symptoms                  | (a group: the questions below, per symptom)   |
/// | present   | symptom.S                 | yes / no                                      |
/// | severity  | symptom.S.severity        | one of mild, moderate, severe (when present)  |
/// | signs     | symptom.S.signs           | any of the signs (when present)               |
/// | free_text | free_text                 | text, for a person to read                    |
struct question {
    std::string link_id;
    question_kind kind = question_kind::status;
    std::string_view text;
    std::optional<aftercare::symptom> symptom;      // present, severity, signs
    std::vector<answer_option> options;             // status, severity, signs
    bool repeats = false;                           // signs: more than one answer
    std::string enable_when;                        // severity, signs: asked when this link id is answered yes
    std::span<const std::string_view> sources;
};

/// The questions of one check-in, in order (the symptom questions follow their group). The views
/// point into `protocol`, which the questionnaire keeps alive.
struct questionnaire {
    aftercare::protocol protocol;
    std::string_view check_in;  // "check_in.72h"
    std::string_view title;
    std::string_view text;
    std::chrono::minutes at{0};  // after the end of treatment
    std::vector<question> items;
    std::span<const std::string_view> sources;  // the check-in's
};

/// The questions of check-in `code`. Throws invalid_value("check_in", ...) listing the codes when the
/// protocol has no such check-in, and invalid_value("questions", ...) when it has no "questions" section.
[[nodiscard]] questionnaire check_in_questions(const plan& p, std::string_view code);

/// The questions of every check-in, in protocol order (empty when the protocol has none).
/// Throws invalid_value("questions", ...) when it has check-ins but no "questions" section.
[[nodiscard]] std::vector<questionnaire> check_in_questions(const plan& p);

/// The answers to one check-in. A regular value type.
struct check_in_answers {
    std::string check_in;  // the check-in's code
    /// When it was answered: a UTC instant, or the time after the end of treatment. Every symptom's
    /// `seen` is set to it by assess_check_in.
    std::variant<date::sys_seconds, std::chrono::seconds> answered{std::chrono::seconds{0}};
    std::optional<check_in_status> status;    // not answered: nullopt
    std::vector<symptom_report> symptoms;     // the symptoms answered "yes", with severity and signs
    std::string free_text;                    // passed through; never read for meaning
    friend bool operator==(const check_in_answers&, const check_in_answers&) = default;
};

/// The verdict on one check-in's answers.
struct check_in_assessment {
    explicit check_in_assessment(aftercare::assessment t) : triage(std::move(t)) {}
    /// The triage of the symptoms answered (triage.hpp), each seen when the check-in was answered.
    assessment triage;
    /// The highest of triage.level and, for "I need help", the protocol's help level.
    triage_level level = triage_level::expected;
    std::string check_in;
    std::optional<check_in_status> status;
    std::chrono::seconds after{0};               // time since the end of treatment
    std::optional<date::sys_seconds> answered_at;
    /// "I need help": the protocol's finding (rule "check_in.help"), whether or not symptoms were given.
    std::optional<triage_finding> help;
    /// "I need help" with no symptom: the clinic call is all there is to go on.
    bool help_without_detail = false;
    /// The free text, as given, for a person to read (empty: none).
    std::string free_text;
};

/// Answers from plain JSON (docs/schema/check-in-answers.schema.json):
///
///     {"check_in": "check_in.72h", "answered_at": "2026-11-24T15:00", "status": "help",
///      "symptoms": [{"symptom": "redness", "severity": "moderate", "signs": ["warm"]}],
///      "free_text": "It itches at night"}
///
/// `answered_at` is local time in `zone` (or give `hours_after`, a number >= 0). Throws invalid_value
/// whose field is the JSON pointer ("ORIGIN:LINE:COLUMN: POINTER: what was expected"): not JSON, an
/// unknown key or code, a symptom twice, a check-in the protocol does not have.
[[nodiscard]] check_in_answers answers_from_json(const plan& p, std::string_view json_text, zone_ref zone,
                                                 std::string_view origin = "<string>");

/// Answers from a FHIR R4 QuestionnaireResponse for one of this plan's check-in Questionnaires
/// (io/fhir.hpp): `questionnaire` is the Questionnaire's canonical (with or without |version),
/// `status` completed or amended, `authored` a dateTime with a zone; items by the link ids above.
/// Throws invalid_value naming the JSON pointer, as answers_from_json does.
[[nodiscard]] check_in_answers answers_from_fhir(const plan& p, std::string_view json_text, std::string_view origin = "<string>");

/// The assessment of `answers` against plan `p`: the symptoms are triaged as reports seen at
/// `answers.answered` (triage.hpp, with `options`); "I need help" raises the level to at least the
/// protocol's help level. Free text is copied through. Pure and thread-safe.
///
/// Throws invalid_value as triage() does, and invalid_value("check_in", ...) for a check-in the
/// protocol does not have, ("symptoms", ...) for a symptom given twice, and ("questions", ...) when
/// the protocol has no "questions" section.
[[nodiscard]] check_in_assessment assess_check_in(const plan& p, const check_in_answers& answers, const triage_options& options = {});

/// What is due when nobody answers. The views point into the plan's protocol: keep the plan.
struct follow_up_step {
    follow_up_action action = follow_up_action::none;
    std::string_view code;   // "follow_up.nudge", "follow_up.clinic_task"; empty for none
    std::string_view title;
    std::string_view text;   // the nudge's message to the patient, or the clinic task's description
    std::optional<date::sys_seconds> due;  // when it fell due
    /// The check-in a nudge asks again: the latest shown before it.
    std::string_view check_in;
    /// If still nobody answers: the next action and when it falls due (none when nothing follows).
    follow_up_action next_action = follow_up_action::none;
    std::optional<date::sys_seconds> next_due;
    std::span<const std::string_view> sources;
};

/// The instants the non-response rules fall due for this schedule (nullopt: the rule does not apply,
/// because no check-in is shown before it). The nudge is at the protocol's time on its day
/// (day 0 = the local day treatment ended), moved out of quiet hours to the next wake time; the clinic
/// task at its time on its day, whatever the quiet hours.
struct follow_up_times {
    std::optional<date::sys_seconds> nudge;
    std::optional<date::sys_seconds> clinic_task;
};
[[nodiscard]] follow_up_times follow_up_due(const reminder_schedule& s);

/// What is due at `now` when the check-ins in `answered` (codes) have been answered: nothing when any
/// was answered (an answer to any check-in counts, as in 2wT), when the protocol has no "follow_up"
/// section, or before the nudge; the nudge from its instant until the clinic task's; the clinic task
/// from then on. `s` must be a schedule of `p`. Pure; never reads the clock.
///
/// Throws invalid_value("answered", ...) for a code that is not one of the protocol's check-ins,
/// ("schedule", ...) when `s` is not a schedule of `p`, and ("treated_at", ...) when the plan has no
/// treatment time.
[[nodiscard]] follow_up_step follow_up(const plan& p, const reminder_schedule& s, std::span<const std::string> answered, date::sys_seconds now);

}  // namespace aftercare
