// Private: what the pieces of the HTML handout share (html.cpp, html_timeline.cpp).
#pragma once

#include "aftercare/io/html.hpp"
#include "i18n/catalogue.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace aftercare::detail {

/// Appends `text` with &, <, > and " escaped (safe in element content and in attributes, which the
/// handout always writes in double quotes).
void html_escape(std::string& out, std::string_view text);

/// Appends the message `pattern` with its literal text escaped and each {name} replaced by the
/// markup given for it (already escaped): "Treated on {date}" with date = "<strong>...</strong>".
void html_format(std::string& out, std::string_view pattern, std::initializer_list<message_arg> markup);

/// How the handout names a moment `offset` after the end of treatment: local date and time when
/// the plan has a treatment time ("Mon 23 Nov 14:00"), else the time after treatment ("48 h after
/// treatment").
class handout_clock {
public:
    handout_clock(const plan& p, zone_ref zone);

    /// The words of the plan's locale.
    [[nodiscard]] const catalogue& words() const noexcept { return *w_; }

    [[nodiscard]] bool dated() const noexcept { return treated_at_.has_value(); }
    /// "Mon 23 Nov 14:00" or "48 h after treatment".
    [[nodiscard]] std::string when(std::chrono::minutes offset) const;
    /// "Mon 23 Nov" or "day 3".
    [[nodiscard]] std::string day(std::chrono::minutes offset) const;
    /// "Mon 23 Nov 2026" or "day 3".
    [[nodiscard]] std::string long_day(std::chrono::minutes offset) const;
    /// Local days since the treatment's local day (0 on the day itself); for a plan without a
    /// treatment time, whole days since the treatment.
    [[nodiscard]] long day_index(std::chrono::minutes offset) const;
    /// Local midnight of day `index`, as an offset from treatment (negative for day 0).
    [[nodiscard]] std::chrono::minutes day_start(long index) const;
    /// The local time of day `offset` after treatment (a plan with a treatment time).
    [[nodiscard]] std::chrono::minutes minute_of_day(std::chrono::minutes offset) const;
    /// "Sat 21" (or "1" without a treatment time) for day `index`.
    [[nodiscard]] std::string day_label(long index) const;

private:
    std::optional<date::sys_seconds> treated_at_;
    zone_ref zone_;
    const catalogue* w_;
    [[nodiscard]] date::local_seconds local(std::chrono::minutes offset) const;
};

/// The timeline picture: an inline <svg> with a <title> and <desc>.
void timeline_svg(std::string& out, const plan& p, const handout_clock& clock);

}  // namespace aftercare::detail
