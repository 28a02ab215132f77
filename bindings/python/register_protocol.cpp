// _core.Protocol (an aftercare::protocol: immutable, shared, thread-safe) and the ways to get one.
// Parsing and loading run without the GIL, on copies of their arguments.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/error.hpp>
#include <aftercare/locale.hpp>
#include <aftercare/protocol.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace aftercare::python {

namespace {

std::string str(std::string_view s) { return std::string(s); }

py::tuple source_tuple(const source& s) { return py::make_tuple(str(s.key), str(s.citation), str(s.url), str(s.tier)); }

}  // namespace

void register_protocol(py::module_& m) {
    py::class_<protocol>(m, "Protocol", "The clinical knowledge a plan is made from (aftercare::protocol).")
        .def_property_readonly("id", [](const protocol& p) { return str(p.id()); })
        .def_property_readonly("version", [](const protocol& p) { return str(p.version()); })
        .def_property_readonly("title", [](const protocol& p) { return str(p.title()); })
        .def_property_readonly("disclaimer", [](const protocol& p) { return str(p.disclaimer()); })
        .def_property_readonly("origin", [](const protocol& p) { return str(p.origin()); })
        .def_property_readonly("text", [](const protocol& p) { return str(p.text()); }, "The JSON text it was parsed from.")
        .def("sources", [](const protocol& p) {
            py::typing::List<py::typing::Tuple<py::str, py::str, py::str, py::str>> out;
            for (const source& s : p.sources()) out.append(source_tuple(s));
            return out;
        }, "Every source as (key, citation, url, tier), sorted by key.")
        .def("find_source", [](const protocol& p, const std::string& key) -> std::optional<py::typing::Tuple<py::str, py::str, py::str, py::str>> {
            const source* s = p.find_source(key);
            if (s == nullptr) return std::nullopt;
            return py::typing::Tuple<py::str, py::str, py::str, py::str>(source_tuple(*s));
        }, py::arg("key"))
        .def("tiers", [](const protocol& p) {
            py::typing::List<py::typing::Tuple<py::str, py::str, py::float_>> out;
            for (const depth_tier& t : p.tiers()) out.append(py::make_tuple(str(t.id), str(t.title), t.max_depth.mm()));
            return out;
        }, "The depth tiers as (id, title, max_depth_mm), shallowest first.")
        .def("tier_for", [](const protocol& p, double depth_mm) -> std::optional<std::string> {
            const depth_tier* t = p.tier_for(needle_depth::from_mm(depth_mm));
            if (t == nullptr) return std::nullopt;
            return str(t->id);
        }, py::arg("depth_mm"), "The id of the tier that holds the depth, or None when it is deeper than every tier.")
        .def("same_as", &protocol::same_as, py::arg("other"), "True when both share the same parsed data.");

    m.def("default_protocol", [] { return default_protocol(); }, "The embedded default protocol.");
    m.def("default_protocol_text", [] { return str(default_protocol_text()); },
          "The embedded default protocol's JSON text.");
    m.def("parse_protocol", [](std::string text, std::string origin) {
        py::gil_scoped_release release;
        return parse_protocol(text, origin);
    }, py::arg("text"), py::arg("origin") = "<string>",
       "Parses a protocol from JSON text; raises ProtocolError with line, column and JSON pointer.");
    m.def("localize", [](const protocol& p, const std::string& lang) {
        py::gil_scoped_release release;
        return localize(p, lang);
    }, py::arg("protocol"), py::arg("lang"),
       "The protocol with its texts and the writers' words in locale `lang`; raises InvalidValueError (lang) or ProtocolError.");
    m.def("locale_of", [](const protocol& p) { return str(locale_of(p)); }, py::arg("protocol"), "The locale of the protocol's texts.");
    m.def("review_of", [](const protocol& p) { return str(to_string(review_of(p))); }, py::arg("protocol"),
          "The lowest review status of the protocol's messages: machine, reviewed or source.");
    m.def("catalogue_json", [](const protocol& p, const std::string& lang) { return catalogue_json(p, lang); },
          py::arg("protocol"), py::arg("lang") = "en", "The protocol's messages in `lang` as a catalogue file (JSON text).");
    m.def("shipped_locales", [] {
        py::typing::List<py::str> out;
        for (std::string_view l : shipped_locales()) out.append(str(l));
        return out;
    }, "The locales the library ships.");
    m.def("plural_category", [](const std::string& rule, std::uint64_t n) {
        if (rule == "en") return str(to_string(plural_of(plural_rule::english, n)));
        if (rule == "es") return str(to_string(plural_of(plural_rule::spanish, n)));
        if (rule == "uk") return str(to_string(plural_of(plural_rule::east_slavic, n)));
        throw invalid_value("rule", short_value(rule), "en, es, uk", "plural rule " + quote_value(rule) + " is not one of en, es, uk");
    }, py::arg("rule"), py::arg("n"), "The CLDR plural category of the integer n under a rule (en, es, uk).");
    m.def("load_protocol", [](std::filesystem::path path) {
        py::gil_scoped_release release;
        return load_protocol(path);
    }, py::arg("path"), "Reads and parses a protocol file; raises ProtocolError (also when it cannot be read).");
}

}  // namespace aftercare::python
