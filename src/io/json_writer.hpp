// Private: a JSON writer without a DOM, after rapidjson's writer.h. Values go straight into one
// std::string; strings are escaped through a table; a small stack checks the structure and knows
// where commas and indentation go. The bytes are those of nlohmann::ordered_json::dump(indent, ' ',
// false, error_handler_t::replace) for the same sequence of values (tests/cpp/io/json_tests.cpp
// compares them over a seeded grid), so documents written either way are identical.
//
//     detail::json_writer w(2);          // indent 2; -1 writes one line
//     w.begin_object();
//     w.key("schema");  w.string("aftercare.plan/1");
//     w.key("hours");   w.number(1.5);
//     w.key("at");      w.instant(t, zone);   // RFC 3339 with the zone's offset, as format_rfc3339
//     w.end_object();
//     std::string text = std::move(w).take();
//
// Used by the plan, reminder, triage and screening documents; any other exporter may use it.
#pragma once

#include "aftercare/time.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aftercare::detail {

class json_writer {
public:
    /// `indent` spaces per level (pretty, as nlohmann's dump(indent)), or -1 for one line.
    explicit json_writer(int indent = -1, std::size_t reserve = 4096) : out_(reserve), indent_(indent) {}

    // --- structure --------------------------------------------------------------------------
    void begin_object() { open('{', true); }
    void end_object() { close('}', true); }
    void begin_array() { open('[', false); }
    void end_array() { close(']', false); }

    /// An object member's key; the next call writes its value.
    void key(std::string_view k) {
        assert(depth_ > 0 && stack_[depth_ - 1].object && !after_key_);
        separate();
        after_key_ = true;
        bool plain = k.size() <= 64;
        for (char c : k) plain = plain && escapes[static_cast<unsigned char>(c)] == 0;
        if (plain) {  // a key as the exporters write them: one copy with its quotes and colon
            const std::size_t tail = indent_ >= 0 ? 3 : 2;
            char* at = out_.room(k.size() + 1 + tail);
            *at++ = '"';
            std::memcpy(at, k.data(), k.size());
            at += k.size();
            *at++ = '"';
            *at++ = ':';
            if (tail == 3) *at = ' ';
            return;
        }
        quoted(k);
        if (indent_ >= 0) {
            out_.append(": ", 2);
        } else {
            out_ += ':';
        }
    }

    // --- values -----------------------------------------------------------------------------
    void string(std::string_view s) {
        value_prefix();
        quoted(s);
    }
    void null() {
        value_prefix();
        out_.append("null", 4);
    }
    void boolean(bool b) {
        value_prefix();
        if (b) {
            out_.append("true", 4);
        } else {
            out_.append("false", 5);
        }
    }
    void integer(std::int64_t v) {
        value_prefix();
        char buf[24];
        char* end = buf + sizeof buf;
        char* p = end;
        std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        do {
            *--p = static_cast<char>('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (v < 0) *--p = '-';
        out_.append(p, static_cast<std::size_t>(end - p));
    }
    /// A double as nlohmann writes it (shortest round-trip digits, "1.0" for whole values, null if not finite).
    void number(double v) {
        value_prefix();
        if (!(v - v == 0.0)) {  // inf or nan
            out_.append("null", 4);
            return;
        }
        char buf[64];
        char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, static_cast<std::size_t>(end - buf));
    }
    /// An instant, RFC 3339, in `zone` ("+01:00") or UTC ("Z") when null — format_rfc3339's text.
    void instant(date::sys_seconds t, zone_ref zone) {
        value_prefix();
        out_ += '"';
        std::chrono::seconds offset{0};
        if (zone != nullptr) {
            if (zone != zone_ || !(begin_ <= t && t < end_)) {
                const date::sys_info info = zone->get_info(t);
                zone_ = zone;
                begin_ = info.begin;
                end_ = info.end;
                offset_ = info.offset;
            }
            offset = offset_;
        }
        if (!civil(date::local_seconds{t.time_since_epoch() + offset})) {
            out_.pop_back();  // a year outside 0000–9999: the general formatter
            quoted(format_rfc3339(t, zone));
            return;
        }
        if (zone == nullptr) {
            out_.append("Z\"", 2);
            return;
        }
        const auto total = offset.count();
        const auto magnitude = total < 0 ? -total : total;
        char buf[7];
        buf[0] = total < 0 ? '-' : '+';
        two(buf + 1, static_cast<unsigned>(magnitude / 3600 % 100));
        buf[3] = ':';
        two(buf + 4, static_cast<unsigned>(magnitude % 3600 / 60));
        buf[6] = '"';
        out_.append(buf, 7);
    }
    /// A wall-clock reading without an offset ("2026-11-22T07:30:00").
    void local(date::local_seconds t) {
        value_prefix();
        out_ += '"';
        if (!civil(t)) {
            out_.pop_back();
            quoted(format_rfc3339(date::sys_seconds{t.time_since_epoch()}).substr(0, 19));
            return;
        }
        out_ += '"';
    }

    // --- shorthands -------------------------------------------------------------------------
    void member(std::string_view k, std::string_view v) {
        key(k);
        string(v);
    }
    void member(std::string_view k, const char* v) { member(k, std::string_view(v)); }
    void member_null(std::string_view k) {
        key(k);
        null();
    }
    void strings(std::span<const std::string_view> items) {
        begin_array();
        for (std::string_view s : items) string(s);
        end_array();
    }

    /// Ends the document: a newline after a pretty one, as the command and to_json always did.
    [[nodiscard]] std::string take() && {
        assert(depth_ == 0);
        if (indent_ >= 0) out_ += '\n';
        return std::move(out_).take();
    }
    [[nodiscard]] int indent() const noexcept { return indent_; }

private:
    struct level {
        bool object;
        std::uint32_t count;
    };

    void open(char c, bool object) {
        value_prefix();
        assert(depth_ < stack_.size());
        stack_[depth_++] = level{object, 0};
        out_ += c;
    }
    void close(char c, bool object) {
        assert(depth_ > 0 && stack_[depth_ - 1].object == object && !after_key_);
        (void)object;
        const level l = stack_[--depth_];
        if (l.count != 0 && indent_ >= 0) newline(depth_);
        out_ += c;
    }
    // Before a value: nothing after a key; a comma and a new line inside an array.
    void value_prefix() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (depth_ == 0) return;
        assert(!stack_[depth_ - 1].object);
        separate();
    }
    void separate() {
        level& l = stack_[depth_ - 1];
        if (l.count++ != 0) out_ += ',';
        if (indent_ >= 0) newline(depth_);
    }
    void newline(std::size_t levels) {
        const std::size_t n = levels * static_cast<std::size_t>(indent_);
        char* at = out_.room(n + 1);
        *at++ = '\n';
        for (std::size_t i = 0; i < n; ++i) at[i] = ' ';
    }

    static void two(char* p, unsigned v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
    }
    // "YYYY-MM-DDTHH:MM:SS" for years 0–9999; false (nothing written) otherwise.
    bool civil(date::local_seconds local) {
        const auto day = date::floor<date::days>(local);
        const date::year_month_day ymd{day};
        const int y = static_cast<int>(ymd.year());
        if (y < 0 || y > 9999) return false;
        const auto secs = (local - day).count();
        char buf[19];
        two(buf, static_cast<unsigned>(y / 100));
        two(buf + 2, static_cast<unsigned>(y % 100));
        buf[4] = '-';
        two(buf + 5, static_cast<unsigned>(ymd.month()));
        buf[7] = '-';
        two(buf + 8, static_cast<unsigned>(ymd.day()));
        buf[10] = 'T';
        two(buf + 11, static_cast<unsigned>(secs / 3600));
        buf[13] = ':';
        two(buf + 14, static_cast<unsigned>(secs / 60 % 60));
        buf[16] = ':';
        two(buf + 17, static_cast<unsigned>(secs % 60));
        out_.append(buf, 19);
        return true;
    }

    // What each byte becomes inside a string: 0 as itself, 'u' as \u00XX, another letter as \<letter>,
    // 1 for a byte of a multi-byte UTF-8 sequence (checked, and replaced by U+FFFD when invalid).
    static constexpr std::array<char, 256> escapes = [] {
        std::array<char, 256> t{};
        for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 'u';
        t['\b'] = 'b';
        t['\f'] = 'f';
        t['\n'] = 'n';
        t['\r'] = 'r';
        t['\t'] = 't';
        t['"'] = '"';
        t['\\'] = '\\';
        for (int c = 0x80; c < 0x100; ++c) t[static_cast<std::size_t>(c)] = 1;
        return t;
    }();

    // Non-zero when a byte of `v` is below 0x20, a quote, a backslash or at least 0x80.
    static constexpr std::uint64_t special(std::uint64_t v) noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
        const std::uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
        return ((v - ones * 0x20) | (quote - ones) | (backslash - ones) | v) & high;
    }

    void quoted(std::string_view s) {
        out_ += '"';
        const char* p = s.data();
        const char* const end = p + s.size();
        while (p != end) {
            const char* run = p;
            // Eight bytes at a time while none needs a look (SWAR: no byte < 0x20, '"', '\\' or >= 0x80).
            while (end - p >= 8) {
                std::uint64_t v;
                std::memcpy(&v, p, 8);
                if (special(v) != 0) break;
                p += 8;
            }
            while (p != end && escapes[static_cast<unsigned char>(*p)] == 0) ++p;
            out_.append(run, static_cast<std::size_t>(p - run));
            if (p == end) break;
            const char e = escapes[static_cast<unsigned char>(*p)];
            if (e == 1) {
                p = utf8(p, end);
            } else if (e == 'u') {
                static constexpr char hex[] = "0123456789abcdef";
                const auto c = static_cast<unsigned char>(*p++);
                const char buf[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out_.append(buf, 6);
            } else {
                const char buf[2] = {'\\', e};
                out_.append(buf, 2);
                ++p;
            }
        }
        out_ += '"';
    }

    // Copies one UTF-8 sequence starting at `p` (a byte >= 0x80) or writes U+FFFD for an invalid
    // one, consuming what nlohmann's decoder does: a bad lead byte alone, or a truncated sequence up
    // to (not including) the byte that broke it.
    const char* utf8(const char* p, const char* end) {
        static constexpr char replacement[] = "\xEF\xBF\xBD";
        const auto b0 = static_cast<unsigned char>(*p);
        int need = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        } else {
            out_.append(replacement, 3);
            return p + 1;
        }
        const char* q = p + 1;
        for (int i = 0; i < need; ++i, ++q) {
            const unsigned char first_lo = i == 0 ? lo : 0x80, first_hi = i == 0 ? hi : 0xBF;
            if (q == end || static_cast<unsigned char>(*q) < first_lo || static_cast<unsigned char>(*q) > first_hi) {
                out_.append(replacement, 3);
                return q;  // the breaking byte is read again
            }
        }
        out_.append(p, static_cast<std::size_t>(q - p));
        return q;
    }

    // The output: a std::string grown by doubling and written through a length of its own, so an
    // append is one comparison and a copy (no terminator, no size bookkeeping of the string's).
    class buffer {
    public:
        explicit buffer(std::size_t reserve) { s_.resize(reserve < 64 ? 64 : reserve); }
        [[gnu::always_inline]] void append(const char* p, std::size_t n) { std::memcpy(room(n), p, n); }
        [[gnu::always_inline]] void operator+=(char c) {
            if (n_ == s_.size()) [[unlikely]] grow(1);
            s_[n_++] = c;
        }
        void pop_back() noexcept { --n_; }
        /// `k` bytes to write at the end (already counted).
        [[gnu::always_inline]] char* room(std::size_t k) {
            if (s_.size() - n_ < k) [[unlikely]] grow(k);
            char* at = s_.data() + n_;
            n_ += k;
            return at;
        }
        std::string take() && {
            s_.resize(n_);
            return std::move(s_);
        }

    private:
        [[gnu::noinline]] void grow(std::size_t k) { s_.resize(std::max(s_.size() * 2, n_ + k)); }
        std::string s_;
        std::size_t n_ = 0;
    };

    buffer out_;
    int indent_;
    std::array<level, 32> stack_{};
    std::size_t depth_ = 0;
    bool after_key_ = false;
    // The last zone period seen by instant(): a run of nearby instants costs two comparisons each.
    zone_ref zone_ = nullptr;
    date::sys_seconds begin_{}, end_{};
    std::chrono::seconds offset_{0};
};

}  // namespace aftercare::detail
