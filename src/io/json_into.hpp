// Private: the JSON documents written into a json_storage of the caller's (the Python extension
// writes them into bytes objects in place). to_json(x, options) is json_string(x, options).
#pragma once

#include "aftercare/io/json.hpp"
#include "aftercare/reminders.hpp"
#include "aftercare/screening.hpp"
#include "aftercare/triage.hpp"
#include "io/json_writer.hpp"

#include <cstddef>
#include <string>

namespace aftercare::detail {

/// Writes the document into `out` (from its start) and returns its length; throws as to_json does.
std::size_t write_json(const plan& p, const json_options& options, json_storage& out);
std::size_t write_json(const reminder_schedule& s, const json_options& options, json_storage& out);
std::size_t write_json(const assessment& a, const json_options& options, json_storage& out);
std::size_t write_json(const eligibility& e, const json_options& options, json_storage& out);

/// write_json into a std::string.
template <class T>
[[nodiscard]] std::string json_string(const T& value, const json_options& options) {
    string_storage s;
    const std::size_t n = write_json(value, options, s);
    return std::move(s).take(n);
}

}  // namespace aftercare::detail
