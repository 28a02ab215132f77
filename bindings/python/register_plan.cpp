// _core.Plan (an aftercare::plan) and make_plan. A plan's entries are views into its shared data;
// they are copied into plain Python values (str, datetime.timedelta, aware datetime.datetime) here,
// so nothing on the Python side points into C++ memory. make_plan runs without the GIL.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/plan.hpp>

#include <pybind11/gil_safe_call_once.h>
#include <pybind11/stl.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace aftercare::python {

namespace {

using entry_dict = py::typing::Dict<py::str, py::object>;

py::str str(std::string_view s) { return {s.data(), s.size()}; }

template <class E>
py::object code_or_none(const std::optional<E>& e) {
    if (!e) return py::none();
    return str(to_string(*e));
}

template <code_enum E>
py::tuple codes(enum_set<E> set) {
    py::tuple out(set.size());
    std::size_t i = 0;
    for (E e : set) out[i++] = str(to_string(e));
    return out;
}

py::tuple strings(std::span<const std::string_view> items) {
    py::tuple out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = str(items[i]);
    return out;
}

py::object delta(std::chrono::minutes m) { return to_timedelta(m); }

py::object optional_delta(const std::optional<std::chrono::minutes>& m) {
    if (!m) return py::none();
    return delta(*m);
}

py::object optional_instant(const std::optional<date::sys_seconds>& t, const zone& z) {
    if (!t) return py::none();
    return to_datetime(*t, z);
}

/// The dict keys, made once: an entry dict is built with PyDict_SetItem on interned keys.
enum key : std::size_t {
    k_code, k_kind, k_title, k_text, k_onset, k_end, k_end_range, k_abnormal_after, k_likelihood, k_stages,
    k_remind, k_slots, k_level, k_symptoms, k_advice, k_start, k_finish, k_sources, k_notes, k_lifted_text,
    k_until, k_until_at, key_count
};
constexpr std::array<const char*, key_count> key_names{
    "code", "kind", "title", "text", "onset", "end", "end_range", "abnormal_after", "likelihood", "stages",
    "remind", "slots", "level", "symptoms", "advice", "start", "finish", "sources", "notes", "lifted_text",
    "until", "until_at"};

const std::array<py::object, key_count>& keys() {
    PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<std::array<py::object, key_count>> storage;
    return storage
        .call_once_and_store_result([] {
            std::array<py::object, key_count> k;
            for (std::size_t i = 0; i < key_count; ++i) {
                k[i] = py::reinterpret_steal<py::object>(PyUnicode_InternFromString(key_names[i]));
                if (!k[i]) throw py::error_already_set();
            }
            return k;
        })
        .get_stored();
}

/// Sets d[key] = value (a new object) and checks for failure.
void put(py::dict& d, key k, const py::object& value) {
    if (PyDict_SetItem(d.ptr(), keys()[k].ptr(), value.ptr()) != 0) throw py::error_already_set();
}

entry_dict entry_to_dict(const entry& e, const zone& z) {
    py::tuple stages(e.stages.size());
    for (std::size_t i = 0; i < e.stages.size(); ++i) {
        const stage& s = e.stages[i];
        py::dict sd;
        put(sd, k_code, str(s.code));
        put(sd, k_text, str(s.text));
        put(sd, k_lifted_text, str(s.lifted_text));
        put(sd, k_until, delta(s.until));
        put(sd, k_until_at, optional_instant(s.until_at, z));
        stages[i] = std::move(sd);
    }
    py::object end_range = py::none();
    if (e.end_range) end_range = py::make_tuple(delta(e.end_range->first), delta(e.end_range->second));
    py::dict d;
    put(d, k_code, str(e.code));
    put(d, k_kind, str(to_string(e.kind)));
    put(d, k_title, str(e.title));
    put(d, k_text, str(e.text));
    put(d, k_onset, delta(e.onset));
    put(d, k_end, optional_delta(e.end));
    put(d, k_end_range, end_range);
    put(d, k_abnormal_after, optional_delta(e.abnormal_after));
    put(d, k_likelihood, code_or_none(e.likely));
    put(d, k_stages, stages);
    put(d, k_remind, str(to_string(e.remind)));
    put(d, k_slots, codes(e.slots));
    put(d, k_level, code_or_none(e.level));
    put(d, k_symptoms, codes(e.symptoms));
    put(d, k_advice, str(e.advice));
    put(d, k_start, optional_instant(e.start, z));
    put(d, k_finish, optional_instant(e.finish, z));
    put(d, k_sources, strings(e.sources));
    put(d, k_notes, strings(e.notes));
    return entry_dict(std::move(d));
}

const protocol& protocol_or_default(const std::optional<protocol>& p) { return p ? *p : default_protocol(); }

}  // namespace

void register_plan(py::module_& m) {
    py::class_<plan>(m, "Plan", "The plan for one treatment (aftercare::plan): immutable and shared.")
        .def("entries", [](const plan& p, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<entry_dict> out;
            for (const entry& e : p.entries()) out.append(entry_to_dict(e, z));
            return out;
        }, py::arg("tz") = py::none(),
           "Every entry as a dict of plain values; instants are aware datetimes in `tz` (UTC when None).")
        .def("notes", [](const plan& p) {
            using namespace py::literals;
            py::typing::List<entry_dict> out;
            for (const plan_note& n : p.notes()) {
                entry_dict d;
                d["code"] = str(n.code);
                d["text"] = str(n.text);
                d["sources"] = strings(n.sources);
                out.append(d);
            }
            return out;
        }, "The plan's notes as dicts (code, text, sources).")
        .def("find", [](const plan& p, const std::string& code) -> std::optional<std::size_t> {
            const entry* e = p.find(code);
            if (e == nullptr) return std::nullopt;
            return static_cast<std::size_t>(e - p.entries().data());
        }, py::arg("code"), "The index of the entry with `code`, or None.")
        .def_property_readonly("tier", [](const plan& p) { return std::string(p.tier()); })
        .def_property_readonly("treatment", [](const plan& p) { return p.treatment(); })
        .def_property_readonly("protocol", [](const plan& p) { return p.protocol(); })
        .def("__len__", [](const plan& p) { return p.entries().size(); });

    m.def("check_treatment", [](treatment t, const std::optional<protocol>& p) {
        const protocol proto = protocol_or_default(p);
        py::gil_scoped_release release;
        check_treatment(t, proto);
    }, py::arg("treatment"), py::arg("protocol") = py::none(),
       "Checks a treatment against the protocol's limits; raises InvalidValueError naming the field.");

    m.def("make_plan", [](treatment t, const std::optional<protocol>& p) {
        const protocol proto = protocol_or_default(p);
        py::gil_scoped_release release;
        return make_plan(t, proto);
    }, py::arg("treatment"), py::arg("protocol") = py::none(),
       "The plan for a treatment (the default protocol when None). Runs without the GIL.");

    m.def("make_plans", [](const std::vector<treatment>& treatments, const std::optional<protocol>& p) {
        // The argument is already a C++ copy of every treatment; the loop runs without the GIL.
        const protocol proto = protocol_or_default(p);
        std::vector<plan> plans;
        std::exception_ptr failure;
        {
            py::gil_scoped_release release;
            plans.reserve(treatments.size());
            try {
                for (const treatment& t : treatments) plans.push_back(make_plan(t, proto));
            } catch (const aftercare::error&) {
                failure = std::current_exception();
            }
        }
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const aftercare::error& e) {
                raise_with_note(e, "in treatment " + std::to_string(plans.size()) + " of the batch");
            }
        }
        return plans;
    }, py::arg("treatments"), py::arg("protocol") = py::none(),
       "The plans for many treatments, made in one loop without the GIL.");
}

}  // namespace aftercare::python
