#include "aftercare/zones.hpp"

#include "aftercare/error.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace aftercare {

namespace {

#if AFTERCARE_OS_TZDB
// The OS database's rules: date::time_zone's answers, unchanged.
class os_rules final : public zone_rules {
public:
    explicit os_rules(const date::time_zone& zone) noexcept : zone_(&zone) {}
    [[nodiscard]] const std::string& name() const noexcept override { return zone_->name(); }
    [[nodiscard]] date::sys_info get_info(date::sys_seconds t) const override { return zone_->get_info(t); }
    [[nodiscard]] date::local_info get_info(date::local_seconds local) const override { return zone_->get_info(local); }
    [[nodiscard]] const date::time_zone* os_zone() const noexcept override { return zone_; }

private:
    const date::time_zone* zone_;
};

// One os_rules per date::time_zone, made on first use and kept for the program's life (as date
// keeps its zones). Reads take a shared lock; the first use of a zone takes the exclusive one.
class os_rules_table {
public:
    const zone_rules& rules(const date::time_zone& zone) {
        {
            const std::shared_lock lock(mutex_);
            const auto it = table_.find(&zone);
            if (it != table_.end()) return *it->second;
        }
        const std::unique_lock lock(mutex_);
        auto& slot = table_[&zone];
        if (!slot) slot = std::make_unique<os_rules>(zone);
        return *slot;
    }

private:
    std::shared_mutex mutex_;
    std::unordered_map<const date::time_zone*, std::unique_ptr<os_rules>> table_;
};

os_rules_table& table() {
    static os_rules_table t;
    return t;
}

class os_source final : public zone_source {
public:
    [[nodiscard]] const zone_rules* find(std::string_view name) const override {
        if (name.empty()) return nullptr;
        const date::time_zone* zone = nullptr;
        try {
            zone = date::locate_zone(name);
        } catch (const std::runtime_error&) {
            return nullptr;
        }
        return &os_zone_rules(*zone);
    }
};
#else
// Built without the OS tz database (AFTERCARE_OS_TZDB=OFF, as for WebAssembly): the default source
// knows no zone, so every zone comes from the host's source (aftercare_set_zone_source).
class os_source final : public zone_source {
public:
    [[nodiscard]] const zone_rules* find(std::string_view) const override { return nullptr; }
};
#endif

}  // namespace

date::local_info zone_rules::get_info(date::local_seconds local) const { return derive_local_info(*this, local); }

const zone_source& os_zones() noexcept {
    static const os_source source;
    return source;
}

#if AFTERCARE_OS_TZDB
const zone_rules& os_zone_rules(const date::time_zone& zone) { return table().rules(zone); }
#else
// No date::time_zone can exist without the OS database (nothing here calls date::locate_zone).
const zone_rules& os_zone_rules(const date::time_zone&) { throw time_zone_error("time zone", "(the OS tz database)"); }
#endif

zone_ref::zone_ref(const date::time_zone* zone) : rules_(zone != nullptr ? &os_zone_rules(*zone) : nullptr) {}

date::local_info derive_local_info(const zone_rules& rules, date::local_seconds local) {
    // Every UTC offset is within a day of zero, so the instants `local` can mean lie within two days
    // of `local` read as UTC. Walk the periods that cover that span and keep those in which `local`
    // minus the period's offset falls.
    const date::sys_seconds guess{local.time_since_epoch()};
    const date::sys_seconds from = guess - date::days{2};
    const date::sys_seconds to = guess + date::days{2};
    std::array<date::sys_info, 16> periods{};
    std::size_t n = 0;
    date::sys_info p = rules.get_info(from);
    for (;;) {
        periods[n++] = p;
        if (p.end > to || n == periods.size() || p.end <= p.begin) break;
        const date::sys_info next = rules.get_info(p.end);
        if (next.begin != p.end) break;  // the last period a source knows (its end is "forever")
        p = next;
    }
    date::local_info out{};
    std::size_t found = 0;
    for (std::size_t i = 0; i < n && found < 2; ++i) {
        const date::sys_seconds t{local.time_since_epoch() - periods[i].offset};
        if (periods[i].begin <= t && t < periods[i].end) {
            (found == 0 ? out.first : out.second) = periods[i];
            ++found;
        }
    }
    if (found == 1) {
        out.result = date::local_info::unique;
        return out;
    }
    if (found == 2) {
        out.result = date::local_info::ambiguous;
        return out;
    }
    // In a gap: the period whose end the local time passes on its old offset, and the next one.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const date::sys_seconds before{local.time_since_epoch() - periods[i].offset};
        const date::sys_seconds after{local.time_since_epoch() - periods[i + 1].offset};
        if (before >= periods[i].end && after < periods[i + 1].begin) {
            out.result = date::local_info::nonexistent;
            out.first = periods[i];
            out.second = periods[i + 1];
            return out;
        }
    }
    // The source's periods do not tile time around `local`: treat the first as holding.
    out.result = date::local_info::unique;
    out.first = periods[0];
    return out;
}

zone_ref locate_zone(std::string_view name, const zone_source& source, std::string_view field) {
    const zone_rules* rules = source.find(name);
    if (rules == nullptr) throw time_zone_error(std::string(field), std::string(name));
    return rules;
}

}  // namespace aftercare
