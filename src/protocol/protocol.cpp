#include "aftercare/protocol.hpp"

#include "aftercare/error.hpp"
#include "protocol/json_read.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <fstream>
#include <iterator>
#include <sstream>

extern const char aftercare_default_protocol_json[];
extern const std::size_t aftercare_default_protocol_json_size;

namespace aftercare {

namespace detail {
std::shared_ptr<const protocol_data> parse_protocol_data(std::string text, std::string origin);
}

protocol::protocol() : protocol(default_protocol()) {}

protocol::protocol(std::shared_ptr<const detail::protocol_data> data) noexcept : data_(std::move(data)) {}

std::string_view protocol::id() const noexcept { return data_->id; }
std::string_view protocol::version() const noexcept { return data_->version; }
std::string_view protocol::title() const noexcept { return data_->title; }
std::string_view protocol::disclaimer() const noexcept { return data_->disclaimer; }
std::string_view protocol::origin() const noexcept { return data_->origin; }
std::string_view protocol::text() const noexcept { return data_->text; }
std::span<const source> protocol::sources() const noexcept { return data_->sources; }
std::span<const depth_tier> protocol::tiers() const noexcept { return data_->tiers; }

const source* protocol::find_source(std::string_view key) const noexcept {
    const auto& s = data_->sources;
    const auto it = std::lower_bound(s.begin(), s.end(), key, [](const source& a, std::string_view k) { return a.key < k; });
    return it != s.end() && it->key == key ? &*it : nullptr;
}

const depth_tier* protocol::tier_for(needle_depth depth) const noexcept {
    const std::size_t i = data_->tier_index(depth);
    return i < data_->tiers.size() ? &data_->tiers[i] : nullptr;
}

std::string_view default_protocol_text() noexcept {
    return {aftercare_default_protocol_json, aftercare_default_protocol_json_size};
}

const protocol& default_protocol() {
    // Parsed once, on first use; C++11 guarantees the initialisation is thread-safe.
    static const protocol builtin{detail::parse_protocol_data(std::string(default_protocol_text()), "<default>")};
    return builtin;
}

protocol parse_protocol(std::string_view json_text, std::string_view origin) {
    return protocol{detail::parse_protocol_data(std::string(json_text), std::string(origin))};
}

protocol load_protocol(const std::filesystem::path& path) {
    std::string why;
    std::optional<std::string> text = detail::read_regular_file(path.string(), why);
    if (!text) throw protocol_error(path.string(), 0, 0, "", "cannot read the file: " + why);
    return protocol{detail::parse_protocol_data(std::move(*text), path.string())};
}

}  // namespace aftercare
