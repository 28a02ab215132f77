// Exporters: to_json (schema aftercare.plan/1) and to_text. The zone is resolved with the GIL;
// the export itself runs without it.
#include "export.hpp"
#include "register.hpp"

namespace aftercare::python {

void register_io(py::module_& m) {
    m.def("to_json", &json_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("indent") = 2,
       "The plan as JSON (docs/schema/plan.schema.json); instants in `tz` (UTC, written Z, when None); "
       "indent -1 writes one line.");

    m.def("to_text", &text_of<plan>, py::arg("plan"), py::arg("tz") = py::none(), py::arg("sources") = true,
       "The plan as readable text; local dates and times in `tz` (UTC when None).");
}

}  // namespace aftercare::python
