// Private to the command: printing the handout to PDF with a headless browser.
#pragma once

#include <string>

namespace aftercare_cli {

/// The PDF a headless Chromium prints from `html`. Throws aftercare::invalid_value naming what to
/// install when no engine is found, std::runtime_error when the engine fails.
std::string print_pdf(const std::string& html);

}  // namespace aftercare_cli
