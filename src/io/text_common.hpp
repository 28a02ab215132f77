// Private: the pieces of the text writer that other exporters (reminders) reuse.
#pragma once

#include "aftercare/io/text.hpp"

#include <string>
#include <string_view>

namespace aftercare::detail {

/// The plan as text (to_text), with `before_sources` inserted just before the list of sources.
[[nodiscard]] std::string plan_text(const plan& p, const text_options& options, std::string_view before_sources);

}  // namespace aftercare::detail
