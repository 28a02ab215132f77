// Private to the Python extension: the exporters every result type shares. The zone is resolved
// with the GIL held; the export runs without it, on a copy (a copy shares the value's data).
#pragma once

#include "convert.hpp"

#include <aftercare/io/json.hpp>
#include <aftercare/io/text.hpp>

#include <string>

namespace aftercare::python {

/// to_json(value) with instants in `tz` (None: the value's default) and `indent` (-1: one line).
template <class T>
[[nodiscard]] std::string json_of(const T& value, const tz_arg& tz, int indent) {
    const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
    const T copy = value;
    py::gil_scoped_release release;
    return to_json(copy, options);
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
