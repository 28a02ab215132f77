// to_text(course): the course as readable text, one block per session, then milestones and reminders.
#include "aftercare/course.hpp"

#include "aftercare/time.hpp"
#include "io/text_toolkit.hpp"

#include <string>

namespace aftercare {

namespace {

using detail::day_text;
using detail::hours_text;

// The local day of an instant ("Sat 19 Dec 2026"), or the time after the first session ("28 d").
std::string when_text(std::chrono::minutes after, const std::optional<date::sys_seconds>& at, zone_ref zone) {
    if (!at) return hours_text(after) + " after session 1";
    const date::local_seconds local = zone != nullptr ? to_local(*at, *zone) : date::local_seconds{at->time_since_epoch()};
    return day_text(date::floor<date::days>(local));
}

void sources_line(std::string& out, std::span<const std::string_view> sources) {
    if (sources.empty()) return;
    out += "    Sources:";
    for (std::string_view s : sources) {
        out += ' ';
        out += s;
    }
    out += '\n';
}

}  // namespace

std::string to_text(const course& c, const course_options& options) {
    const zone_ref zone = options.zone;
    std::string out;
    out += "Treatment course: " + std::to_string(c.total_sessions) + " sessions";
    if (c.treatment.indication) out += " for " + std::string(to_string(*c.treatment.indication));
    out += " (" + std::string(to_string(c.treatment.device)) + " " + to_string(c.treatment.depth) + " mm, " +
           std::string(to_string(c.treatment.area)) + ")\n";
    out += "Protocol: " + std::string(c.protocol.id()) + " " + std::string(c.protocol.version()) + "\n\n";
    for (const course_session& s : c.sessions) {
        out += "Session " + std::to_string(s.number) + ": ";
        if (s.earliest == s.latest && s.number == c.sessions.front().number) {
            out += c.treatment.treated_at ? when_text(s.typical, s.typical_at, zone) : "this treatment";
        } else {
            out += "from " + when_text(s.earliest, s.earliest_at, zone) + " to " + when_text(s.latest, s.latest_at, zone);
        }
        out += '\n';
        for (const course_note& n : s.changes) {
            out += detail::wrap(n.text, 78, "  - ", "    ");
            sources_line(out, n.sources);
        }
        if (!s.rescreen.empty() || s.rescreen_procedures) out += detail::wrap(c.rescreen_text, 78, "  ", "  ");
    }
    if (!c.milestones.empty()) out += "\nResults\n";
    for (const course_milestone& m : c.milestones) {
        out += detail::wrap(when_text(m.at, m.at_time, zone) + ": " + std::string(m.title) + ". " + std::string(m.text), 78, "  ", "    ");
        sources_line(out, m.sources);
    }
    if (!c.reminders.empty()) out += "\nReminders\n";
    for (const course_reminder& r : c.reminders) {
        out += "  " + when_text(r.at, r.at_time, zone) + ": " + std::string(r.title) + " (session " + std::to_string(r.session) + ")\n";
    }
    if (!c.notes.empty()) out += "\nWhy these numbers\n";
    for (std::string_view n : c.notes) out += detail::wrap(n, 78, "  - ", "    ");
    out += '\n' + detail::wrap(c.protocol.disclaimer(), 78);
    return out;
}

}  // namespace aftercare
