// aftercare/triage.hpp — how urgently to act on the symptoms a patient reports after treatment.
//
// triage(plan, reports) checks each reported symptom — when it was seen, how severe it is and which
// signs come with it — against the plan's windows and the protocol's red-flag rules, and says how
// urgently to act, why (in plain words) and what to do:
//
//     aftercare::plan p = aftercare::make_plan(t);                 // t.treated_at: 2026-11-21 14:00 UTC
//     aftercare::symptom_report r;
//     r.symptom = aftercare::symptom::redness;
//     r.seen = date::sys_days{date::November / 29 / 2026} + std::chrono::hours{9};   // or std::chrono::hours{187}
//     r.severity = aftercare::severity::mild;
//     r.signs = {aftercare::sign::warm};
//     const aftercare::assessment a = aftercare::triage(p, {r});
//     // a.level == triage_level::contact_clinic: redness is expected for 48 h after a 1.0 mm pen
//     // treatment and abnormal after 7 d; it is 7 d 19 h, so "red_flag.redness_persistent" fires.
//     for (const aftercare::report_assessment& ra : a.reports) {
//         // ra.level, ra.decided.rule, ra.decided.reason, ra.decided.advice, ra.decided.sources
//     }
//
// The rules, all protocol data with sources (docs/triage.md lists every one):
//
// * A symptom with an expected effect in the plan (redness → effect.redness, ...) gets a window level:
//   `triage.early` before the effect's onset, `triage.expected` from onset to its typical end
//   (inclusive), `triage.settling` after the typical end up to and including the point the plan marks
//   as abnormal, and past that point the protocol's `past` rule for the effect fires (or, if it has
//   none, `triage.overdue`).
// * A red-flag rule fires when the symptom is one it names (or it names none), every sign of
//   `signs_all` and one of `signs_any` are reported, the severity is at least `min_severity`, the
//   device and the rest of the treatment match its condition, and the time is inside its window:
//   from_h <= t < until_h (from is inclusive, until exclusive), or t > the effect's abnormal point
//   for a `past` rule.
// * A symptom with no window in this plan that no rule naming it matched gets `triage.not_covered`.
// * `severe` raises the level that the report would have had without its severity by the
//   protocol's `triage.severe` step (at least one level, capped at emergency); a rule that asks for
//   a minimum severity (bleeding that will not stop) can set a higher level still.
// * The highest level wins, for a report and for the assessment. Among rules of the same level the
//   red-flag rule listed first in the protocol decides (red flags before window levels).
//
// Pure and thread-safe; never reads the clock. Allocates the result only.
#pragma once

#include <aftercare/plan.hpp>
#include <aftercare/protocol.hpp>
#include <aftercare/types.hpp>

#include <date/date.h>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// One symptom as the patient reports it. A regular value type.
struct symptom_report {
    aftercare::symptom symptom = aftercare::symptom::redness;
    /// When it was seen: a UTC instant (the plan must know treated_at), or the time after the end
    /// of treatment (works with any plan).
    std::variant<date::sys_seconds, std::chrono::seconds> seen{std::chrono::seconds{0}};
    /// Not stated: no severity rule applies.
    std::optional<aftercare::severity> severity;
    enum_set<sign> signs;

    friend bool operator==(const symptom_report&, const symptom_report&) = default;
};

/// One rule's verdict on a report. `rule` is a red-flag code ("red_flag.pus") or one of the
/// triage outcomes: "triage.early", "triage.expected", "triage.settling", "triage.overdue",
/// "triage.not_covered", "triage.severe". The views point into the protocol.
struct triage_finding {
    std::string_view rule;
    triage_level level = triage_level::expected;
    std::string_view title;
    std::string_view reason;   // plain words, from the protocol
    std::string_view advice;   // what to do
    std::span<const std::string_view> sources;
};

/// The plan's window for the effect a symptom belongs to (redness → effect.redness).
struct symptom_window {
    std::string_view effect;
    std::chrono::minutes onset{0};
    std::chrono::minutes typical_end{0};
    std::chrono::minutes abnormal_after{0};
};

/// The verdict on one report.
struct report_assessment {
    symptom_report report;
    /// Time since the end of treatment.
    std::chrono::seconds after{0};
    /// When it was seen, when the plan knows treated_at.
    std::optional<date::sys_seconds> seen_at;
    triage_level level = triage_level::expected;
    /// The rule that set `level` (also the first of `matched`).
    triage_finding decided;
    /// Every rule that applies, highest level first.
    std::vector<triage_finding> matched;
    /// The expected effect's window in this plan, when the symptom has one.
    std::optional<symptom_window> window;
    /// True when `severe` set the level (decided.rule == "triage.severe").
    bool raised_by_severity = false;
};

/// The verdict on all reports: the highest level, and each report's. Holds the plan (so its
/// protocol, whose text the views point into, stays alive).
struct assessment {
    aftercare::plan plan;
    triage_level level = triage_level::expected;
    std::vector<report_assessment> reports;  // in the order given
};

struct triage_options {
    /// When set, a report seen after this instant is rejected: it cannot have been seen yet.
    std::optional<date::sys_seconds> as_of;
};

/// The assessment of `reports` against plan `p` and the protocol it was made from. With no
/// reports the level is `expected`. Pure and thread-safe.
///
/// Throws invalid_value when a report is seen before the end of treatment, is given as an instant
/// while the plan has no treated_at, is seen after options.as_of, or holds a symptom, sign or
/// severity that is not one of the codes (the message lists them); and when the plan's protocol
/// has no "triage" section.
[[nodiscard]] assessment triage(const plan& p, std::span<const symptom_report> reports, const triage_options& options = {});

/// The same, for a braced list of reports.
[[nodiscard]] assessment triage(const plan& p, std::initializer_list<symptom_report> reports, const triage_options& options = {});

}  // namespace aftercare
