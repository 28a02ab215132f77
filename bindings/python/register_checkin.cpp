// The check-in loop (checkin.hpp) and the FHIR export (io/fhir.hpp): _core.CheckInAnswers,
// _core.CheckInAssessment, check_in_questions, assess_check_in, follow_up, to_fhir. Views into the
// protocol are copied into Python values with the GIL held; the work runs without it, on copies.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/checkin.hpp>
#include <aftercare/io/fhir.hpp>
#include <aftercare/io/json.hpp>

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

namespace aftercare::python {

namespace {

py::object finding_or_none(const std::optional<triage_finding>& f) {
    if (!f) return py::none();
    item_dict d;
    d["rule"] = to_str(f->rule);
    d["level"] = to_str(to_string(f->level));
    d["title"] = to_str(f->title);
    d["reason"] = to_str(f->reason);
    d["advice"] = to_str(f->advice);
    d["sources"] = to_str_tuple(f->sources);
    py::object out = std::move(d);
    return out;
}

item_dict follow_up_dict(const follow_up_step& f, const zone& z) {
    item_dict d;
    d["action"] = to_str(to_string(f.action));
    d["code"] = f.code.empty() ? py::object(py::none()) : py::object(to_str(f.code));
    d["title"] = f.title.empty() ? py::object(py::none()) : py::object(to_str(f.title));
    d["text"] = f.text.empty() ? py::object(py::none()) : py::object(to_str(f.text));
    d["due"] = to_optional_datetime(f.due, z);
    d["check_in"] = f.check_in.empty() ? py::object(py::none()) : py::object(to_str(f.check_in));
    d["next_action"] = to_str(to_string(f.next_action));
    d["next_due"] = to_optional_datetime(f.next_due, z);
    d["sources"] = to_str_tuple(f.sources);
    return d;
}

}  // namespace

void register_checkin(py::module_& m) {
    py::class_<check_in_answers>(m, "CheckInAnswers", "The answers to one check-in (aftercare::check_in_answers).")
        .def(py::init([](const std::string& check_in, const optional_datetime_obj& answered_at, const optional_timedelta_obj& after,
                         const optional_code_arg& status, const std::vector<symptom_report>& symptoms, const std::string& free_text) {
                 check_in_answers a;
                 a.check_in = check_in;
                 if (answered_at.is_none() == after.is_none()) {
                     throw invalid_value("answered_at", answered_at.is_none() ? "None" : std::string(py::str(answered_at)),
                                         "exactly one of answered_at (an aware datetime) or after (a timedelta)",
                                         "check-in answers need exactly one of answered_at (an aware datetime) or after (a timedelta since the end of treatment)");
                 }
                 if (!answered_at.is_none()) {
                     a.answered = to_sys_seconds(answered_at, "answered_at");
                 } else {
                     a.answered = to_duration(after, "after");
                 }
                 if (auto code = optional_code(status, "status")) a.status = parse_code<check_in_status>(*code);
                 a.symptoms = symptoms;
                 a.free_text = free_text;
                 return a;
             }),
             py::arg("check_in"), py::kw_only(), py::arg("answered_at") = py::none(), py::arg("after") = py::none(),
             py::arg("status") = py::none(), py::arg("symptoms") = std::vector<symptom_report>{}, py::arg("free_text") = "",
             "Exactly one of answered_at (an aware datetime) or after (a timedelta); each symptom's own time is replaced by it.")
        .def_static("from_json", [](const plan& p, const std::string& text, const tz_arg& tz, const std::string& origin) {
            const zone z = resolve_zone(tz, "tz");
            return answers_from_json(p, text, z.tz, origin);
        }, py::arg("plan"), py::arg("text"), py::arg("tz") = py::none(), py::arg("origin") = "<string>",
           "Answers from plain JSON (docs/schema/check-in-answers.schema.json); answered_at is local time in `tz`.")
        .def_static("from_fhir", [](const plan& p, const std::string& text, const std::string& origin) { return answers_from_fhir(p, text, origin); },
                    py::arg("plan"), py::arg("text"), py::arg("origin") = "<string>", "Answers from a FHIR R4 QuestionnaireResponse (JSON).")
        .def_property_readonly("check_in", [](const check_in_answers& a) { return a.check_in; })
        .def_property_readonly("status", [](const check_in_answers& a) -> std::optional<std::string> {
            if (!a.status) return std::nullopt;
            return std::string(to_string(*a.status));
        })
        .def_property_readonly("symptoms", [](const check_in_answers& a) { return a.symptoms; })
        .def_property_readonly("free_text", [](const check_in_answers& a) { return a.free_text; })
        .def_property_readonly("answered_at", [](const check_in_answers& a) -> optional_datetime_obj {
            if (const auto* t = std::get_if<date::sys_seconds>(&a.answered)) return optional_datetime_obj(to_datetime(*t, resolve_zone(py::none(), "tz")));
            return optional_datetime_obj(py::none());
        }, "When it was answered (aware, UTC), or None when given as `after`.")
        .def_property_readonly("after", [](const check_in_answers& a) -> optional_timedelta_obj {
            if (const auto* d = std::get_if<std::chrono::seconds>(&a.answered)) return optional_timedelta_obj(to_timedelta(*d));
            return optional_timedelta_obj(py::none());
        })
        .def("same_as", [](const check_in_answers& a, const check_in_answers& b) { return a == b; }, py::arg("other"),
             "True when both hold the same answers (check-in, time, status, symptoms, free text).");

    py::class_<check_in_assessment>(m, "CheckInAssessment", "The verdict on one check-in's answers (aftercare::check_in_assessment).")
        .def_property_readonly("level", [](const check_in_assessment& a) { return std::string(to_string(a.level)); })
        .def_property_readonly("check_in", [](const check_in_assessment& a) { return a.check_in; })
        .def_property_readonly("status", [](const check_in_assessment& a) -> std::optional<std::string> {
            if (!a.status) return std::nullopt;
            return std::string(to_string(*a.status));
        })
        .def_property_readonly("triage", [](const check_in_assessment& a) { return a.triage; })
        .def_property_readonly("symptom_reports", [](const check_in_assessment& a) {
            std::vector<symptom_report> out;
            for (const report_assessment& r : a.triage.reports) out.push_back(r.report);
            return out;
        }, "The symptom reports triaged, each seen when the check-in was answered.")
        .def_property_readonly("help", [](const check_in_assessment& a) { return finding_or_none(a.help); })
        .def_property_readonly("help_without_detail", [](const check_in_assessment& a) { return a.help_without_detail; })
        .def_property_readonly("free_text", [](const check_in_assessment& a) { return a.free_text; })
        .def_property_readonly("after", [](const check_in_assessment& a) { return to_timedelta(a.after); })
        .def("to_json", [](const check_in_assessment& a, const tz_arg& tz, int indent) {
            const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
            const check_in_assessment copy = a;
            py::gil_scoped_release release;
            return to_json(copy, options);
        }, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "As `aftercare check-in answer --format json` writes it (docs/schema/check-in-assessment.schema.json).");

    m.def("check_in_questions_json", [](const plan& p, const std::string& check_in, const tz_arg& tz, int indent) {
        const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
        return to_json(check_in_questions(p, check_in), options);
    }, py::arg("plan"), py::arg("check_in"), py::arg("tz") = py::none(), py::arg("indent") = 2,
       "A check-in's questions as plain JSON (docs/schema/check-in-questions.schema.json).");
    m.def("check_in_questionnaire", [](const plan& p, const std::string& check_in, const std::string& canonical_base, int indent) {
        fhir_options o;
        o.canonical_base = canonical_base;
        o.indent = indent < 0 ? -1 : indent;
        return to_fhir(check_in_questions(p, check_in), o);
    }, py::arg("plan"), py::arg("check_in"), py::arg("canonical_base") = "urn:aftercare:fhir", py::arg("indent") = 2,
       "A check-in's questions as a FHIR R4 Questionnaire (JSON).");
    m.def("check_in_codes", [](const plan& p) {
        std::vector<std::string> out;
        for (const questionnaire& q : check_in_questions(p)) out.emplace_back(q.check_in);
        return out;
    }, py::arg("plan"), "The codes of the plan's check-ins, in protocol order.");
    m.def("assess_check_in", [](const plan& p, const check_in_answers& answers, const optional_datetime_obj& as_of) {
        triage_options options;
        options.as_of = to_optional_sys_seconds(as_of, "as_of");
        const plan copy = p;
        const check_in_answers a = answers;
        py::gil_scoped_release release;
        return assess_check_in(copy, a, options);
    }, py::arg("plan"), py::arg("answers"), py::arg("as_of") = py::none(),
       "Triage of the symptoms answered, seen when the check-in was answered; 'help' is at least a clinic call. Runs without the GIL.");
    m.def("follow_up", [](const plan& p, const reminder_schedule& s, const std::vector<std::string>& answered, const datetime_obj& now, const tz_arg& tz) {
        const date::sys_seconds at = to_sys_seconds(now, "now");
        const zone z = resolve_zone(tz, "tz");
        return follow_up_dict(follow_up(p, s, answered, at), z);
    }, py::arg("plan"), py::arg("schedule"), py::arg("answered"), py::arg("now"), py::arg("tz") = py::none(),
       "What is due at `now` when nobody answers: a dict with action (none, nudge, clinic_task), due, next_action, next_due, ...");
    m.def("follow_up_due", [](const reminder_schedule& s, const tz_arg& tz) {
        const zone z = resolve_zone(tz, "tz");
        const follow_up_times t = follow_up_due(s);
        item_dict d;
        d["nudge"] = to_optional_datetime(t.nudge, z);
        d["clinic_task"] = to_optional_datetime(t.clinic_task, z);
        return d;
    }, py::arg("schedule"), py::arg("tz") = py::none(), "The instants the non-response rules fall due (None: the rule does not apply).");
    m.def("to_fhir", [](const plan& p, const reminder_schedule& s, const std::string& subject, const std::string& author,
                        const optional_datetime_obj& created, const std::string& canonical_base, int indent) {
        fhir_options o;
        o.subject = subject;
        o.author = author;
        o.created = to_optional_sys_seconds(created, "created");
        o.canonical_base = canonical_base;
        o.indent = indent < 0 ? -1 : indent;
        const plan pc = p;
        const reminder_schedule sc = s;
        py::gil_scoped_release release;
        return to_fhir(pc, sc, o);
    }, py::arg("plan"), py::arg("schedule"), py::kw_only(), py::arg("subject"), py::arg("author") = "", py::arg("created") = py::none(),
       py::arg("canonical_base") = "urn:aftercare:fhir", py::arg("indent") = 2,
       "The plan and its schedule as a FHIR R4 Bundle (JSON), as `aftercare plan --format fhir` writes it.");
}

}  // namespace aftercare::python
