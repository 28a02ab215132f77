// to_text(course): the course as readable text, one block per session, then milestones and reminders.
#include "aftercare/course.hpp"

#include "aftercare/time.hpp"
#include "io/text_toolkit.hpp"
#include "i18n/messages.hpp"

#include <string>

namespace aftercare {

namespace {

// The local day of an instant ("Sat 19 Dec 2026"), or the time after the first session ("28 d").
std::string when_text(const detail::catalogue& w, std::chrono::minutes after, const std::optional<date::sys_seconds>& at, zone_ref zone) {
    if (!at) return w.format("text.course.after_first", {{"after", w.hours(after)}});
    const date::local_seconds local = zone != nullptr ? to_local(*at, *zone) : date::local_seconds{at->time_since_epoch()};
    return w.day(date::floor<date::days>(local));
}

void sources_line(const detail::catalogue& w, std::string& out, std::span<const std::string_view> sources) {
    if (sources.empty()) return;
    out += "    ";
    out += w.text("text.course.sources");
    for (std::string_view s : sources) {
        out += ' ';
        out += s;
    }
    out += '\n';
}

}  // namespace

std::string to_text(const course& c, const course_options& options) {
    const zone_ref zone = options.zone;
    const detail::catalogue& w = detail::words_of(c.protocol.data());
    auto when = [&](std::chrono::minutes after, const std::optional<date::sys_seconds>& at) { return when_text(w, after, at, zone); };
    std::string out;
    out += w.count("text.course.head", c.total_sessions);
    if (c.treatment.indication) out += w.format("text.course.for", {{"indication", w.word("indication", to_string(*c.treatment.indication))}});
    out += w.format("text.course.treatment", {{"device", w.word("device", to_string(c.treatment.device))}, {"depth", w.number(to_string(c.treatment.depth))},
                                              {"area", w.word("area", to_string(c.treatment.area))}}) + "\n";
    out += w.format("text.course.protocol", {{"id", c.protocol.id()}, {"version", c.protocol.version()}}) + "\n\n";
    if (review_of(c.protocol) == review_status::machine) out += detail::wrap(w.text("notice.machine"), 78) + "\n";
    for (const course_session& s : c.sessions) {
        out += w.format("text.course.session", {{"n", std::to_string(s.number)}});
        if (s.earliest == s.latest && s.number == c.sessions.front().number) {
            out += c.treatment.treated_at ? when(s.typical, s.typical_at) : std::string(w.text("text.course.this_treatment"));
        } else {
            out += w.format("text.course.window", {{"from", when(s.earliest, s.earliest_at)}, {"to", when(s.latest, s.latest_at)}});
        }
        out += '\n';
        for (const course_note& n : s.changes) {
            out += detail::wrap(n.text, 78, "  - ", "    ");
            sources_line(w, out, n.sources);
        }
        if (!s.rescreen.empty() || s.rescreen_procedures) out += detail::wrap(c.rescreen_text, 78, "  ", "  ");
    }
    if (!c.milestones.empty()) out += "\n" + std::string(w.text("text.course.results")) + "\n";
    for (const course_milestone& m : c.milestones) {
        out += detail::wrap(when(m.at, m.at_time) + ": " + std::string(m.title) + ". " + std::string(m.text), 78, "  ", "    ");
        sources_line(w, out, m.sources);
    }
    if (!c.reminders.empty()) out += "\n" + std::string(w.text("text.heading.reminders")) + "\n";
    for (const course_reminder& r : c.reminders) {
        out += "  " + when(r.at, r.at_time) + ": " + std::string(r.title) + w.format("text.course.of_session", {{"n", std::to_string(r.session)}}) + "\n";
    }
    if (!c.notes.empty()) out += "\n" + std::string(w.text("text.course.why")) + "\n";
    for (std::string_view n : c.notes) out += detail::wrap(n, 78, "  - ", "    ");
    out += '\n' + detail::wrap(c.protocol.disclaimer(), 78);
    return out;
}

}  // namespace aftercare
