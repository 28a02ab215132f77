// Private: the pieces of the JSON writers that other exporters (reminders, triage) reuse.
#pragma once

#include "aftercare/plan.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace aftercare::detail {

/// Hours as a JSON number: an integer when whole, otherwise a decimal.
[[nodiscard]] nlohmann::ordered_json hours_json(std::chrono::minutes m);

/// The plan document as a JSON value ("schema": "aftercare.plan/1"), before serialisation.
[[nodiscard]] nlohmann::ordered_json plan_json(const plan& p, const date::time_zone* zone);

/// "sources": {KEY: {citation, url, tier}} for every key used in `doc` (entries, notes, ...).
void add_used_sources(nlohmann::ordered_json& doc, const protocol& p);

}  // namespace aftercare::detail
