// aftercare/course.hpp — a course of sessions, not one: when each session can be booked, what
// changes between sessions, what to check again before each one, and when results are judged.
//
// plan_course(t, p, sessions) starts from the treatment `t` (session t.session of the course, usually
// the first) and lays out the sessions that follow it under the protocol's course data
// (clinical-evidence §6):
//
//     aftercare::treatment t = ...;                       // pen 1.5 mm, face, treated 2026-11-21 14:00 UTC
//     t.indication = aftercare::indication::acne_scars;
//     const aftercare::course c = aftercare::plan_course(t, aftercare::default_protocol(), 3);
//     // c.sessions: 1 at 0 h; 2 from 672 h (4 weeks, earliest = typical) to 1008 h (6 weeks, latest);
//     // 3 from 1344 h (typical of 2 + 4 weeks) to 1680 h (typical of 2 + 6 weeks).
//     // c.milestones: the results milestones of the indication and the final assessment, 3 months
//     // after the last session (3360 h); c.reminders: "book session n" when session n-1 ends and
//     // "the window opens" on the earliest day of session n.
//     std::string text = aftercare::to_text(c, {.zone = aftercare::locate_zone("Europe/London")});
//
// Windows, precisely: each session's window is counted from the *typical* time of the one before it
// (a course is planned on the usual schedule; a session booked later moves the rest — plan again
// from it): earliest = typical = previous typical + interval, latest = previous typical +
// interval_max (the interval when the protocol gives no maximum). The interval is the plan's, with
// its modifiers (skin types IV–VI: at least 4 weeks). Without an indication the protocol's
// `course.without_indication` interval is used and there is no final assessment.
//
// Pure and thread-safe; never reads the clock. The views point into the protocol, which the course
// holds.
#pragma once

#include <aftercare/protocol.hpp>
#include <aftercare/screening.hpp>
#include <aftercare/types.hpp>
#include <aftercare/zones.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// Something the protocol says about a session: a change from the one before, or a check.
struct course_note {
    std::string_view code;  // "course.change.depth", "course.rescreen"
    std::string_view text;
    evidence_basis basis = evidence_basis::typical;
    std::span<const std::string_view> sources;
};

/// One session of the course and its booking window, as times after the end of the course's first
/// session (`t`), and as instants when t.treated_at is known.
struct course_session {
    int number = 1;
    std::chrono::minutes earliest{0}, typical{0}, latest{0};
    std::optional<date::sys_seconds> earliest_at, typical_at, latest_at;
    /// What changes at this session, when the protocol says so.
    std::vector<course_note> changes;
    /// Before this session (not the first): the screening conditions to ask about again, and whether
    /// to ask about recent procedures (screen() again with the answers).
    std::vector<aftercare::condition> rescreen;
    bool rescreen_procedures = false;
};

/// A results milestone or the final assessment.
struct course_milestone {
    std::string_view code;  // "course.milestone.*", "milestone.final_assessment"
    std::string_view title;
    std::string_view text;
    std::chrono::minutes at{0};
    std::optional<date::sys_seconds> at_time;
    std::span<const std::string_view> sources;
};

/// A reminder of the course: book a session, or its window opens.
struct course_reminder {
    std::string_view code;  // "course.book_session", "course.window_opens"
    int session = 2;
    std::string_view title;
    std::string_view text;
    std::chrono::minutes at{0};
    std::optional<date::sys_seconds> at_time;
};

struct course {
    aftercare::treatment treatment;  // the session the course is planned from
    int total_sessions = 1;
    std::vector<course_session> sessions;          // from treatment.session to total_sessions
    std::vector<course_milestone> milestones;      // in time order
    std::vector<course_reminder> reminders;        // in time order
    std::string_view rescreen_text;                // what "rescreen" means, in plain words
    std::span<const std::string_view> rescreen_sources;
    /// Why the numbers are what they are (the interval's and the count's notes).
    std::vector<std::string_view> notes;
    aftercare::protocol protocol;                  // keeps the views alive
};

/// The course from treatment `t` under protocol `p`, with `sessions` sessions in all (the
/// indication's count when not given).
///
/// Throws invalid_value as check_treatment does for `t`; naming `sessions` when it is below
/// t.session or above 60, or when it is not given and `t` has no indication; and naming
/// `protocol` when `p` gives no interval for this treatment (no "course" data for the indication,
/// and no "without_indication").
[[nodiscard]] course plan_course(const treatment& t, const protocol& p = default_protocol(), std::optional<int> sessions = std::nullopt);

/// How the course writers place times: the patient's zone (null: UTC) and JSON indentation.
struct course_options {
    zone_ref zone = nullptr;
    int indent = 2;
};

/// The course as JSON (docs/schema/course.schema.json, "schema": "aftercare.course/1").
/// Never throws except std::bad_alloc.
[[nodiscard]] std::string to_json(const course& c, const course_options& options = {});

/// The course as readable text. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_text(const course& c, const course_options& options = {});

/// The course as an RFC 5545 calendar: each session's window as an all-day event (in the patient's
/// zone), each milestone as an all-day event, each reminder as a timed event with an alarm.
/// Throws invalid_value naming `treated_at` when the treatment has no time (a calendar needs dates).
[[nodiscard]] std::string to_ics(const course& c, const course_options& options = {});

}  // namespace aftercare
