// Private: where a JSON pointer lands in JSON text, for error messages with line and column.
// nlohmann/json 3.11 (Debian 12) records no positions, so this rescans text that has already been
// parsed successfully; it never throws and returns nullopt when it cannot find the pointer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aftercare::detail {

struct text_position {
    std::size_t offset = 0;  // byte offset
    std::size_t line = 1;    // 1-based
    std::size_t column = 1;  // 1-based, in UTF-8 characters
};

/// The position of the value at `pointer` (RFC 6901), or, when `at_key` is set and the last token
/// names an object member, of that member's key.
[[nodiscard]] std::optional<std::size_t> locate(std::string_view text, std::string_view pointer, bool at_key = false) noexcept;

/// Line and column of a byte offset.
[[nodiscard]] text_position position_of(std::string_view text, std::size_t offset) noexcept;

/// Escapes one reference token for a JSON pointer ('~' → "~0", '/' → "~1").
[[nodiscard]] std::string escape_pointer_token(std::string_view token);

}  // namespace aftercare::detail
