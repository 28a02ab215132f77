// Private to the C interface: a zone source backed by the host's callbacks (aftercare_zone_source).
#pragma once

#include "aftercare/aftercare.h"
#include "aftercare/error.hpp"
#include "aftercare/zones.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aftercare::c_api {

/// The host could not answer, or answered something impossible: the C call fails with
/// AFTERCARE_TIME_ZONE.
class host_zone_failure : public invalid_value {
public:
    host_zone_failure(const std::string& zone, const std::string& message)
        : invalid_value("time_zone", zone, "a zone the host's zone source can answer for", message) {}
};

class host_source final : public zone_source {
public:
    /// `callbacks` is copied; release(context) is called when the source is destroyed.
    explicit host_source(const aftercare_zone_source& callbacks) noexcept : callbacks_(callbacks) {}
    ~host_source() override;
    host_source(const host_source&) = delete;
    host_source& operator=(const host_source&) = delete;

    /// Asks find_zone once per name and keeps the answer.
    [[nodiscard]] const zone_rules* find(std::string_view name) const override;

    [[nodiscard]] const aftercare_zone_source& callbacks() const noexcept { return callbacks_; }

private:
    aftercare_zone_source callbacks_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, const zone_rules*> by_name_;         // asked name -> rules
    mutable std::unordered_map<std::string, std::unique_ptr<zone_rules>> zones_;  // canonical name -> rules
};

}  // namespace aftercare::c_api
