#include "aftercare/error.hpp"
#include "aftercare/version.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace aftercare {

error::error(std::string_view id, const std::string& message) : std::invalid_argument(message), id_(id) {}

invalid_value::invalid_value(std::string field, std::string value, std::string allowed, const std::string& message)
    : invalid_value("aftercare.invalid_value", std::move(field), std::move(value), std::move(allowed), message) {}

invalid_value::invalid_value(std::string_view id, std::string field, std::string value, std::string allowed,
                             const std::string& message)
    : error(id, message),
      field_(field.size() > 256 ? short_value(field) : std::move(field)),
      value_(value.size() > 256 ? short_value(value) : std::move(value)),  // no error keeps a huge value
      allowed_(std::move(allowed)) {}

time_zone_error::time_zone_error(const std::string& field, const std::string& zone_name)
    : invalid_value("aftercare.time_zone_error", field, zone_name, "an IANA time-zone name such as Europe/London",
                    field + " " + quote_value(zone_name) + " is not a time zone in the tz database (expected an IANA name such as Europe/London)") {}

std::string safe_pointer(std::string_view pointer) {
    const bool plain = pointer.size() <= 256 && std::all_of(pointer.begin(), pointer.end(), [](char c) {
                           const auto u = static_cast<unsigned char>(c);
                           return u >= 0x20 && u < 0x7F;
                       });
    return plain ? std::string(pointer) : short_value(pointer);
}

namespace {
std::string protocol_message(const std::string& origin, std::size_t line, std::size_t column, const std::string& pointer,
                             const std::string& expected) {
    std::string m = origin.size() > 256 ? short_value(origin) : origin;
    if (line != 0) {
        m += ':' + std::to_string(line) + ':' + std::to_string(column);
    }
    m += ": ";
    m += pointer.empty() ? std::string("(document)") : safe_pointer(pointer);
    m += ": ";
    m += expected;
    return m;
}
}  // namespace

protocol_error::protocol_error(std::string origin, std::size_t line, std::size_t column, std::string pointer,
                               std::string expected)
    : error("aftercare.protocol_error", protocol_message(origin, line, column, pointer, expected)),
      origin_(std::move(origin)),
      line_(line),
      column_(column),
      pointer_(std::move(pointer)),
      expected_(std::move(expected)) {}

namespace {

// The length of the valid UTF-8 sequence at s[i], or 0 when it is not one (overlong, surrogate,
// beyond U+10FFFF or cut short).
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1FU;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0FU;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07U;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0U) != 0x80U) return 0;
        cp = (cp << 6U) | (b(i + k) & 0x3FU);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

void append_hex(std::string& out, const char* prefix, unsigned v, int digits) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out += prefix;
    for (int d = digits - 1; d >= 0; --d) out += hex[(v >> (4U * static_cast<unsigned>(d))) & 0xFU];
}

// Escapes `value` into `out`, reading at most `limit` bytes of it; true when all of it was read.
bool escape_prefix(std::string& out, std::string_view value, std::size_t limit) {
    std::size_t i = 0;
    while (i < value.size()) {
        const auto c = static_cast<unsigned char>(value[i]);
        std::size_t n = 1;
        if (c >= 0x80) n = utf8_length(value, i);
        if (i + std::max<std::size_t>(n, 1) > limit) return false;
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\'') {
            out += "\\'";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            append_hex(out, "\\x", c, 2);
        } else if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (n == 0) {
            append_hex(out, "\\x", c, 2);  // not UTF-8
            n = 1;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(value[i + 1]) < 0xA0) {
            append_hex(out, "\\u", 0x80U + (static_cast<unsigned char>(value[i + 1]) & 0x1FU), 4);  // C1 control (CSI...)
        } else {
            out.append(value.substr(i, n));
        }
        i += n;
    }
    return true;
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance, ignoring case: insertions, deletions, substitutions and swaps
// of two neighbours ("plna" is one step from "plan").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t w = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            std::size_t v = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    return d[a.size() * w + b.size()];
}

}  // namespace

std::string quote_value(std::string_view value) {
    std::string out = "'";
    const bool whole = escape_prefix(out, value, quoted_prefix_bytes);
    if (whole) {
        out += '\'';
        return out;
    }
    out += "…' (" + std::to_string(value.size()) + " bytes)";
    return out;
}

std::string short_value(std::string_view value) {
    std::string out;
    if (!escape_prefix(out, value, quoted_prefix_bytes)) out += "…";
    return out;
}

std::string_view closest_match(std::string_view value, std::span<const std::string_view> candidates) {
    if (value.empty() || value.size() > 64) return {};
    std::string_view best;
    std::size_t best_d = 3;
    for (std::string_view c : candidates) {
        if (c.size() > 64) continue;
        const std::size_t d = edit_distance(value, c);
        if (d < best_d && d * 2 <= c.size() && d < value.size() && c != value) {
            best = c;
            best_d = d;
        }
    }
    if (!best.empty()) return best;
    // A short form of a longer code ("cold_sores" for cold_sore_history): the one candidate that
    // shares all of `value` but its last two characters, when at least four characters are shared.
    const std::size_t need = std::max<std::size_t>(4, value.size() < 2 ? 0 : value.size() - 2);
    std::size_t found = 0;
    for (std::string_view c : candidates) {
        std::size_t common = 0;
        while (common < c.size() && common < value.size() && c[common] == value[common]) ++common;
        if (common >= need && c != value) {
            best = c;
            ++found;
        }
    }
    return found == 1 ? best : std::string_view{};
}

std::string did_you_mean(std::string_view value, std::span<const std::string_view> candidates) {
    const std::string_view m = closest_match(value, candidates);
    if (m.empty()) return {};
    return " (did you mean '" + std::string(m) + "'?)";
}

version_info library_version() noexcept {
    return {AFTERCARE_VERSION_MAJOR, AFTERCARE_VERSION_MINOR, AFTERCARE_VERSION_PATCH};
}

}  // namespace aftercare
