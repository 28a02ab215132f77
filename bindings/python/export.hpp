// Private to the Python extension: the exporters every result type shares. The zone is resolved
// with the GIL held; the export runs without it, on a copy (a copy shares the value's data).
#pragma once

#include "convert.hpp"

#include <aftercare/io/json.hpp>
#include <aftercare/io/text.hpp>

#include "io/json_into.hpp"  // the core's writer into a storage of ours (src/io/)

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace aftercare::python {

/// A Python str of UTF-8 text. All ASCII (as an English document is) it is copied as it is into a
/// compact ASCII string, which needs no decoding; otherwise decoded (pybind11's own conversion).
[[nodiscard]] inline py::str utf8_str(std::string_view text) {
    std::uint64_t any = 0;  // the bytes OR-ed together, eight at a time
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        any |= word;
    }
    for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
    if ((any & 0x8080808080808080ULL) != 0) return py::str(text.data(), text.size());
    PyObject* s = PyUnicode_New(static_cast<Py_ssize_t>(text.size()), 127);
    if (s == nullptr) throw py::error_already_set();
    std::memcpy(PyUnicode_1BYTE_DATA(s), text.data(), text.size());
    return py::reinterpret_steal<py::str>(s);
}

/// A bytes object a document is written into in place, as the writer asks it to grow (taking the
/// GIL for that alone), then shrunk to the document: no zero-fill, no copy. Made and destroyed with
/// the GIL held.
class bytes_storage final : public detail::json_storage {
public:
    bytes_storage() = default;
    bytes_storage(const bytes_storage&) = delete;
    bytes_storage& operator=(const bytes_storage&) = delete;
    ~bytes_storage() { Py_XDECREF(bytes_); }

    char* grow(std::size_t at_least, std::size_t& capacity) override {
        const py::gil_scoped_acquire gil;
        resize(at_least);
        capacity = at_least;
        return PyBytes_AS_STRING(bytes_);
    }
    /// The first `n` bytes, as the object itself.
    [[nodiscard]] py::bytes take(std::size_t n) {
        resize(n);
        return py::reinterpret_steal<py::bytes>(std::exchange(bytes_, nullptr));
    }

private:
    void resize(std::size_t n) {  // _PyBytes_Resize keeps the first bytes, as realloc does
        const auto size = static_cast<Py_ssize_t>(n);
        if (bytes_ == nullptr) {
            bytes_ = PyBytes_FromStringAndSize(nullptr, size);
        } else if (_PyBytes_Resize(&bytes_, size) != 0) {
            bytes_ = nullptr;  // freed by _PyBytes_Resize
        }
        if (bytes_ == nullptr) throw py::error_already_set();
    }
    PyObject* bytes_ = nullptr;
};

/// This thread's buffer for a document on its way to a str: kept between calls, so once it has
/// grown nothing is allocated or zero-filled for the next; given back past 1 MiB.
class scratch_storage final : public detail::json_storage {
public:
    scratch_storage() = default;
    scratch_storage(const scratch_storage&) = delete;
    scratch_storage& operator=(const scratch_storage&) = delete;
    ~scratch_storage() {
        if (text().size() > (std::size_t{1} << 20)) std::string().swap(text());
    }
    char* grow(std::size_t at_least, std::size_t& capacity) override {
        std::string& s = text();
        if (s.size() < at_least) s.resize(std::max(at_least, s.size() * 2));
        capacity = s.size();
        return s.data();
    }
    [[nodiscard]] std::string_view first(std::size_t n) { return {text().data(), n}; }

private:
    static std::string& text() {
        thread_local std::string s;
        return s;
    }
};

/// to_json(value) with instants in `tz` (None: the value's default) and `indent` (-1: one line)
/// into `out`, without the GIL: the document's length.
template <class T>
[[nodiscard]] std::size_t write_json_of(const T& value, const tz_arg& tz, int indent, detail::json_storage& out) {
    const json_options options{.zone = resolve_zone(tz, "tz").tz, .indent = indent < 0 ? -1 : indent};
    const T copy = value;
    py::gil_scoped_release release;
    return detail::write_json(copy, options, out);
}

/// The JSON as a str.
template <class T>
[[nodiscard]] py::str json_of(const T& value, const tz_arg& tz, int indent) {
    scratch_storage out;
    return utf8_str(out.first(write_json_of(value, tz, indent, out)));
}

/// The JSON as bytes (UTF-8), as orjson.dumps gives it: written in place, nothing copied or decoded.
template <class T>
[[nodiscard]] py::bytes json_bytes_of(const T& value, const tz_arg& tz, int indent) {
    bytes_storage out;
    const std::size_t n = write_json_of(value, tz, indent, out);
    return out.take(n);
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
