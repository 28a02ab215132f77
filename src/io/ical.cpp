// to_ics: a reminder schedule as an RFC 5545 calendar (docs/reminders.md, "The .ics file").
#include "aftercare/io/ical.hpp"
#include "i18n/messages.hpp"

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


void check_input(const reminder_schedule& s, const ical_options& options) {
    if (!s.plan().treatment().treated_at || s.zone() == nullptr) {
        throw invalid_value("treated_at", "none", "a treatment time",
                            "treated_at is required for an iCalendar file: reminders need the treatment time and the patient's zone");
    }
    if (options.duration < minutes{1} || options.duration > minutes{24 * 60}) {
        const std::string v = std::to_string(options.duration.count()) + " min";
        throw invalid_value("duration", v, "1 min–24 h", "duration " + v + " is outside 1 min–24 h");
    }
}

void write_calendar_head(writer& w, const protocol& proto, const zone_rules& zone, const ical_options& options) {
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.text("PRODID", "-//aftercare//aftercare " AFTERCARE_VERSION_STRING "//EN");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    if (options.calendar_name.empty()) {
        w.text("X-WR-CALNAME", detail::words_of(proto.data()).format("ics.calendar_name", {{"title", proto.title()}}));
    } else {
        w.text("X-WR-CALNAME", options.calendar_name);
    }
    w.text("X-WR-TIMEZONE", zone.name());
    w.text("X-AFTERCARE-PROTOCOL-ID", proto.id());
    w.text("X-AFTERCARE-PROTOCOL-VERSION", proto.version());
}

// What every UID shares: the protocol and the treatment.
unsigned long long uid_base(const protocol& proto, const treatment& t) {
    unsigned long long base = detail::fnv1a(proto.id());
    base = detail::fnv1a(std::string_view("\0", 1), base);
    base = detail::fnv1a(proto.version(), base);
    const std::string treatment_key = std::string(to_string(t.device)) + '|' + std::to_string(t.depth.micrometres()) + '|' +
                                      std::string(to_string(t.area)) + '|' + std::to_string(t.skin_type.value()) + '|' +
                                      std::to_string(t.adjuncts.bits()) + '|' +
                                      (t.indication ? std::string(to_string(*t.indication)) : std::string()) + '|' +
                                      std::to_string(t.session) + '|' + std::to_string(t.history.bits()) + '|' +
                                      std::to_string(t.treated_at->time_since_epoch().count());
    return detail::fnv1a(treatment_key, base);
}

// One VEVENT per series or one-off reminder, all sharing the calendar's zone, stamp and duration.
class event_writer {
public:
    event_writer(writer& w, const reminder_schedule& s, const ical_options& options)
        : w_(w), l_(w.line()), zone_(*s.zone()), proto_(s.plan().protocol()), options_(options),
          base_(uid_base(proto_, s.plan().treatment())), duration_(duration_text(options.duration)) {
        append_utc(stamp_, *s.plan().treatment().treated_at);
        tzid_prefix_ = "DTSTART;TZID=";
        tzid_prefix_ += zone_.name();  // an IANA name: no characters that need quoting
        tzid_prefix_ += ':';
    }

    void series(const reminder_series& x, reminder_kind kind) { event(x.code, kind, x.title, {}, describe(x.text, std::nullopt), &x, nullptr); }

    void one_off(const reminder& r) {
        event(r.code, r.kind, r.title, r.kind == reminder_kind::lifted ? r.text : std::string_view{}, describe(r.text, r.window_end), nullptr, &r);
    }

private:
    void event(std::string_view code, reminder_kind kind, std::string_view summary_head, std::string_view summary_tail,
               std::string_view description, const reminder_series* x, const reminder* r) {
        w_.raw("BEGIN", "VEVENT");
        uid(code);
        w_.raw("DTSTAMP", stamp_);
        dtstart(x, r);
        w_.raw("DURATION", duration_);
        summary("SUMMARY:", summary_head, summary_tail);
        w_.text("DESCRIPTION", description);
        w_.raw("TRANSP", "TRANSPARENT");
        w_.text("X-AFTERCARE-CODE", code);
        w_.text("X-AFTERCARE-KIND", to_string(kind));
        if (options_.alarm) {
            w_.raw("BEGIN", "VALARM");
            w_.raw("ACTION", "DISPLAY");
            summary("DESCRIPTION:", summary_head, summary_tail);
            w_.raw("TRIGGER", "PT0M");
            w_.raw("END", "VALARM");
        }
        w_.raw("END", "VEVENT");
    }

    // Identity is the treatment and the reminder's code, not its time: re-importing after the
    // patient changes their wake time updates the events instead of duplicating them.
    void uid(std::string_view code) {
        const unsigned long long h = detail::fnv1a(code, base_);
        std::array<char, 24> hex{};
        std::snprintf(hex.data(), hex.size(), "%016llx", h);
        l_ = "UID:";
        l_ += hex.data();
        l_ += '-';
        detail::ical_escape(l_, code);
        l_ += "@aftercare";
        w_.flush();
    }

    void dtstart(const reminder_series* x, const reminder* r) {
        if (x != nullptr) {
            l_ = tzid_prefix_;
            append_basic(l_, x->first);
            w_.flush();
            w_.raw("RRULE", rrule(*x));
            return;
        }
        // A wall-clock time that reads back as the same instant is written in the zone; one in
        // the repeated hour of a fall-back (its later reading) is written in UTC, exactly.
        if (to_utc(r->local, zone_) == r->at) {
            l_ = tzid_prefix_;
            append_basic(l_, r->local);
        } else {
            l_ = "DTSTART:";
            append_utc(l_, r->at);
        }
        w_.flush();
    }

    void summary(std::string_view name, std::string_view head, std::string_view tail) {
        l_ = name;
        detail::ical_escape(l_, head);
        if (!tail.empty()) {
            l_ += ": ";
            detail::ical_escape(l_, tail);
        }
        w_.flush();
    }

    const std::string& describe(std::string_view text, const std::optional<date::sys_seconds>& window_end) {
        description_.assign(text);
        if (window_end) {
            const std::string when = format_rfc3339(*window_end, &zone_);
            description_ += '\n';
            description_ += words_.format("ics.window_closes", {{"date", std::string_view(when).substr(0, 10)}, {"time", std::string_view(when).substr(11, 5)}});
        }
        description_ += "\n\n";
        description_ += proto_.disclaimer();
        description_ += '\n';
        description_ += words_.format("ics.protocol", {{"id", proto_.id()}, {"version", proto_.version()}});
        return description_;
    }

    writer& w_;
    std::string& l_;
    const zone_rules& zone_;
    const protocol& proto_;
    const detail::catalogue& words_ = detail::words_of(proto_.data());
    const ical_options& options_;
    unsigned long long base_;
    std::string duration_;
    std::string stamp_;
    std::string tzid_prefix_;
    std::string description_;
};

}  // namespace

std::string to_ics(const reminder_schedule& s, const ical_options& options) {
    check_input(s, options);
    const zone_rules& zone = *s.zone();
    const std::span<const reminder> reminders = s.reminders();
    const std::span<const reminder_series> series = s.series();

    std::string out;
    out.reserve(2048 + 900 * (series.size() + reminders.size()));
    writer w(out);
    write_calendar_head(w, s.plan().protocol(), zone, options);

    // The span the events use: from the first start to the last end.
    date::sys_seconds first = *s.plan().treatment().treated_at, last = first;
    if (!reminders.empty()) {
        first = reminders.front().at;
        last = reminders.back().at;
    }
    write_vtimezone(w, zone, first, last + options.duration);

    // Events in the order of their first instant: a series where its first reminder is.
    event_writer events(w, s, options);
    for (const reminder& r : reminders) {
        if (!r.series) {
            events.one_off(r);
        } else if (const reminder_series& x = series[*r.series]; x.instants.front() == r.at) {
            events.series(x, r.kind);
        }
    }
    w.raw("END", "VCALENDAR");
    return out;
}

}  // namespace aftercare
