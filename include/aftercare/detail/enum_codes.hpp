// Private: the stable text codes of aftercare's enumerations. Users call aftercare::to_string,
// aftercare::from_string and aftercare::parse_code (types.hpp), never this header directly.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace aftercare::detail {

/// Specialised for each code enumeration: `codes[i]` is the code of the enumerator with value i,
/// and `field` is the name an error message uses for a value of this type.
template <class E>
struct code_table;

[[noreturn]] void throw_unknown_code(std::string_view field, std::string_view value,
                                     std::span<const std::string_view> allowed);

}  // namespace aftercare::detail
