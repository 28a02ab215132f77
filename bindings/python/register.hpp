// Private to the Python extension: one register function per topic, each in register_<topic>.cpp.
// Adding a capability (schedule, triage, screen) is one new register_<topic>.cpp, a declaration
// here, a call in module.cpp, the file in CMakeLists.txt, and the Python wrapper in python/aftercare/.
#pragma once

#include <pybind11/pybind11.h>

namespace aftercare::python {

void register_errors(pybind11::module_& m);    // C++ exceptions -> aftercare.Error subclasses
void register_types(pybind11::module_& m);     // Treatment, the code tables, the version
void register_protocol(pybind11::module_& m);  // Protocol, default/parse/load
void register_plan(pybind11::module_& m);      // Plan, make_plan, make_plans, check_treatment
void register_cohort(pybind11::module_& m);    // batch tables for pandas (columns in, columns out)
void register_io(pybind11::module_& m);        // to_json, to_text
void register_reminders(pybind11::module_& m);  // Schedule, schedule; its to_json, to_text, to_ics
void register_triage(pybind11::module_& m);     // SymptomReport, Assessment, triage
void register_screening(pybind11::module_& m);  // PatientHistory, Eligibility, screen
void register_course(pybind11::module_& m);     // Course, plan_course
void register_checkin(pybind11::module_& m);    // CheckInAnswers, CheckInAssessment, questions, follow_up, to_fhir

}  // namespace aftercare::python
