// to_json(course): the course as JSON (docs/schema/course.schema.json, "aftercare.course/1").
#include "aftercare/course.hpp"

#include "aftercare/time.hpp"
#include "io/json_common.hpp"

namespace aftercare {

namespace {

using detail::hours_json;
using detail::json;

json instant(const std::optional<date::sys_seconds>& t, const date::time_zone* zone) {
    return t ? json(format_rfc3339(*t, zone)) : json(nullptr);
}

json note_json(const course_note& n) {
    return json{{"code", n.code}, {"text", n.text}, {"basis", to_string(n.basis)}, {"sources", detail::strings(n.sources)}};
}

}  // namespace

std::string to_json(const course& c, const course_options& options) {
    json doc = detail::document("aftercare.course/1", c.protocol, c.treatment, options.zone);
    doc["total_sessions"] = c.total_sessions;
    json sessions = json::array();
    for (const course_session& s : c.sessions) {
        json j;
        j["number"] = s.number;
        j["earliest_h"] = hours_json(s.earliest);
        j["typical_h"] = hours_json(s.typical);
        j["latest_h"] = hours_json(s.latest);
        j["earliest"] = instant(s.earliest_at, options.zone);
        j["typical"] = instant(s.typical_at, options.zone);
        j["latest"] = instant(s.latest_at, options.zone);
        json changes = json::array();
        for (const course_note& n : s.changes) changes.push_back(note_json(n));
        j["changes"] = std::move(changes);
        json rescreen = json::array();
        for (aftercare::condition k : s.rescreen) rescreen.push_back(to_string(k));
        j["rescreen"] = std::move(rescreen);
        j["rescreen_procedures"] = s.rescreen_procedures;
        sessions.push_back(std::move(j));
    }
    doc["sessions"] = std::move(sessions);
    doc["rescreen"] = {{"text", c.rescreen_text}, {"sources", detail::strings(c.rescreen_sources)}};
    json milestones = json::array();
    for (const course_milestone& m : c.milestones) {
        milestones.push_back(json{{"code", m.code}, {"title", m.title}, {"text", m.text}, {"at_h", hours_json(m.at)},
                                  {"at", instant(m.at_time, options.zone)}, {"sources", detail::strings(m.sources)}});
    }
    doc["milestones"] = std::move(milestones);
    json reminders = json::array();
    for (const course_reminder& r : c.reminders) {
        reminders.push_back(json{{"code", r.code}, {"session", r.session}, {"title", r.title}, {"text", r.text}, {"at_h", hours_json(r.at)},
                                 {"at", instant(r.at_time, options.zone)}});
    }
    doc["reminders"] = std::move(reminders);
    doc["notes"] = detail::strings(c.notes);
    return detail::finish(doc, c.protocol, json_options{options.zone, options.indent});
}

}  // namespace aftercare
