// Private: reading a JSON document the library accepts (a protocol, symptom reports): one pass over
// the text before nlohmann builds its DOM, so that nothing hostile reaches the DOM or the messages.
//
//  - nesting at most max_json_depth arrays/objects deep (a 60,000-deep document would otherwise
//    cost a deep recursion somewhere: a destructor, a dump(), a check);
//  - no key twice in one object (the formats are strict: the last one would silently win);
//  - every number within the range of a double (1e400 is not a number the library can hold).
//
// The pass never recurses and stops at the first syntax error, leaving that to nlohmann's parser,
// whose message (with its position) the caller reports.
#pragma once

#include "aftercare/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aftercare::detail {

// A JSON string or key for a message: in double quotes, escaped and bounded by short_value, with
// its length when cut.
inline std::string jstr(std::string_view s) {
    std::string out = "\"" + short_value(s) + "\"";
    if (s.size() > quoted_prefix_bytes) out += " (" + std::to_string(s.size()) + " bytes)";
    return out;
}

// What a value is, for a message: never its whole text (an array or object is named, not dumped;
// a string is quoted by quote_value, which bounds and escapes it).
inline std::string describe(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "string " + jstr(j.get_ref<const std::string&>());
        case nlohmann::json::value_t::boolean: return j.get<bool>() ? "boolean true" : "boolean false";
        case nlohmann::json::value_t::null: return "null";
        default: return "number " + j.dump();  // a scalar: short
    }
}

/// How deep arrays and objects may nest in any JSON document the library reads (docs/protocol-format.md).
inline constexpr std::size_t max_json_depth = 64;

/// What read_json rejected: where (a byte offset, the JSON pointer of the value), where the first
/// of two duplicate keys was, and what is wrong ("duplicate key \"id\"", "nesting deeper than 64 levels").
struct json_read_error {
    std::size_t offset = 0;
    std::string pointer;
    std::optional<std::size_t> first_offset;
    std::string message;
    bool syntax = false;  // not JSON: message is nlohmann's, without its prefix
};

/// Parses `text` as one JSON document with the checks above. Throws json_read_error (only).
[[nodiscard]] nlohmann::json read_json(std::string_view text);

/// The error's message, with where the first of two duplicate keys was ("... (first at 1:2)").
[[nodiscard]] std::string explained(const json_read_error& e, std::string_view text);

/// Throws invalid_value for a document read_json rejected: the field is the value's JSON pointer
/// (else `field`), the message "ORIGIN:LINE:COLUMN: POINTER: explained(e)".
[[noreturn]] void reject_document(const json_read_error& e, std::string_view text, std::string_view origin, std::string_view field);

/// "LINE:COLUMN" of a byte offset in `text`.
[[nodiscard]] std::string line_column(std::string_view text, std::size_t offset);

/// The bytes of a regular file of at most max_input_file_bytes, or why not: nullopt with `why`
/// set ("it is a directory", "it is not a regular file (a device, pipe or socket)", "it is 20000000
/// bytes; at most 16 MiB (16777216 bytes) is read", or the system's reason). Never blocks on a FIFO.
[[nodiscard]] std::optional<std::string> read_regular_file(const std::string& path, std::string& why);

}  // namespace aftercare::detail
