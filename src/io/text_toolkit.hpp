// Private: the one text toolkit of the writers — durations, dates, day and month names, wrapping.
// Every human-readable duration or date the core prints comes from here (text, triage, screening,
// the handout, the Python package through _core), so they read the same everywhere.
#pragma once

#include <date/date.h>

#include <array>
#include <chrono>
#include <string>
#include <string_view>

namespace aftercare::detail {

inline constexpr std::array<std::string_view, 7> weekday_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// A window length as plans show it: "3 d" (whole days, 2 d or more), "48 h" (whole hours), else
/// "1.5 h" (one decimal).
[[nodiscard]] std::string hours_text(std::chrono::minutes m);

/// An exact duration to the second: "187 h", "1 h 30 min", "45 s", "-1 s" (never "-0 h").
[[nodiscard]] std::string duration_text(std::chrono::seconds s);

/// "Sun 22 Nov 2026".
[[nodiscard]] std::string day_text(date::local_days day);

/// "Sun 22 Nov" (no year).
[[nodiscard]] std::string short_day_text(date::local_days day);

/// "Sun 22 Nov 2026 07:30".
[[nodiscard]] std::string local_text(date::local_seconds t);

/// "Sun 22 Nov 07:30" (no year).
[[nodiscard]] std::string short_local_text(date::local_seconds t);

/// `text` broken at spaces into lines of at most `width` columns (UTF-8 characters, not bytes); the
/// first line starts with `first`, the others with `rest` ("  - " and "    " for a bullet). A word
/// longer than a line stands alone on its line. Each line ends with '\n'.
[[nodiscard]] std::string wrap(std::string_view text, std::size_t width, std::string_view first = {}, std::string_view rest = {});

}  // namespace aftercare::detail
