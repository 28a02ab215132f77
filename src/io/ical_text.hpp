// Private: RFC 5545 text rules used by to_ics (src/io_ical.cpp), exposed for the unit tests.
#pragma once

#include <string>
#include <string_view>

namespace aftercare::detail {

/// Appends `text` as an RFC 5545 TEXT value (§3.3.11): backslash, semicolon and comma are
/// escaped, a line break (LF, CR LF or CR) becomes "\n", other control characters but TAB are
/// dropped. UTF-8 passes through unchanged.
void ical_escape(std::string& out, std::string_view text);

/// Appends one content line (§3.1) folded so that no physical line is longer than 75 octets
/// without its CRLF: continuation lines start with one space; a fold never splits a UTF-8
/// character. Ends with CRLF.
void ical_fold(std::string& out, std::string_view line);

/// The 64-bit FNV-1a hash of `bytes`, continuing from `hash` (stable across platforms and runs).
[[nodiscard]] constexpr unsigned long long fnv1a(std::string_view bytes, unsigned long long hash = 14695981039346656037ULL) noexcept {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

}  // namespace aftercare::detail
