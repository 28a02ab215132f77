// to_text(course): the course as readable text, one block per session, then milestones and reminders.
#include "aftercare/course.hpp"

#include "aftercare/time.hpp"

#include <string>

namespace aftercare {

namespace {

std::string weeks_text(std::chrono::minutes m) {
    const auto hours = m.count() / 60;
    if (hours % 168 == 0) return std::to_string(hours / 168) + " wk";
    if (hours % 24 == 0) return std::to_string(hours / 24) + " d";
    return std::to_string(hours) + " h";
}

// The local day of an instant ("2026-12-19"), or the time after the first session ("4 wk").
std::string when_text(std::chrono::minutes after, const std::optional<date::sys_seconds>& at, const date::time_zone* zone) {
    if (!at) return weeks_text(after) + " after session 1";
    const date::local_seconds local = zone != nullptr ? to_local(*at, *zone) : date::local_seconds{at->time_since_epoch()};
    return format_date(date::year_month_day{date::floor<date::days>(local)});
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
    const date::time_zone* zone = options.zone;
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
            out += "  - " + std::string(n.text) + '\n';
            sources_line(out, n.sources);
        }
        if (!s.rescreen.empty() || s.rescreen_procedures) {
            out += "  Before this session: " + std::string(c.rescreen_text) + '\n';
        }
    }
    if (!c.milestones.empty()) out += "\nResults\n";
    for (const course_milestone& m : c.milestones) {
        out += "  " + when_text(m.at, m.at_time, zone) + ": " + std::string(m.title) + ". " + std::string(m.text) + '\n';
        sources_line(out, m.sources);
    }
    if (!c.reminders.empty()) out += "\nReminders\n";
    for (const course_reminder& r : c.reminders) {
        out += "  " + when_text(r.at, r.at_time, zone) + ": " + std::string(r.title) + " (session " + std::to_string(r.session) + ")\n";
    }
    if (!c.notes.empty()) out += "\nWhy these numbers\n";
    for (std::string_view n : c.notes) out += "  - " + std::string(n) + '\n';
    out += '\n' + std::string(c.protocol.disclaimer()) + '\n';
    return out;
}

}  // namespace aftercare
