#include "protocol/json_locate.hpp"

#include <string>

namespace aftercare::detail {

namespace {

class scanner {
public:
    explicit scanner(std::string_view text) noexcept : s_(text) {}

    void skip_ws() noexcept {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }
    [[nodiscard]] bool at(char c) const noexcept { return pos_ < s_.size() && s_[pos_] == c; }
    [[nodiscard]] std::size_t pos() const noexcept { return pos_; }
    bool eat(char c) noexcept {
        skip_ws();
        if (!at(c)) return false;
        ++pos_;
        return true;
    }

    // Reads a string at pos_ into `out` (escapes decoded for ASCII; \u escapes kept verbatim
    // except for the common BMP range, which is encoded as UTF-8).
    bool read_string(std::string& out) noexcept {
        if (!at('"')) return false;
        ++pos_;
        out.clear();
        while (pos_ < s_.size()) {
            const char c = s_[pos_++];
            if (c == '"') return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= s_.size()) return false;
            const char e = s_[pos_++];
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    if (pos_ + 4 > s_.size()) return false;
                    unsigned cp = 0;
                    for (int i = 0; i < 4; ++i) {
                        const char h = s_[pos_++];
                        cp <<= 4;
                        if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
                        else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
                        else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
                        else return false;
                    }
                    if (cp < 0x80) {
                        out += static_cast<char>(cp);
                    } else if (cp < 0x800) {
                        out += static_cast<char>(0xC0 | (cp >> 6));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (cp >> 12));
                        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (cp & 0x3F));
                    }
                    break;
                }
                default: out += e; break;  // \" \\ \/
            }
        }
        return false;
    }

    // Skips one value of any kind.
    bool skip_value() noexcept {
        skip_ws();
        if (pos_ >= s_.size()) return false;
        const char c = s_[pos_];
        if (c == '"') {
            std::string ignored;
            return read_string(ignored);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < s_.size()) {
                const char d = s_[pos_];
                if (d == '"') {
                    std::string ignored;
                    if (!read_string(ignored)) return false;
                    continue;
                }
                ++pos_;
                if (d == '{' || d == '[') ++depth;
                if (d == '}' || d == ']') {
                    if (--depth == 0) return true;
                }
            }
            return false;
        }
        while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' && s_[pos_] != ' ' &&
               s_[pos_] != '\n' && s_[pos_] != '\r' && s_[pos_] != '\t') {
            ++pos_;
        }
        return true;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// Decodes one pointer token ("~1" → '/', "~0" → '~').
std::string unescape(std::string_view token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

}  // namespace

std::optional<std::size_t> locate(std::string_view text, std::string_view pointer, bool at_key) noexcept {
    try {
        scanner sc(text);
        sc.skip_ws();
        std::size_t key_pos = sc.pos();
        std::string_view rest = pointer;
        while (!rest.empty()) {
            if (rest.front() != '/') return std::nullopt;
            rest.remove_prefix(1);
            const std::size_t slash = rest.find('/');
            const std::string token = unescape(rest.substr(0, slash));
            rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
            sc.skip_ws();
            if (sc.eat('{')) {
                bool found = false;
                std::string key;
                while (true) {
                    sc.skip_ws();
                    if (sc.at('}')) return std::nullopt;
                    key_pos = sc.pos();
                    if (!sc.read_string(key) || !sc.eat(':')) return std::nullopt;
                    if (key == token) {
                        found = true;
                        break;
                    }
                    if (!sc.skip_value()) return std::nullopt;
                    if (!sc.eat(',')) return std::nullopt;
                }
                if (!found) return std::nullopt;
            } else if (sc.eat('[')) {
                std::size_t index = 0;
                for (const char ch : token) {
                    if (ch < '0' || ch > '9') return std::nullopt;
                    index = index * 10 + static_cast<std::size_t>(ch - '0');
                }
                for (std::size_t i = 0; i < index; ++i) {
                    if (!sc.skip_value() || !sc.eat(',')) return std::nullopt;
                }
                sc.skip_ws();
                key_pos = sc.pos();
            } else {
                return std::nullopt;
            }
        }
        sc.skip_ws();
        return at_key ? key_pos : sc.pos();
    } catch (...) {  // std::string growth only; the caller loses the position, not the error
        return std::nullopt;
    }
}

text_position position_of(std::string_view text, std::size_t offset) noexcept {
    text_position p;
    p.offset = offset;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
            ++p.column;
        }
    }
    return p;
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

}  // namespace aftercare::detail
