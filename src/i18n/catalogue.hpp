// Private: message catalogues (data/locales/*.json, docs/languages.md) — the words of one locale,
// keyed by stable message ids derived from the codes ("effect.redness.title", "text.heading.expect"),
// with named placeholders ({count}, {time}, ...), CLDR plural categories and the locale's date and
// time formats. Parsed once per locale; immutable and shared between threads afterwards.
#pragma once

#include "aftercare/locale.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <nlohmann/json_fwd.hpp>

namespace aftercare::detail {

/// One message: a text, or one text per plural category (plural), with its review status and where
/// it was read from (for messages about it).
struct message {
    std::string text;                                    // not plural
    std::array<std::string, plural_category_count> forms;  // plural: by plural_category
    bool plural = false;
    review_status status = review_status::source;
    std::string origin;   // its JSON pointer in the file it was read from ("/messages/effect.redness.title")
};

/// A named placeholder's value.
using message_arg = std::pair<std::string_view, std::string_view>;

/// `pattern` with each "{name}" replaced by its value in `args`; "{{" and "}}" are literal braces.
/// An unknown name is left as it is (the completeness tests make sure none is).
[[nodiscard]] std::string substitute(std::string_view pattern, std::initializer_list<message_arg> args);

/// The placeholder names of `pattern`, sorted, without duplicates.
[[nodiscard]] std::vector<std::string> placeholders(std::string_view pattern);

struct catalogue {
    std::string code;   // "es"
    std::string name;   // "Español"
    std::string fallback;  // "en" for en-US; empty when the catalogue must be complete
    plural_rule rule = plural_rule::english;
    std::array<std::string, 7> weekdays;   // abbreviated, Sunday first
    std::array<std::string, 12> months;    // abbreviated, as in a date
    std::string date_pattern = "{weekday} {day} {month} {year}";
    std::string short_date_pattern = "{weekday} {day} {month}";
    std::string time_pattern = "{hh}:{mm}";   // {hh} 00-23, {h12} 1-12, {ampm}
    std::string am = "AM", pm = "PM";
    std::string decimal = ".";
    std::map<std::string, message, std::less<>> messages;
    std::shared_ptr<const catalogue> base;  // the fallback's catalogue

    /// The message with `id` here or in the fallback; nullptr when neither has it.
    [[nodiscard]] const message* find(std::string_view id) const noexcept;
    /// The text of a plain message; the id itself when the catalogue lacks it (tests catch that).
    [[nodiscard]] std::string_view text(std::string_view id) const noexcept;
    /// The word for a code: word.<kind>.<code> ("word.device.pen"); the code itself when there is none.
    [[nodiscard]] std::string_view word(std::string_view kind, std::string_view value) const;
    /// A plain message with its placeholders filled.
    [[nodiscard]] std::string format(std::string_view id, std::initializer_list<message_arg> args) const;
    /// A plural message for `n`, with {count} and the other placeholders filled.
    [[nodiscard]] std::string count(std::string_view id, std::int64_t n, std::initializer_list<message_arg> args = {}) const;
    /// The lowest review status among the messages (machine when any is a machine translation).
    [[nodiscard]] review_status worst_status() const noexcept;

    // Dates and times in this locale.
    [[nodiscard]] std::string time_of_day(std::chrono::minutes m) const;
    [[nodiscard]] std::string day(date::local_days d) const;        // "Sun 22 Nov 2026"
    [[nodiscard]] std::string short_day(date::local_days d) const;  // "Sun 22 Nov"
    [[nodiscard]] std::string local(date::local_seconds t) const;   // "Sun 22 Nov 2026 07:30"
    [[nodiscard]] std::string short_local(date::local_seconds t) const;
    /// A window length: "3 d", "48 h", "1.5 h" in English (io/text_toolkit.hpp's hours_text).
    [[nodiscard]] std::string hours(std::chrono::minutes m) const;
    /// A decimal number written with '.' ("1.5") as this locale writes it ("1,5").
    [[nodiscard]] std::string number(std::string_view dotted) const;
    /// An integer as this locale writes it in running text (no grouping: plans use small numbers).
    [[nodiscard]] std::string decimal_text(double v) const;

    bool is_english() const noexcept { return code == "en"; }
};

/// Parses a catalogue file. `base` is the fallback's catalogue when the file names one.
/// Throws invalid_value naming the field ("catalogue", or the JSON pointer) with ORIGIN:LINE:COLUMN.
[[nodiscard]] std::shared_ptr<const catalogue> parse_catalogue(std::string_view json_text, std::string_view origin,
                                                               std::shared_ptr<const catalogue> base = nullptr);

/// A protocol's own catalogue, the object at `pointer` of the protocol text (no "format" key).
[[nodiscard]] std::shared_ptr<const catalogue> parse_catalogue_section(const nlohmann::json& j, std::string_view text, std::string_view origin,
                                                                       const std::string& pointer, std::shared_ptr<const catalogue> base);

/// A shipped catalogue ("en", "en-US", "es", "uk"), parsed once (thread-safe).
/// Throws invalid_value("lang", ...) naming the shipped locales for any other code.
[[nodiscard]] const std::shared_ptr<const catalogue>& shipped_catalogue(std::string_view code);

/// True for "en", "en-US", "es" and "uk".
[[nodiscard]] bool shipped_catalogue_exists(std::string_view code) noexcept;

/// The English catalogue (shipped_catalogue("en")).
[[nodiscard]] const catalogue& english();

}  // namespace aftercare::detail
