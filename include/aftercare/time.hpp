// aftercare/time.hpp — UTC instants, local wall-clock times, and the daylight-saving rule.
//
// Instants are date::sys_seconds (UTC); wall-clock times are date::local_seconds; the two never
// mix. Zones come from the system tz database through date::date-tz (no network):
//
//     const date::time_zone* london = aftercare::locate_zone("Europe/London");
//     auto local = aftercare::parse_local_time("2026-03-29T01:30", "--treated-at");
//     date::sys_seconds t = aftercare::to_utc(local, *london);     // 01:30 does not exist that day:
//     aftercare::format_rfc3339(t, london);                      // "2026-03-29T02:30:00+01:00"
//
// The rule, the same as RFC 5545 §3.3.5 and date's choose::earliest for overlaps: a local time that
// does not exist (the spring-forward gap) moves forward by the length of the gap; an ambiguous one
// (the fall-back overlap) takes the earlier of its two instants.
//
// Each conversion also takes a zone's rules from any source (zones.hpp: the OS database, or one
// the host app supplies); the date::time_zone overloads are the OS database's, with the same results.
#pragma once

#include <aftercare/zones.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

// --- the range of every date, instant and duration --------------------------------------------
//
// The library works with dates from 1850-01-01 to 2199-12-31 (a birth date in 1850, a plan or a
// reminder in 2199) and with durations after a treatment from 0 to ten years (87840 h). Every
// function that takes a date, an instant or such a duration checks it against this one range, so
// the command, C++ and Python accept and reject the same values: parse_local_time, parse_date,
// make_plan (treated_at), schedule (horizon), triage (seen, as_of) and screen (as_of, the dates).

inline constexpr date::year min_year{1850};
inline constexpr date::year max_year{2199};
/// The longest duration after a treatment: ten years of 366 days.
inline constexpr std::chrono::hours max_after{24 * 366 * 10};

/// Throws invalid_value naming `field` unless `d` is a real date within min_year–max_year.
void check_date_range(date::year_month_day d, std::string_view field);
/// Throws invalid_value naming `field` unless the UTC date of `t` is within min_year–max_year.
void check_instant_range(date::sys_seconds t, std::string_view field);
/// Throws invalid_value naming `field` unless the date of `t` is within min_year–max_year.
void check_local_range(date::local_seconds t, std::string_view field);
/// Throws invalid_value naming `field` unless 0 <= `d` <= max_after.
void check_after_range(std::chrono::seconds d, std::string_view field);

/// The zone named `name` in the system tz database; the pointer stays valid for the program's life.
/// Throws time_zone_error (naming `field`) for an unknown name.
[[nodiscard]] const date::time_zone* locate_zone(std::string_view name, std::string_view field = "time zone");

/// The UTC instant of `local` in `zone`, by the rule above. Never throws for the OS database
/// (a host source's failure is its error).
[[nodiscard]] date::sys_seconds to_utc(date::local_seconds local, const date::time_zone& zone);
[[nodiscard]] date::sys_seconds to_utc(date::local_seconds local, const zone_rules& zone);

/// How `local` resolves in `zone`: unique, moved forward out of a gap, or the earlier of two.
enum class local_resolution : unsigned char { unique, nonexistent_moved_forward, ambiguous_took_earlier };
[[nodiscard]] local_resolution classify(date::local_seconds local, const date::time_zone& zone);
[[nodiscard]] local_resolution classify(date::local_seconds local, const zone_rules& zone);

/// The wall-clock time of `t` in `zone`.
[[nodiscard]] date::local_seconds to_local(date::sys_seconds t, const date::time_zone& zone);
[[nodiscard]] date::local_seconds to_local(date::sys_seconds t, const zone_rules& zone);

/// The zone's UTC offset at instant `t`.
[[nodiscard]] std::chrono::seconds utc_offset(date::sys_seconds t, const date::time_zone& zone);
[[nodiscard]] std::chrono::seconds utc_offset(date::sys_seconds t, const zone_rules& zone);

/// RFC 3339 text of `t`: in `zone` with its offset ("2026-11-21T14:00:00+00:00"), or in UTC with
/// "Z" when `zone` is null (a const date::time_zone* converts to a zone_ref).
[[nodiscard]] std::string format_rfc3339(date::sys_seconds t, zone_ref zone = {});

/// Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space may replace the T) as a wall-clock
/// time. Throws invalid_value naming `field` for anything else, including impossible dates and
/// dates outside min_year–max_year.
[[nodiscard]] date::local_seconds parse_local_time(std::string_view text, std::string_view field);

/// Parses "HH:MM" (00:00–23:59) as a time of day. Throws invalid_value naming `field`.
[[nodiscard]] std::chrono::minutes parse_time_of_day(std::string_view text, std::string_view field);

/// Parses "YYYY-MM-DD" (min_year–max_year). Throws invalid_value naming `field`.
[[nodiscard]] date::year_month_day parse_date(std::string_view text, std::string_view field);

/// "2026-11-21" for 21 November 2026 (ISO 8601; the year with at least four digits).
[[nodiscard]] std::string format_date(date::year_month_day d);

/// "07:30" for 7 h 30 min.
[[nodiscard]] std::string format_time_of_day(std::chrono::minutes time_of_day);

}  // namespace aftercare
