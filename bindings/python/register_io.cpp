// Exporters: to_json (schema aftercare.plan/1) and to_text. The zone is resolved with the GIL;
// the export itself runs without it.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/io/json.hpp>
#include <aftercare/io/text.hpp>

#include <string>

namespace aftercare::python {

void register_io(py::module_& m) {
    m.def("to_json", [](const plan& p, const tz_arg& tz, int indent) {
        const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
        const plan copy = p;
        py::gil_scoped_release release;
        return to_json(copy, options);
    }, py::arg("plan"), py::arg("tz") = py::none(), py::arg("indent") = 2,
       "The plan as JSON (docs/schema/plan.schema.json); instants in `tz` (UTC, written Z, when None); "
       "indent -1 writes one line.");

    m.def("to_text", [](const plan& p, const tz_arg& tz, bool sources) {
        const text_options options{.zone = resolve_zone(tz, "tz").tz, .sources = sources};
        const plan copy = p;
        py::gil_scoped_release release;
        return to_text(copy, options);
    }, py::arg("plan"), py::arg("tz") = py::none(), py::arg("sources") = true,
       "The plan as readable text; local dates and times in `tz` (UTC when None).");
}

}  // namespace aftercare::python
