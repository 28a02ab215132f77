// _core.Course (an aftercare::course) and plan_course(), with the course's exporters. The sessions,
// milestones and reminders are copied into plain Python values here, with the GIL held;
// plan_course() and the exporters run without the GIL, on copies.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/course.hpp>

#include <pybind11/stl.h>

#include <optional>
#include <string>

namespace aftercare::python {

namespace {

py::tuple notes_tuple(const std::vector<course_note>& notes) {
    py::list out;
    for (const course_note& n : notes) {
        item_dict d;
        d["code"] = to_str(n.code);
        d["text"] = to_str(n.text);
        d["basis"] = to_str(to_string(n.basis));
        d["sources"] = to_str_tuple(n.sources);
        out.append(std::move(d));
    }
    return py::tuple(std::move(out));
}

course_options options_of(const tz_arg& tz, int indent) {
    return course_options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
}

}  // namespace

void register_course(py::module_& m) {
    py::class_<course>(m, "Course", "A course of sessions planned from one treatment (aftercare::course).")
        .def_property_readonly("total_sessions", [](const course& c) { return c.total_sessions; })
        .def_property_readonly("treatment", [](const course& c) { return c.treatment; })
        .def_property_readonly("protocol", [](const course& c) { return c.protocol; })
        .def_property_readonly("rescreen_text", [](const course& c) { return std::string(c.rescreen_text); })
        .def_property_readonly("notes", [](const course& c) {
            std::vector<std::string> out(c.notes.begin(), c.notes.end());
            return out;
        })
        .def("sessions", [](const course& c, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<item_dict> out;
            for (const course_session& s : c.sessions) {
                item_dict d;
                d["number"] = py::int_(s.number);
                d["earliest"] = to_timedelta(s.earliest);
                d["typical"] = to_timedelta(s.typical);
                d["latest"] = to_timedelta(s.latest);
                d["earliest_at"] = to_optional_datetime(s.earliest_at, z);
                d["typical_at"] = to_optional_datetime(s.typical_at, z);
                d["latest_at"] = to_optional_datetime(s.latest_at, z);
                d["changes"] = notes_tuple(s.changes);
                py::list rescreen;
                for (condition k : s.rescreen) rescreen.append(to_str(to_string(k)));
                d["rescreen"] = py::tuple(std::move(rescreen));
                d["rescreen_procedures"] = py::bool_(s.rescreen_procedures);
                out.append(std::move(d));
            }
            return out;
        }, py::arg("tz") = py::none(), "Every session as a dict of plain values; instants in `tz` (UTC when None).")
        .def("milestones", [](const course& c, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<item_dict> out;
            for (const course_milestone& x : c.milestones) {
                item_dict d;
                d["code"] = to_str(x.code);
                d["title"] = to_str(x.title);
                d["text"] = to_str(x.text);
                d["after"] = to_timedelta(x.at);
                d["at"] = to_optional_datetime(x.at_time, z);
                d["sources"] = to_str_tuple(x.sources);
                out.append(std::move(d));
            }
            return out;
        }, py::arg("tz") = py::none(), "The results milestones and the final assessment, in time order.")
        .def("reminders", [](const course& c, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<item_dict> out;
            for (const course_reminder& r : c.reminders) {
                item_dict d;
                d["code"] = to_str(r.code);
                d["session"] = py::int_(r.session);
                d["title"] = to_str(r.title);
                d["text"] = to_str(r.text);
                d["after"] = to_timedelta(r.at);
                d["at"] = to_optional_datetime(r.at_time, z);
                out.append(std::move(d));
            }
            return out;
        }, py::arg("tz") = py::none(), "Booking reminders, in time order.")
        .def("to_json", [](const course& c, const tz_arg& tz, int indent) {
            const course_options o = options_of(tz, indent);
            const course copy = c;
            py::gil_scoped_release release;
            return to_json(copy, o);
        }, py::arg("tz") = py::none(), py::arg("indent") = 2, "The course as JSON (docs/schema/course.schema.json), as `aftercare course --format json` writes it.")
        .def("to_text", [](const course& c, const tz_arg& tz) {
            const course_options o = options_of(tz, 2);
            const course copy = c;
            py::gil_scoped_release release;
            return to_text(copy, o);
        }, py::arg("tz") = py::none(), "The course as readable text, as `aftercare course` prints it.")
        .def("to_ics", [](const course& c, const tz_arg& tz) {
            const course_options o = options_of(tz, 2);
            const course copy = c;
            py::gil_scoped_release release;
            return to_ics(copy, o);
        }, py::arg("tz") = py::none(), "The course as an iCalendar file (all-day session windows in `tz`).");

    m.def("plan_course", [](const treatment& t, const std::optional<protocol>& p, std::optional<int> sessions) {
        const treatment tc = t;
        const protocol proto = p ? *p : default_protocol();
        py::gil_scoped_release release;
        return plan_course(tc, proto, sessions);
    }, py::arg("treatment"), py::arg("protocol") = py::none(), py::arg("sessions") = py::none(),
       "The course from the treatment under the protocol (the default when None), with `sessions` in all "
       "(the indication's number when None). Runs without the GIL.");
}

}  // namespace aftercare::python
