// Private: the pieces of the text writer that other exporters (reminders) reuse.
#pragma once

#include "aftercare/io/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace aftercare::detail {

/// The width plain-text plans are wrapped at (columns).
inline constexpr std::size_t text_width = 80;

/// `first` + `text` as one line when it fits in text_width bytes (kept exactly), else wrapped at
/// spaces with `rest` before each further line.
[[nodiscard]] std::string fitted_line(std::string_view text, std::string_view first, std::string_view rest);

/// The plan as text (to_text), with `before_sources` inserted just before the list of sources.
[[nodiscard]] std::string plan_text(const plan& p, const text_options& options, std::string_view before_sources);

}  // namespace aftercare::detail
