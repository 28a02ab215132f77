#include "aftercare/error.hpp"
#include "aftercare/types.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace aftercare {

namespace detail {

void throw_unknown_code(std::string_view field, std::string_view value, std::span<const std::string_view> allowed) {
    std::string list;
    for (std::string_view a : allowed) {
        if (!list.empty()) list += ", ";
        list += a;
    }
    throw invalid_value(std::string(field), std::string(value), list,
                        std::string(field) + " " + quote_value(value) + " is not one of " + list + did_you_mean(value, allowed));
}

}  // namespace detail

needle_depth needle_depth::from_mm(double mm) {
    if (!std::isfinite(mm) || std::abs(mm) > 1000.0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", mm);
        throw invalid_value("depth", std::string(buf) + " mm", "a finite depth in millimetres",
                            std::string("depth ") + buf + " mm is not a finite depth in millimetres");
    }
    return from_micrometres(static_cast<std::int32_t>(std::lround(mm * 1000.0)));
}

std::string to_string(needle_depth d) {
    // At least one decimal (1.0), up to three when needed (0.125).
    const std::int32_t um = d.micrometres();
    const std::int32_t magnitude = um < 0 ? -um : um;
    std::string out = um < 0 ? "-" : "";
    out += std::to_string(magnitude / 1000);
    out += '.';
    int frac = magnitude % 1000;
    char digits[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10), 0};
    std::string f = digits;
    while (f.size() > 1 && f.back() == '0') f.pop_back();
    return out + f;
}

skin_type parse_skin_type(std::string_view text) {
    static constexpr std::string_view roman[] = {"I", "II", "III", "IV", "V", "VI"};
    for (int i = 0; i < 6; ++i) {
        if (text == roman[i]) return skin_type{i + 1};
    }
    if (text.size() == 1 && text[0] >= '1' && text[0] <= '6') return skin_type{text[0] - '0'};
    throw invalid_value("skin_type", std::string(text), "1–6 or I–VI",
                        "skin_type " + quote_value(text) + " is not a Fitzpatrick skin type (1–6 or I–VI)");
}

std::string to_string(skin_type s) {
    static constexpr const char* roman[] = {"I", "II", "III", "IV", "V", "VI"};
    return s.ok() ? roman[s.value() - 1] : std::to_string(s.value());
}

}  // namespace aftercare
