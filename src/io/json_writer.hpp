// Private: a JSON writer without a DOM, after rapidjson's writer.h. Values go straight into one
// std::string; a string's runs that need no escape are copied 16 bytes at a time (SSE2; 8-byte
// words without it), the rest escaped through a table; a small stack checks the structure and knows
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
#include <bit>
#include <cassert>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aftercare::detail {

/// Where a document is written: memory the writer asks to grow. A std::string by default
/// (string_storage); the Python extension's is a bytes object, written in place, so the text is
/// neither zero-filled nor copied afterwards.
class json_storage {
public:
    /// Room for at least `at_least` bytes, what was written kept (as realloc keeps it): returns
    /// where they start and sets `capacity` (>= at_least).
    virtual char* grow(std::size_t at_least, std::size_t& capacity) = 0;

protected:
    json_storage() = default;
    json_storage(const json_storage&) = default;
    json_storage& operator=(const json_storage&) = default;
    ~json_storage() = default;
};

/// A std::string (grown by resize, which zero-fills).
class string_storage final : public json_storage {
public:
    char* grow(std::size_t at_least, std::size_t& capacity) override {
        s_.resize(at_least);
        capacity = s_.size();
        return s_.data();
    }
    /// The first `n` bytes as the string.
    [[nodiscard]] std::string take(std::size_t n) && {
        s_.resize(n);
        return std::move(s_);
    }

private:
    std::string s_;
};

class json_writer {
public:
    /// `indent` spaces per level (pretty, as nlohmann's dump(indent)), or -1 for one line.
    explicit json_writer(int indent = -1, std::size_t reserve = 4096) : out_(own_, reserve), indent_(indent) {}
    /// Writes into `storage` instead (which must outlive the writer); finish with size(), not take().
    json_writer(int indent, std::size_t reserve, json_storage& storage) : out_(storage, reserve), indent_(indent) {}
    json_writer(const json_writer&) = delete;  // the buffer may point at own_
    json_writer& operator=(const json_writer&) = delete;

    // --- structure --------------------------------------------------------------------------
    void begin_object() { open('{', true); }
    void end_object() { close('}', true); }
    void begin_array() { open('[', false); }
    void end_array() { close(']', false); }

    /// An object member's key; the next call writes its value.
    [[gnu::always_inline]] void key(std::string_view k) {
        assert(depth_ > 0 && stack_[depth_ - 1].object && !after_key_);
        separate();
        after_key_ = true;
        const char* p = k.data();
        const std::size_t n = k.size();
        if (n >= 4 && n <= 16) {  // a key as the exporters write them (a literal: the check folds away)
            char* at = out_.reserve(n + 4);
            if (short_quoted(at, p, n)) {
                at[n + 1] = '"';
                at[n + 2] = ':';
                at[n + 3] = ' ';
                out_.commit(at + n + (indent_ >= 0 ? 4 : 3));
                return;
            }
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
        const std::size_t n = s.size();
        if (n >= 4 && n <= 16) {  // codes and short texts
            char* at = out_.reserve(n + 2);
            if (short_quoted(at, s.data(), n)) {
                at[n + 1] = '"';
                out_.commit(at + n + 2);
                return;
            }
        }
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
            offset = offset_in(zone, t);
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
        const std::size_t n = std::move(*this).size();
        return std::move(own_).take(n);
    }
    /// Ends the document as take() does, in the storage given: the document's length.
    [[nodiscard]] std::size_t size() && {
        assert(depth_ == 0);
        if (indent_ >= 0) out_ += '\n';
        return out_.size();
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
        if (l.count != 0 && indent_ >= 0) line(false, depth_);
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
    // The comma before all but a level's first item, and the line break and indentation when pretty.
    void separate() {
        level& l = stack_[depth_ - 1];
        const bool comma = l.count++ != 0;
        if (indent_ < 0) {
            if (comma) out_ += ',';
            return;
        }
        line(comma, depth_);
    }
    // [","] "\n" and the indentation of `levels`.
    void line(bool comma, std::size_t levels) {
        static constexpr char spaces[33] = "                                ";
        const std::size_t n = levels * static_cast<std::size_t>(indent_);
        char* at = out_.reserve(n + 2 + 32);
        *at = ',';
        at += comma ? 1 : 0;
        *at++ = '\n';
        if (n <= 32) {
            std::memcpy(at, spaces, 32);  // one fixed-size copy whatever n is; what is past n is written over next
        } else {
            std::memset(at, ' ', n);
        }
        out_.commit(at + n);
    }

    // The zone's UTC offset at `t`. The writer keeps the last two periods it looked up: a plan's
    // instants fall in one or two of them (either side of a change of clocks).
    std::chrono::seconds offset_in(zone_ref zone, date::sys_seconds t) {
        for (period& p : periods_) {
            if (p.zone == zone && p.begin <= t && t < p.end) return p.offset;
        }
        const date::sys_info info = zone->get_info(t);
        periods_[1] = periods_[0];
        periods_[0] = period{zone, info.begin, info.end, info.offset};
        return info.offset;
    }

    static void two(char* p, unsigned v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
    }
    // "YYYY-MM-DDTHH:MM:SS" for 0000-03-01 to 9999-12-31; false (nothing written) otherwise.
    bool civil(date::local_seconds local) {
        // 0000-03-01 to 9999-12-31 are -719,468 to 2,932,896 days from 1970-01-01 (January and
        // February of year 0 go to the general formatter too).
        constexpr std::int64_t first = -719468, last = 2932896;
        const std::int64_t t = local.time_since_epoch().count();
        const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
        if (days < first || days > last) return false;
        const auto secs = t - days * 86400;
        // Days to a civil date for years 0000–9999, as date::year_month_day does (Howard Hinnant's
        // days_from_civil, inverted; in unsigned arithmetic, the days counted from 0000-03-01).
        const auto z = static_cast<std::uint32_t>(days - first);
        const std::uint32_t era = z / 146097, doe = z - era * 146097;
        const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
        const std::uint32_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
        const std::uint32_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        char buf[19];
        two(buf, y / 100);
        two(buf + 2, y % 100);
        buf[4] = '-';
        two(buf + 5, m);
        buf[7] = '-';
        two(buf + 8, d);
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

    // Non-zero when a byte of `v` (a word of 4 or 8 bytes) is below 0x20, a quote, a backslash or
    // at least 0x80; the lowest flagged byte is always a true one.
    template <class W>
    static constexpr W special(W v) noexcept {
        constexpr W ones = static_cast<W>(0x0101010101010101ULL), high = static_cast<W>(0x8080808080808080ULL);
        const W quote = v ^ static_cast<W>(ones * '"'), backslash = v ^ static_cast<W>(ones * '\\');
        return static_cast<W>(((v - ones * 0x20) | (quote - ones) | (backslash - ones) | v) & high);
    }

    template <class W>
    static W load(const char* p) noexcept {
        W w;
        std::memcpy(&w, p, sizeof w);
        return w;
    }

    // Copies bytes from `p` to `o` up to the end or the first byte that needs a look (escapes[]
    // non-zero), advancing both; `begin` is where the string starts (a tail may be read from there).
    static void clean_run(const char*& p, char*& o, const char* begin, const char* end) noexcept {
#if defined(__SSE2__)
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
            if (const unsigned mask = look(v); mask != 0) {
                const auto k = std::countr_zero(mask);
                p += k;
                o += k;
                return;
            }
            p += 16;
            o += 16;
        }
#endif
        while (end - p >= 8) {
            const auto w = load<std::uint64_t>(p);
            std::memcpy(o, &w, 8);
            if (const std::uint64_t m = special(w); m != 0) {  // the lowest flagged byte is exact
                const auto k = std::countr_zero(m) / 8;
                p += k;
                o += k;
                return;
            }
            p += 8;
            o += 8;
        }
        if (p == end) return;
        if (end - begin >= 8) {  // under 8 left: the string's last 8 bytes, less those already done
            const auto left = static_cast<unsigned>(end - p), done = 8 - left;
            auto w = load<std::uint64_t>(end - 8);
            // A done byte that was escaped may borrow into the first one left and flag it falsely:
            // quoted() copies a flagged byte that needs no escape as it is.
            const std::uint64_t m = special(w) >> (8 * done);
            w >>= 8 * done;
            std::memcpy(o, &w, 8);
            const auto k = m == 0 ? left : static_cast<unsigned>(std::countr_zero(m) / 8);
            p += k;
            o += k;
            return;
        }
        while (p != end && escapes[static_cast<unsigned char>(*p)] == 0) *o++ = *p++;
    }

    // `"` and the n (4 to 16) bytes at `p` stored at `at` as two overlapping words; false (and the
    // store to be overwritten) when one of them needs an escape.
    [[gnu::always_inline]] static bool short_quoted(char* at, const char* p, std::size_t n) noexcept {
        at[0] = '"';
        if (n >= 8) {
            const auto a = load<std::uint64_t>(p), b = load<std::uint64_t>(p + n - 8);
            std::memcpy(at + 1, &a, 8);
            std::memcpy(at + 1 + n - 8, &b, 8);
            return (special(a) | special(b)) == 0;
        }
        const auto a = load<std::uint32_t>(p), b = load<std::uint32_t>(p + n - 4);
        std::memcpy(at + 1, &a, 4);
        std::memcpy(at + 1 + n - 4, &b, 4);
        return (special(a) | special(b)) == 0;
    }

    // The bytes of `s` between quotes: runs that need no escape copied a vector (or a word) at a
    // time, stored as they are read into room for the worst case (every byte as \u00XX, and a
    // vector's slack); a byte that needs a look stops the run.
    void quoted(std::string_view s) {
        char* o = out_.reserve(s.size() * 6 + 2 + 16);
        *o++ = '"';
        const char* p = s.data();
        const char* const end = p + s.size();
        while (p != end) {
            clean_run(p, o, s.data(), end);
            if (p == end) break;
            const char e = escapes[static_cast<unsigned char>(*p)];
            if (e == 0) {
                *o++ = *p++;
            } else if (e == 1) {
                o = utf8(o, p, end);
            } else if (e == 'u') {
                static constexpr char hex[] = "0123456789abcdef";
                const auto c = static_cast<unsigned char>(*p++);
                const char buf[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                std::memcpy(o, buf, 6);
                o += 6;
            } else {
                o[0] = '\\';
                o[1] = e;
                o += 2;
                ++p;
            }
        }
        *o++ = '"';
        out_.commit(o);
    }

#if defined(__SSE2__)
    // Bits set for the bytes of `v` that need a look: below 0x20 or at least 0x80 (one signed
    // comparison: as signed chars, those are the bytes less than 0x20), a quote or a backslash.
    static unsigned look(__m128i v) noexcept {
        const __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"')), b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
        const __m128i c = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(q, b), c)));
    }
#endif

    // Copies one UTF-8 sequence starting at `p` (a byte >= 0x80) to `o` or writes U+FFFD for an
    // invalid one, consuming what nlohmann's decoder does: a bad lead byte alone, or a truncated
    // sequence up to (not including) the byte that broke it. Returns the new end of the output.
    static char* utf8(char* o, const char*& p, const char* end) noexcept {
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
            std::memcpy(o, replacement, 3);
            ++p;
            return o + 3;
        }
        const char* q = p + 1;
        for (int i = 0; i < need; ++i, ++q) {
            const unsigned char first_lo = i == 0 ? lo : 0x80, first_hi = i == 0 ? hi : 0xBF;
            if (q == end || static_cast<unsigned char>(*q) < first_lo || static_cast<unsigned char>(*q) > first_hi) {
                std::memcpy(o, replacement, 3);
                p = q;  // the breaking byte is read again
                return o + 3;
            }
        }
        const auto n = static_cast<std::size_t>(q - p);
        std::memcpy(o, p, n);
        p = q;
        return o + n;
    }

    // The output: memory of a json_storage written through a pointer and a length of the writer's
    // own, so an append is one comparison and a copy (no terminator, no size bookkeeping); only
    // growing asks the storage.
    class buffer {
    public:
        buffer(json_storage& storage, std::size_t reserve) : storage_(&storage) {
            data_ = storage_->grow(reserve < 64 ? 64 : reserve, capacity_);
        }
        [[gnu::always_inline]] void append(const char* p, std::size_t n) { std::memcpy(room(n), p, n); }
        [[gnu::always_inline]] void operator+=(char c) {
            if (n_ == capacity_) [[unlikely]] grow(1);
            data_[n_++] = c;
        }
        void pop_back() noexcept { --n_; }
        /// `k` bytes to write at the end (already counted).
        [[gnu::always_inline]] char* room(std::size_t k) {
            if (capacity_ - n_ < k) [[unlikely]] grow(k);
            char* at = data_ + n_;
            n_ += k;
            return at;
        }
        /// Room for `k` bytes at the end, not counted until commit(the end of what was written).
        [[gnu::always_inline]] char* reserve(std::size_t k) {
            if (capacity_ - n_ < k) [[unlikely]] grow(k);
            return data_ + n_;
        }
        [[gnu::always_inline]] void commit(const char* end) noexcept { n_ = static_cast<std::size_t>(end - data_); }
        [[nodiscard]] std::size_t size() const noexcept { return n_; }

    private:
        [[gnu::noinline]] void grow(std::size_t k) { data_ = storage_->grow(std::max(capacity_ * 2, n_ + k), capacity_); }
        json_storage* storage_;
        char* data_ = nullptr;
        std::size_t capacity_ = 0;
        std::size_t n_ = 0;
    };

    string_storage own_;  // unused when writing into a storage given
    buffer out_;
    int indent_;
    std::array<level, 32> stack_{};
    std::size_t depth_ = 0;
    bool after_key_ = false;
    struct period {
        zone_ref zone = nullptr;
        date::sys_seconds begin{}, end{};
        std::chrono::seconds offset{0};
    };
    std::array<period, 2> periods_{};
};

}  // namespace aftercare::detail
