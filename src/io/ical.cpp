// to_ics: a reminder schedule as an RFC 5545 calendar (docs/reminders.md, "The .ics file").
#include "aftercare/io/ical.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/ical_text.hpp"
#include "reminders/schedule_data.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

namespace aftercare {

namespace detail {

void ical_escape(std::string& out, std::string_view text) {
    // Plain characters are copied in runs; only the few that need escaping are looked at alone.
    std::size_t plain = 0;  // where the pending run of plain characters starts
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool special = c == '\\' || c == ';' || c == ',' || c == 0x7f || (c < 0x20 && c != '\t');
        if (!special) continue;
        out.append(text.substr(plain, i - plain));
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                out += "\\n";
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                break;
            default: break;  // other control characters are not allowed in TEXT
        }
        plain = i + 1;
    }
    out.append(text.substr(plain));
}

void ical_fold(std::string& out, std::string_view line) {
    constexpr std::size_t limit = 75;
    std::size_t room = limit;  // octets the current physical line may still take
    while (line.size() > room) {
        std::size_t cut = room;
        // Never split a UTF-8 character: back up to the start of the one that would be cut.
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;
        if (cut == 0) cut = room;  // not UTF-8; cut anyway rather than loop
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = limit - 1;  // the leading space counts
    }
    out.append(line);
    out += "\r\n";
}

}  // namespace detail

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// YYYYMMDDTHHMMSS
void append_basic(std::string& out, date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<seconds> hms{t - day};
    std::array<char, 24> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%04d%02u%02uT%02d%02d%02d", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    out.append(buf.data(), static_cast<std::size_t>(n));
}

void append_utc(std::string& out, date::sys_seconds t) {
    append_basic(out, date::local_seconds{t.time_since_epoch()});
    out += 'Z';
}

// +HHMM, or +HHMMSS when the offset has seconds (old local mean times)
void append_offset(std::string& out, seconds offset) {
    const auto total = offset.count();
    const auto magnitude = total < 0 ? -total : total;
    std::array<char, 16> buf{};
    int n = std::snprintf(buf.data(), buf.size(), "%c%02d%02d", total < 0 ? '-' : '+', static_cast<int>(magnitude / 3600),
                          static_cast<int>(magnitude % 3600 / 60));
    if (magnitude % 60 != 0) n += std::snprintf(buf.data() + n, buf.size() - static_cast<std::size_t>(n), "%02d", static_cast<int>(magnitude % 60));
    out.append(buf.data(), static_cast<std::size_t>(n));
}

// "PT15M", "PT1H30M", "P1D"
std::string duration_text(minutes d) {
    if (d == minutes{24 * 60}) return "P1D";
    std::string s = "PT";
    if (d >= std::chrono::hours{1}) s += std::to_string(d.count() / 60) + "H";
    if (d.count() % 60 != 0) s += std::to_string(d.count() % 60) + "M";
    return s;
}

class writer {
public:
    explicit writer(std::string& out) : out_(out) { line_.reserve(256); }

    // NAME:value with `value` written as is.
    void raw(std::string_view name, std::string_view value) {
        line_.assign(name);
        line_ += ':';
        line_ += value;
        flush();
    }
    // NAME:value with `value` escaped as TEXT.
    void text(std::string_view name, std::string_view value) {
        line_.assign(name);
        line_ += ':';
        detail::ical_escape(line_, value);
        flush();
    }
    // The line being built, for properties with parameters or computed values.
    std::string& line() { return line_; }
    void flush() { detail::ical_fold(out_, line_); }

private:
    std::string& out_;
    std::string line_;
};

// One STANDARD or DAYLIGHT sub-component per period of constant offset that overlaps [from, to].
void write_vtimezone(writer& w, const zone_rules& zone, date::sys_seconds from, date::sys_seconds to) {
    w.raw("BEGIN", "VTIMEZONE");
    w.text("TZID", zone.name());
    date::sys_info info = zone.get_info(from);
    // Before any recorded transition (a zone like UTC): the observance starts "long ago".
    constexpr date::sys_days long_ago = date::sys_days{date::year{1970} / 1 / 1};
    for (;;) {
        const bool has_start = info.begin > long_ago;
        const seconds before = has_start ? zone.get_info(info.begin - seconds{1}).offset : info.offset;
        const char* kind = info.save != minutes{0} ? "DAYLIGHT" : "STANDARD";
        w.raw("BEGIN", kind);
        auto& l = w.line();
        l = "DTSTART:";
        append_basic(l, has_start ? date::local_seconds{info.begin.time_since_epoch() + before} : date::local_seconds{long_ago.time_since_epoch()});
        w.flush();
        l = "TZOFFSETFROM:";
        append_offset(l, before);
        w.flush();
        l = "TZOFFSETTO:";
        append_offset(l, info.offset);
        w.flush();
        if (!info.abbrev.empty()) w.text("TZNAME", info.abbrev);
        w.raw("END", kind);
        if (info.end > to) break;
        info = zone.get_info(info.end);
    }
    w.raw("END", "VTIMEZONE");
}

}  // namespace

std::string to_ics(const reminder_schedule& s, const ical_options& options) {
    const plan& p = s.plan();
    const treatment& t = p.treatment();
    if (!t.treated_at || s.zone() == nullptr) {
        throw invalid_value("treated_at", "none", "a treatment time",
                            "treated_at is required for an iCalendar file: reminders need the treatment time and the patient's zone");
    }
    if (options.duration < minutes{1} || options.duration > minutes{24 * 60}) {
        const std::string v = std::to_string(options.duration.count()) + " min";
        throw invalid_value("duration", v, "1 min–24 h", "duration " + v + " is outside 1 min–24 h");
    }
    const zone_rules& zone = *s.zone();
    const protocol& proto = p.protocol();
    const std::span<const reminder> reminders = s.reminders();
    const std::span<const reminder_series> series = s.series();

    std::string out;
    out.reserve(2048 + 900 * (series.size() + reminders.size()));
    writer w(out);
    std::string& l = w.line();

    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.text("PRODID", "-//aftercare//aftercare " AFTERCARE_VERSION_STRING "//EN");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    if (options.calendar_name.empty()) {
        w.text("X-WR-CALNAME", "Aftercare: " + std::string(proto.title()));
    } else {
        w.text("X-WR-CALNAME", options.calendar_name);
    }
    w.text("X-WR-TIMEZONE", zone.name());
    w.text("X-AFTERCARE-PROTOCOL-ID", proto.id());
    w.text("X-AFTERCARE-PROTOCOL-VERSION", proto.version());

    // The span the events use: from the first start to the last end.
    date::sys_seconds first = *t.treated_at, last = *t.treated_at;
    if (!reminders.empty()) {
        first = reminders.front().at;
        last = reminders.back().at;
    }
    last += options.duration;
    write_vtimezone(w, zone, first, last);

    // What every UID shares: the protocol and the treatment.
    unsigned long long base = detail::fnv1a(proto.id());
    base = detail::fnv1a(std::string_view("\0", 1), base);
    base = detail::fnv1a(proto.version(), base);
    const std::string treatment_key = std::string(to_string(t.device)) + '|' + std::to_string(t.depth.micrometres()) + '|' +
                                      std::string(to_string(t.area)) + '|' + std::to_string(t.skin_type.value()) + '|' +
                                      std::to_string(t.adjuncts.bits()) + '|' +
                                      (t.indication ? std::string(to_string(*t.indication)) : std::string()) + '|' +
                                      std::to_string(t.session) + '|' + std::to_string(t.history.bits()) + '|' +
                                      std::to_string(t.treated_at->time_since_epoch().count());
    base = detail::fnv1a(treatment_key, base);
    std::string stamp;
    append_utc(stamp, *t.treated_at);
    const std::string duration = duration_text(options.duration);
    const std::string tzid_prefix = [&] {
        std::string v = "DTSTART;TZID=";
        v += zone.name();  // an IANA name: no characters that need quoting
        v += ':';
        return v;
    }();

    auto event = [&](std::string_view code, reminder_kind kind, std::string_view summary_head, std::string_view summary_tail,
                     std::string_view description, const reminder_series* x, const reminder* r) {
        w.raw("BEGIN", "VEVENT");
        // Identity is the treatment and the reminder's code, not its time: re-importing after the
        // patient changes their wake time updates the events instead of duplicating them.
        const unsigned long long h = detail::fnv1a(code, base);
        std::array<char, 24> hex{};
        std::snprintf(hex.data(), hex.size(), "%016llx", h);
        l = "UID:";
        l += hex.data();
        l += '-';
        detail::ical_escape(l, code);
        l += "@aftercare";
        w.flush();
        w.raw("DTSTAMP", stamp);
        if (x != nullptr) {
            l = tzid_prefix;
            append_basic(l, x->first);
            w.flush();
            w.raw("RRULE", rrule(*x));
        } else {
            // A wall-clock time that reads back as the same instant is written in the zone; one in
            // the repeated hour of a fall-back (its later reading) is written in UTC, exactly.
            if (to_utc(r->local, zone) == r->at) {
                l = tzid_prefix;
                append_basic(l, r->local);
            } else {
                l = "DTSTART:";
                append_utc(l, r->at);
            }
            w.flush();
        }
        w.raw("DURATION", duration);
        l = "SUMMARY:";
        detail::ical_escape(l, summary_head);
        if (!summary_tail.empty()) {
            l += ": ";
            detail::ical_escape(l, summary_tail);
        }
        w.flush();
        w.text("DESCRIPTION", description);
        w.raw("TRANSP", "TRANSPARENT");
        w.text("X-AFTERCARE-CODE", code);
        w.text("X-AFTERCARE-KIND", to_string(kind));
        if (options.alarm) {
            w.raw("BEGIN", "VALARM");
            w.raw("ACTION", "DISPLAY");
            l = "DESCRIPTION:";
            detail::ical_escape(l, summary_head);
            if (!summary_tail.empty()) {
                l += ": ";
                detail::ical_escape(l, summary_tail);
            }
            w.flush();
            w.raw("TRIGGER", "PT0M");
            w.raw("END", "VALARM");
        }
        w.raw("END", "VEVENT");
    };

    std::string description;
    auto describe = [&](std::string_view text, const std::optional<date::sys_seconds>& window_end) -> const std::string& {
        description.assign(text);
        if (window_end) {
            description += "\nThe window closes on ";
            const std::string when = format_rfc3339(*window_end, &zone);
            description.append(when, 0, 10);
            description += " at ";
            description.append(when, 11, 5);
            description += '.';
        }
        description += "\n\n";
        description += proto.disclaimer();
        description += "\nProtocol ";
        description += proto.id();
        description += ' ';
        description += proto.version();
        description += '.';
        return description;
    };

    // Events in the order of their first instant: a series where its first reminder is.
    for (const reminder& r : reminders) {
        if (r.series) {
            const reminder_series& x = series[*r.series];
            if (x.instants.front() != r.at) continue;
            event(x.code, r.kind, x.title, {}, describe(x.text, std::nullopt), &x, nullptr);
        } else {
            event(r.code, r.kind, r.title, r.kind == reminder_kind::lifted ? r.text : std::string_view{}, describe(r.text, r.window_end), nullptr,
                  &r);
        }
    }
    w.raw("END", "VCALENDAR");
    return out;
}

}  // namespace aftercare
