// The vocabulary: _core.Treatment (an aftercare::treatment built from Python values), the code
// tables of every enumeration, and the version. Codes cross the boundary as str and are parsed by
// aftercare::parse_code, so a bad code raises the library's own message.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/plan.hpp>
#include <aftercare/time.hpp>
#include <aftercare/version.hpp>

#include <pybind11/stl.h>

#include <string>
#include <utility>

namespace aftercare::python {

namespace {

template <code_enum E>
py::tuple set_codes(enum_set<E> set) {
    py::list out;
    for (E e : set) out.append(py::str(std::string(to_string(e))));
    return py::tuple(out);
}

template <code_enum E>
enum_set<E> parse_set(py::handle value, std::string_view field) {
    enum_set<E> out;
    for (const std::string& code : code_list(value, field)) out.insert(parse_code<E>(code));
    return out;
}

std::string repr(const treatment& t) {
    std::string r = "Treatment(device='" + std::string(to_string(t.device)) + "', depth_mm=" + to_string(t.depth) +
                    ", area='" + std::string(to_string(t.area)) + "', skin_type=" + std::to_string(t.skin_type.value());
    if (!t.adjuncts.empty()) {
        r += ", adjuncts=(";
        for (auto a : t.adjuncts) r += "'" + std::string(to_string(a)) + "', ";
        r.resize(r.size() - 2);
        r += ")";
    }
    if (t.indication) r += ", indication='" + std::string(to_string(*t.indication)) + "'";
    if (t.session != 1) r += ", session=" + std::to_string(t.session);
    if (t.treated_at) r += ", treated_at='" + format_rfc3339(*t.treated_at) + "'";
    if (!t.history.empty()) {
        r += ", history=(";
        for (auto h : t.history) r += "'" + std::string(to_string(h)) + "', ";
        r.resize(r.size() - 2);
        r += ")";
    }
    return r + ")";
}

}  // namespace

void register_types(py::module_& m) {
    m.attr("__version__") = AFTERCARE_VERSION_STRING;
    m.def("library_version", [] {
        const version_info v = library_version();
        return py::make_tuple(v.major, v.minor, v.patch);
    }, "The (major, minor, patch) version compiled into the C++ library.");

    m.def("zone", [](const tz_arg& tz, const std::string& field) { return tzinfo_obj(resolve_zone(tz, field).tzinfo); },
          py::arg("tz") = py::none(), py::arg("field") = "tz",
          "The tzinfo for a zone argument: datetime.timezone.utc for None or UTC-as-timezone, else a "
          "zoneinfo.ZoneInfo checked against the library's tz database; raises TimeZoneError naming `field`.");

    m.def("epoch_seconds", [](const datetime_obj& value, const std::string& field) {
        return to_sys_seconds(value, field).time_since_epoch().count();
    }, py::arg("value"), py::arg("field") = "datetime",
       "The UTC epoch seconds (floored) of an aware datetime; a naive one raises InvalidValueError naming `field`.");

    add_code_table<device>();
    add_code_table<area>();
    add_code_table<indication>();
    add_code_table<adjunct>();
    add_code_table<history_flag>();
    add_code_table<entry_kind>();
    add_code_table<likelihood>();
    add_code_table<evidence_basis>();
    add_code_table<reminder_mode>();
    add_code_table<routine_slot>();
    add_code_table<triage_level>();
    add_code_table<severity>();
    add_code_table<symptom>();
    add_code_table<sign>();
    m.def("codes", [] {
        py::typing::Dict<py::str, py::typing::Tuple<py::str, py::ellipsis>> out;
        for (const auto& [field, codes] : code_tables()) {
            py::tuple t(codes.size());
            for (std::size_t i = 0; i < codes.size(); ++i) t[i] = py::str(codes[i].data(), codes[i].size());
            out[py::str(field.data(), field.size())] = std::move(t);
        }
        return out;
    }, "The stable codes of every enumeration, by its field name (\"device\": (\"home_roller\", \"pen\", \"rf\"), ...).");

    py::class_<treatment>(m, "Treatment", "One microneedling session, as it was done (aftercare::treatment).")
        .def(py::init([](const std::string& device_code, double depth_mm, const std::string& area_code,
                         const skin_type_arg& skin, const codes_arg& adjuncts,
                         const optional_code_arg& indication_code, int session,
                         const optional_datetime_obj& treated_at, const codes_arg& history) {
                 treatment t;
                 t.device = parse_code<aftercare::device>(device_code);
                 t.depth = needle_depth::from_mm(depth_mm);
                 t.area = parse_code<aftercare::area>(area_code);
                 t.skin_type = to_skin_type(skin);
                 t.adjuncts = parse_set<adjunct>(adjuncts, "adjuncts");
                 if (auto code = optional_code(indication_code, "indication")) t.indication = parse_code<aftercare::indication>(*code);
                 t.session = session;
                 t.treated_at = to_optional_sys_seconds(treated_at, "treated_at");
                 t.history = parse_set<history_flag>(history, "history");
                 return t;
             }),
             py::kw_only(), py::arg("device"), py::arg("depth_mm"), py::arg("area") = "face", py::arg("skin_type"),
             py::arg("adjuncts") = py::none(), py::arg("indication") = py::none(), py::arg("session") = 1,
             py::arg("treated_at") = py::none(), py::arg("history") = py::none(),
             "Codes are checked here; limits (depth range, skin type I–VI, session >= 1) by make_plan. Missing "
             "values (None, NaN, pandas.NaT/NA) of indication, adjuncts, history and treated_at take their default.")
        .def_property_readonly("device", [](const treatment& t) { return std::string(to_string(t.device)); })
        .def_property_readonly("depth_mm", [](const treatment& t) { return t.depth.mm(); })
        .def_property_readonly("depth_um", [](const treatment& t) { return t.depth.micrometres(); })
        .def_property_readonly("area", [](const treatment& t) { return std::string(to_string(t.area)); })
        .def_property_readonly("skin_type", [](const treatment& t) { return t.skin_type.value(); })
        .def_property_readonly("adjuncts", [](const treatment& t) { return py::typing::Tuple<py::str, py::ellipsis>(set_codes(t.adjuncts)); })
        .def_property_readonly("indication", [](const treatment& t) -> std::optional<std::string> {
            if (!t.indication) return std::nullopt;
            return std::string(to_string(*t.indication));
        })
        .def_property_readonly("session", [](const treatment& t) { return t.session; })
        .def_property_readonly("treated_at", [](const treatment& t) -> optional_datetime_obj {
            if (!t.treated_at) return optional_datetime_obj(py::none());
            return optional_datetime_obj(to_datetime(*t.treated_at, resolve_zone(py::none(), "tz")));
        }, "The end of treatment as an aware datetime in UTC, or None.")
        .def_property_readonly("history", [](const treatment& t) { return py::typing::Tuple<py::str, py::ellipsis>(set_codes(t.history)); })
        .def("__repr__", [](const treatment& t) { return repr(t); });
}

}  // namespace aftercare::python
