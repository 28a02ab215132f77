// Private: the pieces of the JSON writers that other exporters (reminders, triage) reuse.
#pragma once

#include "aftercare/io/json.hpp"
#include "aftercare/plan.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <span>
#include <string>
#include <string_view>

namespace aftercare::detail {

using json = nlohmann::ordered_json;

/// The codes of a set, in enumerator order, as a JSON array.
template <class E>
[[nodiscard]] json codes(enum_set<E> set) {
    json a = json::array();
    for (E e : set) a.push_back(to_string(e));
    return a;
}

/// Views (source keys, notes) as a JSON array of strings.
[[nodiscard]] json strings(std::span<const std::string_view> items);

/// The head every document starts with: schema, generator, protocol (id, version, title,
/// disclaimer), treatment (instants in `zone`) and time_zone.
[[nodiscard]] json document(std::string_view schema, const protocol& p, const treatment& t, zone_ref zone);

/// Adds "sources" for every key `doc` uses and writes it with `options.indent`.
[[nodiscard]] std::string finish(json& doc, const protocol& p, const json_options& options);

/// Hours as a JSON number: an integer when whole, otherwise a decimal.
[[nodiscard]] nlohmann::ordered_json hours_json(std::chrono::minutes m);

/// The plan document as a JSON value ("schema": "aftercare.plan/1"), before serialisation.
[[nodiscard]] nlohmann::ordered_json plan_json(const plan& p, zone_ref zone);

/// "sources": {KEY: {citation, url, tier}} for every key used in `doc` (entries, notes, ...).
void add_used_sources(nlohmann::ordered_json& doc, const protocol& p);

}  // namespace aftercare::detail
