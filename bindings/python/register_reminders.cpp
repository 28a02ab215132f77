// _core.Schedule (an aftercare::reminder_schedule), schedule(), and the schedule's exporters
// (to_json, to_text, to_ics). A schedule's reminders and series are views into its shared data;
// they are copied into plain Python values here, with the GIL held. schedule() and the exporters
// run without the GIL, on copies (a schedule or a plan copy shares its data: cheap).
#include "convert.hpp"
#include "export.hpp"
#include "register.hpp"

#include <aftercare/io/ical.hpp>
#include <aftercare/reminders.hpp>

#include <pybind11/stl.h>
#include <structmember.h>  // T_OBJECT_EX, READONLY: the slots of a record class

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aftercare::python {

namespace {

/// Whole minutes of a timedelta (floored), for preferences::horizon and ical_options::duration.
std::chrono::minutes to_minutes(py::handle value, std::string_view field) {
    return date::floor<std::chrono::minutes>(to_duration(value, field));
}

item_dict reminder_dict(const reminder& r, const zone& z) {
    item_dict d;
    d["code"] = to_str(r.code);
    d["kind"] = to_str(to_string(r.kind));
    d["anchor"] = to_str(to_string(r.anchor));
    d["title"] = to_str(r.title);
    d["text"] = to_str(r.text);
    d["entry"] = r.entry.empty() ? py::object(py::none()) : py::object(to_str(r.entry));
    d["slot"] = to_optional_code(r.slot);
    d["at"] = to_datetime(r.at, z);
    d["due"] = to_datetime(r.due, z);
    d["window_end"] = to_optional_datetime(r.window_end, z);
    d["series"] = r.series ? py::object(py::int_(*r.series)) : py::object(py::none());
    d["sources"] = to_str_tuple(r.sources);
    return d;
}


/// Instances of a frozen, slotted dataclass made without its __init__: object.__new__(cls), then
/// each field through its slot's member descriptor, which is what object.__setattr__ ends in (a
/// frozen dataclass refuses only its own __setattr__). For building many records at once.
class slotted_records {
public:
    slotted_records(py::handle cls, std::initializer_list<const char*> fields) : offsets_(layout(cls, fields)) {
        type_ = reinterpret_cast<PyTypeObject*>(cls.ptr());
    }
    /// An instance with `values` in its slots, in the order of the fields. The slots are written
    /// where their member descriptors would write them (a new object's slots are empty).
    [[nodiscard]] py::object make(std::initializer_list<py::handle> values) const {
        if (values.size() != offsets_.size()) throw std::logic_error("record fields");
        PyObject* out = type_->tp_alloc(type_, 0);
        if (out == nullptr) throw py::error_already_set();
        std::size_t i = 0;
        for (py::handle v : values) {
            auto** slot = reinterpret_cast<PyObject**>(reinterpret_cast<char*>(out) + offsets_[i++]);
            *slot = Py_NewRef(v.ptr());
        }
        return py::reinterpret_steal<py::object>(out);
    }

private:
    /// The offsets of `fields`' slots in instances of `cls`, read from its member descriptors once
    /// per class and field list (the class is kept alive, so its address is never another's; the
    /// list is never freed, as Python may be finalised before static destructors run).
    static const std::vector<Py_ssize_t>& layout(py::handle cls, std::initializer_list<const char*> fields) {
        struct known_class {
            py::object type;
            std::vector<std::string_view> fields;  // the call site's names (string literals)
            std::vector<Py_ssize_t> offsets;
        };
        static auto* known = new std::deque<known_class>;  // under the GIL; a deque keeps references valid
        const std::vector<std::string_view> names(fields.begin(), fields.end());
        for (const known_class& k : *known) {
            if (k.type.ptr() == cls.ptr() && k.fields == names) return k.offsets;
        }
        if (!PyType_Check(cls.ptr()) || reinterpret_cast<PyTypeObject*>(cls.ptr())->tp_new != PyBaseObject_Type.tp_new) {
            throw py::type_error("records need a class made with object.__new__");
        }
        const py::dict own = cls.attr("__dict__");
        std::vector<Py_ssize_t> offsets;
        for (const char* name : fields) {
            const py::object d = own.contains(name) ? py::object(own[name]) : py::object(py::none());
            if (Py_TYPE(d.ptr()) != &PyMemberDescr_Type) throw py::type_error(std::string("records need a slotted class with the field ") + name);
            const PyMemberDef* m = reinterpret_cast<PyMemberDescrObject*>(d.ptr())->d_member;
            if (m->type != T_OBJECT_EX || (m->flags & READONLY) != 0) throw py::type_error(std::string("records need a writable slot ") + name);
            offsets.push_back(m->offset);
        }
        known->push_back({py::reinterpret_borrow<py::object>(cls), names, std::move(offsets)});
        return known->back().offsets;
    }

    const std::vector<Py_ssize_t>& offsets_;
    PyTypeObject* type_ = nullptr;
};

/// The Python values of one call, each made once: strings by their view, source tuples by their
/// span, instants by second, enum members by code.
class value_cache {
public:
    explicit value_cache(const zone& z) : zone_(z) {}
    /// `s` as a str, made once per view: the reminders of one entry share its title and text (the
    /// same bytes), so a view's address and length find it without hashing the text.
    py::handle str(std::string_view s) {
        const view key{s.data(), s.size()};
        auto it = strings_.find(key);
        if (it == strings_.end()) it = strings_.emplace(key, to_str(s)).first;
        return it->second;
    }
    py::handle sources(std::span<const std::string_view> keys) {
        auto it = sources_.find(keys.data());
        if (it == sources_.end()) it = sources_.emplace(keys.data(), to_str_tuple(keys)).first;
        return it->second;
    }
    /// `t` as an aware datetime in the zone (to_datetime), made once per instant.
    py::handle instant(date::sys_seconds t) {
        auto it = instants_.find(t.time_since_epoch().count());
        if (it == instants_.end()) it = instants_.emplace(t.time_since_epoch().count(), to_datetime(t, zone_)).first;
        return it->second;
    }

private:
    struct view {
        const char* data;
        std::size_t size;
        bool operator==(const view&) const = default;
    };
    struct view_hash {
        std::size_t operator()(const view& v) const noexcept {
            return std::hash<const char*>{}(v.data) ^ (v.size * 0x9E3779B97F4A7C15ULL);
        }
    };
    const zone& zone_;
    std::unordered_map<view, py::object, view_hash> strings_;
    std::unordered_map<const void*, py::object> sources_;
    std::unordered_map<std::int64_t, py::object> instants_;
};

/// The members of a Python enum by the C++ enum's values: members[code] for every code of E.
template <class E>
std::vector<py::object> members_by_value(const py::dict& members) {
    std::vector<py::object> out;
    for (E e : all_values<E>()) out.push_back(members[to_str(to_string(e))]);
    return out;
}

/// `own` is the schedule's zone: `first` is a wall-clock reading there (DTSTART), shown in `z`.
item_dict series_dict(const reminder_series& x, const zone& own, const zone& z) {
    py::tuple instants(x.instants.size());
    for (std::size_t i = 0; i < x.instants.size(); ++i) instants[i] = to_datetime(x.instants[i], z);
    item_dict d;
    d["code"] = to_str(x.code);
    d["entry"] = to_str(x.entry);
    d["slot"] = to_str(to_string(x.slot));
    d["title"] = to_str(x.title);
    d["text"] = to_str(x.text);
    py::object first = to_wall_datetime(x.first, own);
    if (!z.tzinfo.is(own.tzinfo)) first = first.attr("astimezone")(z.tzinfo);  // the same instant
    d["first"] = std::move(first);
    d["count"] = py::int_(x.count());
    d["rrule"] = py::str(rrule(x));
    d["instants"] = std::move(instants);
    d["sources"] = to_str_tuple(x.sources);
    return d;
}

}  // namespace

void register_reminders(py::module_& m) {
    add_code_table<reminder_kind>();
    add_code_table<reminder_anchor>();

    py::class_<reminder_schedule>(m, "Schedule",
                                  "Reminders at the patient's local times (aftercare::reminder_schedule): immutable and shared.")
        .def("reminders", [](const reminder_schedule& s, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<item_dict> out;
            for (const reminder& r : s.reminders()) out.append(reminder_dict(r, z));
            return out;
        }, py::arg("tz") = py::none(),
           "Every reminder as a dict of plain values, sorted by instant; instants are aware datetimes in `tz`.")
        .def("reminder_objects", [](const reminder_schedule& s, const tz_arg& tz, const py::object& cls, const py::dict& kinds,
                                    const py::dict& anchors, const py::dict& slots) {
            const zone z = resolve_zone(tz, "tz");
            const slotted_records records(cls, {"code", "kind", "anchor", "title", "text", "entry", "slot", "at", "due",
                                                "window_end", "series", "sources"});
            const auto kind = members_by_value<reminder_kind>(kinds);
            const auto anchor = members_by_value<reminder_anchor>(anchors);
            const auto slot = members_by_value<routine_slot>(slots);
            value_cache cache(z);
            const auto reminders = s.reminders();
            const auto series = s.series();
            py::tuple out(reminders.size());
            for (std::size_t i = 0; i < reminders.size(); ++i) {
                const reminder& r = reminders[i];
                const py::handle none = py::none();
                out[i] = records.make({
                    cache.str(r.code), kind[static_cast<std::size_t>(r.kind)], anchor[static_cast<std::size_t>(r.anchor)],
                    cache.str(r.title), cache.str(r.text), r.entry.empty() ? none : cache.str(r.entry),
                    r.slot ? py::handle(slot[static_cast<std::size_t>(*r.slot)]) : none, cache.instant(r.at), cache.instant(r.due),
                    r.window_end ? cache.instant(*r.window_end) : none, r.series ? cache.str(series[*r.series].code) : none,
                    cache.sources(r.sources)});
            }
            return out;
        }, py::arg("tz"), py::arg("cls"), py::arg("kinds"), py::arg("anchors"), py::arg("slots"),
           "Every reminder as an instance of `cls` (aftercare.Reminder: a frozen, slotted dataclass; made without "
           "its __init__), sorted by instant; kinds, anchors and slots map each code to its enum member. Equal "
           "strings, source tuples and instants are shared between the records.")
        .def("series", [](const reminder_schedule& s, const tz_arg& tz) {
            const zone z = resolve_zone(tz, "tz");
            py::typing::List<item_dict> out;
            if (s.series().empty()) return out;
            const zone own = resolve_zone(py::str(std::string(s.zone()->name())), "tz");
            for (const reminder_series& x : s.series()) out.append(series_dict(x, own, z));
            return out;
        }, py::arg("tz") = py::none(),
           "Every daily series as a dict; `first` is the DTSTART wall-clock reading in the schedule's zone (fold=0), "
           "converted to `tz` when that is another zone.")
        .def("times", [](const reminder_schedule& s) {
            const routine_times& t = s.times();
            py::typing::Dict<py::str, time_obj> out;
            out["wake"] = to_time(t.wake);
            out["bed"] = to_time(t.bed);
            for (routine_slot slot : all_values<routine_slot>()) out[to_str(to_string(slot))] = to_time(t.at(slot));
            return out;
        }, "The times of day used, after defaults: wake, bed, morning, midday, evening, bedtime.")
        .def("horizon", [](const reminder_schedule& s, const tz_arg& tz) {
            return optional_datetime_obj(to_optional_datetime(s.horizon(), resolve_zone(tz, "tz")));
        }, py::arg("tz") = py::none(), "The last instant a reminder may be due, or None without a treatment time.")
        .def_property_readonly("zone_name", [](const reminder_schedule& s) -> std::optional<std::string> {
            if (s.zone() == nullptr) return std::nullopt;
            return std::string(s.zone()->name());
        }, "The IANA name of the schedule's zone as the tz database resolves it, or None.")
        .def_property_readonly("plan", [](const reminder_schedule& s) { return s.plan(); })
        .def("__len__", [](const reminder_schedule& s) { return s.reminders().size(); })
        .def("to_json", &json_of<reminder_schedule>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "The plan and its reminders as JSON (docs/schema/plan.schema.json), as `aftercare plan --format json` "
           "writes it; the entries' instants in `tz` (the schedule's zone when None); indent -1 writes one line.")
        .def("to_json_bytes", &json_bytes_of<reminder_schedule>, py::arg("tz") = py::none(), py::arg("indent") = 2,
           "to_json's document as UTF-8 bytes.")
        .def("to_text", &text_of<reminder_schedule>, py::arg("tz") = py::none(), py::arg("sources") = true,
           "The plan and its reminders as readable text, as `aftercare plan` prints it.")
        .def("to_ics", [](const reminder_schedule& s, const std::string& calendar_name, const optional_timedelta_obj& duration,
                          bool alarm) {
            ical_options options;
            options.calendar_name = calendar_name;  // a view of the argument, which outlives the call
            if (!duration.is_none()) options.duration = to_minutes(duration, "duration");
            options.alarm = alarm;
            const reminder_schedule copy = s;
            py::gil_scoped_release release;
            return to_ics(copy, options);
        }, py::arg("calendar_name") = "", py::arg("duration") = py::none(), py::arg("alarm") = true,
           "The reminders as an iCalendar document (RFC 5545, CRLF line ends), as `aftercare plan --format ics` "
           "writes it. Raises InvalidValueError without a treatment time, or for a duration outside 1 min–24 h.");

    m.def("schedule", [](const plan& p, const tz_arg& tz, const optional_time_arg& wake, const optional_time_arg& bed,
                         const optional_time_arg& morning, const optional_time_arg& midday, const optional_time_arg& evening,
                         const optional_time_arg& bedtime, const optional_timedelta_obj& horizon) {
        const zone_ref zone = resolve_zone(tz, "tz").tz;
        preferences prefs = times_of_day(wake, bed, morning, midday, evening, bedtime);
        prefs.zone = zone;
        if (!horizon.is_none()) prefs.horizon = to_minutes(horizon, "horizon");
        const plan copy = p;
        py::gil_scoped_release release;
        return schedule(copy, prefs);
    }, py::arg("plan"), py::arg("tz") = py::none(), py::arg("wake") = py::none(), py::arg("bed") = py::none(),
       py::arg("morning") = py::none(), py::arg("midday") = py::none(), py::arg("evening") = py::none(),
       py::arg("bedtime") = py::none(), py::arg("horizon") = py::none(),
       "The reminders for a plan at the patient's local times (None: the library's default for that preference; "
       "the zone is required when the plan has a treatment time). Runs without the GIL.");
}

}  // namespace aftercare::python
