// Private to the Python extension: the exporters every result type shares. The zone is resolved
// with the GIL held; the export runs without it, on a copy (a copy shares the value's data).
#pragma once

#include "convert.hpp"

#include <aftercare/io/json.hpp>
#include <aftercare/io/text.hpp>

#include <cstdint>
#include <cstring>
#include <string>

namespace aftercare::python {

/// A Python str of UTF-8 text. All ASCII (as an English document is) it is copied as it is into a
/// compact ASCII string, which needs no decoding; otherwise decoded (pybind11's own conversion).
[[nodiscard]] inline py::str utf8_str(const std::string& text) {
    std::uint64_t any = 0;  // the bytes OR-ed together, eight at a time
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        any |= word;
    }
    for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
    if ((any & 0x8080808080808080ULL) != 0) return py::str(text);
    PyObject* s = PyUnicode_New(static_cast<Py_ssize_t>(text.size()), 127);
    if (s == nullptr) throw py::error_already_set();
    std::memcpy(PyUnicode_1BYTE_DATA(s), text.data(), text.size());
    return py::reinterpret_steal<py::str>(s);
}

/// to_json(value) with instants in `tz` (None: the value's default) and `indent` (-1: one line),
/// as written (UTF-8) without the GIL.
template <class T>
[[nodiscard]] std::string json_text(const T& value, const tz_arg& tz, int indent) {
    const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
    const T copy = value;
    py::gil_scoped_release release;
    return to_json(copy, options);
}

/// The JSON as a str.
template <class T>
[[nodiscard]] py::str json_of(const T& value, const tz_arg& tz, int indent) {
    return utf8_str(json_text(value, tz, indent));
}

/// The JSON as bytes (UTF-8), as orjson.dumps gives it: one copy, nothing decoded.
template <class T>
[[nodiscard]] py::bytes json_bytes_of(const T& value, const tz_arg& tz, int indent) {
    const std::string text = json_text(value, tz, indent);
    return {text.data(), text.size()};
}

/// to_text(value) with local times in `tz` (None: the value's default).
template <class T>
[[nodiscard]] std::string text_of(const T& value, const tz_arg& tz, bool sources) {
    const text_options options{.zone = resolve_zone(tz, "tz").tz, .sources = sources};
    const T copy = value;
    py::gil_scoped_release release;
    return to_text(copy, options);
}

}  // namespace aftercare::python
