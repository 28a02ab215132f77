// Private to the Python extension: conversions shared by the register_<topic>.cpp files.
//
// Time is converted explicitly, never through pybind11/chrono.h: pybind11's chrono caster turns a
// system_clock::time_point into a *naive local* datetime and ignores tzinfo on the way in, which
// would make every result depend on the machine's zone. Here an instant crosses the boundary only
// as an aware datetime.datetime, a duration only as a datetime.timedelta, and a zone as an IANA key
// (str, zoneinfo.ZoneInfo) resolved by the library's own tz database.
//
// Everything here needs the GIL.
#pragma once

#include <aftercare/error.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/types.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace aftercare::python {

namespace py = pybind11;

// --- argument types whose stub annotation pybind11 cannot know ----------------------------------
// Accepted as any object by pybind11; the conversion functions below check them and raise
// aftercare errors (or TypeError) with the field named.

inline int accept_any(PyObject* /*unused*/) noexcept { return 1; }

#define AFTERCARE_PY_ANNOTATED(Name)                                        \
    class Name : public py::object {                                        \
    public:                                                                 \
        PYBIND11_OBJECT_DEFAULT(Name, py::object, ::aftercare::python::accept_any) \
    }

AFTERCARE_PY_ANNOTATED(datetime_obj);           // datetime.datetime
AFTERCARE_PY_ANNOTATED(optional_datetime_obj);  // datetime.datetime | None
AFTERCARE_PY_ANNOTATED(timedelta_obj);          // datetime.timedelta
AFTERCARE_PY_ANNOTATED(tz_arg);                 // str | datetime.tzinfo | None
AFTERCARE_PY_ANNOTATED(tzinfo_obj);             // datetime.tzinfo
AFTERCARE_PY_ANNOTATED(codes_arg);              // str | collections.abc.Iterable[str]
AFTERCARE_PY_ANNOTATED(skin_type_arg);          // int | str
AFTERCARE_PY_ANNOTATED(optional_code_arg);      // str | None
AFTERCARE_PY_ANNOTATED(time_arg);               // datetime.time | str
AFTERCARE_PY_ANNOTATED(time_obj);               // datetime.time
AFTERCARE_PY_ANNOTATED(date_arg);               // datetime.date | str
AFTERCARE_PY_ANNOTATED(date_obj);               // datetime.date
AFTERCARE_PY_ANNOTATED(optional_time_arg);      // datetime.time | str | None
AFTERCARE_PY_ANNOTATED(optional_date_arg);      // datetime.date | str | None
AFTERCARE_PY_ANNOTATED(optional_date_obj);      // datetime.date | None
AFTERCARE_PY_ANNOTATED(optional_timedelta_obj); // datetime.timedelta | None

#undef AFTERCARE_PY_ANNOTATED

// --- instants and durations ---------------------------------------------------------------------

/// The UTC instant of an aware datetime (sub-second parts are floored: the library works in whole
/// seconds). Throws aftercare::invalid_value naming `field` for a naive datetime, and
/// py::type_error for anything that is not a datetime.datetime.
[[nodiscard]] date::sys_seconds to_sys_seconds(py::handle value, std::string_view field);

/// As to_sys_seconds, but None (and pandas' NaT) give nullopt.
[[nodiscard]] std::optional<date::sys_seconds> to_optional_sys_seconds(py::handle value, std::string_view field);

/// A time zone resolved for output: the library's zone (null means UTC, written "Z") and the
/// Python tzinfo that datetimes handed back carry (datetime.timezone.utc or a zoneinfo.ZoneInfo).
struct zone {
    const date::time_zone* tz = nullptr;
    py::object tzinfo;
    /// tzinfo is the zoneinfo.ZoneInfo of tz's key from ZoneInfo's cache (not a subclass, not one
    /// from a file of the caller's): it reads the same tz files, so to_datetime may fill in the
    /// local fields and fold itself instead of calling fromutc.
    bool zoneinfo = false;
};

/// Resolves None or datetime.timezone.utc (UTC), an IANA name, a zoneinfo.ZoneInfo (its key) or
/// any tzinfo with a `key` or `zone` attribute naming an IANA zone. Throws time_zone_error naming
/// `field` otherwise (a fixed offset such as timezone(timedelta(hours=2)) has no rules to follow).
[[nodiscard]] zone resolve_zone(py::handle tz, std::string_view field);

/// The aware datetime of `t`, in `z`'s tzinfo (the same instant, always).
[[nodiscard]] py::object to_datetime(date::sys_seconds t, const zone& z);

/// As to_datetime, or None.
[[nodiscard]] py::object to_optional_datetime(const std::optional<date::sys_seconds>& t, const zone& z);

/// The aware datetime whose wall-clock reading is `local`, with `z`'s tzinfo and fold=0. For a
/// reading that does not exist (a spring-forward gap) zoneinfo then takes the offset before the
/// gap, so the instant is the reading moved forward by the gap; for a repeated reading it is the
/// earlier instant: the library's rule (time.hpp) and RFC 5545's. For a series' DTSTART.
[[nodiscard]] py::object to_wall_datetime(date::local_seconds local, const zone& z);

/// The datetime.timedelta of `d`.
[[nodiscard]] py::object to_timedelta(std::chrono::seconds d);

/// The whole seconds of a datetime.timedelta (sub-seconds floored); py::type_error naming `field`
/// for anything else. For durations going in (schedule()'s horizon).
[[nodiscard]] std::chrono::seconds to_duration(py::handle value, std::string_view field);

// --- wall-clock times of day and civil dates (for schedule()'s preferences and screen()'s as_of) ---

/// A time of day from a naive datetime.time in whole minutes, or "HH:MM" (parse_time_of_day).
/// Throws invalid_value naming `field` for an aware time (a time of day has no zone), seconds, or
/// other text; py::type_error for other types.
[[nodiscard]] std::chrono::minutes to_time_of_day(py::handle value, std::string_view field);
/// to_time_of_day, or nullopt for None (the library's default for that preference).
[[nodiscard]] std::optional<std::chrono::minutes> optional_time_of_day(py::handle value, std::string_view field);
/// The times of day of schedule()'s preferences (None: the library's default for that one); the zone
/// and horizon are the caller's.
[[nodiscard]] preferences times_of_day(py::handle wake, py::handle bed, py::handle morning, py::handle midday, py::handle evening,
                                       py::handle bedtime);

/// The naive datetime.time of a time of day (00:00–23:59).
[[nodiscard]] time_obj to_time(std::chrono::minutes time_of_day);

/// A civil date from a datetime.date, or "YYYY-MM-DD" (parse_date). A datetime.datetime is
/// rejected (its date depends on a zone: pass .date() in the patient's zone). Throws invalid_value
/// naming `field`; py::type_error for other types.
[[nodiscard]] date::year_month_day to_civil_date(py::handle value, std::string_view field);

/// The datetime.date of a civil date.
[[nodiscard]] date_obj to_date(date::year_month_day d);

/// As to_date, or None.
[[nodiscard]] optional_date_obj to_optional_date(const std::optional<date::year_month_day>& d);

// --- text ---------------------------------------------------------------------------------------

/// A result item handed to Python: a dict of plain values (str, int, timedelta, aware datetime, tuples).
using item_dict = py::typing::Dict<py::str, py::object>;

/// A Python str copied from a view into the library's data.
[[nodiscard]] inline py::str to_str(std::string_view s) { return {s.data(), s.size()}; }

/// A tuple of str copied from views (source keys, notes).
[[nodiscard]] py::tuple to_str_tuple(std::span<const std::string_view> items);

/// The codes of a set, in enumerator order, as a tuple of str.
template <code_enum E>
[[nodiscard]] py::tuple to_code_tuple(enum_set<E> set) {
    py::tuple out(set.size());
    std::size_t i = 0;
    for (E e : set) out[i++] = to_str(to_string(e));
    return out;
}

/// The code of an optional enumerator, or None.
template <code_enum E>
[[nodiscard]] py::object to_optional_code(const std::optional<E>& e) {
    if (!e) return py::none();
    return to_str(to_string(*e));
}

// --- codes --------------------------------------------------------------------------------------

/// True for a missing value as Python and pandas write it: None, NaN, pandas.NaT, pandas.NA.
[[nodiscard]] bool is_missing(py::handle value);

/// The code in `value`, or nullopt when it is missing (see is_missing). TypeError for a non-str.
[[nodiscard]] std::optional<std::string> optional_code(py::handle value, std::string_view field);

/// The codes in `value`: a missing value gives none, a str is one code, any other iterable gives its items.
/// Each must be a str (TypeError otherwise); the codes themselves are checked by parse_code.
[[nodiscard]] std::vector<std::string> code_list(py::handle value, std::string_view field);

/// A Fitzpatrick skin type from an int (1–6; others are kept and rejected by make_plan) or a
/// str: "I"…"VI" or "1"…"6". Throws invalid_value naming "skin_type" for other text.
[[nodiscard]] skin_type to_skin_type(py::handle value);

// --- code tables ----------------------------------------------------------------------------

/// Adds an enumeration's code table to what _core.codes() returns (the Python enums are checked
/// against it). Each register_<topic> adds the tables of its own types, during module init.
void add_code_table(std::string_view field, std::span<const std::string_view> codes);

template <code_enum E>
void add_code_table() {
    add_code_table(detail::code_table<E>::field, detail::code_table<E>::codes);
}

/// Every table added so far, in the order added.
[[nodiscard]] std::span<const std::pair<std::string_view, std::span<const std::string_view>>> code_tables();

// --- errors -------------------------------------------------------------------------------------

/// The Python exception object (an aftercare.Error subclass from aftercare._errors) for `e`, with
/// its attributes (id, field, value, allowed; origin, line, column, pointer, expected).
[[nodiscard]] py::object error_object(const aftercare::error& e);

/// Raises `e` as its Python exception with a note (PEP 678) added, e.g. "in row 17 of the batch".
[[noreturn]] void raise_with_note(const aftercare::error& e, const std::string& note);

}  // namespace aftercare::python

namespace pybind11::detail {
#define AFTERCARE_PY_TYPE_NAME(Type, Text) \
    template <>                            \
    struct handle_type_name<::aftercare::python::Type> { static constexpr auto name = const_name(Text); }
AFTERCARE_PY_TYPE_NAME(datetime_obj, "datetime.datetime");
AFTERCARE_PY_TYPE_NAME(optional_datetime_obj, "datetime.datetime | None");
AFTERCARE_PY_TYPE_NAME(timedelta_obj, "datetime.timedelta");
AFTERCARE_PY_TYPE_NAME(tz_arg, "str | datetime.tzinfo | None");
AFTERCARE_PY_TYPE_NAME(tzinfo_obj, "datetime.tzinfo");
AFTERCARE_PY_TYPE_NAME(codes_arg, "str | collections.abc.Iterable[str] | None");
AFTERCARE_PY_TYPE_NAME(skin_type_arg, "int | str");
AFTERCARE_PY_TYPE_NAME(optional_code_arg, "str | None");
AFTERCARE_PY_TYPE_NAME(time_arg, "datetime.time | str");
AFTERCARE_PY_TYPE_NAME(time_obj, "datetime.time");
AFTERCARE_PY_TYPE_NAME(date_arg, "datetime.date | str");
AFTERCARE_PY_TYPE_NAME(date_obj, "datetime.date");
AFTERCARE_PY_TYPE_NAME(optional_time_arg, "datetime.time | str | None");
AFTERCARE_PY_TYPE_NAME(optional_date_arg, "datetime.date | str | None");
AFTERCARE_PY_TYPE_NAME(optional_date_obj, "datetime.date | None");
AFTERCARE_PY_TYPE_NAME(optional_timedelta_obj, "datetime.timedelta | None");
#undef AFTERCARE_PY_TYPE_NAME
}  // namespace pybind11::detail
