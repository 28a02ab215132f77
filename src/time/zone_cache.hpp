// Private: conversions between UTC and one zone's wall clock over a window read once: the zone's
// periods of constant offset from a little before the window to a little after it (up to eight),
// so a conversion inside it is a comparison or two per period instead of a tz lookup (each of
// which also copies the period's abbreviation into a std::string). Same results as
// aftercare::to_local / aftercare::to_utc (time.hpp), including the DST rule, for rules from any
// source (zones.hpp): a wall-clock time that is not unique, or a time outside the window, is
// answered by those functions themselves.
#pragma once

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "aftercare/zones.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstddef>

namespace aftercare::detail {

class zone_cache {
public:
    explicit zone_cache(const zone_rules& zone) noexcept : zone_(&zone) {}

    /// Reads the periods that hold [from - 2 days, to + 2 days], or as many of them as fit. Until
    /// then (or outside it) every conversion asks the zone.
    void cover(date::sys_seconds from, date::sys_seconds to) {
        using date::days;
        n_ = 0;
        date::sys_seconds t = from - days{2};
        try {
            while (n_ < periods_.size()) {
                const date::sys_info info = zone_->get_info(t);
                periods_[n_++] = period{info.begin, info.end, info.offset};
                if (info.end > to + days{2}) break;
                t = info.end;
            }
        } catch (const error&) {
            // A host source that cannot answer for part of the window: it is asked again, per call,
            // only for the times a schedule needs (and fails there, if at all).
        }
        if (n_ == 0) return;
        from_ = from;
        // Eight periods that do not reach the end (a horizon of years): the window ends two days
        // before the last one read does.
        to_ = periods_[n_ - 1].end > to + days{2} ? to : periods_[n_ - 1].end - days{2};
    }

    [[nodiscard]] date::local_seconds to_local(date::sys_seconds t) const {
        if (from_ <= t && t <= to_) {
            for (std::size_t i = 0; i < n_; ++i) {
                if (t < periods_[i].end) return date::local_seconds{t.time_since_epoch() + periods_[i].offset};
            }
        }
        return aftercare::to_local(t, *zone_);
    }

    [[nodiscard]] date::sys_seconds to_utc(date::local_seconds local) const {
        // Each period's reading of `local`; exactly one inside its own period, and inside the
        // window, is the only one anywhere: no period outside the table can read it too, since a
        // zone's offsets differ by less than the two days around the window.
        date::sys_seconds found{};
        std::size_t count = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            const date::sys_seconds t{local.time_since_epoch() - periods_[i].offset};
            if (periods_[i].begin <= t && t < periods_[i].end) {
                found = t;
                ++count;
            }
        }
        if (count == 1 && from_ <= found && found <= to_) return found;
        return aftercare::to_utc(local, *zone_);  // in a gap or an overlap: the DST rule
    }

private:
    struct period {
        date::sys_seconds begin, end;
        std::chrono::seconds offset;
    };

    const zone_rules* zone_;
    std::array<period, 8> periods_{};
    std::size_t n_ = 0;
    date::sys_seconds from_{date::sys_seconds::max()};  // from_ > to_: no window yet
    date::sys_seconds to_{date::sys_seconds::min()};
};

}  // namespace aftercare::detail
