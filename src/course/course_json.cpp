// to_json(course): the course as JSON (docs/schema/course.schema.json, "aftercare.course/1"),
// written through the shared document writer (io/json_common.hpp).
#include "aftercare/course.hpp"

#include "aftercare/time.hpp"
#include "io/json_common.hpp"

namespace aftercare {

namespace {

void instant(detail::json_writer& w, std::string_view key, const std::optional<date::sys_seconds>& t, zone_ref zone) {
    w.key(key);
    if (t) {
        w.instant(*t, zone);
    } else {
        w.null();
    }
}

void write_note(detail::document_writer& d, const course_note& n) {
    d.w.begin_object();
    d.w.member("code", n.code);
    d.w.member("text", n.text);
    d.w.member("basis", to_string(n.basis));
    d.sources(n.sources);
    d.w.end_object();
}

void write_session(detail::document_writer& d, const course_session& s, zone_ref zone) {
    detail::json_writer& w = d.w;
    w.begin_object();
    w.key("number");
    w.integer(s.number);
    w.key("earliest_h");
    d.hours(s.earliest);
    w.key("typical_h");
    d.hours(s.typical);
    w.key("latest_h");
    d.hours(s.latest);
    instant(w, "earliest", s.earliest_at, zone);
    instant(w, "typical", s.typical_at, zone);
    instant(w, "latest", s.latest_at, zone);
    w.key("changes");
    w.begin_array();
    for (const course_note& n : s.changes) write_note(d, n);
    w.end_array();
    w.key("rescreen");
    w.begin_array();
    for (aftercare::condition k : s.rescreen) w.string(to_string(k));
    w.end_array();
    w.key("rescreen_procedures");
    w.boolean(s.rescreen_procedures);
    w.end_object();
}

}  // namespace

std::string to_json(const course& c, const course_options& options) {
    const zone_ref zone = options.zone;
    detail::document_writer d(json_options{options.zone, options.indent}, c.protocol, 8192 + c.sessions.size() * 1024);
    detail::json_writer& w = d.w;
    d.head("aftercare.course/1", c.treatment, zone);
    w.key("total_sessions");
    w.integer(c.total_sessions);
    w.key("sessions");
    w.begin_array();
    for (const course_session& s : c.sessions) write_session(d, s, zone);
    w.end_array();
    w.key("rescreen");
    w.begin_object();
    w.member("text", c.rescreen_text);
    d.sources(c.rescreen_sources);
    w.end_object();
    w.key("milestones");
    w.begin_array();
    for (const course_milestone& m : c.milestones) {
        w.begin_object();
        w.member("code", m.code);
        w.member("title", m.title);
        w.member("text", m.text);
        w.key("at_h");
        d.hours(m.at);
        instant(w, "at", m.at_time, zone);
        d.sources(m.sources);
        w.end_object();
    }
    w.end_array();
    w.key("reminders");
    w.begin_array();
    for (const course_reminder& r : c.reminders) {
        w.begin_object();
        w.member("code", r.code);
        w.key("session");
        w.integer(r.session);
        w.member("title", r.title);
        w.member("text", r.text);
        w.key("at_h");
        d.hours(r.at);
        instant(w, "at", r.at_time, zone);
        w.end_object();
    }
    w.end_array();
    w.key("notes");
    w.strings(c.notes);
    return std::move(d).finish();
}

}  // namespace aftercare
