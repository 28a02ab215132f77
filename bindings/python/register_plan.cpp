// _core.Plan (an aftercare::plan) and make_plan. A plan's entries are views into its shared data;
// they are copied into plain Python values (str, datetime.timedelta, aware datetime.datetime) here,
// so nothing on the Python side points into C++ memory. make_plan runs without the GIL.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/plan.hpp>

#include <pybind11/stl.h>

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
    py::list out;
    for (E e : set) out.append(str(to_string(e)));
    return py::tuple(out);
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

entry_dict entry_to_dict(const entry& e, const zone& z) {
    using namespace py::literals;
    py::list stages;
    for (const stage& s : e.stages) {
        stages.append(py::dict("code"_a = str(s.code), "text"_a = str(s.text), "lifted_text"_a = str(s.lifted_text),
                               "until"_a = delta(s.until), "until_at"_a = optional_instant(s.until_at, z)));
    }
    py::object end_range = py::none();
    if (e.end_range) end_range = py::make_tuple(delta(e.end_range->first), delta(e.end_range->second));
    entry_dict d;
    d["code"] = str(e.code);
    d["kind"] = str(to_string(e.kind));
    d["title"] = str(e.title);
    d["text"] = str(e.text);
    d["onset"] = delta(e.onset);
    d["end"] = optional_delta(e.end);
    d["end_range"] = end_range;
    d["abnormal_after"] = optional_delta(e.abnormal_after);
    d["likelihood"] = code_or_none(e.likely);
    d["stages"] = py::tuple(stages);
    d["remind"] = str(to_string(e.remind));
    d["slots"] = codes(e.slots);
    d["level"] = code_or_none(e.level);
    d["symptoms"] = codes(e.symptoms);
    d["advice"] = str(e.advice);
    d["start"] = optional_instant(e.start, z);
    d["finish"] = optional_instant(e.finish, z);
    d["sources"] = strings(e.sources);
    d["notes"] = strings(e.notes);
    return d;
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
