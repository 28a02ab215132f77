// Test-only: the JSON documents written through an nlohmann::ordered_json DOM, as the library did
// before json_writer.hpp (json_reference.cpp). The byte-for-byte oracle for the writer.
#pragma once

#include <aftercare/io/json.hpp>

#include <string>

namespace aftercare::reference {

[[nodiscard]] std::string to_json_dom(const plan& p, const json_options& options = {});
[[nodiscard]] std::string to_json_dom(const reminder_schedule& s, const json_options& options = {});
[[nodiscard]] std::string to_json_dom(const assessment& a, const json_options& options = {});
[[nodiscard]] std::string to_json_dom(const eligibility& e, const json_options& options = {});

}  // namespace aftercare::reference
