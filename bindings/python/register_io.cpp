// Exporters: to_json (schema aftercare.plan/1) and to_text. The zone is resolved with the GIL;
// the export itself runs without it.
#include "export.hpp"
#include "register.hpp"

#include "io/text_toolkit.hpp"  // the core's one text toolkit (src/io/)

#include <aftercare/io/html.hpp>

#include <filesystem>

namespace aftercare::python {

namespace {

/// to_html(value) with the handout options: a clinic profile (a file, or its JSON text), the
/// patient's name, which copy, which paper. Reading the profile and the export run without the GIL.
template <class T>
std::string html_of(const T& value, const tz_arg& tz, const std::string& clinic_file, const std::string& clinic_json,
                    const std::string& patient, bool clinician, const std::string& paper) {
    html_options options;
    options.zone = resolve_zone(tz, "tz").tz;
    options.patient_name = patient;
    options.copy = clinician ? handout_copy::clinician : handout_copy::patient;
    if (paper != "a4" && paper != "letter") {
        throw invalid_value("paper", paper.substr(0, 20), "a4 or letter", "paper '" + paper.substr(0, 20) + "' is not a4 or letter");
    }
    options.paper = paper == "letter" ? paper_size::letter : paper_size::a4;
    const T copy = value;
    py::gil_scoped_release release;
    if (!clinic_file.empty()) options.clinic = load_clinic(clinic_file);
    else if (!clinic_json.empty()) options.clinic = parse_clinic(clinic_json, std::filesystem::current_path(), "clinic");
    return to_html(copy, options);
}

}  // namespace

void register_io(py::module_& m) {
    m.def("to_json", &json_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("indent") = 2,
       "The plan as JSON (docs/schema/plan.schema.json); instants in `tz` (UTC, written Z, when None); "
       "indent -1 writes one line.");
    m.def("to_json_bytes", &json_bytes_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("indent") = 2,
          "to_json's document as UTF-8 bytes (nothing decoded: for a file or a response).");

    m.def("to_text", &text_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("sources") = true,
       "The plan as readable text; local dates and times in `tz` (UTC when None).");

    m.def("to_html", &html_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("clinic_file") = "",
          py::arg("clinic_json") = "", py::arg("patient") = "", py::arg("clinician") = false, py::arg("paper") = "a4",
          "The printable handout (one self-contained HTML page); local dates in `tz` (UTC when None).");
    m.def("schedule_to_html", &html_of<reminder_schedule>, py::arg("schedule"), py::arg("tz") = py::none(), py::arg("clinic_file") = "",
          py::arg("clinic_json") = "", py::arg("patient") = "", py::arg("clinician") = false, py::arg("paper") = "a4",
          "The handout of the schedule's plan with its reminder times; `tz` None: the schedule's zone.");
    m.def("handout_css", [] { return std::string(handout_css()); }, "The handout's style sheet.");

    m.def(
        "hours_text",
        [](py::handle d) { return detail::hours_text(std::chrono::duration_cast<std::chrono::minutes>(to_duration(d, "duration"))); },
        py::arg("duration"), "A window length as the core's writers show it: \"3 d\", \"48 h\", \"1.5 h\".");
}

}  // namespace aftercare::python
