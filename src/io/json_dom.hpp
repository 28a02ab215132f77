// Private: JSON documents built as a value first (nlohmann's ordered_json), for the small,
// rarely-written check-in documents. The plan, schedule, triage, screening and course writers use
// json_writer directly (json_common.hpp), which is much faster; both give the same bytes.
#pragma once

#include "aftercare/io/json.hpp"
#include "aftercare/protocol.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <span>
#include <string>
#include <string_view>

namespace aftercare::detail {

using json = nlohmann::ordered_json;

/// Views (source keys, notes) as a JSON array of strings.
[[nodiscard]] json strings(std::span<const std::string_view> items);

/// Hours as a JSON number: an integer when whole, otherwise a decimal.
[[nodiscard]] json hours_json(std::chrono::minutes m);

/// Checks `options`, adds "sources" ({KEY: {citation, url, tier}}) for every key `doc` cites in a
/// "sources" array, and writes it with `options.indent`.
[[nodiscard]] std::string finish(json& doc, const protocol& p, const json_options& options);

}  // namespace aftercare::detail
