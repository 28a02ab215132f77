// to_ics(course): session windows and milestones as all-day events in the patient's zone, the
// booking reminders as timed events (UTC) with an alarm. RFC 5545.
#include "aftercare/course.hpp"
#include "i18n/messages.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/ical_text.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace aftercare {

namespace {

date::year_month_day local_day(date::sys_seconds t, zone_ref zone) {
    const date::local_seconds local = zone != nullptr ? to_local(t, *zone) : date::local_seconds{t.time_since_epoch()};
    return date::year_month_day{date::floor<date::days>(local)};
}

std::string basic_date(date::year_month_day d) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d%02u%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf.data();
}

std::string basic_utc(date::sys_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::hh_mm_ss<std::chrono::seconds> tod{t - day};
    std::array<char, 24> buf{};
    std::snprintf(buf.data(), buf.size(), "%sT%02d%02d%02dZ", basic_date(date::year_month_day{day}).c_str(), static_cast<int>(tod.hours().count()),
                  static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()));
    return buf.data();
}

class lines {
public:
    explicit lines(std::string& out) : out_(out) {}
    void raw(std::string_view name, std::string_view value) {
        line_.assign(name);
        line_ += ':';
        line_ += value;
        detail::ical_fold(out_, line_);
    }
    void text(std::string_view name, std::string_view value) {
        line_.assign(name);
        line_ += ':';
        detail::ical_escape(line_, value);
        detail::ical_fold(out_, line_);
    }

private:
    std::string& out_;
    std::string line_;
};

}  // namespace

std::string to_ics(const course& c, const course_options& options) {
    const treatment& t = c.treatment;
    if (!t.treated_at) {
        throw invalid_value("treated_at", "none", "a treatment time", "treated_at is required for an iCalendar file: the course needs dates");
    }
    const protocol& p = c.protocol;
    const detail::catalogue& words = detail::words_of(p.data());
    std::string out;
    lines w(out);
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.text("PRODID", "-//aftercare//aftercare " AFTERCARE_VERSION_STRING "//EN");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", words.format("ics.course.calendar_name", {{"title", p.title()}}));
    if (options.zone != nullptr) w.text("X-WR-TIMEZONE", options.zone->name());

    // Identity: the protocol, the treatment and the event's code (re-importing updates, never duplicates).
    unsigned long long base = detail::fnv1a(p.id());
    base = detail::fnv1a(p.version(), base);
    const std::string key = std::string(to_string(t.device)) + '|' + std::to_string(t.depth.micrometres()) + '|' + std::string(to_string(t.area)) +
                            '|' + std::to_string(t.skin_type.value()) + '|' + (t.indication ? std::string(to_string(*t.indication)) : "") + '|' +
                            std::to_string(t.session) + '|' + std::to_string(t.treated_at->time_since_epoch().count());
    base = detail::fnv1a(key, base);
    const std::string stamp = basic_utc(*t.treated_at);
    auto begin = [&](const std::string& code) {
        w.raw("BEGIN", "VEVENT");
        std::array<char, 24> hex{};
        std::snprintf(hex.data(), hex.size(), "%016llx", detail::fnv1a(code, base));
        w.text("UID", std::string(hex.data()) + "-" + code + "@aftercare");
        w.raw("DTSTAMP", stamp);
    };
    auto all_day = [&](const std::string& code, date::year_month_day first, date::year_month_day last, std::string_view summary,
                       const std::string& description) {
        begin(code);
        w.raw("DTSTART;VALUE=DATE", basic_date(first));
        w.raw("DTEND;VALUE=DATE", basic_date(date::year_month_day{date::sys_days{last} + date::days{1}}));
        w.text("SUMMARY", summary);
        w.text("DESCRIPTION", description);
        w.raw("TRANSP", "TRANSPARENT");
        w.text("X-AFTERCARE-CODE", code);
        w.raw("END", "VEVENT");
    };

    const std::string disclaimer = "\n\n" + std::string(p.disclaimer());
    for (const course_session& s : c.sessions) {
        if (s.number == c.sessions.front().number) continue;  // the session the course starts from has happened
        std::string description = words.format("ics.course.session_of", {{"n", std::to_string(s.number)}, {"total", std::to_string(c.total_sessions)}});
        for (const course_note& n : s.changes) description += "\n" + std::string(n.text);
        if (!s.rescreen.empty() || s.rescreen_procedures) description += "\n" + std::string(c.rescreen_text);
        all_day("course.session." + std::to_string(s.number), local_day(*s.earliest_at, options.zone), local_day(*s.latest_at, options.zone),
                words.format("ics.course.window", {{"n", std::to_string(s.number)}}), description + disclaimer);
    }
    for (const course_milestone& m : c.milestones) {
        const date::year_month_day day = local_day(*m.at_time, options.zone);
        all_day(std::string(m.code), day, day, m.title, std::string(m.text) + disclaimer);
    }
    for (const course_reminder& r : c.reminders) {
        const std::string code = std::string(r.code) + "." + std::to_string(r.session);
        begin(code);
        w.raw("DTSTART", basic_utc(*r.at_time));
        w.raw("DURATION", "PT15M");
        w.text("SUMMARY", std::string(r.title) + words.format("text.course.of_session", {{"n", std::to_string(r.session)}}));
        w.text("DESCRIPTION", std::string(r.text) + disclaimer);
        w.raw("TRANSP", "TRANSPARENT");
        w.text("X-AFTERCARE-CODE", code);
        w.raw("BEGIN", "VALARM");
        w.raw("ACTION", "DISPLAY");
        w.text("DESCRIPTION", r.title);
        w.raw("TRIGGER", "PT0M");
        w.raw("END", "VALARM");
        w.raw("END", "VEVENT");
    }
    w.raw("END", "VCALENDAR");
    return out;
}

}  // namespace aftercare
