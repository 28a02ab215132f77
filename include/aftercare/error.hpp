// aftercare/error.hpp — the one error channel of the library.
//
// Every function that can fail on bad input throws a type derived from aftercare::error, whose
// what() is one line naming the field, the value and what is allowed, and whose id() is a stable
// string a program can switch on (like nlohmann/json's "[json.exception.type_error.302]"):
//
//     try {
//         auto p = aftercare::make_plan(t);
//     } catch (const aftercare::invalid_value& e) {
//         // e.field() == "depth", e.value() == "4.0 mm", e.allowed() == "0.1–3.0 mm"
//         // e.what()  == "depth 4.0 mm is outside 0.1–3.0 mm"
//     } catch (const aftercare::error& e) {
//         std::cerr << e.id() << ": " << e.what() << '\n';
//     }
//
// Nothing half-done escapes: a function either returns a complete result or throws.
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// Base of every exception the library throws on bad input. Derives from std::invalid_argument
/// (a std::logic_error), so a generic handler can still catch it.
class error : public std::invalid_argument {
public:
    /// Stable identifier of the error kind: "aftercare.invalid_value", "aftercare.protocol_error",
    /// "aftercare.time_zone_error". Never translated, never changes within a major version.
    [[nodiscard]] std::string_view id() const noexcept { return id_; }

protected:
    error(std::string_view id, const std::string& message);

private:
    std::string_view id_;  // always one of the string literals above
};

/// A value given to the library is not allowed: a treatment field, a preference, a report.
class invalid_value : public error {
public:
    /// `field` is the name the caller used ("depth", "skin_type", "--wake"), `value` the offending
    /// value as text, `allowed` what would have been accepted, `message` the whole sentence.
    invalid_value(std::string field, std::string value, std::string allowed, const std::string& message);

    [[nodiscard]] const std::string& field() const noexcept { return field_; }
    [[nodiscard]] const std::string& value() const noexcept { return value_; }
    [[nodiscard]] const std::string& allowed() const noexcept { return allowed_; }

protected:
    invalid_value(std::string_view id, std::string field, std::string value, std::string allowed,
                  const std::string& message);

private:
    std::string field_;
    std::string value_;
    std::string allowed_;
};

/// An IANA time-zone name that the system's tz database does not know.
class time_zone_error : public invalid_value {
public:
    time_zone_error(const std::string& field, const std::string& zone_name);
};

/// A protocol file that is not valid: bad JSON, an unknown key, a wrong type, a negative or
/// reversed window, a missing or unknown source. what() reads like a compiler diagnostic:
///
///     clinic.json:41:27: /effects/0/typical_end_h/value: expected hours >= 0, got -4
class protocol_error : public error {
public:
    protocol_error(std::string origin, std::size_t line, std::size_t column, std::string pointer,
                   std::string expected);

    /// The file name (or "<string>" for parse_protocol without an origin).
    [[nodiscard]] const std::string& origin() const noexcept { return origin_; }
    /// 1-based line and column (in characters) of the offending value; 0 when unknown.
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    [[nodiscard]] std::size_t column() const noexcept { return column_; }
    /// RFC 6901 JSON pointer to the offending value ("" is the whole document).
    [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
    /// What was expected there, and what was found.
    [[nodiscard]] const std::string& expected() const noexcept { return expected_; }

private:
    std::string origin_;
    std::size_t line_;
    std::size_t column_;
    std::string pointer_;
    std::string expected_;
};

// ---------------------------------------------------------------------------------------------
// Message helpers (used by every message of the library, the command and the Python module)
// ---------------------------------------------------------------------------------------------

/// How many bytes of a value a message quotes at most; a longer value is cut (at a character
/// boundary) and its length in bytes is added.
inline constexpr std::size_t quoted_prefix_bytes = 40;

/// `value` as a message quotes it: in single quotes, control characters, invalid UTF-8, C1 controls,
/// backslash and quote escaped (\n, \t, \x1b, \u009b, \\, \'), at most quoted_prefix_bytes of it:
///
///     quote_value("pen")                    == "'pen'"
///     quote_value("a\x1b[31m")              == "'a\\x1b[31m'"
///     quote_value(std::string(100000, 'x')) == "'xxxx…xxx…' (100000 bytes)"
///
/// Never throws except std::bad_alloc; the result is at most about 4 × quoted_prefix_bytes + 30 bytes.
[[nodiscard]] std::string quote_value(std::string_view value);

/// `value` cut as quote_value cuts it (escaped, without the quotes, "…" when cut): for the value()
/// of an error, so that no error keeps a huge value around.
[[nodiscard]] std::string short_value(std::string_view value);

/// A JSON pointer for a message: as it is when short and printable ASCII, else as short_value.
[[nodiscard]] std::string safe_pointer(std::string_view pointer);

/// The candidate closest to `value` when `value` looks like a misspelling of it (edit distance at
/// most 2, and less than half the candidate's length), else the one candidate sharing all of
/// `value` but its last two characters (at least four), else an empty view. For "did you mean".
[[nodiscard]] std::string_view closest_match(std::string_view value, std::span<const std::string_view> candidates);

/// " (did you mean 'X'?)" for closest_match, or "".
[[nodiscard]] std::string did_you_mean(std::string_view value, std::span<const std::string_view> candidates);

}  // namespace aftercare
