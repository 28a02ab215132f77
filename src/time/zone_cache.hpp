// Private: conversions between UTC and one zone's wall clock that remember the last period of
// constant offset, so a run of nearby times costs two comparisons each instead of a tz lookup.
// Same results as aftercare::to_local / aftercare::to_utc (time.hpp), including the DST rule, for
// rules from any source (zones.hpp).
#pragma once

#include "aftercare/time.hpp"
#include "aftercare/zones.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>

namespace aftercare::detail {

class zone_cache {
public:
    explicit zone_cache(const zone_rules& zone) noexcept : zone_(&zone) {}

    [[nodiscard]] date::local_seconds to_local(date::sys_seconds t) {
        if (!(begin_ <= t && t < end_)) remember(t);
        return date::local_seconds{t.time_since_epoch() + offset_};
    }

    [[nodiscard]] date::sys_seconds to_utc(date::local_seconds local) {
        // Inside the remembered period and a day away from its ends, no other offset can read the
        // same wall-clock time (offsets differ by less than a day): the local time is unique.
        const date::sys_seconds t{local.time_since_epoch() - offset_};
        if (begin_ + date::days{1} <= t && t + date::days{1} < end_) return t;
        const date::sys_seconds resolved = aftercare::to_utc(local, *zone_);
        remember(resolved);
        return resolved;
    }

private:
    void remember(date::sys_seconds t) {
        const date::sys_info info = zone_->get_info(t);
        begin_ = info.begin;
        end_ = info.end;
        offset_ = info.offset;
    }

    const zone_rules* zone_;
    date::sys_seconds begin_{};
    date::sys_seconds end_{};  // begin_ == end_: nothing remembered yet
    std::chrono::seconds offset_{0};
};

}  // namespace aftercare::detail
