// _core.PatientHistory (an aftercare::patient_history built from Python values), screen(), and
// _core.Eligibility with its exporters. Findings are views into the protocol; they are copied into
// plain Python values here, with the GIL held. screen() and the exporters run without the GIL, on
// copies.
#include "convert.hpp"
#include "export.hpp"
#include "register.hpp"

#include <aftercare/screening.hpp>

#include <pybind11/stl.h>

#include <array>
#include <optional>
#include <string>

namespace aftercare::python {

namespace {

constexpr std::array<std::string_view, 3> wait_units{"days", "months", "years"};

std::optional<date::year_month_day> optional_civil_date(py::handle value, std::string_view field) {
    if (value.is_none()) return std::nullopt;
    return to_civil_date(value, field);
}

item_dict finding_dict(const screening_finding& f) {
    item_dict d;
    d["code"] = to_str(f.code);
    d["decision"] = to_str(to_string(f.decision));
    d["title"] = to_str(f.title);
    d["reason"] = to_str(f.reason);
    d["advice"] = to_str(f.advice);
    d["until"] = to_optional_date(f.until);
    if (f.wait) {
        d["wait"] = py::make_tuple(f.wait->count, to_str(wait_units[static_cast<std::size_t>(f.wait->in)]));
    } else {
        d["wait"] = py::none();
    }
    d["basis"] = to_str(to_string(f.basis));
    d["note"] = to_str(f.note);
    d["sources"] = to_str_tuple(f.sources);
    return d;
}

}  // namespace

void register_screening(py::module_& m) {
    add_code_table<condition>();
    add_code_table<decision>();
    add_code_table<procedure>();

    py::class_<patient_history>(m, "PatientHistory", "What the patient reports before treatment (aftercare::patient_history).")
        .def(py::init([](const codes_arg& conditions, const optional_date_arg& isotretinoin_stopped,
                         const optional_date_arg& radiotherapy_ended, const optional_date_arg& birth_date,
                         const std::optional<py::typing::Dict<py::str, py::object>>& procedures) {
                 patient_history h;
                 for (const std::string& code : code_list(conditions, "conditions")) h.conditions.insert(parse_code<condition>(code));
                 h.isotretinoin_stopped = optional_civil_date(isotretinoin_stopped, "isotretinoin_stopped");
                 h.radiotherapy_ended = optional_civil_date(radiotherapy_ended, "radiotherapy_ended");
                 h.birth_date = optional_civil_date(birth_date, "birth_date");
                 if (procedures) {
                     for (const auto& [key, value] : *procedures) {
                         if (!py::isinstance<py::str>(key)) throw py::type_error("procedures: keys must be procedure codes (str)");
                         const std::string code = key.cast<std::string>();
                         h.procedures.push_back({parse_code<procedure>(code), to_civil_date(value, code)});
                     }
                 }
                 return h;
             }),
             py::arg("conditions") = py::none(), py::kw_only(), py::arg("isotretinoin_stopped") = py::none(),
             py::arg("radiotherapy_ended") = py::none(), py::arg("birth_date") = py::none(), py::arg("procedures") = py::none(),
             "Condition codes are checked here; dates (datetime.date or \"YYYY-MM-DD\") against the screening date "
             "by screen().")
        .def_property_readonly("conditions", [](const patient_history& h) {
            return py::typing::Tuple<py::str, py::ellipsis>(to_code_tuple(h.conditions));
        })
        .def_property_readonly("isotretinoin_stopped", [](const patient_history& h) { return to_optional_date(h.isotretinoin_stopped); })
        .def_property_readonly("radiotherapy_ended", [](const patient_history& h) { return to_optional_date(h.radiotherapy_ended); })
        .def_property_readonly("birth_date", [](const patient_history& h) { return to_optional_date(h.birth_date); })
        .def_property_readonly("procedures", [](const patient_history& h) {
            std::array<std::optional<date::year_month_day>, detail::code_table<procedure>::codes.size()> latest{};
            for (const dated_procedure& pr : h.procedures) {
                auto& l = latest[static_cast<std::size_t>(pr.what)];
                if (!l || *l < pr.on) l = pr.on;
            }
            py::typing::Dict<py::str, py::object> out;
            for (procedure what : all_values<procedure>()) {
                if (const auto& l = latest[static_cast<std::size_t>(what)]) out[py::str(std::string(to_string(what)))] = to_date(*l);
            }
            return out;
        }, "Recent procedures: {code: date}, the latest date of each.");

    py::class_<eligibility>(m, "Eligibility", "The screening decision for one patient and one planned treatment (aftercare::eligibility).")
        .def_property_readonly("decision", [](const eligibility& e) { return std::string(to_string(e.decision)); })
        .def_property_readonly("earliest", [](const eligibility& e) { return to_optional_date(e.earliest); },
                               "With decision defer and a date on every deferring finding: the first day none applies.")
        .def_property_readonly("as_of", [](const eligibility& e) { return to_date(e.as_of); })
        .def_property_readonly("treatment", [](const eligibility& e) { return e.treatment; })
        .def_property_readonly("protocol", [](const eligibility& e) { return e.protocol; })
        .def("findings", [](const eligibility& e) {
            py::typing::List<item_dict> out;
            for (const screening_finding& f : e.findings) out.append(finding_dict(f));
            return out;
        }, "Every finding as a dict of plain values, highest decision first; `wait` is (count, unit) or None.")
        .def("__len__", [](const eligibility& e) { return e.findings.size(); })
        .def("to_json", &json_of<eligibility>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "The decision as JSON (docs/schema/screening.schema.json), as `aftercare screen --format json` writes it; "
           "the treatment time in `tz` (UTC, written Z, when None).")
        .def("to_json_bytes", &json_bytes_of<eligibility>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "to_json's document as UTF-8 bytes.")
        .def("to_text", [](const eligibility& e, bool sources) { return text_of(e, tz_arg(py::none()), sources); }, py::arg("sources") = true, "The decision as readable text, as `aftercare screen` prints it.");

    m.def("screen", [](const patient_history& history, const treatment& t, const date_arg& as_of, const std::optional<protocol>& p) {
        const date::year_month_day day = to_civil_date(as_of, "as_of");
        const patient_history h = history;
        const treatment tc = t;
        const protocol proto = p ? *p : default_protocol();
        py::gil_scoped_release release;
        return screen(h, tc, day, proto);
    }, py::arg("history"), py::arg("treatment"), py::arg("as_of"), py::arg("protocol") = py::none(),
       "Screens the history for the treatment on the date `as_of` (the planned treatment day) under the protocol "
       "(the default when None). Runs without the GIL.");
}

}  // namespace aftercare::python
