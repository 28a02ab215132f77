// The clinic profile for the handout (io/html.hpp): a small JSON object read with typed errors, and
// the logo file embedded as a data: URI.
#include "aftercare/error.hpp"
#include "aftercare/io/html.hpp"
#include "protocol/json_read.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>

namespace aftercare {

namespace {

constexpr std::uintmax_t max_profile_bytes = 4u << 20;
constexpr std::uintmax_t max_logo_bytes = 1u << 20;

/// A short, printable prefix of `text` for an error message.
std::string shown(std::string_view text) {
    std::string s;
    for (char c : text.substr(0, 40)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            s += "\\x";
            s += hex[u >> 4];
            s += hex[u & 15];
        } else {
            s += c;
        }
    }
    if (text.size() > 40) s += "...";
    return s;
}

std::string read_file(const std::filesystem::path& path, std::uintmax_t limit, const std::string& field, const std::string& what) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::is_regular_file(status)) {
        throw invalid_value(field, shown(path.string()), what, field + " '" + shown(path.string()) + "' cannot be read: it is not a regular file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > limit) {
        throw invalid_value(field, shown(path.string()), what,
                            field + " '" + shown(path.string()) + "' is larger than " + std::to_string(limit >> 20) + " MiB");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) throw invalid_value(field, shown(path.string()), what, field + " '" + shown(path.string()) + "' cannot be read");
    return std::move(buf).str();
}

unsigned byte(char c) { return static_cast<unsigned char>(c); }

std::string base64(std::string_view bytes) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = byte(bytes[i]) << 16 | byte(bytes[i + 1]) << 8 | byte(bytes[i + 2]);
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    if (i < bytes.size()) {
        unsigned v = byte(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= byte(bytes[i + 1]) << 8;
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? table[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

struct member {
    std::string_view key;
    std::string clinic_details::*field;
    std::size_t max;
};
constexpr std::array<member, 4> members{{
    {"name", &clinic_details::name, 120},
    {"phone", &clinic_details::phone, 40},
    {"after_hours", &clinic_details::after_hours, 40},
    {"address", &clinic_details::address, 200},
}};

void check_text(const std::string& field, const std::string& value, std::size_t max, std::string_view origin) {
    const std::string allowed = "text of at most " + std::to_string(max) + " characters without control characters";
    std::size_t chars = 0;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            throw invalid_value(field, shown(value), allowed, std::string(origin) + ": " + field + " '" + shown(value) + "' has a control character");
        }
        if ((u & 0xc0) != 0x80) ++chars;
    }
    if (chars > max) {
        throw invalid_value(field, shown(value), allowed,
                            std::string(origin) + ": " + field + " '" + shown(value) + "' is longer than " + std::to_string(max) + " characters");
    }
}

}  // namespace

std::string logo_data_uri(const std::filesystem::path& path, std::string_view field) {
    const std::string f(field);
    const std::string allowed = "a PNG, JPEG or SVG file of at most 1 MiB";
    const std::string bytes = read_file(path, max_logo_bytes, f, allowed);
    std::string_view type;
    if (bytes.starts_with("\x89PNG\r\n\x1a\n")) type = "image/png";
    else if (bytes.starts_with("\xff\xd8\xff")) type = "image/jpeg";
    else if (bytes.find("<svg") != std::string::npos && bytes.find("<script") == std::string::npos && bytes.find("href=\"http") == std::string::npos)
        type = "image/svg+xml";
    if (type.empty()) {
        throw invalid_value(f, shown(path.string()), allowed,
                            f + " '" + shown(path.string()) + "' is not a PNG, JPEG or SVG image (an SVG must hold no script or external link)");
    }
    return "data:" + std::string(type) + ";base64," + base64(bytes);
}

clinic_details parse_clinic(std::string_view json_text, const std::filesystem::path& base, std::string_view origin) {
    const std::string o(origin);
    nlohmann::json j;
    try {
        j = detail::read_json(json_text);  // bounded depth, no duplicate keys, numbers in range
    } catch (const detail::json_read_error& e) {
        throw invalid_value(e.pointer.empty() ? "clinic" : "clinic" + e.pointer, shown(json_text), "a JSON object",
                            o + ":" + detail::line_column(json_text, e.offset) + ": the clinic profile is not valid: " + detail::explained(e, json_text));
    }
    if (!j.is_object()) {
        throw invalid_value("clinic", shown(json_text), "a JSON object", o + ": the clinic profile must be a JSON object");
    }
    clinic_details c;
    for (const auto& [key, value] : j.items()) {
        const std::string field = "clinic." + shown(key);
        const member* m = nullptr;
        for (const member& candidate : members) {
            if (candidate.key == key) m = &candidate;
        }
        if (!m && key != "logo") {
            throw invalid_value(field, shown(key), "name, phone, after_hours, address or logo",
                                o + ": " + field + " is not a member of a clinic profile (allowed: name, phone, after_hours, address, logo)");
        }
        if (!value.is_string()) {
            throw invalid_value(field, detail::describe(value), "a string", o + ": " + field + " must be a string, not " + detail::describe(value));
        }
        const auto& text = value.get_ref<const std::string&>();
        if (m) {
            check_text(field, text, m->max, o);
            c.*(m->field) = text;
        } else if (!text.empty()) {
            check_text(field, text, 1024, o);
            const std::filesystem::path logo = std::filesystem::path(text).is_absolute() ? std::filesystem::path(text) : base / text;
            c.logo = logo_data_uri(logo, field);
        }
    }
    return c;
}

clinic_details load_clinic(const std::filesystem::path& path) {
    const std::string text = read_file(path, max_profile_bytes, "clinic", "a readable clinic profile (JSON) of at most 4 MiB");
    return parse_clinic(text, path.parent_path(), path.string());
}

}  // namespace aftercare
