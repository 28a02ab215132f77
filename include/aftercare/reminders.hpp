// aftercare/reminders.hpp — reminders at the patient's local times, from a plan.
//
// schedule() turns a plan into reminders a phone can show: the daily care routine at wall-clock
// times of the patient's day, a notice when each restriction (or a stage of it) lifts, check-ins
// that ask about the symptoms triage knows, and the course milestones (next session, final
// assessment). The daily reminders also come as series (a first local time and a count), which
// is what an RFC 5545 calendar needs (io/ical.hpp writes them as DTSTART;TZID=... + RRULE).
//
//     const date::time_zone* london = aftercare::locate_zone("Europe/London");
//     aftercare::treatment t = ...;   // t.treated_at set (see plan.hpp)
//     const aftercare::plan p = aftercare::make_plan(t);
//     aftercare::preferences prefs;
//     prefs.zone = london;                     // required: the plan has a treatment time
//     prefs.wake = std::chrono::hours{7};      // the default
//     prefs.bed = std::chrono::hours{22} + std::chrono::minutes{30};  // the default
//     const aftercare::reminder_schedule s = aftercare::schedule(p, prefs);
//     for (const aftercare::reminder& r : s.reminders()) {
//         // r.code "care.cleanse.morning", r.kind routine, r.local 2026-11-23 07:30, r.at (UTC)
//     }
//     for (const aftercare::reminder_series& x : s.series()) {
//         // x.first 2026-11-22 21:00 (local), x.count() 2, aftercare::rrule(x) "FREQ=DAILY;COUNT=2"
//     }
//
// Two kinds of time (docs/reminders.md):
//  - wall-clock (anchor::wall_clock): the care routine. "Cleanse at 07:30" stays at 07:30 local
//    on every day, across a daylight-saving change;
//  - elapsed (anchor::elapsed): restriction lifts, check-ins, milestones and one-off care steps
//    without a routine slot. "48 h after treatment" stays 48 elapsed hours after it, whatever the
//    clocks do; then, if that falls in quiet hours (bed → wake), it moves to the next wake time.
// A local time that does not exist (spring forward) moves forward by the gap; an ambiguous one
// (fall back) takes the earlier instant — time.hpp's rule, and RFC 5545 §3.3.5's.
//
// A reminder_schedule is an immutable value that shares its data between copies and keeps its plan
// (and so its protocol) alive; the string_views and spans in reminders and series stay valid as
// long as any copy lives. schedule() is pure and thread-safe.
#pragma once

#include <aftercare/detail/enum_codes.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/types.hpp>
#include <aftercare/zones.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aftercare {

namespace detail {
struct schedule_data;
}

// =============================================================================================
// Interface
// =============================================================================================

/// What a reminder is about.
enum class reminder_kind : std::uint8_t {
    routine,    // a care step: daily (cleanse, moisturise, sunscreen, ...) or one-off (first wash)
    lifted,     // a restriction, or a stage of it, has lifted ("mineral makeup is fine from now")
    check_in,   // "how is your skin?": asks about the symptoms triage knows
    milestone,  // the plan's milestones: back to normal skincare, next session, final assessment
};

/// How a reminder's time is kept (see the overview).
enum class reminder_anchor : std::uint8_t { wall_clock, elapsed };

namespace detail {
template <> struct code_table<reminder_kind> {
    static constexpr std::string_view field = "reminder kind";
    static constexpr std::array<std::string_view, 4> codes{"routine", "lifted", "check_in", "milestone"};
};
template <> struct code_table<reminder_anchor> {
    static constexpr std::string_view field = "anchor";
    static constexpr std::array<std::string_view, 2> codes{"wall_clock", "elapsed"};
};
}  // namespace detail

/// The patient's day. Times of day are minutes after local midnight, 00:00–23:59.
///
/// Waking hours are [wake, bed); quiet hours are [bed, next day's wake). The routine slots must be
/// inside waking hours. Their defaults come from wake and bed; they are user-interface defaults,
/// not clinical numbers:
///
/// | slot    | default                                                                      |
/// |---------|------------------------------------------------------------------------------|
/// | morning | wake + 30 min                                                                |
/// | midday  | 13:00 if it is after morning and before evening, else halfway between them  |
/// | evening | bed − 90 min                                                                 |
/// | bedtime | bed − 30 min                                                                 |
///
/// A default that would fall outside waking hours (a very short day) is clamped into them.
struct preferences {
    /// The patient's IANA zone (locate_zone: the OS database's, or any zones.hpp source's).
    /// Required when the plan has a treatment time.
    zone_ref zone = nullptr;
    std::chrono::minutes wake{7 * 60};
    std::chrono::minutes bed{22 * 60 + 30};
    std::optional<std::chrono::minutes> morning;
    std::optional<std::chrono::minutes> midday;
    std::optional<std::chrono::minutes> evening;
    std::optional<std::chrono::minutes> bedtime;
    /// How long after the end of treatment reminders are given; a reminder is kept when it is due
    /// (before any quiet-hours move) at or before treated_at + horizon. Default: the end of the
    /// aftercare (the last restriction lift, daily care step or check-in) or the next course
    /// milestone, whichever is later — the next-session reminder when another session is due,
    /// otherwise the final assessment.
    std::optional<std::chrono::minutes> horizon;
};

/// The times of day a schedule used, after defaults. A regular value type.
struct routine_times {
    std::chrono::minutes wake{0};
    std::chrono::minutes bed{0};
    std::array<std::chrono::minutes, 4> slots{};  // by routine_slot: morning, midday, evening, bedtime

    [[nodiscard]] constexpr std::chrono::minutes at(routine_slot s) const noexcept { return slots[static_cast<std::size_t>(s)]; }
    friend constexpr bool operator==(const routine_times&, const routine_times&) noexcept = default;
};

/// Checks `prefs` and fills in the defaults. Throws invalid_value naming the field ("wake", "bed",
/// "morning", "midday", "evening", "bedtime", "horizon") with its value and what is allowed:
/// a time outside 00:00–23:59, wake not before bed, a slot outside waking hours, a negative horizon.
[[nodiscard]] routine_times resolve_times(const preferences& prefs);

/// One reminder: something to show the patient at one instant.
struct reminder {
    /// Stable code: "care.cleanse.morning" (daily care: entry code + slot), "care.first_wash"
    /// (one-off care), "restriction.makeup.none.lifted" (stage code + ".lifted"), "check_in.24h",
    /// "milestone.next_session". Unique within a schedule together with the instant.
    std::string_view code;
    reminder_kind kind = reminder_kind::routine;
    reminder_anchor anchor = reminder_anchor::wall_clock;
    std::string_view title;  // short: "Gentle cleanse", "Makeup", "How is your skin? (day 1)"
    std::string_view text;   // the message
    std::string_view entry;  // the plan entry it comes from ("care.cleanse"); empty for check-ins
    std::optional<routine_slot> slot;   // wall-clock reminders
    date::sys_seconds at;               // when to show it
    date::local_seconds local;          // `at` on the patient's wall clock
    /// When it was due: for elapsed reminders treated_at + the plan's time, before a quiet-hours
    /// move; for wall-clock reminders the same as `at`.
    date::sys_seconds due;
    std::optional<date::sys_seconds> window_end;  // the next-session window's close
    std::optional<std::size_t> series;            // index in series() for daily care
    std::span<const std::string_view> sources;    // source keys behind it
};

/// A daily reminder as a recurrence: the same wall-clock time on `count()` consecutive days from
/// `first`, each resolved by the daylight-saving rule — what DTSTART;TZID=zone:first and
/// RRULE:FREQ=DAILY;COUNT=count() expand to.
struct reminder_series {
    std::string_view code;  // the code of its reminders ("care.cleanse.morning")
    std::string_view title;
    std::string_view text;
    std::string_view entry;
    routine_slot slot = routine_slot::morning;
    date::local_seconds first;                    // DTSTART, in the schedule's zone
    std::span<const date::sys_seconds> instants;  // one per day, in order
    std::span<const std::string_view> sources;

    [[nodiscard]] std::size_t count() const noexcept { return instants.size(); }
};

/// "FREQ=DAILY;COUNT=3".
[[nodiscard]] std::string rrule(const reminder_series& s);

/// The result of schedule(): reminders sorted by instant (then kind, then code), and the series
/// the daily ones belong to.
class reminder_schedule {
public:
    [[nodiscard]] std::span<const reminder> reminders() const& noexcept;
    [[nodiscard]] std::span<const reminder_series> series() const& noexcept;
    [[nodiscard]] const aftercare::plan& plan() const& noexcept;
    // As for plan: views into a temporary schedule would dangle, so these refuse rvalues.
    std::span<const reminder> reminders() const&& = delete;
    std::span<const reminder_series> series() const&& = delete;
    const aftercare::plan& plan() const&& = delete;
    /// The patient's zone; null only for a plan without a treatment time.
    [[nodiscard]] zone_ref zone() const noexcept;
    [[nodiscard]] const routine_times& times() const noexcept;
    /// The last instant a reminder may be due; empty for a plan without a treatment time.
    [[nodiscard]] std::optional<date::sys_seconds> horizon() const noexcept;

    /// For the library's own use.
    explicit reminder_schedule(std::shared_ptr<const detail::schedule_data> data) noexcept;
    [[nodiscard]] const detail::schedule_data& data() const noexcept { return *data_; }

private:
    std::shared_ptr<const detail::schedule_data> data_;
};

/// The reminders for plan `p`. A plan without a treatment time has no instants to remind at: the
/// result is empty (and `prefs.zone` may be null). Pure and thread-safe.
/// Throws invalid_value as resolve_times() does, and invalid_value("zone", ...) when the plan has
/// a treatment time and `prefs.zone` is null.
[[nodiscard]] reminder_schedule schedule(const plan& p, const preferences& prefs = {});

}  // namespace aftercare
