// aftercare/io/text.hpp — the plan as readable text, for printing or a terminal.
//
//     std::cout << aftercare::to_text(plan, {.zone = aftercare::locate_zone("Europe/London")});
//
// What to expect, what to avoid and until when, what to do, a day-by-day timeline, the red flags,
// the notes and the sources. With a zone and a treatment time the timeline shows local dates and
// times; without, hours after treatment. With a reminder schedule, a "Reminders" section lists
// the daily reminders (local time, first and last day) and every one-off reminder at its local
// date and time:
//
//     std::cout << aftercare::to_text(aftercare::schedule(plan, {.zone = london}));
#pragma once

#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/screening.hpp>
#include <aftercare/triage.hpp>

#include <aftercare/zones.hpp>

#include <date/tz.h>

#include <string>

namespace aftercare {

struct text_options {
    /// The zone for local dates and times; null shows UTC.
    zone_ref zone = nullptr;
    /// Include the list of cited sources at the end.
    bool sources = true;
};

/// The plan as plain UTF-8 text with '\n' line ends. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_text(const plan& p, const text_options& options = {});

/// The schedule's plan as to_text(plan) writes it, plus its reminders in the schedule's zone.
/// `options.zone` null means the schedule's zone. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_text(const reminder_schedule& s, const text_options& options = {});

/// A triage assessment as text: the overall level and what to do, then each report with its level,
/// the rule, why, what to do, the expected window and the other rules that matched.
/// Never throws except std::bad_alloc.
[[nodiscard]] std::string to_text(const assessment& a, const text_options& options = {});

/// A screening decision as text: the decision (and the earliest date), then each finding with why,
/// what to do, until when, and its sources. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_text(const eligibility& e, const text_options& options = {});

}  // namespace aftercare
