#include "aftercare/time.hpp"

#include "aftercare/error.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace aftercare {

#if AFTERCARE_OS_TZDB
const date::time_zone* locate_zone(std::string_view name, std::string_view field) {
    if (name.empty()) {
        throw time_zone_error(std::string(field), std::string(name));
    }
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        throw time_zone_error(std::string(field), std::string(name));
    }
}

date::sys_seconds to_utc(date::local_seconds local, const date::time_zone& zone) {
    // For every case the offset in force *before* the local time is the one to use:
    //  - unique:      first is the only offset;
    //  - nonexistent: first is the offset before the gap, so the instant lands `gap` later on the
    //                 wall clock (01:30 in a 01:00→02:00 gap becomes 02:30);
    //  - ambiguous:   first is the earlier (pre-transition) offset, the earlier instant.
    const date::local_info info = zone.get_info(local);
    return date::sys_seconds{local.time_since_epoch() - info.first.offset};
}

local_resolution classify(date::local_seconds local, const date::time_zone& zone) {
    switch (zone.get_info(local).result) {
        case date::local_info::nonexistent: return local_resolution::nonexistent_moved_forward;
        case date::local_info::ambiguous: return local_resolution::ambiguous_took_earlier;
        default: return local_resolution::unique;
    }
}

date::local_seconds to_local(date::sys_seconds t, const date::time_zone& zone) {
    return date::local_seconds{t.time_since_epoch() + zone.get_info(t).offset};
}

std::chrono::seconds utc_offset(date::sys_seconds t, const date::time_zone& zone) { return zone.get_info(t).offset; }
#else
// Built without the OS tz database (AFTERCARE_OS_TZDB=OFF, as for WebAssembly): no zone is known by
// this route and no date::time_zone can exist; name zones through a zone_source (zones.hpp).
const date::time_zone* locate_zone(std::string_view name, std::string_view field) {
    throw time_zone_error(std::string(field), std::string(name));
}
date::sys_seconds to_utc(date::local_seconds local, const date::time_zone& zone) { return to_utc(local, os_zone_rules(zone)); }
local_resolution classify(date::local_seconds local, const date::time_zone& zone) { return classify(local, os_zone_rules(zone)); }
date::local_seconds to_local(date::sys_seconds t, const date::time_zone& zone) { return to_local(t, os_zone_rules(zone)); }
std::chrono::seconds utc_offset(date::sys_seconds t, const date::time_zone& zone) { return utc_offset(t, os_zone_rules(zone)); }
#endif

// The same four through any source's rules (zones.hpp); for the OS database's rules these are the
// calls above.
date::sys_seconds to_utc(date::local_seconds local, const zone_rules& zone) {
    const date::local_info info = zone.get_info(local);
    return date::sys_seconds{local.time_since_epoch() - info.first.offset};
}

local_resolution classify(date::local_seconds local, const zone_rules& zone) {
    switch (zone.get_info(local).result) {
        case date::local_info::nonexistent: return local_resolution::nonexistent_moved_forward;
        case date::local_info::ambiguous: return local_resolution::ambiguous_took_earlier;
        default: return local_resolution::unique;
    }
}

date::local_seconds to_local(date::sys_seconds t, const zone_rules& zone) {
    return date::local_seconds{t.time_since_epoch() + zone.get_info(t).offset};
}

std::chrono::seconds utc_offset(date::sys_seconds t, const zone_rules& zone) { return zone.get_info(t).offset; }

namespace {

// Hand-written, not date::format: that goes through an ostringstream (and its locale) per call, and
// format_rfc3339 runs for every instant the JSON and .ics writers print.
void append_civil(std::string& out, date::local_seconds local) {
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
    std::array<char, 32> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                                static_cast<int>(hms.seconds().count()));
    out.append(buf.data(), static_cast<std::size_t>(n));
}

[[noreturn]] void bad(std::string_view field, std::string_view text, std::string_view allowed) {
    throw invalid_value(std::string(field), std::string(text), std::string(allowed),
                        std::string(field) + " " + (text.empty() ? std::string("is empty; expected") : quote_value(text) + " is not") + " " +
                            std::string(allowed));
}

constexpr std::string_view range_text = "1850-01-01 to 2199-12-31";

[[noreturn]] void out_of_range(std::string_view field, const std::string& shown) {
    throw invalid_value(std::string(field), shown, std::string(range_text),
                        std::string(field) + " " + shown + " is outside the dates the library works with (" + std::string(range_text) + ")");
}

std::string year_text(date::year y) { return "in the year " + std::to_string(static_cast<int>(y)); }


// Hand-written, not date::parse: "%Y-%m-%dT%H:%M" there accepts one-digit fields ("2026-1-5T1:02")
// and stops before trailing text (an offset, a leap second's ":60"), which this format rejects.
// Reads exactly `width` digits at `pos`; false if they are not all digits.
bool digits(std::string_view s, std::size_t pos, std::size_t width, int& value) {
    if (pos + width > s.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    value = v;
    return true;
}

bool read_date(std::string_view s, date::year_month_day& out) {
    int y = 0, m = 0, d = 0;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' || !digits(s, 8, 2, d)) {
        return false;
    }
    out = date::year{y} / date::month{static_cast<unsigned>(m)} / date::day{static_cast<unsigned>(d)};
    return out.ok();
}

}  // namespace

void check_date_range(date::year_month_day d, std::string_view field) {
    if (!d.ok()) {
        throw invalid_value(std::string(field), format_date(d), "a real calendar date",
                            std::string(field) + " " + format_date(d) + " is not a real calendar date");
    }
    if (d.year() < min_year || max_year < d.year()) out_of_range(field, format_date(d));
}

void check_instant_range(date::sys_seconds t, std::string_view field) {
    // Compare first: a date of an instant billions of years away is not worth computing.
    constexpr date::sys_days lo{min_year / 1 / 1}, hi{(max_year + date::years{1}) / 1 / 1};
    if (t < lo || t >= hi) {
        const auto s = t.time_since_epoch().count();
        const bool near = s > -400LL * 366 * 86400 * 100 && s < 400LL * 366 * 86400 * 100;  // ±40,000 years
        out_of_range(field, near ? year_text(date::year_month_day{date::floor<date::days>(t)}.year()) : "(an instant far from now)");
    }
}

void check_local_range(date::local_seconds t, std::string_view field) {
    check_instant_range(date::sys_seconds{t.time_since_epoch()}, field);
}

void check_after_range(std::chrono::seconds d, std::string_view field) {
    if (d < std::chrono::seconds{0} || d > max_after) {
        const auto h = d.count() / 3600;
        const std::string shown = std::to_string(h) + " h";
        throw invalid_value(std::string(field), shown, "0 to 87840 h (ten years)",
                            std::string(field) + " " + shown + " is outside 0 to 87840 h (ten years after the treatment)");
    }
}

std::string format_rfc3339(date::sys_seconds t, zone_ref zone) {
    std::string out;
    out.reserve(25);
    if (!zone) {
        append_civil(out, date::local_seconds{t.time_since_epoch()});
        out += 'Z';
        return out;
    }
    const auto offset = utc_offset(t, *zone);
    append_civil(out, date::local_seconds{t.time_since_epoch() + offset});
    const auto total = offset.count();
    const auto magnitude = total < 0 ? -total : total;
    std::array<char, 8> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%c%02d:%02d", total < 0 ? '-' : '+',
                                static_cast<int>(magnitude / 3600), static_cast<int>((magnitude % 3600) / 60));
    out.append(buf.data(), static_cast<std::size_t>(n));
    return out;
}

date::local_seconds parse_local_time(std::string_view text, std::string_view field) {
    constexpr std::string_view allowed = "a local time YYYY-MM-DDTHH:MM[:SS]";
    date::year_month_day ymd{};
    int hh = 0, mm = 0, ss = 0;
    const bool sep_ok = text.size() >= 16 && (text[10] == 'T' || text[10] == ' ');
    const bool ok = sep_ok && read_date(text, ymd) && digits(text, 11, 2, hh) && text[13] == ':' &&
                    digits(text, 14, 2, mm) &&
                    (text.size() == 16 || (text.size() == 19 && text[16] == ':' && digits(text, 17, 2, ss)));
    if (!ok || hh > 23 || mm > 59 || ss > 59) {
        bad(field, text, allowed);
    }
    check_date_range(ymd, field);
    return date::local_days{ymd} + std::chrono::hours{hh} + std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

std::chrono::minutes parse_time_of_day(std::string_view text, std::string_view field) {
    int hh = 0, mm = 0;
    if (text.size() != 5 || !digits(text, 0, 2, hh) || text[2] != ':' || !digits(text, 3, 2, mm) || hh > 23 || mm > 59) {
        bad(field, text, "a time of day HH:MM between 00:00 and 23:59");
    }
    return std::chrono::hours{hh} + std::chrono::minutes{mm};
}

date::year_month_day parse_date(std::string_view text, std::string_view field) {
    date::year_month_day ymd{};
    if (text.size() != 10 || !read_date(text, ymd)) {
        bad(field, text, "a date YYYY-MM-DD");
    }
    check_date_range(ymd, field);
    return ymd;
}

std::string format_date(date::year_month_day d) {
    std::array<char, 24> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                                static_cast<unsigned>(d.day()));
    return {buf.data(), static_cast<std::size_t>(n)};
}

std::string format_time_of_day(std::chrono::minutes time_of_day) {
    const auto total = time_of_day.count();
    std::array<char, 8> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%02d:%02d", static_cast<int>(total / 60), static_cast<int>(total % 60));
    return {buf.data(), static_cast<std::size_t>(n)};
}

}  // namespace aftercare
