// Reading JSON the library accepts, and input files; see json_read.hpp and aftercare/files.hpp.
#include "protocol/json_read.hpp"

#include "aftercare/error.hpp"
#include "aftercare/files.hpp"
#include "protocol/json_locate.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace aftercare::detail {

namespace {

struct frame {
    bool object = false;
    std::size_t index = 0;                                // arrays: the element being read
    std::string key;                                      // objects: the key being read
    std::unordered_map<std::string, std::size_t> keys;  // objects: every key so far, at its offset
};

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// One pass over the text; false at the first syntax error (nlohmann reports it).
class checker {
public:
    explicit checker(std::string_view s) : s_(s) {}

    bool run() {
        while (true) {
            skip_ws();
            if (pos_ >= s_.size()) return true;
            const char c = s_[pos_];
            if (c == '{' || c == '[') {
                if (stack_.size() >= max_json_depth) {
                    fail(pos_, "nesting deeper than " + std::to_string(max_json_depth) + " levels (arrays and objects in one another)");
                }
                stack_.push_back(frame{c == '{', 0, {}, {}});
                ++pos_;
            } else if (c == '}' || c == ']') {
                if (stack_.empty()) return false;
                stack_.pop_back();
                ++pos_;
            } else if (c == ',') {
                if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
                ++pos_;
            } else if (c == ':') {
                ++pos_;
            } else if (c == '"') {
                const std::size_t at = pos_;
                std::string text;
                if (!string(text)) return false;
                skip_ws();
                if (pos_ < s_.size() && s_[pos_] == ':' && !stack_.empty() && stack_.back().object) {
                    frame& f = stack_.back();
                    const auto [it, inserted] = f.keys.emplace(text, at);
                    f.key = std::move(text);
                    if (!inserted) {
                        json_read_error e;
                        e.offset = at;
                        e.first_offset = it->second;
                        e.pointer = pointer();
                        e.message = "duplicate key \"" + short_value(f.key) + "\"";
                        throw e;
                    }
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                const std::size_t at = pos_;
                while (pos_ < s_.size() && (std::string_view("0123456789+-.eE").find(s_[pos_]) != std::string_view::npos)) ++pos_;
                const std::string token(s_.substr(at, pos_ - at));
                errno = 0;
                const double v = std::strtod(token.c_str(), nullptr);
                if (std::isinf(v)) {
                    fail(at, "number " + quote_value(token) + " is beyond the range of a double (about ±1.8e308)");
                }
            } else if (c >= 'a' && c <= 'z') {
                while (pos_ < s_.size() && s_[pos_] >= 'a' && s_[pos_] <= 'z') ++pos_;
            } else {
                return false;
            }
        }
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
    std::vector<frame> stack_;

    void skip_ws() noexcept {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }

    [[noreturn]] void fail(std::size_t at, std::string message) const {
        json_read_error e;
        e.offset = at;
        e.pointer = pointer();
        e.message = std::move(message);
        throw e;
    }

    // The pointer of the value being read (its key's object for a key).
    [[nodiscard]] std::string pointer() const {
        std::string p;
        for (const frame& f : stack_) {
            if (p.size() > 4096) {  // a pointer is for people: its start says enough
                p += "/…";
                break;
            }
            p += '/';
            p += f.object ? escape_pointer_token(short_value(f.key)) : std::to_string(f.index);
        }
        if (!stack_.empty() && stack_.back().object && stack_.back().key.empty()) p.erase(p.rfind('/'));
        return p;
    }

    unsigned hex4(bool& ok) {
        if (pos_ + 4 > s_.size()) {
            ok = false;
            return 0;
        }
        unsigned cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            cp <<= 4U;
            if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
            else ok = false;
        }
        return cp;
    }

    // A string at pos_, decoded as nlohmann decodes it (so that "a" and "\u0061" are one key).
    bool string(std::string& out) {
        ++pos_;
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
                case '"': case '\\': case '/': out += e; break;
                case 'u': {
                    bool ok = true;
                    unsigned cp = hex4(ok);
                    if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 6 <= s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
                        pos_ += 2;
                        const unsigned lo = hex4(ok);
                        if (lo < 0xDC00 || lo > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10U) + (lo - 0xDC00);
                    }
                    if (!ok) return false;
                    append_utf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }
};

}  // namespace

std::string line_column(std::string_view text, std::size_t offset) {
    const text_position p = position_of(text, offset);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::string explained(const json_read_error& e, std::string_view text) {
    return e.message + (e.first_offset ? " (first at " + line_column(text, *e.first_offset) + ")" : "");
}

void reject_document(const json_read_error& e, std::string_view text, std::string_view origin, std::string_view field) {
    const std::string at = e.pointer.empty() ? std::string() : e.pointer + ": ";
    throw invalid_value(e.pointer.empty() ? std::string(field) : e.pointer, std::string(origin), "a JSON document",
                        std::string(origin) + ":" + line_column(text, e.offset) + ": " + at + explained(e, text));
}

nlohmann::json read_json(std::string_view text) {
    const bool well_formed = checker(text).run();
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        json_read_error r;
        r.offset = e.byte == 0 ? 0 : e.byte - 1;
        r.syntax = true;
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing ..."
        const auto colon = what.find(": ", what.find("parse error"));
        r.message = "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
        // nlohmann quotes the offending token ("last read: '...'") without bound; keep its start.
        constexpr std::string_view marker = "; last read: '";
        if (const auto last = r.message.find(marker); last != std::string::npos) {
            const std::size_t start = last + marker.size();
            const auto end = r.message.rfind('\'');
            if (end != std::string::npos && end >= start) {
                r.message = r.message.substr(0, last) + "; last read: " + quote_value(r.message.substr(start, end - start)) +
                            r.message.substr(end + 1);
            }
        }
        throw r;
    } catch (const nlohmann::json::exception& e) {  // out_of_range etc.: the checks above should have caught it
        json_read_error r;
        r.message = std::string("not a JSON document the library can read (") + (well_formed ? "" : "malformed; ") + e.what() + ")";
        throw r;
    }
}

std::optional<std::string> read_regular_file(const std::string& path, std::string& why) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // O_NONBLOCK: a FIFO does not block open()
    if (fd < 0) {
        why = std::generic_category().message(errno);  // std::strerror is not thread-safe; the category's message is
        return std::nullopt;
    }
    struct closer {
        int fd;
        ~closer() { ::close(fd); }
    } guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        why = std::generic_category().message(errno);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        why = "it is a directory";
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        why = "it is not a regular file (a device, pipe or socket)";
        return std::nullopt;
    }
    const std::string limit = "at most 16 MiB (" + std::to_string(max_input_file_bytes) + " bytes) is read";
    if (static_cast<unsigned long long>(st.st_size) > max_input_file_bytes) {
        why = "it is " + std::to_string(st.st_size) + " bytes; " + limit;
        return std::nullopt;
    }
    std::string out;
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (true) {
        if (got == out.size()) {
            if (out.size() > max_input_file_bytes) {
                why = "it grew beyond 16 MiB while being read; " + limit;
                return std::nullopt;
            }
            out.resize(out.size() + 4096);  // the file grew since fstat
        }
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            why = std::generic_category().message(errno);
            return std::nullopt;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return out;
}

}  // namespace aftercare::detail

namespace aftercare {

std::string read_input_file(const std::string& path, std::string_view field) {
    std::string why;
    if (auto text = detail::read_regular_file(path, why)) return std::move(*text);
    const std::string f(field);
    throw invalid_value(f, path, "a regular file of at most 16 MiB",
                        f + " " + quote_value(path) + " cannot be read: " + why + (why.starts_with("it is") ? " (expected a regular file)" : ""));
}

}  // namespace aftercare
