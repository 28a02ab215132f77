// aftercare/io/json.hpp — the plan as JSON, the format other programs read.
//
//     const auto* zone = aftercare::locate_zone("Europe/London");
//     std::string text = aftercare::to_json(plan, {.zone = zone});
//
// The document follows docs/schema/plan.schema.json ("schema": "aftercare.plan/1"). The keys
// others read — schema, protocol.id, protocol.version, entries[].code/kind/onset_h/typical_end_h/
// abnormal_after_h/until_h/start/end/sources — only change with a new schema version.
// Times are hours after the end of treatment; start/end are RFC 3339 with the offset of `zone`
// (UTC "Z" when no zone is given), present only when the treatment time is known.
//
// With a reminder schedule the document also has "reminder_settings", "reminders" and "series"
// (docs/reminders.md): each reminder's `at` is RFC 3339 with the patient's local offset.
//
//     std::string text = aftercare::to_json(aftercare::schedule(plan, {.zone = zone}));
#pragma once

#include <aftercare/checkin.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/screening.hpp>
#include <aftercare/triage.hpp>

#include <aftercare/zones.hpp>

#include <date/tz.h>

#include <string>
#include <string_view>
#include <vector>

namespace aftercare {

/// The most spaces per level a JSON writer indents by.
inline constexpr int max_json_indent = 16;

struct json_options {
    /// The zone for start/end offsets; null writes UTC ("Z").
    zone_ref zone = nullptr;
    /// Spaces per level, 0 to max_json_indent; -1 writes one line. Anything else is rejected.
    int indent = 2;
};

/// Throws invalid_value (field "indent") unless options.indent is -1..max_json_indent. Every
/// to_json below checks its options so, first: "Never throws" below means for valid options.
void check_json_options(const json_options& options);

/// The plan as a JSON document (UTF-8). Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const plan& p, const json_options& options = {});

/// The schedule's plan and its reminders as one JSON document (UTF-8). Entries' times use
/// `options.zone`, or the schedule's zone when it is null; reminders always use the schedule's.
/// Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const reminder_schedule& s, const json_options& options = {});

/// A triage assessment as JSON (docs/schema/triage.schema.json, "schema": "aftercare.triage/1"):
/// the overall `level` and `reports[]` with symptom, level, rule, reason, advice, the window and every
/// matching rule. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const assessment& a, const json_options& options = {});

/// A screening decision as JSON (docs/schema/screening.schema.json, "schema": "aftercare.screening/1"):
/// `decision`, `earliest` and `findings[]` with code, decision, reason, advice, until and sources.
/// Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const eligibility& e, const json_options& options = {});

/// A check-in's questions as JSON (docs/schema/check-in-questions.schema.json, "schema":
/// "aftercare.check_in_questions/1"): check_in, title, text, at_h and items[] with link_id, kind, text,
/// symptom, options, repeats, enable_when and sources. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const questionnaire& q, const json_options& options = {});

/// A check-in assessment as JSON (docs/schema/check-in-assessment.schema.json, "schema":
/// "aftercare.check_in_assessment/1"): check_in, answered_at, status, level, action, help, free_text and
/// `triage`, the triage document of the symptoms answered. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const check_in_assessment& a, const json_options& options = {});

/// What follow_up() says is due, as JSON (docs/schema/follow-up.schema.json, "schema":
/// "aftercare.follow_up/1"): action, code, title, text, due, check_in, next_action, next_due, sources and
/// the rules' instants (`rules`: nudge, clinic_task). Times use options.zone. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const follow_up_step& f, const follow_up_times& rules, const protocol& p, const json_options& options = {});

/// Symptom reports from a JSON document:
///
///     {"reports": [{"symptom": "redness", "seen_at": "2026-11-29T09:00", "severity": "mild", "signs": ["warm"]},
///                  {"symptom": "pus", "hours_after": 30}]}
///
/// Each report has `symptom`, exactly one of `seen_at` (local time in `zone`) or `hours_after`
/// (a number >= 0), and optionally `severity` and `signs`; nothing else. Throws invalid_value whose
/// field is the JSON pointer and whose message reads "ORIGIN:LINE:COLUMN: POINTER: what was
/// expected" (codes are listed), also for text that is not JSON and for `seen_at` without a zone.
[[nodiscard]] std::vector<symptom_report> reports_from_json(std::string_view json_text, zone_ref zone,
                                                            std::string_view origin = "<string>");

}  // namespace aftercare
