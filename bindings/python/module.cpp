// aftercare._core: the private extension module behind the `aftercare` Python package.
// Each topic registers itself from its own register_<topic>.cpp (as boost-histogram's
// src/module.cpp does); this file only calls them, errors first so every later topic can raise.
#include "register.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "Private: the C++ core of the aftercare package. Use `import aftercare`.";
    aftercare::python::register_errors(m);
    aftercare::python::register_types(m);
    aftercare::python::register_protocol(m);
    aftercare::python::register_plan(m);
    aftercare::python::register_cohort(m);
    aftercare::python::register_reminders(m);
    aftercare::python::register_io(m);  // after the types its functions take (Schedule), for their signatures
    aftercare::python::register_triage(m);
    aftercare::python::register_screening(m);
    aftercare::python::register_course(m);
    aftercare::python::register_checkin(m);
}
