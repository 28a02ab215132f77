#include "io/text_toolkit.hpp"

#include "aftercare/time.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace aftercare::detail {

using std::chrono::minutes;

std::string hours_text(minutes m) {
    constexpr minutes::rep per_day = 24 * 60;
    const auto total = m.count();
    if (total % per_day == 0 && total >= 2 * per_day) return std::to_string(total / per_day) + " d";
    if (total % 60 == 0) return std::to_string(total / 60) + " h";
    std::array<char, 32> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%.1f h", static_cast<double>(total) / 60.0);
    return {buf.data(), static_cast<std::size_t>(n)};
}

std::string duration_text(std::chrono::seconds s) {
    const bool negative = s < std::chrono::seconds{0};
    const std::int64_t total = (negative ? -s : s).count();
    const std::int64_t h = total / 3600;
    const std::int64_t min = total % 3600 / 60;
    const std::int64_t sec = total % 60;
    std::string out;
    auto add = [&out](std::int64_t n, std::string_view unit) {
        if (!out.empty()) out += ' ';
        out += std::to_string(n);
        out += unit;
    };
    if (h != 0 || (min == 0 && sec == 0)) add(h, " h");
    if (min != 0) add(min, " min");
    if (sec != 0) add(sec, " s");
    return negative ? "-" + out : out;
}

std::string short_day_text(date::local_days day) {
    const date::year_month_day ymd{day};
    std::string out(weekday_names[date::weekday{day}.c_encoding()]);
    out += ' ';
    out += std::to_string(static_cast<unsigned>(ymd.day()));
    out += ' ';
    out += month_names[static_cast<unsigned>(ymd.month()) - 1];
    return out;
}

std::string day_text(date::local_days day) {
    return short_day_text(day) + " " + std::to_string(static_cast<int>(date::year_month_day{day}.year()));
}

std::string local_text(date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    return day_text(day) + " " + format_time_of_day(std::chrono::duration_cast<minutes>(t - day));
}

std::string short_local_text(date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    return short_day_text(day) + " " + format_time_of_day(std::chrono::duration_cast<minutes>(t - day));
}

namespace {

std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // count UTF-8 lead bytes
    return n;
}

}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest) {
    std::string out(first);
    std::size_t used = columns(first);  // columns on the current line, its indent included
    bool empty_line = true;             // no word on the current line yet
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ') {
            ++pos;
            continue;
        }
        const std::size_t end = std::min(text.find(' ', pos), text.size());
        const std::string_view word = text.substr(pos, end - pos);
        const std::size_t w = columns(word);
        if (!empty_line && used + 1 + w > width) {
            out += '\n';
            out += rest;
            used = columns(rest);
            empty_line = true;
        }
        if (!empty_line) {
            out += ' ';
            ++used;
        }
        out += word;
        used += w;
        empty_line = false;
        pos = end;
    }
    out += '\n';
    return out;
}

}  // namespace aftercare::detail
