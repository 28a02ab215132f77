// Exporters: to_json (schema aftercare.plan/1) and to_text. The zone is resolved with the GIL;
// the export itself runs without it.
#include "export.hpp"
#include "register.hpp"

#include "io/text_toolkit.hpp"  // the core's one text toolkit (src/io/)

namespace aftercare::python {

void register_io(py::module_& m) {
    m.def("to_json", &json_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("indent") = 2,
       "The plan as JSON (docs/schema/plan.schema.json); instants in `tz` (UTC, written Z, when None); "
       "indent -1 writes one line.");

    m.def("to_text", &text_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("sources") = true,
       "The plan as readable text; local dates and times in `tz` (UTC when None).");

    m.def(
        "hours_text",
        [](py::handle d) { return detail::hours_text(std::chrono::duration_cast<std::chrono::minutes>(to_duration(d, "duration"))); },
        py::arg("duration"), "A window length as the core's writers show it: \"3 d\", \"48 h\", \"1.5 h\".");
}

}  // namespace aftercare::python
