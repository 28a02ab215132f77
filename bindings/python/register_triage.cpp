// _core.SymptomReport (an aftercare::symptom_report built from Python values), triage(), and
// _core.Assessment with its exporters. The findings are views into the protocol; they are copied
// into plain Python values here, with the GIL held. triage() and the exporters run without the
// GIL, on copies.
#include "convert.hpp"
#include "export.hpp"
#include "register.hpp"

#include <aftercare/triage.hpp>

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace aftercare::python {

namespace {

item_dict finding_dict(const triage_finding& f) {
    item_dict d;
    d["rule"] = to_str(f.rule);
    d["level"] = to_str(to_string(f.level));
    d["title"] = to_str(f.title);
    d["reason"] = to_str(f.reason);
    d["advice"] = to_str(f.advice);
    d["sources"] = to_str_tuple(f.sources);
    return d;
}

py::object window_dict(const std::optional<symptom_window>& w, const std::optional<date::sys_seconds>& treated_at, const zone& z) {
    if (!w) return py::none();
    auto at = [&](std::chrono::minutes after) -> py::object {
        if (!treated_at) return py::none();
        return to_datetime(*treated_at + after, z);
    };
    item_dict d;
    d["effect"] = to_str(w->effect);
    d["onset"] = to_timedelta(w->onset);
    d["typical_end"] = to_timedelta(w->typical_end);
    d["abnormal_after"] = to_timedelta(w->abnormal_after);
    d["onset_at"] = at(w->onset);
    d["typical_end_at"] = at(w->typical_end);
    d["abnormal_after_at"] = at(w->abnormal_after);
    py::object out = std::move(d);
    return out;
}

item_dict report_dict(const report_assessment& r, const std::optional<date::sys_seconds>& treated_at, const zone& z) {
    py::list matched;
    for (const triage_finding& f : r.matched) matched.append(finding_dict(f));
    item_dict d;
    d["after"] = to_timedelta(r.after);
    d["seen_at"] = to_optional_datetime(r.seen_at, z);
    d["level"] = to_str(to_string(r.level));
    d["decided"] = finding_dict(r.decided);
    d["matched"] = py::tuple(std::move(matched));
    d["window"] = window_dict(r.window, treated_at, z);
    d["raised_by_severity"] = py::bool_(r.raised_by_severity);
    return d;
}

}  // namespace

void register_triage(py::module_& m) {
    py::class_<symptom_report>(m, "SymptomReport", "One symptom as the patient reports it (aftercare::symptom_report).")
        .def(py::init([](const std::string& symptom_code, const optional_datetime_obj& seen_at, const optional_timedelta_obj& after,
                         const optional_code_arg& severity_code, const codes_arg& signs) {
                 symptom_report r;
                 r.symptom = parse_code<symptom>(symptom_code);
                 if (seen_at.is_none() == after.is_none()) {
                     throw invalid_value("seen_at", seen_at.is_none() ? "None" : std::string(py::str(seen_at)),
                                         "exactly one of seen_at (an aware datetime) or after (a timedelta)",
                                         "a symptom report needs exactly one of seen_at (when it was seen, an aware datetime) "
                                         "or after (the time since the end of treatment, a timedelta)");
                 }
                 if (!seen_at.is_none()) {
                     r.seen = to_sys_seconds(seen_at, "seen_at");
                 } else {
                     r.seen = to_duration(after, "after");
                 }
                 if (auto code = optional_code(severity_code, "severity")) r.severity = parse_code<severity>(*code);
                 for (const std::string& code : code_list(signs, "signs")) r.signs.insert(parse_code<sign>(code));
                 return r;
             }),
             py::arg("symptom"), py::kw_only(), py::arg("seen_at") = py::none(), py::arg("after") = py::none(),
             py::arg("severity") = py::none(), py::arg("signs") = py::none(),
             "Codes are checked here. Exactly one of seen_at (an aware datetime) or after (a timedelta since the end "
             "of treatment); times are checked against the plan by triage().")
        .def_property_readonly("symptom", [](const symptom_report& r) { return std::string(to_string(r.symptom)); })
        .def_property_readonly("seen_at", [](const symptom_report& r) -> optional_datetime_obj {
            if (const auto* t = std::get_if<date::sys_seconds>(&r.seen)) return optional_datetime_obj(to_datetime(*t, resolve_zone(py::none(), "tz")));
            return optional_datetime_obj(py::none());
        }, "When it was seen, as an aware datetime in UTC, or None when given as `after`.")
        .def_property_readonly("after", [](const symptom_report& r) -> optional_timedelta_obj {
            if (const auto* d = std::get_if<std::chrono::seconds>(&r.seen)) return optional_timedelta_obj(to_timedelta(*d));
            return optional_timedelta_obj(py::none());
        }, "The time since the end of treatment (a datetime.timedelta), or None when given as `seen_at`.")
        .def_property_readonly("severity", [](const symptom_report& r) -> std::optional<std::string> {
            if (!r.severity) return std::nullopt;
            return std::string(to_string(*r.severity));
        })
        .def_property_readonly("signs", [](const symptom_report& r) { return py::typing::Tuple<py::str, py::ellipsis>(to_code_tuple(r.signs)); });

    py::class_<assessment>(m, "Assessment", "The verdict on symptom reports (aftercare::assessment); it holds its plan.")
        .def_property_readonly("level", [](const assessment& a) { return std::string(to_string(a.level)); })
        .def_property_readonly("plan", [](const assessment& a) { return a.plan; })
        .def("reports", [](const assessment& a, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            const auto& treated_at = a.plan.treatment().treated_at;
            py::typing::List<item_dict> out;
            for (const report_assessment& r : a.reports) out.append(report_dict(r, treated_at, z));
            return out;
        }, py::arg("tz") = py::none(),
           "Each report's verdict as a dict of plain values, in the order given; instants are aware datetimes in `tz`.")
        .def("__len__", [](const assessment& a) { return a.reports.size(); })
        .def("to_json", &json_of<assessment>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "The assessment as JSON (docs/schema/triage.schema.json), as `aftercare triage --format json` writes it; "
           "instants in `tz` (UTC, written Z, when None).")
        .def("to_json_bytes", &json_bytes_of<assessment>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "to_json's document as UTF-8 bytes.")
        .def("to_text", &text_of<assessment>, py::arg("tz") = py::none(), py::arg("sources") = true,
           "The assessment as readable text, as `aftercare triage` prints it; local times in `tz` (UTC when None).");

    m.def("triage", [](const plan& p, const std::vector<symptom_report>& reports, const optional_datetime_obj& as_of) {
        // `reports` is already a C++ copy of every report.
        triage_options options;
        options.as_of = to_optional_sys_seconds(as_of, "as_of");
        const plan copy = p;
        py::gil_scoped_release release;
        return triage(copy, reports, options);
    }, py::arg("plan"), py::arg("reports"), py::arg("as_of") = py::none(),
       "How urgently to act on the reports, against the plan and its protocol. A report seen before the end of "
       "treatment, or after `as_of` when given, is rejected. Runs without the GIL.");
}

}  // namespace aftercare::python
