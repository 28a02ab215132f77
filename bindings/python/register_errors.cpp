// C++ exceptions -> Python. Every aftercare::error becomes an aftercare.Error (a ValueError)
// subclass defined in python/aftercare/_errors.py, with the C++ message verbatim and the typed
// fields as attributes:
//
//   aftercare::invalid_value   -> aftercare.InvalidValueError (field, value, allowed)
//   aftercare::time_zone_error -> aftercare.TimeZoneError     (an InvalidValueError)
//   aftercare::protocol_error  -> aftercare.ProtocolError     (origin, line, column, pointer, expected)
//   aftercare::error           -> aftercare.Error             (id, on all of them)
#include "convert.hpp"
#include "register.hpp"

#include <exception>

namespace aftercare::python {

void register_errors(py::module_& /*m*/) {
    // Import the exception classes now so that a broken installation fails at import time.
    (void)py::module_::import("aftercare._errors");
    py::register_local_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const aftercare::error& e) {
            try {
                py::object exc = error_object(e);
                PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
            } catch (const py::error_already_set&) {
                PyErr_SetString(PyExc_ValueError, e.what());  // could not build the typed exception
            }
        }
    });
}

}  // namespace aftercare::python
