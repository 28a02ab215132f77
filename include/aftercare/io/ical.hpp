// aftercare/io/ical.hpp — reminders as an iCalendar file (RFC 5545) a phone calendar imports.
//
//     const aftercare::reminder_schedule s = aftercare::schedule(plan, {.zone = london});
//     std::ofstream("aftercare.ics", std::ios::binary) << aftercare::to_ics(s);
//
// The file (docs/reminders.md, "The .ics file"):
//  - CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values
//    escaped (backslash, semicolon, comma, newline);
//  - VERSION:2.0, PRODID, CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME, X-WR-TIMEZONE, and the
//    protocol as X-AFTERCARE-PROTOCOL-ID / X-AFTERCARE-PROTOCOL-VERSION;
//  - one VTIMEZONE for the schedule's zone, built from the tz database over the span the events
//    use: one STANDARD or DAYLIGHT sub-component per observance (TZOFFSETFROM, TZOFFSETTO, TZNAME,
//    DTSTART in the local time before the transition), no rules to guess;
//  - one VEVENT per daily series (DTSTART;TZID=zone:local first time + RRULE:FREQ=DAILY;COUNT=n)
//    and per one-off reminder, each with a VALARM (DISPLAY, at the start), a DURATION, TRANSP:
//    TRANSPARENT (reminders never make the patient look busy), and X-AFTERCARE-CODE/-KIND;
//  - stable UIDs (a hash of the protocol id and version, the treatment, the code and the first
//    instant) and DTSTAMP = the treatment time: the same input gives the byte-identical file.
// Expanding the file's recurrences gives exactly the instants of schedule().reminders().
#pragma once

#include <aftercare/reminders.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

struct ical_options {
    /// X-WR-CALNAME; empty: "Aftercare: " + the protocol's title.
    std::string_view calendar_name;
    /// Each event's DURATION, 1 min to 24 h.
    std::chrono::minutes duration{15};
    /// A VALARM (DISPLAY at the event's start) in each event.
    bool alarm = true;
};

/// The schedule as an iCalendar document (UTF-8, CRLF line ends).
/// Throws invalid_value("treated_at", ...) when the schedule's plan has no treatment time (there
/// is nothing to put in a calendar), and invalid_value("duration", ...) for a duration outside
/// 1 min–24 h.
[[nodiscard]] std::string to_ics(const reminder_schedule& s, const ical_options& options = {});

}  // namespace aftercare
