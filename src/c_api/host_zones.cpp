#include "c_api/host_zones.hpp"

#include "aftercare/time.hpp"

#include <array>
#include <chrono>
#include <cstring>
#include <limits>

namespace aftercare::c_api {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::int64_t max_offset = 26 * 3600;  // no zone has ever been further from UTC

std::string at_text(std::int64_t t) {
    return format_rfc3339(date::sys_seconds{seconds{t}});
}

date::sys_info to_info(const std::string& zone, const aftercare_zone_period& p) {
    if (p.begin >= p.end || p.utc_offset < -max_offset || p.utc_offset > max_offset || p.dst_minutes < -24 * 60 ||
        p.dst_minutes > 24 * 60) {
        throw host_zone_failure(zone, "the host's zone source gave " + zone + " an impossible period (begin " + std::to_string(p.begin) +
                                          ", end " + std::to_string(p.end) + ", offset " + std::to_string(p.utc_offset) + " s)");
    }
    date::sys_info info;
    info.begin = date::sys_seconds{seconds{p.begin}};
    info.end = date::sys_seconds{seconds{p.end}};
    info.offset = seconds{p.utc_offset};
    info.save = minutes{p.dst_minutes};
    info.abbrev.assign(p.abbreviation, ::strnlen(p.abbreviation, sizeof p.abbreviation));
    return info;
}

class host_rules final : public zone_rules {
public:
    host_rules(std::string name, const host_source& source) : name_(std::move(name)), source_(&source) {}

    [[nodiscard]] const std::string& name() const noexcept override { return name_; }

    [[nodiscard]] date::sys_info get_info(date::sys_seconds t) const override {
        const auto& cb = source_->callbacks();
        aftercare_zone_period p{};
        const std::int64_t at = t.time_since_epoch().count();
        if (cb.period_at(cb.context, name_.c_str(), at, &p) != 0) {
            throw host_zone_failure(name_, "the host's zone source cannot give the offset of " + name_ + " at " + at_text(at));
        }
        date::sys_info info = to_info(name_, p);
        if (!(info.begin <= t && t < info.end)) {
            throw host_zone_failure(name_, "the host's zone source gave " + name_ + " a period that does not hold " + at_text(at));
        }
        return info;
    }

    [[nodiscard]] date::local_info get_info(date::local_seconds local) const override {
        const auto& cb = source_->callbacks();
        if (cb.resolve_local == nullptr) return derive_local_info(*this, local);
        aftercare_local_info l{};
        const std::int64_t at = local.time_since_epoch().count();
        if (cb.resolve_local(cb.context, name_.c_str(), at, &l) != 0 || l.kind < AFTERCARE_LOCAL_UNIQUE || l.kind > AFTERCARE_LOCAL_AMBIGUOUS) {
            throw host_zone_failure(name_, "the host's zone source cannot resolve local time " + at_text(at).substr(0, 19) + " in " + name_);
        }
        date::local_info out{};
        out.result = l.kind == AFTERCARE_LOCAL_UNIQUE ? date::local_info::unique
                     : l.kind == AFTERCARE_LOCAL_NONEXISTENT ? date::local_info::nonexistent
                                                             : date::local_info::ambiguous;
        out.first = to_info(name_, l.first);
        if (l.kind != AFTERCARE_LOCAL_UNIQUE) out.second = to_info(name_, l.second);
        return out;
    }

private:
    std::string name_;
    const host_source* source_;
};

}  // namespace

host_source::~host_source() {
    if (callbacks_.release != nullptr) callbacks_.release(callbacks_.context);
}

const zone_rules* host_source::find(std::string_view name) const {
    const std::lock_guard lock(mutex_);
    const std::string key(name);
    if (const auto it = by_name_.find(key); it != by_name_.end()) return it->second;
    std::array<char, 256> canonical{};
    const zone_rules* rules = nullptr;
    if (!key.empty() && key.find('\0') == std::string::npos &&
        callbacks_.find_zone(callbacks_.context, key.c_str(), canonical.data(), canonical.size()) == 0) {
        canonical.back() = '\0';
        std::string canon(canonical.data());
        if (canon.empty()) canon = key;
        auto& slot = zones_[canon];
        if (!slot) slot = std::make_unique<host_rules>(canon, *this);
        rules = slot.get();
    }
    if (rules != nullptr) by_name_.emplace(key, rules);  // unknown names are asked again (and not kept)
    return rules;
}

}  // namespace aftercare::c_api
