// aftercare/protocol.hpp — the clinical knowledge, as data.
//
// A protocol holds every duration, threshold, message and source the engine uses; the engine holds
// no clinical numbers. The default protocol (data/protocols/microneedling.json) is embedded in the
// library, so nothing needs a file at hand; a clinic can load its own in the same format
// (docs/protocol-format.md) and gets a precise error for a bad one:
//
//     const aftercare::protocol& builtin = aftercare::default_protocol();
//     std::cout << builtin.id() << ' ' << builtin.version() << '\n';
//     try {
//         aftercare::protocol mine = aftercare::load_protocol("clinic.json");
//     } catch (const aftercare::protocol_error& e) {
//         std::cerr << e.what() << '\n';  // clinic.json:41:27: /effects/0/typical_end_h/value: expected hours >= 0, got -4
//     }
//
// A protocol is an immutable, shared value: copies are cheap, and it is safe to use from many
// threads at once. Plans keep the protocol they were made from alive.
#pragma once

#include <aftercare/types.hpp>

#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

namespace aftercare {

namespace detail {
struct protocol_data;
}

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// One cited source: the key used throughout the protocol ("CHU21"), the citation, a URL and the
/// evidence tier ("A" review/RCT/regulator/labeling, "B" small study or maker's instructions,
/// "C" clinic sheet or consumer site, or "local" for a clinic's own).
struct source {
    std::string_view key;
    std::string_view citation;
    std::string_view url;
    std::string_view tier;
};

/// A band of needle depths that share recovery windows.
struct depth_tier {
    std::string_view id;      // "moderate"
    std::string_view title;   // "up to 1.5 mm (papillary to reticular dermis, moderate injury)"
    needle_depth max_depth;   // inclusive upper bound
};

class protocol {
public:
    /// The default protocol (same as default_protocol()).
    protocol();

    [[nodiscard]] std::string_view id() const noexcept;
    [[nodiscard]] std::string_view version() const noexcept;
    [[nodiscard]] std::string_view title() const noexcept;
    [[nodiscard]] std::string_view disclaimer() const noexcept;
    /// Where it was read from: a file path, "<default>" or the origin given to parse_protocol.
    [[nodiscard]] std::string_view origin() const noexcept;
    /// The JSON text it was parsed from.
    [[nodiscard]] std::string_view text() const noexcept;

    /// Every source, sorted by key.
    [[nodiscard]] std::span<const source> sources() const noexcept;
    /// The source with `key`, or nullptr.
    [[nodiscard]] const source* find_source(std::string_view key) const noexcept;
    /// The depth tiers, shallowest first.
    [[nodiscard]] std::span<const depth_tier> tiers() const noexcept;
    /// The tier that holds `depth`, or nullptr when it is deeper than every tier.
    [[nodiscard]] const depth_tier* tier_for(needle_depth depth) const noexcept;

    /// True when both handles share the same parsed data.
    [[nodiscard]] bool same_as(const protocol& other) const noexcept { return data_ == other.data_; }

    /// For the library's own use.
    [[nodiscard]] const detail::protocol_data& data() const noexcept { return *data_; }
    explicit protocol(std::shared_ptr<const detail::protocol_data> data) noexcept;
    [[nodiscard]] const std::shared_ptr<const detail::protocol_data>& shared() const noexcept { return data_; }

private:
    std::shared_ptr<const detail::protocol_data> data_;
};

/// The embedded default protocol, parsed once on first use (thread-safe).
[[nodiscard]] const protocol& default_protocol();

/// The embedded default protocol's JSON text, as shipped in data/protocols/microneedling.json.
[[nodiscard]] std::string_view default_protocol_text() noexcept;

/// Parses a protocol from JSON text. `origin` names it in error messages.
/// Throws protocol_error with the line, column, JSON pointer and what was expected.
[[nodiscard]] protocol parse_protocol(std::string_view json_text, std::string_view origin = "<string>");

/// Reads and parses a protocol file. Throws protocol_error (also when the file cannot be read).
[[nodiscard]] protocol load_protocol(const std::filesystem::path& path);

}  // namespace aftercare
